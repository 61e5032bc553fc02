//! The JSON API: everything the pages do. Described by `/api/openapi.json` ([`crate::openapi`]).
//! Errors are `{"error": message, "status": code}` with the matching HTTP status.

use crate::auth::{Ctx, Role, SignInError};
use crate::error::{ApiResult, WebError};
use crate::params::{pairs, parse_filter, parse_list, parse_text};
use crate::service;
use crate::service::parse_ref;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, patch, post};
use axum::{Extension, Json, Router};
use base64::Engine;
use jikenbo_assess::{assess, assess_stored, Facts};
use jikenbo_store::{GroupBy, IncidentRef, IngestOutcome, Prepared, Source};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub mod cases;
pub mod curation;

pub fn routes(upload_limit: DefaultBodyLimit) -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route(
            "/api/session",
            get(session_get).post(session_post).delete(session_delete),
        )
        .route("/api/incidents", get(list))
        .route("/api/incidents/{r}", get(incident).patch(correct))
        .route("/api/incidents/{r}/assessment", get(incident_assessment))
        .route("/api/incidents/{r}/labels", post(label_add))
        .route("/api/incidents/{r}/labels/{label}", delete(label_remove))
        .route("/api/incidents/{r}/audit", get(incident_audit))
        .route("/api/incidents/{r}/merge", post(curation::merge))
        .route("/api/incidents/{r}/split", post(curation::split))
        .route("/api/incidents/{r}/reextract", post(curation::reextract))
        .route(
            "/api/incidents/{r}/review",
            get(curation::incident_review)
                .post(curation::accept)
                .delete(curation::unaccept),
        )
        .route("/api/review", get(curation::review))
        .route("/api/dupes", get(curation::dupes))
        .route("/api/dupes/scan", post(curation::scan))
        .route("/api/dupes/{id}", get(curation::dupe))
        .route("/api/dupes/{id}/{action}", post(curation::decide))
        .route("/api/extract", post(extract).layer(upload_limit))
        .route(
            "/api/documents",
            get(documents).post(create_document).layer(upload_limit),
        )
        .route("/api/documents/{id}", get(document))
        .route("/api/documents/{id}/original", get(document_original))
        .route("/api/assess", post(assess_facts))
        .route("/api/stats", get(stats))
        .route("/api/export", get(export))
        .route("/api/export/view", get(export_view))
        .route("/api/audit", get(audit))
        .route("/api/counts", get(counts))
        .route("/api/users", get(users_list).post(users_put))
        .route("/api/users/{name}", delete(users_delete))
        .route("/api/cases", get(cases::list).post(cases::create))
        .route("/api/cases/due", get(cases::due))
        .route(
            "/api/cases/{id}",
            get(cases::get_case).patch(cases::patch_case),
        )
        .route("/api/cases/{id}/facts", patch(cases::patch_facts))
        .route("/api/cases/{id}/events", post(cases::add_event))
        .route(
            "/api/cases/{id}/events/{event}",
            delete(cases::remove_event),
        )
        .route("/api/cases/{id}/measures", post(cases::add_measure))
        .route(
            "/api/cases/{id}/measures/{measure}",
            patch(cases::patch_measure),
        )
        .route("/api/cases/{id}/deadlines", get(cases::case_deadlines))
        .route("/api/cases/{id}/history", get(cases::history))
        .route("/api/cases/{id}/drafts/{kind}", get(cases::draft))
        .route("/api/cases/{id}/publish", post(cases::publish))
}

/// A JSON body, with the API's error format for bad or oversized bodies.
pub fn json_body<T>(r: Result<Json<T>, JsonRejection>) -> ApiResult<T> {
    match r {
        Ok(Json(v)) => Ok(v),
        Err(e) => Err(match e.status() {
            StatusCode::PAYLOAD_TOO_LARGE => WebError::TooLarge(e.body_text()),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                WebError::bad("expected a JSON body (Content-Type: application/json)")
            }
            StatusCode::UNPROCESSABLE_ENTITY => WebError::Unprocessable(e.body_text()),
            _ => WebError::bad(e.body_text()),
        }),
    }
}

fn bytes_body(r: Result<Bytes, BytesRejection>, limit: usize) -> ApiResult<Bytes> {
    r.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(format!(
                "the body is larger than the limit of {limit} bytes"
            ))
        } else {
            WebError::bad(e.body_text())
        }
    })
}

async fn openapi() -> Response {
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Json(crate::openapi::document()),
    )
        .into_response()
}

// ---- session ----

#[derive(Deserialize)]
struct LoginBody {
    user: String,
    password: String,
}

async fn session_get(Extension(ctx): Extension<Ctx>) -> ApiResult<Json<Value>> {
    Ok(Json(json!({
        "signed_in": ctx.principal.is_some(),
        "user": ctx.principal.as_ref().map(|p| &p.name),
        "role": ctx.role().map(Role::as_str),
        "mode": if ctx.open { "open" } else { "sign_in" },
        "csrf": ctx.csrf,
    })))
}

async fn session_post(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Json<LoginBody>, JsonRejection>,
) -> ApiResult<Response> {
    let b = json_body(body)?;
    if !st.auth.sign_in_required() {
        return Err(WebError::bad(
            "this server runs without sign-in (loopback, no admin token)",
        ));
    }
    let st2 = st.clone();
    let client = ctx.client;
    let outcome =
        tokio::task::spawn_blocking(move || st2.auth.sign_in(&b.user, &b.password, client)).await?;
    match outcome {
        Ok(p) => {
            let token = st.auth.start_session(p.clone())?;
            Ok((
                StatusCode::CREATED,
                Json(json!({ "token": token, "user": p.name, "role": p.role.as_str(), "expires_in": 12 * 3600 })),
            )
                .into_response())
        }
        Err(e @ SignInError::Invalid) => {
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            Err(e.into())
        }
        // 429 with Retry-After, at once.
        Err(e @ SignInError::Locked { .. }) => Err(e.into()),
    }
}

async fn session_delete(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    if let Some(t) = crate::auth::bearer(&headers) {
        st.auth.end_session(&t);
    } else {
        st.auth.end_session(&ctx.sid);
    }
    Ok(StatusCode::NO_CONTENT)
}

// ---- incidents ----

async fn list(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<jikenbo_store::SearchResults>> {
    let p = pairs(q.as_deref());
    let facets = p
        .iter()
        .any(|(k, v)| k == "facets" && matches!(v.as_str(), "1" | "true" | "yes"));
    let lp = parse_list(p)?;
    let st2 = st.clone();
    let r = st
        .read(move |s| service::list(s, &st2.cache, &lp, facets))
        .await?;
    Ok(Json(r))
}

async fn incident(
    State(st): State<AppState>,
    Path(r): Path<String>,
) -> ApiResult<Json<jikenbo_store::IncidentView>> {
    let iref = parse_ref(&r)?;
    Ok(Json(st.read(move |s| Ok(s.incident(iref)?)).await?))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CorrectBody {
    #[serde(default)]
    set: serde_json::Map<String, Value>,
    #[serde(default)]
    clear: Vec<String>,
    note: Option<String>,
}

async fn correct(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Json<CorrectBody>, JsonRejection>,
) -> ApiResult<Json<jikenbo_store::IncidentView>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let b = json_body(body)?;
    let iref = parse_ref(&r)?;
    let changes = service::changes_from_json(&b.set, &b.clear)?;
    if changes.is_empty() {
        return Err(WebError::bad(
            "nothing to change: give \"set\" or \"clear\"",
        ));
    }
    let note = service::parse_note(b.note.as_deref().unwrap_or(""))?;
    let view = st
        .write(move |s| {
            let n = s.edit(
                iref,
                &changes,
                Some(note.as_str()).filter(|n| !n.is_empty()),
                &who,
            )?;
            Ok(s.incident(n.parse::<IncidentRef>()?)?)
        })
        .await?;
    Ok(Json(view))
}

async fn incident_assessment(
    State(st): State<AppState>,
    Path(r): Path<String>,
) -> ApiResult<Json<Value>> {
    let iref = parse_ref(&r)?;
    let (number, a) = st
        .read(move |s| {
            let v = s.incident(iref)?;
            // the stored sector (a curator's correction wins over the name's reading)
            let sector = v.sector.as_deref().and_then(jikenbo_model::Sector::parse);
            Ok((v.number, assess_stored(&v.record, sector, None)))
        })
        .await?;
    let text = jikenbo_assess::render_text(&a);
    let mut v = serde_json::to_value(&a).map_err(|e| WebError::Internal(e.to_string()))?;
    if let Value::Object(m) = &mut v {
        m.insert("incident".into(), Value::String(number));
        m.insert("text".into(), Value::String(text));
    }
    Ok(Json(v))
}

#[derive(Deserialize)]
struct LabelBody {
    label: String,
}

async fn label_add(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Json<LabelBody>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let b = json_body(body)?;
    if b.label.trim().is_empty() || b.label.chars().count() > 100 {
        return Err(WebError::bad("label: 1-100 characters"));
    }
    let iref = parse_ref(&r)?;
    let (changed, labels) = st
        .write(move |s| {
            let c = s.add_label(iref, &b.label, &who)?;
            Ok((c, s.incident(iref)?.labels))
        })
        .await?;
    Ok(Json(json!({ "changed": changed, "labels": labels })))
}

async fn label_remove(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((r, label)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let iref = parse_ref(&r)?;
    let labels = st
        .write(move |s| {
            s.remove_label(iref, &label, &who)?;
            Ok(s.incident(iref)?.labels)
        })
        .await?;
    Ok(Json(json!({ "changed": true, "labels": labels })))
}

async fn incident_audit(
    State(st): State<AppState>,
    Path(r): Path<String>,
) -> ApiResult<Json<Vec<jikenbo_store::AuditEntry>>> {
    let iref = parse_ref(&r)?;
    Ok(Json(
        st.read(move |s| Ok(s.audit_log(Some(iref), 1000)?)).await?,
    ))
}

// ---- documents ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocBody {
    name: Option<String>,
    text: Option<String>,
    content_base64: Option<String>,
    source: Option<String>,
}

/// A notice from a request: JSON `{name, text | content_base64, source}` or raw bytes
/// (`application/octet-stream`, name from `?name=`).
fn notice_from(
    headers: &HeaderMap,
    query: Option<&str>,
    body: Bytes,
    limit: usize,
) -> ApiResult<(String, Vec<u8>, Option<String>)> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let q = pairs(query);
    let qget = |k: &str| q.iter().rev().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let (name, bytes, source) = if ct == "application/json" {
        let b: DocBody = serde_json::from_slice(&body)
            .map_err(|e| WebError::bad(format!("invalid JSON body: {e}")))?;
        let bytes = match (b.text, b.content_base64) {
            (Some(t), None) => t.into_bytes(),
            (None, Some(c)) => base64::engine::general_purpose::STANDARD
                .decode(c.trim())
                .map_err(|e| WebError::bad(format!("content_base64: {e}")))?,
            _ => {
                return Err(WebError::bad(
                    "give exactly one of \"text\" and \"content_base64\"",
                ))
            }
        };
        (b.name.unwrap_or_default(), bytes, b.source)
    } else if ct == "application/octet-stream" || ct.starts_with("text/") {
        (
            qget("name").unwrap_or_default(),
            body.to_vec(),
            qget("source"),
        )
    } else {
        return Err(WebError::bad(
            "send JSON ({\"name\", \"text\" or \"content_base64\"}) or the file as application/octet-stream with ?name=",
        ));
    };
    if bytes.len() > limit {
        return Err(WebError::TooLarge(format!(
            "the notice is larger than the limit of {limit} bytes"
        )));
    }
    if source.as_ref().is_some_and(|s| s.len() > 2000) {
        return Err(WebError::bad("source: at most 2000 characters"));
    }
    Ok((crate::service::clean_name(&name), bytes, source))
}

#[derive(Serialize)]
struct Extracted {
    document: Value,
    incidents: Vec<jikenbo_model::Incident>,
}

async fn extract(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    ctx.require(Role::Viewer)?;
    let body = bytes_body(body, st.max_upload)?;
    let (name, bytes, _) = notice_from(&headers, q.as_deref(), body, st.max_upload)?;
    let p = tokio::task::spawn_blocking(move || Prepared::from_bytes(&name, bytes)).await??;
    let out = Extracted {
        document: json!({
            "name": p.document.name, "format": p.document.format.as_str(),
            "encoding": p.document.encoding, "size": p.original.len(), "sha256": p.sha256,
            "text": p.document.text,
        }),
        incidents: p.incidents,
    };
    Ok(Json(
        serde_json::to_value(out).map_err(|e| WebError::Internal(e.to_string()))?,
    ))
}

async fn create_document(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let body = bytes_body(body, st.max_upload)?;
    let (name, bytes, source) = notice_from(&headers, q.as_deref(), body, st.max_upload)?;
    let p = tokio::task::spawn_blocking(move || Prepared::from_bytes(&name, bytes)).await??;
    let source = source
        .map(Source::new)
        .unwrap_or_else(|| Source::new(format!("api: {}", p.document.name)));
    let out = st
        .write(move |s| Ok(s.ingest_prepared(&p, &source, &who)?))
        .await?;
    let status = match out {
        IngestOutcome::Added(_) => StatusCode::CREATED,
        IngestOutcome::Skipped(_) => StatusCode::OK,
    };
    Ok((status, Json(out)).into_response())
}

async fn documents(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Vec<jikenbo_store::DocumentRef>>> {
    let p = pairs(q.as_deref());
    let num = |k: &str, d: usize| -> ApiResult<usize> {
        p.iter()
            .rev()
            .find(|(x, _)| x == k)
            .map(|(_, v)| {
                v.parse::<usize>()
                    .map_err(|_| WebError::bad(format!("{k}: not a number")))
            })
            .transpose()
            .map(|v| v.unwrap_or(d))
    };
    let limit = num("limit", 50)?.clamp(1, 1000);
    let offset = num("offset", 0)?;
    // As the casebook's list: the store's OFFSET is an i64 (a larger value would wrap to -1,
    // which SQLite reads as 0: the first page).
    if offset > 10_000_000 {
        return Err(WebError::bad("offset: too large"));
    }
    Ok(Json(
        st.read(move |s| Ok(s.documents(limit, offset)?)).await?,
    ))
}

/// A document id from a path.
pub(crate) fn doc_id(id: &str) -> ApiResult<i64> {
    id.parse()
        .map_err(|_| WebError::bad(format!("{id:?} is not a document id")))
}

async fn document(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<jikenbo_store::DocumentView>> {
    let id = doc_id(&id)?;
    Ok(Json(st.read(move |s| Ok(s.document(id)?)).await?))
}

/// The original bytes of a document, always as a download (never rendered by the browser: an
/// archived HTML notice must not run in the casebook's origin).
pub async fn document_original(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = doc_id(&id)?;
    let d = st.read(move |s| Ok(s.document(id)?)).await?;
    let ascii: String = d
        .document
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(d.document.name.as_bytes()).collect();
    let disp = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        encoded.replace('+', "%20")
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disp)
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox"),
            ),
        ],
        d.original,
    )
        .into_response())
}

// ---- assessment, statistics, exports, audit ----

async fn assess_facts(body: Result<Json<Value>, JsonRejection>) -> ApiResult<Json<Value>> {
    let v = json_body(body)?;
    let facts = Facts::from_json(&v.to_string()).map_err(|e| {
        WebError::Unprocessable(match std::error::Error::source(&e) {
            Some(s) => format!("{e}: {s}"),
            None => e.to_string(),
        })
    })?;
    let a = assess(&facts);
    let text = jikenbo_assess::render_text(&a);
    let mut out = serde_json::to_value(&a).map_err(|e| WebError::Internal(e.to_string()))?;
    if let Value::Object(m) = &mut out {
        m.insert("text".into(), Value::String(text));
    }
    Ok(Json(out))
}

pub fn parse_group(s: &str) -> ApiResult<GroupBy> {
    s.parse().map_err(|e| WebError::bad(format!("by: {e}")))
}

async fn stats(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<jikenbo_store::Stats>> {
    let p = pairs(q.as_deref());
    let by = parse_group(
        p.iter()
            .rev()
            .find(|(k, _)| k == "by")
            .map(|(_, v)| v.as_str())
            .unwrap_or("year"),
    )?;
    let filter = parse_filter(&p)?;
    let text = parse_text(&p)?;
    let st2 = st.clone();
    Ok(Json(
        st.read(move |s| crate::service::cached_stats(s, &st2.cache, by, &filter, text.as_deref()))
            .await?,
    ))
}

fn download(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn format_of(p: &[(String, String)], default: &str) -> String {
    p.iter()
        .rev()
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| default.to_string())
}

async fn export(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult<Response> {
    let p = pairs(q.as_deref());
    let filter = parse_filter(&p)?;
    let format = format_of(&p, "csv");
    let date = jikenbo_model::clock::today_utc().to_string();
    match format.as_str() {
        "csv" => {
            let b = st
                .read(move |s| {
                    let mut out = b"\xEF\xBB\xBF".to_vec();
                    s.export_csv(&mut out, &filter)?;
                    Ok(out)
                })
                .await?;
            Ok(download(
                b,
                "text/csv; charset=utf-8",
                &format!("jikenbo-{date}.csv"),
            ))
        }
        "veris" => {
            let b = st
                .read(move |s| {
                    let mut out = Vec::new();
                    s.export_veris(&mut out, &filter)?;
                    Ok(out)
                })
                .await?;
            Ok(download(
                b,
                "application/json",
                &format!("jikenbo-veris-{date}.json"),
            ))
        }
        "json" => {
            if filter != jikenbo_store::Filter::default() {
                return Err(WebError::bad(
                    "format=json is the lossless export of the whole store; it takes no filter (use csv or veris, or /api/export/view)",
                ));
            }
            let b = st
                .read(move |s| {
                    let mut out = Vec::new();
                    s.export_json(&mut out)?;
                    Ok(out)
                })
                .await?;
            Ok(download(
                b,
                "application/json",
                &format!("jikenbo-export-{date}.json"),
            ))
        }
        other => Err(WebError::bad(format!(
            "format: {other:?} is not one of csv, veris, json"
        ))),
    }
}

/// The casebook view (search text, filters, order) as CSV or JSON, every page (at most 100,000).
async fn export_view(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult<Response> {
    let mut p = pairs(q.as_deref());
    let format = format_of(&p, "csv");
    p.retain(|(k, _)| k != "format" && k != "page" && k != "per" && k != "offset" && k != "limit");
    let lp = parse_list(p)?;
    let csv = format == "csv";
    let (hits, total, bytes) = st
        .read(move |s| {
            let (hits, total) = service::view_all(s, &lp, 100_000)?;
            // the store's one incident CSV, for the view's incidents in the view's order
            let mut bytes = Vec::new();
            if csv {
                let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
                s.export_csv_of(&mut bytes, &ids)?;
            }
            Ok((hits, total, bytes))
        })
        .await?;
    let date = jikenbo_model::clock::today_utc().to_string();
    match format.as_str() {
        "csv" => Ok(download(
            bytes,
            "text/csv; charset=utf-8",
            &format!("jikenbo-view-{date}.csv"),
        )),
        "json" => {
            let v = json!({ "total": total, "count": hits.len(), "incidents": hits });
            let b = serde_json::to_vec_pretty(&v).map_err(|e| WebError::Internal(e.to_string()))?;
            Ok(download(
                b,
                "application/json",
                &format!("jikenbo-view-{date}.json"),
            ))
        }
        other => Err(WebError::bad(format!(
            "format: {other:?} is not csv or json"
        ))),
    }
}

async fn audit(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Vec<jikenbo_store::AuditEntry>>> {
    let f = crate::params::audit_filter(&pairs(q.as_deref()), 100)?;
    Ok(Json(st.read(move |s| Ok(s.audit_query(&f)?.0)).await?))
}

async fn counts(State(st): State<AppState>) -> ApiResult<Json<jikenbo_store::StoreCounts>> {
    Ok(Json(st.read(|s| Ok(s.counts()?)).await?))
}

// ---- users (admin) ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserBody {
    name: String,
    role: String,
    password: String,
}

async fn users_list(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> ApiResult<Json<Vec<crate::auth::UserInfo>>> {
    ctx.require(Role::Admin)?;
    Ok(Json(st.auth.list_users()))
}

async fn users_put(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Json<UserBody>, JsonRejection>,
) -> ApiResult<Response> {
    let by = ctx.require(Role::Admin)?.name.clone();
    if ctx.open {
        return Err(WebError::bad("users are managed in sign-in mode only"));
    }
    let b = json_body(body)?;
    let role = Role::parse(&b.role).ok_or_else(|| WebError::bad("role: viewer or editor"))?;
    let st2 = st.clone();
    let (info, change) =
        tokio::task::spawn_blocking(move || st2.auth.put_user(&b.name, role, &b.password, &by))
            .await??;
    st.write(move |s| change.record(s)).await?;
    Ok((StatusCode::CREATED, Json(info)).into_response())
}

async fn users_delete(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    let by = ctx.require(Role::Admin)?.name.clone();
    let change = st.auth.delete_user(&name, &by)?;
    st.write(move |s| change.record(s)).await?;
    Ok(StatusCode::NO_CONTENT)
}
