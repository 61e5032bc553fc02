//! `jikenbo bench extract`: extraction throughput on a generated corpus.
//!
//! The corpus (fictional notices from `jikenbo-corpus`, plus the seed notices repeated when
//! `../shared/seeds` is present) is written to a directory once and then read back through the
//! same path as `jikenbo extract`: decode + extract per file, files in parallel, a batch at a
//! time, output discarded. Reported: MB/s on one thread and on all threads, incidents found, and
//! the process's peak resident memory (VmHWM).

use anyhow::Context;
use jikenbo_text::{collect_inputs, Limits};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Subcommand)]
pub enum BenchCommand {
    /// Extraction throughput (MB/s on one and on all cores) and peak memory.
    Extract(ExtractBench),
}

#[derive(clap::Args)]
pub struct ExtractBench {
    /// Corpus size in MB (decimal).
    #[arg(long, default_value_t = 50)]
    mb: usize,
    /// Where the corpus is written (reused when already complete).
    #[arg(long, default_value = "target/bench-corpus")]
    dir: PathBuf,
    /// Seed notices to mix in (repeated), when the directory exists.
    #[arg(long, default_value = "../shared/seeds")]
    seeds: PathBuf,
    /// Skip the single-thread run.
    #[arg(long)]
    parallel_only: bool,
    /// Runs per configuration; the best and the median are reported (a shared machine is noisy).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

pub fn run(cmd: BenchCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BenchCommand::Extract(b) => extract(b),
    }
}

fn extract(b: ExtractBench) -> anyhow::Result<ExitCode> {
    let dir = b.dir.join(format!("{}mb", b.mb));
    write_once(&dir, || write_corpus(&dir, b.mb * 1_000_000, &b.seeds))?;
    let files = collect_inputs(std::slice::from_ref(&dir))?;
    let bytes: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    outln!(
        "corpus: {} files, {:.1} MB in {}",
        files.len(),
        bytes as f64 / 1e6,
        dir.display()
    )?;
    let mut runs = vec![rayon::current_num_threads()];
    if !b.parallel_only {
        runs.insert(0, 1);
    }
    for threads in runs {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        let mut times = Vec::new();
        let (mut incidents, mut failed) = (0, 0);
        for _ in 0..b.repeat.max(1) {
            let t = Instant::now();
            (incidents, failed) = pool.install(|| run_once(&files));
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let (best, median) = (times[0], times[times.len() / 2]);
        let mbs = |secs: f64| bytes as f64 / 1e6 / secs;
        outln!(
            "threads {threads}: best {best:.2} s = {:.1} MB/s ({} files/s), median {median:.2} s = {:.1} MB/s; {incidents} incidents, {failed} failed",
            mbs(best),
            (files.len() as f64 / best) as u64,
            mbs(median),
        )?;
    }
    if let Some(kb) = peak_rss_kb() {
        outln!("peak resident memory (VmHWM): {:.1} MB", kb as f64 / 1024.0)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_once(files: &[PathBuf]) -> (usize, usize) {
    let limits = Limits::default();
    let mut incidents = 0;
    let mut failed = 0;
    let counted = jikenbo_extract::files::extract_files::<std::convert::Infallible>(
        files,
        &limits,
        |_, r| {
            match r {
                Ok(v) => incidents += v.len(),
                Err(_) => failed += 1,
            }
            Ok(())
        },
    );
    let Ok(()) = counted;
    (incidents, failed)
}

/// Creates `dir` and fills it with `write` unless a previous run completed it (marked by a
/// `.complete` file written last, so an interrupted run starts over).
pub(crate) fn write_once(
    dir: &Path,
    write: impl FnOnce() -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let marker = dir.join(".complete");
    if marker.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    write()?;
    std::fs::write(&marker, b"").with_context(|| format!("writing {}", marker.display()))
}

/// About `bytes` of generated notices in `dir`, with one copy of a seed notice per 50.
fn write_corpus(dir: &Path, bytes: usize, seeds: &Path) -> anyhow::Result<()> {
    let seed_texts: Vec<(String, Vec<u8>)> = std::fs::read_dir(seeds)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .filter_map(|e| {
                    Some((
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).ok()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut gen = jikenbo_corpus::Generator::new(2026);
    let mut written = 0usize;
    let mut i = 0usize;
    while written < bytes {
        // one seed copy per 50 generated notices
        if !seed_texts.is_empty() && i % 50 == 49 {
            let (name, data) = &seed_texts[(i / 50) % seed_texts.len()];
            std::fs::write(dir.join(format!("seed_{i:07}_{name}")), data)?;
            written += data.len();
        } else {
            let (name, text) = gen.notice(i);
            std::fs::write(dir.join(name), &text)?;
            written += text.len();
        }
        i += 1;
    }
    Ok(())
}

/// Peak resident set size of this process in KiB (Linux).
fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
