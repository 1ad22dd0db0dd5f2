#!/usr/bin/env bash
# The main job: install what is missing, build vibeguard, scan the bundled example
# service (examples/vibe-service) and show the findings with their ISO 27001 controls.
#   bash utils/demo.sh [SOURCE_DIR]   (default: examples/vibe-service)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$(cd "${1:-$root/examples/vibe-service}" && pwd)
build=${VIBEGUARD_BUILD_DIR:-$root/build}

bash "$root/utils/setup.sh"
echo "== building vibeguard"
bash "$root/utils/build.sh" vibeguard vibeguard-worker vibeguard-tidy VibeGuardTidyModule | tail -1

echo "== configuring $target for its compile database"
db_dir=$build/scan/$(basename "$target")
mkdir -p "$db_dir"
if ! cmake -S "$target" -B "$db_dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
    > "$db_dir/cmake.log" 2>&1; then
  echo "error: configuring $target failed; see $db_dir/cmake.log" >&2
  exit 1
fi
[[ -f $db_dir/compile_commands.json ]] || { echo "error: $db_dir/compile_commands.json was not written" >&2; exit 1; }

echo "== vibeguard scan (every rule, one worker per translation unit)"
out=$db_dir/vibeguard-findings.txt
sarif=$db_dir/vibeguard.sarif
rc=0
"$build/bin/vibeguard" scan -p "$db_dir" --source-root "$target" --format text -o "$out" \
  --sarif-output "$sarif" || rc=$?
# Exit 1 means findings, which is what the example is for; 2 and 3 are real problems.
if [[ $rc -ne 0 && $rc -ne 1 ]]; then
  echo "error: vibeguard scan failed with exit code $rc" >&2
  exit "$rc"
fi
cat "$out"
echo
echo "== $(grep -c ': warning: ' "$out") findings in $(python3 -c 'import json,sys; print(len({e["file"] for e in json.load(open(sys.argv[1]))}))' "$db_dir/compile_commands.json") files, by rule and ISO/IEC 27001:2022 control:"
"$build/bin/vibeguard" rules --format json > "$db_dir/rules.json"
python3 - "$out" "$db_dir/rules.json" <<'PY'
import json, re, sys, collections
rules = {r["id"]: r for r in json.load(open(sys.argv[2]))}
counts = collections.Counter(re.findall(r"\[(vibeguard-[a-z0-9-]+)\]$", open(sys.argv[1]).read(), re.M))
for rid, n in sorted(counts.items()):
    r = rules[rid]
    ctl = ", ".join(c["control"] for c in r["iso27001"]["primary"])
    print(f"  {n:3}  {rid:42} {r['severity']:8} {', '.join(r['cwe']):24} ISO {ctl}")
PY
echo "   SARIF 2.1.0 for code scanning: $sarif"

echo
echo "== ISO 27001 report and signed evidence pack"
"$build/bin/vibeguard" report "$sarif" -o "$db_dir/vibeguard-report.md"
"$build/bin/vibeguard" report "$sarif" --format html -o "$db_dir/vibeguard-report.html"
# A demo key: in real use the key is yours (--ed25519-key, or --hmac-key-env NAME).
key=$db_dir/demo-signing-key.pem
[[ -f $key ]] || openssl genpkey -algorithm ed25519 -out "$key" 2>/dev/null
rm -rf "$db_dir/evidence"
"$build/bin/vibeguard" report "$sarif" --evidence "$db_dir/evidence" --ed25519-key "$key"
"$build/bin/vibeguard" verify "$db_dir/evidence" --ed25519-key "$key"
echo "   Markdown report (pull-request comment): $db_dir/vibeguard-report.md"
echo "   HTML report (controls, findings, traces, review form): $db_dir/vibeguard-report.html"
echo "   evidence pack (manifest.json, report.md, report.html, findings.csv, controls.json, scan.sarif): $db_dir/evidence"
