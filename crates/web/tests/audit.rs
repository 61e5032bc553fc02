//! The audit log, filtered: the page `/audit` and `GET /api/audit` by who, action, days and
//! incident, with paging; bad filters are a 400 with a message.

mod common;

use common::*;

#[test]
fn the_audit_log_filters_by_who_action_day_and_incident() {
    let s = start(None);
    let all = get(s.addr, "/api/audit?limit=10000").json();
    let all = all.as_array().unwrap();
    assert!(all.len() >= 2);
    let who = all[0]["who"].as_str().unwrap().to_string();

    // by action: every row is an ingest
    let ingests = get(s.addr, "/api/audit?action=ingest&limit=10000").json();
    let ingests = ingests.as_array().unwrap();
    assert!(!ingests.is_empty());
    assert!(ingests.iter().all(|e| e["action"] == "ingest"));
    // by who
    let mine = get(s.addr, &format!("/api/audit?who={}", enc(&who))).json();
    assert!(mine
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["who"] == who.as_str()));
    let nobody = get(s.addr, "/api/audit?who=nobody-at-all").json();
    assert!(nobody.as_array().unwrap().is_empty());
    // by day: today holds every row, the last century none
    let today = all[0]["at"].as_str().unwrap()[..10].to_string();
    let day = get(
        s.addr,
        &format!("/api/audit?from={today}&to={today}&limit=10000"),
    )
    .json();
    assert_eq!(day.as_array().unwrap().len(), all.len());
    let old = get(s.addr, "/api/audit?to=1999-12-31").json();
    assert!(old.as_array().unwrap().is_empty());
    // by incident: its rows only (its documents' ingest rows name no incident)
    let n = get(s.addr, "/api/incidents?limit=1").json()["hits"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let of_n = get(s.addr, &format!("/api/audit?incident={n}&limit=10000")).json();
    let of_n = of_n.as_array().unwrap();
    assert!(!of_n.is_empty());
    assert!(of_n.len() < all.len());
    assert!(of_n
        .iter()
        .all(|e| e["incident"] == n.as_str() || e["incident"].is_null()));
    // paging
    let second = get(s.addr, "/api/audit?limit=1&offset=1").json();
    assert_eq!(second[0]["id"], all[1]["id"]);
    // bad filters
    for q in [
        "from=2024-13-01",
        "to=yesterday",
        "action=DROP%20TABLE",
        "offset=-1",
        "limit=x",
        "incident=abc",
    ] {
        let r = get(s.addr, &format!("/api/audit?{q}"));
        assert_eq!(r.status, 400, "{q}: {}", r.text());
    }

    // the page: a filter form, the count, readable details (no raw JSON braces)
    let page = get(s.addr, "/audit?action=ingest").text();
    assert!(page.contains("絞り込む") && page.contains("件中"), "{page}");
    assert!(page.contains("<option value=\"ingest\" selected"), "{page}");
    assert!(!page.contains("<code>{"), "{page}");
    assert_eq!(get(s.addr, "/audit?from=2024-02-30").status, 400);
}
