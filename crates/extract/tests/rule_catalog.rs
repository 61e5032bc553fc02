//! The rule catalog, checked as a whole:
//! - every rule has a unique id, a doc, examples and counter-examples;
//! - every example matches its rule (guards applied) and no counter-example does;
//! - every alternative of a pattern (each branch of its top-level alternation) is shown by at
//!   least one example;
//! - the alternatives that only one document of all the corpora shows are listed (written to
//!   `target/rule-alternatives.txt`): a rule fitted to one document is visible, and such an
//!   alternative must say why it is a general form of the language (`Rule::general`) unless
//!   the one document is a fictional example written for this repository.
use jikenbo_extract::rules::catalog;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// The top-level alternatives of a pattern as written (a group around the whole pattern is
/// looked into; a shared word list `{STAFF}` stays one alternative), compiled.
fn branches(pattern: &str) -> Vec<String> {
    fn split(p: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let (mut depth, mut class, mut start, mut esc) = (0i32, false, 0usize, false);
        for (i, c) in p.char_indices() {
            if esc {
                esc = false;
                continue;
            }
            match c {
                '\\' => esc = true,
                '[' if !class => class = true,
                ']' if class => class = false,
                '(' if !class => depth += 1,
                ')' if !class => depth -= 1,
                '|' if !class && depth == 0 => {
                    out.push(&p[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        out.push(&p[start..]);
        out
    }
    let mut p = pattern.trim_start_matches('^').trim_end_matches('$');
    // look into one group around the whole pattern
    loop {
        let inner = p
            .strip_prefix("(?:")
            .or_else(|| p.strip_prefix('('))
            .and_then(|x| x.strip_suffix(')'));
        match inner {
            Some(x) if split_balanced(x) => p = x,
            _ => break,
        }
    }
    split(p)
        .into_iter()
        .map(jikenbo_extract::rules::expand)
        .collect()
}

/// Whether `p` has balanced parentheses (so `(` … `)` around it was one group).
fn split_balanced(p: &str) -> bool {
    let (mut depth, mut esc, mut class) = (0i32, false, false);
    for c in p.chars() {
        if esc {
            esc = false;
            continue;
        }
        match c {
            '\\' => esc = true,
            '[' if !class => class = true,
            ']' if class => class = false,
            '(' if !class => depth += 1,
            ')' if !class => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

#[test]
fn ids_docs_examples_and_counter_examples() {
    let mut ids = HashSet::new();
    let mut problems = Vec::new();
    for e in catalog() {
        let i = e.info();
        if !ids.insert(i.id) {
            problems.push(format!("{}: duplicate id", i.id));
        }
        if i.doc.is_empty() || i.examples.is_empty() || i.counter.is_empty() {
            problems.push(format!(
                "{}: needs a doc, examples and counter-examples",
                i.id
            ));
        }
        for ex in i.examples {
            if !e.rule.matches(ex) {
                problems.push(format!("{}: example does not match: {ex}", i.id));
            }
        }
        for cx in i.counter {
            if e.rule.matches(cx) {
                problems.push(format!("{}: counter-example matches: {cx}", i.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_alternative_is_shown_by_an_example() {
    let mut problems = Vec::new();
    for e in catalog() {
        let i = e.info();
        for b in branches(i.pattern) {
            let re = regex::Regex::new(&b).expect("branch");
            if !i.examples.iter().any(|ex| re.is_match(ex)) {
                problems.push(format!("{}: no example shows the alternative `{b}`", i.id));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} alternatives without an example:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Normalized texts of the corpora: (corpus, file name, text).
fn corpora() -> Vec<(&'static str, String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for (name, dir) in [
        ("seeds", root.join("../shared/seeds")),
        ("real", root.join("../shared/dev/real/docs")),
        ("examples", root.join("examples/notices")),
    ] {
        if !dir.is_dir() {
            continue;
        }
        for f in jikenbo_text::collect_inputs(&[dir]).expect("inputs") {
            if let Ok(d) = jikenbo_text::load_path(&f, &Default::default()) {
                let nt = jikenbo_extract::norm::NormText::new(&d.text);
                out.push((name, d.name, nt.text));
            }
        }
    }
    let mut g = jikenbo_corpus::Generator::new(7);
    for i in 0..200 {
        let (name, text) = g.notice(i);
        let nt = jikenbo_extract::norm::NormText::new(&text);
        out.push(("corpus", name, nt.text));
    }
    out
}

#[test]
fn alternatives_shown_by_one_document_only() {
    let docs = corpora();
    if !docs.iter().any(|d| d.0 == "real") {
        eprintln!("SKIPPED: ../shared/dev/real not found");
        return;
    }
    let mut report: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for e in catalog() {
        let i = e.info();
        for b in branches(i.pattern) {
            let re = regex::Regex::new(&b).expect("branch");
            let hits: Vec<&(&str, String, String)> =
                docs.iter().filter(|d| re.is_match(&d.2)).collect();
            if hits.len() == 1 {
                let (corpus, name, _) = hits[0];
                report
                    .entry(i.id.to_string())
                    .or_default()
                    .push(format!("`{b}` only in {corpus}/{name}"));
                if matches!(*corpus, "seeds" | "real") && i.general.is_none() {
                    unexplained.push(format!("{}: `{b}` only in {corpus}/{name}", i.id));
                }
            }
        }
    }
    let text: String = report
        .iter()
        .map(|(id, v)| {
            format!(
                "{id}\n{}\n",
                v.iter().map(|x| format!("  {x}\n")).collect::<String>()
            )
        })
        .collect();
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/rule-alternatives.txt");
    let _ = std::fs::write(&out, &text);
    eprintln!(
        "alternatives shown by one document only (also in {}):\n{text}",
        out.display()
    );
    assert!(
        unexplained.is_empty(),
        "{} alternatives only one real document shows, without a general reason:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
}

/// The fictional texts shipped in the repository (the examples, the generated corpus, the notices
/// of fixtures and tests and the drafts' wording in the crates' sources) copy no sentence of the
/// real documents: no run of 25 characters (spaces left out) of theirs occurs in `../shared`.
/// Stock phrases of notices are shorter (`ていたことが判明いたしました`).
#[test]
fn our_texts_copy_no_run_of_the_real_documents() {
    use std::collections::HashSet;
    use std::hash::{DefaultHasher, Hash, Hasher};
    const RUN: usize = 25;
    let docs = corpora();
    if !docs.iter().any(|d| d.0 == "real") {
        eprintln!("SKIPPED: ../shared/dev/real not found");
        return;
    }
    let chars = |t: &str| -> Vec<char> { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let key = |w: &[char]| {
        let mut h = DefaultHasher::new();
        w.hash(&mut h);
        h.finish()
    };
    let mut real: HashSet<u64> = HashSet::new();
    for (corpus, _, text) in &docs {
        if *corpus == "seeds" || *corpus == "real" {
            real.extend(chars(text).windows(RUN).map(key));
        }
    }
    let mut copied = Vec::new();
    let mut check = |what: String, text: &str| {
        let cs = chars(text);
        if let Some(w) = cs.windows(RUN).find(|w| real.contains(&key(w))) {
            copied.push(format!("{what}: {}", w.iter().collect::<String>()));
        }
    };
    for (corpus, name, text) in &docs {
        if *corpus == "examples" || *corpus == "corpus" {
            check(format!("{corpus}/{name}"), text);
        }
    }
    // the workspace's own sources: the fictional notices of fixtures and tests, the drafts'
    // wording (normalized as the documents are)
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut stack = vec![root.join("crates")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("crates").flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name()
                    .is_some_and(|n| n != "target" && n != "snapshots")
                {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                let nt = jikenbo_extract::norm::NormText::new(&text);
                check(
                    p.strip_prefix(&root).unwrap_or(&p).display().to_string(),
                    &nt.text,
                );
            }
        }
    }
    assert!(
        copied.is_empty(),
        "runs of {RUN} characters shared with ../shared:\n{}",
        copied.join("\n")
    );
}
