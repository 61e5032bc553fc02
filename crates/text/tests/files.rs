//! `load_path` and `collect_inputs` on a scratch directory.

use std::path::{Path, PathBuf};

use jikenbo_text::{collect_inputs, load_path, Limits, LoadError, DEFAULT_MAX_BYTES};

/// A fresh directory under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir =
            std::env::temp_dir().join(format!("jikenbo-text-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, rel: &str, content: &[u8]) -> PathBuf {
        let path = self.0.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn default_limit_is_64_mib() {
    assert_eq!(Limits::default().max_bytes, 64 * 1024 * 1024);
    assert_eq!(DEFAULT_MAX_BYTES, 64 * 1024 * 1024);
}

#[test]
fn loads_a_file() {
    let s = Scratch::new("load");
    let p = s.file("sub/お知らせ.txt", "個人情報漏えいのお詫び\r\n".as_bytes());
    let doc = load_path(&p, &Limits::default()).unwrap();
    assert_eq!(doc.name, "お知らせ.txt");
    assert_eq!(doc.text, "個人情報漏えいのお詫び\n");
}

#[test]
fn oversize_is_refused_before_reading() {
    let s = Scratch::new("big");
    let p = s.file("big.txt", "あ".repeat(100).as_bytes());
    let err = load_path(&p, &Limits { max_bytes: 120 }).unwrap_err();
    match &err {
        LoadError::TooLarge { name, size, limit } => {
            assert_eq!((name.as_str(), *size, *limit), ("big.txt", 300, 120));
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.starts_with("big.txt:"), "{msg}");
    assert!(
        msg.contains("120 bytes") && msg.contains("max_bytes"),
        "{msg}"
    );
    // Exactly at the limit is fine.
    assert!(load_path(&p, &Limits { max_bytes: 300 }).is_ok());
}

#[test]
fn missing_file_and_directory_are_io_errors() {
    let s = Scratch::new("io");
    let missing = s.0.join("nothing.txt");
    let err = load_path(&missing, &Limits::default()).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("nothing.txt") && msg.contains("no such file"),
        "{msg}"
    );

    let err = load_path(&s.0, &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("directory"), "{err}");
}

#[test]
fn empty_file_through_load_path() {
    let s = Scratch::new("empty");
    let p = s.file("empty.txt", b"");
    assert!(matches!(
        load_path(&p, &Limits::default()),
        Err(LoadError::Empty { .. })
    ));
}

#[test]
fn collects_files_sorted_skipping_hidden() {
    let s = Scratch::new("walk");
    s.file("b.txt", b"b");
    s.file("a/2.html", b"x");
    s.file("a/1.txt", b"x");
    s.file("a/deep/z.pdf", b"x");
    s.file(".hidden.txt", b"x");
    s.file(".git/config", b"x");
    s.file("a/.cache/x.txt", b"x");
    let single = s.file("extra/.dot.txt", b"given explicitly");

    let got = collect_inputs(&[s.0.clone(), single.clone(), s.0.join("b.txt")]).unwrap();
    let rel: Vec<String> = got
        .iter()
        .map(|p| {
            p.strip_prefix(&s.0)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        rel,
        [
            "a/1.txt",
            "a/2.html",
            "a/deep/z.pdf",
            "b.txt",
            "extra/.dot.txt"
        ]
    );
}

#[test]
fn collect_reports_a_missing_path() {
    let err =
        collect_inputs(&[Path::new("/nonexistent/jikenbo/notices").to_path_buf()]).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/jikenbo/notices"));
}
