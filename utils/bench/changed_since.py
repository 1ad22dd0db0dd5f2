#!/usr/bin/env python3
"""Time of `vibeguard scan --changed-since HEAD` after touching one file in leveldb,
against a full scan of the same compile database, in one run.

  python3 utils/bench/changed_since.py [-j N]

Copies leveldb (npm leveldown, fetched by utils/corpus/fetch.sh) into a scratch git
repository, scans it fully (no cache), then for each touched file — a source file
(util/hash.cc) and a header most TUs include (include/leveldb/slice.h) — scans with
--changed-since HEAD, without a cache and with the cache of a full scan, and prints the
times, the TUs analysed and the ratio to the full scan.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ap = argparse.ArgumentParser()
ap.add_argument("-j", type=int, default=os.cpu_count())
args = ap.parse_args()

subprocess.run(["bash", os.path.join(root, "utils/corpus/fetch.sh"), "leveldb"], check=True)
corpus = os.path.join(root, ".cache/corpora/leveldown-6.1.1")
vibeguard = os.path.join(root, "build/bin/vibeguard")
work = tempfile.mkdtemp(prefix="vibeguard-changed-")
try:
    copy = os.path.join(work, "leveldown")
    shutil.copytree(corpus, copy, symlinks=True)
    db_path = os.path.join(copy, "compile_commands.json")
    text = open(db_path).read().replace(corpus, copy)
    open(db_path, "w").write(text)
    tus = len(json.loads(text))
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run(git + ["init", "-q"], cwd=copy, check=True)
    subprocess.run(git + ["add", "-A"], cwd=copy, check=True)
    subprocess.run(git + ["commit", "-qm", "base"], cwd=copy, check=True)

    cache = os.path.join(work, "cache")

    def scan(extra, cached=False):
        t = time.monotonic()
        p = subprocess.run([vibeguard, "scan", "-p", copy, "-j", str(args.j)] +
                           (["--cache-dir", cache] if cached else ["--no-cache"]) + [
                            "-o", os.path.join(work, "out.sarif")] + extra,
                           cwd=copy, capture_output=True, text=True)
        if p.returncode not in (0, 1, 3):
            sys.exit(p.stderr)
        line = [l for l in p.stderr.splitlines() if "changed since" in l]
        return time.monotonic() - t, (line[0] if line else "")

    full, _ = scan([])
    print(f"full scan: {tus} TUs, {full:.1f}s")
    # Without a cache (a fresh CI job), then with the cache of a full scan of the base
    # (a CI job that restored it): its recorded dependencies replace the preprocessing.
    for cached in (False, True):
        if cached:
            shutil.rmtree(cache, ignore_errors=True)
            scan([], cached=True)
        for rel in ["deps/leveldb/leveldb-1.20/util/hash.cc",
                    "deps/leveldb/leveldb-1.20/include/leveldb/slice.h"]:
            with open(os.path.join(copy, rel), "a") as f:
                f.write("// touched\n")
            t, line = scan(["--changed-since", "HEAD"], cached=cached)
            print(f"{'cache' if cached else 'no cache'}, touched {rel}: {t:.1f}s "
                  f"({t / full:.2f} of the full scan); {line}")
            subprocess.run(["git", "checkout", "-q", rel], cwd=copy, check=True)
finally:
    shutil.rmtree(work)
