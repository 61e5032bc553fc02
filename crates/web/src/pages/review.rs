//! 要確認 (the review queue): duplicate candidates side by side with 統合 (merge) and 別件
//! (dismiss), records with sanity flags with 確認済み (accept), and the decisions taken, each
//! reversible (a merge by a split on the incident page, a dismissal by 再開). Also the
//! incident page's curation forms: merge, split by report, re-extract, accept flags.

use super::form::{editor_form, field};
use super::layout::{csrf, page as frame, Nav};
use crate::api::curation::decision_of;
use crate::auth::{Ctx, Role};
use crate::error::{PageResult, WebError};
use crate::service::parse_ref;
use crate::util::commas;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use jikenbo_store::{DupCandidate, FlaggedIncident, IncidentRef, ReviewCounts, Store};
use maud::{html, Markup};

/// Pairs shown at once (each with both incidents' facts).
const PAIRS: usize = 30;
/// Flagged records shown at once.
const FLAGGED: usize = 100;

/// The facts of one side of a pair.
struct Side {
    number: String,
    organization: Option<String>,
    title: Option<String>,
    published: Option<String>,
    discovered: Option<String>,
    occurred: Option<String>,
    affected: Option<u64>,
    cause: Option<&'static str>,
    documents: usize,
}

fn side(s: &Store, id: i64) -> Result<Side, WebError> {
    let v = s.incident(IncidentRef::Id(id))?;
    let r = &v.record;
    Ok(Side {
        number: v.number.clone(),
        organization: r.organization.clone(),
        title: r.title.clone(),
        published: r.published.map(|d| d.to_string()),
        discovered: r.discovered.map(|d| d.to_string()),
        occurred: r.occurred.map(|d| d.to_string()),
        affected: r.affected,
        cause: r.cause.map(|c| c.ja()),
        documents: v.documents.len(),
    })
}

struct Queue {
    counts: ReviewCounts,
    pairs: Vec<(DupCandidate, Side, Side)>,
    flagged: Vec<FlaggedIncident>,
    decided: Vec<DupCandidate>,
}

fn load(s: &Store) -> Result<Queue, WebError> {
    let mut pairs = Vec::new();
    for c in s.dup_candidates(Some("open"), PAIRS)? {
        let (a, b) = (side(s, c.a_id)?, side(s, c.b_id)?);
        pairs.push((c, a, b));
    }
    let mut decided: Vec<DupCandidate> = s.dup_candidates(None, 200)?;
    decided.retain(|c| c.status != "open");
    decided.sort_by(|a, b| b.decided_at.cmp(&a.decided_at));
    decided.truncate(20);
    Ok(Queue {
        counts: s.review_counts()?,
        pairs,
        flagged: s.flagged(FLAGGED, 0)?,
        decided,
    })
}

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> PageResult<Response> {
    let data = st.read(load).await?;
    let p = crate::params::pairs(q.as_deref());
    let msg = p
        .iter()
        .find(|(k, _)| k == "msg")
        .and_then(|(_, m)| match m.as_str() {
            "merged" => Some("統合しました。分割すれば元に戻せます。".to_string()),
            "dismissed" => Some("別件としました。この組は再び提案されません。".to_string()),
            "reopened" => Some("未判断に戻しました。".to_string()),
            "accepted" => Some("確認済みにしました。".to_string()),
            "scanned" => Some("重複候補を探しました。".to_string()),
            _ => None,
        });
    Ok(frame(
        &ctx,
        "要確認",
        Nav::Review,
        body(&ctx, &data, msg.as_deref()),
    )
    .into_response())
}

fn side_cell(s: &Side) -> Markup {
    html! {
        td.side {
            a.number href=(format!("/incidents/{}", s.number)) { "#" (s.number) }
            div.org { (s.organization.as_deref().unwrap_or("組織不明")) }
            div.title { (s.title.as_deref().unwrap_or("(件名不明)")) }
            dl.mini {
                dt { "公表" } dd { (s.published.as_deref().unwrap_or("—")) }
                dt { "判明" } dd { (s.discovered.as_deref().unwrap_or("—")) }
                dt { "発生" } dd { (s.occurred.as_deref().unwrap_or("—")) }
                dt { "人数" } dd { @match s.affected { Some(n) => { (commas(n)) "人" } None => { "不明" } } }
                dt { "原因" } dd { (s.cause.unwrap_or("不明")) }
                dt { "文書" } dd { (s.documents) " 件" }
            }
        }
    }
}

fn decide_form(ctx: &Ctx, id: i64, action: &str, label: &str, class: &str) -> Markup {
    html! {
        form.inline method="post" action=(format!("/review/dupes/{id}")) {
            (csrf(ctx))
            input type="hidden" name="action" value=(action);
            button class=(class) type="submit" data-pair=(id) data-action=(action) { (label) }
        }
    }
}

fn body(ctx: &Ctx, q: &Queue, msg: Option<&str>) -> Markup {
    let editor = ctx.can(Role::Editor);
    html! {
        @if let Some(m) = msg { div.flash role="status" { (m) } }
        h1 { "要確認" }
        p.queue-summary {
            "未判断の重複候補 " strong #open-pairs { (q.counts.duplicate_pairs) } " 組 · "
            "要確認の記録 " strong #flagged-count { (q.counts.flagged) } " 件 (疑わしい点のある記録 "
            (q.counts.with_flags) " 件のうち未確認のもの)"
        }
        @if editor {
            form.inline method="post" action="/review/scan" {
                (csrf(ctx))
                button.small type="submit" { "重複候補を探す (全件を比較)" }
            }
        }
        section #dupes {
            h2 { "重複候補" }
            p.help { "同じ事案らしい組です。「統合」で新しい方を古い方にまとめ (文書と番号は残り、分割で戻せます)、「別件」で別の事案と記録します (再び提案されません)。" }
            @if q.pairs.is_empty() { p.muted { "未判断の重複候補はありません。" } }
            @for (c, a, b) in &q.pairs {
                table.pair id=(format!("pair-{}", c.id)) {
                    caption {
                        "組 " (c.id) " · スコア " strong { (format!("{:.2}", c.score)) }
                        @if c.found_by == "scan" { " · 一括比較で検出" } @else { " · 登録時に検出" }
                    }
                    tr { (side_cell(a)) (side_cell(b)) }
                    tr {
                        td.reasons colspan="2" {
                            ul.reasons {
                                @for r in &c.reasons {
                                    li class=(if r.points < 0 { "against" } else { "for" }) {
                                        (r.text) " (" @if r.points > 0 { "+" } (r.points) ")"
                                    }
                                }
                            }
                            @if editor {
                                div.actions {
                                    (decide_form(ctx, c.id, "merge", "統合", "primary"))
                                    (decide_form(ctx, c.id, "dismiss", "別件", "small"))
                                }
                            }
                        }
                    }
                }
            }
        }
        section #flagged {
            h2 { "要確認の記録" }
            p.help { "抽出値に疑わしい点がある記録です。事案を開いて修正するか、値が正しければ「確認済み」にします (値が変わって新しい点が出れば再び表示されます)。" }
            @if q.flagged.is_empty() { p.muted { "要確認の記録はありません。" } }
            @else {
                table.results {
                    thead { tr { th { "番号" } th { "組織" } th { "件名" } th { "日付" } th { "要確認の理由" } @if editor { th {} } } }
                    tbody {
                        @for f in &q.flagged {
                            tr id=(format!("flagged-{}", f.number)) {
                                td.nw { a href=(format!("/incidents/{}", f.number)) { "#" (f.number) } }
                                td { (f.organization.as_deref().unwrap_or("組織不明")) }
                                td { (f.title.as_deref().unwrap_or("")) }
                                td.nw { (f.date_key.as_deref().unwrap_or("—")) }
                                td { @for (i, fl) in f.flags.iter().enumerate() { @if i > 0 { "・" } span.flag class=[(!f.accepted.contains(fl)).then_some("new")] { (fl.ja()) } } }
                                @if editor {
                                    td {
                                        form.inline method="post" action=(format!("/incidents/{}/review", f.number)) {
                                            (csrf(ctx))
                                            input type="hidden" name="action" value="accept";
                                            input type="hidden" name="back" value="review";
                                            button.small type="submit" { "確認済み" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !q.decided.is_empty() {
            section #decided {
                h2 { "最近の判断" }
                table.results {
                    thead { tr { th { "組" } th { "事案" } th { "判断" } th { "担当" } th { "日時" } @if editor { th {} } } }
                    tbody {
                        @for c in &q.decided {
                            tr {
                                td { (c.id) }
                                td.nw { a href=(format!("/incidents/{}", c.a)) { "#" (c.a) } " / " a href=(format!("/incidents/{}", c.b)) { "#" (c.b) } }
                                td { @if c.status == "merged" { "統合 (分割で戻せます)" } @else { "別件" } }
                                td { (c.decided_by.as_deref().unwrap_or("")) }
                                td.small { (c.decided_at.as_deref().map(super::layout::when).unwrap_or_default()) }
                                @if editor {
                                    td { @if c.status == "dismissed" { (decide_form(ctx, c.id, "reopen", "再開", "small")) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `POST /review/dupes/{id}` `action=merge|dismiss|reopen`.
pub async fn decide(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i64>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (form, who) = editor_form(&ctx, body)?;
    let action = field(&form, "action").to_string();
    let d = decision_of(&action)?;
    st.write(move |s| Ok(s.decide_dup(id, d, &who)?)).await?;
    let msg = match action.as_str() {
        "merge" => "merged",
        "dismiss" => "dismissed",
        _ => "reopened",
    };
    Ok(Redirect::to(&format!("/review?msg={msg}")).into_response())
}

/// `POST /review/scan`: compares every live incident.
pub async fn scan(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (_, who) = editor_form(&ctx, body)?;
    st.write(move |s| Ok(s.find_duplicates(&who)?)).await?;
    Ok(Redirect::to("/review?msg=scanned").into_response())
}

/// `POST /incidents/{r}/merge` `others=2024-004` (numbers separated by spaces or commas).
pub async fn merge(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (form, who) = editor_form(&ctx, body)?;
    let into = parse_ref(&r)?;
    let others = field(&form, "others")
        .split([' ', ',', '、', '\u{3000}'])
        .map(|o| o.trim().trim_start_matches('#'))
        .filter(|o| !o.is_empty())
        .map(parse_ref)
        .collect::<Result<Vec<_>, _>>()?;
    if others.is_empty() {
        return Err(
            WebError::bad("統合する事案の番号を入力してください (others: give a number)").into(),
        );
    }
    let number = st.write(move |s| Ok(s.merge(into, &others, &who)?)).await?;
    Ok(Redirect::to(&format!("/incidents/{number}?msg=merged#curation")).into_response())
}

/// `POST /incidents/{r}/split` `report=ID` (repeated): the chosen reports (sections) become
/// an incident of their own.
pub async fn split(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (form, who) = editor_form(&ctx, body)?;
    let iref = parse_ref(&r)?;
    let reports = form
        .iter()
        .filter(|(k, _)| k == "report")
        .map(|(_, v)| {
            v.parse::<i64>()
                .map_err(|_| WebError::bad(format!("report: not a number: {v}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if reports.is_empty() {
        return Err(
            WebError::bad("分割する報を選んでください (report: choose at least one)").into(),
        );
    }
    let number = st
        .write(move |s| Ok(s.split_reports(iref, &reports, &who)?))
        .await?;
    Ok(Redirect::to(&format!("/incidents/{number}?msg=split#curation")).into_response())
}

/// `POST /incidents/{r}/reextract`.
pub async fn reextract(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (_, who) = editor_form(&ctx, body)?;
    let iref = parse_ref(&r)?;
    let number = st
        .write(move |s| {
            s.reextract_incident(iref, &who)?;
            // the incident may have been merged or retired meanwhile: show what it is now
            Ok(s.incident(iref)?.number)
        })
        .await?;
    Ok(Redirect::to(&format!("/incidents/{number}?msg=reextracted#curation")).into_response())
}

/// `POST /incidents/{r}/review` `action=accept|undo` (`back=review`: return to the queue).
pub async fn accept(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (form, who) = editor_form(&ctx, body)?;
    let iref = parse_ref(&r)?;
    let undo = field(&form, "action") == "undo";
    let back = field(&form, "back") == "review";
    let number = st
        .write(move |s| {
            if undo {
                s.unaccept_flags(iref, &who)?;
            } else {
                s.accept_flags(iref, &who)?;
            }
            Ok(s.incident(iref)?.number)
        })
        .await?;
    let msg = if undo { "unaccepted" } else { "accepted" };
    Ok(if back {
        Redirect::to(&format!("/review?msg={msg}#flagged"))
    } else {
        Redirect::to(&format!("/incidents/{number}?msg={msg}#curation"))
    }
    .into_response())
}

/// The first characters of a report's section.
fn section_start(
    docs: &[jikenbo_store::DocumentView],
    doc: i64,
    span: jikenbo_model::Span,
) -> String {
    let Some(d) = docs.iter().find(|d| d.document.id == doc) else {
        return String::new();
    };
    let t = &d.text;
    let start = crate::highlight::floor_boundary(t, span.start.min(t.len()));
    t[start..]
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(40)
        .collect()
}

/// The incident page's curation panel: flags, candidate pairs, merge, split by report,
/// re-extract.
pub fn curation_panel(
    ctx: &Ctx,
    v: &jikenbo_store::IncidentView,
    docs: &[jikenbo_store::DocumentView],
    flags: &[jikenbo_store::Flag],
    accepted: Option<&[jikenbo_store::Flag]>,
    pairs: &[DupCandidate],
) -> Markup {
    let editor = ctx.can(Role::Editor);
    let r = &v.number;
    let open: Vec<&DupCandidate> = pairs.iter().filter(|c| c.status == "open").collect();
    html! {
        section.curation id="curation" {
            h2 { "確認・統合・分割" }
            @if flags.is_empty() {
                p.muted { "疑わしい点はありません。" }
            } @else {
                div.flags {
                    "要確認: "
                    @for (i, f) in flags.iter().enumerate() { @if i > 0 { "・" } span.flag { (f.ja()) } }
                    @let done = accepted.is_some_and(|a| flags.iter().all(|f| a.contains(f)));
                    @if done { " " span.state.cur { "確認済み" } }
                    @if editor {
                        form.inline method="post" action=(format!("/incidents/{r}/review")) {
                            (csrf(ctx))
                            @if done {
                                input type="hidden" name="action" value="undo";
                                button.small type="submit" { "確認を取り消す" }
                            } @else {
                                input type="hidden" name="action" value="accept";
                                button.small type="submit" { "確認済みにする" }
                            }
                        }
                    }
                }
            }
            @if !open.is_empty() {
                h3 { "重複候補" }
                ul.pairs {
                    @for c in &open {
                        @let other = if c.a == *r { &c.b } else { &c.a };
                        li {
                            a href=(format!("/incidents/{other}")) { "#" (other) }
                            " スコア " (format!("{:.2}", c.score)) " — "
                            @for (i, x) in c.reasons.iter().enumerate() { @if i > 0 { "・" } (x.text) }
                            @if editor {
                                " " (decide_form(ctx, c.id, "merge", "統合", "small primary"))
                                " " (decide_form(ctx, c.id, "dismiss", "別件", "small"))
                            }
                        }
                    }
                }
            }
            @if editor {
                form.merge method="post" action=(format!("/incidents/{r}/merge")) {
                    (csrf(ctx))
                    label for="merge-others" { "この事案に統合する事案の番号" }
                    input #merge-others type="text" name="others" placeholder="例: 2024-004" required maxlength="200";
                    button.small type="submit" { "統合" }
                }
                @if v.documents.len() > 1 {
                    form.split method="post" action=(format!("/incidents/{r}/split")) {
                        (csrf(ctx))
                        p.help { "別の事案である報 (文書の節) を選んで分割します。統合で入った報は元の番号に戻ります。" }
                        ul.reports {
                            @for d in &v.documents {
                                @if let Some(rep) = &d.report {
                                    li {
                                        label.check {
                                            input type="checkbox" name="report" value=(rep.id);
                                            (d.name) " (報 " (rep.id)
                                            @if rep.origin != *r { ", 元は #" (rep.origin) }
                                            ") "
                                            span.muted { "「" (section_start(docs, d.id, rep.span)) "…」" }
                                        }
                                    }
                                }
                            }
                        }
                        button.small type="submit" { "選んだ報を分割" }
                    }
                }
                form.inline method="post" action=(format!("/incidents/{r}/reextract")) {
                    (csrf(ctx))
                    button.small type="submit" title="この事案の文書に抽出をやり直します (修正・ラベル・番号は残ります)" { "この事案の文書を再抽出" }
                }
            }
        }
    }
}
