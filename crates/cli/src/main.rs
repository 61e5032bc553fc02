//! `jikenbo`: the one binary. A thin shell over the library crates: argument parsing, output
//! formatting and exit codes live here; all logic lives in the libraries.
//!
//! Standard output is written only with `writeln!`, `outln!` or `out!`, which return the write's
//! error (`println!` panics on a closed pipe; clippy's `print_stdout` lint keeps it out). A
//! command that stops because its reader went away (`jikenbo search … | head`) ends quietly
//! with status 0: see [`is_broken_pipe`].
#![warn(clippy::print_stdout)]

/// `println!` that returns the `io::Result` of the write instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)
    }};
}

/// `print!` that returns the `io::Result` of the write instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout(), $($arg)*)
    }};
}

mod cmd_assess;
mod cmd_bench;
mod cmd_case;
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
    /// ログの詳しさ (Log level filter; also RUST_LOG), e.g. `debug`, `jikenbo_extract=trace`.
    #[arg(long, global = true, default_value = "warn")]
    log: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 抽出: 通知から事案の記録を取り出す (Extract incident records from notices: text, Markdown, HTML, PDF; files or directories).
    Extract(cmd_extract::ExtractArgs),
    /// 抽出規則の一覧; `--match 文` でその文を読む規則 (List the extraction rules; `--match TEXT` finds the rules that read a text).
    Rules(cmd_rules::RulesArgs),
    /// 報告義務の判定と損害額の見積もり (Decide the APPI / My Number reporting duty; JNSA damage estimate).
    Assess(cmd_assess::AssessArgs),
    /// ベンチマーク (Benchmarks: throughput and memory on generated corpora).
    #[command(subcommand)]
    Bench(cmd_bench::BenchCommand),
    #[command(flatten)]
    Store(cmd_store::StoreCommand),
    /// 自組織の事案: 事実・経過・期限・再発防止策・下書き・公表; 非公開 (Own cases: facts, timeline, deadlines, measures, drafts; private: only a notice published with `case publish` enters the casebook).
    #[command(subcommand)]
    Case(cmd_case::CaseCommand),
    /// Web 画面と JSON API を提供 (Serve the casebook: web UI and JSON API, OpenAPI at /api/openapi.json).
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
        Command::Case(c) => cmd_case::run(c),
        Command::Serve(args) => cmd_serve::run(args),
    };
    match result {
        Ok(code) => code,
        // The reader of standard output went away (`| head`): nothing is left to say.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jikenbo: エラー (error): {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error (or any error in its chain) is a write to a closed pipe: an `io::Error`
/// of kind `BrokenPipe`, also inside a JSON or CSV writer's error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(
                |c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}

#[cfg(test)]
mod tests {
    use super::is_broken_pipe;
    use anyhow::Context;
    use std::io::{Error, ErrorKind};

    #[test]
    fn broken_pipes_are_found_in_any_wrapping() {
        let pipe = || Error::new(ErrorKind::BrokenPipe, "closed");
        assert!(is_broken_pipe(&anyhow::Error::from(pipe())));
        let wrapped: anyhow::Result<()> = Err(pipe()).context("writing the table");
        assert!(is_broken_pipe(&wrapped.unwrap_err()));
        let json = serde_json::Error::io(pipe());
        assert!(is_broken_pipe(&anyhow::Error::from(json)));
        let csv = csv::Error::from(pipe());
        assert!(is_broken_pipe(&anyhow::Error::from(csv)));
        let store = jikenbo_store::StoreError::Write(pipe());
        assert!(is_broken_pipe(&anyhow::Error::from(store)));
        assert!(!is_broken_pipe(&anyhow::Error::from(Error::new(
            ErrorKind::PermissionDenied,
            "no"
        ))));
        assert!(!is_broken_pipe(&anyhow::anyhow!("broken pipe")));
    }
}
