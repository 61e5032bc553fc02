//! Duplicate detection measured on the planted-duplicate corpus (`jikenbo_corpus::dupes`: fictional
//! notices, their reposts, news paraphrases, follow-ups and digest lines, with look-alikes that
//! are other incidents), and the repost bar: 100 reposts of one notice are one incident.
//!
//! A pair of document sections is predicted the same event when ingest put them in one incident
//! (a follow-up, the same facts, an exact repost) or proposed their incidents as a candidate pair
//! (`find_duplicates`). Truth: the sections report the same event (the event's marker is in the
//! section). Pairwise precision and recall over all pairs of sections; printed for the README.

use jikenbo_store::{DupDecision, IncidentRef, Prepared, Source, Store};
use std::collections::{BTreeMap, BTreeSet};

struct Section {
    event: Option<usize>,
    incident: i64,
    name: String,
}

fn sections(store: &Store, corpus: &jikenbo_corpus::DupCorpus) -> Vec<Section> {
    let conn = store.connection();
    let mut st = conn
        .prepare(
            "SELECT d.name, substr(CAST(d.text AS BLOB), r.span_start + 1, r.span_end - r.span_start),
                    r.incident_id
             FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.active = 1",
        )
        .unwrap();
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .unwrap();
    let by_name: BTreeMap<&str, &jikenbo_corpus::DupDoc> =
        corpus.docs.iter().map(|d| (d.name.as_str(), d)).collect();
    let mut out = Vec::new();
    for row in rows {
        let (name, text, incident) = row.unwrap();
        let text = String::from_utf8_lossy(&text);
        let doc = by_name[name.as_str()];
        let hits: Vec<usize> = doc
            .events
            .iter()
            .copied()
            .filter(|e| text.contains(corpus.events[*e].marker.as_str()))
            .collect();
        let event = match hits.as_slice() {
            [e] => Some(*e),
            [] if doc.events.len() == 1 => Some(doc.events[0]),
            _ => None, // a section that joins several events (or none): never right
        };
        // the survivor of a merge
        let mut id = incident;
        while let Some(next) = conn
            .query_row(
                "SELECT merged_into FROM incidents WHERE id = ?1",
                [id],
                |r| r.get::<_, Option<i64>>(0),
            )
            .unwrap()
        {
            id = next;
        }
        out.push(Section {
            event,
            incident: id,
            name,
        });
    }
    out
}

struct Scores {
    precision: f64,
    recall: f64,
    sections: usize,
    incidents: usize,
    candidates: usize,
    pairs_true: usize,
}

fn score(store: &Store, corpus: &jikenbo_corpus::DupCorpus) -> Scores {
    let secs = sections(store, corpus);
    let open: BTreeSet<(i64, i64)> = store
        .dup_candidates(Some("open"), 100_000)
        .unwrap()
        .iter()
        .map(|c| (c.a_id, c.b_id))
        .collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    // JIKENBO_DUPES_DEBUG=1: the pairs missed and the pairs wrongly joined, with their records
    let debug = std::env::var_os("JIKENBO_DUPES_DEBUG").is_some();
    let facts = |id: i64| -> String {
        store
            .connection()
            .query_row(
                "SELECT coalesce(organization, '-'), coalesce(published, '-'), coalesce(occurred, '-'),
                        coalesce(discovered, '-'), coalesce(affected, -1), coalesce(cause, '-')
                 FROM incidents WHERE id = ?1",
                [id],
                |r| {
                    Ok(format!(
                        "#{id} {} p{} o{} d{} n{} {}",
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, String>(5)?
                    ))
                },
            )
            .unwrap()
    };
    let mut shown = BTreeSet::new();
    for i in 0..secs.len() {
        for j in i + 1..secs.len() {
            let (a, b) = (&secs[i], &secs[j]);
            let truth = a.event.is_some() && a.event == b.event;
            let (x, y) = (a.incident.min(b.incident), a.incident.max(b.incident));
            let predicted = x == y || open.contains(&(x, y));
            if debug && truth != predicted && shown.insert((x, y)) {
                eprintln!(
                    "{} {} ~ {}\n    {}\n    {}",
                    if truth { "MISSED" } else { "WRONG " },
                    a.name,
                    b.name,
                    facts(x),
                    facts(y)
                );
            }
            match (truth, predicted) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
        }
    }
    let incidents: BTreeSet<i64> = secs.iter().map(|s| s.incident).collect();
    Scores {
        precision: tp as f64 / (tp + fp).max(1) as f64,
        recall: tp as f64 / (tp + fn_).max(1) as f64,
        sections: secs.len(),
        incidents: incidents.len(),
        candidates: open.len(),
        pairs_true: tp + fn_,
    }
}

fn ingest_corpus(corpus: &jikenbo_corpus::DupCorpus) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for d in &corpus.docs {
        let p = Prepared::from_text(&d.name, &d.text).unwrap();
        store
            .ingest_prepared(&p, &Source::new(format!("test/{}", d.name)), "test")
            .unwrap();
    }
    store
}

#[test]
fn planted_duplicates_are_found_and_look_alikes_are_not() {
    let mut all = Vec::new();
    for seed in [1u64, 2, 3] {
        let corpus = jikenbo_corpus::dupes::planted_duplicates(seed);
        let mut store = ingest_corpus(&corpus);
        let on_ingest = score(&store, &corpus);
        store.find_duplicates("test").unwrap();
        let s = score(&store, &corpus);
        eprintln!(
            "seed {seed}: {} documents, {} events, {} sections -> {} incidents, {} open candidate pairs; \
             true pairs {}; on ingest P {:.3} R {:.3}; after dupes P {:.3} R {:.3}",
            corpus.docs.len(),
            corpus.events.len(),
            s.sections,
            s.incidents,
            s.candidates,
            s.pairs_true,
            on_ingest.precision,
            on_ingest.recall,
            s.precision,
            s.recall
        );
        all.push(s);
    }
    for s in &all {
        assert!(s.precision >= 0.95, "precision {:.3}", s.precision);
        assert!(s.recall >= 0.90, "recall {:.3}", s.recall);
    }
}

/// A notice of our own invention, long enough to be compared by text.
const NOTICE: &str = "2025年9月3日
株式会社あさぎ通商

お客様情報を含むメールの誤送信に関するお詫びとお知らせ

このたび、当社の会員向けキャンペーンのご案内メールを送信する際、担当者が宛先を誤り、他のお客様のメールアドレスが表示される状態で送信したことが、2025年9月1日に判明いたしました。

1．対象
会員のお客様 1,845名のメールアドレス

2．経緯
2025年8月29日、キャンペーンのご案内メールを一斉送信した際、宛先をBCCではなくTOに入力しておりました。9月1日、お客様からのご指摘により判明いたしました。

3．対応
対象のお客様には個別にお詫びのご連絡を差し上げ、受信したメールの削除をお願いしております。現時点で二次被害の報告はございません。

4．再発防止策
一斉送信には専用の配信システムを用い、送信前に複数名で宛先を確認する手順を徹底いたします。
";

#[test]
fn a_hundred_reposts_of_one_notice_are_one_incident_with_a_hundred_documents() {
    let mut store = Store::open_in_memory().unwrap();
    for i in 0..100 {
        // each repost adds a line of its own: other bytes, other text
        let text = format!(
            "転載記事 No.{i}: 以下は企業の公式発表を掲載したものです。\n\n{NOTICE}\n(掲載日: 2025年9月{}日)\n",
            3 + i % 20
        );
        let p = Prepared::from_text(&format!("repost-{i:03}.txt"), &text).unwrap();
        store
            .ingest_prepared(
                &p,
                &Source::new(format!("https://blog.example/{i}")),
                "test",
            )
            .unwrap();
    }
    let n: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM incidents WHERE live = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 1);
    let docs: i64 = store
        .connection()
        .query_row(
            "SELECT count(DISTINCT document_id) FROM reports WHERE active = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(docs, 100);
    let links: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM reports WHERE linked_by IN ('repost', 'same-facts')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(links, 99);
}

#[test]
fn a_merged_pair_is_undone_by_a_split_and_a_dismissal_by_reopening() {
    let mut store = Store::open_in_memory().unwrap();
    let news = "2025年9月4日 12時30分\n\n東京都の株式会社あさぎ通商は3日、会員向けのメールを誤送信し、\
        会員1,845名のメールアドレスが流出したと発表した。同社によると、8月29日に送信したメールの宛先を\
        TOに入力していたという。9月1日に会員からの指摘で判明した。\n";
    let other = "2023年2月10日\n株式会社あさぎ通商\n\n書類の紛失に関するお詫び\n\n\
        2023年2月8日、当社営業所においてお客様120名分の申込書を紛失したことが判明しました。\
        所内を捜索しましたが見つかっておりません。\n";
    for (name, text) in [("n.txt", NOTICE), ("news.txt", news), ("old.txt", other)] {
        let p = Prepared::from_text(name, text).unwrap();
        store.ingest_prepared(&p, &Source::none(), "test").unwrap();
    }
    let open = store.dup_candidates(Some("open"), 10).unwrap();
    // the news item is linked or proposed; the older loss of papers is neither
    let live: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM incidents WHERE live = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        live == 2 && open.is_empty() || live == 3 && open.len() == 1,
        "{live} {open:?}"
    );
    if let Some(c) = open.first() {
        assert!(c.reasons.iter().any(|r| r.code == "same_count"), "{c:?}");
        let decided = store
            .decide_dup(c.id, DupDecision::Merge, "curator")
            .unwrap();
        assert_eq!(decided.status, "merged");
        // undone: the newer incident comes back with its number, the pair is open again
        let reports: Vec<i64> = store
            .incident(IncidentRef::Id(c.a_id))
            .unwrap()
            .documents
            .into_iter()
            .filter_map(|d| d.report)
            .filter(|r| r.origin == c.b)
            .map(|r| r.id)
            .collect();
        let back = store
            .split_reports(IncidentRef::Id(c.a_id), &reports, "curator")
            .unwrap();
        assert_eq!(back, c.b);
        assert_eq!(store.dup_candidate(c.id).unwrap().status, "open");
        let d = store
            .decide_dup(c.id, DupDecision::Dismiss, "curator")
            .unwrap();
        assert_eq!(d.status, "dismissed");
        assert!(store.dup_candidates(Some("open"), 10).unwrap().is_empty());
        let d = store
            .decide_dup(c.id, DupDecision::Reopen, "curator")
            .unwrap();
        assert_eq!(d.status, "open");
        let actions: Vec<String> = store
            .connection()
            .prepare("SELECT action FROM audit ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for a in ["merge", "split", "dupe-dismiss", "dupe-reopen"] {
            assert!(actions.iter().any(|x| x == a), "{a}: {actions:?}");
        }
        // The pairs and their decisions travel with a JSON export.
        store
            .decide_dup(c.id, DupDecision::Dismiss, "curator")
            .unwrap();
        let mut file = Vec::new();
        store.export_json(&mut file).unwrap();
        let dir2 = tempfile::tempdir().unwrap();
        let mut copy = Store::open(dir2.path().join("copy.db")).unwrap();
        let sum = copy.import_json(&file[..], "curator").unwrap();
        assert!(sum.dup_candidates >= 1, "{sum:?}");
        let after = copy.dup_candidate(c.id).unwrap();
        assert_eq!(
            (after.status.as_str(), after.a, after.b),
            ("dismissed", c.a.clone(), c.b.clone())
        );
        assert_eq!(
            copy.review_counts().unwrap(),
            store.review_counts().unwrap()
        );
    }
}
