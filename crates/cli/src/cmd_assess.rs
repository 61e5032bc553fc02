//! `jikenbo assess` (owned by the assessment work; replaced when jikenbo-assess lands).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct AssessArgs {}

pub fn run(_args: AssessArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("assess is not built yet")
}
