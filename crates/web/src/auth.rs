//! Access: open mode (loopback, no login) or sign-in mode (an admin token is configured).
//!
//! * **Open mode**: the server is bound to a loopback address and no admin token is configured.
//!   Everyone who can reach it is the local user, with editor rights (own cases included, as
//!   for the rest of the application: a loopback server answers only to this machine); changes
//!   are recorded under the server's OS user name. Requests whose `Host` is not a loopback name are refused (a web
//!   page cannot reach the server through DNS rebinding).
//! * **Sign-in mode**: an admin token is configured (required when bound to any other address).
//!   The admin signs in as `admin` with the token and creates users (viewer: read the casebook;
//!   editor: ingest, correct, label, and the organization's own cases, `/cases` and
//!   `/api/cases`, which a viewer cannot see: 403) in the users file (`<db>.users.json`, Argon2id password hashes,
//!   mode 0600; every account change is a row of the store's audit log, action `account`). Sessions live in memory (12 hours) behind an `HttpOnly; SameSite=Strict` cookie.
//!   API clients send `Authorization: Bearer <token>` (the admin token, or a token from
//!   `POST /api/session`).
//!
//! Sign-in throttling ([`limit`]): 5 failed sign-ins for one user name within 15 minutes, or 20
//! from one client address, refuse further attempts for 15 minutes (HTTP 429).
//!
//! Secrets are compared in constant time (`subtle`); sessions are looked up by the SHA-256 of
//! their token (a lookup's timing tells at most something about a digest, never the token).
//! Every session id, session token and CSRF key comes from the OS random source; when it fails,
//! the request is refused (HTTP 500), never served with a weaker token.
//!
//! CSRF: every browser gets a random session-id cookie; its CSRF token is an HMAC of the id under
//! a per-process key. Forms carry it in `_csrf`, scripts in `X-CSRF-Token`. An unsafe request
//! is refused when its `Origin` is another site; a page form is refused without a valid token;
//! an API call needs a Bearer token, a valid `X-CSRF-Token`, or a JSON / octet-stream body (a
//! content type no cross-site form can send without a CORS preflight, which is never granted).

pub mod limit;

use crate::error::WebError;
use crate::util::{token_from, RandomError, RandomSource};
use crate::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const COOKIE: &str = "jikenbo_sid";
const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);
const MAX_SESSIONS: usize = 10_000;

/// What a user may do. Each role includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Read everything.
    Viewer,
    /// Also ingest notices, correct fields, add and remove labels.
    Editor,
    /// Also manage users (the holder of the admin token).
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
    pub fn ja(self) -> &'static str {
        match self {
            Role::Viewer => "閲覧者",
            Role::Editor => "編集者",
            Role::Admin => "管理者",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "viewer" => Some(Role::Viewer),
            "editor" => Some(Role::Editor),
            _ => None,
        }
    }
}

/// Who is making a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub name: String,
    pub role: Role,
}

/// A user of the users file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserRecord {
    pub name: String,
    pub role: Role,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub created_at: String,
    pub created_by: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct UsersFile {
    users: Vec<UserRecord>,
}

/// A user as listed (no hash).
/// A change of an account, to be recorded in the store's audit log
/// (`Store::record_account_change`) by the handler that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountChange {
    pub who: String,
    /// `create_user`, `update_user` or `delete_user`.
    pub change: &'static str,
    pub user: String,
    pub role: Option<Role>,
}

impl AccountChange {
    fn new(who: &str, change: &'static str, user: &str, role: Option<Role>) -> Self {
        tracing::info!(%who, %change, %user, "account change");
        AccountChange {
            who: who.to_string(),
            change,
            user: user.to_string(),
            role,
        }
    }

    /// Writes it to the store's audit log.
    pub fn record(&self, store: &mut jikenbo_store::Store) -> Result<(), WebError> {
        store.record_account_change(
            &self.who,
            self.change,
            &self.user,
            self.role.map(Role::as_str),
        )?;
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UserInfo {
    pub name: String,
    pub role: Role,
    pub created_at: String,
    pub created_by: String,
}

struct Session {
    principal: Principal,
    expires: Instant,
}

/// Users, sessions and the CSRF key.
pub struct Auth {
    admin_token: Option<String>,
    users_path: PathBuf,
    users: Mutex<Vec<UserRecord>>,
    sessions: Mutex<HashMap<[u8; 32], Session>>,
    csrf_key: [u8; 32],
    open_user: String,
    secure_cookies: bool,
    /// In open mode, answer only requests whose Host header is a loopback name (any port).
    loopback_guard: bool,
    /// Failed sign-ins per user name and client address.
    limiter: limit::Limiter,
    /// Random bytes of session ids, session tokens and the CSRF key.
    random: RandomSource,
}

/// Why a sign-in failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    #[error("ユーザー名またはパスワードが違います")]
    Invalid,
    /// Too many failed attempts for the name or from the address: refused unchecked.
    #[error("ログインの試行回数が上限に達しました。しばらくしてから再度お試しください。")]
    Locked { retry_after: Duration },
}

impl From<SignInError> for WebError {
    fn from(e: SignInError) -> Self {
        match e {
            SignInError::Invalid => WebError::Unauthorized,
            SignInError::Locked { retry_after } => WebError::TooManyAttempts { retry_after },
        }
    }
}

fn hash_token(t: &str) -> [u8; 32] {
    Sha256::digest(t.as_bytes()).into()
}

/// Constant-time equality of two secrets (`subtle`; slices of different lengths are unequal).
fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}

/// `alice`, `k.tanaka`, `curator-2`: 1-32 ASCII letters, digits, `.`, `_`, `-`.
pub fn valid_user_name(n: &str) -> bool {
    (1..=32).contains(&n.len())
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

impl Auth {
    pub fn new(
        admin_token: Option<String>,
        users_path: PathBuf,
        open_user: String,
        secure_cookies: bool,
        loopback_guard: bool,
        random: RandomSource,
    ) -> Result<Auth, String> {
        let users = if admin_token.is_some() && users_path.exists() {
            let text = std::fs::read_to_string(&users_path).map_err(|e| e.to_string())?;
            serde_json::from_str::<UsersFile>(&text)
                .map_err(|e| format!("not a users file: {e}"))?
                .users
        } else {
            Vec::new()
        };
        let mut csrf_key = [0u8; 32];
        random(&mut csrf_key).map_err(|e| e.to_string())?;
        Ok(Auth {
            admin_token,
            users_path,
            users: Mutex::new(users),
            sessions: Mutex::new(HashMap::new()),
            csrf_key,
            open_user,
            secure_cookies,
            loopback_guard,
            limiter: limit::Limiter::default(),
            random,
        })
    }

    /// A new random token (256 bits, base64url), or the random source's failure.
    pub fn new_token(&self) -> Result<String, RandomError> {
        token_from(self.random).inspect_err(|e| {
            tracing::error!(error = %e, "no random numbers: refusing to issue a token");
        })
    }

    /// Whether users must sign in.
    pub fn sign_in_required(&self) -> bool {
        self.admin_token.is_some()
    }

    pub fn users_path(&self) -> &Path {
        &self.users_path
    }

    fn csrf_for(&self, sid: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.csrf_key).expect("any key length");
        mac.update(b"csrf:");
        mac.update(sid.as_bytes());
        crate::util::b64url(&mac.finalize().into_bytes())
    }

    fn is_admin_token(&self, t: &str) -> bool {
        self.admin_token
            .as_deref()
            .is_some_and(|a| ct_eq(&Sha256::digest(a.as_bytes()), &Sha256::digest(t.as_bytes())))
    }

    fn session(&self, token: &str) -> Option<Principal> {
        let mut s = self.sessions.lock().ok()?;
        let k = hash_token(token);
        match s.get(&k) {
            Some(sess) if sess.expires > Instant::now() => Some(sess.principal.clone()),
            Some(_) => {
                s.remove(&k);
                None
            }
            None => None,
        }
    }

    /// Starts a session for `p`; returns its token. Fails, starting nothing, when no random
    /// token can be made.
    pub fn start_session(&self, p: Principal) -> Result<String, RandomError> {
        let token = self.new_token()?;
        if let Ok(mut s) = self.sessions.lock() {
            if s.len() >= MAX_SESSIONS {
                let now = Instant::now();
                s.retain(|_, v| v.expires > now);
                if s.len() >= MAX_SESSIONS {
                    // Drop the oldest tenth.
                    let mut by_age: Vec<([u8; 32], Instant)> =
                        s.iter().map(|(k, v)| (*k, v.expires)).collect();
                    by_age.sort_by_key(|x| x.1);
                    for (k, _) in by_age.iter().take(MAX_SESSIONS / 10) {
                        s.remove(k);
                    }
                }
            }
            s.insert(
                hash_token(&token),
                Session {
                    principal: p,
                    expires: Instant::now() + SESSION_TTL,
                },
            );
        }
        Ok(token)
    }

    pub fn end_session(&self, token: &str) {
        if let Ok(mut s) = self.sessions.lock() {
            s.remove(&hash_token(token));
        }
    }

    /// Signs `name` in with `password` from `client`, under the sign-in limits: a locked name or
    /// address is refused without checking the password. Slow on purpose (Argon2id): call from
    /// a blocking task.
    pub fn sign_in(
        &self,
        name: &str,
        password: &str,
        client: Option<IpAddr>,
    ) -> Result<Principal, SignInError> {
        self.sign_in_at(name, password, client, Instant::now())
    }

    fn sign_in_at(
        &self,
        name: &str,
        password: &str,
        client: Option<IpAddr>,
        now: Instant,
    ) -> Result<Principal, SignInError> {
        let attempt = match self.limiter.begin(name, client, now) {
            Ok(a) => a,
            Err(l) => {
                tracing::warn!(
                    user = %name.trim(),
                    client = ?client,
                    by = if l.by_address { "address" } else { "user name" },
                    retry_after_secs = l.retry_after.as_secs(),
                    "sign-in refused: too many failed attempts"
                );
                return Err(SignInError::Locked {
                    retry_after: l.retry_after,
                });
            }
        };
        match self.verify_password(name, password) {
            Some(p) => {
                self.limiter.succeeded(attempt);
                Ok(p)
            }
            None => {
                self.limiter.failed(attempt);
                Err(SignInError::Invalid)
            }
        }
    }

    /// Checks a name and password (the admin: `admin` and the admin token), without the
    /// sign-in limits (see [`Auth::sign_in`]). Slow on purpose (Argon2id): call from a
    /// blocking task.
    pub fn verify_password(&self, name: &str, password: &str) -> Option<Principal> {
        let name = name.trim();
        if name == "admin" {
            return self.is_admin_token(password).then(|| Principal {
                name: "admin".into(),
                role: Role::Admin,
            });
        }
        let rec = self
            .users
            .lock()
            .ok()?
            .iter()
            .find(|u| u.name == name)
            .cloned();
        let Some(rec) = rec else {
            // Spend the same time as a real check so names cannot be probed by timing.
            let _ = hash_password("not-a-user-password");
            return None;
        };
        let parsed = PasswordHash::new(&rec.password_hash).ok()?;
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .ok()
            .map(|_| Principal {
                name: rec.name.clone(),
                role: rec.role,
            })
    }

    pub fn list_users(&self) -> Vec<UserInfo> {
        self.users
            .lock()
            .map(|u| {
                u.iter()
                    .map(|r| UserInfo {
                        name: r.name.clone(),
                        role: r.role,
                        created_at: r.created_at.clone(),
                        created_by: r.created_by.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Creates or updates a user (role and password). Slow (Argon2id): call from a blocking
    /// task.
    pub fn put_user(
        &self,
        name: &str,
        role: Role,
        password: &str,
        by: &str,
    ) -> Result<(UserInfo, AccountChange), WebError> {
        let name = name.trim();
        if !valid_user_name(name) || name == "admin" {
            return Err(WebError::bad(
                "ユーザー名は英数字と . _ - の1〜32文字です (admin は使えません)",
            ));
        }
        if role == Role::Admin {
            return Err(WebError::bad("role must be viewer or editor"));
        }
        if password.chars().count() < 10 {
            return Err(WebError::bad("パスワードは10文字以上にしてください"));
        }
        let hash = hash_password(password)?;
        let info;
        let change;
        {
            let mut users = self
                .users
                .lock()
                .map_err(|_| WebError::Internal("users lock".into()))?;
            let at = jikenbo_model::clock::now_rfc3339();
            let rec = UserRecord {
                name: name.to_string(),
                role,
                password_hash: hash,
                created_at: at.clone(),
                created_by: by.to_string(),
            };
            let action = match users.iter_mut().find(|u| u.name == name) {
                Some(u) => {
                    u.role = role;
                    u.password_hash = rec.password_hash;
                    "update_user"
                }
                None => {
                    users.push(rec);
                    "create_user"
                }
            };
            self.save(&users)?;
            change = AccountChange::new(by, action, name, Some(role));
            let u = users.iter().find(|u| u.name == name).expect("just put");
            info = UserInfo {
                name: u.name.clone(),
                role: u.role,
                created_at: u.created_at.clone(),
                created_by: u.created_by.clone(),
            };
        }
        // Sessions of the user end (the role or the password changed).
        self.end_sessions_of(name);
        Ok((info, change))
    }

    /// Deletes a user; the change to record in the store's audit log.
    pub fn delete_user(&self, name: &str, by: &str) -> Result<AccountChange, WebError> {
        {
            let mut users = self
                .users
                .lock()
                .map_err(|_| WebError::Internal("users lock".into()))?;
            let before = users.len();
            users.retain(|u| u.name != name);
            if users.len() == before {
                return Err(WebError::NotFound(format!("no user {name:?}")));
            }
            self.save(&users)?;
        }
        self.end_sessions_of(name);
        Ok(AccountChange::new(by, "delete_user", name, None))
    }

    fn end_sessions_of(&self, name: &str) {
        if let Ok(mut s) = self.sessions.lock() {
            s.retain(|_, v| v.principal.name != name);
        }
    }

    fn save(&self, users: &[UserRecord]) -> Result<(), WebError> {
        let file = UsersFile {
            users: users.to_vec(),
        };
        let text =
            serde_json::to_string_pretty(&file).map_err(|e| WebError::Internal(e.to_string()))?;
        let tmp = self.users_path.with_extension("json.tmp");
        let io = |e: std::io::Error| {
            WebError::Internal(format!("writing {}: {e}", self.users_path.display()))
        };
        {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let mut f = opts.open(&tmp).map_err(io)?;
            f.write_all(text.as_bytes()).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, &self.users_path).map_err(io)?;
        Ok(())
    }

    /// The `Set-Cookie` value of a session id: `Path=/; HttpOnly; SameSite=Strict`, and
    /// `Secure` behind TLS.
    pub fn cookie(&self, sid: &str) -> HeaderValue {
        self.set_cookie(Cookie::build((COOKIE, sid)))
    }

    /// The `Set-Cookie` value that removes the session cookie (sign-out).
    pub fn removal_cookie(&self) -> HeaderValue {
        self.set_cookie(Cookie::build((COOKIE, "")).removal())
    }

    fn set_cookie(&self, c: cookie::CookieBuilder<'_>) -> HeaderValue {
        let c = c
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.secure_cookies)
            .build();
        // A session id is base64url and the attributes are fixed: always a valid header value.
        HeaderValue::from_str(&c.to_string())
            .unwrap_or_else(|_| HeaderValue::from_static("jikenbo_sid=; Path=/; Max-Age=0"))
    }
}

pub fn hash_password(p: &str) -> Result<String, WebError> {
    let mut salt = [0u8; 16];
    crate::util::os_random(&mut salt)?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(Argon2::default()
        .hash_password(p.as_bytes(), &salt)
        .map_err(|e| WebError::Internal(e.to_string()))?
        .to_string())
}

/// The request's access context (a request extension set by [`middleware`]).
#[derive(Debug, Clone)]
pub struct Ctx {
    pub principal: Option<Principal>,
    /// The browser's session-id cookie (new when it had none).
    pub sid: String,
    pub csrf: String,
    /// Signed in with `Authorization: Bearer`.
    pub bearer: bool,
    /// Open mode (no sign-in).
    pub open: bool,
    /// The peer's address, when the server was started with connection info.
    pub client: Option<IpAddr>,
}

impl Ctx {
    pub fn role(&self) -> Option<Role> {
        self.principal.as_ref().map(|p| p.role)
    }
    pub fn can(&self, role: Role) -> bool {
        self.role().is_some_and(|r| r >= role)
    }
    /// The principal when it has at least `role`.
    pub fn require(&self, role: Role) -> Result<&Principal, WebError> {
        match &self.principal {
            None => Err(WebError::Unauthorized),
            Some(p) if p.role >= role => Ok(p),
            Some(p) => Err(WebError::Forbidden(format!(
                "{} ({}) cannot do this: {} rights are needed",
                p.name,
                p.role.as_str(),
                role.as_str()
            ))),
        }
    }
    /// Checks a form's `_csrf` field (Bearer requests need none).
    pub fn check_csrf(&self, token: &str) -> Result<(), WebError> {
        if self.bearer || ct_eq(token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(WebError::Forbidden(
                "フォームの有効期限が切れました。ページを再読み込みしてから送信してください (CSRF token missing or invalid)".into(),
            ))
        }
    }
}

const PUBLIC: &[&str] = &["/login", "/healthz", "/api/openapi.json", "/api/session"];

fn is_public(path: &str) -> bool {
    PUBLIC.contains(&path) || path.starts_with("/static/")
}

/// The session id of the `Cookie` header(s): the first `jikenbo_sid` cookie, if it has the form
/// of a token (43 base64url characters).
fn cookie_sid(h: &HeaderMap) -> Option<String> {
    h.get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| {
            v.len() == 43
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(h: &HeaderMap) -> Option<String> {
    let v = h.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

fn host_is_loopback(host: &str) -> bool {
    let h = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
    };
    matches!(h, "localhost" | "::1")
        || h.parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn same_origin(h: &HeaderMap) -> bool {
    let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if origin == "null" {
        return false;
    }
    let host = h
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/') == host)
        .unwrap_or(false)
}

fn non_simple_body(h: &HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| {
            let ct = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            ct == "application/json" || ct == "application/octet-stream"
        })
        .unwrap_or(false)
}

/// Resolves the principal, enforces sign-in and the CSRF rules of unsafe API calls, and sets
/// the session-id cookie.
pub async fn middleware(State(st): State<AppState>, mut req: Request, next: Next) -> Response {
    let auth = &st.auth;
    let path = req.uri().path().to_string();
    let api = path.starts_with("/api/");
    let headers = req.headers();
    if auth.loopback_guard && !auth.sign_in_required() {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !host_is_loopback(host) {
            return WebError::Forbidden(format!(
                "this server answers only to loopback host names (got Host: {host:?})"
            ))
            .into_response();
        }
    }
    let mut principal = None;
    let mut is_bearer = false;
    if let Some(t) = bearer(headers) {
        if auth.is_admin_token(&t) {
            principal = Some(Principal {
                name: "admin".into(),
                role: Role::Admin,
            });
        } else if let Some(p) = auth.session(&t) {
            principal = Some(p);
        } else if auth.sign_in_required() {
            return WebError::Unauthorized.into_response();
        }
        is_bearer = principal.is_some();
    }
    let existing = cookie_sid(headers);
    let sid = match &existing {
        Some(s) => s.clone(),
        // No random session id: refuse rather than issue a guessable one.
        None => match auth.new_token() {
            Ok(t) => t,
            Err(e) if api => return WebError::from(e).into_response(),
            Err(e) => return crate::error::PageError(e.into()).into_response(),
        },
    };
    if principal.is_none() {
        if !auth.sign_in_required() {
            principal = Some(Principal {
                name: auth.open_user.clone(),
                role: Role::Editor,
            });
        } else if let Some(s) = &existing {
            principal = auth.session(s);
        }
    }
    let ctx = Ctx {
        principal,
        csrf: auth.csrf_for(&sid),
        sid: sid.clone(),
        bearer: is_bearer,
        open: !auth.sign_in_required(),
        client: req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip()),
    };
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method && !is_bearer {
        if !same_origin(headers) {
            return WebError::Forbidden("cross-site request refused".into()).into_response();
        }
        if api {
            let header_ok = headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| ct_eq(t.as_bytes(), ctx.csrf.as_bytes()));
            if !header_ok && !non_simple_body(headers) {
                return WebError::Forbidden(
                    "unsafe API calls need a JSON or octet-stream body, an X-CSRF-Token header or a Bearer token".into(),
                )
                .into_response();
            }
        }
    }
    if ctx.principal.is_none() && !is_public(&path) {
        if api {
            return WebError::Unauthorized.into_response();
        }
        if *req.method() == Method::GET {
            let next_url = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".into());
            let q: String = form_urlencoded::Serializer::new(String::new())
                .append_pair("next", &next_url)
                .finish();
            let mut res = Redirect::to(&format!("/login?{q}")).into_response();
            if existing.is_none() {
                res.headers_mut()
                    .append(header::SET_COOKIE, auth.cookie(&sid));
            }
            return res;
        }
        return (StatusCode::UNAUTHORIZED, WebError::Unauthorized.message()).into_response();
    }
    req.extensions_mut().insert(ctx);
    let mut res = next.run(req).await;
    if existing.is_none() && !api && !is_bearer && !res.headers().contains_key(header::SET_COOKIE) {
        res.headers_mut()
            .append(header::SET_COOKIE, auth.cookie(&sid));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert!(host_is_loopback("127.0.0.1:8080"));
        assert!(host_is_loopback("localhost:8080"));
        assert!(host_is_loopback("[::1]:8080"));
        assert!(host_is_loopback("localhost"));
        assert!(!host_is_loopback("evil.example:8080"));
        assert!(!host_is_loopback("127.0.0.1.evil.example"));
    }

    #[test]
    fn names() {
        assert!(valid_user_name("k.tanaka"));
        assert!(!valid_user_name(""));
        assert!(!valid_user_name("田中"));
        assert!(!valid_user_name("a b"));
    }

    #[test]
    fn passwords_verify() {
        let dir = tempfile::tempdir().unwrap();
        let a = Auth::new(
            Some("0123456789abcdef0123".into()),
            dir.path().join("u.json"),
            "me".into(),
            false,
            false,
            crate::util::os_random,
        )
        .unwrap();
        a.put_user("alice", Role::Editor, "correct horse battery", "admin")
            .unwrap();
        assert_eq!(
            a.verify_password("alice", "correct horse battery")
                .map(|p| p.role),
            Some(Role::Editor)
        );
        assert!(a.verify_password("alice", "wrong password!").is_none());
        assert!(a.verify_password("bob", "correct horse battery").is_none());
        assert_eq!(
            a.verify_password("admin", "0123456789abcdef0123")
                .map(|p| p.role),
            Some(Role::Admin)
        );
        assert!(a.put_user("alice", Role::Viewer, "short", "admin").is_err());
        // Reloads from the file.
        let b = Auth::new(
            Some("0123456789abcdef0123".into()),
            dir.path().join("u.json"),
            "me".into(),
            false,
            false,
            crate::util::os_random,
        )
        .unwrap();
        assert_eq!(b.list_users().len(), 1);
    }

    fn sign_in_auth(dir: &Path, random: RandomSource) -> Auth {
        Auth::new(
            Some("0123456789abcdef0123".into()),
            dir.join("u.json"),
            "me".into(),
            true,
            false,
            random,
        )
        .unwrap()
    }

    fn no_random(_: &mut [u8]) -> Result<(), RandomError> {
        Err(RandomError("test: no entropy".into()))
    }

    #[test]
    fn without_random_numbers_nothing_starts() {
        let dir = tempfile::tempdir().unwrap();
        // The CSRF key cannot be made: the server does not start.
        let e = Auth::new(
            None,
            dir.path().join("u.json"),
            "me".into(),
            false,
            true,
            no_random,
        )
        .err()
        .unwrap();
        assert!(e.contains("no random numbers"), "{e}");
        // A session cannot be started: an error, and no session is kept.
        static FAIL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        fn flaky(b: &mut [u8]) -> Result<(), RandomError> {
            if FAIL.load(std::sync::atomic::Ordering::SeqCst) {
                no_random(b)
            } else {
                crate::util::os_random(b)
            }
        }
        let a = sign_in_auth(dir.path(), flaky);
        FAIL.store(true, std::sync::atomic::Ordering::SeqCst);
        let admin = Principal {
            name: "admin".into(),
            role: Role::Admin,
        };
        assert!(a.start_session(admin.clone()).is_err());
        assert!(a.new_token().is_err());
        assert_eq!(a.sessions.lock().unwrap().len(), 0);
        let e = WebError::from(a.start_session(admin.clone()).unwrap_err());
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            e.message().contains("安全な乱数を取得できない"),
            "{}",
            e.message()
        );
        FAIL.store(false, std::sync::atomic::Ordering::SeqCst);
        let t = a.start_session(admin).unwrap();
        assert_eq!(a.session(&t).map(|p| p.role), Some(Role::Admin));
    }

    #[test]
    fn sign_in_locks_a_name_after_five_failures() {
        let dir = tempfile::tempdir().unwrap();
        let a = sign_in_auth(dir.path(), crate::util::os_random);
        let t0 = Instant::now();
        let min = Duration::from_secs(60);
        for i in 0..5 {
            assert_eq!(
                a.sign_in_at("admin", "wrong", None, t0 + i * min),
                Err(SignInError::Invalid)
            );
        }
        // Refused even with the right token, for 15 minutes after the fifth failure.
        let e = a
            .sign_in_at("admin", "0123456789abcdef0123", None, t0 + 5 * min)
            .unwrap_err();
        assert_eq!(
            e,
            SignInError::Locked {
                retry_after: 14 * min
            }
        );
        assert_eq!(WebError::from(e).status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            e.to_string(),
            "ログインの試行回数が上限に達しました。しばらくしてから再度お試しください。"
        );
        let p = a
            .sign_in_at("admin", "0123456789abcdef0123", None, t0 + 19 * min)
            .unwrap();
        assert_eq!(p.role, Role::Admin);
    }

    #[test]
    fn compares_and_cookies() {
        assert!(ct_eq(b"same-token", b"same-token"));
        assert!(!ct_eq(b"same-token", b"same-tokem"));
        assert!(!ct_eq(b"short", b"shorter"));
        let dir = tempfile::tempdir().unwrap();
        let a = sign_in_auth(dir.path(), crate::util::os_random);
        let sid = a.new_token().unwrap();
        let set = a.cookie(&sid);
        let c = Cookie::parse(set.to_str().unwrap()).unwrap();
        assert_eq!((c.name(), c.value()), (COOKIE, sid.as_str()));
        assert_eq!(c.path(), Some("/"));
        assert_eq!(c.http_only(), Some(true));
        assert_eq!(c.same_site(), Some(SameSite::Strict));
        assert_eq!(c.secure(), Some(true));
        let gone = Cookie::parse(a.removal_cookie().to_str().unwrap().to_string()).unwrap();
        assert_eq!(gone.value(), "");
        assert_eq!(gone.max_age(), Some(cookie::time::Duration::ZERO));
        assert_eq!(gone.http_only(), Some(true));
        // Parsing: the session id among other cookies, in one or several headers; a malformed
        // value or another name is no session id.
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; other=1"),
        );
        assert_eq!(cookie_sid(&h), None);
        h.append(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=b; {COOKIE}={sid}; c=\"d\"")).unwrap(),
        );
        assert_eq!(cookie_sid(&h).as_deref(), Some(sid.as_str()));
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("jikenbo_sid=../../etc; x=y"),
        );
        assert_eq!(cookie_sid(&h), None);
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("jikenbo_sidx={sid}")).unwrap(),
        );
        assert_eq!(cookie_sid(&h), None);
    }
}
