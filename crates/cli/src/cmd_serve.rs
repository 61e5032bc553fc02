//! `jikenbo serve`: the web UI and JSON API (all logic in `jikenbo-web`).

use anyhow::{bail, Context};
use jikenbo_store::{default_db_path, Store};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store file (default: $JIKENBO_DB, else $XDG_DATA_HOME/jikenbo/jikenbo.db; with
    /// --demo and no --db, a fresh store in a temporary directory).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Address to listen on. Any non-loopback address requires an admin token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Ingest the bundled example notices (examples/notices) first.
    #[arg(long)]
    pub demo: bool,
    /// File holding the admin token (also $JIKENBO_ADMIN_TOKEN). With a token users must sign in.
    #[arg(long, value_name = "FILE")]
    pub admin_token_file: Option<PathBuf>,
    /// Users file (default: the store's path + .users.json).
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,
    /// Largest notice accepted by upload or paste, in bytes.
    #[arg(long, default_value_t = jikenbo_web::DEFAULT_MAX_UPLOAD)]
    pub max_upload: usize,
    /// Mark cookies Secure (when a TLS proxy is in front).
    #[arg(long)]
    pub secure_cookies: bool,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    // `--demo` without `--db`: a fresh store in a temporary folder of its own, removed when the
    // server stops (Ctrl-C or SIGTERM end it gracefully; the guard also runs on an error)
    let mut demo_dir: Option<DemoDir> = None;
    let db = match (&args.db, args.demo) {
        (Some(p), _) => p.clone(),
        (None, true) => {
            let dir = std::env::temp_dir().join(format!("jikenbo-demo-{}", std::process::id()));
            if dir.exists() {
                std::fs::remove_dir_all(&dir).ok();
            }
            let db = dir.join("demo.db");
            demo_dir = Some(DemoDir(dir));
            db
        }
        (None, false) => default_db_path(),
    };
    let token = match (&args.admin_token_file, std::env::var("JIKENBO_ADMIN_TOKEN")) {
        (Some(f), _) => Some(
            std::fs::read_to_string(f)
                .with_context(|| format!("reading the admin token from {}", f.display()))?
                .trim()
                .to_string(),
        ),
        (None, Ok(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    };
    let mut config = jikenbo_web::Config::new(db.clone(), args.addr);
    config.admin_token = token;
    config.users_file = args.users.clone();
    config.max_upload = args.max_upload;
    config.secure_cookies = args.secure_cookies;
    if let Err(e) = config.validate() {
        bail!("{e}");
    }
    if args.demo {
        let mut store =
            Store::open(&db).with_context(|| format!("opening the store {}", db.display()))?;
        let sum = jikenbo_web::demo::ingest_examples(&mut store, "demo")?;
        eprintln!(
            "デモ: 例の通知 {} 件を登録し、{} 件の事案を抽出しました (登録済み {} 件) — {}",
            sum.documents,
            sum.incidents,
            sum.skipped,
            db.display()
        );
        for (name, e) in &sum.failed {
            eprintln!("  {name}: {e}");
        }
    }
    let sign_in = config.admin_token.is_some();
    let temporary = demo_dir.is_some();
    jikenbo_web::serve_blocking(config, |url| {
        // A server whose standard output is closed keeps serving.
        let _ = outln!("事件簿 Jikenbo: {url}");
        if sign_in {
            let _ = outln!("  ログインが必要です (管理者: admin / 管理者トークン)");
        }
        if temporary {
            let _ = outln!(
                "  デモの事件簿は一時ファイルです: 終了すると削除されます (残すには --db FILE)"
            );
        }
        let _ = outln!("  Ctrl-C で終了");
    })?;
    drop(demo_dir);
    Ok(ExitCode::SUCCESS)
}

/// The demo's temporary folder, removed with everything in it when dropped.
struct DemoDir(PathBuf);

impl Drop for DemoDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!(
                    "jikenbo: デモの一時フォルダを削除できませんでした: {}: {e}",
                    self.0.display()
                );
            }
        }
    }
}
