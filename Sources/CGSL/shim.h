#ifndef TASKS_CGSL_SHIM_H
#define TASKS_CGSL_SHIM_H
// The whole C surface of GSL that `tasks` uses. Swift 6 rejects GSL's mutable C globals
// (`gsl_rng_mt19937` and friends) as not concurrency-safe, so each is read through a function.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_sf_gamma.h>

#define CGSL_SHIM static inline __attribute__((__always_inline__))

CGSL_SHIM const gsl_rng_type *cgsl_rng_type_mt19937(void) { return gsl_rng_mt19937; }
CGSL_SHIM const gsl_rng_type *cgsl_rng_type_taus2(void) { return gsl_rng_taus2; }
CGSL_SHIM const gsl_rng_type *cgsl_rng_type_ranlxd2(void) { return gsl_rng_ranlxd2; }

// GSL's own HAVE_INLINE bodies of gsl_rng_uniform(_pos). The exported versions wrap the generator's
// function pointer in one more call; inlined, the sampler's draw loop makes one call per uniform.
CGSL_SHIM double cgsl_rng_uniform(const gsl_rng *r) { return (r->type->get_double)(r->state); }
CGSL_SHIM double cgsl_rng_uniform_pos(const gsl_rng *r) {
    double x;
    do { x = (r->type->get_double)(r->state); } while (x == 0);
    return x;
}

// Not GSL, but C's only way to ask for a cache line ahead of use: the sampler's table lookups are
// independent random reads, so fetching a few tasks ahead hides the latency of a large table set.
CGSL_SHIM void cgsl_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
