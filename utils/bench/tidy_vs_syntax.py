#!/usr/bin/env python3
"""Times vibeguard's clang-tidy checks against `clang-19 -fsyntax-only` over one
compile database, in one run, and writes the findings.

usage: tidy_vs_syntax.py --db compile_commands.json [--checks GLOB] [-j N]
                         [--tidy PATH] [--findings FILE] [--rounds R]

Both passes run every entry of the database with the same parallelism; rounds alternate
(syntax, tidy, syntax, tidy, ...) so machine noise hits both. Prints wall times, the
ratio tidy/syntax (the cost of the checks plus clang-tidy's driver over parsing) and the
number of findings per check. Timings on a shared machine are noisy: compare the ratio.
"""
import argparse
import collections
import concurrent.futures as cf
import json
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def entry_args(e):
    args = e.get("arguments") or shlex.split(e["command"])
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a == e["file"]:
            continue
        out.append(a)
    return out


def run_all(cmds, jobs):
    def one(c):
        cmd, cwd = c
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, errors="replace")
        return p.returncode, p.stdout
    start = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(one, cmds))
    return time.monotonic() - start, results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--checks", default="-*,vibeguard-*")
    ap.add_argument("-j", type=int, default=os.cpu_count())
    ap.add_argument("--tidy", default=os.path.join(ROOT, "build", "bin", "vibeguard-tidy"))
    ap.add_argument("--findings")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--tidy-arg", action="append", default=[],
                    help="extra vibeguard-tidy argument, e.g. --tidy-arg=-config=...")
    ap.add_argument("--driver-baseline", action="store_true",
                    help="also time the clang-tidy driver alone (one trivial upstream "
                         "check), to split the cost between the driver and the checks")
    a = ap.parse_args()

    try:
        db = json.load(open(a.db))
    except (OSError, ValueError) as err:
        sys.exit(f"tidy_vs_syntax: error: {a.db}: {err}")
    syntax, tidy, driver = [], [], []
    for e in db:
        f = os.path.join(e["directory"], e["file"])
        args = entry_args(e)
        syntax.append((["clang-19", "-fsyntax-only"] + args + [f], e["directory"]))
        tidy.append(([a.tidy, "--quiet", "-checks=" + a.checks, "--header-filter=.*"] +
                     a.tidy_arg + [f, "--"] + args, e["directory"]))
        driver.append(([a.tidy, "--quiet", "-checks=-*,llvm-twine-local", f, "--"] + args,
                       e["directory"]))

    t_syntax = t_tidy = t_driver = 0.0
    for _ in range(a.rounds):
        ts, rs = run_all(syntax, a.j)
        tt, rt = run_all(tidy, a.j)
        t_syntax += ts
        t_tidy += tt
        if a.driver_baseline:
            t_driver += run_all(driver, a.j)[0]
    bad = [c[0][-1] for c, r in zip(syntax, rs) if r[0] != 0]
    if bad:
        print(f"warning: {len(bad)} entries do not parse with clang-19, e.g. {bad[0]}")

    findings = set()
    for _, out in rt:
        for line in out.splitlines():
            if re.search(r": warning: .*\[vibeguard-", line):
                findings.add(line)
    findings = sorted(findings)
    if a.findings:
        tmp = a.findings + ".tmp"
        with open(tmp, "w") as f:
            f.write("\n".join(findings) + ("\n" if findings else ""))
        os.replace(tmp, a.findings)
    per_check = collections.Counter(re.search(r"\[(vibeguard-[^\]]+)\]", l).group(1)
                                    for l in findings)
    print(f"database: {a.db} ({len(db)} entries, -j{a.j}, {a.rounds} round(s))")
    print(f"clang-19 -fsyntax-only: {t_syntax / a.rounds:8.2f} s")
    print(f"vibeguard-tidy {a.checks}: {t_tidy / a.rounds:8.2f} s")
    if a.driver_baseline:
        print(f"clang-tidy driver alone: {t_driver / a.rounds:8.2f} s "
              f"(ratio {t_driver / t_syntax:.2f})")
    print(f"ratio: {t_tidy / t_syntax:.2f}")
    print(f"findings: {len(findings)}")
    for c, n in sorted(per_check.items()):
        print(f"  {n:4}  {c}")


if __name__ == "__main__":
    main()
