//! The planted-duplicates corpus: deterministic, markers that separate its events, the genres
//! in their intended shares, look-alike pairs.

use jikenbo_corpus::dupes::{planted, DupCorpus, DupDoc, Genre, LookAlikeKind, Planted};
use jikenbo_corpus::planted_duplicates;
use std::collections::HashSet;

/// A headline of a digest: the start of a section.
fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['■', '○', '◎', '・']) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with('.')
}

/// The sections of a document, one per event it reports: the whole text, or for a digest the
/// headlines with the lines under them (the text above the first headline comes back apart).
fn sections(doc: &DupDoc) -> (String, Vec<String>) {
    if doc.events.len() == 1 {
        return (String::new(), vec![doc.text.clone()]);
    }
    let mut head = String::new();
    let mut out: Vec<String> = Vec::new();
    for line in doc.text.lines() {
        if is_bullet(line) {
            out.push(String::new());
        }
        match out.last_mut() {
            Some(s) => s.push_str(line),
            None => head.push_str(line),
        }
        match out.last_mut() {
            Some(s) => s.push('\n'),
            None => head.push('\n'),
        }
    }
    (head, out)
}

fn check_markers(c: &DupCorpus) {
    for doc in &c.docs {
        let (head, secs) = sections(doc);
        assert_eq!(secs.len(), doc.events.len(), "{}: sections", doc.name);
        for ev in &c.events {
            assert!(
                !head.contains(ev.marker.as_str()),
                "{}: marker {} above the first headline",
                doc.name,
                ev.marker
            );
        }
        for (sec, &id) in secs.iter().zip(&doc.events) {
            for ev in &c.events {
                let found = sec.contains(ev.marker.as_str());
                if ev.id == id {
                    assert!(
                        found,
                        "{}: marker {} of its event missing",
                        doc.name, ev.marker
                    );
                } else {
                    assert!(
                        !found,
                        "{}: marker {} of event {} in a section of event {id}",
                        doc.name, ev.marker, ev.id
                    );
                }
            }
        }
    }
}

#[test]
fn deterministic() {
    assert_eq!(planted(7), planted(7));
    assert_eq!(planted_duplicates(7), planted(7).corpus);
    assert_ne!(planted(7).corpus.docs, planted(8).corpus.docs);
}

#[test]
fn names_unique() {
    let c = planted_duplicates(1);
    let names: HashSet<&str> = c.docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names.len(), c.docs.len());
    for d in &c.docs {
        assert!(
            d.name.starts_with("dup-") && d.name.ends_with(".txt"),
            "{}",
            d.name
        );
    }
    for (i, e) in c.events.iter().enumerate() {
        assert_eq!(e.id, i);
    }
}

#[test]
fn markers_separate_events() {
    for seed in 0..6 {
        check_markers(&planted_duplicates(seed));
    }
}

fn events_with(p: &Planted, g: Genre) -> usize {
    let mut ids = HashSet::new();
    for (d, &dg) in p.corpus.docs.iter().zip(&p.genres) {
        if dg == g {
            ids.extend(d.events.iter().copied());
        }
    }
    ids.len()
}

#[test]
fn genres_in_their_shares() {
    for seed in [0, 1, 42] {
        let p = planted(seed);
        let c = &p.corpus;
        let n = c.events.len();
        assert!((55..=65).contains(&n), "{n} events");
        assert!((180..=230).contains(&c.docs.len()), "{} docs", c.docs.len());
        assert_eq!(p.genres.len(), c.docs.len());
        // One own notice per event.
        let mut notices = vec![0; n];
        for (d, &g) in c.docs.iter().zip(&p.genres) {
            if g == Genre::Notice {
                notices[d.events[0]] += 1;
            }
            if g == Genre::Digest {
                assert!((5..=10).contains(&d.events.len()), "{}", d.name);
            } else {
                assert_eq!(d.events.len(), 1, "{}", d.name);
            }
        }
        assert!(notices.iter().all(|&k| k == 1));
        let share = |g: Genre| events_with(&p, g) * 100 / n;
        let reposted = {
            let mut ids = HashSet::new();
            for (d, &g) in c.docs.iter().zip(&p.genres) {
                if matches!(g, Genre::Repost | Genre::EditedRepost) {
                    ids.extend(d.events.iter().copied());
                }
            }
            ids.len() * 100 / n
        };
        assert!((35..=45).contains(&reposted), "reposted {reposted}%");
        assert!((25..=35).contains(&share(Genre::News)), "news");
        assert!((15..=25).contains(&share(Genre::FollowUp)), "follow-ups");
        assert!((20..=30).contains(&share(Genre::Digest)), "digests");
        for g in [Genre::Repost, Genre::EditedRepost, Genre::Digest] {
            assert!(p.genres.contains(&g), "{g:?}");
        }
        // Digest lines only for events that have their own notice (all do) and exact reposts keep
        // the source's body: some document of the same event holds each exact repost's longest line.
        for (d, &g) in c.docs.iter().zip(&p.genres) {
            if g != Genre::Repost {
                continue;
            }
            let longest = d.text.lines().max_by_key(|l| l.len()).unwrap_or("");
            assert!(
                c.docs.iter().zip(&p.genres).any(|(o, &og)| {
                    matches!(og, Genre::Notice | Genre::FollowUp | Genre::News)
                        && o.events == d.events
                        && o.text.contains(longest)
                }),
                "{}: body not from a source",
                d.name
            );
        }
    }
}

#[test]
fn look_alikes() {
    let p = planted(3);
    assert!(p.look_alikes.len() >= 15);
    let days = |iso: &str| -> i64 {
        let v: Vec<i64> = iso.split('-').map(|x| x.parse().unwrap()).collect();
        v[0] * 372 + v[1] * 31 + v[2]
    };
    for kind in [
        LookAlikeKind::SameOrgOtherIncident,
        LookAlikeKind::SameDayTemplate,
        LookAlikeKind::SameCauseYearApart,
    ] {
        assert!(p.look_alikes.iter().any(|l| l.kind == kind), "{kind:?}");
    }
    for l in &p.look_alikes {
        let (a, b) = (&p.facts[l.a], &p.facts[l.b]);
        let (ea, eb) = (&p.corpus.events[l.a], &p.corpus.events[l.b]);
        assert_ne!(ea.marker, eb.marker);
        assert_ne!(a.affected, b.affected);
        // Never reported by one document section.
        assert!(!p
            .corpus
            .docs
            .iter()
            .any(|d| d.events.len() == 1 && d.events.contains(&l.a) && d.events.contains(&l.b)));
        match l.kind {
            LookAlikeKind::SameOrgOtherIncident => {
                assert_eq!(a.organization, b.organization);
                assert_ne!(a.cause, b.cause);
                assert_ne!(a.published[..7], b.published[..7]);
            }
            LookAlikeKind::SameDayTemplate => {
                assert_ne!(a.organization, b.organization);
                assert_eq!(a.cause, b.cause);
                assert_eq!(a.published, b.published);
                assert_eq!(a.discovered, b.discovered);
            }
            LookAlikeKind::SameCauseYearApart => {
                assert_eq!(a.organization, b.organization);
                assert_eq!(a.cause, b.cause);
                let gap = (days(&b.occurred) - days(&a.occurred)).abs();
                assert!((330..=420).contains(&gap), "{gap}");
            }
        }
    }
    for f in &p.facts {
        assert!(
            f.occurred <= f.discovered && f.discovered <= f.published,
            "{f:?}"
        );
        if let Some(later) = f.affected_later {
            assert!(later > f.affected);
        }
    }
}

/// Writes the corpus for a run of the extractor (`JIKENBO_DUPES_DIR=/tmp/d cargo test -p
/// jikenbo-corpus --test dupes -- --ignored`): the documents in the directory, the truth beside
/// it in `<dir>.truth.tsv` (doc, section, event, organization, short name, counts, dates).
#[test]
#[ignore]
fn write_corpus() {
    let Some(dir) = std::env::var_os("JIKENBO_DUPES_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let p = planted(1);
    let mut truth = String::from(
        "doc\tsection\tevent\tgenre\torganization\tshort\taffected\taffected_later\toccurred\tdiscovered\tpublished\tcause\n",
    );
    for (d, g) in p.corpus.docs.iter().zip(&p.genres) {
        std::fs::write(dir.join(&d.name), &d.text).unwrap();
        for (k, &id) in d.events.iter().enumerate() {
            let f = &p.facts[id];
            truth.push_str(&format!(
                "{}\t{k}\t{id}\t{g:?}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                d.name,
                f.organization,
                f.short_name,
                f.affected,
                f.affected_later.map_or(String::new(), |x| x.to_string()),
                f.occurred,
                f.discovered,
                f.published,
                f.cause
            ));
        }
    }
    let mut t = dir.clone().into_os_string();
    t.push(".truth.tsv");
    std::fs::write(t, truth).unwrap();
}
