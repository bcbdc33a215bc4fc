/*
 * strmap.c: open-addressing hash map from strings to int64 (FNV-1a, linear
 * probing), keys copied into chained blocks so that entries stay put.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "strmap.h"

#define ARENA_BLOCK (64 * 1024)

typedef struct arena_block
{
	struct arena_block *next;
	size_t		used;
	size_t		cap;
	char		data[];
} arena_block;

typedef struct entry
{
	const char *key;
	uint64_t	hash;
	int64_t		value;
} entry;

struct strmap
{
	entry	   *slots;
	size_t		nslots;			/* power of two */
	size_t		count;
	arena_block *arena;
};

static uint64_t
fnv1a(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s; s++)
	{
		h ^= (unsigned char) *s;
		h *= 1099511628211ULL;
	}
	return h;
}

static const char *
arena_copy(strmap *m, const char *s)
{
	size_t		n = strlen(s) + 1;
	arena_block *b = m->arena;

	if (!b || b->cap - b->used < n)
	{
		size_t		cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = xmalloc(sizeof(arena_block) + cap);
		b->next = m->arena;
		b->used = 0;
		b->cap = cap;
		m->arena = b;
	}
	memcpy(b->data + b->used, s, n);
	b->used += n;
	return b->data + b->used - n;
}

strmap *
strmap_new(size_t expected)
{
	strmap	   *m = xcalloc(1, sizeof(*m));

	m->nslots = 64;
	while (m->nslots < expected * 2)
		m->nslots *= 2;
	m->slots = xcalloc(m->nslots, sizeof(entry));
	return m;
}

static entry *
find_slot(entry *slots, size_t nslots, const char *key, uint64_t h)
{
	size_t		i = (size_t) h & (nslots - 1);

	while (slots[i].key && (slots[i].hash != h || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (nslots - 1);
	return &slots[i];
}

static void
grow(strmap *m)
{
	size_t		n = m->nslots * 2;
	entry	   *slots = xcalloc(n, sizeof(entry));

	for (size_t i = 0; i < m->nslots; i++)
		if (m->slots[i].key)
			*find_slot(slots, n, m->slots[i].key, m->slots[i].hash) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->nslots = n;
}

void
strmap_put(strmap *m, const char *key, int64_t value)
{
	uint64_t	h = fnv1a(key);
	entry	   *e;

	if ((m->count + 1) * 2 > m->nslots)
		grow(m);
	e = find_slot(m->slots, m->nslots, key, h);
	if (!e->key)
	{
		e->key = arena_copy(m, key);
		e->hash = h;
		m->count++;
	}
	e->value = value;
}

bool
strmap_get(const strmap *m, const char *key, int64_t *value)
{
	uint64_t	h = fnv1a(key);
	entry	   *e = find_slot(m->slots, m->nslots, key, h);

	if (!e->key)
		return false;
	if (value)
		*value = e->value;
	return true;
}

size_t
strmap_count(const strmap *m)
{
	return m->count;
}

void
strmap_free(strmap *m)
{
	if (!m)
		return;
	while (m->arena)
	{
		arena_block *next = m->arena->next;

		free(m->arena);
		m->arena = next;
	}
	free(m->slots);
	free(m);
}

struct u64set
{
	uint64_t   *slots;			/* 0 = empty */
	size_t		nslots;			/* power of two */
	size_t		count;
};

u64set *
u64set_new(void)
{
	u64set	   *s = xcalloc(1, sizeof(*s));

	s->nslots = 1024;
	s->slots = xcalloc(s->nslots, sizeof(uint64_t));
	return s;
}

static void
u64set_insert(uint64_t *slots, size_t nslots, uint64_t h)
{
	size_t		i = h & (nslots - 1);

	while (slots[i] && slots[i] != h)
		i = (i + 1) & (nslots - 1);
	slots[i] = h;
}

void
u64set_add(u64set *s, uint64_t h)
{
	size_t		i;

	if (h == 0)
		return;
	if (2 * (s->count + 1) > s->nslots)
	{
		size_t		n = s->nslots * 2;
		uint64_t   *slots = xcalloc(n, sizeof(uint64_t));

		for (size_t j = 0; j < s->nslots; j++)
			if (s->slots[j])
				u64set_insert(slots, n, s->slots[j]);
		free(s->slots);
		s->slots = slots;
		s->nslots = n;
	}
	/* one probe sequence: it ends at h or at the free slot h goes into */
	for (i = h & (s->nslots - 1); s->slots[i]; i = (i + 1) & (s->nslots - 1))
		if (s->slots[i] == h)
			return;
	s->slots[i] = h;
	s->count++;
}

bool
u64set_has(const u64set *s, uint64_t h)
{
	size_t		i = h & (s->nslots - 1);

	for (; s->slots[i]; i = (i + 1) & (s->nslots - 1))
		if (s->slots[i] == h)
			return true;
	return false;
}

size_t
u64set_count(const u64set *s)
{
	return s->count;
}

void
u64set_free(u64set *s)
{
	if (!s)
		return;
	free(s->slots);
	free(s);
}

uint64_t
hash64_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

uint64_t
hash64_final(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1;
}
