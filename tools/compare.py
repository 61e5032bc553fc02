#!/usr/bin/env python3
"""Show extracted records beside their gold labels, document by document.

usage: tools/compare.py GOLD.jsonl PRED.jsonl [DOC ...]

A field that differs is marked with `*`. Handy after `tools/quality.py` points at a corpus.
"""
import importlib.util
import json
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "score_casebook", Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "score_casebook.py")
scorer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scorer)

FIELDS = ["organization", "published", "occurred", "discovered", "affected", "leak", "cause",
          "actor", "data"]


def main(argv):
    gold = [json.loads(l) for l in open(argv[0], encoding="utf-8") if l.strip()]
    pred = [json.loads(l) for l in open(argv[1], encoding="utf-8") if l.strip()]
    only = set(argv[2:])
    docs = sorted({g["doc"] for g in gold} | {p["doc"] for p in pred})
    for d in docs:
        if only and d not in only:
            continue
        gs = [g for g in gold if g["doc"] == d and not g.get("none")]
        ps = [p for p in pred if p["doc"] == d]
        print(f"== {d}: gold {len(gs)} / pred {len(ps)}")
        pairs = scorer.align(ps, gs)  # the scorer's own alignment
        rows = [(ps[i], gs[j]) for i, j in pairs]
        rows += [(p, {}) for i, p in enumerate(ps) if i not in {a for a, _ in pairs}]
        rows += [({}, g) for j, g in enumerate(gs) if j not in {b for _, b in pairs}]
        for p, g in rows:
            if g.get("optional"):
                print("  (optional)")
            for f in FIELDS:
                gv, pv = g.get(f), p.get(f)
                if f == "data":
                    gv, pv = sorted(gv or []), sorted(pv or [])
                if f in g.get("skip", []) or not g:
                    ok = True
                elif f == "data":
                    ok = gv == pv
                elif gv is None:
                    ok = pv is None
                else:
                    ok = scorer.value_ok(f, p.get(f), g)
                mark = " " if ok else "*"
                print(f"  {mark} {f:12s} gold={gv!r:40s} pred={pv!r}")
            print()


if __name__ == "__main__":
    main(sys.argv[1:])
