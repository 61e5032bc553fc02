//! Field rules: from one segment of a document to the fields of one incident. One module per
//! field, each opening with what it reads and examples, each with its rule table and fixtures:
//!
//! | module | field | reads |
//! |---|---|---|
//! | [`organization`] | `organization` | the segment's heading, a notice's header and signature, `X(以下「当社」)`, the announcing subject of a news item (`Xは28日、…と発表した`), the most frequent name |
//! | [`title`] | `title` | a notice's own title line |
//! | [`dates`] | `published`, `occurred`, `discovered` | the notice's date, the words after (and before) each date: `…に判明` a discovery, `…から流出` an occurrence |
//! | [`affected`] | `affected` | counts of persons or records: the leaked-data section summed over its categories, else the largest count that speaks of personal data |
//! | [`leak`] | `leak` | confirmed, possible or no leak, from the statements on it |
//! | [`data`] | `data` | the kinds of personal data in the sentences about what leaked |
//! | [`cause`] | `cause` | the most specific cause shown, the cause section first |
//! | [`actor`] | `actor` | who acted: attacker, contractor or the organization's own people |
//!
//! Each rule reads the part of the segment its topic allows (see `analyze`): the leaked-data
//! section for counts and kinds, never the recurrence-prevention or contact sections, never an
//! aside (a glossary footnote `※…:`, a link to a related article).

pub mod actor;
pub mod affected;
pub mod cause;
pub mod data;
pub mod dates;
pub mod leak;
pub mod organization;
pub mod title;

use crate::analyze::{sentences, Line, Topic, LABEL};
use crate::anchors::{Family, Rows, ANCHORS};
use crate::dates::DateMention;
use crate::doc::Doc;
use crate::rules::RowMask;
use crate::segment::{Found, Segment, SegmentKind};
use jikenbo_model::{Actor, Cause, DataKind, Leak, PartialDate};
use std::ops::Range;

/// The fields found for one segment, with normalized evidence ranges.
#[derive(Debug, Default)]
pub struct Fields {
    pub organization: Option<Found<String>>,
    /// Other organizations the same facts belong to (`XとYにおいて…不正アクセス`).
    pub also: Vec<Found<String>>,
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
pub struct Sent {
    pub range: Range<usize>,
    pub topic: Topic,
}

/// What every field rule reads of one segment.
pub struct Ctx<'a> {
    pub doc: &'a Doc<'a>,
    pub text: &'a str,
    pub seg: &'a Segment,
    pub lines: Vec<(Line, Topic)>,
    pub sents: Vec<Sent>,
    /// The segment's date mentions, resolved in order.
    pub dates: Vec<(PartialDate, &'a DateMention)>,
    /// The date that anchors the segment's dates (its heading's date, else the dateline).
    pub anchor: Option<PartialDate>,
    /// per sentence: the rows of each family whose prefix literals occur in it
    masks: Vec<Rows>,
    /// where the literals begin in the segment (absolute offsets, in order), with their rows
    hits: Vec<(usize, Rows)>,
    /// per sentence: its hits (a range of `hits`)
    sent_hits: Vec<Range<usize>>,
}

impl Ctx<'_> {
    pub fn s(&self, r: &Range<usize>) -> &str {
        &self.text[r.clone()]
    }
    /// Sentences that may speak of the incident's facts.
    pub fn fact_sents(&self) -> impl Iterator<Item = &Sent> {
        self.sents.iter().filter(|s| is_fact_topic(s.topic))
    }
    /// Fact sentences where a rule of `family` can match (its anchor literals occur there).
    pub fn family_sents(&self, family: Family) -> impl Iterator<Item = &Sent> {
        self.family_rows(family).map(|(s, _)| s)
    }
    /// Fact sentences where a rule of `family` can match, with the rows whose prefix literals
    /// occur there (give them to the table's `rows_of`).
    pub fn family_rows(&self, family: Family) -> impl Iterator<Item = (&Sent, RowMask)> {
        let f = family as usize;
        let always = ANCHORS.always()[f];
        self.sents
            .iter()
            .zip(&self.masks)
            .map(move |(s, m)| (s, m[f] | always))
            .filter(|(s, m)| *m != 0 && is_fact_topic(s.topic))
    }
    /// The matches of row `i` of `table`, the table of `family`, in sentence `s` (guards
    /// applied, as the rule's `find_iter` gives them; offsets of the sentence's text), by
    /// anchored searches where the row's literals begin in it (the segment's scan found them).
    pub fn row_matches<'s, V>(
        &'s self,
        table: &'s crate::rules::RuleSet<V>,
        family: Family,
        s: &Sent,
        i: usize,
    ) -> impl Iterator<Item = Range<usize>> + 's {
        let f = family as usize;
        let st = self.s(&s.range);
        // (the sentences are in order and apart)
        let k = self
            .sents
            .partition_point(|x| x.range.start < s.range.start);
        let hits = match self.sents.get(k).filter(|x| x.range == s.range) {
            Some(_) => &self.hits[self.sent_hits[k].clone()],
            None => {
                let first = self.hits.partition_point(|h| h.0 < s.range.start);
                let n = self.hits[first..].partition_point(|h| h.0 < s.range.end);
                &self.hits[first..first + n]
            }
        };
        let all = ANCHORS.always()[f] & (1 << i) != 0;
        let has = move |r: &Rows| r[f] & (1 << i) != 0;
        table[i].matches_from(st, crate::rules::starts(hits, s.range.start, has, all, st))
    }
    /// The text of the whole segment.
    pub fn seg_text(&self) -> &str {
        &self.text[self.seg.range.clone()]
    }
    /// The sentence holding byte `at`.
    pub fn sent_at(&self, at: usize) -> Option<&Sent> {
        let k = self.sents.partition_point(|s| s.range.end <= at);
        self.sents.get(k).filter(|s| s.range.start <= at)
    }
}

pub(crate) fn is_fact_topic(t: Topic) -> bool {
    !matches!(t, Topic::Prevention | Topic::Contact | Topic::Aside)
}

/// Topic of every line. A heading with a known topic sets it (a label line keeps the level;
/// the same topic again keeps the shallower level); an unknown heading as shallow as the
/// heading that set the topic resets it to `Other`; a deeper one (`①`, `a)`, `<…>`) inherits it.
/// Asides (a glossary footnote, a link to another article) are marked line by line.
fn line_topics(text: &str, lines: Vec<Line>) -> Vec<(Line, Topic)> {
    let mut out = Vec::with_capacity(lines.len());
    let mut topic = Topic::Other;
    let mut level = 0u8; // 0: no heading yet
                         // an unmarked contact label (`問合せ先 …` in a press release header) covers its paragraph
    let mut paragraph_only: Option<(Topic, u8)> = None;
    // under a list of links to other articles (`関連記事`, `あわせて読みたい`): its short lines
    // are headlines of other stories, up to the first paragraph of prose
    let mut related = false;
    for l in lines {
        if l.range.is_empty() {
            if let Some((t, lv)) = paragraph_only.take() {
                topic = t;
                level = lv;
            }
        }
        let line = &text[l.range.clone()];
        if related && !l.range.is_empty() {
            if line.chars().count() <= 60 && !line.ends_with('。') {
                out.push((l, Topic::Aside));
                continue;
            }
            related = false;
        }
        if crate::analyze::is_related_links(line.trim()) {
            related = true;
            out.push((l, Topic::Aside));
            continue;
        }
        if crate::analyze::is_aside(line) {
            out.push((l, Topic::Aside));
            continue;
        }
        if let Some((LABEL, Topic::Contact)) = l.heading {
            if paragraph_only.is_none() {
                paragraph_only = Some((topic, level));
            }
            out.push((l, Topic::Contact));
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
        out.push((l, topic));
    }
    out
}

pub fn extract_fields(doc: &Doc, seg: &Segment) -> Fields {
    let text = doc.text;
    // the segment's lines, clipped to it (a case may start inside a paragraph)
    // (lines are in text order, apart: their starts and ends both ascend)
    let first_line = doc.lines.partition_point(|l| l.range.end < seg.range.start);
    // (the lines of `take_while` below, counted first: one allocation)
    let n_lines = doc.lines[first_line..].partition_point(|l| l.range.start <= seg.range.end);
    let mut seg_lines: Vec<Line> = Vec::with_capacity(n_lines);
    seg_lines.extend(
        doc.lines[first_line..first_line + n_lines]
            .iter()
            .filter_map(|l| {
                let s = l.range.start.max(seg.range.start);
                let e = l.range.end.min(seg.range.end);
                (s <= e).then_some(Line {
                    range: s..e,
                    heading: if s == l.range.start { l.heading } else { None },
                })
            }),
    );
    let lines = line_topics(text, seg_lines);
    // (about as many as the document's sentences in the segment)
    let n_sents = doc
        .sents
        .partition_point(|s| s.start < seg.range.end)
        .saturating_sub(doc.sents.partition_point(|s| s.end <= seg.range.start));
    let mut sents = Vec::with_capacity(n_sents + 4);
    let mut doc_sents = doc.sents_in(seg.range.clone()).map(|(_, r)| r).peekable();
    for (l, t) in lines.iter() {
        if l.range.start == l.range.end {
            continue;
        }
        // the document's sentences of this line (a segment cut inside a line splits its own)
        let whole = doc
            .lines
            .binary_search_by_key(&l.range.start, |dl| dl.range.start)
            .is_ok_and(|i| doc.lines[i].range == l.range);
        if whole {
            while let Some(r) = doc_sents.next_if(|r| r.start < l.range.end) {
                if r.start >= l.range.start {
                    sents.push(Sent {
                        range: r.clone(),
                        topic: *t,
                    });
                }
            }
        } else {
            for r in sentences(text, l.range.clone()) {
                sents.push(Sent {
                    range: r,
                    topic: *t,
                });
            }
        }
    }
    let mut masks: Vec<Rows> = vec![[0; crate::anchors::FAMILIES]; sents.len()];
    // (about one literal in sixteen bytes of Japanese text)
    let mut hits: Vec<(usize, Rows)> = Vec::with_capacity(seg.range.len() / 16);
    let mut k = 0;
    ANCHORS.scan(&text[seg.range.clone()], |off, rows| {
        let at = seg.range.start + off;
        // (kept in order of their starts: the scan reports them in the order they end, a
        // shorter literal inside a longer one before it)
        let mut j = hits.len();
        hits.push((at, rows));
        while j > 0 && hits[j - 1].0 > at {
            hits.swap(j - 1, j);
            j -= 1;
        }
        // the first sentence ending after `at`: mostly the one of the hit before (the
        // sentences are in order and apart)
        if !sents
            .get(k)
            .is_some_and(|x: &Sent| x.range.start <= at && at < x.range.end)
        {
            k = sents.partition_point(|x: &Sent| x.range.end <= at);
        }
        if let Some(sent) = sents.get(k) {
            if sent.range.start <= at {
                for (m, r) in masks[k].iter_mut().zip(rows) {
                    *m |= r;
                }
            }
        }
    });
    let sent_hits: Vec<Range<usize>> = sents
        .iter()
        .map(|s| {
            let first = hits.partition_point(|h| h.0 < s.range.start);
            first..first + hits[first..].partition_point(|h| h.0 < s.range.end)
        })
        .collect();
    let anchor = seg
        .published
        .as_ref()
        .map(|p| p.0)
        .filter(|p| p.is_full())
        .or_else(|| doc.anchor_date());
    // the dates of the segment, resolved in order; a case number's year (`#2023-481`) anchors
    // a repost whose own dates have no year
    // (the mentions are in text order, apart)
    let first_date = doc
        .dates
        .partition_point(|d| d.range.start < seg.range.start);
    let seg_dates: Vec<&DateMention> = doc.dates[first_date..]
        .iter()
        .take_while(|d| d.range.start <= seg.range.end)
        .filter(|d| d.range.end <= seg.range.end)
        .collect();
    let year_hint = seg
        .month
        .as_ref()
        .filter(|m| m.0.month.is_none())
        .map(|m| m.0.year);
    let dates = crate::dates::resolve_with(seg_dates.iter().copied(), anchor, year_hint);
    let ctx = Ctx {
        doc,
        text,
        seg,
        lines,
        sents,
        dates,
        anchor,
        masks,
        hits,
        sent_hits,
    };
    let (organization, also) = organization::organization(&ctx);
    let mut f = Fields {
        organization,
        also,
        title: title::title(&ctx),
        published: dates::published(&ctx),
        ..Fields::default()
    };
    f.cause = cause::cause(&ctx);
    let (occ, disc) =
        dates::incident_dates(&ctx, f.published.as_ref(), f.cause.as_ref().map(|c| c.0));
    f.occurred = occ;
    f.discovered = disc;
    if seg.kind == SegmentKind::DigestItem && f.occurred.is_none() {
        f.occurred = seg.month.clone().filter(|m| m.0.month.is_some());
    }
    if seg.occurred.is_some() {
        f.occurred = seg.occurred.clone();
    }
    f.affected = seg.count.clone().or_else(|| affected::affected(&ctx));
    f.data = data::data_kinds(&ctx);
    f.actor = actor::actor(
        &ctx,
        f.cause.as_ref(),
        f.organization.as_ref().map(|o| o.0.as_str()),
    );
    f.leak = leak::leak(&ctx, f.cause.as_ref()).or_else(|| seg.leak.clone());
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

pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
