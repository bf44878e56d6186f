#!/usr/bin/env python3
"""Summarises the executor section of scripts/bench.sh: interleave.py JSON files, one per size.

Per size: median wall and CPU (user+sys of the whole process tree) of each command, the wall
ratio of `tasks execute` to `ninja`, and CPU per task over the spawn lower bound
(posix_spawn of `/bin/sh -c true`, same parallelism). Then the marginal CPU per task between
the sizes (fixed start-up cost removed): flat per-task cost means the marginal figure is
close to the per-size ones.
Usage: bench-exec.py RESULT.json [RESULT.json ...]
"""
import json
import statistics
import sys

LB = "spawn floor (posix_spawn sh -c true)"

runs = []
for path in sys.argv[1:]:
    with open(path) as f:
        runs.append(json.load(f))
runs.sort(key=lambda r: r["n"])
med = lambda xs: statistics.median(xs)
print("| N | command | wall median s | CPU median s | CPU µs/task over floor | wall vs ninja |")
print("|---:|---|---:|---:|---:|---:|")
for r in runs:
    n, res = r["n"], r["results"]
    lb_cpu = med(res[LB]["cpu"])
    ninja_wall = med(res["ninja -j2"]["wall"])
    for name, d in res.items():
        bad = "" if all(c == 0 for c in d["rc"]) else " (non-zero exit!)"
        over = "" if name == LB else "%.0f" % ((med(d["cpu"]) - lb_cpu) / n * 1e6)
        ratio = "" if name == LB else "%.2f×" % (med(d["wall"]) / ninja_wall)
        print("| %d | %s%s | %.3f | %.3f | %s | %s |" % (n, name, bad, med(d["wall"]), med(d["cpu"]), over, ratio))
if len(runs) >= 2:
    a, b = runs[0], runs[-1]
    dn = b["n"] - a["n"]
    print("\nMarginal CPU per task, N=%d → %d (start-up cost removed), over the floor's marginal cost:" % (a["n"], b["n"]))
    floor = (med(b["results"][LB]["cpu"]) - med(a["results"][LB]["cpu"])) / dn * 1e6
    for name in a["results"]:
        if name == LB or name not in b["results"]:
            continue
        m = (med(b["results"][name]["cpu"]) - med(a["results"][name]["cpu"])) / dn * 1e6
        print("  %-40s %6.0f µs/task (%+.0f over the floor's %.0f)" % (name, m, m - floor, floor))
