/*
 * cn_rows.c: the data lines of copy-number files: segments with every
 * problem of a line reported (a line can have several, as cBioPortal's
 * validator reports them), and gene-level lines of matrices, the long
 * format and GDC gene-level files, one cell per sample and measure.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cn_internal.h"
#include "textutil.h"

static void
problem(cn_reader *r, int col0, const char *code, const char *fmt, const char *arg)
{
	cn_problem *p;

	if (r->nproblems >= CN_MAX_PROBLEMS)
		return;
	p = &r->problems[r->nproblems++];
	p->col = col0 >= 0 ? col0 + 1 : 0;
	p->code = code;
	snprintf(p->text, sizeof(p->text), fmt, arg ? arg : "");
}

/* Split the current line; false (and a column_count problem) when the
 * number of fields is outside [min, max]. */
static bool
split_line(cn_reader *r, char *line, int min, int max)
{
	int			n;

	buf_reset(&r->raw);
	buf_puts(&r->raw, line);
	r->nproblems = 0;
	n = cn_split(line, r->sep, r->fields, r->fieldcap);
	if (n < min || n > max)
	{
		char		msg[64];

		if (min == max)
			snprintf(msg, sizeof(msg), "expected %d fields, found %d", max, n);
		else
			snprintf(msg, sizeof(msg), "expected %d to %d fields, found %d", min, max, n);
		problem(r, -1, "column_count", "%s", msg);
		return false;
	}
	r->nothing[0] = '\0';
	for (int i = n; i < max && i < r->fieldcap; i++)
		r->fields[i] = r->nothing;	/* trailing columns left off */
	return true;
}

/* Field i unquoted and trimmed (R quotes strings). */
static char *
field(cn_reader *r, int i)
{
	return r->quoted || r->sep != '\t' ? cn_unquote(r->fields[i]) : str_trim(r->fields[i]);
}

/* A whole number >= 0 (positions, probe counts, copy numbers). */
static num_status
parse_count(const char *s, int64_t *out)
{
	num_status	st = num_parse_int64(s, out);

	if (st == NUM_OK && *out < 0)
		return NUM_INVALID;
	return st;
}

/* ---- segments ---- */

int
cn_next_segment(cn_reader *r, const cn_segment **out, char **err)
{
	cn_segment *s = &r->seg;
	char	   *line;
	const char *sv;
	num_status	st;
	int64_t		v;
	bool		pos_ok = true;

	*err = NULL;
	if (!cn_format_is_segment(r->info.format))
		return 0;
	line = cn_next_line(r);
	if (!line)
	{
		if (lineio_error(r->lr))
		{
			*err = xasprintf("read error after line %ld: %s", r->lineno, lineio_error(r->lr));
			return -1;
		}
		return 0;
	}
	memset(s, 0, sizeof(*s));
	s->lineno = r->lineno;
	s->problems = r->problems;
	if (!split_line(r, line, r->info.ncolumns, r->info.ncolumns))
		goto finish;

	sv = field(r, r->c_sample);
	s->sample = sv;
	s->sample_col = r->c_sample + 1;
	if (sv[0] == '\0' || num_is_missing_token(sv))
		problem(r, r->c_sample, "sample_missing", "no sample or aliquot ID%s", NULL);

	sv = field(r, r->c_chrom);
	if (!cn_chrom_normalise(sv, s->chrom))
		problem(r, r->c_chrom, "unknown_chromosome",
				"chromosome \"%.40s\" is not 1-22, X or Y (with or without chr; 23 = X, 24 = Y)", sv);

	sv = field(r, r->c_start);
	if (parse_count(sv, &s->start) != NUM_OK)
	{
		problem(r, r->c_start, "invalid_position", "start \"%.40s\" is not a whole number >= 0", sv);
		pos_ok = false;
	}
	sv = field(r, r->c_end);
	if (parse_count(sv, &s->end) != NUM_OK)
	{
		problem(r, r->c_end, "invalid_position", "end \"%.40s\" is not a whole number >= 0", sv);
		pos_ok = false;
	}
	if (pos_ok && s->start > s->end)
	{
		char		msg[64];

		snprintf(msg, sizeof(msg), "%lld > %lld", (long long) s->start, (long long) s->end);
		problem(r, r->c_start, "start_after_end", "start after end (%s)", msg);
	}
	else if (pos_ok && s->chrom[0] && r->build != CN_BUILD_UNKNOWN)
	{
		int64_t		len = cn_chrom_length(r->build, s->chrom);

		if (len > 0 && s->end > len)
		{
			char		msg[96];

			snprintf(msg, sizeof(msg), "%lld is beyond the end of chromosome %s in %s (%lld)",
					 (long long) s->end, s->chrom, cn_build_name(r->build), (long long) len);
			problem(r, r->c_end, "position_out_of_range", "end %s", msg);
		}
	}
	if (pos_ok && s->start == s->end)
	{
		s->warning_code = "zero_length_segment";
		s->warning = "start equals end: a segment of zero length (or one base)";
	}

	if (r->c_probes >= 0)
	{
		sv = field(r, r->c_probes);
		st = parse_count(sv, &v);
		if (st == NUM_OK && v <= INT32_MAX)
		{
			s->has_probes = true;
			s->num_probes = (int32_t) v;
		}
		else if (st != NUM_MISSING)
			problem(r, r->c_probes, "invalid_number",
					"number of probes \"%.40s\" is not a whole number >= 0", sv);
	}
	if (r->c_mean >= 0)
	{
		sv = field(r, r->c_mean);
		st = num_parse_double(sv, &s->mean);
		if (st == NUM_OK)
			s->has_mean = true;
		else if (st != NUM_MISSING)
			problem(r, r->c_mean, "invalid_number", "segment mean \"%.40s\" is not a number", sv);
	}
	{
		int			cols[3] = {r->c_cn, r->c_major, r->c_minor};
		bool	   *has[3] = {&s->has_cn, &s->has_major, &s->has_minor};
		int32_t    *val[3] = {&s->cn, &s->major, &s->minor};
		static const char *const what[3] = {
			"copy number \"%.40s\" is not a whole number >= 0",
			"major copy number \"%.40s\" is not a whole number >= 0",
			"minor copy number \"%.40s\" is not a whole number >= 0"
		};

		for (int k = 0; k < 3; k++)
		{
			if (cols[k] < 0)
				continue;
			sv = field(r, cols[k]);
			st = parse_count(sv, &v);
			if (st == NUM_OK && v <= INT32_MAX)
			{
				*has[k] = true;
				*val[k] = (int32_t) v;
			}
			else if (st != NUM_MISSING)
				problem(r, cols[k], "invalid_number", what[k], sv);
		}
	}
	s->all_missing = !s->has_mean && !s->has_cn && !s->has_major && !s->has_minor;

finish:
	s->line = r->raw.data;
	s->nproblems = r->nproblems;
	*out = s;
	return 1;
}

/* ---- gene-level lines ---- */

/* A cell that names nothing. */
static bool
no_name(const char *s)
{
	return s[0] == '\0' || strcmp(s, "NA") == 0;
}

static void
gene_error(cn_reader *r, cn_gene_row *g, int col0, const char *code, const char *fmt,
		   const char *arg)
{
	problem(r, col0, code, fmt, arg);
	g->error = &r->problems[0];
	g->ncells = 0;
}

/* Index of a long file's sample, added when new. */
static int
long_sample(cn_reader *r, const char *name)
{
	int64_t		v;

	if (strmap_get(r->sample_index, name, &v))
		return (int) v;
	if (r->info.nsamples == r->samplecap)
	{
		r->samplecap *= 2;
		r->info.samples = xrealloc(r->info.samples, sizeof(char *) * (size_t) r->samplecap);
	}
	r->info.samples[r->info.nsamples] = xstrdup(name);
	strmap_put(r->sample_index, name, r->info.nsamples);
	return r->info.nsamples++;
}

static void
set_cell(cn_reader *r, int k, int col0, int sample, int measure)
{
	char	   *cell = field(r, col0);
	double		d = 0;
	num_status	st;

	if (r->info.measures[measure] == CN_M_DISCRETE)
		st = (num_status) cn_parse_discrete(cell, &d);
	else
		st = num_parse_double(cell, &d);
	r->cell_sample[k] = sample;
	r->cell_measure[k] = measure;
	r->cell_col[k] = col0 + 1;
	r->values[k] = st == NUM_OK ? d : 0;
	r->status[k] = (unsigned char) st;
	r->cells[k] = cell;
}

int
cn_next_gene_row(cn_reader *r, const cn_gene_row **out, char **err)
{
	cn_gene_row *g = &r->grow;
	cn_format	f = r->info.format;
	char	   *line;
	int			min = r->info.ncolumns;

	*err = NULL;
	if (f != CN_FMT_CBIO_MATRIX && f != CN_FMT_CBIO_LONG && f != CN_FMT_GDC_GENE)
		return 0;
	line = cn_next_line(r);
	if (!line)
	{
		if (lineio_error(r->lr))
		{
			*err = xasprintf("read error after line %ld: %s", r->lineno, lineio_error(r->lr));
			return -1;
		}
		return 0;
	}
	memset(g, 0, sizeof(*g));
	g->lineno = r->lineno;
	g->cell_sample = r->cell_sample;
	g->cell_measure = r->cell_measure;
	g->cell_col = r->cell_col;
	g->values = r->values;
	g->status = r->status;
	g->raw = r->cells;
	if (f == CN_FMT_CBIO_LONG)
		min = r->min_fields;	/* trailing driver and namespace columns may be left off */
	if (!split_line(r, line, min, r->info.ncolumns))
	{
		g->error = &r->problems[0];
		goto finish;
	}

	if (r->c_ensembl >= 0)
	{
		char	   *s = field(r, r->c_ensembl);

		g->ensembl = no_name(s) ? NULL : s;
		g->gene_col = r->c_ensembl + 1;
	}
	if (r->c_symbol >= 0)
	{
		char	   *s = field(r, r->c_symbol);
		char	   *pipe = strchr(s, '|');

		if (strstr(s, "///"))
			g->several_genes = true;
		else if (pipe)
			*pipe = '\0';		/* cBioPortal: what follows a pipe is not the symbol */
		s = str_trim(s);
		g->symbol = no_name(s) ? NULL : s;
	}
	if (r->c_entrez >= 0)
	{
		char	   *s = field(r, r->c_entrez);

		g->entrez = no_name(s) ? NULL : s;
	}
	if (!g->gene_col)
		g->gene_col = (g->symbol || g->several_genes || r->c_entrez < 0)
			? r->c_symbol + 1 : r->c_entrez + 1;
	if (!g->ensembl && !g->symbol && !g->entrez && !g->several_genes)
	{
		gene_error(r, g, g->gene_col - 1, "gene_missing", "no gene identifier%s", NULL);
		goto finish;
	}

	if (f == CN_FMT_CBIO_LONG)
	{
		char	   *s = field(r, r->c_sample);

		if (s[0] == '\0' || num_is_missing_token(s))
		{
			gene_error(r, g, r->c_sample, "sample_missing", "no Sample_Id%s", NULL);
			goto finish;
		}
		set_cell(r, 0, r->c_value, long_sample(r, s), 0);
		g->ncells = 1;
	}
	else
	{
		for (int k = 0; k < r->nvalcols; k++)
			set_cell(r, k, r->valcol[k], r->valsample[k], r->valmeasure[k]);
		g->ncells = r->nvalcols;
	}

finish:
	g->line = r->raw.data;
	*out = g;
	return 1;
}
