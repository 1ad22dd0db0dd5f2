#!/usr/bin/env python3
"""Runs a command and writes 'exit: N' to the file given first (lit tests of exit codes)."""
import subprocess
import sys

rc = subprocess.run(sys.argv[2:]).returncode
open(sys.argv[1], "w").write(f"exit: {rc}\n")
