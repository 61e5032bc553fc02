//! Publishing an own case's public notice through a real server: `POST /api/cases/{id}/publish`
//! and the case page's 「公表する(事件簿に登録)」 form (CSRF, confirmation). Before, the casebook
//! shows nothing of the case; after, it shows the notice's incident — and nothing of the case
//! the notice does not say — and the case lists the publication with its casebook number.

mod common;

use common::*;
use serde_json::{json, Value};
use std::net::SocketAddr;

const TODAY: &str = "2026-12-02";
const ORG: &str = "株式会社ほしがらす商会";
/// Facts of the case its notice does not say.
const PRIVATE: [&str; 2] = ["内密の検査結果QZX", "キツツキ計画QZX"];

fn new_case(a: SocketAddr) -> i64 {
    let r = json_req(
        a,
        "POST",
        &format!("/api/cases?today={TODAY}"),
        &json!({
            "title": "会員向けメールの誤送信",
            "organization": ORG,
            "facts": {
                "org_kind": "business", "persons": 350, "data": ["email"],
                "cause": "misdelivery", "leak": "confirmed", "aware": "2026-11-30",
                "summary": "会員向けのお知らせメールを送信する際、宛先をBCCとすべきところTOに入力した",
                "contact": "お客様窓口",
                "notes": [PRIVATE[0]], "discovered_by": PRIVATE[1]
            }
        }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["case"]["id"].as_i64().unwrap()
}

/// Everything the casebook serves anyone, as one text (no page that repeats a query).
fn casebook(a: SocketAddr) -> String {
    let mut all = String::new();
    for path in [
        "/".to_string(),
        "/stats".to_string(),
        "/audit".to_string(),
        "/api/incidents?limit=200&facets=1".to_string(),
        "/api/stats".to_string(),
        "/api/audit?limit=10000".to_string(),
        "/api/export?format=csv".to_string(),
        "/api/export?format=json".to_string(),
        "/api/export?format=veris".to_string(),
        "/api/documents?limit=1000".to_string(),
    ] {
        let r = get(a, &path);
        assert_eq!(r.status, 200, "{path}");
        all += &r.text();
    }
    all
}

fn found(a: SocketAddr, q: &str) -> Value {
    get(a, &format!("/api/incidents?q={}", enc(q))).json()["total"].clone()
}

#[test]
fn the_api_publishes_the_notice_and_nothing_else_of_the_case() {
    let s = start(None);
    let a = s.addr;
    let id = new_case(a);
    let before = casebook(a);
    assert!(
        !before.contains("ほしがらす"),
        "the case shows before publishing"
    );
    assert_eq!(found(a, "ほしがらす"), 0);
    let v = get(a, &format!("/api/cases/{id}")).json();
    assert_eq!(v["publications"], json!([]));

    // 第1報, everything defaulted.
    let r = json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/publish?today={TODAY}"),
        &json!({}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    let number = v["numbers"][0].as_str().unwrap().to_string();
    assert!(number.starts_with("2026-"), "{v}");
    assert_eq!(v["numbers"].as_array().unwrap().len(), 1);
    assert_eq!(v["edition"], "notice-1");
    let p = &v["publication"];
    assert_eq!(p["incidents"][0]["link"], "new");
    assert_eq!(p["incidents"][0]["url"], format!("/incidents/{number}"));
    assert_eq!(p["how"], "ingested");
    assert!(!v["unknown"].as_array().unwrap().is_empty(), "{v}");
    let doc_id = p["document_id"].as_i64().unwrap();

    // Public now: the notice's incident, and none of the case's other facts.
    assert_eq!(found(a, "ほしがらす"), 1);
    let after = casebook(a);
    assert!(after.contains(ORG));
    for s in PRIVATE {
        assert!(!after.contains(s), "{s} became public");
    }
    let page = get(a, &format!("/incidents/{number}"));
    assert_eq!(page.status, 200);
    assert!(page.text().contains(ORG));
    let doc = get(a, &format!("/api/documents/{doc_id}")).json();
    let text = doc["text"].as_str().unwrap_or_default().to_string();
    assert!(
        text.starts_with("# 会員向けメールの誤送信に関するお詫びとお知らせ\n"),
        "{doc}"
    );
    assert!(
        !text.contains("出典") && !text.contains("作成メモ"),
        "{text}"
    );
    // The case lists it, with a link to the casebook incident; the 公表 event is on its timeline.
    let c = get(a, &format!("/api/cases/{id}")).json();
    assert_eq!(c["publications"][0]["incidents"][0]["number"], number);
    let events = c["case"]["events"].as_array().unwrap();
    assert!(events.iter().any(|e| e["kind"] == "publication"
        && e["note"].as_str().unwrap().contains(&format!("#{number}"))));
    let html = get(a, &format!("/cases/{id}")).text();
    assert!(html.contains(&format!("href=\"/incidents/{number}\"")));

    // 第2報 (the next edition by default): a follow-up of the same incident.
    let r = json_req(
        a,
        "PATCH",
        &format!("/api/cases/{id}/facts?today={TODAY}"),
        &json!({"persons": 1200}),
    );
    assert_eq!(r.status, 200);
    let r = json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/publish?today=2026-12-10"),
        &json!({"at": "2026-12-10T10:00"}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    assert_eq!(v["edition"], "notice-2");
    assert_eq!(v["numbers"], json!([number]));
    assert_eq!(v["publication"]["incidents"][0]["link"], "followup");
    assert_eq!(v["publication"]["incidents"][0]["report_no"], 2);
    assert_eq!(v["publication"]["published_at"], "2026-12-10T10:00");
    assert_eq!(found(a, "ほしがらす"), 1);
    let c = get(a, &format!("/api/cases/{id}")).json();
    assert_eq!(c["publications"].as_array().unwrap().len(), 2);

    // Refused, nothing written: a bad edition or time, a text with no incident, unknown fields,
    // the same text again, an unknown case.
    let before = casebook(a);
    for (body, status) in [
        (json!({"edition": "0"}), 400),
        (json!({"at": "2026-13-01"}), 400),
        (json!({"text": "本日は晴天なり。"}), 400),
        (json!({"secret": 1}), 422),
    ] {
        let r = json_req(a, "POST", &format!("/api/cases/{id}/publish"), &body);
        assert_eq!(r.status, status, "{body}: {}", r.text());
        assert!(r.json()["error"].is_string());
    }
    let r = json_req(
        a,
        "POST",
        &format!("/api/cases/{id}/publish"),
        &json!({"text": text}),
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("公表済み"));
    let r = json_req(a, "POST", "/api/cases/99/publish", &json!({}));
    assert_eq!(r.status, 404);
    assert!(
        casebook(a) == before,
        "a refused publication changed the casebook"
    );

    // The OpenAPI document describes it.
    let doc = get(a, "/api/openapi.json").json();
    assert!(doc["paths"]["/api/cases/{id}/publish"]["post"].is_object());
    assert!(doc["components"]["schemas"]["CasePublication"].is_object());
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
fn the_case_page_publishes_after_confirmation() {
    let s = start(None);
    let a = s.addr;
    let id = new_case(a);
    let loc = format!("/cases/{id}");
    let page = get(a, &loc);
    assert_eq!(page.status, 200);
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let html = page.text();
    assert!(html.contains("公表する(事件簿に登録)"));
    assert!(
        html.contains("お知らせの本文だけが事件簿に登録され"),
        "what becomes public"
    );
    assert!(html.contains("事案の事実・経過・再発防止策・他の下書きは非公開のまま"));
    assert!(html.contains("まだ公表していません"));
    assert!(html.contains(&format!("action=\"/cases/{id}/publish\"")));
    assert!(html.contains("name=\"confirm\""));

    // Without the CSRF token, or without the confirmation: refused.
    let r = form_post(a, &format!("/cases/{id}/publish"), &cookie, "confirm=yes");
    assert_eq!(r.status, 403);
    let r = form_post(
        a,
        &format!("/cases/{id}/publish"),
        &cookie,
        &format!("_csrf={csrf}&edition=1"),
    );
    assert_eq!(r.status, 400);
    assert!(r.text().contains("確認"));
    assert_eq!(found(a, "ほしがらす"), 0);

    let r = form_post(
        a,
        &format!("/cases/{id}/publish"),
        &cookie,
        &format!("_csrf={csrf}&edition=1&date=2026-12-02&time=15%3A00&text=&confirm=yes"),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        r.header("location"),
        Some(format!("/cases/{id}#publications").as_str())
    );
    let html = request(a, "GET", &loc, &[("Cookie", &cookie)], b"").text();
    let c = get(a, &format!("/api/cases/{id}")).json();
    let number = c["publications"][0]["incidents"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        html.contains(&format!(
            "お詫びとお知らせ(第1報)を事件簿に公表しました: #{number}"
        )),
        "{html}"
    );
    assert!(html.contains(&format!("href=\"/incidents/{number}\"")));
    assert!(html.contains("2026年12月2日 15時00分"));
    assert!(html.contains("第1報・新規の事例"));
    assert_eq!(found(a, "ほしがらす"), 1);
    let after = casebook(a);
    for s in PRIVATE {
        assert!(!after.contains(s), "{s} became public");
    }

    // An edited text, published as the 最終報.
    let edited = "# 会員向けメールの誤送信に関するご報告(最終報)\n\n2027年1月20日\n株式会社ほしがらす商会\n\n先にお知らせいたしました本件につきまして、調査が完了いたしましたのでご報告いたします。会員1,200人のメールアドレスが他の受信者に表示されました。\n";
    let r = form_post(
        a,
        &format!("/cases/{id}/publish"),
        &cookie,
        &format!(
            "_csrf={csrf}&edition=final&date=2027-01-20&time=&text={}&confirm=yes",
            enc(edited)
        ),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let c = get(a, &format!("/api/cases/{id}")).json();
    let pubs = c["publications"].as_array().unwrap();
    assert_eq!(pubs.len(), 2);
    assert_eq!(pubs[1]["incidents"][0]["number"], number.as_str());
    assert_eq!(pubs[1]["incidents"][0]["report_kind"], "final");
    assert_eq!(found(a, "ほしがらす"), 1);
}
