//! Sign-in limits and fail-closed tokens, through a real server (sign-in mode) over HTTP.

mod common;

use common::*;
use jikenbo_web::util::RandomError;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};

const TOKEN: &str = "limit-admin-token-0123456789";
const LOCKED: &str = "ログインの試行回数が上限に達しました。しばらくしてから再度お試しください。";

fn form_post(s: &Server, path: &str, cookie: &str, body: &str) -> Resp {
    request(
        s.addr,
        "POST",
        path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie),
        ],
        body.as_bytes(),
    )
}

fn api_login(s: &Server, user: &str, password: &str) -> Resp {
    json_req(
        s.addr,
        "POST",
        "/api/session",
        &json!({"user": user, "password": password}),
    )
}

fn retry_after(r: &Resp) -> u64 {
    r.header("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After: {:?}", r.headers))
        .parse()
        .unwrap()
}

#[test]
fn the_login_page_refuses_a_name_after_five_failures() {
    let s = start(Some(TOKEN));
    let page = get(s.addr, "/login");
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let form = |p: &str| format!("_csrf={csrf}&next=%2F&user=admin&password={}", enc(p));
    for i in 0..5 {
        let r = form_post(&s, "/login", &cookie, &form(&format!("guess-{i}")));
        assert_eq!(r.status, 401, "attempt {i}: {}", r.text());
        assert!(r.text().contains("ユーザー名またはパスワードが違います"));
    }
    // The sixth is refused, even with the right token: the form again, with the message.
    let r = form_post(&s, "/login", &cookie, &form(TOKEN));
    assert_eq!(r.status, 429, "{}", r.text());
    let html = r.text();
    assert!(html.contains(LOCKED), "{html}");
    assert!(html.contains("name=\"_csrf\""), "the form is shown again");
    assert!(cookie_of(&r).is_none(), "no session");
    let wait = retry_after(&r);
    assert!((840..=900).contains(&wait), "{wait}");
    // The API refuses the same name too (JSON, 429, Retry-After).
    let r = api_login(&s, "admin", TOKEN);
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.json()["error"], LOCKED);
    assert_eq!(r.json()["status"], 429);
    assert!(retry_after(&r) <= 900);
    let doc = get(s.addr, "/api/openapi.json").json();
    assert!(doc["paths"]["/api/session"]["post"]["responses"]
        .get("429")
        .is_some());
    // The admin token as a Bearer token is no sign-in: it still works, and other names can
    // still sign in.
    let r = json_auth(
        s.addr,
        "POST",
        "/api/users",
        TOKEN,
        Some(&json!({"name": "vera", "role": "viewer", "password": "vera-password-1"})),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let r = api_login(&s, "vera", "vera-password-1");
    assert_eq!(r.status, 201, "{}", r.text());
}

#[test]
fn the_api_refuses_a_name_after_five_failures_and_a_success_resets_the_count() {
    let s = start(Some(TOKEN));
    let r = json_auth(
        s.addr,
        "POST",
        "/api/users",
        TOKEN,
        Some(&json!({"name": "eddie", "role": "editor", "password": "eddie-password-1"})),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    // Four failures, a success (the count starts again), then five failures lock the name.
    for _ in 0..4 {
        assert_eq!(api_login(&s, "eddie", "wrong-password").status, 401);
    }
    assert_eq!(api_login(&s, "eddie", "eddie-password-1").status, 201);
    for i in 0..5 {
        let r = api_login(&s, "eddie", "wrong-password");
        assert_eq!(r.status, 401, "attempt {i}: {}", r.text());
    }
    let r = api_login(&s, "eddie", "eddie-password-1");
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.json()["error"], LOCKED);
    assert!(r.json().get("token").is_none());
    // A name that does not exist is limited the same way (a lockout tells nothing).
    for _ in 0..5 {
        assert_eq!(api_login(&s, "nobody", "whatever-1").status, 401);
    }
    assert_eq!(api_login(&s, "nobody", "whatever-1").status, 429);
}

static NO_RANDOM: AtomicBool = AtomicBool::new(false);

/// The OS source, or a failure while `NO_RANDOM` is set.
fn flaky(buf: &mut [u8]) -> Result<(), RandomError> {
    if NO_RANDOM.load(Ordering::SeqCst) {
        Err(RandomError("test: no entropy".into()))
    } else {
        jikenbo_web::util::os_random(buf)
    }
}

#[test]
fn without_random_numbers_no_session_or_token_is_issued() {
    const MSG: &str = "安全な乱数を取得できない";
    let s = start_with(Some(TOKEN), |c| c.random = flaky);
    let page = get(s.addr, "/login");
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let form = format!("_csrf={csrf}&next=%2F&user=admin&password={}", enc(TOKEN));
    NO_RANDOM.store(true, Ordering::SeqCst);
    // A right sign-in through the page: an error page, no session cookie.
    let r = form_post(&s, "/login", &cookie, &form);
    assert_eq!(r.status, 500, "{}", r.text());
    assert!(r.text().contains(MSG), "{}", r.text());
    assert!(cookie_of(&r).is_none());
    // Through the API: a JSON error, no token.
    let r = api_login(&s, "admin", TOKEN);
    assert_eq!(r.status, 500, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains(MSG));
    assert!(r.json().get("token").is_none());
    // A browser without a cookie gets no guessable session id: refused.
    let r = get(s.addr, "/login");
    assert_eq!(r.status, 500);
    assert!(r.text().contains(MSG));
    assert!(r.headers_named("set-cookie").is_empty());
    let r = get(s.addr, "/api/session");
    assert_eq!(r.status, 500);
    assert!(r.json()["error"].as_str().unwrap().contains(MSG));
    // Random numbers back: the same sign-in works (a right password clears the name's count,
    // even when no session could be started for it).
    NO_RANDOM.store(false, Ordering::SeqCst);
    let r = form_post(&s, "/login", &cookie, &form);
    assert_eq!(r.status, 303, "{}", r.text());
    let session = cookie_of(&r).unwrap();
    // A draft of the new-notice page needs a random id too.
    let page = request(s.addr, "GET", "/new", &[("Cookie", &session)], b"");
    assert_eq!(page.status, 200);
    let csrf = csrf_of(&page.text());
    let boundary = "----jikenbotest";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\
         令和7年5月30日、職員が患者8名の氏名を記載したファイルを誤って送信しました。\r\n\
         --{boundary}--\r\n"
    );
    let ct = format!("multipart/form-data; boundary={boundary}");
    NO_RANDOM.store(true, Ordering::SeqCst);
    let r = request(
        s.addr,
        "POST",
        "/new",
        &[("Content-Type", &ct), ("Cookie", &session)],
        body.as_bytes(),
    );
    NO_RANDOM.store(false, Ordering::SeqCst);
    assert_eq!(r.status, 500, "{}", r.text());
    assert!(r.text().contains(MSG));
    assert!(!r.text().contains("name=\"draft\""));
    let r = request(
        s.addr,
        "POST",
        "/new",
        &[("Content-Type", &ct), ("Cookie", &session)],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("name=\"draft\""));
}

#[test]
fn sign_out_removes_the_cookie() {
    let s = start(Some(TOKEN));
    let page = get(s.addr, "/login");
    let cookie = cookie_of(&page).unwrap();
    let csrf = csrf_of(&page.text());
    let r = form_post(
        &s,
        "/login",
        &cookie,
        &format!("_csrf={csrf}&next=%2F&user=admin&password={}", enc(TOKEN)),
    );
    assert_eq!(r.status, 303);
    let session = cookie_of(&r).unwrap();
    // Other cookies beside it are no trouble for the parser.
    let cookies = format!("theme=dark; {session}; lang=\"ja\"");
    let page = request(s.addr, "GET", "/stats", &[("Cookie", &cookies)], b"");
    assert_eq!(page.status, 200);
    let csrf = csrf_of(&page.text());
    let r = form_post(&s, "/logout", &cookies, &format!("_csrf={csrf}"));
    assert_eq!(r.status, 303, "{}", r.text());
    let set = r.headers_named("set-cookie").join(" | ");
    assert!(set.starts_with("jikenbo_sid=;"), "{set}");
    assert!(
        set.contains("Max-Age=0") && set.contains("HttpOnly"),
        "{set}"
    );
    assert!(
        set.contains("SameSite=Strict") && set.contains("Path=/"),
        "{set}"
    );
    let r = request(s.addr, "GET", "/stats", &[("Cookie", &session)], b"");
    assert_eq!(r.status, 303, "the session has ended");
}
