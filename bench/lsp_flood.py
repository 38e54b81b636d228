#!/usr/bin/env python3
"""Opens a ~2 MB document with over 200,000 findings in `arendelint lsp` and
times didOpen -> publishDiagnostics and the next request (issue: the server
must answer within 2 s and keep serving). Usage: python3 bench/lsp_flood.py target/release/arendelint"""
import json, subprocess, sys, time
exe=sys.argv[1]
p=subprocess.Popen([exe,"lsp"],stdin=subprocess.PIPE,stdout=subprocess.PIPE,stderr=subprocess.DEVNULL)
def send(m):
    b=json.dumps(m).encode(); p.stdin.write(b"Content-Length: %d\r\n\r\n"%len(b)+b); p.stdin.flush()
def read():
    h=b""
    while not h.endswith(b"\r\n\r\n"): h+=p.stdout.read(1)
    n=int([l for l in h.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
    return json.loads(p.stdout.read(n))
send({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":None,"rootUri":None,"capabilities":{}}})
while read().get("id")!=1: pass
send({"jsonrpc":"2.0","method":"initialized","params":{}})
text="# Ärende\n\n"+"Hade 312 patienter. "*100000
t=time.time()
send({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x/stor.md","languageId":"markdown","version":1,"text":text}}})
while True:
    m=read()
    if m.get("method")=="textDocument/publishDiagnostics":
        d=m["params"]["diagnostics"]; break
t1=time.time()
send({"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x/stor.md"},"position":{"line":2,"character":6}}})
while read().get("id")!=2: pass
t2=time.time()
print(f"{len(text)} bytes: publishDiagnostics with {len(d)} diagnostics after {1000*(t1-t):.0f} ms; next request answered after {1000*(t2-t1):.0f} ms")
send({"jsonrpc":"2.0","id":3,"method":"shutdown"}); send({"jsonrpc":"2.0","method":"exit"})
print("exit code", p.wait())
