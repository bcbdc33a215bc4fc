/*
 * varstore_write.c: the writer half of the variant store (see varstore.h):
 * for each chunk, in order, the genes it names that are new, which of its
 * variants the dimension has (one query), binary COPYs of the new variants,
 * this load's annotations and consequences, then the chunk's facts and
 * sites.  Runs in the writer thread; touches nothing the parser changes.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "textutil.h"
#include "varstore_internal.h"

/* advisory lock class of the variant dimension (after audit.c's three) */
#define LOCK_VARIANTS		0x6f6e6304
#define INT8OID				20

static void
copy_int4_or_null(db_copy *c, int64_t v, bool present)
{
	if (present)
		db_copy_int4(c, (int32_t) v);
	else
		db_copy_null(c);
}

static void
copy_bool_or_null(db_copy *c, signed char v)
{
	unsigned char b = v > 0;

	if (v < 0)
	{
		db_copy_null(c);
		return;
	}
	db_put_be32(&c->buf, 1);
	buf_append(&c->buf, &b, 1);
}

/*
 * A Bloom filter of the variant dimension's keys, read once the variant
 * lock is held (no other load can add keys until this one commits) and
 * kept up to date with the keys this load adds.  A queued key the filter
 * does not have is surely new and needs no look-up: the first load into a
 * warehouse asks nothing.  Read only when the dimension is small next to
 * what this load brings (a first chunk of a big file), so that a small
 * file never reads a big dimension.
 */
#define PRESENT_BITS		(1u << 25)	/* 4 MB */
#define PRESENT_HASHES		3
#define PRESENT_MAX_KEYS	4000000

/* A variant key's two hashes for the filter: mixed, the key has a layout. */
static void
present_add(vstore *vs, int64_t key)
{
	uint64_t	h = hash64_final((uint64_t) key);

	bloom_add(vs->present, h, h >> 29);
}

static bool
present_may_have(const vstore *vs, int64_t key)
{
	uint64_t	h = hash64_final((uint64_t) key);

	return bloom_may_have(vs->present, h, h >> 29);
}

/* Read the dimension's keys into the filter, when it is worth it; 0 or -1. */
static int
load_present(vstore *vs, int queued)
{
	PGresult   *res;
	double		estimate;
	char	   *buf = NULL;
	int			n;

	res = db_query(vs->ctx->conn,
				   "SELECT CASE WHEN c.relpages = 0 THEN 0 ELSE c.reltuples END "
				   "FROM pg_catalog.pg_class c WHERE c.oid = 'warehouse.variant'::regclass", 0, NULL);
	if (!res)
		return -1;
	estimate = atof(PQgetvalue(res, 0, 0));
	PQclear(res);
	/* never analyzed (-1) but not empty: unknown, leave it to the look-ups */
	if (estimate < 0 || estimate > PRESENT_MAX_KEYS || estimate > 64.0 * queued)
		return 0;
	vs->present = bloom_new(PRESENT_BITS, PRESENT_HASHES);
	res = PQexec(vs->ctx->conn, "COPY (SELECT variant_key FROM warehouse.variant) TO STDOUT");
	if (PQresultStatus(res) != PGRES_COPY_OUT)
	{
		db_report(vs->ctx->conn, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	while ((n = PQgetCopyData(vs->ctx->conn, &buf, 0)) > 0)
	{
		present_add(vs, strtoll(buf, NULL, 10));
		PQfreemem(buf);
	}
	res = PQgetResult(vs->ctx->conn);
	if (n == -2 || PQresultStatus(res) != PGRES_COMMAND_OK)
	{
		db_report(vs->ctx->conn, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	while ((res = PQgetResult(vs->ctx->conn)) != NULL)
		PQclear(res);
	return 0;
}

static int
take_locks(vstore *vs, int queued)
{
	char		cls[16];
	const char *params[1] = {cls};
	PGresult   *res;

	if (vs->locked)
		return 0;
	/* the lock order: genes (last of audit.c's), then the variant dimension */
	if (load_lock_genes(vs->ctx) < 0)
		return -1;
	snprintf(cls, sizeof(cls), "%d", LOCK_VARIANTS);
	res = db_query(vs->ctx->conn, "SELECT pg_catalog.pg_advisory_xact_lock($1::int, 0)", 1, params);
	if (!res)
		return -1;
	PQclear(res);
	vs->locked = true;
	return load_present(vs, queued);
}

/* Create the genes this chunk names first; entries get their keys. */
static int
insert_pending_genes(vstore *vs, vs_chunk *ch)
{
	load_ctx   *ctx = vs->ctx;
	onc_buf		e,
				s,
				n;
	const char *params[5];
	PGresult   *res;

	if (ch->npend > 0)
	{
		buf_init(&e);
		buf_init(&s);
		buf_init(&n);
		buf_puts(&e, "{");
		buf_puts(&s, "{");
		buf_puts(&n, "{");
		for (int i = 0; i < ch->npend; i++)
		{
			const char *sep = i ? "," : "";

			buf_puts(&e, sep);
			buf_puts(&s, sep);
			db_array_elem(&e, ch->pend[i].ensembl);
			db_array_elem(&s, ch->pend[i].symbol);
			if (ch->pend[i].entrez > 0)
				buf_printf(&n, "%s%" PRId64, sep, ch->pend[i].entrez);
			else
				buf_printf(&n, "%sNULL", sep);
		}
		buf_puts(&e, "}");
		buf_puts(&s, "}");
		buf_puts(&n, "}");
		params[0] = e.data;
		params[1] = s.data;
		params[2] = n.data;
		params[3] = ctx->input_format;
		params[4] = ctx->load_id_text;
		res = db_query(ctx->conn,
					   "INSERT INTO warehouse.gene (ensembl_id, symbol, entrez_id, source, created_load_id) "
					   "SELECT u.e, u.s, u.n, $4, $5::bigint "
					   "FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(e, s, n) "
					   "ON CONFLICT (ensembl_id) DO UPDATE SET ensembl_id = EXCLUDED.ensembl_id "
					   "RETURNING ensembl_id, gene_key, (xmax = 0)",
					   5, params);
		buf_free(&e);
		buf_free(&s);
		buf_free(&n);
		if (!res)
			return -1;
		for (int i = 0; i < ch->npend; i++)
		{
			int			idx = ch->pend[i].index;

			if (idx >= vs->cap_pend_key)
			{
				int			cap = vs->cap_pend_key ? vs->cap_pend_key : 64;

				while (cap <= idx)
					cap *= 2;
				vs->pend_key = xrealloc(vs->pend_key, (size_t) cap * sizeof(int));
				vs->pend_name = xrealloc(vs->pend_name, (size_t) cap * sizeof(char *));
				for (int k = vs->cap_pend_key; k < cap; k++)
				{
					vs->pend_key[k] = 0;
					vs->pend_name[k] = NULL;
				}
				vs->cap_pend_key = cap;
			}
			for (int r = 0; r < PQntuples(res); r++)
				if (strcmp(PQgetvalue(res, r, 0), ch->pend[i].ensembl) == 0)
				{
					vs->pend_key[idx] = atoi(PQgetvalue(res, r, 1));
					if (strcmp(PQgetvalue(res, r, 2), "t") == 0)
						vs->stats.genes_new++;
				}
			vs->pend_name[idx] = xstrdup(ch->pend[i].ensembl);
		}
		PQclear(res);
	}
	for (int i = 0; i < ch->nq; i++)
	{
		vs_entry   *q = &ch->q[i];

		if (q->has_annot && q->gene < 0)
			q->gene = -q->gene - 1 < vs->cap_pend_key ? vs->pend_key[-q->gene - 1] : 0;
	}
	return 0;
}

static int
cmp_entry_key(const void *a, const void *b)
{
	int64_t		x = ((const vs_entry *) a)->key,
				y = ((const vs_entry *) b)->key;

	return x < y ? -1 : x > y;
}

/* Which queued variants exist, and whether they are annotated. */
static int
mark_existing(vstore *vs, vs_chunk *ch)
{
	onc_buf		keys;
	const char *values[2];
	int			lengths[2] = {0, 0};
	int			formats[2] = {1, 0};
	PGresult   *res;
	int			rc = -1,
				j = 0,
				nask = 0;
	size_t		count_at;

	/*
	 * The keys as a binary int8[] (sorted: the index is read in order),
	 * leaving out those the dimension's filter says are new.
	 */
	buf_init(&keys);
	db_put_be32(&keys, 1);
	db_put_be32(&keys, 0);
	db_put_be32(&keys, INT8OID);
	count_at = keys.len;
	db_put_be32(&keys, 0);		/* the count, filled in below */
	db_put_be32(&keys, 1);
	for (int i = 0; i < ch->nq; i++)
	{
		if (vs->present && !present_may_have(vs, ch->q[i].key))
			continue;
		db_put_be32(&keys, 8);
		db_put_be64(&keys, (uint64_t) ch->q[i].key);
		nask++;
	}
	vs->stats.lookups += nask;
	if (nask == 0)
	{
		buf_free(&keys);
		return 0;
	}
	{
		unsigned char *c = (unsigned char *) keys.data + count_at;

		c[0] = (unsigned char) (nask >> 24);
		c[1] = (unsigned char) (nask >> 16);
		c[2] = (unsigned char) (nask >> 8);
		c[3] = (unsigned char) nask;
	}
	values[0] = keys.data;
	lengths[0] = (int) keys.len;
	values[1] = vs->ctx->load_id_text;
	/*
	 * One index probe per key: the lateral subquery (kept whole by OFFSET 0)
	 * runs once per key, so the planner cannot choose to scan the whole
	 * dimension (with "= ANY" it chose, for some chunks, a sequential scan
	 * with a hashed array: a read of the whole table for a few thousand keys).
	 * After the cache was emptied, a variant may have been annotated by this
	 * load already.
	 */
	res = PQexecParams(vs->ctx->conn, ch->evicted ?
					   "SELECT v.variant_key, v.genome_build, v.chromosome, v.start_position, v.end_position, "
					   "v.reference_allele, v.alternate_allele, v.annotation_load_id IS NULL, "
					   "v.annotation_load_id IS NOT DISTINCT FROM $2::bigint OR EXISTS (SELECT 1 FROM "
					   "warehouse.variant_annotation a WHERE a.variant_key = v.variant_key AND a.load_id = $2::bigint) "
					   "FROM unnest($1::bigint[]) AS k(key) CROSS JOIN LATERAL (SELECT * FROM warehouse.variant x "
					   "WHERE x.variant_key = k.key OFFSET 0) AS v ORDER BY 1" :
					   "SELECT v.variant_key, v.genome_build, v.chromosome, v.start_position, v.end_position, "
					   "v.reference_allele, v.alternate_allele, v.annotation_load_id IS NULL, false "
					   "FROM unnest($1::bigint[]) AS k(key) CROSS JOIN LATERAL (SELECT * FROM warehouse.variant x "
					   "WHERE x.variant_key = k.key OFFSET 0) AS v ORDER BY 1",
					   ch->evicted ? 2 : 1, NULL, values, lengths, formats, 0);
	buf_free(&keys);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		db_report(vs->ctx->conn, res);
		PQclear(res);
		return -1;
	}
	for (int i = 0; i < PQntuples(res); i++)
	{
		int64_t		k = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		vs_entry   *q;

		while (j < ch->nq && ch->q[j].key < k)
			j++;
		if (j == ch->nq || ch->q[j].key != k)
			continue;
		q = &ch->q[j];
		if (strcmp(PQgetvalue(res, i, 1), vs_arena_get(ch, q->build)) != 0 ||
			strcmp(PQgetvalue(res, i, 2), vs_arena_get(ch, q->chrom)) != 0 ||
			strtoll(PQgetvalue(res, i, 3), NULL, 10) != q->start ||
			strtoll(PQgetvalue(res, i, 4), NULL, 10) != q->end ||
			strcmp(PQgetvalue(res, i, 5), vs_arena_get(ch, q->ref)) != 0 ||
			strcmp(PQgetvalue(res, i, 6), vs_arena_get(ch, q->alt)) != 0)
		{
			onc_error("variant key %" PRId64 " names two variants (%s:%s:%s>%s and %s:%" PRId64 ":%s>%s); "
					  "the load cannot go on", q->key, PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
					  PQgetvalue(res, i, 5), PQgetvalue(res, i, 6), vs_arena_get(ch, q->chrom),
					  q->start, vs_arena_get(ch, q->ref), vs_arena_get(ch, q->alt));
			goto done;
		}
		q->exists = true;
		q->unannotated = strcmp(PQgetvalue(res, i, 7), "t") == 0;
		q->annotated_here = strcmp(PQgetvalue(res, i, 8), "t") == 0;
	}
	rc = 0;
done:
	PQclear(res);
	return rc;
}

/* The annotation's text fields after the Entrez ID, in table order. */
static const vs_annot_field text_after_entrez[] = {VA_GENE_ID, VA_CONSEQUENCE, VA_IMPACT,
	VA_TRANSCRIPT, VA_HGVSC, VA_HGVSP, VA_HGVSP_SHORT, VA_SIFT, VA_POLYPHEN, VA_DBSNP,
VA_EXISTING};
#define N_TEXT_AFTER_ENTREZ ((int) (sizeof(text_after_entrez) / sizeof(text_after_entrez[0])))

/* A new variant, carrying this load's annotation when it has one. */
static void
encode_variant(vstore *vs, const vs_chunk *ch, db_copy *c, const vs_entry *q)
{
	bool		a = q->has_annot;

	db_copy_row(c, 27);
	db_copy_int8(c, q->key);
	db_copy_text(c, vs_arena_get(ch, q->build));
	db_copy_text(c, vs_arena_get(ch, q->chrom));
	db_copy_int8(c, q->start);
	db_copy_int8(c, q->end);
	db_copy_text(c, vs_arena_get(ch, q->ref));
	db_copy_text(c, vs_arena_get(ch, q->alt));
	db_copy_text(c, q->type);
	copy_int4_or_null(c, q->gene, a && q->gene > 0);
	db_copy_text(c, a ? vs_arena_get(ch, q->a[VA_CLASSIFICATION]) : NULL);
	if (a)
		db_copy_int8(c, vs->ctx->load_id);
	else
		db_copy_null(c);
	db_copy_text(c, a ? vs_arena_get(ch, q->a[VA_SOURCE]) : NULL);
	db_copy_text(c, a ? vs_arena_get(ch, q->a[VA_GENE_SYMBOL]) : NULL);
	if (a && q->entrez > 0)
		db_copy_int8(c, q->entrez);
	else
		db_copy_null(c);
	for (int i = 0; i < N_TEXT_AFTER_ENTREZ; i++)
		db_copy_text(c, a ? vs_arena_get(ch, q->a[text_after_entrez[i]]) : NULL);
	db_copy_jsonb(c, a ? vs_arena_get(ch, q->a[VA_EXTRA]) : NULL);
	db_copy_int8(c, vs->ctx->load_id);
}

/* This load's annotation of a variant that has another preferred one (or none yet). */
static void
encode_annotation(vstore *vs, const vs_chunk *ch, db_copy *c, const vs_entry *q)
{
	const char *src = vs_arena_get(ch, q->a[VA_SOURCE]);

	db_copy_row(c, 19);
	db_copy_int8(c, q->key);
	db_copy_int8(c, vs->ctx->load_id);
	db_copy_text(c, src ? src : "unknown");
	copy_int4_or_null(c, q->gene, q->gene > 0);
	db_copy_text(c, vs_arena_get(ch, q->a[VA_GENE_SYMBOL]));
	if (q->entrez > 0)
		db_copy_int8(c, q->entrez);
	else
		db_copy_null(c);
	db_copy_text(c, vs_arena_get(ch, q->a[VA_GENE_ID]));
	db_copy_text(c, vs_arena_get(ch, q->a[VA_CLASSIFICATION]));
	for (int i = 1; i < N_TEXT_AFTER_ENTREZ; i++)
		db_copy_text(c, vs_arena_get(ch, q->a[text_after_entrez[i]]));
	db_copy_jsonb(c, vs_arena_get(ch, q->a[VA_EXTRA]));
}

static void
encode_consequences(vstore *vs, const vs_chunk *ch, db_copy *c, const vs_entry *q)
{
	for (int j = 0; j < q->ncons; j++)
	{
		const vs_cons_entry *ce = &ch->c[q->cons_first + j];
		unsigned char pref = ce->preferred;
		unsigned char o[2] = {(unsigned char) ((j + 1) >> 8), (unsigned char) (j + 1)};

		db_copy_row(c, 19);
		db_copy_int8(c, q->key);
		db_copy_int8(c, vs->ctx->load_id);
		db_put_be32(&c->buf, 2);	/* ordinal: an int2 */
		buf_append(&c->buf, o, 2);
		db_put_be32(&c->buf, 1);
		buf_append(&c->buf, &pref, 1);
		for (int i = VC_ALLELE; i <= VC_HGVSP; i++)
			db_copy_text(c, vs_arena_get(ch, ce->s[i]));
		copy_bool_or_null(c, ce->canonical);
		db_copy_text(c, vs_arena_get(ch, ce->s[VC_MANE]));
		copy_bool_or_null(c, ce->pick);
		db_copy_jsonb(c, vs_arena_get(ch, ce->s[VC_EXTRA]));
	}
}

static const char annotation_copy_columns[] =
"(variant_key, load_id, source, gene_key, gene_symbol, entrez_gene_id, gene_id, variant_classification, "
"consequence, impact, transcript_id, hgvsc, hgvsp, hgvsp_short, sift, polyphen, dbsnp_rs, existing_variation, "
"extra) FROM STDIN (FORMAT binary)";

/* Existing variants without a preferred annotation get this load's (rows encoded as annotations). */
static int
annotate_existing(vstore *vs, const db_copy *rows)
{
	char	   *sql;
	int			rc;
	PGresult   *res;
	const char *params[1] = {vs->ctx->load_id_text};

	if (rows->rows == 0)
		return 0;
	if (db_exec(vs->ctx->conn, "CREATE TEMP TABLE IF NOT EXISTS vs_annotation_stage "
				"(LIKE warehouse.variant_annotation) ON COMMIT DROP") < 0)
		return -1;
	sql = xasprintf("COPY pg_temp.vs_annotation_stage %s", annotation_copy_columns);
	rc = db_copy_rows(vs->ctx->conn, sql, rows);
	free(sql);
	if (rc < 0)
		return -1;
	res = db_query(vs->ctx->conn,
				   "UPDATE warehouse.variant v SET gene_key = s.gene_key, variant_classification = s.variant_classification, "
				   "annotation_load_id = $1::bigint, annotation_source = s.source, gene_symbol = s.gene_symbol, "
				   "entrez_gene_id = s.entrez_gene_id, gene_id = s.gene_id, consequence = s.consequence, impact = s.impact, "
				   "transcript_id = s.transcript_id, hgvsc = s.hgvsc, hgvsp = s.hgvsp, hgvsp_short = s.hgvsp_short, "
				   "sift = s.sift, polyphen = s.polyphen, dbsnp_rs = s.dbsnp_rs, existing_variation = s.existing_variation, "
				   "annotation_extra = s.extra FROM pg_temp.vs_annotation_stage s "
				   "WHERE v.variant_key = s.variant_key AND v.annotation_load_id IS NULL",
				   1, params);
	if (!res)
		return -1;
	PQclear(res);
	return db_exec(vs->ctx->conn, "TRUNCATE pg_temp.vs_annotation_stage");
}

static const char variant_copy_sql[] =
"COPY warehouse.variant (variant_key, genome_build, chromosome, start_position, "
"end_position, reference_allele, alternate_allele, variant_type, gene_key, "
"variant_classification, annotation_load_id, annotation_source, gene_symbol, entrez_gene_id, "
"gene_id, consequence, impact, transcript_id, hgvsc, hgvsp, hgvsp_short, sift, polyphen, dbsnp_rs, "
"existing_variation, annotation_extra, created_load_id) FROM STDIN (FORMAT binary)";

int
vs_write_chunk(vstore *vs, vs_chunk *ch)
{
	db_copy		vrows,
				arows,
				urows,
				crows;
	int			rc = -1;
	char	   *sql = NULL;
	bool		streaming = false;

	memset(&vrows, 0, sizeof(vrows));
	memset(&arows, 0, sizeof(arows));
	memset(&urows, 0, sizeof(urows));
	memset(&crows, 0, sizeof(crows));
	buf_init(&vrows.buf);
	buf_init(&arows.buf);
	buf_init(&urows.buf);
	buf_init(&crows.buf);
	if (ch->nq > 0)
	{
		if (take_locks(vs, ch->nq) < 0 || insert_pending_genes(vs, ch) < 0)
			goto done;
		/* keys sort like the genome: the new variants go in in index order */
		qsort(ch->q, (size_t) ch->nq, sizeof(vs_entry), cmp_entry_key);
		if (mark_existing(vs, ch) < 0)
			goto done;
		/*
		 * The new variants stream into their COPY as they are encoded, so
		 * that the server inserts the first ones while the rest are encoded;
		 * what this load says about known variants is sent after.
		 */
		for (int i = 0; i < ch->nq; i++)
		{
			const vs_entry *q = &ch->q[i];

			if (!q->exists)
			{
				if (!streaming)
				{
					if (db_copy_begin(&vrows, vs->ctx->conn, variant_copy_sql) < 0)
						goto done;
					streaming = true;
				}
				encode_variant(vs, ch, &vrows, q);
				if (db_copy_flush_if_full(&vrows) < 0)
					goto done;
				if (vs->present)
					present_add(vs, q->key);
				vs->stats.variants_new++;
				if (q->has_annot)
					vs->stats.annotations++;
			}
			else
			{
				vs->stats.variants_known++;
				if (!q->has_annot || q->annotated_here)
					continue;
				/* this load's word on a known variant: preferred when it had none */
				encode_annotation(vs, ch, q->unannotated ? &urows : &arows, q);
				vs->stats.annotations++;
			}
			if (q->has_annot && !q->annotated_here)
			{
				encode_consequences(vs, ch, &crows, q);
				vs->stats.consequences += q->ncons;
			}
		}
		if (streaming)
		{
			streaming = false;
			if (db_copy_end(&vrows, NULL) < 0)
				goto done;
		}
		sql = xasprintf("COPY warehouse.variant_annotation %s", annotation_copy_columns);
		if (db_copy_rows(vs->ctx->conn, sql, &arows) < 0 ||
			annotate_existing(vs, &urows) < 0 ||
			db_copy_rows(vs->ctx->conn, "COPY warehouse.variant_consequence (variant_key, load_id, ordinal, is_preferred, "
					  "allele, consequence, variant_classification, impact, gene_symbol, gene_id, feature_type, "
					  "transcript_id, biotype, hgvsc, hgvsp, canonical, mane, pick, extra) FROM STDIN (FORMAT binary)",
					  &crows) < 0)
			goto done;
	}
	if (db_copy_rows(vs->ctx->conn, vs->fact_sql, &ch->facts) < 0 ||
		(vs->site_sql && db_copy_rows(vs->ctx->conn, vs->site_sql, &ch->sites) < 0))
		goto done;
	vs->stats.chunks++;
	rc = 0;
done:
	if (streaming)
		db_copy_end(&vrows, "load failed");
	free(sql);
	db_copy_free(&vrows);
	db_copy_free(&arows);
	db_copy_free(&urows);
	db_copy_free(&crows);
	return rc;
}

void
vs_chunk_reset(vs_chunk *ch)
{
	for (int i = 0; i < ch->npend; i++)
	{
		free(ch->pend[i].ensembl);
		free(ch->pend[i].symbol);
	}
	ch->npend = 0;
	ch->nq = 0;
	ch->nc = 0;
	buf_reset(&ch->arena);
	buf_reset(&ch->facts.buf);
	ch->facts.rows = 0;
	buf_reset(&ch->sites.buf);
	ch->sites.rows = 0;
	ch->evicted = false;
}
