/*
 * check_expr_format.c: the expression reader on the real GDC STAR, HTSeq
 * and cBioPortal files of ../shared/corpus, and on the project's fixtures
 * (tests/fixtures/expression/NAME, expected dump in NAME.out beside it).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_format.h"
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

/*
 * Everything the reader reports about a file, as text: the info block,
 * then one line per data row.  Free with free().
 */
static char *
dump(const char *path, const expr_opts *opts)
{
	char	   *text = NULL;
	size_t		len = 0;
	FILE	   *out = open_memstream(&text, &len);
	char	   *err = NULL;
	int			eno = 0;
	expr_reader *r = expr_open(path, opts, &err, &eno);
	const expr_info *in;
	const expr_row *row;
	int			rc;

	if (!r)
	{
		fprintf(out, "error: %s\n", err);
		free(err);
		fclose(out);
		return text;
	}
	in = expr_reader_info(r);
	fprintf(out, "format: %s (%s) by %s\n", expr_format_name(in->format),
			expr_format_workflow(in->format), in->detected_by);
	fprintf(out, "gene_model: %s\nstudy_hint: %s\nmeta: %s\n",
			or_dash(in->gene_model), or_dash(in->study_hint),
			base_name(in->meta_path));
	fprintf(out, "sep: %s ncolumns: %d ignored_columns: %d\n",
			in->sep == ',' ? "comma" : "tab", in->ncolumns,
			in->ignored_columns);
	fprintf(out, "samples (%d):", in->nsamples);
	for (int i = 0; i < in->nsamples; i++)
		fprintf(out, " [%s]", or_dash(in->samples[i]));
	fprintf(out, "\nmeasures (%d):", in->nmeasures);
	for (int i = 0; i < in->nmeasures; i++)
		fprintf(out, " %s", in->measures[i]);
	fprintf(out, "\nvalues (%d): col>sample/measure", in->nvalues);
	for (int k = 0; k < in->nvalues; k++)
		fprintf(out, " %d>%d/%d", in->value_col[k], in->value_sample[k],
				in->value_measure[k]);
	fputc('\n', out);
	while ((rc = expr_next(r, &row, &err)) == 1)
	{
		fprintf(out, "%ld:", row->lineno);
		if (row->error)
		{
			fprintf(out, " REJECT %s (%s) [%s]\n", row->error_code,
					row->error, row->line);
			continue;
		}
		if (row->is_qc)
			fprintf(out, " qc=%s", row->qc_name);
		else
			fprintf(out, " id=%s sym=%s entrez=%s type=%s col=%d",
					or_dash(row->gene_id), or_dash(row->symbol),
					or_dash(row->entrez), or_dash(row->gene_type),
					row->gene_col);
		fputs(" |", out);
		for (int k = 0; k < in->nvalues; k++)
		{
			char		num[40];

			switch (row->status[k])
			{
				case NUM_OK:
					num_format_double(row->values[k], num, sizeof(num));
					fprintf(out, " %s", num);
					break;
				case NUM_MISSING:
					fprintf(out, " NA[%s]", row->raw[k]);
					break;
				default:
					fprintf(out, " INVALID[%s]", row->raw[k]);
					break;
			}
		}
		fputc('\n', out);
	}
	if (rc < 0)
	{
		fprintf(out, "read error: %s\n", err);
		free(err);
	}
	fprintf(out, "lines read: %ld\n", expr_lines_read(r));
	expr_close(r);
	fclose(out);
	return text;
}

/* Compare the dump of fixture NAME with NAME.out. */
static void
assert_dump(const char *name, const expr_opts *opts)
{
	char	   *rel = xasprintf("expression/%s", name);
	char	   *path = unit_fixture(rel);
	char	   *want_path = xasprintf("%s.out", path);
	char	   *got = dump(path, opts);
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
	ck_assert_msg(want && strcmp(got, want) == 0, "%s differs from %s",
				  name, want_path);
	free(want);
	free(got);
	free(want_path);
	free(path);
	free(rel);
}

static expr_reader *
open_ok(const char *path, const expr_opts *opts)
{
	char	   *err = NULL;
	int			eno = -1;
	expr_reader *r = expr_open(path, opts, &err, &eno);

	ck_assert_msg(r != NULL, "%s: %s", path, err ? err : "?");
	ck_assert_int_eq(eno, 0);
	return r;
}

/* The message expr_open fails with. */
static char *
open_error(const char *path, const expr_opts *opts, int *eno)
{
	char	   *err = NULL;
	expr_reader *r = expr_open(path, opts, &err, eno);

	ck_assert_ptr_null(r);
	ck_assert_ptr_nonnull(err);
	return err;
}

static char *
scratch(const char *name, const char *text, bool gz)
{
	return unit_write(tmpdir, name, text, strlen(text), gz);
}

/* ---- names ---- */

START_TEST(test_format_names)
{
	static const expr_format all[] = {
		EXPR_FMT_STAR, EXPR_FMT_HTSEQ, EXPR_FMT_CBIO, EXPR_FMT_FIREHOSE,
		EXPR_FMT_GENERIC
	};

	ck_assert_str_eq(expr_format_name(EXPR_FMT_STAR), "gdc-star-counts");
	ck_assert_str_eq(expr_format_name(EXPR_FMT_HTSEQ), "gdc-htseq");
	ck_assert_str_eq(expr_format_name(EXPR_FMT_CBIO), "cbioportal-matrix");
	ck_assert_str_eq(expr_format_name(EXPR_FMT_FIREHOSE), "firehose-matrix");
	ck_assert_str_eq(expr_format_name(EXPR_FMT_GENERIC), "generic-matrix");
	ck_assert_str_eq(expr_format_workflow(EXPR_FMT_STAR), "STAR - Counts");
	ck_assert_str_eq(expr_format_workflow(EXPR_FMT_HTSEQ), "HTSeq");
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		ck_assert_int_eq(expr_format_from_name(expr_format_name(all[i])),
						 all[i]);
	ck_assert_int_eq(expr_format_from_name("GDC-STAR-COUNTS"), EXPR_FMT_STAR);
	ck_assert_int_eq(expr_format_from_name("star"), EXPR_FMT_UNKNOWN);
	ck_assert_int_eq(expr_format_from_name(""), EXPR_FMT_UNKNOWN);
	ck_assert_int_eq(expr_format_from_name(NULL), EXPR_FMT_UNKNOWN);
}
END_TEST

/* ---- GDC STAR ---- */

START_TEST(test_star_corpus)
{
	char	   *p = unit_corpus("tcga/expression/star_counts/test_set_1.final.tsv.gz");
	static const char *const measures[] = {
		"unstranded", "stranded_first", "stranded_second",
		"tpm_unstranded", "fpkm_unstranded", "fpkm_uq_unstranded"
	};
	static const char *const qc[] = {
		"N_unmapped", "N_multimapping", "N_noFeature", "N_ambiguous"
	};
	expr_reader *r;
	const expr_info *in;
	const expr_row *row;
	char	   *err = NULL;
	int			nqc = 0,
				ngenes = 0;

	if (!p)
		return;
	r = open_ok(p, NULL);
	in = expr_reader_info(r);
	ck_assert_int_eq(in->format, EXPR_FMT_STAR);
	ck_assert_str_eq(in->detected_by, "content");
	ck_assert_str_eq(in->gene_model, "GENCODE v36");
	ck_assert_ptr_null(in->study_hint);
	ck_assert_int_eq(in->nsamples, 1);
	ck_assert_ptr_null(in->samples[0]);
	ck_assert_int_eq(in->nmeasures, 6);
	ck_assert_int_eq(in->nvalues, 6);
	for (int k = 0; k < 6; k++)
	{
		ck_assert_str_eq(in->measures[k], measures[k]);
		ck_assert_int_eq(in->value_measure[k], k);
		ck_assert_int_eq(in->value_sample[k], 0);
		ck_assert_int_eq(in->value_col[k], k + 4);
	}
	ck_assert_int_eq(in->ncolumns, 9);
	ck_assert_int_eq(in->ignored_columns, 0);
	ck_assert_int_eq(in->sep, '\t');

	while (expr_next(r, &row, &err) == 1)
	{
		ck_assert_ptr_null(row->error);
		if (row->is_qc)
		{
			ck_assert_int_lt(nqc, 4);
			ck_assert_str_eq(row->qc_name, qc[nqc]);
			ck_assert_ptr_null(row->gene_id);
			ck_assert_int_eq(row->lineno, 3 + nqc);
			ck_assert_int_eq(row->status[0], NUM_OK);
			for (int k = 3; k < 6; k++)
			{
				ck_assert_int_eq(row->status[k], NUM_MISSING);
				ck_assert_str_eq(row->raw[k], "");
			}
			if (nqc == 0)
			{
				ck_assert(row->values[0] == 38463);
				ck_assert_str_eq(row->line, "N_unmapped\t\t\t38463\t38463\t38463\t\t\t");
			}
			nqc++;
			continue;
		}
		ck_assert_int_eq(nqc, 4);	/* QC rows come first */
		ck_assert_ptr_nonnull(row->gene_id);
		ck_assert_int_eq(row->gene_col, 1);
		for (int k = 0; k < 6; k++)
			ck_assert_int_eq(row->status[k], NUM_OK);
		if (ngenes == 0)
		{
			ck_assert_int_eq(row->lineno, 7);
			ck_assert_str_eq(row->gene_id, "ENSG00000000003.15");
			ck_assert_str_eq(row->symbol, "TSPAN6");
			ck_assert_str_eq(row->gene_type, "protein_coding");
			ck_assert(row->values[0] == 429);
			ck_assert(row->values[1] == 0);
			ck_assert(row->values[3] == 92548.07751878405);
			ck_assert(row->values[4] == 15420.955417694371);
			ck_assert(row->values[5] == 7064.554216748428);
			ck_assert_str_eq(row->raw[3], "92548.07751878405");
			ck_assert_str_eq(row->line, "ENSG00000000003.15\tTSPAN6\t"
							 "protein_coding\t429\t0\t0\t92548.07751878405\t"
							 "15420.955417694371\t7064.554216748428");
		}
		ngenes++;
	}
	ck_assert_ptr_null(err);
	ck_assert_int_eq(nqc, 4);
	ck_assert_int_eq(ngenes, 96);
	ck_assert_int_eq(expr_lines_read(r), 102);
	ck_assert_uint_gt(expr_offset(r), 0);
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_star_measure_option)
{
	char	   *p = unit_corpus("tcga/expression/star_counts/test_set_1.final.tsv.gz");
	expr_opts	o = {EXPR_FMT_UNKNOWN, "tpm_unstranded"};
	expr_reader *r;
	const expr_info *in;
	const expr_row *row;
	char	   *err = NULL;
	int			eno = -1;

	if (!p)
		return;
	r = open_ok(p, &o);
	in = expr_reader_info(r);
	ck_assert_int_eq(in->nvalues, 1);
	ck_assert_str_eq(in->measures[0], "tpm_unstranded");
	ck_assert_int_eq(in->value_col[0], 7);
	ck_assert_int_eq(in->ignored_columns, 5);
	do
		ck_assert_int_eq(expr_next(r, &row, &err), 1);
	while (row->is_qc);
	ck_assert(row->values[0] == 92548.07751878405);
	expr_close(r);

	o.measure = "counts";
	err = open_error(p, &o, &eno);
	ck_assert_ptr_nonnull(strstr(err, "not a STAR measure"));
	ck_assert_int_eq(eno, 0);
	free(err);
	free(p);
}
END_TEST

START_TEST(test_star_bad_rows)
{
	const char *text =
		"# gene-model: GENCODE v36\n"
		"gene_id\tgene_name\tgene_type\tunstranded\tstranded_first\t"
		"stranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded\n"
		"N_unmapped\t\t\t5\t5\t5\t\t\t\n"
		"ENSG00000000003.15\tTSPAN6\tprotein_coding\t429\t0\t0\t1.5\t2.5\n"
		"\n"
		"ENSG00000000005.6\tTNMD\tprotein_coding\t2\tx\t2\tNA\t1e999\t-3\n"
		"\tNONE\tprotein_coding\t1\t1\t1\t1\t1\t1\n"
		"# trailing comment\n"
		"ENSG00000000419.13\t\t\t20\t0\t0\t1\t2\t3";
	char	   *p = scratch("renamed.tsv", text, true);
	expr_reader *r = open_ok(p, NULL);
	const expr_row *row;
	char	   *err = NULL;

	ck_assert_str_eq(expr_reader_info(r)->gene_model, "GENCODE v36");
	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert(row->is_qc);
	ck_assert_str_eq(row->qc_name, "N_unmapped");

	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_int_eq(row->lineno, 4);
	ck_assert_str_eq(row->error_code, "column_count");
	ck_assert_str_eq(row->error, "expected 9 fields, found 8");
	ck_assert_str_eq(row->line, "ENSG00000000003.15\tTSPAN6\tprotein_coding\t"
					 "429\t0\t0\t1.5\t2.5");
	ck_assert_ptr_null(row->gene_id);
	ck_assert_int_eq(row->status[0], NUM_MISSING);

	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_int_eq(row->lineno, 6);
	ck_assert_ptr_null(row->error);
	ck_assert_int_eq(row->status[0], NUM_OK);
	ck_assert_int_eq(row->status[1], NUM_INVALID);
	ck_assert_str_eq(row->raw[1], "x");
	ck_assert_int_eq(row->status[3], NUM_MISSING);
	ck_assert_int_eq(row->status[4], NUM_INVALID);
	ck_assert_int_eq(row->status[5], NUM_OK);
	ck_assert(row->values[5] == -3);

	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_str_eq(row->error_code, "gene_missing");

	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_int_eq(row->lineno, 9);
	ck_assert_str_eq(row->gene_id, "ENSG00000000419.13");
	ck_assert_ptr_null(row->symbol);
	ck_assert_ptr_null(row->gene_type);
	ck_assert_int_eq(expr_next(r, &row, &err), 0);
	ck_assert_int_eq(expr_lines_read(r), 9);
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_star_header_without_comment)
{
	const char *text =
		"gene_id\tgene_name\tgene_type\tunstranded\tstranded_first\t"
		"stranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded\t"
		"extra\n"
		"ENSG00000000003.15\tTSPAN6\tprotein_coding\t1\t2\t3\t4\t5\t6\t7\n";
	char	   *p = scratch("star.tsv", text, false);
	expr_reader *r = open_ok(p, NULL);
	const expr_info *in = expr_reader_info(r);

	ck_assert_int_eq(in->format, EXPR_FMT_STAR);
	ck_assert_ptr_null(in->gene_model);
	ck_assert_int_eq(in->ignored_columns, 1);
	ck_assert_int_eq(in->ncolumns, 10);
	expr_close(r);
	free(p);

	/* a gene-model comment promises the STAR layout */
	p = scratch("star_bad.tsv", "# gene-model: GENCODE v36\n"
				"gene_id\tgene_name\tunstranded\nA\tB\t1\n", false);
	{
		int			eno;
		char	   *err = open_error(p, NULL, &eno);

		ck_assert_str_eq(err, "2: GDC STAR gene counts header has no "
						 "stranded_first column");
		free(err);
	}
	free(p);
}
END_TEST

/* ---- legacy HTSeq ---- */

START_TEST(test_htseq_corpus)
{
	char	   *p = unit_corpus("tcga/expression/htseq/example.htseq.counts.gz");
	expr_reader *r;
	const expr_info *in;
	const expr_row *row;
	char	   *err = NULL;
	int			n = 0;

	if (!p)
		return;
	r = open_ok(p, NULL);
	in = expr_reader_info(r);
	ck_assert_int_eq(in->format, EXPR_FMT_HTSEQ);
	ck_assert_str_eq(in->detected_by, "content");
	ck_assert_int_eq(in->nmeasures, 1);
	ck_assert_str_eq(in->measures[0], "htseq_counts");
	ck_assert_int_eq(in->nsamples, 1);
	ck_assert_ptr_null(in->samples[0]);
	ck_assert_int_eq(in->ncolumns, 2);
	ck_assert_int_eq(in->value_col[0], 2);
	while (expr_next(r, &row, &err) == 1)
	{
		ck_assert_ptr_null(row->error);
		ck_assert(!row->is_qc);
		ck_assert_int_eq(row->status[0], NUM_OK);
		if (n == 0)
		{
			ck_assert_int_eq(row->lineno, 1);
			ck_assert_str_eq(row->gene_id, "ENSG00000000003.13");
			ck_assert(row->values[0] == 3039);
		}
		if (n == 1)
			ck_assert(row->values[0] == 0);
		n++;
	}
	ck_assert_int_eq(n, 50);
	ck_assert_str_eq(row->gene_id, "ENSG00000004455.15");
	ck_assert(row->values[0] == 5881);
	expr_close(r);
	free(p);
}
END_TEST

static const char htseq_text[] =
	"ENSG00000000003.13\t3039\n"
	"ENSG00000000005.5\t0\n"
	"ENSG00000182378.14_PAR_Y\t0\n"
	"ENSG00000000419.11\t1625\textra\n"
	"__no_feature\t2804361\n"
	"__ambiguous\t1834556\n"
	"__too_low_aQual\t0\n"
	"__not_aligned\t0\n"
	"__alignment_not_unique\t3949420\n";

/* The measure an HTSeq file gets under name, or the open error. */
static char *
htseq_measure(const char *name, const char *measure)
{
	char	   *p = scratch(name, htseq_text, str_isuffix(name, ".gz"));
	expr_opts	o = {EXPR_FMT_UNKNOWN, measure};
	char	   *err = NULL;
	int			eno;
	expr_reader *r = expr_open(p, &o, &err, &eno);
	char	   *got;

	if (r)
	{
		got = xstrdup(expr_reader_info(r)->measures[0]);
		expr_close(r);
	}
	else
		got = err;
	free(p);
	return got;
}

START_TEST(test_htseq_measures)
{
	static const char *const cases[][3] = {
		{"a.htseq.counts.gz", NULL, "htseq_counts"},
		{"b.htseq.counts", NULL, "htseq_counts"},
		{"c_htseq_counts.txt", NULL, "htseq_counts"},
		{"C.HTSeq.Counts", NULL, "htseq_counts"},
		{"d.FPKM-UQ.txt.gz", NULL, "fpkm_uq"},
		{"e.FPKM-UQ.txt", NULL, "fpkm_uq"},
		{"f.FPKM.txt.gz", NULL, "fpkm"},
		{"g.fpkm.txt", NULL, "fpkm"},
		{"h.txt", "htseq_counts", "htseq_counts"},
		{"i.FPKM.txt.gz", "my_measure", "my_measure"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char	   *got = htseq_measure(cases[i][0], cases[i][1]);

		ck_assert_msg(strcmp(got, cases[i][2]) == 0, "%s: %s", cases[i][0], got);
		free(got);
	}
}
END_TEST

START_TEST(test_htseq_needs_measure)
{
	char	   *got = htseq_measure("counts.txt", NULL);

	ck_assert_str_eq(got, "cannot tell from the file name \"counts.txt\" whether "
					 "this HTSeq file holds counts, FPKM or FPKM-UQ; pass "
					 "--measure (htseq_counts, fpkm or fpkm_uq)");
	free(got);
}
END_TEST

START_TEST(test_htseq_rows)
{
	char	   *p = scratch("x.htseq.counts", htseq_text, false);
	expr_reader *r = open_ok(p, NULL);
	const expr_row *row;
	char	   *err = NULL;

	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_str_eq(row->gene_id, "ENSG00000000003.13");
	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_str_eq(row->gene_id, "ENSG00000182378.14_PAR_Y");
	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_str_eq(row->error_code, "column_count");
	ck_assert_str_eq(row->error, "expected 2 fields, found 3");
	ck_assert_int_eq(row->lineno, 4);
	for (int i = 0; i < 5; i++)
	{
		static const char *const qc[] = {
			"__no_feature", "__ambiguous", "__too_low_aQual", "__not_aligned",
			"__alignment_not_unique"
		};

		ck_assert_int_eq(expr_next(r, &row, &err), 1);
		ck_assert(row->is_qc);
		ck_assert_str_eq(row->qc_name, qc[i]);
		ck_assert_ptr_null(row->gene_id);
		ck_assert_int_eq(row->status[0], NUM_OK);
	}
	ck_assert(row->values[0] == 3949420);
	ck_assert_int_eq(expr_next(r, &row, &err), 0);
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_htseq_by_file_name)
{
	/* symbols instead of Ensembl IDs: only the name says HTSeq */
	char	   *p = scratch("s.htseq.counts", "TP53\t12\nEGFR\t3\n", false);
	expr_reader *r = open_ok(p, NULL);
	const expr_row *row;
	char	   *err = NULL;

	ck_assert_int_eq(expr_reader_info(r)->format, EXPR_FMT_HTSEQ);
	ck_assert_str_eq(expr_reader_info(r)->detected_by, "file name");
	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_str_eq(row->gene_id, "TP53");
	ck_assert(row->values[0] == 12);
	expr_close(r);
	free(p);
}
END_TEST

/* ---- cBioPortal ---- */

START_TEST(test_cbio_study_corpus)
{
	char	   *p = unit_corpus("cbioportal/study_es_0/data_expression_median.txt");
	expr_reader *r;
	const expr_info *in;
	const expr_row *row;
	char	   *err = NULL;
	int			n = 0;

	if (!p)
		return;
	r = open_ok(p, NULL);
	in = expr_reader_info(r);
	ck_assert_int_eq(in->format, EXPR_FMT_CBIO);
	ck_assert_str_eq(in->detected_by, "content");
	ck_assert_str_eq(in->measures[0], "mrna");	/* meta stable_id */
	ck_assert_int_eq(in->nmeasures, 1);
	ck_assert_str_eq(in->study_hint, "study_es_0");
	ck_assert_str_eq(base_name(in->meta_path), "meta_expression_median.txt");
	ck_assert_int_eq(in->nsamples, 526);
	ck_assert_int_eq(in->nvalues, 526);
	ck_assert_str_eq(in->samples[0], "TCGA-A1-A0SD-01");
	ck_assert_str_eq(in->samples[525], "TCGA-E2-A1BD-01");
	ck_assert_ptr_null(in->samples[526]);
	ck_assert_int_eq(in->value_col[0], 3);
	ck_assert_int_eq(in->value_sample[525], 525);
	ck_assert_int_eq(in->ncolumns, 528);
	ck_assert_int_eq(in->ignored_columns, 0);
	while (expr_next(r, &row, &err) == 1)
	{
		ck_assert_ptr_null(row->error);
		ck_assert_ptr_null(row->gene_id);
		ck_assert_ptr_nonnull(row->symbol);
		ck_assert_ptr_nonnull(row->entrez);
		ck_assert_int_eq(row->gene_col, 1);
		if (strcmp(row->symbol, "MMP2") == 0)
		{
			ck_assert_str_eq(row->entrez, "4313");
			ck_assert(row->values[0] == 1.506);
			ck_assert(row->values[1] == 0.957833333333333);
			ck_assert_str_eq(row->raw[1], "0.957833333333333");
		}
		for (int k = 0; k < in->nvalues; k++)
			ck_assert_int_eq(row->status[k], NUM_OK);
		n++;
	}
	ck_assert_int_eq(n, 6);
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_cbio_zscores_corpus)
{
	char	   *p = unit_corpus("cbioportal/study_es_0/"
								"data_expression_median_Zscores.txt");
	expr_opts	o = {EXPR_FMT_UNKNOWN, "my_zscores"};
	expr_reader *r;

	if (!p)
		return;
	r = open_ok(p, NULL);
	ck_assert_str_eq(expr_reader_info(r)->measures[0], "mrna_median_zscores");
	ck_assert_str_eq(base_name(expr_reader_info(r)->meta_path),
					 "meta_expression_median_Zscores.txt");
	expr_close(r);
	/* the option wins over the meta file, which still gives the study */
	r = open_ok(p, &o);
	ck_assert_str_eq(expr_reader_info(r)->measures[0], "my_zscores");
	ck_assert_str_eq(expr_reader_info(r)->study_hint, "study_es_0");
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_cbio_entrez_only_corpus)
{
	char	   *p = unit_corpus("cbioportal/importer/mrna_test.txt");
	expr_reader *r;
	const expr_info *in;
	const expr_row *row;
	char	   *err = NULL;
	int			n = 0;

	if (!p)
		return;
	r = open_ok(p, NULL);
	in = expr_reader_info(r);
	ck_assert_int_eq(in->format, EXPR_FMT_CBIO);
	ck_assert_ptr_null(in->meta_path);
	ck_assert_str_eq(in->measures[0], "mrna_test");	/* file name */
	ck_assert_int_eq(in->nsamples, 89);
	ck_assert_str_eq(in->samples[0], "DD638");
	while (expr_next(r, &row, &err) == 1)
	{
		ck_assert_ptr_null(row->error);
		ck_assert_ptr_null(row->symbol);
		ck_assert_ptr_nonnull(row->entrez);
		ck_assert_int_eq(row->gene_col, 1);
		if (n == 3)
		{
			ck_assert_str_eq(row->entrez, "999997849");
			ck_assert(row->values[0] == 0.55);
		}
		n++;
	}
	ck_assert_int_eq(n, 9);
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_cbio_importer_rows_corpus)
{
	/* '#' lines inside the data, NA symbols, rows naming no gene */
	char	   *p = unit_corpus("cbioportal/importer/tabDelimitedData/"
								"data_expression2.txt");
	expr_reader *r;
	const expr_row *row;
	char	   *err = NULL;
	int			n = 0,
				rejected = 0;

	if (!p)
		return;
	r = open_ok(p, NULL);
	ck_assert_str_eq(expr_reader_info(r)->measures[0], "expression2");
	while (expr_next(r, &row, &err) == 1)
	{
		if (n == 2)
		{
			ck_assert_int_eq(row->lineno, 5);
			ck_assert_ptr_null(row->symbol);	/* "NA" */
			ck_assert_str_eq(row->entrez, "999991111");
			ck_assert_int_eq(row->gene_col, 2);
		}
		if (row->error)
		{
			/* "NA<TAB><TAB>" and "NA<TAB>NA" name no gene */
			ck_assert_str_eq(row->error_code, "gene_missing");
			ck_assert_int_eq(row->lineno, rejected == 0 ? 6 : 27);
			rejected++;
		}
		n++;
	}
	ck_assert_int_eq(n, 27);
	ck_assert_int_eq(rejected, 2);
	ck_assert_int_eq(expr_lines_read(r), 31);
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_cbio_blank_heading_corpus)
{
	char	   *p = unit_corpus("cbioportal/validator/data_cna_blank_heading.txt");
	char	   *err;
	int			eno = -1;

	if (!p)
		return;
	err = open_error(p, NULL, &eno);
	ck_assert_str_eq(err, "1: column 2 has no sample name");
	ck_assert_int_eq(eno, 0);
	free(err);
	free(p);
}
END_TEST

START_TEST(test_cbio_measure_from_file_name)
{
	char	   *p = scratch("data_mrna_seq_v2_rsem.txt",
							"Hugo_Symbol\tS1\nTP53\t1\n", false);
	expr_reader *r = open_ok(p, NULL);

	ck_assert_str_eq(expr_reader_info(r)->measures[0], "mrna_seq_v2_rsem");
	ck_assert_ptr_null(expr_reader_info(r)->study_hint);
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_cbio_fixture)
{
	assert_dump("cbio_study/data_mrna_seq_v2_rsem.txt", NULL);
}
END_TEST

START_TEST(test_cbio_duplicate_sample)
{
	assert_dump("cbio_duplicate_sample.txt", NULL);
}
END_TEST

START_TEST(test_cbio_by_meta_file)
{
	/* content and name say nothing; the meta file says cBioPortal */
	assert_dump("cbio_study/data_unrecognised.txt", NULL);
}
END_TEST

/* ---- Firehose ---- */

START_TEST(test_firehose_genes)
{
	assert_dump("firehose_rsem_genes.txt", NULL);
}
END_TEST

START_TEST(test_firehose_normalized)
{
	assert_dump("firehose_rsem_normalized.txt", NULL);
}
END_TEST

START_TEST(test_firehose_measure_option)
{
	char	   *p = unit_fixture("expression/firehose_rsem_genes.txt");
	char	   *q = unit_fixture("expression/firehose_rsem_normalized.txt");
	expr_opts	o = {EXPR_FMT_UNKNOWN, "scaled_estimate"};
	expr_reader *r;
	const expr_info *in;
	char	   *err;
	int			eno;

	/* a value type of the file: only its columns */
	r = open_ok(p, &o);
	in = expr_reader_info(r);
	ck_assert_int_eq(in->nmeasures, 1);
	ck_assert_str_eq(in->measures[0], "scaled_estimate");
	ck_assert_int_eq(in->nvalues, 2);
	ck_assert_int_eq(in->value_col[0], 3);
	ck_assert_int_eq(in->value_col[1], 6);
	ck_assert_int_eq(in->ignored_columns, 4);
	expr_close(r);

	/* the only value type: renamed */
	o.measure = "rsem_normalized";
	r = open_ok(q, &o);
	ck_assert_str_eq(expr_reader_info(r)->measures[0], "rsem_normalized");
	ck_assert_int_eq(expr_reader_info(r)->nvalues, 2);
	expr_close(r);

	/* neither */
	err = open_error(p, &o, &eno);
	ck_assert_str_eq(err, "2: --measure rsem_normalized is not one of the 2 "
					 "value types of this file");
	free(err);
	free(p);
	free(q);
}
END_TEST

/* ---- generic ---- */

START_TEST(test_generic_csv)
{
	assert_dump("generic_matrix.csv", NULL);
}
END_TEST

START_TEST(test_generic_row_names)
{
	assert_dump("rownames_matrix.tsv", NULL);
}
END_TEST

START_TEST(test_generic_forced)
{
	/* a cBioPortal file read as a generic matrix: Entrez is a sample */
	char	   *p = unit_fixture("expression/cbio_study/data_mrna_seq_v2_rsem.txt");
	expr_opts	o = {EXPR_FMT_GENERIC, "m"};
	expr_reader *r = open_ok(p, &o);
	const expr_info *in = expr_reader_info(r);
	const expr_row *row;
	char	   *err = NULL;

	ck_assert_str_eq(in->detected_by, "option");
	ck_assert_int_eq(in->format, EXPR_FMT_GENERIC);
	ck_assert_int_eq(in->nsamples, 4);
	ck_assert_str_eq(in->samples[0], "Hugo_Symbol");
	ck_assert_ptr_null(in->study_hint);
	ck_assert_int_eq(expr_next(r, &row, &err), 1);
	ck_assert_str_eq(row->entrez, "7157");
	ck_assert_int_eq(row->status[0], NUM_INVALID);
	expr_close(r);
	free(p);
}
END_TEST

START_TEST(test_generic_measure_from_stem)
{
	static const char *const cases[][2] = {
		{"Counts_Matrix.tsv", "counts_matrix"},
		{"tpm.csv.gz", "tpm"},
		{"sample.level.values.txt", "sample.level.values"},
		{"noext", "noext"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char	   *p = scratch(cases[i][0], "gene\tS1\nTP53\t1\n",
								str_isuffix(cases[i][0], ".gz"));
		expr_reader *r = open_ok(p, NULL);

		ck_assert_int_eq(expr_reader_info(r)->format, EXPR_FMT_GENERIC);
		ck_assert_str_eq(expr_reader_info(r)->measures[0], cases[i][1]);
		expr_close(r);
		free(p);
	}
}
END_TEST

START_TEST(test_generic_refused)
{
	static const char *const cases[][3] = {
		{"one_column.tsv", "gene\nTP53\n",
		"1: a matrix needs a gene column and at least one sample column"},
		{"dup.tsv", "gene\tS1\tS2\tS1\nTP53\t1\t2\t3\n",
		"1: sample column \"S1\" appears twice (columns 2 and 4)"},
		{"blank.csv", "gene,S1,\"\"\nTP53,1,2\n", "1: column 3 has no sample name"},
		{".tsv", "gene\tS1\nTP53\t1\n",
		"cannot name the measure from the file name; pass --measure"},
		{"empty.tsv", "# only a comment\n\n",
		"2: no data: the file is empty or only comments"},
	};
	int			eno;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char	   *p = scratch(cases[i][0], cases[i][1], false);
		char	   *err = open_error(p, NULL, &eno);

		ck_assert_str_eq(err, cases[i][2]);
		ck_assert_int_eq(eno, 0);
		free(err);
		free(p);
	}
}
END_TEST

START_TEST(test_missing_file)
{
	char	   *p = xasprintf("%s/none.tsv", tmpdir);
	int			eno = 0;
	char	   *err = open_error(p, NULL, &eno);

	ck_assert_int_ne(eno, 0);
	ck_assert_ptr_nonnull(strstr(err, "cannot open"));
	free(err);
	free(p);
}
END_TEST

START_TEST(test_wide_stream)
{
	/* 2,000 samples x 1,500 genes, gzip: rows reuse their buffers */
	onc_buf		b;
	char	   *p;
	expr_reader *r;
	const expr_info *in;
	const expr_row *row;
	char	   *err = NULL;
	long		n = 0;
	double		sum = 0,
				want = 0;

	buf_init(&b);
	buf_puts(&b, "Hugo_Symbol\tEntrez_Gene_Id");
	for (int s = 0; s < 2000; s++)
		buf_printf(&b, "\tTCGA-XX-%04d-01", s);
	buf_puts(&b, "\n");
	for (int g = 0; g < 1500; g++)
	{
		buf_printf(&b, "G%d\t%d", g, g + 1);
		for (int s = 0; s < 2000; s++)
			buf_printf(&b, "\t%d.5", (g + s) % 97);
		buf_puts(&b, "\n");
	}
	p = unit_write(tmpdir, "data_wide.txt.gz", b.data, b.len, true);
	buf_free(&b);
	for (int g = 0; g < 1500; g++)
		want += (g + 1999) % 97 + 0.5;

	r = open_ok(p, NULL);
	in = expr_reader_info(r);
	ck_assert_int_eq(in->nsamples, 2000);
	while (expr_next(r, &row, &err) == 1)
	{
		ck_assert_ptr_null(row->error);
		sum += row->values[1999];
		n++;
	}
	ck_assert_int_eq(n, 1500);
	ck_assert(sum == want);
	expr_close(r);
	free(p);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("expr_format");
	TCase	   *own = tcase_create("fixtures");
	char	   *probe = unit_corpus("tcga/expression");
	char	   *probe2 = unit_corpus("cbioportal");
	int			ncases = 1;

	tcase_add_unchecked_fixture(own, setup, teardown);
	tcase_set_timeout(own, 60);
	tcase_add_test(own, test_format_names);
	tcase_add_test(own, test_star_bad_rows);
	tcase_add_test(own, test_star_header_without_comment);
	tcase_add_test(own, test_htseq_measures);
	tcase_add_test(own, test_htseq_needs_measure);
	tcase_add_test(own, test_htseq_rows);
	tcase_add_test(own, test_htseq_by_file_name);
	tcase_add_test(own, test_cbio_measure_from_file_name);
	tcase_add_test(own, test_cbio_fixture);
	tcase_add_test(own, test_cbio_duplicate_sample);
	tcase_add_test(own, test_cbio_by_meta_file);
	tcase_add_test(own, test_firehose_genes);
	tcase_add_test(own, test_firehose_normalized);
	tcase_add_test(own, test_firehose_measure_option);
	tcase_add_test(own, test_generic_csv);
	tcase_add_test(own, test_generic_row_names);
	tcase_add_test(own, test_generic_forced);
	tcase_add_test(own, test_generic_measure_from_stem);
	tcase_add_test(own, test_generic_refused);
	tcase_add_test(own, test_missing_file);
	tcase_add_test(own, test_wide_stream);
	suite_add_tcase(s, own);
	if (probe)
	{
		TCase	   *tc = tcase_create("gdc corpus");

		tcase_add_test(tc, test_star_corpus);
		tcase_add_test(tc, test_star_measure_option);
		tcase_add_test(tc, test_htseq_corpus);
		suite_add_tcase(s, tc);
		ncases++;
	}
	if (probe2)
	{
		TCase	   *tc = tcase_create("cbioportal corpus");

		tcase_add_test(tc, test_cbio_study_corpus);
		tcase_add_test(tc, test_cbio_zscores_corpus);
		tcase_add_test(tc, test_cbio_entrez_only_corpus);
		tcase_add_test(tc, test_cbio_importer_rows_corpus);
		tcase_add_test(tc, test_cbio_blank_heading_corpus);
		suite_add_tcase(s, tc);
		ncases++;
	}
	free(probe);
	free(probe2);
	return unit_run(s, ncases);
}
