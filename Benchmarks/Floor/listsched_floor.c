// A lower bound for the resource-constrained engine: the rolling-frontier rule of
// ../shared/bench/peers/listsched.py in plain C, with nothing but the schedule (no traces, no
// metrics, no failures, durations precomputed), so `scripts/bench.sh floor` can show how far an
// engine could go on this machine. It first checks that it reproduces rcsim_heapq's makespans
// bit for bit, then times ITERATIONS x REPEATS runs.
//
//   listsched_floor DIR scan|grouped|skeleton [REPEATS]
//
// scan:    the reference pass as written: walk the ready set in priority order (a bitset of
//          priority positions), start each task that fits, skip the rest.
// grouped: the same decisions, found differently: tasks are grouped by (CPU, lock, pool demand);
//          a pass repeatedly starts the best ready task among the groups that fit. Resources only
//          shrink during a pass, so that is the task the scan would start next. A task that fails
//          only on memory is set aside until the pass ends, as the scan would skip it.
// skeleton: not the rule but a bound under any implementation of it: the same event loop with
//          every resource check removed (only the limit on running tasks), so the first ready task
//          always fits and a pass costs next to nothing. Its schedule differs from the reference's,
//          so it is timed without the bit-for-bit check.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_GROUPS = 64, NONE = 1 << 30 };

static int n, max_running, lock_count, pool_count, iterations;
static double max_cpu, max_mem, min_cpu, min_mem;
static int *pool_capacity, *order, *position, *pred_count, *succ_start, *succ, *lock_start, *lock_id;
static int *pool_start, *pool_id, *pool_amount;
static double *cpu, *mem;

// Completion calendar: (time, task), ties by task index like Python's heap of tuples. With a few
// dozen tasks running at most, an array kept sorted latest-first (pop from the end, insert by a
// short shift) beats a binary heap: 71 against 82 ns per task-sample in skeleton mode on net-3000
// (10 running). Larger limits use the heap.
typedef struct { double time; int task; } Event;
static Event *heap;
static int heap_count, sorted_calendar;
static inline int earlier(Event a, Event b) { return a.time < b.time || (a.time == b.time && a.task < b.task); }
static inline void push(Event e) {
    int i = heap_count++;
    if (sorted_calendar) {
        while (i > 0 && earlier(heap[i - 1], e)) { heap[i] = heap[i - 1]; i--; }
        heap[i] = e;
        return;
    }
    while (i > 0) {
        int parent = (i - 1) >> 1;
        if (!earlier(e, heap[parent])) break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = e;
}
static inline Event next_event(void) { return sorted_calendar ? heap[heap_count - 1] : heap[0]; }
static inline Event pop(void) {
    if (sorted_calendar) return heap[--heap_count];
    Event top = heap[0], last = heap[--heap_count];
    int i = 0;
    for (;;) {
        int child = 2 * i + 1;
        if (child >= heap_count) break;
        if (child + 1 < heap_count && earlier(heap[child + 1], heap[child])) child++;
        if (!earlier(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
    }
    heap[i] = last;
    return top;
}

// Ready sets: one two-level bitset over priority positions per group (one group in scan mode).
static int words, group_count, *group_of;
static uint64_t *bits, *summary;
static double group_cpu[MAX_GROUPS];
static int group_lock[MAX_GROUPS], group_pool[MAX_GROUPS], group_amount[MAX_GROUPS];
static inline void insert(int p) {
    int g = group_of[order[p]], k = p >> 6;
    uint64_t *b = bits + (size_t)g * words;
    if (!b[k]) summary[(size_t)g * 64 + (k >> 6)] |= 1ull << (k & 63);
    b[k] |= 1ull << (p & 63);
}
static inline void erase(int p) {
    int g = group_of[order[p]], k = p >> 6;
    uint64_t *b = bits + (size_t)g * words;
    b[k] &= ~(1ull << (p & 63));
    if (!b[k]) summary[(size_t)g * 64 + (k >> 6)] &= ~(1ull << (k & 63));
}
static inline int first(int g) {
    const uint64_t *s = summary + (size_t)g * 64;
    for (int a = 0; a < (words + 63) >> 6; a++)
        if (s[a]) {
            int k = (a << 6) | __builtin_ctzll(s[a]);
            return (k << 6) | __builtin_ctzll(bits[(size_t)g * words + k]);
        }
    return NONE;
}

static int skeleton, running, *preds_left, *locked, *pool_free, *set_aside;
static double cpu_free, mem_free;

static inline int fits(int j) {
    if (skeleton) return 1;
    if (cpu[j] > cpu_free || mem[j] > mem_free) return 0;
    for (int e = lock_start[j]; e < lock_start[j + 1]; e++) if (locked[lock_id[e]]) return 0;
    for (int e = pool_start[j]; e < pool_start[j + 1]; e++) if (pool_amount[e] > pool_free[pool_id[e]]) return 0;
    return 1;
}
static inline void start(int p, double now, const double *d) {
    int j = order[p];
    erase(p);
    running++;
    cpu_free -= cpu[j];
    mem_free -= mem[j];
    for (int e = lock_start[j]; e < lock_start[j + 1]; e++) locked[lock_id[e]] = 1;
    for (int e = pool_start[j]; e < pool_start[j + 1]; e++) pool_free[pool_id[e]] -= pool_amount[e];
    push((Event){now + d[j], j});
}
static inline int stops(void) { return running >= max_running || (!skeleton && (cpu_free < min_cpu || mem_free < min_mem)); }

static void pass_scan(double now, const double *d) {
    const uint64_t *s = summary;
    for (int a = 0; a < (words + 63) >> 6; a++)
        for (uint64_t top = s[a]; top; top &= top - 1) {
            int k = (a << 6) | __builtin_ctzll(top);
            for (uint64_t w = bits[k]; w; w &= w - 1) {
                if (stops()) return;
                int p = (k << 6) | __builtin_ctzll(w);
                if (fits(order[p])) start(p, now, d);
            }
        }
}

static void pass_grouped(double now, const double *d) {
    int aside = 0;
    while (!stops()) {
        int best = NONE;
        for (int g = 0; g < group_count; g++) {
            if (group_cpu[g] > cpu_free) continue;
            if (group_lock[g] >= 0 && locked[group_lock[g]]) continue;
            if (group_pool[g] >= 0 && group_amount[g] > pool_free[group_pool[g]]) continue;
            int m = first(g);
            if (m < best) best = m;
        }
        if (best == NONE) break;
        if (mem[order[best]] > mem_free) {
            erase(best);
            set_aside[aside++] = best;
            continue;
        }
        start(best, now, d);
    }
    while (aside) insert(set_aside[--aside]);
}

static double simulate(const double *d, int grouped) {
    memcpy(preds_left, pred_count, n * sizeof *preds_left);
    memset(bits, 0, (size_t)group_count * words * sizeof *bits);
    memset(summary, 0, (size_t)group_count * 64 * sizeof *summary);
    memset(locked, 0, (lock_count + 1) * sizeof *locked);
    for (int q = 0; q < pool_count; q++) pool_free[q] = pool_capacity[q];
    running = 0;
    cpu_free = max_cpu;
    mem_free = max_mem;
    heap_count = 0;
    for (int j = 0; j < n; j++) if (!preds_left[j]) insert(position[j]);
    double now = 0;
    for (;;) {
        if (grouped) pass_grouped(now, d); else pass_scan(now, d);
        if (!heap_count) return now;
        Event e = pop();
        now = e.time;
        for (;;) {  // every completion at `now`, then one pass
            int j = e.task;
            running--;
            cpu_free += cpu[j];
            mem_free += mem[j];
            for (int x = lock_start[j]; x < lock_start[j + 1]; x++) locked[lock_id[x]] = 0;
            for (int x = pool_start[j]; x < pool_start[j + 1]; x++) pool_free[pool_id[x]] += pool_amount[x];
            for (int s = succ_start[j]; s < succ_start[j + 1]; s++)
                if (--preds_left[succ[s]] == 0) insert(position[succ[s]]);
            if (heap_count && next_event().time == now) e = pop(); else break;
        }
    }
}

static void *must(void *p) {
    if (!p) { fprintf(stderr, "listsched_floor: out of memory\n"); exit(1); }
    return p;
}
static int read_int(FILE *f) {
    int x;
    if (fscanf(f, "%d", &x) != 1) { fprintf(stderr, "listsched_floor: malformed net.txt\n"); exit(1); }
    return x;
}
static double read_double(FILE *f) {
    double x;
    if (fscanf(f, "%lf", &x) != 1) { fprintf(stderr, "listsched_floor: malformed net.txt\n"); exit(1); }
    return x;
}

static void load(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/net.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(1); }
    n = read_int(f); max_running = read_int(f); max_cpu = read_double(f); max_mem = read_double(f);
    lock_count = read_int(f); pool_count = read_int(f); iterations = read_int(f);
    pool_capacity = must(calloc(pool_count + 1, sizeof *pool_capacity));
    for (int q = 0; q < pool_count; q++) pool_capacity[q] = read_int(f);
    order = must(malloc(n * sizeof *order));
    position = must(malloc(n * sizeof *position));
    for (int p = 0; p < n; p++) { order[p] = read_int(f); position[order[p]] = p; }
    cpu = must(malloc(n * sizeof *cpu));
    mem = must(malloc(n * sizeof *mem));
    pred_count = must(malloc(n * sizeof *pred_count));
    succ_start = must(calloc(n + 1, sizeof *succ_start));
    lock_start = must(calloc(n + 1, sizeof *lock_start));
    pool_start = must(calloc(n + 1, sizeof *pool_start));
    int cap = 1 << 20;
    succ = must(malloc(cap * sizeof *succ));
    lock_id = must(malloc(cap * sizeof *lock_id));
    pool_id = must(malloc(cap * sizeof *pool_id));
    pool_amount = must(malloc(cap * sizeof *pool_amount));
    for (int j = 0; j < n; j++) {
        cpu[j] = read_double(f);
        mem[j] = read_double(f);
        pred_count[j] = read_int(f);
        int count = read_int(f);
        for (int s = 0; s < count; s++) succ[succ_start[j] + s] = read_int(f);
        succ_start[j + 1] = succ_start[j] + count;
        count = read_int(f);
        for (int s = 0; s < count; s++) lock_id[lock_start[j] + s] = read_int(f);
        lock_start[j + 1] = lock_start[j] + count;
        count = read_int(f);
        for (int s = 0; s < count; s++) {
            pool_id[pool_start[j] + s] = read_int(f);
            pool_amount[pool_start[j] + s] = read_int(f);
        }
        pool_start[j + 1] = pool_start[j] + count;
        if (succ_start[j + 1] > cap / 2 || lock_start[j + 1] > cap / 2 || pool_start[j + 1] > cap / 2) {
            fprintf(stderr, "listsched_floor: network too large\n");
            exit(1);
        }
    }
    fclose(f);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: listsched_floor DIR scan|grouped|skeleton [REPEATS]\n"); return 1; }
    int grouped = strcmp(argv[2], "grouped") == 0, repeats = argc > 3 ? atoi(argv[3]) : 3;
    skeleton = strcmp(argv[2], "skeleton") == 0;
    if (!grouped && !skeleton && strcmp(argv[2], "scan") != 0) { fprintf(stderr, "listsched_floor: unknown mode %s\n", argv[2]); return 1; }
    load(argv[1]);
    sorted_calendar = max_running <= 64;
    min_cpu = min_mem = 1e300;
    for (int j = 0; j < n; j++) {
        if (cpu[j] < min_cpu) min_cpu = cpu[j];
        if (mem[j] < min_mem) min_mem = mem[j];
    }
    words = (n + 63) >> 6;
    if (words > 64 * 64) { fprintf(stderr, "listsched_floor: more than 262,144 tasks\n"); return 1; }
    group_of = must(calloc(n, sizeof *group_of));
    group_count = 1;
    if (grouped) {
        group_count = 0;
        for (int j = 0; j < n; j++) {
            if (lock_start[j + 1] - lock_start[j] > 1 || pool_start[j + 1] - pool_start[j] > 1) {
                fprintf(stderr, "listsched_floor: grouped mode takes at most one lock and one pool per task\n");
                return 1;
            }
            int l = lock_start[j + 1] > lock_start[j] ? lock_id[lock_start[j]] : -1;
            int q = pool_start[j + 1] > pool_start[j] ? pool_id[pool_start[j]] : -1;
            int a = q >= 0 ? pool_amount[pool_start[j]] : 0, g = 0;
            while (g < group_count && !(group_cpu[g] == cpu[j] && group_lock[g] == l && group_pool[g] == q && group_amount[g] == a)) g++;
            if (g == group_count) {
                if (g == MAX_GROUPS) { fprintf(stderr, "listsched_floor: more than %d groups\n", MAX_GROUPS); return 1; }
                group_cpu[g] = cpu[j]; group_lock[g] = l; group_pool[g] = q; group_amount[g] = a;
                group_count++;
            }
            group_of[j] = g;
        }
    }
    bits = must(calloc((size_t)group_count * words, sizeof *bits));
    summary = must(calloc((size_t)group_count * 64, sizeof *summary));
    heap = must(malloc((n + 1) * sizeof *heap));
    preds_left = must(malloc(n * sizeof *preds_left));
    locked = must(calloc(lock_count + 1, sizeof *locked));
    pool_free = must(calloc(pool_count + 1, sizeof *pool_free));
    set_aside = must(malloc(n * sizeof *set_aside));

    char path[4096];
    snprintf(path, sizeof path, "%s/dur.bin", argv[1]);
    FILE *b = fopen(path, "rb");
    double *d = must(malloc((size_t)n * iterations * sizeof *d));
    if (!b || fread(d, sizeof *d, (size_t)n * iterations, b) != (size_t)n * iterations) { perror(path); return 1; }
    fclose(b);

    // The last line of net.txt holds rcsim_heapq's makespans of the first iterations.
    snprintf(path, sizeof path, "%s/net.txt", argv[1]);
    FILE *f = fopen(path, "r");
    char *line = NULL, *last = NULL;
    size_t size = 0;
    while (getline(&line, &size, f) > 0) { free(last); last = strdup(line); }
    fclose(f);
    char *cursor = last;
    for (int i = 0; i < iterations && i < 20 && !skeleton; i++) {
        double reference = strtod(cursor, &cursor), makespan = simulate(d + (size_t)i * n, grouped);
        if (makespan != reference) {
            fprintf(stderr, "listsched_floor: iteration %d: makespan %.17g, rcsim_heapq %.17g\n", i, makespan, reference);
            return 2;
        }
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    double sum = 0;
    for (int r = 0; r < repeats; r++)
        for (int i = 0; i < iterations; i++) sum += simulate(d + (size_t)i * n, grouped);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    double samples = (double)repeats * iterations * n;
    printf("{\"impl\": \"c-%s\", \"groups\": %d, \"runs\": %d, \"cpu_s\": %.4f, \"ns_per_task_sample\": %.1f, "
           "\"task_samples_per_s\": %.4g, \"mean_makespan\": %.6f}\n",
           argv[2], group_count, repeats * iterations, seconds, 1e9 * seconds / samples, samples / seconds,
           sum / (repeats * iterations));
    return 0;
}
