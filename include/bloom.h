/*
 * bloom.h: a Bloom filter over 64-bit hashes, for "surely not seen" tests in
 * bounded memory (facts written twice, variant keys a dimension may have,
 * lines repeating an earlier key).  The caller hashes: a key is two 64-bit
 * hashes, h1 and h2, and the filter uses h1 + i * h2 for i < k.
 */
#ifndef BLOOM_H
#define BLOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bloom bloom;

/* A filter of bits bits (a power of two) and k bits per key, all clear. */
bloom	   *bloom_new(size_t bits, int k);
/* Set the key's bits; true when all were set already (maybe seen before). */
bool		bloom_add(bloom *b, uint64_t h1, uint64_t h2);
/* True when the key may have been added; false when it surely was not. */
bool		bloom_may_have(const bloom *b, uint64_t h1, uint64_t h2);
void		bloom_free(bloom *b);

#endif							/* BLOOM_H */
