#!/usr/bin/env python3
"""Checks a GitLab SAST report against the fields GitLab documents for
security-report-schemas v15 (dist/sast-report-format.json; the schema file itself is
not reachable from this machine): required members, enums, the time pattern, line
numbers, identifier shape, unique ids. Prints a summary; exit 1 with the first problem.

  check_gitlab_sast.py gl-sast-report.json
"""
import json
import re
import sys

path = sys.argv[1]
problems = []


def need(cond, what):
    if not cond:
        problems.append(what)


d = json.load(open(path))
need(isinstance(d.get("version"), str) and re.match(r"^15\.\d+\.\d+$", d["version"]), "version 15.x.y")
need(isinstance(d.get("vulnerabilities"), list), "vulnerabilities array")
scan = d.get("scan", {})
for part in ("analyzer", "scanner"):
    c = scan.get(part, {})
    for k in ("id", "name", "version"):
        need(isinstance(c.get(k), str) and c[k], f"scan.{part}.{k}")
    need(isinstance(c.get("vendor", {}).get("name"), str), f"scan.{part}.vendor.name")
need(scan.get("type") == "sast", "scan.type sast")
need(scan.get("status") in ("success", "failure"), "scan.status")
for k in ("start_time", "end_time"):
    need(re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", str(scan.get(k, ""))), f"scan.{k} pattern")
for m in scan.get("messages", []):
    need(m.get("level") in ("info", "warn", "fatal") and isinstance(m.get("value"), str), "scan.messages item")
ids = set()
severities = {}
for i, v in enumerate(d.get("vulnerabilities", [])):
    w = f"vulnerabilities[{i}]"
    need(isinstance(v.get("id"), str) and v["id"], w + ".id")
    need(v.get("id") not in ids, w + ".id unique")
    ids.add(v.get("id"))
    need(v.get("severity") in ("Info", "Unknown", "Low", "Medium", "High", "Critical"), w + ".severity")
    need(len(v.get("name", "")) <= 255, w + ".name length")
    need(len(v.get("description", "")) <= 1048576, w + ".description length")
    need(len(v.get("solution", "")) <= 7000, w + ".solution length")
    loc = v.get("location", {})
    need(isinstance(loc.get("file"), str) and loc["file"] and not loc["file"].startswith("/"),
         w + ".location.file (repository-relative)")
    need(isinstance(loc.get("start_line"), int) and loc["start_line"] >= 1, w + ".location.start_line")
    need(loc.get("end_line", loc.get("start_line")) >= loc.get("start_line", 0), w + ".location.end_line")
    idents = v.get("identifiers", [])
    need(len(idents) >= 1, w + ".identifiers non-empty")
    for j, ident in enumerate(idents):
        for k in ("type", "name", "value"):
            need(isinstance(ident.get(k), str) and ident[k], f"{w}.identifiers[{j}].{k}")
    severities[v.get("severity")] = severities.get(v.get("severity"), 0) + 1
if problems:
    print(f"{path}: {problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    sys.exit(1)
print(f"valid: {len(d['vulnerabilities'])} vulnerabilities, " +
      ", ".join(f"{k} {severities[k]}" for k in sorted(severities)))
