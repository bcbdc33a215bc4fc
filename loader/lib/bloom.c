/*
 * bloom.c: a Bloom filter over 64-bit hashes (see bloom.h).
 */
#include "config.h"

#include <stdlib.h>

#include "bloom.h"
#include "onc.h"

struct bloom
{
	uint64_t   *words;
	uint64_t	mask;			/* bits - 1 */
	int			k;
};

bloom *
bloom_new(size_t bits, int k)
{
	bloom	   *b = xmalloc(sizeof(*b));

	b->words = xcalloc(bits / 64, sizeof(uint64_t));
	b->mask = bits - 1;
	b->k = k;
	return b;
}

bool
bloom_add(bloom *b, uint64_t h1, uint64_t h2)
{
	bool		seen = true;

	h2 |= 1;					/* odd: the k bits differ */
	for (int i = 0; i < b->k; i++)
	{
		uint64_t	bit = (h1 + (uint64_t) i * h2) & b->mask;
		uint64_t	m = 1ULL << (bit & 63);

		if (!(b->words[bit >> 6] & m))
		{
			seen = false;
			b->words[bit >> 6] |= m;
		}
	}
	return seen;
}

bool
bloom_may_have(const bloom *b, uint64_t h1, uint64_t h2)
{
	h2 |= 1;
	for (int i = 0; i < b->k; i++)
	{
		uint64_t	bit = (h1 + (uint64_t) i * h2) & b->mask;

		if (!(b->words[bit >> 6] & (1ULL << (bit & 63))))
			return false;
	}
	return true;
}

void
bloom_free(bloom *b)
{
	if (!b)
		return;
	free(b->words);
	free(b);
}
