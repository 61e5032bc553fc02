//! The casebook: search box, facets, sortable list, pages, downloads of the view.

use super::layout::{page as frame, Nav};
use crate::auth::Ctx;
use crate::error::PageResult;
use crate::params::{encode, pairs, parse_list, sort_ja, ListParams};
use crate::util::commas;
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use jikenbo_store::{FacetCount, Facets, Hit, SearchResults, Sort};
use maud::{html, Markup};

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> PageResult<Response> {
    let p = parse_list(pairs(q.as_deref()))?;
    let p2 = p.clone();
    let st2 = st.clone();
    let results = st
        .read(move |s| crate::service::list(s, &st2.cache, &p2, true))
        .await?;
    Ok(frame(&ctx, "事例一覧", Nav::Casebook, body(&p, &results)).into_response())
}

fn facet_group(
    p: &ListParams,
    title: &str,
    key: &str,
    items: &[FacetCount],
    single: bool,
    max: usize,
) -> Markup {
    let filterable = |f: &FacetCount| f.key != "unknown" || key == "size";
    html! {
        @if !items.is_empty() {
            section.facet {
                h3 { (title) }
                ul {
                    @for f in items.iter().take(max) {
                        @let on = if single { p.pairs.iter().any(|(k, v)| k == key && v == &f.key) } else { p.has(key, &f.key) };
                        li class=[on.then_some("on")] {
                            @if filterable(f) {
                                @let href = if single {
                                    if on { p.with(key, None) } else { p.with(key, Some(&f.key)) }
                                } else { p.toggle(key, &f.key) };
                                a href=(if href.is_empty() { "/".to_string() } else { format!("/{href}") })
                                    data-facet=(key) data-value=(f.key) {
                                    span.box aria-hidden="true" { @if on { "✓" } }
                                    span.name { (f.label) }
                                    span.count { (commas(f.count)) }
                                }
                            } @else {
                                span.plain {
                                    span.box aria-hidden="true" {}
                                    span.name { (f.label) }
                                    span.count { (commas(f.count)) }
                                }
                            }
                        }
                    }
                }
                @if items.len() > max {
                    p.more { "ほか " (items.len() - max) " 件" }
                }
            }
        }
    }
}

fn facets_panel(p: &ListParams, f: &Facets) -> Markup {
    html! {
        aside.facets aria-label="絞り込み" {
            @if p.is_filtered() {
                p.clear { a href="/" { "✕ 条件をすべて解除" } }
            }
            (facet_group(p, "原因", "cause", &f.cause, false, 20))
            (facet_group(p, "行為者", "actor", &f.actor, false, 10))
            (facet_group(p, "年", "year", &f.year, true, 15))
            (facet_group(p, "業種", "sector", &f.sector, false, 10))
            (facet_group(p, "規模 (人数)", "size", &f.size, false, 10))
            (facet_group(p, "漏えいした情報", "data", &f.data, false, 25))
            (facet_group(p, "ラベル", "label", &f.label, false, 20))
        }
    }
}

fn sort_header(p: &ListParams, label: &str, asc: Sort, desc: Option<Sort>) -> Markup {
    let active = p.sort == asc || Some(p.sort) == desc;
    let next = match desc {
        Some(d) if p.sort == asc => d,
        _ => asc,
    };
    let arrow = if p.sort == asc {
        if matches!(asc, Sort::Newest | Sort::Affected | Sort::NumberDesc) {
            "▼"
        } else {
            "▲"
        }
    } else if Some(p.sort) == desc {
        if matches!(desc, Some(Sort::Oldest)) {
            "▲"
        } else {
            "▼"
        }
    } else {
        ""
    };
    let href = p.with("sort", Some(next.as_str()));
    html! {
        a.sort href=(format!("/{href}")) class=[active.then_some("active")] title=(format!("{}で並べ替え", sort_ja(next))) {
            (label) @if !arrow.is_empty() { " " span.arrow { (arrow) } }
        }
    }
}

fn row(h: &Hit) -> Markup {
    html! {
        tr {
            td.num { a href=(format!("/incidents/{}", h.number)) { "#" (h.number) } }
            td.org { (h.organization.as_deref().unwrap_or("不明")) }
            td.title {
                a href=(format!("/incidents/{}", h.number)) {
                    (h.title.as_deref().unwrap_or("(件名不明)"))
                }
                @if let Some(s) = &h.snippet { div.snippet { (crate::highlight::snippet(s)) } }
                @if !h.labels.is_empty() {
                    div.labels {
                        @for l in &h.labels { span.chip { (l) } }
                    }
                }
            }
            td.date {
                (h.date.as_deref().unwrap_or("—"))
                @if let Some(f) = h.date_field {
                    " " span.datekind title="この列の日付: 公表日、なければ判明日、なければ発生日" { (match f { "published" => "公表", "discovered" => "判明", _ => "発生" }) }
                }
            }
            td.persons { @match h.affected { Some(a) => { (commas(a)) }, None => { span.unknown { "不明" } } } }
            td.cause {
                @match h.cause { Some(c) => { span class=(format!("cause-chip c-{}", c.as_str())) { (c.ja()) } }, None => { span.unknown { "不明" } } }
            }
        }
    }
}

fn pager(p: &ListParams, total: u64) -> Markup {
    let pages = (total as usize).div_ceil(p.limit.max(1)).max(1);
    let cur = p.page();
    let mut shown: Vec<usize> = vec![1, pages];
    for i in cur.saturating_sub(2)..=cur + 2 {
        if i >= 1 && i <= pages {
            shown.push(i);
        }
    }
    shown.sort_unstable();
    shown.dedup();
    let items: Vec<(bool, usize)> = shown
        .iter()
        .enumerate()
        .map(|(k, i)| (k > 0 && *i > shown[k - 1] + 1, *i))
        .collect();
    html! {
        @if pages > 1 {
            nav.pager aria-label="ページ" {
                @if cur > 1 { a rel="prev" href=(format!("/{}", p.page_link(cur - 1))) { "← 前へ" } }
                @for (gap, i) in &items {
                    @if *gap { span.gap { "…" } }
                    @if *i == cur { span.current aria-current="page" { (i) } }
                    @else { a href=(format!("/{}", p.page_link(*i))) { (i) } }
                }
                @if cur < pages { a rel="next" href=(format!("/{}", p.page_link(cur + 1))) { "次へ →" } }
            }
        }
    }
}

fn body(p: &ListParams, r: &SearchResults) -> Markup {
    let view = encode(&p.view_pairs());
    let dl = |fmt: &str| {
        let mut v = p.view_pairs();
        v.retain(|(k, _)| k != "format");
        v.push(("format".into(), fmt.into()));
        format!("/api/export/view{}", encode(&v))
    };
    let first = p.offset + 1;
    let last = (p.offset + r.hits.len()).max(p.offset);
    html! {
        div.casebook {
            form.search method="get" action="/" role="search" {
                @for (k, v) in p.view_pairs() {
                    @if k != "q" && k != "sort" { input type="hidden" name=(k) value=(v); }
                }
                input type="search" name="q" value=(p.text.as_deref().unwrap_or(""))
                    placeholder="組織名・原因・漏えいした情報などで検索 (例: ランサムウェア 病院)" aria-label="検索語";
                select name="sort" aria-label="並べ替え" {
                    @for k in Sort::ALL {
                        option value=(k.as_str()) selected[*k == p.sort] { (sort_ja(*k)) }
                    }
                }
                button type="submit" { "検索" }
            }
            div.layout {
                @if let Some(f) = &r.facets { (facets_panel(p, f)) }
                section.results {
                    div.summary {
                        p.count {
                            @if r.total == 0 { "該当する事案はありません" }
                            @else {
                                strong { (commas(r.total)) } @if !r.total_exact { " 件以上" } @else { " 件" }
                                @if r.total as usize > r.hits.len() { " (" (commas(first as u64)) "〜" (commas(last as u64)) " 件目)" }
                            }
                        }
                        p.downloads {
                            "この一覧をダウンロード: "
                            a href=(dl("csv")) download { "CSV" }
                            " · "
                            a href=(dl("json")) download { "JSON" }
                        }
                    }
                    @if r.total == 0 && !p.is_filtered() {
                        div.empty {
                            p { "まだ事案が登録されていません。" }
                            p { a href="/new" { "新規登録" } " から漏えい通知の本文を貼り付けるか、ファイルをアップロードしてください。" }
                        }
                    }
                    @if !r.hits.is_empty() {
                        table.list data-view=(view) {
                            thead { tr {
                                th.num { (sort_header(p, "番号", Sort::NumberDesc, Some(Sort::Number))) }
                                th.org { (sort_header(p, "組織", Sort::Organization, None)) }
                                th.title { "件名" }
                                th.date title="公表日、なければ判明日、なければ発生日" { (sort_header(p, "日付 (公表・判明・発生)", Sort::Newest, Some(Sort::Oldest))) }
                                th.persons { (sort_header(p, "人数", Sort::Affected, None)) }
                                th.cause { (sort_header(p, "原因", Sort::Cause, None)) }
                            } }
                            tbody {
                                @for h in &r.hits { (row(h)) }
                            }
                        }
                    }
                    (pager(p, r.total))
                }
            }
        }
    }
}
