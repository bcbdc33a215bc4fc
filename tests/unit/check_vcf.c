/*
 * check_vcf.c: the VCF reader on the GDC VCF of ../shared/corpus, on the
 * VCFs of Debian's python3-vcf examples (/usr/share/doc/python3-vcf/test,
 * left out when absent; malformed ones must give errors, not crashes) and
 * on the project's fixtures (tests/fixtures/mutations/NAME.vcf, expected
 * dump in NAME.vcf.out), plus the CSQ/ANN and HGVS helpers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "onc.h"
#include "unit.h"
#include "vcf.h"

#define PYVCF_DIR "/usr/share/doc/python3-vcf/test"

static char *tmpdir;

static void
setup(void)
{
	tmpdir = unit_mkdtemp();
}

static void
teardown(void)
{
	unit_rmdir(tmpdir);
	free(tmpdir);
}

static const char *
or_dash(const char *s)
{
	return s ? s : "-";
}

/* ---------------------------------------------------------------- helpers */

START_TEST(test_ann_fields)
{
	int			n;
	char	  **f = vcf_ann_fields("\"Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL\"", &n);

	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(f[0], "Allele");
	ck_assert_str_eq(f[3], "SYMBOL");
	for (int i = 0; i < n; i++)
		free(f[i]);
	free(f);
	f = vcf_ann_fields("\"Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name' \"", &n);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(f[1], "Annotation");
	ck_assert_str_eq(f[3], "Gene_Name");
	for (int i = 0; i < n; i++)
		free(f[i]);
	free(f);
	ck_assert_ptr_null(vcf_ann_fields("\"no list here\"", &n));
	ck_assert_int_eq(n, 0);
	ck_assert_ptr_null(vcf_ann_fields(NULL, &n));
	ck_assert_int_eq(vcf_csq_role("Gene_Name"), VCF_CSQ_SYMBOL);
	ck_assert_int_eq(vcf_csq_role("hgvsc"), VCF_CSQ_HGVSC);
	ck_assert_int_eq(vcf_csq_role("HGVS.p"), VCF_CSQ_HGVSP);
	ck_assert_int_eq(vcf_csq_role("gnomAD_AF"), -1);
}
END_TEST

START_TEST(test_hgvs)
{
	char		b[128];

	ck_assert_str_eq(vcf_hgvs_bare("ENST00000436041.6:c.127A>C", b, sizeof(b)), "c.127A>C");
	ck_assert_str_eq(vcf_hgvs_bare("ENSP00000393136.2:p.Met43Leu", b, sizeof(b)), "p.Met43Leu");
	ck_assert_str_eq(vcf_hgvs_bare("ENSP00000393136.2:p.Leu34%3D", b, sizeof(b)), "p.Leu34=");
	ck_assert_str_eq(vcf_hgvs_bare("c.1A>G", b, sizeof(b)), "c.1A>G");
	ck_assert_ptr_null(vcf_hgvs_bare(NULL, b, sizeof(b)));
	ck_assert_str_eq(vcf_hgvsp_short("ENSP00000393136.2:p.Met43Leu", b, sizeof(b)), "p.M43L");
	ck_assert_str_eq(vcf_hgvsp_short("p.Phe398LeufsTer107", b, sizeof(b)), "p.F398Lfs*107");
	ck_assert_str_eq(vcf_hgvsp_short("p.Glu746_Ala750del", b, sizeof(b)), "p.E746_A750del");
	ck_assert_str_eq(vcf_hgvsp_short("p.Ter123GlnextTer5", b, sizeof(b)), "p.*123Qext*5");
	ck_assert_str_eq(vcf_hgvsp_short("p.%3D", b, sizeof(b)), "p.=");
	ck_assert_ptr_null(vcf_hgvsp_short("c.127A>C", b, sizeof(b)));
}
END_TEST

/* ------------------------------------------------------------------ dump */

static void
dump_record(FILE *out, vcf_reader *r, const vcf_record *rec)
{
	const vcf_info *in = vcf_reader_info(r);

	if (rec->blank)
	{
		fprintf(out, "%ld blank\n", rec->lineno);
		return;
	}
	if (rec->error_code)
	{
		fprintf(out, "%ld reject %s: %s\n", rec->lineno, rec->error_code, rec->error);
		return;
	}
	fprintf(out, "%ld %s:%lld id %s qual %s filter %s alts %d info %s\n", rec->lineno, rec->chrom,
			(long long) rec->pos, or_dash(rec->id), rec->has_qual ? "yes" : "-", or_dash(rec->filter),
			rec->nalt, or_dash(rec->info_json));
	for (int i = 0; i < rec->nalt; i++)
	{
		const vcf_allele *al = &rec->alt[i];
		static const char *const status[] = {"ok", "symbolic", "star", "no-change"};

		fprintf(out, "  alt %d %s", al->index, status[al->status]);
		if (al->status == VCF_ALLELE_OK)
			fprintf(out, " %lld-%lld %s>%s %s", (long long) al->var.start, (long long) al->var.end,
					al->var.ref, al->var.alt, al->var.type);
		fprintf(out, " carriers %d hom_ref %d no_call %d other %d", al->carriers, al->hom_ref,
				al->no_call, al->other);
		if (al->has_af)
			fprintf(out, " af %g", al->af);
		fprintf(out, "\n");
		for (int j = 0; j < al->ncsq; j++)
		{
			const vcf_csq *c = &rec->csq[al->csq[j]];

			fprintf(out, "    csq%s %s %s %s %s %s extra %s\n", j == al->preferred ? "*" : "",
					or_dash(c->f[VCF_CSQ_CONSEQUENCE]), or_dash(c->f[VCF_CSQ_SYMBOL]),
					or_dash(c->f[VCF_CSQ_FEATURE]), or_dash(c->f[VCF_CSQ_HGVSP]),
					or_dash(c->f[VCF_CSQ_CANONICAL]), or_dash(c->extra));
		}
		if (al->status != VCF_ALLELE_OK)
			continue;
		for (int s = 0; s < in->nsamples; s++)
		{
			vcf_call	call;

			if (!vcf_sample_call(r, s, al->index, &call))
				continue;
			fprintf(out, "    %s %s", in->samples[s], call.gt);
			if (call.has_depth)
				fprintf(out, " dp %d", call.depth);
			if (call.has_ref_depth)
				fprintf(out, " ref %d", call.ref_depth);
			if (call.has_alt_depth)
				fprintf(out, " alt %d", call.alt_depth);
			if (call.has_vaf)
				fprintf(out, " vaf %g", call.vaf);
			if (call.has_gq)
				fprintf(out, " gq %d", call.gq);
			fprintf(out, " ft %s extra %s\n", or_dash(call.ft), or_dash(call.extra));
		}
	}
}

/* Everything the reader says about a file, as text; free with free(). */
static char *
dump(const char *path, const char *region)
{
	char	   *text = NULL;
	size_t		len = 0;
	FILE	   *out = open_memstream(&text, &len);
	char	   *err = NULL;
	bool		io;
	vcf_reader *r = vcf_reader_open(path, region, &err, &io);
	const vcf_info *in;
	vcf_record *rec;
	int			got;

	if (!r)
	{
		fprintf(out, "error: %s\n", err);
		free(err);
		fclose(out);
		return text;
	}
	in = vcf_reader_info(r);
	fprintf(out, "format %s %s build %s (%s) annotation %s fields %d header_lines %ld samples %d\n",
			in->format, or_dash(in->fileformat), or_dash(in->build), or_dash(in->build_from),
			or_dash(in->annotation), in->nann_fields, in->header_lines, in->nsamples);
	for (int s = 0; s < in->nsamples; s++)
		fprintf(out, "sample %s name %s\n", in->samples[s], or_dash(in->sample_names[s]));
	while ((got = vcf_reader_next(r, &rec, &err)) == 1)
		dump_record(out, r, rec);
	if (got < 0)
	{
		fprintf(out, "read error: %s\n", err);
		free(err);
	}
	vcf_reader_close(r);
	fclose(out);
	return text;
}

static void
check_fixture(const char *name)
{
	char	   *rel = xasprintf("mutations/%s", name);
	char	   *path = unit_fixture(rel);
	char	   *want_path = xasprintf("%s.out", path);
	char	   *want = unit_slurp(want_path);
	char	   *got = dump(path, NULL);

	ck_assert_msg(want != NULL, "no %s", want_path);
	ck_assert_msg(strcmp(got, want) == 0, "%s: dump differs from %s:\n%s", name, want_path, got);
	free(got);
	free(want);
	free(want_path);
	free(path);
	free(rel);
}

START_TEST(test_fixture_variants)
{
	check_fixture("variants.vcf");
}
END_TEST

START_TEST(test_fixture_somatic)
{
	check_fixture("somatic.vcf");
}
END_TEST

START_TEST(test_fixture_snpeff)
{
	check_fixture("snpeff.vcf");
}
END_TEST

/* ---------------------------------------------------------------- corpus */

START_TEST(test_corpus_gdc)
{
	char	   *path = unit_corpus("tcga/vcf/ex3.vcf.gz");
	char	   *err = NULL;
	bool		io;
	vcf_reader *r;
	vcf_record *rec;
	const vcf_info *in;
	int			n = 0;

	if (!path)
		return;
	r = vcf_reader_open(path, NULL, &err, &io);
	ck_assert_msg(r != NULL, "%s", err);
	in = vcf_reader_info(r);
	ck_assert_str_eq(in->format, "vcf-bgzf");
	ck_assert_str_eq(in->build, "GRCh38");
	ck_assert_str_eq(in->build_from, "contig lengths");
	ck_assert_str_eq(in->annotation, "vep-csq");
	ck_assert_int_eq(in->nann_fields, 71);
	ck_assert_int_eq(in->nsamples, 0);
	while (vcf_reader_next(r, &rec, &err) == 1)
	{
		ck_assert_ptr_null(rec->error_code);
		ck_assert_int_eq(rec->nalt, 1);
		ck_assert_int_eq(rec->alt[0].status, VCF_ALLELE_OK);
		ck_assert_int_ge(rec->alt[0].preferred, 0);
		ck_assert_int_eq(rec->lineno, 5 + n);
		n++;
	}
	ck_assert_int_eq(n, 4);
	vcf_reader_close(r);
	/* a region through the .tbi, with or without "chr" */
	{
		char	   *d = dump(path, "chr1:15-35");
		char	   *d2 = dump(path, "1:1,5-3,5");

		ck_assert_ptr_nonnull(strstr(d, "1 1:20 "));
		ck_assert_ptr_nonnull(strstr(d, "2 1:30 "));
		ck_assert_ptr_null(strstr(d, "1:10 "));
		ck_assert_str_eq(d, d2);
		free(d);
		free(d2);
		d = dump(path, "chr2:1-100");
		ck_assert_str_eq(strstr(d, "\n") + 1, "");
		free(d);
	}
	free(path);
}
END_TEST

typedef struct pyvcf_case
{
	const char *name;
	const char *first_error;	/* the open error, or NULL when it opens */
	int			records;		/* records read (blank and rejected included) */
	int			rejects;
	int			facts;			/* sample calls carrying an allele */
} pyvcf_case;

/* Expected from bcftools: its record counts, and GT alleles counted with awk. */
static const pyvcf_case pyvcf_cases[] = {
	{"example-4.0.vcf", NULL, 6, 0, 11},
	{"example-4.1.vcf", NULL, 5, 0, 11},
	{"example-4.1-sv.vcf", NULL, 6, 0, 4},
	{"example-4.1-ploidy.vcf", NULL, 2, 0, 3},
	{"example-4.1-bnd.vcf", "24: the #CHROM line does not name the eight fixed columns, tab-separated", 0, 0, 0},
	{"example-4.1-info-multiple-values.vcf", "6: the #CHROM line has a FORMAT column but no samples", 0, 0, 0},
	{"gatk_26_meta.vcf", "4: the #CHROM line has a FORMAT column but no samples", 0, 0, 0},
	{"issue-16.vcf", NULL, 2, 1, 0},
	{"issue-214.vcf", NULL, 2, 1, 0},
	{"issue-254.vcf", NULL, 1, 1, 0},
	{"samtools.vcf", NULL, 11, 0, 11},
	{"freebayes.vcf.gz", NULL, 104, 0, 579},
	{"gatk.vcf.gz", NULL, 37, 0, 146},
	{"1kg.vcf.gz", NULL, 381, 0, 14839},
	{"1kg.sites.vcf.gz", NULL, 171, 0, 0},
	{"FT.vcf.gz", NULL, 10, 0, 34},
	{"bcftools.vcf.gz", NULL, 752, 0, 2},
	{"strelka.vcf.gz", NULL, 3, 3, 0},
	{"example-4.2.vcf.gz", "48: the #CHROM line does not separate its columns with tabs", 0, 0, 0},
	{"issue_49.vcf.gz", "29: the #CHROM line does not separate its columns with tabs", 0, 0, 0},
	{"metadata-whitespace.vcf.gz", "48: the #CHROM line does not separate its columns with tabs", 0, 0, 0},
	{"tb.vcf.gz", NULL, 5, 0, 10},
	{NULL, NULL, 0, 0, 0}
};

START_TEST(test_pyvcf)
{
	for (const pyvcf_case *c = pyvcf_cases; c->name; c++)
	{
		char	   *path = xasprintf("%s/%s", PYVCF_DIR, c->name);
		char	   *err = NULL;
		bool		io;
		vcf_reader *r = vcf_reader_open(path, NULL, &err, &io);
		vcf_record *rec;
		int			n = 0,
					rejects = 0,
					facts = 0,
					got;

		if (c->first_error)
		{
			ck_assert_msg(r == NULL, "%s opened", c->name);
			ck_assert_msg(err && strcmp(err, c->first_error) == 0, "%s: [%s]", c->name, err);
			ck_assert(!io);
			free(err);
			free(path);
			continue;
		}
		ck_assert_msg(r != NULL, "%s: %s", c->name, err);
		while ((got = vcf_reader_next(r, &rec, &err)) == 1)
		{
			n++;
			rejects += rec->error_code != NULL;
			for (int i = 0; i < rec->nalt; i++)
				for (int s = 0; s < vcf_reader_info(r)->nsamples; s++)
				{
					vcf_call	call;

					facts += vcf_sample_call(r, s, rec->alt[i].index, &call);
				}
		}
		ck_assert_msg(got == 0, "%s: %s", c->name, err);
		ck_assert_msg(n == c->records, "%s: %d records", c->name, n);
		ck_assert_msg(rejects == c->rejects, "%s: %d rejects", c->name, rejects);
		ck_assert_msg(facts == c->facts, "%s: %d carrier calls", c->name, facts);
		vcf_reader_close(r);
		free(path);
	}
}
END_TEST

static char *
write_text(const char *dir, const char *name, const char *text, bool gz)
{
	return unit_write(dir, name, text, strlen(text), gz);
}

START_TEST(test_refused)
{
	const char *dir = tmpdir;
	char	   *p;
	char	   *err = NULL;
	bool		io;

	p = write_text(dir, "maf.vcf", "Hugo_Symbol\tChromosome\nTP53\t17\n", false);
	ck_assert_ptr_null(vcf_reader_open(p, NULL, &err, &io));
	ck_assert_str_eq(err, "1: not a VCF: the first line is not a ## header line");
	free(err);
	free(p);
	p = write_text(dir, "empty.vcf", "", false);
	ck_assert_ptr_null(vcf_reader_open(p, NULL, &err, &io));
	ck_assert_str_eq(err, "the file is empty");
	free(err);
	free(p);
	p = write_text(dir, "nochrom.vcf.gz", "##fileformat=VCFv4.2\n##x=y\n", true);
	ck_assert_ptr_null(vcf_reader_open(p, NULL, &err, &io));
	ck_assert_str_eq(err, "2: no #CHROM header line before the end of the file");
	free(err);
	free(p);
	p = xasprintf("%s/none.vcf", dir);
	ck_assert_ptr_null(vcf_reader_open(p, NULL, &err, &io));
	ck_assert(io);
	free(err);
	free(p);
	/* a region needs an index */
	p = write_text(dir, "plain.vcf", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
				   "1\t10\t.\tA\tC\t.\t.\t.\n", false);
	ck_assert_ptr_null(vcf_reader_open(p, "1:1-100", &err, &io));
	ck_assert_ptr_nonnull(strstr(err, "--region needs an index"));
	free(err);
	free(p);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("vcf");
	TCase	   *own = tcase_create("fixtures");
	char	   *corpus = unit_corpus("tcga/vcf/ex3.vcf.gz");
	struct stat st;
	int			ncases = 1;

	tcase_add_unchecked_fixture(own, setup, teardown);
	tcase_add_test(own, test_ann_fields);
	tcase_add_test(own, test_hgvs);
	tcase_add_test(own, test_fixture_variants);
	tcase_add_test(own, test_fixture_somatic);
	tcase_add_test(own, test_fixture_snpeff);
	tcase_add_test(own, test_refused);
	suite_add_tcase(s, own);
	if (corpus)
	{
		TCase	   *c = tcase_create("corpus");

		tcase_add_test(c, test_corpus_gdc);
		suite_add_tcase(s, c);
		ncases++;
	}
	if (stat(PYVCF_DIR "/1kg.vcf.gz", &st) == 0)
	{
		TCase	   *c = tcase_create("pyvcf");

		tcase_set_timeout(c, 120);
		tcase_add_test(c, test_pyvcf);
		suite_add_tcase(s, c);
		ncases++;
	}
	else
		fprintf(stderr, "skipping: %s is absent (Debian package python-pyvcf-examples)\n", PYVCF_DIR);
	free(corpus);
	return unit_run(s, ncases);
}
