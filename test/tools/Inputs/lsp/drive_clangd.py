#!/usr/bin/env python3
"""Drives vibeguard-clangd over the Language Server Protocol (stdin/stdout) the way an
editor does: initialize, open a file with mistakes, read the diagnostics it publishes,
change the file to the fixed code, read them again. Prints what an editor would show,
for FileCheck.

  drive_clangd.py CLANGD WORKDIR BAD_SOURCE FIXED_SOURCE
"""
import json
import os
import subprocess
import sys
import threading
import queue

clangd, workdir, bad, fixed = sys.argv[1:5]
proc = subprocess.Popen([clangd, os.environ.get("VG_CLANGD_LOG", "--log=error"), "--background-index=false",
                         "--pretty=false"], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, cwd=workdir)
inbox = queue.Queue()


def reader():
    out = proc.stdout
    while True:
        headers = {}
        while True:
            line = out.readline()
            if not line:
                inbox.put(None)
                return
            line = line.decode().strip()
            if not line:
                break
            k, v = line.split(":", 1)
            headers[k.lower()] = v.strip()
        inbox.put(json.loads(out.read(int(headers["content-length"]))))


threading.Thread(target=reader, daemon=True).start()
next_id = [0]


def send(method, params, request=False):
    msg = {"jsonrpc": "2.0", "method": method, "params": params}
    if request:
        next_id[0] += 1
        msg["id"] = next_id[0]
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()
    return msg.get("id")


def wait_for(pred, what, timeout=120):
    while True:
        try:
            m = inbox.get(timeout=timeout)
        except queue.Empty:
            sys.exit("timed out waiting for " + what)
        if m is None:
            sys.exit("clangd exited while waiting for " + what)
        if m.get("method") == "window/workDoneProgress/create" and "id" in m:
            body = json.dumps({"jsonrpc": "2.0", "id": m["id"], "result": None}).encode()
            proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            proc.stdin.flush()
        if pred(m):
            return m


def show(diags):
    for d in sorted(diags, key=lambda d: (d["range"]["start"]["line"], d.get("code", ""))):
        if not str(d.get("code", "")).startswith("vibeguard-"):
            continue
        s = d["range"]["start"]
        print(f"  {s['line'] + 1}:{s['character'] + 1} [{d['code']}] {d['message']}")
        for r in d.get("relatedInformation", []):
            print(f"    related {r['location']['range']['start']['line'] + 1}: {r['message']}")


root = "file://" + os.path.abspath(workdir)
uri = root + "/main.cpp"
rid = send("initialize", {"processId": os.getpid(), "rootUri": root, "capabilities": {
    "textDocument": {"publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
                     "codeAction": {"codeActionLiteralSupport": {
                         "codeActionKind": {"valueSet": ["quickfix"]}}}}}}, request=True)
init = wait_for(lambda m: m.get("id") == rid, "initialize")
print("server:", init["result"]["serverInfo"]["name"])
send("initialized", {})
send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp", "version": 1,
                                               "text": open(bad).read()}})
pub = wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
               and m["params"]["uri"] == uri and m["params"].get("version") == 1,
               "diagnostics of version 1")
print("version 1 diagnostics:")
show(pub["params"]["diagnostics"])
# Each vibeguard diagnostic's code actions (its fix-its), as the editor's light bulb.
for d in pub["params"]["diagnostics"]:
    if not str(d.get("code", "")).startswith("vibeguard-"):
        continue
    rid = send("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                           "context": {"diagnostics": [d]}}, request=True)
    actions = wait_for(lambda m: m.get("id") == rid, "code actions")["result"] or []
    for a in actions:
        edits = [e["newText"] for es in (a.get("edit", {}).get("changes", {}) or {}).values() for e in es]
        print(f"  action for {d['code']}: {a['title']} -> {edits}")

send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                "contentChanges": [{"text": open(fixed).read()}]})
pub = wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
               and m["params"]["uri"] == uri and m["params"].get("version") == 2,
               "diagnostics of version 2")
vg = [d for d in pub["params"]["diagnostics"] if str(d.get("code", "")).startswith("vibeguard-")]
print(f"version 2 diagnostics: {len(vg)} vibeguard, {len(pub['params']['diagnostics'])} in all")
show(pub["params"]["diagnostics"])

rid = send("shutdown", None, request=True)
wait_for(lambda m: m.get("id") == rid, "shutdown")
send("exit", None)
proc.wait(timeout=30)
print("exit code:", proc.returncode)
