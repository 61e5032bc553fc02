//! Own cases (自組織の事案) on the web: what the pages ([`crate::pages::cases`]) and the API
//! ([`crate::api`], `/api/cases…`) share — today's date in Japan, the drafts a case offers and
//! their file names, the facts as form fields, errors in Japanese, the 続報 snapshot, the
//! changes both make (checked input, then the store: [`new_case`], [`update_facts`],
//! [`add_event`], [`update_measure`] …), publishing a public notice into the casebook
//! ([`publish_notice`]).
//!
//! # Access
//!
//! Cases are the organization's own, unpublished incidents: every case page and endpoint needs
//! the **editor** role ([`Role::Editor`]); a viewer gets 403 and there is no read-only role for
//! cases. In open mode (bound to loopback, no admin token) the local user is an editor, as for
//! the rest of the application; off loopback a token is required, so cases are never served to
//! anyone who has not signed in.

use crate::auth::{Ctx, Role};
use crate::error::{ApiResult, WebError};
use crate::AppState;
use axum::http::HeaderValue;
use jikenbo_assess::{Date, OrgKind};
use jikenbo_model::{Cause, DataKind, Leak};
use jikenbo_respond::{
    individual_notice, ppc_forms, ppc_report, privacy_mark_report, public_notice, recompute, Case,
    Deadline, DeadlineStatus, Draft, Event, EventKind, EventTime, Measure, MeasureCategory,
    MeasureStatus, NoticeEdition, PpcForm, ReportStage, RespondError, Update,
};
pub use jikenbo_respond::{next_edition, notice_file_name};
use jikenbo_store::{CasePublication, NewCase, Store, StoreError};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A deadline is "close" (期限間近) when at most this many days are left.
pub const SOON_DAYS: i64 = 7;

/// The principal's name, when it may work on own cases (editors; 403 for viewers).
pub fn editor(ctx: &Ctx) -> Result<String, WebError> {
    Ok(ctx.require(Role::Editor)?.name.clone())
}

/// Today in Japan (UTC+9): the deadlines are counted in Japanese days.
pub fn today_jst() -> Date {
    jikenbo_model::clock::today_jst()
}

/// `?today=YYYY-MM-DD` (for checks on a given day), else today in Japan.
pub fn today_of(p: &[(String, String)]) -> Result<Date, WebError> {
    match p.iter().rev().find(|(k, _)| k == "today") {
        Some((_, v)) if !v.trim().is_empty() => v.trim().parse().map_err(|_| {
            WebError::bad(format!(
                "today: 日付は YYYY-MM-DD の形で指定してください ({v:?})"
            ))
        }),
        _ => Ok(today_jst()),
    }
}

/// A case id from a path.
pub fn case_id(s: &str) -> Result<i64, WebError> {
    s.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| WebError::bad(format!("{s:?} は事案の番号ではありません (not a case id)")))
}

/// An event or measure id from a path.
pub fn item_id(s: &str) -> Result<i64, WebError> {
    s.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| WebError::bad(format!("{s:?} は番号ではありません (not an id)")))
}

/// The message of an error of `jikenbo-respond` (bad input), in Japanese.
pub fn respond_ja(e: &RespondError) -> String {
    match e {
        RespondError::Json(e) => format!("JSON の形が正しくありません: {e}"),
        RespondError::UnknownFact(k) => format!(
            "{k:?} という事実はありません。事実のキー: {}",
            jikenbo_respond::fact_keys().collect::<Vec<_>>().join(", ")
        ),
        RespondError::BadFact { key, detail } => format!(
            "事実「{}」({key}) の値が正しくありません: {detail}",
            jikenbo_respond::fact_label(key)
        ),
        RespondError::UnknownTerm {
            vocabulary,
            term,
            terms,
        } => {
            let what = match *vocabulary {
                "status" => "状況",
                "event kind" => "経過の種類",
                "report stage" => "報告の段階",
                "measure category" => "再発防止策の分類",
                "measure status" => "再発防止策の状態",
                other => other,
            };
            format!("{what}に {term:?} は使えません。次のいずれか: {terms}")
        }
        RespondError::BadTime(s) => format!(
            "日付・日時は YYYY-MM-DD または YYYY-MM-DDTHH:MM の形で入力してください ({s:?})"
        ),
        RespondError::Docx(d) => format!("Word ファイルを作成できませんでした: {d}"),
    }
}

/// The message of an error of the store's case functions, in Japanese (None: not a case error).
pub fn store_ja(e: &StoreError) -> Option<String> {
    Some(match e {
        StoreError::NoCase(id) => format!("事案 {id} はありません (no case {id})"),
        StoreError::NoCaseItem { case, what, id } => {
            let w = match *what {
                "event" => "経過",
                "measure" => "再発防止策",
                other => other,
            };
            format!("事案 {case} に{w} {id} はありません (case {case} has no {what} {id})")
        }
        StoreError::Respond(r) => respond_ja(r),
        _ => return None,
    })
}

// ---- drafts ----

/// One draft a case offers; its slug is the `{kind}` of the URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftRef {
    Ppc(PpcForm, ReportStage),
    PrivacyMark(ReportStage),
    Notice(NoticeEdition),
    Individual,
}

fn form_slug(f: PpcForm) -> &'static str {
    match f {
        PpcForm::Private => "private",
        PpcForm::Public => "public",
        PpcForm::MyNumber => "mynumber",
    }
}

fn form_ja(f: PpcForm) -> &'static str {
    match f {
        PpcForm::Private => "個人情報取扱事業者",
        PpcForm::Public => "行政機関等",
        PpcForm::MyNumber => "特定個人情報",
    }
}

impl DraftRef {
    /// `ppc-private-sokuho`, `privacy-mark-kakuho`, `notice-1`, `notice-2`, `notice-final`,
    /// `individual`.
    pub fn slug(self) -> String {
        match self {
            DraftRef::Ppc(f, s) => format!("ppc-{}-{}", form_slug(f), s.as_str()),
            DraftRef::PrivacyMark(s) => format!("privacy-mark-{}", s.as_str()),
            DraftRef::Notice(NoticeEdition::First) => "notice-1".into(),
            DraftRef::Notice(NoticeEdition::Followup(n)) => format!("notice-{n}"),
            DraftRef::Notice(NoticeEdition::Final) => "notice-final".into(),
            DraftRef::Individual => "individual".into(),
        }
    }

    pub fn parse(s: &str) -> Result<DraftRef, WebError> {
        let bad = || {
            WebError::NotFound(format!(
                "{s:?} という下書きはありません (ppc-private-sokuho, ppc-public-kakuho, ppc-mynumber-sokuho, privacy-mark-sokuho, privacy-mark-kakuho, notice-1, notice-2…, notice-final, individual)"
            ))
        };
        if let Some(rest) = s.strip_prefix("ppc-") {
            let (f, st) = rest.split_once('-').ok_or_else(bad)?;
            let form = match f {
                "private" => PpcForm::Private,
                "public" => PpcForm::Public,
                "mynumber" => PpcForm::MyNumber,
                _ => return Err(bad()),
            };
            let stage = stage_of(st).ok_or_else(bad)?;
            return Ok(DraftRef::Ppc(form, stage));
        }
        if let Some(st) = s.strip_prefix("privacy-mark-") {
            return Ok(DraftRef::PrivacyMark(stage_of(st).ok_or_else(bad)?));
        }
        if let Some(n) = s.strip_prefix("notice-") {
            if n == "final" {
                return Ok(DraftRef::Notice(NoticeEdition::Final));
            }
            let n: u32 = n
                .parse()
                .ok()
                .filter(|n| (1..=99).contains(n))
                .ok_or_else(bad)?;
            return Ok(DraftRef::Notice(if n == 1 {
                NoticeEdition::First
            } else {
                NoticeEdition::Followup(n)
            }));
        }
        if s == "individual" {
            return Ok(DraftRef::Individual);
        }
        Err(bad())
    }

    /// `個人情報保護委員会への漏えい等報告 速報(個人情報取扱事業者)`.
    pub fn label(self) -> String {
        match self {
            DraftRef::Ppc(f, s) => {
                format!(
                    "個人情報保護委員会への漏えい等報告 {}({})",
                    s.ja(),
                    form_ja(f)
                )
            }
            DraftRef::PrivacyMark(ReportStage::Sokuho) => {
                "プライバシーマーク 審査機関への速報".into()
            }
            DraftRef::PrivacyMark(ReportStage::Kakuho) => "プライバシーマーク 事故報告書".into(),
            DraftRef::Notice(NoticeEdition::First) => "お詫びとお知らせ(第1報)".into(),
            DraftRef::Notice(NoticeEdition::Followup(n)) => {
                format!("お詫びとお知らせ(第{n}報)")
            }
            DraftRef::Notice(NoticeEdition::Final) => "お詫びとお知らせ(最終報)".into(),
            DraftRef::Individual => "本人への通知".into(),
        }
    }

    /// The name of the downloaded file, without extension:
    /// `事案3_漏えい等報告_速報_個人情報取扱事業者_2026-12-01`.
    pub fn file_stem(self, case: &Case, today: Date) -> String {
        let what = match self {
            DraftRef::Ppc(f, s) => format!("漏えい等報告_{}_{}", s.ja(), form_ja(f)),
            DraftRef::PrivacyMark(ReportStage::Sokuho) => "審査機関への速報".into(),
            DraftRef::PrivacyMark(ReportStage::Kakuho) => "事故報告書".into(),
            DraftRef::Notice(NoticeEdition::First) => "お詫びとお知らせ_第1報".into(),
            DraftRef::Notice(NoticeEdition::Followup(n)) => format!("お詫びとお知らせ_第{n}報"),
            DraftRef::Notice(NoticeEdition::Final) => "お詫びとお知らせ_最終報".into(),
            DraftRef::Individual => "本人への通知".into(),
        };
        format!("事案{}_{what}_{today}", case.id)
    }

    /// The ASCII name for clients that cannot read `filename*`: `case-3-ppc-private-sokuho-2026-12-01`.
    pub fn ascii_stem(self, case: &Case, today: Date) -> String {
        format!("case-{}-{}-{today}", case.id, self.slug())
    }

    /// Builds the draft from the case as it is now (`since`: the case as of its last public
    /// notice, for a follow-up).
    pub fn build(self, case: &Case, since: Option<&Case>, today: Date) -> Draft {
        match self {
            DraftRef::Ppc(f, s) => ppc_report(case, f, s, today),
            DraftRef::PrivacyMark(s) => privacy_mark_report(case, s, today),
            DraftRef::Notice(e) => {
                public_notice(case, e, since.filter(|_| e != NoticeEdition::First), today)
            }
            DraftRef::Individual => individual_notice(case, today),
        }
    }
}

fn stage_of(s: &str) -> Option<ReportStage> {
    match s {
        "sokuho" => Some(ReportStage::Sokuho),
        "kakuho" => Some(ReportStage::Kakuho),
        _ => None,
    }
}

/// The drafts a case offers, in the order of the page: the PPC report (速報 and 確報) in each
/// form the case needs, the Privacy-Mark reports (unless the body is known not to hold the
/// mark), the public notices (第1報, the next 第N報 after the notices published so far, 最終報)
/// and the notice to individuals.
pub fn drafts_of(case: &Case) -> Vec<DraftRef> {
    let mut out = Vec::new();
    for f in ppc_forms(case) {
        out.push(DraftRef::Ppc(f, ReportStage::Sokuho));
        out.push(DraftRef::Ppc(f, ReportStage::Kakuho));
    }
    if case.details.privacy_mark != Some(false) {
        out.push(DraftRef::PrivacyMark(ReportStage::Sokuho));
        out.push(DraftRef::PrivacyMark(ReportStage::Kakuho));
    }
    out.push(DraftRef::Notice(NoticeEdition::First));
    let published = case.events_of(EventKind::Publication).len() as u32;
    out.push(DraftRef::Notice(NoticeEdition::Followup(
        (published + 1).max(2),
    )));
    out.push(DraftRef::Notice(NoticeEdition::Final));
    out.push(DraftRef::Individual);
    out
}

/// The case as it stood when its last 公表 event was recorded (facts from the fact history,
/// the events recorded until then, the measures replayed from the audit log), for a follow-up
/// notice to list what changed since; `None` when nothing was published yet.
pub fn snapshot_at_last_publication(store: &Store, case: &Case) -> Result<Option<Case>, WebError> {
    let Some(pub_id) = case
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Publication)
        .filter_map(|e| e.id)
        .max()
    else {
        return Ok(None);
    };
    let mut audit = store.case_audit_log(case.id, 100_000)?;
    audit.reverse(); // oldest first
    let Some(mark) = audit.iter().find(|a| {
        a.action == "case_event_add"
            && a.detail.get("event").and_then(Value::as_i64) == Some(pub_id)
    }) else {
        return Ok(None);
    };
    let (mark_id, mark_at) = (mark.id, mark.at.clone());
    let mut then = case.clone();
    // Facts: replay the history up to the mark.
    let mut facts = jikenbo_assess::Facts::default();
    let mut details = jikenbo_respond::CaseDetails::default();
    for h in store.case_fact_history(case.id)? {
        if h.at.as_str() > mark_at.as_str() {
            break;
        }
        // A value the store accepted once is accepted again.
        let _ = jikenbo_respond::set_fact(&mut facts, &mut details, &h.fact, h.value);
    }
    then.facts = facts;
    then.details = details;
    then.events.retain(|e| e.id.is_some_and(|id| id <= pub_id));
    let mut measures: Vec<Measure> = Vec::new();
    for a in audit.iter().filter(|a| a.id <= mark_id) {
        match a.action.as_str() {
            "case_measure_add" => {
                if let Some(m) = a
                    .detail
                    .get("measure")
                    .and_then(|m| serde_json::from_value::<Measure>(m.clone()).ok())
                {
                    measures.push(m);
                }
            }
            "case_measure_update" => {
                if let Some(m) = a
                    .detail
                    .get("to")
                    .and_then(|m| serde_json::from_value::<Measure>(m.clone()).ok())
                {
                    if let Some(x) = measures.iter_mut().find(|x| x.id == m.id) {
                        *x = m;
                    }
                }
            }
            _ => {}
        }
    }
    then.measures = measures;
    Ok(Some(then))
}

// ---- publishing a public notice ----

/// The most a published text may hold (characters).
pub const MAX_NOTICE_CHARS: usize = 200_000;

/// Now in Japan (UTC+9), to the minute: when a notice published without a time was published.
pub fn now_jst() -> EventTime {
    let t = jikenbo_model::clock::now_jst();
    EventTime {
        date: t.date,
        time: Some((t.hour, t.minute)),
    }
}

/// An edition as entered: `1`, `2` … `99`, `final` (also `第2報`, `最終報`).
pub fn parse_edition(s: &str) -> Result<NoticeEdition, WebError> {
    let t = s.trim();
    let t = match t {
        "最終報" | "最終" => "final",
        _ => t.trim_start_matches('第').trim_end_matches('報'),
    };
    match DraftRef::parse(&format!("notice-{t}")) {
        Ok(DraftRef::Notice(e)) => Ok(e),
        _ => Err(WebError::bad(format!(
            "edition: {s:?} は 1 (第1報)、2〜99 (第N報)、final (最終報) のいずれかです"
        ))),
    }
}

/// What publishing did.
pub struct Published {
    pub publication: CasePublication,
    pub edition: NoticeEdition,
    /// The fields of the generated notice published as 未確認 (empty for a text given).
    pub unknown: Vec<String>,
    /// How the deadlines moved (the 公表 event), as the other changes say it.
    pub lines: Vec<String>,
}

/// Publishes a public notice of case `id` into the casebook ([`Store::publish_case_notice`]):
/// `text` as given, else the notice draft of `edition` (default [`next_edition`]) written from
/// the case as it is now — a follow-up listing what changed since the last 公表 — without its
/// sources and memo ([`jikenbo_respond::Draft::to_public_markdown`]).
#[allow(clippy::too_many_arguments)]
pub fn publish_notice(
    s: &mut Store,
    id: i64,
    edition: Option<NoticeEdition>,
    text: Option<String>,
    name: Option<String>,
    at: EventTime,
    who: &str,
    today: Date,
) -> Result<Published, WebError> {
    let case = s.case(id)?;
    let edition = match edition {
        Some(e) => e,
        None => next_edition(s.case_publications(id)?.len()),
    };
    let (text, unknown) = match text.filter(|t| !t.trim().is_empty()) {
        Some(t) => (t, Vec::new()),
        None => {
            let since = match edition {
                NoticeEdition::First => None,
                _ => snapshot_at_last_publication(s, &case)?,
            };
            let d = public_notice(&case, edition, since.as_ref(), today);
            let unknown = d.unknown_fields().iter().map(|f| f.to_string()).collect();
            (d.to_public_markdown(), unknown)
        }
    };
    if text.chars().count() > MAX_NOTICE_CHARS {
        return Err(WebError::bad(format!(
            "公表する文書は{MAX_NOTICE_CHARS}文字までです"
        )));
    }
    let name = name
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| notice_file_name(&case, edition, today));
    if name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(WebError::bad(
            "文書の名前は制御文字を含まない200文字までです",
        ));
    }
    let publication = s.publish_case_notice(id, &text, &name, who, at)?;
    let lines = recompute(&case, &s.case(id)?, today);
    Ok(Published {
        publication,
        edition,
        unknown,
        lines,
    })
}

/// The casebook page of an incident.
pub fn incident_url(number: &str) -> String {
    format!("/incidents/{number}")
}

/// How a published report was linked, in Japanese.
pub fn link_ja(link: &str) -> &'static str {
    match link {
        "new" => "新規の事例",
        "followup" => "続報",
        "same-facts" => "同一の事例",
        "existing" => "登録済みの文書",
        _ => "登録",
    }
}

/// `Content-Disposition: attachment` with an ASCII name for old clients (`fallback`, any other
/// character made `_`) and the real (Japanese) name as RFC 5987 `filename*=UTF-8''…`.
pub fn attachment(filename: &str, fallback: &str) -> HeaderValue {
    let ascii: String = fallback
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut enc = String::new();
    for b in filename.bytes() {
        // RFC 5987 attr-char.
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            )
        {
            enc.push(b as char);
        } else {
            enc.push_str(&format!("%{b:02X}"));
        }
    }
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{enc}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// The .docx media type.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// ---- deadlines as shown ----

/// The deadline that comes next among those not met: overdue first, then the earliest due date.
pub fn next_deadline(ds: &[Deadline]) -> Option<&Deadline> {
    ds.iter()
        .filter(|d| matches!(d.status, DeadlineStatus::Due | DeadlineStatus::Overdue))
        .min_by_key(|d| (d.status != DeadlineStatus::Overdue, d.due))
}

/// `残り5日`, `本日が期限`, `3日超過`, `済(2026年12月2日)`, `速やかに`, `期限日未確定(…)`, `不要`.
pub fn countdown(d: &Deadline) -> String {
    match d.status {
        DeadlineStatus::Met => {
            let on = d.met_on.map(|t| t.ja()).unwrap_or_default();
            if d.met_late {
                format!("済({on}、期限後)")
            } else {
                format!("済({on})")
            }
        }
        DeadlineStatus::Due => match d.days_left {
            Some(0) => "本日が期限".into(),
            Some(n) => format!("残り{n}日"),
            None => "期限内".into(),
        },
        DeadlineStatus::Overdue => format!("{}日超過", d.days_overdue()),
        DeadlineStatus::NoFixedDate => "速やかに(期限日なし)".into(),
        DeadlineStatus::Undetermined => format!(
            "期限日未確定({})",
            d.missing.as_deref().unwrap_or("未確認の事実あり")
        ),
        DeadlineStatus::NotRequired => "不要".into(),
    }
}

/// Whether a deadline is overdue / close (期限間近: due within [`SOON_DAYS`] days).
pub fn badges(ds: &[Deadline]) -> (bool, bool) {
    let overdue = ds.iter().any(|d| d.status == DeadlineStatus::Overdue);
    let soon = ds
        .iter()
        .any(|d| d.status == DeadlineStatus::Due && d.days_left.is_some_and(|n| n <= SOON_DAYS));
    (overdue, soon)
}

// ---- facts as form fields ----

/// How a fact is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactInput {
    Count,
    /// はい / いいえ (or, for wrongful intent, おそれあり / なし).
    YesNo,
    /// One of a vocabulary (serde name, Japanese label).
    Choice(&'static [(&'static str, &'static str)]),
    Date,
    DataKinds,
    /// One note per line.
    Lines,
    /// JSON (`{"disability": [3, 1]}`).
    Json,
    Text,
    LongText,
}

const SOCIAL: &[(&str, &str)] = &[("high", "高い"), ("normal", "平均的")];
const RESPONSE: &[(&str, &str)] = &[
    ("appropriate", "適切"),
    ("inappropriate", "不適切"),
    ("unknown", "不明"),
];

fn org_kinds() -> &'static [(&'static str, &'static str)] {
    static V: std::sync::OnceLock<Vec<(&'static str, &'static str)>> = std::sync::OnceLock::new();
    V.get_or_init(|| OrgKind::ALL.iter().map(|k| (k.as_str(), k.ja())).collect())
}

fn causes() -> &'static [(&'static str, &'static str)] {
    static V: std::sync::OnceLock<Vec<(&'static str, &'static str)>> = std::sync::OnceLock::new();
    V.get_or_init(|| Cause::ALL.iter().map(|k| (k.as_str(), k.ja())).collect())
}

fn leaks() -> &'static [(&'static str, &'static str)] {
    static V: std::sync::OnceLock<Vec<(&'static str, &'static str)>> = std::sync::OnceLock::new();
    V.get_or_init(|| Leak::ALL.iter().map(|k| (k.as_str(), k.ja())).collect())
}

/// How the fact `key` is entered.
pub fn fact_input(key: &str) -> FactInput {
    match key {
        "org_kind" => FactInput::Choice(org_kinds()),
        "persons" | "my_number_persons" => FactInput::Count,
        "data" => FactInput::DataKinds,
        "cause" => FactInput::Choice(causes()),
        "leak" => FactInput::Choice(leaks()),
        "social_responsibility" => FactInput::Choice(SOCIAL),
        "response" => FactInput::Choice(RESPONSE),
        "aware" => FactInput::Date,
        "notes" => FactInput::Lines,
        "jnsa_levels" => FactInput::Json,
        "privacy_mark_body" | "industry" | "discovered_by" | "data_medium" | "data_category"
        | "cause_entity" | "caused_by" | "contact" => FactInput::Text,
        k if jikenbo_assess::Facts::FIELDS.contains(&k) || k == "privacy_mark" => FactInput::YesNo,
        _ => FactInput::LongText,
    }
}

/// The form value of a fact ("" when unknown; data kinds: their names comma-joined).
pub fn form_value(case: &Case, key: &str) -> String {
    let v = jikenbo_respond::fact_value(&case.facts, &case.details, key);
    match (&v, fact_input(key)) {
        (Value::Null, _) => String::new(),
        (Value::Bool(b), _) => b.to_string(),
        (Value::String(s), _) => s.clone(),
        (Value::Number(n), _) => n.to_string(),
        (Value::Array(a), FactInput::Lines) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        (Value::Array(a), _) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        (v, _) => v.to_string(),
    }
}

/// The JSON value of a fact from its form field(s) (`Null`: unknown). `values` are the posted
/// values of `f.<key>` (several for the data kinds).
pub fn value_from_form(key: &str, values: &[&str]) -> Result<Value, WebError> {
    let one = values.last().map(|s| s.trim()).unwrap_or("");
    let label = jikenbo_respond::fact_label(key);
    Ok(match fact_input(key) {
        FactInput::DataKinds => {
            let picked: Vec<&str> = values
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            if picked.is_empty() {
                Value::Null
            } else if picked.contains(&"none") {
                Value::Array(Vec::new())
            } else {
                for p in &picked {
                    if !DataKind::ALL.iter().any(|k| k.as_str() == *p) {
                        return Err(WebError::bad(format!(
                            "{label}: {p:?} は項目ではありません"
                        )));
                    }
                }
                Value::Array(
                    picked
                        .iter()
                        .map(|p| Value::String(p.to_string()))
                        .collect(),
                )
            }
        }
        _ if one.is_empty() => Value::Null,
        FactInput::Count => {
            let digits: String = one
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | '人' | ' '))
                .collect();
            let n: u64 = digits.parse().map_err(|_| {
                WebError::bad(format!(
                    "{label}: 人数は0以上の整数で入力してください ({one:?})"
                ))
            })?;
            Value::from(n)
        }
        FactInput::YesNo => match one {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => {
                return Err(WebError::bad(format!(
                    "{label}: はい・いいえ・未確認のいずれか"
                )))
            }
        },
        FactInput::Choice(opts) => {
            if !opts.iter().any(|(k, _)| *k == one) {
                return Err(WebError::bad(format!(
                    "{label}: {one:?} は選択肢にありません"
                )));
            }
            Value::String(one.to_string())
        }
        FactInput::Date => Value::String(one.to_string()),
        FactInput::Lines => Value::Array(
            one.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_string()))
                .collect(),
        ),
        FactInput::Json => serde_json::from_str(one)
            .map_err(|e| WebError::bad(format!("{label}: JSON で入力してください ({e})")))?,
        FactInput::Text | FactInput::LongText => Value::String(one.to_string()),
    })
}

/// The facts of a case after applying `set` (fact key → JSON value, `null`: unknown), each
/// through [`jikenbo_respond::set_fact`].
pub fn apply_facts(
    case: &Case,
    set: &serde_json::Map<String, Value>,
) -> Result<(jikenbo_assess::Facts, jikenbo_respond::CaseDetails), WebError> {
    let (mut f, mut d) = (case.facts.clone(), case.details.clone());
    for (k, v) in set {
        jikenbo_respond::set_fact(&mut f, &mut d, k, v.clone())
            .map_err(|e| WebError::bad(respond_ja(&e)))?;
    }
    Ok((f, d))
}

// ---- input, checked as both the pages and the API take it ----

/// A term of `jikenbo-respond` (`ppc_sokuho` or `速報(個人情報保護委員会)`), with a Japanese error.
pub fn term<T: FromStr<Err = RespondError>>(s: &str) -> ApiResult<T> {
    s.parse::<T>().map_err(|e| WebError::bad(respond_ja(&e)))
}

/// A date or date-time as entered (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`), with a Japanese error.
pub fn event_time(s: &str) -> ApiResult<EventTime> {
    s.trim().parse().map_err(|e| WebError::bad(respond_ja(&e)))
}

/// When a notice was published: the time entered, else now in Japan.
pub fn published_at(entered: Option<&str>) -> ApiResult<EventTime> {
    match entered {
        Some(t) => event_time(t),
        None => Ok(now_jst()),
    }
}

/// Title and organization: a title, and at most 300 / 200 characters.
pub fn check_title(title: &str, organization: &str) -> ApiResult<()> {
    if title.trim().is_empty() {
        return Err(WebError::bad(
            "件名を入力してください (a case needs a title)",
        ));
    }
    if title.chars().count() > 300 || organization.chars().count() > 200 {
        return Err(WebError::bad(
            "件名は300文字、組織名は200文字までです (title: 300, organization: 200 characters at most)",
        ));
    }
    Ok(())
}

/// A new case from what was entered: the title checked, the facts of `set` applied to none.
pub fn new_case(
    title: String,
    organization: String,
    set: &serde_json::Map<String, Value>,
) -> ApiResult<NewCase> {
    check_title(&title, &organization)?;
    let (facts, details) = apply_facts(&Case::new(0, "", ""), set)?;
    Ok(NewCase {
        title,
        organization,
        facts,
        details,
    })
}

/// An event from what a user entered (date-time, kind, stage, note).
pub fn event_from(at: &str, kind: &str, stage: Option<&str>, note: &str) -> ApiResult<Event> {
    let at = event_time(at)?;
    let kind: EventKind = term(kind)?;
    let stage: Option<ReportStage> = stage
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(term)
        .transpose()?;
    if note.chars().count() > 2000 {
        return Err(WebError::bad("メモは2000文字までです"));
    }
    let mut e = Event::new(at, kind, note.trim(), "");
    e.stage = stage;
    Ok(e)
}

/// Fills a measure from a JSON object (`text`, `category`, `owner`, `due`, `status`,
/// `evidence`; `null` or "" clears the optional ones).
pub fn measure_from(base: Measure, m: &Map<String, Value>) -> ApiResult<Measure> {
    let mut out = base;
    let text_of = |k: &str, v: &Value| -> ApiResult<Option<String>> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) if s.chars().count() > 2000 => {
                Err(WebError::bad(format!("{k}: 2000文字までです")))
            }
            Value::String(s) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
            _ => Err(WebError::bad(format!("{k}: 文字列で指定してください"))),
        }
    };
    for (k, v) in m {
        match k.as_str() {
            "text" => out.text = text_of(k, v)?.unwrap_or_default(),
            "category" => {
                out.category = term::<MeasureCategory>(v.as_str().unwrap_or_default())?
            }
            "status" => out.status = term::<MeasureStatus>(v.as_str().unwrap_or_default())?,
            "owner" => out.owner = text_of(k, v)?,
            "evidence" => out.evidence = text_of(k, v)?,
            "due" => {
                out.due = text_of(k, v)?
                    .map(|d| jikenbo_respond::parse_date(&d))
                    .transpose()
                    .map_err(|e| WebError::bad(respond_ja(&e)))?
            }
            "id" => {}
            other => {
                return Err(WebError::bad(format!(
                    "{other:?} は再発防止策の項目ではありません (text, category, owner, due, status, evidence)"
                )))
            }
        }
    }
    if out.text.trim().is_empty() {
        return Err(WebError::bad("再発防止策の内容 (text) を入力してください"));
    }
    Ok(out)
}

// ---- changes of a case in the store, as both the pages and the API make them ----

/// Sets the facts of `set` on case `id` (through [`apply_facts`]); what changed, and how the
/// deadlines counted from `today` moved.
pub fn update_facts(
    s: &mut Store,
    id: i64,
    set: &serde_json::Map<String, Value>,
    who: &str,
    today: Date,
) -> ApiResult<Update> {
    let old = s.case(id)?;
    let (f, d) = apply_facts(&old, set)?;
    Ok(s.update_case_facts(id, &f, &d, who, today)?)
}

/// Renames `case` (title and organization) when either differs from what it has.
pub fn set_title(
    s: &mut Store,
    case: &Case,
    title: &str,
    organization: &str,
    who: &str,
) -> ApiResult<()> {
    if title.trim() != case.title || organization.trim() != case.organization {
        s.set_case_title(case.id, title, organization, who)?;
    }
    Ok(())
}

/// What a change of a case's timeline did.
pub struct TimelineChange {
    /// How the deadlines moved ([`recompute`]).
    pub lines: Vec<String>,
    /// The case after the change.
    pub case: Case,
}

/// Records event `ev` on case `id`: the new event's id, and what that did to the deadlines
/// counted from `today`.
pub fn add_event(
    s: &mut Store,
    id: i64,
    ev: &Event,
    who: &str,
    today: Date,
) -> ApiResult<(i64, TimelineChange)> {
    let old = s.case(id)?;
    let eid = s.add_case_event(id, ev, who)?;
    let case = s.case(id)?;
    let lines = recompute(&old, &case, today);
    Ok((eid, TimelineChange { lines, case }))
}

/// Removes event `eid` from case `id`: the event removed, and what that did to the deadlines
/// counted from `today`.
pub fn remove_event(
    s: &mut Store,
    id: i64,
    eid: i64,
    who: &str,
    today: Date,
) -> ApiResult<(Option<Event>, TimelineChange)> {
    let old = s.case(id)?;
    let removed = old.events.iter().find(|e| e.id == Some(eid)).cloned();
    s.remove_case_event(id, eid, who)?;
    let case = s.case(id)?;
    let lines = recompute(&old, &case, today);
    Ok((removed, TimelineChange { lines, case }))
}

/// Changes measure `mid` of case `id` by the fields of `fields` ([`measure_from`]); the measure
/// as saved.
pub fn update_measure(
    s: &mut Store,
    id: i64,
    mid: i64,
    fields: &Map<String, Value>,
    who: &str,
) -> ApiResult<Measure> {
    let old = s
        .case(id)?
        .measures
        .into_iter()
        .find(|m| m.id == Some(mid))
        .ok_or(StoreError::NoCaseItem {
            case: id,
            what: "measure",
            id: mid,
        })?;
    let new = measure_from(old, fields)?;
    s.update_case_measure(id, mid, &new, who)?;
    Ok(new)
}

/// A draft of a case, built on a read connection: the case, the draft, and the day it is dated.
pub async fn load_draft(
    st: &AppState,
    id: i64,
    kind: DraftRef,
    today: Date,
) -> ApiResult<(Case, Draft)> {
    st.read(move |s| {
        let c = s.case(id)?;
        let since = match kind {
            DraftRef::Notice(NoticeEdition::First) => None,
            DraftRef::Notice(_) => snapshot_at_last_publication(s, &c)?,
            _ => None,
        };
        let d = kind.build(&c, since.as_ref(), today);
        Ok((c, d))
    })
    .await
}

// ---- flash messages (what a change did), shown once on the next view of the case ----

/// A browser's session id and a case id.
type FlashKey = (String, i64);

/// The lines of what a change did, kept for the browser that made it until it views the case.
#[derive(Default)]
pub struct Flash {
    map: Mutex<HashMap<FlashKey, (Instant, Vec<String>)>>,
}

const FLASH_TTL: Duration = Duration::from_secs(600);
const MAX_FLASH: usize = 1000;

impl Flash {
    pub fn put(&self, sid: &str, case: i64, lines: Vec<String>) {
        if let Ok(mut m) = self.map.lock() {
            m.retain(|_, v| v.0.elapsed() < FLASH_TTL);
            if m.len() >= MAX_FLASH {
                m.clear();
            }
            m.insert((sid.to_string(), case), (Instant::now(), lines));
        }
    }

    pub fn take(&self, sid: &str, case: i64) -> Option<Vec<String>> {
        let mut m = self.map.lock().ok()?;
        m.remove(&(sid.to_string(), case))
            .filter(|v| v.0.elapsed() < FLASH_TTL)
            .map(|v| v.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_slugs_round_trip() {
        let c = Case::new(3, "t", "o");
        for d in drafts_of(&c) {
            assert_eq!(DraftRef::parse(&d.slug()).unwrap(), d, "{}", d.slug());
        }
        for bad in [
            "ppc",
            "ppc-private",
            "ppc-x-sokuho",
            "notice-0",
            "notice-x",
            "x",
        ] {
            assert!(DraftRef::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            DraftRef::parse("notice-1").unwrap(),
            DraftRef::Notice(NoticeEdition::First)
        );
    }

    #[test]
    fn editions_and_names_of_published_notices() {
        assert_eq!(parse_edition("1").unwrap(), NoticeEdition::First);
        assert_eq!(parse_edition("第3報").unwrap(), NoticeEdition::Followup(3));
        assert_eq!(parse_edition("final").unwrap(), NoticeEdition::Final);
        assert_eq!(parse_edition("最終報").unwrap(), NoticeEdition::Final);
        for bad in ["0", "100", "x", ""] {
            assert!(parse_edition(bad).is_err(), "{bad}");
        }
        assert_eq!(next_edition(0), NoticeEdition::First);
        assert_eq!(next_edition(1), NoticeEdition::Followup(2));
        let c = Case::new(7, "t", "株式会社 ひなた/商会");
        let n = notice_file_name(
            &c,
            NoticeEdition::Followup(2),
            "2026-12-10".parse().unwrap(),
        );
        assert_eq!(
            n,
            "株式会社_ひなた_商会_お詫びとお知らせ_第2報_2026-12-10.md"
        );
        assert!(!n.contains('7'));
    }

    #[test]
    fn attachment_names() {
        let h = attachment("事案1_速報 a.docx", "case-1 a.docx");
        let s = h.to_str().unwrap();
        assert!(
            s.starts_with("attachment; filename=\"case-1_a.docx\"; "),
            "{s}"
        );
        assert!(s.contains("filename*=UTF-8''%E4%BA%8B%E6%A1%881_"), "{s}");
        assert!(s.contains("%20a.docx"), "{s}");
    }

    #[test]
    fn form_values() {
        assert_eq!(value_from_form("persons", &["1,200人"]).unwrap(), 1200);
        assert!(value_from_form("persons", &["-3"]).is_err());
        assert_eq!(value_from_form("persons", &[""]).unwrap(), Value::Null);
        assert_eq!(value_from_form("encrypted", &["false"]).unwrap(), false);
        assert_eq!(
            value_from_form("data", &["name", "email"]).unwrap(),
            serde_json::json!(["name", "email"])
        );
        assert_eq!(value_from_form("data", &[]).unwrap(), Value::Null);
        assert!(value_from_form("cause", &["hacking"]).is_err());
        assert_eq!(fact_input("privacy_mark"), FactInput::YesNo);
        assert_eq!(fact_input("summary"), FactInput::LongText);
    }
}
