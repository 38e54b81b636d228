#!/usr/bin/env python3
"""Sums a target's executions, and its latest coverage, over libFuzzer logs.

    python3 fuzz/tools/tally.py fuzz/logs/*.log

A log is named <run>_<target>.log; the executions of a run are its
`stat::number_of_executed_units` when it ended, else its last `#N` status line.
"""
import collections
import pathlib
import re
import sys

TARGETS = ("lint_text", "lint_docx", "config", "agenda", "lsp_messages")
runs = collections.defaultdict(list)
for name in sys.argv[1:]:
    p = pathlib.Path(name)
    target = next((t for t in TARGETS if p.stem.endswith("_" + t)), None)
    if target is None:
        continue
    text = p.read_text(errors="replace")
    status = re.findall(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/\S+.*?exec/s: (\d+)", text, re.M)
    final = re.search(r"stat::number_of_executed_units: (\d+)", text)
    execs = int(final.group(1)) if final else (int(status[-1][0]) if status else 0)
    last = status[-1] if status else ("0", "-", "-", "-", "-")
    crashed = bool(re.search(r"panicked at|ERROR: libFuzzer|==\d+== ERROR", text))
    runs[target].append((p.stem, execs, last, crashed))

print("| target | run | executions | cov | ft | corpus | exec/s (last) | crashed |")
print("|---|---|---:|---:|---:|---:|---:|---|")
for t in TARGETS:
    for stem, execs, last, crashed in runs.get(t, []):
        print(f"| {t} | {stem} | {execs:,} | {last[1]} | {last[2]} | {last[3]} | {last[4]} | {'yes' if crashed else 'no'} |")
print()
print("| target | runs | total executions |")
print("|---|---:|---:|")
for t in TARGETS:
    total = sum(r[1] for r in runs.get(t, []))
    print(f"| {t} | {len(runs.get(t, []))} | {total:,} |")
