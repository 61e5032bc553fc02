//! Looking at the content: PDF and binary magic numbers, control characters, HTML or not, and an
//! HTML page's own charset declaration.

use crate::Format;

/// How much of the head of a file the HTML and charset sniffers look at.
const HEAD: usize = 4096;

/// `%PDF-` at the start, after optional ASCII whitespace.
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"%PDF-")
}

/// Magic numbers of files that are never notices in text form: images, archives (ZIP is also
/// docx/xlsx/odt), old Office (OLE2), executables, databases, media.
pub(crate) fn has_binary_magic(b: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",                     // JPEG
        b"GIF87a",                           // GIF
        b"GIF89a",                           //
        b"PK\x03\x04",                       // ZIP (docx, xlsx, odt, epub...)
        b"PK\x05\x06",                       // empty ZIP
        b"PK\x07\x08",                       // spanned ZIP
        b"\x1f\x8b",                         // gzip
        b"7z\xbc\xaf\x27\x1c",               // 7-Zip
        b"\xfd7zXZ\x00",                     // xz
        b"\x28\xb5\x2f\xfd",                 // zstd
        b"Rar!\x1a\x07",                     // RAR
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", // OLE2: .doc, .xls, .ppt, .msg
        b"\x7fELF",                          // ELF executable
        b"\xca\xfe\xba\xbe",                 // Java class / Mach-O fat
        b"\x00asm",                          // WebAssembly
        b"SQLite format 3\x00",              // SQLite
        b"II*\x00",                          // TIFF
        b"MM\x00*",                          // TIFF
        b"OggS",                             // Ogg
        b"ID3",                              // MP3
        b"fLaC",                             // FLAC
        b"wOFF",                             // web fonts
        b"wOF2",                             //
    ];
    if MAGIC.iter().any(|m| b.starts_with(m)) {
        return true;
    }
    if b.len() >= 12 && b.starts_with(b"RIFF") {
        return true; // WebP, WAV, AVI
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        return true; // MP4, MOV, HEIC, AVIF
    }
    // bzip2: "BZh" + block size digit + block magic
    b.len() >= 10
        && b.starts_with(b"BZh")
        && (b'1'..=b'9').contains(&b[3])
        && &b[4..10] == b"1AY&SY"
}

/// A control byte that no text in an accepted encoding contains: C0 except tab, LF, CR, form
/// feed and ESC (ISO-2022-JP), and DEL.
fn is_bad_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f
}

/// More than 1% bad control bytes (or any NUL).
pub(crate) fn bytes_look_binary(bytes: &[u8]) -> bool {
    let bad = bytes
        .iter()
        .filter(|&&b| b == 0 || is_bad_control(b))
        .count();
    bad > 0 && (bad * 100 > bytes.len() || bytes.contains(&0))
}

/// The same test on decoded text (for UTF-16 and BOM-marked input).
pub(crate) fn text_looks_binary(text: &str) -> bool {
    let mut bad = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_ascii() && is_bad_control(c as u8) {
            bad += 1;
        }
    }
    bad > 0 && bad * 100 > total
}

/// The format of decoded text (after a BOM or as UTF-16).
pub(crate) fn format_of_text(text: &str, ext: &str) -> Format {
    let mut end = text.len().min(HEAD);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format_of_head(&text[..end].to_ascii_lowercase(), ext)
}

/// The format of undecoded bytes in an ASCII-compatible encoding (UTF-8, Shift_JIS, EUC-JP,
/// ISO-2022-JP all keep `<`, `>` and ASCII letters as themselves).
pub(crate) fn format_of_bytes(bytes: &[u8], ext: &str) -> Format {
    let head = &bytes[..bytes.len().min(HEAD)];
    format_of_head(&String::from_utf8_lossy(head).to_ascii_lowercase(), ext)
}

fn is_markdown_ext(ext: &str) -> bool {
    matches!(ext, "md" | "markdown" | "mdown" | "mkd")
}

fn is_html_ext(ext: &str) -> bool {
    matches!(ext, "html" | "htm" | "xhtml" | "shtml")
}

/// `head` is lowercased already.
fn format_of_head(head: &str, ext: &str) -> Format {
    let start = skip_prolog(head);
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return Format::Html;
    }
    if is_markdown_ext(ext) {
        return Format::Markdown;
    }
    let tags = count_html_tags(head);
    if tags >= 3 || (tags >= 1 && is_html_ext(ext)) {
        return Format::Html;
    }
    Format::Text
}

/// Skips whitespace (and U+FEFF), `<!-- comments -->` and `<?xml ...?>` at the start.
fn skip_prolog(mut s: &str) -> &str {
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if let Some(rest) = s.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(i) => s = &rest[i + 3..],
                None => return "",
            }
        } else if s.starts_with("<?") {
            match s.find("?>") {
                Some(i) => s = &s[i + 2..],
                None => return "",
            }
        } else {
            return s;
        }
    }
}

/// Opening tags of common HTML elements in `head` (lowercased).
fn count_html_tags(head: &str) -> usize {
    const TAGS: &[&str] = &[
        "p", "div", "br", "table", "tr", "td", "th", "li", "ul", "ol", "h1", "h2", "h3", "h4",
        "h5", "h6", "body", "head", "meta", "title", "section", "article", "span", "a", "link",
        "script", "style", "dl", "dt", "dd", "hr", "main", "header", "footer", "nav",
    ];
    let bytes = head.as_bytes();
    let mut count = 0;
    for (i, _) in head.match_indices('<') {
        let rest = &bytes[i + 1..];
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let after = rest.get(name_len).copied();
        if !matches!(after, Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r')) {
            continue;
        }
        if TAGS.iter().any(|t| t.as_bytes() == &rest[..name_len]) {
            count += 1;
        }
    }
    count
}

/// The charset an HTML page declares in its head: `<meta charset=...>`, `<meta
/// http-equiv="Content-Type" content="text/html; charset=...">`, or `<?xml ... encoding=...?>`.
/// Labels encoding_rs does not know, UTF-16 (impossible in an ASCII-compatible file, so the
/// HTML standard reads it as UTF-8) and the "replacement" encoding are ignored.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(HEAD)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut labels = Vec::new();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>", 0).unwrap_or(lower.len());
        if let Some(i) = find(&lower[..end], b"encoding", 0) {
            labels.push(attr_value(&lower[i + 8..end]));
        }
    }
    let mut from = 0;
    while let Some(i) = find(&lower, b"<meta", from) {
        let end = find(&lower, b">", i).unwrap_or(lower.len());
        let tag = &lower[i..end];
        if let Some(j) = find(tag, b"charset", 0) {
            labels.push(attr_value(&tag[j + 7..]));
        }
        from = end;
    }
    labels.into_iter().flatten().find_map(|label| {
        let enc = encoding_rs::Encoding::for_label(label)?;
        let ok = enc != encoding_rs::UTF_16LE
            && enc != encoding_rs::UTF_16BE
            && enc != encoding_rs::REPLACEMENT
            && enc != encoding_rs::X_USER_DEFINED;
        ok.then_some(enc)
    })
}

/// The value after `=` (spaces and one quote allowed) up to a quote, space, `;`, `/` or `>`.
fn attr_value(s: &[u8]) -> Option<&[u8]> {
    let s = trim_ascii_start(s);
    let s = trim_ascii_start(s.strip_prefix(b"=")?);
    let s = s
        .strip_prefix(b"\"")
        .or_else(|| s.strip_prefix(b"'"))
        .unwrap_or(s);
    let len = s
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(s.len());
    (len > 0).then(|| &s[..len])
}

fn trim_ascii_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_magic_after_whitespace() {
        assert!(is_pdf(b"%PDF-1.7\n"));
        assert!(is_pdf(b"\r\n  %PDF-1.4"));
        assert!(!is_pdf(b"x%PDF-1.4"));
        assert!(!is_pdf(b""));
    }

    #[test]
    fn html_detection() {
        assert_eq!(format_of_head("<!doctype html><p>x", "txt"), Format::Html);
        assert_eq!(
            format_of_head("<!-- saved --><?xml version=\"1.0\"?>\n<html>", "txt"),
            Format::Html
        );
        assert_eq!(format_of_head("<p>a</p><p>b</p><br>", ""), Format::Html);
        assert_eq!(format_of_head("<p>a</p> text", ""), Format::Text);
        assert_eq!(format_of_head("<p>a</p> text", "htm"), Format::Html);
        assert_eq!(
            format_of_head("# 見出し\n<br>\n<br>\n<div>x</div>", "md"),
            Format::Markdown
        );
        assert_eq!(format_of_head("a < b and c<d", ""), Format::Text);
    }

    #[test]
    fn charset_declarations() {
        let d = |s: &str| declared_charset(s.as_bytes()).map(|e| e.name());
        assert_eq!(d("<meta charset=\"Shift_JIS\">"), Some("Shift_JIS"));
        assert_eq!(d("<META CHARSET=euc-jp>"), Some("EUC-JP"));
        assert_eq!(
            d("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=x-sjis\">"),
            Some("Shift_JIS")
        );
        assert_eq!(
            d("<?xml version=\"1.0\" encoding=\"EUC-JP\"?><html>"),
            Some("EUC-JP")
        );
        assert_eq!(d("<meta charset=\"utf-16\">"), None);
        assert_eq!(d("<meta charset=\"no-such-thing\">"), None);
        assert_eq!(d("<meta name=x>"), None);
    }

    #[test]
    fn binary_bytes() {
        assert!(has_binary_magic(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(has_binary_magic(b"PK\x03\x04\x14\0"));
        assert!(!has_binary_magic("株式会社".as_bytes()));
        assert!(bytes_look_binary(b"abc\0def"));
        assert!(bytes_look_binary(b"ab\x01\x02\x03"));
        assert!(!bytes_look_binary(b"a\tb\r\nc\x0c\x1b$B"));
    }
}
