/*
 * validate_mutations.c: "oncoload validate" for MAFs.  The file is read with
 * the mutation loader's own reader (transforms/maf_reader.c), so every line
 * a load would reject is an error here with the load's reason code; then
 * what cBioPortal's validator checks beyond that (custom driver columns,
 * HGVSp_Short length, Validation_Status values, SWISSPROT identifiers) and
 * what a load keeps once (duplicate sample x variant lines).
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cbio_meta.h"
#include "lineio.h"
#include "maf.h"
#include "textutil.h"
#include "validate_genomic.h"

#define MAX_HEADER_CELLS 4096

/* Classifications cBioPortal's importer filters out (oncoload loads them). */
static const char *const cbio_filtered[] = {"Silent", "Intron", "3'UTR", "3'Flank", "5'UTR",
"5'Flank", "IGR", "RNA", NULL};

/*
 * The reader refused the header: say why, then make the cBioPortal checks
 * on the lines anyway (a file with custom columns but no alleles, say).
 */
static int
refused(val_file *f, const char *path, const char *err, bool is_io)
{
	long		line;
	const char *text = err_split_place(err, &line, NULL);
	const char *code = "maf.header";
	char	   *hcopy = NULL;
	char	  **names;
	int			n;
	long		hline;
	lineio	   *lr;
	val_cbio_cols c;
	char	   *l;
	char	  **cells;

	if (is_io)
	{
		val_report(f, ONC_ERROR, 0, 0, "maf.unreadable", "%s", text);
		return -1;
	}
	if (strstr(text, "missing required column"))
		code = "maf.missing_column";
	else if (strstr(text, "not a MAF"))
		code = "maf.not_maf";
	else if (strstr(text, "UTF-8"))
		code = "maf.invalid_encoding";
	val_report(f, ONC_ERROR, line, 0, code, "%s", text);

	names = xmalloc(sizeof(char *) * MAX_HEADER_CELLS);
	n = val_read_header(path, &hcopy, names, MAX_HEADER_CELLS, &hline);
	if (n <= 0 || !(lr = lineio_open(path)))
	{
		free(names);
		free(hcopy);
		return 0;
	}
	val_cbio_find(names, n, "maf", &c);
	free(names);
	val_cbio_header(f, hline, &c);
	cells = xmalloc(sizeof(char *) * (MAX_HEADER_CELLS + 1));
	while ((l = lineio_next(lr, NULL)) != NULL)
	{
		long		ln = lineio_lineno(lr);
		int			k;

		if (ln <= hline || l[0] == '#' || l[strspn(l, " \t\r")] == '\0')
			continue;
		if (!utf8_valid(l))
		{
			val_report(f, ONC_ERROR, ln, 0, "maf.invalid_encoding", "the line is not valid UTF-8");
			continue;
		}
		k = tsv_split(l, '\t', cells, MAX_HEADER_CELLS + 1);
		if (k > MAX_HEADER_CELLS)
			k = MAX_HEADER_CELLS;
		for (int i = 0; i < k; i++)
			cells[i] = str_trim(cells[i]);
		val_cbio_cells(f, ln, cells, k, &c);
	}
	val_lines_read(f, lineio_lineno(lr));
	lineio_close(lr);
	free(cells);
	free(hcopy);
	return 0;
}

/* Counts and first lines for the file's closing notes. */
typedef struct maf_tally
{
	long		filtered[8];	/* per cbio_filtered[] */
	long		normalised;
	long		first_normalised;
	const char *builds[2];		/* the distinct builds seen (GRCh37, GRCh38) */
	const char *study_build;	/* meta_study.txt's reference_genome beside the file */
	long		off_study,
				first_off_study;
} maf_tally;

/* The reference genome of the cBioPortal study the file is in, or NULL. */
static const char *
study_build(const char *path)
{
	const char *slash = strrchr(path, '/');
	char	   *meta = slash ? xasprintf("%.*s/meta_study.txt", (int) (slash - path), path)
		: xstrdup("meta_study.txt");
	cbio_meta  *m = cbio_meta_read(meta);
	const char *b = m ? maf_build_norm(cbio_meta_get(m, "reference_genome")) : NULL;

	cbio_meta_free(m);
	free(meta);
	return b;
}

static void
gene_check(val_file *f, const maf_info *in, const maf_row *row)
{
	const genemap *g = val_genes(f);
	const char *sym = row->f[MAF_HUGO_SYMBOL];
	const char *ent = row->f[MAF_ENTREZ_ID];
	int64_t		e = 0;
	int			st = ent ? num_parse_int64(ent, &e) : NUM_MISSING;
	int			ek,
				sk;

	if (st == NUM_INVALID || (st == NUM_OK && e < 0))
	{
		/* the load keeps the line and ignores the ID */
		val_report(f, ONC_WARNING, row->lineno, in->col[MAF_ENTREZ_ID] + 1, "maf.invalid_entrez",
				   "Entrez_Gene_Id \"%.20s\" is not a whole number >= 0; a load ignores it", ent);
		return;
	}
	if (!g || !sym || st != NUM_OK || str_ieq(sym, "Unknown") || e == 0)
		return;
	ek = genemap_entrez(g, ent);
	sk = genemap_symbol(g, sym);
	/* what the load rejects (varstore.c's vstore_gene) */
	if (ek > 0 && sk > 0 && ek != sk)
		val_report(f, ONC_ERROR, row->lineno, in->col[MAF_ENTREZ_ID] + 1, "maf.gene_mismatch",
				   "Hugo_Symbol %.40s and Entrez_Gene_Id %.20s name different genes", sym, ent);
}

static void
count_cells(val_file *f, const maf_info *in, const maf_row *row)
{
	static const maf_field counts[6] = {MAF_T_DEPTH, MAF_T_REF, MAF_T_ALT, MAF_N_DEPTH, MAF_N_REF, MAF_N_ALT};

	for (int i = 0; i < 6; i++)
	{
		int32_t		x;

		if (maf_parse_count(row->f[counts[i]], &x) < 0)
			val_report(f, ONC_WARNING, row->lineno, in->col[counts[i]] + 1, "maf.invalid_count",
					   "%s \"%.40s\" is not a whole number of reads; the line loads without it",
					   in->names[in->col[counts[i]]], row->f[counts[i]]);
	}
}

/*
 * Start_Position and End_Position that are not whole numbers, even on a
 * line the reader rejected for something else first (cBioPortal reports
 * each).
 */
static void
check_positions(val_file *f, const maf_info *in, const maf_row *row)
{
	static const maf_field pos[2] = {MAF_START, MAF_END};

	for (int i = 0; i < 2; i++)
	{
		const char *v = row->f[pos[i]];
		int			col = in->col[pos[i]] + 1;
		bool		ok = true;

		if (!v)
			continue;
		for (const char *p = v; *p; p++)
			ok &= *p >= '0' && *p <= '9';
		if (ok)
			continue;
		if (row->error_code && strcmp(row->error_code, "invalid_position") == 0 && row->error_col == col)
			continue;			/* the reader said so already */
		val_report(f, ONC_ERROR, row->lineno, col, "maf.invalid_position",
				   "%s \"%.40s\" is not a positive whole number", in->names[in->col[pos[i]]], v);
	}
}

/* The key of an accepted line: tumour sample and variant. */
static char *
row_key(const maf_row *row)
{
	return xasprintf("%s\t%s\t%s\t%" PRId64 "\t%" PRId64 "\t%s\t%s", row->f[MAF_TUMOR_SAMPLE],
					 row->build, row->chrom, row->var.start, row->var.end, row->var.ref, row->var.alt);
}

/* The second read, when the first found candidates: report the repeats. */
static void
dup_report(val_file *f, const char *path, const char *build, val_dups *d)
{
	maf_reader *r;
	maf_row    *row;
	char	   *err = NULL;
	bool		is_io = false;

	if (!val_dups_any(d))
		return;
	if (!(r = maf_open(path, build, &err, &is_io)))
	{
		free(err);
		return;
	}
	while (maf_next(r, &row, &err) == 1)
	{
		char	   *key;
		long		first;

		if (row->blank || row->error_code)
			continue;
		key = row_key(row);
		if (val_dups_recheck(d, key, row->lineno, &first))
			val_report(f, ONC_WARNING, row->lineno, 0, "maf.duplicate_mutation",
					   "the same sample and variant as line %ld; a load keeps one", first);
		free(key);
	}
	free(err);
	maf_close(r);
	val_dups_limited(f, d, "maf.duplicate_check_limited");
}

/* One line the reader accepted. */
static void
take_row(val_file *f, const maf_info *in, const maf_row *row, val_dups *dups, maf_tally *t)
{
	char	   *key;

	val_use_sample(f, row->lineno, row->f[MAF_TUMOR_SAMPLE]);
	if (row->f[MAF_NORMAL_SAMPLE])
		val_use_normal(f, row->lineno, row->f[MAF_NORMAL_SAMPLE]);
	for (int i = 0; i < 2; i++)
	{
		if (t->builds[i] && strcmp(t->builds[i], row->build) == 0)
			break;
		if (!t->builds[i])
		{
			t->builds[i] = row->build;
			val_genome_build_of(f, "maf", row->build);
			break;
		}
	}
	if (t->study_build && strcmp(row->build, t->study_build) != 0 && t->off_study++ == 0)
		t->first_off_study = row->lineno;
	gene_check(f, in, row);
	count_cells(f, in, row);
	for (int i = 0; cbio_filtered[i]; i++)
		if (strcmp(row->f[MAF_CLASSIFICATION], cbio_filtered[i]) == 0)
			t->filtered[i]++;
	if (row->changed && t->normalised++ == 0)
		t->first_normalised = row->lineno;

	/* the same tumour sample and variant twice: a load keeps the first */
	key = row_key(row);
	val_dups_note(dups, key);
	free(key);
}

static void
closing_notes(val_file *f, const maf_info *in, const maf_tally *t)
{
	onc_buf		b;
	long		total = 0;

	buf_init(&b);
	for (int i = 0; cbio_filtered[i]; i++)
		if (t->filtered[i])
		{
			buf_printf(&b, "%s%s %ld", b.len ? ", " : "", cbio_filtered[i], t->filtered[i]);
			total += t->filtered[i];
		}
	if (total)
		val_report(f, ONC_INFO, 0, 0, "maf.filtered_classification",
				   "%ld line(s) of classifications cBioPortal filters out (%s); oncoload loads them",
				   total, b.data);
	buf_free(&b);
	if (t->normalised)
		val_report(f, ONC_INFO, t->first_normalised, 0, "maf.normalised",
				   "%ld line(s) have alleles a load trims to MAF coordinates (the first here)",
				   t->normalised);
	if (t->off_study)
		val_report(f, ONC_ERROR, t->first_off_study, 0, "maf.build_not_study",
				   "%ld line(s) are not on the study's reference genome %s (meta_study.txt; the first here)",
				   t->off_study, t->study_build);
	if (t->builds[1])
		val_report(f, ONC_WARNING, 0, 0, "maf.mixed_builds",
				   "the lines are on two genome builds (%s and %s)", t->builds[0], t->builds[1]);
	if (in->col[MAF_HGVSP_SHORT] < 0 && in->col[MAF_PROTEIN_CHANGE] < 0)
	{
		bool		cbio = strcmp(in->layout, "cbioportal") == 0;

		/* cBioPortal refuses such a MAF; oncoload loads it without protein changes */
		val_report(f, cbio ? ONC_ERROR : ONC_WARNING, 0, 0, "maf.no_protein_change",
				   "neither HGVSp_Short nor Amino_Acid_Change/Protein_Change is a column%s",
				   cbio ? ": cBioPortal requires one" : "; protein changes are not loaded");
	}
}

int
val_check_mutations(val_file *f, const char *path)
{
	maf_reader *r;
	const maf_info *in;
	maf_row    *row;
	char	   *err = NULL;
	bool		is_io = false;
	int			got;
	val_dups   *dups;
	val_cbio_cols c;
	maf_tally	t;
	bool		no_build = false;

	val_set_kind(f, "maf");
	r = maf_open(path, NULL, &err, &is_io);
	if (!r)
	{
		int			rc = refused(f, path, err ? err : "cannot read", is_io);

		free(err);
		return rc;
	}
	if (!maf_reader_info(r)->has_build)
	{
		/* a load needs --build; read on as GRCh37 to check the rest */
		maf_close(r);
		no_build = true;
		if (!(r = maf_open(path, "GRCh37", &err, &is_io)))
		{
			int			rc = refused(f, path, err ? err : "cannot read", is_io);

			free(err);
			return rc;
		}
	}
	in = maf_reader_info(r);
	memset(&t, 0, sizeof(t));
	t.study_build = study_build(path);
	dups = val_dups_new();
	val_cbio_find(in->names, in->ncols, "maf", &c);
	{
		long		hline = 0;
		char	   *hcopy = NULL;
		char	   *names[1];

		/* the header's line, for the header findings */
		if (val_read_header(path, &hcopy, names, 1, &hline) >= 0)
			val_cbio_header(f, hline, &c);
		free(hcopy);
		if (no_build)
			val_report(f, ONC_WARNING, hline, 0, "maf.no_build",
					   "no NCBI_Build column: a load needs --build (the lines were checked as GRCh37)");
	}
	while ((got = maf_next(r, &row, &err)) == 1)
	{
		if (row->blank)
			continue;
		val_cbio_cells(f, row->lineno, row->cells, in->ncols, &c);
		check_positions(f, in, row);
		if (row->error_code)
		{
			char	   *code = xasprintf("maf.%s", row->error_code);

			val_report(f, ONC_ERROR, row->lineno, row->error_col, code, "%s", row->error);
			free(code);
			/* its sample still belongs to the study */
			if (row->f[MAF_TUMOR_SAMPLE])
				val_use_sample(f, row->lineno, row->f[MAF_TUMOR_SAMPLE]);
			continue;
		}
		take_row(f, in, row, dups, &t);
	}
	if (got < 0)
	{
		val_report(f, ONC_ERROR, maf_lines_read(r), 0, "maf.unreadable", "%s", err ? err : "read error");
		free(err);
	}
	closing_notes(f, in, &t);
	val_lines_read(f, maf_lines_read(r));
	maf_close(r);
	val_dups_first_done(dups);
	dup_report(f, path, no_build ? "GRCh37" : NULL, dups);
	val_dups_free(dups);
	return 0;
}

int
val_read_header(const char *path, char **copy, char **cells, int max, long *line_out)
{
	lineio	   *lr = lineio_open(path);
	char	   *l;
	size_t		len;
	int			n = 0;

	*copy = NULL;
	*line_out = 0;
	if (!lr)
		return -1;
	while ((l = lineio_next(lr, &len)) != NULL)
	{
		if (l[0] == '#' || strspn(l, " \t\r") == len)
			continue;
		*line_out = lineio_lineno(lr);
		*copy = xstrdup(l);
		n = tsv_split(*copy, '\t', cells, max);
		if (n > max)
			n = max;
		for (int i = 0; i < n; i++)
		{
			/* blanks and the '\r' of a CRLF file are no part of a name */
			char	   *s = cells[i];
			size_t		k = strlen(s);

			while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\r'))
				s[--k] = '\0';
			while (*s == ' ')
				s++;
			cells[i] = s;
		}
		break;
	}
	lineio_close(lr);
	return n;
}
