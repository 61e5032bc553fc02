//! A new notice: paste its text or upload its file, see the extracted incidents beside the
//! text (evidence highlighted), correct them, save. Saving ingests the document as extracted
//! (the extractor's values and evidence stay in the history) and records each correction the
//! curator made on this page as an override with a note.

use super::form::{checked_form, field};
use super::layout::{csrf, page as frame, Nav};
use crate::auth::{Ctx, Role};
use crate::error::{PageResult, WebError};
use crate::highlight::{field_class, highlight, Mark};
use crate::service::{clean_name, parse_note, MAX_ORGANIZATION, MAX_TITLE};
use crate::util::commas;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use jikenbo_model::{Actor, Cause, DataKind, Field, Incident, Leak};
use jikenbo_store::{parse_field_value, Change, IngestOutcome, Prepared, Source};
use maud::{html, Markup};
use serde_json::Value;

pub async fn form(Extension(ctx): Extension<Ctx>) -> PageResult<Response> {
    ctx.require(Role::Editor)?;
    Ok(frame(&ctx, "新規登録", Nav::New, form_body(&ctx, None)).into_response())
}

fn form_body(ctx: &Ctx, error: Option<&str>) -> Markup {
    html! {
        h1 { "新規登録: 漏えい通知を読み取る" }
        p.help { "お知らせ・お詫び文の本文を貼り付けるか、ファイル (テキスト、Markdown、HTML、PDF。Shift_JIS・EUC-JP も可) を選んで「抽出」を押してください。抽出結果を原文と並べて確認・修正してから保存します。" }
        @if let Some(e) = error { div.flash.warn role="alert" { (e) } }
        form.new-notice method="post" action="/new" enctype="multipart/form-data" {
            (csrf(ctx))
            div.grid {
                label for="new-name" { "文書名" }
                input #new-name type="text" name="name" placeholder="例: 2026-05-01_お知らせ.txt (省略可)" maxlength="200";
                label for="new-file" { "ファイル" }
                input #new-file type="file" name="file" accept=".txt,.md,.html,.htm,.pdf,text/plain,text/html,application/pdf";
                label for="new-text" { "または本文" }
                textarea #new-text name="text" rows="14" placeholder="ここに通知文を貼り付け" {}
            }
            button.primary type="submit" { "抽出" }
        }
    }
}

/// The submitted notice: its name and bytes.
struct Submitted {
    csrf: String,
    name: String,
    bytes: Vec<u8>,
}

async fn read_multipart(mut mp: Multipart, limit: usize) -> Result<Submitted, WebError> {
    let mut s = Submitted {
        csrf: String::new(),
        name: String::new(),
        bytes: Vec::new(),
    };
    let mut text = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(format!(
                "ファイルが大きすぎます (上限 {} バイト)",
                commas(limit as u64)
            ))
        } else {
            WebError::bad(format!("フォームを読み取れません: {}", e.body_text()))
        }
    };
    while let Some(f) = mp.next_field().await.map_err(too_large)? {
        let name = f.name().unwrap_or("").to_string();
        match name.as_str() {
            "_csrf" => s.csrf = f.text().await.map_err(too_large)?,
            "name" => s.name = f.text().await.map_err(too_large)?.trim().to_string(),
            "text" => text = f.text().await.map_err(too_large)?,
            "file" => {
                let fname = f.file_name().unwrap_or("").to_string();
                let b = f.bytes().await.map_err(too_large)?;
                if !b.is_empty() {
                    file = Some((fname, b.to_vec()));
                }
            }
            _ => {}
        }
    }
    match file {
        Some((fname, b)) => {
            if s.name.is_empty() {
                s.name = fname;
            }
            s.bytes = b;
        }
        None => {
            if text.trim().is_empty() {
                return Err(WebError::bad(
                    "本文を貼り付けるか、ファイルを選んでください",
                ));
            }
            s.bytes = text.into_bytes();
        }
    }
    if s.bytes.len() > limit {
        return Err(WebError::TooLarge(format!(
            "ファイルが大きすぎます (上限 {} バイト)",
            commas(limit as u64)
        )));
    }
    s.name = clean_name(&s.name);
    Ok(s)
}

pub async fn preview(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult<Response> {
    let mp = mp.map_err(|e| WebError::bad(e.body_text()))?;
    let sub = read_multipart(mp, st.max_upload).await?;
    ctx.check_csrf(&sub.csrf)?;
    let who = ctx.require(Role::Editor)?.name.clone();
    let name = sub.name.clone();
    let prepared =
        tokio::task::spawn_blocking(move || Prepared::from_bytes(&name, sub.bytes)).await?;
    let prepared = match prepared {
        Ok(p) => p,
        Err(e) => {
            let msg = format!("読み取れませんでした: {e}");
            return Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                frame(&ctx, "新規登録", Nav::New, form_body(&ctx, Some(&msg))),
            )
                .into_response());
        }
    };
    let draft = st.put_draft(prepared.clone(), &who)?;
    Ok(frame(
        &ctx,
        "抽出結果の確認",
        Nav::New,
        preview_body(&ctx, &prepared, &draft),
    )
    .into_response())
}

/// The form value of an extracted field.
pub fn extracted_value(inc: &Incident, f: Field) -> String {
    crate::service::form_value(&inc.value(f))
}

/// The fields the preview form has an input for, in order: all the record's but `data` (its
/// checkboxes).
fn preview_fields() -> impl Iterator<Item = Field> {
    Field::RECORD.iter().copied().filter(|f| *f != Field::Data)
}

fn vocab_select(
    name: &str,
    current: &str,
    opts: impl Iterator<Item = (&'static str, &'static str)>,
) -> Markup {
    html! {
        select name=(name) {
            option value="" selected[current.is_empty()] { "不明" }
            @for (k, ja) in opts { option value=(k) selected[current == k] { (ja) } }
        }
    }
}

fn incident_card(i: usize, inc: &Incident) -> Markup {
    let p = |f: &str| format!("i{i}.{f}");
    let max_len = |f: Field| match f {
        Field::Organization => MAX_ORGANIZATION,
        _ => MAX_TITLE,
    };
    html! {
        fieldset.card id=(format!("inc-{i}")) {
            legend { "事案 " (i + 1) }
            div.grid {
                @for f in preview_fields() {
                    @let v = extracted_value(inc, f);
                    @let ev = inc.evidence_for(f.as_str()).is_some();
                    @let name = p(f.as_str());
                    label class=(field_class(f)) for=(name) {
                        span.swatch {} (f.ja())
                        @if ev { span.has-ev title="原文に根拠あり" { "✓" } }
                    }
                    @match f {
                        Field::Leak => { (vocab_select(&name, &v, Leak::ALL.iter().map(|x| (x.as_str(), x.ja())))) }
                        Field::Cause => { (vocab_select(&name, &v, Cause::ALL.iter().map(|x| (x.as_str(), x.ja())))) }
                        Field::Actor => { (vocab_select(&name, &v, Actor::ALL.iter().map(|x| (x.as_str(), x.ja())))) }
                        _ => { input id=(name) type="text" name=(name) value=(v) maxlength=(max_len(f)); }
                    }
                }
                span.label.f-data { span.swatch {} "漏えいした情報" }
                div.data {
                    input type="hidden" name=(p("data_present")) value="1";
                    @for k in DataKind::ALL {
                        label.check {
                            input type="checkbox" name=(p("data")) value=(k.as_str()) checked[inc.data.contains(k)];
                            (k.ja())
                        }
                    }
                }
            }
        }
    }
}

fn preview_body(ctx: &Ctx, p: &Prepared, draft: &str) -> Markup {
    let text = &p.document.text;
    let marks: Vec<Mark> = p
        .incidents
        .iter()
        .flat_map(|inc| {
            inc.evidence.iter().map(|e| Mark {
                start: e.start,
                end: e.end,
                field: e.field.clone(),
                current: true,
                anchor: None,
            })
        })
        .collect();
    html! {
        h1 { "抽出結果の確認" }
        p.help {
            "文書 " strong { (p.document.name) } " (" (p.document.format.as_str()) "、" (p.document.encoding) "、" (commas(p.original.len() as u64)) " バイト) から "
            strong { (p.incidents.len()) } " 件の事案を抽出しました。色つきの部分が各項目の根拠です。誤りがあれば右の欄を直してから保存してください。"
        }
        div.preview-grid {
            section.docs-panel {
                h2 { "原文" }
                pre.text.section { (highlight(text, 0, text.len(), &marks)) }
            }
            section.extracted {
                h2 { "抽出された事案" }
                form.save method="post" action="/new/save" {
                    (csrf(ctx))
                    input type="hidden" name="draft" value=(draft);
                    @if p.incidents.is_empty() {
                        p.flash.warn { "この文書から事案は見つかりませんでした。文書だけを保存することもできます。" }
                    }
                    @for (i, inc) in p.incidents.iter().enumerate() { (incident_card(i, inc)) }
                    label for="save-note" { "メモ (修正した場合の理由)" }
                    textarea #save-note name="note" rows="2" maxlength=(crate::service::MAX_NOTE) {}
                    div.actions {
                        button.primary type="submit" { "保存" }
                        a href="/new" { "やり直す" }
                    }
                }
            }
        }
    }
}

/// The corrections made on the preview form to extracted incident `i`.
pub fn corrections(
    i: usize,
    inc: &Incident,
    form: &[(String, String)],
) -> Result<Vec<Change>, WebError> {
    let mut out = Vec::new();
    let key = |f: &str| format!("i{i}.{f}");
    for f in preview_fields().chain([Field::Data]) {
        let submitted: Option<String> = if f == Field::Data {
            form.iter()
                .any(|(k, _)| *k == key("data_present"))
                .then(|| {
                    form.iter()
                        .filter(|(k, _)| *k == key("data"))
                        .map(|(_, v)| v.clone())
                        .collect::<Vec<_>>()
                        .join(",")
                })
        } else {
            form.iter()
                .rev()
                .find(|(k, _)| *k == key(f.as_str()))
                .map(|(_, v)| v.clone())
        };
        let Some(sub) = submitted else { continue };
        let new = crate::service::parse_value(f, &sub)?;
        let old = parse_field_value(f, &extracted_value(inc, f))?;
        let norm = |v: Value| match v {
            Value::Array(a) if a.is_empty() => Value::Null,
            other => other,
        };
        if norm(new.clone()) != norm(old) {
            out.push(Change::Set(f, new));
        }
    }
    Ok(out)
}

pub async fn save(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let who = ctx.require(Role::Editor)?.name.clone();
    let draft_id = field(&form, "draft").to_string();
    let prepared = st.draft(&draft_id, &who).ok_or_else(|| {
        WebError::NotFound(
            "この抽出結果は期限切れです (1時間)。もう一度「新規登録」から抽出してください".into(),
        )
    })?;
    // Validate the corrections before storing anything.
    let mut all_changes = Vec::new();
    for (i, inc) in prepared.incidents.iter().enumerate() {
        all_changes.push(corrections(i, inc, &form)?);
    }
    let note = parse_note(field(&form, "note"))?;
    let note = if note.is_empty() {
        "登録時の修正".to_string()
    } else {
        format!("登録時の修正: {note}")
    };
    let name = prepared.document.name.clone();
    let outcome = st
        .write(move |s| {
            let source = Source::new(format!("web: {name}"));
            Ok(s.ingest_corrected(&prepared, &source, &who, &all_changes, Some(&note))?)
        })
        .await?;
    st.drop_draft(&draft_id);
    let to = match &outcome {
        IngestOutcome::Added(a) if a.incidents.len() == 1 => {
            format!("/incidents/{}?msg=created", a.incidents[0].number)
        }
        IngestOutcome::Added(a) => format!("/documents/{}", a.document_id),
        IngestOutcome::Skipped(s) => format!("/documents/{}", s.document_id),
    };
    if let IngestOutcome::Skipped(_) = outcome {
        return Ok(frame(
            &ctx,
            "登録済みの文書",
            Nav::New,
            html! {
                h1 { "この文書は登録済みです" }
                p { "同じ内容の文書がすでに事例集にあります。" a href=(to) { "登録済みの文書を見る" } }
            },
        )
        .into_response());
    }
    Ok(Redirect::to(&to).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\x\\お知らせ.txt"), "お知らせ.txt");
        assert_eq!(clean_name(""), "pasted.txt");
        assert_eq!(clean_name("a\u{0}b.txt"), "ab.txt");
    }

    #[test]
    fn corrections_only_for_changed_fields() {
        let mut inc = Incident::empty("x.txt", jikenbo_model::Span::new(0, 0));
        inc.affected = Some(12);
        inc.cause = Some(Cause::Misdelivery);
        inc.data = vec![DataKind::Name];
        let form: Vec<(String, String)> = [
            ("i0.affected", "12"),
            ("i0.cause", "misdelivery"),
            ("i0.organization", "みどり市"),
            ("i0.data_present", "1"),
            ("i0.data", "name"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let ch = corrections(0, &inc, &form).unwrap();
        assert_eq!(
            ch,
            vec![Change::Set(
                Field::Organization,
                Value::String("みどり市".into())
            )]
        );
        let bad: Vec<(String, String)> = vec![("i0.affected".into(), "many".into())];
        assert!(corrections(0, &inc, &bad).is_err());
    }
}
