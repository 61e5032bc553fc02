//! The audit log: who changed what, when.

use super::layout::{page as frame, when, Nav};
use crate::auth::Ctx;
use crate::error::PageResult;
use crate::AppState;
use axum::extract::{RawQuery, State};
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
        "account" => "アカウント",
        "dupes" => "重複候補の検出",
        "dupe-dismiss" => "別件と判断",
        "dupe-reopen" => "重複候補を再開",
        "review" => "確認済み",
        "review-undo" => "確認の取消",
        other => other,
    }
}

/// A short text of an audit row's detail: `key: value` pairs for an object (strings without
/// quotes, nested values as JSON), cut at 300 characters.
pub fn detail_text(v: &Value) -> String {
    let s = match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| match v {
                Value::String(t) => format!("{k}: {t}"),
                Value::Null => format!("{k}: -"),
                other => format!("{k}: {other}"),
            })
            .collect::<Vec<_>>()
            .join(" / "),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    if s.chars().count() > 300 {
        s.chars().take(300).collect::<String>() + "…"
    } else {
        s
    }
}

const PER: usize = 100;

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> PageResult<Response> {
    let p = crate::params::pairs(q.as_deref());
    let f = crate::params::audit_filter(&p, PER)?;
    let shown = f.clone();
    let ((entries, total), (people, actions)) = st
        .read(move |s| Ok((s.audit_query(&f)?, s.audit_choices()?)))
        .await?;
    let query = |offset: usize| {
        let mut v: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, x: &Option<String>| {
            if let Some(x) = x {
                v.push((k.into(), x.clone()));
            }
        };
        put("who", &shown.who);
        put("action", &shown.action);
        put("from", &shown.from);
        put("to", &shown.to);
        if offset > 0 {
            v.push(("offset".into(), offset.to_string()));
        }
        let q: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(v)
            .finish();
        if q.is_empty() {
            "/audit".to_string()
        } else {
            format!("/audit?{q}")
        }
    };
    let sel = |a: &Option<String>, x: &str| a.as_deref() == Some(x);
    let body = html! {
        h1 { "監査ログ" }
        p.help { "登録・修正・ラベルなど、事例集へのすべての変更の記録です (新しい順)。API: " code { "GET /api/audit?who=&action=&from=&to=&incident=" } }
        form.filters method="get" action="/audit" {
            label { "担当 " select name="who" {
                option value="" { "すべて" }
                @for w in &people { option value=(w) selected[sel(&shown.who, w)] { (w) } }
            } }
            " "
            label { "操作 " select name="action" {
                option value="" { "すべて" }
                @for a in &actions { option value=(a) selected[sel(&shown.action, a)] { (action_ja(a)) } }
            } }
            " "
            label { "期間 " input type="date" name="from" value=[shown.from.as_deref()]; }
            " 〜 "
            input type="date" name="to" value=[shown.to.as_deref()];
            " "
            button type="submit" { "絞り込む" }
            " "
            a href="/audit" { "解除" }
        }
        p.small { (total) " 件中 " (shown.offset.min(total as usize) + usize::from(!entries.is_empty())) "〜" (shown.offset + entries.len()) " 件" }
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
                        td.detail { (detail_text(&e.detail)) }
                    }
                }
            }
        }
        p.pager {
            @if shown.offset > 0 { a href=(query(shown.offset.saturating_sub(shown.limit))) { "← 新しい" } " " }
            @if (shown.offset + entries.len()) < total as usize { a href=(query(shown.offset + shown.limit)) { "古い →" } }
        }
    };
    Ok(frame(&ctx, "監査ログ", Nav::Audit, body).into_response())
}
