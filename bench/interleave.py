#!/usr/bin/env python3
"""Side by side in the same minutes: two arendelint binaries (json, two threads and
one thread) and the `grep -P` baseline of bench/compare.py on one corpus, in rounds
that run every command once (every other round in reverse order), so that a shared
machine's changing speed hits all of them alike. Each command runs as `sh -c "CMD | wc -c"` (as compare.py does).

Beside wall time, the CPU time (user + system) of each command's processes is
reported: it moves less than wall time when the machine is shared, so a small
change in the work done shows there first. It includes `sh` and `wc`, which read
the output; compare it between binaries, not with `grep -P`.

    python3 bench/interleave.py --before OLD_BIN --after NEW_BIN --corpus bench/out/cmp-n4000-kb5-s1

With --one-thread only the two one-thread runs alternate: twice the rounds in the
same time, for a difference of a few per cent.
"""
import argparse
import importlib.util
import os
import pathlib
import resource
import statistics
import subprocess
import time

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("--before", required=True)
p.add_argument("--after", required=True)
p.add_argument("--corpus", required=True)
p.add_argument("--rounds", type=int, default=9)
p.add_argument("--one-thread", action="store_true",
               help="only the two one-thread runs (more rounds in the same time, for a small difference)")
a = p.parse_args()

spec = importlib.util.spec_from_file_location("compare", pathlib.Path(__file__).with_name("compare.py"))
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)

d = a.corpus
size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)
cmds = {
    "before, json, 2 threads": f"{a.before} check --format json {d}",
    "after, json, 2 threads": f"{a.after} check --format json {d}",
    "before, json, 1 thread": f"RAYON_NUM_THREADS=1 {a.before} check --format json {d}",
    "after, json, 1 thread": f"RAYON_NUM_THREADS=1 {a.after} check --format json {d}",
    "grep -P": compare.GREP.replace("{input}", d),
}
if a.one_thread:
    cmds = {k: v for k, v in cmds.items() if k.endswith("1 thread")}


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


times = {k: [] for k in cmds}
cpu = {k: [] for k in cmds}
for round_no in range(a.rounds):
    # Every other round in reverse order: a command's place in the round
    # (right after which other one it runs) must not favour it.
    order = list(cmds.items())
    if round_no % 2:
        order.reverse()
    for name, cmd in order:
        c0 = children_cpu()
        t0 = time.perf_counter()
        subprocess.run(["sh", "-c", f"{cmd} | wc -c"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - t0)
        cpu[name].append(children_cpu() - c0)
print(f"{size:,} bytes, {a.rounds} interleaved rounds; load {os.getloadavg()[0]:.2f}")
print("| command | median s | MB/s (median) | MB/s (best) | CPU s (median) |")
print("|---|---:|---:|---:|---:|")
for name, t in times.items():
    med = statistics.median(t)
    print(f"| {name} | {med:.3f} | {size / 1e6 / med:.1f} | {size / 1e6 / min(t):.1f} "
          f"| {statistics.median(cpu[name]):.3f} |")
