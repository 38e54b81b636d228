#!/usr/bin/env python3
"""Keystroke latency of `arendelint lsp`: didChange -> the matching publishDiagnostics.

  python3 bench/lsp_latency.py target/release/arendelint --case /tmp/case1m.md
  python3 bench/lsp_latency.py target/release/arendelint --case /tmp/dense100k.md --edits 300

Spawns the real binary over stdio pipes, opens the case, then types one character
at a time at the end of a line in the middle of the document (`--warmup` edits not
counted). Each edit is sent after the previous one's diagnostics arrived, so no
edits are coalesced; the time is taken from writing the didChange frame to reading
the whole publishDiagnostics frame for that version (a reader thread timestamps
frames as they arrive). Prints p50, p95 and max in ms and the number of findings.

With --at start the edits go to the start of a line, so the findings after them on
that line move (every pull reply is then a full report).

With --pull the client advertises pull diagnostics (as VS Code does): after each
didChange it sends `textDocument/diagnostic` with the previous `resultId`, and the
time is taken to the whole response (a "full" report, or "unchanged" when the edit
moved no finding); the kinds are counted.

On Linux the server's own CPU time over the counted edits (user + system, from
/proc/PID/stat) is printed per edit too: the part of a keystroke that is the
server's work, the rest being the pipe and the client reading the frame.""" 
import argparse, json, os, subprocess, sys, threading, time, queue


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("bin")
    p.add_argument("--case", required=True)
    p.add_argument("--edits", type=int, default=200)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--pull", action="store_true", help="pull diagnostics (textDocument/diagnostic)")
    p.add_argument("--at", choices=["end", "start"], default="end",
                   help="type at the end of the middle line (default), or at the start of the first "
                        "non-blank line from the middle on, which moves the findings after it on that line")
    a = p.parse_args()
    text = open(a.case, encoding="utf-8").read()
    proc = subprocess.Popen([a.bin, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    arrivals = queue.Queue()
    responses = queue.Queue()

    def reader():
        out = proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            now = time.perf_counter()
            msg = json.loads(body)
            if "id" in msg and "method" not in msg:
                responses.put((msg["id"], now, msg.get("result")))
            if msg.get("method") == "textDocument/publishDiagnostics":
                arrivals.put((msg["params"].get("version"), now, len(msg["params"]["diagnostics"])))

    threading.Thread(target=reader, daemon=True).start()

    def send(m):
        b = json.dumps(m).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        proc.stdin.flush()

    def wait_for(version):
        while True:
            v, at, n = arrivals.get(timeout=60)
            if v == version:
                return at, n

    uri = "file:///bench/arende.md"
    caps = {"textDocument": {"diagnostic": {"dynamicRegistration": False}}} if a.pull else {}
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": None, "capabilities": caps}})
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    def pull(request_id, previous):
        params = {"textDocument": {"uri": uri}}
        if previous:
            params["previousResultId"] = previous
        send({"jsonrpc": "2.0", "id": request_id, "method": "textDocument/diagnostic", "params": params})
        while True:
            rid, at, result = responses.get(timeout=60)
            if rid == request_id:
                return at, result

    kinds = {}
    if a.pull:
        _, report = pull(10, None)
        findings = len(report.get("items", []))
        result_id = report.get("resultId")
    else:
        _, findings = wait_for(1)
    lines = text.split("\n")
    line = len(lines) // 2
    if a.at == "start":
        while line < len(lines) - 1 and not lines[line].strip():
            line += 1
    col = len(lines[line].encode("utf-16-le")) // 2 if a.at == "end" else 0
    samples = []
    cpu_at_start = None
    for i in range(a.warmup + a.edits):
        if i == a.warmup:
            cpu_at_start = cpu_seconds(proc.pid)
        version = i + 2
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": col + (i if a.at == "end" else 0)},
                                          "end": {"line": line, "character": col + (i if a.at == "end" else 0)}}, "text": "x"}]}})
        if a.pull:
            at, report = pull(100 + i, result_id)
            result_id = report.get("resultId")
            if i >= a.warmup:
                kinds[report.get("kind")] = kinds.get(report.get("kind"), 0) + 1
        else:
            at, n = wait_for(version)
        if i >= a.warmup:
            samples.append((at - start) * 1000)
    cpu_at_end = cpu_seconds(proc.pid)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=10)
    samples.sort()
    pct = lambda q: samples[min(len(samples) - 1, round((len(samples) - 1) * q))]
    print(f"{os.path.basename(a.case)}: {len(text.encode())} bytes, {findings} findings; "
          f"{len(samples)} edits: p50 {pct(0.5):.2f} ms, p95 {pct(0.95):.2f} ms, max {samples[-1]:.2f} ms; "
          f"load avg {os.getloadavg()[0]:.2f}" + (f"; pull reports {kinds}" if a.pull else "")
          + (f"; server CPU {(cpu_at_end - cpu_at_start) * 1000 / len(samples):.2f} ms per edit"
             if cpu_at_start is not None and cpu_at_end is not None and samples else ""))


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far (Linux), else None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


if __name__ == "__main__":
    main()
