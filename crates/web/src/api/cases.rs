//! `/api/cases…`: the officer's own cases (editor role; see [`crate::cases`] for the access
//! rule). Facts are set by key (`{"persons": 1200, "aware": "2026-11-30", "contact": null}`,
//! `null`: unknown again), as `jikenbo_respond::set_fact` reads them; every change answers with
//! what it did (the fact lines and how the deadlines moved). `?today=YYYY-MM-DD` counts the
//! deadlines from another day than today in Japan.
//!
//! Every endpoint on one case takes a [`CaseCall`]: the editor role checked, then the case's
//! number; the changes themselves are those of the pages ([`crate::cases`]).

use super::json_body;
use crate::auth::Ctx;
use crate::cases::{
    self, attachment, badges, case_id, check_title, countdown, drafts_of, editor, event_from,
    incident_url, item_id, load_draft, measure_from, new_case, next_deadline, parse_edition,
    publish_notice, published_at, set_title, term, today_of, update_facts, update_measure,
    DraftRef, DOCX, SOON_DAYS,
};
use crate::error::{ApiResult, WebError};
use crate::params::pairs;
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use jikenbo_assess::Date;
use jikenbo_respond::{
    attention, deadlines, Case, CaseStatus, Deadline, Measure, MeasureCategory, MeasureStatus,
};
use jikenbo_store::CasePublication;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// A call on one case (`/api/cases/{id}…`): the editor's name, then the case's number of the
/// path, checked in that order before anything else; the query, for `?today=` and the like.
pub struct CaseCall {
    who: String,
    id: i64,
    query: Vec<(String, String)>,
}

impl CaseCall {
    /// The day deadlines are counted from: `?today=YYYY-MM-DD`, else today in Japan.
    fn today(&self) -> ApiResult<Date> {
        today_of(&self.query)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CaseCall {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let Extension(ctx) = Extension::<Ctx>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let query = pairs(parts.uri.query());
        let who = editor(&ctx).map_err(IntoResponse::into_response)?;
        let id = case_id(params.get("id").map_or("", String::as_str))
            .map_err(IntoResponse::into_response)?;
        Ok(CaseCall { who, id, query })
    }
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
    let new = new_case(b.title, b.organization, &b.facts)?;
    let case = st.write(move |s| Ok(s.create_case(&new, &who)?)).await?;
    Ok((StatusCode::CREATED, Json(view(&case, today))).into_response())
}

pub async fn get_case(State(st): State<AppState>, call: CaseCall) -> ApiResult<Json<Value>> {
    let (id, today) = (call.id, call.today()?);
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
    call: CaseCall,
    body: Result<Json<PublishBody>, JsonRejection>,
) -> ApiResult<Response> {
    let today = call.today()?;
    let CaseCall { who, id, .. } = call;
    let b = json_body(body)?;
    let edition = b.edition.as_deref().map(parse_edition).transpose()?;
    let at = published_at(b.at.as_deref().map(str::trim).filter(|s| !s.is_empty()))?;
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
    call: CaseCall,
    body: Result<Json<CasePatch>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let today = call.today()?;
    let CaseCall { who, id, .. } = call;
    let b = json_body(body)?;
    let status: Option<CaseStatus> = b.status.as_deref().map(term).transpose()?;
    let c = st
        .write(move |s| {
            let old = s.case(id)?;
            if b.title.is_some() || b.organization.is_some() {
                let t = b.title.unwrap_or(old.title.clone());
                let o = b.organization.unwrap_or(old.organization.clone());
                check_title(&t, &o)?;
                set_title(s, &old, &t, &o, &who)?;
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
    call: CaseCall,
    body: Result<Json<Map<String, Value>>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let today = call.today()?;
    let CaseCall { who, id, .. } = call;
    let set = json_body(body)?;
    if set.is_empty() {
        return Err(WebError::bad(
            "変更する事実がありません: {\"persons\": 1200} のように事実のキーと値を送ってください",
        ));
    }
    let (up, c) = st
        .write(move |s| {
            let up = update_facts(s, id, &set, &who, today)?;
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

pub async fn add_event(
    State(st): State<AppState>,
    call: CaseCall,
    body: Result<Json<EventBody>, JsonRejection>,
) -> ApiResult<Response> {
    let today = call.today()?;
    let CaseCall { who, id, .. } = call;
    let b = json_body(body)?;
    let ev = event_from(&b.at, &b.kind, b.stage.as_deref(), &b.note)?;
    let (eid, change) = st
        .write(move |s| cases::add_event(s, id, &ev, &who, today))
        .await?;
    let (lines, c) = (change.lines, change.case);
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
    Path((_, eid)): Path<(String, String)>,
    call: CaseCall,
) -> ApiResult<Json<Value>> {
    let eid = item_id(&eid)?;
    let today = call.today()?;
    let CaseCall { who, id, .. } = call;
    let (_, change) = st
        .write(move |s| cases::remove_event(s, id, eid, &who, today))
        .await?;
    Ok(Json(json!({
        "removed": eid,
        "lines": change.lines,
        "deadlines": deadlines_json(&deadlines(&change.case, today)),
    })))
}

pub async fn add_measure(
    State(st): State<AppState>,
    call: CaseCall,
    body: Result<Json<Map<String, Value>>, JsonRejection>,
) -> ApiResult<Response> {
    let CaseCall { who, id, .. } = call;
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
    Path((_, mid)): Path<(String, String)>,
    call: CaseCall,
    body: Result<Json<Map<String, Value>>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let CaseCall { who, id, .. } = call;
    let mid = item_id(&mid)?;
    let b = json_body(body)?;
    let m = st
        .write(move |s| {
            update_measure(s, id, mid, &b, &who)?;
            Ok(s.case(id)?.measures.into_iter().find(|m| m.id == Some(mid)))
        })
        .await?;
    Ok(Json(json!({ "id": mid, "measure": m })))
}

pub async fn case_deadlines(State(st): State<AppState>, call: CaseCall) -> ApiResult<Json<Value>> {
    let (id, today) = (call.id, call.today()?);
    let c = st.read(move |s| Ok(s.case(id)?)).await?;
    Ok(Json(json!({
        "case": c.id,
        "today": today,
        "deadlines": deadlines_json(&deadlines(&c, today)),
    })))
}

pub async fn history(State(st): State<AppState>, call: CaseCall) -> ApiResult<Json<Value>> {
    let id = call.id;
    let (facts, audit) = st
        .read(move |s| Ok((s.case_fact_history(id)?, s.case_audit_log(id, 1000)?)))
        .await?;
    Ok(Json(json!({ "facts": facts, "audit": audit })))
}

pub async fn draft(
    State(st): State<AppState>,
    Path((_, kind)): Path<(String, String)>,
    call: CaseCall,
) -> ApiResult<Response> {
    let id = call.id;
    let kind = DraftRef::parse(&kind)?;
    let today = call.today()?;
    let format = call
        .query
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
