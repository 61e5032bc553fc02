//! Curation in the JSON API: the review queue (duplicate candidates and records with sanity
//! flags), decisions on candidate pairs, merge, split (by document or by report) and
//! re-extraction of an incident. Every change is audited by the store and can be undone
//! (a merge by a split, a dismissal by reopening, an acceptance by its undo).

use super::json_body;
use crate::auth::{Ctx, Role};
use crate::error::{ApiResult, WebError};
use crate::params::pairs;
use crate::service::parse_ref;
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, RawQuery, State};
use axum::{Extension, Json};
use jikenbo_store::{DupCandidate, DupDecision, DupesSummary, FlaggedIncident, ReviewCounts};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The review queue.
#[derive(Serialize)]
pub struct ReviewQueue {
    pub counts: ReviewCounts,
    pub duplicates: Vec<DupCandidate>,
    pub flagged: Vec<FlaggedIncident>,
}

fn limit_of(q: Option<&str>, default: usize) -> Result<usize, WebError> {
    match pairs(q).into_iter().find(|(k, _)| k == "limit") {
        None => Ok(default),
        Some((_, v)) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| WebError::bad("limit: a number from 1 to 1000")),
    }
}

/// `GET /api/review?limit=N`: counts, open duplicate pairs (best first) and flagged records.
pub async fn review(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<ReviewQueue>> {
    let limit = limit_of(q.as_deref(), 100)?;
    let queue = st
        .read(move |s| {
            Ok(ReviewQueue {
                counts: s.review_counts()?,
                duplicates: s.dup_candidates(Some("open"), limit)?,
                flagged: s.flagged(limit, 0)?,
            })
        })
        .await?;
    Ok(Json(queue))
}

/// `GET /api/dupes?status=open|merged|dismissed|all&limit=N`.
pub async fn dupes(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Vec<DupCandidate>>> {
    let limit = limit_of(q.as_deref(), 100)?;
    let status = match pairs(q.as_deref()).into_iter().find(|(k, _)| k == "status") {
        None => Some("open"),
        Some((_, v)) => match v.as_str() {
            "open" => Some("open"),
            "merged" => Some("merged"),
            "dismissed" => Some("dismissed"),
            "all" => None,
            _ => return Err(WebError::bad("status: open, merged, dismissed or all")),
        },
    };
    Ok(Json(
        st.read(move |s| Ok(s.dup_candidates(status, limit)?))
            .await?,
    ))
}

/// `POST /api/dupes/scan`: compares every live incident (as `jikenbo dupes`).
pub async fn scan(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> ApiResult<Json<DupesSummary>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    Ok(Json(st.write(move |s| Ok(s.find_duplicates(&who)?)).await?))
}

/// `GET /api/dupes/{id}`.
pub async fn dupe(
    State(st): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<DupCandidate>> {
    Ok(Json(st.read(move |s| Ok(s.dup_candidate(id)?)).await?))
}

/// `POST /api/dupes/{id}/{merge|dismiss|reopen}`.
pub async fn decide(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((id, action)): Path<(i64, String)>,
) -> ApiResult<Json<DupCandidate>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let d = decision_of(&action)?;
    Ok(Json(
        st.write(move |s| Ok(s.decide_dup(id, d, &who)?)).await?,
    ))
}

pub fn decision_of(action: &str) -> Result<DupDecision, WebError> {
    match action {
        "merge" => Ok(DupDecision::Merge),
        "dismiss" => Ok(DupDecision::Dismiss),
        "reopen" => Ok(DupDecision::Reopen),
        _ => Err(WebError::bad("action: merge, dismiss or reopen")),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// Incidents (numbers or ids) merged into the one of the path.
    pub others: Vec<String>,
}

/// `POST /api/incidents/{r}/merge` `{"others": ["2024-004"]}`.
pub async fn merge(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Json<MergeBody>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let b = json_body(body)?;
    if b.others.is_empty() || b.others.len() > 100 {
        return Err(WebError::bad("others: 1 to 100 incidents"));
    }
    let into = parse_ref(&r)?;
    let others = b
        .others
        .iter()
        .map(|o| parse_ref(o))
        .collect::<Result<Vec<_>, _>>()?;
    let number = st.write(move |s| Ok(s.merge(into, &others, &who)?)).await?;
    Ok(Json(json!({ "number": number })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitBody {
    /// A document whose reports of this incident move to a new incident.
    pub document: Option<i64>,
    /// Or reports (incident sections) that move.
    #[serde(default)]
    pub reports: Vec<i64>,
}

/// `POST /api/incidents/{r}/split` `{"document": 3}` or `{"reports": [7, 9]}`: the number of
/// the incident that now holds them.
pub async fn split(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
    body: Result<Json<SplitBody>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let b = json_body(body)?;
    let iref = parse_ref(&r)?;
    let number = match (b.document, b.reports.is_empty()) {
        (Some(doc), true) => st.write(move |s| Ok(s.split(iref, doc, &who)?)).await?,
        (None, false) => {
            st.write(move |s| Ok(s.split_reports(iref, &b.reports, &who)?))
                .await?
        }
        _ => return Err(WebError::bad("give either document or reports")),
    };
    Ok(Json(json!({ "number": number })))
}

/// `POST /api/incidents/{r}/reextract`: re-runs the extractor on the incident's documents.
pub async fn reextract(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
) -> ApiResult<Json<jikenbo_store::ReextractSummary>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let iref = parse_ref(&r)?;
    Ok(Json(
        st.write(move |s| Ok(s.reextract_incident(iref, &who)?))
            .await?,
    ))
}

/// `GET /api/incidents/{r}/review`: the incident's flags, those accepted, and its candidate
/// pairs.
pub async fn incident_review(
    State(st): State<AppState>,
    Path(r): Path<String>,
) -> ApiResult<Json<Value>> {
    let iref = parse_ref(&r)?;
    let v = st
        .read(move |s| {
            let (flags, accepted) = s.flags_of(iref)?;
            let id = s.incident(iref)?.id;
            let pairs = s.dup_candidates_of(id)?;
            Ok(json!({ "flags": flags, "accepted": accepted, "duplicates": pairs }))
        })
        .await?;
    Ok(Json(v))
}

/// `POST /api/incidents/{r}/review`: accepts the incident's flags as they are.
pub async fn accept(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
) -> ApiResult<Json<Value>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let iref = parse_ref(&r)?;
    let flags = st.write(move |s| Ok(s.accept_flags(iref, &who)?)).await?;
    Ok(Json(json!({ "accepted": flags })))
}

/// `DELETE /api/incidents/{r}/review`: the flags wait for review again.
pub async fn unaccept(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(r): Path<String>,
) -> ApiResult<Json<Value>> {
    let who = ctx.require(Role::Editor)?.name.clone();
    let iref = parse_ref(&r)?;
    st.write(move |s| Ok(s.unaccept_flags(iref, &who)?)).await?;
    Ok(Json(json!({ "accepted": null })))
}
