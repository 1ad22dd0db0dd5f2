#!/usr/bin/env bash
# The steps of vibeguard's CI templates (ci/github-actions.yml, ci/gitlab-ci.yml): each
# template job calls one of them, and test/tools/ci-templates.test runs the templates'
# own lines against examples/, so what is tested is what the templates run.
#
#   vibeguard-ci.sh scan  BUILD_DIR SOURCE_DIR K N OUT_DIR   one shard: OUT_DIR/shard-K.sarif
#   vibeguard-ci.sh merge OUT_DIR                            shards -> vibeguard.sarif,
#                                                            gl-sast-report.json, report.md,
#                                                            report.html, evidence/
#   vibeguard-ci.sh gate  OUT_DIR [BASELINE.sarif]           exit 1 on findings not in the
#                                                            baseline (all, without one)
#
# Environment: VIBEGUARD (the vibeguard binary; default: on PATH), VIBEGUARD_CHANGED_SINCE
# (a git revision: scan only the TUs it affects), VIBEGUARD_CACHE_DIR (default
# .vibeguard-cache), VIBEGUARD_EVIDENCE_KEY (HMAC key for the evidence pack; no pack
# without it).
set -euo pipefail
vibeguard=${VIBEGUARD:-vibeguard}
step=${1:-}
shift || true

case $step in
  scan)
    [[ $# -eq 5 ]] || { echo "usage: vibeguard-ci.sh scan BUILD_DIR SOURCE_DIR K N OUT_DIR" >&2; exit 2; }
    build=$1 src=$2 k=$3 n=$4 out=$5
    mkdir -p "$out"
    extra=()
    [[ -n ${VIBEGUARD_CHANGED_SINCE:-} ]] && extra+=(--changed-since "$VIBEGUARD_CHANGED_SINCE")
    # --fail-on none: a shard reports; the gate decides after the merge.
    rc=0
    "$vibeguard" scan -p "$build" --source-root "$src" --shard "$k/$n" \
      --cache-dir "${VIBEGUARD_CACHE_DIR:-.vibeguard-cache}" --fail-on none \
      -o "$out/shard-$k.sarif" "${extra[@]}" || rc=$?
    # 3: some TUs could not be analysed; they are listed in the SARIF, go on.
    [[ $rc -eq 0 || $rc -eq 3 ]] || exit "$rc"
    ;;
  merge)
    [[ $# -eq 1 ]] || { echo "usage: vibeguard-ci.sh merge OUT_DIR" >&2; exit 2; }
    out=$1
    shopt -s nullglob
    shards=("$out"/shard-*.sarif)
    ((${#shards[@]})) || { echo "vibeguard-ci: no shard SARIF in $out" >&2; exit 2; }
    "$vibeguard" merge "${shards[@]}" -o "$out/vibeguard.sarif"
    "$vibeguard" merge "${shards[@]}" --format gitlab-sast -o "$out/gl-sast-report.json"
    "$vibeguard" report "$out/vibeguard.sarif" -o "$out/report.md"
    "$vibeguard" report "$out/vibeguard.sarif" --format html -o "$out/report.html"
    if [[ -n ${VIBEGUARD_EVIDENCE_KEY:-} ]]; then
      rm -rf "$out/evidence"
      "$vibeguard" report "$out/vibeguard.sarif" --evidence "$out/evidence" \
        --hmac-key-env VIBEGUARD_EVIDENCE_KEY
    fi
    ;;
  gate)
    [[ $# -ge 1 && $# -le 2 ]] || { echo "usage: vibeguard-ci.sh gate OUT_DIR [BASELINE.sarif]" >&2; exit 2; }
    out=$1 base=${2:-}
    if [[ -n $base && -f $base ]]; then
      "$vibeguard" diff "$base" "$out/vibeguard.sarif" --format json > "$out/diff.json"
      new=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["new"]))' "$out/diff.json")
    else
      new=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$out/vibeguard.sarif")
    fi
    echo "vibeguard-ci: $new new finding(s)"
    [[ $new -eq 0 ]]
    ;;
  *)
    echo "usage: vibeguard-ci.sh scan|merge|gate ..." >&2
    exit 2
    ;;
esac
