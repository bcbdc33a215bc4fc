/*
 * expr_format.c: the expression file reader: format detection (content,
 * file name, cBioPortal meta file, or the caller's choice) and streaming
 * one data line at a time into expr_row.  Headers: expr_header.c.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_internal.h"
#include "geneid.h"
#include "textutil.h"

#define ID_CAP 64

static const struct
{
	expr_format format;
	const char *name;
	const char *workflow;
}			formats[] =
{
	{EXPR_FMT_STAR, "gdc-star-counts", "STAR - Counts"},
	{EXPR_FMT_HTSEQ, "gdc-htseq", "HTSeq"},
	{EXPR_FMT_CBIO, "cbioportal-matrix", "cBioPortal"},
	{EXPR_FMT_FIREHOSE, "firehose-matrix", "Firehose"},
	{EXPR_FMT_GENERIC, "generic-matrix", "generic"},
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

const char *
expr_format_name(expr_format f)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (formats[i].format == f)
			return formats[i].name;
	return "unknown";
}

expr_format
expr_format_from_name(const char *name)
{
	for (size_t i = 0; name && i < N_FORMATS; i++)
		if (str_ieq(name, formats[i].name))
			return formats[i].format;
	return EXPR_FMT_UNKNOWN;
}

const char *
expr_format_workflow(expr_format f)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (formats[i].format == f)
			return formats[i].workflow;
	return "unknown";
}

/* ---- splitting ---- */

/* CSV: quotes group separators and are removed; "" inside quotes is ". */
static int
csv_split(char *line, char **fields, int max)
{
	char	   *p = line,
			   *w = line;
	int			n = 0;

	for (;;)
	{
		char	   *start = w;
		char		c;

		if (*p == '"')
		{
			p++;
			for (;;)
			{
				if (*p == '"' && p[1] == '"')
				{
					*w++ = '"';
					p += 2;
				}
				else if (*p == '"')
				{
					p++;
					break;
				}
				else if (*p == '\0')
					break;		/* unterminated: take what there is */
				else
					*w++ = *p++;
			}
		}
		/* unquoted text, or anything after a closing quote */
		while (*p && *p != ',')
			*w++ = *p++;
		c = *p;
		*w = '\0';
		if (n < max)
			fields[n] = start;
		n++;
		if (c == '\0')
			break;
		/* w never passes p: unquoting only shortens the text */
		p++;
		w++;
	}
	return n;
}

int
expr_split(char *line, char sep, char **fields, int max)
{
	if (sep == ',')
		return csv_split(line, fields, max);
	return tsv_split(line, sep, fields, max);
}

char *
expr_unquote(char *s)
{
	size_t		n;

	s = str_trim(s);
	n = strlen(s);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
	{
		s[n - 1] = '\0';
		s++;
	}
	return s;
}

/* ---- opening ---- */

static bool
is_blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* "# gene-model: GENCODE v36" -> "GENCODE v36", else NULL. */
static const char *
gene_model_comment(char *line)
{
	char	   *p = line + 1;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!str_iprefix(p, "gene-model:"))
		return NULL;
	return str_trim(p + strlen("gene-model:"));
}

/*
 * Read the next line that is neither blank nor a '#' comment into l,
 * noting a gene-model comment on the way.  false at end of file.
 */
static bool
read_head_line(expr_reader *r, expr_line *l)
{
	char	   *line;

	while ((line = lineio_next(r->lr, NULL)) != NULL)
	{
		r->lineno = lineio_lineno(r->lr);
		if (line[0] == '#')
		{
			const char *model = gene_model_comment(line);

			if (model && *model && !r->gene_model)
			{
				r->gene_model = xstrdup(model);
				r->info.gene_model = r->gene_model;
			}
			continue;
		}
		if (is_blank(line))
			continue;
		buf_reset(&l->text);
		buf_puts(&l->text, line);
		l->lineno = r->lineno;
		l->present = true;
		return true;
	}
	return false;
}

/* The layout the first line(s) show, or EXPR_FMT_UNKNOWN. */
static expr_format
detect_content(expr_reader *r)
{
	const char *l1 = r->head[0].text.data;
	char	   *copy = xstrdup(l1);
	int			max = tsv_count(copy, '\t');
	char	  **f = xmalloc(sizeof(char *) * (size_t) max);
	int			n = tsv_split(copy, '\t', f, max);
	expr_format fmt = EXPR_FMT_UNKNOWN;
	char		base[ID_CAP],
				ver[ID_CAP];
	double		d;
	bool		gene = false;

	if (r->gene_model || strncmp(l1, "gene_id\tgene_name\tgene_type\t", 28) == 0)
		fmt = EXPR_FMT_STAR;
	else if (n == 2 &&
			 (geneid_ensembl(f[0], base, sizeof(base), ver, sizeof(ver)) ||
			  strncmp(f[0], "__", 2) == 0) &&
			 num_parse_double(f[1], &d) == NUM_OK)
		fmt = EXPR_FMT_HTSEQ;
	else if (str_ieq(expr_unquote(f[0]), "Hybridization REF"))
		fmt = EXPR_FMT_FIREHOSE;
	else
	{
		bool		any_gene = false;

		for (int i = 0; i < n && expr_cbio_lead_column(str_trim(f[i]), &gene); i++)
			any_gene |= gene;
		if (any_gene)
			fmt = EXPR_FMT_CBIO;
	}
	free(f);
	free(copy);
	return fmt;
}

/* The layout the file name shows, or EXPR_FMT_UNKNOWN. */
static expr_format
detect_file_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	expr_format fmt = EXPR_FMT_UNKNOWN;
	char	   *lower = xstrdup(base);

	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char) (*p - 'A' + 'a');
	if (strstr(lower, ".htseq.counts") || strstr(lower, "htseq_counts") ||
		str_isuffix(lower, ".fpkm.txt") || str_isuffix(lower, ".fpkm.txt.gz") ||
		str_isuffix(lower, ".fpkm-uq.txt") ||
		str_isuffix(lower, ".fpkm-uq.txt.gz"))
		fmt = EXPR_FMT_HTSEQ;
	else if (strstr(lower, "star_gene_counts"))
		fmt = EXPR_FMT_STAR;
	else if (strstr(lower, "rnaseqv2") && strstr(lower, "rsem"))
		fmt = EXPR_FMT_FIREHOSE;
	free(lower);
	return fmt;
}

static void
info_free(expr_info *in)
{
	for (int i = 0; in->samples && i < in->nsamples; i++)
		free(in->samples[i]);
	for (int i = 0; in->measures && i < in->nmeasures; i++)
		free(in->measures[i]);
	free(in->samples);
	free(in->measures);
	free(in->value_sample);
	free(in->value_measure);
	free(in->value_col);
}

void
expr_close(expr_reader *r)
{
	if (!r)
		return;
	if (r->lr)
		lineio_close(r->lr);
	info_free(&r->info);
	for (int i = 0; i < 2; i++)
		buf_free(&r->head[i].text);
	buf_free(&r->raw);
	free(r->fields);
	free(r->row.values);
	free(r->row.status);
	free(r->row.raw);
	free(r->gene_model);
	free(r->study_hint);
	free(r->meta_path);
	cbio_meta_free(r->meta);
	free(r->opt_measure);
	free(r->path);
	free(r);
}

expr_reader *
expr_open(const char *path, const expr_opts *opts, char **err, int *errno_out)
{
	expr_reader *r;
	expr_format fmt = EXPR_FMT_UNKNOWN;
	bool		ok = false;

	*err = NULL;
	if (errno_out)
		*errno_out = 0;
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	r->opt_measure = opts && opts->measure && *opts->measure
		? xstrdup(opts->measure) : NULL;
	r->gene_col = r->symbol_col = r->entrez_col = r->type_col = -1;
	buf_init(&r->raw);
	for (int i = 0; i < 2; i++)
		buf_init(&r->head[i].text);

	r->lr = lineio_open(path);
	if (!r->lr)
	{
		int			e = errno ? errno : EIO;

		if (errno_out)
			*errno_out = e;
		*err = xasprintf("cannot open: %s", strerror(e));
		goto fail;
	}
	if (read_head_line(r, &r->head[0]))
		read_head_line(r, &r->head[1]);
	if (lineio_error(r->lr))
	{
		if (errno_out)
			*errno_out = EIO;
		*err = xasprintf("%ld: read error: %s", r->lineno + 1,
						 lineio_error(r->lr));
		goto fail;
	}
	if (!r->head[0].present)
	{
		*err = xasprintf("%ld: no data: the file is empty or only comments",
						 r->lineno);
		goto fail;
	}

	if (opts && opts->force != EXPR_FMT_UNKNOWN)
	{
		fmt = opts->force;
		r->info.detected_by = "option";
	}
	if (fmt == EXPR_FMT_UNKNOWN && (fmt = detect_content(r)) != EXPR_FMT_UNKNOWN)
		r->info.detected_by = "content";
	if (fmt == EXPR_FMT_UNKNOWN &&
		(fmt = detect_file_name(path)) != EXPR_FMT_UNKNOWN)
		r->info.detected_by = "file name";
	if (fmt == EXPR_FMT_UNKNOWN && (r->meta = cbio_meta_find_for(path)) != NULL)
	{
		fmt = EXPR_FMT_CBIO;
		r->info.detected_by = "meta file";
	}
	if (fmt == EXPR_FMT_UNKNOWN)
	{
		fmt = EXPR_FMT_GENERIC;
		r->info.detected_by = "content";
	}
	r->info.format = fmt;

	switch (fmt)
	{
		case EXPR_FMT_STAR:
			ok = expr_setup_star(r, err);
			break;
		case EXPR_FMT_HTSEQ:
			ok = expr_setup_htseq(r, err);
			break;
		case EXPR_FMT_CBIO:
			ok = expr_setup_cbio(r, err);
			break;
		case EXPR_FMT_FIREHOSE:
			ok = expr_setup_firehose(r, err);
			break;
		case EXPR_FMT_GENERIC:
			ok = expr_setup_generic(r, err);
			break;
		default:
			*err = xstrdup("unknown expression format");
			break;
	}
	if (!ok)
		goto fail;

	/* the meta file has given what it had to give */
	cbio_meta_free(r->meta);
	r->meta = NULL;

	r->replay = r->nheader;
	r->fieldcap = r->info.ncolumns + 1;
	r->fields = xmalloc(sizeof(char *) * (size_t) r->fieldcap);
	r->row.values = xcalloc((size_t) r->info.nvalues + 1, sizeof(double));
	r->row.status = xcalloc((size_t) r->info.nvalues + 1, 1);
	r->row.raw = xcalloc((size_t) r->info.nvalues + 1, sizeof(char *));
	return r;

fail:
	expr_close(r);
	return NULL;
}

const expr_info *
expr_reader_info(const expr_reader *r)
{
	return &r->info;
}

long
expr_lines_read(const expr_reader *r)
{
	return r->lineno;
}

uint64_t
expr_offset(const expr_reader *r)
{
	return lineio_offset(r->lr);
}

/* ---- rows ---- */

/* A cell that names nothing: empty, "NA" and the like, or "?". */
static bool
no_name(const char *s)
{
	return s[0] == '\0' || strcmp(s, "?") == 0 || num_is_missing_token(s);
}

/* Generic identifier: Ensembl when ENSG..., Entrez when digits, else symbol. */
static void
classify_gene(expr_row *row, const char *id)
{
	if (strncmp(id, "ENSG", 4) == 0)
		row->gene_id = id;
	else if (geneid_is_entrez(id))
		row->entrez = id;
	else if (!no_name(id))
		row->symbol = id;
}

/* Fill the gene fields of row from the split line f. */
static void
row_genes(expr_reader *r, expr_row *row, char **f)
{
	switch (r->info.format)
	{
		case EXPR_FMT_STAR:
		case EXPR_FMT_HTSEQ:
			{
				const char *id = f[r->gene_col];

				row->gene_col = r->gene_col + 1;
				if (strncmp(id, r->info.format == EXPR_FMT_STAR ? "N_" : "__",
							2) == 0)
				{
					row->is_qc = true;
					row->qc_name = id;
					break;
				}
				if (id[0] == '\0')
					break;		/* the key is missing: nothing else counts */
				row->gene_id = id;
				if (r->symbol_col >= 0 && !no_name(f[r->symbol_col]))
					row->symbol = f[r->symbol_col];
				if (r->type_col >= 0 && f[r->type_col][0])
					row->gene_type = f[r->type_col];
				break;
			}
		case EXPR_FMT_CBIO:
			if (r->symbol_col >= 0)
			{
				const char *s = str_trim(f[r->symbol_col]);

				row->symbol = no_name(s) ? NULL : s;
			}
			if (r->entrez_col >= 0)
			{
				const char *s = str_trim(f[r->entrez_col]);

				row->entrez = no_name(s) ? NULL : s;
			}
			row->gene_col = (row->symbol || r->entrez_col < 0)
				? r->symbol_col + 1 : r->entrez_col + 1;
			break;
		case EXPR_FMT_FIREHOSE:
			{
				char	   *cell = f[r->gene_col];
				char	   *symbol,
						   *entrez;

				row->gene_col = r->gene_col + 1;
				if (geneid_split_pipe(cell, &symbol, &entrez))
				{
					row->symbol = symbol;
					row->entrez = entrez;
				}
				else
					classify_gene(row, cell);
				break;
			}
		case EXPR_FMT_GENERIC:
		default:
			row->gene_col = r->gene_col + 1;
			classify_gene(row, r->info.sep == ','
						  ? str_trim(f[r->gene_col])
						  : expr_unquote(f[r->gene_col]));
			break;
	}
}

/* Mark the whole row malformed (message in r->errmsg): no gene, no values. */
static void
row_reject(expr_reader *r, expr_row *row, const char *code)
{
	row->is_qc = false;
	row->qc_name = row->gene_id = row->symbol = row->entrez = NULL;
	row->gene_type = NULL;
	row->error = r->errmsg;
	row->error_code = code;
	for (int k = 0; k < r->info.nvalues; k++)
	{
		row->values[k] = 0;
		row->status[k] = NUM_MISSING;
		row->raw[k] = "";
	}
}

/* The next line that is not blank or a comment, or NULL (end or error). */
static char *
next_data_line(expr_reader *r)
{
	char	   *line;

	if (r->replay < 2 && r->head[r->replay].present)
	{
		expr_line  *l = &r->head[r->replay++];

		r->lineno = l->lineno;
		return l->text.data;
	}
	/* the lines read ahead while opening are not needed again */
	if (r->head[0].present)
	{
		r->replay = 2;
		for (int i = 0; i < 2; i++)
		{
			buf_free(&r->head[i].text);
			r->head[i].present = false;
		}
	}
	while ((line = lineio_next(r->lr, NULL)) != NULL)
	{
		r->lineno = lineio_lineno(r->lr);
		if (line[0] == '#' || is_blank(line))
			continue;
		return line;
	}
	return NULL;
}

int
expr_next(expr_reader *r, const expr_row **rowp, char **err)
{
	expr_row   *row = &r->row;
	char	   *line;
	int			n;

	*err = NULL;
	line = next_data_line(r);
	if (!line)
	{
		if (lineio_error(r->lr))
		{
			*err = xasprintf("read error after line %ld: %s", r->lineno,
							 lineio_error(r->lr));
			return -1;
		}
		return 0;
	}
	buf_reset(&r->raw);
	buf_puts(&r->raw, line);
	row->lineno = r->lineno;
	row->line = r->raw.data;
	row->error = NULL;
	row->error_code = NULL;
	row->is_qc = false;
	row->qc_name = row->gene_id = row->symbol = row->entrez = NULL;
	row->gene_type = NULL;
	row->gene_col = 0;

	n = expr_split(line, r->info.sep, r->fields, r->fieldcap);
	if (n != r->info.ncolumns)
	{
		snprintf(r->errmsg, sizeof(r->errmsg), "expected %d fields, found %d",
				 r->info.ncolumns, n);
		row_reject(r, row, "column_count");
		*rowp = row;
		return 1;
	}
	row_genes(r, row, r->fields);
	if (!row->is_qc && !row->gene_id && !row->symbol && !row->entrez)
	{
		snprintf(r->errmsg, sizeof(r->errmsg),
				 "no gene identifier in column %d", row->gene_col);
		row_reject(r, row, "gene_missing");
		*rowp = row;
		return 1;
	}
	for (int k = 0; k < r->info.nvalues; k++)
	{
		const char *cell = r->fields[r->info.value_col[k] - 1];
		double		d = 0;
		num_status	st = num_parse_double(cell, &d);

		row->values[k] = st == NUM_OK ? d : 0;
		row->status[k] = (unsigned char) st;
		row->raw[k] = cell;
	}
	*rowp = row;
	return 1;
}
