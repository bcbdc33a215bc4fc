/*
 * check_clinmap.c: mapping files for hospital exports (their syntax and
 * the mistakes refused), dates in each format, and the worked example's
 * export read through its mapping: translations, day offsets, ages, no
 * raw dates.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clinmap.h"
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

static const clin_field *
field(const clin_record *rec, const char *name)
{
	for (int i = 0; i < rec->nfields; i++)
		if (strcmp(rec->fields[i].name, name) == 0)
			return &rec->fields[i];
	return NULL;
}

START_TEST(test_dates)
{
	long		a,
				b;

	ck_assert(clinmap_parse_date("1970-01-01", "YYYY-MM-DD", &a));
	ck_assert_int_eq(a, 0);
	ck_assert(clinmap_parse_date("02/05/2019", "DD/MM/YYYY", &a));
	ck_assert(clinmap_parse_date("05/02/2019", "MM/DD/YYYY", &b));
	ck_assert_int_eq(a, b);
	ck_assert(clinmap_parse_date("2019-05-02 10:30", "YYYY-MM-DD", &b));
	ck_assert_int_eq(a, b);
	ck_assert(clinmap_parse_date("29.02.2020", "DD.MM.YYYY", &a));
	ck_assert(!clinmap_parse_date("29.02.2019", "DD.MM.YYYY", &a));
	ck_assert(!clinmap_parse_date("31/04/2019", "DD/MM/YYYY", &a));
	ck_assert(!clinmap_parse_date("2019-13-01", "YYYY-MM-DD", &a));
	ck_assert(!clinmap_parse_date("soon", "YYYY-MM-DD", &a));
	ck_assert(!clinmap_parse_date("02/05/19", "DD/MM/YYYY", &a));
}
END_TEST

START_TEST(test_mapping_errors)
{
	static const char *const bad[][2] = {
		{"[column a]\nattribute = sex\n", "no patient column"},
		{"[export]\npatient = id\n[column a]\nvalues = 1 male\n", "4: a value translation"},
		{"[export]\npatient = id\n[column a]\ntype = date\nattribute = x\n", "names no index date"},
		{"[export]\npatient = id\n[stuff]\n", "3: unknown section"},
		{"[export]\npatient = id\ncolour = red\n", "3: unknown key"},
		{"[export]\npatient = id\ndate format = someday\n", "unknown date format"},
		{"[export]\npatient = id\n[column a]\nlevel = sample\nattribute = x\n", "no sample column"},
		{"[export]\npatient = id\n[column a]\n", "names no attribute"},
		{"[export]\npatient = id\n[column a]\nattribute = x\n[column a]\n", "mapped twice"},
		{"attribute = x\n", "outside a section"},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		char	   *p = unit_write(tmpdir, "m.map", bad[i][0], strlen(bad[i][0]), false);
		char	   *err = NULL;
		clinmap    *m = clinmap_read(p, &err);

		ck_assert_msg(m == NULL, "accepted: %s", bad[i][0]);
		ck_assert_msg(err && strstr(err, bad[i][1]), "[%s]: %s", bad[i][1], err ? err : "no error");
		free(err);
		free(p);
	}
}
END_TEST

START_TEST(test_worked_example)
{
	char	   *map = unit_fixture("clinical/hospital_mapping.ini");
	char	   *csv = unit_fixture("clinical/hospital_export.csv");
	char	   *err = NULL;
	clin_info	info;
	clinmap_reader *r = clinmap_open(csv, map, &info, &err, NULL);
	const clin_record *rec;
	const clin_field *f;

	ck_assert_msg(r != NULL, "%s", err ? err : "?");
	ck_assert_str_eq(info.study_hint, "ORAL-KHI");
	ck_assert_str_eq(info.layout, "csv");
	ck_assert_int_eq(clinmap_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->patient_id, "KHI-0001");
	ck_assert_ptr_null(rec->raw);
	ck_assert_ptr_null(field(rec, "mrn"));	/* skip = yes */
	ck_assert_str_eq(field(rec, "sex")->value, "male");
	ck_assert_str_eq(field(rec, "sex")->raw_value, "1");
	ck_assert_str_eq(field(rec, "smokeless_tobacco_form")->value, "gutka");
	ck_assert_str_eq(field(rec, "betel_quid_form")->value, "paan with tobacco");
	ck_assert_str_eq(field(rec, "areca_nut_form")->value, "supari");
	/* dates: days from the index date, an age from the birth date, no raw date anywhere */
	f = field(rec, "age_at_diagnosis");
	ck_assert_str_eq(f->value, "58.13");
	ck_assert_ptr_null(f->raw_value);
	ck_assert_str_eq(field(rec, "start_day")->value, "18");
	ck_assert_str_eq(field(rec, "start_day")->entity, "surgery");
	ck_assert_str_eq(field(rec, "days_to_death")->value, "654");
	ck_assert_ptr_null(field(rec, "date_dx"));
	for (int i = 0; i < rec->nfields; i++)
		ck_assert_msg(!rec->fields[i].value || !strstr(rec->fields[i].value, "/2019"),
					  "a raw date kept in %s", rec->fields[i].name);
	/* an unmapped column is kept as text, quotes and all */
	ck_assert_str_eq(field(rec, "remarks")->value, "recurrence at the primary site, \"salvage\" declined");
	ck_assert_int_eq(clinmap_next(r, &rec, &err), 1);
	ck_assert_str_eq(field(rec, "betel_quid_per_day")->missing, "NA");
	ck_assert_str_eq(field(rec, "hpv_status_p16")->missing, "Not Evaluated");
	ck_assert_int_eq(clinmap_next(r, &rec, &err), 1);
	ck_assert_str_eq(field(rec, "betel_quid")->missing, "Unknown");
	ck_assert_int_eq(clinmap_next(r, &rec, &err), 1);
	ck_assert_int_eq(clinmap_next(r, &rec, &err), 0);
	clinmap_close(r);
	free(map);
	free(csv);
}
END_TEST

START_TEST(test_bad_values)
{
	static const char map[] =
		"[export]\npatient = id\nindex date = dx\nsample = specimen\n"
		"[column sex] # the usual codes\nattribute = sex\nvalues = 1 -> male | 2 -> female\n"
		"[column seen]\nattribute = days_to_last_followup\ntype = date\n"
		"[column grade]\nattribute = grade\nlevel = sample\n";
	static const char csv[] =
		"id\tdx\tspecimen\tsex\tseen\tgrade\n"
		"P1\t2020-01-01\tS1\t3\t2020-13-40\tG2\n"
		"P2\t2020-01-01\tS2\t1\n";
	char	   *m = unit_write(tmpdir, "m.map", map, strlen(map), false);
	char	   *c = unit_write(tmpdir, "e.tsv", csv, strlen(csv), false);
	char	   *err = NULL;
	clin_info	info;
	clinmap_reader *r = clinmap_open(c, m, &info, &err, NULL);
	const clin_record *rec;

	ck_assert_msg(r != NULL, "%s", err ? err : "?");
	ck_assert_str_eq(info.layout, "tsv");
	ck_assert_int_eq(clinmap_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->sample_id, "S1");
	ck_assert_ptr_nonnull(field(rec, "sex")->invalid);
	ck_assert_ptr_nonnull(field(rec, "days_to_last_followup")->invalid);
	ck_assert_str_eq(field(rec, "grade")->entity, "sample");
	ck_assert_int_eq(clinmap_next(r, &rec, &err), 1);
	ck_assert_str_eq(rec->error_code, "column_count");
	ck_assert_int_eq(clinmap_next(r, &rec, &err), 0);
	clinmap_close(r);
	free(m);
	free(c);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("clinmap");
	TCase	   *tc = tcase_create("mapping");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_mapping_errors);
	tcase_add_test(tc, test_worked_example);
	tcase_add_test(tc, test_bad_values);
	suite_add_tcase(s, tc);
	return unit_run(s, 1);
}
