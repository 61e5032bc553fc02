//! Many files at once: each file read and decoded ([`jikenbo_text::load_path`]) and extracted
//! ([`crate::try_extract`]) on all cores, a batch at a time, and each result handed back in the
//! order of the input. One file's error (unreadable, broken encoding, too large, a panic in the
//! rules) is that file's result; the others go on. The CLI's `extract` and `bench extract` run
//! through here; the store's bulk ingest has its own loop because it hashes and skips stored
//! bytes before it extracts.

use crate::{try_extract, ExtractError};
use jikenbo_model::Incident;
use jikenbo_text::{Limits, LoadError};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Files worked on in parallel before their results are handed back: large enough to keep every
/// core busy, small enough that results stream and memory stays bounded.
pub const BATCH: usize = 256;

/// Why one file gave no incidents.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Extract(#[from] ExtractError),
}

/// Reads, decodes and extracts `paths` in parallel batches of [`BATCH`], calling `each` with
/// every file's path and result in input order. Stops at the first error `each` returns.
pub fn extract_files<E>(
    paths: &[PathBuf],
    limits: &Limits,
    mut each: impl FnMut(&Path, Result<Vec<Incident>, FileError>) -> Result<(), E>,
) -> Result<(), E> {
    for batch in paths.chunks(BATCH) {
        let results: Vec<Result<Vec<Incident>, FileError>> = batch
            .par_iter()
            .map(|p| Ok(try_extract(&jikenbo_text::load_path(p, limits)?)?))
            .collect();
        for (path, r) in batch.iter().zip(results) {
            each(path, r)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_and_one_bad_file_costs_only_itself() {
        let dir = std::env::temp_dir().join(format!("jikenbo-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = "2025年3月3日\n株式会社みなと電機\n\n個人情報の誤送信について\n\n\
                    2025年3月1日、当社従業員がお客様12名の氏名とメールアドレスを記載したファイルを誤って送信しました。\n";
        let mut paths = Vec::new();
        for i in 0..(BATCH + 3) {
            let p = dir.join(format!("n{i:03}.txt"));
            if i == 7 {
                std::fs::write(&p, b"").unwrap(); // empty: an error of its own
            } else {
                std::fs::write(&p, good).unwrap();
            }
            paths.push(p);
        }
        let mut seen = Vec::new();
        let mut failed = Vec::new();
        extract_files::<()>(&paths, &Limits::default(), |p, r| {
            seen.push(p.to_path_buf());
            match r {
                Ok(incs) => assert_eq!(incs[0].affected, Some(12)),
                Err(e) => failed.push((p.to_path_buf(), e.to_string())),
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, paths);
        assert_eq!(failed.len(), 1, "{failed:?}");
        assert_eq!(failed[0].0, paths[7]);
        // `each` stops the run with its error.
        let mut n = 0;
        let r = extract_files(&paths, &Limits::default(), |_, _| {
            n += 1;
            if n == 3 {
                Err("enough")
            } else {
                Ok(())
            }
        });
        assert_eq!(r, Err("enough"));
        assert_eq!(n, 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
