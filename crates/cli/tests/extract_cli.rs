//! `jikenbo extract` end to end: output contract, bad input, exit status.
use std::path::Path;
use std::process::Command;

fn jikenbo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jikenbo"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn tempdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("jikenbo-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const NOTICE: &str = "2031年4月1日\n株式会社サンプル\n\n顧客情報の外部流出のご報告\n\n当社サーバーが不正アクセスを受け、顧客 1,234名分の氏名、住所が流出しました。\n";

#[test]
fn bad_files_are_reported_by_name_and_the_rest_is_processed() {
    let d = tempdir("bad");
    write(&d, "a_good.txt", NOTICE.as_bytes());
    write(&d, "b_empty.txt", b"");
    write(
        &d,
        "c_junk.bin",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0, 7, 8],
    );
    write(
        &d,
        "d_broken.txt",
        b"\x82\xa0\x82\xa2\xff\xfe\xfd\x80\x81\x82 abc \xe3\x81",
    );
    write(
        &d,
        "e_truncated.pdf",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog",
    );
    let out = jikenbo().arg("extract").arg(&d).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    for bad in [
        "b_empty.txt",
        "c_junk.bin",
        "d_broken.txt",
        "e_truncated.pdf",
    ] {
        assert!(stderr.contains(bad), "{bad} not named in: {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    let recs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["doc"], "a_good.txt");
    assert_eq!(recs[0]["affected"], 1234);
}

#[test]
fn jsonl_records_follow_the_schema() {
    let d = tempdir("schema");
    write(&d, "n.txt", NOTICE.as_bytes());
    let out = jikenbo()
        .args(["extract", "--format", "jsonl"])
        .arg(d.join("n.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for f in [
        "doc",
        "organization",
        "title",
        "published",
        "occurred",
        "discovered",
        "affected",
        "leak",
        "data",
        "cause",
        "actor",
        "evidence",
        "span",
        "labels",
    ] {
        assert!(v.get(f).is_some(), "missing {f}");
    }
    assert_eq!(v["published"], "2031-04-01");
    assert_eq!(v["cause"], "unauthorized_access");
    assert_eq!(v["leak"], "confirmed");
}

#[test]
fn size_limit_is_a_clear_refusal() {
    let d = tempdir("size");
    write(&d, "big.txt", NOTICE.repeat(20).as_bytes());
    let out = jikenbo()
        .args(["extract", "--max-bytes", "100"])
        .arg(d.join("big.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("big.txt") && err.contains("limit"), "{err}");
}

#[test]
fn table_and_json_formats() {
    let d = tempdir("fmt");
    write(&d, "n.txt", NOTICE.as_bytes());
    let out = jikenbo()
        .args(["extract", "--format", "table"])
        .arg(d.join("n.txt"))
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("株式会社サンプル") && s.contains("1 件の事案"),
        "{s}"
    );
    let out = jikenbo()
        .args(["extract", "--format", "json", "--no-evidence"])
        .arg(d.join("n.txt"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert!(v[0]["evidence"].as_array().unwrap().is_empty());
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let out = jikenbo()
        .args(["extract", "/nonexistent/jikenbo-notice.txt"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("jikenbo-notice.txt"));
}
