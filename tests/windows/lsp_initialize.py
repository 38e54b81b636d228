"""Starts a language server (the command line given) and checks that it
answers `initialize` with arendelint's capabilities, then `shutdown`, and
exits with status 0 after `exit`."""
import json
import subprocess
import sys


def send(proc, message):
    body = json.dumps(message).encode("utf-8")
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("lsp: the server closed its output")
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        raise SystemExit("lsp: a message without Content-Length")
    return json.loads(proc.stdout.read(length))


def answer(proc, id_):
    while True:
        message = receive(proc)
        if message.get("id") == id_:
            return message


proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": None, "rootUri": None, "capabilities": {}}})
init = answer(proc, 1)
caps = init.get("result", {}).get("capabilities", {})
info = init.get("result", {}).get("serverInfo", {})
if info.get("name") != "arendelint" or caps.get("hoverProvider") is not True or "codeActionProvider" not in caps:
    raise SystemExit(f"lsp: unexpected initialize result: {json.dumps(init)[:500]}")
send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
shutdown = answer(proc, 2)
if "error" in shutdown:
    raise SystemExit(f"lsp: shutdown failed: {shutdown}")
send(proc, {"jsonrpc": "2.0", "method": "exit"})
proc.stdin.close()
status = proc.wait(timeout=60)
if status != 0:
    raise SystemExit(f"lsp: exit status {status}")
print(f"lsp: {info.get('name')} {info.get('version')} answered initialize", file=sys.stderr)
