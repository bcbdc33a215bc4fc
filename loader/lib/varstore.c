/*
 * varstore.c: the variant dimension as loads write it (see varstore.h), the
 * parsing side: content-derived keys, a bounded cache of the variants this
 * load has queued, genes, chunks of variants, facts and sites handed to the
 * writer thread (varstore_write.c) one at a time, and the check for facts
 * written twice.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bloom.h"
#include "filehash.h"
#include "geneid.h"
#include "strmap.h"
#include "textutil.h"
#include "varstore_internal.h"

#define CACHE_SLOTS			(1u << 20)	/* 8 MB of keys */
#define CACHE_EVICT_AT		(CACHE_SLOTS / 16 * 9)
#define CHUNK_VARIANTS		8192
#define CHUNK_ARENA			(3u * 1024 * 1024)
#define CHUNK_FACTS			(3u * 1024 * 1024)
#define BLOOM_BITS			(1u << 25)	/* 4 MB */
#define CANDIDATES_MAX		200000

/* ------------------------------------------------------------- helpers */

static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

void
json_kv(onc_buf *b, const char *key, const char *value)
{
	buf_puts(b, b->len ? ",\"" : "{\"");
	json_escape(b, key);
	buf_append(b, "\":\"", 3);
	json_escape(b, value);
	buf_append(b, "\"", 1);
}

const char *
json_end(onc_buf *b)
{
	if (b->len == 0)
		return NULL;
	buf_puts(b, "}");
	return b->data;
}

void
db_copy_jsonb(db_copy *c, const char *json)
{
	size_t		n;

	if (!json)
	{
		db_copy_null(c);
		return;
	}
	n = strlen(json);
	db_put_be32(&c->buf, (uint32_t) (n + 1));
	buf_append(&c->buf, "\001", 1);	/* jsonb binary format version */
	buf_append(&c->buf, json, n);
}

/* ---------------------------------------------------------------- keys */

/* Chromosome code of the key: 1-22, X 23, Y 24, MT 25, other contigs 26-31. */
static uint64_t
chrom_code(const char *c, const unsigned char *digest)
{
	if (c[0] >= '1' && c[0] <= '9' && (c[1] == '\0' || (c[1] >= '0' && c[1] <= '9' && c[2] == '\0')))
	{
		int			n = atoi(c);

		if (n >= 1 && n <= 22)
			return (uint64_t) n;
	}
	if (strcmp(c, "X") == 0)
		return 23;
	if (strcmp(c, "Y") == 0)
		return 24;
	if (strcmp(c, "MT") == 0)
		return 25;
	return 26 + digest[31] % 6;
}

int64_t
vstore_key(const vs_variant *v)
{
	char		small[512];
	char	   *text = small;
	unsigned char d[32];
	uint64_t	h = 0;
	int			n;

	n = snprintf(small, sizeof(small), "%s|%s|%" PRId64 "|%" PRId64 "|%s|%s", v->build, v->chrom,
				 v->start, v->end, v->ref, v->alt);
	if (n >= (int) sizeof(small))
		text = xasprintf("%s|%s|%" PRId64 "|%" PRId64 "|%s|%s", v->build, v->chrom, v->start, v->end,
						 v->ref, v->alt);
	sha256_bytes(text, (size_t) n, d);
	if (text != small)
		free(text);
	for (int i = 0; i < 4; i++)
		h = (h << 8) | d[i];
	/*
	 * bit 62 the build, 57-61 the chromosome, 28-56 the start, 0-27 the
	 * digest: keys sort like the genome, so that index inserts have locality
	 */
	return (int64_t) (((uint64_t) (strcmp(v->build, "GRCh38") == 0) << 62) |
					  (chrom_code(v->chrom, d) << 57) |
					  (((uint64_t) v->start & ((1u << 29) - 1)) << 28) |
					  (h & ((1u << 28) - 1)));
}

/* ---------------------------------------------------------------- genes */

int
vstore_gene(vstore *vs, const char *ensembl, const char *symbol, const char *entrez,
			int *gene, char *msg, size_t cap)
{
	char		base[64],
				ver[32];
	int			key = 0,
				ek = 0,
				sk = 0;
	bool		has_entrez = false;

	*gene = 0;
	if (symbol && (str_ieq(symbol, "Unknown") || !*symbol))
		symbol = NULL;
	if (entrez)
	{
		int64_t		e;

		has_entrez = num_parse_int64(entrez, &e) == NUM_OK && e > 0;
	}
	if (ensembl && geneid_ensembl(ensembl, base, sizeof(base), ver, sizeof(ver)))
	{
		key = genemap_ensembl(vs->genes, base);
		if (key <= 0)
		{
			int64_t		idx;

			if (!vs->pend_ids)
				vs->pend_ids = strmap_new(64);
			if (!strmap_get(vs->pend_ids, base, &idx))
			{
				/* a gene the dimension lacks: the writer creates it with this chunk */
				vs_chunk   *ch = &vs->chunks[vs->fill];
				vs_pending *p;

				if (ch->npend == ch->cappend)
				{
					ch->cappend = ch->cappend ? ch->cappend * 2 : 64;
					ch->pend = xrealloc(ch->pend, (size_t) ch->cappend * sizeof(vs_pending));
				}
				p = &ch->pend[ch->npend++];
				idx = vs->npending++;
				p->index = (int) idx;
				p->ensembl = xstrdup(base);
				p->symbol = symbol ? xstrdup(symbol) : NULL;
				p->entrez = 0;
				if (has_entrez)
					num_parse_int64(entrez, &p->entrez);
				strmap_put(vs->pend_ids, base, idx);
			}
			key = -(int) idx - 1;
		}
	}
	if (has_entrez || symbol)
	{
		if (!vs->names_loaded)
		{
			/* once per load, with the connection free */
			if (vstore_sync(vs) < 0 || genemap_load_names(vs->genes, vs->ctx->conn) < 0)
				return -1;
			vs->names_loaded = true;
		}
		if (has_entrez)
			ek = genemap_entrez(vs->genes, entrez);
		if (symbol)
			sk = genemap_symbol(vs->genes, symbol);
		if (ek > 0 && sk > 0 && ek != sk)
		{
			snprintf(msg, cap, "Hugo_Symbol %.40s and Entrez_Gene_Id %.20s name different genes", symbol, entrez);
			return 1;
		}
	}
	if (key == 0)
		key = ek > 0 ? ek : sk > 0 ? sk : 0;
	*gene = key;
	return 0;
}

/* ---------------------------------------------------------------- queue */

static size_t
arena_put(vs_chunk *ch, const char *s)
{
	size_t		off;

	if (!s)
		return NO_STR;
	off = ch->arena.len;
	buf_append(&ch->arena, s, strlen(s) + 1);
	return off;
}

/* True when key was already in the cache; inserts it otherwise. */
static bool
cache_test_and_set(vstore *vs, int64_t key)
{
	size_t		mask = CACHE_SLOTS - 1;
	size_t		i = (size_t) mix64((uint64_t) key) & mask;

	while (vs->cache[i])
	{
		if (vs->cache[i] == (uint64_t) key)
			return true;
		i = (i + 1) & mask;
	}
	vs->cache[i] = (uint64_t) key;
	vs->cached++;
	return false;
}

void
vstore_add(vstore *vs, int64_t key, const vs_variant *v, const vs_annot *a,
		   const vs_cons *cons, int ncons)
{
	vs_chunk   *ch = &vs->chunks[vs->fill];
	vs_entry   *q;

	if (cache_test_and_set(vs, key))
		return;
	if (ch->nq == ch->capq)
	{
		ch->capq = ch->capq ? ch->capq * 2 : 1024;
		ch->q = xrealloc(ch->q, (size_t) ch->capq * sizeof(vs_entry));
	}
	q = &ch->q[ch->nq++];
	memset(q, 0, sizeof(*q));
	q->key = key;
	q->build = arena_put(ch, v->build);
	q->chrom = arena_put(ch, v->chrom);
	q->ref = arena_put(ch, v->ref);
	q->alt = arena_put(ch, v->alt);
	q->start = v->start;
	q->end = v->end;
	q->type = v->type;			/* static strings */
	q->has_annot = a != NULL;
	for (int i = 0; i < VA_NSTR; i++)
		q->a[i] = a ? arena_put(ch, a->s[i]) : NO_STR;
	q->entrez = a ? a->entrez : 0;
	q->gene = a ? a->gene : 0;
	q->cons_first = ch->nc;
	q->ncons = ncons;
	for (int j = 0; j < ncons; j++)
	{
		vs_cons_entry *ce;

		if (ch->nc == ch->capc)
		{
			ch->capc = ch->capc ? ch->capc * 2 : 1024;
			ch->c = xrealloc(ch->c, (size_t) ch->capc * sizeof(vs_cons_entry));
		}
		ce = &ch->c[ch->nc++];
		for (int i = 0; i < VC_NSTR; i++)
			ce->s[i] = arena_put(ch, cons[j].s[i]);
		ce->preferred = cons[j].preferred;
		ce->canonical = cons[j].canonical;
		ce->pick = cons[j].pick;
	}
}

/* ---------------------------------------------------------- the writer */

static void *
writer_main(void *arg)
{
	vstore	   *vs = arg;

	pthread_mutex_lock(&vs->mu);
	for (;;)
	{
		vs_chunk   *ch;
		int			rc;

		while (!vs->work && !vs->stop)
			pthread_cond_wait(&vs->cv, &vs->mu);
		if (!vs->work)
			break;
		ch = vs->work;
		pthread_mutex_unlock(&vs->mu);
		rc = atomic_load(&vs->failed) ? -1 : vs_write_chunk(vs, ch);
		vs_chunk_reset(ch);
		pthread_mutex_lock(&vs->mu);
		if (rc < 0)
			atomic_store(&vs->failed, true);
		vs->work = NULL;
		pthread_cond_broadcast(&vs->cv);
	}
	pthread_mutex_unlock(&vs->mu);
	return NULL;
}

/* Wait until the writer has nothing in hand; false when it failed. */
static bool
wait_idle(vstore *vs)
{
	bool		ok;

	if (!vs->threaded)
		return !atomic_load(&vs->failed);
	pthread_mutex_lock(&vs->mu);
	while (vs->work)
		pthread_cond_wait(&vs->cv, &vs->mu);
	ok = !atomic_load(&vs->failed);
	pthread_mutex_unlock(&vs->mu);
	return ok;
}

/* Hand the chunk being filled to the writer and fill the other one. */
static int
hand_over(vstore *vs)
{
	vs_chunk   *ch = &vs->chunks[vs->fill];

	if (ch->nq == 0 && ch->facts.rows == 0 && ch->sites.rows == 0)
		return atomic_load(&vs->failed) ? -1 : 0;
	if (!wait_idle(vs))
		return -1;
	ch->evicted = vs->evicted;
	if (!vs->threaded)
	{
		int			rc = vs_write_chunk(vs, ch);

		vs_chunk_reset(ch);
		if (rc < 0)
			atomic_store(&vs->failed, true);
	}
	else
	{
		pthread_mutex_lock(&vs->mu);
		vs->work = ch;
		pthread_cond_broadcast(&vs->cv);
		pthread_mutex_unlock(&vs->mu);
		vs->fill = 1 - vs->fill;
	}
	/* the cache is emptied between chunks, when full */
	if (vs->cached >= CACHE_EVICT_AT)
	{
		memset(vs->cache, 0, CACHE_SLOTS * sizeof(uint64_t));
		vs->cached = 0;
		vs->evicted = true;
	}
	return atomic_load(&vs->failed) ? -1 : 0;
}

static void
stop_writer(vstore *vs)
{
	if (!vs->threaded)
		return;
	pthread_mutex_lock(&vs->mu);
	vs->stop = true;
	pthread_cond_broadcast(&vs->cv);
	pthread_mutex_unlock(&vs->mu);
	pthread_join(vs->thread, NULL);
	pthread_mutex_destroy(&vs->mu);
	pthread_cond_destroy(&vs->cv);
	vs->threaded = false;
}

/* ------------------------------------------------------------ lifecycle */

vstore *
vstore_new(load_ctx *ctx, genemap *genes, const char *fact_sql, const char *site_sql)
{
	vstore	   *vs = xcalloc(1, sizeof(*vs));

	vs->ctx = ctx;
	vs->genes = genes;
	vs->fact_sql = fact_sql;
	vs->site_sql = site_sql;
	vs->cache = xcalloc(CACHE_SLOTS, sizeof(uint64_t));
	for (int i = 0; i < 2; i++)
	{
		buf_init(&vs->chunks[i].arena);
		buf_init(&vs->chunks[i].facts.buf);
		buf_init(&vs->chunks[i].sites.buf);
	}
	pthread_mutex_init(&vs->mu, NULL);
	pthread_cond_init(&vs->cv, NULL);
	vs->threaded = pthread_create(&vs->thread, NULL, writer_main, vs) == 0;
	if (!vs->threaded)
	{
		pthread_mutex_destroy(&vs->mu);
		pthread_cond_destroy(&vs->cv);
	}
	return vs;
}

void
vstore_free(vstore *vs)
{
	if (!vs)
		return;
	if (vs->threaded)
	{
		/* whatever is in hand is not wanted any more */
		atomic_store(&vs->failed, true);
		stop_writer(vs);
	}
	for (int i = 0; i < 2; i++)
	{
		vs_chunk   *ch = &vs->chunks[i];

		vs_chunk_reset(ch);
		free(ch->q);
		free(ch->c);
		free(ch->pend);
		buf_free(&ch->arena);
		db_copy_free(&ch->facts);
		db_copy_free(&ch->sites);
	}
	strmap_free(vs->pend_ids);
	for (int i = 0; i < vs->cap_pend_key; i++)
		free(vs->pend_name[i]);
	free(vs->pend_name);
	free(vs->pend_key);
	free(vs->cache);
	bloom_free(vs->bloom);
	bloom_free(vs->present);
	free(vs->cand_part);
	free(vs->cand_key);
	free(vs);
}

const vstore_stats *
vstore_get_stats(const vstore *vs)
{
	return &vs->stats;
}

db_copy *
vstore_facts(vstore *vs)
{
	return &vs->chunks[vs->fill].facts;
}

db_copy *
vstore_sites(vstore *vs)
{
	return &vs->chunks[vs->fill].sites;
}

int
vstore_next(vstore *vs)
{
	const vs_chunk *ch = &vs->chunks[vs->fill];

	if (ch->nq >= CHUNK_VARIANTS || ch->arena.len >= CHUNK_ARENA ||
		ch->facts.buf.len + ch->sites.buf.len >= CHUNK_FACTS || vs->cached >= CACHE_EVICT_AT)
		return hand_over(vs);
	return atomic_load(&vs->failed) ? -1 : 0;
}

int
vstore_sync(vstore *vs)
{
	if (hand_over(vs) < 0 || !wait_idle(vs))
		return -1;
	return 0;
}

int
vstore_finish(vstore *vs)
{
	if (vstore_sync(vs) < 0)
		return -1;
	stop_writer(vs);
	/* later files of the run know the genes this load created */
	for (int i = 0; i < vs->cap_pend_key; i++)
		if (vs->pend_name[i] && vs->pend_key[i] > 0)
			genemap_add_ensembl(vs->genes, vs->pend_name[i], vs->pend_key[i]);
	return 0;
}

/* ------------------------------------------------------- duplicate facts */

void
vstore_note_fact(vstore *vs, int64_t part_id, int64_t key)
{
	uint64_t	h1 = mix64((uint64_t) key ^ mix64((uint64_t) part_id + 0x9e3779b97f4a7c15ULL));
	uint64_t	h2 = mix64(h1) | 1;
	if (!vs->bloom)
		vs->bloom = bloom_new(BLOOM_BITS, 4);
	if (!bloom_add(vs->bloom, h1, h2))
		return;
	if (vs->ncand >= CANDIDATES_MAX)
	{
		vs->cand_overflow = true;
		return;
	}
	if (!vs->cand_part)
	{
		vs->cand_part = xmalloc(CANDIDATES_MAX * sizeof(int64_t));
		vs->cand_key = xmalloc(CANDIDATES_MAX * sizeof(int64_t));
	}
	vs->cand_part[vs->ncand] = part_id;
	vs->cand_key[vs->ncand] = key;
	vs->ncand++;
}

int64_t
vstore_remove_duplicates(vstore *vs, const char *table, vs_dup_report report, void *arg)
{
	onc_buf		sql,
				p,
				k;
	const char *params[3];
	PGresult   *res;
	int64_t		n;

	if (vs->ncand == 0 && !vs->cand_overflow)
		return 0;
	buf_init(&sql);
	buf_init(&p);
	buf_init(&k);
	buf_printf(&sql,
			   "WITH d AS (SELECT t.ctid AS c, t.part_id, t.variant_key, t.source_line, "
			   "first_value(t.source_line) OVER w AS first_line, row_number() OVER w AS rn "
			   "FROM %s t WHERE t.load_id = $1::bigint%s "
			   "WINDOW w AS (PARTITION BY t.part_id, t.variant_key ORDER BY t.source_line, t.ctid)), "
			   "del AS (DELETE FROM %s t USING d WHERE t.ctid = d.c AND d.rn > 1 "
			   "RETURNING d.part_id, d.variant_key, d.first_line, d.source_line) "
			   "SELECT * FROM del ORDER BY source_line",
			   table, vs->cand_overflow ? "" :
			   " AND (t.part_id, t.variant_key) IN (SELECT DISTINCT u.p, u.k FROM "
			   "unnest($2::bigint[], $3::bigint[]) AS u(p, k))", table);
	params[0] = vs->ctx->load_id_text;
	if (!vs->cand_overflow)
	{
		buf_puts(&p, "{");
		buf_puts(&k, "{");
		for (int i = 0; i < vs->ncand; i++)
		{
			buf_printf(&p, "%s%" PRId64, i ? "," : "", vs->cand_part[i]);
			buf_printf(&k, "%s%" PRId64, i ? "," : "", vs->cand_key[i]);
		}
		buf_puts(&p, "}");
		buf_puts(&k, "}");
		params[1] = p.data;
		params[2] = k.data;
	}
	res = db_query(vs->ctx->conn, sql.data, vs->cand_overflow ? 1 : 3, params);
	buf_free(&sql);
	buf_free(&p);
	buf_free(&k);
	if (!res)
		return -1;
	n = PQntuples(res);
	for (int i = 0; i < n; i++)
		report(arg, strtoll(PQgetvalue(res, i, 0), NULL, 10), strtoll(PQgetvalue(res, i, 1), NULL, 10),
			   strtoll(PQgetvalue(res, i, 2), NULL, 10), strtoll(PQgetvalue(res, i, 3), NULL, 10));
	PQclear(res);
	return n;
}
