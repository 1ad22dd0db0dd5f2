#!/usr/bin/env python3
"""Checks that the registered checks, the rule catalog, the doc pages and the lit tests
agree: every check has a catalog entry, a doc page docs/checks/<family>/<name>.md and a lit test
under test/checks/<family>/, and every catalog entry is a registered check.

usage: check_consistency.py SRC_ROOT VIBEGUARD_TIDY VIBEGUARD
"""
import json
import os
import subprocess
import sys


def main():
    src, tidy, vibeguard = sys.argv[1:4]
    listed = subprocess.run([tidy, "-checks=-*,vibeguard-*", "--list-checks"],
                            capture_output=True, text=True, check=True).stdout
    checks = {l.strip() for l in listed.splitlines() if l.strip().startswith("vibeguard-")}
    rules = json.loads(subprocess.run([vibeguard, "rules", "--format", "json"],
                                      capture_output=True, text=True, check=True).stdout)
    catalog = {r["id"]: r for r in rules}
    problems = []
    for c in sorted(checks - catalog.keys()):
        problems.append(f"check {c} has no catalog entry in lib/Catalog/rules.yaml")
    for r in sorted(catalog.keys() - checks):
        problems.append(f"catalog rule {r} is not a registered check")
    for rid, rule in sorted(catalog.items()):
        short = rid[len("vibeguard-"):]
        name = short[len(rule["family"]) + 1:]
        doc = os.path.join(src, "docs", "checks", rule["family"], name + ".md")
        if not os.path.exists(doc):
            problems.append(f"{rid}: no doc page {os.path.relpath(doc, src)}")
        else:
            text = open(doc).read()
            for cwe in rule["cwe"]:
                if cwe not in text:
                    problems.append(f"{rid}: doc page does not mention {cwe}")
            for ref in rule["iso27001"]["primary"]:
                if ref["control"] not in text:
                    problems.append(f"{rid}: doc page does not mention {ref['control']}")
        tests = os.path.join(src, "test", "checks", rule["family"])
        found = os.path.isdir(tests) and any(
            f.startswith(name + ".") or f.startswith(name + "-") for f in os.listdir(tests))
        if not found:
            problems.append(f"{rid}: no lit test test/checks/{rule['family']}/{name}.*")
    docs = os.path.join(src, "docs", "checks")
    for family in sorted(os.listdir(docs)):
        if not os.path.isdir(os.path.join(docs, family)):
            continue
        for doc in sorted(os.listdir(os.path.join(docs, family))):
            rid = f"vibeguard-{family}-{doc[:-3]}"
            if doc.endswith(".md") and rid not in catalog:
                problems.append(f"docs/checks/{family}/{doc} documents no catalog rule")
    for p in problems:
        print("inconsistent: " + p)
    print(f"{len(checks)} checks, {len(catalog)} catalog rules, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
