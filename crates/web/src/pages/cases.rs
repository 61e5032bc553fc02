//! 自組織の事案: the officer's own cases — the list with the next deadline of each, a new case,
//! and a case page (facts with who set each and when, deadlines with their countdown, the
//! timeline, recurrence-prevention measures, drafts with a print view and Word download, the
//! case's audit log), and what the case published into the casebook with the button that
//! publishes a public notice (公表する: the notice's text, and nothing else of the case, becomes
//! a casebook record). Editors only (see [`crate::cases`]); every form carries the CSRF token.
//!
//! After a change the page shows what it did (the fact lines and how the deadlines moved) once,
//! from [`crate::cases::Flash`].

use super::form::{checked_form, field};
use super::layout::{csrf, page as frame, when, Nav};
use crate::api::cases::{check_title, event_from, measure_from};
use crate::auth::Ctx;
use crate::cases::{
    apply_facts, badges, case_id, countdown, drafts_of, editor, fact_input, form_value,
    incident_url, item_id, link_ja, next_deadline, next_edition, now_jst, parse_edition,
    publish_notice, report_ja, today_jst, value_from_form, DraftRef, FactInput, SOON_DAYS,
};
use crate::error::{PageResult, WebError};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use jikenbo_assess::Facts;
use jikenbo_model::DataKind;
use jikenbo_respond::{
    attention, date_ja_weekday, deadlines, fact_label, fact_text, recompute, Block, Case,
    CaseDetails, CaseStatus, Deadline, DeadlineStatus, EventKind, Measure, MeasureCategory,
    MeasureStatus, ReportStage, UNKNOWN,
};
use jikenbo_store::{AuditEntry, CasePublication, NewCase};
use maud::{html, Markup};
use serde_json::{Map, Value};

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
            table.list.cases {
                thead { tr { th { "番号" } th { "件名" } th { "組織" } th { "状況" } th { "次の期限" } th { "" } } }
                tbody {
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
                }
            }
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
        form.case-new method="post" action="/cases" {
            (csrf(&ctx))
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
        }
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
    check_title(&title, &organization)?;
    let set = posted_facts(&form)?;
    let (facts, details) = apply_facts(&Case::new(0, "", ""), &set)?;
    let new = NewCase {
        title,
        organization,
        facts,
        details,
    };
    let case = st.write(move |s| Ok(s.create_case(&new, &who)?)).await?;
    st.flash.put(
        &ctx.sid,
        case.id,
        vec![format!("事案 {} を登録しました。", case.id)],
    );
    Ok(Redirect::to(&case_url(case.id)).into_response())
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
            form.facts method="post" action=(format!("/cases/{}/facts", c.id)) {
                (csrf(ctx))
                fieldset.card {
                    legend { "判定に使う事実" }
                    (fact_rows(c, Facts::FIELDS))
                }
                fieldset.card {
                    legend { "報告書・お知らせに使う事項" }
                    (fact_rows(c, &details))
                }
                button.primary type="submit" { "事実を保存" }
            }
        }
    }
}

fn deadlines_table(ds: &[Deadline]) -> Markup {
    html! {
        section.case-deadlines id="deadlines" {
            h2 { "期限" }
            table.list.deadlines {
                thead { tr { th { "対応" } th { "期限日" } th { "状況" } th { "根拠" } } }
                tbody {
                    @for d in ds {
                        tr id=(format!("deadline-{}", serde_json::to_value(d.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())) {
                            th scope="row" { (d.kind.ja()) }
                            td.when { (due_text(d)) }
                            td { span class=(countdown_class(d)) { (countdown(d)) } }
                            td.ground { (d.ground) }
                        }
                    }
                }
            }
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
                table.hist.events {
                    thead { tr { th { "日時" } th { "種類" } th { "メモ" } th { "記録" } th { "" } } }
                    tbody {
                        @for e in &c.events {
                            tr {
                                td.nw { (e.at.ja()) }
                                td.nw { (e.kind.ja()) @if let Some(s) = e.stage { " (" (s.ja()) ")" } }
                                td { (e.note) }
                                td.nw.small { (e.who) }
                                td {
                                    @if let Some(eid) = e.id {
                                        form.inline method="post" action=(format!("/cases/{}/events/{eid}/delete", c.id)) {
                                            (csrf(ctx))
                                            button.small type="submit" title="この記録を削除 (監査ログには残ります)" { "削除" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form.event-add method="post" action=(format!("/cases/{}/events", c.id)) {
                (csrf(ctx))
                div.row {
                    label { "日付" input #event-date type="date" name="date" required; }
                    label { "時刻 (任意)" input #event-time type="time" name="time"; }
                    label { "種類" (select_of("kind", "event-kind", "", None, &kinds)) }
                    label { "段階 (任意)" (select_of("stage", "event-stage", "", Some("—"), &stages)) }
                    label.grow { "メモ" input #event-note type="text" name="note" maxlength="2000" placeholder="例: 個人情報保護委員会の報告フォームから送信 (受付番号…)"; }
                    button.primary type="submit" { "経過を記録" }
                }
            }
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
                    form.measure method="post" action=(format!("/cases/{}/measures/{mid}", c.id)) id=(format!("measure-{mid}")) {
                        (csrf(ctx))
                        div.row {
                            (measure_fields(Some(m), &format!("measure-{mid}")))
                            button.small type="submit" { "更新" }
                        }
                    }
                }
            }
            form.measure.measure-add method="post" action=(format!("/cases/{}/measures", c.id)) {
                (csrf(ctx))
                div.row {
                    (measure_fields(None, "measure-new"))
                    button.primary type="submit" { "追加" }
                }
            }
        }
    }
}

fn drafts_panel(c: &Case) -> Markup {
    html! {
        section.case-drafts id="drafts" {
            h2 { "下書き" }
            p.help { "現在の事実・経過・再発防止策から作り直した下書きです。各項目に出典 (どの事実を誰がいつ入力したか) が付き、分からない事実は未確認と書かれます。" }
            table.list.drafts {
                thead { tr { th { "文書" } th { "表示・ダウンロード" } } }
                tbody {
                    @for d in drafts_of(c) {
                        @let slug = d.slug();
                        tr data-draft=(slug) {
                            td { (d.label()) }
                            td.links {
                                a href=(format!("/cases/{}/drafts/{slug}", c.id)) { "印刷用表示" }
                                a.docx href=(format!("/api/cases/{}/drafts/{slug}?format=docx", c.id)) { "Word (.docx)" }
                                a href=(format!("/api/cases/{}/drafts/{slug}?format=md", c.id)) { "Markdown" }
                            }
                        }
                    }
                }
            }
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
                table.list.publications {
                    thead { tr { th { "公表日時" } th { "事件簿の事例" } th { "文書" } th { "登録" } } }
                    tbody {
                        @for p in pubs {
                            tr data-publication=(p.id) {
                                td.nw {
                                    (p.published_at.parse::<jikenbo_respond::EventTime>().map(|t| t.ja()).unwrap_or_else(|_| p.published_at.clone()))
                                }
                                td {
                                    @for (i, x) in p.incidents.iter().enumerate() {
                                        @if i > 0 { br; }
                                        a.incident href=(incident_url(&x.live_number)) { "#" (x.live_number) }
                                        " " (report_ja(x.report_kind.as_deref(), x.report_no)) "・" (link_ja(&x.link))
                                        @if x.live_id != x.incident_id { span.muted { " (#" (x.number) " を統合)" } }
                                    }
                                }
                                td { a href=(format!("/documents/{}", p.document_id)) { (p.document_name) } }
                                td.nw.small { (p.who) " " (when(&p.recorded_at)) }
                            }
                        }
                    }
                }
            }
            form.publish method="post" action=(format!("/cases/{}/publish", c.id)) {
                (csrf(ctx))
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
            }
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
            table.hist {
                thead { tr { th { "日時" } th { "担当" } th { "操作" } th { "内容" } } }
                tbody {
                    @for e in entries {
                        tr {
                            td.small.nw { (when(&e.at)) }
                            td.nw { (e.who) }
                            td.nw { (action(&e.action)) }
                            td.detail { code { (super::audit::detail_text(&e.detail)) } }
                        }
                    }
                }
            }
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
            form.meta method="post" action=(format!("/cases/{}/meta", c.id)) {
                (csrf(ctx))
                div.row {
                    label.grow { "件名" input type="text" name="title" required maxlength="300" value=(c.title); }
                    label { "組織名" input type="text" name="organization" maxlength="200" value=(c.organization); }
                    label { "状況" (select_of("status", "case-status", c.status.as_str(), None, &sts)) }
                    button.small type="submit" { "変更" }
                }
            }
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

pub async fn save_facts(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let set = posted_facts(&form)?;
    let today = today_jst();
    let up = st
        .write(move |s| {
            let old = s.case(id)?;
            let (f, d) = apply_facts(&old, &set)?;
            Ok(s.update_case_facts(id, &f, &d, &who, today)?)
        })
        .await?;
    let lines = if up.facts.is_empty() {
        vec!["変更はありませんでした。".to_string()]
    } else {
        up.lines()
    };
    st.flash.put(&ctx.sid, id, lines);
    Ok(Redirect::to(&format!("{}#deadlines", case_url(id))).into_response())
}

pub async fn save_meta(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let title = field(&form, "title").trim().to_string();
    let org = field(&form, "organization").trim().to_string();
    check_title(&title, &org)?;
    let status: CaseStatus = field(&form, "status")
        .parse()
        .map_err(|e| WebError::bad(crate::cases::respond_ja(&e)))?;
    st.write(move |s| {
        let old = s.case(id)?;
        if old.title != title || old.organization != org {
            s.set_case_title(id, &title, &org, &who)?;
        }
        s.set_case_status(id, status, &who)?;
        Ok(())
    })
    .await?;
    st.flash.put(
        &ctx.sid,
        id,
        vec!["件名・組織名・状況を保存しました。".into()],
    );
    Ok(Redirect::to(&case_url(id)).into_response())
}

pub async fn add_event(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let date = field(&form, "date").trim();
    let time = field(&form, "time").trim();
    let at = if time.is_empty() {
        date.to_string()
    } else {
        format!("{date}T{time}")
    };
    let stage = Some(field(&form, "stage"));
    let ev = event_from(&at, field(&form, "kind"), stage, field(&form, "note"))?;
    let today = today_jst();
    let head = format!("経過を記録しました: {} {}", ev.at.ja(), ev.kind.ja());
    let lines = st
        .write(move |s| {
            let old = s.case(id)?;
            s.add_case_event(id, &ev, &who)?;
            Ok(recompute(&old, &s.case(id)?, today))
        })
        .await?;
    st.flash
        .put(&ctx.sid, id, std::iter::once(head).chain(lines).collect());
    Ok(Redirect::to(&format!("{}#deadlines", case_url(id))).into_response())
}

pub async fn remove_event(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((id, eid)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    checked_form(&ctx, body)?;
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let eid = item_id(&eid)?;
    let today = today_jst();
    let lines = st
        .write(move |s| {
            let old = s.case(id)?;
            let what = old
                .events
                .iter()
                .find(|e| e.id == Some(eid))
                .map(|e| format!("経過を削除しました: {} {}", e.at.ja(), e.kind.ja()));
            s.remove_case_event(id, eid, &who)?;
            let mut lines: Vec<String> = what.into_iter().collect();
            lines.extend(recompute(&old, &s.case(id)?, today));
            Ok(lines)
        })
        .await?;
    st.flash.put(&ctx.sid, id, lines);
    Ok(Redirect::to(&format!("{}#timeline", case_url(id))).into_response())
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
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let m = measure_from(
        Measure::new("", MeasureCategory::Technical, MeasureStatus::Planned),
        &measure_map(&form),
    )?;
    let line = m.line();
    st.write(move |s| Ok(s.add_case_measure(id, &m, &who)?))
        .await?;
    st.flash.put(
        &ctx.sid,
        id,
        vec![format!("再発防止策を追加しました: {line}")],
    );
    Ok(Redirect::to(&format!("{}#measures", case_url(id))).into_response())
}

pub async fn update_measure(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((id, mid)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let mid = item_id(&mid)?;
    let map = measure_map(&form);
    let line = st
        .write(move |s| {
            let c = s.case(id)?;
            let old = c.measures.into_iter().find(|m| m.id == Some(mid)).ok_or(
                jikenbo_store::StoreError::NoCaseItem {
                    case: id,
                    what: "measure",
                    id: mid,
                },
            )?;
            let new = measure_from(old, &map)?;
            s.update_case_measure(id, mid, &new, &who)?;
            Ok(new.line())
        })
        .await?;
    st.flash.put(
        &ctx.sid,
        id,
        vec![format!("再発防止策を更新しました: {line}")],
    );
    Ok(Redirect::to(&format!("{}#measure-{mid}", case_url(id))).into_response())
}

pub async fn publish(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    if field(&form, "confirm") != "yes" {
        return Err(
            WebError::bad("公表される内容を確認し、確認の欄にチェックを入れてください").into(),
        );
    }
    let edition = Some(field(&form, "edition"))
        .filter(|e| !e.trim().is_empty())
        .map(parse_edition)
        .transpose()?;
    let date = field(&form, "date").trim();
    let time = field(&form, "time").trim();
    let at = match (date.is_empty(), time.is_empty()) {
        (true, _) => now_jst(),
        (false, true) => date
            .parse()
            .map_err(|e| WebError::bad(crate::cases::respond_ja(&e)))?,
        (false, false) => format!("{date}T{time}")
            .parse()
            .map_err(|e| WebError::bad(crate::cases::respond_ja(&e)))?,
    };
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
    st.flash.put(&ctx.sid, id, lines);
    Ok(Redirect::to(&format!("{}#publications", case_url(id))).into_response())
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
    let (c, d) = crate::api::cases::load_draft(&st, id, kind, today).await?;
    let slug = kind.slug();
    let unknown = d.unknown_fields();
    let body = html! {
        div.print-toolbar {
            a href=(format!("{}#drafts", case_url(c.id))) { "← 事案 " (c.id) " に戻る" }
            button.primary type="button" data-print { "印刷" }
            a.docx href=(format!("/api/cases/{}/drafts/{slug}?format=docx", c.id)) { "Word (.docx)" }
            a href=(format!("/api/cases/{}/drafts/{slug}?format=md", c.id)) { "Markdown" }
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
