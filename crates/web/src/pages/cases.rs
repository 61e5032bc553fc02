//! 自組織の事案: the officer's own cases — the list with the next deadline of each, a new case,
//! and a case page (facts with who set each and when, deadlines with their countdown, the
//! timeline, recurrence-prevention measures, drafts with a print view and Word download, the
//! case's audit log), and what the case published into the casebook with the button that
//! publishes a public notice (公表する: the notice's text, and nothing else of the case, becomes
//! a casebook record). Editors only (see [`crate::cases`]); every form carries the CSRF token.
//!
//! After a change the page shows what it did (the fact lines and how the deadlines moved) once,
//! from [`crate::cases::Flash`]. Every change is posted as a [`CaseForm`] (CSRF token, editor
//! role, case number) and made as the API makes it ([`crate::cases`]).

use super::form::{checked_form, editor_form, field};
use super::layout::{csrf, page as frame, when, Nav};
use crate::auth::Ctx;
use crate::cases::{
    self, badges, case_id, check_title, countdown, drafts_of, editor, event_from, fact_input,
    form_value, incident_url, item_id, link_ja, load_draft, measure_from, new_case, next_deadline,
    next_edition, parse_edition, publish_notice, published_at, set_title, term, today_jst,
    update_facts, value_from_form, DraftRef, FactInput, SOON_DAYS,
};
use crate::error::{PageError, PageResult, WebError};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use jikenbo_assess::Facts;
use jikenbo_model::DataKind;
use jikenbo_respond::{
    attention, date_ja_weekday, deadlines, fact_label, fact_text, Block, Case, CaseDetails,
    CaseStatus, Deadline, DeadlineStatus, EventKind, Measure, MeasureCategory, MeasureStatus,
    ReportStage, UNKNOWN,
};
use jikenbo_store::{AuditEntry, CasePublication};
use maud::{html, Markup};
use serde_json::{Map, Value};
use std::collections::HashMap;

fn case_url(id: i64) -> String {
    format!("/cases/{id}")
}

fn status_chip(s: CaseStatus) -> Markup {
    html! { span class=(format!("case-status s-{}", s.as_str())) { (s.ja()) } }
}

fn badge_chips(ds: &[Deadline]) -> Markup {
    let (overdue, soon) = badges(ds);
    html! {
        @if overdue { span.badge.overdue { "期限超過" } }
        @if soon { span.badge.soon { "期限間近" } }
    }
}

fn due_text(d: &Deadline) -> String {
    match (d.window_from, d.due) {
        (Some(a), Some(b)) => format!("{}〜{}", date_ja_weekday(a), date_ja_weekday(b)),
        (None, Some(b)) => date_ja_weekday(b),
        _ => "—".into(),
    }
}

/// A table: a header row of `heads`, then `rows` (`class`: `list cases`, `hist events` …).
fn table_of(class: &str, heads: &[&str], rows: Markup) -> Markup {
    html! {
        table class=(class) {
            thead { tr { @for h in heads { th { (h) } } } }
            tbody { (rows) }
        }
    }
}

/// A form posted to `action`, the CSRF token first (`class`: `measure`, `event-add` …).
fn post_form(ctx: &Ctx, class: &str, action: &str, id: Option<&str>, body: Markup) -> Markup {
    html! {
        form class=(class) method="post" action=(action) id=[id] {
            (csrf(ctx))
            (body)
        }
    }
}

/// The download links of a case's draft: Word (.docx) and Markdown.
fn download_links(case: i64, slug: &str) -> Markup {
    html! {
        a.docx href=(format!("/api/cases/{case}/drafts/{slug}?format=docx")) { "Word (.docx)" }
        a href=(format!("/api/cases/{case}/drafts/{slug}?format=md")) { "Markdown" }
    }
}

fn countdown_class(d: &Deadline) -> &'static str {
    match d.status {
        DeadlineStatus::Met => "cd met",
        DeadlineStatus::Overdue => "cd overdue",
        DeadlineStatus::Due if d.days_left.is_some_and(|n| n <= SOON_DAYS) => "cd soon",
        DeadlineStatus::Due => "cd due",
        DeadlineStatus::NotRequired => "cd none",
        _ => "cd open",
    }
}

// ---- the list ----

pub async fn list(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> PageResult<Response> {
    editor(&ctx)?;
    let today = today_jst();
    let cases = st.read(|s| Ok(s.cases()?)).await?;
    let due = attention(&cases, today, SOON_DAYS);
    let body = html! {
        div.cases-head {
            h1 { "自組織の事案" }
            a.button.primary href="/cases/new" { "新しい事案" }
        }
        p.help { "自組織で対応中の漏えい等事案です。事例集 (公表事例の一覧・検索・統計・エクスポート) には含まれず、編集者だけが閲覧・編集できます。期限は本日 (" (date_ja_weekday(today)) ", 日本時間) から数えています。" }
        @if !due.is_empty() {
            section.attention {
                h2 { "対応が必要な期限 (" (due.len()) " 件)" }
                ul {
                    @for x in &due {
                        li class=(countdown_class(&x.deadline)) {
                            a href=(case_url(x.case_id)) { (x.title) }
                            ": " (x.deadline.kind.ja()) " " span.when { (due_text(&x.deadline)) } " "
                            strong { (countdown(&x.deadline)) }
                        }
                    }
                }
            }
        }
        @if cases.is_empty() {
            div.empty { "まだ事案がありません。" a href="/cases/new" { "新しい事案を登録" } "してください。" }
        } @else {
            (table_of("list cases", &["番号", "件名", "組織", "状況", "次の期限", ""], html! {
                @for c in &cases {
                    @let ds = deadlines(c, today);
                    tr {
                        td.num { a href=(case_url(c.id)) { (c.id) } }
                        td.title { a href=(case_url(c.id)) { (c.title) } }
                        td.org { (c.organization) }
                        td { (status_chip(c.status)) }
                        td.next {
                            @match next_deadline(&ds) {
                                Some(d) => {
                                    (d.kind.ja()) br;
                                    span.when { (due_text(d)) } " "
                                    span class=(countdown_class(d)) { (countdown(d)) }
                                }
                                None => { span.muted { "期限のある未了の対応なし" } }
                            }
                        }
                        td.badges { (badge_chips(&ds)) }
                    }
                }
            }))
        }
    };
    Ok(frame(&ctx, "自組織の事案", Nav::Cases, body).into_response())
}

// ---- a new case ----

const NEW_FACTS: [&str; 6] = ["org_kind", "aware", "persons", "cause", "leak", "summary"];

pub async fn new_form(Extension(ctx): Extension<Ctx>) -> PageResult<Response> {
    editor(&ctx)?;
    let blank = Case::new(0, "", "");
    let body = html! {
        h1 { "新しい事案" }
        p.help { "件名と組織名のほかは後から事案のページで入力できます。分からない事実は「未確認」のままにしてください (報告書の下書きでも未確認と書かれます)。" }
        (post_form(&ctx, "case-new", "/cases", None, html! {
            div.grid {
                label for="case-title" { "件名" }
                input #case-title type="text" name="title" required maxlength="300" placeholder="例: メールの誤送信(宛先の設定誤り)";
                label for="case-organization" { "組織名" }
                input #case-organization type="text" name="organization" maxlength="200" placeholder="例: 株式会社ひなた商会";
                @for k in NEW_FACTS {
                    label for=(format!("fact-{k}")) { (fact_label(k)) }
                    (fact_control(&blank, k))
                }
            }
            button.primary type="submit" { "事案を登録" }
        }))
    };
    Ok(frame(&ctx, "新しい事案", Nav::Cases, body).into_response())
}

/// The facts posted in a form (`f.<key>` fields): only the facts the form holds.
fn posted_facts(form: &[(String, String)]) -> Result<Map<String, Value>, WebError> {
    let mut set = Map::new();
    for k in jikenbo_respond::fact_keys() {
        let name = format!("f.{k}");
        let values: Vec<&str> = form
            .iter()
            .filter(|(x, _)| *x == name)
            .map(|(_, v)| v.as_str())
            .collect();
        if values.is_empty() {
            continue;
        }
        set.insert(k.to_string(), value_from_form(k, &values)?);
    }
    Ok(set)
}

pub async fn create(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let who = editor(&ctx)?;
    let title = field(&form, "title").trim().to_string();
    let organization = field(&form, "organization").trim().to_string();
    // Before the facts are read (and again in `new_case`): a missing title is said first.
    check_title(&title, &organization)?;
    let new = new_case(title, organization, &posted_facts(&form)?)?;
    let case = st.write(move |s| Ok(s.create_case(&new, &who)?)).await?;
    let lines = vec![format!("事案 {} を登録しました。", case.id)];
    back_to_case(&st, &ctx, case.id, lines, "")
}

// ---- the case page ----

struct CasePage {
    case: Case,
    audit: Vec<AuditEntry>,
    publications: Vec<CasePublication>,
}

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> PageResult<Response> {
    editor(&ctx)?;
    let id = case_id(&id)?;
    let data = st
        .read(move |s| {
            Ok(CasePage {
                case: s.case(id)?,
                audit: s.case_audit_log(id, 50)?,
                publications: s.case_publications(id)?,
            })
        })
        .await?;
    let flash = st.flash.take(&ctx.sid, id);
    let title = format!("事案 {} {}", data.case.id, data.case.title);
    Ok(frame(
        &ctx,
        &title,
        Nav::Cases,
        case_body(&ctx, &data, flash, today_jst()),
    )
    .into_response())
}

fn select_of(
    name: &str,
    id: &str,
    current: &str,
    unknown: Option<&str>,
    opts: &[(&str, &str)],
) -> Markup {
    html! {
        select name=(name) id=(id) {
            @if let Some(u) = unknown { option value="" selected[current.is_empty()] { (u) } }
            @for (k, ja) in opts {
                option value=(k) selected[current == *k] { (ja) }
            }
        }
    }
}

/// The input of one fact (`f.<key>`), with its current value; unknown reads 未確認.
fn fact_control(case: &Case, key: &str) -> Markup {
    let name = format!("f.{key}");
    let id = format!("fact-{key}");
    let cur = form_value(case, key);
    match fact_input(key) {
        FactInput::Count => html! {
            input id=(id) name=(name) type="text" inputmode="numeric" value=(cur) placeholder=(UNKNOWN) maxlength="20";
        },
        FactInput::YesNo => {
            let opts: &[(&str, &str)] = if key == "wrongful_intent" {
                &[("true", "おそれあり"), ("false", "なし")]
            } else {
                &[("true", "はい"), ("false", "いいえ")]
            };
            select_of(&name, &id, &cur, Some(UNKNOWN), opts)
        }
        FactInput::Choice(opts) => select_of(&name, &id, &cur, Some(UNKNOWN), opts),
        FactInput::Date => html! {
            input id=(id) name=(name) type="date" value=(cur);
        },
        FactInput::DataKinds => {
            let now: Vec<&str> = cur.split(',').filter(|s| !s.is_empty()).collect();
            let none = case.facts.data.as_ref().is_some_and(|d| d.is_empty());
            html! {
                fieldset.data id=(id) {
                    legend.visually-hidden { (fact_label(key)) }
                    input type="hidden" name=(name) value="";
                    @for k in DataKind::ALL {
                        label.check {
                            input type="checkbox" name=(name) value=(k.as_str()) checked[now.contains(&k.as_str())];
                            (k.ja())
                        }
                    }
                    label.check {
                        input type="checkbox" name=(name) value="none" checked[none];
                        "該当なし"
                    }
                }
            }
        }
        FactInput::Lines => html! {
            textarea id=(id) name=(name) rows="2" placeholder="1行に1件" { (cur) }
        },
        FactInput::Json => html! {
            input id=(id) name=(name) type="text" value=(cur) placeholder="{\"disability\": [3, 1]}";
        },
        FactInput::Text => html! {
            input id=(id) name=(name) type="text" value=(cur) placeholder=(UNKNOWN) maxlength="500";
        },
        FactInput::LongText => html! {
            textarea id=(id) name=(name) rows="2" placeholder=(UNKNOWN) maxlength="5000" { (cur) }
        },
    }
}

fn fact_rows(case: &Case, keys: &[&str]) -> Markup {
    html! {
        @for k in keys {
            @let text = fact_text(&case.facts, &case.details, k);
            div.fact-row id=(format!("row-{k}")) {
                label for=(format!("fact-{k}")) { (fact_label(k)) span.key { (k) } }
                div.control { (fact_control(case, k)) }
                div.prov {
                    @match (&text, case.provenance.get(*k)) {
                        (None, _) => { span.unknown { (UNKNOWN) } }
                        (Some(_), Some(p)) => { span.who { (p.who) } " " span.at { (when(&p.at)) } }
                        (Some(_), None) => { span.muted { "入力者不明" } }
                    }
                }
            }
        }
    }
}

fn facts_form(ctx: &Ctx, c: &Case) -> Markup {
    let details: Vec<&str> = CaseDetails::FIELDS.to_vec();
    html! {
        section.case-facts id="facts" {
            h2 { "事実" }
            p.help { "判定 (報告義務・期限) に使う事実と、報告書・お知らせの下書きに使う事項です。空欄・「未確認」は分からないことを表し、下書きでは未確認と書かれます。右欄は最後に入力した人と日時です。保存すると、変わった事実と期限の変化が表示されます。" }
            (post_form(ctx, "facts", &format!("/cases/{}/facts", c.id), None, html! {
                fieldset.card {
                    legend { "判定に使う事実" }
                    (fact_rows(c, Facts::FIELDS))
                }
                fieldset.card {
                    legend { "報告書・お知らせに使う事項" }
                    (fact_rows(c, &details))
                }
                button.primary type="submit" { "事実を保存" }
            }))
        }
    }
}

fn deadlines_table(ds: &[Deadline]) -> Markup {
    html! {
        section.case-deadlines id="deadlines" {
            h2 { "期限" }
            (table_of("list deadlines", &["対応", "期限日", "状況", "根拠"], html! {
                @for d in ds {
                    tr id=(format!("deadline-{}", serde_json::to_value(d.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())) {
                        th scope="row" { (d.kind.ja()) }
                        td.when { (due_text(d)) }
                        td { span class=(countdown_class(d)) { (countdown(d)) } }
                        td.ground { (d.ground) }
                    }
                }
            }))
        }
    }
}

fn kind_options() -> Vec<(&'static str, &'static str)> {
    EventKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.ja()))
        .collect()
}

fn timeline(ctx: &Ctx, c: &Case) -> Markup {
    let kinds = kind_options();
    let stages: Vec<(&str, &str)> = ReportStage::ALL
        .iter()
        .map(|s| (s.as_str(), s.ja()))
        .collect();
    html! {
        section.case-timeline id="timeline" {
            h2 { "経過" }
            @if c.events.is_empty() {
                p.muted { "まだ記録がありません。発覚・報告・通知・公表などを記録すると、対応する期限が「済」になります。" }
            } @else {
                (table_of("hist events", &["日時", "種類", "メモ", "記録", ""], html! {
                    @for e in &c.events {
                        tr {
                            td.nw { (e.at.ja()) }
                            td.nw { (e.kind.ja()) @if let Some(s) = e.stage { " (" (s.ja()) ")" } }
                            td { (e.note) }
                            td.nw.small { (e.who) }
                            td {
                                @if let Some(eid) = e.id {
                                    (post_form(ctx, "inline", &format!("/cases/{}/events/{eid}/delete", c.id), None, html! {
                                        button.small type="submit" title="この記録を削除 (監査ログには残ります)" { "削除" }
                                    }))
                                }
                            }
                        }
                    }
                }))
            }
            (post_form(ctx, "event-add", &format!("/cases/{}/events", c.id), None, html! {
                div.row {
                    label { "日付" input #event-date type="date" name="date" required; }
                    label { "時刻 (任意)" input #event-time type="time" name="time"; }
                    label { "種類" (select_of("kind", "event-kind", "", None, &kinds)) }
                    label { "段階 (任意)" (select_of("stage", "event-stage", "", Some("—"), &stages)) }
                    label.grow { "メモ" input #event-note type="text" name="note" maxlength="2000" placeholder="例: 個人情報保護委員会の報告フォームから送信 (受付番号…)"; }
                    button.primary type="submit" { "経過を記録" }
                }
            }))
        }
    }
}

fn measure_fields(m: Option<&Measure>, prefix: &str) -> Markup {
    let cats: Vec<(&str, &str)> = MeasureCategory::ALL
        .iter()
        .map(|x| (x.as_str(), x.ja()))
        .collect();
    let sts: Vec<(&str, &str)> = MeasureStatus::ALL
        .iter()
        .map(|x| (x.as_str(), x.ja()))
        .collect();
    let cat = m.map(|m| m.category.as_str()).unwrap_or("technical");
    let status = m.map(|m| m.status.as_str()).unwrap_or("planned");
    html! {
        label.grow { "内容" input id=(format!("{prefix}-text")) type="text" name="text" required maxlength="2000" value=(m.map(|m| m.text.as_str()).unwrap_or("")); }
        label { "分類" (select_of("category", &format!("{prefix}-category"), cat, None, &cats)) }
        label { "担当" input id=(format!("{prefix}-owner")) type="text" name="owner" maxlength="200" value=(m.and_then(|m| m.owner.as_deref()).unwrap_or("")); }
        label { "期限" input id=(format!("{prefix}-due")) type="date" name="due" value=(m.and_then(|m| m.due).map(|d| d.to_string()).unwrap_or_default()); }
        label { "状態" (select_of("status", &format!("{prefix}-status"), status, None, &sts)) }
        label.grow { "完了の証跡" input id=(format!("{prefix}-evidence")) type="text" name="evidence" maxlength="2000" value=(m.and_then(|m| m.evidence.as_deref()).unwrap_or("")); }
    }
}

fn measures(ctx: &Ctx, c: &Case) -> Markup {
    html! {
        section.case-measures id="measures" {
            h2 { "再発防止策" }
            p.help { "確報の「再発防止のための措置」では、状態が「完了」のものが実施済み、それ以外が今後の予定として書き分けられます。" }
            @for m in &c.measures {
                @if let Some(mid) = m.id {
                    @let anchor = format!("measure-{mid}");
                    (post_form(ctx, "measure", &format!("/cases/{}/measures/{mid}", c.id), Some(&anchor), html! {
                        div.row {
                            (measure_fields(Some(m), &anchor))
                            button.small type="submit" { "更新" }
                        }
                    }))
                }
            }
            (post_form(ctx, "measure measure-add", &format!("/cases/{}/measures", c.id), None, html! {
                div.row {
                    (measure_fields(None, "measure-new"))
                    button.primary type="submit" { "追加" }
                }
            }))
        }
    }
}

fn drafts_panel(c: &Case) -> Markup {
    html! {
        section.case-drafts id="drafts" {
            h2 { "下書き" }
            p.help { "現在の事実・経過・再発防止策から作り直した下書きです。各項目に出典 (どの事実を誰がいつ入力したか) が付き、分からない事実は未確認と書かれます。" }
            (table_of("list drafts", &["文書", "表示・ダウンロード"], html! {
                @for d in drafts_of(c) {
                    @let slug = d.slug();
                    tr data-draft=(slug) {
                        td { (d.label()) }
                        td.links {
                            a href=(format!("/cases/{}/drafts/{slug}", c.id)) { "印刷用表示" }
                            (download_links(c.id, &slug))
                        }
                    }
                }
            }))
        }
    }
}

fn publications(ctx: &Ctx, c: &Case, pubs: &[CasePublication]) -> Markup {
    let next = next_edition(pubs.len());
    let editions: Vec<(String, String)> = std::iter::once(jikenbo_respond::NoticeEdition::First)
        .chain((2..=(pubs.len() as u32 + 2).max(3)).map(jikenbo_respond::NoticeEdition::Followup))
        .chain(std::iter::once(jikenbo_respond::NoticeEdition::Final))
        .map(|e| {
            let slug = DraftRef::Notice(e).slug();
            let value = slug.trim_start_matches("notice-").to_string();
            (value, DraftRef::Notice(e).label())
        })
        .collect();
    let next_value = DraftRef::Notice(next)
        .slug()
        .trim_start_matches("notice-")
        .to_string();
    html! {
        section.case-publications id="publications" {
            h2 { "公表 (事件簿への登録)" }
            @if pubs.is_empty() {
                p.muted { "まだ公表していません。この事案は非公開で、事例集 (一覧・検索・統計・エクスポート) には含まれていません。" }
            } @else {
                (table_of("list publications", &["公表日時", "事件簿の事例", "文書", "登録"], html! {
                    @for p in pubs {
                        tr data-publication=(p.id) {
                            td.nw {
                                (p.published_at.parse::<jikenbo_respond::EventTime>().map(|t| t.ja()).unwrap_or_else(|_| p.published_at.clone()))
                            }
                            td {
                                @for (i, x) in p.incidents.iter().enumerate() {
                                    @if i > 0 { br; }
                                    a.incident href=(incident_url(&x.live_number)) { "#" (x.live_number) }
                                    " " (x.report_ja()) "・" (link_ja(&x.link))
                                    @if x.live_id != x.incident_id { span.muted { " (#" (x.number) " を統合)" } }
                                }
                            }
                            td { a href=(format!("/documents/{}", p.document_id)) { (p.document_name) } }
                            td.nw.small { (p.who) " " (when(&p.recorded_at)) }
                        }
                    }
                }))
            }
            (post_form(ctx, "publish", &format!("/cases/{}/publish", c.id), None, html! {
                p.help.confirm-public {
                    strong { "公表すると、選んだお知らせの本文だけが事件簿に登録され、誰でも閲覧できる事例として一覧・検索・統計・エクスポートに載ります。" }
                    " 本文は下書きから出典の行と作成メモを除いたもので、未確認の項目は「未確認」と書かれます。事案の事実・経過・再発防止策・他の下書きは非公開のままです。第2報・最終報は同じ事例の続報として登録されます。登録は取り消せません。"
                }
                div.row {
                    label { "お知らせ"
                        select name="edition" {
                            @for (v, l) in &editions {
                                option value=(v) selected[*v == next_value] { (l) }
                            }
                        }
                    }
                    label { "公表日" input type="date" name="date"; }
                    label { "時刻" input type="time" name="time"; }
                    a href=(format!("/cases/{}/drafts/{}", c.id, DraftRef::Notice(next).slug())) { "本文を確認 (印刷用表示)" }
                }
                details {
                    summary { "修正した本文を公表する" }
                    textarea name="text" rows="12" maxlength="200000" placeholder="空欄のときは下書きの本文 (出典と作成メモを除く) を公表します" {}
                }
                label.check {
                    input type="checkbox" name="confirm" value="yes" required;
                    "公表される内容を確認しました"
                }
                button.primary.danger type="submit" { "公表する(事件簿に登録)" }
            }))
        }
    }
}

fn case_audit(entries: &[AuditEntry]) -> Markup {
    let action = |a: &str| match a {
        "case_create" => "登録",
        "case_facts" => "事実",
        "case_title" => "件名",
        "case_status" => "状況",
        "case_event_add" => "経過の追加",
        "case_event_remove" => "経過の削除",
        "case_measure_add" => "再発防止策の追加",
        "case_measure_update" => "再発防止策の更新",
        "case_publish" => "公表",
        _ => "変更",
    };
    html! {
        section.case-audit id="audit" {
            h2 { "この事案の監査ログ" }
            (table_of("hist", &["日時", "担当", "操作", "内容"], html! {
                @for e in entries {
                    tr {
                        td.small.nw { (when(&e.at)) }
                        td.nw { (e.who) }
                        td.nw { (action(&e.action)) }
                        td.detail { code { (super::audit::detail_text(&e.detail)) } }
                    }
                }
            }))
        }
    }
}

fn meta_form(ctx: &Ctx, c: &Case) -> Markup {
    let sts: Vec<(&str, &str)> = CaseStatus::ALL
        .iter()
        .map(|x| (x.as_str(), x.ja()))
        .collect();
    html! {
        details.case-meta {
            summary { "件名・組織名・状況を変更" }
            (post_form(ctx, "meta", &format!("/cases/{}/meta", c.id), None, html! {
                div.row {
                    label.grow { "件名" input type="text" name="title" required maxlength="300" value=(c.title); }
                    label { "組織名" input type="text" name="organization" maxlength="200" value=(c.organization); }
                    label { "状況" (select_of("status", "case-status", c.status.as_str(), None, &sts)) }
                    button.small type="submit" { "変更" }
                }
            }))
        }
    }
}

fn case_body(
    ctx: &Ctx,
    d: &CasePage,
    flash: Option<Vec<String>>,
    today: jikenbo_assess::Date,
) -> Markup {
    let c = &d.case;
    let ds = deadlines(c, today);
    html! {
        @if let Some(lines) = flash {
            div.flash.changes role="status" {
                strong { "保存しました" }
                ul { @for l in &lines { li { (l) } } }
            }
        }
        div.case-head {
            p.number { a href="/cases" { "自組織の事案" } " › 事案 " (c.id) }
            h1 { (c.title) }
            p.meta {
                span.org { (if c.organization.is_empty() { "組織名未入力" } else { &c.organization }) }
                (status_chip(c.status))
                (badge_chips(&ds))
                span.muted { "本日 " (date_ja_weekday(today)) }
            }
            (meta_form(ctx, c))
            nav.jump {
                a href="#deadlines" { "期限" } a href="#facts" { "事実" } a href="#timeline" { "経過" }
                a href="#measures" { "再発防止策" } a href="#drafts" { "下書き" } a href="#publications" { "公表" } a href="#audit" { "監査ログ" }
                a href=(format!("/api/cases/{}", c.id)) { "JSON" }
            }
        }
        (deadlines_table(&ds))
        (timeline(ctx, c))
        (facts_form(ctx, c))
        (measures(ctx, c))
        (drafts_panel(c))
        (publications(ctx, c, &d.publications))
        (case_audit(&d.audit))
    }
}

// ---- changes ----

/// A form posted on a case (`/cases/{id}/…`): the CSRF token checked, then the editor role, then
/// the case's number of the path, in that order, before the handler reads the form.
pub struct CaseForm {
    ctx: Ctx,
    form: Vec<(String, String)>,
    who: String,
    id: i64,
}

impl<S: Send + Sync> FromRequest<S> for CaseForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let Extension(ctx) = Extension::<Ctx>::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let body = Bytes::from_request(Request::from_parts(parts, body), state).await;
        let checked = editor_form(&ctx, body).and_then(|(form, who)| {
            let id = case_id(params.get("id").map_or("", String::as_str))?;
            Ok((form, who, id))
        });
        match checked {
            Ok((form, who, id)) => Ok(CaseForm { ctx, form, who, id }),
            Err(e) => Err(PageError(e).into_response()),
        }
    }
}

/// Keeps `lines` to show once on case `id`'s page and sends the browser there (`fragment`:
/// `#deadlines` …, or "" for the top of the page).
fn back_to_case(
    st: &AppState,
    ctx: &Ctx,
    id: i64,
    lines: Vec<String>,
    fragment: &str,
) -> PageResult<Response> {
    st.flash.put(&ctx.sid, id, lines);
    Ok(Redirect::to(&format!("{}{fragment}", case_url(id))).into_response())
}

/// The `date` and `time` fields of a posted form as one date-time (`2026-12-01T10:00`; the date
/// alone when no time is given).
fn posted_time(form: &[(String, String)]) -> String {
    let (date, time) = (field(form, "date").trim(), field(form, "time").trim());
    if time.is_empty() {
        date.to_string()
    } else {
        format!("{date}T{time}")
    }
}

pub async fn save_facts(
    State(st): State<AppState>,
    CaseForm { ctx, form, who, id }: CaseForm,
) -> PageResult<Response> {
    let set = posted_facts(&form)?;
    let today = today_jst();
    let up = st
        .write(move |s| update_facts(s, id, &set, &who, today))
        .await?;
    let lines = if up.facts.is_empty() {
        vec!["変更はありませんでした。".to_string()]
    } else {
        up.lines()
    };
    back_to_case(&st, &ctx, id, lines, "#deadlines")
}

pub async fn save_meta(
    State(st): State<AppState>,
    CaseForm { ctx, form, who, id }: CaseForm,
) -> PageResult<Response> {
    let title = field(&form, "title").trim().to_string();
    let org = field(&form, "organization").trim().to_string();
    check_title(&title, &org)?;
    let status: CaseStatus = term(field(&form, "status"))?;
    st.write(move |s| {
        let old = s.case(id)?;
        set_title(s, &old, &title, &org, &who)?;
        s.set_case_status(id, status, &who)?;
        Ok(())
    })
    .await?;
    let lines = vec!["件名・組織名・状況を保存しました。".into()];
    back_to_case(&st, &ctx, id, lines, "")
}

pub async fn add_event(
    State(st): State<AppState>,
    CaseForm { ctx, form, who, id }: CaseForm,
) -> PageResult<Response> {
    let stage = Some(field(&form, "stage"));
    let ev = event_from(
        &posted_time(&form),
        field(&form, "kind"),
        stage,
        field(&form, "note"),
    )?;
    let today = today_jst();
    let head = format!("経過を記録しました: {} {}", ev.at.ja(), ev.kind.ja());
    let (_, change) = st
        .write(move |s| cases::add_event(s, id, &ev, &who, today))
        .await?;
    let lines = std::iter::once(head).chain(change.lines).collect();
    back_to_case(&st, &ctx, id, lines, "#deadlines")
}

pub async fn remove_event(
    State(st): State<AppState>,
    Path((_, eid)): Path<(String, String)>,
    CaseForm { ctx, who, id, .. }: CaseForm,
) -> PageResult<Response> {
    let eid = item_id(&eid)?;
    let today = today_jst();
    let (removed, change) = st
        .write(move |s| cases::remove_event(s, id, eid, &who, today))
        .await?;
    let what = removed.map(|e| format!("経過を削除しました: {} {}", e.at.ja(), e.kind.ja()));
    let lines = what.into_iter().chain(change.lines).collect();
    back_to_case(&st, &ctx, id, lines, "#timeline")
}

/// The measure fields of a posted form as the API's JSON object.
fn measure_map(form: &[(String, String)]) -> Map<String, Value> {
    let mut m = Map::new();
    for k in ["text", "category", "owner", "due", "status", "evidence"] {
        if form.iter().any(|(x, _)| x == k) {
            m.insert(k.to_string(), Value::String(field(form, k).to_string()));
        }
    }
    m
}

pub async fn add_measure(
    State(st): State<AppState>,
    CaseForm { ctx, form, who, id }: CaseForm,
) -> PageResult<Response> {
    let m = measure_from(
        Measure::new("", MeasureCategory::Technical, MeasureStatus::Planned),
        &measure_map(&form),
    )?;
    let line = m.line();
    st.write(move |s| Ok(s.add_case_measure(id, &m, &who)?))
        .await?;
    let lines = vec![format!("再発防止策を追加しました: {line}")];
    back_to_case(&st, &ctx, id, lines, "#measures")
}

pub async fn update_measure(
    State(st): State<AppState>,
    Path((_, mid)): Path<(String, String)>,
    CaseForm { ctx, form, who, id }: CaseForm,
) -> PageResult<Response> {
    let mid = item_id(&mid)?;
    let map = measure_map(&form);
    let line = st
        .write(move |s| Ok(cases::update_measure(s, id, mid, &map, &who)?.line()))
        .await?;
    let lines = vec![format!("再発防止策を更新しました: {line}")];
    back_to_case(&st, &ctx, id, lines, &format!("#measure-{mid}"))
}

pub async fn publish(
    State(st): State<AppState>,
    CaseForm { ctx, form, who, id }: CaseForm,
) -> PageResult<Response> {
    if field(&form, "confirm") != "yes" {
        return Err(
            WebError::bad("公表される内容を確認し、確認の欄にチェックを入れてください").into(),
        );
    }
    let edition = Some(field(&form, "edition"))
        .filter(|e| !e.trim().is_empty())
        .map(parse_edition)
        .transpose()?;
    let entered = (!field(&form, "date").trim().is_empty()).then(|| posted_time(&form));
    let at = published_at(entered.as_deref())?;
    let text = Some(field(&form, "text").replace("\r\n", "\n")).filter(|t| !t.trim().is_empty());
    let today = today_jst();
    let p = st
        .write(move |s| publish_notice(s, id, edition, text, None, at, &who, today))
        .await?;
    let mut lines = vec![format!(
        "{}を事件簿に公表しました: {}",
        DraftRef::Notice(p.edition).label(),
        p.publication.numbers()
    )];
    if !p.unknown.is_empty() {
        lines.push(format!(
            "未確認のまま公表した項目: {}",
            p.unknown.join("、")
        ));
    }
    lines.extend(p.lines);
    back_to_case(&st, &ctx, id, lines, "#publications")
}

// ---- the print view of a draft ----

fn lines_of(s: &str) -> Markup {
    html! {
        @for (i, l) in s.trim_end().split('\n').enumerate() {
            @if i > 0 { br; }
            (l)
        }
    }
}

/// A draft as HTML: the blocks the Markdown and the .docx are written from, in the same order.
pub fn draft_html(d: &jikenbo_respond::Draft) -> Markup {
    html! {
        article.draft {
            h1 { (d.title) }
            @for b in &d.blocks {
                @match b {
                    Block::Heading(level, h) => {
                        @match (*level).clamp(2, 4) {
                            2 => { h2 { (h) } }
                            3 => { h3 { (h) } }
                            _ => { h4 { (h) } }
                        }
                    }
                    Block::Paragraph(p) => { p { (lines_of(p)) } }
                    Block::Right(p) => { p.right { (lines_of(p)) } }
                    Block::Bullets(items) => { ul { @for i in items { li { (lines_of(i)) } } } }
                    Block::Field(f) => {
                        div.field {
                            div.label { (f.label) }
                            @match &f.value {
                                Some(v) => { div.value { (lines_of(v)) } }
                                None => { div.value.unknown { (UNKNOWN) } }
                            }
                            div.source { "出典: " (f.source) }
                        }
                    }
                    Block::Memo(lines) => {
                        aside.memo {
                            strong { "作成メモ(提出・公表する文書には含めない)" }
                            ul { @for l in lines { li { (l) } } }
                        }
                    }
                }
            }
        }
    }
}

pub async fn draft_page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((id, kind)): Path<(String, String)>,
) -> PageResult<Response> {
    editor(&ctx)?;
    let id = case_id(&id)?;
    let kind = DraftRef::parse(&kind)?;
    let today = today_jst();
    let (c, d) = load_draft(&st, id, kind, today).await?;
    let slug = kind.slug();
    let unknown = d.unknown_fields();
    let body = html! {
        div.print-toolbar {
            a href=(format!("{}#drafts", case_url(c.id))) { "← 事案 " (c.id) " に戻る" }
            button.primary type="button" data-print { "印刷" }
            (download_links(c.id, &slug))
            @if !unknown.is_empty() {
                span.unknown-count { "未確認の項目: " (unknown.len()) " 件" }
            }
        }
        (draft_html(&d))
    };
    Ok(frame(
        &ctx,
        &format!("{} — 事案 {}", kind.label(), c.id),
        Nav::Cases,
        body,
    )
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posted_facts_take_only_the_fields_of_the_form() {
        let form: Vec<(String, String)> = [
            ("f.persons", "1,200"),
            ("f.data", ""),
            ("f.data", "name"),
            ("f.data", "email"),
            ("f.contact", ""),
            ("title", "x"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let set = posted_facts(&form).unwrap();
        assert_eq!(set.len(), 3);
        assert_eq!(set["persons"], 1200);
        assert_eq!(set["data"], serde_json::json!(["name", "email"]));
        assert_eq!(set["contact"], Value::Null);
    }
}
