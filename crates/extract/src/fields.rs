//! Field rules: from one segment of a document to the fields of one incident.
//! Each rule reads the parts of the segment its topic allows (see `analyze`), and records the
//! normalized range of its evidence.

use crate::analyze::{sentences, Line, LABEL};
use crate::anchors::{Family, ANCHORS};
use crate::dates::{find_relative, DateMention, Relative};
use crate::lexicon::*;
use crate::numbers::parse_number;
use crate::segment::{compact_name, named_org_in, Found, Segment, SegmentKind};
use jikenbo_model::{Actor, Cause, DataKind, Leak, PartialDate};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The fields found for one segment, with normalized evidence ranges.
#[derive(Debug, Default)]
pub struct Fields {
    pub organization: Option<Found<String>>,
    pub title: Option<Found<String>>,
    pub published: Option<Found<PartialDate>>,
    pub occurred: Option<Found<PartialDate>>,
    pub discovered: Option<Found<PartialDate>>,
    pub affected: Option<Found<u64>>,
    pub leak: Option<Found<Leak>>,
    pub data: Vec<Found<DataKind>>,
    pub cause: Option<Found<Cause>>,
    pub actor: Option<Found<Actor>>,
}

/// A sentence of the segment with the topic of the section it stands in.
#[derive(Debug, Clone)]
struct Sent {
    range: Range<usize>,
    topic: Topic,
}

struct Ctx<'a> {
    text: &'a str,
    seg: &'a Segment,
    lines: Vec<(&'a Line, Topic)>,
    sents: Vec<Sent>,
    dates: Vec<&'a DateMention>,
    relative: Vec<(Range<usize>, Relative)>,
    /// per sentence: the rule families whose anchor literals occur in it
    masks: Vec<u8>,
}

impl Ctx<'_> {
    /// Fact sentences (see `fact_sents`) where a rule of `family` can match (its anchor
    /// literals occur there; see `anchors`).
    fn family_sents(&self, family: Family) -> impl Iterator<Item = &Sent> {
        let bit = (1u8 << family as u8) & !ANCHORS.always();
        let all = ANCHORS.always() & (1u8 << family as u8) != 0;
        self.sents
            .iter()
            .zip(&self.masks)
            .filter(move |(s, m)| {
                (all || **m & bit != 0) && !matches!(s.topic, Topic::Prevention | Topic::Contact)
            })
            .map(|(s, _)| s)
    }
    fn s(&self, r: &Range<usize>) -> &str {
        &self.text[r.clone()]
    }
    /// Sentences that may speak of the incident's facts.
    fn fact_sents(&self) -> impl Iterator<Item = &Sent> {
        self.sents
            .iter()
            .filter(|s| !matches!(s.topic, Topic::Prevention | Topic::Contact))
    }
}

/// Topic of every line. A heading with a known topic sets it (a label line keeps the level;
/// the same topic again keeps the shallower level); an unknown heading as shallow as the
/// heading that set the topic resets it to `Other`; a deeper one (`①`, `a)`, `<…>`) inherits it.
fn line_topics<'a>(lines: &[&'a Line]) -> Vec<(&'a Line, Topic)> {
    let mut out = Vec::with_capacity(lines.len());
    let mut topic = Topic::Other;
    let mut level = 0u8; // 0: no heading yet
                         // an unmarked contact label (`問合せ先 …` in a press release header) covers its paragraph
    let mut paragraph_only: Option<(Topic, u8)> = None;
    for l in lines {
        if l.range.is_empty() {
            if let Some((t, lv)) = paragraph_only.take() {
                topic = t;
                level = lv;
            }
        }
        if let Some((LABEL, Topic::Contact)) = l.heading {
            if paragraph_only.is_none() {
                paragraph_only = Some((topic, level));
            }
            out.push((*l, Topic::Contact));
            topic = Topic::Contact;
            continue;
        }
        if let Some((lv, t)) = l.heading {
            if t != Topic::Other {
                level = match (lv, t == topic) {
                    (LABEL, _) => level.max(1),
                    (lv, true) => level.min(lv).max(1),
                    (lv, false) => lv,
                };
                topic = t;
            } else if lv != LABEL && (level == 0 || lv <= level) {
                topic = Topic::Other;
                level = lv;
            }
        }
        out.push((*l, topic));
    }
    out
}

pub fn extract_fields(
    text: &str,
    all_lines: &[Line],
    all_dates: &[DateMention],
    seg: &Segment,
) -> Fields {
    let seg_lines: Vec<&Line> = all_lines
        .iter()
        .filter(|l| l.range.start >= seg.range.start && l.range.end <= seg.range.end)
        .collect();
    let lines = line_topics(&seg_lines);
    let mut sents = Vec::new();
    for (l, t) in lines.iter() {
        for r in sentences(text, l.range.clone()) {
            sents.push(Sent {
                range: r,
                topic: *t,
            });
        }
    }
    let dates = all_dates
        .iter()
        .filter(|d| d.range.start >= seg.range.start && d.range.end <= seg.range.end)
        .collect();
    let mut masks = vec![0u8; sents.len()];
    for (off, mask) in ANCHORS.scan(&text[seg.range.clone()]) {
        let at = seg.range.start + off;
        let k = sents.partition_point(|x: &Sent| x.range.end <= at);
        if let Some(sent) = sents.get(k) {
            if sent.range.start <= at {
                masks[k] |= mask;
            }
        }
    }
    let ctx = Ctx {
        text,
        seg,
        lines,
        sents,
        dates,
        relative: find_relative(&text[seg.range.clone()])
            .into_iter()
            .map(|(r, k)| (r.start + seg.range.start..r.end + seg.range.start, k))
            .collect(),
        masks,
    };
    let mut f = Fields {
        organization: organization(&ctx),
        title: title(&ctx),
        published: published(&ctx),
        ..Fields::default()
    };
    let (occ, disc) = incident_dates(&ctx, f.published.as_ref());
    f.occurred = occ;
    f.discovered = disc;
    if seg.kind == SegmentKind::DigestItem && f.occurred.is_none() {
        f.occurred = seg.month.clone();
    }
    f.affected = affected(&ctx);
    f.data = data_kinds(&ctx);
    f.cause = cause(&ctx);
    f.actor = actor(&ctx, f.cause.as_ref());
    f.leak = leak(&ctx);
    if f.leak.is_none() {
        // an act that is itself a leak (a misdelivery, a loss, an insider's act), or a digest
        // headline, which lists incidents that happened
        if let Some((c, r)) = &f.cause {
            if seg.kind == SegmentKind::DigestItem
                || c.is_insider()
                || matches!(c, Cause::Misdelivery | Cause::LossTheft)
            {
                f.leak = Some((Leak::Confirmed, r.clone()));
            }
        }
    }
    // a support scam is seen on the screen the moment it happens
    if f.discovered.is_none() && f.cause.as_ref().is_some_and(|c| c.0 == Cause::SupportScam) {
        if let Some(o) = &f.occurred {
            if o.0.is_full() {
                f.discovered = Some(o.clone());
            }
        }
    }
    f
}

// ---------------------------------------------------------------- organization

/// A line that is nothing but an organization's name (a notice's header or signature):
/// `株式会社サンプル`, `みどり市`, `サンプル協会 代表理事 山田太郎` (the name before the role).
fn org_line(s: &str) -> Option<&str> {
    let s = s.trim();
    let s = ORG_LABEL.find(s).map_or(s, |m| &s[m.end()..]);
    if s.contains('各') && s.contains('位') {
        return None;
    }
    let first = s.split(' ').next().unwrap_or(s);
    for cand in [s, first] {
        let n = cand.chars().count();
        if !(2..=40).contains(&n) || cand.contains(['。', '、', ':', '「']) {
            continue;
        }
        if ["について", "お知らせ", "お詫び", "報告", "案内", "各位"]
            .iter()
            .any(|w| cand.contains(w))
        {
            continue;
        }
        if cand.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        if ORG_PREFIX_RE.is_match(cand) || ORG_SUFFIX_RE.is_match(cand) {
            return Some(cand);
        }
    }
    None
}

fn organization(ctx: &Ctx) -> Option<Found<String>> {
    if let Some(o) = &ctx.seg.org {
        return Some(o.clone());
    }
    let nonempty: Vec<&Line> = ctx
        .lines
        .iter()
        .map(|(l, _)| *l)
        .filter(|l| !l.range.is_empty())
        .collect();
    let head = nonempty.iter().take(12);
    let tail = nonempty.iter().rev().take(10);
    for l in head.chain(tail) {
        let s = ctx.s(&l.range);
        if let Some(name) = org_line(s) {
            let off = l.range.start + s.find(name).unwrap_or(0);
            return Some((compact_name(name), off..off + name.len()));
        }
    }
    // a legal-entity name anywhere, the most frequent one
    let mut best: Option<(usize, Found<String>)> = None;
    let mut pos = ctx.seg.range.start;
    while pos < ctx.seg.range.end {
        let Some(found) = named_org_in(ctx.text, pos..ctx.seg.range.end) else {
            break;
        };
        let n = ctx
            .s(&ctx.seg.range)
            .matches(found.0.as_str())
            .count()
            .max(1);
        pos = found.1.end;
        if best.as_ref().is_none_or(|b| n > b.0) {
            best = Some((n, found));
        }
    }
    best.map(|b| b.1)
}

// ---------------------------------------------------------------- title

static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(
        r"(について|につきまして|に関して|のお知らせ|お知らせ|お詫び|ご報告|報告|ご案内|のお願い|発生|事案|(第\d+報|続報|確報|最終報)\)?)$",
    )
});

fn title(ctx: &Ctx) -> Option<Found<String>> {
    if let Some(t) = &ctx.seg.title {
        return Some(t.clone());
    }
    for (l, _) in ctx
        .lines
        .iter()
        .filter(|(l, _)| !l.range.is_empty())
        .take(15)
    {
        let s = ctx.s(&l.range);
        let md = s.starts_with('#');
        let t = s.trim_start_matches('#').trim();
        let n = t.chars().count();
        if !(6..=100).contains(&n) || t.ends_with('。') || t.contains("各位") {
            continue;
        }
        if md || TITLE_END.is_match(t) || t.starts_with("【お詫び") {
            let off = l.range.start + (s.len() - t.len());
            return Some((t.to_string(), off..off + t.len()));
        }
    }
    None
}

// ---------------------------------------------------------------- dates

/// A date line: the date and at most a few words around it (`令和6年3月15日`, `2024年3月15日 更新`).
fn standalone_date<'a>(ctx: &'a Ctx, l: &Line) -> Option<&'a DateMention> {
    let s = ctx.s(&l.range);
    let d = ctx
        .dates
        .iter()
        .find(|d| d.range.start >= l.range.start && d.range.end <= l.range.end)?;
    let rest = s.len() - (d.range.end - d.range.start);
    (d.has_year() && d.day.is_some() && rest <= 24).then_some(*d)
}

fn published(ctx: &Ctx) -> Option<Found<PartialDate>> {
    if let Some(p) = &ctx.seg.published {
        return Some(p.clone());
    }
    if ctx.seg.kind != SegmentKind::Notice {
        return None;
    }
    // a 公表日 label section
    for (l, t) in ctx.lines.iter() {
        if *t == Topic::Published && l.heading.is_none() {
            if let Some(d) = standalone_date(ctx, l).or_else(|| first_date_in(ctx, l.range.clone()))
            {
                return d.resolve(None).map(|p| (p, d.range.clone()));
            }
        }
    }
    for (l, _) in ctx
        .lines
        .iter()
        .filter(|(l, _)| !l.range.is_empty())
        .take(15)
    {
        if let Some(d) = standalone_date(ctx, l) {
            return d.resolve(None).map(|p| (p, d.range.clone()));
        }
    }
    None
}

fn first_date_in<'a>(ctx: &'a Ctx, r: Range<usize>) -> Option<&'a DateMention> {
    ctx.dates
        .iter()
        .find(|d| d.range.start >= r.start && d.range.end <= r.end && d.has_year())
        .copied()
}

static SAME_DAY: LazyLock<Regex> =
    LazyLock::new(|| crate::lexicon::re(r"(発生)?(当日|同日)(中)?に?(検知|判明|発覚|確認|気付)"));
static PROGRESSIVE: LazyLock<Regex> =
    LazyLock::new(|| crate::lexicon::re(r"ていた|ている|ていること|てい(まし|る)"));

/// The first cue of each kind in `window`, by position: (kind, start, end). An event word used
/// as a topic (`漏えいの疑いに関する`) or denied (`漏洩が無いか`) is no cue; with `states`
/// false, neither is a lasting state (`閲覧可能となっている`).
fn cues(window: &str, rest: &str, states: bool) -> Vec<(DateCue, usize, usize)> {
    let mut out = Vec::new();
    for r in DATE_CUES.iter() {
        for m in r.re.find_iter(window) {
            // judged on the words after the cue, even past the window
            let after = &rest[m.end()..];
            if r.kind != DateCue::Response
                && (CUE_NEGATED.is_match(after) || CUE_NOMINAL.is_match(after))
            {
                continue;
            }
            if r.kind == DateCue::Occurred && !states && CUE_STATE.is_match(after) {
                continue;
            }
            out.push((r.kind, m.start(), m.end()));
            break;
        }
    }
    // at the same place, a discovery reading wins (`報告があり` is learning, not reporting)
    let rank = |k: DateCue| match k {
        DateCue::Discovered => 0,
        DateCue::Occurred => 1,
        DateCue::Response => 2,
    };
    out.sort_by_key(|c| (c.1, rank(c.0)));
    out
}

/// Every date mention of the segment with its date, in order: a month-day takes its year from
/// the notice's date or the last dated mention; `同日`/`翌15日` count from the last full date.
fn resolve_mentions(ctx: &Ctx, published: Option<PartialDate>) -> Vec<(PartialDate, DateMention)> {
    let mut out: Vec<(PartialDate, DateMention)> = Vec::new();
    let mut last_year: Option<PartialDate> = published;
    let mut last_full: Option<PartialDate> = None;
    let mut rel = ctx.relative.iter().peekable();
    let relative = |r: &Range<usize>, kind: &Relative, last_full: Option<PartialDate>| {
        let date = last_full.and_then(|l| kind.resolve(l))?;
        let m = DateMention {
            range: r.clone(),
            year: Some(date.year),
            month: date.month,
            day: date.day,
            fiscal: false,
        };
        Some((date, m))
    };
    for d in ctx.dates.iter() {
        while let Some((r, kind)) = rel.next_if(|(r, _)| r.start < d.range.start) {
            out.extend(relative(r, kind, last_full));
        }
        let Some(date) = d.resolve(published.or(last_year)) else {
            continue;
        };
        if d.has_year() {
            last_year = Some(date);
        }
        if date.is_full() {
            last_full = Some(date);
        }
        out.push((date, (*d).clone()));
    }
    for (r, kind) in rel {
        out.extend(relative(r, kind, last_full));
    }
    out
}

/// Occurrence and discovery dates. A date is read with the words after it up to the next date or
/// the end of its sentence (a date alone on a line reads the lines below it): the first cue
/// decides. `2022年6月以降…閲覧していたことが判明` is an occurrence (a period start);
/// `…に判明` a discovery; `…付けで処分` neither. Label sections (`発生日時`) decide directly.
fn incident_dates(
    ctx: &Ctx,
    published_found: Option<&Found<PartialDate>>,
) -> (Option<Found<PartialDate>>, Option<Found<PartialDate>>) {
    let published = published_found.map(|p| p.0);
    let published_range = published_found.map(|p| p.1.clone());
    let mut occ: Vec<Found<PartialDate>> = Vec::new();
    let mut disc: Vec<Found<PartialDate>> = Vec::new();
    let text = ctx.text;
    let resolved = resolve_mentions(ctx, published);
    let mentions: Vec<&DateMention> = resolved.iter().map(|(_, m)| m).collect();
    for (k, (date, d)) in resolved.iter().enumerate() {
        let date = *date;
        // the notice's own date is neither
        if published_range.as_ref().is_some_and(|p| *p == d.range) {
            continue;
        }
        let Some(li) = ctx
            .lines
            .iter()
            .position(|(l, _)| l.range.start <= d.range.start && d.range.end <= l.range.end)
        else {
            continue;
        };
        let (line, topic) = ctx.lines[li];
        if matches!(topic, Topic::Prevention | Topic::Contact | Topic::Published) {
            continue;
        }
        let found = (date, d.range.clone());
        match topic {
            Topic::Occurred if line.heading.is_none() => {
                occ.push(found);
                continue;
            }
            Topic::Discovered if line.heading.is_none() => {
                disc.push(found);
                continue;
            }
            _ => {}
        }
        // an inline label: `発生日: 2024年12月27日`, `| 発覚日 | 2025年1月6日 |`
        let before_on_line = &text[line.range.start..d.range.start];
        if let Some(c) = INLINE_DATE_LABEL.captures(before_on_line) {
            // `発覚日 …` is the discovery; `発生日 …`, `閲覧可能となっていた期間 …` the occurrence
            match c.get(2).map(|m| m.as_str()) {
                Some("発生") | None => occ.push(found),
                Some(_) => disc.push(found),
            }
            continue;
        }
        // the window: to the next date (unless it closes a range) or the end of the sentence
        let sent_end = ctx
            .sents
            .iter()
            .find(|s| s.range.start <= d.range.start && d.range.end <= s.range.end)
            .map_or(line.range.end, |s| s.range.end);
        let mut end = sent_end;
        let mut next = k + 1;
        while let Some(nd) = mentions.get(next) {
            if nd.range.start >= end {
                break;
            }
            let between = &text[d.range.end..nd.range.start];
            if RANGE_START.is_match(between) && between.chars().count() <= 8 {
                next += 1; // `AからBまで…`: the words after B belong to A too
                continue;
            }
            end = nd.range.start;
            break;
        }
        // the words that speak of a date stand close to it
        let cap = floor_char(text, (d.range.end + 360).min(end));
        let mut window = &text[d.range.end..cap];
        let mut rest = &text[d.range.end..end.max(sent_end)];
        let date_alone = text[line.range.clone()].chars().count() <= (d.range.len() / 3 + 14)
            && window.chars().count() <= 12;
        if date_alone {
            // a timeline entry: read the following lines up to the next date or heading
            let mut e = line.range.end;
            for (l2, _) in ctx.lines.iter().skip(li + 1) {
                if l2.heading.is_some() && !text[l2.range.clone()].is_empty() {
                    break;
                }
                if mentions
                    .iter()
                    .any(|x| x.range.start >= l2.range.start && x.range.start < l2.range.end)
                {
                    e = l2.range.start.min(e.max(l2.range.start));
                    break;
                }
                e = l2.range.end;
                if e - line.range.end > 600 {
                    break;
                }
            }
            window = &text[d.range.end..e.max(d.range.end)];
            rest = window;
        }
        if RANGE_END.is_match(window) {
            continue;
        }
        let range_start = RANGE_START.is_match(window);
        if range_start {
            // a period starts: an occurrence if anything of the incident happens in it
            if cues(window, rest, true)
                .iter()
                .any(|c| c.0 == DateCue::Occurred)
            {
                occ.push(found);
            }
            continue;
        }
        let cs = cues(window, rest, false);
        tracing::trace!(date = %date, window, ?cs, "date cues");
        let Some(first) = cs.first() else { continue };
        match first.0 {
            DateCue::Response => {}
            DateCue::Discovered => disc.push(found),
            DateCue::Occurred => {
                occ.push(found.clone());
                if let Some(dc) = cs.iter().find(|c| c.0 == DateCue::Discovered) {
                    if !PROGRESSIVE.is_match(&window[..dc.1]) {
                        disc.push(found);
                    }
                }
            }
        }
    }
    // `発生当日に検知`: discovered the day it happened
    if disc.is_empty() {
        if let Some(first_occ) = occ.iter().min_by_key(|o| o.0) {
            for s in ctx.fact_sents() {
                if let Some(m) = SAME_DAY.find(ctx.s(&s.range)) {
                    if m.as_str().starts_with("発生") && first_occ.0.is_full() {
                        disc.push((
                            first_occ.0,
                            s.range.start + m.start()..s.range.start + m.end(),
                        ));
                        break;
                    }
                }
            }
        }
    }
    let earliest = |v: Vec<Found<PartialDate>>| v.into_iter().min_by_key(|x| x.0);
    (earliest(occ), earliest(disc))
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------- affected

static COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(
        r"(?P<q>合計約|合計|計約|総計|計|最大約|最大|延べ|約|およそ|少なくとも)?\s*(?P<n>\d[\d,]*(?:\.\d+)?(?:\s*[万億](?:\s*\d[\d,]*\s*[千百]?)?)?|[〇一二三四五六七八九十百千万億]+)\s*(?P<u>人分|名分|件分|名様|人|名|件|世帯|アカウント)",
    )
});
/// After a count: it counts cases or contacts, not persons (`100件以上の事件`, `8名の…に架電`).
static COUNT_NOT_PERSONS: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(
        r"^(以上|超|程度|余り)?の?(事件|事案|案件|問い?合わ?せ|お問い合わせ|苦情|被害届|相談|報告|申告|通報)",
    )
});
static SUBSET_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(r"(うち|の内|内訳|このうち)[、:\s]*(\S{0,24}[では]{0,2})?$")
});
static STAFF_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| crate::lexicon::re(r"(職員|社員|従業員|作業者|審査員|担当者|容疑者)\s*$"));
static DATA_AFTER: LazyLock<Regex> =
    LazyLock::new(|| crate::lexicon::re(r"^\s*の\s*(個人|情報|データ|メール|氏名|住所|名簿|顧客)"));
static COUNT_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    crate::lexicon::re(
        r"個人情報|個人データ|顧客|お客|会員|患者|利用者|生徒|児童|学生|住民|市民|町民|村民|県民|受験者|応募者|申請者|当選者|契約者|被保険者|名簿|氏名|メールアドレス|住所|電話番号|情報|データ|人分|名分|件分|漏えい|漏洩|流出|件数|対象|メール|閲覧|通知|書類|封入|同封|送付|送信|紛失",
    )
});

#[derive(Debug, Clone)]
struct Count {
    value: u64,
    range: Range<usize>,
    total: bool,
    subset: bool,
    in_parens_after_count: bool,
}

fn counts_in(ctx: &Ctx, r: Range<usize>) -> Vec<Count> {
    let s = &ctx.text[r.clone()];
    let mut out: Vec<Count> = Vec::new();
    for c in COUNT_RE.captures_iter(s) {
        let m = c.get(0).expect("m");
        let before = &s[..m.start()];
        if before.ends_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '第' || ch == '.') {
            continue;
        }
        let unit = &c["u"];
        let after = &s[m.end()..];
        if COUNT_NOT_PERSONS.is_match(after) || EVENTS_BEFORE.is_match(before) {
            continue;
        }
        let per_data = unit.ends_with('分');
        if !per_data && STAFF_BEFORE.is_match(before) && !DATA_AFTER.is_match(after) {
            continue; // the staff who acted, not the persons affected
        }
        let num = c["n"].replace(' ', "");
        let Some(value) = parse_number(&num) else {
            continue;
        };
        if value == 0 {
            continue;
        }
        let q = c.name("q").map_or("", |q| q.as_str());
        let total = q.contains('計')
            || before.ends_with("全国で")
            || before.ends_with("全体で")
            || before.ends_with("合計で");
        // `243人の内、177人`: a part of a figure given before it
        let subset = SUBSET_BEFORE.is_match(before) && !out.is_empty();
        // `243人分(顧客168人分、…)`: counts in parentheses right after a count break it down
        let in_parens_after_count = match (before.rfind('('), before.rfind(')')) {
            (Some(o), cl) if cl.is_none_or(|c| c < o) => {
                let open = r.start + o;
                out.iter()
                    .any(|p| p.range.end <= open && ctx.text[p.range.end..open].trim().is_empty())
            }
            _ => false,
        };
        out.push(Count {
            value,
            range: r.start + m.start()..r.start + m.end(),
            total,
            subset,
            in_parens_after_count,
        });
    }
    out
}

/// One figure for a group of counts: the largest total when one is marked as such (`計約923万件`),
/// else the sum of the distinct figures that are no subset or breakdown (`25,093件` + `2,214件`).
fn combine(counts: &[Count]) -> Option<(u64, Range<usize>)> {
    let totals: Vec<&Count> = counts.iter().filter(|c| c.total && !c.subset).collect();
    if let Some(t) = totals.iter().max_by_key(|c| c.value) {
        let biggest = counts.iter().map(|c| c.value).max().unwrap_or(0);
        if t.value >= biggest {
            return Some((t.value, t.range.clone()));
        }
    }
    let mut parts: Vec<&Count> = counts
        .iter()
        .filter(|c| !c.subset && !c.in_parens_after_count)
        .collect();
    parts.sort_by_key(|c| c.value);
    parts.dedup_by_key(|c| c.value);
    if parts.is_empty() {
        return None;
    }
    let sum = parts.iter().try_fold(0u64, |a, c| a.checked_add(c.value))?;
    let start = parts.iter().map(|c| c.range.start).min()?;
    let end = parts.iter().map(|c| c.range.end).max()?;
    Some((sum, start..end))
}

/// Persons affected: the leaked-data section's figures combined; where there is no such section,
/// the largest figure of a sentence that speaks of personal data or its leak.
fn affected(ctx: &Ctx) -> Option<Found<u64>> {
    let mut section: Vec<Count> = Vec::new();
    let mut best: Option<(u64, Range<usize>)> = None;
    for s in ctx.family_sents(Family::Count) {
        let cs = counts_in(ctx, s.range.clone());
        if cs.is_empty() {
            continue;
        }
        if s.topic == Topic::Data {
            section.extend(cs);
            continue;
        }
        if !COUNT_CONTEXT.is_match(ctx.s(&s.range)) {
            continue;
        }
        if let Some(v) = combine(&cs) {
            if best.as_ref().is_none_or(|b| v.0 > b.0) {
                best = Some(v);
            }
        }
    }
    if let Some(v) = combine(&section) {
        return Some(v);
    }
    best
}

// ---------------------------------------------------------------- leak

fn leak(ctx: &Ctx) -> Option<Found<Leak>> {
    let mut first: [Option<Range<usize>>; 6] = Default::default(); // Cp, Cu, P, Np, N, W
    for s in ctx.family_sents(Family::Leak) {
        let st = ctx.s(&s.range);
        let personal = PERSONAL_RE.is_match(st);
        let secondary = SECONDARY_RE.is_match(st);
        for r in LEAK_RULES.iter() {
            for m in r.re.find_iter(st) {
                let after = &st[m.end()..];
                let before = &st[..m.start()];
                let slot = match r.kind {
                    LeakCue::Confirmed => {
                        if HEDGE_AFTER.is_match(after)
                            || CONFIRM_NEGATED.is_match(after)
                            || before.ends_with("万が一")
                            || before.ends_with("万一")
                            || after.starts_with("ことは")
                        {
                            continue;
                        }
                        if personal {
                            0
                        } else {
                            1
                        }
                    }
                    // the report form's boilerplate `発生し、又は発生したおそれがある` says nothing
                    LeakCue::Possible if REPORT_FORM_BEFORE.is_match(before) => continue,
                    LeakCue::Possible => 2,
                    LeakCue::NoLeak => {
                        if secondary {
                            continue;
                        }
                        if personal {
                            3
                        } else {
                            4
                        }
                    }
                    LeakCue::Weak => 5,
                };
                let range = s.range.start + m.start()..s.range.start + m.end();
                if first[slot].is_none() {
                    first[slot] = Some(range);
                }
                break;
            }
        }
    }
    let [cp, cu, p, np, n, w] = first;
    if let Some(r) = cp {
        Some((Leak::Confirmed, r))
    } else if let (Some(r), None) = (cu, &np) {
        Some((Leak::Confirmed, r))
    } else if let Some(r) = p {
        Some((Leak::Possible, r))
    } else if let Some(r) = np.or(n) {
        Some((Leak::None, r))
    } else {
        w.map(|r| (Leak::Possible, r))
    }
}

// ---------------------------------------------------------------- data kinds

fn data_kinds(ctx: &Ctx) -> Vec<Found<DataKind>> {
    let mut out: Vec<Found<DataKind>> = Vec::new();
    for s in ctx.family_sents(Family::Data) {
        let st = ctx.s(&s.range);
        let in_scope = s.topic == Topic::Data
            || EXPOSURE_RE.is_match(st)
            || ctx.seg.kind == SegmentKind::DigestItem;
        if !in_scope || DATA_NEGATION.is_match(st) || MEASURE_RE.is_match(st) {
            continue;
        }
        for r in DATA_RULES.iter() {
            if out.iter().any(|(k, _)| *k == r.kind) {
                continue;
            }
            for m in r.re.find_iter(st) {
                if DATA_SKIP_AFTER.is_match(&st[m.end()..]) {
                    continue;
                }
                out.push((r.kind, s.range.start + m.start()..s.range.start + m.end()));
                break;
            }
        }
    }
    out.sort_by_key(|(k, _)| *k);
    out
}

// ---------------------------------------------------------------- cause and actor

/// The cause: read first in the cause section, then in the whole segment;
/// in each, the most specific cause (the order of `CAUSE_RULES`) wins. Insider causes and an
/// insider's `不正アクセス` need a sentence that names the organization's own people.
fn cause(ctx: &Ctx) -> Option<Found<Cause>> {
    let hit: Vec<&Sent> = ctx.family_sents(Family::Cause).collect();
    let scopes: [Vec<Range<usize>>; 2] = [
        hit.iter()
            .filter(|s| s.topic == Topic::Cause)
            .map(|s| s.range.clone())
            .collect(),
        hit.iter().map(|s| s.range.clone()).collect(),
    ];
    let insider_doc = ctx
        .family_sents(Family::Insider)
        .any(|s| INSIDER_RE.is_match(ctx.s(&s.range)));
    for scope in scopes.iter() {
        let mut best: Option<(usize, Found<Cause>)> = None;
        for r in scope {
            let st = ctx.s(r);
            for (rank, rule) in CAUSE_RULES.iter().enumerate() {
                if best.as_ref().is_some_and(|b| b.0 <= rank) {
                    break;
                }
                let Some(m) = rule
                    .re
                    .find_iter(st)
                    .find(|m| !st[m.end()..].starts_with("禁止法"))
                else {
                    continue;
                };
                let mut c = rule.cause;
                if c.is_insider() && !(INSIDER_RE.is_match(st) || insider_doc) {
                    continue;
                }
                if c == Cause::UnauthorizedAccess && is_insider_access(st) {
                    c = Cause::InsiderSnooping;
                }
                best = Some((rank, (c, r.start + m.start()..r.start + m.end())));
            }
        }
        if let Some((_, found)) = best {
            return Some(found);
        }
    }
    None
}

/// `職員が…不正にアクセスし` / `警部補が…不正アクセス`: an insider accessing without authority.
fn is_insider_access(sentence: &str) -> bool {
    static SUBJ: LazyLock<Regex> = LazyLock::new(|| {
        crate::lexicon::re(
            r"(職員|社員|従業員|巡査|警部|警察官|教員|教諭|被処分者)[^。]{0,6}(が|は)[^。]{0,40}不正(に)?(アクセス|ログイン)|(職員|警部補?|巡査長?)[^。]{0,10}(が|を)[^。]{0,6}(書類送検|逮捕)",
        )
    });
    SUBJ.is_match(sentence) && !sentence.contains("第三者") && !sentence.contains("外部から")
}

fn actor(ctx: &Ctx, cause: Option<&Found<Cause>>) -> Option<Found<Actor>> {
    let seg_text = ctx.s(&ctx.seg.range);
    let partner = || {
        PARTNER_RE
            .find(seg_text)
            .map(|m| ctx.seg.range.start + m.start()..ctx.seg.range.start + m.end())
    };
    match cause {
        Some((c, r)) if c.is_attack() => Some((Actor::External, r.clone())),
        Some((_, r)) => match partner() {
            Some(p) => Some((Actor::Partner, p)),
            None => Some((Actor::Internal, r.clone())),
        },
        None => {
            static STAFF_ACT: LazyLock<Regex> = LazyLock::new(|| {
                crate::lexicon::re(r"(職員|社員|従業員)[^。]{0,30}(逮捕|懲戒|書類送検|不祥事)")
            });
            STAFF_ACT.find(seg_text).map(|m| {
                (
                    Actor::Internal,
                    ctx.seg.range.start + m.start()..ctx.seg.range.start + m.end(),
                )
            })
        }
    }
}
