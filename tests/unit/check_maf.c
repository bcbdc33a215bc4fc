/*
 * check_maf.c: the MAF conventions (builds, chromosomes, MAF-style alleles,
 * classifications, the Sequence Ontology map) and the MAF reader on the
 * real MAFs of ../shared/corpus and the project's fixtures
 * (tests/fixtures/mutations/NAME, expected dump in NAME.out beside it).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maf.h"
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

/* ------------------------------------------------------------ conventions */

START_TEST(test_builds)
{
	ck_assert_str_eq(maf_build_norm("GRCh37"), "GRCh37");
	ck_assert_str_eq(maf_build_norm("hg19"), "GRCh37");
	ck_assert_str_eq(maf_build_norm("37"), "GRCh37");
	ck_assert_str_eq(maf_build_norm("grch38"), "GRCh38");
	ck_assert_str_eq(maf_build_norm("HG38"), "GRCh38");
	ck_assert_str_eq(maf_build_norm("38"), "GRCh38");
	ck_assert_ptr_null(maf_build_norm("hg18"));
	ck_assert_ptr_null(maf_build_norm("36"));
	ck_assert_ptr_null(maf_build_norm(""));
	ck_assert_ptr_null(maf_build_norm(NULL));
}
END_TEST

START_TEST(test_chromosomes)
{
	char		c[64];

	ck_assert(maf_chrom_norm("chr1", c, sizeof(c)));
	ck_assert_str_eq(c, "1");
	ck_assert(maf_chrom_norm("1", c, sizeof(c)));
	ck_assert_str_eq(c, "1");
	ck_assert(maf_chrom_norm("23", c, sizeof(c)));
	ck_assert_str_eq(c, "X");
	ck_assert(maf_chrom_norm("chr24", c, sizeof(c)));
	ck_assert_str_eq(c, "Y");
	ck_assert(maf_chrom_norm("chrM", c, sizeof(c)));
	ck_assert_str_eq(c, "MT");
	ck_assert(maf_chrom_norm("MT", c, sizeof(c)));
	ck_assert_str_eq(c, "MT");
	ck_assert(maf_chrom_norm("chrx", c, sizeof(c)));
	ck_assert_str_eq(c, "X");
	ck_assert(maf_chrom_norm("chr1_KI270706v1_random", c, sizeof(c)));
	ck_assert_str_eq(c, "1_KI270706v1_random");
	ck_assert(maf_chrom_norm("GL000220.1", c, sizeof(c)));
	ck_assert_str_eq(c, "GL000220.1");
	ck_assert(!maf_chrom_norm("chr", c, sizeof(c)));
	ck_assert(!maf_chrom_norm("", c, sizeof(c)));
	ck_assert(!maf_chrom_norm("chr 1", c, sizeof(c)));
	ck_assert(!maf_chrom_norm("1\t", c, sizeof(c)));
}
END_TEST

/* Normalise and render "start-end ref>alt type", or "error". */
static const char *
norm(int64_t pos, const char *ref, const char *alt, char *out, size_t cap)
{
	maf_variant v;

	maf_variant_init(&v);
	if (maf_normalise(pos, ref, alt, &v) < 0)
		snprintf(out, cap, "error");
	else
		snprintf(out, cap, "%lld-%lld %s>%s %s", (long long) v.start, (long long) v.end,
				 v.ref, v.alt, v.type);
	maf_variant_free(&v);
	return out;
}

START_TEST(test_normalise)
{
	char		b[128];

	ck_assert_str_eq(norm(100, "C", "T", b, sizeof(b)), "100-100 C>T SNP");
	ck_assert_str_eq(norm(100, "c", "t", b, sizeof(b)), "100-100 C>T SNP");
	/* VCF deletion with its anchor base: starts at the first deleted base */
	ck_assert_str_eq(norm(100, "CA", "C", b, sizeof(b)), "101-101 A>- DEL");
	ck_assert_str_eq(norm(100, "CGA", "C", b, sizeof(b)), "101-102 GA>- DEL");
	/* VCF insertion: the base before it and the one after */
	ck_assert_str_eq(norm(100, "C", "CAA", b, sizeof(b)), "100-101 ->AA INS");
	/* a MAF insertion (ref "-", pos = start + 1) stays where it is */
	ck_assert_str_eq(norm(101, "-", "AA", b, sizeof(b)), "100-101 ->AA INS");
	/* a MAF deletion */
	ck_assert_str_eq(norm(101, "A", "-", b, sizeof(b)), "101-101 A>- DEL");
	/* shared start, then shared end */
	ck_assert_str_eq(norm(100, "ACG", "ATG", b, sizeof(b)), "101-101 C>T SNP");
	ck_assert_str_eq(norm(100, "AC", "GT", b, sizeof(b)), "100-101 AC>GT DNP");
	ck_assert_str_eq(norm(100, "ACGT", "TGCA", b, sizeof(b)), "100-103 ACGT>TGCA ONP");
	/* homopolymer deletion: the shared start is trimmed first (vcf2maf) */
	ck_assert_str_eq(norm(100, "CAA", "CA", b, sizeof(b)), "102-102 A>- DEL");
	/* a complex change counts by the longer allele */
	ck_assert_str_eq(norm(100, "AT", "GCC", b, sizeof(b)), "100-101 AT>GCC INS");
	ck_assert_str_eq(norm(100, "ATT", "G", b, sizeof(b)), "100-102 ATT>G DEL");
	/* nothing changes, or not bases */
	ck_assert_str_eq(norm(100, "A", "A", b, sizeof(b)), "error");
	ck_assert_str_eq(norm(100, "A", "<DEL>", b, sizeof(b)), "error");
	ck_assert_str_eq(norm(100, "R", "A", b, sizeof(b)), "error");
	ck_assert_str_eq(norm(100, "-", "-", b, sizeof(b)), "error");
	/* an insertion before the first base has no base before it */
	ck_assert_str_eq(norm(1, "A", "TA", b, sizeof(b)), "error");
	ck_assert_str_eq(maf_type_of("-", "A"), "INS");
	ck_assert_str_eq(maf_type_of("AAA", "-"), "DEL");
	ck_assert_str_eq(maf_type_of("AAA", "TTT"), "TNP");
}
END_TEST

START_TEST(test_classifications)
{
	ck_assert_str_eq(maf_classification("Missense_Mutation"), "Missense_Mutation");
	ck_assert_str_eq(maf_classification("missense_mutation"), "Missense_Mutation");
	ck_assert_str_eq(maf_classification("3'UTR"), "3'UTR");
	ck_assert_str_eq(maf_classification("Splice_Region"), "Splice_Region");
	ck_assert_ptr_null(maf_classification("Missense"));
	ck_assert_ptr_null(maf_classification(""));
	ck_assert_ptr_null(maf_classification(NULL));
}
END_TEST

START_TEST(test_so_map)
{
	ck_assert_str_eq(maf_so_classification("missense_variant", "SNP", true), "Missense_Mutation");
	ck_assert_str_eq(maf_so_classification("stop_gained", "SNP", true), "Nonsense_Mutation");
	ck_assert_str_eq(maf_so_classification("frameshift_variant", "DEL", false), "Frame_Shift_Del");
	ck_assert_str_eq(maf_so_classification("frameshift_variant", "INS", false), "Frame_Shift_Ins");
	ck_assert_str_eq(maf_so_classification("inframe_deletion", "DEL", true), "In_Frame_Del");
	ck_assert_str_eq(maf_so_classification("disruptive_inframe_insertion", "INS", true), "In_Frame_Ins");
	ck_assert_str_eq(maf_so_classification("protein_altering_variant", "INS", true), "In_Frame_Ins");
	ck_assert_str_eq(maf_so_classification("protein_altering_variant", "DEL", false), "Frame_Shift_Del");
	ck_assert_str_eq(maf_so_classification("splice_acceptor_variant", "SNP", true), "Splice_Site");
	ck_assert_str_eq(maf_so_classification("intron_variant&splice_region_variant", "SNP", true), "Splice_Region");
	ck_assert_str_eq(maf_so_classification("frameshift_variant&stop_gained", "DEL", false), "Nonsense_Mutation");
	ck_assert_str_eq(maf_so_classification("synonymous_variant", "SNP", true), "Silent");
	ck_assert_str_eq(maf_so_classification("stop_lost", "SNP", true), "Nonstop_Mutation");
	ck_assert_str_eq(maf_so_classification("start_lost", "SNP", true), "Translation_Start_Site");
	ck_assert_str_eq(maf_so_classification("5_prime_UTR_variant", "SNP", true), "5'UTR");
	ck_assert_str_eq(maf_so_classification("3_prime_UTR_variant", "SNP", true), "3'UTR");
	ck_assert_str_eq(maf_so_classification("upstream_gene_variant", "SNP", true), "5'Flank");
	ck_assert_str_eq(maf_so_classification("downstream_gene_variant", "SNP", true), "3'Flank");
	ck_assert_str_eq(maf_so_classification("intergenic_region", "SNP", true), "IGR");
	ck_assert_str_eq(maf_so_classification("non_coding_transcript_exon_variant", "SNP", true), "RNA");
	ck_assert_str_eq(maf_so_classification("intron_variant", "SNP", true), "Intron");
	ck_assert_str_eq(maf_so_classification("no_such_term", "SNP", true), "Targeted_Region");
	ck_assert_str_eq(maf_so_classification("", "SNP", true), "Targeted_Region");
	ck_assert_str_eq(maf_so_classification(NULL, "SNP", true), "Targeted_Region");
	ck_assert_int_lt(maf_so_rank("stop_gained", 11), maf_so_rank("missense_variant", 16));
}
END_TEST

START_TEST(test_cells)
{
	int32_t		v;

	ck_assert(maf_is_null(""));
	ck_assert(maf_is_null("NA"));
	ck_assert(maf_is_null("[Not Available]"));
	ck_assert(maf_is_null("."));
	ck_assert(!maf_is_null("0"));
	ck_assert_int_eq(maf_parse_count("42", &v), 1);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(maf_parse_count("", &v), 0);
	ck_assert_int_eq(maf_parse_count("NA", &v), 0);
	ck_assert_int_eq(maf_parse_count("-1", &v), -1);
	ck_assert_int_eq(maf_parse_count("4.5", &v), -1);
	ck_assert_int_eq(maf_parse_count("many", &v), -1);
}
END_TEST

/* ---------------------------------------------------------------- reader */

/*
 * Everything the reader says about a file: the info block, then a line per
 * data line: the reject, or the normalised variant and sample.  Free with
 * free().
 */
static char *
dump(const char *path, const char *build)
{
	char	   *text = NULL;
	size_t		len = 0;
	FILE	   *out = open_memstream(&text, &len);
	char	   *err = NULL;
	bool		io;
	maf_reader *r = maf_open(path, build, &err, &io);
	const maf_info *in;
	maf_row    *row;
	int			got;

	if (!r)
	{
		fprintf(out, "error: %s\n", err);
		free(err);
		fclose(out);
		return text;
	}
	in = maf_reader_info(r);
	fprintf(out, "layout %s workflow %s columns %d build_column %s\n", in->layout, in->workflow,
			in->ncols, in->has_build ? "yes" : "no");
	for (int i = 0; i < in->nheader_lines; i++)
		fprintf(out, "header %s\n", in->header_lines[i]);
	while ((got = maf_next(r, &row, &err)) == 1)
	{
		if (row->blank)
			fprintf(out, "%ld blank\n", row->lineno);
		else if (row->error_code)
			fprintf(out, "%ld reject %s col %d: %s\n", row->lineno, row->error_code, row->error_col,
					row->error);
		else
			fprintf(out, "%ld %s %s:%lld-%lld %s>%s %s %s %s%s\n", row->lineno, row->build, row->chrom,
					(long long) row->var.start, (long long) row->var.end, row->var.ref, row->var.alt,
					row->var.type, row->f[MAF_TUMOR_SAMPLE], row->f[MAF_CLASSIFICATION],
					row->changed ? " (normalised)" : "");
	}
	if (got < 0)
	{
		fprintf(out, "read error: %s\n", err);
		free(err);
	}
	maf_close(r);
	fclose(out);
	return text;
}

/* Compare the dump of fixture NAME with NAME.out. */
static void
check_fixture(const char *name, const char *build)
{
	char	   *rel = xasprintf("mutations/%s", name);
	char	   *path = unit_fixture(rel);
	char	   *want_path = xasprintf("%s.out", path);
	char	   *want = unit_slurp(want_path);
	char	   *got = dump(path, build);

	ck_assert_msg(want != NULL, "no %s", want_path);
	ck_assert_msg(strcmp(got, want) == 0, "%s: dump differs from %s:\n%s", name, want_path, got);
	free(got);
	free(want);
	free(want_path);
	free(path);
	free(rel);
}

START_TEST(test_fixture_rejects)
{
	check_fixture("rejects.maf", NULL);
}
END_TEST

/* Count the rows of a corpus MAF; every row must load. */
static long
count_rows(const char *rel, const char *build, const char *layout, int ncols, long *n_x)
{
	char	   *path = unit_corpus(rel);
	char	   *err = NULL;
	bool		io;
	maf_reader *r;
	maf_row    *row;
	long		n = 0;
	int			got;

	if (!path)
		return -1;
	r = maf_open(path, build, &err, &io);
	ck_assert_msg(r != NULL, "%s: %s", rel, err);
	ck_assert_str_eq(maf_reader_info(r)->layout, layout);
	ck_assert_int_eq(maf_reader_info(r)->ncols, ncols);
	if (n_x)
		*n_x = 0;
	while ((got = maf_next(r, &row, &err)) == 1)
	{
		ck_assert_msg(!row->error_code, "%s:%ld: %s [%s]", rel, row->lineno, row->error, row->error_code);
		ck_assert(!row->blank);
		if (n_x && strcmp(row->chrom, "X") == 0)
			(*n_x)++;
		n++;
	}
	ck_assert_int_eq(got, 0);
	maf_close(r);
	free(path);
	return n;
}

START_TEST(test_corpus_gdc)
{
	char	   *path = unit_corpus("tcga/maf/gdc_aliquot_masked_v2/example_single_sample.maf");
	char	   *err = NULL;
	bool		io;
	maf_reader *r;
	maf_row    *row;
	const maf_info *in;

	if (!path)
		return;
	ck_assert_int_eq(count_rows("tcga/maf/gdc_aliquot_masked_v2/example_single_sample.maf", NULL,
								"gdc-aliquot-masked", 140, NULL), 669);
	r = maf_open(path, NULL, &err, &io);
	in = maf_reader_info(r);
	ck_assert_int_eq(in->nheader_lines, 7);
	ck_assert_str_eq(in->header_lines[0], "#version gdc-1.0.0");
	ck_assert_str_eq(in->header_lines[6], "#tumor.aliquot 5dc361b6-b9b5-48c0-b0be-a8b105709a98");
	ck_assert_int_eq(in->col[MAF_CALLERS], 139);
	ck_assert_int_eq(in->col[MAF_FILTER], 132);	/* GDC_FILTER: there is no FILTER column */
	ck_assert_int_eq(in->roles[45], MAF_ROLE_ANNOTATION);	/* all_effects */
	ck_assert_int_eq(in->roles[32], MAF_ROLE_SAMPLE);	/* Tumor_Sample_UUID */
	ck_assert_int_eq(maf_next(r, &row, &err), 1);
	ck_assert_int_eq(row->lineno, 9);
	ck_assert_str_eq(row->build, "GRCh38");
	ck_assert_str_eq(row->chrom, "1");
	ck_assert_int_eq(row->var.start, 2229476);
	ck_assert_str_eq(row->var.alt, "G");
	ck_assert_str_eq(row->f[MAF_HUGO_SYMBOL], "SKI");
	ck_assert_str_eq(row->f[MAF_GENE], "ENSG00000157933");
	ck_assert_str_eq(row->f[MAF_T_DEPTH], "48");
	ck_assert_str_eq(row->f[MAF_CALLERS], "muse;mutect2;varscan2");
	ck_assert_ptr_null(row->f[MAF_N_REF]);
	maf_close(r);
	free(path);
}
END_TEST

START_TEST(test_corpus_tcga)
{
	long		nx;
	long		n = count_rows("tcga/maf/maftools/tcga_laml.maf.gz", NULL, "tcga-maf", 17, &nx);

	if (n < 0)
		return;
	ck_assert_int_eq(n, 2207);
	ck_assert_int_eq(nx, 108);	/* chromosome "23" */
	ck_assert_int_eq(count_rows("tcga/maf/maftools/brca.maf.gz", "GRCh37", "tcga-maf", 9, NULL), 1913);
	ck_assert_int_eq(count_rows("cbioportal/study_es_0/data_mutations_extended.maf", NULL,
								"cbioportal", 168, NULL), 36);
}
END_TEST

START_TEST(test_corpus_cbio_invalid)
{
	char	   *path = unit_corpus("cbioportal/validator/mutations/data_mutations_wrong_gene_position.maf");
	char	   *err = NULL;
	bool		io;
	maf_reader *r;
	maf_row    *row;
	int			rejects = 0;

	if (!path)
		return;
	r = maf_open(path, NULL, &err, &io);
	ck_assert_ptr_nonnull(r);
	while (maf_next(r, &row, &err) == 1)
		rejects += row->error_code != NULL;
	ck_assert_int_eq(rejects, 8);
	maf_close(r);
	free(path);
	/* the importer's fixtures without alleles are refused as a whole */
	path = unit_corpus("cbioportal/importer/data_mutations_extended.txt");
	ck_assert_ptr_null(maf_open(path, "GRCh37", &err, &io));
	ck_assert_str_eq(err, "2: missing required column(s): Reference_Allele, Tumor_Seq_Allele2");
	free(err);
	free(path);
}
END_TEST

static maf_reader *
open_text(const char *name, const char *text, char **err)
{
	char	   *p = unit_write(tmpdir, name, text, strlen(text), strstr(name, ".gz") != NULL);
	bool		io;
	maf_reader *r = maf_open(p, "GRCh37", err, &io);

	free(p);
	return r;
}

START_TEST(test_refused)
{
	char	   *err = NULL;
	bool		io;
	char	   *p;

	ck_assert_ptr_null(open_text("empty.maf", "", &err));
	ck_assert_str_eq(err, "no MAF header: the file is empty or only '#' lines");
	free(err);
	ck_assert_ptr_null(open_text("only.maf.gz", "#version 2.4\n#x\n", &err));
	ck_assert_str_eq(err, "no MAF header: the file is empty or only '#' lines");
	free(err);
	ck_assert_ptr_null(open_text("matrix.maf", "gene\tS1\nTP53\t1\n", &err));
	ck_assert_str_eq(err, "1: not a MAF: the header names neither Hugo_Symbol nor Tumor_Sample_Barcode");
	free(err);
	ck_assert_ptr_null(open_text("nosample.maf", "#v\nHugo_Symbol\tChromosome\n", &err));
	ck_assert_str_eq(err, "2: missing required column(s): Tumor_Sample_Barcode, Start_Position, "
					 "Reference_Allele, Variant_Classification, Tumor_Seq_Allele2");
	free(err);
	p = xasprintf("%s/none.maf", tmpdir);
	ck_assert_ptr_null(maf_open(p, NULL, &err, &io));
	ck_assert(io);
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
	free(err);
	free(p);
}
END_TEST

START_TEST(test_layout_quirks)
{
	char	   *err = NULL;
	maf_row    *row;
	maf_reader *r;
	const maf_info *in;

	/* trailing tabs, a short line, a repeated column name, "End_position" */
	r = open_text("quirks.maf",
				  "Tumor_Sample_Barcode\tChromosome\tStart_position\tEnd_position\tReference_Allele\t"
				  "Tumor_Seq_Allele2\tVariant_Classification\tNote\tNote\t\n"
				  "S1\t1\t10\t10\tA\tG\tSilent\tx\ty\t\n"
				  "S1\t1\t20\t20\tA\tG\tSilent\n", &err);
	ck_assert_msg(r != NULL, "%s", err);
	in = maf_reader_info(r);
	ck_assert_int_eq(in->ncols, 10);
	ck_assert_str_eq(in->names[7], "Note");
	ck_assert_str_eq(in->names[8], "Note.2");
	ck_assert_str_eq(in->names[9], "column_10");
	ck_assert_int_eq(in->col[MAF_END], 3);
	ck_assert_int_eq(maf_next(r, &row, &err), 1);
	ck_assert_ptr_null(row->error_code);
	ck_assert_str_eq(row->cells[8], "y");
	ck_assert_int_eq(maf_next(r, &row, &err), 1);
	ck_assert_ptr_null(row->error_code);
	ck_assert_str_eq(row->cells[8], "");
	ck_assert_int_eq(maf_next(r, &row, &err), 0);
	maf_close(r);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("maf");
	TCase	   *own = tcase_create("conventions");
	TCase	   *rd = tcase_create("reader");
	char	   *corpus = unit_corpus("tcga/maf");
	int			ncases = 2;

	tcase_add_test(own, test_builds);
	tcase_add_test(own, test_chromosomes);
	tcase_add_test(own, test_normalise);
	tcase_add_test(own, test_classifications);
	tcase_add_test(own, test_so_map);
	tcase_add_test(own, test_cells);
	suite_add_tcase(s, own);
	tcase_add_unchecked_fixture(rd, setup, teardown);
	tcase_add_test(rd, test_fixture_rejects);
	tcase_add_test(rd, test_refused);
	tcase_add_test(rd, test_layout_quirks);
	suite_add_tcase(s, rd);
	if (corpus)
	{
		TCase	   *c = tcase_create("corpus");

		tcase_set_timeout(c, 60);
		tcase_add_test(c, test_corpus_gdc);
		tcase_add_test(c, test_corpus_tcga);
		tcase_add_test(c, test_corpus_cbio_invalid);
		suite_add_tcase(s, c);
		ncases++;
	}
	free(corpus);
	return unit_run(s, ncases);
}
