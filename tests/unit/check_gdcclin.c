/*
 * check_gdcclin.c: GDC clinical cart TSVs: the current layout (the LUAD
 * cart of the corpus: entities once per case, the primary diagnosis with
 * the patient, exposures without an ID) and the 2022 flat layout; a file of
 * other entities names its case by reference.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gdcclin.h"
#include "onc.h"
#include "unit.h"

static const clin_field *
field(const clin_record *rec, const char *name, const char *entity)
{
	for (int i = 0; i < rec->nfields; i++)
		if (strcmp(rec->fields[i].name, name) == 0 && (!entity || strcmp(rec->fields[i].entity, entity) == 0))
			return &rec->fields[i];
	return NULL;
}

static int
count_entity(const clin_record *rec, const char *entity)
{
	int			n = 0;

	for (int i = 0; i < rec->nfields; i++)
		n += strcmp(rec->fields[i].entity, entity) == 0;
	return n;
}

/* gdcclin_open, which must succeed (the reason in the failure if not) */
static gdcclin_reader *
open_ok(const char *path, clin_info *info)
{
	char	   *err = NULL;
	gdcclin_reader *r = gdcclin_open(path, info, &err, NULL);

	ck_assert_msg(r != NULL, "%s: %s", path, err ? err : "?");
	return r;
}

START_TEST(test_current_layout)
{
	char	   *p = unit_corpus("tcga/gdc_clinical_tsv/portal_v2_2025_luad/clinical.tsv");
	char	   *err = NULL;
	clin_info	info;
	gdcclin_reader *r = open_ok(p, &info);
	const clin_record *rec;
	int			rows = 0,
				treatments = 0;
	long		patient_fields = 0;

	ck_assert_str_eq(info.format_name, "gdc-clinical-tsv");
	ck_assert_str_eq(info.layout, "current");
	ck_assert_str_eq(info.study_hint, "TCGA-LUAD");
	ck_assert_int_eq(info.columns, 210);
	while (gdcclin_next(r, &rec, &err) == 1)
	{
		const clin_field *f;

		ck_assert_ptr_null(rec->error);
		if (rows == 0)
		{
			ck_assert_str_eq(rec->patient_id, "TCGA-62-A471");
			ck_assert_int_eq(rec->line, 2);
			f = field(rec, "demographic.gender", NULL);
			ck_assert_str_eq(f->value, "male");
			ck_assert_str_eq(f->entity, "patient");
			f = field(rec, "demographic.days_to_death", NULL);
			ck_assert_str_eq(f->missing, "'--");
			/* the primary diagnosis is the patient's */
			f = field(rec, "diagnoses.ajcc_pathologic_stage", "patient");
			ck_assert_ptr_nonnull(f);
			ck_assert_str_eq(f->value, "Stage IIB");
			ck_assert_str_eq(f->instance, "");
		}
		else if (rows == 1)
		{
			/* the same case again: only what the first row did not give */
			ck_assert_str_eq(rec->patient_id, "TCGA-62-A471");
			ck_assert_int_eq(count_entity(rec, "patient"), 0);
		}
		patient_fields += count_entity(rec, "patient");
		treatments += field(rec, "treatments.treatment_id", "treatment") != NULL;
		rows++;
	}
	ck_assert_ptr_null(err);
	ck_assert_int_eq(rows, 2466);
	ck_assert_int_gt(treatments, 1000);
	ck_assert_int_gt(patient_fields, 585 * 30);
	gdcclin_close(r);
	free(p);
}
END_TEST

START_TEST(test_exposure_without_ids)
{
	char	   *p = unit_corpus("tcga/gdc_clinical_tsv/portal_v2_2025_luad/exposure.tsv");
	char	   *err = NULL;
	clin_info	info;
	gdcclin_reader *r = open_ok(p, &info);
	const clin_record *rec;

	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	/* exposures.exposure_id is '--: the exposure is identified by its content */
	ck_assert_str_eq(field(rec, "exposures.exposure_type", "exposure")->value, "Tobacco");
	ck_assert_str_eq(field(rec, "exposures.exposure_type", "exposure")->instance, "1");
	/* the case's IDs go with the exposure: they say whose it is */
	ck_assert_int_eq(count_entity(rec, "patient"), 0);
	ck_assert_str_eq(field(rec, "cases.submitter_id", "exposure")->value, rec->patient_id);
	ck_assert_str_eq(field(rec, "cases.submitter_id", "exposure")->instance, "1");
	ck_assert_str_eq(field(rec, "cases.case_id", "exposure")->value, rec->patient_uuid);
	ck_assert_ptr_nonnull(field(rec, "project.project_id", "exposure"));
	gdcclin_close(r);
	free(p);
}
END_TEST

/*
 * The case's ID columns, in a file of other entities, go with each row's
 * first new entity; a row without one gives them as the patient's (once),
 * and the UUID comes with every record; a reference to another entity on
 * such a row is that entity's.  In a file with the case's own fields they
 * are the patient's, as before.
 */
START_TEST(test_case_reference)
{
	char	   *dir = unit_mkdtemp();
	char	   *err = NULL;
	clin_info	info;
	gdcclin_reader *r;
	const clin_record *rec;
	static const char cur[] =
		"project.project_id\tcases.case_id\tcases.submitter_id\tfollow_ups.follow_up_id\tfollow_ups.days_to_follow_up\n"
		"TCGA-HNSC\tu-1\tTCGA-CV-1\tf-1\t30\n"
		"TCGA-HNSC\tu-1\tTCGA-CV-1\tf-2\t60\n"
		"TCGA-HNSC\t'--\tTCGA-CV-2\t'--\t'--\n"
		"TCGA-HNSC\t'--\tTCGA-CV-2\t'--\t'--\n";
	static const char flat[] =
		"project_id\tcase_id\tcase_submitter_id\tfollow_up_id\tdays_to_follow_up\n"
		"TCGA-HNSC\tu-9\tTCGA-CV-9\tf-9\t90\n";
	static const char path[] =
		"project.project_id\tcases.case_id\tcases.submitter_id\tdiagnoses.diagnosis_id\tdiagnoses.submitter_id\t"
		"pathology_details.pathology_detail_id\tpathology_details.margin_status\n"
		"TCGA-HNSC\tu-1\tTCGA-CV-1\td-1\tCV-1_d1\tp-1\tNegative\n"
		"TCGA-HNSC\tu-1\tTCGA-CV-1\td-2\tCV-1_d2\t'--\t'--\n"
		"TCGA-HNSC\tu-1\tTCGA-CV-1\td-2\tCV-1_d2\t'--\t'--\n";
	static const char own[] =
		"project.project_id\tcases.case_id\tcases.submitter_id\tdemographic.gender\tfollow_ups.follow_up_id\t"
		"follow_ups.days_to_follow_up\nTCGA-HNSC\tu-1\tTCGA-CV-1\tmale\tf-1\t30\n";
	char	   *p = unit_write(dir, "f.tsv", cur, strlen(cur), false);

	r = open_ok(p, &info);
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->patient_uuid, "u-1");
	ck_assert_int_eq(count_entity(rec, "patient"), 0);
	ck_assert_int_eq(count_entity(rec, "follow_up"), 5);
	ck_assert_str_eq(field(rec, "cases.case_id", "follow_up")->instance, "f-1");
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(field(rec, "cases.submitter_id", "follow_up")->instance, "f-2");
	/* no follow-up on the row: the IDs are the patient's, once */
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_ptr_null(rec->patient_uuid);
	ck_assert_int_eq(rec->nfields, 3);
	ck_assert_int_eq(count_entity(rec, "patient"), 3);
	ck_assert_str_eq(field(rec, "cases.case_id", "patient")->missing, "'--");
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_int_eq(rec->nfields, 0);
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 0);
	gdcclin_close(r);
	free(p);

	/* a reference to another entity on a row with none of its own: that entity's, by its ID */
	p = unit_write(dir, "path.tsv", path, strlen(path), false);
	r = open_ok(p, &info);
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_int_eq(count_entity(rec, "pathology_detail"), 7);
	ck_assert_int_eq(count_entity(rec, "diagnosis"), 0);
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_int_eq(rec->nfields, 5);
	ck_assert_int_eq(count_entity(rec, "patient"), 3);
	ck_assert_int_eq(count_entity(rec, "diagnosis"), 2);
	ck_assert_str_eq(field(rec, "diagnoses.diagnosis_id", NULL)->instance, "d-2");
	ck_assert_str_eq(field(rec, "diagnoses.submitter_id", NULL)->value, "CV-1_d2");
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_int_eq(rec->nfields, 0);
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 0);
	gdcclin_close(r);
	free(p);

	p = unit_write(dir, "flat.tsv", flat, strlen(flat), false);
	r = open_ok(p, &info);
	ck_assert_str_eq(info.layout, "2022 flat");
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->patient_uuid, "u-9");
	ck_assert_int_eq(count_entity(rec, "patient"), 0);
	ck_assert_str_eq(field(rec, "case_submitter_id", NULL)->entity, "follow_up");
	gdcclin_close(r);
	free(p);

	p = unit_write(dir, "own.tsv", own, strlen(own), false);
	r = open_ok(p, &info);
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(field(rec, "cases.case_id", NULL)->entity, "patient");
	ck_assert_str_eq(field(rec, "cases.submitter_id", NULL)->entity, "patient");
	ck_assert_int_eq(count_entity(rec, "follow_up"), 2);
	gdcclin_close(r);
	free(p);
	unit_rmdir(dir);
	free(dir);
}
END_TEST

START_TEST(test_flat_layout)
{
	char	   *p = unit_fixture("clinical/gdc_2022_clinical.tsv");
	char	   *err = NULL;
	clin_info	info;
	gdcclin_reader *r = open_ok(p, &info);
	const clin_record *rec;

	ck_assert_str_eq(info.layout, "2022 flat");
	ck_assert_str_eq(info.study_hint, "TCGA-HNSC");
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->patient_id, "TCGA-ZZ-7100");
	ck_assert_str_eq(field(rec, "gender", NULL)->entity, "patient");
	ck_assert_str_eq(field(rec, "ajcc_pathologic_stage", NULL)->entity, "patient");
	ck_assert_str_eq(field(rec, "treatment_type", NULL)->entity, "treatment");
	ck_assert_str_eq(field(rec, "treatment_type", NULL)->instance, "1");
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	/* the second row: only its own treatment */
	ck_assert_int_eq(rec->nfields, count_entity(rec, "treatment"));
	ck_assert_str_eq(field(rec, "treatment_type", NULL)->value, "Pharmaceutical Therapy, NOS");
	ck_assert_str_eq(field(rec, "treatment_type", NULL)->instance, "2");
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->patient_id, "TCGA-ZZ-7101");
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 0);
	gdcclin_close(r);
	free(p);
}
END_TEST

START_TEST(test_bad)
{
	char	   *dir = unit_mkdtemp();
	char	   *err = NULL;
	clin_info	info;
	gdcclin_reader *r;
	const clin_record *rec;
	static const char text[] = "project.project_id\tcases.submitter_id\tdemographic.gender\n"
		"TCGA-HNSC\tTCGA-CV-1\tmale\nTCGA-HNSC\tTCGA-CV-2\n";
	char	   *p = unit_write(dir, "c.tsv", text, strlen(text), false);

	ck_assert(gdcclin_sniff("cases.case_id\tcases.submitter_id"));
	ck_assert(!gdcclin_sniff("a_cases.submitter_id\tb"));
	r = gdcclin_open(p, &info, &err, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_int_eq(gdcclin_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->error_code, "column_count");
	ck_assert_int_eq(rec->line, 3);
	gdcclin_close(r);
	free(p);
	p = unit_write(dir, "n.tsv", "project.project_id\tx\n", 21, false);
	ck_assert_ptr_null(gdcclin_open(p, &info, &err, NULL));
	ck_assert_msg(strstr(err, "submitter_id"), "%s", err);
	free(err);
	free(p);
	unit_rmdir(dir);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("gdcclin");
	TCase	   *own = tcase_create("fixtures");
	char	   *probe = unit_corpus("tcga/gdc_clinical_tsv");
	int			ncases = 1;

	tcase_add_test(own, test_flat_layout);
	tcase_add_test(own, test_bad);
	tcase_add_test(own, test_case_reference);
	suite_add_tcase(s, own);
	if (probe)
	{
		TCase	   *tc = tcase_create("corpus");

		tcase_set_timeout(tc, 60);
		tcase_add_test(tc, test_current_layout);
		tcase_add_test(tc, test_exposure_without_ids);
		suite_add_tcase(s, tc);
		ncases++;
	}
	free(probe);
	return unit_run(s, ncases);
}
