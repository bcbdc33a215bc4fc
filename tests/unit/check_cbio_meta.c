/*
 * check_cbio_meta.c: cBioPortal meta files: reading "key: value" lines and
 * finding the meta file that names a data file, in the real study_es_0 and
 * in scratch folders.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbio_meta.h"
#include "onc.h"
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

static void
write_text(const char *name, const char *text)
{
	free(unit_write(tmpdir, name, text, strlen(text), false));
}

START_TEST(test_read_study_meta)
{
	char	   *p = unit_corpus("cbioportal/study_es_0/meta_expression_median.txt");
	cbio_meta  *m;

	if (!p)
		return;
	m = cbio_meta_read(p);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(cbio_meta_get(m, "cancer_study_identifier"), "study_es_0");
	ck_assert_str_eq(cbio_meta_get(m, "genetic_alteration_type"),
					 "MRNA_EXPRESSION");
	ck_assert_str_eq(cbio_meta_get(m, "stable_id"), "mrna");
	ck_assert_str_eq(cbio_meta_get(m, "profile_name"),
					 "mRNA expression (microarray)");
	ck_assert_str_eq(cbio_meta_get(m, "data_filename"),
					 "data_expression_median.txt");
	ck_assert_str_eq(cbio_meta_get(m, "show_profile_in_analysis_tab"), "false");
	ck_assert_ptr_null(cbio_meta_get(m, "source_stable_id"));
	ck_assert_str_eq(cbio_meta_path(m), p);
	cbio_meta_free(m);
	free(p);
}
END_TEST

/* find_for on a corpus data file; want is the expected meta base name. */
static void
assert_found(const char *data, const char *want)
{
	char	   *p = unit_corpus(data);
	cbio_meta  *m;

	if (!p)
		return;
	m = cbio_meta_find_for(p);
	if (!want)
	{
		ck_assert_ptr_null(m);
		free(p);
		return;
	}
	ck_assert_msg(m != NULL, "no meta file found for %s", data);
	ck_assert_str_eq(strrchr(cbio_meta_path(m), '/') + 1, want);
	cbio_meta_free(m);
	free(p);
}

START_TEST(test_find_in_study)
{
	assert_found("cbioportal/study_es_0/data_expression_median.txt",
				 "meta_expression_median.txt");
	assert_found("cbioportal/study_es_0/data_expression_median_Zscores.txt",
				 "meta_expression_median_Zscores.txt");
	assert_found("cbioportal/study_es_0/data_cna_log2.txt", "meta_cna_log2.txt");
	assert_found("cbioportal/study_es_0/data_mutations_extended.maf",
				 "meta_mutations_extended.txt");
	/* a study's own meta file and case lists are described by none */
	assert_found("cbioportal/study_es_0/meta_study.txt", NULL);
	assert_found("cbioportal/study_es_0/case_lists/cases_custom.txt", NULL);
	assert_found("cbioportal/importer/mrna_test.txt", NULL);
}
END_TEST

START_TEST(test_zscores_meta)
{
	char	   *p = unit_corpus("cbioportal/study_es_0/"
								"data_expression_median_Zscores.txt");
	cbio_meta  *m;

	if (!p)
		return;
	m = cbio_meta_find_for(p);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(cbio_meta_get(m, "stable_id"), "mrna_median_Zscores");
	ck_assert_str_eq(cbio_meta_get(m, "source_stable_id"), "mrna");
	ck_assert_str_eq(cbio_meta_get(m, "datatype"), "Z-SCORE");
	cbio_meta_free(m);
	free(p);
}
END_TEST

START_TEST(test_read_rules)
{
	cbio_meta  *m;
	char	   *p;

	write_text("meta_rules.txt",
			   "# a comment: not a key\r\n"
			   "\r\n"
			   "cancer_study_identifier:   hnsc_tcga  \r\n"
			   "profile_description: Values: RSEM (batch normalized)\r\n"
			   "no colon on this line\r\n"
			   "stable_id: first\r\n"
			   "stable_id: second\r\n"
			   "empty_value:\r\n"
			   "data_filename: data_x.txt");
	p = xasprintf("%s/meta_rules.txt", tmpdir);
	m = cbio_meta_read(p);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(cbio_meta_get(m, "cancer_study_identifier"), "hnsc_tcga");
	ck_assert_str_eq(cbio_meta_get(m, "profile_description"),
					 "Values: RSEM (batch normalized)");
	ck_assert_str_eq(cbio_meta_get(m, "stable_id"), "first");
	ck_assert_str_eq(cbio_meta_get(m, "STABLE_ID"), "first");
	ck_assert_str_eq(cbio_meta_get(m, "empty_value"), "");
	ck_assert_str_eq(cbio_meta_get(m, "data_filename"), "data_x.txt");
	ck_assert_ptr_null(cbio_meta_get(m, "# a comment"));
	ck_assert_ptr_null(cbio_meta_get(m, "no colon on this line"));
	ck_assert_ptr_null(cbio_meta_get(NULL, "stable_id"));
	cbio_meta_free(m);
	free(p);
}
END_TEST

START_TEST(test_read_missing)
{
	char	   *p = xasprintf("%s/meta_none.txt", tmpdir);

	errno = 0;
	ck_assert_ptr_null(cbio_meta_read(p));
	ck_assert_int_eq(errno, ENOENT);
	free(p);
}
END_TEST

START_TEST(test_find_choices)
{
	char	   *data;
	char	   *cwd;
	cbio_meta  *m;

	write_text("data_expr.txt", "Hugo_Symbol\tS1\nTP53\t1\n");
	/* only meta*.txt files count, and only an exact data_filename */
	write_text("other.txt", "data_filename: data_expr.txt\n");
	write_text("meta_a.txt.bak", "data_filename: data_expr.txt\n");
	write_text("meta_b.txt", "data_filename: data_expr.txt.gz\n");
	write_text("meta_c.txt", "stable_id: c\ndata_filename: data_expr.txt\n");
	write_text("meta_d.txt", "stable_id: d\ndata_filename: data_expr.txt\n");
	data = xasprintf("%s/data_expr.txt", tmpdir);
	m = cbio_meta_find_for(data);
	ck_assert_ptr_nonnull(m);
	/* two claim it: the first by name wins */
	ck_assert_str_eq(cbio_meta_get(m, "stable_id"), "c");
	cbio_meta_free(m);

	/* a bare file name looks in the current folder */
	cwd = getcwd(NULL, 0);
	ck_assert_int_eq(chdir(tmpdir), 0);
	m = cbio_meta_find_for("data_expr.txt");
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(cbio_meta_path(m), "meta_c.txt");
	cbio_meta_free(m);

	free(data);
	data = xasprintf("%s/data_other.txt", tmpdir);
	ck_assert_ptr_null(cbio_meta_find_for(data));
	free(data);
	data = xasprintf("%s/no/such/folder/data_expr.txt", tmpdir);
	ck_assert_ptr_null(cbio_meta_find_for(data));
	free(data);
	free(cwd);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("cbio_meta");
	TCase	   *own = tcase_create("scratch");
	char	   *probe = unit_corpus("cbioportal/study_es_0");
	int			ncases = 1;

	tcase_add_unchecked_fixture(own, setup, teardown);
	tcase_add_test(own, test_read_rules);
	tcase_add_test(own, test_read_missing);
	tcase_add_test(own, test_find_choices);
	suite_add_tcase(s, own);
	if (probe)
	{
		TCase	   *corpus = tcase_create("corpus");

		tcase_add_test(corpus, test_read_study_meta);
		tcase_add_test(corpus, test_find_in_study);
		tcase_add_test(corpus, test_zscores_meta);
		suite_add_tcase(s, corpus);
		ncases++;
	}
	free(probe);
	return unit_run(s, ncases);
}
