#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the GoogleTest unit tests and
# the lit suites (check tests, tool tests). Ends with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${VIBEGUARD_BUILD_DIR:-$root/build}

bash "$root/utils/setup.sh" || exit 1
bash "$root/utils/build.sh" || exit 1

passed=0 failed=0
echo "== unit tests"
for unit in vibeguard-unittests vibeguard-engine-unittests; do
  log=$build/$unit.log
  "$build/bin/$unit" --gtest_brief=1 > "$log" 2>&1
  rc=$?
  tail -3 "$log"
  u_pass=$(grep -oE '\[  PASSED  \] [0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
  u_fail=$(grep -oE '\[  FAILED  \] [0-9]+ test' "$log" | grep -oE '[0-9]+' || echo 0)
  [[ $rc -ne 0 && $u_fail -eq 0 ]] && u_fail=1 && grep -v '^\[' "$log" | tail -20
  passed=$((passed + ${u_pass:-0})); failed=$((failed + ${u_fail:-0}))
done

echo "== lit tests"
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$build/test" > "$build/lit.log" 2>&1
rc=$?
grep -E '^(FAIL|XPASS|UNRESOLVED):' "$build/lit.log" && grep -A40 -E '^\*{20} TEST .* FAILED' "$build/lit.log" | head -200
sed -n '/^Total Discovered Tests/,$p' "$build/lit.log"
l_pass=$(grep -oE '^  Passed *: [0-9]+' "$build/lit.log" | grep -oE '[0-9]+$' || echo 0)
l_fail=$(grep -E '^  (Failed|Unresolved|Timed Out|Unexpectedly Passed) *: [0-9]+' "$build/lit.log" | awk -F: '{split($2, a, " "); s += a[1]} END {print s + 0}')
[[ $rc -ne 0 && ${l_fail:-0} -eq 0 ]] && l_fail=1
passed=$((passed + ${l_pass:-0})); failed=$((failed + ${l_fail:-0}))

echo
echo "vibeguard: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
