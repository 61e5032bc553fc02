//! `serve` and `ingest` on the same store file at once: a real server over a file store while
//! other connections to the same file ingest notices (a bulk ingest as `jikenbo ingest` runs
//! it, and one-off `Store::open` + ingest as a second process would), the server itself
//! ingests through its API, and a bounded loop of searches, lists, statistics and pages runs
//! against the server. No request fails, no write is lost, and the server sees every new
//! incident (its cached facets and statistics follow the store's generation).

mod common;

use common::*;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const MARKER: &str = "並行試験";
/// Notices per writer: the bulk ingest, the one-off ingests, the server's API.
const BULK: usize = 24;
const SINGLE: usize = 16;
const API: usize = 8;
/// Rounds of each reader thread (each round: five requests): at least this many, and on while
/// the writers write, up to the most.
const ROUNDS: usize = 40;
const MOST_ROUNDS: usize = 2000;

/// A distinct fictional organization per notice (no two link as follow-ups).
fn org(writer: usize, i: usize) -> String {
    const A: [&str; 8] = [
        "あさひ",
        "いずみ",
        "うみべ",
        "えだまめ",
        "おおぞら",
        "かすみ",
        "きりん",
        "くるみ",
    ];
    const B: [&str; 8] = [
        "ガラス",
        "ニット",
        "パン",
        "ミシン",
        "ランプ",
        "レンズ",
        "ロープ",
        "タイル",
    ];
    const C: [&str; 3] = ["工業", "商会", "製作所"];
    format!("株式会社{}{}{}", A[i % 8], B[(i / 8) % 8], C[writer])
}

fn notice(writer: usize, i: usize) -> String {
    let day = 1 + (i % 27);
    let month = 1 + (writer * 4 + i / 27) % 12;
    format!(
        "令和7年{month}月{day}日\n{org}\n\nメール誤送信による個人情報の漏えいについて\n\n\
         令和7年{month}月{day}日、当社従業員が顧客{n}名にメールを送信する際、宛先をBCCとすべきところTOに設定したため、\
         メールアドレスが他の受信者に表示されました。{MARKER}の記録です。\n",
        org = org(writer, i),
        n = 100 + writer * 1000 + i
    )
}

fn total(addr: SocketAddr, path: &str) -> u64 {
    let r = get(addr, path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    r.json()["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("{path}: no total"))
}

fn stats_total(addr: SocketAddr) -> u64 {
    let r = get(addr, "/api/stats?by=cause");
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["total"]["incidents"].as_u64().unwrap()
}

fn documents(addr: SocketAddr) -> u64 {
    let r = get(addr, "/api/counts");
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["documents"].as_u64().unwrap()
}

#[test]
fn serve_and_ingest_on_one_store_lose_nothing() {
    let t0 = Instant::now();
    let s = start(None);
    let a = s.addr;
    let db = s.dir.path().join("test.db");
    let q = format!("/api/incidents?q={}&limit=1", enc(MARKER));
    // Before: none of the new notices; the cached facets and statistics are warm.
    assert_eq!(total(a, &q), 0);
    let incidents0 = total(a, "/api/incidents?facets=1&limit=1");
    let stats0 = stats_total(a);
    let docs0 = documents(a);
    assert_eq!(incidents0, stats0);

    // The bulk ingest's files.
    let files_dir = s.dir.path().join("notices");
    std::fs::create_dir(&files_dir).unwrap();
    let files: Vec<std::path::PathBuf> = (0..BULK)
        .map(|i| {
            let p = files_dir.join(format!("bulk-{i:02}.txt"));
            std::fs::write(&p, notice(0, i)).unwrap();
            p
        })
        .collect();

    let start_line = Arc::new(Barrier::new(5));
    let written = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    {
        // `jikenbo ingest DIR`: the bulk path (its own connection, deferred indexing).
        let (db, go) = (db.clone(), start_line.clone());
        writers.push(std::thread::spawn(move || {
            go.wait();
            let opts = jikenbo_store::bulk::BulkOptions {
                who: "bulk-tester".into(),
                ..Default::default()
            };
            let sum = jikenbo_store::bulk::ingest_files(&db, &files, &opts, |_| {}).unwrap();
            assert!(sum.failed.is_empty(), "{:?}", sum.failed);
            assert_eq!(sum.documents_added, BULK, "{sum:?}");
            assert_eq!(sum.incidents_new, BULK, "{sum:?}");
        }));
    }
    {
        // One `jikenbo ingest FILE` after another: a new connection for each notice.
        let (db, go) = (db.clone(), start_line.clone());
        writers.push(std::thread::spawn(move || {
            go.wait();
            for i in 0..SINGLE {
                let mut store = jikenbo_store::Store::open(&db).unwrap();
                let p = jikenbo_store::Prepared::from_bytes(
                    &format!("single-{i:02}.txt"),
                    notice(1, i).into_bytes(),
                )
                .unwrap();
                assert_eq!(p.incidents.len(), 1, "single {i}");
                let out = store
                    .ingest_prepared(
                        &p,
                        &jikenbo_store::Source::new(format!("test: single {i}")),
                        "single-tester",
                    )
                    .unwrap();
                assert!(
                    matches!(out, jikenbo_store::IngestOutcome::Added(_)),
                    "single {i}"
                );
            }
        }));
    }
    {
        // The server's own writer, through its API.
        let go = start_line.clone();
        writers.push(std::thread::spawn(move || {
            go.wait();
            for i in 0..API {
                let r = json_req(
                    a,
                    "POST",
                    "/api/documents",
                    &json!({"name": format!("api-{i:02}.txt"), "text": notice(2, i)}),
                );
                assert_eq!(r.status, 201, "api {i}: {}", r.text());
            }
        }));
    }
    // Readers: searches, lists with facets, statistics, pages; what they count never goes down.
    let mut readers = Vec::new();
    for k in 0..2 {
        let go = start_line.clone();
        let written = written.clone();
        let q = q.clone();
        readers.push(std::thread::spawn(move || {
            go.wait();
            let mut last = (0u64, 0u64, 0u64);
            let page_q = format!("/?q={}", enc(MARKER));
            let mut round = 0;
            while round < ROUNDS || (!written.load(Ordering::SeqCst) && round < MOST_ROUNDS) {
                let found = total(a, &q);
                let listed = total(a, "/api/incidents?facets=1&limit=5&sort=newest");
                let counted = stats_total(a);
                assert!(
                    found >= last.0 && listed >= last.1 && counted >= last.2,
                    "reader {k} round {round}: {:?} after {last:?}",
                    (found, listed, counted)
                );
                last = (found, listed, counted);
                let page = if round % 2 == 0 {
                    page_q.as_str()
                } else {
                    "/stats"
                };
                let r = get(a, page);
                assert_eq!(r.status, 200, "reader {k} {page}: {}", r.text());
                let r = get(
                    a,
                    &format!("/api/incidents?org={}&limit=1", enc(&org(k, round % 8))),
                );
                assert_eq!(r.status, 200, "reader {k}: {}", r.text());
                round += 1;
            }
            (last, round)
        }));
    }
    for w in writers {
        w.join().expect("a writer failed");
    }
    written.store(true, Ordering::SeqCst);
    let seen: Vec<((u64, u64, u64), usize)> = readers
        .into_iter()
        .map(|r| r.join().expect("a reader failed"))
        .collect();

    // Afterwards, through the server: every notice, once. The search index of the bulk ingest
    // is written by a thread of its own; wait (bounded) until the server's search has it.
    let n = (BULK + SINGLE + API) as u64;
    let deadline = Instant::now() + Duration::from_secs(10);
    while total(a, &q) < n && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(total(a, &q), n, "the marker finds every new notice");
    assert_eq!(documents(a), docs0 + n, "every document is stored");
    // Cached facets and statistics follow the store's generation.
    assert_eq!(total(a, "/api/incidents?facets=1&limit=1"), incidents0 + n);
    assert_eq!(stats_total(a), stats0 + n);
    let v = get(
        a,
        &format!("/api/incidents?q={}&limit=200&facets=1", enc(MARKER)),
    )
    .json();
    let cause = v["facets"]["cause"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "misdelivery" || f["value"] == "misdelivery")
        .cloned()
        .unwrap_or(Value::Null);
    assert!(
        !cause.is_null(),
        "a cause facet for the new notices: {}",
        v["facets"]
    );
    // Each organization is found once, with its own count of persons.
    for (writer, count) in [(0, BULK), (1, SINGLE), (2, API)] {
        for i in 0..count {
            let o = org(writer, i);
            let r = get(a, &format!("/api/incidents?org={}&limit=5", enc(&o))).json();
            assert_eq!(r["total"], 1, "{o}: {r}");
            assert_eq!(r["hits"][0]["organization"], o.as_str());
            assert_eq!(
                r["hits"][0]["affected"],
                (100 + writer * 1000 + i) as u64,
                "{o}"
            );
        }
    }
    // The readers read all the while the writers wrote, and never more than the final counts.
    for (s, rounds) in &seen {
        assert!(
            *rounds < MOST_ROUNDS,
            "the readers stopped before the writers"
        );
        assert!(
            s.0 <= n && s.1 <= incidents0 + n && s.2 <= stats0 + n,
            "{s:?}"
        );
    }
    // The audit log has every ingest, by its writer.
    let audit = get(a, "/api/audit?limit=10000").json();
    for (who, count) in [
        ("bulk-tester", BULK),
        ("single-tester", SINGLE),
        ("local-tester", API),
    ] {
        let c = audit
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["who"] == who && e["action"] == "ingest")
            .count();
        assert_eq!(c, count, "ingests by {who}");
    }
    assert!(
        t0.elapsed() < Duration::from_secs(60),
        "took {:?}",
        t0.elapsed()
    );
}
