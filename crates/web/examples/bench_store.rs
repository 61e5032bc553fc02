//! Builds a store for the web load benchmark (`bench/load.sh`): the example notices plus
//! synthetic incidents (`jikenbo_corpus::synthetic_incidents`, written by
//! `jikenbo_store::bench::insert_synthetic`) up to N incidents.
//!
//! `cargo run --release -p jikenbo-web --example bench_store -- STORE.db 100000`

use jikenbo_store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: bench_store STORE.db [N]")?;
    let n: usize = args
        .get(2)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(100_000);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    let mut store = Store::open(path)?;
    let demo = jikenbo_web::demo::ingest_examples(&mut store, "bench")?;
    let synthetic = n.saturating_sub(demo.incidents);
    let t = std::time::Instant::now();
    let records = jikenbo_corpus::synthetic_incidents(7)
        .take(synthetic)
        .map(|s| (s.incident, s.body));
    jikenbo_store::bench::insert_synthetic(&mut store, records, 20_000, |_| {})?;
    store.checkpoint()?;
    let c = store.counts()?;
    println!(
        "{path}: {} live incidents ({} from the example notices, {synthetic} synthetic in {:.1} s)",
        c.incidents,
        demo.incidents,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
