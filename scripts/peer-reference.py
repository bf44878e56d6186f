#!/usr/bin/env python3
"""Makespans of the peer reference scheduler (bench/peers/listsched.py, as rcsim_heapq runs it)
for fixed duration vectors, to pin `tasks`' scheduling core to the peers run by run.

Duration vector k of a network: k = 0 is the most-likely durations; k >= 1 is
d_i = a_i + (b_i - a_i) * frac((i + 1) * 0.6180339887498949 * k), computed the same way in
Tests/SchedulingTests/PeerAgreementTests.swift.

    python3 scripts/peer-reference.py ../shared/bench/networks/net-300.json ...
"""
import json
import math
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("TASKS_SHARED", os.path.join(here, "..", "..", "shared"))
if not os.path.isdir(shared):
    shared = "/work/shared"
sys.path.insert(0, os.path.join(shared, "bench", "peers"))
import common  # noqa: E402
import listsched  # noqa: E402

PHI = 0.6180339887498949


def durations(net, k):
    if k == 0:
        return [float(x) for x in net.m]
    out = []
    for i in range(net.n):
        a, b = float(net.a[i]), float(net.b[i])
        u = ((i + 1) * PHI * k) % 1.0
        out.append(a + (b - a) * u)
    return out


result = {}
for path in sys.argv[1:]:
    net = common.load(path)
    row = {}
    for sched in ("rolling", "waves"):
        st = listsched.Static(net, sched)
        row[sched] = [listsched.simulate_heapq(st, durations(net, k)) for k in range(4)]
    result[os.path.basename(path)] = row
print(json.dumps(result, indent=1))
