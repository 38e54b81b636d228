#!/usr/bin/env python3
"""The measuring half of bench/compare.sh (see there). Prints one Markdown table."""
import argparse, os, re, shlex, statistics, subprocess, sys

# The 60 forms of the 16 group words (the peers harness's prh dictionary), with
# Unicode word edges: the lower bound for a scan that finds the words at all.
FORMS = ("patienter|patienterna|patienters|patienternas|invånare|invånarna|invånares|invånarnas|"
         "medborgare|medborgarna|medborgares|medborgarnas|brukare|brukarna|brukares|brukarnas|"
         "elever|eleverna|elevers|elevernas|deltagare|deltagarna|deltagares|deltagarnas|"
         "besökare|besökarna|besökares|besökarnas|resenärer|resenärerna|resenärers|resenärernas|"
         "sökande|sökandena|sökandes|sökandenas|vårdtagare|vårdtagarna|vårdtagares|vårdtagarnas|"
         "klienter|klienterna|klienters|klienternas|anställda|anställdas|medarbetare|medarbetarna|"
         "medarbetares|medarbetarnas|barn|barnen|barns|barnens|ungdomar|ungdomarna|ungdomars|"
         "ungdomarnas|äldre|äldres")
GREP = "LC_ALL=C.UTF-8 grep -rnoiP '(?<![\\p{L}\\p{N}_-])(?:" + FORMS + ")(?![\\p{L}\\p{N}_-])' {input}"


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path)
               for f in fs if f.endswith((".md", ".txt")))


def load():
    return os.getloadavg()[0]


def run_once(cmd):
    """(wall s, peak RSS KiB, stdout bytes) of `sh -c cmd | wc -c`."""
    full = f"/usr/bin/time -v sh -c {shlex.quote(cmd)} 2>/tmp/compare.time | wc -c"
    r = subprocess.run(["bash", "-c", full], capture_output=True, text=True)
    t = open("/tmp/compare.time").read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
    h, m, s = wall.groups()
    secs = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    return secs, rss, int(r.stdout.strip() or 0)


def measure(name, corpus_label, cmd, path, runs, env=""):
    size = size_of(path)
    la = load()
    c = (env + " " if env else "") + cmd.replace("{input}", shlex.quote(path))
    run_once(c)  # warm-up: page cache
    results = [run_once(c) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    rss = max(r[1] for r in results)
    outb = results[0][2]
    row = (name, corpus_label, size / 1e6, wall, size / 1e6 / wall if wall else 0, rss / 1024, outb, la)
    print("| {} | {} | {:.1f} | {:.3f} | {:.1f} | {:.1f} | {:,} | {:.2f} |".format(*row), flush=True)
    return row


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--corpus", required=True)
    p.add_argument("--single20", required=True)
    p.add_argument("--single100", required=True)
    p.add_argument("--dense", required=True)
    p.add_argument("--peers", action="store_true")
    a = p.parse_args()
    b = shlex.quote(a.bin)
    json_cmd = b + " check --format json --fail-on never {input}"
    human_cmd = b + " check --fail-on never {input}"
    ver = subprocess.run([a.bin, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().machine}; {ver}; runs: {a.runs} (median wall, max RSS)")
    print()
    print("| tool | corpus | MB | wall s | MB/s | peak RSS MiB | output bytes | load avg |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    c4k = "4,000 cases"
    measure("arendelint json", c4k, json_cmd, a.corpus, a.runs)
    measure("arendelint json, 1 thread", c4k, json_cmd, a.corpus, a.runs, "RAYON_NUM_THREADS=1")
    measure("arendelint human", c4k, human_cmd, a.corpus, a.runs)
    measure("grep -P", c4k, GREP, a.corpus, a.runs)
    if a.peers:
        peers = os.environ.get("PEERS_DIR", os.path.expanduser("~/.cache/arendelint-peers"))
        tl = os.path.join(peers, "node_modules/.bin/textlint")
        rc = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "tools", "peers", ".textlintrc")
        rc = os.environ.get("TEXTLINTRC", rc)
        if os.path.exists(tl) and os.path.exists(rc):
            measure("textlint + prh", c4k, f"cd {shlex.quote(peers)} && {tl} --config {shlex.quote(rc)} --format json {input}; true", a.corpus, 1)
        else:
            print(f"(peers: {tl} or {rc} not found; run the peers' install_peers.sh)", file=sys.stderr)
    measure("arendelint json", "1 file ~20 MB", json_cmd, a.single20, a.runs)
    measure("arendelint json", "1 file ~100 MB", json_cmd, a.single100, a.runs)
    measure("grep -P", "1 file ~100 MB", GREP, a.single100, a.runs)
    measure("arendelint json", "dense ~50 MB", json_cmd, a.dense, a.runs)
    measure("arendelint human", "dense ~50 MB", human_cmd, a.dense, a.runs)
    measure("grep -P", "dense ~50 MB", GREP, a.dense, a.runs)


if __name__ == "__main__":
    main()
