//! Errors of the web layer and how they become responses: JSON `{"error": message, "status":
//! code}` for the API, a small HTML page for the pages. Internal details (SQL, paths) are logged,
//! never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jikenbo_store::StoreError;
use jikenbo_text::LoadError;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{0}")]
    BadRequest(String),
    #[error("サインインが必要です (sign-in required)")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    Conflict(String),
    /// Too many failed sign-ins for a user name or from a client address (HTTP 429).
    #[error("ログインの試行回数が上限に達しました。しばらくしてから再度お試しください。")]
    TooManyAttempts { retry_after: std::time::Duration },
    /// No random numbers: no session id or token is issued (HTTP 500).
    #[error(transparent)]
    Random(#[from] crate::util::RandomError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Errors that stop the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Config(String),
    #[error("cannot open the store {path}: {source}")]
    Store { path: String, source: StoreError },
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    #[error("users file {path}: {detail}")]
    Users { path: String, detail: String },
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) | WebError::Random(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Store(e) => match e {
                StoreError::NotFound(_)
                | StoreError::NoDocument(_)
                | StoreError::NoCase(_)
                | StoreError::NoCaseItem { .. } => StatusCode::NOT_FOUND,
                StoreError::Respond(jikenbo_respond::RespondError::Docx(_)) => {
                    StatusCode::INTERNAL_SERVER_ERROR
                }
                StoreError::Respond(_) => StatusCode::BAD_REQUEST,
                StoreError::BadRef(_)
                | StoreError::UnknownField(_)
                | StoreError::BadValue { .. }
                | StoreError::Invalid(_) => StatusCode::BAD_REQUEST,
                StoreError::Load(LoadError::TooLarge { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
                StoreError::Load(_) => StatusCode::UNPROCESSABLE_ENTITY,
                StoreError::Sqlite(rusqlite_err) if is_busy(rusqlite_err) => {
                    StatusCode::SERVICE_UNAVAILABLE
                }
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }

    /// The message shown to the client (internal errors are not described).
    pub fn message(&self) -> String {
        if let WebError::Random(_) = self {
            return RANDOM_FAILED.into();
        }
        let status = self.status();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            return "the store is busy; try again".into();
        }
        if status.is_server_error() {
            return "internal server error (see the server log)".into();
        }
        if let WebError::Store(e) = self {
            if let Some(m) = crate::cases::store_ja(e) {
                return m;
            }
        }
        self.to_string()
    }

    pub fn bad(msg: impl Into<String>) -> WebError {
        WebError::BadRequest(msg.into())
    }
}

/// What the client is told when no random numbers can be had (the detail goes to the log).
pub const RANDOM_FAILED: &str = "安全な乱数を取得できないため、セッションやトークンを発行できません。サーバーの管理者に連絡してください (no secure random numbers; see the server log)";

/// `Retry-After` in whole seconds, at least 1.
pub(crate) fn retry_after_header(d: std::time::Duration) -> axum::http::HeaderValue {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    axum::http::HeaderValue::from(secs.max(1))
}

fn is_busy(e: &impl std::fmt::Display) -> bool {
    let s = e.to_string();
    s.contains("database is locked") || s.contains("busy")
}

impl From<LoadError> for WebError {
    fn from(e: LoadError) -> Self {
        WebError::Store(StoreError::Load(e))
    }
}

impl From<tokio::task::JoinError> for WebError {
    fn from(e: tokio::task::JoinError) -> Self {
        WebError::Internal(format!("worker task failed: {e}"))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::debug!(error = %self, status = status.as_u16(), "request refused");
        }
        let body = serde_json::json!({ "error": self.message(), "status": status.as_u16() });
        let mut res = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"jikenbo\""),
            );
        }
        if let WebError::TooManyAttempts { retry_after: d } = &self {
            res.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, retry_after_header(*d));
        }
        res
    }
}

/// An error of a page: the same error rendered as HTML.
#[derive(Debug)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        if status.is_server_error() {
            tracing::error!(error = %self.0, "page failed");
        }
        let title = match status.as_u16() {
            400 => "入力に誤りがあります",
            401 => "サインインが必要です",
            403 => "この操作は許可されていません",
            404 => "見つかりません",
            413 => "ファイルが大きすぎます",
            422 => "読み取れませんでした",
            429 => "ログインの試行回数が上限に達しました",
            _ => "エラーが発生しました",
        };
        let html = crate::pages::layout::error_page(status, title, &self.0.message());
        let mut res = (status, html).into_response();
        if let WebError::TooManyAttempts { retry_after: d } = &self.0 {
            res.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, retry_after_header(*d));
        }
        res
    }
}

pub type ApiResult<T> = Result<T, WebError>;
pub type PageResult<T = Response> = Result<T, PageError>;
