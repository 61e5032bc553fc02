//! User management (sign-in mode, admin only).

use super::form::{checked_form, field};
use super::layout::{csrf, page as frame, when, Nav};
use crate::auth::{Ctx, Role};
use crate::error::{PageResult, WebError};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use maud::html;

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> PageResult<Response> {
    ctx.require(Role::Admin)?;
    let users = st.auth.list_users();
    // account changes: the store's audit log, action `account`
    let events = st
        .read(|s| {
            Ok(s.audit_query(&jikenbo_store::AuditFilter {
                action: Some("account".into()),
                limit: 50,
                ..Default::default()
            })?
            .0)
        })
        .await?;
    let body = html! {
        h1 { "ユーザー" }
        @if ctx.open {
            p.flash.warn { "ローカル専用モードではユーザー管理は使いません (管理者トークンを設定すると有効になります)。" }
        }
        p.help { "閲覧者は読むだけ、編集者は登録・修正・ラベル付けができます。ユーザー一覧は " code { (st.auth.users_path().display().to_string()) } " に保存されます (パスワードは Argon2id のハッシュ)。" }
        table.hist {
            thead { tr { th { "ユーザー名" } th { "権限" } th { "作成" } th {} } }
            tbody {
                @for u in &users {
                    tr {
                        td { (u.name) }
                        td { (u.role.ja()) " (" (u.role.as_str()) ")" }
                        td.small { (when(&u.created_at)) " · " (u.created_by) }
                        td {
                            form.inline method="post" action="/admin/users" {
                                (csrf(&ctx))
                                input type="hidden" name="action" value="delete";
                                input type="hidden" name="name" value=(u.name);
                                button.small type="submit" { "削除" }
                            }
                        }
                    }
                }
            }
        }
        h2 { "ユーザーの追加・変更" }
        form.edit method="post" action="/admin/users" {
            (csrf(&ctx))
            input type="hidden" name="action" value="put";
            div.grid {
                label for="u-name" { "ユーザー名" }
                input #u-name type="text" name="name" required maxlength="32" pattern="[A-Za-z0-9._-]{1,32}";
                label for="u-role" { "権限" }
                select #u-role name="role" { option value="viewer" { "閲覧者 (viewer)" } option value="editor" { "編集者 (editor)" } }
                label for="u-password" { "パスワード (10文字以上)" }
                input #u-password type="password" name="password" required minlength="10" maxlength="1024" autocomplete="new-password";
            }
            button.primary type="submit" { "保存" }
        }
        @if !events.is_empty() {
            h2 { "アカウントの変更履歴" }
            table.hist {
                thead { tr { th { "日時" } th { "担当" } th { "操作" } th { "ユーザー" } th { "権限" } } }
                tbody {
                    @for e in &events {
                        tr {
                            td.small { (when(&e.at)) }
                            td { (e.who) }
                            td { (account_change_ja(e.detail["change"].as_str().unwrap_or(""))) }
                            td { (e.detail["user"].as_str().unwrap_or("")) }
                            td { (e.detail["role"].as_str().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    };
    Ok(frame(&ctx, "ユーザー", Nav::Admin, body).into_response())
}

pub async fn submit(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let by = ctx.require(Role::Admin)?.name.clone();
    if ctx.open {
        return Err(WebError::bad("ローカル専用モードではユーザーを管理できません").into());
    }
    let name = field(&form, "name").trim().to_string();
    match field(&form, "action") {
        "delete" => {
            let change = st.auth.delete_user(&name, &by)?;
            st.write(move |s| change.record(s)).await?;
        }
        _ => {
            let role = Role::parse(field(&form, "role"))
                .ok_or_else(|| WebError::bad("権限は viewer か editor です"))?;
            let password = field(&form, "password").to_string();
            let st2 = st.clone();
            let (_, change) =
                tokio::task::spawn_blocking(move || st2.auth.put_user(&name, role, &password, &by))
                    .await??;
            st.write(move |s| change.record(s)).await?;
        }
    }
    Ok(Redirect::to("/admin/users").into_response())
}

/// An account change in Japanese.
fn account_change_ja(c: &str) -> &str {
    match c {
        "create_user" => "追加",
        "update_user" => "変更",
        "delete_user" => "削除",
        other => other,
    }
}
