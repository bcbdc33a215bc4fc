/*
 * maf_load.c: the body of a mutation load.  A quick first pass names the
 * samples (resolved, and a part per tumour aliquot, before anything
 * streams); then the lines stream in, each good one a mutation fact and a
 * variant for the shared dimension, written by the variant store's writer
 * thread (varstore.c) while the next lines are read.  A later MAF of the
 * same aliquot and workflow supersedes this one.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dims.h"
#include "strmap.h"
#include "textutil.h"
#include "varload.h"
#include "varstore.h"

#define DUP_LINES_KEPT 1000

typedef struct slot
{
	dims_target t;
	int64_t		part_id;
	int64_t		facts;
} slot;

typedef struct state
{
	load_ctx   *ctx;
	maf_job    *job;
	const maf_info *info;
	vstore	   *vs;
	strmap	   *tumors;			/* barcode -> slot index */
	slot	   *slots;
	int			nslots,
				capslots;
	strmap	   *normals;		/* barcode -> index into normal_t */
	dims_target *normal_t;
	int			nnormal,
				capnormal;
	onc_buf		fact_extra;
	onc_buf		annot_extra;
	int64_t		duplicates;
	onc_buf		dup_lines;		/* JSON array members [first, line] */
	int64_t		genes_unknown;
	int64_t		normalised;
	char	  **seen_tumors;	/* the first pass's barcodes */
	int			nseen_tumors;
	char	  **seen_normals;
	int			nseen_normals;
	strmap	   *seen;
} state;

static const char mutation_copy_sql[] =
"COPY warehouse.mutation (load_id, part_id, variant_key, source_line, normal_sample_key, "
"normal_aliquot_key, t_depth, t_ref_count, t_alt_count, n_depth, n_ref_count, n_alt_count, vaf, "
"filter, callers, mutation_status, validation_status, verification_status, extra) "
"FROM STDIN (FORMAT binary)";

const char *
maf_format_name(const char *layout)
{
	if (!layout)
		return "maf";
	if (strcmp(layout, "gdc-aliquot-masked") == 0)
		return "gdc-aliquot-maf";
	if (strcmp(layout, "gdc-somatic") == 0)
		return "gdc-somatic-maf";
	if (strcmp(layout, "cbioportal") == 0)
		return "cbioportal-maf";
	return "tcga-maf";
}

/* A new slot for specimen *t, without its part yet; its index. */
static int
add_slot(state *st, const dims_target *t)
{
	if (st->nslots == st->capslots)
	{
		st->capslots = st->capslots ? st->capslots * 2 : 64;
		st->slots = xrealloc(st->slots, (size_t) st->capslots * sizeof(slot));
	}
	memset(&st->slots[st->nslots], 0, sizeof(slot));
	st->slots[st->nslots].t = *t;
	return st->nslots++;
}

/* The slot of an earlier barcode naming the same specimen, or -1. */
static int
same_specimen(const state *st, const dims_target *t)
{
	for (int i = 0; i < st->nslots; i++)
		if (st->slots[i].t.sample_key == t->sample_key && st->slots[i].t.aliquot_key == t->aliquot_key)
			return i;
	return -1;
}

/* A slot (specimen and part) for a tumour barcode the first pass missed; its index, or -1. */
static int
new_tumor_slot(state *st, const char *barcode)
{
	dims_target t;
	int			i;

	if (dims_resolve_specimen(st->ctx, sample_map_get(st->job->samples, barcode), NULL, NULL, &t) < 0)
		return -1;
	/* two barcodes naming one specimen share its part */
	if ((i = same_specimen(st, &t)) < 0)
	{
		i = add_slot(st, &t);
		st->slots[i].part_id = load_add_part(st->ctx, t.sample_key, t.aliquot_key, 0);
		if (!st->slots[i].part_id)
			return -1;
	}
	strmap_put(st->tumors, barcode, i);
	return i;
}

/* The matched normal's specimen *t, or resolved now when t is NULL. */
static int
new_normal(state *st, const char *barcode, const dims_target *t)
{
	if (st->nnormal == st->capnormal)
	{
		st->capnormal = st->capnormal ? st->capnormal * 2 : 64;
		st->normal_t = xrealloc(st->normal_t, (size_t) st->capnormal * sizeof(dims_target));
	}
	if (t)
		st->normal_t[st->nnormal] = *t;
	else if (dims_resolve_specimen(st->ctx, sample_map_get(st->job->samples, barcode), NULL, NULL,
								   &st->normal_t[st->nnormal]) < 0)
		return -1;
	strmap_put(st->normals, barcode, st->nnormal);
	return st->nnormal++;
}

/* The tumour sample's slot; -1 on error. */
static int
tumor_slot(state *st, const char *barcode)
{
	int64_t		idx;

	if (strmap_get(st->tumors, barcode, &idx))
		return (int) idx;
	/* not seen by the first pass (the file changed?): resolve it now */
	if (vstore_sync(st->vs) < 0)
		return -1;
	return new_tumor_slot(st, barcode);
}

/* The matched normal's specimen; NULL on error. */
static const dims_target *
normal_target(state *st, const char *barcode)
{
	int64_t		idx;

	if (!strmap_get(st->normals, barcode, &idx))
	{
		if (vstore_sync(st->vs) < 0 || (idx = new_normal(st, barcode, NULL)) < 0)
			return NULL;
	}
	return &st->normal_t[idx];
}

/* The first pass: note each barcode once. */
static void
seen_sample(void *arg, const char *tumor, const char *normal)
{
	state	   *st = arg;
	const char *names[2] = {tumor, normal};

	for (int k = 0; k < 2; k++)
	{
		char	   *key;

		if (!names[k])
			continue;
		key = xasprintf("%c%s", k ? 'n' : 't', names[k]);
		if (!strmap_get(st->seen, key, NULL))
		{
			char	 ***list = k ? &st->seen_normals : &st->seen_tumors;
			int		   *n = k ? &st->nseen_normals : &st->nseen_tumors;

			strmap_put(st->seen, key, 1);
			*list = xrealloc(*list, (size_t) (*n + 1) * sizeof(char *));
			(*list)[(*n)++] = xstrdup(names[k]);
		}
		free(key);
	}
}

/*
 * Specimens and parts of every sample the file names, before the rows
 * stream: all specimens in a few pipelined round trips, then the parts.
 */
static int
resolve_samples(state *st, char **err)
{
	int			n;
	const char **ids;
	dims_target *t;
	int			rc = 0;

	st->seen = strmap_new(256);
	if (maf_scan_samples(st->job->reader, seen_sample, st, err) < 0)
		return ONC_EXIT_INPUT;
	n = st->nseen_tumors + st->nseen_normals;
	if (n == 0)
		return 0;
	ids = xmalloc((size_t) n * sizeof(*ids));
	t = xmalloc((size_t) n * sizeof(*t));
	for (int i = 0; i < st->nseen_tumors; i++)
		ids[i] = sample_map_get(st->job->samples, st->seen_tumors[i]);
	for (int i = 0; i < st->nseen_normals; i++)
		ids[st->nseen_tumors + i] = sample_map_get(st->job->samples, st->seen_normals[i]);
	if (dims_resolve_specimens(st->ctx, n, ids, t) < 0)
		rc = ONC_EXIT_DB;
	for (int i = 0; rc == 0 && i < st->nseen_tumors; i++)
	{
		int			k = same_specimen(st, &t[i]);

		strmap_put(st->tumors, st->seen_tumors[i], k >= 0 ? k : add_slot(st, &t[i]));
	}
	if (rc == 0 && st->nslots > 0)
	{
		int		   *sk = xmalloc((size_t) st->nslots * sizeof(int));
		int		   *ak = xmalloc((size_t) st->nslots * sizeof(int));
		int64_t    *ids64 = xmalloc((size_t) st->nslots * sizeof(int64_t));

		for (int i = 0; i < st->nslots; i++)
		{
			sk[i] = st->slots[i].t.sample_key;
			ak[i] = st->slots[i].t.aliquot_key;
		}
		if (load_add_parts(st->ctx, st->nslots, sk, ak, NULL, ids64) < 0)
			rc = ONC_EXIT_DB;
		for (int i = 0; rc == 0 && i < st->nslots; i++)
			st->slots[i].part_id = ids64[i];
		free(sk);
		free(ak);
		free(ids64);
	}
	for (int i = 0; rc == 0 && i < st->nseen_normals; i++)
		if (new_normal(st, st->seen_normals[i], &t[st->nseen_tumors + i]) < 0)
			rc = ONC_EXIT_DB;
	free(ids);
	free(t);
	return rc;
}

/* A read count cell: the value, or missing; an invalid one is a cell reject. */
static int
count_cell(state *st, const maf_row *row, maf_field f, int32_t *out, bool *present)
{
	int			r = maf_parse_count(row->f[f], out);

	*present = r == 1;
	if (r >= 0)
		return 0;
	st->ctx->values_rejected++;
	if (!load_reject(st->ctx, row->lineno, st->info->col[f] + 1, "invalid_number", row->raw,
					 "%s \"%.40s\" is not a whole number of reads", st->info->names[st->info->col[f]],
					 row->f[f]))
		return -1;
	return 0;
}

static void
build_extras(state *st, const maf_row *row)
{
	const maf_info *in = st->info;

	buf_reset(&st->fact_extra);
	buf_reset(&st->annot_extra);
	for (int c = 0; c < in->ncols; c++)
	{
		const char *v = row->cells[c];

		if (in->roles[c] == MAF_ROLE_TYPED || maf_is_null(v))
			continue;
		json_kv(in->roles[c] == MAF_ROLE_ANNOTATION ? &st->annot_extra : &st->fact_extra,
				in->names[c], v);
	}
	if (row->changed)
	{
		static const maf_field orig[] = {MAF_START, MAF_END, MAF_REF_ALLELE, MAF_TUMOR_ALLELE2};

		for (size_t i = 0; i < sizeof(orig) / sizeof(orig[0]); i++)
			if (in->col[orig[i]] >= 0 && row->f[orig[i]])
				json_kv(&st->fact_extra, in->names[in->col[orig[i]]], row->f[orig[i]]);
	}
}

static void
write_fact(state *st, const maf_row *row, const slot *s, const dims_target *normal, int64_t key)
{
	db_copy    *c = vstore_facts(st->vs);
	int32_t		cnt[6];
	bool		has[6];
	static const maf_field fields[6] = {MAF_T_DEPTH, MAF_T_REF, MAF_T_ALT, MAF_N_DEPTH, MAF_N_REF, MAF_N_ALT};

	for (int i = 0; i < 6; i++)
		has[i] = maf_parse_count(row->f[fields[i]], &cnt[i]) == 1;
	db_copy_row(c, 19);
	db_copy_int8(c, st->ctx->load_id);
	db_copy_int8(c, s->part_id);
	db_copy_int8(c, key);
	db_copy_int8(c, row->lineno);
	if (normal)
		db_copy_int4(c, normal->sample_key);
	else
		db_copy_null(c);
	if (normal && normal->aliquot_key)
		db_copy_int4(c, normal->aliquot_key);
	else
		db_copy_null(c);
	for (int i = 0; i < 6; i++)
	{
		if (has[i])
			db_copy_int4(c, cnt[i]);
		else
			db_copy_null(c);
	}
	if (has[2] && has[0] && cnt[0] > 0 && cnt[2] <= cnt[0])
		db_copy_float8(c, (double) cnt[2] / cnt[0]);
	else if (has[2] && has[1] && cnt[1] + (int64_t) cnt[2] > 0)
		db_copy_float8(c, (double) cnt[2] / ((double) cnt[1] + cnt[2]));
	else
		db_copy_null(c);
	db_copy_text(c, row->f[MAF_FILTER]);
	db_copy_text(c, row->f[MAF_CALLERS]);
	db_copy_text(c, row->f[MAF_MUTATION_STATUS]);
	db_copy_text(c, row->f[MAF_VALIDATION]);
	db_copy_text(c, row->f[MAF_VERIFICATION]);
	db_copy_jsonb(c, json_end(&st->fact_extra));
}

/* One data line; 0 to go on, else an exit code (printed). */
static int
take_row(state *st, const maf_row *row)
{
	load_ctx   *ctx = st->ctx;
	char		msg[256];
	int			gene,
				g,
				si;
	const dims_target *normal = NULL;
	vs_variant	v;
	vs_annot	a;
	int64_t		key,
				entrez = 0;

	ctx->records_read++;
	if (row->blank)
	{
		ctx->records_filtered++;
		return 0;
	}
	if (row->error_code)
	{
		ctx->records_rejected++;
		if (!load_reject(ctx, row->lineno, row->error_col, row->error_code, row->raw, "%s", row->error))
			return ONC_EXIT_INPUT;
		return 0;
	}
	g = vstore_gene(st->vs, row->f[MAF_GENE], row->f[MAF_HUGO_SYMBOL], row->f[MAF_ENTREZ_ID],
					&gene, msg, sizeof(msg));
	if (g < 0)
		return ONC_EXIT_DB;
	if (g > 0)
	{
		ctx->records_rejected++;
		if (!load_reject(ctx, row->lineno, st->info->col[MAF_ENTREZ_ID] + 1, "gene_mismatch", row->raw,
						 "%s", msg))
			return ONC_EXIT_INPUT;
		return 0;
	}
	/* bad read counts are cell rejects: the line loads without them */
	{
		static const maf_field counts[6] = {MAF_T_DEPTH, MAF_T_REF, MAF_T_ALT, MAF_N_DEPTH, MAF_N_REF, MAF_N_ALT};

		for (int i = 0; i < 6; i++)
		{
			int32_t		x;
			bool		has;

			if (count_cell(st, row, counts[i], &x, &has) < 0)
			{
				ctx->records_rejected++;
				return ONC_EXIT_INPUT;
			}
		}
	}
	if (gene == 0 && (row->f[MAF_HUGO_SYMBOL] || row->f[MAF_ENTREZ_ID] || row->f[MAF_GENE]) &&
		!(row->f[MAF_HUGO_SYMBOL] && str_ieq(row->f[MAF_HUGO_SYMBOL], "Unknown")))
		st->genes_unknown++;
	if ((si = tumor_slot(st, row->f[MAF_TUMOR_SAMPLE])) < 0)
		return ONC_EXIT_DB;
	if (row->f[MAF_NORMAL_SAMPLE] && !(normal = normal_target(st, row->f[MAF_NORMAL_SAMPLE])))
		return ONC_EXIT_DB;

	v.build = row->build;
	v.chrom = row->chrom;
	v.start = row->var.start;
	v.end = row->var.end;
	v.ref = row->var.ref;
	v.alt = row->var.alt;
	v.type = row->var.type;
	key = vstore_key(&v);
	if (row->changed)
		st->normalised++;

	build_extras(st, row);
	memset(&a, 0, sizeof(a));
	a.s[VA_SOURCE] = "maf";
	a.s[VA_GENE_SYMBOL] = row->f[MAF_HUGO_SYMBOL] && !str_ieq(row->f[MAF_HUGO_SYMBOL], "Unknown") ?
		row->f[MAF_HUGO_SYMBOL] : NULL;
	a.s[VA_GENE_ID] = row->f[MAF_GENE];
	a.s[VA_CLASSIFICATION] = row->f[MAF_CLASSIFICATION];
	a.s[VA_CONSEQUENCE] = row->f[MAF_CONSEQUENCE] ? row->f[MAF_CONSEQUENCE] : row->f[MAF_ONE_CONSEQUENCE];
	a.s[VA_IMPACT] = row->f[MAF_IMPACT];
	a.s[VA_TRANSCRIPT] = row->f[MAF_TRANSCRIPT];
	a.s[VA_HGVSC] = row->f[MAF_HGVSC];
	a.s[VA_HGVSP] = row->f[MAF_HGVSP];
	a.s[VA_HGVSP_SHORT] = row->f[MAF_HGVSP_SHORT] ? row->f[MAF_HGVSP_SHORT] : row->f[MAF_PROTEIN_CHANGE];
	a.s[VA_SIFT] = row->f[MAF_SIFT];
	a.s[VA_POLYPHEN] = row->f[MAF_POLYPHEN];
	a.s[VA_DBSNP] = row->f[MAF_DBSNP];
	a.s[VA_EXISTING] = row->f[MAF_EXISTING];
	a.s[VA_EXTRA] = json_end(&st->annot_extra);
	if (row->f[MAF_ENTREZ_ID] && num_parse_int64(row->f[MAF_ENTREZ_ID], &entrez) == NUM_OK && entrez > 0)
		a.entrez = entrez;
	a.gene = gene;
	vstore_add(st->vs, key, &v, &a, NULL, 0);

	write_fact(st, row, &st->slots[si], normal, key);
	vstore_note_fact(st->vs, st->slots[si].part_id, key);
	st->slots[si].facts++;
	ctx->facts_written++;
	ctx->records_loaded++;
	return vstore_next(st->vs) < 0 ? ONC_EXIT_DB : 0;
}

static void
report_duplicate(void *arg, int64_t part_id, int64_t key, int64_t first_line, int64_t line)
{
	state	   *st = arg;

	(void) key;
	for (int i = 0; i < st->nslots; i++)
		if (st->slots[i].part_id == part_id)
		{
			st->slots[i].facts--;
			break;
		}
	st->ctx->records_loaded--;
	st->ctx->records_filtered++;
	st->ctx->facts_written--;
	if (st->duplicates < 10)
		onc_msg(ONC_WARNING, st->ctx->spec->path, (long) line, 0,
				"the same sample and variant as line %" PRId64 "; loaded once [duplicate_mutation]",
				first_line);
	if (st->duplicates < DUP_LINES_KEPT)
		buf_printf(&st->dup_lines, "%s[%" PRId64 ",%" PRId64 "]", st->duplicates ? "," : "",
				   first_line, line);
	st->duplicates++;
}

/* Write each part's fact count. */
static int
update_parts(state *st)
{
	onc_buf		p,
				f;
	const char *params[2];
	PGresult   *res;

	if (st->nslots == 0)
		return 0;
	buf_init(&p);
	buf_init(&f);
	buf_puts(&p, "{");
	buf_puts(&f, "{");
	for (int i = 0, n = 0; i < st->nslots; i++)
	{
		bool		dup = false;

		for (int j = 0; j < i && !dup; j++)
			dup = st->slots[j].part_id == st->slots[i].part_id;
		if (dup)
			continue;
		buf_printf(&p, "%s%" PRId64, n ? "," : "", st->slots[i].part_id);
		buf_printf(&f, "%s%" PRId64, n ? "," : "", st->slots[i].facts);
		n++;
	}
	buf_puts(&p, "}");
	buf_puts(&f, "}");
	params[0] = p.data;
	params[1] = f.data;
	res = db_query(st->ctx->conn,
				   "UPDATE audit.load_part t SET facts = u.f "
				   "FROM unnest($1::bigint[], $2::bigint[]) AS u(id, f) WHERE t.part_id = u.id",
				   2, params);
	buf_free(&p);
	buf_free(&f);
	if (!res)
		return -1;
	PQclear(res);
	/* a sample all of whose lines were rejected replaces nothing */
	params[0] = st->ctx->load_id_text;
	res = db_query(st->ctx->conn, "DELETE FROM audit.load_part WHERE load_id = $1::bigint AND facts = 0",
				   1, params);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

static void
record_metadata(state *st)
{
	load_ctx   *ctx = st->ctx;
	const maf_info *in = st->info;
	const vstore_stats *vst = vstore_get_stats(st->vs);
	onc_buf		b;

	buf_init(&b);
	buf_puts(&b, "[");
	for (int i = 0; i < in->nheader_lines; i++)
	{
		buf_puts(&b, i ? ",\"" : "\"");
		json_escape(&b, in->header_lines[i]);
		buf_puts(&b, "\"");
	}
	buf_puts(&b, "]");
	varload_meta_json(ctx, "header_lines", b.data);
	buf_free(&b);
	load_meta_str(ctx, "layout", in->layout);
	load_meta_int(ctx, "columns", in->ncols);
	load_meta_int(ctx, "samples", st->nslots);
	load_meta_int(ctx, "chunks", vst->chunks);
	load_meta_int(ctx, "variants_new", vst->variants_new);
	load_meta_int(ctx, "variants_known", vst->variants_known);
	load_meta_int(ctx, "variant_lookups", vst->lookups);
	load_meta_int(ctx, "annotations", vst->annotations);
	if (vst->genes_new)
		load_meta_int(ctx, "genes_added", vst->genes_new);
	if (st->genes_unknown)
		load_meta_int(ctx, "lines_gene_not_in_dimension", st->genes_unknown);
	if (st->normalised)
		load_meta_int(ctx, "lines_normalised", st->normalised);
	if (st->duplicates)
	{
		char	   *j = xasprintf("{\"count\":%" PRId64 ",\"lines\":[%s]}", st->duplicates,
								  st->dup_lines.data ? st->dup_lines.data : "");

		varload_meta_json(ctx, "duplicate_mutations", j);
		free(j);
	}
}

int
maf_load_body(load_ctx *ctx, void *arg)
{
	maf_job    *job = arg;
	state		st;
	maf_row    *row;
	char	   *err = NULL;
	int			got,
				rc = ONC_EXIT_DB;

	if (!job->reader)
	{
		varload_report(ctx->spec->path, job->open_error);
		return job->open_io ? ONC_EXIT_IO : ONC_EXIT_INPUT;
	}
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.job = job;
	st.info = maf_reader_info(job->reader);
	load_set_format(ctx, job->format ? job->format : maf_format_name(st.info->layout),
					job->workflow ? job->workflow : st.info->workflow);
	st.tumors = strmap_new(64);
	st.normals = strmap_new(64);
	buf_init(&st.fact_extra);
	buf_init(&st.annot_extra);
	buf_init(&st.dup_lines);
	if (genemap_load_ensembl(job->genes, ctx->conn) < 0)
		goto done;
	if ((rc = resolve_samples(&st, &err)) != 0)
	{
		if (err)
			varload_report(ctx->spec->path, err);
		free(err);
		goto done;
	}
	st.vs = vstore_new(ctx, job->genes, mutation_copy_sql, NULL);
	while ((got = maf_next(job->reader, &row, &err)) == 1)
	{
		rc = take_row(&st, row);
		if (rc != 0)
			goto done;
	}
	if (got < 0)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, maf_lines_read(job->reader), 0, "%s", err ? err : "read error");
		free(err);
		rc = ONC_EXIT_INPUT;
		goto done;
	}
	rc = ONC_EXIT_DB;
	if (vstore_finish(st.vs) < 0)
		goto done;
	if (vstore_remove_duplicates(st.vs, "warehouse.mutation", report_duplicate, &st) < 0)
		goto done;
	if (update_parts(&st) < 0)
		goto done;
	record_metadata(&st);
	rc = ONC_EXIT_OK;
done:
	vstore_free(st.vs);
	strmap_free(st.tumors);
	strmap_free(st.normals);
	strmap_free(st.seen);
	for (int i = 0; i < st.nseen_tumors; i++)
		free(st.seen_tumors[i]);
	for (int i = 0; i < st.nseen_normals; i++)
		free(st.seen_normals[i]);
	free(st.seen_tumors);
	free(st.seen_normals);
	free(st.slots);
	free(st.normal_t);
	buf_free(&st.fact_extra);
	buf_free(&st.annot_extra);
	buf_free(&st.dup_lines);
	return rc;
}
