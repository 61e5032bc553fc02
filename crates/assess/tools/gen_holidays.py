#!/usr/bin/env python3
"""Generate the holiday fixture for jikenbo-assess from the PyPI package `jpholiday`.

The Rust crate computes the Japanese national holidays by rule (祝日法); this script writes the
reference list it is tested against (tests/holidays.rs). Run once, commit the CSV:

    python3 -m venv /tmp/jp && /tmp/jp/bin/pip install jpholiday==1.0.3
    /tmp/jp/bin/python crates/assess/tools/gen_holidays.py > crates/assess/tests/fixtures/holidays_2000_2035.csv

Output: a header line `date,name`, then one line per holiday in date order, names exactly as
jpholiday gives them (a substitute holiday is `<holiday> 振替休日`).
"""
import csv
import sys
from importlib.metadata import version

import jpholiday

FIRST, LAST = 2000, 2035


def main() -> None:
    out = csv.writer(sys.stdout, lineterminator="\n")
    sys.stderr.write(f"jpholiday {version('jpholiday')}, years {FIRST}-{LAST}\n")
    out.writerow(["date", "name"])
    for year in range(FIRST, LAST + 1):
        for day, name in sorted(jpholiday.year_holidays(year)):
            out.writerow([day.isoformat(), name])


if __name__ == "__main__":
    main()
