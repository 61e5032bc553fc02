//! Splitting a document into incidents.
//!
//! | layout | how it is recognized | one incident per |
//! |---|---|---|
//! | casebook page | lines `【…#2024-100】組織名 題名 2024/4/15` (a bracketed tag holding a case number, or ≥2 bracketed headings ending in a date) | heading, up to the next heading |
//! | digest / training deck | ≥3 headline lines naming different organizations with an incident word (`○ハウスメーカーへの不正アクセス、約83万件流出`) | headline (the same organization twice is one incident) |
//! | notice | anything else with an incident word or a cause's words | the whole document (a follow-up or hardening plan in the same file is the same incident) |
//! | no incident | neither (an outage notice) | nothing |

use crate::analyze::{marker_level, Line};
use crate::dates::{find_dates, DateMention};
use crate::lexicon::{LEAD_DATE, LIST_MARK, ORG_PREFIX_RE, ORG_SUFFIX_RE, REGULATOR_RE};
use jikenbo_model::PartialDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Notice,
    CasebookEntry,
    DigestItem,
}

/// A value with the normalized range it came from.
pub type Found<T> = (T, Range<usize>);

#[derive(Debug, Clone)]
pub struct Segment {
    pub kind: SegmentKind,
    pub range: Range<usize>,
    pub org: Option<Found<String>>,
    pub title: Option<Found<String>>,
    pub published: Option<Found<PartialDate>>,
    /// Digest items: the month heading they stand under (`5月` in a 2024 deck).
    pub month: Option<Found<PartialDate>>,
}

static CASEBOOK_HEADING: LazyLock<Regex> =
    LazyLock::new(|| crate::lexicon::re(r"^【([^】]{1,60})】\s*(\S.*)$"));

/// Words that make a headline an incident headline.
pub static INCIDENT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(
        r"不正アクセス|不正ログイン|流出|漏えい|漏洩|情報漏れ|持ち?出し|ランサム|置き忘れ|紛失|盗難|盗撮|誤送信|誤送付|誤配布|内部不正|サイバー攻撃|サポート詐欺|標的型|フィッシング|閲覧可能|不正に閲覧",
    )
});

/// Where a headline's subject ends: `への`, `での`, `が`, `による`, ...
static SUBJECT_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(r"への|での|における|において|による|により|にて|から|が|へ|で|は、|、|に")
});

static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| crate::lexicon::re(r"ていた|ている|された|していた|受けた"));

/// Roles that follow an organization in a headline subject (`不動産企業の元社員`).
static ROLE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(
        r"(の)?(元派遣社員|派遣社員|元社員|元職員|元従業員|元講師|社員|職員|従業員|講師|教員|委託先|関連子会社)$|(元)?(社員|職員|講師)$",
    )
});

/// Organization-like endings for descriptors without a name (`ハウスメーカー`, `保育事業者`).
static DESCRIPTOR_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(
        r"(会社|企業|事業者|業者|メーカー|社|市|町|村|区|県|都|府|病院|医院|クリニック|大学|学校|高校|高|塾|協会|法人|団体|組合|店|ストア|銀行|機関|センター|庁|省|役所|役場|グループ|ホテル|施設|自治体)$",
    )
});

/// Split the normalized `text` into incident segments.
pub fn segment(text: &str, lines: &[Line]) -> Vec<Segment> {
    let casebook = casebook_segments(text, lines);
    if !casebook.is_empty() {
        return casebook;
    }
    let digest = digest_segments(text, lines);
    if !digest.is_empty() {
        return digest;
    }
    if INCIDENT_WORD.is_match(text)
        || crate::lexicon::CAUSE_RULES
            .iter()
            .any(|r| r.re.is_match(text))
    {
        return vec![Segment {
            kind: SegmentKind::Notice,
            range: 0..text.len(),
            org: None,
            title: None,
            published: None,
            month: None,
        }];
    }
    Vec::new()
}

fn casebook_segments(text: &str, lines: &[Line]) -> Vec<Segment> {
    let mut heads: Vec<(usize, Segment)> = Vec::new();
    let mut numbered = 0;
    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        if !s.starts_with('【') {
            continue;
        }
        let Some(c) = CASEBOOK_HEADING.captures(s) else {
            continue;
        };
        let tag = c.get(1).map_or("", |m| m.as_str());
        let rest = c.get(2).expect("group");
        let rest_range = l.range.start + rest.start()..l.range.start + rest.end();
        let has_number = tag.contains('#') && tag.chars().any(|c| c.is_ascii_digit());
        let dates = find_dates(rest.as_str());
        let ends_in_date = dates
            .last()
            .is_some_and(|d| d.has_year() && rest.as_str()[d.range.end..].trim().is_empty());
        if !(has_number || ends_in_date) {
            continue;
        }
        if has_number {
            numbered += 1;
        }
        heads.push((i, parse_heading(text, rest_range, &dates)));
    }
    if heads.is_empty() || (numbered == 0 && heads.len() < 2) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for k in 0..heads.len() {
        let start = lines[heads[k].0].range.start;
        let end = heads
            .get(k + 1)
            .map_or(text.len(), |h| lines[h.0].range.start);
        let mut seg = heads[k].1.clone();
        seg.range = start..end;
        out.push(seg);
    }
    out
}

/// `組織名 題名 2024/4/15` → organization, title, date.
fn parse_heading(text: &str, r: Range<usize>, dates: &[DateMention]) -> Segment {
    let mut body = r.clone();
    let mut published = None;
    if let Some(d) = dates.last() {
        if text[r.start + d.range.end..r.end].trim().is_empty() && d.has_year() {
            if let Some(pd) = d.resolve(None) {
                published = Some((pd, r.start + d.range.start..r.start + d.range.end));
            }
            body = r.start..r.start + d.range.start;
        }
    }
    let b = text[body.clone()].trim_end();
    let body = body.start..body.start + b.len();
    let (org, title) = split_org_title(text, body.clone());
    Segment {
        kind: SegmentKind::CasebookEntry,
        range: 0..0,
        org,
        title: Some((text[body.clone()].to_string(), body))
            .filter(|t| !t.0.is_empty())
            .map(|t| title.unwrap_or(t)),
        published,
        month: None,
    }
}

/// Split `組織名 題名` (space) or `組織名の題名` (no space: the longest name form followed by a
/// particle). A regulator's heading names the breached body inside its title.
fn split_org_title(text: &str, r: Range<usize>) -> (Option<Found<String>>, Option<Found<String>>) {
    let s = &text[r.clone()];
    if let Some(sp) = s.find(' ') {
        let mut first_end = sp;
        let first = &s[..sp];
        // `株式会社 サンプル 題名`: a bare legal prefix joins the next token
        if ORG_PREFIX_RE
            .find(first)
            .is_some_and(|m| m.end() == first.len())
        {
            if let Some(next) = s[sp + 1..].find(' ') {
                first_end = sp + 1 + next;
            }
        }
        let org = &s[..first_end];
        let title_r = r.start + first_end + 1..r.end;
        if REGULATOR_RE.is_match(org) {
            if let Some(found) = named_org_in(text, title_r.clone()) {
                return (
                    Some(found),
                    Some((text[title_r.clone()].trim().to_string(), title_r)),
                );
            }
        }
        let title = text[title_r.clone()].trim().to_string();
        return (
            Some((compact_name(org), r.start..r.start + first_end)),
            Some((title, title_r)),
        );
    }
    // no space: a name form at the start
    (org_prefix_of(text, r.clone()), Some((s.to_string(), r)))
}

/// The first `株式会社…`-form name inside `r` (up to a particle).
pub fn named_org_in(text: &str, r: Range<usize>) -> Option<Found<String>> {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        crate::lexicon::re(
            r"(株式会社|有限会社|合同会社|一般社団法人|一般財団法人|公益財団法人|公益社団法人|医療法人|学校法人|社会福祉法人)\s*[^\s、。及とにのがはをへで(「]+(\s[A-Za-z0-9ァ-ヶー]+)*|[^\s、。及とにのがはをへで(「]{2,20}(株式会社|\(株\))",
        )
    });
    let s = &text[r.clone()];
    NAMED.find(s).map(|m| {
        (
            compact_name(m.as_str()),
            r.start + m.start()..r.start + m.end(),
        )
    })
}

/// The organization at the start of `r` when no space separates it from the title:
/// the first name form followed by a particle or a staff word (`宇陀市職員の…`, `青葉県警の…`).
fn org_prefix_of(text: &str, r: Range<usize>) -> Option<Found<String>> {
    let s = &text[r.clone()];
    let boundary = |rest: &str| {
        rest.is_empty()
            || [
                "の",
                "が",
                "は",
                "で",
                "に",
                "、",
                " ",
                "職員",
                "社員",
                "における",
                "による",
            ]
            .iter()
            .any(|b| rest.starts_with(b))
    };
    for (i, c) in s.char_indices().skip(1) {
        let end = i + c.len_utf8();
        if end > 60 {
            break;
        }
        let p = &s[..end];
        if ORG_SUFFIX_RE.is_match(p) && boundary(&s[end..]) {
            return Some((compact_name(p), r.start..r.start + end));
        }
    }
    None
}

/// Drop spaces inside a name except between two Latin letters or digits (`株式会社 NTT ドコモ`
/// → `株式会社NTTドコモ`).
pub fn compact_name(s: &str) -> String {
    let cs: Vec<char> = s.trim().chars().collect();
    let mut out = String::new();
    for (i, c) in cs.iter().enumerate() {
        if *c == ' ' {
            let prev = cs[..i].iter().rev().find(|c| **c != ' ');
            let next = cs[i + 1..].iter().find(|c| **c != ' ');
            if prev.is_some_and(|p| p.is_ascii_alphanumeric())
                && next.is_some_and(|n| n.is_ascii_alphanumeric())
                && !out.ends_with(' ')
            {
                out.push(' ');
            }
            continue;
        }
        out.push(*c);
    }
    out
}

/// A digest headline: its subject (the organization descriptor) and where it is.
struct Item {
    line: usize,
    org: Found<String>,
    bullet: bool,
}

fn strip_bullet(s: &str) -> (&str, bool) {
    let t = s.trim_start_matches([
        '○', '●', '・', '-', '*', '◆', '◇', '▶', '►', '□', '■', '※', ' ',
    ]);
    (t, t.len() != s.len())
}

/// The organization descriptor heading a headline, if the line is an incident headline.
fn headline_subject(text: &str, l: &Line) -> Option<(Found<String>, bool)> {
    let s = &text[l.range.clone()];
    if s.chars().count() > 90 || s.ends_with('。') || !INCIDENT_WORD.is_match(s) {
        return None;
    }
    let (body, bullet) = strip_bullet(s);
    let off = l.range.start + (s.len() - body.len());
    // a list marker (`1.`, `(2)`, `③`) opens an item of a numbered digest;
    // a leading date (`2015年、`, `2024/06/10 `, `6月5日`) is no subject
    let mark = LIST_MARK.find(body).map_or(0, |m| m.end());
    let off = off + mark;
    let body = &body[mark..];
    let skip = LEAD_DATE.find(body).map_or(0, |m| m.end());
    let body2 = &body[skip..];
    // the subject ends at a particle with no relative clause between it and the incident word
    // (`…から業務委託を受けていた保育事業者への不正アクセス`: not at `から`, at `への`)
    let word_at = INCIDENT_WORD.find(body2)?.start();
    let m = SUBJECT_END
        .find_iter(&body2[..word_at])
        .find(|m| !RELATIVE.is_match(&body2[m.end()..word_at]))?;
    let mut subj = &body2[..m.start()];
    let mut start = off + skip;
    // a relative clause before the name: `…を受けていた保育事業者` → `保育事業者`
    for rel in ["ていた", "ている", "された", "していた"] {
        if let Some(p) = subj.rfind(rel) {
            start += p + rel.len();
            subj = &subj[p + rel.len()..];
        }
    }
    let subj_trim = ROLE_TAIL.replace(subj, "");
    let mut name: &str = &subj_trim;
    // `つばさ市、住民税…` / `ひまわり食品、…`: a name before a comma, even without a name form
    let named_by_comma = m.as_str() == "、"
        && (2..=20).contains(&name.chars().count())
        && !name.contains(['の', 'を', 'に', 'が', 'は', 'で', ' ']);
    // `ハウスメーカーの更新停止HP` → the first part that reads as an organization
    let legal_form;
    if ORG_PREFIX_RE.is_match(name) {
        // `株式会社サンプルのECサイト` → the name up to the particle
        legal_form = named_org_in(name, 0..name.len()).map(|f| name[f.1].to_string());
        if let Some(n) = legal_form.as_deref() {
            name = n;
        }
    } else if named_by_comma {
        // a name as it stands
    } else if !DESCRIPTOR_END.is_match(name) {
        let part = name
            .split(['の', 'と'])
            .find(|p| DESCRIPTOR_END.is_match(p))?;
        name = part;
    } else if let Some(p) = name
        .split('と')
        .next()
        .filter(|p| DESCRIPTOR_END.is_match(p))
    {
        name = p;
    }
    // a bare common noun (`会社`) or a numbered heading (`2 会社にも…`) is no subject
    if name.chars().count() < 3
        || body2.starts_with(|c: char| c.is_ascii_digit()) // `2 会社にも…`: a slide's section number
        || subj.starts_with('元')
        || name.starts_with("当")
        || name.starts_with("本")
        || name.starts_with("弊")
    {
        return None;
    }
    let pos = text[start..l.range.end]
        .find(name)
        .map_or(start, |p| start + p);
    Some(((name.to_string(), pos..pos + name.len()), bullet))
}

fn digest_segments(text: &str, lines: &[Line]) -> Vec<Segment> {
    let mut items: Vec<Item> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some((org, bullet)) = headline_subject(text, l) {
            items.push(Item {
                line: i,
                org,
                bullet,
            });
        }
    }
    let mut distinct: Vec<&str> = items.iter().map(|it| it.org.0.as_str()).collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 3 {
        return Vec::new();
    }
    static MONTH_RE: LazyLock<Regex> = LazyLock::new(|| crate::lexicon::re(r"^(\d{1,2})月$"));
    static YEAR_RE: LazyLock<Regex> = LazyLock::new(|| crate::lexicon::re(r"((?:19|20)\d{2})年"));
    let mut out: Vec<Segment> = Vec::new();
    let mut year: Option<i32> = None;
    let mut month: Option<Found<u8>> = None;
    let mut next_item = 0;
    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        if next_item < items.len() && items[next_item].line == i {
            let it = &items[next_item];
            next_item += 1;
            // detail lines under an unmarked headline
            let mut end = l.range.end;
            if !it.bullet {
                let mut taken = 0;
                for nl in &lines[i + 1..] {
                    let ns = &text[nl.range.clone()];
                    if ns.is_empty() {
                        continue;
                    }
                    if taken == 2
                        || items.iter().any(|x| lines[x.line].range == nl.range)
                        || marker_level(ns).is_some()
                        || ns.chars().count() < 12
                    {
                        break;
                    }
                    end = nl.range.end;
                    taken += 1;
                }
            }
            let month_date = match (year, &month) {
                (Some(y), Some((m, r))) => PartialDate::ym(y, *m).map(|d| (d, r.clone())),
                _ => None,
            };
            // a headline's leading date (`2024/06/10 …`) is the date of the news
            let head = strip_bullet(s).0;
            let lead = l.range.end - head.len();
            let published = find_dates(head)
                .into_iter()
                .find(|d| d.range.start == 0 && d.has_year() && d.day.is_some())
                .and_then(|d| {
                    d.resolve(None)
                        .map(|p| (p, lead + d.range.start..lead + d.range.end))
                });
            out.push(Segment {
                kind: SegmentKind::DigestItem,
                range: l.range.start..end,
                org: Some(it.org.clone()),
                title: Some((head.to_string(), lead..l.range.end)),
                published,
                month: month_date,
            });
            continue;
        }
        if let Some(c) = MONTH_RE.captures(s) {
            if let Ok(m) = c[1].parse::<u8>() {
                if (1..=12).contains(&m) {
                    month = Some((m, l.range.clone()));
                }
            }
        } else if s.chars().count() <= 40 {
            if let Some(c) = YEAR_RE.captures(s) {
                year = c[1].parse().ok();
                month = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lines;

    fn segs(t: &str) -> Vec<Segment> {
        segment(t, &lines(t))
    }

    #[test]
    fn casebook_headings_split_and_parse() {
        let t = "ブログの見出し\n【事件簿#2031-001】みどり市 職員による情報の持ち出しについて 2031/5/1\n本文。\n【事件簿#2031-002】株式会社 サンプル 不正アクセスに関するお知らせ 2031/5/2\n本文。\n";
        let s = segs(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].org.as_ref().unwrap().0, "みどり市");
        assert_eq!(s[0].published.as_ref().unwrap().0.to_string(), "2031-05-01");
        assert_eq!(
            s[0].title.as_ref().unwrap().0,
            "職員による情報の持ち出しについて"
        );
        assert_eq!(s[1].org.as_ref().unwrap().0, "株式会社サンプル");
    }

    #[test]
    fn heading_without_space_takes_the_name_form() {
        let t = "【事件簿#2031-003】あおば市職員の懲戒処分について 2031/6/1\n本文。";
        let s = segs(t);
        assert_eq!(s[0].org.as_ref().unwrap().0, "あおば市");
        assert_eq!(
            s[0].title.as_ref().unwrap().0,
            "あおば市職員の懲戒処分について"
        );
    }

    #[test]
    fn regulator_heading_names_the_breached_company() {
        let t = "【事件簿#2031-004】個人情報保護委員会 株式会社 ABC サンプル及び株式会社 XYZ に対する行政上の対応について\n本文。";
        let s = segs(t);
        assert_eq!(s[0].org.as_ref().unwrap().0, "株式会社ABCサンプル");
    }

    #[test]
    fn digest_headlines_become_items() {
        let t = "2031年の事件\n4月\n○地方の家具メーカーへの不正アクセス、約1万件の個人情報流出\n○みなと市の小学校で名簿を紛失\n5月\n- 物流企業の元社員が顧客情報を持ち出し\n";
        let s = segs(t);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].org.as_ref().unwrap().0, "地方の家具メーカー");
        assert_eq!(s[2].org.as_ref().unwrap().0, "物流企業");
        assert_eq!(s[2].month.as_ref().unwrap().0.to_string(), "2031-05");
    }

    #[test]
    fn no_incident_word_no_segment() {
        assert!(segs("システムメンテナンスのお知らせ\n明日は停止します。").is_empty());
    }
}
