//! Bytes of a notice file → a decoded [`Document`]: its format, its encoding and its text as UTF-8.
//!
//! Breach notices come as plain text, Markdown, HTML pages saved from a web site, or PDF, in
//! UTF-8 or in one of the Japanese legacy encodings (Shift_JIS, EUC-JP, ISO-2022-JP), sometimes
//! UTF-16. Everything after this crate works on one `String`, so this crate decides, **from the
//! content** (the file name's extension is only a tie-break), what the bytes are and turns them
//! into text that reads like the original notice. Every failure is a [`LoadError`] whose message
//! names the file and says the problem in plain words; nothing here panics on bad input.
//!
//! # What [`decode`] does, in order
//!
//! 1. **Empty**: no bytes, or only ASCII whitespace → [`LoadError::Empty`]. (A document whose
//!    *decoded* text is only whitespace, Unicode spaces included, is refused the same way at the
//!    end.)
//! 2. **Byte-order mark**: a UTF-8, UTF-16LE or UTF-16BE BOM decides the encoding and is stripped.
//!    A BOM is the one statement about the encoding that is never wrong by accident.
//! 3. **PDF**: `%PDF-` at the start (after optional whitespace) → the PDF path below.
//! 4. **Binary data** → [`LoadError::Binary`]: the magic number of an image, archive (ZIP, so also
//!    `.docx`/`.xlsx`), old Office file, executable or database; NUL bytes (unless the data reads
//!    as UTF-16 without a BOM: mostly ASCII or Japanese text, no malformed code units); or more
//!    than 1% C0 control bytes other than tab, line feed, carriage return, form feed and escape
//!    (escape belongs to ISO-2022-JP). Text in every encoding we accept has none of these.
//! 5. **Format**: HTML when the head of the file (first 4 KiB, after whitespace, comments and an
//!    XML declaration) starts with `<!doctype html` or `<html`, or when it holds at least three
//!    HTML tags such as `<p>`, `<div>`, `<br>`, `<table>`, `<h1>`, `<meta>` (one is enough for a
//!    `.html`/`.htm` file). A `.md`/`.markdown` file is Markdown unless it starts like an HTML
//!    page (Markdown may contain inline tags). Anything else is text.
//! 6. **Encoding**, for data without a BOM:
//!    - valid UTF-8 is UTF-8 (pure ASCII with ISO-2022-JP escape sequences is ISO-2022-JP);
//!    - otherwise the candidates are: the page's own declaration for HTML (`<meta charset>`,
//!      `<meta http-equiv="Content-Type" content="...; charset=...">` or `<?xml encoding=...?>`,
//!      if encoding_rs knows the label), chardetng's guess (told the text is Japanese: TLD `jp`,
//!      ISO-2022-JP allowed, fed the whole buffer), and UTF-8. Each is decoded in that order with
//!      encoding_rs, counting malformed sequences, and the first with the fewest wins. Counting
//!      keeps a wrong `<meta>` or a UTF-8 file with one stray byte from turning into mojibake.
//!    - Only Japanese-capable encodings are guessed: when chardetng's best guess is some other
//!      legacy encoding (windows-1252, GBK, ...) and neither a declaration nor UTF-8 fits, the
//!      file is refused with [`LoadError::BrokenEncoding`] naming the guess. A single-byte
//!      encoding decodes any bytes without error, so accepting it would hand mojibake on.
//!    - **Malformed sequences**: none are tolerated in a file of fewer than 1,000 characters, and
//!      at most 1% of the characters in a longer one; a character cut off at the very end of a
//!      file of 100 characters or more (a truncated download) is not counted. Above that the file
//!      is refused with [`LoadError::BrokenEncoding`] naming the encoding; below it the bad
//!      sequences become U+FFFD and a `tracing::warn!` says how many.
//! 7. **Text**: line endings become `\n`, a leading BOM character is dropped. Text and Markdown
//!    are otherwise kept exactly as they are.
//! 8. **HTML → text** ([`html`]): parsed with html5ever (through scraper), which never fails and
//!    repairs truncated or malformed markup the way a browser does. Only visible text is kept:
//!    `<head>` (and so `<title>`), `script`, `style`, `noscript`, `template`, `svg`, `iframe`,
//!    `object`, `canvas` and elements marked `hidden`, `aria-hidden="true"` or
//!    `style="display:none"` are dropped. Block elements end lines: `p`, headings, `table`,
//!    lists, `blockquote`, `pre`, `hr` leave a blank line; `div`, `li`, `tr`, `dt`, `dd`,
//!    `section`, `article` and the like a line break; `<br>` breaks the line where it stands.
//!    Cells of a table row are separated by a tab. Entities are decoded by the parser. Runs of
//!    spaces and source line breaks collapse to one space, and a source line break between two
//!    CJK characters disappears (CSS Text's segment-break rule for East Asian text), so
//!    `個人情報が\n流出` reads `個人情報が流出`. `<pre>` keeps its whitespace. At most one
//!    blank line is kept in a row. The site's name (`og:site_name`, else the part of the
//!    `<title>` after its last bar or dash) ends the text when the body does not show it: a
//!    page that says only `本学` still names its body.
//! 9. **PDF → text** ([`pdf`]): the text layer is read with pdf-extract, inside `catch_unwind`
//!    on a helper thread (pdf-extract panics on CID fonts with predefined CMaps such as
//!    `UniJIS-UCS2-H`, common in older Japanese PDFs; the panic message is kept for the error
//!    instead of being printed), its characters laid out in lines with blank lines at the page's
//!    paragraph gaps. When it panics, fails, or yields almost nothing (fewer than 20
//!    non-space characters, or more than 5% U+FFFD/control/private-use characters), `pdftotext
//!    -enc UTF-8 - -` from poppler-utils is run if it is installed (`JIKENBO_PDFTOTEXT` may name
//!    the program, an empty value turns the fallback off; `poppler-data` is needed for CID
//!    fonts). Without any text → [`LoadError::Pdf`] ("no text layer": a scanned image needs OCR
//!    first). Lines broken inside a word by the page width are then joined (see
//!    [`pdf::join_wrapped_lines`]).
//!
//! [`load_path`] checks the size from the file's metadata **before** reading it (files larger
//! than [`Limits::max_bytes`], 64 MiB by default, are refused with [`LoadError::TooLarge`]),
//! then calls [`decode`]. [`collect_inputs`] expands the command line's files and directories.

pub mod html;
mod inputs;
pub mod pdf;
mod sniff;
mod textenc;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use inputs::collect_inputs;

/// What kind of document the bytes were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
}

impl Format {
    /// `"text"`, `"markdown"`, `"html"` or `"pdf"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A decoded input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file name without its directory.
    pub name: String,
    pub format: Format,
    /// The encoding the bytes were decoded from, as encoding_rs names it: `"UTF-8"`,
    /// `"Shift_JIS"`, `"EUC-JP"`, `"ISO-2022-JP"`, `"UTF-16LE"`, `"UTF-16BE"`, ... For a PDF,
    /// whose text layer is Unicode already, this is `"UTF-8"`.
    pub encoding: &'static str,
    /// The decoded text, lines ending in `\n`, no BOM. For HTML the visible text with the block
    /// structure as lines; for PDF the text layer with wrapped lines joined (see the crate docs).
    pub text: String,
}

/// The largest input [`Limits::default`] accepts: 64 MiB. Breach notices are a few KiB to a few
/// MiB (a PDF with images); a bigger file is almost surely not a notice, and decoding it would
/// hold several copies of it in memory.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Limits on what [`load_path`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this many bytes are refused with [`LoadError::TooLarge`] before they are
    /// read. Default: [`DEFAULT_MAX_BYTES`] (64 MiB).
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Why a file could not be turned into a [`Document`]. Each message names the file and the
/// problem.
#[derive(thiserror::Error, Debug)]
pub enum LoadError {
    /// The file (or directory) could not be read.
    #[error("cannot read {}: {}", path.display(), io_in_words(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// No bytes, or nothing but whitespace (for HTML: no visible text; for a PDF see
    /// [`LoadError::Pdf`]).
    #[error("{name}: the file is empty or contains only whitespace; there is no text to read")]
    Empty { name: String },
    /// Larger than [`Limits::max_bytes`].
    #[error(
        "{name}: the file is {} ({size} bytes), more than the input size limit of {} ({limit} bytes); \
         if it really is a notice, raise the limit (Limits::max_bytes, or the command line's size-limit option)",
        human_size(*size),
        human_size(*limit)
    )]
    TooLarge { name: String, size: u64, limit: u64 },
    /// Not text, HTML or PDF: an image, an archive (also `.docx`/`.xlsx`), an executable, or other
    /// binary data.
    #[error(
        "{name}: this is binary data (an image, archive, Office or other non-text file), not a text, \
         HTML or PDF document; convert it to text or PDF first"
    )]
    Binary { name: String },
    /// The bytes are not valid in the encoding they appear to be in, or the encoding is not one
    /// a Japanese notice would use.
    #[error("{name}: cannot decode the text: {detail}")]
    BrokenEncoding { name: String, detail: String },
    /// A PDF without a readable text layer, damaged, or unreadable by the extractors.
    #[error("{name}: cannot read the PDF: {detail}")]
    Pdf { name: String, detail: String },
}

fn io_in_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or directory".to_string(),
        K::PermissionDenied => "permission denied".to_string(),
        K::IsADirectory => "it is a directory, not a file".to_string(),
        _ => e.to_string(),
    }
}

fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KIB * KIB * KIB {
        format!("{:.1} GiB", b / (KIB * KIB * KIB))
    } else if b >= KIB * KIB {
        format!("{:.1} MiB", b / (KIB * KIB))
    } else if b >= KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{bytes} B")
    }
}

/// Decodes the bytes of a file called `name` (only its extension is looked at, as a tie-break).
/// See the crate documentation for each step.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    let name = file_name(Path::new(name));
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty { name });
    }
    let ext = extension(&name);

    // A byte-order mark settles the encoding.
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let text = textenc::decode_with(&name, enc, &bytes[bom_len..])?;
        if sniff::text_looks_binary(&text) {
            return Err(LoadError::Binary { name });
        }
        let format = sniff::format_of_text(&text, &ext);
        return finish(name, format, enc.name(), text);
    }

    if sniff::is_pdf(bytes) {
        let text = pdf::pdf_to_text(&name, bytes)?;
        return finish(name, Format::Pdf, encoding_rs::UTF_8.name(), text);
    }

    if sniff::has_binary_magic(bytes) {
        return Err(LoadError::Binary { name });
    }
    if bytes.contains(&0) {
        // UTF-16 without a BOM is the only text with NUL bytes.
        return match textenc::utf16_without_bom(bytes) {
            Some(enc) => {
                let text = textenc::decode_with(&name, enc, bytes)?;
                let format = sniff::format_of_text(&text, &ext);
                finish(name, format, enc.name(), text)
            }
            None => Err(LoadError::Binary { name }),
        };
    }
    if sniff::bytes_look_binary(bytes) {
        return Err(LoadError::Binary { name });
    }

    let format = sniff::format_of_bytes(bytes, &ext);
    let declared = if format == Format::Html {
        sniff::declared_charset(bytes)
    } else {
        None
    };
    let (enc, text) = textenc::detect_and_decode(&name, bytes, declared)?;
    finish(name, format, enc.name(), text)
}

/// Normalizes line endings, converts HTML, refuses whitespace-only results.
fn finish(
    name: String,
    format: Format,
    encoding: &'static str,
    text: String,
) -> Result<Document, LoadError> {
    let text = normalize_newlines(&text);
    let text = match format {
        Format::Html => html::html_to_text(&text),
        _ => text,
    };
    if text.trim().is_empty() {
        return Err(LoadError::Empty { name });
    }
    Ok(Document {
        name,
        format,
        encoding,
        text,
    })
}

/// `\r\n` and lone `\r` → `\n`; a leading U+FEFF (a BOM that survived decoding) is dropped.
pub(crate) fn normalize_newlines(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if !s.contains('\r') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Reads and decodes one file (see [`read_limited`]).
pub fn load_path(path: &Path, limits: &Limits) -> Result<Document, LoadError> {
    let bytes = read_limited(path, limits)?;
    decode(&file_name(path), &bytes)
}

/// The file name that errors and documents carry (the path when it has none).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a file's bytes, refusing directories and files larger than `limits.max_bytes`. The size
/// is checked from the file's metadata before anything is read (and again while reading, in case
/// the file grows).
pub fn read_limited(path: &Path, limits: &Limits) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let too_large = |size: u64| LoadError::TooLarge {
        name: file_name(path),
        size,
        limit: limits.max_bytes,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    if meta.len() > limits.max_bytes {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_normalized() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n\r\n"), "a\nb\nc\n\n");
        assert_eq!(normalize_newlines("\u{feff}x"), "x");
    }

    #[test]
    fn format_names() {
        assert_eq!(Format::Markdown.to_string(), "markdown");
        assert_eq!(Format::Pdf.as_str(), "pdf");
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(DEFAULT_MAX_BYTES), "64.0 MiB");
    }

    #[test]
    fn name_loses_its_directory() {
        let doc = decode("dir/sub/お知らせ.txt", "本文".as_bytes()).unwrap();
        assert_eq!(doc.name, "お知らせ.txt");
    }
}
