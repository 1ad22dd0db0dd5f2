#!/usr/bin/env python3
"""Times a cold `vibeguard scan` (into an empty cache) against `clang-19 -fsyntax-only`
over the same compile database with the same -j, in one run (rounds alternate so noise
hits both), then a warm re-scan of the unchanged tree from that cache. Reports the
ratios, the findings and the peak memory of one worker.

usage: scan_vs_syntax.py --db compile_commands.json [-j N] [--rounds R]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
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
    def scan(cache):
        start = time.monotonic()
        p = subprocess.run([a.vibeguard, "scan", "-p", a.db, "-j", str(a.j), "--format", "json",
                            "-o", os.devnull, "--fail-on", "none", "--timeout", "600",
                            "--cache-dir", cache], capture_output=True, text=True)
        if p.returncode not in (0, 3):
            sys.exit(f"scan_vs_syntax: vibeguard scan failed ({p.returncode}): {p.stderr}")
        return time.monotonic() - start, p.stderr

    t_syntax = t_scan = t_warm = 0.0
    stderr = warm_err = ""
    for _ in range(a.rounds):
        t_syntax += run_all(syntax, a.j)[0]
        cache = tempfile.mkdtemp(prefix="vibeguard-bench-cache-")
        try:
            t, stderr = scan(cache)
            t_scan += t
            t, warm_err = scan(cache)
            t_warm += t
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    summary = re.search(r"(\d+) translation units \((\d+) from the cache\), (\d+) findings, "
                        r"(\d+) failed", stderr)
    warm = re.search(r"\((\d+) from the cache\)", warm_err)
    peak = re.search(r"peak worker memory (\d+) MiB \((.*)\)", stderr)
    print(f"database: {a.db} ({len(db)} entries, -j{a.j}, {a.rounds} round(s))")
    print(f"clang-19 -fsyntax-only:  {t_syntax / a.rounds:8.2f} s")
    print(f"vibeguard scan (cold):   {t_scan / a.rounds:8.2f} s")
    print(f"ratio: {t_scan / t_syntax:.2f}")
    print(f"vibeguard scan (warm):   {t_warm / a.rounds:8.2f} s "
          f"({100 * t_warm / t_scan:.1f}% of cold; {warm.group(1) if warm else '?'} TUs from the cache)")
    if summary:
        print(f"translation units: {summary.group(1)}, findings: {summary.group(3)}, "
              f"failed: {summary.group(4)}")
    if peak:
        print(f"peak worker memory: {peak.group(1)} MiB ({peak.group(2)})")


if __name__ == "__main__":
    main()
