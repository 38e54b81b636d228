#!/usr/bin/env python3
"""Score the arendelint CLI against a folder of annotated cases.

    python3 tests/corpus/score.py tests/corpus/sample --cli target/debug/arendelint [-v]

An annotated case (.md or .txt) is a case with its expected findings written into it:

    %% expect: JAM001              a line of its own: a document-level finding
    ⟦JAM003|patienterna⟧           a span finding (JAM003, JAM004) on the enclosed text
    ## ⟦JAM002|Jämställdhet⟧       a section finding (JAM002, JAM005-JAM007) on that line

Lines starting with `%%` and the marks are removed; the rest is the text that is checked.
A reported finding matches an expected one of the same rule when, for JAM001, it is in the
same file; for section rules, it is on the same line; for span rules, its byte range
overlaps the marked text. Each expectation matches at most once. Only JAM003 findings'
first locations count: their `related` locations are not findings. README* files are skipped.
Rules with neither expectations nor reports are left out of the table.

Exit status: 0 when every rule has precision and recall at least --min (default 1.0),
1 otherwise, 2 when the CLI cannot be run.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

MARK = re.compile(r"⟦([A-Z]{3}\d{3})\|(.*?)⟧", re.S)
DOCUMENT = {"JAM001"}
SECTION = {"JAM002", "JAM005", "JAM006", "JAM007"}


def strip_marks(annotated):
    """The clean text and the expectations of one annotated case."""
    expected = []
    kept = []
    for line in annotated.splitlines(keepends=True):
        if line.startswith("%%"):
            m = re.match(r"%% *expect: *(.*)", line.strip())
            if m:
                expected += [{"rule": r} for r in re.split(r"[\s,]+", m.group(1)) if r]
            continue
        kept.append(line)
    text = "".join(kept)
    clean = bytearray()
    last = 0
    for m in MARK.finditer(text):
        clean += text[last:m.start()].encode("utf-8")
        start = len(clean)
        clean += m.group(2).encode("utf-8")
        expected.append({"rule": m.group(1), "start": start, "end": len(clean),
                         "line": clean.count(b"\n") - m.group(2).count("\n") + 1,
                         "text": m.group(2)})
        last = m.end()
    clean += text[last:].encode("utf-8")
    return bytes(clean), expected


def matches(exp, got):
    if exp["rule"] != got["rule"]:
        return False
    if exp["rule"] in DOCUMENT:
        return True
    if exp["rule"] in SECTION:
        return exp["line"] == got["line"]
    return got["byte_start"] < exp["end"] and exp["start"] < got["byte_end"]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--cli", default=os.environ.get("ARENDELINT", "arendelint"),
                    help="the arendelint binary (default: $ARENDELINT or arendelint on PATH)")
    ap.add_argument("--min", type=float, default=1.0, help="least precision and recall per rule")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    a = ap.parse_args()

    cases = sorted(f for f in os.listdir(a.folder)
                   if f.endswith((".md", ".txt")) and not f.startswith("README"))
    with tempfile.TemporaryDirectory() as tmp:
        expected = {}
        for name in cases:
            with open(os.path.join(a.folder, name), encoding="utf-8") as f:
                clean, exp = strip_marks(f.read())
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(clean)
            expected[name] = exp
        try:
            run = subprocess.run([a.cli, "check", "--format", "json", "--fail-on", "never"] + [os.path.join(tmp, n) for n in cases],
                                 capture_output=True, text=True)
            report = json.loads(run.stdout)
        except (OSError, ValueError) as e:
            print(f"score.py: could not run {a.cli}: {e}", file=sys.stderr)
            return 2
    reported = {name: [] for name in cases}
    for d in report["diagnostics"]:
        reported[os.path.basename(d["path"])].append(d)

    counts = {}
    misses = []
    for name in cases:
        open_exp = list(expected[name])
        for got in reported[name]:
            hit = next((e for e in open_exp if matches(e, got)), None)
            c = counts.setdefault(got["rule"], [0, 0, 0])
            if hit:
                open_exp.remove(hit)
                c[0] += 1
            else:
                c[1] += 1
                misses.append(f"{name}:{got['line']}: unexpected {got['rule']} "
                              f"(bytes {got['byte_start']}-{got['byte_end']})")
        for e in open_exp:
            counts.setdefault(e["rule"], [0, 0, 0])[2] += 1
            misses.append(f"{name}:{e.get('line', 1)}: missed {e['rule']} {e.get('text', '')!r}")

    ok = True
    print(f"{'rule':<8}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    total = [0, 0, 0]
    for rule in sorted(counts):
        tp, fp, fn = counts[rule]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        ok &= p >= a.min and r >= a.min
        total = [x + y for x, y in zip(total, counts[rule])]
        print(f"{rule:<8}{tp:>5}{fp:>5}{fn:>5}{p:>11.3f}{r:>8.3f}")
    tp, fp, fn = total
    print(f"{'all':<8}{tp:>5}{fp:>5}{fn:>5}{tp / max(tp + fp, 1):>11.3f}{tp / max(tp + fn, 1):>8.3f}")
    if a.verbose or not ok:
        for m in misses:
            print(m)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
