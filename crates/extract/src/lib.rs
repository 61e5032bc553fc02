//! Japanese breach notices in, incident records out.
//!
//! The pipeline, each step its own module:
//! 1. [`norm`]: a matching copy of the text (NFKC, `1 2 0 人` → `120 人`) that maps back to the
//!    original, so evidence points into the document as read;
//! 2. [`doc`]: what is known of the whole document: [`analyze`] (lines, headings and their
//!    topics), [`dates`] (every written date form), [`orgs`] (organization mentions), its own
//!    date (the dateline) and its voice (an organization's own notice or a report about one);
//! 3. [`segment`]: one document → incidents (casebook page, digest, cases cited in a column,
//!    notice, nothing: [`incident`] tells an incident from a warning);
//! 4. [`fields`]: one module per field rule; [`numbers`] reads counts, [`report`] the report
//!    kind (第N報, 続報, 確報); [`anchors`] marks, in one pass, the sentences each rule family
//!    needs to read.
//!
//! Every pattern is a [`rules::Rule`] with an id, a doc, examples and counter-examples;
//! [`rules::catalog`] lists them all (`jikenbo rules`). The shared word lists live in [`words`].
//! The rules are generic: they know how Japanese notices are written, never a particular notice.

pub mod analyze;
pub mod anchors;
pub mod dates;
pub mod doc;
pub mod fields;
pub mod files;
pub mod incident;
pub mod norm;
pub mod numbers;
pub mod orgs;
pub mod report;
pub mod rules;
pub mod segment;
pub mod tables;
pub mod words;

use jikenbo_model::{derived_labels, Evidence, Incident, Span};
use std::ops::Range;

/// Extract the incidents of a decoded document.
///
/// The rules are written never to panic (the property tests feed them arbitrary text); callers
/// that process many documents use [`try_extract`], so that a rule bug on one document is an
/// error for that document and never costs the others their output.
pub fn extract(doc: &jikenbo_text::Document) -> Vec<Incident> {
    extract_text(&doc.name, &doc.text)
}

/// A document the extractor could not process.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// A rule panicked on this document (a bug: the document is reported, the others go on).
    #[error(
        "{doc}: the extraction rules failed on this document ({message}); no record was made \
         for it and the other documents are not affected; please report the file"
    )]
    Panicked { doc: String, message: String },
}

/// [`extract`], with a panic inside the rules turned into an [`ExtractError`] naming the
/// document.
pub fn try_extract(doc: &jikenbo_text::Document) -> Result<Vec<Incident>, ExtractError> {
    isolate(&doc.name, || extract(doc))
}

/// Runs `f` (work on the document called `doc`) with a panic turned into an [`ExtractError`]:
/// per-document isolation for any extractor (the store's re-extraction takes its extractor as a
/// function).
pub fn isolate<T>(doc: &str, f: impl FnOnce() -> T) -> Result<T, ExtractError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        ExtractError::Panicked {
            doc: doc.to_string(),
            message,
        }
    })
}

/// Extract the incidents of `text`, a document named `name` (the `doc` field).
pub fn extract_text(name: &str, text: &str) -> Vec<Incident> {
    let nt = norm::NormText::new(text);
    let doc = doc::Doc::new(&nt.text);
    let segs = segment::segment(&doc);
    let mut out: Vec<Incident> = Vec::new();
    // the parts of one own notice (`1件目…`, `2件目…`): the notice's body, title and date are
    // every part's
    let whole = segs.iter().any(|s| s.notice_part).then(|| {
        fields::extract_fields(
            &doc,
            &segment::Segment::new(segment::SegmentKind::Notice, 0..doc.text.len()),
        )
    });
    for seg in &segs {
        let mut f = fields::extract_fields(&doc, seg);
        if let Some(w) = &whole {
            if w.organization.is_some() {
                f.organization = w.organization.clone();
                f.also.clear();
            }
            if f.title.is_none() {
                f.title = w.title.clone();
            }
            if f.published.is_none() {
                f.published = w.published.clone();
            }
        }
        // an item of a list of one event's bodies: the cause the whole text gives
        if let (None, Some(shared)) = (&f.cause, &seg.shared) {
            let all = fields::extract_fields(
                &doc,
                &segment::Segment::new(segment::SegmentKind::Notice, shared.clone()),
            );
            f.cause = all.cause;
            if f.actor.is_none() {
                f.actor = all.actor;
            }
        }
        let span = nt.orig_range(seg.range.clone());
        let mut inc = Incident::empty(name, Span::new(span.start, span.end));
        // the evidence of a field, in the original text
        let evidence = |field: &str, r: &Range<usize>| {
            let o = nt.orig_range(r.clone());
            Evidence {
                field: field.to_string(),
                text: text[o.clone()].to_string(),
                start: o.start,
                end: o.end,
            }
        };
        // a field's evidence replaced where it stands (a body of a group)
        let replace = |i: &mut Incident, e: Evidence| {
            if let Some(x) = i.evidence.iter_mut().find(|x| x.field == e.field) {
                *x = e;
            }
        };
        // (one per field and data kind at most)
        let mut ev: Vec<Evidence> = Vec::with_capacity(9 + f.data.len());
        let mut add = |field: &str, r: &Range<usize>| ev.push(evidence(field, r));
        if let Some((v, r)) = &f.organization {
            inc.organization = Some(v.clone());
            add("organization", r);
        }
        if let Some((v, r)) = &f.title {
            inc.title = Some(v.clone());
            add("title", r);
        }
        macro_rules! put {
            ($field:ident) => {
                if let Some((v, r)) = &f.$field {
                    inc.$field = Some(v.clone());
                    add(stringify!($field), r);
                }
            };
        }
        put!(published);
        put!(occurred);
        put!(discovered);
        put!(affected);
        put!(leak);
        put!(cause);
        put!(actor);
        inc.data.reserve(f.data.len());
        for (k, r) in &f.data {
            inc.data.push(*k);
            add(&format!("data.{k}"), r);
        }
        inc.evidence = ev;
        inc.labels = derived_labels(&inc);
        // bodies that share the facts (`XとYにおいて…`): one record each, in text order; each
        // its own count where the text gives one per body (`Xでは38人分、Yでは12人分`)
        let first_of_group = out.len();
        let own_counts: Option<Vec<segment::Found<u64>>> = (!f.also.is_empty())
            .then(|| {
                std::iter::once(inc.organization.clone().unwrap_or_default())
                    .chain(f.also.iter().map(|(n, _)| n.clone()))
                    .map(|n| fields::affected::count_of_body(doc.text, seg.range.clone(), &n))
                    .collect::<Option<Vec<_>>>()
            })
            .flatten();
        let set_count = |i: &mut Incident, k: usize| {
            if let Some((v, r)) = own_counts.as_ref().and_then(|c| c.get(k)) {
                i.affected = Some(*v);
                i.evidence.retain(|e| e.field != "affected");
                i.evidence.push(evidence("affected", r));
            }
        };
        set_count(&mut inc, 0);
        for (j, (name2, r2)) in f.also.iter().enumerate() {
            let mut other = inc.clone();
            other.organization = Some(name2.clone());
            set_count(&mut other, j + 1);
            replace(&mut other, evidence("organization", r2));
            other.labels = derived_labels(&other);
            out.push(inc.clone());
            inc = other;
        }
        out.push(inc);
        out[first_of_group..]
            .sort_by_key(|i| i.evidence_for("organization").map_or(0, |e| e.start));
    }
    if segs
        .first()
        .is_some_and(|s| s.kind == segment::SegmentKind::DigestItem)
    {
        out = merge_duplicates(out);
    }
    out
}

/// A digest that mentions an incident twice lists it once: the same organization is the same
/// incident. The first mention stays; a later one fills its gaps, unless its facts conflict
/// (another cause or count: a different incident or a slip of the digest), then it is dropped.
/// An item of the same organization dated another day is another incident.
fn merge_duplicates(incs: Vec<Incident>) -> Vec<Incident> {
    let mut out: Vec<Incident> = Vec::new();
    for inc in incs {
        let same = out
            .iter_mut()
            .find(|o| o.organization.is_some() && o.organization == inc.organization);
        match same {
            None => out.push(inc),
            Some(o) => {
                let conflict = |a: bool, b: bool, same: bool| a && b && !same;
                if conflict(o.cause.is_some(), inc.cause.is_some(), o.cause == inc.cause)
                    || conflict(
                        o.affected.is_some(),
                        inc.affected.is_some(),
                        o.affected == inc.affected,
                    )
                {
                    continue;
                }
                // the same facts on another day: a second incident of the organization (a
                // round-up lists a city's two losses of the month), not a second mention
                if conflict(
                    o.published.is_some(),
                    inc.published.is_some(),
                    o.published == inc.published,
                ) {
                    out.push(inc);
                    continue;
                }
                macro_rules! fill {
                    ($($field:ident),*) => {$(
                        if o.$field.is_none() && inc.$field.is_some() {
                            o.$field = inc.$field.clone();
                            if let Some(e) = inc.evidence_for(stringify!($field)) {
                                o.evidence.push(e.clone());
                            }
                        }
                    )*};
                }
                fill!(occurred, discovered, affected, leak, cause, actor);
                if o.data.is_empty() {
                    o.data = inc.data.clone();
                    o.evidence.extend(
                        inc.evidence
                            .iter()
                            .filter(|e| e.field.starts_with("data."))
                            .cloned(),
                    );
                }
                o.labels = derived_labels(o);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_up_keeps_two_items_of_one_body_on_different_days() {
        let t = "事件簿 2031年7月\n4.■みどり市 職員がUSBメモリを紛失 2031年7月21日\n3.■あおば県 教諭が名簿を紛失 2031年7月9日\n2.■みどり市 申請書の所在不明 2031年7月2日\n1.■ひかり町 書類を紛失 2031年7月1日\n";
        let incs = extract_text("t.txt", t);
        let midori: Vec<_> = incs
            .iter()
            .filter(|i| i.organization.as_deref() == Some("みどり市"))
            .map(|i| i.published.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            midori,
            vec![
                Some("2031-07-21".to_string()),
                Some("2031-07-02".to_string())
            ],
            "{incs:#?}"
        );
        // the same item told twice the same day stays one
        let t = "事件簿 2031年7月\n3.■みどり市 職員がUSBメモリを紛失 2031年7月21日\n2.■あおば県 教諭が名簿を紛失 2031年7月9日\n1.■みどり市 USBメモリ紛失 2031年7月21日\n";
        let n = extract_text("t.txt", t)
            .iter()
            .filter(|i| i.organization.as_deref() == Some("みどり市"))
            .count();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_panic_becomes_an_error_naming_the_document() {
        let e = isolate("bad.txt", || -> usize { panic!("index out of range") }).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("bad.txt:") && msg.contains("index out of range"),
            "{msg}"
        );
        assert_eq!(isolate("ok.txt", || 7).unwrap(), 7);
    }
}
