//! The real notices in `../shared/seeds` (read at test time, never copied into the repo):
//! every document decodes, every incident's evidence points at the text it quotes, and the
//! documented layouts are recognized. The field-level quality bar is scored by `.ci/run` with
//! `../shared/tools/score_casebook.py`.
use std::path::PathBuf;

#[test]
fn seeds_extract_with_valid_evidence() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} not found", dir.display());
        return;
    }
    let files = jikenbo_text::collect_inputs(&[dir]).expect("seeds");
    let mut total = 0;
    for f in &files {
        let doc = jikenbo_text::load_path(f, &Default::default()).expect("decodes");
        let incs = jikenbo_extract::extract(&doc);
        assert!(!incs.is_empty(), "{}: no incident", doc.name);
        for i in &incs {
            assert!(i.span.end <= doc.text.len() && i.span.start <= i.span.end);
            for e in &i.evidence {
                assert_eq!(
                    &doc.text[e.start..e.end],
                    e.text,
                    "{} {}",
                    doc.name,
                    e.field
                );
                // inside the incident's section, or context above it (a digest's month heading)
                assert!(
                    e.end <= i.span.end,
                    "{} {} after its incident",
                    doc.name,
                    e.field
                );
            }
        }
        total += incs.len();
    }
    // one casebook page of 20 notices, one deck with a dozen headlines, three single notices
    assert!(total >= 30, "{total} incidents");
}
