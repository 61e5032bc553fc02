#!/usr/bin/env python3
"""Time and peak memory of `jikenbo extract` against input size: text, HTML, deeply nested
HTML and PDF, each at four sizes, so that both stay linear (issue 13, "bounded work").

usage: tools/scale.py [--bin target/release/jikenbo] [--sizes 1,2,4,8] [--dir /tmp/jikenbo-scale]

The inputs are generated (fictional notice sentences), written once to --dir and reused. Each
run is one process measured by GNU time (`/usr/bin/time -f '%e %M'`): wall seconds and maximum
resident set size. The table ends with the ratio of the largest to the smallest size: a linear
program shows a time ratio near the size ratio (8 for sizes 1..8), a quadratic one its square.
The figures go in the README; nothing here asserts a time.
"""
import subprocess
import sys
import zlib
from pathlib import Path

SENTENCE = ("株式会社サンプルは2031年5月1日、不正アクセスにより顧客情報1,234件が流出した"
            "可能性があると発表しました。")


def text_of(mb):
    s = SENTENCE + "\n"
    n = int(mb * 1e6 / len(s.encode()))
    return (s * n).encode()


def html_of(mb):
    row = f"<p>{SENTENCE}</p>\n"
    n = int(mb * 1e6 / len(row.encode()))
    return ("<!DOCTYPE html><html><head><meta charset=utf-8><title>お知らせ</title></head><body>"
            + row * n + "</body></html>").encode()


def nested_html_of(mb):
    # an element opened and never closed, again and again: 10^5..10^6 levels at these sizes
    unit = "<div><span>" + "情報" + "\n"
    n = int(mb * 1e6 / len(unit.encode()))
    return ("<html><body>" + unit * n).encode()


def pdf_of(mb):
    # one page per ~2 KB of text (ASCII: the standard fonts have no Japanese), Flate streams
    line = "(Sample Co. reported on 2031-05-01 that 1,234 customer records may have leaked.) Tj T*\n"
    per_page = 24
    pages = max(1, int(mb * 1e6 / (len(line) * per_page)))
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    pages_id = len(objs) + 1 + 2 * pages  # the Pages object comes after all pages
    for _ in range(pages):
        content = ("BT /F1 10 Tf 12 TL 40 800 Td\n" + line * per_page + "ET").encode()
        data = zlib.compress(content)
        c = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                + b"\nendstream")
        p = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, c, font))
        kids.append(p)
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
        + b"] /Count %d >>" % len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, catalog, xref)
    return bytes(out)


KINDS = [("text", "txt", text_of), ("html", "html", html_of),
         ("nested html", "html", nested_html_of), ("pdf", "pdf", pdf_of)]


def main(argv):
    binary = argv[argv.index("--bin") + 1] if "--bin" in argv else "target/release/jikenbo"
    sizes = [float(x) for x in (argv[argv.index("--sizes") + 1] if "--sizes" in argv
                                else "1,2,4,8").split(",")]
    d = Path(argv[argv.index("--dir") + 1] if "--dir" in argv else "/tmp/jikenbo-scale")
    d.mkdir(parents=True, exist_ok=True)
    print("| input | " + " | ".join(f"{s:g} MB" for s in sizes) + " | time ratio | memory ratio |")
    print("|---|" + "---|" * (len(sizes) + 2))
    for name, ext, make in KINDS:
        cells = []
        runs = []
        for s in sizes:
            f = d / f"{name.replace(' ', '_')}_{s:g}.{ext}"
            if not f.exists():
                f.write_bytes(make(s))
            p = subprocess.run(["/usr/bin/time", "-f", "%e %M", binary, "extract",
                                "--max-bytes", str(f.stat().st_size + 1), str(f)],
                               capture_output=True, text=True)
            last = p.stderr.strip().splitlines()[-1].split()
            secs, kb = float(last[0]), int(last[1])
            status = "" if p.returncode == 0 else f" (exit {p.returncode})"
            runs.append((secs, kb))
            cells.append(f"{secs:.2f} s, {kb / 1024:.0f} MB{status}")
        tr = runs[-1][0] / max(runs[0][0], 0.01)
        mr = runs[-1][1] / max(runs[0][1], 1)
        print(f"| {name} | " + " | ".join(cells) + f" | {tr:.1f} | {mr:.1f} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
