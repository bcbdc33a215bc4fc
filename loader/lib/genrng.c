/*
 * genrng.c: the demo generator's random numbers: xoshiro256** seeded
 * through splitmix64 from (seed, stream, index), so that every file kind
 * draws from its own stream and adding one leaves the others' bytes alone.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "genrng.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t	z = (*x += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void
rng_seed(gen_rng *r, uint64_t seed, int stream, uint64_t index)
{
	uint64_t	x = seed;
	uint64_t	h = splitmix64(&x);

	x = h ^ ((uint64_t) stream * UINT64_C(0xD1B54A32D192ED03));
	h = splitmix64(&x);
	x = h ^ index;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl64(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
rng_next(gen_rng *r)
{
	uint64_t   *s = r->s;
	uint64_t	result = rotl64(s[1] * 5, 7) * 9;
	uint64_t	t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl64(s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
double
rng_uniform(gen_rng *r)
{
	return (double) (rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform whole number in [0, n), n > 0 (the modulo bias is immaterial here). */
uint64_t
rng_below(gen_rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

/* Standard normal (Box-Muller, one value per call). */
double
rng_normal(gen_rng *r)
{
	double		u1 = 1.0 - rng_uniform(r);	/* (0, 1] */
	double		u2 = rng_uniform(r);

	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

/* Poisson(lambda): exact for small lambda, normal approximation above. */
int64_t
rng_poisson(gen_rng *r, double lambda)
{
	if (!(lambda > 0.0))
		return 0;
	if (lambda < 30.0)
	{
		double		limit = exp(-lambda);
		double		p = 1.0;
		int64_t		k = -1;

		do
		{
			k++;
			p *= rng_uniform(r);
		} while (p > limit);
		return k;
	}
	else
	{
		double		v = floor(lambda + sqrt(lambda) * rng_normal(r) + 0.5);

		return v < 0.0 ? 0 : (int64_t) v;
	}
}

/* Binomial(n, 1/2): exact bit counting for small n, normal above. */
int64_t
rng_half(gen_rng *r, int64_t n)
{
	double		v;

	if (n <= 0)
		return 0;
	if (n < 64)
		return __builtin_popcountll(rng_next(r) & ((UINT64_C(1) << n) - 1));
	v = floor(n / 2.0 + sqrt((double) n) / 2.0 * rng_normal(r) + 0.5);
	return v < 0.0 ? 0 : v > (double) n ? n : (int64_t) v;
}

/* A random (version 4) UUID in lower case. */
void
rng_uuid(gen_rng *r, char out[37])
{
	uint64_t	hi = rng_next(r);
	uint64_t	lo = rng_next(r);

	hi = (hi & ~UINT64_C(0xF000)) | UINT64_C(0x4000);
	lo = (lo & ~(UINT64_C(3) << 62)) | (UINT64_C(2) << 62);
	snprintf(out, 37, "%08" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%012" PRIx64,
			 hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF,
			 lo >> 48, lo & UINT64_C(0xFFFFFFFFFFFF));
}

