//! The form of a draft: headings, paragraphs, lists and *fields* (a label, a value or
//! 未確認, and the source the value comes from), rendered as Markdown or as a Word file.
//!
//! The builders in [`crate::drafts`] read a case and produce a [`Draft`]; this module only
//! renders. The Markdown puts each field's value on its own paragraph (to copy into a web
//! form) and its source in a quote below it; the .docx does the same with the source in small
//! grey type and 未確認 in red.
//!
//! ```
//! use jikenbo_respond::{Block, Draft, DraftKind};
//!
//! let d = Draft {
//!     kind: DraftKind::PublicNotice,
//!     title: "お知らせ".into(),
//!     blocks: vec![
//!         Block::Heading(2, "1. 概要".into()),
//!         Block::field("本人の数", None, "事実「本人の数」(persons) は未入力"),
//!     ],
//! };
//! let md = d.to_markdown();
//! assert!(md.contains("## 1. 概要\n\n**本人の数**\n\n未確認\n\n> 出典: 事実「本人の数」(persons) は未入力\n"));
//! // As published: no 出典, no 作成メモ.
//! assert!(d.to_public_markdown().ends_with("## 1. 概要\n\n**本人の数**\n\n未確認\n"));
//! let docx = d.to_docx().unwrap();
//! assert_eq!(&docx[..2], b"PK");
//! ```

use crate::{RespondError, UNKNOWN};
use docx_rs::{AlignmentType, BreakType, Docx, Paragraph, Run, RunFonts, Style, StyleType};
use serde::{Deserialize, Serialize};

/// Which document a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftKind {
    /// 漏えい等報告 to the PPC (速報 or 確報).
    PpcReport,
    /// Privacy-Mark 事故報告書.
    PrivacyMarkReport,
    /// お詫びとお知らせ and its follow-ups.
    PublicNotice,
    /// 本人への通知.
    IndividualNotice,
}

/// One field of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    /// `None`: unknown, written as 未確認.
    pub value: Option<String>,
    /// Where the value comes from (a fact with who set it, an event, the assessment).
    pub source: String,
}

/// A part of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A heading of level 1-4.
    Heading(u8, String),
    Paragraph(String),
    /// A paragraph set to the right (dates, the sender).
    Right(String),
    Bullets(Vec<String>),
    Field(Field),
    /// A note to the officer, not part of the document to file (作成メモ).
    Memo(Vec<String>),
}

impl Block {
    pub fn field(label: &str, value: Option<String>, source: &str) -> Block {
        Block::Field(Field {
            label: label.to_string(),
            value: value.filter(|v| !v.trim().is_empty()),
            source: source.to_string(),
        })
    }
}

/// A generated document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: DraftKind,
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Draft {
    /// The fields of the draft, in order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Field(f) => Some(f),
            _ => None,
        })
    }

    /// The labels of the fields written as 未確認.
    pub fn unknown_fields(&self) -> Vec<&str> {
        self.fields()
            .filter(|f| f.value.is_none())
            .map(|f| f.label.as_str())
            .collect()
    }

    /// The headings of the draft.
    pub fn headings(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(_, h) => Some(h.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The draft as Markdown.
    pub fn to_markdown(&self) -> String {
        self.markdown(true)
    }

    /// The text as it is published or sent: the Markdown without the 作成メモ and without the
    /// 出典 of each field (what a published お知らせ says; an unknown field still reads 未確認).
    pub fn to_public_markdown(&self) -> String {
        self.markdown(false)
    }

    fn markdown(&self, for_officer: bool) -> String {
        let mut out = format!("# {}\n", self.title);
        for b in &self.blocks {
            if !for_officer && matches!(b, Block::Memo(_)) {
                continue;
            }
            out.push('\n');
            match b {
                Block::Heading(level, h) => {
                    let l = usize::from((*level).clamp(2, 4));
                    out.push_str(&format!("{} {h}\n", "#".repeat(l)));
                }
                Block::Paragraph(p) => {
                    out.push_str(&hard_breaks(p));
                    out.push('\n');
                }
                Block::Right(p) => {
                    out.push_str(&hard_breaks(p));
                    out.push('\n');
                }
                Block::Bullets(items) => {
                    for i in items {
                        out.push_str(&format!("- {}\n", i.replace('\n', "\n  ")));
                    }
                }
                Block::Field(f) => {
                    out.push_str(&format!("**{}**\n\n", f.label));
                    out.push_str(&hard_breaks(f.value.as_deref().unwrap_or(UNKNOWN)));
                    if for_officer {
                        out.push_str(&format!("\n\n> 出典: {}\n", f.source));
                    } else {
                        out.push('\n');
                    }
                }
                Block::Memo(lines) => {
                    out.push_str("> **作成メモ(提出・公表する文書には含めない)**\n");
                    for l in lines {
                        out.push_str(&format!("> - {l}\n"));
                    }
                }
            }
        }
        out
    }

    /// The draft as a Word document (.docx bytes).
    pub fn to_docx(&self) -> Result<Vec<u8>, RespondError> {
        let font = RunFonts::new()
            .ascii("Yu Gothic")
            .hi_ansi("Yu Gothic")
            .east_asia("游ゴシック");
        let mut doc = Docx::new().default_fonts(font).default_size(21).add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .bold()
                .size(32)
                .align(AlignmentType::Center),
        );
        for (level, size) in [(1usize, 28usize), (2, 24), (3, 22)] {
            doc = doc.add_style(
                Style::new(format!("Heading{level}"), StyleType::Paragraph)
                    .name(format!("heading {level}"))
                    .bold()
                    .size(size)
                    .outline_lvl(level - 1),
            );
        }
        doc = doc.add_paragraph(text_paragraph(&self.title, None).style("Title"));
        for b in &self.blocks {
            match b {
                Block::Heading(level, h) => {
                    let l = (*level).clamp(2, 4) - 1;
                    doc = doc.add_paragraph(
                        text_paragraph(h, None).style(&format!("Heading{}", l.min(3))),
                    );
                }
                Block::Paragraph(p) => doc = doc.add_paragraph(text_paragraph(p, None)),
                Block::Right(p) => {
                    doc = doc.add_paragraph(text_paragraph(p, None).align(AlignmentType::Right))
                }
                Block::Bullets(items) => {
                    for i in items {
                        doc = doc.add_paragraph(text_paragraph(&format!("・{i}"), None));
                    }
                }
                Block::Field(f) => {
                    doc = doc.add_paragraph(
                        Paragraph::new().add_run(Run::new().add_text(&f.label).bold()),
                    );
                    doc = match &f.value {
                        Some(v) => doc.add_paragraph(text_paragraph(v, None)),
                        None => doc.add_paragraph(
                            Paragraph::new()
                                .add_run(Run::new().add_text(UNKNOWN).bold().color("C00000")),
                        ),
                    };
                    doc = doc.add_paragraph(text_paragraph(
                        &format!("出典: {}", f.source),
                        Some(("666666", 16)),
                    ));
                }
                Block::Memo(lines) => {
                    doc = doc.add_paragraph(text_paragraph(
                        "作成メモ(提出・公表する文書には含めない)",
                        Some(("1F4E79", 18)),
                    ));
                    for l in lines {
                        doc = doc
                            .add_paragraph(text_paragraph(&format!("・{l}"), Some(("1F4E79", 18))));
                    }
                }
            }
        }
        let mut cursor = std::io::Cursor::new(Vec::new());
        doc.build()
            .pack(&mut cursor)
            .map_err(|e| RespondError::Docx(e.to_string()))?;
        Ok(cursor.into_inner())
    }
}

/// Markdown hard line breaks for the lines of a value.
/// Text typed by the officer as Markdown lines: each line ends in a hard break, and a line that
/// Markdown would read as a heading, quote, list item or rule (`# …`, `> …`, `- …`, `1. …`) gets
/// a backslash before its marker, so it stays the text it is.
fn hard_breaks(s: &str) -> String {
    s.trim_end()
        .split('\n')
        .map(escape_line_start)
        .collect::<Vec<_>>()
        .join("  \n")
}

fn escape_line_start(line: &str) -> String {
    let t = line.trim_start();
    let lead = &line[..line.len() - t.len()];
    let marker = t.starts_with(['#', '>', '-', '+', '*', '=', '|'])
        || t.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
        });
    if marker {
        format!("{lead}\\{t}")
    } else {
        line.to_string()
    }
}

/// A paragraph of text, its lines joined with line breaks; optionally coloured and sized
/// (half-points).
fn text_paragraph(s: &str, look: Option<(&str, usize)>) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in s.trim_end().split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    if let Some((color, size)) = look {
        run = run.color(color).size(size);
    }
    Paragraph::new().add_run(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_stays_text_in_markdown() {
        assert_eq!(
            hard_breaks("# 見出しではない\n- 箇条書きではない\n1. 番号でもない\n普通の行"),
            "\\# 見出しではない  \n\\- 箇条書きではない  \n\\1. 番号でもない  \n普通の行"
        );
        assert_eq!(hard_breaks("2026年12月1日に発覚"), "2026年12月1日に発覚");
    }
}
