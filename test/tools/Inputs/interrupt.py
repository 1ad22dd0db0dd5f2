"""Starts a scan, interrupts it (SIGTERM) once one TU is cached and a slow one is
running, and prints what a user would look at: the exit code, the last line said, the
output file, the work directory and the worker processes left behind."""
import os, signal, subprocess, sys, time

src, cache, out, tmp = sys.argv[1:5]
extra = sys.argv[5:]
os.makedirs(tmp, exist_ok=True)
env = dict(os.environ, TMPDIR=tmp)
p = subprocess.Popen(["vibeguard", "scan", src, "-j", "1", "--timeout", "120",
                      "--cache-dir", cache, "-o", out] + extra,
                     stderr=subprocess.PIPE, text=True, env=env)
deadline = time.time() + 60
def cached():
    return os.path.isdir(cache) and any(
        f.endswith(".json") and not f.startswith(("link-", "taint-")) for f in os.listdir(cache))
while not cached() and time.time() < deadline and p.poll() is None:
    time.sleep(0.05)
time.sleep(1.0)  # the slow TU's worker is running now
workers = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
p.send_signal(signal.SIGTERM)
err = p.communicate(timeout=60)[1]
time.sleep(0.3)
alive = [w for w in workers if os.path.exists("/proc/" + w)]
print("exit:", p.returncode)
print("said:", err.strip().splitlines()[-1])
print("output written:", os.path.exists(out))
print("work directories left:", len(os.listdir(tmp)))
print("workers running:", len(workers), "left:", len(alive))
