#!/usr/bin/env python3
"""Runs `vibeguard triage set FP STATE ARGS...` in DIR for the first finding of a rule
(lit's shell has no command substitution).
usage: triage-set.py SCAN.sarif RULE-SUFFIX DIR STATE [ARGS...]"""
import json
import subprocess
import sys

scan, suffix, cwd, state = sys.argv[1:5]
results = json.load(open(scan))["runs"][0]["results"]
fp = next(r["partialFingerprints"]["vibeguard/v1"] for r in results if r["ruleId"].endswith(suffix))
sys.exit(subprocess.run(["vibeguard", "triage", "set", fp, state, "--scan", scan] + sys.argv[5:],
                        cwd=cwd).returncode)
