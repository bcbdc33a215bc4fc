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

#endif							/* STRMAP_H */
