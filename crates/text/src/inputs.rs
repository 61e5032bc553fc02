//! Expanding the paths given on a command line into the files to read.

use std::path::{Path, PathBuf};

use crate::LoadError;

/// The files to read for `paths`, in the order given: a file is taken as is (even a hidden
/// one: it was named explicitly); a directory is walked recursively and its files are added
/// sorted by path, skipping hidden entries (names starting with `.`, so `.git` too), symbolic
/// links to directories (no loops) and anything that is not a regular file (sockets, FIFOs).
/// A path given twice, or reached twice, is listed once. A path that does not exist or cannot
/// be read is a [`LoadError::Io`].
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| LoadError::Io {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)?;
            files.sort();
            for f in files {
                if seen.insert(f.clone()) {
                    out.push(f);
                }
            }
        } else if seen.insert(path.clone()) {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Iterative walk (no recursion depth limit to hit).
fn walk(root: &Path, files: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let io = |source| LoadError::Io {
            path: dir.clone(),
            source,
        };
        for entry in std::fs::read_dir(&dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file() {
                files.push(path);
            } else if kind.is_symlink() {
                // Follow links to files; never links to directories.
                if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    files.push(path);
                }
            }
        }
    }
    Ok(())
}
