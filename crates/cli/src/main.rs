//! `jikenbo`: the one binary. A thin shell over the library crates: argument parsing, output
//! formatting and exit codes live here; all logic lives in the libraries.

mod cmd_assess;
mod cmd_bench;
mod cmd_extract;
mod cmd_rules;
mod cmd_serve;
mod cmd_store;
mod progress;
mod table;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "jikenbo",
    version,
    about = "事件簿: 個人情報漏えい事案の抽出・事例集・法的評価"
)]
struct Cli {
    /// Log level filter (also from RUST_LOG), e.g. `debug` or `jikenbo_extract=trace`.
    #[arg(long, global = true, default_value = "warn")]
    log: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract incident records from notices (text, Markdown, HTML, PDF; files or directories).
    Extract(cmd_extract::ExtractArgs),
    /// List the extraction rules (id, field, doc, examples); `--match TEXT` finds the rules that read a text.
    Rules(cmd_rules::RulesArgs),
    /// Decide the APPI / My Number reporting duty and estimate damage (JNSA model).
    Assess(cmd_assess::AssessArgs),
    /// Benchmarks (throughput and memory) on generated corpora.
    #[command(subcommand)]
    Bench(cmd_bench::BenchCommand),
    #[command(flatten)]
    Store(cmd_store::StoreCommand),
    /// Serve the casebook: web UI and JSON API (OpenAPI at /api/openapi.json).
    Serve(cmd_serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(&cli.log));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        Command::Extract(args) => cmd_extract::run(args),
        Command::Rules(args) => cmd_rules::run(args),
        Command::Assess(args) => cmd_assess::run(args),
        Command::Bench(cmd) => cmd_bench::run(cmd),
        Command::Store(c) => cmd_store::run(c),
        Command::Serve(args) => cmd_serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("jikenbo: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
