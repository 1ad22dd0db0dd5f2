#!/usr/bin/env python3
"""Times a cold `vibeguard scan` against `clang-19 -fsyntax-only` over the same compile
database with the same -j, in one run (rounds alternate so noise hits both), and reports
the ratio, the findings and the peak memory of one worker.

usage: scan_vs_syntax.py --db compile_commands.json [-j N] [--rounds R]

A warm re-scan is not measured: vibeguard scan has no result cache yet.
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tidy_vs_syntax import ROOT, entry_args, run_all  # noqa: E402
import json  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("-j", type=int, default=os.cpu_count())
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--vibeguard", default=os.path.join(ROOT, "build", "bin", "vibeguard"))
    a = ap.parse_args()
    try:
        db = json.load(open(a.db))
    except (OSError, ValueError) as err:
        sys.exit(f"scan_vs_syntax: error: {a.db}: {err}")
    syntax = [(["clang-19", "-fsyntax-only"] + entry_args(e) +
               [os.path.join(e["directory"], e["file"])], e["directory"]) for e in db]
    t_syntax = t_scan = 0.0
    stderr = ""
    for _ in range(a.rounds):
        t_syntax += run_all(syntax, a.j)[0]
        start = time.monotonic()
        p = subprocess.run([a.vibeguard, "scan", "-p", a.db, "-j", str(a.j), "--format", "json",
                            "-o", os.devnull, "--fail-on", "none", "--timeout", "600"],
                           capture_output=True, text=True)
        t_scan += time.monotonic() - start
        stderr = p.stderr
        if p.returncode not in (0, 3):
            sys.exit(f"scan_vs_syntax: vibeguard scan failed ({p.returncode}): {stderr}")
    summary = re.search(r"(\d+) translation units, (\d+) findings, (\d+) failed", stderr)
    peak = re.search(r"peak worker memory (\d+) MiB \((.*)\)", stderr)
    print(f"database: {a.db} ({len(db)} entries, -j{a.j}, {a.rounds} round(s))")
    print(f"clang-19 -fsyntax-only:  {t_syntax / a.rounds:8.2f} s")
    print(f"vibeguard scan (cold):   {t_scan / a.rounds:8.2f} s")
    print(f"ratio: {t_scan / t_syntax:.2f}")
    if summary:
        print(f"translation units: {summary.group(1)}, findings: {summary.group(2)}, "
              f"failed: {summary.group(3)}")
    if peak:
        print(f"peak worker memory: {peak.group(1)} MiB ({peak.group(2)})")
    print("warm re-scan: not measured (no result cache yet)")


if __name__ == "__main__":
    main()
