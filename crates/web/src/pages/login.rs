//! Sign-in and sign-out (sign-in mode).

use super::form::{checked_form, field};
use super::layout::{bare, csrf};
use crate::auth::{Ctx, COOKIE};
use crate::error::PageResult;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use maud::{html, Markup};

/// Only same-site paths are followed after sign-in.
pub fn safe_next(n: &str) -> String {
    if n.starts_with('/')
        && !n.starts_with("//")
        && !n.starts_with("/\\")
        && !n.contains(['\r', '\n'])
    {
        n.to_string()
    } else {
        "/".into()
    }
}

fn login_body(ctx: &Ctx, next: &str, error: Option<&str>) -> Markup {
    html! {
        section.login {
            h1 { "ログイン" }
            @if ctx.open {
                p { "このサーバーはローカル専用 (127.0.0.1) で、ログインは不要です。" a href="/" { "事例一覧へ" } }
            } @else {
                @if let Some(e) = error { div.flash.warn role="alert" { (e) } }
                form method="post" action="/login" {
                    (csrf(ctx))
                    input type="hidden" name="next" value=(next);
                    label for="login-user" { "ユーザー名" }
                    input #login-user type="text" name="user" autocomplete="username" required maxlength="64" autofocus;
                    label for="login-password" { "パスワード" }
                    input #login-password type="password" name="password" autocomplete="current-password" required maxlength="1024";
                    button.primary type="submit" { "ログイン" }
                }
                p.help { "管理者はユーザー名 admin と管理者トークンでログインし、「ユーザー」画面で閲覧者・編集者を登録します。" }
            }
        }
    }
}

pub async fn form(Extension(ctx): Extension<Ctx>, RawQuery(q): RawQuery) -> PageResult<Response> {
    let p = crate::params::pairs(q.as_deref());
    let next = safe_next(field(&p, "next"));
    Ok(bare("ログイン", login_body(&ctx, &next, None)).into_response())
}

pub async fn submit(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let next = safe_next(field(&form, "next"));
    let user = field(&form, "user").to_string();
    let password = field(&form, "password").to_string();
    let st2 = st.clone();
    let who = user.clone();
    let principal =
        tokio::task::spawn_blocking(move || st2.auth.verify_password(&who, &password)).await?;
    match principal {
        Some(p) => {
            tracing::info!(user = %p.name, role = p.role.as_str(), "signed in");
            let token = st.auth.start_session(p);
            let mut res = Redirect::to(&next).into_response();
            res.headers_mut()
                .append(header::SET_COOKIE, st.auth.cookie(&token));
            Ok(res)
        }
        None => {
            tracing::warn!(user = %user, "sign-in failed");
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            Ok((
                StatusCode::UNAUTHORIZED,
                bare(
                    "ログイン",
                    login_body(&ctx, &next, Some("ユーザー名またはパスワードが違います")),
                ),
            )
                .into_response())
        }
    }
}

pub async fn logout(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    checked_form(&ctx, body)?;
    st.auth.end_session(&ctx.sid);
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        header::HeaderValue::from_str(&format!(
            "{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        ))
        .unwrap_or_else(|_| header::HeaderValue::from_static("")),
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_is_same_site() {
        assert_eq!(
            super::safe_next("/incidents/2024-001"),
            "/incidents/2024-001"
        );
        assert_eq!(super::safe_next("//evil.example"), "/");
        assert_eq!(super::safe_next("https://evil.example"), "/");
        assert_eq!(super::safe_next("/\\evil"), "/");
    }
}
