/*
 * check_barcode.c: TCGA barcodes at every level, the shapes that are not
 * barcodes, and the sample type names.
 */
#include "config.h"

#include <stdlib.h>

#include "barcode.h"
#include "unit.h"

START_TEST(test_patient)
{
	tcga_barcode bc;

	ck_assert(tcga_barcode_parse("TCGA-CV-5430", &bc));
	ck_assert_int_eq(bc.level, TCGA_PATIENT);
	ck_assert_str_eq(bc.project, "TCGA");
	ck_assert_str_eq(bc.tss, "CV");
	ck_assert_str_eq(bc.participant, "5430");
	ck_assert_str_eq(bc.patient_id, "TCGA-CV-5430");
	ck_assert_str_eq(bc.sample_type, "");
	ck_assert_str_eq(bc.sample_id, "");
	ck_assert_int_eq(bc.vial, '\0');
}
END_TEST

START_TEST(test_sample)
{
	tcga_barcode bc;

	ck_assert(tcga_barcode_parse("TCGA-CV-5430-01", &bc));
	ck_assert_int_eq(bc.level, TCGA_SAMPLE);
	ck_assert_str_eq(bc.sample_type, "01");
	ck_assert_int_eq(bc.vial, '\0');
	ck_assert_str_eq(bc.sample_id, "TCGA-CV-5430-01");
	ck_assert_str_eq(bc.patient_id, "TCGA-CV-5430");

	ck_assert(tcga_barcode_parse("TCGA-A1-A0SD-11B", &bc));
	ck_assert_int_eq(bc.level, TCGA_SAMPLE);
	ck_assert_str_eq(bc.sample_type, "11");
	ck_assert_int_eq(bc.vial, 'B');
	ck_assert_str_eq(bc.sample_id, "TCGA-A1-A0SD-11B");
	ck_assert_str_eq(bc.portion, "");
}
END_TEST

START_TEST(test_portion)
{
	tcga_barcode bc;

	ck_assert(tcga_barcode_parse("TCGA-CV-5430-01A-11", &bc));
	ck_assert_int_eq(bc.level, TCGA_PORTION);
	ck_assert_str_eq(bc.portion, "11");
	ck_assert_int_eq(bc.analyte, '\0');
	ck_assert_str_eq(bc.sample_id, "TCGA-CV-5430-01A");

	ck_assert(tcga_barcode_parse("TCGA-CV-5430-01A-11R", &bc));
	ck_assert_int_eq(bc.level, TCGA_PORTION);
	ck_assert_int_eq(bc.analyte, 'R');
	ck_assert_str_eq(bc.plate, "");
}
END_TEST

START_TEST(test_aliquot)
{
	tcga_barcode bc;

	ck_assert(tcga_barcode_parse("TCGA-CV-5430-01A-11R-1686-07", &bc));
	ck_assert_int_eq(bc.level, TCGA_ALIQUOT);
	ck_assert_str_eq(bc.project, "TCGA");
	ck_assert_str_eq(bc.tss, "CV");
	ck_assert_str_eq(bc.participant, "5430");
	ck_assert_str_eq(bc.sample_type, "01");
	ck_assert_int_eq(bc.vial, 'A');
	ck_assert_str_eq(bc.portion, "11");
	ck_assert_int_eq(bc.analyte, 'R');
	ck_assert_str_eq(bc.plate, "1686");
	ck_assert_str_eq(bc.center, "07");
	ck_assert_str_eq(bc.patient_id, "TCGA-CV-5430");
	ck_assert_str_eq(bc.sample_id, "TCGA-CV-5430-01A");

	/* plates are alphanumeric */
	ck_assert(tcga_barcode_parse("TCGA-AR-A0TQ-01A-11D-A10A-02", &bc));
	ck_assert_str_eq(bc.plate, "A10A");
	ck_assert_str_eq(bc.center, "02");
}
END_TEST

static const char *const not_barcodes[] = {
	"",
	"TCGA",
	"TCGA-",
	"TCGA-CV",
	"TCGA-CV-543",
	"TCGA-CV-54301",
	"TCGA-cv-5430",				/* upper case only */
	"tcga-CV-5430",
	"TARGET-CV-5430",
	"TCGA_CV_5430",
	"TCGA-CV-5430-",
	"TCGA-CV-5430-1",
	"TCGA-CV-5430-0A",
	"TCGA-CV-5430-01AB",
	"TCGA-CV-5430-01-11",		/* a portion needs the vial */
	"TCGA-CV-5430-01A-",
	"TCGA-CV-5430-01A-1",
	"TCGA-CV-5430-01A-11RR",
	"TCGA-CV-5430-01A-11-1686-07",	/* an aliquot needs the analyte */
	"TCGA-CV-5430-01A-11R-1686",
	"TCGA-CV-5430-01A-11R-168-07",
	"TCGA-CV-5430-01A-11R-1686-7",
	"TCGA-CV-5430-01A-11R-1686-0A",
	"TCGA-CV-5430-01A-11R-1686-071",
	"TCGA-CV-5430-01A-11R-1686-07-",
	"TCGA-CV-5430 ",
	" TCGA-CV-5430",
	"TCGA-AB-CDEF-10-BLOOD_DERIVED_NORMAL",
	"SAMPLE1",
	NULL
};

START_TEST(test_not_barcodes)
{
	for (int i = 0; not_barcodes[i]; i++)
	{
		tcga_barcode bc;

		ck_assert_msg(!tcga_barcode_parse(not_barcodes[i], &bc),
					  "\"%s\" taken for a barcode", not_barcodes[i]);
		ck_assert_int_eq(bc.level, TCGA_NONE);
		ck_assert_str_eq(bc.patient_id, "");
	}
}
END_TEST

START_TEST(test_sample_types)
{
	ck_assert_str_eq(tcga_sample_type_name("01"), "Primary Solid Tumor");
	ck_assert_str_eq(tcga_sample_type_name("02"), "Recurrent Solid Tumor");
	ck_assert_str_eq(tcga_sample_type_name("03"),
					 "Primary Blood Derived Cancer - Peripheral Blood");
	ck_assert_str_eq(tcga_sample_type_name("06"), "Metastatic");
	ck_assert_str_eq(tcga_sample_type_name("10"), "Blood Derived Normal");
	ck_assert_str_eq(tcga_sample_type_name("11"), "Solid Tissue Normal");
	ck_assert_str_eq(tcga_sample_type_name("14"), "Bone Marrow Normal");
	ck_assert_str_eq(tcga_sample_type_name("20"), "Control Analyte");
	ck_assert_str_eq(tcga_sample_type_name("40"),
					 "Recurrent Blood Derived Cancer - Peripheral Blood");
	ck_assert_str_eq(tcga_sample_type_name("50"), "Cell Lines");
	ck_assert_str_eq(tcga_sample_type_name("60"), "Primary Xenograft Tissue");
	ck_assert_str_eq(tcga_sample_type_name("61"),
					 "Cell Line Derived Xenograft Tissue");
	/* every code 01-16 has a name */
	for (int c = 1; c <= 16; c++)
	{
		char		code[3] = {(char) ('0' + c / 10), (char) ('0' + c % 10), 0};

		ck_assert_ptr_nonnull(tcga_sample_type_name(code));
	}
	ck_assert_ptr_null(tcga_sample_type_name("17"));
	ck_assert_ptr_null(tcga_sample_type_name("1"));
	ck_assert_ptr_null(tcga_sample_type_name("010"));
	ck_assert_ptr_null(tcga_sample_type_name(""));
	ck_assert_ptr_null(tcga_sample_type_name(NULL));
}
END_TEST

START_TEST(test_sample_type_of_barcode)
{
	tcga_barcode bc;

	ck_assert(tcga_barcode_parse("TCGA-CV-5430-11A-01R-1686-07", &bc));
	ck_assert_str_eq(tcga_sample_type_name(bc.sample_type),
					 "Solid Tissue Normal");
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("barcode");
	TCase	   *tc = tcase_create("parse");

	tcase_add_test(tc, test_patient);
	tcase_add_test(tc, test_sample);
	tcase_add_test(tc, test_portion);
	tcase_add_test(tc, test_aliquot);
	tcase_add_test(tc, test_not_barcodes);
	tcase_add_test(tc, test_sample_types);
	tcase_add_test(tc, test_sample_type_of_barcode);
	suite_add_tcase(s, tc);
	return unit_run(s, 1);
}
