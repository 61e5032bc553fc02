//! The audit log: who changed what, when.

use super::layout::{page as frame, when, Nav};
use crate::auth::Ctx;
use crate::error::PageResult;
use crate::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use maud::html;
use serde_json::Value;

pub fn action_ja(a: &str) -> &str {
    match a {
        "ingest" => "登録",
        "edit" => "修正",
        "label" => "ラベル",
        "merge" => "統合",
        "split" => "分割",
        "reextract" => "再抽出",
        "import" => "インポート",
        other => other,
    }
}

/// A short text of an audit row's detail.
pub fn detail_text(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        s.chars().take(300).collect::<String>() + "…"
    } else {
        s
    }
}

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> PageResult<Response> {
    let entries = st.read(|s| Ok(s.audit_log(None, 300)?)).await?;
    let body = html! {
        h1 { "監査ログ" }
        p.help { "登録・修正・ラベルなど、事例集へのすべての変更の記録です (新しい順、最大300件)。API: " code { "GET /api/audit" } }
        table.hist.audit-log {
            thead { tr { th { "日時" } th { "担当" } th { "操作" } th { "事案" } th { "文書" } th { "内容" } } }
            tbody {
                @for e in &entries {
                    tr {
                        td.small.nw { (when(&e.at)) }
                        td.nw { (e.who) }
                        td.nw { (action_ja(&e.action)) }
                        td.nw { @if let Some(n) = &e.incident { a href=(format!("/incidents/{n}")) { "#" (n) } } }
                        td.nw { @if let Some(d) = e.document_id { a href=(format!("/documents/{d}")) { "文書 " (d) } } }
                        td.detail { code { (detail_text(&e.detail)) } }
                    }
                }
            }
        }
    };
    Ok(frame(&ctx, "監査ログ", Nav::Audit, body).into_response())
}
