/*
 * genechunk.h: runs of gene keys (warehouse.gene_chunk) that packed facts
 * (expression, gene-level copy number) address their array positions by.
 * A chunk's id is derived from its keys, so every loader names the same run
 * of genes the same way; new chunks are registered before the load commits.
 */
#ifndef GENECHUNK_H
#define GENECHUNK_H

#include <stdint.h>
#include <libpq-fe.h>

#include "strmap.h"

typedef struct genechunk_new
{
	int64_t		id;
	int		   *keys;
	int			n;
} genechunk_new;

/* The chunks one load uses that the warehouse did not have. */
typedef struct genechunks
{
	genechunk_new *v;
	int			n,
				cap;
} genechunks;

/* First 63 bits of the SHA-256 of the keys (little-endian int32s); never 0. */
int64_t		genechunk_id(const int *keys, int n);

/*
 * Load the run's set of chunk ids the warehouse has into *known unless it
 * is loaded (a query: call it before a COPY starts); 0 or -1.
 */
int			genechunks_known(PGconn *conn, strmap **known);

/*
 * The id of the run keys[0..n-1], remembered in gc for registration when
 * *known (the run's set of chunk ids in the warehouse, loaded on first use,
 * owned by the caller: strmap_free) lacks it.  0 after a database error.
 */
int64_t		genechunks_use(genechunks *gc, PGconn *conn, strmap **known,
						   const int *keys, int n);

/* Register gc's new chunks (warehouse.register_gene_chunk); 0 or -1. */
int			genechunks_register(const genechunks *gc, PGconn *conn);

/* Free gc's list (not the known set). */
void		genechunks_free(genechunks *gc);

#endif							/* GENECHUNK_H */
