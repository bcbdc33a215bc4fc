/*
 * refgene.c: streaming reader for the gene references: GENCODE GTF "gene"
 * records and NCBI gene_info rows, one gene per call, format from content.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "geneid.h"
#include "lineio.h"
#include "onc.h"
#include "refgene.h"
#include "textutil.h"

#define GTF_FIELDS 9
#define ID_CAP 64

/* gene_info columns we read, found by header name. */
enum
{
	GI_TAX_ID,
	GI_GENE_ID,
	GI_SYMBOL,
	GI_SYNONYMS,
	GI_DBXREFS,
	GI_CHROMOSOME,
	GI_DESCRIPTION,
	GI_TYPE,
	GI_NCOLS
};

static const char *const gi_names[GI_NCOLS] = {
	"#tax_id", "GeneID", "Symbol", "Synonyms", "dbXrefs", "chromosome",
	"description", "type_of_gene"
};

/* Without these a row is no gene; the others are NULL when absent. */
static const bool gi_required[GI_NCOLS] = {
	true, true, true, false, false, false, false, false
};

struct refgene_reader
{
	lineio	   *lr;
	refgene_format format;
	long		skipped;
	onc_buf		pending;		/* first data line, read while detecting */
	bool		have_pending;
	long		pending_lineno;
	long		lineno;			/* physical line of the last line handled */
	int			gi_col[GI_NCOLS];
	int			gi_nfields;
	char	  **fields;
	int			fieldcap;
	char		ensembl[ID_CAP];
	char		version[ID_CAP];
};

const char *
refgene_format_name(refgene_format f)
{
	switch (f)
	{
		case REFGENE_GTF:
			return "gencode-gtf";
		case REFGENE_GENE_INFO:
			return "ncbi-gene-info";
		default:
			return "unknown";
	}
}

refgene_format
refgene_reader_format(const refgene_reader *r)
{
	return r->format;
}

long
refgene_lines_read(const refgene_reader *r)
{
	return r->lineno;
}

long
refgene_lines_skipped(const refgene_reader *r)
{
	return r->skipped;
}

const char *
refgene_io_error(const refgene_reader *r)
{
	return lineio_error(r->lr);
}

void
refgene_close(refgene_reader *r)
{
	if (!r)
		return;
	lineio_close(r->lr);
	buf_free(&r->pending);
	free(r->fields);
	free(r);
}

static bool
is_blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* True when s is a whole number >= 1 that fits a long. */
static bool
parse_pos(const char *s, long *out)
{
	int64_t		v;

	if (num_parse_int64(s, &v) != NUM_OK || v < 1 || v > (int64_t) 1 << 40)
		return false;
	*out = (long) v;
	return true;
}

/* Does line look like a GTF record?  (Does not modify it.) */
static bool
looks_like_gtf(const char *line)
{
	const char *p = line;
	int			field = 1;

	if (tsv_count(line, '\t') != GTF_FIELDS)
		return false;
	/* fields 4 and 5 are positions */
	for (; field < 4; field++)
		p = strchr(p, '\t') + 1;
	for (int i = 0; i < 2; i++)
	{
		size_t		n = strspn(p, "0123456789");

		if (n == 0 || p[n] != '\t')
			return false;
		p += n + 1;
	}
	return strstr(p, "gene_id") != NULL;
}

static bool
read_gene_info_header(refgene_reader *r, char *line, char **err)
{
	int			n = tsv_count(line, '\t');
	char	  **f = xmalloc(sizeof(char *) * (size_t) n);

	tsv_split(line, '\t', f, n);
	for (int c = 0; c < GI_NCOLS; c++)
		r->gi_col[c] = -1;
	for (int i = 0; i < n; i++)
	{
		const char *name = str_trim(f[i]);

		for (int c = 0; c < GI_NCOLS; c++)
			if (r->gi_col[c] < 0 && strcmp(name, gi_names[c]) == 0)
				r->gi_col[c] = i;
	}
	free(f);
	r->gi_nfields = n;
	for (int c = 0; c < GI_NCOLS; c++)
		if (r->gi_col[c] < 0 && gi_required[c])
		{
			*err = xasprintf("gene_info header has no %s column", gi_names[c]);
			return false;
		}
	return true;
}

refgene_reader *
refgene_open(const char *path, char **err)
{
	refgene_reader *r;
	char	   *line;

	*err = NULL;
	r = xcalloc(1, sizeof(*r));
	buf_init(&r->pending);
	r->lr = lineio_open(path);
	if (!r->lr)
	{
		*err = xasprintf("cannot open: %s", strerror(errno));
		free(r);
		return NULL;
	}
	while ((line = lineio_next(r->lr, NULL)) != NULL)
	{
		r->lineno = lineio_lineno(r->lr);
		if (strncmp(line, "#tax_id", 7) == 0)
		{
			r->skipped++;
			if (!read_gene_info_header(r, line, err))
				goto fail;
			r->format = REFGENE_GENE_INFO;
			break;
		}
		if (line[0] == '#' || is_blank(line))
		{
			r->skipped++;
			continue;
		}
		if (!looks_like_gtf(line))
		{
			*err = xasprintf("line %ld: neither a GTF record nor a gene_info "
							 "header (\"#tax_id ...\")", r->lineno);
			goto fail;
		}
		r->format = REFGENE_GTF;
		buf_reset(&r->pending);
		buf_puts(&r->pending, line);
		r->have_pending = true;
		r->pending_lineno = r->lineno;
		break;
	}
	if (lineio_error(r->lr))
	{
		*err = xasprintf("read error: %s", lineio_error(r->lr));
		goto fail;
	}
	if (r->format == REFGENE_UNKNOWN)
	{
		*err = xstrdup("no gene records: the file is empty or only comments");
		goto fail;
	}
	r->fieldcap = r->format == REFGENE_GTF ? GTF_FIELDS + 1 : r->gi_nfields + 1;
	r->fields = xmalloc(sizeof(char *) * (size_t) r->fieldcap);
	return r;

fail:
	refgene_close(r);
	return NULL;
}

/*
 * Value of attribute key in a GTF attribute column (key "value"; ...),
 * NUL-terminated in place; NULL when absent.  attrs is consumed: call once
 * per line with every key wanted.
 */
static void
gtf_attributes(char *attrs, const char *const *keys, char **vals, int nkeys)
{
	char	   *p = attrs;

	for (int k = 0; k < nkeys; k++)
		vals[k] = NULL;
	while (*p)
	{
		char	   *key,
				   *val;

		while (*p == ' ' || *p == ';')
			p++;
		if (!*p)
			break;
		key = p;
		while (*p && *p != ' ')
			p++;
		if (!*p)
			break;
		*p++ = '\0';
		while (*p == ' ')
			p++;
		if (*p == '"')
		{
			val = ++p;
			while (*p && *p != '"')
				p++;
			if (*p)
				*p++ = '\0';
		}
		else
		{
			val = p;
			while (*p && *p != ';' && *p != ' ')
				p++;
			if (*p)
				*p++ = '\0';
		}
		for (int k = 0; k < nkeys; k++)
			if (!vals[k] && strcmp(key, keys[k]) == 0)
				vals[k] = val;
	}
}

static int
gtf_record(refgene_reader *r, char *line, refgene *g, char **err)
{
	static const char *const keys[] = {
		"gene_id", "gene_name", "gene_type", "gene_biotype", "gene_version"
	};
	char	   *f[GTF_FIELDS + 1];
	char	   *vals[5];
	int			n = tsv_split(line, '\t', f, GTF_FIELDS + 1);

	if (n != GTF_FIELDS)
	{
		*err = xasprintf("expected %d tab-separated GTF fields, found %d",
						 GTF_FIELDS, n);
		return -1;
	}
	if (strcmp(f[2], "gene") != 0)
		return 0;
	if (!parse_pos(f[3], &g->start) || !parse_pos(f[4], &g->end) ||
		g->start > g->end)
	{
		*err = xasprintf("bad gene position \"%s\"-\"%s\"", f[3], f[4]);
		return -1;
	}
	gtf_attributes(f[8], keys, vals, 5);
	if (!vals[0] || vals[0][0] == '\0')
	{
		*err = xstrdup("gene record without a gene_id attribute");
		return -1;
	}
	if (geneid_ensembl(vals[0], r->ensembl, sizeof(r->ensembl),
					   r->version, sizeof(r->version)))
	{
		g->ensembl_id = r->ensembl;
		g->ensembl_version = r->version;
		/* Ensembl's own GTF gives the version as an attribute */
		if (r->version[0] == '\0' && vals[4] &&
			strspn(vals[4], "0123456789") == strlen(vals[4]) &&
			strlen(vals[4]) < sizeof(r->version))
			strcpy(r->version, vals[4]);
	}
	else
	{
		/* not an Ensembl human gene: keep the record, without the key */
		g->ensembl_id = NULL;
		g->ensembl_version = "";
	}
	g->symbol = vals[1] && vals[1][0] ? vals[1] : NULL;
	g->gene_type = vals[2] && vals[2][0] ? vals[2]
		: (vals[3] && vals[3][0] ? vals[3] : NULL);
	g->chromosome = f[0][0] ? f[0] : NULL;
	g->strand = (f[6][0] == '+' || f[6][0] == '-') ? f[6][0] : '\0';
	return 1;
}

/* gene_info cell: NULL for "-" or empty. */
static const char *
gi_cell(refgene_reader *r, int c)
{
	const char *s;

	if (r->gi_col[c] < 0)
		return NULL;
	s = r->fields[r->gi_col[c]];
	return (s[0] == '\0' || strcmp(s, "-") == 0) ? NULL : s;
}

static int
gene_info_record(refgene_reader *r, char *line, refgene *g, char **err)
{
	int			n = tsv_split(line, '\t', r->fields, r->fieldcap);
	const char *xrefs;
	int64_t		v;

	if (n != r->gi_nfields)
	{
		*err = xasprintf("expected %d tab-separated fields, found %d",
						 r->gi_nfields, n);
		return -1;
	}
	if (num_parse_int64(r->fields[r->gi_col[GI_GENE_ID]], &v) != NUM_OK ||
		v < 1)
	{
		*err = xasprintf("GeneID \"%s\" is not a positive whole number",
						 r->fields[r->gi_col[GI_GENE_ID]]);
		return -1;
	}
	g->entrez_id = (long) v;
	if (num_parse_int64(r->fields[r->gi_col[GI_TAX_ID]], &v) != NUM_OK ||
		v < 1 || v > 1000000000)
	{
		*err = xasprintf("tax_id \"%s\" is not a positive whole number",
						 r->fields[r->gi_col[GI_TAX_ID]]);
		return -1;
	}
	g->tax_id = (int) v;
	g->symbol = gi_cell(r, GI_SYMBOL);
	g->synonyms = gi_cell(r, GI_SYNONYMS);
	g->chromosome = gi_cell(r, GI_CHROMOSOME);
	g->description = gi_cell(r, GI_DESCRIPTION);
	g->gene_type = gi_cell(r, GI_TYPE);
	g->ensembl_version = "";

	/* dbXrefs: "MIM:138670|HGNC:HGNC:5|Ensembl:ENSG00000121410" */
	xrefs = gi_cell(r, GI_DBXREFS);
	for (const char *p = xrefs; p && *p;)
	{
		const char *end = strchr(p, '|');
		size_t		len = end ? (size_t) (end - p) : strlen(p);

		if (len > 8 && len < ID_CAP + 8 && strncmp(p, "Ensembl:", 8) == 0)
		{
			char		id[ID_CAP + 8];

			memcpy(id, p + 8, len - 8);
			id[len - 8] = '\0';
			if (geneid_ensembl(id, r->ensembl, sizeof(r->ensembl),
							   r->version, sizeof(r->version)))
			{
				g->ensembl_id = r->ensembl;
				g->ensembl_version = r->version;
				break;
			}
		}
		p = end ? end + 1 : NULL;
	}
	return 1;
}

int
refgene_next(refgene_reader *r, refgene *g, char **err)
{
	*err = NULL;
	for (;;)
	{
		char	   *line;
		int			rc;

		if (r->have_pending)
		{
			line = r->pending.data;
			r->lineno = r->pending_lineno;
			r->have_pending = false;
		}
		else
		{
			line = lineio_next(r->lr, NULL);
			if (!line)
				return 0;
			r->lineno = lineio_lineno(r->lr);
		}
		if (line[0] == '#' || is_blank(line))
		{
			r->skipped++;
			continue;
		}
		memset(g, 0, sizeof(*g));
		g->lineno = r->lineno;
		g->ensembl_version = "";
		if (r->format == REFGENE_GTF)
			rc = gtf_record(r, line, g, err);
		else
			rc = gene_info_record(r, line, g, err);
		if (rc == 0)
		{
			r->skipped++;
			continue;
		}
		return rc;
	}
}
