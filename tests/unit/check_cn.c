/*
 * check_cn.c: the copy-number reader and its normalising: builds,
 * chromosomes, measures, discrete calls; the project's fixtures
 * (tests/fixtures/copynumber/NAME, expected dump in NAME.out beside it);
 * the segment and CNA files of ../shared/corpus, including the cBioPortal
 * validator's cases at the lines and columns the validator reports.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cn_format.h"
#include "onc.h"
#include "textutil.h"
#include "unit.h"

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

static const char *
base_name(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;

	return s ? s + 1 : or_dash(p);
}

static void
dump_segment(FILE *out, const cn_segment *s)
{
	char		num[40];

	fprintf(out, "%ld:", s->lineno);
	if (s->nproblems)
	{
		for (int i = 0; i < s->nproblems; i++)
			fprintf(out, " REJECT %s@%d (%s)", s->problems[i].code, s->problems[i].col,
					s->problems[i].text);
		fputc('\n', out);
		return;
	}
	if (s->all_missing)
	{
		fputs(" FILTERED\n", out);
		return;
	}
	fprintf(out, " %s chr%s %lld-%lld", s->sample, s->chrom, (long long) s->start,
			(long long) s->end);
	if (s->has_probes)
		fprintf(out, " probes=%d", s->num_probes);
	if (s->has_mean)
	{
		num_format_double(s->mean, num, sizeof(num));
		fprintf(out, " mean=%s", num);
	}
	if (s->has_cn || s->has_major || s->has_minor)
		fprintf(out, " cn=%d/%d/%d", s->has_cn ? s->cn : -1, s->has_major ? s->major : -1,
				s->has_minor ? s->minor : -1);
	if (s->warning_code)
		fprintf(out, " WARNING %s", s->warning_code);
	fputc('\n', out);
}

static void
dump_gene_row(FILE *out, const cn_info *in, const cn_gene_row *g)
{
	fprintf(out, "%ld:", g->lineno);
	if (g->error)
	{
		fprintf(out, " REJECT %s@%d (%s)\n", g->error->code, g->error->col, g->error->text);
		return;
	}
	fprintf(out, " sym=%s entrez=%s ens=%s col=%d%s |", or_dash(g->symbol), or_dash(g->entrez),
			or_dash(g->ensembl), g->gene_col, g->several_genes ? " SEVERAL" : "");
	for (int k = 0; k < g->ncells; k++)
	{
		char		num[40];
		const char *sample = in->samples[g->cell_sample[k]];

		fprintf(out, " %s/%s@%d=", or_dash(sample),
				cn_measure_name(in->measures[g->cell_measure[k]]), g->cell_col[k]);
		switch (g->status[k])
		{
			case NUM_OK:
				num_format_double(g->values[k], num, sizeof(num));
				fputs(num, out);
				break;
			case NUM_MISSING:
				fprintf(out, "NA[%s]", g->raw[k]);
				break;
			default:
				fprintf(out, "INVALID[%s]", g->raw[k]);
				break;
		}
	}
	fputc('\n', out);
}

/* Everything the reader reports about a file, as text.  Free with free(). */
static char *
dump(const char *path, const cn_opts *opts, cn_build build)
{
	char	   *text = NULL;
	size_t		len = 0;
	FILE	   *out = open_memstream(&text, &len);
	char	   *err = NULL;
	int			eno = 0;
	cn_reader  *r = cn_open(path, opts, &err, &eno);
	const cn_info *in;
	int			rc;

	if (!r)
	{
		fprintf(out, "error: %s\n", err);
		free(err);
		fclose(out);
		return text;
	}
	in = cn_reader_info(r);
	if (build != CN_BUILD_UNKNOWN)
		cn_set_build(r, build);
	fprintf(out, "format: %s (%s) by %s\n", cn_format_name(in->format), or_dash(in->workflow),
			in->detected_by);
	fprintf(out, "build: %s from %s; study: %s; study build: %s; meta: %s; profile: %s\n",
			or_dash(cn_build_name(in->build)), or_dash(in->build_source),
			or_dash(in->study_hint), or_dash(in->study_build), base_name(in->meta_path),
			or_dash(in->profile));
	fprintf(out, "header line %ld, %d columns, %d ignored: %s\n", in->header_line,
			in->ncolumns, in->ignored_columns, or_dash(in->ignored_names));
	if (cn_format_is_segment(in->format))
	{
		const cn_segment *s;

		while ((rc = cn_next_segment(r, &s, &err)) == 1)
			dump_segment(out, s);
	}
	else
	{
		const cn_gene_row *g;

		while ((rc = cn_next_gene_row(r, &g, &err)) == 1)
			dump_gene_row(out, in, g);
		fprintf(out, "samples (%d):", in->nsamples);
		for (int i = 0; i < in->nsamples; i++)
			fprintf(out, " [%s]", or_dash(in->samples[i]));
		fprintf(out, "\nmeasures (%d):", in->nmeasures);
		for (int i = 0; i < in->nmeasures; i++)
			fprintf(out, " %s", cn_measure_name(in->measures[i]));
		fputc('\n', out);
	}
	if (rc < 0)
	{
		fprintf(out, "read error: %s\n", err);
		free(err);
	}
	fprintf(out, "lines read: %ld\n", cn_lines_read(r));
	cn_close(r);
	fclose(out);
	return text;
}

/* Compare the dump of fixture NAME with NAME.out. */
static void
assert_dump(const char *name, const cn_opts *opts, cn_build build)
{
	char	   *rel = xasprintf("copynumber/%s", name);
	char	   *path = unit_fixture(rel);
	char	   *want_path = xasprintf("%s.out", path);
	char	   *got = dump(path, opts, build);
	char	   *want = unit_slurp(want_path);

	if (!want || strcmp(got, want) != 0)
	{
		fprintf(stderr, "--- %s: expected\n%s--- got\n%s---\n", name,
				want ? want : "(missing)\n", got);
		if (getenv("ONC_UNIT_BLESS"))
		{
			/* maintainers: accept the new output after reviewing it */
			FILE	   *f = fopen(want_path, "w");

			fputs(got, f);
			fclose(f);
		}
	}
	ck_assert_msg(want && strcmp(got, want) == 0, "%s differs from %s", name, want_path);
	free(want);
	free(got);
	free(want_path);
	free(path);
	free(rel);
}

static cn_reader *
open_ok(const char *path, const cn_opts *opts)
{
	char	   *err = NULL;
	int			eno = -1;
	cn_reader  *r = cn_open(path, opts, &err, &eno);

	ck_assert_msg(r != NULL, "%s: %s", path, err ? err : "?");
	ck_assert_int_eq(eno, 0);
	return r;
}

/* The message cn_open fails with (free()). */
static char *
open_error(const char *path, const cn_opts *opts, int *eno)
{
	char	   *err = NULL;
	cn_reader  *r = cn_open(path, opts, &err, eno);

	ck_assert_ptr_null(r);
	ck_assert_ptr_nonnull(err);
	return err;
}

static char *
scratch(const char *name, const char *text, bool gz)
{
	return unit_write(tmpdir, name, text, strlen(text), gz);
}

/* ---- normalising ---- */

START_TEST(test_builds)
{
	ck_assert_int_eq(cn_build_parse("GRCh37"), CN_BUILD_GRCH37);
	ck_assert_int_eq(cn_build_parse("hg19"), CN_BUILD_GRCH37);
	ck_assert_int_eq(cn_build_parse("HG19"), CN_BUILD_GRCH37);
	ck_assert_int_eq(cn_build_parse("37"), CN_BUILD_GRCH37);
	ck_assert_int_eq(cn_build_parse("GRCh37-lite"), CN_BUILD_GRCH37);
	ck_assert_int_eq(cn_build_parse("GRCh38"), CN_BUILD_GRCH38);
	ck_assert_int_eq(cn_build_parse("hg38"), CN_BUILD_GRCH38);
	ck_assert_int_eq(cn_build_parse("38"), CN_BUILD_GRCH38);
	ck_assert_int_eq(cn_build_parse("hg18"), CN_BUILD_UNKNOWN);
	ck_assert_int_eq(cn_build_parse(""), CN_BUILD_UNKNOWN);
	ck_assert_int_eq(cn_build_parse(NULL), CN_BUILD_UNKNOWN);
	ck_assert_str_eq(cn_build_name(CN_BUILD_GRCH37), "GRCh37");
	ck_assert_str_eq(cn_build_name(CN_BUILD_GRCH38), "GRCh38");
	ck_assert_ptr_null(cn_build_name(CN_BUILD_UNKNOWN));
	ck_assert_int_eq(cn_build_from_file_name("x/TCGA.AB.3009.hg19.seg.txt"), CN_BUILD_GRCH37);
	ck_assert_int_eq(cn_build_from_file_name("data_cna_hg38.seg"), CN_BUILD_GRCH38);
	ck_assert_int_eq(cn_build_from_file_name("a.nocnv_grch38.seg.v2.txt"), CN_BUILD_GRCH38);
	ck_assert_int_eq(cn_build_from_file_name("GRCh37/x.seg"), CN_BUILD_UNKNOWN);	/* base name only */
	ck_assert_int_eq(cn_build_from_file_name("hg190.seg"), CN_BUILD_UNKNOWN);
	ck_assert_int_eq(cn_build_from_file_name("LAML_CBS_segments.tsv.gz"), CN_BUILD_UNKNOWN);
}
END_TEST

START_TEST(test_chromosomes)
{
	char		c[4];

	ck_assert(cn_chrom_normalise("1", c));
	ck_assert_str_eq(c, "1");
	ck_assert(cn_chrom_normalise("chr17", c));
	ck_assert_str_eq(c, "17");
	ck_assert(cn_chrom_normalise("CHR22", c));
	ck_assert_str_eq(c, "22");
	ck_assert(cn_chrom_normalise("23", c));
	ck_assert_str_eq(c, "X");
	ck_assert(cn_chrom_normalise("chr24", c));
	ck_assert_str_eq(c, "Y");
	ck_assert(cn_chrom_normalise("x", c));
	ck_assert_str_eq(c, "X");
	ck_assert(cn_chrom_normalise("chrY", c));
	ck_assert_str_eq(c, "Y");
	ck_assert(!cn_chrom_normalise("M", c));
	ck_assert_str_eq(c, "");
	ck_assert(!cn_chrom_normalise("chrM", c));
	ck_assert(!cn_chrom_normalise("MT", c));
	ck_assert(!cn_chrom_normalise("25", c));
	ck_assert(!cn_chrom_normalise("0", c));
	ck_assert(!cn_chrom_normalise("01", c));
	ck_assert(!cn_chrom_normalise("1a", c));
	ck_assert(!cn_chrom_normalise("chr1_KI270706v1_random", c));
	ck_assert(!cn_chrom_normalise("", c));
	ck_assert(!cn_chrom_normalise(NULL, c));
	ck_assert_int_eq(cn_chrom_length(CN_BUILD_GRCH37, "1"), 249250621);
	ck_assert_int_eq(cn_chrom_length(CN_BUILD_GRCH38, "1"), 248956422);
	ck_assert_int_eq(cn_chrom_length(CN_BUILD_GRCH37, "X"), 155270560);
	ck_assert_int_eq(cn_chrom_length(CN_BUILD_GRCH38, "Y"), 57227415);
	ck_assert_int_eq(cn_chrom_length(CN_BUILD_GRCH38, "22"), 50818468);
	ck_assert_int_eq(cn_chrom_length(CN_BUILD_UNKNOWN, "1"), 0);
	ck_assert_int_eq(cn_chrom_length(CN_BUILD_GRCH37, "M"), 0);
}
END_TEST

START_TEST(test_measures)
{
	ck_assert_str_eq(cn_measure_name(CN_M_DISCRETE), "cn_discrete");
	ck_assert_str_eq(cn_measure_name(CN_M_LOG2), "cn_log2");
	ck_assert_str_eq(cn_measure_name(CN_M_ABSOLUTE_MAX), "cn_absolute_max");
	ck_assert_ptr_null(cn_measure_name(CN_M_NONE));
	ck_assert_int_eq(cn_measure_from_name("cn_discrete"), CN_M_DISCRETE);
	ck_assert_int_eq(cn_measure_from_name("gistic"), CN_M_DISCRETE);
	ck_assert_int_eq(cn_measure_from_name("log2CNA"), CN_M_LOG2);
	ck_assert_int_eq(cn_measure_from_name("LOG2-VALUE"), CN_M_LOG2);
	ck_assert_int_eq(cn_measure_from_name("linear_CNA"), CN_M_CONTINUOUS);
	ck_assert_int_eq(cn_measure_from_name("copy_number"), CN_M_ABSOLUTE);
	ck_assert_int_eq(cn_measure_from_name("mrna"), CN_M_NONE);
	ck_assert_int_eq(cn_measure_from_name(NULL), CN_M_NONE);
}
END_TEST

START_TEST(test_discrete_values)
{
	static const char *const ok[] = {"-2", "-1.5", "-1", "0", "1", "2", " 2 ", "2.0", "-0", NULL};
	static const double okv[] = {-2, -1.5, -1, 0, 1, 2, 2, 2, 0};
	static const char *const missing[] = {"", "NA", "  ", "NA\r", NULL};
	static const char *const bad[] = {"3", "1.5", "-3", "N/A", "NaN", "nan", "null",
	"[Not Available]", "ATAD3B", "1e400", "inf", "0x1", NULL};
	double		d;

	for (int i = 0; ok[i]; i++)
	{
		ck_assert_msg(cn_parse_discrete(ok[i], &d) == NUM_OK, "%s", ok[i]);
		ck_assert(d == okv[i]);
	}
	ck_assert(cn_parse_discrete("-0", &d) == NUM_OK);
	ck_assert(!signbit(d));
	for (int i = 0; missing[i]; i++)
		ck_assert_msg(cn_parse_discrete(missing[i], &d) == NUM_MISSING, "[%s]", missing[i]);
	for (int i = 0; bad[i]; i++)
		ck_assert_msg(cn_parse_discrete(bad[i], &d) == NUM_INVALID, "%s", bad[i]);
}
END_TEST

START_TEST(test_format_names)
{
	static const cn_format all[] = {
		CN_FMT_GDC_SEG, CN_FMT_GDC_ASCAT_SEG, CN_FMT_FIREHOSE_SEG, CN_FMT_CBIO_SEG,
		CN_FMT_DNACOPY_SEG, CN_FMT_CBIO_MATRIX, CN_FMT_CBIO_LONG, CN_FMT_GDC_GENE,
		CN_FMT_GISTIC_GENES
	};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		ck_assert_int_eq(cn_format_from_name(cn_format_name(all[i])), all[i]);
	ck_assert_str_eq(cn_format_name(CN_FMT_CBIO_SEG), "cbioportal-seg");
	ck_assert_int_eq(cn_format_from_name("GDC-SEG"), CN_FMT_GDC_SEG);
	ck_assert_int_eq(cn_format_from_name("seg"), CN_FMT_UNKNOWN);
	ck_assert_int_eq(cn_format_from_name(NULL), CN_FMT_UNKNOWN);
	ck_assert(cn_format_is_segment(CN_FMT_DNACOPY_SEG));
	ck_assert(!cn_format_is_segment(CN_FMT_CBIO_LONG));
	ck_assert_str_eq(cn_format_name(CN_FMT_UNKNOWN), "unknown");
}
END_TEST

/* ---- fixtures ---- */

START_TEST(test_fixture_bad_segments)
{
	assert_dump("bad_segments.seg", NULL, CN_BUILD_GRCH37);
}
END_TEST

START_TEST(test_fixture_gdc)
{
	assert_dump("gdc/f0001/a.nocnv_grch38.seg.v2.txt",
				NULL, CN_BUILD_UNKNOWN);
	assert_dump("gdc/f0002/"
				"a.ascat2.allelic_specific.seg.txt",
				NULL, CN_BUILD_UNKNOWN);
	assert_dump("gdc/f0003/"
				"a.ascat3.gene_level_copy_number.v36.tsv",
				NULL, CN_BUILD_UNKNOWN);
}
END_TEST

START_TEST(test_fixture_dnacopy)
{
	assert_dump("dnacopy_segments.txt", NULL, CN_BUILD_GRCH37);
	assert_dump("dnacopy_segments.csv", NULL, CN_BUILD_GRCH37);
}
END_TEST

START_TEST(test_fixture_matrices)
{
	cn_opts		log2 = {CN_FMT_UNKNOWN, CN_M_LOG2};

	assert_dump("data_cna_fixture.txt", NULL, CN_BUILD_UNKNOWN);
	assert_dump("all_thresholded.by_genes.txt", NULL, CN_BUILD_UNKNOWN);
	assert_dump("all_data_by_genes.txt", &log2, CN_BUILD_UNKNOWN);
	assert_dump("data_cna_long_fixture.txt", NULL, CN_BUILD_UNKNOWN);
}
END_TEST

START_TEST(test_matrix_needs_measure)
{
	char	   *p = unit_fixture("copynumber/all_data_by_genes.txt");
	int			eno = -1;
	char	   *err = open_error(p, NULL, &eno);

	ck_assert_ptr_nonnull(strstr(err, "pass --measure"));
	ck_assert_int_eq(eno, 0);
	free(err);
	free(p);
}
END_TEST

START_TEST(test_open_errors)
{
	int			eno = 0;
	char	   *err;
	char	   *p;
	cn_opts		seg_measure = {CN_FMT_UNKNOWN, CN_M_LOG2};
	cn_opts		long_log2 = {CN_FMT_UNKNOWN, CN_M_LOG2};

	p = xasprintf("%s/absent.seg", tmpdir);
	err = open_error(p, NULL, &eno);
	ck_assert_int_ne(eno, 0);
	ck_assert_ptr_nonnull(strstr(err, "cannot open"));
	free(err);
	free(p);

	p = scratch("empty.seg", "# only a comment\n\n", false);
	err = open_error(p, NULL, &eno);
	ck_assert_int_eq(eno, 0);
	ck_assert_str_eq(err, "2: no data: the file is empty or only comments");
	free(err);
	free(p);

	p = scratch("notes.txt", "some\ttext\nmore\ttext\n", false);
	err = open_error(p, NULL, &eno);
	ck_assert_ptr_nonnull(strstr(err, "1: not a copy-number file"));
	free(err);
	free(p);

	/* a name that promises segments, a header that does not have them */
	p = scratch("x.seg", "ID\tchrom\tstart\n1\t2\t3\n", false);
	err = open_error(p, NULL, &eno);
	ck_assert_ptr_nonnull(strstr(err, "1: not a segment header"));
	free(err);
	free(p);

	p = scratch("y.seg", "ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\n", true);
	err = open_error(p, &seg_measure, &eno);
	ck_assert_ptr_nonnull(strstr(err, "--measure applies to gene-level files"));
	free(err);
	free(p);

	p = scratch("l.txt", "Hugo_Symbol\tSample_Id\tValue\nTP53\tS\t1\n", false);
	err = open_error(p, &long_log2, &eno);
	ck_assert_ptr_nonnull(strstr(err, "--measure can only be cn_discrete"));
	free(err);
	free(p);

	p = scratch("dup.txt", "Hugo_Symbol\tS-1\tS-2\tS-1\nTP53\t1\t1\t1\n", false);
	err = open_error(p, NULL, &eno);	/* discrete?  the name does not say */
	ck_assert_ptr_nonnull(strstr(err, "pass --measure"));
	free(err);
	free(p);
	p = scratch("data_cna_dup.txt", "Hugo_Symbol\tS-1\tS-2\tS-1\nTP53\t1\t1\t1\n", false);
	err = open_error(p, NULL, &eno);
	ck_assert_str_eq(err, "1:4: sample column \"S-1\" appears twice (columns 2 and 4)");
	free(err);
	free(p);
}
END_TEST

START_TEST(test_gzip_and_comments)
{
	const char *text =
		"# written by hand\n"
		"ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\n"
		"\n"
		"S\tchr1\t1\t100\t5\t0.5\n"
		"# a note between lines\n"
		"S\tX\t1\t100\t5\t-0.5\r\n";
	char	   *p = scratch("data_cna_hg19.seg.gz", text, true);
	cn_reader  *r = open_ok(p, NULL);
	const cn_info *in = cn_reader_info(r);
	const cn_segment *s;
	char	   *err = NULL;

	ck_assert_int_eq(in->format, CN_FMT_CBIO_SEG);
	ck_assert_int_eq(in->build, CN_BUILD_GRCH37);
	ck_assert_str_eq(in->build_source, "file name");
	ck_assert_int_eq(in->header_line, 2);
	ck_assert_int_eq(cn_next_segment(r, &s, &err), 1);
	ck_assert_int_eq(s->lineno, 4);
	ck_assert_str_eq(s->chrom, "1");
	ck_assert(s->mean == 0.5);
	ck_assert_int_eq(cn_next_segment(r, &s, &err), 1);
	ck_assert_int_eq(s->lineno, 6);
	ck_assert_str_eq(s->chrom, "X");
	ck_assert(s->mean == -0.5);
	ck_assert_int_eq(s->nproblems, 0);
	ck_assert_int_eq(cn_next_segment(r, &s, &err), 0);
	/* a segment reader has no gene rows */
	{
		const cn_gene_row *g;

		ck_assert_int_eq(cn_next_gene_row(r, &g, &err), 0);
	}
	cn_close(r);
	free(p);
}
END_TEST

START_TEST(test_forced_format)
{
	/* Firehose columns, but the caller says what produced them */
	char	   *p = scratch("segs.txt", "Sample\tChromosome\tStart\tEnd\tNum_Probes\tSegment_Mean\n"
							"S\t1\t1\t10\t2\t0.1\n", false);
	cn_opts		o = {CN_FMT_DNACOPY_SEG, CN_M_NONE};
	cn_reader  *r = open_ok(p, &o);

	ck_assert_int_eq(cn_reader_info(r)->format, CN_FMT_DNACOPY_SEG);
	ck_assert_str_eq(cn_reader_info(r)->detected_by, "option");
	ck_assert_str_eq(cn_reader_info(r)->workflow, "DNAcopy");
	cn_close(r);
	free(p);
}
END_TEST

/* ---- corpus ---- */

/* Count segments, problems and warnings of a whole file. */
static void
read_segments(const char *path, cn_build b, int *nseg, int *nrej, int *nwarn, cn_segment *first)
{
	cn_reader  *r = open_ok(path, NULL);
	const cn_segment *s;
	char	   *err = NULL;

	*nseg = *nrej = *nwarn = 0;
	if (b != CN_BUILD_UNKNOWN)
		cn_set_build(r, b);
	while (cn_next_segment(r, &s, &err) == 1)
	{
		if (*nseg == 0 && first)
			*first = *s;
		(*nseg)++;
		*nrej += s->nproblems > 0;
		*nwarn += s->warning_code != NULL;
	}
	ck_assert_ptr_null(err);
	cn_close(r);
}

START_TEST(test_tcga_segments_corpus)
{
	char	   *p = unit_corpus("tcga/cnv/TCGA.AB.3009.hg19.seg.txt");
	char	   *laml = unit_corpus("tcga/cnv/LAML_CBS_segments.tsv.gz");
	char	   *dnac = unit_corpus("tcga/cnv/dnacopy.tsv.gz");
	int			n,
				rej,
				warn;
	cn_segment	first;
	cn_reader  *r;

	if (!p || !laml || !dnac)
		goto out;
	r = open_ok(p, NULL);
	ck_assert_int_eq(cn_reader_info(r)->format, CN_FMT_FIREHOSE_SEG);
	ck_assert_int_eq(cn_reader_info(r)->build, CN_BUILD_GRCH37);
	cn_close(r);
	read_segments(p, CN_BUILD_UNKNOWN, &n, &rej, &warn, &first);
	ck_assert_int_eq(n, 818);
	ck_assert_int_eq(rej, 0);
	ck_assert_int_eq(first.start, 61735);
	ck_assert_int_eq(first.end, 86341);
	ck_assert_int_eq(first.num_probes, 15);
	ck_assert(first.mean == -0.683);

	r = open_ok(laml, NULL);
	ck_assert_int_eq(cn_reader_info(r)->format, CN_FMT_FIREHOSE_SEG);
	ck_assert_int_eq(cn_reader_info(r)->build, CN_BUILD_UNKNOWN);
	cn_close(r);
	read_segments(laml, CN_BUILD_GRCH37, &n, &rej, &warn, &first);
	ck_assert_int_eq(n, 6470);
	ck_assert_int_eq(rej, 0);
	ck_assert_int_eq(first.num_probes, 128609);
	ck_assert(first.mean == 0);

	read_segments(dnac, CN_BUILD_GRCH37, &n, &rej, &warn, NULL);
	ck_assert_int_eq(n, 6);
	ck_assert_int_eq(rej, 0);
out:
	free(p);
	free(laml);
	free(dnac);
}
END_TEST

START_TEST(test_validator_segments_corpus)
{
	char	   *v = unit_corpus("cbioportal/validator/data_seg_valid.seg");
	char	   *e = unit_corpus("cbioportal/validator/data_seg_end_before_start.seg");
	char	   *ns = unit_corpus("cbioportal/validator/data_seg_nonsense_values.seg");
	cn_reader  *r;
	const cn_segment *s;
	char	   *err = NULL;
	int			n,
				rej,
				warn;

	if (!v || !e || !ns)
		goto out;
	read_segments(v, CN_BUILD_GRCH37, &n, &rej, &warn, NULL);
	ck_assert_int_eq(n, 53);
	ck_assert_int_eq(rej, 0);

	/* end before start: an error at line 11, a zero-length warning at line 31 */
	r = open_ok(e, NULL);
	cn_set_build(r, CN_BUILD_GRCH37);
	while (cn_next_segment(r, &s, &err) == 1)
	{
		if (s->lineno == 11)
		{
			ck_assert_int_eq(s->nproblems, 1);
			ck_assert_str_eq(s->problems[0].code, "start_after_end");
		}
		else
			ck_assert_int_eq(s->nproblems, 0);
		ck_assert_int_eq(s->warning_code != NULL, s->lineno == 31);
	}
	cn_close(r);

	/* nonsense values: three errors on line 28, columns 2, 3 and 6 */
	r = open_ok(ns, NULL);
	cn_set_build(r, CN_BUILD_GRCH37);
	while (cn_next_segment(r, &s, &err) == 1)
	{
		if (s->lineno != 28)
		{
			ck_assert_int_eq(s->nproblems, 0);
			continue;
		}
		ck_assert_int_eq(s->nproblems, 3);
		ck_assert_int_eq(s->problems[0].col, 2);
		ck_assert_str_eq(s->problems[0].code, "unknown_chromosome");
		ck_assert_int_eq(s->problems[1].col, 3);
		ck_assert_str_eq(s->problems[1].code, "invalid_position");
		ck_assert_int_eq(s->problems[2].col, 6);
		ck_assert_str_eq(s->problems[2].code, "invalid_number");
	}
	cn_close(r);
out:
	free(v);
	free(e);
	free(ns);
}
END_TEST

START_TEST(test_cbio_study_corpus)
{
	char	   *seg = unit_corpus("cbioportal/study_es_0/data_cna_hg19.seg");
	char	   *disc = unit_corpus("cbioportal/study_es_0/data_cna_discrete.txt");
	char	   *log2 = unit_corpus("cbioportal/study_es_0/data_cna_log2.txt");
	char	   *gistic = unit_corpus("cbioportal/study_es_0/data_gistic_genes_amp.txt");
	cn_reader  *r;
	const cn_info *in;
	const cn_gene_row *g;
	char	   *err = NULL;
	int			n = 0;

	if (!seg || !disc || !log2 || !gistic)
		goto out;
	r = open_ok(seg, NULL);
	in = cn_reader_info(r);
	ck_assert_int_eq(in->format, CN_FMT_CBIO_SEG);
	ck_assert_int_eq(in->build, CN_BUILD_GRCH37);
	ck_assert_str_eq(in->build_source, "meta file");
	ck_assert_str_eq(in->study_hint, "study_es_0");
	ck_assert_str_eq(in->study_build, "hg19");
	cn_close(r);

	/* the meta file says DISCRETE_LONG; so does the header */
	r = open_ok(disc, NULL);
	in = cn_reader_info(r);
	ck_assert_int_eq(in->format, CN_FMT_CBIO_LONG);
	ck_assert_str_eq(in->profile, "gistic");
	ck_assert_int_eq(in->ignored_columns, 7);
	while (cn_next_gene_row(r, &g, &err) == 1)
	{
		ck_assert_ptr_null(g->error);
		ck_assert_int_eq(g->ncells, 1);
		ck_assert_int_eq(g->status[0], NUM_OK);
		n++;
	}
	ck_assert_int_eq(n, 6304);
	ck_assert_int_eq(in->nsamples, 788);
	cn_close(r);

	r = open_ok(log2, NULL);
	in = cn_reader_info(r);
	ck_assert_int_eq(in->format, CN_FMT_CBIO_MATRIX);
	ck_assert_int_eq(in->measures[0], CN_M_LOG2);
	ck_assert_int_eq(in->nsamples, 778);
	ck_assert_int_eq(cn_next_gene_row(r, &g, &err), 1);
	ck_assert_str_eq(g->symbol, "ACAP3");
	ck_assert_str_eq(g->entrez, "116983");
	ck_assert(g->values[1] == -0.55);
	ck_assert_str_eq(g->raw[1], "-0.550");
	cn_close(r);

	r = open_ok(gistic, NULL);
	ck_assert_int_eq(cn_reader_info(r)->format, CN_FMT_GISTIC_GENES);
	ck_assert_int_eq(cn_next_gene_row(r, &g, &err), 0);
	cn_close(r);
out:
	free(seg);
	free(disc);
	free(log2);
	free(gistic);
}
END_TEST

START_TEST(test_validator_cna_corpus)
{
	char	   *blank = unit_corpus("cbioportal/validator/data_cna_blank_heading.txt");
	char	   *neither = unit_corpus("cbioportal/validator/data_cna_genecol_presence_neither.txt");
	char	   *nosample = unit_corpus("cbioportal/validator/data_cna_long_genecol_no_sample_id.txt");
	char	   *invalid = unit_corpus("cbioportal/validator/data_cna_long_invalid_values.txt");
	char	   *err;
	int			eno;
	cn_reader  *r;
	const cn_gene_row *g;

	if (!blank || !neither || !nosample || !invalid)
		goto out;
	err = open_error(blank, NULL, &eno);
	ck_assert_str_eq(err, "1:2: column 2 has no sample name");
	free(err);
	err = open_error(neither, NULL, &eno);
	ck_assert_ptr_nonnull(strstr(err, "1: at least one of the columns Hugo_Symbol or Entrez_Gene_Id"));
	free(err);
	err = open_error(nosample, NULL, &eno);
	ck_assert_str_eq(err, "1: missing column: Sample_Id");
	free(err);

	/* invalid long values: lines 7, 12, 18, 24 and 33, the Value column */
	r = open_ok(invalid, NULL);
	err = NULL;
	while (cn_next_gene_row(r, &g, &err) == 1)
	{
		bool		bad = g->lineno == 7 || g->lineno == 12 || g->lineno == 18 ||
			g->lineno == 24 || g->lineno == 33;

		ck_assert_ptr_null(g->error);
		ck_assert_int_eq(g->ncells, 1);
		ck_assert_int_eq(g->cell_col[0], 4);
		if (bad)
			ck_assert_int_eq(g->status[0], NUM_INVALID);
		else
			ck_assert_int_ne(g->status[0], NUM_INVALID);
	}
	cn_close(r);
out:
	free(blank);
	free(neither);
	free(nosample);
	free(invalid);
}
END_TEST

START_TEST(test_importer_corpus)
{
	char	   *t2 = unit_corpus("cbioportal/importer/cna_test2.txt");
	char	   *inc = unit_corpus("cbioportal/importer/incremental/copy_number_alteration/data_cna_discrete.txt");
	char	   *pd = unit_corpus("cbioportal/importer/incremental/copy_number_alteration/data_cna_pd_annotations.txt");
	cn_reader  *r;
	const cn_gene_row *g;
	char	   *err = NULL;
	int			eno;

	if (!t2 || !inc || !pd)
		goto out;
	r = open_ok(t2, NULL);
	ck_assert_int_eq(cn_reader_info(r)->measures[0], CN_M_DISCRETE);
	while (cn_next_gene_row(r, &g, &err) == 1)
	{
		if (g->lineno == 13)
			ck_assert(g->several_genes);
		if (g->lineno == 15)
			ck_assert_str_eq(g->symbol, "-2");	/* the last line has no newline */
	}
	ck_assert_int_eq(cn_lines_read(r), 15);
	cn_close(r);

	r = open_ok(inc, NULL);
	while (cn_next_gene_row(r, &g, &err) == 1)
	{
		if (g->entrez && strcmp(g->entrez, "208") == 0)
			ck_assert_str_eq(g->symbol, "AKT2");	/* "AKT2|TEST" */
		if (g->entrez && strcmp(g->entrez, "675") == 0)
		{
			ck_assert_int_eq(g->status[0], NUM_OK);	/* -1.5 is a cBioPortal value */
			ck_assert(g->values[0] == -1.5);
		}
	}
	cn_close(r);

	err = open_error(pd, NULL, &eno);
	ck_assert_str_eq(err, "1: missing column: Value");
	free(err);
out:
	free(t2);
	free(inc);
	free(pd);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("cn_format");
	TCase	   *own = tcase_create("fixtures");
	char	   *probe = unit_corpus("tcga/cnv");
	char	   *probe2 = unit_corpus("cbioportal");
	int			ncases = 1;

	tcase_add_unchecked_fixture(own, setup, teardown);
	tcase_set_timeout(own, 60);
	tcase_add_test(own, test_builds);
	tcase_add_test(own, test_chromosomes);
	tcase_add_test(own, test_measures);
	tcase_add_test(own, test_discrete_values);
	tcase_add_test(own, test_format_names);
	tcase_add_test(own, test_fixture_bad_segments);
	tcase_add_test(own, test_fixture_gdc);
	tcase_add_test(own, test_fixture_dnacopy);
	tcase_add_test(own, test_fixture_matrices);
	tcase_add_test(own, test_matrix_needs_measure);
	tcase_add_test(own, test_open_errors);
	tcase_add_test(own, test_gzip_and_comments);
	tcase_add_test(own, test_forced_format);
	suite_add_tcase(s, own);
	if (probe)
	{
		TCase	   *tc = tcase_create("tcga corpus");

		tcase_add_test(tc, test_tcga_segments_corpus);
		suite_add_tcase(s, tc);
		ncases++;
	}
	if (probe2)
	{
		TCase	   *tc = tcase_create("cbioportal corpus");

		tcase_set_timeout(tc, 60);
		tcase_add_test(tc, test_validator_segments_corpus);
		tcase_add_test(tc, test_cbio_study_corpus);
		tcase_add_test(tc, test_validator_cna_corpus);
		tcase_add_test(tc, test_importer_corpus);
		suite_add_tcase(s, tc);
		ncases++;
	}
	free(probe);
	free(probe2);
	return unit_run(s, ncases);
}
