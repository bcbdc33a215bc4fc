/*
 * validate_copynumber.c: "oncoload validate" for copy-number files, read
 * with the copy-number loader's reader (transforms/cn_reader.c): segments in
 * every dialect, cBioPortal matrices and the discrete long format, GDC
 * gene-level files.  Lines a load would reject are errors with its reason
 * codes; gene names are checked against the gene reference when there is
 * one, and duplicates the way cBioPortal's validator reports them.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "barcode.h"
#include "cn_format.h"
#include "geneid.h"
#include "strmap.h"
#include "textutil.h"
#include "validate_genomic.h"

#define MAX_HEADER_CELLS 100000

/* The first line naming a gene (or sample x gene), for duplicates. */
typedef struct first_seen
{
	long		line;
	char	   *entrez;			/* as written, or NULL */
	char	   *symbol;
} first_seen;

typedef struct gene_state
{
	strmap	   *seen;			/* gene (or sample + gene) -> index into firsts */
	first_seen *firsts;
	int			nfirsts,
				capfirsts;
	bool		is_long;
	bool		single_sample;	/* a GDC gene-level file: named by the sample sheet */
} gene_state;

/* Header names that lead a matrix (cn_header.c's, lower case). */
static bool
lead_name(const char *n)
{
	static const char *const names[] = {"hugo_symbol", "gene symbol", "entrez_gene_id", "locus id",
	"gene id", "cytoband", "name", "composite.element.ref", NULL};

	for (int i = 0; names[i]; i++)
		if (str_ieq(n, names[i]))
			return true;
	return false;
}

static bool
has_column(char **names, int n, const char *const *want)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; want[k]; k++)
			if (str_ieq(names[i], want[k]))
				return true;
	return false;
}

/* Every blank sample heading of a matrix (the reader stops at the first). */
static bool
blank_headings(val_file *f, const char *path)
{
	char	   *copy = NULL;
	char	  **names = xmalloc(sizeof(char *) * MAX_HEADER_CELLS);
	long		line;
	int			n = val_read_header(path, &copy, names, MAX_HEADER_CELLS, &line);
	int			last_lead = -1;
	int			found = 0;

	for (int i = 0; i < n; i++)
		if (lead_name(names[i]))
			last_lead = i;
	for (int i = last_lead + 1; last_lead >= 0 && i < n; i++)
		if (names[i][0] == '\0' || strcmp(names[i], "\"\"") == 0)
		{
			found++;
			val_report(f, ONC_ERROR, line, i + 1, "cn.blank_sample_header",
					   "column %d has a blank heading instead of a sample ID", i + 1);
		}
	free(names);
	free(copy);
	return found > 0;
}

/* The reader refused the file: say why, with a code per reason. */
static int
refused(val_file *f, const char *path, const char *err, int errno_out)
{
	long		line;
	int			col;
	const char *text;
	const char *code = "cn.header";

	if (errno_out)
	{
		val_report(f, ONC_ERROR, 0, 0, "cn.unreadable", "%s", err);
		return -1;
	}
	text = err_split_place(err, &line, &col);
	if (strstr(text, "has no sample name") && blank_headings(f, path))
		return 0;
	if (strstr(text, "Hugo_Symbol or Entrez_Gene_Id"))
		code = "cn.no_gene_column";
	else if (strstr(text, "missing column"))
		code = "cn.missing_column";
	else if (strstr(text, "appears twice"))
		code = "cn.duplicate_sample_column";
	else if (strstr(text, "not a copy-number file"))
		code = "cn.not_copy_number";
	else if (strstr(text, "no sample columns"))
		code = "cn.no_sample_columns";
	val_report(f, ONC_ERROR, line, col, code, "%s", text);
	return 0;
}

/* ---- segments ---- */

/*
 * The sample a segment belongs to, as the loader resolves it: a GDC
 * aliquot UUID is an aliquot of the sample the sample sheet names.
 */
static const char *
segment_sample(val_file *f, const char *id)
{
	tcga_barcode bc;

	if (val_sheet_sample(f) && !(tcga_barcode_parse(id, &bc) && bc.level >= TCGA_SAMPLE))
		return val_sheet_sample(f);
	return id;
}

static void
check_segments(val_file *f, cn_reader *r, const cn_info *in)
{
	const cn_segment *s;
	char	   *err = NULL;
	int			got;
	long		all_missing = 0,
				first_missing = 0;
	cn_build	b = in->build;

	if (b == CN_BUILD_UNKNOWN && in->study_build)
		b = cn_build_parse(in->study_build);
	if (b != CN_BUILD_UNKNOWN)
	{
		cn_set_build(r, b);
		val_genome_build_of(f, "segments", cn_build_name(b));
	}
	else
		val_report(f, ONC_INFO, 0, 0, "cn.no_build",
				   "no genome build is known for these segments (no meta file, meta_study.txt "
				   "or hg19/hg38 in the file name): a load needs --build; ends are not checked "
				   "against chromosome lengths");
	while ((got = cn_next_segment(r, &s, &err)) == 1)
	{
		for (int i = 0; i < s->nproblems; i++)
		{
			char	   *code = xasprintf("cn.%s", s->problems[i].code);

			val_report(f, ONC_ERROR, s->lineno, s->problems[i].col, code, "%s", s->problems[i].text);
			free(code);
		}
		if (s->sample && s->sample[0])
			val_use_sample(f, s->lineno, segment_sample(f, s->sample));
		if (s->nproblems)
			continue;
		if (s->warning_code)
		{
			char	   *code = xasprintf("cn.%s", s->warning_code);

			val_report(f, ONC_WARNING, s->lineno, 0, code, "%s", s->warning);
			free(code);
		}
		if (s->all_missing && all_missing++ == 0)
			first_missing = s->lineno;
	}
	if (got < 0)
	{
		val_report(f, ONC_ERROR, cn_lines_read(r), 0, "cn.unreadable", "%s", err);
		free(err);
	}
	if (all_missing)
		val_report(f, ONC_INFO, first_missing, 0, "cn.segment_no_value",
				   "%ld segment(s) have no value (the first here); a load skips them", all_missing);
}

/* ---- gene-level files ---- */

/*
 * The gene a line names, checked against the gene reference when there is
 * one: its key (> 0), or 0 when unresolved (a warning was given).  Without
 * a reference, 0.
 */
static int
check_gene_names(val_file *f, const cn_gene_row *g)
{
	const genemap *gm = val_genes(f);
	int			ke = GENE_UNKNOWN,
				ks = GENE_UNKNOWN;
	int64_t		e;

	if (!gm || g->ensembl || g->several_genes)
		return 0;
	if (g->entrez && num_parse_int64(g->entrez, &e) == NUM_OK && e > 0)
		ke = genemap_entrez(gm, g->entrez);
	if (g->symbol)
		ks = genemap_symbol(gm, g->symbol);
	if (ke == GENE_AMBIGUOUS)
	{
		val_report(f, ONC_WARNING, g->lineno, g->gene_col, "cn.ambiguous_gene",
				   "Entrez Gene ID %s names more than one gene; a load rejects the line", g->entrez);
		return 0;
	}
	if (ke > 0 && ks > 0 && ke != ks)
	{
		val_report(f, ONC_WARNING, g->lineno, g->gene_col, "cn.gene_mismatch",
				   "gene symbol %s and Entrez Gene ID %s do not match (they name different genes); "
				   "a load rejects the line", g->symbol, g->entrez);
		return 0;
	}
	if (ke > 0)
	{
		if (g->symbol && ks == GENE_UNKNOWN)
			val_report(f, ONC_WARNING, g->lineno, g->gene_col, "cn.unknown_symbol",
					   "gene symbol %s is not known; the gene is the one Entrez Gene ID %s names",
					   g->symbol, g->entrez);
		return ke;
	}
	if (ks > 0)
	{
		if (g->entrez)
			val_report(f, ONC_WARNING, g->lineno, g->gene_col, "cn.unknown_entrez",
					   "Entrez Gene ID %s is not known; the gene is the one symbol %s names",
					   g->entrez, g->symbol);
		return ks;
	}
	if (ks == GENE_AMBIGUOUS)
		val_report(f, ONC_WARNING, g->lineno, g->gene_col, "cn.ambiguous_gene",
				   "gene symbol %s names more than one gene; a load rejects the line", g->symbol);
	else
		val_report(f, ONC_WARNING, g->lineno, g->gene_col, "cn.unknown_gene",
				   "gene %s is not in the gene reference; a load rejects the line",
				   g->symbol ? g->symbol : g->entrez);
	return 0;
}

/* Identity of the line's gene for duplicate checks ("" when none). */
static void
gene_identity(const cn_gene_row *g, int key, char *out, size_t cap)
{
	char		base[64],
				ver[32];

	if (key > 0)
		snprintf(out, cap, "k%d", key);
	else if (g->ensembl && geneid_ensembl(g->ensembl, base, sizeof(base), ver, sizeof(ver)))
		snprintf(out, cap, "g%s", base);
	else if (g->entrez)
		snprintf(out, cap, "e%s", g->entrez);
	else if (g->symbol)
	{
		size_t		i = 0;

		out[i++] = 's';
		for (const char *p = g->symbol; *p && i + 1 < cap; p++)
			out[i++] = (char) toupper((unsigned char) *p);
		out[i] = '\0';
	}
	else
		out[0] = '\0';
}

static void
check_duplicate(val_file *f, gene_state *st, const cn_info *in, const cn_gene_row *g, int key)
{
	char		id[160];
	char	   *k;
	int64_t		idx;
	const char *sample = st->is_long ? in->samples[g->cell_sample[0]] : NULL;

	gene_identity(g, key, id, sizeof(id));
	if (!id[0])
		return;
	k = sample ? xasprintf("%s\t%s", sample, id) : xstrdup(id);
	if (strmap_get(st->seen, k, &idx))
	{
		const first_seen *fs = &st->firsts[idx];
		const char *name = g->symbol ? g->symbol : g->entrez ? g->entrez : g->ensembl;

		if (!st->is_long)
			val_report(f, ONC_WARNING, g->lineno, g->gene_col, "cn.duplicate_gene",
					   "duplicate line for gene %s, listed before on line %ld; a load keeps the first",
					   name, fs->line);
		else if (g->symbol && fs->symbol && !str_ieq(g->symbol, fs->symbol) &&
				 !(g->entrez && fs->entrez && strcmp(g->entrez, fs->entrez) == 0))
			val_report(f, ONC_ERROR, g->lineno, g->gene_col, "cn.long_two_symbols",
					   "gene symbols %s (line %ld) and %s name the same gene in sample %s",
					   fs->symbol, fs->line, g->symbol, sample);
		else
			val_report(f, ONC_ERROR, g->lineno, g->gene_col, "cn.long_duplicate_gene",
					   "gene %s appears again for sample %s (line %ld); a load keeps the first",
					   name, sample, fs->line);
		free(k);
		return;
	}
	if (st->nfirsts == st->capfirsts)
	{
		st->capfirsts = st->capfirsts ? st->capfirsts * 2 : 256;
		st->firsts = xrealloc(st->firsts, sizeof(first_seen) * (size_t) st->capfirsts);
	}
	st->firsts[st->nfirsts].line = g->lineno;
	st->firsts[st->nfirsts].entrez = g->entrez ? xstrdup(g->entrez) : NULL;
	st->firsts[st->nfirsts].symbol = g->symbol ? xstrdup(g->symbol) : NULL;
	strmap_put(st->seen, k, st->nfirsts++);
	free(k);
}

static void
check_cells(val_file *f, const cn_info *in, const cn_gene_row *g)
{
	for (int k = 0; k < g->ncells; k++)
	{
		if (g->status[k] != NUM_INVALID)
			continue;
		if (in->measures[g->cell_measure[k]] == CN_M_DISCRETE)
			val_report(f, ONC_ERROR, g->lineno, g->cell_col[k], "cn.invalid_discrete_value",
					   "value \"%.40s\" is not a discrete copy-number call (-2, -1.5, -1, 0, 1, 2, or NA)",
					   g->raw[k]);
		else
			val_report(f, ONC_ERROR, g->lineno, g->cell_col[k], "cn.invalid_number",
					   "value \"%.40s\" is not a number", g->raw[k]);
	}
}

static void
check_gene_rows(val_file *f, const char *path, cn_reader *r, const cn_info *in)
{
	const cn_gene_row *g;
	char	   *err = NULL;
	int			got;
	gene_state	st;
	val_cbio_cols cb;
	bool		drivers = false;
	char	  **cells = NULL;

	memset(&st, 0, sizeof(st));
	st.seen = strmap_new(4096);
	st.is_long = in->format == CN_FMT_CBIO_LONG;
	st.single_sample = in->format == CN_FMT_GDC_GENE;
	if (in->format == CN_FMT_CBIO_MATRIX || st.is_long)
	{
		static const char *const entrez[] = {"entrez_gene_id", "locus id", "gene id", NULL};
		char	   *copy = NULL;
		char	  **names = xmalloc(sizeof(char *) * MAX_HEADER_CELLS);
		long		hl;
		int			n = val_read_header(path, &copy, names, MAX_HEADER_CELLS, &hl);

		/* matrices only: cBioPortal takes a long file with symbols alone as it is */
		if (n > 0 && !st.is_long && !has_column(names, n, entrez))
			val_report(f, ONC_WARNING, in->header_line, 0, "cn.no_entrez_column",
					   "the recommended column Entrez_Gene_Id is missing: genes are matched by symbol only");
		/* the long format's custom driver columns (the loader reads past them) */
		val_cbio_find(names, n > 0 ? n : 0, "cn", &cb);
		drivers = st.is_long && (cb.driver >= 0 || cb.driver_annot >= 0 || cb.tiers >= 0 ||
								 cb.tiers_annot >= 0);
		if (drivers)
			val_cbio_header(f, in->header_line, &cb);
		free(names);
		free(copy);
	}
	if (in->format == CN_FMT_CBIO_MATRIX)
		for (int s = 0; s < in->nsamples; s++)
		{
			/* the sample columns close the header */
			int			col = in->ncolumns - in->nsamples + s + 1;

			if (strcspn(in->samples[s], " \t") != strlen(in->samples[s]))
				val_report(f, ONC_WARNING, in->header_line, col, "cn.space_in_sample",
						   "sample ID \"%.80s\" holds white space", in->samples[s]);
			val_use_sample(f, in->header_line, in->samples[s]);
		}
	else if (st.single_sample && val_sheet_sample(f))
		val_use_sample(f, in->header_line, val_sheet_sample(f));
	if (drivers)
		cells = xmalloc(sizeof(char *) * (size_t) (in->ncolumns + 1));
	while ((got = cn_next_gene_row(r, &g, &err)) == 1)
	{
		int			key;

		if (drivers)
		{
			char	   *copy = xstrdup(g->line);
			int			n = tsv_split(copy, '\t', cells, in->ncolumns + 1);

			if (n > in->ncolumns + 1)
				n = in->ncolumns + 1;
			for (int i = 0; i < n; i++)
				cells[i] = str_trim(cells[i]);
			val_cbio_cells(f, g->lineno, cells, n, &cb);
			free(copy);
		}

		if (g->error)
		{
			char	   *code = xasprintf("cn.%s", g->error->code);

			val_report(f, ONC_ERROR, g->lineno, g->error->col, code, "%s", g->error->text);
			free(code);
			continue;
		}
		if (st.is_long)
			val_use_sample(f, g->lineno, in->samples[g->cell_sample[0]]);
		if (g->several_genes)
			val_report(f, ONC_WARNING, g->lineno, g->gene_col, "cn.ambiguous_gene",
					   "\"%s\" names more than one gene; a load rejects the line", g->symbol);
		key = check_gene_names(f, g);
		check_duplicate(f, &st, in, g, key);
		check_cells(f, in, g);
	}
	if (got < 0)
	{
		val_report(f, ONC_ERROR, cn_lines_read(r), 0, "cn.unreadable", "%s", err);
		free(err);
	}
	for (int i = 0; i < st.nfirsts; i++)
	{
		free(st.firsts[i].entrez);
		free(st.firsts[i].symbol);
	}
	free(st.firsts);
	free(cells);
	strmap_free(st.seen);
}

int
val_check_copynumber(val_file *f, const char *path)
{
	cn_reader  *r;
	const cn_info *in;
	char	   *err = NULL;
	int			errno_out = 0;
	cn_opts		opts = {CN_FMT_UNKNOWN, CN_M_NONE};

	val_set_kind(f, "copynumber");
	r = cn_open(path, &opts, &err, &errno_out);
	if (!r && err && strstr(err, "cannot tell whether this matrix"))
	{
		/* a load needs --measure: say so, and check the rest as numbers */
		val_report(f, ONC_WARNING, 0, 0, "cn.no_measure", "%s", err);
		free(err);
		err = NULL;
		opts.measure = CN_M_LOG2;
		r = cn_open(path, &opts, &err, &errno_out);
	}
	if (!r)
	{
		int			rc = refused(f, path, err ? err : "cannot read", errno_out);

		free(err);
		return rc;
	}
	in = cn_reader_info(r);
	/* the core's names for the two kinds (its summaries and JSON) */
	val_set_kind(f, cn_format_is_segment(in->format) ? "segments" : "copynumber");
	if (in->format == CN_FMT_GISTIC_GENES)
		val_report(f, ONC_INFO, 0, 0, "cn.gistic_not_loaded",
				   "a GISTIC peak summary: recognised, not loaded");
	else if (cn_format_is_segment(in->format))
		check_segments(f, r, in);
	else
		check_gene_rows(f, path, r, in);
	val_lines_read(f, cn_lines_read(r));
	cn_close(r);
	return 0;
}
