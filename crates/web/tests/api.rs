//! API integration tests: a real server on a loopback port over a real store (the example
//! notices), driven over HTTP.

mod common;

use common::*;
use serde_json::json;

fn first_number(addr: std::net::SocketAddr, query: &str) -> String {
    let r = get(addr, &format!("/api/incidents?{query}"));
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["hits"][0]["number"].as_str().unwrap().to_string()
}

#[test]
fn openapi_lists_the_endpoints() {
    let s = start(None);
    let r = get(s.addr, "/api/openapi.json");
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for p in [
        "/api/incidents",
        "/api/incidents/{r}",
        "/api/documents",
        "/api/extract",
        "/api/stats",
        "/api/export",
        "/api/incidents/{r}/assessment",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p}");
    }
    assert!(doc["paths"]["/api/incidents/{r}"].get("patch").is_some());
}

#[test]
fn lists_searches_filters_and_facets() {
    let s = start(None);
    let all = get(s.addr, "/api/incidents?limit=200&facets=1").json();
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 15, "{total}");
    assert_eq!(all["hits"].as_array().unwrap().len() as u64, total);
    for f in ["cause", "actor", "year", "sector", "label", "data", "size"] {
        assert!(all["facets"][f].is_array(), "{f}");
    }
    // Full text (a long and a short term), cause filter.
    let r = get(
        s.addr,
        &format!("/api/incidents?q={}", enc("ランサムウェア")),
    )
    .json();
    assert!(r["total"].as_u64().unwrap() >= 1);
    let r = get(s.addr, "/api/incidents?cause=ransomware&limit=50").json();
    let hits = r["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["cause"] == "ransomware"));
    let r = get(s.addr, &format!("/api/incidents?q={}", enc("氏名"))).json();
    assert!(r["total"].as_u64().unwrap() >= 1);
    // Sorting: affected, then the store's other orders.
    let r = get(s.addr, "/api/incidents?sort=affected&limit=5").json();
    let a: Vec<u64> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["affected"].as_u64())
        .collect();
    assert!(a.windows(2).all(|w| w[0] >= w[1]), "{a:?}");
    let r = get(s.addr, "/api/incidents?sort=number&limit=200").json();
    let nums: Vec<String> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["number"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = nums.clone();
    sorted.sort();
    assert_eq!(nums, sorted);
    assert_eq!(nums.len() as u64, total);
    let r = get(s.addr, "/api/incidents?sort=organization&limit=3&offset=2").json();
    assert_eq!(r["hits"].as_array().unwrap().len(), 3);
    // Paging.
    let p1 = get(s.addr, "/api/incidents?limit=5").json();
    let p2 = get(s.addr, "/api/incidents?limit=5&page=2").json();
    assert_ne!(p1["hits"][0]["id"], p2["hits"][0]["id"]);
}

#[test]
fn bad_input_is_a_json_error_never_a_panic() {
    let s = start(None);
    for (path, status) in [
        ("/api/incidents?cause=hacking", 400),
        ("/api/incidents?limit=0", 400),
        ("/api/incidents?limit=abc", 400),
        ("/api/incidents?from=2024/01", 400),
        ("/api/incidents?sort=random", 400),
        ("/api/incidents?offset=99999999999", 400),
        ("/api/incidents/not-a-number", 400),
        ("/api/incidents/2099-999", 404),
        ("/api/incidents/%FF%FE", 400),
        ("/api/documents/abc", 400),
        ("/api/documents/999999", 404),
        ("/api/stats?by=weather", 400),
        ("/api/export?format=xml", 400),
        ("/api/nothing-here", 404),
    ] {
        let r = get(s.addr, path);
        assert_eq!(r.status, status, "{path}: {}", r.text());
        let j = r.json();
        assert!(j["error"].as_str().is_some_and(|e| !e.is_empty()), "{path}");
        assert_eq!(j["status"], status);
    }
    // A long query string, odd bytes, odd methods.
    let long = "x".repeat(600);
    assert_eq!(get(s.addr, &format!("/api/incidents?q={long}")).status, 400);
    let r = request(
        s.addr,
        "PUT",
        "/api/incidents",
        &[("Content-Type", "application/json")],
        b"{}",
    );
    assert_eq!(r.status, 405);
    let r = json_req(
        s.addr,
        "PATCH",
        "/api/incidents/1",
        &json!({"set": {"cause": 5}}),
    );
    assert_eq!(r.status, 400, "{}", r.text());
    let r = request(
        s.addr,
        "PATCH",
        "/api/incidents/1",
        &[("Content-Type", "application/json")],
        b"{not json",
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.json()["error"].is_string());
    // The server still answers.
    assert_eq!(get(s.addr, "/healthz").status, 200);
}

#[test]
fn incident_view_correction_history_and_audit() {
    let s = start(None);
    let n = first_number(s.addr, "cause=misdelivery");
    let r = get(s.addr, &format!("/api/incidents/{n}"));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["number"], n.as_str());
    assert!(v["fields"].as_array().unwrap().len() >= 10);
    assert!(!v["record"]["evidence"].as_array().unwrap().is_empty());
    assert!(!v["documents"].as_array().unwrap().is_empty());
    // Correct two fields with a note.
    let r = json_req(
        s.addr,
        "PATCH",
        &format!("/api/incidents/{n}"),
        &json!({"set": {"affected": 4321, "data": ["name", "email"]}, "note": "第2報で確定"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["record"]["affected"], 4321);
    let f = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "affected")
        .unwrap()
        .clone();
    assert_eq!(f["source"]["kind"], "override");
    assert_eq!(f["source"]["author"], "local-tester");
    assert_eq!(f["source"]["note"], "第2報で確定");
    assert!(!f["history"].as_array().unwrap().is_empty());
    // Kept when read again; in the audit log.
    let v = get(s.addr, &format!("/api/incidents/{n}")).json();
    assert_eq!(v["record"]["affected"], 4321);
    let audit = get(s.addr, &format!("/api/incidents/{n}/audit")).json();
    assert!(audit
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "edit" && e["who"] == "local-tester"));
    let all = get(s.addr, "/api/audit?limit=5").json();
    assert_eq!(all[0]["action"], "edit");
    // Clear the override.
    let r = json_req(
        s.addr,
        "PATCH",
        &format!("/api/incidents/{n}"),
        &json!({"clear": ["affected"]}),
    );
    assert_eq!(r.status, 200);
    assert_ne!(r.json()["record"]["affected"], 4321);
    // Bad corrections.
    for body in [
        json!({"set": {"severity": "high"}}),
        json!({"set": {"affected": "many"}}),
        json!({"set": {"cause": "hacking"}}),
        json!({"set": {"published": "2024/01/01"}}),
        json!({}),
    ] {
        let r = json_req(s.addr, "PATCH", &format!("/api/incidents/{n}"), &body);
        assert_eq!(r.status, 400, "{body}: {}", r.text());
    }
    // A body of the wrong shape.
    let r = json_req(
        s.addr,
        "PATCH",
        &format!("/api/incidents/{n}"),
        &json!({"set": {}, "unknown": 1}),
    );
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("unknown"));
}

#[test]
fn labels_add_and_remove() {
    let s = start(None);
    let n = first_number(s.addr, "limit=1");
    let r = json_req(
        s.addr,
        "POST",
        &format!("/api/incidents/{n}/labels"),
        &json!({"label": "要確認"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["labels"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["label"] == "要確認"));
    let r = get(s.addr, &format!("/api/incidents?label={}", enc("要確認"))).json();
    assert_eq!(r["total"], 1);
    let r = request(
        s.addr,
        "DELETE",
        &format!(
            "/api/incidents/{n}/labels/{}",
            enc("要確認").replace('+', "%20")
        ),
        &[("X-CSRF-Token", "x"), ("Content-Type", "application/json")],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let r = get(s.addr, &format!("/api/incidents?label={}", enc("要確認"))).json();
    assert_eq!(r["total"], 0);
}

#[test]
fn create_from_text_extract_and_idempotence() {
    let s = start(None);
    let notice = "令和7年5月1日\n株式会社テスト商会\n\n案内メールの誤送信についてのお詫び\n\n\
        令和7年4月28日、当社従業員が顧客120名へ案内を送った折に、宛先をBCCとすべきところTOに設定したため、\
        メールアドレスが他の受信者に表示されました。\n";
    let r = json_req(
        s.addr,
        "POST",
        "/api/extract",
        &json!({"name": "t.txt", "text": notice}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let ex = r.json();
    assert_eq!(ex["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(ex["incidents"][0]["cause"], "misdelivery");
    let before = get(s.addr, "/api/counts").json();
    let facets_before = get(s.addr, "/api/incidents?facets=1&limit=1").json();
    let stats_before = get(s.addr, "/api/stats?by=cause").json();
    let r = json_req(
        s.addr,
        "POST",
        "/api/documents",
        &json!({"name": "t.txt", "text": notice}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let out = r.json();
    assert_eq!(out["outcome"], "added");
    let number = out["incidents"][0]["number"].as_str().unwrap().to_string();
    let v = get(s.addr, &format!("/api/incidents/{number}")).json();
    assert_eq!(v["record"]["organization"], "株式会社テスト商会");
    assert_eq!(v["record"]["affected"], 120);
    // Cached facets and statistics follow the change.
    let facets_after = get(s.addr, "/api/incidents?facets=1&limit=1").json();
    assert_eq!(
        facets_after["total"].as_u64().unwrap(),
        facets_before["total"].as_u64().unwrap() + 1
    );
    let stats_after = get(s.addr, "/api/stats?by=cause").json();
    assert_eq!(
        stats_after["total"]["incidents"].as_u64().unwrap(),
        stats_before["total"]["incidents"].as_u64().unwrap() + 1
    );
    // Same content again: skipped.
    let r = json_req(
        s.addr,
        "POST",
        "/api/documents",
        &json!({"name": "t2.txt", "text": notice}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["outcome"], "skipped");
    let after = get(s.addr, "/api/counts").json();
    assert_eq!(
        after["documents"].as_i64().unwrap(),
        before["documents"].as_i64().unwrap() + 1
    );
    // Raw bytes (Shift_JIS is detected).
    let r = request(
        s.addr,
        "POST",
        "/api/documents?name=raw.txt",
        &[("Content-Type", "application/octet-stream")],
        "みどり市\n住民名簿の所在不明について\n令和6年3月1日、職員が住民15名分の氏名と住所を載せた名簿を紛失しました。".as_bytes(),
    );
    assert!(r.status == 201 || r.status == 200, "{}", r.text());
    // Base64 and errors.
    let r = json_req(
        s.addr,
        "POST",
        "/api/documents",
        &json!({"name": "x.txt", "content_base64": "!!!"}),
    );
    assert_eq!(r.status, 400);
    let r = json_req(s.addr, "POST", "/api/documents", &json!({"name": "x.txt"}));
    assert_eq!(r.status, 400);
    let r = json_req(
        s.addr,
        "POST",
        "/api/documents",
        &json!({"name": "e.txt", "text": "   "}),
    );
    assert_eq!(r.status, 422, "{}", r.text());
    let r = request(
        s.addr,
        "POST",
        "/api/documents?name=b.bin",
        &[("Content-Type", "application/octet-stream")],
        &[0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 0, 0],
    );
    assert_eq!(r.status, 422, "{}", r.text());
}

#[test]
fn size_limits() {
    let s = start(None);
    // The test server accepts notices up to 64 KiB.
    let big = "あ".repeat(40_000); // 120 KB
    let r = json_req(
        s.addr,
        "POST",
        "/api/documents",
        &json!({"name": "big.txt", "text": big}),
    );
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.json()["error"].is_string());
    let body = vec![b'a'; 2 * 1024 * 1024];
    let r = request(
        s.addr,
        "PATCH",
        "/api/incidents/1",
        &[("Content-Type", "application/json")],
        &body,
    );
    assert_eq!(r.status, 413, "{}", r.text());
}

#[test]
fn assessment_stats_and_exports() {
    let s = start(None);
    let n = first_number(s.addr, "cause=ransomware");
    let a = get(s.addr, &format!("/api/incidents/{n}/assessment")).json();
    assert!(a["report_required"].is_boolean());
    assert!(a["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r.as_str().unwrap().contains('条')));
    assert!(a["text"].as_str().unwrap().contains("判定"));
    let r = json_req(
        s.addr,
        "POST",
        "/api/assess",
        &json!({"persons": 5, "data": ["name", "credit_card"], "cause": "misdelivery", "aware": "2026-02-02"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let a = r.json();
    assert_eq!(a["report_required"], true);
    assert_eq!(a["kakuho_due"], "2026-03-03");
    let r = json_req(s.addr, "POST", "/api/assess", &json!({"persons": "many"}));
    assert_eq!(r.status, 422, "{}", r.text());
    // a misspelled fact is refused with the fact it likely means, and no dangling separator
    let r = json_req(s.addr, "POST", "/api/assess", &json!({"persns": 3}));
    assert_eq!(r.status, 422, "{}", r.text());
    let t = r.text();
    assert!(t.contains("persns") && t.contains("persons"), "{t}");
    let msg = r.json()["error"].as_str().unwrap_or_default().to_string();
    assert!(!msg.is_empty() && !msg.trim_end().ends_with(':'), "{t}");
    for by in [
        "year", "month", "cause", "actor", "sector", "size", "data", "label",
    ] {
        let st = get(s.addr, &format!("/api/stats?by={by}")).json();
        assert_eq!(st["by"], by);
        assert!(st["total"]["incidents"].as_u64().unwrap() >= 15);
        let sum: u64 = st["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["incidents"].as_u64().unwrap())
            .sum();
        if !matches!(by, "data" | "label") {
            assert_eq!(sum, st["total"]["incidents"].as_u64().unwrap(), "{by}");
        }
    }
    let st = get(s.addr, "/api/stats?by=cause&year=2025").json();
    assert!(st["total"]["incidents"].as_u64().unwrap() >= 1);
    let r = get(s.addr, "/api/export?format=csv");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    assert!(r.text().contains("number,id,organization"));
    let r = get(s.addr, "/api/export?format=veris&cause=ransomware");
    assert!(r.json().as_array().unwrap().iter().all(|v| v.is_object()));
    let r = get(s.addr, "/api/export?format=json");
    assert!(r.json()["documents"].is_array());
    assert_eq!(
        get(s.addr, "/api/export?format=json&cause=ransomware").status,
        400
    );
    let r = get(
        s.addr,
        &format!("/api/export/view?format=csv&q={}", enc("ランサムウェア")),
    );
    assert_eq!(r.status, 200);
    let t = r.text();
    assert!(t.starts_with('\u{feff}'));
    assert!(t.lines().count() >= 2);
    let r = get(s.addr, "/api/export/view?format=json&sort=number").json();
    assert_eq!(r["count"], r["total"]);
}

#[test]
fn documents_and_originals() {
    let s = start(None);
    let docs = get(s.addr, "/api/documents?limit=100").json();
    let d = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"].as_str().unwrap().ends_with(".html"))
        .unwrap()
        .clone();
    let id = d["id"].as_i64().unwrap();
    let v = get(s.addr, &format!("/api/documents/{id}")).json();
    assert!(!v["text"].as_str().unwrap().is_empty());
    let r = get(s.addr, &format!("/api/documents/{id}/original"));
    assert_eq!(r.status, 200);
    // An archived HTML page is never served as HTML.
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment"));
}

#[test]
fn csrf_and_cross_site_rules() {
    let s = start(None);
    let n = first_number(s.addr, "limit=1");
    // A simple (form-like) body without a token is refused.
    let r = request(
        s.addr,
        "PATCH",
        &format!("/api/incidents/{n}"),
        &[("Content-Type", "text/plain")],
        br#"{"set":{"affected":1}}"#,
    );
    assert_eq!(r.status, 403, "{}", r.text());
    // Another site's origin is refused even with JSON.
    let r = request(
        s.addr,
        "PATCH",
        &format!("/api/incidents/{n}"),
        &[
            ("Content-Type", "application/json"),
            ("Origin", "http://evil.example"),
        ],
        br#"{"set":{"affected":1}}"#,
    );
    assert_eq!(r.status, 403);
    // DNS rebinding: a foreign Host is refused in open mode.
    let r = request(
        s.addr,
        "GET",
        "/api/incidents",
        &[("Host", "evil.example:8080")],
        b"",
    );
    assert_eq!(r.status, 403);
    // Page forms need the token of the browser's cookie.
    let page = get(s.addr, &format!("/incidents/{n}"));
    assert_eq!(page.status, 200);
    let cookie = cookie_of(&page).expect("a session cookie");
    let set = page.headers_named("set-cookie").join(" ");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let token = csrf_of(&page.text());
    let form = |t: &str| format!("_csrf={t}&affected=777&note=test");
    let r = request(
        s.addr,
        "POST",
        &format!("/incidents/{n}/edit"),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
        ],
        form("wrong").as_bytes(),
    );
    assert_eq!(r.status, 403);
    let r = request(
        s.addr,
        "POST",
        &format!("/incidents/{n}/edit"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form(&token).as_bytes(),
    );
    assert_eq!(r.status, 403, "a token without its cookie is refused");
    let r = request(
        s.addr,
        "POST",
        &format!("/incidents/{n}/edit"),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
        ],
        form(&token).as_bytes(),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        get(s.addr, &format!("/api/incidents/{n}")).json()["record"]["affected"],
        777
    );
}

#[test]
fn security_headers_and_escaping() {
    let s = start(None);
    let evil = "<script>alert('x')</script>株式会社<b>悪意</b>\n個人情報の漏えいについて\n\
        令和7年4月1日、不正アクセスにより顧客<img src=x onerror=alert(1)>3,000名の氏名が漏えいしました。";
    let r = json_req(
        s.addr,
        "POST",
        "/api/documents",
        &json!({"name": "<x>.txt", "text": evil}),
    );
    assert!(r.status == 201, "{}", r.text());
    let out = r.json();
    let doc = out["document_id"].as_i64().unwrap();
    let pages: Vec<String> = out["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("/incidents/{}", i["number"].as_str().unwrap()))
        .chain([
            format!("/documents/{doc}"),
            format!("/?q={}", enc("悪意")),
            "/audit".into(),
        ])
        .collect();
    for p in pages {
        let r = get(s.addr, &p);
        assert_eq!(r.status, 200, "{p}");
        let t = r.text();
        assert!(!t.contains("<script>alert"), "{p}");
        assert!(!t.contains("<img src=x"), "{p}");
        assert!(!t.contains("<b>悪意"), "{p}");
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.contains("script-src 'self'"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
}

#[test]
fn pages_render() {
    let s = start(None);
    let n = first_number(s.addr, "cause=ransomware");
    for (p, needle) in [
        ("/".to_string(), "事例一覧"),
        (format!("/?q={}&cause=ransomware", enc("病院")), "件"),
        ("/?sort=number&page=2&per=5".to_string(), "番号"),
        (format!("/incidents/{n}"), "<mark class=\"ev"),
        (format!("/incidents/{n}"), "報告義務"),
        ("/new".to_string(), "抽出"),
        ("/stats".to_string(), "<svg"),
        ("/stats?cause=ransomware".to_string(), "原因別"),
        ("/audit".to_string(), "監査ログ"),
        ("/login".to_string(), "ログイン"),
        ("/static/app.css".to_string(), "--accent"),
        ("/static/app.js".to_string(), "use strict"),
    ] {
        let r = get(s.addr, &p);
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        assert!(r.text().contains(needle), "{p} lacks {needle}");
    }
    for (p, status) in [
        ("/incidents/2099-001", 404),
        ("/incidents/garbage", 400),
        ("/?cause=hacking", 400),
        ("/nowhere", 404),
        ("/documents/x", 400),
    ] {
        let r = get(s.addr, p);
        assert_eq!(r.status, status, "{p}");
        assert!(r.text().contains("<html"), "{p}: an HTML error page");
    }
}

#[test]
fn upload_page_flow() {
    let s = start(None);
    let page = get(s.addr, "/new");
    let cookie = cookie_of(&page).unwrap();
    let token = csrf_of(&page.text());
    let notice = "令和7年6月2日\nさくら台クリニック\n\n患者情報の誤送信について\n\n令和7年5月30日、職員が患者8名の氏名と診療内容を記載したファイルを誤って外部の取引先にメールで送信しました。\n";
    let boundary = "----jikenbotest";
    let mut body = String::new();
    for (k, v) in [("_csrf", token.as_str()), ("name", "")] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clinic.txt\"\r\nContent-Type: text/plain\r\n\r\n{notice}\r\n--{boundary}--\r\n"
    ));
    let ct = format!("multipart/form-data; boundary={boundary}");
    let r = request(
        s.addr,
        "POST",
        "/new",
        &[("Content-Type", &ct), ("Cookie", &cookie)],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("抽出結果の確認"));
    assert!(html.contains("<mark class=\"ev"));
    let draft = {
        let i = html.find("name=\"draft\" value=\"").unwrap() + 20;
        html[i..].split('"').next().unwrap().to_string()
    };
    // A correction over a limit (a 301-character organization name) is refused before
    // anything is stored, and the draft stays usable.
    let docs = || {
        get(s.addr, "/api/documents?limit=1000")
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    let before = docs();
    let save = |form: &str| {
        request(
            s.addr,
            "POST",
            "/new/save",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", &cookie),
            ],
            form.as_bytes(),
        )
    };
    let too_long = format!(
        "_csrf={token}&draft={draft}&i0.organization={}&i0.affected=9",
        enc(&"長".repeat(301))
    );
    let r = save(&too_long);
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.text().contains("300文字まで"), "{}", r.text());
    assert_eq!(docs(), before);
    // Save with one correction.
    let form = format!(
        "_csrf={token}&draft={draft}&i0.organization={}&i0.affected=9&i0.cause=misdelivery&note={}",
        enc("さくら台クリニック"),
        enc("件数を訂正")
    );
    let r = save(&form);
    assert_eq!(r.status, 303, "{}", r.text());
    let loc = r.header("location").unwrap().to_string();
    assert!(loc.starts_with("/incidents/"), "{loc}");
    let number = loc
        .trim_start_matches("/incidents/")
        .split('?')
        .next()
        .unwrap();
    let v = get(s.addr, &format!("/api/incidents/{number}")).json();
    assert_eq!(v["record"]["affected"], 9);
    let f = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "affected")
        .unwrap()
        .clone();
    assert_eq!(f["source"]["kind"], "override");
    assert!(f["source"]["note"].as_str().unwrap().contains("件数を訂正"));
    // The extractor's value stays in the history.
    assert_eq!(f["history"][0]["value"], 8);
    assert_eq!(docs(), before + 1);
    // The draft is used up.
    let r = save(&form);
    assert_eq!(r.status, 404);
}

#[test]
fn sign_in_mode_roles_and_audit() {
    let token = "test-admin-token-0123456789";
    let s = start(Some(token));
    // Nothing without signing in (except the public endpoints).
    assert_eq!(get(s.addr, "/api/incidents").status, 401);
    assert_eq!(get(s.addr, "/api/openapi.json").status, 200);
    let r = get(s.addr, "/");
    assert_eq!(r.status, 303);
    assert!(r.header("location").unwrap().starts_with("/login"));
    assert_eq!(
        json_auth(s.addr, "GET", "/api/incidents", "wrong-token", None).status,
        401
    );
    // The admin creates a viewer and an editor.
    assert_eq!(
        json_auth(s.addr, "GET", "/api/incidents", token, None).status,
        200
    );
    for (name, role) in [("vera", "viewer"), ("eddie", "editor")] {
        let r = json_auth(
            s.addr,
            "POST",
            "/api/users",
            token,
            Some(&json!({"name": name, "role": role, "password": format!("{name}-password-1")})),
        );
        assert_eq!(r.status, 201, "{}", r.text());
    }
    let r = json_auth(
        s.addr,
        "POST",
        "/api/users",
        token,
        Some(&json!({"name": "x", "role": "editor", "password": "short"})),
    );
    assert_eq!(r.status, 400);
    let users = json_auth(s.addr, "GET", "/api/users", token, None).json();
    assert_eq!(users.as_array().unwrap().len(), 2);
    assert!(!users.to_string().contains("argon2"));
    // Sign in through the API.
    let login = |u: &str, p: &str| {
        json_req(
            s.addr,
            "POST",
            "/api/session",
            &json!({"user": u, "password": p}),
        )
    };
    assert_eq!(login("vera", "wrong-password").status, 401);
    let vt = login("vera", "vera-password-1").json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let et = login("eddie", "eddie-password-1").json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let me = json_auth(s.addr, "GET", "/api/session", &vt, None).json();
    assert_eq!(me["role"], "viewer");
    let n = json_auth(s.addr, "GET", "/api/incidents?limit=1", &vt, None).json()["hits"][0]
        ["number"]
        .as_str()
        .unwrap()
        .to_string();
    let change = json!({"set": {"affected": 4242}, "note": "by editor"});
    let r = json_auth(
        s.addr,
        "PATCH",
        &format!("/api/incidents/{n}"),
        &vt,
        Some(&change),
    );
    assert_eq!(r.status, 403, "a viewer cannot correct");
    let r = json_auth(
        s.addr,
        "POST",
        "/api/documents",
        &vt,
        Some(&json!({"name": "v.txt", "text": "みどり市 書類の紛失について"})),
    );
    assert_eq!(r.status, 403, "a viewer cannot ingest");
    assert_eq!(
        json_auth(s.addr, "GET", "/api/users", &vt, None).status,
        403
    );
    let r = json_auth(
        s.addr,
        "PATCH",
        &format!("/api/incidents/{n}"),
        &et,
        Some(&change),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let audit = json_auth(s.addr, "GET", "/api/audit?limit=1", &vt, None).json();
    assert_eq!(audit[0]["who"], "eddie");
    assert_eq!(audit[0]["action"], "edit");
    // Account changes are in the store's audit log (no second trail beside the users file).
    let acc = json_auth(s.addr, "GET", "/api/audit?action=account", token, None).json();
    let acc = acc.as_array().unwrap();
    assert!(acc.iter().any(|e| e["detail"]["change"] == "create_user"
        && e["detail"]["user"] == "eddie"
        && e["who"] == "admin"));
    assert!(!s.dir.path().join("test.db.users.log").exists());
    // Signing out ends the token; deleting a user ends their sessions.
    assert_eq!(
        json_auth(s.addr, "DELETE", "/api/session", &vt, None).status,
        204
    );
    assert_eq!(
        json_auth(s.addr, "GET", "/api/incidents", &vt, None).status,
        401
    );
    assert_eq!(
        json_auth(s.addr, "DELETE", "/api/users/eddie", token, None).status,
        204
    );
    let acc = json_auth(
        s.addr,
        "GET",
        "/api/audit?action=account&limit=1",
        token,
        None,
    )
    .json();
    assert_eq!(acc[0]["detail"]["change"], "delete_user");
    assert_eq!(
        json_auth(s.addr, "GET", "/api/incidents", &et, None).status,
        401
    );
}

#[test]
fn sign_in_through_the_page() {
    let token = "page-admin-token-0123456789";
    let s = start(Some(token));
    let page = get(s.addr, "/login?next=%2Fstats");
    assert_eq!(page.status, 200);
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let form = |p: &str| format!("_csrf={csrf}&next=%2Fstats&user=admin&password={p}");
    let r = request(
        s.addr,
        "POST",
        "/login",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
        ],
        form("nope").as_bytes(),
    );
    assert_eq!(r.status, 401);
    let r = request(
        s.addr,
        "POST",
        "/login",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
        ],
        form(token).as_bytes(),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/stats"));
    let session = cookie_of(&r).unwrap();
    assert_ne!(session, cookie, "the session id changes at sign-in");
    let set = r.headers_named("set-cookie").join(" ");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"));
    let r = request(s.addr, "GET", "/stats", &[("Cookie", &session)], b"");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("admin"));
    let r = request(s.addr, "GET", "/admin/users", &[("Cookie", &session)], b"");
    assert_eq!(r.status, 200);
}

#[test]
fn refuses_to_listen_off_loopback_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let c = jikenbo_web::Config::new(dir.path().join("x.db"), "0.0.0.0:0".parse().unwrap());
    let e = c.validate().unwrap_err().to_string();
    assert!(e.contains("admin token"), "{e}");
    let mut c = jikenbo_web::Config::new(dir.path().join("x.db"), "0.0.0.0:0".parse().unwrap());
    c.admin_token = Some("short".into());
    assert!(c.validate().is_err());
    c.admin_token = Some("a-long-enough-admin-token".into());
    assert!(c.validate().is_ok());
}

/// A fictional notice whose headings are in 【】, as many real notices write them.
const BRACKETED: &str = "2025年6月2日
株式会社ひばり精機

当社サーバーへの不正アクセスと個人情報流出のお知らせ

【対応経緯】
2025年5月20日、当社の受注管理サーバーが外部から不正アクセスを受けていたと分かりました。

【漏えいした情報】
お客様 1,200名分の氏名、住所、電話番号
";

/// The contents of every `<mark>` element of a page.
fn marked(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<mark") {
        let open_end = rest[i..].find('>').unwrap() + i + 1;
        let close = rest[open_end..].find("</mark>").unwrap() + open_end;
        out.push(rest[open_end..close].to_string());
        rest = &rest[close..];
    }
    out
}

#[test]
fn snippets_are_text_with_ranges_and_pages_mark_only_the_match() {
    let s = start(None);
    let r = json_req(
        s.addr,
        "POST",
        "/api/documents",
        &json!({"name": "hibari.txt", "text": BRACKETED}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let word = "受注管理";
    // The API: {text, matches: [{start, end}]} in UTF-16 code units, the text unmarked.
    let v = get(s.addr, &format!("/api/incidents?q={}", enc(word))).json();
    assert_eq!(v["total"], 1, "{v}");
    let snip = &v["hits"][0]["snippet"];
    let text = snip["text"].as_str().unwrap();
    let matches = snip["matches"].as_array().unwrap();
    assert!(!matches.is_empty(), "{snip}");
    let units: Vec<u16> = text.encode_utf16().collect();
    for m in matches {
        let (a, b) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(String::from_utf16(&units[a..b]).unwrap(), word, "{snip}");
    }
    assert!(text.contains("【対応経緯】"), "{snip}");
    let inner = text.trim_start_matches('…').trim_end_matches('…');
    assert!(
        BRACKETED.replace('\n', " ").contains(inner),
        "nothing added to the notice's text: {snip}"
    );
    // The page: the searched word is marked, the heading is not.
    let page = get(s.addr, &format!("/?q={}", enc(word)));
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("【対応経緯】"), "the heading shows as text");
    assert_eq!(marked(&html), [word], "only the match is marked");
    // The OpenAPI document says what the offsets count.
    let doc = get(s.addr, "/api/openapi.json").json();
    let schemas = &doc["components"]["schemas"];
    assert!(schemas["Snippet"]["description"]
        .as_str()
        .unwrap()
        .contains("UTF-16 code units"));
    assert_eq!(
        schemas["Snippet"]["properties"]["matches"]["items"]["$ref"],
        "#/components/schemas/SnippetMatch"
    );
}
