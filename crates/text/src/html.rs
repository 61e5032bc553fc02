//! HTML → the visible text, block structure as lines.
//!
//! The page is parsed with html5ever (through scraper's tree), which accepts anything: unclosed,
//! misnested or truncated markup is repaired as a browser would. The tree is then walked
//! iteratively (deeply nested pages cannot overflow the stack) and written out by a small
//! layout engine:
//!
//! - dropped with everything inside: `head` (so `title`, `meta`, `style`, `script` of the
//!   head), `script`, `style`, `noscript`, `template`, `title` (even misplaced in the body),
//!   `svg`, `math`, `iframe`, `object`, `canvas`, `select`, `datalist`, and any element with the
//!   `hidden` attribute, `aria-hidden="true"` or an inline style with `display:none` or
//!   `visibility:hidden`;
//! - paragraph blocks (a blank line before and after): `p`, `h1`–`h6`, `table`, `ul`, `ol`, `dl`,
//!   `blockquote`, `pre`, `hr`, `figure`, `address`, `form`, `fieldset`, `details`;
//! - line blocks (a line break before and after): `div`, `li`, `tr`, `dt`, `dd`, `section`,
//!   `article`, `header`, `footer`, `main`, `nav`, `aside`, `caption`, `figcaption`, `summary`,
//!   `legend`, `center`, `body`, ...;
//! - `<br>` breaks the line where it stands (two in a row leave a blank line);
//! - table cells (`td`, `th`) of one row are separated by a tab; inside a cell, blocks and `<br>`
//!   become a space so each row stays on one line;
//! - whitespace: a run of ASCII whitespace (and U+00A0) becomes one space, dropped at line starts
//!   and ends; a run containing a source line break between two CJK characters is removed (CSS
//!   Text's segment-break transformation for East Asian text). U+3000 (the ideographic space) is
//!   content and kept. `<pre>` keeps its text as is;
//! - at most one blank line in a row; no blank lines at the start or end;
//! - the site's name, where the body does not show it, as a last line: `og:site_name`, else
//!   the last part of a `<title>` split at a bar or dash (`お知らせ | サンプル市`). A page's body
//!   often names its body only as `本学` or `当社`, the name standing in the header image or the
//!   title bar.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements kept open at most: deeper start tags (and their end tags) are dropped before
/// parsing. The tree builder looks through the stack of open elements at each start tag (the
/// HTML algorithm's "has an element in scope"), so 10^5 unclosed `<div>`s cost 10^10 steps;
/// no real page nests anywhere near this deep.
const MAX_OPEN: usize = 512;

/// Start tags that close themselves or are closed by their next sibling: they never deepen the
/// tree for long, so they are not counted.
fn never_deepens(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "thead"
            | "tbody"
            | "tfoot"
            | "rb"
            | "rt"
            | "rp"
    )
}

/// `source` with the start tags beyond [`MAX_OPEN`] open elements (and as many end tags after
/// them) removed; borrowed when nothing is that deep. One pass over the bytes; the contents of
/// `script`, `style`, `textarea` and `title`, comments and declarations are copied as they are.
fn cap_nesting(source: &str) -> std::borrow::Cow<'_, str> {
    let b = source.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize; // bytes of `source` handled into `out`
    let mut depth = 0usize;
    let mut dropped = 0usize; // start tags dropped and not yet closed
    let mut i = 0usize;
    let find = |from: usize, pat: &[u8]| -> Option<usize> {
        b[from..]
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map(|p| from + p)
    };
    while let Some(p) = b[i..].iter().position(|&c| c == b'<').map(|p| i + p) {
        let rest = &b[p + 1..];
        if rest.starts_with(b"!--") {
            i = find(p + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
            i = find(p + 1, b">").map_or(b.len(), |e| e + 1);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_from = p + 1 + end_tag as usize;
        let name_len = b[name_from..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_from].is_ascii_alphabetic() {
            i = p + 1;
            continue;
        }
        let name = source[name_from..name_from + name_len].to_ascii_lowercase();
        let close = find(name_from, b">").map_or(b.len(), |e| e + 1);
        let self_closing = close >= 2 && b[close - 2] == b'/';
        let mut drop = false;
        if end_tag {
            if !never_deepens(&name) {
                if dropped > 0 {
                    dropped -= 1;
                    drop = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if !self_closing && !never_deepens(&name) {
            if depth >= MAX_OPEN {
                dropped += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(source.len()));
            o.push_str(&source[copied..p]);
            copied = close;
        }
        i = close;
        // raw text: up to its end tag, whatever it holds
        if !end_tag && !drop && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let endpat = format!("</{name}");
            i = find(i, endpat.as_bytes()).unwrap_or(b.len());
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(source),
        Some(mut o) => {
            o.push_str(&source[copied..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

/// The visible text of an HTML document (see the module docs).
pub fn html_to_text(source: &str) -> String {
    let source = cap_nesting(source);
    let doc = Html::parse_document(&source);
    let mut w = Writer::default();
    let mut skip = 0usize; // depth inside a dropped element
    let mut pre = 0usize; // depth inside <pre>
    let mut cell = 0usize; // depth inside <td>/<th>
    let mut rows: Vec<usize> = Vec::new(); // cells seen in each open <tr>

    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) if skip == 0 => {
                    if pre > 0 {
                        w.pre_text(t);
                    } else {
                        w.text(t);
                    }
                }
                Node::Element(e) => {
                    if skip > 0 || is_dropped(e) {
                        skip += 1;
                        continue;
                    }
                    let name = e.name();
                    match name {
                        "br" if cell > 0 => w.space(),
                        "br" => w.line_break(),
                        "td" | "th" => {
                            if let Some(n) = rows.last_mut() {
                                if *n > 0 {
                                    w.cell_separator();
                                }
                                *n += 1;
                            }
                            cell += 1;
                        }
                        "tr" => {
                            w.block(Break::Line);
                            rows.push(0);
                        }
                        _ => {
                            if let Some(b) = block_kind(name) {
                                if cell > 0 {
                                    w.space();
                                } else {
                                    w.block(b);
                                }
                            }
                            if name == "pre" || name == "textarea" || name == "listing" {
                                pre += 1;
                            }
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let name = e.name();
                match name {
                    "td" | "th" => cell = cell.saturating_sub(1),
                    "tr" => {
                        rows.pop();
                        w.block(Break::Line);
                    }
                    _ => {
                        if let Some(b) = block_kind(name) {
                            if cell > 0 {
                                w.space();
                            } else {
                                w.block(b);
                            }
                        }
                        if name == "pre" || name == "textarea" || name == "listing" {
                            pre = pre.saturating_sub(1);
                        }
                    }
                }
            }
        }
    }
    let mut text = w.finish();
    if let Some(site) = site_name(&doc) {
        if !text.contains(&site) {
            let newline = text.ends_with('\n');
            text.truncate(text.trim_end_matches('\n').len());
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&site);
            if newline {
                text.push('\n');
            }
        }
    }
    text
}

/// The site's name: `<meta property="og:site_name">`, else the last part of the `<title>`
/// after a bar or a dash, when it is short enough to be a name.
fn site_name(doc: &Html) -> Option<String> {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = |s: &str| (2..=40).contains(&s.chars().count());
    let meta = scraper::Selector::parse(r#"meta[property="og:site_name"]"#).ok()?;
    if let Some(c) = doc.select(&meta).find_map(|m| m.value().attr("content")) {
        let c = clean(c);
        if ok(&c) {
            return Some(c);
        }
    }
    let title = scraper::Selector::parse("title").ok()?;
    let t = clean(&doc.select(&title).next()?.text().collect::<String>());
    let (_, site) = [" | ", "｜", " - ", " – ", " — ", " ― ", "|"]
        .iter()
        .filter_map(|sep| t.rfind(sep).map(|p| (p, &t[p + sep.len()..])))
        .max_by_key(|(p, _)| *p)?;
    let site = site.trim();
    ok(site).then(|| site.to_string())
}

/// Elements whose content is never shown.
fn is_dropped(e: &scraper::node::Element) -> bool {
    const DROPPED: &[&str] = &[
        "head", "script", "style", "noscript", "template", "title", "svg", "math", "iframe",
        "object", "embed", "canvas", "select", "datalist", "audio", "video", "map",
    ];
    if DROPPED.contains(&e.name()) {
        return true;
    }
    if e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    /// End the current line.
    Line,
    /// End the current line and leave a blank line.
    Paragraph,
}

fn block_kind(name: &str) -> Option<Break> {
    const PARAGRAPH: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "dl",
        "menu",
        "blockquote",
        "pre",
        "listing",
        "textarea",
        "hr",
        "figure",
        "address",
        "form",
        "fieldset",
        "details",
    ];
    const LINE: &[&str] = &[
        "html",
        "body",
        "div",
        "li",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "figcaption",
        "summary",
        "legend",
        "center",
        "dialog",
        "hgroup",
        "option",
        "frameset",
        "noframes",
        "search",
    ];
    if PARAGRAPH.contains(&name) {
        Some(Break::Paragraph)
    } else if LINE.contains(&name) {
        Some(Break::Line)
    } else {
        None
    }
}

/// What goes between the last written character and the next one, if it is on the same line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    /// Collapsed whitespace; `newline` says whether the source had a line break in it.
    Space {
        newline: bool,
    },
    Tab,
}

#[derive(Debug)]
struct Writer {
    out: String,
    /// A block boundary waiting for the next text.
    pending: Break,
    gap: Gap,
    /// The current (last) line has a non-space character.
    line_has_text: bool,
    last: Option<char>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            out: String::new(),
            pending: Break::None,
            gap: Gap::None,
            line_has_text: false,
            last: None,
        }
    }
}

impl Writer {
    fn block(&mut self, b: Break) {
        self.pending = self.pending.max(b);
        self.gap = Gap::None;
    }

    fn space(&mut self) {
        if self.gap == Gap::None {
            self.gap = Gap::Space { newline: false };
        }
    }

    fn cell_separator(&mut self) {
        self.gap = Gap::Tab;
    }

    /// `<br>`: ends the line now, even an empty one (so `<br><br>` leaves a blank line).
    fn line_break(&mut self) {
        self.flush_pending();
        if self.out.is_empty() {
            return;
        }
        self.out.push('\n');
        self.line_has_text = false;
        self.gap = Gap::None;
        self.last = None;
    }

    /// Emits a pending block break: makes sure the output ends with one (line) or two
    /// (paragraph) newlines.
    fn flush_pending(&mut self) {
        let want = match self.pending {
            Break::None => return,
            Break::Line => 1,
            Break::Paragraph => 2,
        };
        self.pending = Break::None;
        if self.out.is_empty() {
            return;
        }
        let have = self.out.len() - self.out.trim_end_matches('\n').len();
        for _ in have..want {
            self.out.push('\n');
        }
        self.line_has_text = false;
        self.gap = Gap::None;
        self.last = None;
    }

    fn put(&mut self, c: char) {
        if self.pending != Break::None {
            self.flush_pending();
        } else if self.line_has_text {
            match self.gap {
                Gap::None => {}
                Gap::Tab => self.out.push('\t'),
                Gap::Space { newline } => {
                    let cjk_join = newline && self.last.is_some_and(is_cjk) && is_cjk(c);
                    if !cjk_join {
                        self.out.push(' ');
                    }
                }
            }
        }
        self.gap = Gap::None;
        self.out.push(c);
        self.line_has_text = true;
        self.last = Some(c);
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                ' ' | '\t' | '\r' | '\x0c' | '\u{a0}' => {
                    if self.gap == Gap::None {
                        self.gap = Gap::Space { newline: false };
                    }
                }
                '\n' => {
                    if self.gap != Gap::Tab {
                        self.gap = Gap::Space { newline: true };
                    }
                }
                _ => self.put(c),
            }
        }
    }

    /// Text inside `<pre>`: kept as is (html5ever already dropped the newline right after
    /// `<pre>`).
    fn pre_text(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.flush_pending();
                self.out.push('\n');
                self.line_has_text = false;
                self.gap = Gap::None;
                self.last = None;
            } else if c == ' ' || c == '\t' {
                self.flush_pending();
                if !self.line_has_text && self.out.is_empty() {
                    continue;
                }
                self.out.push(c);
            } else {
                self.gap = Gap::None;
                self.put(c);
            }
        }
    }

    /// Trailing spaces removed from every line, at most one blank line in a row, no blank lines
    /// at either end.
    fn finish(self) -> String {
        let mut out = String::with_capacity(self.out.len() + 1);
        let mut blank_run = 0usize;
        for line in self.out.split('\n') {
            let line = line.trim_end_matches([' ', '\t']);
            if line.is_empty() {
                blank_run += 1;
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
                if blank_run > 0 {
                    out.push('\n');
                }
            }
            blank_run = 0;
            out.push_str(line);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// A character of East Asian (Chinese/Japanese) script: CJK ideographs, kana, CJK symbols and
/// punctuation, full-width and half-width forms. Hangul is not included (Korean uses spaces).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF     // radicals, Kangxi
        | 0x3001..=0x303F   // CJK symbols and punctuation (not U+3000, the ideographic space)
        | 0x3040..=0x30FF   // hiragana, katakana
        | 0x3190..=0x31FF   // kanbun, CJK strokes, katakana extensions
        | 0x3200..=0x33FF   // enclosed CJK, CJK compatibility
        | 0x3400..=0x4DBF   // extension A
        | 0x4E00..=0x9FFF   // unified ideographs
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0xFE30..=0xFE4F   // CJK compatibility forms
        | 0xFF01..=0xFF60   // full-width forms
        | 0xFF61..=0xFF9F   // half-width katakana and punctuation
        | 0xFFE0..=0xFFE6   // full-width signs
        | 0x20000..=0x3FFFF // extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_name_of_the_title_bar_is_a_last_line() {
        let h = "<html><head><title>誤送信について | サンプル大学</title></head><body><p>本学において誤送信がありました。</p></body></html>";
        assert_eq!(
            html_to_text(h),
            "本学において誤送信がありました。\n\nサンプル大学\n"
        );
        // og:site_name first; nothing added when the body shows the name
        let h = "<html><head><meta property=\"og:site_name\" content=\"サンプル市\"><title>お知らせ - 市役所</title></head><body><p>本市において紛失がありました。</p></body></html>";
        assert_eq!(
            html_to_text(h),
            "本市において紛失がありました。\n\nサンプル市\n"
        );
        let h = "<html><head><title>お知らせ | サンプル市</title></head><body><p>サンプル市は発表しました。</p></body></html>";
        assert_eq!(html_to_text(h), "サンプル市は発表しました。\n");
        let h = "<html><head><title>お知らせ</title></head><body><p>本文</p></body></html>";
        assert_eq!(html_to_text(h), "本文\n");
    }

    #[test]
    fn blocks_become_lines() {
        let t = html_to_text(
            "<html><head><title>題名</title><style>p{}</style></head><body>\
             <h1>お知らせ</h1><p>一行目<br>二行目</p><div>段落<div>入れ子</div></div>\
             <ul><li>氏名</li><li>住所</li></ul><p>最後</p></body></html>",
        );
        assert_eq!(
            t,
            "お知らせ\n\n一行目\n二行目\n\n段落\n入れ子\n\n氏名\n住所\n\n最後\n"
        );
    }

    #[test]
    fn whitespace_collapses_and_cjk_line_breaks_vanish() {
        let t =
            html_to_text("<p>  個人情報が\n      流出した  可能性が\n ある。 Web\nサイト  </p>");
        assert_eq!(t, "個人情報が流出した 可能性がある。 Web サイト\n");
    }

    #[test]
    fn table_rows_are_lines_with_tabs() {
        let t = html_to_text(
            "<table><tr><th>対象</th><td>会員 <p>情報</p></td></tr>\
             <tr><th>件数</th><td>１２３件</td></tr></table>",
        );
        assert_eq!(t, "対象\t会員 情報\n件数\t１２３件\n");
    }

    #[test]
    fn hidden_things_are_dropped() {
        let t = html_to_text(
            "<p>見える</p><p hidden>隠れ</p><div style=\"display: none\">隠れ</div>\
             <span aria-hidden=\"true\">★</span><noscript>JS無効</noscript>\
             <template><p>型</p></template><script>var a = '<p>x</p>';</script>",
        );
        assert_eq!(t, "見える\n");
    }

    #[test]
    fn pre_keeps_spacing() {
        let t = html_to_text("<p>前</p><pre>  a   b\n  c</pre><p>後</p>");
        assert_eq!(t, "前\n\n  a   b\n  c\n\n後\n");
    }

    #[test]
    fn brs_leave_at_most_one_blank_line() {
        let t = html_to_text("<div>上<br><br><br><br>下</div>");
        assert_eq!(t, "上\n\n下\n");
    }

    #[test]
    fn nesting_beyond_the_cap_is_flattened_and_the_text_kept() {
        let src = "<div>".repeat(2_000) + "深い" + &"</div>".repeat(2_000) + "<p>後</p>";
        let capped = cap_nesting(&src);
        assert_eq!(capped.matches("<div>").count(), MAX_OPEN);
        assert_eq!(capped.matches("</div>").count(), MAX_OPEN);
        assert_eq!(html_to_text(&src), "深い\n\n後\n");
        // shallow pages pass through untouched; scripts and comments are not read as tags
        let page =
            "<div><script>if (a<b) { x = '<div>'.repeat(9999) }</script><!-- <div> -->本文</div>";
        assert!(matches!(cap_nesting(page), std::borrow::Cow::Borrowed(_)));
        // never-closed paragraphs and list items are not depth
        let many = "<p>段落".repeat(3_000);
        assert!(matches!(cap_nesting(&many), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = "<div>".repeat(5_000) + "深い" + &"</div>".repeat(5_000);
        assert_eq!(html_to_text(&src), "深い\n");
    }

    #[test]
    fn cjk_ranges() {
        assert!(is_cjk('漢'));
        assert!(is_cjk('ア'));
        assert!(is_cjk('、'));
        assert!(is_cjk('１'));
        assert!(!is_cjk('\u{3000}'));
        assert!(!is_cjk('a'));
        assert!(!is_cjk('한'));
    }
}
