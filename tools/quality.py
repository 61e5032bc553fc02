#!/usr/bin/env python3
"""Extraction quality on every labelled corpus, scored by ../shared/tools/score_casebook.py.

usage: tools/quality.py [--bin PATH] [--only NAME[,NAME]] [--verbose] [--json] [--bars]

Corpora (each a gold file and the documents it labels):
  seeds     ../shared/seeds with ../shared/dev/gold.jsonl
  tune      ../shared/dev/real: the documents with an odd number (r001, r003, ...): rules are
            tuned on these
  check     ../shared/dev/real: the documents with an even number (r002, r004, ...): measured
            only at milestones, the honest estimate of what an unseen notice gets
  examples  examples/notices with examples/gold.jsonl (fictional, written for this repository)

The split of ../shared/dev/real is fixed by this rule (the parity of the file number) and is
written nowhere else. `--bars` exits 1 when a corpus is below the bar of .ci/run.
"""
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_casebook.py"

# (name, documents, gold, which documents, macro field F1 bar, incident F1 bar)
# The check half's bar is a floor under today's figure (0.826 / 0.882), not yet the 0.85 / 0.90
# that issue 10 asks of both halves: it stops a regression while that work goes on.
CORPORA = [
    ("seeds", SHARED / "seeds", SHARED / "dev" / "gold.jsonl", None, 0.90, 0.95),
    ("tune", SHARED / "dev" / "real" / "docs", SHARED / "dev" / "real" / "gold.jsonl", 1, 0.85, 0.90),
    ("check", SHARED / "dev" / "real" / "docs", SHARED / "dev" / "real" / "gold.jsonl", 0, 0.80, 0.86),
    ("examples", ROOT / "examples" / "notices", ROOT / "examples" / "gold.jsonl", None, 0.90, 0.95),
]


def half_of(doc):
    """1 for an odd file number (tune), 0 for an even one (check), None without a number."""
    m = re.search(r"(\d+)", doc)
    return None if m is None else int(m.group(1)) % 2


def main(argv):
    bin_ = str(ROOT / "target" / "release" / "jikenbo")
    only, verbose, as_json, bars = None, "--verbose" in argv, "--json" in argv, "--bars" in argv
    if "--bin" in argv:
        bin_ = argv[argv.index("--bin") + 1]
    if "--only" in argv:
        only = set(argv[argv.index("--only") + 1].split(","))
    results, failed = {}, False
    cache = {}
    for name, docs, gold, parity, lo_macro, lo_inc in CORPORA:
        if only and name not in only:
            continue
        if not docs.is_dir():
            print(f"{name}: {docs} not found", file=sys.stderr)
            failed = True
            continue
        key = str(docs)
        if key not in cache:
            cmd = [bin_, "extract", "--no-evidence", str(docs)] if "jikenbo" in Path(bin_).name \
                else [bin_, str(docs)]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode not in (0, 1):
                print(p.stderr, file=sys.stderr)
                sys.exit(2)
            cache[key] = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
        preds = cache[key]
        golds = [json.loads(l) for l in open(gold, encoding="utf-8") if l.strip()]
        if parity is not None:
            golds = [g for g in golds if half_of(g["doc"]) == parity]
            preds = [x for x in preds if half_of(str(x.get("doc", ""))) == parity]
        with tempfile.TemporaryDirectory() as d:
            gp, pp = Path(d) / "gold.jsonl", Path(d) / "pred.jsonl"
            gp.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in golds))
            pp.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in preds))
            if verbose:
                print(f"== {name}")
                subprocess.run([sys.executable, str(SCORER), str(gp), str(pp), "--verbose"])
            out = subprocess.run([sys.executable, str(SCORER), str(gp), str(pp), "--json"],
                                 capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        r["documents"] = len({g["doc"] for g in golds})
        r["gold_incidents"] = sum(1 for g in golds if not g.get("none") and not g.get("optional"))
        results[name] = r
        ok = r["macro_field_f1"] >= lo_macro and r["incidents"] >= lo_inc
        if bars and not ok:
            failed = True
        if not as_json:
            fields = " ".join(f"{f[:4]} {r[f]:.2f}" for f in
                              ["organization", "published", "occurred", "discovered", "affected",
                               "leak", "cause", "actor", "data"])
            mark = "" if not bars else (" PASS" if ok else f" FAIL (bar {lo_macro}/{lo_inc})")
            print(f"{name:9s} macro {r['macro_field_f1']:.3f} incidents {r['incidents']:.3f} "
                  f"({r['counts']['matched']}/{r['gold_incidents']} matched, {r['counts']['extra']} extra) | {fields}{mark}")
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
