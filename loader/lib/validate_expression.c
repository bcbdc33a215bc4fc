/*
 * validate_expression.c: the expression check of "oncoload validate", also
 * used for the numeric gene x sample matrices oncoload does not load
 * (cBioPortal methylation and RPPA), whose values are cheap to check.  Lines
 * go through the expression loader's reader (transforms/expr_format.c) and
 * the tests expr_load.c makes: malformed lines, values that are not
 * numbers, a gene twice, genes the reference does not know, a sample column
 * twice.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_format.h"
#include "geneid.h"
#include "lineio.h"
#include "strmap.h"
#include "textutil.h"
#include "validate_internal.h"

/* The first line that is neither blank nor a '#' comment: the header row. */
static long
header_line(const char *path)
{
	lineio	   *lr = lineio_open(path);
	char	   *l;
	size_t		len;
	long		n = 0;

	if (!lr)
		return 0;
	while ((l = lineio_next(lr, &len)) != NULL)
		if (len > 0 && l[0] != '#')
		{
			n = lineio_lineno(lr);
			break;
		}
	lineio_close(lr);
	return n;
}

/* "LINE: text" of a reader's error: the line, and the text after it. */
static const char *
split_line(const char *err, long *line)
{
	char	   *end;
	long		l = strtol(err, &end, 10);

	*line = 0;
	if (end == err || l <= 0 || end[0] != ':' || end[1] != ' ')
		return err;
	*line = l;
	return end + 2;
}

/* What a value column is: its sample, else its measure. */
static const char *
column_name(const expr_info *info, int v)
{
	if (info->samples && info->samples[info->value_sample[v]])
		return info->samples[info->value_sample[v]];
	if (info->measures && info->measures[info->value_measure[v]])
		return info->measures[info->value_measure[v]];
	return "?";
}

/* Check the sample columns of a matrix; report them to the study registry. */
static void
check_samples(val_file *f, const expr_info *info, long hline)
{
	strmap	   *seen = strmap_new((size_t) info->nsamples + 16);

	for (int s = 0; s < info->nsamples; s++)
	{
		const char *id = info->samples ? info->samples[s] : NULL;
		int			col = 0;
		int64_t		first;

		for (int v = 0; v < info->nvalues; v++)
			if (info->value_sample[v] == s)
			{
				col = info->value_col[v];
				break;
			}
		if (!id)
		{
			/* a single-sample file: its sample comes from the sample sheet */
			if (val_sheet_sample(f))
				val_use_sample(f, 0, val_sheet_sample(f));
			continue;
		}
		if (id[strspn(id, " \t\r")] == '\0')
		{
			val_report(f, ONC_ERROR, hline, col, "expression.blank_sample",
					   "column %d has no sample ID in the header", col);
			continue;
		}
		if (strcspn(id, " \t") != strlen(id))
			val_report(f, ONC_WARNING, hline, col, "expression.space_in_sample",
					   "sample ID \"%.80s\" holds white space", id);
		if (strmap_get(seen, id, &first))
		{
			val_report(f, ONC_ERROR, hline, col, "expression.sample_twice",
					   "sample %.80s has a second column (first: column %d); a load keeps the first",
					   id, (int) first);
			continue;
		}
		strmap_put(seen, id, col);
		val_use_sample(f, hline, id);
	}
	strmap_free(seen);
}

/*
 * The gene of a line: a key to find repeats by, and, with a gene
 * reference, the look-up the loader makes.  Returns the key (free()), or
 * NULL when the line names no gene.
 */
static char *
check_gene(val_file *f, const expr_row *row, const genemap *gm, bool loaded)
{
	char		base[64],
				ver[32];
	const char *what = NULL;
	int			key = GENE_UNKNOWN;
	onc_level	lv = loaded ? ONC_ERROR : ONC_WARNING;

	if (row->gene_id && geneid_ensembl(row->gene_id, base, sizeof(base), ver, sizeof(ver)))
	{
		/* a load creates Ensembl genes it does not know, from the line */
		if (gm)
			key = genemap_ensembl(gm, base);
		return key > 0 ? xasprintf("#%d", key) : xstrdup(base);
	}
	if (!gm)
	{
		const char *id = row->entrez ? row->entrez : row->gene_id ? row->gene_id : row->symbol;

		return id ? xstrdup(id) : NULL;
	}
	if (row->entrez || (row->gene_id && geneid_is_entrez(row->gene_id)))
	{
		const char *e = row->entrez ? row->entrez : row->gene_id;

		key = genemap_entrez(gm, e);
		what = e;
		if (key == GENE_AMBIGUOUS)
		{
			val_report(f, lv, row->lineno, row->gene_col, "expression.ambiguous_gene",
					   "Entrez Gene ID %s names more than one gene", e);
			return NULL;
		}
	}
	if (key == GENE_UNKNOWN && (row->symbol || (row->gene_id && !row->entrez &&
												!geneid_is_entrez(row->gene_id))))
	{
		const char *s = row->symbol ? row->symbol : row->gene_id;

		key = genemap_symbol(gm, s);
		what = what ? what : s;
		if (key == GENE_AMBIGUOUS)
		{
			val_report(f, lv, row->lineno, row->gene_col, "expression.ambiguous_gene",
					   "gene symbol %s names more than one gene", s);
			return NULL;
		}
	}
	if (key == GENE_UNKNOWN)
	{
		val_report(f, lv, row->lineno, row->gene_col, "expression.unknown_gene",
				   "a gene is not in the gene reference (first: %s)",
				   val_first_value(f, "unknown_gene", what ? what : "(none)"));
		return NULL;
	}
	return xasprintf("#%d", key);
}

int
val_check_expression(val_file *f, const char *path)
{
	const char *kind = val_kind(f);
	bool		loaded = strcmp(kind, "expression") == 0;
	bool		rppa = strcmp(kind, "rppa") == 0;
	expr_opts	eo = {EXPR_FMT_UNKNOWN, NULL};
	expr_reader *r;
	const expr_info *info;
	const expr_row *row;
	const genemap *gm = NULL;
	strmap	   *genes;
	char	   *err = NULL;
	int			eno = 0,
				got;
	long		hline;
	bool		cbio_rules;

	/* RPPA files name antibodies ("AKT1|Akt"): a matrix keyed by its first column */
	if (rppa)
		eo.force = EXPR_FMT_GENERIC;
	r = expr_open(path, &eo, &err, &eno);
	if (!r)
	{
		long		line;
		const char *msg = split_line(err ? err : "cannot read", &line);

		val_report(f, ONC_ERROR, line, 0, eno ? "file.unreadable" :
				   strstr(msg, "appears twice") ? "expression.sample_twice" :
				   strstr(msg, "no sample name") ? "expression.blank_sample" : "expression.bad_header",
				   "%s", msg);
		if (eno)
			f->io_error = true;
		free(err);
		return -1;
	}
	if (!loaded)
		val_report(f, ONC_INFO, 0, 0, "file.not_loaded",
				   "not loaded by oncoload: cBioPortal %s; its values are checked as a numeric matrix",
				   rppa ? "protein level (RPPA)" : kind);
	info = expr_reader_info(r);
	hline = header_line(path);
	/* cBioPortal wants "NA" for a missing value; files it reads follow its rules */
	cbio_rules = info->format == EXPR_FMT_CBIO || !loaded;
	check_samples(f, info, hline);
	if (!rppa)
		gm = val_genes(f);
	genes = strmap_new(4096);
	while ((got = expr_next(r, &row, &err)) == 1)
	{
		char	   *key;
		int64_t		first;

		if (row->error)
		{
			char		code[64];

			snprintf(code, sizeof(code), "expression.%s", row->error_code ? row->error_code : "malformed_line");
			val_report(f, ONC_ERROR, row->lineno, 0, code, "%s", row->error);
			continue;
		}
		if (row->is_qc)
			continue;
		if (rppa)
		{
			const char *id = row->gene_id ? row->gene_id : row->symbol;

			key = id ? xstrdup(id) : NULL;
		}
		else
			key = check_gene(f, row, gm, loaded);
		if (key)
		{
			if (strmap_get(genes, key, &first))
			{
				char		ex[160];

				snprintf(ex, sizeof(ex), "%.80s, first on line %ld",
						 row->gene_id ? row->gene_id : row->symbol ? row->symbol : row->entrez,
						 (long) first);
				val_report(f, ONC_ERROR, row->lineno, row->gene_col, "expression.duplicate_gene",
						   "a %s appears again; a load keeps its first line (first: %s)",
						   rppa ? "feature" : "gene", val_first_value(f, "duplicate_gene", ex));
			}
			else
				strmap_put(genes, key, row->lineno);
			free(key);
		}
		for (int v = 0; v < info->nvalues; v++)
		{
			const char *raw = row->raw[v] ? row->raw[v] : "";

			if (row->status[v] == NUM_INVALID)
			{
				char		k[48];

				snprintf(k, sizeof(k), "number/%d", info->value_col[v]);
				val_report(f, ONC_ERROR, row->lineno, info->value_col[v], "expression.invalid_number",
						   "a value in column %d (%.80s) is not a number (first: \"%.40s\")",
						   info->value_col[v], column_name(info, v), val_first_value(f, k, raw));
			}
			else if (row->status[v] == NUM_MISSING && cbio_rules && raw[strspn(raw, " \t\r")] == '\0')
				val_report(f, loaded ? ONC_WARNING : ONC_ERROR, row->lineno, info->value_col[v],
						   "expression.empty_value",
						   "empty value: cBioPortal wants NA for a missing value%s",
						   loaded ? " (a load reads it as missing)" : "");
		}
	}
	if (got < 0)
	{
		long		line;
		const char *msg = split_line(err ? err : "read error", &line);

		val_report(f, ONC_ERROR, line ? line : expr_lines_read(r), 0, "file.unreadable", "%s", msg);
		free(err);
	}
	val_lines_read(f, expr_lines_read(r));
	strmap_free(genes);
	expr_close(r);
	return 0;
}
