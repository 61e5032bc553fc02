//! The casebook commands end to end: a missing store is refused by every command that needs
//! one (and not created), while `ingest` and `import` create it; a reader that closes standard
//! output early (`| head`) ends the program quietly; misspelled `--facts` keys are refused.
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn jikenbo() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jikenbo"));
    // Never fall back on the user's store.
    c.env_remove("JIKENBO_DB")
        .env("XDG_DATA_HOME", "/nonexistent/jikenbo-test-xdg");
    c
}

fn tempdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jikenbo-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/notices")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A store holding the example notices; returns its path and one incident number in it.
fn example_store(tag: &str) -> (PathBuf, PathBuf, String) {
    let d = tempdir(tag);
    let db = d.join("casebook.db");
    let out = jikenbo()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(examples())
        .output()
        .unwrap();
    assert!(out.status.success(), "ingest: {}", text(&out.stderr));
    let out = jikenbo()
        .args(["search", "--format", "json", "--limit", "1", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let number = v["hits"][0]["number"].as_str().unwrap().to_string();
    (d, db, number)
}

/// Every command that needs an existing store, with its arguments before `--db`.
fn commands_needing_a_store() -> Vec<Vec<&'static str>> {
    vec![
        vec!["search", "漏えい"],
        vec!["search", "--format", "csv"],
        vec!["stats", "--by", "cause"],
        vec!["show", "2025-001"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "csv"],
        vec!["export", "--format", "veris"],
        vec!["audit"],
        vec!["document", "1"],
        vec!["assess", "2025-001"],
        vec!["label", "2025-001", "add", "要確認"],
        vec!["edit", "2025-001", "--set", "affected=1"],
        vec!["merge", "2025-001", "2025-002"],
        vec!["split", "2025-001", "--doc", "1"],
        vec!["dupes"],
        vec!["review"],
        vec!["reextract"],
        vec!["optimize"],
    ]
}

#[test]
fn a_mistyped_db_is_refused_and_not_created() {
    let d = tempdir("missing");
    for args in commands_needing_a_store() {
        let db = d.join("sub").join("typo.db");
        let out = jikenbo().args(&args).arg("--db").arg(&db).output().unwrap();
        let err = text(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded: {err}");
        assert!(
            err.contains("事件簿ファイルが見つかりません")
                && err.contains("no casebook store at")
                && err.contains(&db.display().to_string())
                && err.contains("jikenbo ingest --db"),
            "{args:?}: {err}"
        );
        // Japanese first.
        assert!(
            err.find("事件簿ファイル").unwrap() < err.find("no casebook").unwrap(),
            "{err}"
        );
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed {}",
            text(&out.stdout)
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            std::fs::read_dir(&d).unwrap().next().is_none(),
            "{args:?} created {:?}",
            std::fs::read_dir(&d).unwrap().collect::<Vec<_>>()
        );
    }
}

#[test]
fn ingest_and_import_create_a_missing_store() {
    let (d, db, _) = example_store("create");
    assert!(db.is_file());
    let export = d.join("export.json");
    let out = jikenbo()
        .args(["export", "--format", "json", "--output"])
        .arg(&export)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let restored = d.join("new").join("restored.db");
    let out = jikenbo()
        .arg("import")
        .arg(&export)
        .arg("--db")
        .arg(&restored)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(restored.is_file());
    // The restored store is one the read-only commands open.
    let out = jikenbo()
        .args(["stats", "--format", "json", "--db"])
        .arg(&restored)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"]["incidents"].as_u64().unwrap() > 10, "{v}");
}

/// Runs `args`, closing standard output at once (the reader is gone before anything is
/// written); returns the output (stderr only).
fn with_stdout_closed(args: &[&str]) -> Output {
    let mut child = jikenbo()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

/// Runs `args`, reading one line of standard output and then closing it, like `| head -1`.
fn like_head(args: &[&str]) -> (String, Output) {
    let mut child = jikenbo()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    (first, child.wait_with_output().unwrap())
}

fn assert_quiet(args: &[&str], out: &Output) {
    let err = text(&out.stderr);
    assert!(err.is_empty(), "{args:?} wrote to stderr: {err}");
    assert_eq!(out.status.code(), Some(0), "{args:?}");
}

#[test]
fn a_closed_standard_output_ends_quietly() {
    let (d, db, number) = example_store("pipe");
    let db = db.to_str().unwrap();
    let facts = d.join("facts.json");
    std::fs::write(&facts, r#"{"persons": 5000, "data": ["name"]}"#).unwrap();
    let facts = facts.to_str().unwrap();
    let examples = examples();
    let examples = examples.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["search", "--db", db],
        vec!["search", "--format", "json", "--db", db],
        vec!["search", "--format", "csv", "--db", db],
        vec!["stats", "--by", "size", "--db", db],
        vec!["stats", "--format", "csv", "--db", db],
        vec!["show", &number, "--db", db],
        vec!["show", &number, "--format", "json", "--db", db],
        vec!["export", "--format", "json", "--db", db],
        vec!["export", "--format", "csv", "--db", db],
        vec!["export", "--format", "veris", "--db", db],
        vec!["audit", "--db", db],
        vec!["document", "1", "--db", db],
        vec!["assess", &number, "--db", db],
        vec!["assess", "--facts", facts, "--format", "text"],
        vec!["rules"],
        vec!["rules", "--format", "json"],
        vec!["extract", examples],
        vec!["extract", "--format", "table", examples],
        vec!["optimize", "--db", db],
    ];
    for args in &commands {
        assert_quiet(args, &with_stdout_closed(args));
    }
    // A reader that takes the first line and goes (outputs larger than a pipe's buffer).
    for args in [
        vec!["rules", "--format", "json"],
        vec!["export", "--format", "json", "--db", db],
    ] {
        let (first, out) = like_head(&args);
        assert!(!first.is_empty(), "{args:?}: no first line");
        assert_quiet(&args, &out);
    }
}

#[test]
fn misspelled_facts_are_refused_with_the_valid_keys() {
    let d = tempdir("facts");
    let f = d.join("facts.json");
    std::fs::write(&f, r#"{"persns": 3, "data": ["name"]}"#).unwrap();
    let out = jikenbo()
        .args(["assess", "--facts"])
        .arg(&f)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(out.stdout.is_empty());
    assert!(
        err.contains("「persns」(「persons」の誤り?) は事実の項目ではありません")
            && err.contains("使える項目: org_kind, persons,"),
        "{err}"
    );
    assert!(
        err.contains(r#"unknown fact "persns" (did you mean "persons"?); the facts are: org_kind"#),
        "{err}"
    );
    assert!(err.find("使える項目").unwrap() < err.find("unknown fact").unwrap());
    for key in jikenbo_assess::Facts::FIELDS {
        assert!(err.contains(key), "{key} not listed: {err}");
    }
    // From standard input too; the right spelling is accepted.
    let run = |facts: &str| {
        let mut child = jikenbo()
            .args(["assess", "--facts", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(facts.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(r#"{"persons": 3000, "data": ["name"], "zzz": 1}"#);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("--facts 標準入力: 「zzz」 は"), "{err}");
    let out = run(r#"{"persons": 3000, "data": ["name"]}"#);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report_required"], true);
}

#[test]
fn dupes_lists_pairs_and_records_decisions_and_review_lists_flags() {
    let (d, db, _) = example_store("dupes");
    let run = |args: &[&str]| {
        let out = jikenbo().args(args).arg("--db").arg(&db).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    let pairs: serde_json::Value =
        serde_json::from_str(&run(&["dupes", "--format", "json"])).unwrap();
    // the example notice and its news item: one organization, one count (their numbers move
    // as examples are added)
    let has = |p: &serde_json::Value, code: &str| {
        p["reasons"]
            .as_array()
            .is_some_and(|rs| rs.iter().any(|r| r["code"] == code))
    };
    let pair = pairs
        .as_array()
        .unwrap()
        .iter()
        .find(|p| has(p, "same_org") && has(p, "same_count"))
        .expect("the example notice and its news item are proposed");
    let id = pair["id"].as_i64().unwrap().to_string();
    let table = run(&["dupes", "--no-scan"]);
    let b = format!("#{}", pair["b"].as_str().unwrap());
    assert!(
        table.contains(&b) && table.contains("組織名が一致"),
        "{table}"
    );
    assert!(run(&["dupes", "--dismiss", &id]).contains("別件"));
    let dismissed: serde_json::Value = serde_json::from_str(&run(&[
        "dupes",
        "--no-scan",
        "--status",
        "dismissed",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(dismissed.as_array().unwrap().len(), 1);
    // A new scan does not propose the dismissed pair again.
    let open: serde_json::Value =
        serde_json::from_str(&run(&["dupes", "--format", "json"])).unwrap();
    assert!(!open
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"].as_i64() == pair["id"].as_i64()));
    // Review: the flagged records, accept one.
    let q: serde_json::Value = serde_json::from_str(&run(&["review", "--format", "json"])).unwrap();
    let before = q["counts"]["flagged"].as_u64().unwrap();
    assert!(before >= 1, "{q}");
    let n = q["flagged"][0]["number"].as_str().unwrap().to_string();
    assert!(run(&["review", "--accept", &n]).contains("確認済み"));
    let q: serde_json::Value = serde_json::from_str(&run(&["review", "--format", "json"])).unwrap();
    assert_eq!(q["counts"]["flagged"].as_u64().unwrap(), before - 1);
    assert!(run(&["stats", "--by", "cause"]).contains("要確認"));
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn search_orders_take_the_apis_names_and_the_old_ones() {
    let (_d, db, _) = example_store("sort");
    let numbers = |sort: &str| -> Vec<String> {
        let out = jikenbo()
            .args([
                "search", "--format", "json", "--limit", "5", "--sort", sort, "--db",
            ])
            .arg(&db)
            .output()
            .unwrap();
        assert!(out.status.success(), "{sort}: {}", text(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["number"].as_str().unwrap().to_string())
            .collect()
    };
    // The API's names, and the earlier CLI's as aliases: the same order.
    assert_eq!(numbers("number_desc"), numbers("number-desc"));
    assert_eq!(numbers("newest"), numbers("date"));
    let asc = numbers("number");
    assert_ne!(asc, numbers("number_desc"));
    let out = jikenbo()
        .args(["search", "--sort", "sideways", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("number_desc"),
        "{}",
        text(&out.stderr)
    );
}
