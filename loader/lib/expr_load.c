/*
 * expr_load.c: the body of an expression load.  Lines stream in; genes are
 * resolved against a client-side map; values are packed per part (aliquot
 * or sample x measure) into arrays of EXPR_CHUNK_GENES genes in file order
 * and sent by binary COPY; memory holds one chunk of lines at a time.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dims.h"
#include "expr_load.h"
#include "filehash.h"
#include "genechunk.h"
#include "geneid.h"
#include "strmap.h"
#include "textutil.h"

#define FLOAT8OID 701
#define CHUNK_BUFFER_BYTES (32 * 1024 * 1024)
#define QC_ROWS_MAX 10000

typedef struct brow
{
	int			key;			/* gene key, or 0 while pending */
	int			pending;		/* index into pend[], or -1 */
} brow;

typedef struct pending_gene
{
	char	   *ensembl;
	char	   *version;
	char	   *symbol;
	char	   *type;
} pending_gene;

typedef struct qc_row
{
	int64_t		part_id;
	char	   *metric;
	double		value;
} qc_row;

typedef struct gene_order gene_order;

typedef struct state
{
	load_ctx   *ctx;
	expr_job   *job;
	const expr_info *info;
	int			nvalues;
	int64_t    *part_ids;		/* per value cell */
	int64_t    *part_facts;
	bool	   *dropped;		/* value cell whose sample was rejected */
	int			chunk_len;

	int			nrows;
	brow	   *rows;
	double	   *vals;			/* chunk_len x nvalues */
	unsigned char *ok;

	pending_gene *pend;
	int			npend;
	strmap	   *pend_ids;		/* Ensembl key -> pend index, this chunk */

	unsigned char *seen;		/* bit per gene key seen in this file */
	size_t		seen_bytes;

	gene_order *order_new;		/* this file's gene order */
	size_t		order_misses;

	db_copy		copy;
	genechunks	newc;			/* chunks this load adds to the warehouse */
	qc_row	   *qc;
	int			nqc,
				capqc;
} state;

/*
 * The Ensembl IDs of a file's gene lines in order, with their keys: files
 * of one gene model list genes in the same order, so the next file's line
 * i is checked against entry i before the hash map is asked.
 */
struct gene_order
{
	onc_buf		ids;			/* NUL-terminated IDs, back to back */
	size_t	   *off;
	int		   *keys;			/* 0 when not known when recorded */
	size_t		n,
				cap;
};

static void
order_free(gene_order *o)
{
	if (!o)
		return;
	buf_free(&o->ids);
	free(o->off);
	free(o->keys);
	free(o);
}

static void
order_push(gene_order *o, const char *id, int key)
{
	if (o->n == o->cap)
	{
		o->cap = o->cap ? o->cap * 2 : 1024;
		o->off = xrealloc(o->off, o->cap * sizeof(size_t));
		o->keys = xrealloc(o->keys, o->cap * sizeof(int));
	}
	o->off[o->n] = o->ids.len;
	o->keys[o->n] = key;
	o->n++;
	buf_append(&o->ids, id, strlen(id) + 1);
}

void
expr_load_free_caches(expr_job *job)
{
	strmap_free(job->chunks);
	job->chunks = NULL;
	order_free(job->order);
	job->order = NULL;
	strmap_free(job->measures);
	job->measures = NULL;
}

static bool
seen_test_and_set(state *st, int key)
{
	size_t		byte = (size_t) key / 8;
	unsigned char bit = (unsigned char) (1u << (key % 8));
	bool		was;

	if (byte >= st->seen_bytes)
	{
		size_t		n = st->seen_bytes ? st->seen_bytes : 8192;

		while (n <= byte)
			n *= 2;
		st->seen = xrealloc(st->seen, n);
		memset(st->seen + st->seen_bytes, 0, n - st->seen_bytes);
		st->seen_bytes = n;
	}
	was = (st->seen[byte] & bit) != 0;
	st->seen[byte] |= bit;
	return was;
}

/*
 * A measure's key, creating the measure when new; 0 on error.  Keys are
 * remembered for the run in *cache (dropped with the other caches when a
 * load fails, since its rollback may have removed a new measure).
 */
static int
measure_key(load_ctx *ctx, const char *name, void **cache)
{
	const char *params[1] = {name};
	int64_t		known;
	char	   *v;
	int			k;

	if (!*cache)
		*cache = strmap_new(16);
	if (strmap_get(*cache, name, &known))
		return (int) known;
	v = db_value(ctx->conn,
				 "WITH i AS (INSERT INTO warehouse.measure (name, data_type, description) "
				 "VALUES ($1, 'expression', 'named by the source file or --measure') "
				 "ON CONFLICT (name) DO NOTHING RETURNING measure_key) "
				 "SELECT measure_key FROM i UNION ALL "
				 "SELECT measure_key FROM warehouse.measure WHERE name = $1 LIMIT 1",
				 1, params, NULL);
	k = v ? atoi(v) : 0;
	free(v);
	if (k)
		strmap_put(*cache, name, k);
	return k;
}

/*
 * One audit.load_part row per value cell that is not dropped, in one
 * statement; part_ids[v] gets each.  0 or -1.
 */
static int
insert_parts(state *st, const dims_target *targets, const int *mkeys)
{
	const expr_info *info = st->info;
	int		   *sk = xmalloc((size_t) info->nvalues * sizeof(int));
	int		   *ak = xmalloc((size_t) info->nvalues * sizeof(int));
	int		   *mk = xmalloc((size_t) info->nvalues * sizeof(int));
	int64_t    *ids = xmalloc((size_t) info->nvalues * sizeof(int64_t));
	int			n = 0;
	int			rc;

	for (int v = 0; v < info->nvalues; v++)
	{
		const dims_target *t = &targets[info->value_sample[v]];

		if (st->dropped[v])
			continue;
		sk[n] = t->sample_key;
		ak[n] = t->aliquot_key;
		mk[n] = mkeys[info->value_measure[v]];
		n++;
	}
	rc = load_add_parts(st->ctx, n, sk, ak, mk, ids);
	for (int v = 0, i = 0; rc == 0 && v < info->nvalues; v++)
		if (!st->dropped[v])
			st->part_ids[v] = ids[i++];
	free(sk);
	free(ak);
	free(mk);
	free(ids);
	return rc;
}

/* Specimens, measures and parts for every value cell. */
static int
setup_parts(state *st)
{
	const expr_info *info = st->info;
	load_ctx   *ctx = st->ctx;
	dims_target *targets = xcalloc((size_t) info->nsamples, sizeof(dims_target));
	int		   *mkeys = xcalloc((size_t) info->nmeasures, sizeof(int));
	const char **ids = NULL;
	int			rc = -1;

	for (int m = 0; m < info->nmeasures; m++)
		if ((mkeys[m] = measure_key(ctx, info->measures[m], &st->job->measures)) == 0)
			goto done;
	ids = xmalloc((size_t) info->nsamples * sizeof(*ids));
	for (int s = 0; s < info->nsamples; s++)
		ids[s] = info->samples && info->samples[s] ? info->samples[s] : st->job->sample_id;
	/* one file's sample may come with its patient and type; a matrix's in a batch */
	if (info->nsamples == 1 ?
		dims_resolve_specimen(ctx, ids[0], st->job->patient_id, st->job->sample_type, &targets[0]) < 0 :
		dims_resolve_specimens(ctx, info->nsamples, ids, targets) < 0)
		goto done;
	for (int s = 0; s < info->nsamples; s++)
	{
		const char *id = ids[s];

		/* two columns naming the same specimen: keep the first */
		for (int o = 0; o < s; o++)
			if (targets[o].sample_key == targets[s].sample_key &&
				targets[o].aliquot_key == targets[s].aliquot_key && targets[s].sample_key)
			{
				int			col = 0;

				for (int v = 0; v < info->nvalues; v++)
					if (info->value_sample[v] == s)
					{
						st->dropped[v] = true;
						if (!col)
							col = info->value_col[v];
					}
				if (!load_reject(ctx, 1, col, "duplicate_sample", NULL,
								 "sample column \"%s\" names the same specimen as column \"%s\"; its values are not loaded",
								 id, info->samples && info->samples[o] ? info->samples[o] : "?"))
					goto done;
				targets[s].sample_key = 0;
				break;
			}
	}
	if (insert_parts(st, targets, mkeys) < 0)
		goto done;
	rc = 0;
done:
	free(ids);
	free(targets);
	free(mkeys);
	return rc;
}

/* Insert the pending new genes of the buffered chunk and give rows their keys. */
static int
insert_pending_genes(state *st)
{
	load_ctx   *ctx = st->ctx;
	onc_buf		e,
				v,
				s,
				t;
	PGresult   *res;
	const char *params[6];
	int			rc = -1;

	if (st->npend == 0)
		return 0;
	if (load_lock_genes(ctx) < 0)
		return -1;
	buf_init(&e);
	buf_init(&v);
	buf_init(&s);
	buf_init(&t);
	buf_puts(&e, "{");
	buf_puts(&v, "{");
	buf_puts(&s, "{");
	buf_puts(&t, "{");
	for (int i = 0; i < st->npend; i++)
	{
		const char *sep = i ? "," : "";

		buf_puts(&e, sep);
		buf_puts(&v, sep);
		buf_puts(&s, sep);
		buf_puts(&t, sep);
		db_array_elem(&e, st->pend[i].ensembl);
		db_array_elem(&v, st->pend[i].version);
		db_array_elem(&s, st->pend[i].symbol);
		db_array_elem(&t, st->pend[i].type);
	}
	buf_puts(&e, "}");
	buf_puts(&v, "}");
	buf_puts(&s, "}");
	buf_puts(&t, "}");
	params[0] = e.data;
	params[1] = v.data;
	params[2] = s.data;
	params[3] = t.data;
	params[4] = ctx->input_format;
	params[5] = ctx->load_id_text;
	res = db_query(ctx->conn,
				   "INSERT INTO warehouse.gene (ensembl_id, ensembl_version, symbol, gene_type, source, created_load_id) "
				   "SELECT u.e, nullif(u.v, ''), u.s, u.t, $5, $6::bigint "
				   "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(e, v, s, t) "
				   "ON CONFLICT (ensembl_id) DO UPDATE SET ensembl_id = EXCLUDED.ensembl_id "
				   "RETURNING ensembl_id, gene_key",
				   6, params);
	if (!res)
		goto done;
	for (int i = 0; i < PQntuples(res); i++)
		genemap_add_ensembl(st->job->genes, PQgetvalue(res, i, 0), atoi(PQgetvalue(res, i, 1)));
	PQclear(res);
	for (int r = 0; r < st->nrows; r++)
	{
		brow	   *b = &st->rows[r];

		if (b->pending >= 0)
		{
			const char *id = st->pend[b->pending].ensembl;

			b->key = genemap_ensembl(st->job->genes, id);
			b->pending = -1;
			if (b->key <= 0)
			{
				onc_error("gene %s was not created", id);
				goto done;
			}
			seen_test_and_set(st, b->key);
		}
	}
	rc = 0;
done:
	for (int i = 0; i < st->npend; i++)
	{
		free(st->pend[i].ensembl);
		free(st->pend[i].version);
		free(st->pend[i].symbol);
		free(st->pend[i].type);
	}
	st->npend = 0;
	strmap_free(st->pend_ids);
	st->pend_ids = NULL;
	buf_free(&e);
	buf_free(&v);
	buf_free(&s);
	buf_free(&t);
	return rc;
}

static const char copy_sql[] =
"COPY warehouse.expression (load_id, part_id, chunk_id, vals) FROM STDIN (FORMAT binary)";

/* Write the buffered chunk: one row per part with at least one value. */
static int
flush_chunk(state *st)
{
	int			n = st->nrows;
	int		   *keys;
	int64_t		cid;

	if (n == 0)
		return 0;
	if (st->npend > 0)
	{
		if (st->copy.active && db_copy_end(&st->copy, NULL) < 0)
			return -1;
		if (insert_pending_genes(st) < 0)
			return -1;
	}
	keys = xmalloc((size_t) n * sizeof(int));
	for (int r = 0; r < n; r++)
		keys[r] = st->rows[r].key;
	cid = genechunks_use(&st->newc, st->ctx->conn, (strmap **) &st->job->chunks, keys, n);
	free(keys);
	if (cid == 0)
		return -1;

	if (!st->copy.active && db_copy_begin(&st->copy, st->ctx->conn, copy_sql) < 0)
		return -1;
	for (int v = 0; v < st->nvalues; v++)
	{
		int			nok = 0;
		unsigned char *p;

		if (st->dropped[v])
			continue;
		for (int r = 0; r < n; r++)
			nok += st->ok[(size_t) r * st->nvalues + v];
		if (nok == 0)
			continue;
		db_copy_row(&st->copy, 4);
		db_copy_int8(&st->copy, st->ctx->load_id);
		db_copy_int8(&st->copy, st->part_ids[v]);
		db_copy_int8(&st->copy, cid);
		/* the float8[] in binary array format, written in place */
		buf_reserve(&st->copy.buf, 24 + (size_t) n * 12);
		p = (unsigned char *) st->copy.buf.data + st->copy.buf.len;
		p = db_store_be32(p, (uint32_t) (20 + 12 * nok + 4 * (n - nok)));
		p = db_store_be32(p, 1);
		p = db_store_be32(p, nok < n ? 1 : 0);
		p = db_store_be32(p, FLOAT8OID);
		p = db_store_be32(p, (uint32_t) n);
		p = db_store_be32(p, 1);
		for (int r = 0; r < n; r++)
		{
			size_t		i = (size_t) r * st->nvalues + v;

			if (st->ok[i])
			{
				uint64_t	u;

				memcpy(&u, &st->vals[i], 8);
				p = db_store_be32(p, 8);
				p = db_store_be32(p, (uint32_t) (u >> 32));
				p = db_store_be32(p, (uint32_t) u);
			}
			else
				p = db_store_be32(p, 0xffffffffu);
		}
		st->copy.buf.len = (size_t) (p - (unsigned char *) st->copy.buf.data);
		st->part_facts[v] += nok;
		st->ctx->facts_written += nok;
	}
	st->nrows = 0;
	return db_copy_flush_if_full(&st->copy);
}

static int
write_qc_and_counts(state *st)
{
	onc_buf		p,
				m,
				v;
	const char *params[4];
	PGresult   *res;
	char		num[40];

	buf_init(&p);
	buf_init(&m);
	buf_init(&v);
	if (st->nqc > 0)
	{
		buf_puts(&p, "{");
		buf_puts(&m, "{");
		buf_puts(&v, "{");
		for (int i = 0; i < st->nqc; i++)
		{
			const char *sep = i ? "," : "";

			num_format_double(st->qc[i].value, num, sizeof(num));
			buf_printf(&p, "%s%" PRId64, sep, st->qc[i].part_id);
			buf_puts(&m, sep);
			db_array_elem(&m, st->qc[i].metric);
			buf_printf(&v, "%s%s", sep, num);
		}
		buf_puts(&p, "}");
		buf_puts(&m, "}");
		buf_puts(&v, "}");
		params[0] = p.data;
		params[1] = m.data;
		params[2] = v.data;
		params[3] = st->ctx->load_id_text;
		res = db_query(st->ctx->conn,
					   "INSERT INTO warehouse.expression_qc (load_id, part_id, metric, value) "
					   "SELECT $4::bigint, * FROM unnest($1::bigint[], $2::text[], $3::float8[])",
					   4, params);
		if (!res)
			goto fail;
		PQclear(res);
	}
	buf_reset(&p);
	buf_reset(&v);
	buf_puts(&p, "{");
	buf_puts(&v, "{");
	for (int i = 0, n = 0; i < st->nvalues; i++)
	{
		if (st->dropped[i])
			continue;
		buf_printf(&p, "%s%" PRId64, n ? "," : "", st->part_ids[i]);
		buf_printf(&v, "%s%" PRId64, n ? "," : "", st->part_facts[i]);
		n++;
	}
	buf_puts(&p, "}");
	buf_puts(&v, "}");
	params[0] = p.data;
	params[1] = v.data;
	res = db_query(st->ctx->conn,
				   "UPDATE audit.load_part t SET facts = u.f "
				   "FROM unnest($1::bigint[], $2::bigint[]) AS u(id, f) WHERE t.part_id = u.id",
				   2, params);
	if (!res)
		goto fail;
	PQclear(res);
	buf_free(&p);
	buf_free(&m);
	buf_free(&v);
	return 0;
fail:
	buf_free(&p);
	buf_free(&m);
	buf_free(&v);
	return -1;
}

static void
add_qc(state *st, const expr_row *row)
{
	for (int v = 0; v < st->nvalues; v++)
	{
		if (st->dropped[v] || row->status[v] != NUM_OK)
			continue;
		if (st->nqc == st->capqc)
		{
			st->capqc = st->capqc ? st->capqc * 2 : 32;
			st->qc = xrealloc(st->qc, (size_t) st->capqc * sizeof(qc_row));
		}
		st->qc[st->nqc].part_id = st->part_ids[v];
		st->qc[st->nqc].metric = xstrdup(row->qc_name);
		st->qc[st->nqc].value = row->values[v];
		st->nqc++;
	}
}

/*
 * The gene of a data line: its key, or a pending new gene, or a reject.
 * Returns 1 resolved (b filled), 0 rejected, -1 over budget, -2 database error.
 */
static int
resolve_gene(state *st, const expr_row *row, brow *b)
{
	load_ctx   *ctx = st->ctx;
	genemap    *gm = st->job->genes;
	char		base[64],
				ver[32];
	const char *what = NULL;
	int			key = GENE_UNKNOWN;

	b->key = 0;
	b->pending = -1;
	if (row->gene_id && geneid_ensembl(row->gene_id, base, sizeof(base), ver, sizeof(ver)))
	{
		int64_t		pi;
		gene_order *hint = st->job->order;
		size_t		i = st->order_new->n;

		if (hint && i < hint->n && hint->keys[i] > 0 &&
			strcmp(hint->ids.data + hint->off[i], base) == 0)
			key = hint->keys[i];
		else
		{
			key = genemap_ensembl(gm, base);
			st->order_misses++;
		}
		order_push(st->order_new, base, key > 0 ? key : 0);
		if (key > 0)
			goto found;
		if (st->pend_ids && strmap_get(st->pend_ids, base, &pi))
			goto duplicate;
		/* a gene not yet known: created from what the file says */
		st->pend = xrealloc(st->pend, (size_t) (st->npend + 1) * sizeof(pending_gene));
		st->pend[st->npend].ensembl = xstrdup(base);
		st->pend[st->npend].version = xstrdup(ver);
		st->pend[st->npend].symbol = row->symbol ? xstrdup(row->symbol) : NULL;
		st->pend[st->npend].type = row->gene_type ? xstrdup(row->gene_type) : NULL;
		if (!st->pend_ids)
			st->pend_ids = strmap_new(256);
		strmap_put(st->pend_ids, base, st->npend);
		b->pending = st->npend++;
		return 1;
	}
	if (genemap_load_names(gm, ctx->conn) < 0)
		return -2;
	if (row->entrez || (row->gene_id && geneid_is_entrez(row->gene_id)))
	{
		const char *e = row->entrez ? row->entrez : row->gene_id;

		key = genemap_entrez(gm, e);
		what = e;
		if (key == GENE_AMBIGUOUS)
			return load_reject(ctx, row->lineno, row->gene_col, "ambiguous_gene", row->line,
							   "Entrez Gene ID %s names more than one gene", e) ? 0 : -1;
	}
	if (key == GENE_UNKNOWN && (row->symbol || (row->gene_id && !row->entrez &&
												!geneid_is_entrez(row->gene_id))))
	{
		const char *s = row->symbol ? row->symbol : row->gene_id;

		key = genemap_symbol(gm, s);
		what = what ? what : s;
		if (key == GENE_AMBIGUOUS)
			return load_reject(ctx, row->lineno, row->gene_col, "ambiguous_gene", row->line,
							   "gene symbol %s names more than one gene", s) ? 0 : -1;
	}
	if (key == GENE_UNKNOWN)
		return load_reject(ctx, row->lineno, row->gene_col, "unknown_gene", row->line,
						   "gene %s is not in the gene dimension", what ? what : "(none)") ? 0 : -1;
found:
	if (seen_test_and_set(st, key))
		goto duplicate;
	b->key = key;
	return 1;
duplicate:
	return load_reject(ctx, row->lineno, row->gene_col, "duplicate_gene", row->line,
					   "gene %s appears again; the first line is kept",
					   row->gene_id ? row->gene_id : row->symbol ? row->symbol : row->entrez) ? 0 : -1;
}

/* One data line. Returns 0 to go on, or an exit code. */
static int
take_row(state *st, const expr_row *row)
{
	load_ctx   *ctx = st->ctx;
	brow		b;
	int			nok = 0,
				nbad = 0,
				r;
	size_t		base;

	ctx->records_read++;
	if (row->error)
	{
		ctx->records_rejected++;		/* counted before the budget check */
		return load_reject(ctx, row->lineno, 0, row->error_code ? row->error_code : "malformed_line",
						   row->line, "%s", row->error) ? 0 : ONC_EXIT_INPUT;
	}
	if (row->is_qc)
	{
		bool		any = false;

		for (int v = 0; v < st->nvalues; v++)
			any |= (row->status[v] == NUM_OK);
		if (!any)
		{
			ctx->records_filtered++;
			return 0;
		}
		if (st->nqc >= QC_ROWS_MAX)
		{
			ctx->records_rejected++;
			return load_reject(ctx, row->lineno, 0, "too_many_qc_rows", row->line,
							   "more than %d QC values", QC_ROWS_MAX) ? 0 : ONC_EXIT_INPUT;
		}
		add_qc(st, row);
		ctx->records_loaded++;
		return 0;
	}
	r = resolve_gene(st, row, &b);
	if (r == -2)
		return ONC_EXIT_DB;
	if (r < 0)
	{
		ctx->records_rejected++;
		return ONC_EXIT_INPUT;
	}
	if (r == 0)
	{
		ctx->records_rejected++;
		return 0;
	}
	base = (size_t) st->nrows * st->nvalues;
	for (int v = 0; v < st->nvalues; v++)
	{
		unsigned char okv = 0;

		if (st->dropped[v])
			ctx->values_rejected++;
		else if (row->status[v] == NUM_OK)
		{
			okv = 1;
			st->vals[base + v] = row->values[v];
			nok++;
		}
		else if (row->status[v] == NUM_MISSING)
			ctx->values_missing++;
		else
		{
			nbad++;
			ctx->values_rejected++;
			if (!load_reject(ctx, row->lineno, st->info->value_col[v], "invalid_number", row->line,
							 "value \"%.40s\" is not a number", row->raw[v] ? row->raw[v] : ""))
			{
				ctx->records_rejected++;
				return ONC_EXIT_INPUT;
			}
		}
		st->ok[base + v] = okv;
	}
	if (nok == 0)
	{
		/* nothing to keep: drop a pending gene this line would have created */
		if (b.pending >= 0)
		{
			strmap_free(st->pend_ids);
			st->pend_ids = NULL;
			st->npend--;
			free(st->pend[st->npend].ensembl);
			free(st->pend[st->npend].version);
			free(st->pend[st->npend].symbol);
			free(st->pend[st->npend].type);
			st->pend_ids = strmap_new(256);
			for (int i = 0; i < st->npend; i++)
				strmap_put(st->pend_ids, st->pend[i].ensembl, i);
		}
		if (nbad > 0)
		{
			ctx->records_rejected++;
			ctx->values_rejected -= nbad;	/* counted as a rejected line instead */
		}
		else
			ctx->records_filtered++;
		return 0;
	}
	st->rows[st->nrows++] = b;
	ctx->records_loaded++;
	if (st->nrows == st->chunk_len && flush_chunk(st) < 0)
		return ONC_EXIT_DB;
	return 0;
}

static void
state_free(state *st)
{
	order_free(st->order_new);
	db_copy_free(&st->copy);
	free(st->part_ids);
	free(st->part_facts);
	free(st->dropped);
	free(st->rows);
	free(st->vals);
	free(st->ok);
	for (int i = 0; i < st->npend; i++)
	{
		free(st->pend[i].ensembl);
		free(st->pend[i].version);
		free(st->pend[i].symbol);
		free(st->pend[i].type);
	}
	free(st->pend);
	strmap_free(st->pend_ids);
	free(st->seen);
	genechunks_free(&st->newc);
	for (int i = 0; i < st->nqc; i++)
		free(st->qc[i].metric);
	free(st->qc);
}

static void
record_metadata(load_ctx *ctx, const expr_job *job, const expr_info *info)
{
	load_meta_str(ctx, "detected_by", info->detected_by);
	if (info->gene_model)
		load_meta_str(ctx, "gene_model", info->gene_model);
	if (info->meta_path)
		load_meta_str(ctx, "cbioportal_meta", info->meta_path);
	if (job->sheet_file_id)
		load_meta_str(ctx, "gdc_file_id", job->sheet_file_id);
	if (info->nsamples == 1 && job->sample_id)
		load_meta_str(ctx, "sample", job->sample_id);
	if (job->patient_id)
		load_meta_str(ctx, "case", job->patient_id);
	load_meta_int(ctx, "samples", info->nsamples);
	load_meta_int(ctx, "measures", info->nmeasures);
	if (info->ignored_columns)
		load_meta_int(ctx, "ignored_columns", info->ignored_columns);
}

int
expr_load_body(load_ctx *ctx, void *arg)
{
	expr_job   *job = arg;
	state		st;
	const expr_row *row;
	char	   *err = NULL;
	int			rc = ONC_EXIT_DB,
				got;

	if (!job->reader)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, 0, 0, "%s", job->open_error ? job->open_error : "cannot read");
		return job->open_errno ? ONC_EXIT_IO : ONC_EXIT_INPUT;
	}
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.job = job;
	st.info = expr_reader_info(job->reader);
	st.nvalues = st.info->nvalues;
	load_set_format(ctx, expr_format_name(st.info->format), expr_format_workflow(st.info->format));
	record_metadata(ctx, job, st.info);
	if (st.info->nsamples == 1 && !(st.info->samples && st.info->samples[0]) && !job->sample_id)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, 0, 0, "no sample is known for this file");
		onc_hint("Give a GDC sample sheet (--sample-sheet) or the sample (--sample).");
		return ONC_EXIT_INPUT;
	}

	st.chunk_len = EXPR_CHUNK_GENES;
	if ((size_t) st.chunk_len * st.nvalues * 9 > CHUNK_BUFFER_BYTES)
		st.chunk_len = (int) (CHUNK_BUFFER_BYTES / ((size_t) st.nvalues * 9));
	if (st.chunk_len < 1)
		st.chunk_len = 1;
	st.part_ids = xcalloc((size_t) st.nvalues, sizeof(int64_t));
	st.part_facts = xcalloc((size_t) st.nvalues, sizeof(int64_t));
	st.dropped = xcalloc((size_t) st.nvalues, sizeof(bool));
	st.rows = xcalloc((size_t) st.chunk_len, sizeof(brow));
	st.vals = xcalloc((size_t) st.chunk_len * st.nvalues, sizeof(double));
	st.ok = xcalloc((size_t) st.chunk_len * st.nvalues, 1);
	buf_init(&st.copy.buf);
	st.order_new = xcalloc(1, sizeof(gene_order));
	buf_init(&st.order_new->ids);

	if (genemap_load_ensembl(job->genes, ctx->conn) < 0)
		goto done;
	if (setup_parts(&st) < 0)
	{
		rc = ctx->rejects > ctx->spec->max_rejects ? ONC_EXIT_INPUT : ONC_EXIT_DB;
		goto done;
	}
	while ((got = expr_next(job->reader, &row, &err)) == 1)
	{
		rc = take_row(&st, row);
		if (rc != 0)
			goto done;
	}
	if (got < 0)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, expr_lines_read(job->reader), 0, "%s",
				err ? err : "read error");
		free(err);
		rc = ONC_EXIT_INPUT;
		goto done;
	}
	rc = ONC_EXIT_DB;
	if (flush_chunk(&st) < 0)
		goto done;
	if (st.copy.active && db_copy_end(&st.copy, NULL) < 0)
		goto done;
	if (genechunks_register(&st.newc, ctx->conn) < 0 || write_qc_and_counts(&st) < 0)
		goto done;
	rc = ONC_EXIT_OK;
	/* keep this file's order as the hint when it is better than the old one */
	if (!job->order || st.order_misses > st.order_new->n / 10)
	{
		order_free(job->order);
		job->order = st.order_new;
		st.order_new = NULL;
	}
done:
	if (st.copy.active)
		db_copy_end(&st.copy, "load failed");
	state_free(&st);
	return rc;
}
