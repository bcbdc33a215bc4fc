/*
 * check_bcr.c: TCGA BCR clinical and biospecimen XML: the corpus files
 * (BRCA, GBM with a withdrawn patient and one with 28 drugs, a biospecimen
 * file), and the files it refuses or reads with care (truncated, another
 * kind, two patients, repeated elements, gzip).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcr.h"
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

/* The field named name in rec, or NULL. */
static const clin_field *
field(const clin_record *rec, const char *name)
{
	for (int i = 0; i < rec->nfields; i++)
		if (strcmp(rec->fields[i].name, name) == 0)
			return &rec->fields[i];
	return NULL;
}

static bcr_reader *
open_ok(const char *path, clin_info *info)
{
	char	   *err = NULL;
	bcr_reader *r = bcr_open(path, info, &err, NULL);

	ck_assert_msg(r != NULL, "%s: %s", path, err ? err : "?");
	return r;
}

START_TEST(test_brca_patient)
{
	char	   *p = unit_corpus("tcga/clinical_xml/brca/nationwidechildrens.org_clinical.TCGA-3C-AAAU.xml");
	clin_info	info;
	bcr_reader *r = open_ok(p, &info);
	const clin_record *rec;
	const clin_field *f;
	char	   *err = NULL;
	int			n = 0,
				follow = 0,
				drugs = 0,
				ntes = 0;

	ck_assert_str_eq(info.format_name, "bcr-clinical-xml");
	ck_assert_str_eq(info.data_type, "clinical");
	ck_assert_str_eq(info.study_hint, "TCGA-BRCA");
	ck_assert_str_eq(info.layout, "brca");
	while (bcr_next(r, &rec, &err) == 1)
	{
		const char *entity = rec->nfields ? rec->fields[0].entity : "";

		ck_assert_str_eq(rec->patient_id, "TCGA-3C-AAAU");
		ck_assert_ptr_null(rec->error);
		if (n == 0)
		{
			ck_assert_str_eq(entity, "admin");
			ck_assert_str_eq(rec->fields[0].instance, "clinical");
			f = field(rec, "withdrawn");
			ck_assert_ptr_nonnull(f);
			ck_assert_str_eq(f->value, "false");
			ck_assert_str_eq(f->source, "admin:admin/admin:patient_withdrawal/admin:withdrawn");
		}
		else if (n == 1)
		{
			ck_assert_str_eq(entity, "patient");
			ck_assert(rec->defines_patient);
			ck_assert_str_eq(field(rec, "gender")->value, "FEMALE");
			ck_assert_str_eq(field(rec, "race")->value, "WHITE");
			f = field(rec, "days_to_death");
			ck_assert_ptr_null(f->value);
			ck_assert_str_eq(f->missing, "Not Applicable");
			f = field(rec, "pathologic_T");
			ck_assert_str_eq(f->value, "TX");
			ck_assert_str_eq(f->source, "brca:patient/shared_stage:stage_event/shared_stage:tnm_categories/"
							 "shared_stage:pathologic_categories/shared_stage:pathologic_T");
			ck_assert_str_eq(field(rec, "stage_event@system")->value, "AJCC");
			ck_assert_str_eq(field(rec, "system_version")->value, "6th");
			/* an element with xsi:nil and a status keeps the status as the reason */
			ck_assert_str_eq(field(rec, "tumor_tissue_site_other")->missing, "Not Applicable");
			ck_assert_str_eq(field(rec, "menopause_status")->value,
							 "Pre (<6 months since LMP AND no prior bilateral ovariectomy AND not on estrogen replacement)");
			ck_assert_int_gt(rec->line, 10);
		}
		else if (strcmp(entity, "follow_up") == 0)
		{
			follow++;
			ck_assert_str_eq(field(rec, "follow_up@version")->value, "4.0");
		}
		else if (strcmp(entity, "drug") == 0)
		{
			drugs++;
			ck_assert_str_eq(rec->fields[0].instance, "TCGA-3C-AAAU-D60350");
			ck_assert_str_eq(field(rec, "drug_name")->value, "Zoladex");
			ck_assert_str_eq(field(rec, "therapy_type")->source, "rx:drug/rx:therapy_types/rx:therapy_type");
		}
		else if (strcmp(entity, "new_tumor_event") == 0)
		{
			ntes++;
			if (ntes == 1)
				ck_assert_str_eq(rec->fields[0].instance, "nte1");
			else
				ck_assert_msg(strstr(rec->fields[0].instance, "-F") != NULL && strstr(rec->fields[0].instance, "/nte1"),
							  "NTE in a follow-up: %s", rec->fields[0].instance);
		}
		n++;
	}
	ck_assert_ptr_null(err);
	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(follow, 2);
	ck_assert_int_eq(drugs, 1);
	ck_assert_int_eq(ntes, 3);
	bcr_close(r);
	free(p);
}
END_TEST

START_TEST(test_gbm_withdrawn_and_drugs)
{
	char	   *w = unit_corpus("tcga/clinical_xml/gbm/db7da4df-4366-445f-9fa6-0f7c4f24bc22/"
								"nationwidechildrens.org_clinical.TCGA-06-0131.xml");
	char	   *d = unit_corpus("tcga/clinical_xml/gbm/fccf56aa-e168-46a1-b3a4-8dbfb5e19dee/"
								"nationwidechildrens.org_clinical.TCGA-12-3644.xml");
	clin_info	info;
	bcr_reader *r;
	const clin_record *rec;
	char	   *err = NULL;
	int			drugs = 0,
				rads = 0;

	r = open_ok(w, &info);
	ck_assert_str_eq(info.study_hint, "TCGA-GBM");
	ck_assert_int_eq(bcr_next(r, &rec, &err), 1);
	ck_assert_str_eq(field(rec, "withdrawn")->value, "true");
	ck_assert_str_eq(field(rec, "reason_for_withdraw")->value, "Subject withdrew consent");
	ck_assert_int_eq(bcr_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->patient_id, "TCGA-06-0131");
	ck_assert_ptr_null(field(rec, "gender")->value);
	ck_assert_str_eq(field(rec, "gender")->missing, "Not Available");
	ck_assert_int_eq(bcr_next(r, &rec, &err), 0);
	bcr_close(r);

	r = open_ok(d, &info);
	while (bcr_next(r, &rec, &err) == 1)
	{
		if (rec->nfields && strcmp(rec->fields[0].entity, "drug") == 0)
			drugs++;
		if (rec->nfields && strcmp(rec->fields[0].entity, "radiation") == 0)
			rads++;
	}
	ck_assert_ptr_null(err);
	ck_assert_int_eq(drugs, 28);
	ck_assert_int_eq(rads, 2);
	bcr_close(r);
	free(w);
	free(d);
}
END_TEST

START_TEST(test_biospecimen)
{
	char	   *p = unit_corpus("tcga/biospecimen_xml/nationwidechildrens.org_biospecimen.TCGA-AR-A0TQ.xml");
	clin_info	info;
	bcr_reader *r = open_ok(p, &info);
	const clin_record *rec;
	char	   *err = NULL;
	int			samples = 0,
				aliquots = 0,
				portions = 0;

	ck_assert_str_eq(info.format_name, "bcr-biospecimen-xml");
	ck_assert_str_eq(info.data_type, "biospecimen");
	ck_assert_str_eq(info.study_hint, "TCGA-BRCA");
	while (bcr_next(r, &rec, &err) == 1)
	{
		const char *entity = rec->nfields ? rec->fields[0].entity : "";

		ck_assert_str_eq(rec->patient_id, "TCGA-AR-A0TQ");
		if (strcmp(entity, "sample") == 0)
		{
			samples++;
			ck_assert(rec->defines_sample);
			ck_assert_str_eq(rec->sample_id, rec->fields[0].instance);
			if (strcmp(rec->sample_id, "TCGA-AR-A0TQ-01A") == 0)
			{
				ck_assert_str_eq(rec->sample_type, "Primary Tumor");
				ck_assert_str_eq(field(rec, "bcr_sample_uuid")->value, "e8ff6081-cb82-4316-8c22-1c1cb1b6552b");
			}
		}
		else if (strcmp(entity, "aliquot") == 0)
		{
			aliquots++;
			ck_assert_str_eq(rec->aliquot_id, rec->fields[0].instance);
			ck_assert_int_eq(strncmp(rec->aliquot_id, rec->sample_id, strlen(rec->sample_id)), 0);
			if (strcmp(rec->aliquot_id, "TCGA-AR-A0TQ-01A-11D-A086-02") == 0)
			{
				ck_assert_str_eq(field(rec, "bcr_aliquot_uuid")->value, "df5c525d-0bfd-4e8e-b5e1-a5149cff7c83");
				ck_assert_str_eq(field(rec, "quantity@units")->value, "ug");
			}
		}
		else if (strcmp(entity, "portion") == 0)
		{
			portions++;
			ck_assert_ptr_nonnull(rec->sample_id);
		}
		else if (strcmp(entity, "biospecimen_patient") == 0)
			ck_assert_str_eq(field(rec, "bcr_patient_canonical_status")->value, "Canonical");
	}
	ck_assert_ptr_null(err);
	ck_assert_int_ge(samples, 2);
	ck_assert_int_ge(aliquots, 10);
	ck_assert_int_ge(portions, 3);
	bcr_close(r);
	free(p);
}
END_TEST

static const char small_xml[] =
"<?xml version=\"1.0\"?>\n"
"<hnsc:tcga_bcr xmlns:hnsc=\"http://tcga.nci/bcr/xml/clinical/hnsc/2.7\"\n"
"  xmlns:admin=\"http://tcga.nci/bcr/xml/administration/2.7\" xmlns:shared=\"http://tcga.nci/bcr/xml/shared/2.7\"\n"
"  xmlns:x=\"urn:example:extension\">\n"
"  <admin:admin><admin:project_code>TCGA</admin:project_code><admin:disease_code>HNSC</admin:disease_code></admin:admin>\n"
"  <hnsc:patient>\n"
"    <shared:bcr_patient_barcode procurement_status=\"Completed\">TCGA-CV-0001</shared:bcr_patient_barcode>\n"
"    <shared:gender procurement_status=\"Not Available\"/>\n"
"    <x:risk><x:betel_quid_use>current</x:betel_quid_use><x:note>a</x:note><x:note>b</x:note></x:risk>\n"
"    <x:depth units=\"mm\">4.5</x:depth>\n"
"  </hnsc:patient>\n";

START_TEST(test_small_and_gzip)
{
	for (int gz = 0; gz < 2; gz++)
	{
		char	   *text = xasprintf("%s</hnsc:tcga_bcr>\n", small_xml);
		char	   *p = unit_write(tmpdir, gz ? "small.xml.gz" : "small.xml", text, strlen(text), gz);
		clin_info	info;
		bcr_reader *r = open_ok(p, &info);
		const clin_record *rec;
		char	   *err = NULL;

		ck_assert_str_eq(info.study_hint, "TCGA-HNSC");
		ck_assert_int_eq(bcr_next(r, &rec, &err), 1);	/* admin */
		ck_assert_int_eq(bcr_next(r, &rec, &err), 1);	/* patient */
		ck_assert_str_eq(rec->patient_id, "TCGA-CV-0001");
		ck_assert_str_eq(field(rec, "gender")->missing, "Not Available");
		/* elements no XSD knows are kept: a repeat numbered, an attribute a field */
		ck_assert_str_eq(field(rec, "betel_quid_use")->value, "current");
		ck_assert_str_eq(field(rec, "note")->value, "a");
		ck_assert_str_eq(field(rec, "note[2]")->value, "b");
		ck_assert_str_eq(field(rec, "depth")->value, "4.5");
		ck_assert_str_eq(field(rec, "depth@units")->value, "mm");
		ck_assert_str_eq(field(rec, "note")->source, "hnsc:patient/x:risk/x:note");
		ck_assert_int_eq(bcr_next(r, &rec, &err), 0);
		bcr_close(r);
		free(p);
		free(text);
	}
}
END_TEST

START_TEST(test_bad_files)
{
	char	   *err = NULL;
	clin_info	info;
	bcr_reader *r;
	const clin_record *rec;
	char	   *p;
	int			rc;

	/* truncated: the admin section reads, then the parser stops with a line */
	p = unit_write(tmpdir, "cut.xml", small_xml, strlen(small_xml) - 40, false);
	r = open_ok(p, &info);
	while ((rc = bcr_next(r, &rec, &err)) == 1)
		;
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(err && strstr(err, "malformed XML"), "%s", err ? err : "no error");
	ck_assert_msg(atoi(err) >= 8, "line in [%s]", err);
	free(err);
	err = NULL;
	bcr_close(r);
	free(p);

	/* another XML kind */
	{
		static const char other[] = "<?xml version=\"1.0\"?>\n<root><a/></root>\n";

		p = unit_write(tmpdir, "other.xml", other, strlen(other), false);
	}
	r = bcr_open(p, &info, &err, NULL);
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(err, "not a TCGA BCR clinical or biospecimen XML file"), "%s", err);
	free(err);
	err = NULL;
	free(p);
	{
		static const char aux[] = "<a:tcga_bcr xmlns:a=\"http://tcga.nci/bcr/xml/auxiliary/2.7\"><a:x/></a:tcga_bcr>";

		p = unit_write(tmpdir, "aux.xml", aux, strlen(aux), false);
	}
	r = bcr_open(p, &info, &err, NULL);
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(err, "of a kind not loaded here"), "%s", err);
	free(err);
	err = NULL;
	free(p);

	/* not XML at all, and a missing file */
	p = unit_write(tmpdir, "junk.xml", "<<<", 3, false);
	r = bcr_open(p, &info, &err, NULL);
	ck_assert_ptr_null(r);
	ck_assert_ptr_nonnull(err);
	free(err);
	err = NULL;
	free(p);
	{
		int			e = 0;

		p = xasprintf("%s/none.xml", tmpdir);
		r = bcr_open(p, &info, &err, &e);
		ck_assert_ptr_null(r);
		ck_assert_int_ne(e, 0);
		free(err);
		err = NULL;
		free(p);
	}

	/* two patients: the second is one error record */
	{
		char	   *text = xasprintf("%s<hnsc:patient><shared:bcr_patient_barcode>TCGA-CV-0002"
									 "</shared:bcr_patient_barcode></hnsc:patient></hnsc:tcga_bcr>\n", small_xml);

		p = unit_write(tmpdir, "two.xml", text, strlen(text), false);
		r = open_ok(p, &info);
		ck_assert_int_eq(bcr_next(r, &rec, &err), 1);
		ck_assert_int_eq(bcr_next(r, &rec, &err), 1);
		ck_assert_ptr_null(rec->error);
		ck_assert_int_eq(bcr_next(r, &rec, &err), 1);
		ck_assert_str_eq(rec->error_code, "duplicate_patient");
		ck_assert_int_eq(rec->line, 12);
		ck_assert_int_eq(bcr_next(r, &rec, &err), 0);
		bcr_close(r);
		free(p);
		free(text);
	}

	/* a patient without a barcode */
	{
		static const char nobc[] =
			"<hnsc:tcga_bcr xmlns:hnsc=\"http://tcga.nci/bcr/xml/clinical/hnsc/2.7\">"
			"<hnsc:patient><hnsc:x>1</hnsc:x></hnsc:patient></hnsc:tcga_bcr>";

		p = unit_write(tmpdir, "nobc.xml", nobc, strlen(nobc), false);
		r = open_ok(p, &info);
		ck_assert_ptr_null(info.study_hint);
		ck_assert_int_eq(bcr_next(r, &rec, &err), -1);
		ck_assert_msg(strstr(err, "bcr_patient_barcode"), "%s", err);
		free(err);
		bcr_close(r);
		free(p);
	}
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("bcr");
	TCase	   *own = tcase_create("fixtures");
	char	   *probe = unit_corpus("tcga/clinical_xml");
	int			ncases = 1;

	tcase_add_checked_fixture(own, setup, teardown);
	tcase_add_test(own, test_small_and_gzip);
	tcase_add_test(own, test_bad_files);
	suite_add_tcase(s, own);
	if (probe)
	{
		TCase	   *tc = tcase_create("corpus");

		tcase_add_test(tc, test_brca_patient);
		tcase_add_test(tc, test_gbm_withdrawn_and_drugs);
		tcase_add_test(tc, test_biospecimen);
		suite_add_tcase(s, tc);
		ncases++;
	}
	free(probe);
	return unit_run(s, ncases);
}
