//! `jikenbo-web`: the casebook in a browser, and its JSON API.
//!
//! [`serve`] opens the store and listens; [`router`] builds the application for a given
//! [`AppState`] (tests use it on an ephemeral port). Pages are server-rendered HTML (maud,
//! every value escaped), charts are SVG drawn here, the one script and the one stylesheet are
//! this crate's own (`static/`), embedded in the binary.
//!
//! | page | |
//! |---|---|
//! | `/` | casebook: search, facets, sortable list, pages, CSV/JSON download of the view |
//! | `/incidents/{number}` | an incident: fields with evidence highlighted in the archived texts, documents (第1報/続報), history, corrections, labels, the legal assessment |
//! | `/new` | a new notice: paste or upload, see the extracted incidents beside the text, correct, save |
//! | `/stats` | statistics: incidents and persons by year, month, cause, actor, sector, size (SVG + tables) |
//! | `/documents/{id}` | an archived document with the evidence of all its incidents |
//! | `/audit` | the audit log |
//! | `/cases`, `/cases/{id}` | 自組織の事案: the officer's own cases (editors only; never in the casebook): facts, deadlines, timeline, measures, drafts with a print view and .docx, publishing a public notice into the casebook (only its text becomes public) ([`cases`]) |
//! | `/login`, `/admin/users` | sign-in and user management (sign-in mode) |
//!
//! The API is described by the OpenAPI document at `/api/openapi.json` (see [`openapi`]). Access
//! rules are in [`auth`].

pub mod api;
pub mod auth;
pub mod cache;
pub mod cases;
pub mod demo;
pub mod error;
pub mod highlight;
pub mod openapi;
pub mod pages;
pub mod params;
pub mod pool;
pub mod service;
pub mod svg;
pub mod util;

pub use auth::Role;
pub use error::{ServeError, WebError};

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use jikenbo_store::Prepared;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower_http::set_header::SetResponseHeaderLayer;

/// Default limit of an uploaded or pasted notice (bytes).
pub const DEFAULT_MAX_UPLOAD: usize = 16 * 1024 * 1024;
/// Limit of any other request body (JSON corrections, forms).
pub const MAX_BODY: usize = 1024 * 1024;

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Sign-in mode when set (required off loopback). At least 16 characters.
    pub admin_token: Option<String>,
    /// Users file (default: the store's path + `.users.json`).
    pub users_file: Option<PathBuf>,
    pub max_upload: usize,
    /// Read connections to the store (default: 2 × cores, at least 4).
    pub readers: usize,
    /// Mark cookies `Secure` (behind a TLS-terminating proxy).
    pub secure_cookies: bool,
    /// Who open-mode changes are recorded as (default: the OS user).
    pub open_user: Option<String>,
    /// Where session ids, session tokens, draft ids and the CSRF key get their random bytes
    /// (default: the OS, [`util::os_random`]). When it fails the server refuses to start or the
    /// request is refused; tests pass a failing source.
    pub random: util::RandomSource,
}

impl Config {
    pub fn new(db: PathBuf, addr: SocketAddr) -> Config {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Config {
            db,
            addr,
            admin_token: None,
            users_file: None,
            max_upload: DEFAULT_MAX_UPLOAD,
            readers: (cores * 2).max(4),
            secure_cookies: false,
            open_user: None,
            random: util::os_random,
        }
    }

    /// Checks the access rules: off loopback an admin token is required; tokens are long.
    pub fn validate(&self) -> Result<(), ServeError> {
        if let Some(t) = &self.admin_token {
            if t.trim().chars().count() < 16 {
                return Err(ServeError::Config(
                    "the admin token must be at least 16 characters long".into(),
                ));
            }
        } else if !self.addr.ip().is_loopback() {
            return Err(ServeError::Config(format!(
                "refusing to listen on {} without an admin token: set JIKENBO_ADMIN_TOKEN (or --admin-token-file) so that users must sign in, or bind to 127.0.0.1",
                self.addr
            )));
        }
        if self.max_upload < 1024 {
            return Err(ServeError::Config(
                "the upload limit must be at least 1 KiB".into(),
            ));
        }
        Ok(())
    }

    pub fn users_path(&self) -> PathBuf {
        self.users_file.clone().unwrap_or_else(|| {
            let mut s = self.db.clone().into_os_string();
            s.push(".users.json");
            PathBuf::from(s)
        })
    }
}

/// A notice extracted but not saved yet (the "new notice" page), kept for an hour.
pub struct Draft {
    pub prepared: Prepared,
    pub owner: String,
    pub created: Instant,
}

pub struct Inner {
    pub pool: pool::Pool,
    pub auth: auth::Auth,
    pub max_upload: usize,
    /// Keyed by the SHA-256 of the draft id (as sessions are).
    pub drafts: Mutex<HashMap<[u8; 32], Draft>>,
    /// Facets and statistics per query while the store is unchanged.
    pub cache: cache::Cache,
    /// What a change of an own case did, shown once on the browser's next view of the case.
    pub flash: cases::Flash,
}

/// Shared state of the application.
pub type AppState = Arc<Inner>;

const DRAFT_TTL: Duration = Duration::from_secs(3600);
const MAX_DRAFTS: usize = 64;

impl Inner {
    /// Runs `f` on a read connection in a blocking task.
    pub async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&jikenbo_store::Store) -> Result<T, WebError> + Send + 'static,
    ) -> Result<T, WebError> {
        let st = self.clone();
        tokio::task::spawn_blocking(move || st.pool.read(f)).await?
    }

    /// Runs `f` on the write connection in a blocking task.
    pub async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut jikenbo_store::Store) -> Result<T, WebError> + Send + 'static,
    ) -> Result<T, WebError> {
        let st = self.clone();
        tokio::task::spawn_blocking(move || st.pool.write(f)).await?
    }

    /// Keeps a draft; returns its id (none without random numbers).
    pub fn put_draft(&self, prepared: Prepared, owner: &str) -> Result<String, util::RandomError> {
        let id = self.auth.new_token()?;
        if let Ok(mut d) = self.drafts.lock() {
            d.retain(|_, v| v.created.elapsed() < DRAFT_TTL);
            while d.len() >= MAX_DRAFTS {
                let oldest = d.iter().min_by_key(|(_, v)| v.created).map(|(k, _)| *k);
                match oldest {
                    Some(k) => d.remove(&k),
                    None => break,
                };
            }
            d.insert(
                draft_key(&id),
                Draft {
                    prepared,
                    owner: owner.to_string(),
                    created: Instant::now(),
                },
            );
        }
        Ok(id)
    }

    /// A draft of `owner` (cloned), if still kept.
    pub fn draft(&self, id: &str, owner: &str) -> Option<Prepared> {
        let d = self.drafts.lock().ok()?;
        d.get(&draft_key(id))
            .filter(|v| v.owner == owner && v.created.elapsed() < DRAFT_TTL)
            .map(|v| v.prepared.clone())
    }

    pub fn drop_draft(&self, id: &str) {
        if let Ok(mut d) = self.drafts.lock() {
            d.remove(&draft_key(id));
        }
    }
}

fn draft_key(id: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(id.as_bytes()).into()
}

/// Opens the store and builds the state.
pub fn state(config: &Config) -> Result<AppState, ServeError> {
    config.validate()?;
    let pool =
        pool::Pool::open(&config.db, config.readers).map_err(|source| ServeError::Store {
            path: config.db.display().to_string(),
            source,
        })?;
    let users_path = config.users_path();
    let auth = auth::Auth::new(
        config.admin_token.clone().map(|t| t.trim().to_string()),
        users_path.clone(),
        config.open_user.clone().unwrap_or_else(|| {
            let u = jikenbo_store::default_user();
            if u == "unknown" {
                "local".into()
            } else {
                u
            }
        }),
        config.secure_cookies,
        config.addr.ip().is_loopback(),
        config.random,
    )
    .map_err(|detail| ServeError::Users {
        path: users_path.display().to_string(),
        detail,
    })?;
    Ok(Arc::new(Inner {
        pool,
        auth,
        max_upload: config.max_upload,
        drafts: Mutex::new(HashMap::new()),
        cache: cache::Cache::default(),
        flash: cases::Flash::default(),
    }))
}

async fn healthz() -> &'static str {
    "ok"
}

async fn fallback(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        WebError::NotFound(format!("no API endpoint {}", uri.path())).into_response()
    } else {
        error::PageError(WebError::NotFound(format!(
            "{} というページはありません",
            uri.path()
        )))
        .into_response()
    }
}

async fn method_not_allowed(uri: axum::http::Uri) -> Response {
    let e = WebError::BadRequest(format!("method not allowed on {}", uri.path()));
    let mut r = e.into_response();
    *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    r
}

/// Errors produced by the framework itself (a path that is not UTF-8, a body over the limit, a
/// wrong method) come as plain text: give them the API's JSON form, or the HTML error page.
async fn uniform_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|ct| ct.starts_with("text/plain"));
    if !(status.is_client_error() || status.is_server_error()) || !plain {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let msg = String::from_utf8_lossy(&bytes).trim().to_string();
    let msg = if msg.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        msg
    };
    let mut out = if api {
        (
            status,
            axum::Json(serde_json::json!({ "error": msg, "status": status.as_u16() })),
        )
            .into_response()
    } else {
        (
            status,
            pages::layout::error_page(status, "リクエストを処理できませんでした", &msg),
        )
            .into_response()
    };
    for (k, v) in parts.headers.iter() {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    WebError::Internal("handler panicked".into()).into_response()
}

/// The application: pages, API, static files, with the access middleware, security headers,
/// body limits, timeouts, tracing and panic recovery.
pub fn router(state: AppState) -> Router {
    let upload_limit = DefaultBodyLimit::max(state.max_upload + 64 * 1024);
    let pages = Router::new()
        .route("/", get(pages::casebook::page))
        .route("/incidents/{r}", get(pages::incident::page))
        .route("/incidents/{r}/edit", post(pages::incident::edit))
        .route("/incidents/{r}/clear", post(pages::incident::clear))
        .route("/incidents/{r}/labels", post(pages::incident::label))
        .route("/incidents/{r}/merge", post(pages::review::merge))
        .route("/incidents/{r}/split", post(pages::review::split))
        .route("/incidents/{r}/reextract", post(pages::review::reextract))
        .route("/incidents/{r}/review", post(pages::review::accept))
        .route("/review", get(pages::review::page))
        .route("/review/scan", post(pages::review::scan))
        .route("/review/dupes/{id}", post(pages::review::decide))
        .route("/documents/{id}", get(pages::document::page))
        .route("/documents/{id}/original", get(api::document_original))
        .route(
            "/new",
            get(pages::new::form)
                .post(pages::new::preview)
                .layer(upload_limit),
        )
        .route("/new/save", post(pages::new::save))
        .route("/cases", get(pages::cases::list).post(pages::cases::create))
        .route("/cases/new", get(pages::cases::new_form))
        .route("/cases/{id}", get(pages::cases::page))
        .route("/cases/{id}/facts", post(pages::cases::save_facts))
        .route("/cases/{id}/meta", post(pages::cases::save_meta))
        .route("/cases/{id}/events", post(pages::cases::add_event))
        .route(
            "/cases/{id}/events/{event}/delete",
            post(pages::cases::remove_event),
        )
        .route("/cases/{id}/measures", post(pages::cases::add_measure))
        .route(
            "/cases/{id}/measures/{measure}",
            post(pages::cases::update_measure),
        )
        .route("/cases/{id}/drafts/{kind}", get(pages::cases::draft_page))
        .route("/cases/{id}/publish", post(pages::cases::publish))
        .route("/stats", get(pages::stats::page))
        .route("/audit", get(pages::audit::page))
        .route("/login", get(pages::login::form).post(pages::login::submit))
        .route("/logout", post(pages::login::logout))
        .route(
            "/admin/users",
            get(pages::admin::page).post(pages::admin::submit),
        )
        .route("/static/app.css", get(pages::layout::css))
        .route("/static/app.js", get(pages::layout::js))
        .route("/healthz", get(healthz));
    let api = api::routes(upload_limit);
    Router::new()
        .merge(pages)
        .merge(api)
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::middleware,
        ))
        .layer(axum::middleware::from_fn(uniform_errors))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(60),
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_response))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Opens the store, binds and serves until Ctrl-C / SIGTERM. `ready(url)` is called once the
/// socket listens.
pub async fn serve(config: Config, ready: impl FnOnce(&str)) -> Result<(), ServeError> {
    let state = state(&config)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}/");
    // the signal handlers are in place before anyone is told the server is up: a Ctrl-C or
    // SIGTERM right after always stops it gracefully
    let shutdown = shutdown_signal()?;
    tracing::info!(%url, sign_in = state.auth.sign_in_required(), "listening");
    ready(&url);
    // With the peer's address: the sign-in limits count failures per client address too.
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}

/// A future that ends at Ctrl-C or SIGTERM; the handlers are registered when this is called.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {},
            _ = term.recv() => {},
        }
        tracing::info!("shutting down");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    })
}

/// Runs [`serve`] on a new multi-threaded runtime (for the command line).
pub fn serve_blocking(config: Config, ready: impl FnOnce(&str)) -> Result<(), ServeError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(serve(config, ready))
}
