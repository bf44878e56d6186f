#!/usr/bin/env python3
"""Generate a large synthetic T.A.S.K.S v3 tasks.json for performance work.

Deterministic (seeded, standard library only): the same --tasks/--layers/--seed always give the
same bytes. The plan is layered: every task in layer L > 0 has at least one hard predecessor in
layer L-1, and every edge points from an earlier layer to a later one, so the graph is acyclic
and its Kahn layering has exactly --layers layers.

What is in it:
  - ~2.2 kept edges per task (hard, confidence 0.7-1.0, types technical/sequential/infrastructure/
    knowledge), plus ~3% soft edges (isHard false) and ~3% low-confidence hard edges (0.4-0.69)
    that the MIN_CONFIDENCE filter drops;
  - beta-PERT three-point durations in hours (database migrations are short, 0.5-2h most likely);
  - cpu_cores 1-4, memory_mb 256-4096, mixed priorities and worker capabilities;
  - ~3% of tasks hold the exclusive `database_migrations`, ~10% take 1 unit of `test_db_pool`
    (capacity 4).
It carries no boundaries or source evidence: it is for graph, simulation and Monte Carlo speed,
not for strict validation.

Usage: python3 scripts/gen-large-scenario.py [--tasks N] [--layers L] [--seed S] [--out PATH]
Defaults write scenarios/large-3000.json (3,000 tasks, 40 layers, seed 3000).
"""
import argparse
import json
import os
import random
import sys

VERBS = ["Implement", "Add", "Create", "Write", "Build", "Configure", "Refactor", "Migrate", "Test",
         "Document", "Optimize", "Integrate", "Validate", "Deploy", "Instrument", "Extend"]
NOUNS = ["auth handler", "session cache", "billing adapter", "search index", "report exporter",
         "rate limiter", "audit trail", "webhook relay", "feature flag client", "notification worker",
         "invoice renderer", "metrics sink", "import pipeline", "permission check", "config loader",
         "retry policy", "queue consumer", "profile endpoint", "schema validator", "admin view",
         "locale bundle", "pagination helper", "health probe", "upload service", "event projector"]
EDGE_TYPES = ["technical", "technical", "technical", "sequential", "sequential", "infrastructure", "knowledge"]
CAPABILITIES = ["backend", "frontend", "database", "testing", "devops"]
PRIORITIES = ["low", "medium", "medium", "high", "high", "critical"]
LOOKBACK = 4          # predecessors come from the previous LOOKBACK layers
EXTRA_PREDS = [(1, 0.25), (2, 0.35), (3, 0.29), (4, 0.11)]  # mean 2.26 hard preds per non-root task


def weighted(rng, pairs):
    x = rng.random()
    for value, weight in pairs:
        x -= weight
        if x < 0:
            return value
    return pairs[-1][0]


def quarter(x):
    return round(x * 4) / 4


def make_duration(rng, migration):
    m = quarter(rng.uniform(0.5, 2.0)) if migration else quarter(rng.triangular(1.0, 8.0, 3.0))
    m = max(m, 0.25)
    if rng.random() < 0.03:                       # a few fixed-length tasks (change windows, etc.)
        return {"optimistic": m, "mostLikely": m, "pessimistic": m}
    a = max(0.25, quarter(m * rng.uniform(0.5, 0.9)))
    b = quarter(m * rng.uniform(1.3, 2.6))
    a, b = min(a, m), max(b, m + 0.25)
    return {"optimistic": a, "mostLikely": m, "pessimistic": b}


def generate(n_tasks, n_layers, seed):
    rng = random.Random(seed)
    n_layers = max(1, min(n_layers, n_tasks))
    # Layer sizes: near-equal with jitter, every layer non-empty.
    base = [1] * n_layers
    for _ in range(n_tasks - n_layers):
        base[rng.randrange(n_layers)] += 1
    ids, layer_of, layers = [], {}, []
    width = max(3, len(str(n_tasks)))
    k = 0
    for layer, size in enumerate(base):
        members = []
        for _ in range(size):
            k += 1
            tid = f"P1.T{k:0{width}d}"
            ids.append(tid)
            layer_of[tid] = layer
            members.append(tid)
        layers.append(members)

    n_features = max(1, min(40, n_tasks // 75))
    tasks, migrations, pool_users = [], [], []
    for i, tid in enumerate(ids):
        migration = rng.random() < 0.03
        pooled = not migration and rng.random() < 0.10
        caps = sorted(set(rng.sample(CAPABILITIES, weighted(rng, [(1, 0.6), (2, 0.35), (3, 0.05)]))))
        if migration and "database" not in caps:
            caps = sorted(caps + ["database"])
        if pooled and "testing" not in caps:
            caps = sorted(caps + ["testing"])
        estimated = {"cpu_cores": rng.randint(1, 4), "memory_mb": 256 * rng.randint(1, 16)}
        if migration:
            estimated["exclusive_resources"] = ["database_migrations"]
            migrations.append(tid)
        if pooled:
            estimated["shared_resources"] = {"test_db_pool": 1}
            pool_users.append(tid)
        verb = "Migrate" if migration else rng.choice(VERBS)
        noun = "schema for " + rng.choice(NOUNS) if migration else rng.choice(NOUNS)
        retries = rng.choice([0, 1, 2, 2, 3])
        tasks.append({
            "id": tid,
            "feature_id": f"F{1 + (layer_of[tid] * n_features) // n_layers:03d}",
            "title": f"{verb} {noun} #{i + 1}",
            "category": "foundation" if layer_of[tid] < n_layers // 8 else rng.choice(
                ["implementation", "implementation", "integration", "optimization"]),
            "resource_requirements": {"estimated": estimated, "worker_capabilities_required": caps},
            "scheduling_hints": {"priority": "high" if migration else rng.choice(PRIORITIES),
                                 "retry_on_failure": retries > 0, "max_retries": retries,
                                 "checkpoint_capable": rng.random() < 0.3,
                                 "can_pause_resume": rng.random() < 0.2},
            "duration": make_duration(rng, migration),
            "durationUnits": "hours",
            "acceptance_checks": [{"type": "command", "cmd": f"test -f out/{tid}.done"}],
        })

    deps, seen = [], set()

    def add(frm, to, typ, conf, hard, reason):
        seen.add((frm, to))
        deps.append({"from": frm, "to": to, "type": typ, "reason": reason,
                     "evidence": [{"type": "synthetic", "reason": reason, "confidence": conf}],
                     "confidence": conf, "isHard": hard})

    def pick_pred(layer, nearest):
        lo = layer - 1 if nearest else max(0, layer - LOOKBACK)
        src_layer = rng.randint(lo, layer - 1)
        return rng.choice(layers[src_layer])

    for layer in range(1, n_layers):
        for tid in layers[layer]:
            want = weighted(rng, EXTRA_PREDS)
            tries = 0
            got = 0
            while got < want and tries < 20:
                tries += 1
                src = pick_pred(layer, nearest=(got == 0))
                if (src, tid) in seen:
                    continue
                conf = round(rng.uniform(0.7, 1.0), 2)
                add(src, tid, rng.choice(EDGE_TYPES), conf, True, "generated forward dependency")
                got += 1
    kept = len(deps)
    # ~3% soft and ~3% low-confidence edges on top: forward too, dropped by the DAG filter.
    for kind in ("soft", "low"):
        target = round(kept * 0.03)
        made, attempts = 0, 0
        while made < target and n_layers > 1 and attempts < 50 * (target + 1):
            attempts += 1
            to = ids[rng.randrange(len(ids))]
            layer = layer_of[to]
            if layer == 0:
                continue
            src = pick_pred(layer, nearest=False)
            if (src, to) in seen:
                continue
            if kind == "soft":
                add(src, to, "knowledge", round(rng.uniform(0.4, 0.8), 2), False, "generated soft dependency")
            else:
                add(src, to, rng.choice(["technical", "sequential"]), round(rng.uniform(0.4, 0.69), 2), True,
                    "generated low-confidence dependency")
            made += 1

    meta = {
        "execution_model": "rolling_frontier",
        "min_confidence": 0.7,
        "resource_limits": {"max_concurrent_tasks": 32, "max_cpu_cores": 64, "max_memory_gb": 128},
        "codebase_analysis": {
            "existing_apis": ["AuthService", "UserRepository", "EventBus", "MigrationRunner"],
            "reused_components": ["Logger", "ErrorHandler", "MetricsCollector"],
            "extension_points": ["BaseController", "AbstractAuthProvider"],
            "shared_resources": {
                "database_migrations": {"type": "exclusive", "location": "db/migrations/",
                                        "constraint": "sequential_only",
                                        "reason": "Migration tool takes a schema lock"},
                "test_db_pool": {"type": "shared_limited", "capacity": 4, "location": "ci/test-db-pool",
                                 "reason": "Four pooled test database instances"},
            },
        },
        "generator": {"script": "scripts/gen-large-scenario.py", "tasks": n_tasks, "layers": n_layers,
                      "seed": seed},
    }
    conflicts = {}
    if migrations:
        conflicts["database_migrations"] = {
            "tasks": migrations, "resolution": "wave_separation",
            "rationale": "Schema lock: the scheduler admits one migration at a time"}
    return meta, tasks, deps, conflicts


def render(meta, tasks, deps, conflicts):
    dumps = lambda v: json.dumps(v, separators=(",", ":"), ensure_ascii=True)
    out = ['{"meta":' + dumps(meta) + ',', '"tasks":[']
    out.append(",\n".join(dumps(t) for t in tasks))
    out.append('],\n"dependencies":[')
    out.append(",\n".join(dumps(d) for d in deps))
    out.append('],\n"resource_conflicts":' + dumps(conflicts) + "}\n")
    return "\n".join(out)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, default=3000, help="number of tasks (default 3000)")
    ap.add_argument("--layers", type=int, default=40, help="number of dependency layers (default 40)")
    ap.add_argument("--seed", type=int, default=3000, help="random seed (default 3000)")
    ap.add_argument("--out", default=os.path.join(root, "scenarios", "large-3000.json"),
                    help="output path (default scenarios/large-3000.json)")
    args = ap.parse_args()
    if args.tasks < 1 or args.layers < 1:
        ap.error("--tasks and --layers must be positive")
    meta, tasks, deps, conflicts = generate(args.tasks, args.layers, args.seed)
    text = render(meta, tasks, deps, conflicts)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="ascii", newline="\n") as fh:
            fh.write(text)
    hard = sum(1 for d in deps if d["isHard"] and d["confidence"] >= 0.7)
    print(f"{args.out}: {len(tasks)} tasks, {len(deps)} edges ({hard} kept), {len(text.encode())} bytes",
          file=sys.stderr)


if __name__ == "__main__":
    main()
