#!/usr/bin/env python3
"""Runs one vibeguard check over a lit test file and FileChecks its diagnostics.

usage: check_clang_tidy.py --tidy BIN [--load MODULE] [--fix] INPUT CHECK TEMP
                           [tidy-args...] [-- clang-args...]

CHECK-MESSAGES lines in INPUT must match the warnings, and any warning or error that no
CHECK-MESSAGES line expects fails the test (FileCheck --implicit-check-not). With
--fix, the fixed file is matched against CHECK-FIXES lines.
"""
import argparse
import os
import shutil
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tidy", required=True)
    ap.add_argument("--load")
    ap.add_argument("--fix", action="store_true")
    ap.add_argument("--prefix", default="CHECK-MESSAGES")
    ap.add_argument("input")
    ap.add_argument("check")
    ap.add_argument("temp")
    argv, clang_args = sys.argv[1:], []
    if "--" in argv:
        i = argv.index("--")
        argv, clang_args = argv[:i], argv[i + 1:]
    args, tidy_args = ap.parse_known_args(argv)
    ext = os.path.splitext(args.input)[1]
    if not any(a.startswith("-std=") for a in clang_args):
        clang_args.append("-std=c11" if ext == ".c" else "-std=c++17")

    temp_src = args.temp + ext
    shutil.copyfile(args.input, temp_src)
    cmd = [args.tidy]
    if args.load:
        cmd.append("--load=" + args.load)
    cmd += ["-checks=-*," + args.check, "--header-filter=.*", "--quiet"]
    if args.fix:
        cmd.append("-fix")
    cmd += tidy_args + [temp_src, "--"] + clang_args
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = proc.stdout
    msg_file = args.temp + ".msg"
    with open(msg_file, "w") as f:
        f.write(output)
    if "error:" in output and "clang-diagnostic-error" in output:
        sys.stderr.write("the test file does not compile:\n" + output)
        return 1

    with open(args.input) as f:
        text = f.read()
    check = ["FileCheck", "-input-file=" + msg_file, args.input,
             "-check-prefix=" + args.prefix,
             "-implicit-check-not={{warning|error}}:"]
    if args.prefix not in text:
        # A file with only safe code: nothing may be reported.
        if "warning:" in output or "error:" in output:
            sys.stderr.write("unexpected diagnostics:\n" + output)
            return 1
    else:
        r = subprocess.run(check)
        if r.returncode:
            sys.stderr.write("clang-tidy output was:\n" + output)
            return r.returncode
    if args.fix and "CHECK-FIXES" in text:
        r = subprocess.run(["FileCheck", "-input-file=" + temp_src, args.input,
                            "-check-prefix=CHECK-FIXES", "-strict-whitespace"])
        return r.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
