#!/usr/bin/env bash
# Benchmarks.
#   scripts/bench.sh [ARGS]      the package benchmarks in Benchmarks/ (a separate package, release
#                                build; ARGS go to `swift package benchmark`); figures are ratios
#                                against a baseline measured in the same run; see README "Performance".
#   scripts/bench.sh exec [N ...] the executor's dispatch overhead (default N: 2000 10000): `tasks execute`
#                                next to `ninja` and a posix_spawn lower bound on the same DAG of `true`
#                                tasks with pools, at -j2, interleaved on this machine in one run; then a
#                                traced -j8 sleep run checked by check_overlap.py (a pool of 3 binds).
#                                Needs ../shared/bench/exec, ninja, cc, python3. See README "Executor overhead".
#                                Env: ROUNDS (default 5), EXEC_BENCH_DIR (default /tmp/tasks-exec-bench).
#   scripts/bench.sh floor [NET] the resource-constrained engine next to its references, in one run: the
#                                plain-heap Python reference (rcsim_heapq.py, the issue's baseline) and
#                                two C programs with the same rule and nothing else (Benchmarks/Floor:
#                                the reference's scan, and a grouped ready set), checked against the
#                                reference's makespans before they are timed, and the same C event
#                                loop with every resource check removed (a bound under any
#                                implementation of the rule); NET defaults to
#                                ../shared/bench/networks/net-3000.json. Needs python3 with numpy, and
#                                clang or cc. Env: ITERATIONS (default 1000) for the C programs. See
#                                README "Performance".
#   scripts/bench.sh slurm [N]   the Slurm backend's per-task overhead: N (default 60) independent `true`
#                                tasks run by `tasks execute` locally at -j1 (the baseline), then as Slurm
#                                jobs at -j1 and -j8, in one run. Needs a cluster (scripts/slurm-local.sh
#                                start). See README "Running on a cluster".
#   scripts/bench.sh plan [PLAN] `tasks plan --from PLAN` next to `tasks estimate PLAN` (the baseline:
#                                the same 10,000-iteration Monte Carlo run without the planning around
#                                it), interleaved in one run, run from the project root; PLAN defaults to
#                                scenarios/large-3000.json. Env: ROUNDS (default 3). See README "Performance".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = "plan" ]; then
    plan=${2:-scenarios/large-3000.json}
    cd "$root"
    swift build -c release --product tasks >/dev/null
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    for round in $(seq "${ROUNDS:-3}"); do
        est=$(/usr/bin/time -f '%e %U %S' .build/release/tasks estimate "$plan" -o "$dir/estimate" 2>&1 >/dev/null | tail -1)
        pln=$(/usr/bin/time -f '%e %U %S' .build/release/tasks plan --from "$plan" --output-dir "$dir/plan" 2>&1 >/dev/null | tail -1)
        set -- $est $pln
        printf 'round %s  estimate %6.2f s wall %6.2f CPU-s   plan %6.2f s wall %6.2f CPU-s   plan/estimate %.2fx wall\n' \
            "$round" "$1" "$(echo "$2 + $3" | bc -l)" "$4" "$(echo "$5 + $6" | bc -l)" "$(echo "$4 / $1" | bc -l)"
    done
    exit 0
fi

if [ "${1:-}" = "slurm" ]; then
    n=${2:-60}
    conf="${TASKS_SLURM_DIR:-${TMPDIR:-/tmp}/tasks-slurm}/env"
    # shellcheck disable=SC1090
    [ -f "$conf" ] && source "$conf"
    command -v srun >/dev/null && scontrol ping 2>/dev/null | grep -q UP \
        || { echo "bench.sh slurm: no Slurm cluster answers (scripts/slurm-local.sh start)" >&2; exit 1; }
    (cd "$root" && swift build -c release --product tasks >/dev/null)
    tasks="$root/.build/release/tasks"
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    python3 - "$n" "$dir/tasks.json" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
tasks = [{"id": f"T{i:04d}", "title": f"Run trivial step {i}", "durationUnits": "hours",
          "duration": {"optimistic": 0.001, "mostLikely": 0.001, "pessimistic": 0.001},
          "resource_requirements": {"estimated": {"cpu_cores": 1, "memory_mb": 256}},
          "execution": {"command": "true"}} for i in range(n)]
json.dump({"meta": {"execution_model": "rolling_frontier", "resource_limits": {"max_concurrent_tasks": 8}},
           "tasks": tasks, "dependencies": []}, open(out, "w"))
PY
    base=""
    for run in "local 1" "slurm 1" "slurm 8"; do
        set -- $run
        rm -rf "$dir/state"
        start=$(date +%s.%N)
        "$tasks" execute "$dir" -q --backend "$1" -j "$2" --state-dir "$dir/state" >/dev/null 2>&1
        wall=$(echo "$(date +%s.%N) - $start" | bc -l)
        [ -z "$base" ] && base=$wall
        printf '%-6s -j%s  %6.2f s wall  %7.1f ms/task  %5.1f tasks/s  %5.1fx local\n' "$1" "$2" "$wall" \
            "$(echo "1000 * $wall / $n" | bc -l)" "$(echo "$n / $wall" | bc -l)" "$(echo "$wall / $base" | bc -l)"
    done
    exit 0
fi

if [ "${1:-}" = "floor" ]; then
    net=${2:-$root/../shared/bench/networks/net-3000.json}
    peers="$root/../shared/bench/peers"
    if [ ! -d "$peers" ] || [ ! -f "$net" ]; then
        echo "bench.sh floor: $peers or $net not found (the shared benchmark kit); skipping" >&2
        exit 0
    fi
    cc=$(command -v clang || command -v cc) || { echo "bench.sh floor: clang or cc is required" >&2; exit 1; }
    (cd "$root" && swift build -c release --product tasks >/dev/null)
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    python3 "$root/Benchmarks/Floor/export_network.py" "$net" "${ITERATIONS:-1000}" "$dir"
    "$cc" -O3 -march=native -o "$dir/floor" "$root/Benchmarks/Floor/listsched_floor.c"
    rate() { python3 -c 'import json, sys; print(json.loads(sys.stdin.read().splitlines()[0])["task_samples_per_s"])'; }
    heapq=$(python3 "$peers/rcsim_heapq.py" "$net" -k 200 --seed 1 2>/dev/null | grep '^{' | rate)
    scan=$("$dir/floor" "$dir" scan 3 | rate)
    grouped=$("$dir/floor" "$dir" grouped 3 | rate)
    skeleton=$("$dir/floor" "$dir" skeleton 3 | rate)
    engine=$("$root/.build/release/tasks" estimate "$net" --model rolling_frontier -v -o "$dir/out" 2>&1 \
        | sed -n 's/.*(\([0-9.e+]*\) task-samples per CPU-second).*/\1/p')
    printf '%-66s %12s %9s %8s\n' "engine (rolling frontier, $(basename "$net"))" "samples/CPU-s" "ns each" "x heapq"
    for row in "rcsim_heapq.py (Python, the baseline)|$heapq" "C, the reference's scan (no sampling)|$scan" \
               "C, grouped ready set (no sampling)|$grouped" \
               "C, event loop alone: no resource checks (a bound, not the rule)|$skeleton" \
               "tasks estimate engine (sampling + simulation)|$engine"; do
        name=${row%|*}
        value=${row#*|}
        awk -v name="$name" -v v="$value" -v h="$heapq" 'BEGIN { printf "%-66s %12.3g %9.0f %7.1fx\n", name, v, 1e9 / v, v / h }'
    done
    exit 0
fi

if [ "${1:-}" != "exec" ]; then
    cd "$root/Benchmarks"
    swift package --disable-sandbox benchmark "$@"
    exit 0
fi
shift
shared="$root/../shared/bench/exec"
if [ ! -d "$shared" ]; then
    echo "bench.sh exec: $shared not found (the shared executor benchmark kit); skipping" >&2
    exit 0
fi
for tool in ninja cc python3; do
    command -v "$tool" >/dev/null || { echo "bench.sh exec: $tool is required" >&2; exit 1; }
done
sizes=${*:-2000 10000}
work=${EXEC_BENCH_DIR:-/tmp/tasks-exec-bench}
rounds=${ROUNDS:-5}
# Each run gets a fresh state directory, but the previous one is moved into the trash, not deleted:
# on ext4 without a journal (this machine's disk) every file created soon after a mass deletion
# pays for it (the inode allocator skips each inode deleted less than 60 s ago, 360 s while its
# inode table block is not yet written back: 0.3-1 ms per create at these sizes), so `rm -rf` of
# 10,000 logs before a run would be timed as the run's own cost. The trash goes once everything
# is measured, and the next run waits until that deletion is 6 minutes old. See README
# "Executor overhead".
trash="$work/trash"
mkdir -p "$work" "$trash"
if [ -f "$work/deleted-at" ]; then
    wait_s=$(( $(stat -c %Y "$work/deleted-at") + 360 - $(date +%s) ))
    if [ "$wait_s" -gt 0 ]; then
        echo "bench.sh exec: the previous run's files were deleted less than 6 minutes ago; waiting ${wait_s} s" >&2
        sleep "$wait_s"
    fi
fi
(cd "$root" && swift build -c release --product tasks >/dev/null)
tasks="$root/.build/release/tasks"
bash "$shared/build_helpers.sh" "$work/bin" >/dev/null
results=()
for n in $sizes; do
    d="$work/dag_true_$n"
    python3 "$shared/gen_dag.py" -n "$n" -o "$d" --max-concurrent 2 >/dev/null
    state="$work/state_$n"
    echo "== N=$n, -j2, $rounds interleaved rounds (loadavg $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    python3 "$shared/interleave.py" --rounds "$rounds" --n "$n" --json "$work/exec_$n.json" \
        --prepare "rm -f $d/.ninja_log; [ ! -e $state ] || mv $state \$(mktemp -d -p $trash)" \
        --cmd "spawn floor (posix_spawn sh -c true)" "$work/bin/spawn $n 2 spawn /bin/sh -c true" \
        --cmd "ninja -j2" "ninja -C $d -j2" \
        --cmd "tasks execute -j2" "$tasks execute $d/dag.json -j2 -q --state-dir $state" \
        --cmd "tasks execute -j2 --task-logs combined" "$tasks execute $d/dag.json -j2 -q --task-logs combined --state-dir $state" \
        >/dev/null
    results+=("$work/exec_$n.json")
done
python3 "$root/scripts/bench-exec.py" "${results[@]}"

echo
echo "Pools at -j8 (traced sleep DAG, 200 tasks, check_overlap.py):"
v="$work/overlap"
rm -rf "$v" "$v.log"
[ ! -e "$v.state" ] || mv "$v.state" "$(mktemp -d -p "$trash")"
python3 "$shared/gen_dag.py" -n 200 -o "$v" --mode sleep --max-concurrent 8 --trace "$v.log" --stamp "$work/bin/stamp" >/dev/null
"$tasks" execute "$v/dag.json" -j8 -q --state-dir "$v.state" >/dev/null
python3 "$shared/check_overlap.py" "$v.log" --dag "$v/dag.json"
rm -rf "$trash"
touch "$work/deleted-at"
