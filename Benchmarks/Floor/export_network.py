#!/usr/bin/env python3
"""Writes a network and sampled durations for listsched_floor.c (see scripts/bench.sh floor).

Usage: export_network.py NETWORK.json ITERATIONS OUTDIR
Reads the network with the peers' own loader (../shared/bench/peers/common.py: same edge filter,
same priority order, same beta-PERT), samples ITERATIONS duration vectors with numpy, and writes
  OUTDIR/net.txt   limits, priority order, per task: cpu, memory, predecessor count, successors,
                   locks, pool demands; last line: the first makespans of rcsim_heapq's simulator
  OUTDIR/dur.bin   ITERATIONS x tasks little-endian doubles (hours)
so the C program can check that it reproduces the reference schedule before it is timed.
"""
import os
import sys

peers = os.environ.get("PEERS", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "bench", "peers"))
sys.path.insert(0, peers)
import numpy as np  # noqa: E402
import common  # noqa: E402
import listsched  # noqa: E402

path, iterations, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
net = common.load(path)
st = listsched.Static(net, "rolling")
durations = common.sample_durations(net, iterations, np.random.default_rng(1))  # (tasks, iterations)
reference = [listsched.simulate_heapq(st, list(durations[:, i])) for i in range(min(iterations, 20))]
with open(os.path.join(out, "net.txt"), "w") as f:
    f.write(f"{st.n} {st.max_conc} {st.max_cpu!r} {st.max_mem!r} {st.n_excl} {len(st.pool_cap)} {iterations}\n")
    f.write(" ".join(map(str, st.pool_cap)) + "\n")
    f.write(" ".join(map(str, st.order)) + "\n")
    for j in range(st.n):
        succs = " ".join(map(str, st.succs[j]))
        locks = " ".join(map(str, st.excl[j]))
        pools = " ".join(f"{p} {a}" for p, a in st.pool[j])
        f.write(f"{st.cpu[j]!r} {st.mem[j]!r} {st.npred[j]} {len(st.succs[j])} {succs} "
                f"{len(st.excl[j])} {locks} {len(st.pool[j])} {pools}\n")
    f.write(" ".join(repr(float(x)) for x in reference) + "\n")
durations.T.astype("<f8").tofile(os.path.join(out, "dur.bin"))
