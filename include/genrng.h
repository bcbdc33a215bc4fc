/*
 * genrng.h: deterministic random numbers for "oncoload generate" (see
 * genrng.c).  Each file kind seeds its own stream with rng_seed().
 */
#ifndef GENRNG_H
#define GENRNG_H

#include <stdint.h>

/* xoshiro256** state, seeded through splitmix64. */
typedef struct gen_rng
{
	uint64_t	s[4];
} gen_rng;

/* Seed r for (seed, stream, index): streams are small numbers per file kind. */
void		rng_seed(gen_rng *r, uint64_t seed, int stream, uint64_t index);
uint64_t	rng_next(gen_rng *r);
double		rng_uniform(gen_rng *r);	/* [0, 1) */
uint64_t	rng_below(gen_rng *r, uint64_t n);	/* [0, n), n > 0 */
double		rng_normal(gen_rng *r);	/* standard normal */
int64_t		rng_poisson(gen_rng *r, double lambda);
int64_t		rng_half(gen_rng *r, int64_t n);	/* Binomial(n, 1/2) */
void		rng_uuid(gen_rng *r, char out[37]);	/* version 4, lower case */

#endif							/* GENRNG_H */
