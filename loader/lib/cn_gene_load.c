/*
 * cn_gene_load.c: the body of a gene-level copy-number load.  Lines stream
 * in; genes are resolved against the client-side gene map; each part
 * (sample or aliquot x measure) collects up to CN_CHUNK_GENES values in
 * file order, written as one packed row (warehouse.gene_copy_number) with
 * its gene chunk (warehouse.gene_chunk, shared with expression).  Memory:
 * one chunk per part, a bit per gene for duplicate checks.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cn_load_internal.h"
#include "db.h"
#include "genechunk.h"
#include "geneid.h"
#include "strmap.h"
#include "textutil.h"

#define CN_CHUNK_GENES 240
#define FLOAT8OID 701
#define SLOT_NONE (-1)
#define SLOT_DROPPED (-2)

typedef struct gpart
{
	int64_t		part_id;
	int64_t		facts;
	int			n;
	int		   *keys;
	double	   *vals;
	unsigned char *ok;
} gpart;

typedef struct gslot
{
	dims_target t;
	gpart	   *parts;			/* one per measure */
	unsigned char *seen;		/* long format: genes this specimen had */
	size_t		seen_bytes;
} gslot;

typedef struct gstate
{
	load_ctx   *ctx;
	cn_job	   *job;
	const cn_info *info;
	bool		is_long;
	int		   *mkeys;			/* measure keys, per info->measures */
	int		   *sample_slot;	/* per reader sample: slot, SLOT_NONE or SLOT_DROPPED */
	int			nsample_slot;
	gslot	   *slots;
	int			nslots,
				capslots;
	strmap	   *by_target;
	unsigned char *seen;		/* matrices: genes this file had */
	size_t		seen_bytes;
	genechunks	newc;			/* chunks this load adds to the warehouse */
	db_copy		copy;
	cn_warnings warn;
} gstate;

void
cn_load_free_caches(cn_job *job)
{
	strmap_free(job->chunks);
	job->chunks = NULL;
}

/* Set the bit of key; true when it was set already. */
static bool
bit_test_and_set(unsigned char **bits, size_t *nbytes, int key)
{
	size_t		byte = (size_t) key / 8;
	unsigned char bit = (unsigned char) (1u << (key % 8));
	bool		was;

	if (byte >= *nbytes)
	{
		size_t		n = *nbytes ? *nbytes : 1024;

		while (n <= byte)
			n *= 2;
		*bits = xrealloc(*bits, n);
		memset(*bits + *nbytes, 0, n - *nbytes);
		*nbytes = n;
	}
	was = ((*bits)[byte] & bit) != 0;
	(*bits)[byte] |= bit;
	return was;
}

static void
put_be32(onc_buf *b, uint32_t v)
{
	unsigned char p[4] = {(unsigned char) (v >> 24), (unsigned char) (v >> 16),
	(unsigned char) (v >> 8), (unsigned char) v};

	buf_append(b, p, 4);
}

static const char gene_copy_sql[] =
"COPY warehouse.gene_copy_number (load_id, part_id, chunk_id, vals) FROM STDIN (FORMAT binary)";

/* Write what part p has collected as one packed row; 0 or -1. */
static int
flush_part(gstate *st, gpart *p)
{
	int			n = p->n,
				nok = 0;
	int64_t		cid;

	if (n == 0)
		return 0;
	p->n = 0;
	for (int i = 0; i < n; i++)
		nok += p->ok[i];
	if (nok == 0)
		return 0;
	cid = genechunks_use(&st->newc, st->ctx->conn, (strmap **) &st->job->chunks, p->keys, n);
	if (cid == 0)
		return -1;
	if (!st->copy.active && db_copy_begin(&st->copy, st->ctx->conn, gene_copy_sql) < 0)
		return -1;
	db_copy_row(&st->copy, 4);
	db_copy_int8(&st->copy, st->ctx->load_id);
	db_copy_int8(&st->copy, p->part_id);
	db_copy_int8(&st->copy, cid);
	/* float8[] in the binary array format: header, then each element */
	put_be32(&st->copy.buf, (uint32_t) (20 + 12 * nok + 4 * (n - nok)));
	put_be32(&st->copy.buf, 1);
	put_be32(&st->copy.buf, nok < n ? 1 : 0);
	put_be32(&st->copy.buf, FLOAT8OID);
	put_be32(&st->copy.buf, (uint32_t) n);
	put_be32(&st->copy.buf, 1);
	for (int i = 0; i < n; i++)
	{
		if (p->ok[i])
		{
			uint64_t	u;

			memcpy(&u, &p->vals[i], 8);
			put_be32(&st->copy.buf, 8);
			put_be32(&st->copy.buf, (uint32_t) (u >> 32));
			put_be32(&st->copy.buf, (uint32_t) u);
		}
		else
			put_be32(&st->copy.buf, 0xffffffffu);
	}
	p->facts += nok;
	st->ctx->facts_written += nok;
	return db_copy_flush_if_full(&st->copy);
}

/* End a COPY in progress, before other statements; 0 or -1. */
static int
pause_copy(gstate *st)
{
	return st->copy.active ? db_copy_end(&st->copy, NULL) : 0;
}

/* A measure's key (the copy_number rows of 004_copy_number.sql); 0 on error. */
static int
measure_key(load_ctx *ctx, cn_measure m)
{
	const char *params[1] = {cn_measure_name(m)};
	bool		isnull = false;
	char	   *v = db_value(ctx->conn,
							 "SELECT measure_key FROM warehouse.measure WHERE name = $1 AND data_type = 'copy_number'",
							 1, params, &isnull);
	int			k = v ? atoi(v) : 0;

	if (!v && isnull)
		onc_error("measure %s is missing from warehouse.measure; run \"oncoload init\"", params[0]);
	free(v);
	return k;
}

/*
 * The slot of reader sample s: resolved (and its parts made) when new.
 * Matrix columns naming a specimen an earlier column named are dropped
 * (a duplicate_sample reject); long-format IDs naming it share its slot.
 * Returns the slot, SLOT_DROPPED, or -3 on error (printed).
 */
static int
slot_of(gstate *st, int s)
{
	const char *id;
	dims_target t;
	char		tk[32];
	int64_t		v;
	gslot	   *g;

	if (s >= st->nsample_slot)
	{
		int			n = st->nsample_slot ? st->nsample_slot : 64;

		while (n <= s)
			n *= 2;
		st->sample_slot = xrealloc(st->sample_slot, sizeof(int) * (size_t) n);
		for (int i = st->nsample_slot; i < n; i++)
			st->sample_slot[i] = SLOT_NONE;
		st->nsample_slot = n;
	}
	if (st->sample_slot[s] != SLOT_NONE)
		return st->sample_slot[s];
	id = st->info->samples[s];
	if (pause_copy(st) < 0 || cn_resolve_specimen(st->ctx, st->job, id, false, &t) < 0)
		return -3;
	snprintf(tk, sizeof(tk), "%d/%d", t.sample_key, t.aliquot_key);
	if (strmap_get(st->by_target, tk, &v))
	{
		if (!st->is_long)
		{
			int			col = 0;

			for (int k = 0; k < st->info->nsamples && !col; k++)
				if (k != s && st->sample_slot[k] == (int) v)
					col = k;
			if (!load_reject(st->ctx, st->info->header_line, 0, "duplicate_sample", NULL,
							 "sample column \"%s\" names the same specimen as column \"%s\"; its "
							 "values are not loaded", id ? id : "?",
							 st->info->samples[col] ? st->info->samples[col] : "?"))
				return -4;
			st->sample_slot[s] = SLOT_DROPPED;
			return SLOT_DROPPED;
		}
		st->sample_slot[s] = (int) v;
		return (int) v;
	}
	if (st->nslots == st->capslots)
	{
		st->capslots = st->capslots ? st->capslots * 2 : 64;
		st->slots = xrealloc(st->slots, sizeof(gslot) * (size_t) st->capslots);
	}
	g = &st->slots[st->nslots];
	memset(g, 0, sizeof(*g));
	g->t = t;
	g->parts = xcalloc((size_t) st->info->nmeasures, sizeof(gpart));
	for (int m = 0; m < st->info->nmeasures; m++)
	{
		gpart	   *p = &g->parts[m];

		p->keys = xmalloc(sizeof(int) * CN_CHUNK_GENES);
		p->vals = xmalloc(sizeof(double) * CN_CHUNK_GENES);
		p->ok = xmalloc(CN_CHUNK_GENES);
		p->part_id = load_add_part(st->ctx, t.sample_key, t.aliquot_key, st->mkeys[m]);
		if (!p->part_id)
		{
			st->nslots++;		/* freed with the others */
			return -3;
		}
	}
	strmap_put(st->by_target, tk, st->nslots);
	st->sample_slot[s] = st->nslots;
	return st->nslots++;
}

/* A gene the GDC file names by an Ensembl ID not yet known: created from
 * what the file says.  Its key, or 0 on error. */
static int
create_gene(gstate *st, const char *base, const char *version, const char *symbol)
{
	load_ctx   *ctx = st->ctx;
	const char *params[5] = {base, version, symbol, ctx->input_format, ctx->load_id_text};
	char	   *v;
	int			key;

	if (pause_copy(st) < 0 || load_lock_genes(ctx) < 0)
		return 0;
	v = db_value(ctx->conn,
				 "INSERT INTO warehouse.gene (ensembl_id, ensembl_version, symbol, source, created_load_id) "
				 "VALUES ($1, nullif($2, ''), $3, $4, $5::bigint) "
				 "ON CONFLICT (ensembl_id) DO UPDATE SET ensembl_id = EXCLUDED.ensembl_id "
				 "RETURNING gene_key", 5, params, NULL);
	if (!v)
		return 0;
	key = atoi(v);
	free(v);
	genemap_add_ensembl(st->job->genes, base, key);
	return key;
}

/*
 * The gene of a line.  1 with *key set, 0 when the line was rejected, -1
 * when over the reject budget, -2 on a database error.
 */
static int
resolve_gene(gstate *st, const cn_gene_row *g, int *key)
{
	load_ctx   *ctx = st->ctx;
	genemap    *gm = st->job->genes;
	char		base[64],
				ver[32];
	int			ke = GENE_UNKNOWN,
				ks = GENE_UNKNOWN;
	const char *what = g->symbol ? g->symbol : g->entrez ? g->entrez : g->ensembl;

	*key = 0;
	if (g->ensembl && geneid_ensembl(g->ensembl, base, sizeof(base), ver, sizeof(ver)))
	{
		if (genemap_load_ensembl(gm, ctx->conn) < 0)
			return -2;
		*key = genemap_ensembl(gm, base);
		if (*key <= 0 && (*key = create_gene(st, base, ver, g->symbol)) <= 0)
			return -2;
		return 1;
	}
	if (g->several_genes)
		return load_reject(ctx, g->lineno, g->gene_col, "ambiguous_gene", g->line,
						   "\"%s\" names more than one gene", g->symbol) ? 0 : -1;
	if (genemap_load_names(gm, ctx->conn) < 0)
		return -2;
	if (g->entrez)
		ke = genemap_entrez(gm, g->entrez);
	if (g->symbol)
		ks = genemap_symbol(gm, g->symbol);
	if (ke == GENE_AMBIGUOUS)
		return load_reject(ctx, g->lineno, g->gene_col, "ambiguous_gene", g->line,
						   "Entrez Gene ID %s names more than one gene", g->entrez) ? 0 : -1;
	if (ke > 0 && ks > 0 && ke != ks)
		return load_reject(ctx, g->lineno, g->gene_col, "gene_mismatch", g->line,
						   "symbol %s and Entrez Gene ID %s name different genes",
						   g->symbol, g->entrez) ? 0 : -1;
	if (ke > 0)
	{
		if (g->symbol && ks == GENE_UNKNOWN)
			cn_warn(ctx, &st->warn, g->lineno, g->gene_col, "unknown_symbol",
					"gene symbol %s is not known; the gene is the one Entrez Gene ID %s names",
					g->symbol, g->entrez);
		*key = ke;
		return 1;
	}
	if (ks > 0)
	{
		if (g->entrez)
			cn_warn(ctx, &st->warn, g->lineno, g->gene_col, "unknown_entrez",
					"Entrez Gene ID %s is not known; the gene is the one symbol %s names",
					g->entrez, g->symbol);
		*key = ks;
		return 1;
	}
	if (ks == GENE_AMBIGUOUS)
		return load_reject(ctx, g->lineno, g->gene_col, "ambiguous_gene", g->line,
						   "gene symbol %s names more than one gene", g->symbol) ? 0 : -1;
	return load_reject(ctx, g->lineno, g->gene_col, "unknown_gene", g->line,
					   "gene %s is not in the gene dimension", what ? what : "(none)") ? 0 : -1;
}

static const char *
gene_name(const cn_gene_row *g)
{
	return g->symbol ? g->symbol : g->entrez ? g->entrez : g->ensembl ? g->ensembl : "?";
}

/* One gene-level line; 0 to go on, else an exit code. */
static int
take_row(gstate *st, const cn_gene_row *g)
{
	load_ctx   *ctx = st->ctx;
	int			key,
				r,
				nok = 0,
				nbad = 0;

	ctx->records_read++;
	if (g->error)
	{
		ctx->records_rejected++;
		return cn_reject_problem(ctx, g->lineno, g->error, g->line) ? 0 : ONC_EXIT_INPUT;
	}
	if (st->is_long && (r = slot_of(st, g->cell_sample[0])) < 0)
	{
		ctx->records_read--;	/* the load stops before this line counts */
		return r == -4 ? ONC_EXIT_INPUT : ONC_EXIT_DB;
	}
	r = resolve_gene(st, g, &key);
	if (r == -2)
	{
		ctx->records_read--;
		return ONC_EXIT_DB;
	}
	if (r <= 0)
	{
		ctx->records_rejected++;
		return r == 0 ? 0 : ONC_EXIT_INPUT;
	}
	if (st->is_long)
	{
		gslot	   *sl = &st->slots[st->sample_slot[g->cell_sample[0]]];

		if (bit_test_and_set(&sl->seen, &sl->seen_bytes, key))
		{
			ctx->records_rejected++;
			return load_reject(ctx, g->lineno, g->gene_col, "duplicate_gene", g->line,
							   "gene %s appears again for sample %s; the first line is kept",
							   gene_name(g), st->info->samples[g->cell_sample[0]])
				? 0 : ONC_EXIT_INPUT;
		}
	}
	else if (bit_test_and_set(&st->seen, &st->seen_bytes, key))
	{
		ctx->records_rejected++;
		return load_reject(ctx, g->lineno, g->gene_col, "duplicate_gene", g->line,
						   "gene %s appears again; the first line is kept", gene_name(g))
			? 0 : ONC_EXIT_INPUT;
	}
	for (int k = 0; k < g->ncells; k++)
	{
		if (st->sample_slot[g->cell_sample[k]] == SLOT_DROPPED)
			ctx->values_rejected++;
		else if (g->status[k] == NUM_OK)
			nok++;
		else if (g->status[k] == NUM_MISSING)
			ctx->values_missing++;
		else
		{
			bool		discrete = st->info->measures[g->cell_measure[k]] == CN_M_DISCRETE;

			nbad++;
			ctx->values_rejected++;
			if (!(discrete
				  ? load_reject(ctx, g->lineno, g->cell_col[k], "invalid_cna_value", g->line,
								"value \"%.40s\" is not a discrete copy-number call "
								"(-2, -1.5, -1, 0, 1, 2, or NA)", g->raw[k])
				  : load_reject(ctx, g->lineno, g->cell_col[k], "invalid_number", g->line,
								"value \"%.40s\" is not a number", g->raw[k])))
			{
				ctx->records_rejected++;
				return ONC_EXIT_INPUT;
			}
		}
	}
	if (nok == 0)
	{
		if (nbad > 0)
		{
			ctx->records_rejected++;
			ctx->values_rejected -= nbad;	/* counted as a rejected line instead */
		}
		else
			ctx->records_filtered++;
		return 0;
	}
	ctx->records_loaded++;
	for (int k = 0; k < g->ncells; k++)
	{
		int			slot = st->sample_slot[g->cell_sample[k]];
		gpart	   *p;

		if (slot < 0)
			continue;
		p = &st->slots[slot].parts[g->cell_measure[k]];
		p->keys[p->n] = key;
		p->vals[p->n] = g->values[k];
		p->ok[p->n] = g->status[k] == NUM_OK;
		if (++p->n == CN_CHUNK_GENES && flush_part(st, p) < 0)
			return ONC_EXIT_DB;
	}
	return 0;
}

static void
state_free(gstate *st)
{
	for (int i = 0; i < st->nslots; i++)
	{
		for (int m = 0; m < st->info->nmeasures; m++)
		{
			free(st->slots[i].parts[m].keys);
			free(st->slots[i].parts[m].vals);
			free(st->slots[i].parts[m].ok);
		}
		free(st->slots[i].parts);
		free(st->slots[i].seen);
	}
	free(st->slots);
	free(st->sample_slot);
	free(st->mkeys);
	free(st->seen);
	strmap_free(st->by_target);
	genechunks_free(&st->newc);
	db_copy_free(&st->copy);
}

/* Flush every part, end the COPY, register chunks, record part counts. */
static int
finish(gstate *st)
{
	int			nparts = st->nslots * st->info->nmeasures,
				n = 0,
				rc;
	int64_t    *ids,
			   *facts;

	for (int i = 0; i < st->nslots; i++)
		for (int m = 0; m < st->info->nmeasures; m++)
			if (flush_part(st, &st->slots[i].parts[m]) < 0)
				return -1;
	if (pause_copy(st) < 0 || genechunks_register(&st->newc, st->ctx->conn) < 0)
		return -1;
	ids = xmalloc(sizeof(int64_t) * (size_t) (nparts + 1));
	facts = xmalloc(sizeof(int64_t) * (size_t) (nparts + 1));
	for (int i = 0; i < st->nslots; i++)
		for (int m = 0; m < st->info->nmeasures; m++)
		{
			ids[n] = st->slots[i].parts[m].part_id;
			facts[n++] = st->slots[i].parts[m].facts;
		}
	rc = cn_update_part_facts(st->ctx, ids, facts, n);
	free(ids);
	free(facts);
	return rc;
}

int
cn_load_genes_body(load_ctx *ctx, void *arg)
{
	cn_job	   *job = arg;
	gstate		st;
	const cn_gene_row *g;
	char	   *err = NULL;
	int			rc = ONC_EXIT_DB,
				got;

	if (!job->reader)
		return cn_open_failed(ctx, job);
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.job = job;
	st.info = cn_reader_info(job->reader);
	st.is_long = st.info->format == CN_FMT_CBIO_LONG;
	cn_record_info(ctx, job, st.info);
	buf_init(&st.copy.buf);
	st.by_target = strmap_new(256);
	st.mkeys = xcalloc((size_t) st.info->nmeasures, sizeof(int));
	{
		onc_buf		mb;

		buf_init(&mb);
		for (int m = 0; m < st.info->nmeasures; m++)
			buf_printf(&mb, "%s%s", m ? "," : "", cn_measure_name(st.info->measures[m]));
		load_meta_str(ctx, "measures", mb.data);
		buf_free(&mb);
	}
	if (st.info->nsamples == 1 && !st.info->samples[0] && !job->sample_id)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, 0, 0, "no sample is known for this file");
		onc_hint("Give a GDC sample sheet (--sample-sheet) or the sample (--sample).");
		rc = ONC_EXIT_INPUT;
		goto done;
	}
	for (int m = 0; m < st.info->nmeasures; m++)
		if ((st.mkeys[m] = measure_key(ctx, st.info->measures[m])) == 0)
			goto done;
	if (genechunks_known(ctx->conn, (strmap **) &st.job->chunks) < 0)
		goto done;
	/* matrices and single-sample files: every specimen before the lines */
	for (int s = 0; !st.is_long && s < st.info->nsamples; s++)
		if ((got = slot_of(&st, s)) < SLOT_DROPPED)
		{
			rc = got == -4 ? ONC_EXIT_INPUT : ONC_EXIT_DB;
			goto done;
		}

	while ((got = cn_next_gene_row(job->reader, &g, &err)) == 1)
		if ((rc = take_row(&st, g)) != 0)
			goto done;
	if (got < 0)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, cn_lines_read(job->reader), 0, "%s", err);
		free(err);
		rc = ONC_EXIT_INPUT;
		goto done;
	}
	rc = ONC_EXIT_DB;
	if (finish(&st) < 0)
		goto done;
	load_meta_int(ctx, "specimens", st.nslots);
	cn_warnings_record(ctx, &st.warn);
	rc = ONC_EXIT_OK;
done:
	if (st.copy.active)
		db_copy_end(&st.copy, "load failed");
	state_free(&st);
	return rc;
}
