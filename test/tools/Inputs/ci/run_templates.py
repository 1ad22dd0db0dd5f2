#!/usr/bin/env python3
"""Runs the CI templates' own vibeguard steps locally, the way their CI would.

  run_templates.py github|gitlab TEMPLATE.yml REPO_ROOT PROJECT_DIR

GitHub Actions: every step named "vibeguard: ..." of the scan job (once per matrix
shard) and of the report job, with ${{ matrix.* }}, ${{ env.* }} and ${{ secrets.* }}
filled in. GitLab CI: every `script` line of vibeguard_scan (once per `parallel:` node,
with CI_NODE_INDEX/CI_NODE_TOTAL) and of vibeguard_sast. Only the vibeguard install
location differs from CI: VIBEGUARD_TOOL is this checkout. Prints each step and its exit
code; stops at the first unexpected failure.
"""
import os
import re
import subprocess
import sys

import yaml

kind, template, root, project = sys.argv[1:5]
doc = yaml.safe_load(open(template))
base_env = dict(os.environ, VIBEGUARD_TOOL=root,
                VIBEGUARD=os.path.join(root, "build", "bin", "vibeguard"),
                VIBEGUARD_EVIDENCE_KEY="ci-template-test-evidence-key")


def run(label, command, env):
    p = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=project, env=env,
                       capture_output=True, text=True)
    print(f"{label}: rc {p.returncode}")
    for line in (p.stdout + p.stderr).splitlines():
        if line.startswith("vibeguard-ci:") or "error" in line:
            print("  " + line)
    return p.returncode


if kind == "github":
    wf_env = {k: str(v) for k, v in doc["env"].items()}

    def expand(text, matrix):
        def sub(m):
            scope, name = m.group(1), m.group(2)
            if scope == "matrix":
                return str(matrix[name])
            if scope == "env":
                return wf_env[name]
            if scope == "secrets":
                return base_env["VIBEGUARD_EVIDENCE_KEY"]
            sys.exit(f"unknown expression {m.group(0)}")
        out = re.sub(r"\$\{\{\s*(\w+)\.(\w+)\s*\}\}", sub, text)
        if "${{" in out:
            sys.exit("unexpanded expression in: " + out)
        return out

    def steps(job, matrix):
        for step in doc["jobs"][job]["steps"]:
            if str(step.get("name", "")).startswith("vibeguard:"):
                env = dict(base_env, SHARDS=wf_env["SHARDS"])
                for k, v in (step.get("env") or {}).items():
                    env[k] = expand(str(v), matrix)
                yield step["name"], expand(step["run"], matrix), env

    shards = doc["jobs"]["scan"]["strategy"]["matrix"]["shard"]
    if len(shards) != int(wf_env["SHARDS"]):
        sys.exit("the matrix and SHARDS disagree")
    for shard in shards:
        for name, command, env in steps("scan", {"shard": shard}):
            if run(f"scan[{shard}] {name}", command, env) != 0:
                sys.exit(1)
    for name, command, env in steps("report", {}):
        rc = run(f"report {name}", command, env)
        if rc != 0 and not name.startswith("vibeguard: gate"):
            sys.exit(1)
else:
    variables = {k: str(v) for k, v in doc["variables"].items()
                 if k not in ("VIBEGUARD_TOOL", "VIBEGUARD")}
    env0 = dict(base_env, CI_PROJECT_DIR=project, **variables)
    scan = doc["vibeguard_scan"]
    total = int(scan["parallel"])
    for index in range(1, total + 1):
        env = dict(env0, CI_NODE_INDEX=str(index), CI_NODE_TOTAL=str(total))
        for i, line in enumerate(scan["script"]):
            if run(f"vibeguard_scan {index}/{total} script[{i}]", line, env) != 0:
                sys.exit(1)
    for i, line in enumerate(doc["vibeguard_sast"]["script"]):
        rc = run(f"vibeguard_sast script[{i}]", line, env0)
        if rc != 0 and "gate" not in line:
            sys.exit(1)
    print("sast report artifact:", doc["vibeguard_sast"]["artifacts"]["reports"]["sast"])
