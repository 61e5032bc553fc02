//! An archived document with the evidence of every incident it reports.

use super::layout::{page as frame, when, Nav};
use crate::auth::Ctx;
use crate::error::PageResult;
use crate::highlight::{highlight, Mark};
use crate::util::commas;
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use jikenbo_store::{DocumentView, IncidentRef, IncidentView};
use maud::html;

fn marks(views: &[IncidentView], doc: i64) -> Vec<Mark> {
    let mut out = Vec::new();
    for v in views {
        for f in &v.fields {
            for h in f
                .history
                .iter()
                .filter(|h| h.document_id == doc && h.superseded_at.is_none())
            {
                for e in &h.evidence {
                    out.push(Mark {
                        start: e.start,
                        end: e.end,
                        field: e.field.clone(),
                        current: true,
                        anchor: None,
                    });
                }
            }
        }
    }
    out
}

pub async fn page(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let id = crate::api::doc_id(&id)?;
    let (doc, views): (DocumentView, Vec<IncidentView>) = st
        .read(move |s| {
            let d = s.document(id)?;
            let mut vs = Vec::new();
            for n in &d.incidents {
                if let Ok(r) = n.parse::<IncidentRef>() {
                    if let Ok(v) = s.incident(r) {
                        vs.push(v);
                    }
                }
            }
            Ok((d, vs))
        })
        .await?;
    let m = marks(&views, doc.document.id);
    let body = html! {
        h1 { "文書: " (doc.document.name) }
        dl.docmeta {
            dt { "形式" } dd { (doc.document.format) " · " (doc.document.encoding) " · " (commas(doc.document.size as u64)) " バイト" }
            dt { "出典" } dd { (doc.document.source.as_deref().unwrap_or("—")) }
            dt { "登録" } dd { (when(&doc.document.ingested_at)) " (" (doc.document.ingested_by) ")" }
            dt { "抽出" } dd { (when(&doc.extracted_at)) " · " (doc.extractor) }
            dt { "SHA-256" } dd { code { (doc.document.sha256) } }
            dt { "原本" } dd { a href=(format!("/documents/{}/original", doc.document.id)) { "ダウンロード" } }
        }
        h2 { "この文書の事案 (" (views.len()) ")" }
        @if views.is_empty() { p { "この文書からは事案が抽出されませんでした。" } }
        ul.doc-incidents {
            @for v in &views {
                li {
                    a href=(format!("/incidents/{}", v.number)) { "#" (v.number) }
                    " " (v.record.organization.as_deref().unwrap_or("組織不明"))
                    " — " (v.record.title.as_deref().unwrap_or("(件名不明)"))
                }
            }
        }
        h2 { "本文" }
        pre.text.section.full { (highlight(&doc.text, 0, doc.text.len(), &m)) }
    };
    Ok(frame(&ctx, &doc.document.name, Nav::Casebook, body).into_response())
}
