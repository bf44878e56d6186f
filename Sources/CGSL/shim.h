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

#define CGSL_SHIM static inline __attribute__((__always_inline__))

CGSL_SHIM const gsl_rng_type *cgsl_rng_type_mt19937(void) { return gsl_rng_mt19937; }
CGSL_SHIM const gsl_rng_type *cgsl_rng_type_taus2(void) { return gsl_rng_taus2; }
CGSL_SHIM const gsl_rng_type *cgsl_rng_type_ranlxd2(void) { return gsl_rng_ranlxd2; }

#endif
