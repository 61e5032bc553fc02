use std::path::PathBuf;

/// Everything that can go wrong in the store. Messages say what and where in plain words.
#[derive(thiserror::Error, Debug)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot bring the store's schema up to date: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("cannot create {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("input/output error: {0}")]
    Write(#[from] std::io::Error),
    #[error(transparent)]
    Load(#[from] jikenbo_text::LoadError),
    #[error(transparent)]
    Extract(#[from] jikenbo_extract::ExtractError),
    #[error("no store at {} (nothing was created)", .0.display())]
    Missing(PathBuf),
    #[error("no incident {0} in the store")]
    NotFound(String),
    #[error("no document {0} in the store")]
    NoDocument(i64),
    #[error("no case {0} in the store")]
    NoCase(i64),
    #[error("case {case} has no {what} {id}")]
    NoCaseItem {
        case: i64,
        what: &'static str,
        id: i64,
    },
    #[error(transparent)]
    Respond(#[from] jikenbo_respond::RespondError),
    #[error("{0:?} is not an incident number (#2024-001, 2024-001) or id (17)")]
    BadRef(String),
    #[error("unknown field {0:?}; the fields are organization, title, published, occurred, discovered, affected, leak, data, cause, actor, sector")]
    UnknownField(String),
    #[error("bad value for {field}: {detail}")]
    BadValue { field: String, detail: String },
    #[error("{0}")]
    Invalid(String),
    #[error("the store is not empty ({0} documents); import restores an export into an empty store only")]
    NotEmpty(i64),
    #[error("cannot import: {0}")]
    Import(String),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
}

impl StoreError {
    /// Whether another connection held the lock this needed (SQLite's `SQLITE_BUSY`).
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::DatabaseBusy
        )
    }
}
