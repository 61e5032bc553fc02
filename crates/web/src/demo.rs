//! The demo casebook: the example notices bundled with the repository (`examples/notices`),
//! embedded at build time.

use jikenbo_store::{IngestOutcome, Source, Store, StoreError};

include!(concat!(env!("OUT_DIR"), "/demo_notices.rs"));

/// What ingesting the examples did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub documents: usize,
    pub incidents: usize,
    pub skipped: usize,
    /// Notices that could not be read (name, message).
    pub failed: Vec<(String, String)>,
}

/// Ingests the example notices into `store` as `who` (idempotent: stored ones are skipped).
pub fn ingest_examples(store: &mut Store, who: &str) -> Result<DemoSummary, StoreError> {
    let mut sum = DemoSummary::default();
    for (name, bytes) in NOTICES {
        let source = Source::new(format!("examples/notices/{name}"));
        match store.ingest_bytes(name, bytes.to_vec(), &source, who) {
            Ok(IngestOutcome::Added(a)) => {
                sum.documents += 1;
                sum.incidents += a.incidents.len();
            }
            Ok(IngestOutcome::Skipped(_)) => sum.skipped += 1,
            Err(StoreError::Load(e)) => sum.failed.push((name.to_string(), e.to_string())),
            Err(e) => return Err(e),
        }
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    #[test]
    fn examples_are_embedded() {
        assert!(super::NOTICES.len() >= 10);
        assert!(super::NOTICES
            .iter()
            .all(|(n, b)| !n.is_empty() && !b.is_empty()));
    }
}
