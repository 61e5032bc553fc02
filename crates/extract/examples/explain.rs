//! Show how the extractor reads one document: its dateline and voice, its segments, its
//! organization mentions and its resolved dates, then the records with their evidence.
//!
//! `cargo run -p jikenbo-extract --example explain -- FILE` (with `RUST_LOG=jikenbo_extract=trace`
//! the date cues each date reads are printed too)
use jikenbo_extract::{doc::Doc, norm::NormText, segment};

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .without_time()
        .init();
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: explain FILE");
        std::process::exit(2);
    };
    let d = match jikenbo_text::load_path(std::path::Path::new(&path), &Default::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("explain: {e}");
            std::process::exit(1);
        }
    };
    let nt = NormText::new(&d.text);
    let doc = Doc::new(&nt.text);
    let t = doc.text;
    println!(
        "own notice: {}   dateline: {:?}",
        doc.own_notice,
        doc.dateline
            .as_ref()
            .map(|x| (x.date.to_string(), x.kind, &t[x.range.clone()]))
    );
    println!("-- organizations");
    for m in &doc.orgs {
        println!(
            "  {:?} {:?}{}{}",
            m.name,
            m.kind,
            if m.address { " address" } else { "" },
            if m.quoted { " quoted" } else { "" }
        );
    }
    println!("-- dates");
    for (pd, m) in jikenbo_extract::dates::resolve_all(doc.dates.iter(), doc.anchor_date()) {
        println!("  {} ← {:?}", pd, &t[m.range.clone()]);
    }
    println!("-- event sentences");
    for (k, r) in doc.sents.iter().enumerate() {
        if doc.event(k) {
            let ev = jikenbo_extract::incident::events_in(&t[r.clone()]);
            let head: String = t[r.clone()].chars().take(60).collect();
            println!(
                "  {:?} | {}",
                ev.iter().map(|e| e.0).collect::<Vec<_>>(),
                head
            );
        }
    }
    println!("-- segments");
    for s in segment::segment(&doc) {
        let head: String = t[s.range.clone()].chars().take(50).collect();
        println!(
            "  {:?} {:?} org={:?} published={:?} | {}",
            s.kind,
            s.range,
            s.org.as_ref().map(|o| &o.0),
            s.published.as_ref().map(|p| p.0.to_string()),
            head.replace('\n', " ")
        );
    }
    println!("-- records");
    for i in jikenbo_extract::extract(&d) {
        println!(
            "  {} | {:?} pub={:?} occ={:?} disc={:?} n={:?} {:?} {:?} {:?} {:?}",
            i.doc,
            i.organization,
            i.published.map(|x| x.to_string()),
            i.occurred.map(|x| x.to_string()),
            i.discovered.map(|x| x.to_string()),
            i.affected,
            i.leak,
            i.cause,
            i.actor,
            i.data
        );
        for e in &i.evidence {
            println!(
                "      {:14} {:?}",
                e.field,
                e.text.chars().take(60).collect::<String>()
            );
        }
    }
}
