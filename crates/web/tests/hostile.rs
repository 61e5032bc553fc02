//! Hostile input through every page and endpoint, over HTTP against a real server: stored
//! markup in notices, corrections, labels and own cases (every page escapes it); FTS5 syntax,
//! NUL bytes and 100 KB queries in search; negative, zero, huge and non-numeric ids and page
//! sizes; malformed, mistyped and oversized bodies; CSRF tokens that are missing, from another
//! session or from a signed-out one; a viewer on every editor endpoint; anonymous clients in
//! sign-in mode (the mode required off loopback) and foreign `Host` names in open mode.
//!
//! The README's "Hostile input" section is the table of what is tried here.

mod common;

use common::*;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// The stored payloads: script, attribute break-out, `javascript:` URL, textarea break-out,
/// template syntax.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "</textarea><svg onload=alert(1)>",
    "{{7*7}}${7*7}<%= 7*7 %>",
    "'><a href=\"javascript:alert(1)\">x</a>",
];

// ---- an HTML checker: what a browser would run ----

/// The tags of a page (`<name attrs…>`), as written. Text and attribute values are escaped by
/// the pages, so every `<` followed by a letter or `/` opens a real tag.
fn tags(html: &str) -> Vec<&str> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let at = i + p;
        let next = b.get(at + 1).copied().unwrap_or(b' ');
        if next.is_ascii_alphabetic() || next == b'/' {
            let end = html[at..].find('>').map(|e| at + e).unwrap_or(html.len());
            out.push(&html[at + 1..end]);
            i = end;
        } else {
            i = at + 1;
        }
    }
    out
}

/// The attributes of a tag's text (`a href="x" class=y`): (name, value), quotes respected.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let s: Vec<char> = tag.chars().collect();
    let mut i = s.iter().position(|c| c.is_whitespace()).unwrap_or(s.len());
    let mut out = Vec::new();
    while i < s.len() {
        while i < s.len() && (s[i].is_whitespace() || s[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < s.len() && !s[i].is_whitespace() && s[i] != '=' && s[i] != '/' {
            i += 1;
        }
        let name: String = s[start..i].iter().collect::<String>().to_ascii_lowercase();
        let mut value = String::new();
        if i < s.len() && s[i] == '=' {
            i += 1;
            if i < s.len() && (s[i] == '"' || s[i] == '\'') {
                let q = s[i];
                i += 1;
                let vs = i;
                while i < s.len() && s[i] != q {
                    i += 1;
                }
                value = s[vs..i].iter().collect();
                i += 1;
            } else {
                let vs = i;
                while i < s.len() && !s[i].is_whitespace() {
                    i += 1;
                }
                value = s[vs..i].iter().collect();
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

/// Fails when a page holds anything a browser would run: a script other than the app's own,
/// an event-handler attribute, a `javascript:` URL in a link, a form or a source, an `<img>`
/// or `<svg>` tag (the pages have none of their own), or a textarea closed early.
fn assert_inert(html: &str, what: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script>alert"), "{what}: <script>alert");
    for tag in tags(html).into_iter().filter(|t| !t.starts_with('/')) {
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .find(|s| !s.is_empty())
            .unwrap_or("")
            .to_ascii_lowercase();
        let attrs = attributes(tag);
        match name.as_str() {
            "script" => assert!(
                attrs
                    .iter()
                    .any(|(k, v)| k == "src" && v == "/static/app.js"),
                "{what}: a script tag that is not the app's: <{tag}>"
            ),
            // The statistics page draws its charts as inline SVG: an <svg> of its own has a
            // viewBox (and no event handler, checked below).
            "svg" => assert!(
                attrs.iter().any(|(k, _)| k == "viewbox"),
                "{what}: an injected <{tag}>"
            ),
            "img" | "iframe" | "object" | "embed" | "base" => {
                panic!("{what}: an injected <{tag}>")
            }
            "meta" => assert!(
                !attrs.iter().any(|(k, _)| k == "http-equiv"),
                "{what}: an injected <{tag}>"
            ),
            _ => {}
        }
        for (k, v) in &attrs {
            assert!(!k.starts_with("on"), "{what}: event handler in <{tag}>");
            if matches!(
                k.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "data"
            ) {
                let v = v.trim().to_ascii_lowercase();
                assert!(
                    !v.starts_with("javascript:") && !v.starts_with("vbscript:"),
                    "{what}: script URL in <{tag}>"
                );
            }
        }
    }
    assert_eq!(
        lower.matches("<textarea").count(),
        lower.matches("</textarea>").count(),
        "{what}: a textarea closed early"
    );
}

/// A status below 500 (a handler panic is a 500 too: the panic layer answers for it).
fn sane(r: &Resp, what: &str) {
    assert!(
        (200..500).contains(&r.status),
        "{what}: {} {}",
        r.status,
        r.text()
    );
}

/// A 4xx with a message: JSON `{error, status}` for the API, an HTML error page otherwise.
fn refused(r: &Resp, what: &str, allowed: &[u16]) {
    assert!(
        allowed.contains(&r.status),
        "{what}: {} (expected one of {allowed:?}): {}",
        r.status,
        r.text()
    );
    let ct = r.header("content-type").unwrap_or("");
    if ct.starts_with("application/json") {
        let j = r.json();
        assert!(
            j["error"].as_str().is_some_and(|e| !e.trim().is_empty()),
            "{what}: no message: {j}"
        );
        assert_eq!(j["status"], r.status, "{what}");
    } else {
        assert!(ct.starts_with("text/html"), "{what}: content type {ct:?}");
        assert!(r.text().contains("<html"), "{what}: not an error page");
    }
}

fn form_post(addr: SocketAddr, path: &str, cookie: &str, body: &str) -> Resp {
    request(
        addr,
        "POST",
        path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie),
        ],
        body.as_bytes(),
    )
}

fn with_cookie(addr: SocketAddr, path: &str, cookie: &str) -> Resp {
    request(addr, "GET", path, &[("Cookie", cookie)], b"")
}

/// A multipart body of the new-notice form.
fn multipart(csrf: &str, text: &str) -> (String, String) {
    let boundary = "----jikenbohostile";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n\"><img src=x onerror=alert(1)>.txt\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n\
         --{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A fictional notice carrying `payload` in its organization line, title and body, with a
/// marker word to find it by.
fn notice(i: usize, payload: &str) -> String {
    format!(
        "令和7年5月{d}日\n株式会社ハザマ{i}商会{payload}\n\n{payload}メール誤送信による個人情報の漏えいについて\n\n\
         令和7年4月{d}日、当社従業員が顧客{n}名にメールを送信する際、宛先をBCCとすべきところTOに設定したため、\
         メールアドレスが他の受信者に表示されました。ハザマ試験{payload}詳細は{payload}をご覧ください。\n",
        d = i + 1,
        n = 120 + i
    )
}

// ---- stored markup ----

#[test]
fn stored_markup_is_inert_on_every_page() {
    let s = start(None);
    let a = s.addr;
    let mut numbers = Vec::new();
    let mut docs = Vec::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let r = json_req(
            a,
            "POST",
            "/api/documents",
            &json!({"name": format!("{p}-{i}.txt"), "text": notice(i, p), "source": p}),
        );
        assert_eq!(r.status, 201, "{p}: {}", r.text());
        let out = r.json();
        docs.push(out["document_id"].as_i64().unwrap());
        let n = out["incidents"][0]["number"]
            .as_str()
            .unwrap_or_else(|| panic!("{p}: no incident: {out}"))
            .to_string();
        // The curator's corrections and labels hold the payload too.
        let r = json_req(
            a,
            "PATCH",
            &format!("/api/incidents/{n}"),
            &json!({"set": {"organization": format!("株式会社{p}"), "title": format!("{p}の漏えい")}, "note": p}),
        );
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        let r = json_req(
            a,
            "POST",
            &format!("/api/incidents/{n}/labels"),
            &json!({ "label": p }),
        );
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        numbers.push(n);
    }
    // An HTML notice with a script, a handler and a javascript: link.
    let html_notice = "<html><head><title>お知らせ</title><script>alert(1)</script></head><body>\
        <h1>株式会社ハザマ商事</h1><h2>個人情報の漏えいについて</h2>\
        <p onclick=\"alert(1)\">令和7年4月2日、不正アクセスにより顧客3,000名の氏名が漏えいしました。\
        <a href=\"javascript:alert(1)\">詳細</a><img src=x onerror=alert(1)> ハザマ試験</p></body></html>";
    let r = json_req(
        a,
        "POST",
        "/api/documents",
        &json!({"name": "hazama.html", "text": html_notice, "source": "javascript:alert(1)"}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    docs.push(r.json()["document_id"].as_i64().unwrap());
    // An incident's page with a correction through the form (the note), cleared once (history).
    let n0 = numbers[0].clone();
    let page = get(a, &format!("/incidents/{n0}"));
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let r = form_post(
        a,
        &format!("/incidents/{n0}/edit"),
        &cookie,
        &format!(
            "_csrf={csrf}&affected=5&note={}",
            enc("</textarea><script>alert(1)</script>")
        ),
    );
    assert_eq!(r.status, 303, "{}", r.text());

    let mut pages: Vec<String> = vec![
        "/".into(),
        "/?per=200".into(),
        "/?sort=organization&per=200".into(),
        format!("/?q={}", enc("ハザマ試験")),
        format!("/?q={}&sort=relevance", enc("alert(1)")),
        format!("/?q={}", enc("onerror")),
        format!("/?q={}", enc("javascript")),
        format!("/?q={}", enc("textarea")),
        format!("/?org={}", enc("<script>")),
        "/stats".into(),
        "/stats?by=label".into(),
        "/audit".into(),
        "/new".into(),
        format!("/incidents/{n0}?msg={}", enc(PAYLOADS[0])),
        // Reflected: error pages repeat the bad value.
        format!("/?cause={}", enc(PAYLOADS[0])),
        format!("/?from={}", enc(PAYLOADS[1])),
        format!("/?sort={}", enc(PAYLOADS[3])),
        format!("/stats?by={}", enc(PAYLOADS[1])),
        format!("/incidents/{}", enc(PAYLOADS[1]).replace('+', "%20")),
        format!("/documents/{}", enc(PAYLOADS[0])),
        format!("/cases/{}", enc(PAYLOADS[1])),
        "/%3Cscript%3Ealert(1)%3C/script%3E".into(),
        "/login?next=%22%3E%3Cscript%3Ealert(1)%3C/script%3E".into(),
    ];
    for p in PAYLOADS {
        pages.push(format!("/?label={}", enc(p)));
        pages.push(format!("/stats?label={}", enc(p)));
    }
    for n in &numbers {
        pages.push(format!("/incidents/{n}"));
    }
    for d in &docs {
        pages.push(format!("/documents/{d}"));
    }
    for p in &pages {
        let r = get(a, p);
        sane(&r, p);
        assert!(
            r.header("content-type")
                .unwrap_or("")
                .starts_with("text/html"),
            "{p}"
        );
        assert_inert(&r.text(), p);
    }
    // Not vacuous: the payloads are on the pages, as text.
    let inc = get(a, &format!("/incidents/{n0}")).text();
    assert!(
        inc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{inc}"
    );
    assert!(inc.contains("&lt;/textarea&gt;"), "the note shows");
    let list = get(a, "/?per=200").text();
    assert!(list.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    let found = get(a, &format!("/?q={}", enc("ハザマ試験"))).text();
    assert!(found.contains("<mark"), "snippets are marked");
    // The JSON API hands the payloads back as data, never as a page.
    for p in [
        format!("/api/incidents?q={}&facets=1", enc("ハザマ試験")),
        format!("/api/incidents/{n0}"),
        format!("/api/documents/{}", docs[0]),
        "/api/audit?limit=50".into(),
        format!("/api/incidents?cause={}", enc(PAYLOADS[0])),
    ] {
        let r = get(a, &p);
        sane(&r, &p);
        assert!(
            r.header("content-type")
                .unwrap_or("")
                .starts_with("application/json"),
            "{p}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{p}");
    }
    // An archived HTML original is a download in a sandbox, never a page of this origin.
    let r = get(a, &format!("/documents/{}/original", docs.last().unwrap()));
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    assert_eq!(r.header("content-security-policy"), Some("sandbox"));
    // The new-notice preview: the text, the extracted values in inputs, the name.
    let page = get(a, "/new");
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    for (i, p) in PAYLOADS.iter().enumerate() {
        let (ct, body) = multipart(&csrf, &notice(i + 40, p));
        let r = request(
            a,
            "POST",
            "/new",
            &[("Content-Type", &ct), ("Cookie", &cookie)],
            body.as_bytes(),
        );
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        assert_inert(&r.text(), &format!("POST /new with {p}"));
    }
}

#[test]
fn own_cases_with_markup_are_inert() {
    let s = start(None);
    let a = s.addr;
    let page = get(a, "/cases/new");
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let mut ids = Vec::new();
    for p in PAYLOADS {
        let r = json_req(
            a,
            "POST",
            "/api/cases",
            &json!({"title": format!("{p}事案"), "organization": format!("株式会社{p}"),
                    "facts": {"persons": 1200, "aware": "2026-11-30", "summary": p, "contact": p}}),
        );
        assert_eq!(r.status, 201, "{p}: {}", r.text());
        let id = r.json()["case"]["id"].as_i64().unwrap();
        let r = json_req(
            a,
            "POST",
            &format!("/api/cases/{id}/events"),
            &json!({"at": "2026-12-01", "kind": "publication", "note": p}),
        );
        assert_eq!(r.status, 201, "{p}: {}", r.text());
        let r = json_req(
            a,
            "POST",
            &format!("/api/cases/{id}/measures"),
            &json!({"text": p, "category": "human", "owner": p, "evidence": p}),
        );
        assert_eq!(r.status, 201, "{p}: {}", r.text());
        // Through the form too: the banner of the next view repeats the measure.
        let r = form_post(
            a,
            &format!("/cases/{id}/measures"),
            &cookie,
            &format!(
                "_csrf={csrf}&text={}&category=technical&owner={}&due=&status=planned&evidence=",
                enc(p),
                enc(p)
            ),
        );
        assert_eq!(r.status, 303, "{p}: {}", r.text());
        let r = with_cookie(a, &format!("/cases/{id}"), &cookie);
        assert_eq!(r.status, 200);
        assert!(r.text().contains("再発防止策を追加しました"), "the banner");
        assert_inert(&r.text(), &format!("/cases/{id} with its banner"));
        ids.push(id);
    }
    let mut pages = vec!["/cases".to_string(), "/cases/new".into()];
    for id in &ids {
        pages.push(format!("/cases/{id}"));
        let v = get(a, &format!("/api/cases/{id}")).json();
        for d in v["drafts"].as_array().unwrap() {
            pages.push(format!(
                "/cases/{id}/drafts/{}",
                d["kind"].as_str().unwrap()
            ));
        }
    }
    for p in &pages {
        let r = get(a, p);
        assert_eq!(r.status, 200, "{p}: {}", r.text());
        assert_inert(&r.text(), p);
    }
    let c = get(a, &format!("/cases/{}", ids[0])).text();
    assert!(
        c.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "not vacuous"
    );
}

// ---- search ----

#[test]
fn search_syntax_and_huge_queries_never_fail() {
    let s = start(None);
    let a = s.addr;
    let nul = "\u{0}";
    let queries: Vec<String> = [
        "\"",
        "\"\"",
        "\"漏えい",
        "漏えい\"",
        "*",
        "漏え*",
        "* *",
        "NEAR(",
        "NEAR(漏えい 個人, 5)",
        "NEAR/3",
        "OR",
        "AND",
        "NOT",
        "漏えい OR 紛失",
        "漏えい AND NOT 紛失",
        "-",
        "-漏えい",
        "--",
        "^",
        "^漏えい",
        ":",
        "organization:漏えい",
        "incident_fts:漏えい",
        "{organization title}: 漏えい",
        "(",
        ")",
        "((漏えい",
        "漏えい))",
        "(漏えい OR",
        "+",
        "'",
        "';DROP TABLE incidents;--",
        "%",
        "_",
        "\\",
        "\\\"",
        "漏",
        "漏え",
        "   ",
        "",
        "\u{202e}漏えい",
        "漏えい\u{fffd}",
        "🙂💥",
        "ｍｅｍｏ　ＯＲ　ＮＥＡＲ（",
    ]
    .iter()
    .map(|q| q.to_string())
    .chain([
        nul.to_string(),
        format!("漏えい{nul}"),
        format!("{nul}{nul}{nul}"),
        format!("a{nul}b{nul}c OR {nul}"),
        // At the 500-character limit: many short terms, many long ones.
        "あ ".repeat(250).trim_end().to_string(),
        "個人 ".repeat(166).trim_end().to_string(),
        "漏えい ".repeat(125).trim_end().to_string(),
        "\"".repeat(500),
        "(".repeat(500),
        "NEAR(".repeat(100),
    ])
    .collect();
    let endpoints = [
        "/?q=",
        "/?org=",
        "/?label=",
        "/api/incidents?facets=1&q=",
        "/api/incidents?org=",
        "/stats?q=",
        "/api/stats?by=cause&q=",
        "/api/export/view?format=json&q=",
    ];
    for q in &queries {
        for e in endpoints {
            let path = format!("{e}{}", enc(q));
            let t = Instant::now();
            let r = get(a, &path);
            assert!(
                r.status == 200 || r.status == 400,
                "{path}: {} {}",
                r.status,
                r.text()
            );
            if r.status == 400 {
                refused(&r, &path, &[400]);
            }
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "{path}: {:?}",
                t.elapsed()
            );
        }
    }
    // Raw bytes that are not UTF-8, and a bare `q` without a value.
    for raw in ["%FF%FE", "%ED%A0%80", "%C0%AF", "%"] {
        for e in endpoints {
            let path = format!("{e}{raw}");
            let r = get(a, &path);
            assert!(r.status == 200 || r.status == 400, "{path}: {}", r.status);
        }
    }
    assert_eq!(get(a, "/api/incidents?q").status, 200);
    // A label holding control characters, listed, faceted and followed.
    let n = get(a, "/api/incidents?limit=1").json()["hits"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let r = json_req(
        a,
        "POST",
        &format!("/api/incidents/{n}/labels"),
        &json!({"label": "要\u{0}確認\u{7}"}),
    );
    sane(&r, "a label with a NUL");
    for p in [
        "/".to_string(),
        "/api/incidents?facets=1".into(),
        "/?label=%E8%A6%81%00%E7%A2%BA%E8%AA%8D%07".into(),
        "/stats?by=label".into(),
        format!("/incidents/{n}"),
    ] {
        let r = get(a, &p);
        assert_eq!(r.status, 200, "{p}: {}", r.text());
    }
    assert_eq!(get(a, "/api/incidents?q=").status, 200);
    // 100 KB queries: refused with the limit, never searched, never a 500.
    for q in [
        "x".repeat(100 * 1024),
        "漏えい".repeat(100 * 1024 / 9),
        "\" OR NEAR(".repeat(10 * 1024),
    ] {
        for e in endpoints {
            let path = format!("{e}{}", enc(&q));
            let r = get(a, &path);
            assert!(
                [400, 414, 431].contains(&r.status),
                "{e}… ({} bytes): {} {}",
                path.len(),
                r.status,
                r.text()
            );
            if r.status == 400 {
                refused(&r, e, &[400]);
                assert!(r.text().contains("500"), "{e}: the message names the limit");
            }
        }
    }
    // The server still answers, and search still works.
    let v = get(a, &format!("/api/incidents?q={}", enc("ランサムウェア"))).json();
    assert!(v["total"].as_u64().unwrap() >= 1);
}

// ---- ids and paging ----

#[test]
fn odd_ids_and_page_sizes_are_400_or_404() {
    let s = start(None);
    let a = s.addr;
    let case = json_req(a, "POST", "/api/cases", &json!({"title": "t"})).json();
    let cid = case["case"]["id"].as_i64().unwrap();
    let ids = [
        "-1",
        "0",
        "-0",
        "18446744073709551615",
        "18446744073709551616",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "1e30",
        "1.5",
        "0x10",
        "+1",
        "%201",
        "abc",
        "%00",
        "%F0%9F%92%A3",
        "2024-0",
        "2024--1",
        "2024-18446744073709551615",
        "2024-9223372036854775807",
        "0000-001",
        "99999-001",
        "-2024-001",
        "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94-%EF%BC%90%EF%BC%90%EF%BC%91",
        "%23%23%23",
        "%2e%2e",
    ];
    const SAME_AS_ONE: [&str; 3] = [
        "+1",
        "%201",
        "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94-%EF%BC%90%EF%BC%90%EF%BC%91",
    ];
    let templates = [
        "/incidents/{}",
        "/documents/{}",
        "/documents/{}/original",
        "/api/incidents/{}",
        "/api/incidents/{}/assessment",
        "/api/incidents/{}/audit",
        "/api/documents/{}",
        "/api/documents/{}/original",
        "/api/audit?incident={}",
        "/cases/{}",
        "/cases/{}/drafts/notice-1",
        "/api/cases/{}",
        "/api/cases/{}/deadlines",
        "/api/cases/{}/history",
        "/api/cases/{}/drafts/notice-1",
    ];
    for t in templates {
        for id in ids {
            let path = t.replace("{}", id);
            let r = get(a, &path);
            // `+1`, ` 1` and a fullwidth number are the same number (NFKC, trimmed).
            if r.status == 200 {
                assert!(SAME_AS_ONE.contains(&id), "{path}: 200");
                continue;
            }
            refused(&r, &path, &[400, 404]);
        }
    }
    // Items of a case, and paths of unsafe calls.
    for id in ids {
        for (m, path) in [
            ("DELETE", format!("/api/cases/{cid}/events/{id}")),
            ("PATCH", format!("/api/cases/{cid}/measures/{id}")),
            ("PATCH", format!("/api/cases/{id}/facts")),
            ("PATCH", format!("/api/incidents/{id}")),
            ("POST", format!("/api/incidents/{id}/labels")),
        ] {
            let body: &[u8] = match m {
                "PATCH" if path.contains("measures") => br#"{"status":"done"}"#,
                "PATCH" if path.contains("facts") => br#"{"persons":1}"#,
                "PATCH" => br#"{"set":{"affected":1}}"#,
                "POST" => br#"{"label":"x"}"#,
                _ => b"",
            };
            let r = request(a, m, &path, &[("Content-Type", "application/json")], body);
            if r.status == 200 {
                assert!(SAME_AS_ONE.contains(&id), "{m} {path}: 200");
                continue;
            }
            refused(&r, &format!("{m} {path}"), &[400, 404]);
        }
    }
    // Paging and counts.
    let values = [
        "-1",
        "0",
        "1e30",
        "18446744073709551615",
        "18446744073709551616",
        "9223372036854775807",
        "9223372036854775808",
        "abc",
        "%00",
        "1.5",
        "%20",
    ];
    let keys = [
        "/?page=",
        "/?per=",
        "/stats?min=",
        "/?max=",
        "/?year=",
        "/api/incidents?page=",
        "/api/incidents?per=",
        "/api/incidents?limit=",
        "/api/incidents?offset=",
        "/api/incidents?min=",
        "/api/incidents?max=",
        "/api/incidents?year=",
        "/api/incidents?limit=200&page=",
        "/api/documents?limit=",
        "/api/documents?offset=",
        "/api/audit?limit=",
        "/api/export?format=csv&min=",
        "/api/export/view?format=json&max=",
        "/api/stats?min=",
        "/api/cases/due?within=",
        "/api/cases?today=",
        "/api/cases/due?today=",
    ];
    for k in keys {
        for v in values {
            let path = format!("{k}{v}");
            let r = get(a, &path);
            if r.status == 200 {
                continue;
            }
            refused(&r, &path, &[400]);
        }
    }
    // The far end of what is accepted is an empty page, not the first one.
    let v = get(a, "/api/incidents?limit=200&offset=10000000").json();
    assert!(v["hits"].as_array().unwrap().is_empty(), "{v}");
    for off in ["10000000", "9223372036854775807", "18446744073709551615"] {
        let r = get(a, &format!("/api/documents?offset={off}"));
        if r.status == 200 {
            assert_eq!(r.json(), json!([]), "offset={off}: not the first page");
        } else {
            refused(&r, off, &[400]);
        }
    }
    // Days at the ends of the calendar: deadlines, drafts and lists still answer.
    for day in ["0001-01-01", "9999-12-31", "0000-01-01", "-001-01-01"] {
        for path in [
            format!("/api/cases?today={day}"),
            format!("/api/cases/due?within=366&today={day}"),
            format!("/api/cases/{cid}/deadlines?today={day}"),
            format!("/api/cases/{cid}/drafts/notice-1?today={day}"),
        ] {
            let r = get(a, &path);
            sane(&r, &path);
        }
        let r = json_req(
            a,
            "PATCH",
            &format!("/api/cases/{cid}/facts?today=2026-12-02"),
            &json!({"aware": day, "persons": 1200}),
        );
        sane(&r, &format!("aware {day}"));
        for path in [
            format!("/api/cases/{cid}?today=2026-12-02"),
            format!("/cases/{cid}"),
            "/cases".into(),
            format!("/api/cases/{cid}/drafts/ppc-private-kakuho?format=docx"),
            format!("/cases/{cid}/drafts/ppc-private-kakuho"),
        ] {
            let r = get(a, &path);
            sane(&r, &format!("{path} (aware {day})"));
        }
    }
    // Numbers in bodies.
    let n = get(a, "/api/incidents?limit=1").json()["hits"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    for v in [
        json!(-1),
        json!(1e30),
        json!(i64::MIN),
        json!(1.5),
        json!("18446744073709551616"),
        json!("-5"),
        json!("1e3"),
    ] {
        let r = json_req(
            a,
            "PATCH",
            &format!("/api/incidents/{n}"),
            &json!({"set": {"affected": v}}),
        );
        refused(&r, &format!("affected {v}"), &[400, 422]);
    }
    // Counts above the world's population are refused (the statistics sum them in a u64:
    // two corrections of u64::MAX made /stats panic); the largest accepted one is summed.
    for v in [
        json!(u64::MAX),
        json!(10_000_000_001u64),
        json!("18446744073709551615"),
    ] {
        let r = json_req(
            a,
            "PATCH",
            &format!("/api/incidents/{n}"),
            &json!({"set": {"affected": v}}),
        );
        refused(&r, &format!("affected {v}"), &[400]);
    }
    let n2 = get(a, "/api/incidents?limit=2").json()["hits"][1]["number"]
        .as_str()
        .unwrap()
        .to_string();
    for m in [&n, &n2] {
        let r = json_req(
            a,
            "PATCH",
            &format!("/api/incidents/{m}"),
            &json!({"set": {"affected": 10_000_000_000u64}}),
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let page = get(a, &format!("/incidents/{n}"));
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let r = form_post(
        a,
        &format!("/incidents/{n}/edit"),
        &cookie,
        &format!("_csrf={csrf}&affected=18446744073709551615"),
    );
    refused(&r, "the edit form with u64::MAX persons", &[400]);
    for p in [
        format!("/incidents/{n}"),
        format!("/api/incidents/{n}/assessment"),
        "/?sort=affected".into(),
        "/stats".into(),
        "/api/stats?by=size".into(),
        "/api/incidents?min=1000000".into(),
        "/api/export?format=veris".into(),
        "/api/export?format=csv".into(),
    ] {
        let r = get(a, &p);
        assert_eq!(r.status, 200, "{p} with u64::MAX persons: {}", r.text());
    }
    for v in [json!(-1), json!(1e30), json!(1.5), json!("x")] {
        let r = json_req(
            a,
            "PATCH",
            &format!("/api/cases/{cid}/facts"),
            &json!({ "persons": v }),
        );
        refused(&r, &format!("persons {v}"), &[400, 422]);
    }
    // An own case counts its persons for the JNSA estimate and the drafts only (saturating).
    let r = json_req(
        a,
        "PATCH",
        &format!("/api/cases/{cid}/facts"),
        &json!({ "persons": u64::MAX, "aware": "2026-11-30" }),
    );
    sane(&r, "case persons u64::MAX");
    for p in [
        format!("/cases/{cid}"),
        "/cases".into(),
        format!("/api/cases/{cid}/deadlines"),
        format!("/cases/{cid}/drafts/ppc-private-kakuho"),
        format!("/api/cases/{cid}/drafts/notice-1?format=docx"),
    ] {
        let r = get(a, &p);
        assert_eq!(r.status, 200, "{p} with u64::MAX persons: {}", r.text());
    }
    assert_eq!(get(a, "/healthz").status, 200);
}

// ---- bodies ----

#[test]
fn malformed_mistyped_and_oversized_bodies_are_4xx_with_a_message() {
    let s = start(None);
    let a = s.addr;
    let n = get(a, "/api/incidents?limit=1").json()["hits"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let before_labels = get(a, &format!("/api/incidents/{n}")).json()["labels"].clone();
    let cid = json_req(a, "POST", "/api/cases", &json!({"title": "t"})).json()["case"]["id"]
        .as_i64()
        .unwrap();
    let mid = json_req(
        a,
        "POST",
        &format!("/api/cases/{cid}/measures"),
        &json!({"text": "x", "category": "human"}),
    )
    .json()["id"]
        .as_i64()
        .unwrap();
    let endpoints: Vec<(&str, String)> = vec![
        ("PATCH", format!("/api/incidents/{n}")),
        ("POST", format!("/api/incidents/{n}/labels")),
        ("POST", "/api/extract".into()),
        ("POST", "/api/documents".into()),
        ("POST", "/api/assess".into()),
        ("POST", "/api/session".into()),
        ("POST", "/api/users".into()),
        ("POST", "/api/cases".into()),
        ("PATCH", format!("/api/cases/{cid}")),
        ("PATCH", format!("/api/cases/{cid}/facts")),
        ("POST", format!("/api/cases/{cid}/events")),
        ("POST", format!("/api/cases/{cid}/measures")),
        ("PATCH", format!("/api/cases/{cid}/measures/{mid}")),
    ];
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_obj = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("empty", b"".to_vec()),
        ("not JSON", b"{not json".to_vec()),
        ("truncated", br#"{"set": {"affected": 1"#.to_vec()),
        ("a string", br#""just a string""#.to_vec()),
        ("null", b"null".to_vec()),
        ("an array", b"[1,2,3]".to_vec()),
        ("wrong types", br#"{"set": 5, "label": 7, "title": [], "text": {}, "persons": "x", "user": 1, "name": null, "at": 3}"#.to_vec()),
        ("NUL bytes", b"{\"title\": \"a\x00b\"}\x00".to_vec()),
        ("invalid UTF-8", b"{\"title\": \"\xff\xfe\"}".to_vec()),
        ("BOM", b"\xef\xbb\xbf{}".to_vec()),
        ("trailing garbage", b"{} {}".to_vec()),
        ("deep arrays", deep.into_bytes()),
        ("deep objects", deep_obj.into_bytes()),
        ("duplicate keys", br#"{"title": "a", "title": "b"}"#.to_vec()),
    ];
    for (m, path) in &endpoints {
        for (what, body) in &bodies {
            let r = request(a, m, path, &[("Content-Type", "application/json")], body);
            // Users are the admin's, and managed in sign-in mode only: 403 before the body.
            let allowed: &[u16] = if path == "/api/users" {
                &[403]
            } else {
                &[400, 404, 413, 422]
            };
            refused(&r, &format!("{m} {path} {what}"), allowed);
        }
        // Wrong content types (with the CSRF header, so that the body is what is judged).
        let csrf = get(a, "/api/session").json()["csrf"]
            .as_str()
            .unwrap()
            .to_string();
        for ct in [
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "image/png",
            "application/json-seq",
        ] {
            let r = request(
                a,
                m,
                path,
                &[("Content-Type", ct), ("X-CSRF-Token", &csrf)],
                br#"{"title": "t", "label": "x", "text": "x"}"#,
            );
            // Without the session cookie the header's token is not this browser's: 403.
            refused(&r, &format!("{m} {path} as {ct}"), &[400, 403, 415, 422]);
        }
        // Over the limit: 1 MiB for JSON bodies, the upload limit (64 KiB on this test
        // server) plus 64 KiB for notices.
        let big = format!(
            "{{\"title\": \"{}\", \"text\": \"{}\"}}",
            "a".repeat(600 * 1024),
            "b".repeat(600 * 1024)
        );
        let r = request(
            a,
            m,
            path,
            &[("Content-Type", "application/json")],
            big.as_bytes(),
        );
        let allowed: &[u16] = if path == "/api/users" {
            &[403, 413]
        } else {
            &[413]
        };
        refused(&r, &format!("{m} {path} 1.2 MB"), allowed);
    }
    // A notice over the upload limit by each route of the API.
    for (ct, body) in [
        (
            "application/json",
            json!({"name": "big.txt", "text": "あ".repeat(30_000)})
                .to_string()
                .into_bytes(),
        ),
        ("application/octet-stream", vec![b'a'; 100 * 1024]),
        ("text/plain", vec![b'a'; 100 * 1024]),
        (
            "application/json",
            json!({"name": "big.bin", "content_base64": "QUFB".repeat(30_000)})
                .to_string()
                .into_bytes(),
        ),
    ] {
        for path in ["/api/documents?name=big.txt", "/api/extract?name=big.txt"] {
            let r = request(
                a,
                "POST",
                path,
                &[("Content-Type", ct), ("X-CSRF-Token", "irrelevant")],
                &body,
            );
            refused(
                &r,
                &format!("{path} {ct} {} bytes", body.len()),
                &[403, 413],
            );
        }
    }
    // The same through the pages: a 1.2 MB form, a 200 KB upload, broken multipart bodies.
    let page = get(a, "/new");
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let r = form_post(
        a,
        &format!("/incidents/{n}/edit"),
        &cookie,
        &format!("_csrf={csrf}&note={}", "a".repeat(1200 * 1024)),
    );
    refused(&r, "edit form 1.2 MB", &[413]);
    let (ct, body) = multipart(&csrf, &"あ".repeat(70_000));
    let r = request(
        a,
        "POST",
        "/new",
        &[("Content-Type", &ct), ("Cookie", &cookie)],
        body.as_bytes(),
    );
    refused(&r, "upload 200 KB", &[413]);
    for (ct, body) in [
        ("multipart/form-data", b"--x\r\n".to_vec()),
        ("multipart/form-data; boundary=x", b"--x\r\nbroken".to_vec()),
        ("multipart/form-data; boundary=x", b"".to_vec()),
        (
            "application/x-www-form-urlencoded",
            format!("_csrf={csrf}&text=x").into_bytes(),
        ),
        ("application/json", br#"{"text": "x"}"#.to_vec()),
    ] {
        let r = request(
            a,
            "POST",
            "/new",
            &[("Content-Type", ct), ("Cookie", &cookie)],
            &body,
        );
        refused(&r, &format!("/new as {ct}"), &[400, 403, 415]);
    }
    // Form fields over their limits, and values that are not values.
    for form in [
        format!("_csrf={csrf}&affected=7&note={}", "あ".repeat(2001)),
        format!("_csrf={csrf}&affected=many"),
        format!("_csrf={csrf}&affected=-5"),
        format!("_csrf={csrf}&published=2024-13-45"),
        format!("_csrf={csrf}&cause={}", enc(PAYLOADS[0])),
        format!("_csrf={csrf}&data=weather"),
    ] {
        let r = form_post(a, &format!("/incidents/{n}/edit"), &cookie, &form);
        refused(&r, &form, &[400]);
    }
    for label in [String::new(), "   ".into(), "あ".repeat(101)] {
        let r = form_post(
            a,
            &format!("/incidents/{n}/labels"),
            &cookie,
            &format!("_csrf={csrf}&label={}", enc(&label)),
        );
        refused(&r, &format!("label {:?}", label.len()), &[400]);
    }
    let mut cases = 1;
    for form in [
        format!("_csrf={csrf}&title={}", "あ".repeat(301)),
        format!("_csrf={csrf}&title=t&organization={}", "あ".repeat(201)),
        format!("_csrf={csrf}&title=t&f.persons=1e30"),
        format!("_csrf={csrf}&title=t&f.aware=2026-02-30"),
        format!("_csrf={csrf}&title=t&f.weather=1"),
    ] {
        let r = form_post(a, "/cases", &cookie, &form);
        // An unknown form key is ignored (only `f.` keys of facts are read): 303 is fine.
        if r.status == 303 {
            assert!(form.contains("f.weather"), "{form}");
            cases += 1;
            continue;
        }
        refused(&r, &form, &[400]);
    }
    let r = form_post(
        a,
        &format!("/cases/{cid}/events"),
        &cookie,
        &format!(
            "_csrf={csrf}&date=2026-12-01&kind=publication&note={}",
            "あ".repeat(2001)
        ),
    );
    refused(&r, "event note 2001", &[400]);
    // Unknown methods and verbs.
    for (m, path) in [
        ("PUT", "/api/incidents"),
        ("DELETE", "/api/incidents"),
        ("PATCH", "/"),
        ("POST", "/stats"),
        ("BREW", "/api/incidents"),
    ] {
        let r = request(a, m, path, &[("Content-Type", "application/json")], b"{}");
        sane(&r, &format!("{m} {path}"));
        assert!(r.status >= 400, "{m} {path}: {}", r.status);
    }
    // Nothing was changed by any of it.
    let v = get(a, &format!("/api/incidents/{n}")).json();
    assert_eq!(v["labels"], before_labels);
    assert_eq!(get(a, "/api/cases").json()["count"], cases);
    assert_eq!(get(a, "/healthz").status, 200);
}

// ---- CSRF ----

/// Every form POST of the pages, with a body that would be accepted with a good token.
fn form_posts(n: &str, cid: i64, eid: i64, mid: i64) -> Vec<(String, String)> {
    vec![
        (format!("/incidents/{n}/edit"), "affected=31337".into()),
        (format!("/incidents/{n}/clear"), "field=affected".into()),
        (format!("/incidents/{n}/labels"), "label=csrf".into()),
        ("/new/save".into(), "draft=x".into()),
        ("/cases".into(), "title=csrf".into()),
        (format!("/cases/{cid}/facts"), "f.persons=31337".into()),
        (
            format!("/cases/{cid}/meta"),
            "title=csrf&organization=x&status=closed".into(),
        ),
        (
            format!("/cases/{cid}/events"),
            "date=2026-12-01&kind=publication".into(),
        ),
        (format!("/cases/{cid}/events/{eid}/delete"), String::new()),
        (
            format!("/cases/{cid}/measures"),
            "text=csrf&category=human".into(),
        ),
        (
            format!("/cases/{cid}/measures/{mid}"),
            "text=csrf&category=human&status=done".into(),
        ),
        ("/admin/users".into(), "action=delete&name=eddie".into()),
        ("/logout".into(), String::new()),
        (
            "/login".into(),
            "user=admin&password=wrong-password&next=%2F".into(),
        ),
    ]
}

fn case_with_items(addr: SocketAddr, token: Option<&str>) -> (i64, i64, i64) {
    let call = |m: &str, p: &str, b: Value| match token {
        Some(t) => json_auth(addr, m, p, t, Some(&b)),
        None => json_req(addr, m, p, &b),
    };
    let cid = call(
        "POST",
        "/api/cases",
        json!({"title": "t", "facts": {"persons": 5}}),
    )
    .json()["case"]["id"]
        .as_i64()
        .unwrap();
    let eid = call(
        "POST",
        &format!("/api/cases/{cid}/events"),
        json!({"at": "2026-12-01", "kind": "discovered"}),
    )
    .json()["id"]
        .as_i64()
        .unwrap();
    let mid = call(
        "POST",
        &format!("/api/cases/{cid}/measures"),
        json!({"text": "x", "category": "human"}),
    )
    .json()["id"]
        .as_i64()
        .unwrap();
    (cid, eid, mid)
}

#[test]
fn every_form_refuses_a_missing_foreign_or_stale_csrf_token() {
    // Open mode: everyone on loopback is an editor, so the token is the only guard.
    let s = start(None);
    let a = s.addr;
    let n = get(a, "/api/incidents?limit=1").json()["hits"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let (cid, eid, mid) = case_with_items(a, None);
    let mine = get(a, "/");
    let my_cookie = cookie_of(&mine).unwrap();
    let other = get(a, "/new");
    let other_cookie = cookie_of(&other).unwrap();
    let other_csrf = csrf_of(&other.text());
    let before_inc = get(a, &format!("/api/incidents/{n}")).json();
    let before_case = get(a, &format!("/api/cases/{cid}")).json();
    let forged = "A".repeat(43);
    for (path, body) in form_posts(&n, cid, eid, mid) {
        for (what, token) in [
            ("no token", None),
            ("another session's token", Some(other_csrf.as_str())),
            ("an empty token", Some("")),
            ("a forged token", Some(forged.as_str())),
        ] {
            let b = match token {
                Some(t) => format!("_csrf={t}&{body}"),
                None => body.clone(),
            };
            let r = form_post(a, &path, &my_cookie, &b);
            assert_eq!(r.status, 403, "{path} with {what}: {}", r.text());
            refused(&r, &path, &[403]);
        }
        // No cookie at all, the token of a page.
        let r = request(
            a,
            "POST",
            &path,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            format!("_csrf={other_csrf}&{body}").as_bytes(),
        );
        assert_eq!(r.status, 403, "{path} without a cookie");
        // Two cookies: the first is the session; the token of the second is refused.
        let r = request(
            a,
            "POST",
            &path,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", &format!("{my_cookie}; {other_cookie}")),
            ],
            format!("_csrf={other_csrf}&{body}").as_bytes(),
        );
        assert_eq!(r.status, 403, "{path} with two cookies");
        // Another site's form, with the right token.
        let r = request(
            a,
            "POST",
            &path,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", &other_cookie),
                ("Origin", "http://evil.example"),
            ],
            format!("_csrf={other_csrf}&{body}").as_bytes(),
        );
        assert_eq!(r.status, 403, "{path} from another origin");
    }
    // The multipart form of a new notice.
    let (ct, mp) = multipart(&other_csrf, &notice(0, "x"));
    let r = request(
        a,
        "POST",
        "/new",
        &[("Content-Type", &ct), ("Cookie", &my_cookie)],
        mp.as_bytes(),
    );
    assert_eq!(r.status, 403, "/new with another session's token");
    // The API: a form-like body needs the session's X-CSRF-Token.
    for (m, path) in [
        ("PATCH", format!("/api/incidents/{n}")),
        ("POST", format!("/api/incidents/{n}/labels")),
        ("DELETE", format!("/api/incidents/{n}/labels/x")),
        ("POST", "/api/documents".into()),
        ("POST", "/api/cases".into()),
        ("PATCH", format!("/api/cases/{cid}/facts")),
        ("DELETE", format!("/api/cases/{cid}/events/{eid}")),
    ] {
        for headers in [
            vec![("Content-Type", "text/plain")],
            vec![
                ("Content-Type", "text/plain"),
                ("X-CSRF-Token", other_csrf.as_str()),
                ("Cookie", my_cookie.as_str()),
            ],
            vec![
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", my_cookie.as_str()),
            ],
        ] {
            let r = request(a, m, &path, &headers, br#"{"set":{"affected":31337}}"#);
            assert_eq!(r.status, 403, "{m} {path} {headers:?}: {}", r.text());
        }
    }
    // Nothing changed.
    assert_eq!(get(a, &format!("/api/incidents/{n}")).json(), before_inc);
    let after_case = get(a, &format!("/api/cases/{cid}")).json();
    assert_eq!(after_case["case"], before_case["case"]);
    assert_eq!(get(a, "/api/cases").json()["count"], 1);
}

const TOKEN: &str = "hostile-admin-token-0123456789";

fn sign_in_server() -> (Server, String, String) {
    let s = start(Some(TOKEN));
    for (name, role) in [("vera", "viewer"), ("eddie", "editor")] {
        let r = json_auth(
            s.addr,
            "POST",
            "/api/users",
            TOKEN,
            Some(&json!({"name": name, "role": role, "password": format!("{name}-password-1")})),
        );
        assert_eq!(r.status, 201, "{}", r.text());
    }
    let login = |u: &str| {
        let r = json_req(
            s.addr,
            "POST",
            "/api/session",
            &json!({"user": u, "password": format!("{u}-password-1")}),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        r.json()["token"].as_str().unwrap().to_string()
    };
    let (vt, et) = (login("vera"), login("eddie"));
    (s, vt, et)
}

/// Signs in through the login page; returns the session cookie and its CSRF token.
fn page_session(addr: SocketAddr, user: &str, password: &str) -> (String, String) {
    let page = get(addr, "/login");
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let r = form_post(
        addr,
        "/login",
        &cookie,
        &format!(
            "_csrf={csrf}&next=%2F&user={user}&password={}",
            enc(password)
        ),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let session = cookie_of(&r).unwrap();
    let home = with_cookie(addr, "/", &session);
    assert_eq!(home.status, 200);
    let csrf = csrf_of(&home.text());
    (session, csrf)
}

#[test]
fn a_signed_out_session_and_its_token_are_refused() {
    let (s, _vt, et) = sign_in_server();
    let a = s.addr;
    let n = json_auth(a, "GET", "/api/incidents?limit=1", &et, None).json()["hits"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let (cid, eid, mid) = case_with_items(a, Some(&et));
    let (cookie, csrf) = page_session(a, "eddie", "eddie-password-1");
    // The session works, then is signed out.
    assert_eq!(with_cookie(a, "/cases", &cookie).status, 200);
    let r = form_post(a, "/logout", &cookie, &format!("_csrf={csrf}"));
    assert_eq!(r.status, 303);
    for (path, body) in form_posts(&n, cid, eid, mid) {
        if path == "/login" {
            continue; // public: a sign-in form, no session needed
        }
        let r = form_post(a, &path, &cookie, &format!("_csrf={csrf}&{body}"));
        assert!(
            [401, 403].contains(&r.status),
            "{path} after sign-out: {} {}",
            r.status,
            r.text()
        );
    }
    let r = with_cookie(a, "/cases", &cookie);
    assert_eq!(
        r.status, 303,
        "a page after sign-out goes to the login page"
    );
    // An API token signed out through the API is refused too.
    let r = json_auth(a, "DELETE", "/api/session", &et, None);
    assert_eq!(r.status, 204);
    let r = json_auth(
        a,
        "PATCH",
        &format!("/api/incidents/{n}"),
        &et,
        Some(&json!({"set": {"affected": 31337}})),
    );
    assert_eq!(r.status, 401);
    let v = json_auth(a, "GET", &format!("/api/incidents/{n}"), TOKEN, None).json();
    assert_ne!(v["record"]["affected"], 31337);
    let c = json_auth(a, "GET", &format!("/api/cases/{cid}"), TOKEN, None).json();
    assert_eq!(c["case"]["facts"]["persons"], 5);
    assert_eq!(c["case"]["title"], "t");
}

// ---- roles and anonymous clients ----

/// Every API call that needs an editor (or the admin), with a body that an editor could send.
fn editor_api_calls(n: &str, cid: i64, eid: i64, mid: i64) -> Vec<(&'static str, String, Value)> {
    vec![
        (
            "PATCH",
            format!("/api/incidents/{n}"),
            json!({"set": {"affected": 31337}}),
        ),
        (
            "POST",
            format!("/api/incidents/{n}/labels"),
            json!({"label": "viewer"}),
        ),
        (
            "DELETE",
            format!("/api/incidents/{n}/labels/viewer"),
            Value::Null,
        ),
        (
            "POST",
            "/api/documents".into(),
            json!({"name": "v.txt", "text": notice(9, "viewer")}),
        ),
        ("GET", "/api/cases".into(), Value::Null),
        ("POST", "/api/cases".into(), json!({"title": "viewer"})),
        ("GET", "/api/cases/due".into(), Value::Null),
        ("GET", format!("/api/cases/{cid}"), Value::Null),
        (
            "PATCH",
            format!("/api/cases/{cid}"),
            json!({"status": "closed"}),
        ),
        (
            "PATCH",
            format!("/api/cases/{cid}/facts"),
            json!({"persons": 31337}),
        ),
        (
            "POST",
            format!("/api/cases/{cid}/events"),
            json!({"at": "2026-12-01", "kind": "publication"}),
        ),
        (
            "DELETE",
            format!("/api/cases/{cid}/events/{eid}"),
            Value::Null,
        ),
        (
            "POST",
            format!("/api/cases/{cid}/measures"),
            json!({"text": "v", "category": "human"}),
        ),
        (
            "PATCH",
            format!("/api/cases/{cid}/measures/{mid}"),
            json!({"status": "done"}),
        ),
        ("GET", format!("/api/cases/{cid}/deadlines"), Value::Null),
        ("GET", format!("/api/cases/{cid}/history"), Value::Null),
        (
            "GET",
            format!("/api/cases/{cid}/drafts/notice-1?format=docx"),
            Value::Null,
        ),
        // The admin's.
        ("GET", "/api/users".into(), Value::Null),
        (
            "POST",
            "/api/users".into(),
            json!({"name": "mallory", "role": "editor", "password": "mallory-password"}),
        ),
        ("DELETE", "/api/users/eddie".into(), Value::Null),
    ]
}

#[test]
fn a_viewer_is_refused_every_editor_endpoint_and_anonymous_clients_sign_in() {
    let (s, vt, et) = sign_in_server();
    let a = s.addr;
    let n = json_auth(a, "GET", "/api/incidents?limit=1", &et, None).json()["hits"][0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let (cid, eid, mid) = case_with_items(a, Some(&et));
    let before_counts = json_auth(a, "GET", "/api/counts", &et, None).json();
    let before_labels =
        json_auth(a, "GET", &format!("/api/incidents/{n}"), &et, None).json()["labels"].clone();
    // The API: a viewer's token is 403; no token (or a made-up one) is 401.
    for (m, path, body) in editor_api_calls(&n, cid, eid, mid) {
        let b = (!body.is_null()).then_some(&body);
        let r = json_auth(a, m, &path, &vt, b);
        refused(&r, &format!("viewer {m} {path}"), &[403]);
        let r = request(
            a,
            m,
            &path,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        );
        refused(&r, &format!("anonymous {m} {path}"), &[401]);
        assert!(r.header("www-authenticate").is_some(), "{m} {path}");
        let r = json_auth(a, m, &path, &"x".repeat(43), b);
        refused(&r, &format!("made-up token {m} {path}"), &[401]);
        if path.starts_with("/api/users") {
            let r = json_auth(a, m, &path, &et, b);
            refused(&r, &format!("editor {m} {path}"), &[403]);
        }
    }
    // Reading is anonymous-proof too.
    for path in [
        "/api/incidents",
        "/api/incidents?q=%E6%BC%8F",
        &format!("/api/incidents/{n}"),
        "/api/documents",
        "/api/stats",
        "/api/export?format=json",
        "/api/export/view",
        "/api/audit",
        "/api/counts",
    ] {
        let r = get(a, path);
        refused(&r, &format!("anonymous GET {path}"), &[401]);
        let r = json_auth(a, "GET", path, &vt, None);
        assert_eq!(r.status, 200, "viewer GET {path}");
    }
    // The pages: a viewer signed in through the login page.
    let (vc, vcsrf) = page_session(a, "vera", "vera-password-1");
    for path in [
        "/new".to_string(),
        "/cases".into(),
        "/cases/new".into(),
        format!("/cases/{cid}"),
        format!("/cases/{cid}/drafts/notice-1"),
        "/admin/users".into(),
    ] {
        let r = with_cookie(a, &path, &vc);
        refused(&r, &format!("viewer GET {path}"), &[403]);
    }
    for (path, body) in form_posts(&n, cid, eid, mid) {
        if path == "/login" || path == "/logout" {
            continue; // open to everyone with a session
        }
        let r = form_post(a, &path, &vc, &format!("_csrf={vcsrf}&{body}"));
        refused(&r, &format!("viewer POST {path}"), &[403]);
        // Anonymous: no session, so no principal (401), or a token that is not its own (403).
        let page = get(a, "/login");
        let ac = cookie_of(&page).unwrap();
        let acsrf = csrf_of(&page.text());
        let r = form_post(a, &path, &ac, &format!("_csrf={acsrf}&{body}"));
        assert_eq!(r.status, 401, "anonymous POST {path}: {}", r.text());
    }
    let (ct, mp) = multipart(&vcsrf, &notice(3, "viewer"));
    let r = request(
        a,
        "POST",
        "/new",
        &[("Content-Type", &ct), ("Cookie", &vc)],
        mp.as_bytes(),
    );
    refused(&r, "viewer POST /new", &[403]);
    // Anonymous page views go to the login page, which sends them back only to this site.
    for path in ["/", "/stats", "/audit", "/new", &format!("/incidents/{n}")] {
        let r = get(a, path);
        assert_eq!(r.status, 303, "anonymous GET {path}");
        assert!(r.header("location").unwrap().starts_with("/login?next="));
    }
    for next in [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "/%09/evil.example",
        "\t//evil.example",
        "javascript:alert(1)",
        "/\r\nSet-Cookie: x=y",
    ] {
        let page = get(a, &format!("/login?next={}", enc(next)));
        assert_eq!(page.status, 200);
        let html = page.text();
        assert_inert(&html, &format!("/login?next={next:?}"));
        let cookie = cookie_of(&page).unwrap();
        let csrf = csrf_of(&html);
        let r = form_post(
            a,
            "/login",
            &cookie,
            &format!(
                "_csrf={csrf}&user=vera&password=vera-password-1&next={}",
                enc(next)
            ),
        );
        assert_eq!(r.status, 303, "{next:?}: {}", r.text());
        let loc = r.header("location").unwrap();
        let stripped: String = loc.chars().filter(|c| !c.is_control()).collect();
        assert!(
            stripped.starts_with('/') && !stripped.starts_with("//") && !stripped.contains('\\'),
            "{next:?} → Location {loc:?}"
        );
        assert!(r.header("x").is_none());
    }
    // Nothing changed.
    let after = json_auth(a, "GET", &format!("/api/incidents/{n}"), &et, None).json();
    assert_ne!(after["record"]["affected"], 31337);
    assert_eq!(after["labels"], before_labels);
    assert_eq!(
        json_auth(a, "GET", "/api/counts", &et, None).json(),
        before_counts
    );
    let c = json_auth(a, "GET", &format!("/api/cases/{cid}"), &et, None).json();
    assert_eq!(c["case"]["facts"]["persons"], 5);
    assert_eq!(c["case"]["events"].as_array().unwrap().len(), 1);
    assert_eq!(
        json_auth(a, "GET", "/api/users", TOKEN, None)
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn open_mode_answers_only_loopback_host_names() {
    let s = start(None);
    let a = s.addr;
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1.evil.example",
        "localhost.evil.example",
        "0.0.0.0",
        "[::ffff:7f00:1]",
        "",
    ] {
        for (m, path) in [
            ("GET", "/"),
            ("GET", "/api/incidents"),
            ("GET", "/cases"),
            ("POST", "/api/cases"),
            ("GET", "/api/export?format=json"),
        ] {
            let r = request(
                a,
                m,
                path,
                &[("Host", host), ("Content-Type", "application/json")],
                br#"{"title": "rebinding"}"#,
            );
            assert_eq!(r.status, 403, "Host {host:?} {m} {path}");
        }
    }
    assert_eq!(get(a, "/api/cases").json()["count"], 0);
}
