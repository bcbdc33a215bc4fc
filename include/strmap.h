/*
 * strmap.h: a string -> int64 hash map with its own copies of the keys,
 * for the client-side caches of dimension keys.  Grows as needed.
 */
#ifndef STRMAP_H
#define STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct strmap strmap;

strmap	   *strmap_new(size_t expected);
/* Insert or replace. */
void		strmap_put(strmap *m, const char *key, int64_t value);
/* Look up: true and *value when present. */
bool		strmap_get(const strmap *m, const char *key, int64_t *value);
size_t		strmap_count(const strmap *m);
void		strmap_free(strmap *m);

/*
 * A set of 64-bit hashes (0 is not a member): for keys whose text need not
 * be kept, 8 bytes (at most 32 with the free slots) each.  Grows as needed.
 */
typedef struct u64set u64set;

u64set	   *u64set_new(void);
void		u64set_add(u64set *s, uint64_t h);
bool		u64set_has(const u64set *s, uint64_t h);
size_t		u64set_count(const u64set *s);
void		u64set_free(u64set *s);

/* FNV-1a of n bytes onto h (start with HASH64_INIT), and a final mix. */
#define HASH64_INIT 1469598103934665603ULL
uint64_t	hash64_bytes(uint64_t h, const void *p, size_t n);
uint64_t	hash64_final(uint64_t h);

#endif							/* STRMAP_H */
