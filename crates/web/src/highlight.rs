//! Evidence highlighted in a document's text: `<mark>` around every byte range a field's value
//! came from. Ranges may overlap (the organization inside the title); the text is cut at every
//! range boundary and each piece is marked with all the fields covering it. All text is escaped.
//! Also search snippets: their plain text with `<mark>` around the store's match ranges.

use jikenbo_store::Snippet;
use maud::{html, Markup, PreEscaped};
use std::fmt::Write;

/// One range to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// `organization`, `data.name`, ...
    pub field: String,
    /// The value in force (else what an earlier report or another incident said).
    pub current: bool,
    /// Anchor id placed at the start of the range.
    pub anchor: Option<String>,
}

/// The CSS class of a field (`data.name` → `f-data`).
pub fn field_class(field: impl AsRef<str>) -> String {
    let field = field.as_ref();
    let base = field.split('.').next().unwrap_or(field);
    let clean: String = base
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    format!("f-{clean}")
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The nearest character boundary of `s` at or before `i` (at most `s.len()`).
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `text[from..to]` with the marks inside it highlighted (marks are clipped to the range and to
/// character boundaries; empty or out-of-range marks are dropped).
pub fn highlight(text: &str, from: usize, to: usize, marks: &[Mark]) -> Markup {
    let from = floor_boundary(text, from);
    let to = floor_boundary(text, to.max(from));
    let marks: Vec<Mark> = marks
        .iter()
        .filter_map(|m| {
            let s = floor_boundary(text, m.start.max(from));
            let e = floor_boundary(text, m.end.min(to));
            (s < e).then(|| Mark {
                start: s,
                end: e,
                ..m.clone()
            })
        })
        .collect();
    let mut cuts: Vec<usize> = vec![from, to];
    for m in &marks {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity((to - from) * 2);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        for m in marks.iter().filter(|m| m.start == a) {
            if let Some(id) = &m.anchor {
                out.push_str("<span class=\"anchor\" id=\"");
                escape_into(&mut out, id);
                out.push_str("\"></span>");
            }
        }
        let covering: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.start <= a && m.end >= b)
            .collect();
        if covering.is_empty() {
            escape_into(&mut out, &text[a..b]);
            continue;
        }
        let current = covering.iter().any(|m| m.current);
        // The innermost (shortest) range gives the colour.
        let main = covering
            .iter()
            .filter(|m| m.current == current)
            .min_by_key(|m| m.end - m.start)
            .unwrap_or(&covering[0]);
        let mut fields: Vec<String> = covering
            .iter()
            .map(|m| crate::service::field_ja(&m.field).to_string() + &data_suffix(&m.field))
            .collect();
        fields.dedup();
        let _ = write!(
            out,
            "<mark class=\"ev {} {}\" title=\"",
            field_class(&main.field),
            if current { "cur" } else { "old" }
        );
        escape_into(&mut out, &fields.join(" / "));
        out.push_str("\">");
        escape_into(&mut out, &text[a..b]);
        out.push_str("</mark>");
    }
    html! { (PreEscaped(out)) }
}

/// A search snippet: its text escaped, each match (the store's ranges, never anything in the
/// text itself) in `<mark>`.
pub fn snippet(s: &Snippet) -> Markup {
    html! {
        @for (piece, matched) in s.pieces() {
            @if matched { mark { (piece) } } @else { (piece) }
        }
    }
}

fn data_suffix(field: &str) -> String {
    match field.split_once('.') {
        Some(("data", kind)) => kind
            .parse::<jikenbo_model::DataKind>()
            .map(|k| format!(": {}", k.ja()))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, field: &str) -> Mark {
        Mark {
            start,
            end,
            field: field.into(),
            current: true,
            anchor: None,
        }
    }

    #[test]
    fn marks_and_escapes() {
        let t = "<b>みどり市</b>で誤送付";
        let s = t.find("みどり市").unwrap();
        let e = s + "みどり市".len();
        let h = highlight(t, 0, t.len(), &[m(s, e, "organization")]).into_string();
        assert!(h.starts_with("&lt;b&gt;<mark class=\"ev f-organization cur\" title=\"組織\">みどり市</mark>&lt;/b&gt;"), "{h}");
    }

    #[test]
    fn snippets_mark_the_ranges_only() {
        use jikenbo_store::SnippetMatch;
        let text = "…【対応経緯】<b>不正アクセス</b>を確認…".to_string();
        let start = text[..text.find("不正").unwrap()].encode_utf16().count();
        let s = Snippet {
            matches: vec![SnippetMatch {
                start,
                end: start + "不正アクセス".encode_utf16().count(),
            }],
            text,
        };
        assert_eq!(
            snippet(&s).into_string(),
            "…【対応経緯】&lt;b&gt;<mark>不正アクセス</mark>&lt;/b&gt;を確認…"
        );
        // No ranges, no marks (brackets are text).
        let plain = Snippet {
            text: "【第2報】 続き".into(),
            matches: vec![],
        };
        assert_eq!(snippet(&plain).into_string(), "【第2報】 続き");
    }

    #[test]
    fn overlaps_and_bad_ranges() {
        let t = "株式会社サンプルの不正アクセス";
        let org_end = "株式会社サンプル".len();
        let h = highlight(
            t,
            0,
            t.len(),
            &[
                m(0, t.len(), "title"),
                m(0, org_end, "organization"),
                m(1, 2, "cause"),        // inside a character: clipped away
                m(500, 600, "affected"), // outside
            ],
        )
        .into_string();
        assert!(
            h.contains("title=\"件名 / 組織\">株式会社サンプル</mark>"),
            "{h}"
        );
        assert!(
            h.contains("f-title cur\" title=\"件名\">の不正アクセス</mark>"),
            "{h}"
        );
        assert!(!h.contains("人数"));
        // A range of a piece of the text.
        let h = highlight(t, org_end, t.len(), &[m(0, org_end, "organization")]).into_string();
        assert_eq!(h, "の不正アクセス");
    }
}
