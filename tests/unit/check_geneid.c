/*
 * check_geneid.c: Ensembl gene IDs (versions, _PAR_Y), Entrez IDs and
 * Firehose "SYMBOL|ENTREZ" cells.
 */
#include "config.h"

#include <string.h>

#include "geneid.h"
#include "unit.h"

START_TEST(test_ensembl_versions)
{
	char		base[32],
				ver[16];

	ck_assert(geneid_ensembl("ENSG00000000003.15", base, sizeof(base),
							 ver, sizeof(ver)));
	ck_assert_str_eq(base, "ENSG00000000003");
	ck_assert_str_eq(ver, "15");

	ck_assert(geneid_ensembl("ENSG00000000003", base, sizeof(base),
							 ver, sizeof(ver)));
	ck_assert_str_eq(base, "ENSG00000000003");
	ck_assert_str_eq(ver, "");
}
END_TEST

START_TEST(test_ensembl_par_y)
{
	char		base[32],
				ver[16];

	ck_assert(geneid_ensembl("ENSG00000182378.14_PAR_Y", base, sizeof(base),
							 ver, sizeof(ver)));
	ck_assert_str_eq(base, "ENSG00000182378_PAR_Y");
	ck_assert_str_eq(ver, "14");

	ck_assert(geneid_ensembl("ENSG00000182378_PAR_Y", base, sizeof(base),
							 ver, sizeof(ver)));
	ck_assert_str_eq(base, "ENSG00000182378_PAR_Y");
	ck_assert_str_eq(ver, "");
}
END_TEST

static const char *const not_ensembl[] = {
	"", "ENSG", "ENSG0000000003", "ENSG000000000031", "ENSG00000000003.",
	"ENSG00000000003.x", "ENSG00000000003.15.2", "ENSG00000000003_PAR_X",
	"ENSG00000000003.15_PAR_Y_", "ENSG00000000003 ", "ensg00000000003",
	"ENST00000373020.9", "ENSMUSG00000000001.4", "TP53", "7157",
	"__no_feature", "N_unmapped", NULL
};

START_TEST(test_not_ensembl)
{
	for (int i = 0; not_ensembl[i]; i++)
	{
		char		base[32],
					ver[16];

		ck_assert_msg(!geneid_ensembl(not_ensembl[i], base, sizeof(base),
									  ver, sizeof(ver)),
					  "\"%s\" taken for an Ensembl gene ID", not_ensembl[i]);
	}
}
END_TEST

START_TEST(test_ensembl_small_buffers)
{
	char		base[32],
				ver[16];

	/* "ENSG00000182378_PAR_Y" needs 22 bytes, "14" needs 3 */
	ck_assert(!geneid_ensembl("ENSG00000182378.14_PAR_Y", base, 21, ver, 16));
	ck_assert(geneid_ensembl("ENSG00000182378.14_PAR_Y", base, 22, ver, 16));
	ck_assert(!geneid_ensembl("ENSG00000182378.14", base, 32, ver, 2));
	ck_assert(geneid_ensembl("ENSG00000182378.14", base, 16, ver, 3));
	ck_assert_str_eq(base, "ENSG00000182378");
}
END_TEST

START_TEST(test_entrez)
{
	ck_assert(geneid_is_entrez("7157"));
	ck_assert(geneid_is_entrez("1"));
	ck_assert(geneid_is_entrez("100130426"));
	ck_assert(!geneid_is_entrez(""));
	ck_assert(!geneid_is_entrez("0"));
	ck_assert(!geneid_is_entrez("-99999948"));
	ck_assert(!geneid_is_entrez("+7157"));
	ck_assert(!geneid_is_entrez("7157 "));
	ck_assert(!geneid_is_entrez("71.57"));
	ck_assert(!geneid_is_entrez("TP53"));
	ck_assert(!geneid_is_entrez("NA"));
	ck_assert(!geneid_is_entrez("1234567890123456789"));
	ck_assert(!geneid_is_entrez(NULL));
}
END_TEST

START_TEST(test_split_pipe)
{
	char		a[] = "TP53|7157",
				b[] = "?|100130426",
				c[] = "TP53",
				d[] = "|7157",
				e[] = "TP53|";
	char	   *sym,
			   *ez;

	ck_assert(geneid_split_pipe(a, &sym, &ez));
	ck_assert_str_eq(sym, "TP53");
	ck_assert_str_eq(ez, "7157");

	ck_assert(geneid_split_pipe(b, &sym, &ez));
	ck_assert_ptr_null(sym);
	ck_assert_str_eq(ez, "100130426");

	ck_assert(!geneid_split_pipe(c, &sym, &ez));

	ck_assert(geneid_split_pipe(d, &sym, &ez));
	ck_assert_ptr_null(sym);
	ck_assert_str_eq(ez, "7157");

	ck_assert(geneid_split_pipe(e, &sym, &ez));
	ck_assert_str_eq(sym, "TP53");
	ck_assert_ptr_null(ez);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("geneid");
	TCase	   *tc = tcase_create("ids");

	tcase_add_test(tc, test_ensembl_versions);
	tcase_add_test(tc, test_ensembl_par_y);
	tcase_add_test(tc, test_not_ensembl);
	tcase_add_test(tc, test_ensembl_small_buffers);
	tcase_add_test(tc, test_entrez);
	tcase_add_test(tc, test_split_pipe);
	suite_add_tcase(s, tc);
	return unit_run(s, 1);
}
