//! Filter tokens: each filterable value of an incident (cause, actor, leak, sector, year, size
//! bucket, data kinds, labels) written into the search index as a 3-character word of
//! Private Use Area characters (plane 15). The trigram index holds each as one trigram that no
//! text can contain, so a filter is a single index lookup and combines with text search and
//! with the date order of the index's rowids in one FTS5 query.

use crate::values::{Effective, SECTORS};
use jikenbo_model::{Actor, Cause, DataKind, Leak, SizeBucket};

const BASE: u32 = 0xF0000;
/// Labels: 12 bits of the hash in the first character (U+F8000..U+F8FFF), 32 in the others.
const LABEL_BASE: u32 = 0xF8000;
const UNKNOWN: u32 = 0xFFF;

#[derive(Clone, Copy)]
enum Kind {
    Cause = 0,
    Actor = 1,
    Leak = 2,
    Sector = 3,
    Year = 4,
    Size = 5,
    Data = 6,
}

fn ch(n: u32) -> char {
    char::from_u32(BASE + (n & 0xFFFF)).unwrap_or('\u{F0000}')
}

fn typed(kind: Kind, value: u32) -> String {
    [ch(kind as u32), ch(value), ch(0xFFFD)].iter().collect()
}

fn index_of<T: PartialEq>(all: &[T], x: &T) -> u32 {
    all.iter()
        .position(|a| a == x)
        .map(|i| i as u32)
        .unwrap_or(UNKNOWN)
}

pub(crate) fn cause(c: Option<Cause>) -> String {
    typed(
        Kind::Cause,
        c.map(|c| index_of(Cause::ALL, &c)).unwrap_or(UNKNOWN),
    )
}
pub(crate) fn actor(a: Option<Actor>) -> String {
    typed(
        Kind::Actor,
        a.map(|a| index_of(Actor::ALL, &a)).unwrap_or(UNKNOWN),
    )
}
pub(crate) fn leak(l: Option<Leak>) -> String {
    typed(
        Kind::Leak,
        l.map(|l| index_of(Leak::ALL, &l)).unwrap_or(UNKNOWN),
    )
}
/// A sector by its Japanese name (unknown names get the unknown token).
pub(crate) fn sector(s: Option<&str>) -> String {
    let v = s
        .and_then(|s| SECTORS.iter().position(|x| x.ja() == s))
        .map(|i| i as u32)
        .unwrap_or(UNKNOWN);
    typed(Kind::Sector, v)
}
pub(crate) fn year(y: Option<i32>) -> String {
    typed(
        Kind::Year,
        y.map(|y| y.clamp(0, 0xFFF0) as u32).unwrap_or(UNKNOWN),
    )
}
pub(crate) fn size(b: SizeBucket) -> String {
    typed(Kind::Size, index_of(SizeBucket::ALL, &b))
}
pub(crate) fn data(k: DataKind) -> String {
    typed(Kind::Data, index_of(DataKind::ALL, &k))
}
pub(crate) fn no_data() -> String {
    typed(Kind::Data, UNKNOWN)
}

/// FNV-1a, 64 bits.
fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A label's token: 44 bits of the hash of the trimmed label. The label filter matches this
/// token alone (two labels in use colliding is practically impossible).
pub(crate) fn label(l: &str) -> String {
    let h = fnv(l.trim());
    let c1 = char::from_u32(LABEL_BASE + (h & 0xFFF) as u32).unwrap_or('\u{F8000}');
    let c2 = ch(((h >> 12) & 0xFFFF) as u32);
    let c3 = ch(((h >> 28) & 0xFFFF) as u32);
    [c1, c2, c3].iter().collect()
}

/// Every token of an incident, space-separated.
pub(crate) fn of(e: &Effective, labels: &[String]) -> String {
    let date_year = e.date_key().map(|d| d.year);
    let mut t = vec![
        cause(e.cause),
        actor(e.actor),
        leak(e.leak),
        sector(e.sector().map(|s| s.ja())),
        year(date_year),
        size(SizeBucket::of(e.affected)),
    ];
    if e.data.is_empty() {
        t.push(no_data());
    }
    t.extend(e.data.iter().map(|k| data(*k)));
    t.extend(labels.iter().map(|l| label(l)));
    t.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_three_private_characters() {
        for t in [
            cause(Some(Cause::Ransomware)),
            cause(None),
            year(Some(2024)),
            label("インシデント:内部犯行"),
            data(DataKind::MyNumber),
        ] {
            assert_eq!(t.chars().count(), 3, "{t:?}");
            assert!(t.chars().all(|c| (0xF0000..=0xFFFFD).contains(&(c as u32))));
        }
        assert_ne!(label("a"), label("b"));
        assert_eq!(label(" a "), label("a"));
        assert_ne!(year(Some(2024)), year(Some(2025)));
        assert_ne!(cause(Some(Cause::Ransomware)), actor(Some(Actor::Internal)));
    }
}
