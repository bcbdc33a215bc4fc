/*
 * genechunk.c: gene chunk ids, the run's set of chunks the warehouse has,
 * and registering new ones (see genechunk.h).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "filehash.h"
#include "genechunk.h"

int64_t
genechunk_id(const int *keys, int n)
{
	unsigned char d[32];
	unsigned char *b = xmalloc((size_t) n * 4 + 1);
	uint64_t	id = 0;

	for (int i = 0; i < n; i++)
	{
		uint32_t	k = (uint32_t) keys[i];

		b[4 * i] = k & 0xff;
		b[4 * i + 1] = (k >> 8) & 0xff;
		b[4 * i + 2] = (k >> 16) & 0xff;
		b[4 * i + 3] = k >> 24;
	}
	sha256_bytes(b, (size_t) n * 4, d);
	free(b);
	for (int i = 0; i < 8; i++)
		id = (id << 8) | d[i];
	id &= INT64_MAX;
	return id ? (int64_t) id : 1;
}

int
genechunks_known(PGconn *conn, strmap **known)
{
	PGresult   *res;

	if (*known)
		return 0;
	res = db_query(conn, "SELECT chunk_id FROM warehouse.gene_chunk", 0, NULL);
	if (!res)
		return -1;
	*known = strmap_new((size_t) PQntuples(res) + 64);
	for (int i = 0; i < PQntuples(res); i++)
		strmap_put(*known, PQgetvalue(res, i, 0), 1);
	PQclear(res);
	return 0;
}

int64_t
genechunks_use(genechunks *gc, PGconn *conn, strmap **known, const int *keys, int n)
{
	int64_t		id = genechunk_id(keys, n);
	char		idtext[24];

	if (genechunks_known(conn, known) < 0)
		return 0;
	snprintf(idtext, sizeof(idtext), "%" PRId64, id);
	if (strmap_get(*known, idtext, NULL))
		return id;
	if (gc->n == gc->cap)
	{
		gc->cap = gc->cap ? gc->cap * 2 : 64;
		gc->v = xrealloc(gc->v, (size_t) gc->cap * sizeof(genechunk_new));
	}
	gc->v[gc->n].id = id;
	gc->v[gc->n].keys = xmalloc((size_t) n * sizeof(int));
	memcpy(gc->v[gc->n].keys, keys, (size_t) n * sizeof(int));
	gc->v[gc->n].n = n;
	gc->n++;
	strmap_put(*known, idtext, 1);
	return id;
}

int
genechunks_register(const genechunks *gc, PGconn *conn)
{
	for (int i = 0; i < gc->n; i++)
	{
		char		id[24];
		onc_buf		k;
		const char *params[2];
		PGresult   *res;

		snprintf(id, sizeof(id), "%" PRId64, gc->v[i].id);
		buf_init(&k);
		buf_puts(&k, "{");
		for (int j = 0; j < gc->v[i].n; j++)
			buf_printf(&k, j ? ",%d" : "%d", gc->v[i].keys[j]);
		buf_puts(&k, "}");
		params[0] = id;
		params[1] = k.data;
		res = db_query(conn, "SELECT warehouse.register_gene_chunk($1::bigint, $2::int[])",
					   2, params);
		buf_free(&k);
		if (!res)
			return -1;
		PQclear(res);
	}
	return 0;
}

void
genechunks_free(genechunks *gc)
{
	for (int i = 0; i < gc->n; i++)
		free(gc->v[i].keys);
	free(gc->v);
	gc->v = NULL;
	gc->n = gc->cap = 0;
}
