//! Round-up tables: one incident per row.
//!
//! Curators and vendors list a period's incidents as a table (`公開日 | 社名 | 流出件数 | 流出内容`).
//! HTML tables arrive as tab-separated rows (see `jikenbo-text`), Markdown and copied tables as
//! `|`-separated ones. A table is a table of incidents when its header row names an
//! organization column ([`ORG_COLUMN`]) and an incident column ([`INCIDENT_COLUMN`]); each row
//! below it with a name in the organization column is one incident. The date column
//! ([`DATE_COLUMN`]) gives the published date, or the occurred date when it is headed
//! `発生日` (or a bare `日付` holds a month alone); a count column ([`COUNT_COLUMN`]) gives the persons affected even without a unit
//! (`1,293`). A row continues over lines that hold fewer cells (a cell broken over lines).
//! Rows whose columns are set off by spaces, as a PDF's table reaches the text, are read by
//! [`space_table_segments`] from the rows themselves (a full date, a body, a count in every row).

use crate::doc::Doc;
use crate::numbers::parse_number;
use crate::orgs::compact_name;
use crate::rules::{entries, Entry, Rule};
use crate::segment::{Found, Segment, SegmentKind};
use jikenbo_model::{Leak, PartialDate};
use std::ops::Range;
use std::sync::LazyLock;

/// A header cell naming the organizations of the rows.
pub static ORG_COLUMN: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("table.org_column", (), "a header cell over the organizations' names",
        r"^(被害)?((社|企業|会社|組織|団体|法人|事業者|機関|自治体)([/・](企業|会社|組織|団体|法人|事業者|機関|自治体))*名?|名称|発表元|公表者)$")
        .ex(&["社名", "企業名", "会社名", "組織名", "団体名", "法人名", "事業者", "機関名", "自治体", "名称", "発表元", "公表者", "被害企業", "企業/団体名", "企業・団体名"])
        .not(&["氏名", "件名", ""])
        .general("the headers of incident tables in round-ups (社名・企業名・組織名・事業者, also two joined: 企業/団体名)")
});

/// A header cell over the kind of body of each row, where the table names no body: anonymized
/// incident tables (vendors' columns, statistics) give the industry (`業種`: 教育関連会社).
pub static KIND_COLUMN: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "table.kind_column",
        (),
        "a header cell over the kind or industry of the body (when no column names it)",
        r"^(業種|業界|(組織|団体|機関)(区分|種別))$",
    )
    .ex(&["業種", "業界", "組織区分", "団体種別", "機関区分"])
    .not(&["業種別", "区分"])
    .general("tables of incidents that do not name the bodies give their industry or kind instead")
});

/// A header cell that makes the table one of incidents.
pub static INCIDENT_COLUMN: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "table.incident_column",
        (),
        "a header cell over what leaked, how many or why",
        r"流出|漏えい|漏洩|被害|件数|人数|原因|事案|概要|内容|手口",
    )
    .ex(&[
        "流出件数",
        "漏えい件数",
        "漏洩した情報",
        "被害",
        "件数",
        "人数",
        "原因",
        "事案",
        "概要",
        "流出内容",
        "手口",
    ])
    .not(&["住所"])
    .general("the headers of incident tables in round-ups (流出件数・原因・概要)")
});

/// A header cell over dates.
pub static DATE_COLUMN: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "table.date_column",
        (),
        "a header cell over dates (発生日: the occurred date)",
        r"^(公開|公表|発表|掲載|報道|発生|発覚|判明)?(日|日付|年月日|日時)$|^(発生)?(時期|年月)$",
    )
    .ex(&[
        "時期",
        "発生時期",
        "年月",
        "公開日",
        "公表日",
        "発表日",
        "掲載日",
        "報道日",
        "発生日",
        "発覚日",
        "判明日",
        "日付",
        "年月日",
        "日時",
    ])
    .not(&["曜日"])
    .general("the date headers of tables (公開日・発生日・日付)")
});

/// A header cell over the number of persons or records.
pub static COUNT_COLUMN: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "table.count_column",
        (),
        "a header cell over the number of persons or records",
        r"件数|人数|規模|(対象|被害)者数",
    )
    .ex(&[
        "流出件数",
        "漏えい件数",
        "人数",
        "規模",
        "対象者数",
        "被害者数",
    ])
    .not(&["回数"])
    .general("the headers of incident tables in round-ups (流出件数・人数・規模)")
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = Vec::new();
    for r in [
        &*ORG_COLUMN,
        &*KIND_COLUMN,
        &*INCIDENT_COLUMN,
        &*DATE_COLUMN,
        &*COUNT_COLUMN,
        &*LIST_INTRO,
        &*NAME_COUNT_LINE,
    ] {
        v.extend(entries("segment", std::slice::from_ref(r)));
    }
    v
}

/// A line announcing a list of the bodies whose data leaked (`今回個人情報の流出が発覚した会社は
/// 以下のとおり。`).
pub static LIST_INTRO: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.list_intro", (), "a list of the bodies whose data leaked follows",
        r"(流出|漏えい|漏洩)[^。\n]{0,30}(会社|企業|自治体|団体|機関|病院|学校|事業者|保険会社)は?[、,]?\s*(以下|次)の(とおり|通り)")
        .ex(&["今回個人情報の流出が発覚した会社は以下のとおり。", "情報漏えいが確認された自治体は次の通りです"])
        .not(&["流出した情報は以下のとおり"])
        .general("news lists the bodies of one leak after 'the companies … are as follows'")
});

/// A line of such a list: a name, perhaps what it is in parentheses, and its count
/// (`サンプルカード(クレジットカード会社) 15万8,248件`).
pub static NAME_COUNT_LINE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.name_count_line", (), "a list line: a body's name and its count",
        r"^([^\s、。()0-9][^\s、。()]{1,29}(?: [^\s、。()0-9]{2,20})?)\s*(?:\([^)]{1,30}\))?\s+(約)?([0-9][0-9,]*(?:万[0-9,]*)?)\s*(件|人|名)(分)?$")
        .ex(&["サンプルカード(クレジットカード会社) 15万8,248件", "ためし生命 8,178件", "みほん保険 444人分"])
        .not(&["2024年 3件", "氏名、住所 120件"])
        .general("the list lines of a leak's bodies: a name and its count")
});

/// The lines of a list announced by [`LIST_INTRO`], one incident each.
pub fn listed_counts(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    let mut out = Vec::new();
    // one scan of the text before the line by line search
    if !LIST_INTRO.re.is_match(text) {
        return out;
    }
    let Some(i) = doc
        .lines
        .iter()
        .position(|l| LIST_INTRO.re.is_match(&text[l.range.clone()]))
    else {
        return out;
    };
    let intro = &text[doc.lines[i].range.clone()];
    let possible = intro.contains("可能性") || intro.contains("おそれ") || intro.contains("恐れ");
    for l in doc.lines[i + 1..].iter() {
        let s = &text[l.range.clone()];
        if s.is_empty() {
            continue;
        }
        let Some(c) = NAME_COUNT_LINE.re.captures(s) else {
            break;
        };
        let name = c.get(1).expect("group");
        let num = c.get(3).expect("group");
        let mut seg = Segment::new(SegmentKind::TableRow, l.range.clone());
        let nr = l.range.start + name.start()..l.range.start + name.end();
        seg.org = Some((compact_name(name.as_str()), nr));
        let cr = l.range.start + num.start()..l.range.start + c.get(4).expect("group").end();
        seg.count = parse_number(num.as_str())
            .filter(|n| *n > 0)
            .map(|n| (n, cr.clone()));
        let leak = if possible {
            Leak::Possible
        } else {
            Leak::Confirmed
        };
        seg.leak = Some((leak, doc.lines[i].range.clone()));
        seg.shared = Some(0..text.len());
        out.push(seg);
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// The cells of a table line (byte ranges, trimmed), when the line is one: ≥2 tabs, or ≥2 `|`.
fn cells(text: &str, line: Range<usize>) -> Option<Vec<Range<usize>>> {
    let s = &text[line.clone()];
    let sep = if s.matches('\t').count() >= 2 {
        '\t'
    } else if s.matches('|').count() >= 2 {
        '|'
    } else {
        return None;
    };
    let mut out = Vec::new();
    let mut at = line.start;
    for part in s.split(sep) {
        let r = crate::analyze::trim_range(text, at..at + part.len());
        out.push(r);
        at += part.len() + sep.len_utf8();
    }
    // a leading or trailing `|` leaves an empty outer cell
    if sep == '|' {
        if out.first().is_some_and(|r| r.is_empty()) {
            out.remove(0);
        }
        if out.last().is_some_and(|r| r.is_empty()) {
            out.pop();
        }
    }
    Some(out)
}

/// A header cell's length without what it says in parentheses (`漏えいした件数(可能性がある件数)`
/// is a label of 6).
fn label_len(cell: &str) -> usize {
    let mut depth = 0usize;
    cell.chars()
        .filter(|&c| match c {
            '(' => {
                depth += 1;
                false
            }
            ')' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .count()
}

/// What a table's date column dates.
#[derive(Clone, Copy)]
enum DateColumn {
    /// `発生日`, `時期`: when it happened.
    Occurred,
    /// `公表日`, `掲載日`: when it was made public.
    Published,
    /// `日付`: a day is the day it was made public, a month alone (`2031年6月`) the time it
    /// happened (publications are dated by the day).
    Bare,
}

struct Header {
    org: usize,
    date: Option<(usize, DateColumn)>,
    /// The count column, and whether its header says the records leaked (`流出件数`).
    count: Option<(usize, bool)>,
    width: usize,
}

fn header(text: &str, cs: &[Range<usize>]) -> Option<Header> {
    let cell = |i: usize| text[cs[i].clone()].trim();
    let org = (0..cs.len())
        .find(|&i| ORG_COLUMN.is_match(cell(i)))
        .or_else(|| (0..cs.len()).find(|&i| KIND_COLUMN.is_match(cell(i))))?;
    if !(0..cs.len()).any(|i| i != org && INCIDENT_COLUMN.is_match(cell(i))) {
        return None;
    }
    if cs.iter().any(|r| label_len(&text[r.clone()]) > 16) {
        return None; // a header holds labels, not sentences
    }
    let date = (0..cs.len())
        .find(|&i| DATE_COLUMN.is_match(cell(i)))
        .map(|i| {
            let c = cell(i);
            // (a bare 時期 or 年月 is when it happened, as 発生日 is)
            let kind = if c.starts_with("発生") || c.ends_with("時期") || c == "年月" {
                DateColumn::Occurred
            } else if matches!(c, "日付" | "日時" | "年月日") {
                DateColumn::Bare
            } else {
                DateColumn::Published
            };
            (i, kind)
        });
    let count = (0..cs.len())
        .find(|&i| i != org && COUNT_COLUMN.is_match(cell(i)))
        .map(|i| {
            (
                i,
                ["流出", "漏えい", "漏洩"]
                    .iter()
                    .any(|w| cell(i).contains(w)),
            )
        });
    Some(Header {
        org,
        date,
        count,
        width: cs.len(),
    })
}

/// The columns of a table without a header row (`2031年7月 | みなと通信株式会社 | 約120万件 |
/// 不正アクセス`), read from the run of rows that starts at `first`: at least two rows of the
/// same width (three cells or more), one column a date in every row, one an organization's
/// name or description in every row, and an incident word in every row. The count column is
/// the one with a count in every row.
/// `Err` holds the index of the line after the run, where no row needs trying again.
fn inferred_header(doc: &Doc, k: usize) -> Result<Header, usize> {
    let text = doc.text;
    let rows: Vec<Vec<Range<usize>>> = doc.lines[k..]
        .iter()
        .map_while(|l| cells(text, l.range.clone()))
        .take(64)
        .collect();
    let run_end = k + rows.len().max(1);
    let width = rows.first().map_or(0, Vec::len);
    if rows.len() < 2 || width < 3 || rows.iter().any(|r| r.len() != width) {
        return Err(run_end);
    }
    let all = |f: &dyn Fn(&Range<usize>) -> bool, i: usize| rows.iter().all(|r| f(&r[i]));
    let is_date = |r: &Range<usize>| {
        doc.dates
            .iter()
            .any(|d| d.range.start >= r.start && d.range.end <= r.end && d.has_year())
    };
    let is_org = |r: &Range<usize>| {
        let cell = &text[r.clone()];
        doc.orgs_in(r.clone()).any(|m| m.range.start == r.start)
            || crate::segment::DESCRIPTOR_END.is_match(cell)
    };
    let is_count = |r: &Range<usize>| crate::fields::affected::COUNT.is_match(&text[r.clone()]);
    let date = (0..width).find(|&i| all(&is_date, i)).ok_or(run_end)?;
    let org = (0..width)
        .find(|&i| i != date && all(&is_org, i))
        .ok_or(run_end)?;
    let events = rows.iter().all(|r| match (r.first(), r.last()) {
        (Some(a), Some(b)) => crate::segment::INCIDENT_WORD.is_match(&text[a.start..b.end]),
        _ => false,
    });
    if !events {
        return Err(run_end);
    }
    let count = (0..width)
        .find(|&i| i != date && i != org && all(&is_count, i))
        .map(|i| (i, false));
    Ok(Header {
        org,
        date: Some((date, DateColumn::Occurred)),
        count,
        width,
    })
}

/// The incidents of the document's incident tables, one per row.
pub fn table_segments(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    let mut out: Vec<Segment> = Vec::new();
    let mut head: Option<Header> = None;
    let mut year: Option<i32> = None;
    // the end of a run of rows whose columns could not be read (not tried again row by row)
    let mut unread_until = 0usize;
    for (k, l) in doc.lines.iter().enumerate() {
        let Some(cs) = cells(text, l.range.clone()) else {
            // a line of one `|`: a cell broken over lines, the row goes on
            if head.is_some() && text[l.range.clone()].contains('|') {
                if let Some(last) = out.last_mut() {
                    last.range.end = l.range.end;
                }
                continue;
            }
            head = None;
            continue;
        };
        if let Some(h) = header(text, &cs) {
            head = Some(h);
            year = caption_year(doc, l.range.start);
            continue;
        }
        if head.is_none() && k >= unread_until {
            // a table without a header row: its columns read from its rows
            match inferred_header(doc, k) {
                Ok(h) => {
                    head = Some(h);
                    year = caption_year(doc, l.range.start);
                }
                Err(run_end) => unread_until = run_end,
            }
        }
        let Some(h) = &head else { continue };
        if cs.len() <= h.org || cs.len() + 1 < h.width.min(3) {
            // a cell broken over lines: the row goes on
            if let Some(last) = out.last_mut() {
                last.range.end = l.range.end;
            }
            continue;
        }
        let name = compact_name(&text[cs[h.org].clone()]);
        if name.chars().count() < 2 || name.chars().all(|c| !c.is_alphanumeric()) {
            continue;
        }
        let mut seg = Segment::new(SegmentKind::TableRow, l.range.clone());
        seg.org = Some((name, cs[h.org].clone()));
        if let Some((i, kind)) = h.date.filter(|(i, _)| *i < cs.len()) {
            let d = cell_date(doc, cs[i].clone(), year);
            let occurred = match kind {
                DateColumn::Occurred => true,
                DateColumn::Published => false,
                DateColumn::Bare => d.as_ref().is_some_and(|(p, _)| p.day.is_none()),
            };
            if occurred {
                seg.occurred = d;
            } else {
                seg.published = d;
            }
        }
        if let Some((i, leaked)) = h.count.filter(|(i, _)| *i < cs.len()) {
            let s = text[cs[i].clone()].trim();
            let digits = s
                .trim_start_matches('約')
                .trim_end_matches(['件', '人', '名']);
            seg.count = parse_number(digits)
                .filter(|n| *n > 0)
                .map(|n| (n, cs[i].clone()));
            if leaked && seg.count.is_some() {
                seg.leak = Some((Leak::Confirmed, cs[i].clone()));
            }
        }
        out.push(seg);
    }
    out
}

/// The cells of a line of a table whose columns are set off by spaces, as a PDF's table reaches
/// the text (`兵庫県 2031年2月3日 市立保育園 USBメモリ 26件`): four cells or more, each short, no
/// sentence.
fn space_cells(text: &str, line: Range<usize>) -> Option<Vec<Range<usize>>> {
    let s = &text[line.clone()];
    if !may_be_space_row(s) {
        return None;
    }
    let mut out = Vec::new();
    let mut at = line.start;
    for part in s.split(' ') {
        if !part.is_empty() {
            out.push(at..at + part.len());
        }
        at += part.len() + 1;
    }
    (out.len() >= 4 && out.iter().all(|r| text[r.clone()].chars().count() <= 24)).then_some(out)
}

/// Whether a line may be a row of [`space_cells`], asked before it is split: three spaces or
/// more (most lines hold fewer: a byte count first), short, no sentence, no other separator.
fn may_be_space_row(s: &str) -> bool {
    s.len() <= 270
        && memchr::memchr_iter(b' ', s.as_bytes()).take(3).count() == 3
        && !s.contains(['。', '\t', '|'])
        && s.chars().count() <= 90
}

/// What may follow a date in its cell: the act of that day (`2031年2月28日報道`).
const DATE_CELL_TAIL: &[&str] = &["", "報道", "発表", "公表", "判明", "付"];

/// A count cell's figure: a count, maybe rounded after it (`46万件あまり`, `3万件超`).
fn cell_count(c: &str) -> Option<u64> {
    let m = crate::fields::affected::COUNT.re.captures(c)?;
    let all = m.get(0)?;
    let tail = &c[all.end()..];
    if all.start() != 0
        || !["", "あまり", "余り", "超", "以上", "程度", "ほど", "強"].contains(&tail)
    {
        return None;
    }
    parse_number(&m["n"].replace(' ', ""))
}

/// The columns of a run of space-separated rows.
#[derive(Clone, Copy, PartialEq)]
struct SpaceLayout {
    width: usize,
    date: usize,
    count: usize,
    org: usize,
    /// A column of kinds of body (`市立中学校`) beside an organization column of prefectures.
    kind: Option<usize>,
}

/// A cell that says the count is unknown or withheld.
fn no_count(cell: &str) -> bool {
    matches!(cell, "不明" | "非公表" | "調査中" | "-" | "ー" | "―")
}

fn space_layout(doc: &Doc, rows: &[Vec<Range<usize>>]) -> Option<SpaceLayout> {
    let text = doc.text;
    let width = rows.first()?.len();
    if rows.iter().any(|r| r.len() != width) {
        return None;
    }
    let all = |f: &dyn Fn(&Range<usize>) -> bool, i: usize| rows.iter().all(|r| f(&r[i]));
    // (a date may carry what happened that day: `2031年2月28日報道`)
    let is_date = |r: &Range<usize>| {
        doc.dates.iter().any(|d| {
            d.range.start == r.start
                && d.range.end <= r.end
                && DATE_CELL_TAIL.contains(&&text[d.range.end..r.end])
                && d.has_year()
                && d.day.is_some()
        })
    };
    let is_count = |r: &Range<usize>| {
        let c = &text[r.clone()];
        no_count(c) || cell_count(c).is_some()
    };
    let is_pref = |r: &Range<usize>| crate::words::PREFECTURE.contains(&&text[r.clone()]);
    let is_org = |r: &Range<usize>| {
        is_pref(r)
            || doc.orgs_in(r.clone()).any(|m| m.range.start == r.start)
            || crate::segment::DESCRIPTOR_END.is_match(&text[r.clone()])
    };
    let date = (0..width).find(|&i| all(&is_date, i))?;
    // (a count column in every run: rows of a round-up that only name bodies are no table)
    let count = (0..width).rev().find(|&i| i != date && all(&is_count, i))?;
    // (else a column of names the finder does not know, beside the date and the count:
    // `カタログギフトのサンプル`)
    let loose = |r: &Range<usize>| {
        let c = &text[r.clone()];
        c.chars().count() >= 3
            && c.chars().all(|ch| {
                ('\u{4e00}'..='\u{9fff}').contains(&ch) || matches!(ch, 'ァ'..='ヺ' | 'ー' | '・' | 'の' | 'を' | 'し' | 'た' | 'A'..='Z' | 'a'..='z')
            })
            && c.chars().filter(|ch| matches!(ch, 'ァ'..='ヺ')).count() >= 3
    };
    let org = (0..width)
        .find(|&i| i != date && i != count && all(&is_org, i))
        .or_else(|| {
            (0..width)
                .rev()
                .find(|&i| i != date && i != count && all(&loose, i))
        })?;
    let kind = all(&is_pref, org)
        .then(|| {
            (org + 1..width).find(|&i| {
                i != date && i != count && all(&|r: &Range<usize>| !is_pref(r) && is_org(r), i)
            })
        })
        .flatten();
    Some(SpaceLayout {
        width,
        date,
        count,
        org,
        kind,
    })
}

/// Whether the rows fit a layout read before (a section of one row under its own heading).
fn fits(doc: &Doc, rows: &[Vec<Range<usize>>], l: SpaceLayout) -> bool {
    space_layout(doc, rows).is_some_and(|r| {
        r.width == l.width && r.date == l.date && r.org == l.org && r.kind == l.kind
    })
}

/// A table whose columns are set off by spaces, one incident per row: the layout a PDF's table
/// gives (see [`space_cells`]). A run of rows is one when a column holds a full date in every
/// row, one a body's name or kind, one a count (or `不明`), and the rows or the heading over
/// them name an incident
/// (`(1)紛失・置き忘れ`); a run of one row takes the columns of a run read before. A column of
/// prefectures beside a column of kinds names the body as both (`兵庫県の市立保育園`).
pub fn space_table_segments(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    let mut out = Vec::new();
    let mut layouts: Vec<SpaceLayout> = Vec::new();
    // (a page with no line of four cells or more holds no such table)
    if !doc
        .lines
        .iter()
        .any(|l| may_be_space_row(&text[l.range.clone()]))
    {
        return Vec::new();
    }
    let lines: Vec<Range<usize>> = doc
        .lines
        .iter()
        .map(|l| l.range.clone())
        .filter(|r| !r.is_empty())
        .collect();
    let mut k = 0;
    while k < lines.len() {
        let rows: Vec<Vec<Range<usize>>> = lines[k..]
            .iter()
            .map_while(|l| space_cells(text, l.clone()))
            .collect();
        if rows.is_empty() {
            k += 1;
            continue;
        }
        let n = rows.len();
        let heading = k
            .checked_sub(1)
            .map(|h| &text[lines[h].clone()])
            .unwrap_or("");
        // (or the paragraph above the lead-in: `…情報の漏洩が相次いでいる…` / `以下になります。`)
        let above = match k {
            0 => "",
            _ => &text[lines[k.saturating_sub(3)].start..lines[k - 1].end],
        };
        let events = crate::segment::INCIDENT_WORD.is_match(heading)
            || (heading.ends_with('。') && crate::segment::INCIDENT_WORD.is_match(above))
            || rows.iter().all(|r| {
                crate::segment::INCIDENT_WORD.is_match(&text[r[0].start..r[r.len() - 1].end])
            });
        let layout = if n >= 2 {
            space_layout(doc, &rows)
        } else {
            layouts.iter().copied().find(|l| fits(doc, &rows, *l))
        };
        if let (true, Some(l)) = (events, layout) {
            if !layouts.contains(&l) {
                layouts.push(l);
            }
            // the page says which date its rows give (`…公表日…`), else when it happened
            let before = &text[crate::fields::floor_char(text, lines[k].start.saturating_sub(600))
                ..lines[k].start];
            let published = before.contains("公表日") || before.contains("発表日");
            for (i, r) in rows.iter().enumerate() {
                let line = lines[k + i].clone();
                let org = match l.kind {
                    Some(kc) => (
                        format!("{}の{}", &text[r[l.org].clone()], &text[r[kc].clone()]),
                        r[l.org].start..r[kc].end,
                    ),
                    None => (compact_name(&text[r[l.org].clone()]), r[l.org].clone()),
                };
                let mut seg = Segment::new(SegmentKind::TableRow, line);
                seg.org = Some(org);
                let d = cell_date(doc, r[l.date].clone(), None);
                // (`…日報道`, `…日発表`: the day it was made public)
                let cell = &text[r[l.date].clone()];
                let told = ["報道", "発表", "公表"].iter().any(|t| cell.ends_with(t));
                if published || told {
                    seg.published = d;
                } else {
                    seg.occurred = d;
                }
                seg.count = cell_count(&text[r[l.count].clone()])
                    .filter(|n| *n > 0)
                    .map(|n| (n, r[l.count].clone()));
                out.push(seg);
            }
        }
        k += n;
    }
    if out.len() < 2 {
        return Vec::new();
    }
    out
}

/// The date in a cell; a month-day (`10月2日`) takes the year of the table's caption
/// (`# 2025年10月の…まとめ`).
fn cell_date(
    doc: &Doc,
    cell: Range<usize>,
    caption_year: Option<i32>,
) -> Option<Found<PartialDate>> {
    let d = doc
        .dates
        .iter()
        .find(|d| d.range.start >= cell.start && d.range.end <= cell.end)?;
    if !d.has_year() && caption_year.is_none() {
        return None;
    }
    let anchor = crate::dates::Anchor {
        year_hint: caption_year,
        ..Default::default()
    };
    d.resolve(&anchor)
        .filter(|p| p.month.is_some())
        .map(|p| (p, d.range.clone()))
}

/// The year of the nearest heading or short line above `at` that names one (a table's caption,
/// a round-up's title).
fn caption_year(doc: &Doc, at: usize) -> Option<i32> {
    let k = doc.lines.partition_point(|l| l.range.start < at);
    doc.lines[..k]
        .iter()
        .rev()
        .filter(|l| !l.range.is_empty())
        .take(6)
        .filter(|l| l.heading.is_some() || doc.text[l.range.clone()].chars().count() <= 40)
        .find_map(|l| {
            doc.dates
                .iter()
                .find(|d| {
                    d.range.start >= l.range.start && d.range.end <= l.range.end && d.has_year()
                })
                .and_then(|d| d.resolve(&Default::default()))
                .map(|p| p.year)
        })
}

#[cfg(test)]
mod tests {
    use crate::extract_text;

    #[test]
    fn a_list_of_the_bodies_whose_data_leaked_is_one_incident_each() {
        let t = "保険の代理店から個人情報が流出しました。\n今回個人情報の流出が発覚した会社は以下のとおり。\nサンプルカード(クレジットカード会社) 15万8,248件\nためし生命 8,178件\nみほん保険 444件\nこれらが名簿業者に売却されたようです。";
        let v = extract_text("t.txt", t);
        let got: Vec<(Option<&str>, Option<u64>)> = v
            .iter()
            .map(|i| (i.organization.as_deref(), i.affected))
            .collect();
        assert_eq!(
            got,
            [
                (Some("サンプルカード"), Some(158_248)),
                (Some("ためし生命"), Some(8_178)),
                (Some("みほん保険"), Some(444))
            ]
        );
        assert!(v
            .iter()
            .all(|i| i.leak == Some(jikenbo_model::Leak::Confirmed)));
        // the cause the text gives for all of them (the agency sold the data)
        assert!(v
            .iter()
            .all(|i| i.cause == Some(jikenbo_model::Cause::InsiderTheft)));
    }

    #[test]
    fn rows_of_an_incident_table_are_incidents() {
        let t = "今年の事例を一覧にしました。\n公開日 | 社名 | 流出件数 | 流出内容 |\n2031/1/18 | 株式会社みどり商事 | 1,293 |\n|\n2031/2/8 | あおば工業株式会社 | 203 | 氏名、住所 |\n\n以上です。";
        let v = extract_text("t.txt", t);
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].organization.as_deref(), Some("株式会社みどり商事"));
        assert_eq!(v[0].affected, Some(1293));
        assert_eq!(
            v[0].published.map(|d| d.to_string()).as_deref(),
            Some("2031-01-18")
        );
        assert_eq!(v[1].organization.as_deref(), Some("あおば工業株式会社"));
        assert_eq!(v[1].affected, Some(203));
    }

    #[test]
    fn tab_separated_rows_and_an_occurred_column() {
        let t = "発生日\t組織名\t原因\n2031年4月1日\tみどり市\tUSBメモリの紛失\n";
        let v = extract_text("t.txt", t);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].organization.as_deref(), Some("みどり市"));
        assert_eq!(
            v[0].occurred.map(|d| d.to_string()).as_deref(),
            Some("2031-04-01")
        );
    }

    #[test]
    fn a_table_of_something_else_is_no_incident_list() {
        // a price list or a schedule: no organization column with an incident column
        let t = "日付 | 内容 | 担当 |\n2031/1/18 | 説明会 | 総務課 |\n";
        assert!(extract_text("t.txt", t).is_empty());
    }

    #[test]
    fn a_table_without_a_header_row_reads_its_columns_from_its_rows() {
        let t = "主な情報漏えい事件\n2031年7月 | 教育関連会社 | 約3500万件 | 委託先社員による持ち出し\n2030年3月 | みなと通信株式会社 | 約120万件 | 不正アクセス\n2029年1月 | あおば市 | 約4万件 | USBメモリの紛失\n";
        let v = crate::extract_text("t.txt", t);
        let got: Vec<_> = v
            .iter()
            .map(|i| {
                (
                    i.organization.clone().unwrap_or_default(),
                    i.occurred.map(|d| d.to_string()),
                    i.affected,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "教育関連会社".to_string(),
                    Some("2031-07".to_string()),
                    Some(35_000_000)
                ),
                (
                    "みなと通信株式会社".to_string(),
                    Some("2030-03".to_string()),
                    Some(1_200_000)
                ),
                (
                    "あおば市".to_string(),
                    Some("2029-01".to_string()),
                    Some(40_000)
                ),
            ]
        );
        // a header row names the date column 時期
        let t = "| 時期 | 組織 | 件数 | 原因 |\n|---|---|---|---|\n| 2031年7月 | 教育関連会社 | 約3500万件 | 持ち出し |\n| 2030年3月 | みなと通信株式会社 | 約120万件 | 不正アクセス |\n";
        let v = crate::extract_text("t.txt", t);
        assert_eq!(
            v[1].occurred.map(|d| d.to_string()).as_deref(),
            Some("2030-03")
        );
    }

    #[test]
    fn a_table_that_names_only_the_industry_gives_it_as_the_body() {
        let t = "近年の事故の一部を表にまとめました。\n日付 | 業種 | 漏えい件数 | 漏えい原因 |\n---|---|---|---|\n2031年6月 | 学習塾 | 40件 | 紛失 |\n2031年9月 | 旅行会社 | 約2万件 | 不正アクセス |\n";
        let v = crate::extract_text("t.txt", t);
        let got: Vec<_> = v
            .iter()
            .map(|i| (i.organization.as_deref(), i.affected))
            .collect();
        assert_eq!(
            got,
            vec![(Some("学習塾"), Some(40)), (Some("旅行会社"), Some(20_000))]
        );
        // a bare 日付 holding a month alone dates the incident, not the publication
        assert_eq!(
            v[0].occurred.map(|d| d.to_string()).as_deref(),
            Some("2031-06")
        );
        assert_eq!(v[0].published, None);
        // a table that names the bodies takes its name column, not the industry
        let t = "日付 | 業種 | 社名 | 漏えい件数 |\n---|---|---|---|\n2031年6月 | 学習塾 | みどり塾 | 40件 |\n2031年9月 | 旅行会社 | あおば旅行 | 約2万件 |\n";
        let v = crate::extract_text("t.txt", t);
        assert_eq!(v[0].organization.as_deref(), Some("みどり塾"));
    }

    #[test]
    fn rows_set_off_by_spaces_under_their_headings() {
        // the layout a PDF's table reaches the text in: one incident per row, the heading over
        // a section names the incident, a section of one row takes the columns read before
        let t = "学校の情報セキュリティ事故(2031年2月)\n内訳(都道府県名、公表日、組織区分、媒体、個人情報数)は以下の通りです。\n(1)紛失・置き忘れ\nみなと県 2031年2月3日 市立保育園 USBメモリ 26件\nあおば県 2031年2月7日 私立大学 書類 不明\nひかり県 2031年2月11日 県立高等学校 書類 4件\n(2)誤送信\nみどり県 2031年2月15日 市立中学校 電子メール 30件\n";
        // (fictional prefectures are no prefectures: the first column is the body's place name)
        let v = crate::extract_text("t.txt", t);
        assert_eq!(v.len(), 4, "{v:#?}");
        assert_eq!(v[0].affected, Some(26));
        assert_eq!(v[1].affected, None);
        assert_eq!(
            v[3].published.map(|d| d.to_string()).as_deref(),
            Some("2031-02-15")
        );
        // prose with spaces is no table
        let t = "みどり市 職員が 名簿を 紛失した。\nみどり市は2031年2月3日、職員が住民40人分の名簿を紛失したと発表した。";
        assert_eq!(crate::extract_text("t.txt", t).len(), 1);
    }

    #[test]
    fn a_numbered_list_of_reported_days_rounded_counts_and_names() {
        // the day a case was reported, a rounded count, a name the finder does not know
        let t = "ECサイトからカード情報の漏洩が相次いでいます。\n\n報道から洗い出したのが以下になります。\n\n  1. 2031年2月28日報道   46万件あまり    サンプルペイメントのサービスを利用した各社\n  2. 2031年6月8日報道   7,400件あまり    スイーツサンプル\n  3. 2031年7月13日報道   2万8千件あまり   カタログギフトのタメシモニック\n";
        let v = crate::extract_text("t.txt", t);
        let got: Vec<_> = v
            .iter()
            .map(|i| {
                (
                    i.organization.clone(),
                    i.affected,
                    i.published.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Some("サンプルペイメントのサービスを利用した各社".into()),
                    Some(460000),
                    Some("2031-02-28".into())
                ),
                (
                    Some("スイーツサンプル".into()),
                    Some(7400),
                    Some("2031-06-08".into())
                ),
                (
                    Some("カタログギフトのタメシモニック".into()),
                    Some(28000),
                    Some("2031-07-13".into())
                ),
            ]
        );
    }
}
