//! `jikenbo extract [--format jsonl|json|table] PATH...`
//!
//! Files are decoded and extracted in parallel, a batch at a time, and printed in input order:
//! memory stays bounded by the batch, not the corpus. A file that fails is reported on stderr
//! with its name and the problem; the others go on; the exit status is 1 if any failed.

use crate::table::{fit, or_dash, write_json};
use anyhow::Context;
use jikenbo_model::Incident;
use jikenbo_text::{collect_inputs, Limits};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per incident per line (the casebook-schema contract).
    Jsonl,
    /// One JSON array.
    Json,
    /// A summary table for a person.
    Table,
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Refuse files larger than this many bytes (default 64 MiB).
    #[arg(long)]
    pub max_bytes: Option<u64>,
    /// Leave the per-field evidence out of the JSON output.
    #[arg(long)]
    pub no_evidence: bool,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let files = collect_inputs(&args.paths).context("collecting input files")?;
    let mut limits = Limits::default();
    if let Some(m) = args.max_bytes {
        limits.max_bytes = m;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut all: Vec<Incident> = Vec::new(); // only for json/table, which print at the end
    let progress = crate::progress::bar(files.len() as u64, "抽出中");
    jikenbo_extract::files::extract_files(&files, &limits, |path, r| -> anyhow::Result<()> {
        progress.inc(1);
        match r {
            Err(e) => {
                failed += 1;
                progress.suspend(|| eprintln!("jikenbo: {}: {e}", path.display()));
            }
            Ok(mut incs) => {
                if args.no_evidence {
                    incs.iter_mut().for_each(|i| i.evidence.clear());
                }
                match args.format {
                    Format::Jsonl => {
                        for i in &incs {
                            serde_json::to_writer(&mut out, i)?;
                            out.write_all(b"\n")?;
                        }
                    }
                    Format::Json | Format::Table => all.extend(incs),
                }
            }
        }
        Ok(())
    })?;
    progress.finish_and_clear();
    match args.format {
        Format::Jsonl => {}
        Format::Json => write_json(&mut out, &all)?,
        Format::Table => write_table(&mut out, &all)?,
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("jikenbo: {failed} of {} file(s) failed", files.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn write_table(out: &mut impl Write, incs: &[Incident]) -> io::Result<()> {
    let cols = [22, 26, 9, 10, 10, 10, 9, 19, 8];
    let row = |out: &mut dyn Write, cells: [String; 10]| -> io::Result<()> {
        let mut line = String::new();
        for (c, w) in cells.iter().zip(cols) {
            line.push_str(&fit(c, w));
            line.push(' ');
        }
        line.push_str(&cells[9]);
        writeln!(out, "{}", line.trim_end())
    };
    let head = [
        "文書",
        "組織",
        "人数",
        "公表",
        "発生",
        "判明",
        "漏えい",
        "原因",
        "行為者",
        "データ",
    ];
    row(out, head.map(String::from))?;
    for i in incs {
        row(
            out,
            [
                i.doc.clone(),
                or_dash(i.organization.as_deref()),
                or_dash(i.affected),
                or_dash(i.published),
                or_dash(i.occurred),
                or_dash(i.discovered),
                or_dash(i.leak),
                or_dash(i.cause),
                or_dash(i.actor),
                i.data
                    .iter()
                    .map(|d| d.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            ],
        )?;
    }
    writeln!(out, "{} 件の事案", incs.len())
}
