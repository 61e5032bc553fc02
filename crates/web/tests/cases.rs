//! Own cases (自組織の事案) through a real server: the JSON API (every endpoint, its errors, the
//! editor-only rule), the pages (forms with CSRF tokens, the change banner, the print view), and
//! that a case never shows in the casebook.

mod common;

use common::*;
use serde_json::{json, Value};
use std::net::SocketAddr;

/// 2026-11-30 (Mon) is the day of awareness; the checks count from 2026-12-02.
const TODAY: &str = "2026-12-02";

fn new_case(addr: SocketAddr, title: &str, facts: Value) -> Value {
    let r = json_req(
        addr,
        "POST",
        &format!("/api/cases?today={TODAY}"),
        &json!({ "title": title, "organization": "株式会社ひなた商会", "facts": facts }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

fn deadline<'a>(ds: &'a Value, kind: &str) -> &'a Value {
    ds.as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} deadline in {ds}"))
}

fn error_of(r: &Resp) -> String {
    r.json()["error"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_case_from_first_facts_to_the_kakuho_draft() {
    let s = start(None);
    let a = s.addr;
    // Create: 350 addresses in To instead of Bcc; no report due.
    let v = new_case(
        a,
        "メールの誤送信(宛先の設定誤り)",
        json!({"org_kind": "business", "persons": 350, "data": ["email"], "cause": "misdelivery", "aware": "2026-11-30"}),
    );
    let id = v["case"]["id"].as_i64().unwrap();
    assert_eq!(v["case"]["status"], "investigating");
    assert_eq!(v["case"]["provenance"]["persons"]["who"], "local-tester");
    assert_eq!(v["deadlines"][0]["kind"], "ppc_report");
    assert_eq!(v["deadlines"][0]["status"], "not_required");
    assert!(v["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["kind"] == "ppc-private-sokuho"));
    // List.
    let l = get(a, &format!("/api/cases?today={TODAY}")).json();
    assert_eq!(l["count"], 1);
    assert_eq!(l["cases"][0]["id"], id);
    assert_eq!(l["cases"][0]["overdue"], false);
    // The count turns out to be 1,200: a report is due; the answer says what changed.
    let r = json_req(
        a,
        "PATCH",
        &format!("/api/cases/{id}/facts?today={TODAY}"),
        &json!({"persons": 1200, "contact": "お客様窓口 0120-000-000"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let up = r.json();
    assert_eq!(up["changed"], true);
    let lines: Vec<&str> = up["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(lines[0], "本人の数: 350人 → 1,200人");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("新たに必要: 確報(個人情報保護委員会): 2027年1月4日(月)まで")),
        "{lines:?}"
    );
    // The same again changes nothing.
    let r = json_req(
        a,
        "PATCH",
        &format!("/api/cases/{id}/facts"),
        &json!({"persons": 1200}),
    );
    assert_eq!(r.json()["changed"], false);
    // Deadlines: 速報 window 12-03..12-05, 確報 2027-01-04 (33 days from 12-02).
    let d = get(a, &format!("/api/cases/{id}/deadlines?today={TODAY}")).json();
    let sokuho = deadline(&d["deadlines"], "sokuho");
    assert_eq!(sokuho["status"], "due");
    assert_eq!(sokuho["due"], "2026-12-05");
    assert_eq!(sokuho["countdown"], "残り3日");
    let kakuho = deadline(&d["deadlines"], "kakuho");
    assert_eq!(kakuho["due"], "2027-01-04");
    assert_eq!(kakuho["days_left"], 33);
    // Overdue when counted from later.
    let late = get(a, &format!("/api/cases/{id}/deadlines?today=2026-12-08")).json();
    assert_eq!(
        deadline(&late["deadlines"], "sokuho")["countdown"],
        "3日超過"
    );
    let due = get(a, "/api/cases/due?today=2026-12-08&within=7").json();
    assert_eq!(due["items"][0]["case_id"], id);
    assert_eq!(due["items"][0]["deadline"]["kind"], "sokuho");
    assert_eq!(due["items"][0]["deadline"]["status"], "overdue");
    let l = get(a, "/api/cases?today=2026-12-08").json();
    assert_eq!(l["cases"][0]["overdue"], true);
    // The 速報 is filed: its deadline is met, the 確報 counts down.
    let r = json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/events?today={TODAY}"),
        &json!({"at": "2026-12-02T10:00", "kind": "ppc_sokuho", "note": "報告フォームから送信"}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let ev = r.json();
    assert!(ev["id"].as_i64().is_some());
    assert_eq!(ev["event"]["who"], "local-tester");
    assert!(
        ev["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l.as_str().unwrap().starts_with("済になった: 速報")),
        "{}",
        ev["lines"]
    );
    let sokuho = deadline(&ev["deadlines"], "sokuho");
    assert_eq!(sokuho["status"], "met");
    assert_eq!(sokuho["met_on"], "2026-12-02T10:00");
    assert_eq!(
        deadline(&ev["deadlines"], "kakuho")["countdown"],
        "残り33日"
    );
    // A Japanese label is a kind too.
    let r = json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/events"),
        &json!({"at": "2026-11-30", "kind": "発覚"}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let disc = r.json()["id"].as_i64().unwrap();
    let r = request(
        a,
        "DELETE",
        &format!("/api/cases/{id}/events/{disc}"),
        &[("Content-Type", "application/json")],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["removed"], disc);
    // Measures: add, then complete.
    let r = json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/measures"),
        &json!({"text": "送信前の宛先確認を二人で行う", "category": "human", "owner": "営業部", "due": "2026-12-20"}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let mid = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["measure"]["status"], "planned");
    let r = json_req(
        a,
        "PATCH",
        &format!("/api/cases/{id}/measures/{mid}"),
        &json!({"status": "done", "evidence": "手順書 第3版"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["measure"]["status"], "done");
    assert_eq!(r.json()["measure"]["owner"], "営業部");
    // Status and title.
    let r = json_req(
        a,
        "PATCH",
        &format!("/api/cases/{id}"),
        &json!({"status": "報告済"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["case"]["status"], "reported");
    // The 確報 draft: the nine items, unknown facts 未確認, the measure taken.
    let r = get(
        a,
        &format!("/api/cases/{id}/drafts/ppc-private-kakuho?format=md&today={TODAY}"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("text/markdown"));
    let md = r.text();
    for item in jikenbo_respond::PPC_ITEMS {
        assert!(md.contains(item), "{item}");
    }
    assert!(md.contains("**発見者**\n\n未確認"), "{md}");
    assert!(md.contains("送信前の宛先確認を二人で行う"));
    // As Word: the media type, an attachment with the Japanese name.
    let r = get(
        a,
        &format!("/api/cases/{id}/drafts/ppc-private-sokuho?format=docx&today={TODAY}"),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type").unwrap(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let cd = r.header("content-disposition").unwrap();
    assert!(
        cd.starts_with(&format!(
            "attachment; filename=\"case-{id}-ppc-private-sokuho-{TODAY}.docx\"; "
        )),
        "{cd}"
    );
    let star = format!(
        "filename*=UTF-8''{}",
        enc(&format!(
            "事案{id}_漏えい等報告_速報_個人情報取扱事業者_{TODAY}.docx"
        ))
    );
    assert!(cd.contains(&star), "{cd} / {star}");
    assert!(r.body.starts_with(b"PK"));
    // JSON form; other drafts.
    let j = get(a, &format!("/api/cases/{id}/drafts/individual?format=json")).json();
    assert_eq!(j["kind"], "individual");
    assert!(j["unknown"].as_array().is_some());
    let notice = get(a, &format!("/api/cases/{id}/drafts/notice-1")).text();
    assert!(notice.contains("お客様窓口 0120-000-000"), "{notice}");
    for kind in ["privacy-mark-kakuho", "notice-2", "notice-final"] {
        let r = get(a, &format!("/api/cases/{id}/drafts/{kind}"));
        assert_eq!(r.status, 200, "{kind}: {}", r.text());
    }
    // History and audit of the case.
    let h = get(a, &format!("/api/cases/{id}/history")).json();
    assert!(h["facts"].as_array().unwrap().len() >= 6);
    let actions: Vec<&str> = h["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for act in [
        "case_create",
        "case_facts",
        "case_event_add",
        "case_event_remove",
        "case_measure_add",
        "case_measure_update",
        "case_status",
    ] {
        assert!(actions.contains(&act), "{act} in {actions:?}");
    }
    // Every endpoint is in the OpenAPI document.
    let doc = get(a, "/api/openapi.json").json();
    for (p, m) in [
        ("/api/cases", "get"),
        ("/api/cases", "post"),
        ("/api/cases/due", "get"),
        ("/api/cases/{id}", "get"),
        ("/api/cases/{id}", "patch"),
        ("/api/cases/{id}/facts", "patch"),
        ("/api/cases/{id}/events", "post"),
        ("/api/cases/{id}/events/{event}", "delete"),
        ("/api/cases/{id}/measures", "post"),
        ("/api/cases/{id}/measures/{measure}", "patch"),
        ("/api/cases/{id}/deadlines", "get"),
        ("/api/cases/{id}/drafts/{kind}", "get"),
    ] {
        assert!(doc["paths"][p].get(m).is_some(), "{m} {p}");
    }
    assert!(doc["components"]["schemas"].get("Deadline").is_some());
}

#[test]
fn a_followup_notice_lists_what_changed_since_the_last_publication() {
    let s = start(None);
    let a = s.addr;
    let v = new_case(
        a,
        "ランサムウェア被害",
        json!({"persons": 12000, "aware": "2026-11-30"}),
    );
    let id = v["case"]["id"].as_i64().unwrap();
    let r = json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/events"),
        &json!({"at": "2026-12-01", "kind": "publication", "note": "第1報"}),
    );
    assert_eq!(r.status, 201);
    // After the notice the count changes and a measure is added.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    json_req(
        a,
        "PATCH",
        &format!("/api/cases/{id}/facts"),
        &json!({"persons": 12480}),
    );
    json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/measures"),
        &json!({"text": "バックアップの分離保管", "category": "technical"}),
    );
    let v = get(a, &format!("/api/cases/{id}")).json();
    assert!(v["drafts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["kind"] == "notice-2"));
    let md = get(a, &format!("/api/cases/{id}/drafts/notice-2?format=md")).text();
    assert!(md.contains("前回のお知らせからの変更点"), "{md}");
    assert!(md.contains("本人の数: 12,000人 → 12,480人"), "{md}");
    assert!(
        md.contains("再発防止策の追加: 【技術的】バックアップの分離保管"),
        "{md}"
    );
    assert!(!md.contains("経過の追加: 2026年12月1日 公表"), "{md}");
}

#[test]
fn bad_input_and_missing_cases() {
    let s = start(None);
    let a = s.addr;
    let v = new_case(a, "事案", json!({}));
    let id = v["case"]["id"].as_i64().unwrap();
    // 404: no case, no event, no measure, no such draft.
    for (m, path) in [
        ("GET", "/api/cases/9999".to_string()),
        ("GET", "/api/cases/9999/deadlines".to_string()),
        ("GET", "/api/cases/9999/drafts/notice-1".to_string()),
        ("DELETE", format!("/api/cases/{id}/events/9999")),
        ("GET", format!("/api/cases/{id}/drafts/ppc-foreign-sokuho")),
    ] {
        let r = request(a, m, &path, &[("Content-Type", "application/json")], b"");
        assert_eq!(r.status, 404, "{m} {path}: {}", r.text());
        assert!(!error_of(&r).is_empty());
    }
    let r = json_req(
        a,
        "PATCH",
        &format!("/api/cases/{id}/measures/9999"),
        &json!({"status": "done"}),
    );
    assert_eq!(r.status, 404);
    assert!(
        error_of(&r).contains("再発防止策 9999 はありません"),
        "{}",
        error_of(&r)
    );
    let r = json_req(a, "PATCH", "/api/cases/9999/facts", &json!({"persons": 1}));
    assert_eq!(r.status, 404);
    assert!(error_of(&r).contains("事案 9999 はありません"));
    // 400: bad ids, facts, events, measures, titles, days — with Japanese messages.
    for (m, path, body, says) in [
        (
            "GET",
            "/api/cases/abc".to_string(),
            None,
            "事案の番号ではありません",
        ),
        (
            "GET",
            "/api/cases?today=2026-13-01".to_string(),
            None,
            "YYYY-MM-DD",
        ),
        (
            "GET",
            "/api/cases/due?within=-1".to_string(),
            None,
            "within",
        ),
        (
            "POST",
            "/api/cases".to_string(),
            Some(json!({"title": " "})),
            "件名を入力",
        ),
        (
            "POST",
            "/api/cases".to_string(),
            Some(json!({"title": "t", "facts": {"persns": 3}})),
            "\"persns\" という事実はありません",
        ),
        (
            "PATCH",
            format!("/api/cases/{id}/facts"),
            Some(json!({"persons": -3})),
            "本人の数",
        ),
        (
            "PATCH",
            format!("/api/cases/{id}/facts"),
            Some(json!({"aware": "2026-02-30"})),
            "知った日",
        ),
        (
            "PATCH",
            format!("/api/cases/{id}/facts"),
            Some(json!({})),
            "変更する事実がありません",
        ),
        (
            "PATCH",
            format!("/api/cases/{id}"),
            Some(json!({"status": "done"})),
            "状況に \"done\" は使えません",
        ),
        (
            "POST",
            format!("/api/cases/{id}/events"),
            Some(json!({"at": "2026-12-01", "kind": "報告"})),
            "経過の種類に \"報告\" は使えません",
        ),
        (
            "POST",
            format!("/api/cases/{id}/events"),
            Some(json!({"at": "12/1", "kind": "発覚"})),
            "YYYY-MM-DD",
        ),
        (
            "POST",
            format!("/api/cases/{id}/measures"),
            Some(json!({"text": "x"})),
            "分類",
        ),
        (
            "POST",
            format!("/api/cases/{id}/measures"),
            Some(json!({"text": "", "category": "human"})),
            "内容",
        ),
        (
            "POST",
            format!("/api/cases/{id}/measures"),
            Some(json!({"text": "x", "category": "human", "due": "someday"})),
            "YYYY-MM-DD",
        ),
        (
            "GET",
            format!("/api/cases/{id}/drafts/notice-1?format=pdf"),
            None,
            "md, docx, json",
        ),
    ] {
        let r = match &body {
            Some(b) => json_req(a, m, &path, b),
            None => get(a, &path),
        };
        assert_eq!(r.status, 400, "{m} {path}: {}", r.text());
        let e = error_of(&r);
        assert!(e.contains(says), "{m} {path}: {e}");
    }
    // A body of the wrong shape is a 422, as everywhere in the API.
    let r = json_req(
        a,
        "POST",
        "/api/cases",
        &json!({"title": "t", "color": "red"}),
    );
    assert_eq!(r.status, 422);
    assert!(error_of(&r).contains("unknown field `color`"));
    // Nothing was changed by the refused calls.
    let c = get(a, &format!("/api/cases/{id}")).json();
    assert!(c["case"]["events"].as_array().unwrap().is_empty());
    assert!(c["case"]["measures"].as_array().unwrap().is_empty());
    assert_eq!(get(a, "/api/cases").json()["count"], 1);
}

#[test]
fn cases_are_for_editors_only() {
    let token = "cases-admin-token-0123456789";
    let s = start(Some(token));
    let a = s.addr;
    for (name, role) in [("vera", "viewer"), ("eddie", "editor")] {
        let r = json_auth(
            a,
            "POST",
            "/api/users",
            token,
            Some(&json!({"name": name, "role": role, "password": format!("{name}-password-1")})),
        );
        assert_eq!(r.status, 201, "{}", r.text());
    }
    let login = |u: &str| {
        json_req(
            a,
            "POST",
            "/api/session",
            &json!({"user": u, "password": format!("{u}-password-1")}),
        )
        .json()["token"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (vt, et) = (login("vera"), login("eddie"));
    // The editor opens a case.
    let r = json_auth(
        a,
        "POST",
        "/api/cases",
        &et,
        Some(&json!({"title": "内部の事案", "facts": {"persons": 5}})),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["case"]["id"].as_i64().unwrap();
    assert_eq!(r.json()["case"]["provenance"]["persons"]["who"], "eddie");
    let ev = json_auth(
        a,
        "POST",
        &format!("/api/cases/{id}/events"),
        &et,
        Some(&json!({"at": "2026-12-01", "kind": "discovered"})),
    )
    .json()["id"]
        .as_i64()
        .unwrap();
    let mid = json_auth(
        a,
        "POST",
        &format!("/api/cases/{id}/measures"),
        &et,
        Some(&json!({"text": "x", "category": "human"})),
    )
    .json()["id"]
        .as_i64()
        .unwrap();
    let calls: Vec<(&str, String, Option<Value>)> = vec![
        ("GET", "/api/cases".into(), None),
        ("POST", "/api/cases".into(), Some(json!({"title": "t"}))),
        ("GET", "/api/cases/due".into(), None),
        ("GET", format!("/api/cases/{id}"), None),
        (
            "PATCH",
            format!("/api/cases/{id}"),
            Some(json!({"status": "closed"})),
        ),
        (
            "PATCH",
            format!("/api/cases/{id}/facts"),
            Some(json!({"persons": 6})),
        ),
        (
            "POST",
            format!("/api/cases/{id}/events"),
            Some(json!({"at": "2026-12-01", "kind": "publication"})),
        ),
        ("DELETE", format!("/api/cases/{id}/events/{ev}"), None),
        (
            "POST",
            format!("/api/cases/{id}/measures"),
            Some(json!({"text": "y", "category": "human"})),
        ),
        (
            "PATCH",
            format!("/api/cases/{id}/measures/{mid}"),
            Some(json!({"status": "done"})),
        ),
        ("GET", format!("/api/cases/{id}/deadlines"), None),
        ("GET", format!("/api/cases/{id}/history"), None),
        (
            "GET",
            format!("/api/cases/{id}/drafts/notice-1?format=docx"),
            None,
        ),
    ];
    for (m, path, body) in &calls {
        let r = json_auth(a, m, path, &vt, body.as_ref());
        assert_eq!(r.status, 403, "viewer {m} {path}: {}", r.text());
        let r = request(a, m, path, &[("Content-Type", "application/json")], b"{}");
        assert_eq!(r.status, 401, "anonymous {m} {path}: {}", r.text());
    }
    // Nothing changed; the editor and the admin may do all of it.
    let c = json_auth(a, "GET", &format!("/api/cases/{id}"), &et, None).json();
    assert_eq!(c["case"]["facts"]["persons"], 5);
    assert_eq!(c["case"]["events"].as_array().unwrap().len(), 1);
    for (m, path, body) in &calls {
        let r = json_auth(a, m, path, &et, body.as_ref());
        assert!(
            r.status < 300,
            "editor {m} {path}: {} {}",
            r.status,
            r.text()
        );
    }
    assert_eq!(json_auth(a, "GET", "/api/cases", token, None).status, 200);
    // Pages: a viewer signed in through the login page gets 403 on every case page.
    let page = get(a, "/login");
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let r = request(
        a,
        "POST",
        "/login",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
        ],
        format!("_csrf={csrf}&next=%2F&user=vera&password=vera-password-1").as_bytes(),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let vc = cookie_of(&r).unwrap_or(cookie);
    let home = request(a, "GET", "/", &[("Cookie", &vc)], b"");
    assert_eq!(home.status, 200);
    assert!(
        !home.text().contains("自組織の事案"),
        "no menu entry for a viewer"
    );
    let vcsrf = csrf_of(&home.text());
    for path in [
        "/cases".to_string(),
        "/cases/new".to_string(),
        format!("/cases/{id}"),
        format!("/cases/{id}/drafts/ppc-private-sokuho"),
    ] {
        let r = request(a, "GET", &path, &[("Cookie", &vc)], b"");
        assert_eq!(r.status, 403, "viewer GET {path}");
        assert!(r.text().contains("この操作は許可されていません"));
    }
    for path in [
        "/cases".to_string(),
        format!("/cases/{id}/facts"),
        format!("/cases/{id}/meta"),
        format!("/cases/{id}/events"),
        format!("/cases/{id}/events/{ev}/delete"),
        format!("/cases/{id}/measures"),
        format!("/cases/{id}/measures/{mid}"),
    ] {
        let r = request(
            a,
            "POST",
            &path,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", &vc),
            ],
            format!("_csrf={vcsrf}&title=x&f.persons=9").as_bytes(),
        );
        assert_eq!(r.status, 403, "viewer POST {path}: {}", r.text());
    }
    // Anonymous page requests go to the login page.
    let r = get(a, &format!("/cases/{id}"));
    assert_eq!(r.status, 303);
    assert!(r.header("location").unwrap().starts_with("/login"));
}

#[test]
fn the_casebook_never_shows_a_case() {
    let s = start(None);
    let a = s.addr;
    let secret = "ひみつの漏えい事案QZX";
    let org = "株式会社ないしょ商事";
    let r = json_req(
        a,
        "POST",
        "/api/cases",
        &json!({"title": secret, "organization": org, "facts": {"persons": 5000, "summary": secret}}),
    );
    assert_eq!(r.status, 201);
    let id = r.json()["case"]["id"].as_i64().unwrap();
    json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/events"),
        &json!({"at": "2026-12-01", "kind": "publication", "note": secret}),
    );
    let q = enc("QZX");
    let q2 = enc("ないしょ");
    for path in [
        "/".to_string(),
        format!("/?q={q}"),
        format!("/?q={q2}"),
        "/stats".to_string(),
        "/audit".to_string(),
        "/api/incidents?limit=200&facets=1".to_string(),
        format!("/api/incidents?q={q}"),
        format!("/api/incidents?org={q2}"),
        "/api/stats".to_string(),
        "/api/stats?by=sector".to_string(),
        "/api/audit?limit=10000".to_string(),
        "/api/export?format=csv".to_string(),
        "/api/export?format=json".to_string(),
        "/api/export?format=veris".to_string(),
        "/api/export/view?format=json".to_string(),
        "/api/documents?limit=1000".to_string(),
    ] {
        let r = get(a, &path);
        assert_eq!(r.status, 200, "{path}");
        let t = r.text();
        assert!(
            !t.contains(secret) && !t.contains(org),
            "{path} shows the case"
        );
    }
    // The case page has it (the check above is not vacuous).
    assert!(get(a, &format!("/cases/{id}")).text().contains(secret));
}

fn form_post(a: SocketAddr, path: &str, cookie: &str, body: &str) -> Resp {
    request(
        a,
        "POST",
        path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie),
        ],
        body.as_bytes(),
    )
}

#[test]
fn the_pages_create_a_case_save_facts_and_record_events() {
    let s = start(None);
    let a = s.addr;
    let page = get(a, "/cases/new");
    assert_eq!(page.status, 200);
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    assert!(page.text().contains("知った日"));
    // Without the token: refused.
    let r = form_post(a, "/cases", &cookie, "title=x");
    assert_eq!(r.status, 403);
    let body = format!(
        "_csrf={csrf}&title={}&organization={}&f.org_kind=business&f.aware=2026-11-30&f.persons=1%2C200&f.cause=misdelivery&f.leak=&f.summary=",
        enc("宛先の設定誤り"),
        enc("株式会社ひなた商会")
    );
    let r = form_post(a, "/cases", &cookie, &body);
    assert_eq!(r.status, 303, "{}", r.text());
    let loc = r.header("location").unwrap().to_string();
    assert!(loc.starts_with("/cases/"), "{loc}");
    let id: i64 = loc.trim_start_matches("/cases/").parse().unwrap();
    let p = request(a, "GET", &loc, &[("Cookie", &cookie)], b"");
    assert_eq!(p.status, 200);
    let html = p.text();
    assert!(
        html.contains(&format!("事案 {id} を登録しました")),
        "banner"
    );
    assert!(html.contains("確報(個人情報保護委員会)"));
    assert!(html.contains("未確認"));
    assert!(html.contains("local-tester"), "who set the facts");
    assert!(html.contains("name=\"f.privacy_mark\""));
    assert!(html.contains("/api/cases/") && html.contains("format=docx"));
    // The banner is shown once.
    let again = request(a, "GET", &loc, &[("Cookie", &cookie)], b"");
    assert!(!again.text().contains("を登録しました"));
    // Save facts: the banner says what changed.
    let r = form_post(
        a,
        &format!("/cases/{id}/facts"),
        &cookie,
        &format!("_csrf={csrf}&f.persons=350&f.data=&f.data=email"),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let html = request(a, "GET", &loc, &[("Cookie", &cookie)], b"").text();
    assert!(html.contains("本人の数: 1,200人 → 350人"), "{html}");
    assert!(
        html.contains("不要になった: 確報(個人情報保護委員会)") || html.contains("必要 → 不要")
    );
    let c = get(a, &format!("/api/cases/{id}")).json();
    assert_eq!(c["case"]["facts"]["data"], json!(["email"]));
    assert_eq!(
        c["case"]["facts"]["cause"], "misdelivery",
        "facts not on the form are kept"
    );
    // A bad value is a 400 page, nothing saved.
    let r = form_post(
        a,
        &format!("/cases/{id}/facts"),
        &cookie,
        &format!("_csrf={csrf}&f.persons=many"),
    );
    assert_eq!(r.status, 400);
    assert!(r.text().contains("本人の数"));
    // Back to 1,200, then the 速報 event: its deadline is 済.
    form_post(
        a,
        &format!("/cases/{id}/facts"),
        &cookie,
        &format!("_csrf={csrf}&f.persons=1200"),
    );
    let _ = request(a, "GET", &loc, &[("Cookie", &cookie)], b"");
    let r = form_post(
        a,
        &format!("/cases/{id}/events"),
        &cookie,
        &format!(
            "_csrf={csrf}&date=2026-12-01&time=09%3A30&kind=ppc_sokuho&stage=&note={}",
            enc("速報を送信")
        ),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let html = request(a, "GET", &loc, &[("Cookie", &cookie)], b"").text();
    assert!(
        html.contains("経過を記録しました: 2026年12月1日 9時30分"),
        "{html}"
    );
    assert!(html.contains("済(2026年12月1日 9時30分)"), "{html}");
    // Measures through the form.
    let r = form_post(
        a,
        &format!("/cases/{id}/measures"),
        &cookie,
        &format!("_csrf={csrf}&text={}&category=technical&owner=&due=2026-12-20&status=planned&evidence=", enc("宛先の自動チェック")),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let mid = get(a, &format!("/api/cases/{id}")).json()["case"]["measures"][0]["id"]
        .as_i64()
        .unwrap();
    let r = form_post(
        a,
        &format!("/cases/{id}/measures/{mid}"),
        &cookie,
        &format!(
            "_csrf={csrf}&text={}&category=technical&owner=IT&due=&status=done&evidence=log",
            enc("宛先の自動チェック")
        ),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let m = &get(a, &format!("/api/cases/{id}")).json()["case"]["measures"][0];
    assert_eq!(m["status"], "done");
    assert_eq!(m["due"], Value::Null);
    // Remove the event.
    let eid = get(a, &format!("/api/cases/{id}")).json()["case"]["events"][0]["id"]
        .as_i64()
        .unwrap();
    let r = form_post(
        a,
        &format!("/cases/{id}/events/{eid}/delete"),
        &cookie,
        &format!("_csrf={csrf}"),
    );
    assert_eq!(r.status, 303);
    let html = request(a, "GET", &loc, &[("Cookie", &cookie)], b"").text();
    assert!(html.contains("経過を削除しました"));
    // Status.
    let r = form_post(
        a,
        &format!("/cases/{id}/meta"),
        &cookie,
        &format!(
            "_csrf={csrf}&title={}&organization=x&status=closed",
            enc("新しい件名")
        ),
    );
    assert_eq!(r.status, 303);
    let c = get(a, &format!("/api/cases/{id}")).json();
    assert_eq!(c["case"]["status"], "closed");
    assert_eq!(c["case"]["title"], "新しい件名");
    // The list, the print view.
    let list = get(a, "/cases").text();
    assert!(list.contains("新しい件名") && list.contains("完了"));
    let pv = get(a, &format!("/cases/{id}/drafts/ppc-private-sokuho"));
    assert_eq!(pv.status, 200);
    let pv = pv.text();
    assert!(pv.contains("article class=\"draft\""));
    for item in jikenbo_respond::PPC_ITEMS {
        assert!(pv.contains(item), "{item}");
    }
    assert!(pv.contains("data-print"));
    assert_eq!(get(a, &format!("/cases/{id}/drafts/nothing")).status, 404);
    assert_eq!(get(a, "/cases/9999").status, 404);
    assert_eq!(get(a, "/cases/abc").status, 400);
}
