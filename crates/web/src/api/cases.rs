//! `/api/cases…`: the officer's own cases (editor role; see [`crate::cases`] for the access
//! rule). Facts are set by key (`{"persons": 1200, "aware": "2026-11-30", "contact": null}`,
//! `null`: unknown again), as `jikenbo_respond::set_fact` reads them; every change answers with
//! what it did (the fact lines and how the deadlines moved). `?today=YYYY-MM-DD` counts the
//! deadlines from another day than today in Japan.

use super::json_body;
use crate::auth::Ctx;
use crate::cases::{
    apply_facts, attachment, badges, case_id, countdown, drafts_of, editor, incident_url, item_id,
    next_deadline, now_jst, parse_edition, publish_notice, respond_ja,
    snapshot_at_last_publication, today_of, DraftRef, DOCX, SOON_DAYS,
};
use crate::error::{ApiResult, WebError};
use crate::params::pairs;
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use jikenbo_assess::Date;
use jikenbo_respond::{
    attention, deadlines, recompute, Case, CaseStatus, Deadline, Event, EventKind, EventTime,
    Measure, MeasureCategory, MeasureStatus, ReportStage,
};
use jikenbo_store::{CasePublication, NewCase};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::str::FromStr;

/// A term of `jikenbo-respond` (`ppc_sokuho` or `速報(個人情報保護委員会)`), with a Japanese error.
fn term<T: FromStr<Err = jikenbo_respond::RespondError>>(s: &str) -> ApiResult<T> {
    s.parse::<T>().map_err(|e| WebError::bad(respond_ja(&e)))
}

/// A deadline as JSON, with its Japanese name, status, line and countdown.
pub fn deadline_json(d: &Deadline) -> Value {
    let mut v = serde_json::to_value(d).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("kind_ja".into(), json!(d.kind.ja()));
        m.insert("status_ja".into(), json!(d.status.ja()));
        m.insert("countdown".into(), json!(countdown(d)));
        m.insert("line".into(), json!(d.line()));
    }
    v
}

fn deadlines_json(ds: &[Deadline]) -> Vec<Value> {
    ds.iter().map(deadline_json).collect()
}

fn summary(c: &Case, today: Date) -> Value {
    let ds = deadlines(c, today);
    let (overdue, soon) = badges(&ds);
    json!({
        "id": c.id,
        "title": c.title,
        "organization": c.organization,
        "status": c.status.as_str(),
        "status_ja": c.status.ja(),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "next_deadline": next_deadline(&ds).map(deadline_json),
        "overdue": overdue,
        "due_soon": soon,
    })
}

fn drafts_json(c: &Case) -> Vec<Value> {
    drafts_of(c)
        .into_iter()
        .map(|d| {
            let slug = d.slug();
            json!({
                "kind": slug,
                "label": d.label(),
                "markdown": format!("/api/cases/{}/drafts/{slug}?format=md", c.id),
                "docx": format!("/api/cases/{}/drafts/{slug}?format=docx", c.id),
                "print": format!("/cases/{}/drafts/{slug}", c.id),
            })
        })
        .collect()
}

/// A case with its deadlines on `today` and the drafts it offers.
fn view(c: &Case, today: Date) -> Value {
    json!({
        "case": c,
        "today": today,
        "deadlines": deadlines_json(&deadlines(c, today)),
        "drafts": drafts_json(c),
    })
}

pub async fn list(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    editor(&ctx)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let cases = st.read(|s| Ok(s.cases()?)).await?;
    let list: Vec<Value> = cases.iter().map(|c| summary(c, today)).collect();
    Ok(Json(
        json!({ "today": today, "count": list.len(), "cases": list }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCaseBody {
    title: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    facts: Map<String, Value>,
}

pub async fn create(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
    body: Result<Json<NewCaseBody>, JsonRejection>,
) -> ApiResult<Response> {
    let who = editor(&ctx)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let b = json_body(body)?;
    check_title(&b.title, &b.organization)?;
    let (facts, details) = apply_facts(&Case::new(0, "", ""), &b.facts)?;
    let new = NewCase {
        title: b.title,
        organization: b.organization,
        facts,
        details,
    };
    let case = st.write(move |s| Ok(s.create_case(&new, &who)?)).await?;
    Ok((StatusCode::CREATED, Json(view(&case, today))).into_response())
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

pub async fn get_case(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    editor(&ctx)?;
    let id = case_id(&id)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let (c, pubs) = st
        .read(move |s| Ok((s.case(id)?, s.case_publications(id)?)))
        .await?;
    let mut v = view(&c, today);
    v["publications"] = Value::Array(pubs.iter().map(publication_json).collect());
    Ok(Json(v))
}

/// A publication as JSON, each incident with the URL of its casebook page.
pub fn publication_json(p: &CasePublication) -> Value {
    let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
    if let Some(incs) = v.get_mut("incidents").and_then(Value::as_array_mut) {
        for (i, x) in incs.iter_mut().zip(&p.incidents) {
            i["url"] = json!(incident_url(&x.live_number));
        }
    }
    v["document_url"] = json!(format!("/documents/{}", p.document_id));
    v
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PublishBody {
    /// `1`, `2` … or `final`; default: the next one.
    edition: Option<String>,
    /// The text to publish; default: the notice draft without its sources and memo.
    text: Option<String>,
    /// The document's name; default: `<組織名>_お詫びとお知らせ_第N報_<today>.md`.
    name: Option<String>,
    /// When it was published (the 公表 event); default: now in Japan.
    at: Option<String>,
}

pub async fn publish(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Result<Json<PublishBody>, JsonRejection>,
) -> ApiResult<Response> {
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let b = json_body(body)?;
    let edition = b.edition.as_deref().map(parse_edition).transpose()?;
    let at: EventTime = match b.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(t) => t.parse().map_err(|e| WebError::bad(respond_ja(&e)))?,
        None => now_jst(),
    };
    let (text, name) = (b.text, b.name);
    let p = st
        .write(move |s| publish_notice(s, id, edition, text, name, at, &who, today))
        .await?;
    let c = st.read(move |s| Ok(s.case(id)?)).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "publication": publication_json(&p.publication),
            "numbers": p.publication.incidents.iter().map(|i| i.live_number.clone()).collect::<Vec<_>>(),
            "edition": DraftRef::Notice(p.edition).slug(),
            "unknown": p.unknown,
            "lines": p.lines,
            "deadlines": deadlines_json(&deadlines(&c, today)),
        })),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasePatch {
    title: Option<String>,
    organization: Option<String>,
    status: Option<String>,
}

pub async fn patch_case(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Result<Json<CasePatch>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let b = json_body(body)?;
    let status: Option<CaseStatus> = b.status.as_deref().map(term).transpose()?;
    let c = st
        .write(move |s| {
            let old = s.case(id)?;
            if b.title.is_some() || b.organization.is_some() {
                let t = b.title.unwrap_or(old.title.clone());
                let o = b.organization.unwrap_or(old.organization.clone());
                check_title(&t, &o)?;
                if t.trim() != old.title || o.trim() != old.organization {
                    s.set_case_title(id, &t, &o, &who)?;
                }
            }
            if let Some(new_status) = status {
                s.set_case_status(id, new_status, &who)?;
            }
            Ok(s.case(id)?)
        })
        .await?;
    Ok(Json(view(&c, today)))
}

pub async fn patch_facts(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Result<Json<Map<String, Value>>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let set = json_body(body)?;
    if set.is_empty() {
        return Err(WebError::bad(
            "変更する事実がありません: {\"persons\": 1200} のように事実のキーと値を送ってください",
        ));
    }
    let (up, c) = st
        .write(move |s| {
            let old = s.case(id)?;
            let (f, d) = apply_facts(&old, &set)?;
            let up = s.update_case_facts(id, &f, &d, &who, today)?;
            Ok((up, s.case(id)?))
        })
        .await?;
    let lines = if up.facts.is_empty() {
        vec!["変更はありませんでした".to_string()]
    } else {
        up.lines()
    };
    Ok(Json(json!({
        "changed": !up.facts.is_empty(),
        "update": up,
        "lines": lines,
        "case": c,
        "deadlines": deadlines_json(&deadlines(&c, today)),
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventBody {
    at: String,
    kind: String,
    stage: Option<String>,
    #[serde(default)]
    note: String,
}

/// An event from what a user entered (date-time, kind, stage, note).
pub fn event_from(at: &str, kind: &str, stage: Option<&str>, note: &str) -> ApiResult<Event> {
    let at: EventTime = at
        .trim()
        .parse()
        .map_err(|e| WebError::bad(respond_ja(&e)))?;
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

pub async fn add_event(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Result<Json<EventBody>, JsonRejection>,
) -> ApiResult<Response> {
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let b = json_body(body)?;
    let ev = event_from(&b.at, &b.kind, b.stage.as_deref(), &b.note)?;
    let (eid, lines, c) = st
        .write(move |s| {
            let old = s.case(id)?;
            let eid = s.add_case_event(id, &ev, &who)?;
            let new = s.case(id)?;
            Ok((eid, recompute(&old, &new, today), new))
        })
        .await?;
    let event = c.events.iter().find(|e| e.id == Some(eid)).cloned();
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": eid,
            "event": event,
            "lines": lines,
            "deadlines": deadlines_json(&deadlines(&c, today)),
        })),
    )
        .into_response())
}

pub async fn remove_event(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((id, eid)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let eid = item_id(&eid)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let (lines, c) = st
        .write(move |s| {
            let old = s.case(id)?;
            s.remove_case_event(id, eid, &who)?;
            let new = s.case(id)?;
            Ok((recompute(&old, &new, today), new))
        })
        .await?;
    Ok(Json(json!({
        "removed": eid,
        "lines": lines,
        "deadlines": deadlines_json(&deadlines(&c, today)),
    })))
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

pub async fn add_measure(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    body: Result<Json<Map<String, Value>>, JsonRejection>,
) -> ApiResult<Response> {
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let b = json_body(body)?;
    if !b.contains_key("category") {
        return Err(WebError::bad(
            "分類 (category: organizational, human, physical, technical, contractor) を指定してください",
        ));
    }
    let m = measure_from(
        Measure::new("", MeasureCategory::Organizational, MeasureStatus::Planned),
        &b,
    )?;
    let (mid, c) = st
        .write(move |s| {
            let mid = s.add_case_measure(id, &m, &who)?;
            Ok((mid, s.case(id)?))
        })
        .await?;
    let m = c.measures.iter().find(|m| m.id == Some(mid)).cloned();
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": mid, "measure": m })),
    )
        .into_response())
}

pub async fn patch_measure(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((id, mid)): Path<(String, String)>,
    body: Result<Json<Map<String, Value>>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let who = editor(&ctx)?;
    let id = case_id(&id)?;
    let mid = item_id(&mid)?;
    let b = json_body(body)?;
    let m = st
        .write(move |s| {
            let c = s.case(id)?;
            let old = c
                .measures
                .iter()
                .find(|m| m.id == Some(mid))
                .cloned()
                .ok_or(jikenbo_store::StoreError::NoCaseItem {
                    case: id,
                    what: "measure",
                    id: mid,
                })?;
            let new = measure_from(old, &b)?;
            s.update_case_measure(id, mid, &new, &who)?;
            Ok(s.case(id)?.measures.into_iter().find(|m| m.id == Some(mid)))
        })
        .await?;
    Ok(Json(json!({ "id": mid, "measure": m })))
}

pub async fn case_deadlines(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    editor(&ctx)?;
    let id = case_id(&id)?;
    let today = today_of(&pairs(q.as_deref()))?;
    let c = st.read(move |s| Ok(s.case(id)?)).await?;
    Ok(Json(json!({
        "case": c.id,
        "today": today,
        "deadlines": deadlines_json(&deadlines(&c, today)),
    })))
}

pub async fn history(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    editor(&ctx)?;
    let id = case_id(&id)?;
    let (facts, audit) = st
        .read(move |s| Ok((s.case_fact_history(id)?, s.case_audit_log(id, 1000)?)))
        .await?;
    Ok(Json(json!({ "facts": facts, "audit": audit })))
}

/// A draft of a case, built on a read connection: the case, the draft, and the day it is dated.
pub async fn load_draft(
    st: &AppState,
    id: i64,
    kind: DraftRef,
    today: Date,
) -> ApiResult<(Case, jikenbo_respond::Draft)> {
    st.read(move |s| {
        let c = s.case(id)?;
        let since = match kind {
            DraftRef::Notice(jikenbo_respond::NoticeEdition::First) => None,
            DraftRef::Notice(_) => snapshot_at_last_publication(s, &c)?,
            _ => None,
        };
        let d = kind.build(&c, since.as_ref(), today);
        Ok((c, d))
    })
    .await
}

pub async fn draft(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((id, kind)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    editor(&ctx)?;
    let id = case_id(&id)?;
    let kind = DraftRef::parse(&kind)?;
    let p = pairs(q.as_deref());
    let today = today_of(&p)?;
    let format = p
        .iter()
        .rev()
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| "md".into());
    if !matches!(format.as_str(), "md" | "docx" | "json") {
        return Err(WebError::bad(format!(
            "format: {format:?} は md, docx, json のいずれかです"
        )));
    }
    let (c, d) = load_draft(&st, id, kind, today).await?;
    let stem = kind.file_stem(&c, today);
    let ascii = kind.ascii_stem(&c, today);
    match format.as_str() {
        "json" => Ok(Json(json!({
            "kind": kind.slug(),
            "label": kind.label(),
            "draft": d,
            "unknown": d.unknown_fields(),
            "markdown": d.to_markdown(),
        }))
        .into_response()),
        "md" => Ok((
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/markdown; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    attachment(&format!("{stem}.md"), &format!("{ascii}.md")),
                ),
            ],
            d.to_markdown(),
        )
            .into_response()),
        _ => {
            let bytes = tokio::task::spawn_blocking(move || d.to_docx())
                .await?
                .map_err(|e| WebError::Store(e.into()))?;
            Ok((
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(DOCX)),
                    (
                        header::CONTENT_DISPOSITION,
                        attachment(&format!("{stem}.docx"), &format!("{ascii}.docx")),
                    ),
                ],
                bytes,
            )
                .into_response())
        }
    }
}

pub async fn due(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    editor(&ctx)?;
    let p = pairs(q.as_deref());
    let today = today_of(&p)?;
    let within = match p.iter().rev().find(|(k, _)| k == "within") {
        Some((_, v)) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=366).contains(n))
            .ok_or_else(|| WebError::bad("within: 0〜366 の日数で指定してください"))?,
        None => SOON_DAYS,
    };
    let cases = st.read(|s| Ok(s.cases()?)).await?;
    let items: Vec<Value> = attention(&cases, today, within)
        .iter()
        .map(|x| {
            json!({
                "case_id": x.case_id,
                "title": x.title,
                "deadline": deadline_json(&x.deadline),
            })
        })
        .collect();
    Ok(Json(json!({
        "today": today,
        "within_days": within,
        "count": items.len(),
        "items": items,
    })))
}
