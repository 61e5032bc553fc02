//! The casebook store commands: `ingest`, `search`, `show`, `label`, `edit`, `merge`, `split`,
//! `dupes`, `review`, `reextract`, `stats`, `export`, `import`, `audit`, `document`, `optimize`, `bench-store`.
//!
//! Every command but `bench-store` (which has its own `--dir`) takes `--db FILE`; without it the
//! store is `$JIKENBO_DB`, else `$XDG_DATA_HOME/jikenbo/jikenbo.db`, else
//! `~/.local/share/jikenbo/jikenbo.db` (see `jikenbo_store::default_db_path`). Mutating commands take `--author` (default `$USER`).
//! Only `ingest` and `import` create a missing store; every other command refuses a store file
//! that does not exist (a mistyped `--db` would otherwise show an empty casebook).

use crate::table::{fit, or_dash, write_csv, write_json};
use anyhow::{bail, Context};
use jikenbo_model::{Actor, Cause, DataKind, Leak, PartialDate};
use jikenbo_store::bulk::{BulkOptions, FileEvent};
use jikenbo_store::{
    default_db_path, default_user, display_value, with_commas, Change, DupDecision, Filter,
    GroupBy, IncidentRef, Query, SizeBucket, Sort, Store, ValueSource,
};
use jikenbo_text::{collect_inputs, Limits};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Subcommand)]
pub enum StoreCommand {
    /// 登録: 通知を事件簿に保存し事案を記録 (Archive notices and record their incidents; idempotent).
    Ingest(IngestArgs),
    /// 検索: 全文検索と絞り込み (Search incidents: Japanese full text, any length, plus filters).
    Search(Box<SearchArgs>),
    /// 事案の表示: 項目と根拠・履歴・訂正・ラベル・文書 (Show an incident with evidence, history, overrides, labels, documents).
    Show(ShowArgs),
    /// ラベルの追加・削除 (Add or remove labels of an incident).
    Label(LabelArgs),
    /// 訂正: 再抽出後も残る (Correct fields of an incident; curator overrides survive re-extraction).
    Edit(EditArgs),
    /// 統合: 最初の事案にまとめる (Merge incidents into the first one named; their numbers keep resolving).
    Merge(MergeArgs),
    /// 分割: 文書または報告 (節) を別の事案にする (Split a document's or single reports off into an incident of their own).
    Split(SplitArgs),
    /// 重複候補: 同じ事案らしい組を探し、一覧・統合・別件 (Find probable duplicates; list, merge or dismiss pairs).
    Dupes(DupesArgs),
    /// 要確認: 疑わしい記録の一覧と確認済みの記録 (Records with sanity flags; accept or undo).
    Review(ReviewArgs),
    /// 再抽出: 保存した全文書に抽出をやり直す (Re-run the extractor; keeps overrides, labels, numbers).
    Reextract(ReextractArgs),
    /// 統計: 原因・行為者・年・月・業種・情報・ラベル・規模ごとの件数と人数 (Statistics per cause, actor, year, month, sector, data, label or size).
    Stats(Box<StatsArgs>),
    /// 書き出し: json (完全、import 用)・csv・veris (Export: json lossless for import, csv, VERIS 1.3).
    Export(Box<ExportArgs>),
    /// 読み込み: JSON の書き出しを空の事件簿に復元 (Restore a JSON export into an empty store).
    Import(ImportArgs),
    /// 監査ログ: 誰がいつ何を変えたか (The audit log: who changed what, when).
    Audit(AuditArgs),
    /// 保存した文書の本文または原本 (Print an archived document: its text or original bytes).
    Document(DocumentArgs),
    /// 保守: 大量登録・読み込みの後に索引を統合 (Maintenance after a bulk ingest or import: merge the index, update statistics).
    Optimize(OptimizeArgs),
    /// 事件簿のベンチマーク: 登録速度と検索の応答時間 (Benchmark the store: ingest speed, search latency at scale).
    BenchStore(BenchStoreArgs),
}

#[derive(clap::Args, Clone)]
pub struct DbArgs {
    /// The store file (default: $JIKENBO_DB, else $XDG_DATA_HOME/jikenbo/jikenbo.db, else
    /// ~/.local/share/jikenbo/jikenbo.db).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(default_db_path)
    }
    /// The store, which must exist: every command but `ingest` and `import` (which create it).
    fn open(&self) -> anyhow::Result<Store> {
        open_existing(&self.path())
    }
    /// The store, created (with its directory) when missing.
    fn open_or_create(&self) -> anyhow::Result<Store> {
        let p = self.path();
        Store::open(&p).with_context(|| format!("opening the store {}", p.display()))
    }
}

/// Opens the store at `db`, refusing (without creating anything) when the file is missing:
/// a mistyped `--db` must not look like an empty casebook.
pub(crate) fn open_existing(db: &Path) -> anyhow::Result<Store> {
    match Store::open_existing(db) {
        Ok(s) => Ok(s),
        Err(jikenbo_store::StoreError::Missing(_)) => bail!(
            "事件簿ファイルが見つかりません: {p} (新しく作るには jikenbo ingest --db {p} ファイル…)\n\
             no casebook store at {p}; nothing was created (to create one: jikenbo ingest --db {p} FILE...)",
            p = db.display()
        ),
        Err(e) => Err(e).with_context(|| format!("opening the store {}", db.display())),
    }
}

#[derive(clap::Args, Clone)]
pub struct AuthorArgs {
    /// Who makes the change (recorded in the audit log; default $USER).
    #[arg(long)]
    pub author: Option<String>,
}

impl AuthorArgs {
    fn who(&self) -> String {
        self.author.clone().unwrap_or_else(default_user)
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum OutFormat {
    Table,
    Json,
    Csv,
}

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files or directories (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub author: AuthorArgs,
    /// Record this URL as the source instead of the path (one file only).
    #[arg(long)]
    pub url: Option<String>,
    /// Refuse files larger than this many bytes (default 64 MiB).
    #[arg(long)]
    pub max_bytes: Option<u64>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Clone, Default)]
pub struct FilterArgs {
    /// Cause (schema term: ransomware, support_scam, ...); repeat or separate with commas for any of several.
    #[arg(long, value_delimiter = ',')]
    pub cause: Vec<Cause>,
    /// Actor: internal, partner, external.
    #[arg(long, value_delimiter = ',')]
    pub actor: Vec<Actor>,
    /// Leak: confirmed, possible, none.
    #[arg(long, value_delimiter = ',')]
    pub leak: Vec<Leak>,
    /// Year of the incident (published, else discovered, else occurred).
    #[arg(long)]
    pub year: Option<i32>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<PartialDate>,
    /// Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<PartialDate>,
    /// Label the incident must have (repeat: all of them).
    #[arg(long)]
    pub label: Vec<String>,
    /// At least this many persons.
    #[arg(long)]
    pub min_affected: Option<u64>,
    /// At most this many persons.
    #[arg(long)]
    pub max_affected: Option<u64>,
    /// Kind of data involved (name, health, ...); repeat or commas: all of them.
    #[arg(long, value_delimiter = ',')]
    pub data: Vec<DataKind>,
    /// Sector: 医療機関, 自治体, 国の機関, 警察, 学校, 企業, 団体 (or medical, local_government, ...).
    #[arg(long, value_delimiter = ',')]
    pub sector: Vec<String>,
    /// Size bucket: lt100, 100-1k, 1k-10k, 10k-100k, 100k-1m, 1m+, unknown.
    #[arg(long, value_delimiter = ',')]
    pub size: Vec<SizeBucket>,
    /// Part of the organization's name.
    #[arg(long)]
    pub org: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> anyhow::Result<Filter> {
        for s in &self.sector {
            if jikenbo_store::parse_sector(s).is_none() {
                let known: Vec<&str> = jikenbo_store::SECTORS.iter().map(|x| x.ja()).collect();
                bail!("unknown sector {s:?}; one of {}", known.join(", "));
            }
        }
        Ok(Filter {
            causes: self.cause.clone(),
            actors: self.actor.clone(),
            leaks: self.leak.clone(),
            year: self.year,
            from: self.from,
            to: self.to,
            labels: self.label.clone(),
            min_affected: self.min_affected,
            max_affected: self.max_affected,
            data: self.data.clone(),
            sectors: self.sector.clone(),
            sizes: self.size.clone(),
            organization: self.org.clone(),
        })
    }
}

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words that must all occur (Japanese; any length). Empty: filters only.
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// 並び順 (order): auto (既定: 関連度または新しい順), relevance, newest, oldest, affected,
    /// number, number_desc, organization, cause; the API's names.
    #[arg(long, value_parser = |s: &str| s.parse::<Sort>())]
    pub sort: Option<Sort>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Also count per cause, actor, year, sector, label, data kind and size.
    #[arg(long)]
    pub facets: bool,
    /// Count matches exactly up to this many (beyond: "N 件以上").
    #[arg(long, default_value_t = 10_000)]
    pub count_limit: usize,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Incident number (2024-001, #2024-001) or internal id.
    pub id: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LabelAction {
    Add,
    Remove,
}

#[derive(clap::Args)]
pub struct LabelArgs {
    /// Incident number or id.
    pub id: String,
    #[arg(value_enum)]
    pub action: LabelAction,
    /// Labels (e.g. 要確認, インシデント:内部犯行).
    #[arg(required = true)]
    pub labels: Vec<String>,
    #[command(flatten)]
    pub author: AuthorArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct EditArgs {
    /// Incident number or id.
    pub id: String,
    /// FIELD=VALUE, e.g. affected=1234, cause=ransomware, data=name,address, published=2024-05,
    /// sector=医療機関; VALUE null/不明 = unknown. Repeat for several fields.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// End the override of a field (the reports' value is in force again).
    #[arg(long = "unset", value_name = "FIELD")]
    pub unset: Vec<String>,
    /// Why (kept with the override).
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub author: AuthorArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// The incident that stays, then the incidents merged into it.
    #[arg(required = true, num_args = 2..)]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub author: AuthorArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct SplitArgs {
    /// Incident number or id.
    pub id: String,
    /// The document (id, as `show` lists) whose reports go to an incident of their own.
    #[arg(long, required_unless_present = "report", conflicts_with = "report")]
    pub doc: Option<i64>,
    /// A report (one incident section of a document; id as `show` lists) that goes to the new
    /// incident; repeat for several.
    #[arg(long)]
    pub report: Vec<i64>,
    #[command(flatten)]
    pub author: AuthorArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DupStatusArg {
    Open,
    Merged,
    Dismissed,
    All,
}

#[derive(clap::Args)]
pub struct DupesArgs {
    /// List without comparing first (the pairs found on ingest and by earlier runs).
    #[arg(long)]
    pub no_scan: bool,
    /// Which pairs to list.
    #[arg(long, value_enum, default_value = "open")]
    pub status: DupStatusArg,
    /// At most this many pairs (best score first).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// 統合: merge the pair (the newer incident into the older; reversible with `split`).
    #[arg(long, value_name = "PAIR", conflicts_with_all = ["dismiss", "reopen"])]
    pub merge: Option<i64>,
    /// 別件: the two are different incidents (the pair is not proposed again).
    #[arg(long, value_name = "PAIR", conflicts_with = "reopen")]
    pub dismiss: Option<i64>,
    /// Undo a dismissal: the pair waits for a decision again.
    #[arg(long, value_name = "PAIR")]
    pub reopen: Option<i64>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
    #[command(flatten)]
    pub author: AuthorArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct ReviewArgs {
    /// 確認済み: accept the incident's flags as they are (until they change).
    #[arg(long, value_name = "INCIDENT", conflicts_with = "undo")]
    pub accept: Option<String>,
    /// Undo an acceptance: the incident's flags wait for review again.
    #[arg(long, value_name = "INCIDENT")]
    pub undo: Option<String>,
    /// At most this many records.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
    #[command(flatten)]
    pub author: AuthorArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct ReextractArgs {
    #[command(flatten)]
    pub author: AuthorArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ByArg {
    Cause,
    Actor,
    Year,
    Month,
    Sector,
    Data,
    Label,
    Size,
}

#[derive(clap::Args)]
pub struct StatsArgs {
    #[arg(long, value_enum, default_value = "cause")]
    pub by: ByArg,
    /// Only incidents whose text has these words.
    #[arg(long)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// Everything, lossless (restore with `import`).
    Json,
    /// One row per incident, current values.
    Csv,
    /// VERIS 1.3 JSON (see crates/store/VERIS.md).
    Veris,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Filters (csv and veris only).
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// A file written by `export --format json` (`-` for standard input).
    pub file: PathBuf,
    #[command(flatten)]
    pub author: AuthorArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct AuditArgs {
    /// Only this incident's entries.
    pub id: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct DocumentArgs {
    /// Document id (as `show` lists it).
    pub id: i64,
    /// Write the original bytes instead of the text.
    #[arg(long)]
    pub original: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct OptimizeArgs {
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(clap::Args)]
pub struct BenchStoreArgs {
    /// Generated notices to ingest.
    #[arg(long, default_value_t = 100_000)]
    pub docs: usize,
    /// Incidents for the second latency measurement (synthetic rows are added to reach it).
    #[arg(long, default_value_t = 1_000_000)]
    pub incidents: usize,
    /// Repetitions of each query.
    #[arg(long, default_value_t = 30)]
    pub repeat: usize,
    /// Working directory (corpus and store; the store is recreated).
    #[arg(long, default_value = "target/bench-store")]
    pub dir: PathBuf,
    /// Only measure search on the store a previous run left in the directory.
    #[arg(long)]
    pub search_only: bool,
}

pub fn run(cmd: StoreCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        StoreCommand::Ingest(a) => ingest(a),
        StoreCommand::Search(a) => search(*a),
        StoreCommand::Show(a) => show(a),
        StoreCommand::Label(a) => label(a),
        StoreCommand::Edit(a) => edit(a),
        StoreCommand::Merge(a) => merge(a),
        StoreCommand::Split(a) => split(a),
        StoreCommand::Dupes(a) => dupes(a),
        StoreCommand::Review(a) => review(a),
        StoreCommand::Reextract(a) => reextract(a),
        StoreCommand::Stats(a) => stats(*a),
        StoreCommand::Export(a) => export(*a),
        StoreCommand::Import(a) => import(a),
        StoreCommand::Audit(a) => audit(a),
        StoreCommand::Document(a) => document(a),
        StoreCommand::Optimize(a) => optimize(a),
        StoreCommand::BenchStore(a) => bench_store(a),
    }
}

fn parse_ref(s: &str) -> anyhow::Result<IncidentRef> {
    Ok(s.parse::<IncidentRef>()?)
}

// ---------------------------------------------------------------------------------------------
// ingest

/// What an ingest run did, with the CPU it took.
#[derive(serde::Serialize)]
struct IngestSummary {
    #[serde(flatten)]
    run: jikenbo_store::bulk::IngestSummary,
    /// CPU seconds of the committing thread and of the whole process (Linux; 0 elsewhere).
    writer_cpu_seconds: f64,
    process_cpu_seconds: f64,
}

/// utime + stime of a /proc stat file, in seconds (clock ticks of 1/100 s).
fn proc_cpu(path: &str) -> f64 {
    let Ok(s) = std::fs::read_to_string(path) else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may contain spaces).
    let Some(rest) = s.rfind(')').map(|i| &s[i + 2..]) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

fn process_cpu_seconds() -> f64 {
    proc_cpu("/proc/self/stat")
}

fn thread_cpu_seconds() -> f64 {
    proc_cpu("/proc/thread-self/stat")
}

/// Ingests files with [`jikenbo_store::bulk::ingest_files`] (the documents are committed on
/// this thread), with a progress bar and a message for each file that fails.
fn ingest_files(
    db: &Path,
    files: &[PathBuf],
    opts: &BulkOptions,
    progress: &indicatif::ProgressBar,
) -> anyhow::Result<IngestSummary> {
    let cpu0 = process_cpu_seconds();
    let wcpu0 = thread_cpu_seconds();
    let sum = jikenbo_store::bulk::ingest_files(db, files, opts, |event| {
        progress.inc(1);
        if let FileEvent::Failed(p, e) = event {
            progress.suspend(|| eprintln!("jikenbo: {}: {e}", p.display()));
        }
    })
    .with_context(|| format!("ingesting into the store {}", db.display()))?;
    Ok(IngestSummary {
        run: sum,
        writer_cpu_seconds: thread_cpu_seconds() - wcpu0,
        process_cpu_seconds: process_cpu_seconds() - cpu0,
    })
}

fn ingest(a: IngestArgs) -> anyhow::Result<ExitCode> {
    let files = collect_inputs(&a.paths).context("collecting input files")?;
    if a.url.is_some() && files.len() != 1 {
        bail!(
            "--url names the source of one file; {} files were given",
            files.len()
        );
    }
    let mut limits = Limits::default();
    if let Some(m) = a.max_bytes {
        limits.max_bytes = m;
    }
    let db = a.db.path();
    let progress = crate::progress::bar(files.len() as u64, "取り込み中");
    let opts = BulkOptions {
        limits,
        source: a.url.clone(),
        who: a.author.who(),
    };
    let sum = ingest_files(&db, &files, &opts, &progress)?;
    progress.finish_and_clear();
    if a.json {
        outln!("{}", serde_json::to_string_pretty(&sum)?)?;
    } else {
        print_ingest_summary(&sum, &db)?;
    }
    Ok(if sum.run.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_ingest_summary(s: &IngestSummary, db: &Path) -> io::Result<()> {
    outln!("保存先 (store): {}", db.display())?;
    outln!(
        "文書 (documents): 追加 {}、スキップ {} (登録済み: 同一バイト {}、同一本文 {})、失敗 {}",
        s.run.documents_added,
        s.run.skipped_same_bytes + s.run.skipped_same_text,
        s.run.skipped_same_bytes,
        s.run.skipped_same_text,
        s.run.failed.len()
    )?;
    outln!(
        "事案 (incidents): 抽出 {}、新規 {}、既存の事案に結合 {} (続報 {}、同一事実 {}、転載 {})",
        s.run.reports,
        s.run.incidents_new,
        s.run.linked_followup + s.run.linked_same_facts + s.run.linked_repost,
        s.run.linked_followup,
        s.run.linked_same_facts,
        s.run.linked_repost
    )?;
    for (p, e) in &s.run.failed {
        outln!("失敗 (failed): {p}: {e}")?;
    }
    outln!(
        "{:.2} 秒 (毎秒 {:.0} 文書; CPU: 書き込み {:.2} 秒、全体 {:.2} 秒)",
        s.run.seconds,
        s.run.files as f64 / s.run.seconds.max(1e-9),
        s.writer_cpu_seconds,
        s.process_cpu_seconds
    )
}

// ---------------------------------------------------------------------------------------------
// search

fn search(a: SearchArgs) -> anyhow::Result<ExitCode> {
    let store = a.db.open()?;
    let text = a.query.join(" ");
    let q = Query {
        text: (!text.trim().is_empty()).then_some(text),
        filter: a.filters.filter()?,
        sort: a.sort.unwrap_or(Sort::Auto),
        limit: a.limit,
        offset: a.offset,
        facets: a.facets,
        snippets: matches!(a.format, OutFormat::Table | OutFormat::Json),
        count_limit: a.count_limit,
    };
    let t = Instant::now();
    let res = store.search(&q)?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format {
        OutFormat::Json => write_json(&mut out, &res)?,
        // the store's one incident CSV (the export's layout), for the hits in their order
        OutFormat::Csv => {
            let ids: Vec<i64> = res.hits.iter().map(|h| h.id).collect();
            store.export_csv_of(&mut out, &ids)?;
        }
        OutFormat::Table => {
            writeln!(
                out,
                "{} {} {} {} {} 抜粋",
                fit("番号", 10),
                fit("日付", 10),
                fit("組織", 30),
                fit("人数", 11),
                fit("原因", 20),
            )?;
            for h in &res.hits {
                writeln!(
                    out,
                    "{} {} {} {:>11} {} {}",
                    fit(&format!("#{}", h.number), 10),
                    fit(&or_dash(h.date.as_deref()), 10),
                    fit(&or_dash(h.organization.as_deref()), 30),
                    or_dash(h.affected.map(with_commas)),
                    fit(h.cause.map(|c| c.ja()).unwrap_or("-"), 20),
                    // Plain text: the matches are ranges (`--format json` gives them).
                    h.snippet
                        .as_ref()
                        .map(|s| fit(&s.text, 60))
                        .unwrap_or_default()
                        .trim_end()
                )?;
            }
            writeln!(
                out,
                "{} 件{}中 {} 件 ({:.1} ms)",
                with_commas(res.total),
                if res.total_exact { "" } else { "以上" },
                res.hits.len(),
                ms
            )?;
            if let Some(f) = &res.facets {
                let line = |name: &str, v: &[jikenbo_store::FacetCount]| {
                    format!(
                        "{name}: {}",
                        v.iter()
                            .map(|c| format!("{} {}", c.label, c.count))
                            .collect::<Vec<_>>()
                            .join(" / ")
                    )
                };
                writeln!(out, "{}", line("原因", &f.cause))?;
                writeln!(out, "{}", line("行為者", &f.actor))?;
                writeln!(out, "{}", line("年", &f.year))?;
                writeln!(out, "{}", line("業種", &f.sector))?;
                writeln!(out, "{}", line("データ", &f.data))?;
                writeln!(out, "{}", line("規模", &f.size))?;
                writeln!(out, "{}", line("ラベル", &f.label))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// show

fn show(a: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = a.db.open()?;
    let r = parse_ref(&a.id)?;
    let v = store.incident(r)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if let ShowFormat::Json = a.format {
        write_json(&mut out, &v)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    // The number asked for is one merged in (compared parsed: `2025-2` is `#2025-002`).
    if let Some(asked) = v
        .aliases
        .iter()
        .find(|n| n.parse::<IncidentRef>().is_ok_and(|n| n == r))
    {
        writeln!(
            out,
            "(#{asked} は #{} に統合されています (merged))",
            v.number
        )?;
    }
    writeln!(
        out,
        "#{}  {}  (id {}{})",
        v.number,
        v.record.organization.as_deref().unwrap_or("組織不明"),
        v.id,
        if v.live {
            ""
        } else {
            "、統合済み (not live)"
        }
    )?;
    if let Some(m) = &v.merged_into {
        writeln!(out, "統合先 (merged into): #{m}")?;
    }
    if !v.aliases.is_empty() {
        writeln!(
            out,
            "別番号 (aliases): {}",
            v.aliases
                .iter()
                .map(|n| format!("#{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    writeln!(
        out,
        "登録 (created) {}、更新 (updated) {}",
        v.created_at, v.updated_at
    )?;
    writeln!(out, "規模 (size): {}", v.size)?;
    writeln!(out)?;
    writeln!(out, "項目 (fields):")?;
    for f in &v.fields {
        let value = display_value(&f.value);
        let src = match &f.source {
            ValueSource::Override {
                author, at, note, ..
            } => format!(
                "修正 (override) {author} {at}{}",
                note.as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            ),
            ValueSource::Report { document_id, .. } => format!("文書 {document_id}"),
            ValueSource::None => String::new(),
        };
        writeln!(
            out,
            "  {} {} {}",
            fit(&format!("{} {}", f.field.ja(), f.field), 24),
            fit(&value, 40),
            src
        )?;
        for e in &f.evidence {
            writeln!(
                out,
                "      「{}」 文書 {} @{}..{}",
                e.text.replace('\n', " "),
                e.document_id,
                e.start,
                e.end
            )?;
        }
        let shown: Vec<_> = f.history.iter().collect();
        if shown.len() > 1
            || shown
                .iter()
                .any(|h| h.superseded_at.is_some() || !h.current)
        {
            for h in shown {
                writeln!(
                    out,
                    "      履歴 (history): {} 文書 {} {}{}: {}{}{}",
                    h.report_date.as_deref().unwrap_or("(日付なし)"),
                    h.document_id,
                    h.report_kind,
                    h.report_no.map(|n| format!(" 第{n}報")).unwrap_or_default(),
                    display_value(&h.value),
                    h.superseded_at
                        .as_deref()
                        .map(|s| format!(" ({s} に置き換え superseded)"))
                        .unwrap_or_default(),
                    if h.current {
                        " [現在の値 current]"
                    } else {
                        ""
                    }
                )?;
            }
        }
    }
    if !v.overrides.is_empty() {
        writeln!(out)?;
        writeln!(out, "修正 (overrides):")?;
        for o in &v.overrides {
            writeln!(
                out,
                "  {} {} {} = {} ({} {}){}{}",
                o.id,
                o.action,
                o.field,
                display_value(&o.value),
                o.author,
                o.created_at,
                o.note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default(),
                if o.active { " [有効 in force]" } else { "" }
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "ラベル (labels):")?;
    for l in &v.labels {
        writeln!(
            out,
            "  {} ({}{})",
            l.label,
            match l.kind {
                jikenbo_store::LabelKind::Derived => "自動 derived",
                jikenbo_store::LabelKind::User => "利用者 user",
                jikenbo_store::LabelKind::Suppressed => "自動・削除済み derived, removed",
            },
            l.author
                .as_deref()
                .map(|a| format!("、{a} {}", l.created_at.as_deref().unwrap_or("")))
                .unwrap_or_default()
        )?;
    }
    writeln!(out)?;
    writeln!(out, "文書 (documents):")?;
    for d in &v.documents {
        let rep = d.report.as_ref();
        writeln!(
            out,
            "  {} {} [{}{}{}] {} 登録 {} {}{}",
            d.id,
            d.name,
            rep.map(|r| r.kind.as_str()).unwrap_or(""),
            rep.and_then(|r| r.report_no)
                .map(|n| format!(" 第{n}報"))
                .unwrap_or_default(),
            rep.and_then(|r| r.report_date.clone())
                .map(|d| format!(" {d}"))
                .unwrap_or_default(),
            d.source.as_deref().unwrap_or("-"),
            d.ingested_at,
            d.ingested_by,
            if rep.is_some_and(|r| !r.active) {
                " (抽出されなくなった報 no longer found)"
            } else {
                ""
            }
        )?;
        writeln!(
            out,
            "      sha256 {}  {} {} {} バイト",
            d.sha256, d.format, d.encoding, d.size
        )?;
        if let Some(r) = rep {
            writeln!(
                out,
                "      報 (report) {} (文字 {}..{})、結合 {}、最初の事案 #{}",
                r.id, r.span.start, r.span.end, r.linked_by, r.origin
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// curation

fn label(a: LabelArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open()?;
    let r = parse_ref(&a.id)?;
    let who = a.author.who();
    for l in &a.labels {
        match a.action {
            LabelAction::Add => {
                if store.add_label(r, l, &who)? {
                    outln!("追加しました (added): {l}")?;
                } else {
                    outln!("{l}: 既にあります (already there)")?;
                }
            }
            LabelAction::Remove => {
                store.remove_label(r, l, &who)?;
                outln!("削除しました (removed): {l}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn edit(a: EditArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open()?;
    let r = parse_ref(&a.id)?;
    let mut changes = Vec::new();
    for s in &a.set {
        changes.push(Change::parse_set(s)?);
    }
    for f in &a.unset {
        changes.push(Change::Clear(jikenbo_store::parse_field(f)?));
    }
    if changes.is_empty() {
        bail!("変更がありません: --set 項目=値 か --unset 項目 を指定してください (nothing to change: give --set FIELD=VALUE or --unset FIELD)");
    }
    let n = store.edit(r, &changes, a.note.as_deref(), &a.author.who())?;
    outln!(
        "#{n}: {} 件の修正を記録しました (changes recorded)",
        changes.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn merge(a: MergeArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open()?;
    let into = parse_ref(&a.ids[0])?;
    let others = a.ids[1..]
        .iter()
        .map(|s| parse_ref(s))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let n = store.merge(into, &others, &a.author.who())?;
    outln!("{} を #{n} に統合しました (merged)", a.ids[1..].join("、"))?;
    Ok(ExitCode::SUCCESS)
}

fn split(a: SplitArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open()?;
    let r = parse_ref(&a.id)?;
    match a.doc {
        Some(doc) => {
            let n = store.split(r, doc, &a.author.who())?;
            outln!("文書 {doc} は #{n} の報になりました (split)")?;
        }
        None => {
            let n = store.split_reports(r, &a.report, &a.author.who())?;
            let ids: Vec<String> = a.report.iter().map(|r| r.to_string()).collect();
            outln!("報 {} は #{n} になりました (split)", ids.join("、"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn dupes(a: DupesArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open()?;
    let who = a.author.who();
    let decision = [
        (a.merge, DupDecision::Merge, "統合しました (merged)"),
        (
            a.dismiss,
            DupDecision::Dismiss,
            "別件にしました (dismissed)",
        ),
        (
            a.reopen,
            DupDecision::Reopen,
            "未判断に戻しました (reopened)",
        ),
    ]
    .into_iter()
    .find_map(|(id, d, done)| id.map(|id| (id, d, done)));
    if let Some((id, d, done)) = decision {
        let c = store.decide_dup(id, d, &who)?;
        outln!("候補 {}: #{} / #{}: {done}", c.id, c.a, c.b)?;
        return Ok(ExitCode::SUCCESS);
    }
    if !a.no_scan {
        let s = store.find_duplicates(&who)?;
        eprintln!(
            "{} 件の事案を比較 (報の指紋を計算 {} 件): 新しい重複候補 {} 組、未判断 {} 組 (compared; new pairs; open)",
            s.incidents, s.sketched, s.new_pairs, s.open
        );
    }
    let status = match a.status {
        DupStatusArg::Open => Some("open"),
        DupStatusArg::Merged => Some("merged"),
        DupStatusArg::Dismissed => Some("dismissed"),
        DupStatusArg::All => None,
    };
    let pairs = store.dup_candidates(status, a.limit)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format {
        OutFormat::Json => write_json(&mut out, &pairs)?,
        OutFormat::Csv => write_csv(
            &mut out,
            &["pair", "a", "b", "score", "status", "reasons"],
            pairs.iter().map(|c| {
                [
                    c.id.to_string(),
                    c.a.clone(),
                    c.b.clone(),
                    format!("{:.2}", c.score),
                    c.status.clone(),
                    reasons_text(c),
                ]
            }),
        )?,
        OutFormat::Table => {
            let rows: Vec<Vec<String>> = pairs
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        format!("#{}", c.a),
                        format!("#{}", c.b),
                        format!("{:.2}", c.score),
                        c.status.clone(),
                        reasons_text(c),
                    ]
                })
                .collect();
            crate::table::write_table(
                &mut out,
                &[
                    ("組", 5),
                    ("事案A", 12),
                    ("事案B", 12),
                    ("スコア", 6),
                    ("状態", 9),
                    ("理由", 0),
                ],
                &rows,
            )?;
            if pairs.is_empty() {
                writeln!(out, "重複候補はありません (no pairs)")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn reasons_text(c: &jikenbo_store::DupCandidate) -> String {
    c.reasons
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("・")
}

fn review(a: ReviewArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open()?;
    let who = a.author.who();
    if let Some(id) = &a.accept {
        let flags = store.accept_flags(parse_ref(id)?, &who)?;
        let ja: Vec<&str> = flags.iter().map(|f| f.ja()).collect();
        outln!("#{id}: 確認済み ({})", ja.join("・"))?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(id) = &a.undo {
        store.unaccept_flags(parse_ref(id)?, &who)?;
        outln!("#{id}: 確認を取り消しました (flags wait for review again)")?;
        return Ok(ExitCode::SUCCESS);
    }
    let counts = store.review_counts()?;
    let list = store.flagged(a.limit, 0)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format {
        OutFormat::Json => write_json(
            &mut out,
            &serde_json::json!({ "counts": counts, "flagged": list }),
        )?,
        OutFormat::Csv => write_csv(
            &mut out,
            &["number", "organization", "date", "flags"],
            list.iter().map(|f| {
                [
                    f.number.clone(),
                    f.organization.clone().unwrap_or_default(),
                    f.date_key.clone().unwrap_or_default(),
                    f.flags
                        .iter()
                        .map(|f| f.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                ]
            }),
        )?,
        OutFormat::Table => {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|f| {
                    vec![
                        format!("#{}", f.number),
                        f.organization.clone().unwrap_or_else(|| "-".into()),
                        f.date_key.clone().unwrap_or_else(|| "-".into()),
                        f.flags
                            .iter()
                            .map(|f| f.ja())
                            .collect::<Vec<_>>()
                            .join("・"),
                    ]
                })
                .collect();
            crate::table::write_table(
                &mut out,
                &[
                    ("番号", 12),
                    ("組織", 30),
                    ("日付", 10),
                    ("要確認の理由", 0),
                ],
                &rows,
            )?;
            writeln!(
                out,
                "要確認 {} 件 (疑わしい点のある記録 {} 件)、未判断の重複候補 {} 組",
                counts.flagged, counts.with_flags, counts.duplicate_pairs
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn reextract(a: ReextractArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open()?;
    let total = store.counts()?.documents as u64;
    let pb = crate::progress::bar(total, "再抽出中");
    let s = store.reextract(&a.author.who(), |done, _| pb.set_position(done))?;
    pb.finish_and_clear();
    outln!(
        "再抽出 (re-extracted) {} 文書: 変わった文書 {}、変わった値 {}、追加された事案 {}、抽出されなくなった報 {}、再び抽出された報 {}",
        s.documents, s.changed_documents, s.values_changed, s.reports_added, s.reports_retired, s.reports_revived
    )?;
    for (doc, e) in &s.failed {
        eprintln!("jikenbo: 文書 {doc} はそのままです (left as it was): {e}");
    }
    if !s.failed.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// stats, export, import, audit, document

/// The Japanese name of a grouping, for table headers.
fn by_ja(by: GroupBy) -> &'static str {
    match by {
        GroupBy::Cause => "原因",
        GroupBy::Actor => "行為者",
        GroupBy::Year => "年",
        GroupBy::Month => "月",
        GroupBy::Sector => "業種",
        GroupBy::Data => "漏えいした情報",
        GroupBy::Size => "規模",
        GroupBy::Label => "ラベル",
    }
}

fn stats(a: StatsArgs) -> anyhow::Result<ExitCode> {
    let store = a.db.open()?;
    let by = match a.by {
        ByArg::Cause => GroupBy::Cause,
        ByArg::Actor => GroupBy::Actor,
        ByArg::Year => GroupBy::Year,
        ByArg::Month => GroupBy::Month,
        ByArg::Sector => GroupBy::Sector,
        ByArg::Data => GroupBy::Data,
        ByArg::Label => GroupBy::Label,
        ByArg::Size => GroupBy::Size,
    };
    let s = store.stats(by, &a.filters.filter()?, a.query.as_deref())?;
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format {
        OutFormat::Json => write_json(&mut out, &s)?,
        OutFormat::Csv => write_csv(
            &mut out,
            &["key", "label", "incidents", "persons", "with_count"],
            s.rows.iter().chain(std::iter::once(&s.total)).map(|r| {
                [
                    r.key.clone(),
                    r.label.clone(),
                    r.incidents.to_string(),
                    r.persons.to_string(),
                    r.with_count.to_string(),
                ]
            }),
        )?,
        OutFormat::Table => {
            writeln!(
                out,
                "{} {} {} 人数判明",
                fit(by_ja(by), 30),
                fit("件数", 8),
                fit("人数 (判明分の合計)", 20),
            )?;
            for r in s.rows.iter().chain(std::iter::once(&s.total)) {
                writeln!(
                    out,
                    "{} {:>8} {:>20} {:>8}",
                    fit(&r.label, 30),
                    with_commas(r.incidents),
                    with_commas(r.persons),
                    with_commas(r.with_count)
                )?;
            }
            if matches!(by, GroupBy::Data | GroupBy::Label) {
                writeln!(
                    out,
                    "(事案は持つ{}ごとに1回数えます: an incident counts once per {} it has)",
                    by_ja(by),
                    by.as_str()
                )?;
            }
            writeln!(
                out,
                "要確認 {} 件、未判断の重複候補 {} 組 (jikenbo review / jikenbo dupes)",
                s.review.flagged, s.review.duplicate_pairs
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn export(a: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = a.db.open()?;
    let filter = a.filters.filter()?;
    if matches!(a.format, ExportFormat::Json) && filter != Filter::default() {
        bail!("JSON の書き出しは事例集全体です。絞り込みは csv と veris だけに使えます (the JSON export is the whole store; filters apply to csv and veris only)");
    }
    let w: Box<dyn Write> = match &a.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let w = BufWriter::new(w);
    let msg = match a.format {
        ExportFormat::Json => {
            let s = store.export_json(w)?;
            format!("文書 {}、事案 {}", s.documents, s.incidents)
        }
        ExportFormat::Csv => format!("事案 {}", store.export_csv(w, &filter)?.incidents),
        ExportFormat::Veris => format!("事案 {}", store.export_veris(w, &filter)?),
    };
    if let Some(p) = &a.output {
        eprintln!(
            "jikenbo: {msg} を {} に書き出しました (exported)",
            p.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn import(a: ImportArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open_or_create()?;
    let who = a.author.who();
    let s = if a.file.as_os_str() == "-" {
        store.import_json(io::stdin().lock(), &who)?
    } else {
        let f = std::fs::File::open(&a.file)
            .with_context(|| format!("opening {}", a.file.display()))?;
        store.import_json(f, &who)?
    };
    outln!(
        "読み込みました (imported): 文書 {}、事案 {}、報 {}、修正 {}、ラベル {}、監査記録 {}",
        s.documents,
        s.incidents,
        s.reports,
        s.overrides,
        s.labels,
        s.audit
    )?;
    Ok(ExitCode::SUCCESS)
}

fn audit(a: AuditArgs) -> anyhow::Result<ExitCode> {
    let store = a.db.open()?;
    let r = a.id.as_deref().map(parse_ref).transpose()?;
    let log = store.audit_log(r, a.limit)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format {
        OutFormat::Json => write_json(&mut out, &log)?,
        OutFormat::Csv => write_csv(
            &mut out,
            &[
                "id", "at", "who", "action", "incident", "document", "detail",
            ],
            log.iter().map(|e| {
                [
                    e.id.to_string(),
                    e.at.clone(),
                    e.who.clone(),
                    e.action.clone(),
                    e.incident.clone().unwrap_or_default(),
                    e.document_id.map(|d| d.to_string()).unwrap_or_default(),
                    e.detail.to_string(),
                ]
            }),
        )?,
        OutFormat::Table => {
            for e in &log {
                writeln!(
                    out,
                    "{} {} {} {} {}{} {}",
                    e.id,
                    e.at,
                    fit(&e.who, 12),
                    fit(&e.action, 9),
                    e.incident
                        .as_deref()
                        .map(|n| format!("#{n} "))
                        .unwrap_or_default(),
                    e.document_id
                        .map(|d| format!("doc {d} "))
                        .unwrap_or_default(),
                    e.detail
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn document(a: DocumentArgs) -> anyhow::Result<ExitCode> {
    let store = a.db.open()?;
    let d = store.document(a.id)?;
    let mut out = io::stdout().lock();
    if a.original {
        out.write_all(&d.original)?;
    } else {
        out.write_all(d.text.as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn optimize(a: OptimizeArgs) -> anyhow::Result<ExitCode> {
    let mut store = a.db.open()?;
    let secs = store.optimize()?;
    outln!("索引を最適化しました (optimized): {secs:.1} 秒")?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// bench-store

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The query mix: (name, query).
fn bench_queries() -> Vec<(&'static str, Query)> {
    let text = |t: &str| Query {
        text: Some(t.to_string()),
        ..Query::default()
    };
    let mut v = vec![
        ("text ランサムウェア", text("ランサムウェア")),
        ("text サポート詐欺", text("サポート詐欺")),
        ("text 不正アクセス --year 2024", {
            let mut q = text("不正アクセス");
            q.filter.year = Some(2024);
            q
        }),
        ("text さくら台中央病院", text("さくら台中央病院")),
        (
            "text 遠隔操作 USBメモリ (AND, 0 hits)",
            text("遠隔操作 USBメモリ"),
        ),
        ("text J0012345 (rare)", text("J0012345")),
        ("filter cause+sector+year", {
            let mut q = Query::default();
            q.filter.causes = vec![Cause::Ransomware];
            q.filter.sectors = vec!["医療機関".into()];
            q.filter.year = Some(2024);
            q
        }),
        ("filter label+min-affected", {
            let mut q = Query::default();
            q.filter.labels = vec!["インシデント:内部犯行".into()];
            q.filter.min_affected = Some(10_000);
            q
        }),
        ("filter data=my_number --from 2023-04 --to 2024-03", {
            let mut q = Query::default();
            q.filter.data = vec![DataKind::MyNumber];
            q.filter.from = "2023-04".parse().ok();
            q.filter.to = "2024-03".parse().ok();
            q
        }),
        ("text 誤送信 --cause misdelivery --sort date", {
            let mut q = text("誤送信");
            q.filter.causes = vec![Cause::Misdelivery];
            q.sort = Sort::Newest;
            q
        }),
        ("all, newest first", Query::default()),
        ("2-char 氏名 --year 2024 --sector 自治体", {
            let mut q = text("氏名");
            q.filter.year = Some(2024);
            q.filter.sectors = vec!["自治体".into()];
            q
        }),
        ("2-char 漏えい --org みどり", {
            let mut q = text("漏えい");
            q.filter.organization = Some("みどり".into());
            q
        }),
    ];
    // The same mix with facets for the two most common shapes.
    let mut f1 = text("ランサムウェア");
    f1.facets = true;
    v.push(("text ランサムウェア + facets", f1));
    let mut f2 = Query::default();
    f2.filter.year = Some(2024);
    f2.facets = true;
    v.push(("filter year=2024 + facets", f2));
    v
}

fn measure(store: &Store, repeat: usize) -> anyhow::Result<(f64, f64)> {
    outln!(
        "  {:<50} {:>9} {:>9} {:>9}",
        "query",
        "hits",
        "p50 ms",
        "p95 ms"
    )?;
    let mut all: Vec<f64> = Vec::new();
    let mut all_nofacet: Vec<f64> = Vec::new();
    for (name, q) in bench_queries() {
        let mut times = Vec::with_capacity(repeat);
        let mut total = 0;
        store.search(&q)?; // warm
        for _ in 0..repeat {
            let t = Instant::now();
            let r = store.search(&q)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            total = r.total;
        }
        times.sort_by(|a, b| a.total_cmp(b));
        outln!(
            "  {:<50} {:>9} {:>9.2} {:>9.2}",
            name,
            total,
            percentile(&times, 0.5),
            percentile(&times, 0.95)
        )?;
        if !q.facets {
            all_nofacet.extend(&times);
        }
        all.extend(times);
    }
    all_nofacet.sort_by(|a, b| a.total_cmp(b));
    all.sort_by(|a, b| a.total_cmp(b));
    outln!(
        "  all queries without facets: p50 {:.2} ms, p95 {:.2} ms; with the facet queries: p50 {:.2} ms, p95 {:.2} ms",
        percentile(&all_nofacet, 0.5),
        percentile(&all_nofacet, 0.95),
        percentile(&all, 0.5),
        percentile(&all, 0.95)
    )?;
    Ok((
        percentile(&all_nofacet, 0.5),
        percentile(&all_nofacet, 0.95),
    ))
}

/// Prints the store's size on disk, its live incidents and the bytes per incident (and per
/// document when `per_document`), each line starting with `indent`; returns its counts.
fn print_store_size(
    store: &Store,
    indent: &str,
    per_document: bool,
) -> anyhow::Result<jikenbo_store::StoreCounts> {
    let c = store.counts()?;
    let size = jikenbo_store::bench::store_size(store) as f64;
    let per_doc = if per_document {
        format!(
            " ({:.0} bytes per document)",
            size / c.documents.max(1) as f64
        )
    } else {
        String::new()
    };
    outln!(
        "{indent}store: {:.1} MB, {} live incidents, {:.0} bytes per incident{per_doc}",
        size / 1e6,
        c.incidents,
        size / c.incidents.max(1) as f64
    )?;
    Ok(c)
}

fn bench_store(a: BenchStoreArgs) -> anyhow::Result<ExitCode> {
    if a.search_only {
        let db = a.dir.join("bench.db");
        let store = open_existing(&db)?;
        let c = print_store_size(&store, "", false)?;
        outln!(
            "search at {} incidents ({} repetitions each):",
            c.incidents,
            a.repeat
        )?;
        measure(&store, a.repeat)?;
        return Ok(ExitCode::SUCCESS);
    }
    let corpus = a.dir.join(format!("corpus-{}", a.docs));
    crate::cmd_bench::write_once(&corpus, || {
        outln!(
            "writing {} generated notices to {} ...",
            a.docs,
            corpus.display()
        )?;
        let mut g = jikenbo_corpus::Generator::new(2026);
        for i in 0..a.docs {
            let (name, text) = g.notice(i);
            let sub = corpus.join(format!("{:03}", i / 1000));
            if i % 1000 == 0 {
                std::fs::create_dir_all(&sub)?;
            }
            std::fs::write(sub.join(name), text)?;
        }
        Ok(())
    })?;
    let files = collect_inputs(std::slice::from_ref(&corpus))?;
    let bytes: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    let db = a.dir.join("bench.db");
    for file in [db.clone(), jikenbo_store::index_path(&db)] {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = file.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
    outln!(
        "ingest: {} files, {:.1} MB, into {} (fresh), {} threads",
        files.len(),
        bytes as f64 / 1e6,
        db.display(),
        rayon::current_num_threads()
    )?;
    let pb = crate::progress::bar(files.len() as u64, "取り込み中");
    let opts = BulkOptions {
        who: "bench".into(),
        ..BulkOptions::default()
    };
    let sum = ingest_files(&db, &files, &opts, &pb)?;
    pb.finish_and_clear();
    outln!(
        "  {:.2} s: {:.0} documents/s (CPU {:.2} s in the committing thread = {:.0} documents per CPU-second; {:.2} s in all threads); {} documents added, {} reports: {} new incidents, {} follow-ups linked, {} same-facts linked; {} failed",
        sum.run.seconds,
        files.len() as f64 / sum.run.seconds,
        sum.writer_cpu_seconds,
        files.len() as f64 / sum.writer_cpu_seconds.max(1e-9),
        sum.process_cpu_seconds,
        sum.run.documents_added,
        sum.run.reports,
        sum.run.incidents_new,
        sum.run.linked_followup,
        sum.run.linked_same_facts,
        sum.run.failed.len()
    )?;
    let mut store = Store::open(&db)?;
    store.checkpoint()?;
    let c = print_store_size(&store, "  ", true)?;
    let t = Instant::now();
    let _ = store.reextract("bench", |_, _| {})?;
    outln!(
        "  reextract of {} documents: {:.2} s",
        c.documents,
        t.elapsed().as_secs_f64()
    )?;
    outln!(
        "search at {} incidents ({} repetitions each):",
        c.incidents,
        a.repeat
    )?;
    let (p50a, p95a) = measure(&store, a.repeat)?;
    let want = a.incidents as i64;
    let before = c.incidents;
    if want > before {
        let n = (want - before) as usize;
        outln!("adding {n} synthetic incidents ...")?;
        let pb = crate::progress::bar(n as u64, "生成中");
        let t = Instant::now();
        let records = jikenbo_corpus::synthetic_incidents(7)
            .take(n)
            .map(|s| (s.incident, s.body));
        jikenbo_store::bench::insert_synthetic(&mut store, records, 20_000, |d| {
            pb.set_position(d as u64)
        })?;
        pb.finish_and_clear();
        outln!("  {:.1} s", t.elapsed().as_secs_f64())?;
        store.checkpoint()?;
        let c = print_store_size(&store, "  ", false)?;
        outln!(
            "search at {} incidents ({} repetitions each):",
            c.incidents,
            a.repeat
        )?;
        let (p50b, p95b) = measure(&store, a.repeat)?;
        let secs = store.optimize()?;
        outln!("`jikenbo optimize` (index merged into one segment): {secs:.1} s")?;
        outln!(
            "search at {} incidents after optimize ({} repetitions each):",
            c.incidents,
            a.repeat
        )?;
        let (p50c, p95c) = measure(&store, a.repeat)?;
        outln!(
            "summary: ingest {:.0} documents/s; search without facets p50/p95 {:.2}/{:.2} ms at {} incidents, {:.2}/{:.2} ms at {} incidents ({:.2}/{:.2} ms after optimize)",
            files.len() as f64 / sum.run.seconds,
            p50a,
            p95a,
            before,
            p50b,
            p95b,
            c.incidents,
            p50c,
            p95c
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
