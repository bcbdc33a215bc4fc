/*
 * check_clin_model.c: the clinical model's typed attributes: which source
 * names fill them, and the normal forms (stages, TNM, smoking codes, use of
 * chewing products, units) with the values they refuse; and format
 * detection of clin_open().
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clin.h"
#include "onc.h"
#include "unit.h"

/* Normalise raw for the model attribute name; status, and the text in *out. */
static clin_status
norm(const char *name, const char *raw, clin_value *v)
{
	const clin_attr *a = clin_attr_by_name(name);

	ck_assert_msg(a != NULL, "no attribute %s", name);
	return clin_normalise(a, raw, v);
}

static void
expect(const char *name, const char *raw, const char *want)
{
	clin_value	v;
	clin_status s = norm(name, raw, &v);

	ck_assert_msg(s == CLIN_OK, "%s \"%s\": status %d (%s)", name, raw, s, v.why ? v.why : "");
	ck_assert_msg(strcmp(v.text, want) == 0, "%s \"%s\": got \"%s\", want \"%s\"", name, raw, v.text, want);
}

static void
refuse(const char *name, const char *raw)
{
	clin_value	v;

	ck_assert_msg(norm(name, raw, &v) == CLIN_INVALID, "%s \"%s\" accepted as \"%s\"", name, raw, v.text);
	ck_assert_ptr_nonnull(v.why);
}

START_TEST(test_lookup)
{
	const clin_attr *a;

	a = clin_attr_find(CLIN_SRC_BCR, "patient", "gender");
	ck_assert_str_eq(clin_attr_name(a), "sex");
	a = clin_attr_find(CLIN_SRC_BCR, "patient", "pathologic_T");
	ck_assert_str_eq(clin_attr_name(a), "pathologic_t");
	/* drug names only in drugs; radiation units only in radiations */
	ck_assert_ptr_null(clin_attr_find(CLIN_SRC_BCR, "patient", "drug_name"));
	ck_assert_str_eq(clin_attr_name(clin_attr_find(CLIN_SRC_BCR, "drug", "drug_name")), "agent");
	ck_assert_str_eq(clin_attr_name(clin_attr_find(CLIN_SRC_BCR, "radiation", "units")), "dose_units");
	ck_assert_ptr_null(clin_attr_find(CLIN_SRC_BCR, "aliquot", "units"));
	/* GDC names with their entity prefix */
	a = clin_attr_find(CLIN_SRC_GDC, "patient", "diagnoses.ajcc_pathologic_stage");
	ck_assert_str_eq(clin_attr_name(a), "pathologic_stage");
	a = clin_attr_find(CLIN_SRC_GDC, "exposure", "exposures.tobacco_smoking_status");
	ck_assert_str_eq(clin_attr_name(a), "tobacco_smoking_history");
	ck_assert_ptr_null(clin_attr_find(CLIN_SRC_GDC, "treatment", "treatments.margin_status"));
	/* cBioPortal, case-insensitive */
	ck_assert_str_eq(clin_attr_name(clin_attr_find(CLIN_SRC_CBIO, "patient", "OS_STATUS")), "vital_status");
	ck_assert_str_eq(clin_attr_name(clin_attr_find(CLIN_SRC_CBIO, "patient", "os_months")), "os_days");
	ck_assert_ptr_null(clin_attr_find(CLIN_SRC_CBIO, "patient", "SUBTYPE"));
	/* the model's own names */
	ck_assert_str_eq(clin_attr_name(clin_attr_find(CLIN_SRC_MODEL, "patient", "betel_quid")), "betel_quid");
	ck_assert_ptr_null(clin_attr_by_name("no_such_attribute"));
	ck_assert_int_eq(clin_attr_vtype(clin_attr_by_name("days_to_death")), CLIN_INTEGER);
	ck_assert_str_eq(clin_vtype_name(CLIN_BOOLEAN), "boolean");
}
END_TEST

START_TEST(test_stage_tnm)
{
	expect("pathologic_stage", "Stage IVA", "Stage IVA");
	expect("pathologic_stage", "stage iva", "Stage IVA");
	expect("pathologic_stage", "IIIC", "Stage IIIC");
	expect("pathologic_stage", "Stage 4", "Stage IV");
	expect("clinical_stage", "Stage X", "Stage X");
	expect("clinical_stage", "Stage 0is", "Stage 0is");
	refuse("pathologic_stage", "Stage IIX");
	refuse("pathologic_stage", "advanced");
	expect("pathologic_t", "T4A", "T4a");
	expect("pathologic_t", "pT2", "T2");
	expect("pathologic_t", "tis", "Tis");
	expect("pathologic_t", "TX", "TX");
	expect("pathologic_n", "N2C", "N2c");
	expect("pathologic_n", "N0 (i+)", "N0 (i+)");
	expect("clinical_m", "cM0", "M0");
	refuse("pathologic_t", "N2");
	refuse("pathologic_m", "M9");
	expect("ajcc_edition", "7th", "7th");
	expect("ajcc_edition", "AJCC 8", "8th");
	refuse("ajcc_edition", "seventh");
	expect("grade", "G2", "G2");
	expect("grade", "3", "G3");
	expect("grade", "Moderately differentiated", "G2");
}
END_TEST

START_TEST(test_codes_and_units)
{
	clin_value	v;

	expect("tobacco_smoking_history", "4", "4");
	expect("tobacco_smoking_history", "Current reformed smoker for < or = 15 years", "4");
	expect("tobacco_smoking_history", "Current Reformed Smoker for > 15 yrs", "3");
	expect("tobacco_smoking_history", "Lifelong Non-Smoker", "1");
	expect("tobacco_smoking_history", "Current Reformed Smoker, Duration Not Specified", "5");
	refuse("tobacco_smoking_history", "8");
	refuse("tobacco_smoking_history", "sometimes");
	expect("betel_quid", "current", "current");
	expect("betel_quid", "Ex-user", "former");
	expect("areca_nut", "YES", "yes");
	expect("smokeless_tobacco", "0", "no");
	expect("smokeless_tobacco", "Never", "never");
	refuse("betel_quid", "daily twice");
	expect("sex", "FEMALE", "female");
	expect("sex", "m", "male");
	refuse("sex", "x");
	expect("vital_status", "1:DECEASED", "Dead");
	expect("vital_status", "0:LIVING", "Alive");
	expect("vital_status", "alive", "Alive");
	expect("perineural_invasion", "YES", "true");
	expect("lymphovascular_invasion", "Absent", "false");
	refuse("perineural_invasion", "maybe");
	expect("hpv_status_p16", "positive", "Positive");
	expect("icd_o3_site", "c029", "C02.9");
	expect("icd_o3_site", "C06.0", "C06.0");
	refuse("icd_o3_site", "C6.0");
	expect("icd_o3_histology", "8070/3", "8070/3");
	refuse("icd_o3_histology", "8070-3");
	expect("icd_10", "c02.9", "C02.9");
	expect("subsite", "Floor of mouth, NOS", "floor of mouth");
	expect("margin_status", "CLOSE", "Close");
	expect("days_to_death", "1246.0", "1246");
	refuse("days_to_death", "12.5");
	refuse("age_at_diagnosis", "sixty");

	/* GDC ages in days, cBioPortal months: converted, the source text marked as changed */
	ck_assert_int_eq(clin_normalise(clin_attr_find(CLIN_SRC_GDC, "patient", "diagnoses.age_at_diagnosis"),
									"23689", &v), CLIN_OK);
	ck_assert_str_eq(v.text, "64.86");
	ck_assert(v.changed);
	ck_assert(fabs(v.num - 64.86) < 1e-9);
	ck_assert_int_eq(clin_normalise(clin_attr_find(CLIN_SRC_CBIO, "patient", "OS_MONTHS"), "31.77", &v), CLIN_OK);
	ck_assert_str_eq(v.text, "967");
	ck_assert(v.has_num);

	/* missing-value tokens, whatever the attribute */
	ck_assert_int_eq(norm("sex", "not reported", &v), CLIN_MISSING);
	ck_assert_str_eq(v.missing, "not reported");
	ck_assert_int_eq(norm("race", "[Unknown]", &v), CLIN_MISSING);
	ck_assert_str_eq(v.missing, "[Unknown]");
	ck_assert_int_eq(norm("grade", "'--", &v), CLIN_MISSING);
	ck_assert_str_eq(clin_missing_token(""), "empty");
	ck_assert_ptr_null(clin_missing_token("Oral Tongue"));
	ck_assert(clin_check_declared(CLIN_NUMBER, "31.77", NULL));
	ck_assert(!clin_check_declared(CLIN_NUMBER, "31-77", NULL));
	ck_assert(clin_check_declared(CLIN_BOOLEAN, "TRUE", NULL));
	ck_assert(!clin_check_declared(CLIN_BOOLEAN, "maybe", NULL));
}
END_TEST

START_TEST(test_detection)
{
	char	   *dir = unit_mkdtemp();
	static const struct
	{
		const char *name;
		const char *text;
		clin_format want;
	}			cases[] = {
		{"a.xml", "<?xml version=\"1.0\"?>\n<b:tcga_bcr xmlns:b=\"http://tcga.nci/bcr/xml/biospecimen/2.7\">"
		 "<b:patient><s:bcr_patient_barcode xmlns:s=\"urn:s\">P1</s:bcr_patient_barcode></b:patient></b:tcga_bcr>\n",
		CLIN_FMT_BCR_XML},
		{"nationwidechildrens.org_clinical_patient_hnsc.txt", "a\tbcr_patient_barcode\nb\tbcr_patient_barcode\n"
		 "CDE_ID:\tCDE_ID:2673794\nx\tTCGA-CV-0001\n", CLIN_FMT_BIOTAB},
		{"clinical.tsv", "project.project_id\tcases.submitter_id\tdemographic.gender\nTCGA-HNSC\tTCGA-CV-0001\tmale\n",
		CLIN_FMT_GDC},
		{"data_clinical_patient.txt", "PATIENT_ID\tAGE\nP1\t50\n", CLIN_FMT_CBIO},
	};
	clin_open_opts none = {CLIN_FMT_UNKNOWN, NULL};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char	   *p = unit_write(dir, cases[i].name, cases[i].text, strlen(cases[i].text), i == 1);
		char	   *err = NULL;
		clin_reader *r = clin_open(p, &none, &err, NULL);

		ck_assert_msg(r != NULL, "%s: %s", cases[i].name, err ? err : "?");
		ck_assert_int_eq(clin_reader_info(r)->format, cases[i].want);
		ck_assert_str_eq(clin_reader_info(r)->detected_by, "content");
		clin_close(r);
		free(p);
	}
	{
		char	   *p = unit_write(dir, "notes.txt", "some notes\nmore\n", 16, false);
		char	   *err = NULL;

		ck_assert_ptr_null(clin_open(p, &none, &err, NULL));
		ck_assert_msg(strstr(err, "not a clinical or biospecimen file"), "%s", err);
		free(err);
		free(p);
	}
	ck_assert_int_eq(clin_format_from_name("bcr-biotab"), CLIN_FMT_BIOTAB);
	ck_assert_int_eq(clin_format_from_name("nope"), CLIN_FMT_UNKNOWN);
	ck_assert_str_eq(clin_format_option(CLIN_FMT_GDC), "gdc-clinical-tsv");
	unit_rmdir(dir);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("clin_model");
	TCase	   *tc = tcase_create("model");

	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_stage_tnm);
	tcase_add_test(tc, test_codes_and_units);
	tcase_add_test(tc, test_detection);
	suite_add_tcase(s, tc);
	return unit_run(s, 1);
}
