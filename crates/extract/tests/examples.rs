//! Snapshot of the extraction of every fictional example notice shipped in `examples/notices`
//! (the README's main job). A rule change that alters any record shows up as a snapshot diff;
//! review it with `cargo insta review` (or `INSTA_UPDATE=always`).
use std::path::PathBuf;

#[test]
fn example_notices() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/notices");
    let files = jikenbo_text::collect_inputs(&[dir]).expect("examples");
    assert!(files.len() >= 10);
    for f in files {
        let doc = jikenbo_text::load_path(&f, &Default::default()).expect("decodes");
        let incs = jikenbo_extract::extract(&doc);
        insta::assert_json_snapshot!(doc.name.clone(), incs);
    }
}
