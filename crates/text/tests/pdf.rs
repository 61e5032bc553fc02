//! PDF fixtures made by `tests/fixtures/make_pdf.py` (a fictional notice).

use std::path::{Path, PathBuf};

use jikenbo_text::pdf::pdf_to_text_with;
use jikenbo_text::{decode, load_path, Format, Limits, LoadError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// The text every extractor must find, line joins included.
const EXPECTED: &[&str] = &[
    "通信販売サイトへの不正アクセスと顧客情報流出のご報告",
    "株式会社サンプル商事",
    // broken across lines in the PDF as 外部か / ら and 流出 / した
    "「サンプルストア」を置くサーバーが外部から不正アクセスを受け、会員の方の情報（氏名・住所・",
    "対象となるお客様は最大で１２，３４５名です。今のところ、流出した情報が悪用された形跡は見つかっていません。",
    "令和６年１１月１日",
];

fn pdftotext_installed() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

#[test]
fn ttf_pdf_with_pdf_extract_alone() {
    let text = pdf_to_text_with("notice-ttf.pdf", &read("notice-ttf.pdf"), None).unwrap();
    for want in EXPECTED {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    // Title, organization and paragraphs stay on their own lines.
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0], EXPECTED[0]);
    assert_eq!(lines[1], EXPECTED[1]);
}

#[test]
fn ttf_pdf_through_load_path() {
    let doc = load_path(&fixture("notice-ttf.pdf"), &Limits::default()).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.name, "notice-ttf.pdf");
    for want in EXPECTED {
        assert!(doc.text.contains(want), "missing {want:?} in\n{}", doc.text);
    }
}

#[test]
fn cid_pdf_without_fallback_is_a_clear_error() {
    // pdf-extract panics on the predefined CMap UniJIS-UCS2-H: caught, reported, no crash.
    let err = pdf_to_text_with("notice-cid.pdf", &read("notice-cid.pdf"), None).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, LoadError::Pdf { .. }), "{err:?}");
    assert!(
        msg.starts_with("notice-cid.pdf: cannot read the PDF"),
        "{msg}"
    );
    assert!(msg.contains("pdf-extract"), "{msg}");
}

#[test]
fn cid_pdf_with_pdftotext() {
    if !pdftotext_installed() {
        eprintln!("SKIPPED cid_pdf_with_pdftotext: pdftotext not installed (apt-get install poppler-utils poppler-data)");
        return;
    }
    let text = pdf_to_text_with(
        "notice-cid.pdf",
        &read("notice-cid.pdf"),
        Some(Path::new("pdftotext")),
    )
    .unwrap();
    for want in EXPECTED {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
}

#[test]
fn missing_pdftotext_program_is_named_in_the_error() {
    let err = pdf_to_text_with(
        "notice-cid.pdf",
        &read("notice-cid.pdf"),
        Some(Path::new("/nonexistent/pdftotext")),
    )
    .unwrap_err();
    assert!(err.to_string().contains("not installed"), "{err}");
}

#[test]
fn ttf_pdf_with_pdftotext_reads_the_same() {
    if !pdftotext_installed() {
        eprintln!("SKIPPED ttf_pdf_with_pdftotext_reads_the_same: pdftotext not installed");
        return;
    }
    // Force the fallback's output through the same tidying by giving pdf-extract nothing to
    // work with: the CID file has the same text.
    let a = pdf_to_text_with("a.pdf", &read("notice-ttf.pdf"), None).unwrap();
    let b = pdf_to_text_with(
        "b.pdf",
        &read("notice-cid.pdf"),
        Some(Path::new("pdftotext")),
    )
    .unwrap();
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(squash(&a), squash(&b));
}

#[test]
fn truncated_pdfs_are_errors_or_text_never_panics() {
    for name in ["notice-ttf.pdf", "notice-cid.pdf"] {
        let bytes = read(name);
        let n = bytes.len();
        for cut in [9, 64, n / 10, n / 3, n / 2, n * 9 / 10, n - 40, n - 1] {
            match decode(name, &bytes[..cut]) {
                Ok(doc) => {
                    assert_eq!(doc.format, Format::Pdf);
                    assert!(!doc.text.trim().is_empty());
                }
                Err(LoadError::Pdf { detail, .. }) => assert!(!detail.is_empty()),
                Err(other) => panic!("{name} cut at {cut}: {other:?}"),
            }
            // And without the fallback.
            let _ = pdf_to_text_with(name, &bytes[..cut], None);
        }
    }
}

#[test]
fn corrupted_pdf_bytes_never_panic() {
    let bytes = read("notice-ttf.pdf");
    for step in [97usize, 331, 1009] {
        let mut bad = bytes.clone();
        for i in (200..bad.len()).step_by(step) {
            bad[i] = bad[i].wrapping_add(0x55);
        }
        let _ = pdf_to_text_with("bad.pdf", &bad, None);
    }
}
