#!/usr/bin/env python3
"""Developer tool: rewrites a lit check test's CHECK-MESSAGES lines from what the check
reports now. Review the diff before committing: the expectations are only as right as
the reviewer who accepted them.

usage: update_check_messages.py TEST_FILE CHECK [-- clang-args...]
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    argv = sys.argv[1:]
    clang_args = []
    if "--" in argv:
        i = argv.index("--")
        argv, clang_args = argv[:i], argv[i + 1:]
    path, check = argv
    ext = os.path.splitext(path)[1]
    if not any(a.startswith("-std=") for a in clang_args):
        clang_args.append("-std=c11" if ext == ".c" else "-std=c++17")
    lines = [l for l in open(path).read().split("\n")
             if not l.lstrip().startswith("// CHECK-MESSAGES:")]
    tmp = "/tmp/update_check_messages" + ext
    open(tmp, "w").write("\n".join(lines))
    out = subprocess.run([os.path.join(ROOT, "build", "bin", "vibeguard-tidy"),
                          "-checks=-*," + check, "--quiet", tmp, "--"] + clang_args,
                         capture_output=True, text=True).stdout
    found = {}
    for m in re.finditer(r"^%s:(\d+):(\d+): warning: (.*) \[%s\]$" % (re.escape(tmp), re.escape(check)),
                         out, re.M):
        found.setdefault(int(m.group(1)), []).append((int(m.group(2)), m.group(3)))
    result = []
    for n, line in enumerate(lines, 1):
        result.append(line)
        indent = re.match(r"\s*", line).group(0)
        for k, (col, msg) in enumerate(found.get(n, [])):
            # Offsets count back over the CHECK lines already inserted.
            result.append(f"{indent}// CHECK-MESSAGES: :[[@LINE-{k + 1}]]:{col}: warning: {msg}")
    open(path, "w").write("\n".join(result))
    print(f"{sum(len(v) for v in found.values())} diagnostics")
    for e in re.findall(r"^.*error: .*$", out, re.M):
        print(e)


if __name__ == "__main__":
    main()
