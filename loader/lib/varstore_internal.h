/*
 * varstore_internal.h: what the two halves of the variant store share: the
 * chunk a load fills (varstore.c, the parsing thread) and hands to the
 * writer (varstore_write.c, its own thread), which writes it in order.
 */
#ifndef VARSTORE_INTERNAL_H
#define VARSTORE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bloom.h"
#include "strmap.h"
#include "varstore.h"

#define NO_STR SIZE_MAX

/* A variant queued by this load, strings as offsets into the chunk's arena. */
typedef struct vs_entry
{
	int64_t		key;
	size_t		build,
				chrom,
				ref,
				alt;
	int64_t		start,
				end;
	const char *type;			/* a static string */
	bool		has_annot;
	size_t		a[VA_NSTR];
	int64_t		entrez;
	int			gene;			/* key, pending (< 0: index -gene - 1) or 0 */
	int			cons_first;
	int			ncons;
	/* set by the writer */
	bool		exists;
	bool		unannotated;	/* exists without a preferred annotation */
	bool		annotated_here; /* this load's annotation is already written */
} vs_entry;

typedef struct vs_cons_entry
{
	size_t		s[VC_NSTR];
	bool		preferred;
	signed char canonical;
	signed char pick;
} vs_cons_entry;

/* A gene named by Ensembl ID that the gene dimension lacks: created by the writer. */
typedef struct vs_pending
{
	int			index;			/* the load's pending number (gene = -index - 1) */
	char	   *ensembl;
	char	   *symbol;
	int64_t		entrez;
} vs_pending;

/* What the parsing side hands over: variants, facts and site rows of a stretch of the file. */
typedef struct vs_chunk
{
	vs_entry   *q;
	int			nq,
				capq;
	vs_cons_entry *c;
	int			nc,
				capc;
	onc_buf		arena;
	vs_pending *pend;			/* genes first named in this chunk */
	int			npend,
				cappend;
	db_copy		facts;			/* encoded fact rows */
	db_copy		sites;			/* encoded site rows (VCF) */
	bool		evicted;		/* the load's cache was emptied before this chunk */
} vs_chunk;

struct vstore
{
	load_ctx   *ctx;
	genemap    *genes;
	const char *fact_sql;
	const char *site_sql;

	/* the parsing side */
	uint64_t   *cache;			/* keys this load has queued; open addressing, 0 = empty */
	size_t		cached;
	bool		evicted;
	strmap	   *pend_ids;		/* Ensembl ID -> pending number */
	int			npending;
	bool		names_loaded;
	vs_chunk	chunks[2];
	int			fill;			/* the chunk being filled */
	bloom	   *bloom;
	int64_t    *cand_part;
	int64_t    *cand_key;
	int			ncand;
	bool		cand_overflow;

	/* the writer: one chunk in flight at a time */
	bool		threaded;
	pthread_t	thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	vs_chunk   *work;			/* handed over, not yet written */
	bool		stop;
	atomic_bool failed;			/* the writer failed: read by the parser without the lock */
	int		   *pend_key;		/* pending number -> gene key (the writer's) */
	int			cap_pend_key;
	char	  **pend_name;		/* pending number -> Ensembl ID (the writer's) */
	bool		locked;
	bloom	   *present;		/* the dimension's keys (variant lock held), or NULL */
	vstore_stats stats;
};

/* The writer's job: the chunk's variants, annotations, facts and sites.  0 or -1. */
int			vs_write_chunk(vstore *vs, vs_chunk *ch);

/* Empty a written chunk for reuse. */
void		vs_chunk_reset(vs_chunk *ch);

static inline const char *
vs_arena_get(const vs_chunk *ch, size_t off)
{
	return off == NO_STR ? NULL : ch->arena.data + off;
}

#endif							/* VARSTORE_INTERNAL_H */
