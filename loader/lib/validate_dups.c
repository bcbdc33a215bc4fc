/*
 * validate_dups.c: lines that repeat an earlier line's key (a MAF's sample
 * and variant, a VCF's variant), found in bounded memory, in two reads.
 *
 * The first read notes every key in a Bloom filter; a key the filter has
 * already seen (a repeat, or now and then a false positive) becomes a
 * candidate.  Only when there are candidates, the checker reads the file a
 * second time and asks val_dups_recheck about each line: the first line of
 * a candidate key is remembered, its later lines are the repeats.  Memory:
 * the filter (16 MB, freed after the first read) and at most
 * DUPS_CANDIDATES_MAX candidates with their first lines.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bloom.h"
#include "strmap.h"
#include "validate_genomic.h"

#define DUPS_BLOOM_BITS		(1u << 27)	/* about one false candidate per million keys */
#define DUPS_HASHES			4
#define DUPS_CANDIDATES_MAX	(1 << 17)

struct val_dups
{
	bloom	   *bloom;
	u64set	   *cand;			/* hashes of the candidate keys */
	bool		overflow;		/* more candidates than fit: the rest not checked */
	strmap	   *first;			/* second read: candidate key -> its first line */
};

static uint64_t
key_hash(const char *s, uint64_t seed)
{
	return hash64_final(hash64_bytes(HASH64_INIT ^ seed, s, strlen(s)));
}

val_dups *
val_dups_new(void)
{
	val_dups   *d = xcalloc(1, sizeof(*d));

	d->bloom = bloom_new(DUPS_BLOOM_BITS, DUPS_HASHES);
	d->cand = u64set_new();
	return d;
}

/* Note a candidate, unless DUPS_CANDIDATES_MAX are noted already. */
static void
cand_add(val_dups *d, uint64_t h)
{
	if (u64set_has(d->cand, h))
		return;
	if (u64set_count(d->cand) >= DUPS_CANDIDATES_MAX)
		d->overflow = true;
	else
		u64set_add(d->cand, h);
}

void
val_dups_note(val_dups *d, const char *key)
{
	uint64_t	h1 = key_hash(key, 0);

	if (bloom_add(d->bloom, h1, key_hash(key, 0x9e3779b97f4a7c15ULL)))
		cand_add(d, h1);
}

void
val_dups_first_done(val_dups *d)
{
	bloom_free(d->bloom);
	d->bloom = NULL;
}

bool
val_dups_any(const val_dups *d)
{
	return u64set_count(d->cand) > 0;
}

bool
val_dups_recheck(val_dups *d, const char *key, long line, long *first)
{
	int64_t		at;

	if (!u64set_has(d->cand, key_hash(key, 0)))
		return false;
	if (!d->first)
		d->first = strmap_new(1024);
	if (strmap_get(d->first, key, &at))
	{
		if (at == line)
			return false;		/* the same line again (a multi-allelic record) */
		*first = (long) at;
		return true;
	}
	strmap_put(d->first, key, line);
	return false;
}

void
val_dups_limited(val_file *f, const val_dups *d, const char *code)
{
	if (d->overflow)
		val_report(f, ONC_INFO, 0, 0, code,
				   "more than %d lines may repeat an earlier one: only those were checked",
				   DUPS_CANDIDATES_MAX);
}

void
val_dups_free(val_dups *d)
{
	if (!d)
		return;
	bloom_free(d->bloom);
	u64set_free(d->cand);
	strmap_free(d->first);
	free(d);
}
