/*
 * check_biotab.c: BCR Biotab tables: the real HNSC patient table (names
 * from the second header row, bracketed missing tokens), a drug table
 * (entity and instance from the file name and barcode), and bad rows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "biotab.h"
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

START_TEST(test_hnsc_patient_table)
{
	char	   *p = unit_corpus("tcga/biotab/nationwidechildrens.org_clinical_patient_hnsc.txt");
	char	   *err = NULL;
	clin_info	info;
	biotab_reader *r = biotab_open(p, &info, &err, NULL);
	const clin_record *rec;
	int			n = 0;

	ck_assert_msg(r != NULL, "%s", err ? err : "?");
	ck_assert_str_eq(info.format_name, "bcr-biotab");
	ck_assert_str_eq(info.study_hint, "TCGA-HNSC");
	ck_assert_int_eq(info.columns, 68);
	while (biotab_next(r, &rec, &err) == 1)
	{
		ck_assert_ptr_null(rec->error);
		ck_assert(rec->defines_patient);
		ck_assert_int_eq(rec->nfields, 68);
		if (n == 0)
		{
			ck_assert_int_eq(rec->line, 4);
			ck_assert_str_eq(rec->patient_id, "TCGA-4P-AA8J");
			/* the second row's names: the first row repeats lymph_node_dissection_method */
			ck_assert_str_eq(field(rec, "lymphnode_dissection_method_left")->value, "Modified Radical Neck Dissection");
			ck_assert_str_eq(field(rec, "anatomic_neoplasm_subdivision")->value, "Oral Tongue");
			ck_assert_str_eq(field(rec, "pathologic_stage")->value, "Stage IVA");
			ck_assert_ptr_null(field(rec, "days_to_death")->value);
			ck_assert_str_eq(field(rec, "days_to_death")->missing, "Not Applicable");
			ck_assert_str_eq(field(rec, "p53_gene_analysis")->missing, "Not Evaluated");
			ck_assert_str_eq(field(rec, "tobacco_smoking_history")->missing, "Unknown");
			ck_assert_int_eq(field(rec, "gender")->col, 9);
			ck_assert_str_eq(field(rec, "gender")->entity, "patient");
		}
		n++;
	}
	ck_assert_ptr_null(err);
	ck_assert_int_eq(n, 528);
	biotab_close(r);
	free(p);
}
END_TEST

START_TEST(test_drug_table)
{
	char	   *p = unit_fixture("clinical/nationwidechildrens.org_clinical_drug_hnsc.txt");
	char	   *err = NULL;
	clin_info	info;
	biotab_reader *r = biotab_open(p, &info, &err, NULL);
	const clin_record *rec;

	ck_assert_msg(r != NULL, "%s", err ? err : "?");
	ck_assert_str_eq(info.layout, "drug");
	ck_assert_int_eq(biotab_next(r, &rec, &err), 1);
	ck_assert(!rec->defines_patient);
	ck_assert_str_eq(rec->fields[0].entity, "drug");
	ck_assert_str_eq(rec->fields[0].instance, "TCGA-ZZ-7100-D1001");
	ck_assert_str_eq(field(rec, "drug_name")->value, "Cisplatin");
	ck_assert_int_eq(biotab_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->fields[0].instance, "TCGA-ZZ-7100-D1002");
	ck_assert_str_eq(field(rec, "total_dose_units")->missing, "Not Available");
	ck_assert_int_eq(biotab_next(r, &rec, &err), 0);
	biotab_close(r);
	free(p);
}
END_TEST

START_TEST(test_bad_rows)
{
	char	   *dir = unit_mkdtemp();
	static const char text[] =
		"a\tb\tc\nbcr_patient_uuid\tbcr_patient_barcode\tgender\nCDE_ID:\tCDE_ID:1\tCDE_ID:2\n"
		"u1\tTCGA-CV-0001\tMALE\n"
		"u2\tTCGA-CV-0002\n"
		"u3\t[Not Available]\tFEMALE\n";
	char	   *p = unit_write(dir, "nationwidechildrens.org_clinical_patient_hnsc.txt", text, strlen(text), false);
	char	   *err = NULL;
	clin_info	info;
	biotab_reader *r = biotab_open(p, &info, &err, NULL);
	const clin_record *rec;

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(biotab_next(r, &rec, &err), 1);
	ck_assert_ptr_null(rec->error);
	ck_assert_int_eq(biotab_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->error_code, "column_count");
	ck_assert_int_eq(rec->line, 5);
	ck_assert_str_eq(rec->raw, "u2\tTCGA-CV-0002");
	ck_assert_int_eq(biotab_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->error_code, "patient_missing");
	ck_assert_int_eq(biotab_next(r, &rec, &err), 0);
	biotab_close(r);
	free(p);

	/* no CDE row, no barcode column */
	p = unit_write(dir, "short.txt", "a\tb\nc\td\n", 8, false);
	ck_assert_ptr_null(biotab_open(p, &info, &err, NULL));
	ck_assert_ptr_nonnull(err);
	free(err);
	err = NULL;
	free(p);
	p = unit_write(dir, "nobc.txt", "a\tb\nc\td\nCDE_ID:\tCDE_ID:\n1\t2\n", 28, false);
	ck_assert_ptr_null(biotab_open(p, &info, &err, NULL));
	ck_assert_msg(strstr(err, "bcr_patient_barcode"), "%s", err);
	free(err);
	free(p);
	unit_rmdir(dir);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("biotab");
	TCase	   *own = tcase_create("fixtures");
	char	   *probe = unit_corpus("tcga/biotab");
	int			ncases = 1;

	tcase_add_test(own, test_drug_table);
	tcase_add_test(own, test_bad_rows);
	suite_add_tcase(s, own);
	if (probe)
	{
		TCase	   *tc = tcase_create("corpus");

		tcase_add_test(tc, test_hnsc_patient_table);
		suite_add_tcase(s, tc);
		ncases++;
	}
	free(probe);
	return unit_run(s, ncases);
}
