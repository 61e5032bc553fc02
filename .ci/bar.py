#!/usr/bin/env python3
"""Score extracted records with ../shared/tools/score_casebook.py and fail below a bar.

usage: bar.py GOLD PRED MIN_MACRO_FIELD_F1 MIN_INCIDENT_F1
"""
import json
import subprocess
import sys
from pathlib import Path

gold, pred, lo_macro, lo_inc = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
scorer = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "score_casebook.py"
subprocess.run([sys.executable, str(scorer), gold, pred, "--verbose"], check=True)
out = subprocess.run([sys.executable, str(scorer), gold, pred, "--json"], check=True,
                     capture_output=True, text=True).stdout
r = json.loads(out)
ok = r["macro_field_f1"] >= lo_macro and r["incidents"] >= lo_inc
verdict = "PASS" if ok else "FAIL"
print(f"{verdict}: macro field F1 {r['macro_field_f1']} (bar {lo_macro}), "
      f"incident F1 {r['incidents']} (bar {lo_inc})")
sys.exit(0 if ok else 1)
