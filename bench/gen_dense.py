#!/usr/bin/env python3
"""Writes one Markdown file dense with findings: sections whose sentences repeat
"patienterna" and "312 patienter" (issue 12's worst case for output).

  python3 bench/gen_dense.py --mb 50 --out bench/out/dense-50.md
  python3 bench/gen_dense.py --kb 100 --out /tmp/dense100k.md
Deterministic: the same size gives the same bytes."""
import argparse

SENTENCES = [
    "Patienterna fick vänta länge på besked.",
    "Under året hade mottagningen 312 patienter i kö.",
    "Enligt uppföljningen var patienterna nöjda med bemötandet.",
    "Av de 312 patienter som svarade ville många ha tider på kvällen.",
]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mb", type=float, help="size in MB (10^6 bytes)")
    p.add_argument("--kb", type=float, help="size in KB (10^3 bytes)")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    target = int(a.mb * 1e6) if a.mb else int((a.kb or 100) * 1e3)
    parts = ["# Ärende: Väntetider vid vårdcentralen\n\n"]
    size = len(parts[0].encode())
    n = 0
    while size < target:
        n += 1
        para = f"## Avsnitt {n}\n\n" + " ".join(SENTENCES) + "\n\n"
        parts.append(para)
        size += len(para.encode())
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    main()
