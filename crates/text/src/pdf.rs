//! PDF → the text layer.
//!
//! 1. **pdf-extract** (pure Rust) runs on a helper thread with a large stack, inside
//!    `std::panic::catch_unwind`. It panics on CID fonts with predefined CMaps (`UniJIS-UCS2-H`,
//!    frequent in older Japanese PDFs) and on some damaged files; the panic is caught and its
//!    message kept for the error. While it runs, a process-wide panic hook (installed once, the
//!    previous hook still serves every other panic) keeps that thread's panics off stderr.
//!    pdf-extract's characters are laid out in lines by our own `LineLayout`, which leaves a
//!    blank line only where the page has a real paragraph gap (see its docs).
//! 2. Its text is **usable** when it has at least [`MIN_TEXT_CHARS`] non-space characters and
//!    at most 5% of its characters are U+FFFD, control or private-use characters (glyphs without
//!    a Unicode mapping).
//! 3. Otherwise **`pdftotext -enc UTF-8 - -`** (poppler-utils) reads the PDF from standard input,
//!    if the program exists: `$JIKENBO_PDFTOTEXT` when set (empty disables it), else
//!    `pdftotext` on the `PATH`. Poppler reads CID-keyed fonts when `poppler-data` is installed.
//!    Its default reading-order mode is used, not `-layout`: `-layout` pads columns with runs of
//!    spaces and puts side-by-side blocks on the same line, which splits sentences; the reading
//!    order keeps each text block's lines together, which the joining rule below needs. It is
//!    stopped after [`PDFTOTEXT_TIMEOUT`].
//! 4. The better of the texts is kept; without any → [`LoadError::Pdf`] saying why
//!    ("no text layer" for a scanned PDF, the extractor's error for a damaged one, and what to
//!    install when pdftotext is missing).
//! 5. The text is tidied: page breaks (form feeds) become blank lines, spaces at line ends go,
//!    runs of blank lines become one, and lines broken inside words are joined by
//!    [`join_wrapped_lines`].

use std::cell::{Cell, RefCell};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Once;
use std::time::{Duration, Instant};

use crate::html::is_cjk;
use crate::LoadError;

/// Fewer non-space characters than this from pdf-extract → try pdftotext too.
pub const MIN_TEXT_CHARS: usize = 20;
/// How long pdftotext may run on one file.
pub const PDFTOTEXT_TIMEOUT: Duration = Duration::from_secs(120);

/// Where pdftotext is, if anywhere: `$JIKENBO_PDFTOTEXT` (empty: none) or `pdftotext`.
pub fn pdftotext_program() -> Option<PathBuf> {
    match std::env::var_os("JIKENBO_PDFTOTEXT") {
        Some(p) if p.is_empty() => None,
        Some(p) => Some(PathBuf::from(p)),
        None => Some(PathBuf::from("pdftotext")),
    }
}

/// The text layer of a PDF, with `pdftotext_program()` as the fallback.
pub(crate) fn pdf_to_text(name: &str, bytes: &[u8]) -> Result<String, LoadError> {
    pdf_to_text_with(name, bytes, pdftotext_program().as_deref())
}

/// The text layer of a PDF; `pdftotext`: the fallback program, or `None` for none.
pub fn pdf_to_text_with(
    name: &str,
    bytes: &[u8],
    pdftotext: Option<&std::path::Path>,
) -> Result<String, LoadError> {
    let primary = with_pdf_extract(bytes);
    if let Ok(t) = &primary {
        if usable(t) {
            tracing::debug!(file = name, "PDF text from pdf-extract");
            return Ok(tidy(t));
        }
    }
    let fallback = match pdftotext {
        Some(program) => run_pdftotext(program, bytes),
        None => Err(Fallback::Missing),
    };
    if let Ok(t) = &fallback {
        let better = match &primary {
            Ok(p) => score(t) >= score(p),
            Err(_) => true,
        };
        if has_text(t) && better {
            tracing::debug!(file = name, "PDF text from pdftotext");
            return Ok(tidy(t));
        }
    }
    if let Ok(t) = &primary {
        if has_text(t) {
            tracing::warn!(
                file = name,
                "little or poorly mapped text in the PDF, and pdftotext did not do better"
            );
            return Ok(tidy(t));
        }
    }

    // No text from anyone: say why.
    let both_failed = primary.is_err() && matches!(fallback, Err(Fallback::Failed(_)));
    let first = match &primary {
        Ok(_) => "it has no text layer (a scanned image? it needs OCR first)".to_string(),
        Err(e) if both_failed => {
            format!("it looks damaged, truncated or encrypted: pdf-extract could not read it ({e})")
        }
        Err(e) => format!("pdf-extract could not read it ({e})"),
    };
    let second = match fallback {
        Ok(_) => match &primary {
            Ok(_) => "; pdftotext found no text either".to_string(),
            Err(_) => {
                "; pdftotext found no text layer (a scanned image? it needs OCR first)".to_string()
            }
        },
        Err(Fallback::Missing) => "; the fallback pdftotext is not configured".to_string(),
        Err(Fallback::NotInstalled) => {
            "; the fallback pdftotext is not installed (apt-get install poppler-utils poppler-data)"
                .to_string()
        }
        Err(Fallback::Failed(e)) => format!("; pdftotext failed too ({e})"),
    };
    Err(LoadError::Pdf {
        name: name.to_string(),
        detail: format!("{first}{second}"),
    })
}

thread_local! {
    /// Set on the thread that runs pdf-extract: its panics are recorded, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs, once, a panic hook that records panics on QUIET threads and hands all other
/// panics to the hook that was there before.
fn install_quiet_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
                    (*s).to_string()
                } else if let Some(s) = info.payload().downcast_ref::<String>() {
                    s.clone()
                } else {
                    "unknown panic".to_string()
                };
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
            } else {
                previous(info);
            }
        }));
    });
}

/// pdf-extract on a helper thread (64 MiB stack: lopdf recurses on nested objects), panics
/// caught.
fn with_pdf_extract(bytes: &[u8]) -> Result<String, String> {
    install_quiet_hook();
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("pdf-extract".into())
            .stack_size(64 << 20)
            .spawn_scoped(scope, || {
                QUIET.with(|q| q.set(true));
                let result = std::panic::catch_unwind(|| extract_lines(bytes));
                QUIET.with(|q| q.set(false));
                match result {
                    Ok(Ok(text)) => Ok(text),
                    Ok(Err(e)) => Err(e.to_string()),
                    Err(_) => {
                        let msg = LAST_PANIC
                            .with(|p| p.borrow_mut().take())
                            .unwrap_or_else(|| "unknown panic".to_string());
                        Err(format!("it crashed: {msg}"))
                    }
                }
            });
        match handle {
            Ok(h) => h.join().unwrap_or_else(|_| Err("it crashed".to_string())),
            Err(e) => Err(format!("cannot start a thread: {e}")),
        }
    })
}

/// Loads the PDF with pdf-extract's lopdf and lays its characters out with [`LineLayout`].
fn extract_lines(bytes: &[u8]) -> Result<String, pdf_extract::OutputError> {
    let mut doc = pdf_extract::Document::load_mem(bytes)?;
    if doc.is_encrypted() {
        // Many PDFs are "encrypted" with an empty user password only to restrict printing.
        doc.decrypt("")?;
    }
    let mut layout = LineLayout::default();
    pdf_extract::output_doc(&doc, &mut layout)?;
    Ok(layout.out)
}

/// One line of a page: the text and where it sits.
struct PageLine {
    text: String,
    /// Baseline, from the top of the page.
    y: f64,
    /// Font size in page units.
    size: f64,
}

/// pdf-extract's [`OutputDev`](pdf_extract::OutputDev) that lays characters out in lines like its
/// own `PlainTextOutput` (a new line when the baseline moves by more than half the font size, a
/// space when a word starts more than a tenth of the font size after the previous character),
/// but decides blank lines from the page's own line pitch: `PlainTextOutput` leaves a blank line
/// whenever the baseline moves by more than 1.5 × the font size, which is every line of a
/// document set with the usual 1.5–1.7 line spacing of Japanese word processors, and that would
/// hide the paragraph structure the line-joining rule needs. Here a blank line is left when the
/// gap to the previous line exceeds 1.35 × the page's median line pitch, when the font size
/// changes by more than 15% (heading ↔ body), when the text moves up the page (a new column or
/// block), and between pages.
#[derive(Default)]
struct LineLayout {
    out: String,
    page_height: f64,
    page: Vec<PageLine>,
    word_start: bool,
    last_end: f64,
}

impl LineLayout {
    fn flush_page(&mut self) {
        let lines = std::mem::take(&mut self.page);
        if lines.is_empty() {
            return;
        }
        let mut pitches: Vec<f64> = lines
            .windows(2)
            .map(|w| w[1].y - w[0].y)
            .filter(|d| *d > 0.0 && d.is_finite())
            .collect();
        pitches.sort_by(f64::total_cmp);
        let median = pitches.get(pitches.len() / 2).copied();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                let prev = &lines[i - 1];
                let gap = line.y - prev.y;
                let resized = (line.size - prev.size).abs() > 0.15 * prev.size.max(line.size);
                // NaN gaps (broken coordinates) count as "moved up".
                let moved_up = gap.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater);
                let blank = moved_up || median.is_none_or(|m| gap > 1.35 * m) || resized;
                self.out.push_str(if blank { "\n\n" } else { "\n" });
            }
            self.out.push_str(&line.text);
        }
        self.out.push_str("\n\n");
    }
}

impl pdf_extract::OutputDev for LineLayout {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.flush_page();
        self.page_height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.flush_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // The same geometry as pdf-extract's PlainTextOutput: position in a top-down page
        // space, font size scaled by the text matrix.
        let x = trm.m31;
        let y = self.page_height - trm.m32;
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let mut size = (vx * vy).abs().sqrt();
        if !(size.is_finite() && size > 0.0) {
            size = if font_size.is_finite() && font_size.abs() > 0.0 {
                font_size.abs()
            } else {
                1.0
            };
        }
        let new_line = match self.page.last() {
            None => true,
            // NaN positions start a new line too.
            Some(l) => !matches!(
                (y - l.y).abs().partial_cmp(&(size * 0.5)),
                Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
            ),
        };
        if new_line {
            self.page.push(PageLine {
                text: String::new(),
                y: if y.is_finite() { y } else { 0.0 },
                size,
            });
        }
        let line = self.page.last_mut().expect("a line was just pushed");
        if !new_line && self.word_start && x > self.last_end + size * 0.1 {
            line.text.push(' ');
        }
        line.text.push_str(char);
        self.word_start = false;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

enum Fallback {
    Missing,
    NotInstalled,
    Failed(String),
}

/// `pdftotext -enc UTF-8 - -`, the PDF on stdin, with a timeout.
fn run_pdftotext(program: &std::path::Path, bytes: &[u8]) -> Result<String, Fallback> {
    let mut child = match Command::new(program)
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Fallback::NotInstalled),
        Err(e) => return Err(Fallback::Failed(format!("cannot start it: {e}"))),
    };
    let mut stdin = child.stdin.take();
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let (out, err, status) = std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(mut s) = stdin.take() {
                let _ = s.write_all(bytes); // a broken pipe just means it stopped reading
            }
        });
        let out = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(s) = stdout.as_mut() {
                let _ = s.read_to_end(&mut buf);
            }
            buf
        });
        let err = scope.spawn(move || {
            let mut buf = Vec::new();
            if let Some(s) = stderr.as_mut() {
                let _ = s.read_to_end(&mut buf);
            }
            buf
        });
        let deadline = Instant::now() + PDFTOTEXT_TIMEOUT;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(format!(
                        "it did not finish in {} s",
                        PDFTOTEXT_TIMEOUT.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => break Err(e.to_string()),
            }
        };
        (
            out.join().unwrap_or_default(),
            err.join().unwrap_or_default(),
            status,
        )
    });
    let status = status.map_err(Fallback::Failed)?;
    if !status.success() {
        let msg = String::from_utf8_lossy(&err);
        let last = msg
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(Fallback::Failed(format!("{status}: {}", last.trim())));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn is_bad_char(c: char) -> bool {
    c == '\u{fffd}'
        || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
        || ('\u{e000}'..='\u{f8ff}').contains(&c)
}

fn has_text(t: &str) -> bool {
    t.chars().any(|c| !c.is_whitespace() && !is_bad_char(c))
}

/// Enough characters, few unmapped ones.
fn usable(t: &str) -> bool {
    let (good, bad) = counts(t);
    good >= MIN_TEXT_CHARS && bad * 20 <= good + bad
}

fn counts(t: &str) -> (usize, usize) {
    let mut good = 0;
    let mut bad = 0;
    for c in t.chars().filter(|c| !c.is_whitespace()) {
        if is_bad_char(c) {
            bad += 1;
        } else {
            good += 1;
        }
    }
    (good, bad)
}

fn score(t: &str) -> i64 {
    let (good, bad) = counts(t);
    good as i64 - 4 * bad as i64
}

/// Form feeds → line breaks, `\r\n` → `\n`, line ends trimmed, at most one blank line in a row,
/// then [`join_wrapped_lines`].
fn tidy(t: &str) -> String {
    let t = crate::normalize_newlines(t).replace('\x0c', "\n");
    let mut lines: Vec<&str> = Vec::new();
    let mut blank = false;
    for line in t.split('\n') {
        let line = line.trim_end().trim_start_matches([' ', '\t']);
        if line.is_empty() {
            blank = true;
            continue;
        }
        if blank && !lines.is_empty() {
            lines.push("");
        }
        blank = false;
        lines.push(line);
    }
    let mut out = join_wrapped_lines(&lines);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Display width in half-width cells: CJK and full-width characters count 2, others 1.
fn width(line: &str) -> usize {
    line.chars()
        .map(|c| {
            if is_cjk(c) && !('\u{ff61}'..='\u{ff9f}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// A line starting like a list item or a heading: a bullet, `１．`, `(2)`, `①`, `【`, `第3条`...
fn starts_like_an_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if "・●○■□◆◇▲△▼▽★☆※＊*-‐－−•◎【〔［<＜".contains(first)
        || ('\u{2460}'..='\u{24ff}').contains(&first)
        || ('\u{3251}'..='\u{325f}').contains(&first)
    {
        return true;
    }
    let is_num = |c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
    };
    if first == '（' || first == '(' {
        let inner: String = chars.clone().take_while(|&c| is_num(c)).collect();
        let after = chars.clone().nth(inner.chars().count());
        return !inner.is_empty() && matches!(after, Some('）' | ')'));
    }
    if first == '第' {
        return chars.next().is_some_and(is_num);
    }
    if is_num(first) {
        let rest: String = chars.collect();
        let rest = rest.trim_start_matches(is_num);
        return rest.starts_with(['．', '.', '、', '）', ')', '：', ':']);
    }
    false
}

/// Joins lines that the page width broke inside a sentence: `不正ア` + `クセス` → `不正アクセス`.
///
/// The rule: the line break between line *i* and line *i+1* is dropped when
///
/// - line *i* is **long**: its display width (CJK/full-width characters count 2 cells, others 1)
///   is at least *L* − max(2, *L*/20), where *L*, the typical full-line width, is the 90th
///   percentile of the widths of the lines of 10 cells or more (at least 3 such lines are
///   needed; with fewer nothing is joined). A line that stops well short of the right margin
///   ends a paragraph, a heading or an item on purpose;
/// - the last character of line *i* is CJK and not sentence-final (`。．！？`), and the first
///   character of line *i+1* is CJK: Japanese has no spaces between words, so no space is put in;
/// - line *i+1* does not start like a new item (`・`, `●`, `※`, `１．`, `（２）`, `①`, `【`,
///   `第３条`, ...) and neither line is blank (a blank line is a paragraph or page break).
///
/// Lines are compared with their original lengths, so a paragraph of several wrapped lines
/// becomes one line.
pub fn join_wrapped_lines(lines: &[&str]) -> String {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| width(l))
        .filter(|&w| w >= 10)
        .collect();
    let typical = if widths.len() >= 3 {
        widths.sort_unstable();
        Some(widths[(widths.len() - 1) * 9 / 10])
    } else {
        None
    };
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let Some(next) = lines.get(i + 1) else {
            break;
        };
        let join = typical.is_some_and(|l| {
            let long = width(line) + (l / 20).max(2) >= l;
            let last = line.chars().next_back();
            let first = next.chars().next();
            long && last.is_some_and(|c| is_cjk(c) && !"。．！？".contains(c))
                && first.is_some_and(is_cjk)
                && !starts_like_an_item(next)
        });
        if !join {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_words_broken_by_the_page_width() {
        let lines = [
            "不正アクセスに関するお知らせ",
            "先週、当社の受注用サーバーが外部から不正ア",
            "クセスを受け、会員の方の連絡先が外に出た可",
            "能性があると分かりました。",
            "対象となる情報は次のとおりです。",
            "・氏名・住所・電話番号・メールアドレス",
        ];
        assert_eq!(
            join_wrapped_lines(&lines),
            "不正アクセスに関するお知らせ\n\
             先週、当社の受注用サーバーが外部から不正アクセスを受け、会員の方の連絡先が外に出た可能性があると分かりました。\n\
             対象となる情報は次のとおりです。\n\
             ・氏名・住所・電話番号・メールアドレス"
        );
    }

    #[test]
    fn sentence_ends_items_and_blank_lines_stop_joining() {
        let lines = [
            "あいうえおかきくけこさしすせそたちつてと",
            "あいうえおかきくけこさしすせそたちつてと",
            "あいうえおかきくけこさしすせそたちつて。",
            "あいうえおかきくけこさしすせそたちつてと",
            "１．あいうえおかきくけこさしすせそたちつ",
            "",
            "な",
        ];
        assert_eq!(
            join_wrapped_lines(&lines),
            "あいうえおかきくけこさしすせそたちつてとあいうえおかきくけこさしすせそたちつてとあいうえおかきくけこさしすせそたちつて。\n\
             あいうえおかきくけこさしすせそたちつてと\n\
             １．あいうえおかきくけこさしすせそたちつ\n\nな"
        );
    }

    #[test]
    fn latin_lines_are_left_alone() {
        let lines = [
            "We found unauthorized access to our server on",
            "November 1 and have notified the authorities",
            "and the affected customers of what happened.",
        ];
        assert_eq!(join_wrapped_lines(&lines), lines.join("\n"));
    }

    #[test]
    fn items() {
        assert!(starts_like_an_item("・氏名"));
        assert!(starts_like_an_item("１．概要"));
        assert!(starts_like_an_item("(2) 原因"));
        assert!(starts_like_an_item("（三）原因"));
        assert!(starts_like_an_item("①氏名"));
        assert!(starts_like_an_item("第３条"));
        assert!(!starts_like_an_item("クセスを受け"));
        assert!(!starts_like_an_item("１２，３４５名"));
        assert!(!starts_like_an_item("（氏名）"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &b"%PDF-1.4\n"[..],
            b"%PDF-",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        ] {
            let r = pdf_to_text_with("x.pdf", bytes, None);
            assert!(matches!(r, Err(LoadError::Pdf { .. })), "{r:?}");
        }
    }

    #[test]
    fn other_panics_still_reach_the_previous_hook() {
        install_quiet_hook();
        assert!(!QUIET.with(Cell::get));
        let r = std::panic::catch_unwind(|| panic!("expected in this test"));
        assert!(r.is_err());
        assert!(LAST_PANIC.with(|p| p.borrow().is_none()));
    }
}
