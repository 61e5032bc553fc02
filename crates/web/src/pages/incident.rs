//! An incident: every field with its evidence highlighted in the archived texts, the documents
//! (第1報/続報), each field's history, the curator's corrections, labels and the assessment.

use super::form::{editor_form, field};
use super::layout::{csrf, page as frame, when, Nav};
use crate::auth::{Ctx, Role};
use crate::error::{PageResult, WebError};
use crate::highlight::{field_class, floor_boundary, highlight, Mark};
use crate::service::{
    changes_from_form, field_ja, form_value, parse_note, parse_ref, value_ja, MAX_NOTE,
    MAX_ORGANIZATION, MAX_TITLE,
};
use crate::util::commas;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use jikenbo_assess::{assess_stored, Assessment};
use jikenbo_model::{Actor, Cause, DataKind, Field, Leak};
use jikenbo_store::{
    AuditEntry, DocumentRef, DocumentView, IncidentRef, IncidentView, LabelKind, ValueSource,
};
use maud::{html, Markup};

/// Everything the page shows.
pub struct IncidentPage {
    pub view: IncidentView,
    pub docs: Vec<DocumentView>,
    pub audit: Vec<AuditEntry>,
    pub assessment: Assessment,
    /// Sanity flags, those a curator accepted, and the incident's duplicate-candidate pairs.
    pub flags: Vec<jikenbo_store::Flag>,
    pub accepted: Option<Vec<jikenbo_store::Flag>>,
    pub pairs: Vec<jikenbo_store::DupCandidate>,
}

/// Reads the page's data (one read connection).
pub fn load(s: &jikenbo_store::Store, r: IncidentRef) -> Result<IncidentPage, WebError> {
    let view = s.incident(r)?;
    let mut docs = Vec::new();
    for d in &view.documents {
        if !docs.iter().any(|x: &DocumentView| x.document.id == d.id) {
            docs.push(s.document(d.id)?);
        }
    }
    let audit = s.audit_log(Some(IncidentRef::Id(view.id)), 50)?;
    // the stored sector (a curator's correction wins over the name's reading)
    let sector = view
        .sector
        .as_deref()
        .and_then(jikenbo_model::Sector::parse);
    let assessment = assess_stored(&view.record, sector, None);
    let (flags, accepted) = s.flags_of(IncidentRef::Id(view.id))?;
    let pairs = s.dup_candidates_of(view.id)?;
    Ok(IncidentPage {
        view,
        docs,
        audit,
        assessment,
        flags,
        accepted,
        pairs,
    })
}

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    RawQuery(q): RawQuery,
) -> PageResult<Response> {
    let iref = parse_ref(&r)?;
    let data = st.read(move |s| load(s, iref)).await?;
    let p = crate::params::pairs(q.as_deref());
    let msg = p
        .iter()
        .find(|(k, _)| k == "msg")
        .map(|(_, v)| v.as_str())
        .and_then(|m| match m {
            "saved" => Some("修正を保存しました。"),
            "nochange" => Some("変更はありませんでした。"),
            "cleared" => Some("修正を取り消し、抽出値に戻しました。"),
            "label" => Some("ラベルを更新しました。"),
            "created" => Some("登録しました。"),
            "merged" => Some("統合しました。分割すれば元に戻せます。"),
            "split" => Some("分割しました。この事案が分割した報を持つ新しい事案です。"),
            "reextracted" => Some("この事案の文書を再抽出しました。"),
            "accepted" => Some("確認済みにしました。"),
            "unaccepted" => Some("確認を取り消しました。"),
            _ => None,
        });
    let title = format!(
        "#{} {}",
        data.view.number,
        data.view.record.title.as_deref().unwrap_or("")
    );
    Ok(frame(&ctx, &title, Nav::Casebook, body(&ctx, &data, &r, msg)).into_response())
}

fn report_kind_ja(kind: &str, no: Option<i64>) -> String {
    match (kind, no) {
        ("final", _) => "最終報".into(),
        (_, Some(n)) => format!("第{n}報"),
        ("followup", None) => "続報".into(),
        _ => "第1報".into(),
    }
}

fn anchor_of(field: &str, doc: i64) -> String {
    format!("ev-{doc}-{}", field.replace('.', "-"))
}

/// The marks of one document: what each of its reports said (current values strong, others
/// light), anchors on the current evidence.
fn marks_for(view: &IncidentView, doc_id: i64) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    let mut anchored: Vec<String> = Vec::new();
    for f in &view.fields {
        for h in f
            .history
            .iter()
            .filter(|h| h.document_id == doc_id && h.superseded_at.is_none())
        {
            for e in &h.evidence {
                let current = h.current
                    && f.evidence
                        .iter()
                        .any(|x| x.start == e.start && x.end == e.end && x.document_id == doc_id);
                let id = anchor_of(&e.field, doc_id);
                let anchor = (current && !anchored.contains(&id)).then(|| {
                    anchored.push(id.clone());
                    id
                });
                out.push(Mark {
                    start: e.start,
                    end: e.end,
                    field: e.field.clone(),
                    current,
                    anchor,
                });
            }
        }
    }
    out
}

fn source_cell(view: &IncidentView, src: &ValueSource) -> Markup {
    match src {
        ValueSource::Override {
            author, at, note, ..
        } => html! {
            span.src.override title=(format!("{} {}", author, when(at))) { "修正 (" (author) ")" }
            @if let Some(n) = note { div.note { (n) } }
        },
        ValueSource::Report { document_id, .. } => {
            let d = view.documents.iter().find(|d| d.id == *document_id);
            html! {
                span.src.report {
                    @match d {
                        Some(d) => {
                            @let kind = d.report.as_ref().map(|r| report_kind_ja(&r.kind, r.report_no)).unwrap_or_default();
                            (kind) " " span.docname { (d.name) }
                        }
                        None => { "文書 " (document_id) }
                    }
                }
            }
        }
        ValueSource::None => html! { span.src.none { "—" } },
    }
}

fn fields_table(view: &IncidentView) -> Markup {
    html! {
        table.fields {
            thead { tr { th { "項目" } th { "値" } th { "出典" } th { "根拠" } } }
            tbody {
                @for f in &view.fields {
                    tr id=(format!("field-{}", f.field)) class=(field_class(f.field)) {
                        th scope="row" { span.swatch {} (f.field.ja()) }
                        td.value {
                            @if f.field == Field::Sector {
                                (view.sector.as_deref().unwrap_or("不明"))
                            } @else {
                                (value_ja(f.field, &f.value))
                            }
                        }
                        td { (source_cell(view, &f.source)) }
                        td.evidence {
                            @for e in &f.evidence {
                                a.evlink href=(format!("#{}", anchor_of(&e.field, e.document_id)))
                                    data-anchor=(anchor_of(&e.field, e.document_id))
                                    title=(e.text) {
                                    @let t: String = e.text.chars().take(24).collect();
                                    "「" (t) @if e.text.chars().count() > 24 { "…" } "」"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn doc_panel(view: &IncidentView, d: &DocumentView, r: Option<&DocumentRef>) -> Markup {
    let text = &d.text;
    let (s, e) = r
        .and_then(|r| r.report.as_ref())
        .map(|rep| (rep.span.start.min(text.len()), rep.span.end.min(text.len())))
        .unwrap_or((0, text.len()));
    let (s, e) = if s >= e { (0, text.len()) } else { (s, e) };
    let marks = marks_for(view, d.document.id);
    let kind = r
        .and_then(|r| r.report.as_ref())
        .map(|rep| report_kind_ja(&rep.kind, rep.report_no))
        .unwrap_or_default();
    let date = r
        .and_then(|r| r.report.as_ref())
        .and_then(|rep| rep.report_date.clone());
    html! {
        article.doc id=(format!("doc-{}", d.document.id)) {
            header {
                span.kind { (kind) }
                @if let Some(dt) = date { span.date { (dt) } }
                a.docname href=(format!("/documents/{}", d.document.id)) { (d.document.name) }
                span.meta { (d.document.format) " · " (d.document.encoding) " · " (commas(d.document.size as u64)) " バイト" }
                a.orig href=(format!("/documents/{}/original", d.document.id)) { "原本" }
            }
            @if s > 0 {
                details.context {
                    summary { "前の部分 (" (commas(text[..floor_boundary(text, s)].chars().count() as u64)) " 文字)" }
                    pre.text { (highlight(text, 0, s, &marks)) }
                }
            }
            pre.text.section { (highlight(text, s, e, &marks)) }
            @if e < text.len() {
                details.context {
                    summary { "後の部分 (" (commas(text[floor_boundary(text, e)..].chars().count() as u64)) " 文字)" }
                    pre.text { (highlight(text, e, text.len(), &marks)) }
                }
            }
        }
    }
}

fn legend() -> Markup {
    html! {
        p.legend {
            @for f in Field::RECORD {
                span class=(format!("ev {} cur", field_class(f))) { (f.ja()) }
            }
            span.ev.old { "他の報の記載" }
        }
    }
}

/// The assessment: report duty, grounds with articles, deadlines, JNSA.
pub fn assessment_panel(a: &Assessment) -> Markup {
    let j = &a.jnsa;
    html! {
        section.assessment id="assessment" {
            h2 { "法的評価 (報告義務の判定)" }
            div.verdict class=(if a.report_required { "required" } else { "not-required" }) {
                strong { @if a.report_required { "個人情報保護委員会への報告義務あり" } @else { "報告義務なし (記録上の事実による)" } }
                span.notify { "本人への通知: " @if a.notify_individuals { "必要" } @else { "不要" } }
            }
            dl.facts {
                dt { "根拠" }
                dd {
                    @if a.grounds.is_empty() { "なし" }
                    ul {
                        @for g in &a.grounds {
                            li {
                                (g.ja())
                                @for r in &a.regimes {
                                    @if a.regime_details.iter().any(|d| d.regime == *r && d.grounds.contains(g)) {
                                        " " span.article { "(" (r.ground_article(*g)) ")" }
                                    }
                                }
                            }
                        }
                    }
                }
                dt { "適用法令" }
                dd { @for (i, r) in a.regimes.iter().enumerate() { @if i > 0 { "、" } (r.law()) } }
                @if a.report_required {
                    dt { "速報 (目安)" }
                    dd {
                        @match (a.sokuho_from, a.sokuho_to) {
                            (Some(f), Some(t)) => { (f.to_string()) " 〜 " (t.to_string()) " (知った日から3〜5日以内、できるだけ早く)" }
                            _ => { "知った日から3〜5日以内 (知った日 = 判明日が不明)" }
                        }
                    }
                    dt { "確報期限" }
                    dd {
                        @match (a.kakuho_due, a.kakuho_days) {
                            (Some(due), Some(d)) => { strong { (due.to_string()) } " (知った日を1日目として" (d) "日、休日は翌開庁日)" }
                            (None, Some(d)) => { "知った日から" (d) "日以内 (知った日が不明)" }
                            _ => { "—" }
                        }
                    }
                }
                dt { "JNSA想定損害賠償額" }
                dd {
                    "1人あたり " strong { (commas(j.per_person)) "円" }
                    @if let Some(t) = j.total { "、総額 " strong { (commas(t)) "円" } }
                    span.jnsa-levels { " (精神的苦痛レベル" (j.privacy_level) "・経済的損失レベル" (j.economic_level) "・本人特定容易度" (j.identifiability) ")" }
                }
            }
            @if !a.reasons.is_empty() {
                h3 { "理由" }
                ul.reasons { @for r in &a.reasons { li { (r) } } }
            }
            @if !a.branches.is_empty() {
                h3 { "場合分け (不明な事実が異なる場合)" }
                ul.branches { @for b in &a.branches { li { (b.summary) } } }
            }
            @if !a.assumptions.is_empty() {
                details {
                    summary { "前提 (不明な事実と採った既定値) " (a.assumptions.len()) " 件" }
                    ul.assumptions { @for s in &a.assumptions { li { (s) } } }
                }
            }
        }
    }
}

fn select_vocab(
    name: &str,
    current: &str,
    options: impl Iterator<Item = (&'static str, &'static str)>,
) -> Markup {
    html! {
        select name=(name) id=(format!("edit-{name}")) {
            option value="" selected[current.is_empty()] { "不明" }
            @for (k, ja) in options {
                option value=(k) selected[current == k] { (ja) " (" (k) ")" }
            }
        }
    }
}

fn edit_form(ctx: &Ctx, view: &IncidentView, r: &str) -> Markup {
    let cur = |f: Field| -> String {
        view.fields
            .iter()
            .find(|x| x.field == f)
            .map(|x| form_value(&x.value))
            .unwrap_or_default()
    };
    let data_now: Vec<String> = view
        .record
        .data
        .iter()
        .map(|d| d.as_str().to_string())
        .collect();
    html! {
        section.edit id="edit" {
            h2 { "修正" }
            p.help { "値を直して「修正を保存」を押すと、変更した項目だけが修正として記録されます (抽出値と履歴は残ります)。日付は YYYY、YYYY-MM、YYYY-MM-DD。空欄は「不明」。" }
            form.edit method="post" action=(format!("/incidents/{r}/edit")) {
                (csrf(ctx))
                div.grid {
                    label for="edit-organization" { "組織" }
                    input #edit-organization type="text" name=(Field::Organization) value=(cur(Field::Organization)) maxlength=(MAX_ORGANIZATION);
                    label for="edit-title" { "件名" }
                    input #edit-title type="text" name=(Field::Title) value=(cur(Field::Title)) maxlength=(MAX_TITLE);
                    @for &f in Field::DATES {
                        label for=(format!("edit-{f}")) { (f.ja()) }
                        input id=(format!("edit-{f}")) type="text" name=(f) value=(cur(f))
                            pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" placeholder="YYYY-MM-DD" maxlength="10";
                    }
                    label for="edit-affected" { "人数" }
                    input #edit-affected type="text" name=(Field::Affected) value=(cur(Field::Affected)) inputmode="numeric" maxlength="20";
                    label for="edit-leak" { "漏えい" }
                    (select_vocab(Field::Leak.as_str(), &cur(Field::Leak), Leak::ALL.iter().map(|x| (x.as_str(), x.ja()))))
                    label for="edit-cause" { "原因" }
                    (select_vocab(Field::Cause.as_str(), &cur(Field::Cause), Cause::ALL.iter().map(|x| (x.as_str(), x.ja()))))
                    label for="edit-actor" { "行為者" }
                    (select_vocab(Field::Actor.as_str(), &cur(Field::Actor), Actor::ALL.iter().map(|x| (x.as_str(), x.ja()))))
                    label for="edit-sector" { "業種" }
                    select #edit-sector name=(Field::Sector) {
                        @let s = cur(Field::Sector);
                        option value="" selected[s.is_empty()] { "不明" }
                        @for x in jikenbo_store::SECTORS {
                            option value=(x.ja()) selected[s == x.ja()] { (x.ja()) }
                        }
                    }
                    span.label { "漏えいした情報" }
                    fieldset.data {
                        legend.visually-hidden { "漏えいした情報" }
                        input type="hidden" name="data_present" value="1";
                        @for k in DataKind::ALL {
                            label.check {
                                input type="checkbox" name="data" value=(k.as_str()) checked[data_now.iter().any(|d| d == k.as_str())];
                                (k.ja())
                            }
                        }
                    }
                    label for="edit-note" { "メモ (修正の理由)" }
                    textarea #edit-note name="note" rows="2" maxlength=(MAX_NOTE) placeholder="例: 第2報で人数が確定したため" {}
                }
                button.primary type="submit" { "修正を保存" }
            }
            @let overridden: Vec<&str> = view.fields.iter().filter(|f| matches!(f.source, ValueSource::Override { .. })).map(|f| f.field.as_str()).collect();
            @if !overridden.is_empty() {
                div.clear-overrides {
                    "修正中の項目: "
                    @for f in overridden {
                        form.inline method="post" action=(format!("/incidents/{r}/clear")) {
                            (csrf(ctx))
                            input type="hidden" name="field" value=(f);
                            button.small type="submit" title="修正を取り消して抽出値に戻す" { (field_ja(f)) " を抽出値に戻す" }
                        }
                    }
                }
            }
        }
    }
}

fn labels_panel(ctx: &Ctx, view: &IncidentView, r: &str) -> Markup {
    let editor = ctx.can(Role::Editor);
    html! {
        div.labels-panel id="labels" {
            @for l in &view.labels {
                @let cls = match l.kind { LabelKind::Derived => "chip derived", LabelKind::User => "chip user", LabelKind::Suppressed => "chip suppressed" };
                span class=(cls) title=(match l.kind { LabelKind::Derived => "抽出結果から導出", LabelKind::User => "手動で追加", LabelKind::Suppressed => "導出ラベルを削除済み" }) {
                    (l.label)
                    @if editor {
                        form.inline method="post" action=(format!("/incidents/{r}/labels")) {
                            (csrf(ctx))
                            input type="hidden" name="label" value=(l.label);
                            @if l.kind == LabelKind::Suppressed {
                                input type="hidden" name="action" value="add";
                                button.chip-btn type="submit" title="戻す" aria-label=(format!("{} を戻す", l.label)) { "↺" }
                            } @else {
                                input type="hidden" name="action" value="remove";
                                button.chip-btn type="submit" title="外す" aria-label=(format!("{} を外す", l.label)) { "×" }
                            }
                        }
                    }
                }
            }
            @if editor {
                form.inline.add-label method="post" action=(format!("/incidents/{r}/labels")) {
                    (csrf(ctx))
                    input type="hidden" name="action" value="add";
                    input type="text" name="label" placeholder="ラベルを追加" maxlength="100" required aria-label="追加するラベル";
                    button.small type="submit" { "追加" }
                }
            }
        }
    }
}

fn history_panel(view: &IncidentView) -> Markup {
    html! {
        section.history id="history" {
            h2 { "各項目の履歴" }
            @for f in view.fields.iter().filter(|f| !f.history.is_empty()) {
                @let distinct = { let mut v: Vec<String> = f.history.iter().map(|h| h.value.to_string()).collect(); v.sort(); v.dedup(); v.len() };
                details open[distinct > 1] {
                    summary { (f.field.ja()) " — " (f.history.len()) " 件の記載" @if distinct > 1 { span.differs { " (報によって値が異なります)" } } }
                    table.hist {
                        thead { tr { th { "文書" } th { "報" } th { "報告日" } th { "値" } th { "記録" } th { "状態" } } }
                        tbody {
                            @for h in &f.history {
                                tr class=[h.current.then_some("current")] {
                                    td { a href=(format!("#doc-{}", h.document_id)) { (h.document) } }
                                    td { (report_kind_ja(&h.report_kind, h.report_no)) }
                                    td { (h.report_date.as_deref().unwrap_or("—")) }
                                    td { (value_ja(f.field, &h.value)) }
                                    td.small { (when(&h.recorded_at)) br; span.muted { (h.extractor) } }
                                    td {
                                        @if h.current { span.state.cur { "現在の値" } }
                                        @else if let Some(s) = &h.superseded_at { span.state.old { "再抽出で置換 " (when(s)) } }
                                        @else if !h.active { span.state.old { "無効な報" } }
                                        @else { span.state { "過去の記載" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !view.overrides.is_empty() {
                h3 { "修正の記録" }
                table.hist {
                    thead { tr { th { "日時" } th { "項目" } th { "操作" } th { "値" } th { "メモ" } th { "担当" } } }
                    tbody {
                        @for o in view.overrides.iter().rev() {
                            tr class=[o.active.then_some("current")] {
                                td.small { (when(&o.created_at)) }
                                td { (field_ja(&o.field)) }
                                td { @if o.action == "clear" { "取消" } @else { "修正" } @if o.active { " (有効)" } }
                                td { @if o.action == "clear" { "—" } @else { (value_ja(&o.field, &o.value)) } }
                                td { (o.note.as_deref().unwrap_or("")) }
                                td { (o.author) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn audit_panel(entries: &[AuditEntry]) -> Markup {
    html! {
        @if !entries.is_empty() {
            section.audit id="audit" {
                h2 { "この事案の監査ログ" }
                table.hist {
                    thead { tr { th { "日時" } th { "担当" } th { "操作" } th { "内容" } } }
                    tbody {
                        @for e in entries {
                            tr {
                                td.small.nw { (when(&e.at)) }
                                td.nw { (e.who) }
                                td.nw { (super::audit::action_ja(&e.action)) }
                                td.detail { code { (super::audit::detail_text(&e.detail)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn body(ctx: &Ctx, d: &IncidentPage, r: &str, msg: Option<&str>) -> Markup {
    let v = &d.view;
    let rec = &v.record;
    let number = &v.number;
    html! {
        @if let Some(m) = msg { div.flash role="status" { (m) } }
        @if let Some(m) = &v.merged_into { div.flash.warn { "この事案は #" (m) " に統合されています。" } }
        @if !v.live { div.flash.warn { "この事案は現在有効ではありません (統合済み、または再抽出で報が見つからなくなりました)。" } }
        div.incident-head {
            p.number { "#" (number)
                @if !v.aliases.is_empty() { span.aliases { " (統合: " @for a in &v.aliases { "#" (a) " " } ")" } }
            }
            h1 { (rec.title.as_deref().unwrap_or("(件名不明)")) }
            p.meta {
                span.org { (rec.organization.as_deref().unwrap_or("組織不明")) }
                @if let Some(p) = rec.published { span { "公表 " (p.to_string()) } }
                span { "人数 " @match rec.affected { Some(a) => { (commas(a)) "人" }, None => { "不明" } } " (" (v.size) ")" }
                @if let Some(c) = rec.cause { span class=(format!("cause-chip c-{}", c.as_str())) { (c.ja()) } }
                @if let Some(l) = rec.leak { span.leak { (l.ja()) } }
                @if let Some(s) = &v.sector { span { (s) } }
            }
            (labels_panel(ctx, v, r))
            nav.jump {
                a href="#evidence" { "根拠" } a href="#assessment" { "法的評価" }
                a href="#curation" { "確認・統合・分割" @if !d.flags.is_empty() { " (要確認)" } }
                @if ctx.can(Role::Editor) { a href="#edit" { "修正" } }
                a href="#history" { "履歴" } a href=(format!("/api/incidents/{number}")) { "JSON" }
            }
        }
        div.incident-grid id="evidence" {
            section.fields-panel {
                h2 { "抽出項目と根拠" }
                (fields_table(v))
                (legend())
            }
            section.docs-panel {
                h2 { "原文 (" (d.docs.len()) " 件の文書)" }
                @for doc in &d.docs {
                    (doc_panel(v, doc, v.documents.iter().find(|x| x.id == doc.document.id)))
                }
            }
        }
        (assessment_panel(&d.assessment))
        (super::review::curation_panel(ctx, v, &d.docs, &d.flags, d.accepted.as_deref(), &d.pairs))
        @if ctx.can(Role::Editor) { (edit_form(ctx, v, number)) }
        (history_panel(v))
        (audit_panel(&d.audit))
    }
}

/// The body of a form post as pairs; a rejected body (too large, unreadable) is an error.
pub async fn edit(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (form, who) = editor_form(&ctx, body)?;
    let iref = parse_ref(&r)?;
    let note = parse_note(field(&form, "note"))?;
    let (number, changed) = st
        .write(move |s| {
            let view = s.incident(iref)?;
            let changes = changes_from_form(&view, &form)?;
            if changes.is_empty() {
                return Ok((view.number, false));
            }
            let n = s.edit(
                iref,
                &changes,
                (!note.is_empty()).then_some(note.as_str()),
                &who,
            )?;
            Ok((n, true))
        })
        .await?;
    let msg = if changed { "saved" } else { "nochange" };
    Ok(Redirect::to(&format!("/incidents/{number}?msg={msg}#evidence")).into_response())
}

pub async fn clear(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (form, who) = editor_form(&ctx, body)?;
    let iref = parse_ref(&r)?;
    let f = jikenbo_store::parse_field(field(&form, "field"))?;
    let number = st
        .write(move |s| Ok(s.clear_override(iref, f, Some("抽出値に戻す"), &who)?))
        .await?;
    Ok(Redirect::to(&format!("/incidents/{number}?msg=cleared#evidence")).into_response())
}

pub async fn label(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let (form, who) = editor_form(&ctx, body)?;
    let iref = parse_ref(&r)?;
    let label = field(&form, "label").trim().to_string();
    if label.is_empty() || label.chars().count() > 100 {
        return Err(WebError::bad("ラベルは1〜100文字で入力してください").into());
    }
    let add = field(&form, "action") != "remove";
    let number = st
        .write(move |s| {
            if add {
                s.add_label(iref, &label, &who)?;
            } else {
                s.remove_label(iref, &label, &who)?;
            }
            Ok(s.incident(iref)?.number)
        })
        .await?;
    Ok(Redirect::to(&format!("/incidents/{number}?msg=label#labels")).into_response())
}
