/*
 * check_cbioclin.c: cBioPortal clinical files: study_es_0's patient and
 * sample files with their meta files, the importer's combined file with a
 * PATIENT/SAMPLE row, a file without "#" rows, and the headers refused.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cbioclin.h"
#include "onc.h"
#include "unit.h"

static const clin_field *
field(const clin_record *rec, const char *name)
{
	for (int i = 0; i < rec->nfields; i++)
		if (strcmp(rec->fields[i].name, name) == 0)
			return &rec->fields[i];
	return NULL;
}

static cbioclin_reader *
open_ok(const char *rel, clin_info *info)
{
	char	   *p = unit_corpus(rel);
	char	   *err = NULL;
	cbioclin_reader *r = cbioclin_open(p, info, &err, NULL);

	ck_assert_msg(r != NULL, "%s: %s", rel, err ? err : "?");
	free(p);
	return r;
}

START_TEST(test_study_es_0)
{
	clin_info	info;
	cbioclin_reader *r = open_ok("cbioportal/study_es_0/data_clinical_patients.txt", &info);
	const clin_record *rec;
	char	   *err = NULL;
	int			n = 0;

	ck_assert_str_eq(info.study_hint, "study_es_0");
	ck_assert_str_eq(info.layout, "patient");
	ck_assert_ptr_null(info.warning);
	ck_assert_int_eq(cbioclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->patient_id, "TCGA-A2-A04P");
	ck_assert(rec->defines_patient);
	ck_assert_ptr_null(rec->sample_id);
	ck_assert_str_eq(field(rec, "OS_STATUS")->missing, "empty");
	ck_assert_str_eq(field(rec, "DFS_MONTHS")->missing, "Not Available");
	ck_assert(field(rec, "OS_MONTHS")->declared);
	ck_assert_int_eq(field(rec, "OS_MONTHS")->declared_type, CLIN_NUMBER);
	ck_assert_int_eq(field(rec, "OS_MONTHS")->col, 3);
	ck_assert_ptr_null(field(rec, "PATIENT_ID"));	/* the key, not a fact */
	ck_assert_int_eq(rec->line, 6);
	while (cbioclin_next(r, &rec, &err) == 1)
		n++;
	ck_assert_int_eq(n + 1, 841);
	cbioclin_close(r);

	r = open_ok("cbioportal/study_es_0/data_clinical_samples.txt", &info);
	ck_assert_str_eq(info.layout, "sample");
	ck_assert_int_eq(cbioclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->sample_id, "TCGA-A2-A04P-01");
	ck_assert(!rec->creates_patient);
	ck_assert(rec->defines_sample);
	ck_assert_str_eq(field(rec, "SUBTYPE")->entity, "sample");
	cbioclin_close(r);
}
END_TEST

START_TEST(test_combined_and_headerless)
{
	clin_info	info;
	cbioclin_reader *r = open_ok("cbioportal/importer/clinical_data_small.txt", &info);
	const clin_record *rec;
	char	   *err = NULL;

	ck_assert_str_eq(info.layout, "combined");
	ck_assert_int_eq(cbioclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(field(rec, "SUBTYPE")->entity, "sample");
	ck_assert_str_eq(field(rec, "OS_STATUS")->entity, "patient");
	ck_assert_str_eq(rec->sample_id, "TCGA-A2-A04P-01");
	ck_assert(rec->creates_patient);
	cbioclin_close(r);

	r = open_ok("cbioportal/validator/data_clinical_pat_no_hdr.txt", &info);
	ck_assert_ptr_nonnull(info.warning);
	ck_assert_int_eq(cbioclin_next(r, &rec, &err), 1);
	ck_assert(!field(rec, "AGE")->declared);
	ck_assert_str_eq(field(rec, "AGE")->value, "60");
	cbioclin_close(r);
}
END_TEST

START_TEST(test_refused)
{
	static const char *const bad[][2] = {
		{"cbioportal/importer/clinical_data_small_PATIENT_datatype_error.txt", "3:2: unknown datatype \"DOUBLE\""},
		{"cbioportal/importer/clinical_data_small_missing_PATIENTID.txt", "no PATIENT_ID column"},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		char	   *p = unit_corpus(bad[i][0]);
		char	   *err = NULL;
		clin_info	info;

		ck_assert_ptr_null(cbioclin_open(p, &info, &err, NULL));
		ck_assert_msg(err && strstr(err, bad[i][1]), "%s: %s", bad[i][0], err ? err : "no error");
		free(err);
		free(p);
	}
	{
		clin_info	info;
		cbioclin_reader *r = open_ok("cbioportal/importer/clinical_data_small_WRONG_NR_COLS.txt", &info);
		const clin_record *rec;
		char	   *err = NULL;

		ck_assert_int_eq(cbioclin_next(r, &rec, &err), 1);
		ck_assert_int_eq(cbioclin_next(r, &rec, &err), 1);
		ck_assert_int_eq(cbioclin_next(r, &rec, &err), 1);
		ck_assert_str_eq(rec->error_code, "column_count");
		ck_assert_int_eq(rec->line, 9);
		ck_assert_str_eq(rec->raw, "abc");
		cbioclin_close(r);
	}
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("cbioclin");
	char	   *probe = unit_corpus("cbioportal/importer");
	int			ncases = 0;

	if (probe)
	{
		TCase	   *tc = tcase_create("corpus");

		tcase_add_test(tc, test_study_es_0);
		tcase_add_test(tc, test_combined_and_headerless);
		tcase_add_test(tc, test_refused);
		suite_add_tcase(s, tc);
		ncases++;
	}
	free(probe);
	return unit_run(s, ncases);
}
