//! Curation over the API: the review queue, deciding duplicate pairs, merge, split by report,
//! re-extraction and accepting flags; each action in the audit log and reversible.

mod common;

use common::*;
use serde_json::{json, Value};

fn open_pairs(addr: std::net::SocketAddr) -> Vec<Value> {
    let r = get(addr, "/api/dupes");
    assert_eq!(r.status, 200, "{}", r.text());
    r.json().as_array().unwrap().clone()
}

#[test]
fn the_review_queue_lists_the_demo_duplicate_and_flagged_records() {
    let s = start(None);
    let q = get(s.addr, "/api/review").json();
    assert_eq!(q["counts"]["duplicate_pairs"], 1, "{q}");
    let pair = &q["duplicates"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("2024-003"), Some("2024-004"))
    );
    let codes: Vec<&str> = pair["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"same_org") && codes.contains(&"same_count"),
        "{codes:?}"
    );
    // The demo's notices dated 2031 are flagged as dated after they were recorded.
    let flagged = q["flagged"].as_array().unwrap();
    assert!(flagged.iter().any(|f| f["flags"]
        .as_array()
        .unwrap()
        .contains(&json!("future_date"))));
    // Statistics say how much waits.
    let st = get(s.addr, "/api/stats?by=cause").json();
    assert_eq!(st["review"]["duplicate_pairs"], 1, "{st}");
    assert_eq!(st["review"]["flagged"], q["counts"]["flagged"]);
    // The OpenAPI document has the endpoints.
    let doc = get(s.addr, "/api/openapi.json").json();
    for p in [
        "/api/review",
        "/api/dupes",
        "/api/dupes/{id}/{action}",
        "/api/incidents/{r}/merge",
        "/api/incidents/{r}/split",
        "/api/incidents/{r}/reextract",
        "/api/incidents/{r}/review",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} is not documented");
    }
}

#[test]
fn merge_split_dismiss_and_reopen_are_audited_and_reversible() {
    let s = start(None);
    let id = open_pairs(s.addr)[0]["id"].as_i64().unwrap();
    // Merge the pair.
    let r = json_req(
        s.addr,
        "POST",
        &format!("/api/dupes/{id}/merge"),
        &json!({}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "merged");
    assert!(open_pairs(s.addr).is_empty());
    let inc = get(s.addr, "/api/incidents/2024-003").json();
    let docs = inc["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "{inc}");
    assert_eq!(
        get(s.addr, "/api/incidents/2024-004").json()["number"],
        "2024-003"
    );
    // Split the report that came with the merge: it goes back to its number.
    let moved = docs
        .iter()
        .find(|d| d["report"]["origin"] == "2024-004")
        .expect("the merged report names its origin");
    let rid = moved["report"]["id"].as_i64().unwrap();
    let r = json_req(
        s.addr,
        "POST",
        "/api/incidents/2024-003/split",
        &json!({ "reports": [rid] }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["number"], "2024-004");
    assert_eq!(
        get(s.addr, "/api/incidents/2024-003").json()["documents"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The split reopens the pair; dismiss it, then reopen it.
    assert_eq!(open_pairs(s.addr).len(), 1);
    let r = json_req(
        s.addr,
        "POST",
        &format!("/api/dupes/{id}/dismiss"),
        &json!({}),
    );
    assert_eq!(r.json()["status"], "dismissed", "{}", r.text());
    assert!(open_pairs(s.addr).is_empty());
    let r = json_req(
        s.addr,
        "POST",
        &format!("/api/dupes/{id}/reopen"),
        &json!({}),
    );
    assert_eq!(r.json()["status"], "open", "{}", r.text());
    // A scan keeps the decision as it is (open) and finds nothing new.
    let r = json_req(s.addr, "POST", "/api/dupes/scan", &json!({}));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["open"], 1);
    // Every action is in the audit log.
    let audit = get(s.addr, "/api/audit?limit=50").json();
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in ["merge", "split", "dupe-dismiss", "dupe-reopen", "dupes"] {
        assert!(actions.contains(&a), "{a} not in {actions:?}");
    }
    // Bad requests are refused with a message.
    let r = json_req(
        s.addr,
        "POST",
        &format!("/api/dupes/{id}/maybe"),
        &json!({}),
    );
    assert_eq!(r.status, 400);
    let r = json_req(s.addr, "POST", "/api/incidents/2024-003/split", &json!({}));
    assert_eq!(r.status, 400);
}

#[test]
fn flags_are_accepted_and_the_acceptance_undone() {
    let s = start(None);
    let q = get(s.addr, "/api/review").json();
    let before = q["counts"]["flagged"].as_u64().unwrap();
    let n = q["flagged"][0]["number"].as_str().unwrap().to_string();
    let r = json_req(
        s.addr,
        "POST",
        &format!("/api/incidents/{n}/review"),
        &json!({}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!r.json()["accepted"].as_array().unwrap().is_empty());
    assert_eq!(
        get(s.addr, "/api/review").json()["counts"]["flagged"],
        before - 1
    );
    let one = get(s.addr, &format!("/api/incidents/{n}/review")).json();
    assert_eq!(one["flags"], one["accepted"], "{one}");
    let r = json_req(
        s.addr,
        "DELETE",
        &format!("/api/incidents/{n}/review"),
        &json!({}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        get(s.addr, "/api/review").json()["counts"]["flagged"],
        before
    );
    // Re-extracting the incident's documents keeps its number.
    let r = json_req(
        s.addr,
        "POST",
        &format!("/api/incidents/{n}/reextract"),
        &json!({}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["documents"].as_u64().unwrap() >= 1);
    assert_eq!(
        get(s.addr, &format!("/api/incidents/{n}")).json()["number"],
        n
    );
}
