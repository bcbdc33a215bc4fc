/*
 * check_samplesheet.c: GDC sample sheets old and new, lists in cells,
 * lookups by File ID and File Name, and the sheets it refuses.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "samplesheet.h"
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

static samplesheet *
read_fixture(const char *name)
{
	char	   *p = unit_fixture(name);
	char	   *err = NULL;
	samplesheet *ss = samplesheet_read(p, &err);

	ck_assert_msg(ss != NULL, "%s: %s", p, err ? err : "?");
	ck_assert_ptr_null(err);
	free(p);
	return ss;
}

/* Read text written to a scratch file; returns the sheet or NULL + *err. */
static samplesheet *
read_text(const char *name, const char *text, bool gz, char **err)
{
	char	   *p = unit_write(tmpdir, name, text, strlen(text), gz);
	samplesheet *ss = samplesheet_read(p, err);

	free(p);
	return ss;
}

START_TEST(test_classic_sheet)
{
	samplesheet *ss = read_fixture("expression/gdc_sample_sheet.tsv");
	const ss_entry *e;

	ck_assert_uint_eq(samplesheet_count(ss), 5);
	e = samplesheet_entry(ss, 0);
	ck_assert_str_eq(e->file_id, "3b5a1f9e-0c1d-4e2f-9a8b-7c6d5e4f3a21");
	ck_assert_str_eq(e->file_name, "3b5a1f9e-0c1d-4e2f-9a8b-7c6d5e4f3a21."
					 "rna_seq.augmented_star_gene_counts.tsv");
	ck_assert_str_eq(e->data_category, "Transcriptome Profiling");
	ck_assert_str_eq(e->data_type, "Gene Expression Quantification");
	ck_assert_str_eq(e->project_id, "TCGA-HNSC");
	ck_assert_str_eq(e->case_id, "TCGA-CV-5430");
	ck_assert_str_eq(e->sample_id, "TCGA-CV-5430-01A");
	ck_assert_str_eq(e->sample_type, "Primary Tumor");
	ck_assert_int_eq(e->nsamples, 1);
	ck_assert_int_eq(e->line, 2);

	e = samplesheet_entry(ss, 1);
	ck_assert_str_eq(e->sample_id, "TCGA-CV-5430-11A");
	ck_assert_str_eq(e->sample_type, "Solid Tissue Normal");
	ck_assert_int_eq(e->line, 3);

	/* line 4 is blank; the MAF lists two samples */
	e = samplesheet_entry(ss, 2);
	ck_assert_int_eq(e->line, 5);
	ck_assert_str_eq(e->case_id, "TCGA-CV-5430");
	ck_assert_str_eq(e->sample_id, "TCGA-CV-5430-01A");
	ck_assert_str_eq(e->sample_type, "Primary Tumor");
	ck_assert_int_eq(e->nsamples, 2);

	/* clinical files have no sample */
	e = samplesheet_entry(ss, 3);
	ck_assert_str_eq(e->sample_id, "");
	ck_assert_int_eq(e->nsamples, 0);
	ck_assert_str_eq(e->sample_type, "");

	ck_assert_ptr_null(samplesheet_entry(ss, 5));
	samplesheet_free(ss);
}
END_TEST

START_TEST(test_find)
{
	samplesheet *ss = read_fixture("expression/gdc_sample_sheet.tsv");
	const ss_entry *e;

	e = samplesheet_find(ss, "a0e3c2d1-5b6f-4a7e-8d9c-0f1e2d3c4b5a", NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->sample_id, "TCGA-CV-5430-11A");

	e = samplesheet_find(ss, NULL, "TCGA-HNSC.masked_somatic_mutation.maf.gz");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->line, 5);

	/* an unknown id falls back to the name */
	e = samplesheet_find(ss, "00000000-0000-0000-0000-000000000000",
						 "3b5a1f9e-0c1d-4e2f-9a8b-7c6d5e4f3a21."
						 "rna_seq.augmented_star_gene_counts.tsv");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->line, 2);

	/* the id wins over the name */
	e = samplesheet_find(ss, "a0e3c2d1-5b6f-4a7e-8d9c-0f1e2d3c4b5a",
						 "TCGA-HNSC.masked_somatic_mutation.maf.gz");
	ck_assert_int_eq(e->line, 3);

	/* a name two rows share does not identify a file; their ids do */
	ck_assert_ptr_null(samplesheet_find(ss, NULL, "shared_name.txt"));
	e = samplesheet_find(ss, "e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a6b",
						 "shared_name.txt");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->case_id, "TCGA-BA-4075");

	ck_assert_ptr_null(samplesheet_find(ss, "nope", "nope"));
	ck_assert_ptr_null(samplesheet_find(ss, "", ""));
	ck_assert_ptr_null(samplesheet_find(ss, NULL, NULL));
	samplesheet_free(ss);
}
END_TEST

START_TEST(test_new_portal_sheet)
{
	/* CRLF, and "Sample Type" replaced by four other columns */
	samplesheet *ss = read_fixture("expression/gdc_sample_sheet_2024.tsv");
	const ss_entry *e;

	ck_assert_uint_eq(samplesheet_count(ss), 1);
	e = samplesheet_find(ss, "5f4e3d2c-1b0a-4987-8654-3210fedcba98", NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->sample_id, "TCGA-CV-7100-01A");
	ck_assert_str_eq(e->project_id, "TCGA-HNSC");
	ck_assert_ptr_null(e->sample_type);
	samplesheet_free(ss);
}
END_TEST

START_TEST(test_names_any_order_and_case)
{
	const char *text =
		"\xEF\xBB\xBF" "file name\tExtra\tSAMPLE ID\tfile id\tCase ID \n"
		"x.tsv\t1\tTCGA-CV-5430-01A\tid-1\tTCGA-CV-5430\n";
	char	   *err = NULL;
	samplesheet *ss = read_text("order.tsv.gz", text, true, &err);
	const ss_entry *e;

	ck_assert_msg(ss != NULL, "%s", err);
	e = samplesheet_find(ss, "id-1", NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->file_name, "x.tsv");
	ck_assert_str_eq(e->case_id, "TCGA-CV-5430");
	ck_assert_ptr_null(e->data_category);
	ck_assert_ptr_null(e->project_id);
	samplesheet_free(ss);
}
END_TEST

static void
assert_refused(const char *name, const char *text, const char *want)
{
	char	   *err = NULL;
	samplesheet *ss = read_text(name, text, false, &err);

	ck_assert_ptr_null(ss);
	ck_assert_ptr_nonnull(err);
	ck_assert_str_eq(err, want);
	free(err);
}

START_TEST(test_refused)
{
	assert_refused("nohdr.tsv", "id\tname\n",
				   "1: not a GDC sample sheet: no \"File ID\" column");
	assert_refused("nosample.tsv", "\nFile ID\tFile Name\tCase ID\n",
				   "2: not a GDC sample sheet: no \"Sample ID\" column");
	assert_refused("short.tsv",
				   "File ID\tFile Name\tCase ID\tSample ID\n"
				   "a\tb\tc\td\n"
				   "a2\tb2\tc2\n",
				   "3: expected 4 tab-separated fields, found 3");
	assert_refused("dup.tsv",
				   "File ID\tFile Name\tCase ID\tSample ID\n"
				   "a\tb\tc\td\n"
				   "x\ty\tc\td\n"
				   "a\tb2\tc\td\n",
				   "4: File ID a is already on line 2");
	assert_refused("noid.tsv",
				   "File ID\tFile Name\tCase ID\tSample ID\n"
				   "\tb\tc\td\n",
				   "2: empty File ID or File Name");
	assert_refused("empty.tsv", "", "1: the sample sheet is empty");
}
END_TEST

START_TEST(test_missing_file)
{
	char	   *err = NULL;
	char	   *p = xasprintf("%s/none.tsv", tmpdir);

	ck_assert_ptr_null(samplesheet_read(p, &err));
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
	free(err);
	free(p);
}
END_TEST

START_TEST(test_many_rows)
{
	onc_buf		b;
	char	   *err = NULL;
	samplesheet *ss;

	buf_init(&b);
	buf_puts(&b, "File ID\tFile Name\tCase ID\tSample ID\n");
	for (int i = 0; i < 5000; i++)
		buf_printf(&b, "uuid-%d\tfile-%d.tsv\tcase-%d\tsample-%d\n",
				   i, i, i / 2, i);
	ss = read_text("many.tsv", b.data, false, &err);
	ck_assert_ptr_nonnull(ss);
	ck_assert_uint_eq(samplesheet_count(ss), 5000);
	for (int i = 0; i < 5000; i += 7)
	{
		char		id[32],
					name[32],
					sample[32];
		const ss_entry *e;

		snprintf(id, sizeof(id), "uuid-%d", i);
		snprintf(name, sizeof(name), "file-%d.tsv", i);
		snprintf(sample, sizeof(sample), "sample-%d", i);
		e = samplesheet_find(ss, id, NULL);
		ck_assert_ptr_nonnull(e);
		ck_assert_str_eq(e->sample_id, sample);
		ck_assert_ptr_eq(samplesheet_find(ss, NULL, name), e);
	}
	samplesheet_free(ss);
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("samplesheet");
	TCase	   *tc = tcase_create("read");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_classic_sheet);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_new_portal_sheet);
	tcase_add_test(tc, test_names_any_order_and_case);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_many_rows);
	suite_add_tcase(s, tc);
	return unit_run(s, 1);
}
