//! Statistics: incidents and persons by year, month, cause, actor, sector and size bucket, as
//! SVG bar charts drawn on the server, with the numbers as tables.

use super::layout::{page as frame, Nav};
use crate::auth::Ctx;
use crate::error::PageResult;
use crate::params::{encode, pairs, parse_filter, parse_text};
use crate::svg::{columns, hbars, Bar};
use crate::util::commas;
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use jikenbo_store::{GroupBy, Stats};
use maud::{html, Markup};

pub const GROUPS: &[(GroupBy, &str)] = &[
    (GroupBy::Year, "年別"),
    (GroupBy::Month, "月別"),
    (GroupBy::Cause, "原因別"),
    (GroupBy::Actor, "行為者別"),
    (GroupBy::Sector, "業種別"),
    (GroupBy::Size, "規模 (人数) 別"),
];

/// The casebook link of one group (None when the group cannot be filtered on).
fn casebook_link(by: GroupBy, key: &str, view: &[(String, String)]) -> Option<String> {
    if key == "unknown" && by != GroupBy::Size {
        return None;
    }
    let mut p: Vec<(String, String)> = view.to_vec();
    let mut set = |k: &str, v: &str| {
        p.retain(|(x, _)| x != k);
        p.push((k.to_string(), v.to_string()));
    };
    match by {
        GroupBy::Year => set("year", key),
        GroupBy::Month => {
            if key.contains('?') {
                return None;
            }
            set("from", key);
            set("to", key);
        }
        GroupBy::Cause => set("cause", key),
        GroupBy::Actor => set("actor", key),
        GroupBy::Sector => set("sector", key),
        GroupBy::Size => set("size", key),
        _ => return None,
    }
    Some(format!("/{}", encode(&p)))
}

fn short_label(by: GroupBy, label: &str, key: &str) -> String {
    match by {
        GroupBy::Year => key.to_string(),
        GroupBy::Month if key.len() == 7 => key.to_string(),
        GroupBy::Actor => label.split(" (").next().unwrap_or(label).to_string(),
        _ => label.to_string(),
    }
}

fn group_section(by: GroupBy, title: &str, s: &Stats, view: &[(String, String)]) -> Markup {
    let time = matches!(by, GroupBy::Year | GroupBy::Month);
    let bars = |persons: bool| -> Vec<Bar> {
        s.rows
            .iter()
            .filter(|r| !(time && r.key == "unknown"))
            .map(|r| Bar {
                label: short_label(by, &r.label, &r.key),
                value: if persons { r.persons } else { r.incidents },
                href: casebook_link(by, &r.key, view),
            })
            .collect()
    };
    let chart = |t: &str, unit: &str, b: &[Bar]| {
        if time {
            columns(t, unit, b)
        } else {
            hbars(t, unit, b)
        }
    };
    html! {
        section.stat id=(format!("by-{}", by.as_str())) {
            h2 { (title) }
            div.charts {
                figure {
                    figcaption { "件数" }
                    (chart(&format!("{title}の件数"), "件", &bars(false)))
                }
                figure {
                    figcaption { "人数 (判明分の合計)" }
                    (chart(&format!("{title}の人数"), "人", &bars(true)))
                }
            }
            details.numbers open[!time] {
                summary { "数値の表" }
                table.stats {
                    thead { tr { th { "区分" } th.n { "件数" } th.n { "人数" } th.n { "人数判明の件数" } } }
                    tbody {
                        @for r in &s.rows {
                            tr {
                                td {
                                    @match casebook_link(by, &r.key, view) {
                                        Some(h) => { a href=(h) { (r.label) } }
                                        None => { (r.label) }
                                    }
                                }
                                td.n { (commas(r.incidents)) }
                                td.n { (commas(r.persons)) }
                                td.n { (commas(r.with_count)) }
                            }
                        }
                    }
                    tfoot {
                        tr { th { "合計 (事案ごとに1回)" } td.n { (commas(s.total.incidents)) } td.n { (commas(s.total.persons)) } td.n { (commas(s.total.with_count)) } }
                    }
                }
            }
        }
    }
}

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> PageResult<Response> {
    let p = pairs(q.as_deref());
    let filter = parse_filter(&p)?;
    let text = parse_text(&p)?;
    let view: Vec<(String, String)> = p
        .iter()
        .filter(|(k, v)| !v.is_empty() && !matches!(k.as_str(), "page" | "per" | "sort"))
        .cloned()
        .collect();
    let st2 = st.clone();
    let stats = st
        .read(move |s| {
            let mut out = Vec::new();
            for (by, _) in GROUPS {
                out.push(crate::service::cached_stats(
                    s,
                    &st2.cache,
                    *by,
                    &filter,
                    text.as_deref(),
                )?);
            }
            Ok(out)
        })
        .await?;
    let total = stats.first().map(|s| s.total.clone()).unwrap_or_default();
    let review = stats.first().map(|s| s.review).unwrap_or_default();
    let body = html! {
        h1 { "統計" }
        form.search method="get" action="/stats" role="search" {
            @for (k, v) in &view { @if k != "q" { input type="hidden" name=(k) value=(v); } }
            input type="search" name="q" value=(view.iter().find(|(k, _)| k == "q").map(|(_, v)| v.as_str()).unwrap_or(""))
                placeholder="検索語で絞り込み (例: ランサムウェア)" aria-label="検索語";
            button type="submit" { "集計" }
            @if !view.is_empty() { a.clear href="/stats" { "✕ 条件を解除" } }
        }
        p.total-line {
            "対象: " strong { (commas(total.incidents)) } " 件、人数の合計 " strong { (commas(total.persons)) } " 人 (人数判明 " (commas(total.with_count)) " 件)"
            @if !view.is_empty() { " · " a href=(format!("/{}", encode(&view))) { "この条件の一覧" } }
        }
        p.review-line {
            "事案は文書の数にかかわらず1件と数えます。事件簿全体で、未確認の疑わしい記録 "
            strong #stats-flagged { (commas(review.flagged)) } " 件、未判断の重複候補 "
            strong #stats-pairs { (commas(review.duplicate_pairs)) } " 組 (重複が統合されるまで件数は多めになります) · "
            a href="/review" { "要確認へ" }
        }
        nav.jump {
            @for (by, title) in GROUPS { a href=(format!("#by-{}", by.as_str())) { (title) } }
        }
        @for (s, (by, title)) in stats.iter().zip(GROUPS) {
            (group_section(*by, title, s, &view))
        }
    };
    Ok(frame(&ctx, "統計", Nav::Stats, body).into_response())
}
