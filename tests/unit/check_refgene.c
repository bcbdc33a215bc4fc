/*
 * check_refgene.c: the gene reference readers on the real GENCODE v36 genes
 * and NCBI gene_info files, and on small scratch files for the edge cases.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "refgene.h"
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

static refgene_reader *
open_ok(const char *path)
{
	char	   *err = NULL;
	refgene_reader *r = refgene_open(path, &err);

	ck_assert_msg(r != NULL, "%s: %s", path, err ? err : "?");
	ck_assert_ptr_null(err);
	return r;
}

static refgene_reader *
open_text(const char *name, const char *text, char **err)
{
	char	   *p = unit_write(tmpdir, name, text, strlen(text), true);
	refgene_reader *r = refgene_open(p, err);

	free(p);
	return r;
}

START_TEST(test_gencode_v36)
{
	char	   *p = unit_reference("gencode.v36.annotation.genes.gtf.gz");
	refgene_reader *r;
	refgene		g;
	char	   *err = NULL;
	long		n = 0,
				par_y = 0,
				versioned = 0;
	int			rc;
	bool		seen_plcxd1_y = false;

	if (!p)
		return;
	r = open_ok(p);
	ck_assert_int_eq(refgene_reader_format(r), REFGENE_GTF);
	ck_assert_str_eq(refgene_format_name(refgene_reader_format(r)),
					 "gencode-gtf");
	while ((rc = refgene_next(r, &g, &err)) != 0)
	{
		ck_assert_msg(rc == 1, "line %ld: %s", refgene_lines_read(r), err);
		ck_assert_ptr_nonnull(g.ensembl_id);
		ck_assert_ptr_nonnull(g.symbol);
		ck_assert_ptr_nonnull(g.gene_type);
		ck_assert_ptr_nonnull(g.chromosome);
		ck_assert(g.strand == '+' || g.strand == '-');
		ck_assert(g.start >= 1 && g.start <= g.end);
		ck_assert_int_eq(g.tax_id, 0);
		ck_assert_int_eq(g.entrez_id, 0);
		if (n == 0)
		{
			ck_assert_str_eq(g.ensembl_id, "ENSG00000223972");
			ck_assert_str_eq(g.ensembl_version, "5");
			ck_assert_str_eq(g.symbol, "DDX11L1");
			ck_assert_str_eq(g.gene_type, "transcribed_unprocessed_pseudogene");
			ck_assert_str_eq(g.chromosome, "chr1");
			ck_assert_int_eq(g.start, 11869);
			ck_assert_int_eq(g.end, 14409);
			ck_assert_int_eq(g.strand, '+');
			ck_assert_int_eq(g.lineno, 4);
		}
		if (strcmp(g.ensembl_id, "ENSG00000182378_PAR_Y") == 0)
		{
			ck_assert_str_eq(g.ensembl_version, "14");
			ck_assert_str_eq(g.symbol, "PLCXD1");
			ck_assert_str_eq(g.chromosome, "chrY");
			ck_assert_int_eq(g.start, 276322);
			ck_assert_int_eq(g.end, 303356);
			seen_plcxd1_y = true;
		}
		if (strstr(g.ensembl_id, "_PAR_Y"))
			par_y++;
		if (g.ensembl_version[0])
			versioned++;
		n++;
	}
	ck_assert_ptr_null(refgene_io_error(r));
	ck_assert_int_eq(n, 60660);
	ck_assert_int_eq(par_y, 44);
	ck_assert_int_eq(versioned, 60660);
	ck_assert(seen_plcxd1_y);
	ck_assert_int_eq(refgene_lines_read(r), 60663);
	ck_assert_int_eq(refgene_lines_skipped(r), 3);
	refgene_close(r);
	free(p);
}
END_TEST

START_TEST(test_ncbi_gene_info)
{
	char	   *p = unit_reference("Homo_sapiens.gene_info.gz");
	refgene_reader *r;
	refgene		g;
	char	   *err = NULL;
	long		n = 0,
				with_ensembl = 0;
	int			rc;
	bool		seen_tp53 = false,
				seen_natp = false,
				seen_abcf1 = false;

	if (!p)
		return;
	r = open_ok(p);
	ck_assert_int_eq(refgene_reader_format(r), REFGENE_GENE_INFO);
	ck_assert_str_eq(refgene_format_name(REFGENE_GENE_INFO), "ncbi-gene-info");
	while ((rc = refgene_next(r, &g, &err)) != 0)
	{
		ck_assert_msg(rc == 1, "line %ld: %s", refgene_lines_read(r), err);
		ck_assert_int_eq(g.tax_id, 9606);
		ck_assert_int_gt(g.entrez_id, 0);
		ck_assert_ptr_nonnull(g.symbol);
		ck_assert_int_eq(g.start, 0);
		ck_assert_int_eq(g.strand, '\0');
		ck_assert_str_eq(g.ensembl_version, "");
		if (n == 0)
		{
			ck_assert_int_eq(g.entrez_id, 1);
			ck_assert_str_eq(g.symbol, "A1BG");
			ck_assert_str_eq(g.synonyms, "A1B|ABG|GAB|HYST2477");
			ck_assert_str_eq(g.ensembl_id, "ENSG00000121410");
			ck_assert_str_eq(g.chromosome, "19");
			ck_assert_str_eq(g.description, "alpha-1-B glycoprotein");
			ck_assert_str_eq(g.gene_type, "protein-coding");
			ck_assert_int_eq(g.lineno, 2);
		}
		if (g.entrez_id == 7157)
		{
			ck_assert_str_eq(g.symbol, "TP53");
			ck_assert_str_eq(g.ensembl_id, "ENSG00000141510");
			ck_assert_str_eq(g.chromosome, "17");
			ck_assert_str_eq(g.description, "tumor protein p53");
			seen_tp53 = true;
		}
		if (g.entrez_id == 11)
		{
			/* "-" in dbXrefs: no Ensembl gene */
			ck_assert_str_eq(g.symbol, "NATP");
			ck_assert_ptr_null(g.ensembl_id);
			ck_assert_str_eq(g.gene_type, "pseudo");
			seen_natp = true;
		}
		if (g.entrez_id == 23)
		{
			/* several Ensembl genes (alternate haplotypes): the first */
			ck_assert_str_eq(g.ensembl_id, "ENSG00000204574");
			seen_abcf1 = true;
		}
		if (g.ensembl_id)
			with_ensembl++;
		n++;
	}
	ck_assert_ptr_null(refgene_io_error(r));
	ck_assert_int_eq(n, 77614);
	ck_assert_int_eq(with_ensembl, 36596);
	ck_assert(seen_tp53 && seen_natp && seen_abcf1);
	ck_assert_int_eq(refgene_lines_read(r), 77615);
	ck_assert_int_eq(refgene_lines_skipped(r), 1);
	refgene_close(r);
	free(p);
}
END_TEST

START_TEST(test_gtf_skips_and_errors)
{
	const char *text =
		"#!genome-build GRCh38\n"
		"1\tensembl\tgene\t100\t200\t.\t-\t.\tgene_id \"ENSG00000000001\"; "
		"gene_version \"3\"; gene_name \"ONE\"; gene_biotype \"lncRNA\";\n"
		"1\tensembl\ttranscript\t100\t200\t.\t-\t.\tgene_id \"ENSG00000000001\";\n"
		"1\tensembl\texon\t100\t150\t.\t-\t.\tgene_id \"ENSG00000000001\";\n"
		"\n"
		"1\tensembl\tgene\t300\n"
		"1\tensembl\tgene\t500\t400\t.\t+\t.\tgene_id \"ENSG00000000002\";\n"
		"1\tensembl\tgene\t500\t600\t.\t+\t.\tgene_name \"NOID\";\n"
		"chrX\tRefSeq\tgene\t700\t800\t.\t.\t.\tgene_id \"TP53\"; gene_name \"TP53\"\n"
		"chrY\tHAVANA\tgene\t900\t950\t.\t+\t.\tgene_id \"ENSG00000000003.2_PAR_Y\";"
		" gene_type \"protein_coding\";\n";
	char	   *err = NULL;
	refgene_reader *r = open_text("small.gtf.gz", text, &err);
	refgene		g;

	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_int_eq(refgene_reader_format(r), REFGENE_GTF);

	ck_assert_int_eq(refgene_next(r, &g, &err), 1);
	ck_assert_str_eq(g.ensembl_id, "ENSG00000000001");
	ck_assert_str_eq(g.ensembl_version, "3");	/* gene_version */
	ck_assert_str_eq(g.symbol, "ONE");
	ck_assert_str_eq(g.gene_type, "lncRNA");	/* Ensembl's gene_biotype */
	ck_assert_str_eq(g.chromosome, "1");
	ck_assert_int_eq(g.strand, '-');
	ck_assert_int_eq(g.lineno, 2);

	/* transcript, exon and the blank line are skipped; line 6 is short */
	ck_assert_int_eq(refgene_next(r, &g, &err), -1);
	ck_assert_str_eq(err, "expected 9 tab-separated GTF fields, found 4");
	ck_assert_int_eq(refgene_lines_read(r), 6);
	free(err);
	ck_assert_int_eq(refgene_next(r, &g, &err), -1);
	ck_assert_str_eq(err, "bad gene position \"500\"-\"400\"");
	free(err);
	ck_assert_int_eq(refgene_next(r, &g, &err), -1);
	ck_assert_str_eq(err, "gene record without a gene_id attribute");
	free(err);

	/* not an Ensembl gene: kept, without the key */
	ck_assert_int_eq(refgene_next(r, &g, &err), 1);
	ck_assert_ptr_null(g.ensembl_id);
	ck_assert_str_eq(g.symbol, "TP53");
	ck_assert_ptr_null(g.gene_type);
	ck_assert_int_eq(g.strand, '\0');

	ck_assert_int_eq(refgene_next(r, &g, &err), 1);
	ck_assert_str_eq(g.ensembl_id, "ENSG00000000003_PAR_Y");
	ck_assert_str_eq(g.ensembl_version, "2");
	ck_assert_ptr_null(g.symbol);
	ck_assert_str_eq(g.gene_type, "protein_coding");

	ck_assert_int_eq(refgene_next(r, &g, &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(refgene_lines_read(r), 10);
	ck_assert_int_eq(refgene_lines_skipped(r), 4);
	refgene_close(r);
}
END_TEST

START_TEST(test_gene_info_small)
{
	const char *text =
		"#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\t"
		"map_location\tdescription\ttype_of_gene\n"
		"9606\t7157\tTP53\t-\tP53|LFS1\tMIM:191170|HGNC:HGNC:11998|"
		"Ensembl:ENSG00000141510\t17\t17p13.1\ttumor protein p53\tprotein-coding\n"
		"9606\t99\tX\t-\t-\t-\t-\t-\t-\t-\n"
		"9606\tabc\tBAD\t-\t-\t-\t-\t-\t-\t-\n"
		"9606\t100\tSHORT\n"
		"9606\t101\tODD\t-\t-\tEnsembl:ENST00000269305|Ensembl:ENSG00000000101.4"
		"\tX|Y\t-\t-\tunknown\n";
	char	   *err = NULL;
	refgene_reader *r = open_text("gene_info.gz", text, &err);
	refgene		g;

	ck_assert_msg(r != NULL, "%s", err);
	ck_assert_int_eq(refgene_reader_format(r), REFGENE_GENE_INFO);
	ck_assert_int_eq(refgene_next(r, &g, &err), 1);
	ck_assert_int_eq(g.entrez_id, 7157);
	ck_assert_str_eq(g.ensembl_id, "ENSG00000141510");
	ck_assert_str_eq(g.synonyms, "P53|LFS1");

	ck_assert_int_eq(refgene_next(r, &g, &err), 1);
	ck_assert_int_eq(g.entrez_id, 99);
	ck_assert_ptr_null(g.ensembl_id);
	ck_assert_ptr_null(g.synonyms);
	ck_assert_ptr_null(g.chromosome);
	ck_assert_ptr_null(g.description);
	ck_assert_ptr_null(g.gene_type);

	ck_assert_int_eq(refgene_next(r, &g, &err), -1);
	ck_assert_str_eq(err, "GeneID \"abc\" is not a positive whole number");
	free(err);
	ck_assert_int_eq(refgene_next(r, &g, &err), -1);
	ck_assert_str_eq(err, "expected 10 tab-separated fields, found 3");
	free(err);

	/* a transcript xref is passed over for the gene one */
	ck_assert_int_eq(refgene_next(r, &g, &err), 1);
	ck_assert_str_eq(g.ensembl_id, "ENSG00000000101");
	ck_assert_str_eq(g.ensembl_version, "4");
	ck_assert_str_eq(g.chromosome, "X|Y");
	ck_assert_int_eq(refgene_next(r, &g, &err), 0);
	refgene_close(r);
}
END_TEST

START_TEST(test_refused)
{
	char	   *err = NULL;
	char	   *p;

	ck_assert_ptr_null(open_text("empty.gz", "", &err));
	ck_assert_str_eq(err, "no gene records: the file is empty or only comments");
	free(err);
	ck_assert_ptr_null(open_text("comments.gz", "##a\n#b\n", &err));
	ck_assert_ptr_nonnull(err);
	free(err);
	ck_assert_ptr_null(open_text("matrix.gz", "gene\tS1\nTP53\t1\n", &err));
	ck_assert_str_eq(err, "line 1: neither a GTF record nor a gene_info header "
					 "(\"#tax_id ...\")");
	free(err);
	ck_assert_ptr_null(open_text("noid.gz", "#tax_id\tSymbol\n", &err));
	ck_assert_str_eq(err, "gene_info header has no GeneID column");
	free(err);
	p = xasprintf("%s/none.gtf", tmpdir);
	ck_assert_ptr_null(refgene_open(p, &err));
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
	free(err);
	free(p);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("refgene");
	TCase	   *own = tcase_create("scratch");
	char	   *gtf = unit_reference("gencode.v36.annotation.genes.gtf.gz");
	char	   *gi = unit_reference("Homo_sapiens.gene_info.gz");
	int			ncases = 1;

	tcase_add_unchecked_fixture(own, setup, teardown);
	tcase_add_test(own, test_gtf_skips_and_errors);
	tcase_add_test(own, test_gene_info_small);
	tcase_add_test(own, test_refused);
	suite_add_tcase(s, own);
	if (gtf || gi)
	{
		TCase	   *ref = tcase_create("reference");

		/* reading 138,000 genes takes a few seconds under sanitizers */
		tcase_set_timeout(ref, 120);
		if (gtf)
			tcase_add_test(ref, test_gencode_v36);
		if (gi)
			tcase_add_test(ref, test_ncbi_gene_info);
		suite_add_tcase(s, ref);
		ncases++;
	}
	free(gtf);
	free(gi);
	return unit_run(s, ncases);
}
