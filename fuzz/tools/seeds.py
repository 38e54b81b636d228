#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the repository's fixtures.

    python3 fuzz/tools/seeds.py OUT_DIR DOCX_DIR [EXTRA_MD_DIR ...]

- text seeds (lint_text, agenda): examples/, the string literals of the test
  files that read like documents, and any extra Markdown folders given;
- config seeds: the example arendelint.toml, the rule data (TOML) and the TOML
  literals of the configuration tests;
- lint_docx seeds: every .docx in DOCX_DIR (written by the core's generator via
  `cargo run --example gen_docx`) in all three modes of the target;
- lsp_messages seeds: editor sessions (initialize, didOpen of an example,
  hover, code actions, didChange, pull diagnostics, shutdown, exit).
"""
import hashlib
import json
import pathlib
import re
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
MAX_SEED = 64 * 1024


def write(folder: pathlib.Path, data: bytes) -> None:
    if not data or len(data) > MAX_SEED:
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def unescape(body: str) -> str:
    def repl(m):
        s = m.group(0)
        if s.startswith("\\u{"):
            return chr(int(s[3:-1], 16))
        if s == "\\\n":
            return ""
        return {"\\n": "\n", "\\r": "\r", "\\t": "\t", '\\"': '"', "\\\\": "\\", "\\0": "\0", "\\'": "'"}.get(s, s)

    body = re.sub(r"\\\n\s*", "", body)
    return re.sub(r'\\u\{[0-9a-fA-F]+\}|\\[nrt"\\0\']', repl, body)


def literals(path: pathlib.Path):
    src = path.read_text(encoding="utf-8")
    for m in re.finditer(r'r(#+)"(.*?)"\1', src, re.S):
        yield m.group(2)
    for m in re.finditer(r'(?<![r#\w])"((?:[^"\\]|\\.)*)"', src, re.S):
        yield unescape(m.group(1))


def test_files():
    # Each crate's tests are one binary of modules under tests/it/ (and shared
    # helpers beside it), so every .rs file below tests/ counts.
    return sorted((ROOT / "tests").rglob("*.rs")) + sorted((ROOT / "crates").glob("*/tests/**/*.rs"))


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    docx_dir = pathlib.Path(sys.argv[2])
    extra = [pathlib.Path(p) for p in sys.argv[3:]]

    texts = []
    for folder in [ROOT / "examples", *extra]:
        for p in sorted(folder.rglob("*")):
            if p.suffix in (".md", ".txt") and p.is_file():
                texts.append(p.read_text(encoding="utf-8"))
    tomls = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("examples/**/*.toml"))]
    tomls += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules").glob("*.toml"))]
    for path in test_files():
        for lit in literals(path):
            if len(lit) < 24:
                continue
            if re.search(r"^\s*(\[[\w.-]+\]|[\w-]+\s*=)", lit, re.M) and "#" not in lit[:2]:
                tomls.append(lit)
            if re.search(r"[a-zåäö]{4,}", lit) and ("\n" in lit or len(lit) > 60):
                texts.append(lit)

    for t in texts:
        data = t.encode("utf-8")
        write(out / "lint_text", data)
        write(out / "agenda", data)
    for t in tomls:
        write(out / "config", t.encode("utf-8"))

    for p in sorted(docx_dir.glob("*.docx")):
        raw = p.read_bytes()
        write(out / "lint_docx", b"\x00" + raw)
        with zipfile.ZipFile(p) as z:
            document = z.read("word/document.xml")
            styles = z.read("word/styles.xml")
        write(out / "lint_docx", b"\x01" + document)
        write(out / "lint_docx", b"\x01" + document + b"\x00" + styles)
    for t in texts[:40]:
        write(out / "lint_docx", b"\x02" + t.encode("utf-8"))

    # Whole sessions must fit the target's input limit (4 kB): short cases only.
    short = sorted({t for t in texts if 40 <= len(t.encode("utf-8")) <= 2000}, key=len)
    for i, t in enumerate(short[:: max(1, len(short) // 40)]):
        uri = "untitled:arende.md" if i % 2 else "file:///tmp/arendelint-fuzz/arende.txt"
        lang = "markdown" if i % 2 else "plaintext"
        caps = {"textDocument": {"diagnostic": {}}} if i % 3 == 0 else {}
        messages = [
            {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"capabilities": caps, "initializationOptions": {"lang": "en" if i % 4 == 0 else "sv"},
                        "positionEncoding": "utf-16"}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": t}}},
            {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": uri}, "position": {"line": 4, "character": 3}}},
            {"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction",
             "params": {"textDocument": {"uri": uri},
                        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}},
                        "context": {"diagnostics": [], "only": ["quickfix", "source.fixAll.arendelint"]}}},
            {"jsonrpc": "2.0", "method": "textDocument/didChange",
             "params": {"textDocument": {"uri": uri, "version": 2},
                        "contentChanges": [{"range": {"start": {"line": 2, "character": 1}, "end": {"line": 3, "character": 0}},
                                            "text": "Patienterna väntar länge. "}]}},
            {"jsonrpc": "2.0", "id": 4, "method": "textDocument/diagnostic",
             "params": {"textDocument": {"uri": uri}}},
            {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
             "params": {"settings": {"arendelint": {"severity": {"JAM001": "off"}, "lang": "en"}}}},
            {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}},
            {"jsonrpc": "2.0", "id": 5, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"},
        ]
        bodies = [json.dumps(m, ensure_ascii=False).encode("utf-8") for m in messages]
        write(out / "lsp_messages", b"\x01" + b"\x00".join(bodies))
        framed = b"".join(b"Content-Length: %d\r\n\r\n" % len(b) + b for b in bodies)
        write(out / "lsp_messages", b"\x00" + framed)

    for name in ("lint_text", "agenda", "config", "lint_docx", "lsp_messages"):
        n = len(list((out / name).glob("*"))) if (out / name).exists() else 0
        print(f"{name}: {n} seeds")


if __name__ == "__main__":
    main()
