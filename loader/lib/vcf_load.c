/*
 * vcf_load.c: the body of a variant load.  Records stream in and split into
 * their alternate alleles; each allele is a variant of the shared dimension
 * (with this load's annotation and consequences), a site row (how the
 * samples were called), and a genotype fact per sample that carries it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dims.h"
#include "textutil.h"
#include "varload.h"
#include "varstore.h"

typedef struct slot
{
	dims_target t;
	int64_t		part_id;
	int64_t		facts;
	const char *id;				/* the ID used for the sample */
} slot;

typedef struct state
{
	load_ctx   *ctx;
	vcf_job    *job;
	vcf_reader *r;
	const vcf_info *info;
	vstore	   *vs;				/* writes variants, genotypes and sites */
	slot	   *slots;
	vs_cons    *cons;
	int			capcons;
	char	  (*hgvs)[3][512];	/* per consequence: hgvsc, hgvsp, hgvsp short */
	int64_t		sites_written;
	int64_t		alleles_symbolic;
	int64_t		alleles_star;
	int64_t		alleles_no_change;
	int64_t		records_no_alt;
	int64_t		csq_unmatched;
	int64_t		duplicates;
} state;

static const char genotype_copy_sql[] =
"COPY warehouse.variant_genotype (load_id, part_id, variant_key, source_line, allele_index, genotype, "
"depth, ref_depth, alt_depth, vaf, genotype_quality, filter, sample_filter, qual, extra) "
"FROM STDIN (FORMAT binary)";

static const char site_copy_sql[] =
"COPY warehouse.variant_site (load_id, variant_key, source_line, allele_index, vcf_id, qual, filter, "
"allele_frequency, samples, carriers, hom_ref, no_call, other_allele, info) FROM STDIN (FORMAT binary)";

const char *
vcf_workflow_guess(const char *path, const vcf_info *info, char *out, size_t cap)
{
	static const char *const callers[] = {"MuTect2", "MuSE", "VarScan2", "SomaticSniper", "Pindel",
		"Strelka", "CaVEMan", "FreeBayes", "HaplotypeCaller", "DeepVariant", "bcftools",
	"samtools", "VarScan", "MuTect", NULL};
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char	   *low = xstrdup(base);

	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char) (*p - 'A' + 'a');
	for (int i = 0; callers[i]; i++)
	{
		char	   *c = xstrdup(callers[i]);
		bool		hit;

		for (char *p = c; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char) (*p - 'A' + 'a');
		hit = strstr(low, c) != NULL;
		free(c);
		if (hit)
		{
			free(low);
			snprintf(out, cap, "%s", callers[i]);
			return out;
		}
	}
	free(low);
	if (info->source && *info->source)
	{
		size_t		n = strcspn(info->source, " \t;,");

		snprintf(out, cap, "%.*s", (int) (n < cap - 1 ? n : cap - 1), info->source);
		return out;
	}
	snprintf(out, cap, "vcf");
	return out;
}

/* A part per sample column (two columns naming one specimen share it). */
static int
setup_samples(state *st)
{
	const vcf_info *in = st->info;

	st->slots = xcalloc((size_t) (in->nsamples ? in->nsamples : 1), sizeof(slot));
	for (int s = 0; s < in->nsamples; s++)
	{
		slot	   *sl = &st->slots[s];
		const char *id = sample_map_get(st->job->samples, in->samples[s]);

		if (id == in->samples[s] && in->sample_names[s])
			id = in->sample_names[s];
		sl->id = id;
		if (dims_resolve_specimen(st->ctx, id, NULL, NULL, &sl->t) < 0)
			return -1;
		for (int o = 0; o < s && !sl->part_id; o++)
			if (st->slots[o].t.sample_key == sl->t.sample_key && st->slots[o].t.aliquot_key == sl->t.aliquot_key)
				sl->part_id = st->slots[o].part_id;
		if (!sl->part_id && !(sl->part_id = load_add_part(st->ctx, sl->t.sample_key, sl->t.aliquot_key, 0)))
			return -1;
	}
	return 0;
}

static void
copy_float4(db_copy *c, float f)
{
	uint32_t	u;

	memcpy(&u, &f, 4);
	db_put_be32(&c->buf, 4);
	db_put_be32(&c->buf, u);
}

static void
copy_int4_opt(db_copy *c, bool has, int32_t v)
{
	if (has)
		db_copy_int4(c, v);
	else
		db_copy_null(c);
}

static void
write_site(state *st, const vcf_record *rec, const vcf_allele *al, int64_t key)
{
	db_copy    *c = vstore_sites(st->vs);

	db_copy_row(c, 14);
	db_copy_int8(c, st->ctx->load_id);
	db_copy_int8(c, key);
	db_copy_int8(c, rec->lineno);
	db_put_be32(&c->buf, 2);
	{
		unsigned char i2[2] = {(unsigned char) (al->index >> 8), (unsigned char) al->index};

		buf_append(&c->buf, i2, 2);
	}
	db_copy_text(c, rec->id);
	if (rec->has_qual)
		copy_float4(c, rec->qual);
	else
		db_copy_null(c);
	db_copy_text(c, rec->filter);
	if (al->has_af)
		db_copy_float8(c, al->af);
	else
		db_copy_null(c);
	db_copy_int4(c, st->info->nsamples);
	db_copy_int4(c, al->carriers);
	db_copy_int4(c, al->hom_ref);
	db_copy_int4(c, al->no_call);
	db_copy_int4(c, al->other);
	db_copy_jsonb(c, rec->info_json);
	st->sites_written++;
}

static void
write_genotype(state *st, const vcf_record *rec, const vcf_allele *al, const slot *sl,
			   const vcf_call *call, int64_t key)
{
	db_copy    *c = vstore_facts(st->vs);

	db_copy_row(c, 15);
	db_copy_int8(c, st->ctx->load_id);
	db_copy_int8(c, sl->part_id);
	db_copy_int8(c, key);
	db_copy_int8(c, rec->lineno);
	db_put_be32(&c->buf, 2);
	{
		unsigned char i2[2] = {(unsigned char) (al->index >> 8), (unsigned char) al->index};

		buf_append(&c->buf, i2, 2);
	}
	db_copy_text(c, call->gt);
	copy_int4_opt(c, call->has_depth, call->depth);
	copy_int4_opt(c, call->has_ref_depth, call->ref_depth);
	copy_int4_opt(c, call->has_alt_depth, call->alt_depth);
	if (call->has_vaf)
		db_copy_float8(c, call->vaf);
	else
		db_copy_null(c);
	copy_int4_opt(c, call->has_gq, call->gq);
	db_copy_text(c, rec->filter);
	db_copy_text(c, call->ft);
	if (rec->has_qual)
		copy_float4(c, rec->qual);
	else
		db_copy_null(c);
	db_copy_jsonb(c, call->extra);
}

/* Annotation and consequences of an allele (when the VCF has CSQ/ANN). */
static int
annotate(state *st, const vcf_record *rec, const vcf_allele *al, vs_annot *a)
{
	const maf_variant *var = &al->var;
	size_t		rl = strcmp(var->ref, "-") == 0 ? 0 : strlen(var->ref);
	size_t		alen = strcmp(var->alt, "-") == 0 ? 0 : strlen(var->alt);
	bool		inframe = (rl > alen ? rl - alen : alen - rl) % 3 == 0;
	const vcf_csq *pc;
	char		msg[256];

	if (al->ncsq > st->capcons)
	{
		st->capcons = al->ncsq;
		st->cons = xrealloc(st->cons, (size_t) st->capcons * sizeof(vs_cons));
		st->hgvs = xrealloc(st->hgvs, (size_t) st->capcons * sizeof(*st->hgvs));
	}
	for (int j = 0; j < al->ncsq; j++)
	{
		const vcf_csq *c = &rec->csq[al->csq[j]];
		vs_cons    *vc = &st->cons[j];

		memset(vc, 0, sizeof(*vc));
		vc->s[VC_ALLELE] = c->f[VCF_CSQ_ALLELE];
		vc->s[VC_CONSEQUENCE] = c->f[VCF_CSQ_CONSEQUENCE];
		vc->s[VC_CLASSIFICATION] = maf_so_classification(c->f[VCF_CSQ_CONSEQUENCE], var->type, inframe);
		vc->s[VC_IMPACT] = c->f[VCF_CSQ_IMPACT];
		vc->s[VC_SYMBOL] = c->f[VCF_CSQ_SYMBOL];
		vc->s[VC_GENE_ID] = c->f[VCF_CSQ_GENE];
		vc->s[VC_FEATURE_TYPE] = c->f[VCF_CSQ_FEATURE_TYPE];
		vc->s[VC_TRANSCRIPT] = c->f[VCF_CSQ_FEATURE];
		vc->s[VC_BIOTYPE] = c->f[VCF_CSQ_BIOTYPE];
		vc->s[VC_HGVSC] = c->f[VCF_CSQ_HGVSC];
		vc->s[VC_HGVSP] = c->f[VCF_CSQ_HGVSP];
		vc->s[VC_MANE] = c->f[VCF_CSQ_MANE];
		vc->s[VC_EXTRA] = c->extra;
		vc->preferred = j == al->preferred;
		vc->canonical = c->f[VCF_CSQ_CANONICAL] ? str_ieq(c->f[VCF_CSQ_CANONICAL], "YES") : -1;
		vc->pick = c->f[VCF_CSQ_PICK] ? strcmp(c->f[VCF_CSQ_PICK], "1") == 0 : -1;
		vcf_hgvs_bare(c->f[VCF_CSQ_HGVSC], st->hgvs[j][0], sizeof(st->hgvs[j][0]));
		vcf_hgvs_bare(c->f[VCF_CSQ_HGVSP], st->hgvs[j][1], sizeof(st->hgvs[j][1]));
		if (!vcf_hgvsp_short(c->f[VCF_CSQ_HGVSP], st->hgvs[j][2], sizeof(st->hgvs[j][2])))
			st->hgvs[j][2][0] = '\0';
	}
	memset(a, 0, sizeof(*a));
	if (al->preferred < 0)
		return 0;
	pc = &rec->csq[al->csq[al->preferred]];
	a->s[VA_SOURCE] = st->info->annotation;
	a->s[VA_GENE_SYMBOL] = pc->f[VCF_CSQ_SYMBOL];
	a->s[VA_GENE_ID] = pc->f[VCF_CSQ_GENE];
	a->s[VA_CLASSIFICATION] = st->cons[al->preferred].s[VC_CLASSIFICATION];
	a->s[VA_CONSEQUENCE] = pc->f[VCF_CSQ_CONSEQUENCE];
	a->s[VA_IMPACT] = pc->f[VCF_CSQ_IMPACT];
	a->s[VA_TRANSCRIPT] = pc->f[VCF_CSQ_FEATURE];
	a->s[VA_HGVSC] = pc->f[VCF_CSQ_HGVSC] ? st->hgvs[al->preferred][0] : NULL;
	a->s[VA_HGVSP] = pc->f[VCF_CSQ_HGVSP] ? st->hgvs[al->preferred][1] : NULL;
	a->s[VA_HGVSP_SHORT] = st->hgvs[al->preferred][2][0] ? st->hgvs[al->preferred][2] : NULL;
	a->s[VA_SIFT] = pc->f[VCF_CSQ_SIFT];
	a->s[VA_POLYPHEN] = pc->f[VCF_CSQ_POLYPHEN];
	a->s[VA_DBSNP] = rec->id;
	a->s[VA_EXISTING] = pc->f[VCF_CSQ_EXISTING];
	a->s[VA_EXTRA] = pc->extra;
	/* VCF annotations carry no Entrez ID to disagree with: the gene comes from its Ensembl ID or symbol */
	if (vstore_gene(st->vs, pc->f[VCF_CSQ_GENE], pc->f[VCF_CSQ_SYMBOL], NULL, &a->gene, msg, sizeof(msg)) < 0)
		return -1;
	return 1;
}

static int
take_record(state *st, const vcf_record *rec)
{
	load_ctx   *ctx = st->ctx;
	bool		loaded = false;

	ctx->records_read++;
	if (rec->blank)
	{
		ctx->records_filtered++;
		return 0;
	}
	if (rec->error_code)
	{
		ctx->records_rejected++;
		if (!load_reject(ctx, rec->lineno, 0, rec->error_code, rec->raw, "%s", rec->error))
			return ONC_EXIT_INPUT;
		return 0;
	}
	if (rec->nalt == 0)
	{
		st->records_no_alt++;
		ctx->records_filtered++;
		return 0;
	}
	for (int e = 0; e < rec->ncsq; e++)
		if (!rec->csq[e].allele)
			st->csq_unmatched++;
	for (int i = 0; i < rec->nalt; i++)
	{
		const vcf_allele *al = &rec->alt[i];
		vs_variant	v;
		vs_annot	a;
		int64_t		key;
		int			has;

		if (al->status == VCF_ALLELE_SYMBOLIC)
			st->alleles_symbolic++;
		else if (al->status == VCF_ALLELE_STAR)
			st->alleles_star++;
		else if (al->status == VCF_ALLELE_NO_CHANGE)
			st->alleles_no_change++;
		if (al->status != VCF_ALLELE_OK)
			continue;
		v.build = st->job->build;
		v.chrom = rec->chrom;
		v.start = al->var.start;
		v.end = al->var.end;
		v.ref = al->var.ref;
		v.alt = al->var.alt;
		v.type = al->var.type;
		key = vstore_key(&v);
		if ((has = annotate(st, rec, al, &a)) < 0)
			return ONC_EXIT_DB;
		vstore_add(st->vs, key, &v, has ? &a : NULL, st->cons, al->ncsq);
		write_site(st, rec, al, key);
		for (int s = 0; al->carriers > 0 && s < st->info->nsamples; s++)
		{
			vcf_call	call;

			if (!vcf_sample_call(st->r, s, al->index, &call))
				continue;
			write_genotype(st, rec, al, &st->slots[s], &call, key);
			vstore_note_fact(st->vs, st->slots[s].part_id, key);
			st->slots[s].facts++;
			ctx->facts_written++;
		}
		loaded = true;
	}
	if (loaded)
		ctx->records_loaded++;
	else
		ctx->records_filtered++;
	return vstore_next(st->vs) < 0 ? ONC_EXIT_DB : 0;
}

static void
report_duplicate(void *arg, int64_t part_id, int64_t key, int64_t first_line, int64_t line)
{
	state	   *st = arg;

	(void) key;
	for (int i = 0; i < st->info->nsamples; i++)
		if (st->slots[i].part_id == part_id)
		{
			st->slots[i].facts--;
			break;
		}
	st->ctx->facts_written--;
	if (st->duplicates < 10)
		onc_msg(ONC_WARNING, st->ctx->spec->path, (long) line, 0,
				"a genotype of the same sample and variant as line %" PRId64 "; loaded once [duplicate_genotype]",
				first_line);
	st->duplicates++;
}

static int
update_parts(state *st)
{
	onc_buf		p,
				f;
	const char *params[2];
	PGresult   *res;
	int			n = 0;

	buf_init(&p);
	buf_init(&f);
	buf_puts(&p, "{");
	buf_puts(&f, "{");
	for (int i = 0; i < st->info->nsamples; i++)
	{
		int64_t		facts = 0;
		bool		seen = false;

		for (int j = 0; j < i && !seen; j++)
			seen = st->slots[j].part_id == st->slots[i].part_id;
		if (seen)
			continue;
		for (int j = i; j < st->info->nsamples; j++)
			if (st->slots[j].part_id == st->slots[i].part_id)
				facts += st->slots[j].facts;
		buf_printf(&p, "%s%" PRId64, n ? "," : "", st->slots[i].part_id);
		buf_printf(&f, "%s%" PRId64, n ? "," : "", facts);
		n++;
	}
	buf_puts(&p, "}");
	buf_puts(&f, "}");
	res = NULL;
	if (n > 0)
	{
		params[0] = p.data;
		params[1] = f.data;
		res = db_query(st->ctx->conn,
					   "UPDATE audit.load_part t SET facts = u.f "
					   "FROM unnest($1::bigint[], $2::bigint[]) AS u(id, f) WHERE t.part_id = u.id",
					   2, params);
	}
	buf_free(&p);
	buf_free(&f);
	if (n > 0 && !res)
		return -1;
	PQclear(res);
	return 0;
}

static void
record_metadata(state *st)
{
	load_ctx   *ctx = st->ctx;
	const vcf_info *in = st->info;
	const vstore_stats *vst = vstore_get_stats(st->vs);
	onc_buf		b;

	load_meta_str(ctx, "vcf_format", in->format);
	if (in->fileformat)
		load_meta_str(ctx, "fileformat", in->fileformat);
	load_meta_str(ctx, "genome_build", st->job->build);
	load_meta_str(ctx, "build_from", in->build && strcmp(in->build, st->job->build) == 0 ?
				  in->build_from : "--build");
	if (in->source)
		load_meta_str(ctx, "source", in->source);
	if (in->reference)
		load_meta_str(ctx, "reference", in->reference);
	if (in->annotation)
	{
		load_meta_str(ctx, "annotation", in->annotation);
		load_meta_int(ctx, "annotation_fields", in->nann_fields);
	}
	load_meta_int(ctx, "header_lines", in->header_lines);
	buf_init(&b);
	buf_puts(&b, "{");
	for (int s = 0; s < in->nsamples; s++)
	{
		buf_puts(&b, s ? ",\"" : "\"");
		json_escape(&b, in->samples[s]);
		buf_puts(&b, "\":\"");
		json_escape(&b, st->slots[s].id);
		buf_puts(&b, "\"");
	}
	buf_puts(&b, "}");
	varload_meta_json(ctx, "samples", b.data);
	buf_free(&b);
	load_meta_int(ctx, "sites", st->sites_written);
	load_meta_int(ctx, "variants_new", vst->variants_new);
	load_meta_int(ctx, "variants_known", vst->variants_known);
	load_meta_int(ctx, "variant_lookups", vst->lookups);
	load_meta_int(ctx, "annotations", vst->annotations);
	load_meta_int(ctx, "consequences", vst->consequences);
	if (vst->genes_new)
		load_meta_int(ctx, "genes_added", vst->genes_new);
	if (st->alleles_symbolic)
		load_meta_int(ctx, "alleles_symbolic", st->alleles_symbolic);
	if (st->alleles_star)
		load_meta_int(ctx, "alleles_star", st->alleles_star);
	if (st->alleles_no_change)
		load_meta_int(ctx, "alleles_no_change", st->alleles_no_change);
	if (st->records_no_alt)
		load_meta_int(ctx, "records_without_alt", st->records_no_alt);
	if (st->csq_unmatched)
		load_meta_int(ctx, "annotations_unmatched", st->csq_unmatched);
	if (st->duplicates)
		load_meta_int(ctx, "duplicate_genotypes", st->duplicates);
}

int
vcf_load_body(load_ctx *ctx, void *arg)
{
	vcf_job    *job = arg;
	state		st;
	vcf_record *rec;
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
	st.r = job->reader;
	st.info = vcf_reader_info(job->reader);
	load_set_format(ctx, st.info->format, job->workflow);
	if (genemap_load_ensembl(job->genes, ctx->conn) < 0 || setup_samples(&st) < 0)
		goto done;
	st.vs = vstore_new(ctx, job->genes, genotype_copy_sql, site_copy_sql);
	while ((got = vcf_reader_next(job->reader, &rec, &err)) == 1)
	{
		rc = take_record(&st, rec);
		if (rc != 0)
			goto done;
	}
	if (got < 0)
	{
		varload_report(ctx->spec->path, err ? err : "read error");
		free(err);
		rc = ONC_EXIT_INPUT;
		goto done;
	}
	rc = ONC_EXIT_DB;
	if (vstore_finish(st.vs) < 0)
		goto done;
	if (vstore_remove_duplicates(st.vs, "warehouse.variant_genotype", report_duplicate, &st) < 0)
		goto done;
	if (update_parts(&st) < 0)
		goto done;
	record_metadata(&st);
	rc = ONC_EXIT_OK;
done:
	vstore_free(st.vs);
	free(st.slots);
	free(st.cons);
	free(st.hgvs);
	return rc;
}
