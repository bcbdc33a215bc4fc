/*
 * validate_variants.c: "oncoload validate" for VCF and BCF files, read with
 * the variant loader's reader (transforms/vcf_reader.c): records a load
 * would reject are errors with its reason codes; alleles it filters
 * (symbolic, "*", no change) and consequences it cannot match are counted;
 * the header's samples, genome build and annotation are checked.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "barcode.h"
#include "lineio.h"
#include "textutil.h"
#include "validate_genomic.h"
#include "vcf.h"

typedef struct vcf_tally
{
	long		no_alt,
				first_no_alt;
	long		symbolic,
				first_symbolic;
	long		star,
				first_star;
	long		no_change,
				first_no_change;
	long		unmatched,
				first_unmatched;
} vcf_tally;

/* Does the text header declare INFO/CSQ or INFO/ANN? (a BCF's is binary: false) */
static bool
header_declares_annotation(const char *path)
{
	lineio	   *lr = lineio_open(path);
	char	   *l;
	bool		found = false;

	if (!lr)
		return false;
	while ((l = lineio_next(lr, NULL)) != NULL && strncmp(l, "##", 2) == 0)
		if (strncmp(l, "##INFO=<ID=CSQ,", 15) == 0 || strncmp(l, "##INFO=<ID=ANN,", 15) == 0)
		{
			found = true;
			break;
		}
	lineio_close(lr);
	return found;
}

/* A normal's column: named NORMAL (the GDC's somatic VCFs), or a TCGA normal sample. */
static bool
normal_column(const char *column, const char *id)
{
	tcga_barcode bc;

	return str_ieq(column, "NORMAL") ||
		(tcga_barcode_parse(id, &bc) && bc.level >= TCGA_SAMPLE && bc.sample_type[0] == '1');
}

static void
check_header(val_file *f, const char *path, const vcf_info *in)
{
	long		chrom_line = in->header_lines;

	for (int s = 0; s < in->nsamples; s++)
	{
		/* the loader's sample: ##SAMPLE's NAME, else the column name */
		const char *id = in->sample_names[s] ? in->sample_names[s] : in->samples[s];

		if (normal_column(in->samples[s], id))
			val_use_normal(f, chrom_line, id);
		else
			val_use_sample(f, chrom_line, id);
	}
	if (in->build)
		val_genome_build_of(f, "vcf", in->build);
	else if (in->build_text)
		val_report(f, ONC_WARNING, 0, 0, "vcf.unknown_build",
				   "the header names the genome build \"%.60s\", which is not GRCh37 or GRCh38: "
				   "a load needs --build", in->build_text);
	else
		val_report(f, ONC_WARNING, 0, 0, "vcf.no_build",
				   "the header names no reference, assembly or known contig lengths: a load needs --build");
	if (!in->annotation)
	{
		if (header_declares_annotation(path))
			val_report(f, ONC_WARNING, 0, 0, "vcf.annotation_format",
					   "INFO/CSQ or INFO/ANN has no field list in its Description "
					   "(\"Format: Allele|Consequence|...\"): a load keeps no consequences");
		else
			val_report(f, ONC_INFO, 0, 0, "vcf.no_annotation",
					   "no VEP CSQ or SnpEff ANN annotation: variants load without consequences");
	}
	if (in->nsamples == 0)
		val_report(f, ONC_INFO, chrom_line, 0, "vcf.sites_only",
				   "no sample columns: a load writes variants and sites, no genotypes");
}

static void
count(long *n, long *first, long line)
{
	if ((*n)++ == 0)
		*first = line;
}

/* The variant of an allele, as the dimension deduplicates it. */
static char *
allele_key(const vcf_record *rec, const vcf_allele *al)
{
	return xasprintf("%s\t%" PRId64 "\t%" PRId64 "\t%s\t%s", rec->chrom, al->var.start,
					 al->var.end, al->var.ref, al->var.alt);
}

/* The second read, when the first found candidates: report the repeats. */
static void
dup_report(val_file *f, const char *path, val_dups *d)
{
	vcf_reader *r;
	vcf_record *rec;
	char	   *err = NULL;
	bool		is_io = false;

	if (!val_dups_any(d))
		return;
	if (!(r = vcf_reader_open(path, NULL, &err, &is_io)))
	{
		free(err);
		return;
	}
	while (vcf_reader_next(r, &rec, &err) == 1)
	{
		if (rec->blank || rec->error_code)
			continue;
		for (int i = 0; i < rec->nalt; i++)
		{
			char	   *key;
			long		first;

			if (rec->alt[i].status != VCF_ALLELE_OK)
				continue;
			key = allele_key(rec, &rec->alt[i]);
			if (val_dups_recheck(d, key, rec->lineno, &first))
				val_report(f, ONC_WARNING, rec->lineno, 0, "vcf.duplicate_variant",
						   "the same variant as line %ld; a load keeps one genotype per sample", first);
			free(key);
		}
	}
	free(err);
	vcf_reader_close(r);
	val_dups_limited(f, d, "vcf.duplicate_check_limited");
}

static void
take_record(const vcf_record *rec, val_dups *dups, vcf_tally *t)
{
	if (rec->nalt == 0)
	{
		count(&t->no_alt, &t->first_no_alt, rec->lineno);
		return;
	}
	for (int e = 0; e < rec->ncsq; e++)
		if (!rec->csq[e].allele)
			count(&t->unmatched, &t->first_unmatched, rec->lineno);
	for (int i = 0; i < rec->nalt; i++)
	{
		const vcf_allele *al = &rec->alt[i];
		char	   *key;

		if (al->status == VCF_ALLELE_SYMBOLIC)
			count(&t->symbolic, &t->first_symbolic, rec->lineno);
		else if (al->status == VCF_ALLELE_STAR)
			count(&t->star, &t->first_star, rec->lineno);
		else if (al->status == VCF_ALLELE_NO_CHANGE)
			count(&t->no_change, &t->first_no_change, rec->lineno);
		if (al->status != VCF_ALLELE_OK)
			continue;
		key = allele_key(rec, al);
		val_dups_note(dups, key);
		free(key);
	}
}

static void
closing_notes(val_file *f, const vcf_tally *t)
{
	if (t->no_alt)
		val_report(f, ONC_INFO, t->first_no_alt, 0, "vcf.no_alt",
				   "%ld record(s) have no ALT allele (the first here); a load skips them", t->no_alt);
	if (t->symbolic)
		val_report(f, ONC_INFO, t->first_symbolic, 0, "vcf.symbolic_allele",
				   "%ld symbolic ALT allele(s) (<DEL>, <NON_REF>, breakends; the first here); "
				   "a load skips them", t->symbolic);
	if (t->star)
		val_report(f, ONC_INFO, t->first_star, 0, "vcf.star_allele",
				   "%ld \"*\" ALT allele(s) (spanning deletions; the first here); a load skips them",
				   t->star);
	if (t->no_change)
		val_report(f, ONC_INFO, t->first_no_change, 0, "vcf.no_change_allele",
				   "%ld ALT allele(s) equal to REF or \".\" (the first here); a load skips them",
				   t->no_change);
	if (t->unmatched)
		val_report(f, ONC_WARNING, t->first_unmatched, 0, "vcf.csq_unmatched",
				   "%ld consequence(s) name an allele the record does not have (the first here); "
				   "a load does not keep them", t->unmatched);
}

int
val_check_variants(val_file *f, const char *path)
{
	vcf_reader *r;
	vcf_record *rec;
	char	   *err = NULL;
	bool		is_io = false;
	int			got;
	val_dups   *dups;
	vcf_tally	t;
	long		last = 0;

	val_set_kind(f, "vcf");
	r = vcf_reader_open(path, NULL, &err, &is_io);
	if (!r)
	{
		long		line;
		const char *text = err_split_place(err ? err : "cannot read", &line, NULL);

		val_report(f, ONC_ERROR, line, 0, is_io ? "vcf.unreadable" : "vcf.header", "%s", text);
		free(err);
		return is_io ? -1 : 0;
	}
	check_header(f, path, vcf_reader_info(r));
	memset(&t, 0, sizeof(t));
	dups = val_dups_new();
	while ((got = vcf_reader_next(r, &rec, &err)) == 1)
	{
		last = rec->lineno;
		if (rec->blank)
			continue;
		if (rec->error_code)
		{
			char	   *code = xasprintf("vcf.%s", rec->error_code);

			val_report(f, ONC_ERROR, rec->lineno, 0, code, "%s", rec->error);
			free(code);
			continue;
		}
		take_record(rec, dups, &t);
	}
	if (got < 0)
	{
		val_report(f, ONC_ERROR, last + 1, 0, "vcf.malformed_record", "%s", err ? err : "read error");
		free(err);
	}
	closing_notes(f, &t);
	val_lines_read(f, last > vcf_reader_info(r)->header_lines ? last : vcf_reader_info(r)->header_lines);
	vcf_reader_close(r);
	val_dups_first_done(dups);
	dup_report(f, path, dups);
	val_dups_free(dups);
	return 0;
}
