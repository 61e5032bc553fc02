//! The frame of every page (header, navigation, the user), the error page, and the embedded
//! stylesheet and script.

use crate::auth::{Ctx, Role};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

const CSS: &str = include_str!("../../static/app.css");
const JS: &str = include_str!("../../static/app.js");

/// Which navigation entry is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Casebook,
    New,
    Cases,
    Stats,
    Audit,
    Review,
    Admin,
    None,
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " — 事件簿" }
            link rel="icon" href="data:,";
            link rel="stylesheet" href="/static/app.css";
            script src="/static/app.js" defer {}
        }
    }
}

fn nav_link(href: &str, label: &str, me: Nav, current: Nav) -> Markup {
    html! {
        @if me == current {
            a href=(href) aria-current="page" { (label) }
        } @else {
            a href=(href) { (label) }
        }
    }
}

/// A full page.
pub fn page(ctx: &Ctx, title: &str, current: Nav, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="ja" {
            (head(title))
            body {
                header.top {
                    a.brand href="/" { span.kanji { "事件簿" } span.latin { "Jikenbo" } }
                    nav {
                        (nav_link("/", "事例一覧", Nav::Casebook, current))
                        @if ctx.can(Role::Editor) {
                            (nav_link("/new", "新規登録", Nav::New, current))
                            (nav_link("/cases", "自組織の事案", Nav::Cases, current))
                        }
                        (nav_link("/review", "要確認", Nav::Review, current))
                        (nav_link("/stats", "統計", Nav::Stats, current))
                        (nav_link("/audit", "監査ログ", Nav::Audit, current))
                        @if ctx.can(Role::Admin) && !ctx.open {
                            (nav_link("/admin/users", "ユーザー", Nav::Admin, current))
                        }
                    }
                    div.user {
                        @match &ctx.principal {
                            Some(p) => {
                                span.who title=(p.role.as_str()) { (p.name) " (" (p.role.ja()) ")" }
                                @if !ctx.open {
                                    form.inline method="post" action="/logout" {
                                        input type="hidden" name="_csrf" value=(ctx.csrf);
                                        button.link type="submit" { "ログアウト" }
                                    }
                                } @else {
                                    span.mode title="127.0.0.1 でのみ待ち受けています" { "ローカル" }
                                }
                            }
                            None => { a href="/login" { "ログイン" } }
                        }
                    }
                }
                main { (body) }
                footer {
                    "事件簿 Jikenbo — 個人情報漏えい事案の事例集 · "
                    a href="/api/openapi.json" { "API (OpenAPI)" }
                }
            }
        }
    }
}

/// A page without a user (errors, sign-in).
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="ja" {
            (head(title))
            body {
                header.top {
                    a.brand href="/" { span.kanji { "事件簿" } span.latin { "Jikenbo" } }
                }
                main { (body) }
            }
        }
    }
}

pub fn error_page(status: StatusCode, title: &str, message: &str) -> Markup {
    bare(
        title,
        html! {
            section.error-page {
                h1 { (title) }
                p.status { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) }
                p.message { (message) }
                p { a href="/" { "事例一覧へ戻る" } }
            }
        },
    )
}

pub async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

pub async fn js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        JS,
    )
        .into_response()
}

/// A hidden CSRF field.
pub fn csrf(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name="_csrf" value=(ctx.csrf); }
}

/// `2024-05-01T09:30:00Z` → `2024-05-01 09:30 UTC`.
pub fn when(ts: &str) -> String {
    if ts.len() >= 16 && ts.as_bytes().get(10) == Some(&b'T') {
        format!("{} {} UTC", &ts[..10], &ts[11..16])
    } else {
        ts.to_string()
    }
}
