//! Helpers shared by the scenario tests: dates, reading a .docx back, and the checks every
//! draft must pass (the nine PPC items, unknown facts written 未確認 and never filled in).
#![allow(dead_code)]

use jikenbo_respond::{Block, Case, Date, Deadline, DeadlineKind, Draft, PPC_ITEMS, UNKNOWN};
use std::io::Read;

pub fn d(s: &str) -> Date {
    s.parse().expect("a date")
}

/// `word/document.xml` of a .docx.
pub fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut f = zip.by_name("word/document.xml").expect("word/document.xml");
    let mut s = String::new();
    f.read_to_string(&mut s).expect("UTF-8 XML");
    s
}

/// The text of a .docx's document.xml without its markup (runs joined).
pub fn docx_text(docx: &[u8]) -> String {
    let xml = document_xml(docx);
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

pub fn deadline(ds: &[Deadline], kind: DeadlineKind) -> &Deadline {
    ds.iter()
        .find(|d| d.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in {ds:#?}"))
}

pub fn has(ds: &[Deadline], kind: DeadlineKind) -> bool {
    ds.iter().any(|d| d.kind == kind)
}

/// The value of a field of a draft by its label (`None`: 未確認). Panics when absent.
pub fn field<'a>(draft: &'a Draft, label: &str) -> Option<&'a str> {
    draft
        .fields()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("no field {label:?} in {}", draft.title))
        .value
        .as_deref()
}

/// A fact the case does not know is written 未確認 in every field that reads it, in the
/// Markdown and in the .docx; no field whose source is an unset fact has a value.
pub fn check_unknowns(case: &Case, draft: &Draft) {
    let md = draft.to_markdown();
    let text = docx_text(&draft.to_docx().expect("docx"));
    for f in draft.fields() {
        if f.source.ends_with("は未入力")
            || f.source.contains("の記録なし")
            || f.source == "再発防止策の登録なし"
        {
            assert_eq!(
                f.value, None,
                "{}: {} has a value from nowhere",
                draft.title, f.label
            );
        }
        if f.value.is_none() {
            let shown = format!("**{}**\n\n{UNKNOWN}\n\n> 出典: {}", f.label, f.source);
            assert!(
                md.contains(&shown),
                "{}: {shown:?} not in\n{md}",
                draft.title
            );
            let in_docx = format!("{}{UNKNOWN}出典: {}", f.label, f.source);
            assert!(
                text.contains(&in_docx),
                "{}: {in_docx:?} not in the docx",
                draft.title
            );
        }
    }
    // The facts the case leaves unset are named as such.
    for key in jikenbo_respond::fact_keys() {
        if jikenbo_respond::fact_value(&case.facts, &case.details, key).is_null() {
            for f in draft.fields() {
                if f.source.contains(&format!("({key})")) {
                    assert_eq!(
                        f.value, None,
                        "{}: {} reads unset {key}",
                        draft.title, f.label
                    );
                }
            }
        }
    }
}

/// A PPC draft: its nine items are headings in order, in the Markdown and in the .docx.
pub fn check_ppc_items(draft: &Draft) {
    let headings = draft.headings();
    let mut last = 0;
    for (i, item) in PPC_ITEMS.iter().enumerate() {
        let want = format!("{}. ", i + 1);
        let pos = headings
            .iter()
            .position(|h| h.starts_with(&want) && h.contains(item))
            .unwrap_or_else(|| panic!("item {} ({item}) missing: {headings:?}", i + 1));
        assert!(pos >= last, "item {} out of order", i + 1);
        last = pos;
    }
    let md = draft.to_markdown();
    let xml = document_xml(&draft.to_docx().expect("docx"));
    for h in headings
        .iter()
        .filter(|h| h.chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        assert!(
            md.contains(&format!("## {h}\n")),
            "{h} not a Markdown heading"
        );
        assert!(xml.contains(&format!(">{h}<")), "{h} not in document.xml");
    }
    assert!(xml.contains(UNKNOWN) == draft.fields().any(|f| f.value.is_none()));
}

/// Every memo line and field of a draft, for failure messages and manual reading.
pub fn dump(draft: &Draft) -> String {
    let mut s = String::new();
    for b in &draft.blocks {
        if let Block::Memo(m) = b {
            for l in m {
                s.push_str(l);
                s.push('\n');
            }
        }
    }
    s + &draft.to_markdown()
}
