/*
 * cn_load.c: the body of a segment load, and what it shares with the
 * gene-level body (cn_gene_load.c): specimens, parts, warnings.  Segments
 * stream from the reader into warehouse.copy_number_segment by binary
 * COPY; a part (sample or aliquot) is made when a line first names it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "barcode.h"
#include "cn_load_internal.h"
#include "db.h"
#include "strmap.h"
#include "textutil.h"

/* ---- shared ---- */

void
cn_warn(load_ctx *ctx, cn_warnings *w, long line, int col, const char *code,
		const char *fmt,...)
{
	int			k;

	for (k = 0; k < CN_WARNING_KINDS && w->code[k]; k++)
		if (strcmp(w->code[k], code) == 0)
			break;
	if (k < CN_WARNING_KINDS)
	{
		w->code[k] = code;
		w->count[k]++;
	}
	if (w->shown < CN_WARNINGS_SHOWN)
	{
		char		msg[512];
		va_list		ap;

		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		onc_msg(ONC_WARNING, ctx->spec->path, line, col, "%s [%s]", msg, code);
		w->shown++;
	}
}

void
cn_warnings_record(load_ctx *ctx, const cn_warnings *w)
{
	if (!w->code[0])
		return;
	if (ctx->metadata.len)
		buf_puts(&ctx->metadata, ",");
	buf_puts(&ctx->metadata, "\"warnings\":{");
	for (int k = 0; k < CN_WARNING_KINDS && w->code[k]; k++)
		buf_printf(&ctx->metadata, "%s\"%s\":%" PRId64, k ? "," : "", w->code[k], w->count[k]);
	buf_puts(&ctx->metadata, "}");
}

int
cn_resolve_specimen(load_ctx *ctx, const cn_job *job, const char *id,
					bool aliquot_column, dims_target *out)
{
	tcga_barcode bc;
	char		sk[16];
	char	   *v;

	if (!id)
		return dims_resolve_specimen(ctx, job->sample_id, job->patient_id,
									 job->sample_type, out);
	if (!job->sample_id || !aliquot_column ||
		(tcga_barcode_parse(id, &bc) && bc.level >= TCGA_SAMPLE))
		return dims_resolve_specimen(ctx, id, job->patient_id, job->sample_type, out);

	/* a GDC aliquot UUID: an aliquot of the sample the sheet (or --sample) names */
	if (dims_resolve_specimen(ctx, job->sample_id, job->patient_id, job->sample_type, out) < 0)
		return -1;
	if (out->aliquot_key)
		return 0;				/* --sample named an aliquot barcode itself */
	snprintf(sk, sizeof(sk), "%d", out->sample_key);
	{
		const char *params[8] = {ctx->study_key_text, sk, id, NULL, NULL, NULL, NULL,
		ctx->load_id_text};

		v = db_value(ctx->conn,
					 "SELECT warehouse.ensure_aliquot($1::int, $2::int, $3, $4, $5, $6, $7, $8::bigint)",
					 8, params, NULL);
	}
	if (!v)
		return -1;
	out->aliquot_key = atoi(v);
	free(v);
	return 0;
}

int
cn_update_part_facts(load_ctx *ctx, const int64_t *ids, const int64_t *facts, int n)
{
	onc_buf		p,
				f;
	const char *params[2];
	PGresult   *res;

	if (n == 0)
		return 0;
	buf_init(&p);
	buf_init(&f);
	buf_puts(&p, "{");
	buf_puts(&f, "{");
	for (int i = 0; i < n; i++)
	{
		buf_printf(&p, "%s%" PRId64, i ? "," : "", ids[i]);
		buf_printf(&f, "%s%" PRId64, i ? "," : "", facts[i]);
	}
	buf_puts(&p, "}");
	buf_puts(&f, "}");
	params[0] = p.data;
	params[1] = f.data;
	res = db_query(ctx->conn,
				   "UPDATE audit.load_part t SET facts = u.f "
				   "FROM unnest($1::bigint[], $2::bigint[]) AS u(id, f) WHERE t.part_id = u.id",
				   2, params);
	buf_free(&p);
	buf_free(&f);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

int
cn_open_failed(load_ctx *ctx, const cn_job *job)
{
	const char *e = job->open_error ? job->open_error : "cannot read";
	long		line;
	int			col;

	/* the reader prefixes "LINE: " or "LINE:COL: " when a line is at fault */
	e = err_split_place(e, &line, &col);
	onc_msg(ONC_ERROR, ctx->spec->path, line, col, "%s", e);
	return job->open_errno ? ONC_EXIT_IO : ONC_EXIT_INPUT;
}

void
cn_record_info(load_ctx *ctx, const cn_job *job, const cn_info *info)
{
	load_set_format(ctx, cn_format_name(info->format), info->workflow);
	load_meta_str(ctx, "detected_by", info->detected_by);
	if (info->meta_path)
		load_meta_str(ctx, "cbioportal_meta", info->meta_path);
	if (info->profile)
		load_meta_str(ctx, "cbioportal_profile", info->profile);
	if (job->sheet_file_id)
		load_meta_str(ctx, "gdc_file_id", job->sheet_file_id);
	if (job->sample_id)
		load_meta_str(ctx, "sample", job->sample_id);
	if (job->patient_id)
		load_meta_str(ctx, "case", job->patient_id);
	if (info->ignored_columns)
	{
		load_meta_int(ctx, "ignored_columns", info->ignored_columns);
		load_meta_str(ctx, "ignored_column_names", info->ignored_names);
	}
}

bool
cn_reject_problem(load_ctx *ctx, long line, const cn_problem *p, const char *raw)
{
	return load_reject(ctx, line, p->col, p->code, raw, "%s", p->text);
}

/* ---- segments ---- */

typedef struct seg_slot
{
	dims_target t;
	int64_t		part_id;
	int64_t		facts;
} seg_slot;

typedef struct seg_state
{
	load_ctx   *ctx;
	cn_job	   *job;
	const cn_info *info;
	const char *build;
	strmap	   *by_id;			/* sample or aliquot ID -> slot */
	strmap	   *by_target;		/* "sample/aliquot" keys -> slot */
	seg_slot   *slots;
	int			nslots,
				capslots;
	db_copy		copy;
	cn_warnings warn;
} seg_state;

static const char seg_copy_sql[] =
"COPY warehouse.copy_number_segment (load_id, part_id, line, genome_build, chromosome, "
"start_position, end_position, num_probes, segment_mean, copy_number, major_copy_number, "
"minor_copy_number) FROM STDIN (FORMAT binary)";

/*
 * The slot of the specimen id names, made (with its part) when new; -1 on
 * a database error, -2 when the file does not say whose it is (printed).
 */
static int
seg_slot_of(seg_state *st, const char *id)
{
	int64_t		v;
	dims_target t;
	char		tk[32];
	tcga_barcode bc;
	bool		aliquot_column = st->info->format == CN_FMT_GDC_SEG ||
		st->info->format == CN_FMT_GDC_ASCAT_SEG;

	if (strmap_get(st->by_id, id, &v))
		return (int) v;
	if (aliquot_column && !st->job->sample_id &&
		!(tcga_barcode_parse(id, &bc) && bc.level >= TCGA_SAMPLE))
	{
		onc_msg(ONC_ERROR, st->ctx->spec->path, 0, 0,
				"GDC aliquot %s: no sample is known for it", id);
		onc_hint("Give the GDC sample sheet (--sample-sheet) or the sample (--sample).");
		return -2;
	}
	/* no COPY may be open while the dimensions are written */
	if (st->copy.active && db_copy_end(&st->copy, NULL) < 0)
		return -1;
	if (cn_resolve_specimen(st->ctx, st->job, id, aliquot_column, &t) < 0)
		return -1;
	snprintf(tk, sizeof(tk), "%d/%d", t.sample_key, t.aliquot_key);
	if (!strmap_get(st->by_target, tk, &v))
	{
		seg_slot   *s;

		if (st->nslots == st->capslots)
		{
			st->capslots = st->capslots ? st->capslots * 2 : 64;
			st->slots = xrealloc(st->slots, sizeof(seg_slot) * (size_t) st->capslots);
		}
		s = &st->slots[st->nslots];
		s->t = t;
		s->facts = 0;
		s->part_id = load_add_part(st->ctx, t.sample_key, t.aliquot_key, 0);
		if (!s->part_id)
			return -1;
		v = st->nslots++;
		strmap_put(st->by_target, tk, v);
	}
	strmap_put(st->by_id, id, v);
	return (int) v;
}

static void
copy_int4_or_null(db_copy *c, bool has, int32_t v)
{
	if (has)
		db_copy_int4(c, v);
	else
		db_copy_null(c);
}

/* One segment line; 0 to go on, else an exit code. */
static int
seg_take(seg_state *st, const cn_segment *s)
{
	load_ctx   *ctx = st->ctx;
	int			slot;

	ctx->records_read++;
	if (s->nproblems > 0)
	{
		ctx->records_rejected++;
		for (int i = 0; i < s->nproblems; i++)
			if (!cn_reject_problem(ctx, s->lineno, &s->problems[i], s->line))
				return ONC_EXIT_INPUT;
		return 0;
	}
	if (s->all_missing)
	{
		ctx->records_filtered++;
		return 0;
	}
	if (s->warning_code)
		cn_warn(ctx, &st->warn, s->lineno, 0, s->warning_code, "%s", s->warning);
	if ((slot = seg_slot_of(st, s->sample)) < 0 ||
		(!st->copy.active && db_copy_begin(&st->copy, ctx->conn, seg_copy_sql) < 0))
	{
		ctx->records_read--;	/* the load stops before this line counts */
		return slot == -2 ? ONC_EXIT_INPUT : ONC_EXIT_DB;
	}
	db_copy_row(&st->copy, 12);
	db_copy_int8(&st->copy, ctx->load_id);
	db_copy_int8(&st->copy, st->slots[slot].part_id);
	db_copy_int8(&st->copy, s->lineno);
	db_copy_text(&st->copy, st->build);
	db_copy_text(&st->copy, s->chrom);
	db_copy_int8(&st->copy, s->start);
	db_copy_int8(&st->copy, s->end);
	copy_int4_or_null(&st->copy, s->has_probes, s->num_probes);
	if (s->has_mean)
		db_copy_float8(&st->copy, s->mean);
	else
		db_copy_null(&st->copy);
	copy_int4_or_null(&st->copy, s->has_cn, s->cn);
	copy_int4_or_null(&st->copy, s->has_major, s->major);
	copy_int4_or_null(&st->copy, s->has_minor, s->minor);
	st->slots[slot].facts++;
	ctx->facts_written++;
	ctx->records_loaded++;
	return db_copy_flush_if_full(&st->copy) < 0 ? ONC_EXIT_DB : 0;
}

int
cn_load_segments_body(load_ctx *ctx, void *arg)
{
	cn_job	   *job = arg;
	seg_state	st;
	const cn_segment *s;
	char	   *err = NULL;
	int			rc = ONC_EXIT_DB,
				got;

	if (!job->reader)
		return cn_open_failed(ctx, job);
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.job = job;
	st.info = cn_reader_info(job->reader);
	st.build = cn_build_name(job->build);
	cn_record_info(ctx, job, st.info);
	if (!st.build)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, 0, 0, "no genome build is known for this file");
		return ONC_EXIT_USAGE;
	}
	load_meta_str(ctx, "genome_build", st.build);
	load_meta_str(ctx, "genome_build_from", job->build_source);
	cn_set_build(job->reader, job->build);
	st.by_id = strmap_new(256);
	st.by_target = strmap_new(256);
	buf_init(&st.copy.buf);

	while ((got = cn_next_segment(job->reader, &s, &err)) == 1)
		if ((rc = seg_take(&st, s)) != 0)
			goto done;
	if (got < 0)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, cn_lines_read(job->reader), 0, "%s", err);
		free(err);
		rc = ONC_EXIT_INPUT;
		goto done;
	}
	rc = ONC_EXIT_DB;
	if (st.copy.active && db_copy_end(&st.copy, NULL) < 0)
		goto done;
	{
		int64_t    *ids = xmalloc(sizeof(int64_t) * (size_t) (st.nslots + 1));
		int64_t    *facts = xmalloc(sizeof(int64_t) * (size_t) (st.nslots + 1));
		int			urc;

		for (int i = 0; i < st.nslots; i++)
		{
			ids[i] = st.slots[i].part_id;
			facts[i] = st.slots[i].facts;
		}
		urc = cn_update_part_facts(ctx, ids, facts, st.nslots);
		free(ids);
		free(facts);
		if (urc < 0)
			goto done;
	}
	load_meta_int(ctx, "specimens", st.nslots);
	cn_warnings_record(ctx, &st.warn);
	rc = ONC_EXIT_OK;
done:
	if (st.copy.active)
		db_copy_end(&st.copy, "load failed");
	db_copy_free(&st.copy);
	strmap_free(st.by_id);
	strmap_free(st.by_target);
	free(st.slots);
	return rc;
}
