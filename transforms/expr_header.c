/*
 * expr_header.c: reads the header of each expression layout (STAR, HTSeq,
 * cBioPortal, Firehose, generic) into expr_info: samples, measures, and
 * which source column feeds each value cell.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "expr_internal.h"
#include "textutil.h"

/* The six measures of a GDC augmented STAR gene counts file, in order. */
static const char *const star_measures[] = {
	"unstranded", "stranded_first", "stranded_second",
	"tpm_unstranded", "fpkm_unstranded", "fpkm_uq_unstranded"
};
#define N_STAR_MEASURES 6

/* Firehose value types that are not numbers (RSEM genes, methylation). */
static const char *const firehose_text_types[] = {
	"transcript_id", "Gene_Symbol", "Chromosome", "Genomic_Coordinate", NULL
};

bool
expr_cbio_lead_column(const char *name, bool *gene)
{
	*gene = str_ieq(name, "Hugo_Symbol") || str_ieq(name, "Entrez_Gene_Id");
	return *gene || str_ieq(name, "Cytoband") ||
		str_ieq(name, "Composite.Element.REF") || str_ieq(name, "Locus ID");
}

/* A header line split into fields, on its own copy. */
typedef struct head_fields
{
	char	   *copy;
	char	  **f;
	int			n;
} head_fields;

static void
head_split(head_fields *h, const expr_line *l, char sep)
{
	int			max;

	h->copy = xstrdup(l->text.data);
	max = tsv_count(h->copy, sep);
	h->f = xmalloc(sizeof(char *) * (size_t) max);
	h->n = expr_split(h->copy, sep, h->f, max);
	for (int i = 0; i < h->n; i++)
		h->f[i] = expr_unquote(h->f[i]);
}

static void
head_free(head_fields *h)
{
	free(h->copy);
	free(h->f);
}

static bool
in_list(const char *s, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (str_ieq(s, list[i]))
			return true;
	return false;
}

static char *
lower_dup(const char *s)
{
	char	   *d = xstrdup(s);

	for (char *p = d; *p; p++)
		*p = (char) tolower((unsigned char) *p);
	return d;
}

/*
 * The file's base name, lowercased, without ".gz" and a .txt/.tsv/.csv/.tab
 * extension (and without a cBioPortal "data_" prefix when asked); NULL when
 * nothing is left.  Free with free().
 */
static char *
file_stem(const char *path, bool strip_data_prefix)
{
	const char *slash = strrchr(path, '/');
	char	   *s = lower_dup(slash ? slash + 1 : path);
	static const char *const exts[] = {".txt", ".tsv", ".csv", ".tab", NULL};
	size_t		n = strlen(s);
	char	   *stem = s;

	if (str_isuffix(s, ".gz"))
		s[n -= 3] = '\0';
	for (int i = 0; exts[i]; i++)
		if (str_isuffix(s, exts[i]))
		{
			s[n - strlen(exts[i])] = '\0';
			break;
		}
	if (strip_data_prefix && strncmp(s, "data_", 5) == 0)
		stem = s + 5;
	if (*stem == '\0')
	{
		free(s);
		return NULL;
	}
	stem = xstrdup(stem);
	free(s);
	return stem;
}

/* Room for ncols samples, measures and value cells. */
static void
info_alloc(expr_reader *r, int ncols)
{
	expr_info  *in = &r->info;
	size_t		n = (size_t) ncols + 1;

	in->samples = xcalloc(n, sizeof(char *));
	in->measures = xcalloc(n, sizeof(char *));
	in->value_sample = xcalloc(n, sizeof(int));
	in->value_measure = xcalloc(n, sizeof(int));
	in->value_col = xcalloc(n, sizeof(int));
}

/* Index of measure name, added when new. */
static int
info_measure(expr_reader *r, const char *name)
{
	expr_info  *in = &r->info;

	for (int i = 0; i < in->nmeasures; i++)
		if (strcmp(in->measures[i], name) == 0)
			return i;
	in->measures[in->nmeasures] = xstrdup(name);
	return in->nmeasures++;
}

/* Index of sample name, added when new (searched from the latest). */
static int
info_sample(expr_reader *r, const char *name)
{
	expr_info  *in = &r->info;

	for (int i = in->nsamples - 1; i >= 0; i--)
		if (strcmp(in->samples[i], name) == 0)
			return i;
	in->samples[in->nsamples] = xstrdup(name);
	return in->nsamples++;
}

static void
info_value(expr_reader *r, int sample, int measure, int col1)
{
	expr_info  *in = &r->info;

	in->value_sample[in->nvalues] = sample;
	in->value_measure[in->nvalues] = measure;
	in->value_col[in->nvalues] = col1;
	in->nvalues++;
}

/* A file of one sample: samples is {NULL}. */
static void
info_single_sample(expr_reader *r, int ncols)
{
	info_alloc(r, ncols);
	r->info.nsamples = 1;
}

typedef struct named_col
{
	const char *name;
	int			col;
} named_col;

static int
cmp_named_col(const void *a, const void *b)
{
	const named_col *x = a,
			   *y = b;
	int			c = strcmp(x->name, y->name);

	return c ? c : (x->col > y->col) - (x->col < y->col);
}

/*
 * Matrix layouts (one value per sample): every sample column name must be
 * unique, or values could not be told apart.
 */
static bool
check_unique_samples(expr_reader *r, char **err)
{
	expr_info  *in = &r->info;
	named_col  *v = xmalloc(sizeof(named_col) * (size_t) (in->nsamples + 1));
	bool		ok = true;

	for (int i = 0; i < in->nsamples; i++)
	{
		v[i].name = in->samples[i];
		v[i].col = in->value_col[i];
	}
	qsort(v, (size_t) in->nsamples, sizeof(named_col), cmp_named_col);
	for (int k = 1; k < in->nsamples && ok; k++)
		if (strcmp(v[k - 1].name, v[k].name) == 0)
		{
			*err = xasprintf("%ld: sample column \"%s\" appears twice "
							 "(columns %d and %d)", r->head[0].lineno,
							 v[k].name, v[k - 1].col, v[k].col);
			ok = false;
		}
	free(v);
	return ok;
}

bool
expr_setup_star(expr_reader *r, char **err)
{
	head_fields h;
	int			col[N_STAR_MEASURES];
	int			used = 0;
	int			only = -1;
	long		ln = r->head[0].lineno;

	head_split(&h, &r->head[0], '\t');
	for (int m = 0; m < N_STAR_MEASURES; m++)
		col[m] = -1;
	for (int i = 0; i < h.n; i++)
	{
		const char *name = h.f[i];

		if (r->gene_col < 0 && strcmp(name, "gene_id") == 0)
			r->gene_col = i;
		else if (r->symbol_col < 0 && strcmp(name, "gene_name") == 0)
			r->symbol_col = i;
		else if (r->type_col < 0 && strcmp(name, "gene_type") == 0)
			r->type_col = i;
		else
			for (int m = 0; m < N_STAR_MEASURES; m++)
				if (col[m] < 0 && strcmp(name, star_measures[m]) == 0)
					col[m] = i;
	}
	if (r->gene_col < 0)
	{
		*err = xasprintf("%ld: not a GDC STAR gene counts header: no gene_id "
						 "column", ln);
		goto fail;
	}
	for (int m = 0; m < N_STAR_MEASURES; m++)
		if (col[m] < 0)
		{
			*err = xasprintf("%ld: GDC STAR gene counts header has no %s "
							 "column", ln, star_measures[m]);
			goto fail;
		}
	if (r->opt_measure)
	{
		for (int m = 0; m < N_STAR_MEASURES; m++)
			if (str_ieq(r->opt_measure, star_measures[m]))
				only = m;
		if (only < 0)
		{
			*err = xasprintf("--measure %s is not a STAR measure (unstranded, "
							 "stranded_first, stranded_second, tpm_unstranded, "
							 "fpkm_unstranded, fpkm_uq_unstranded)",
							 r->opt_measure);
			goto fail;
		}
	}
	info_single_sample(r, h.n);
	for (int m = 0; m < N_STAR_MEASURES; m++)
		if (only < 0 || m == only)
			info_value(r, 0, info_measure(r, star_measures[m]), col[m] + 1);
	used = 1 + (r->symbol_col >= 0) + (r->type_col >= 0) + r->info.nvalues;
	r->info.ignored_columns = h.n - used;
	r->info.ncolumns = h.n;
	r->info.sep = '\t';
	r->nheader = 1;
	head_free(&h);
	return true;

fail:
	head_free(&h);
	return false;
}

bool
expr_setup_htseq(expr_reader *r, char **err)
{
	const char *slash = strrchr(r->path, '/');
	const char *base = slash ? slash + 1 : r->path;
	const char *measure = r->opt_measure;
	char	   *lower = lower_dup(base);

	/* GDC names: <uuid>.htseq.counts.gz, <uuid>.FPKM.txt.gz, .FPKM-UQ.txt.gz */
	if (!measure)
	{
		if (strstr(lower, ".htseq.counts") || strstr(lower, "htseq_counts"))
			measure = "htseq_counts";
		else if (str_isuffix(lower, ".fpkm-uq.txt") ||
				 str_isuffix(lower, ".fpkm-uq.txt.gz"))
			measure = "fpkm_uq";
		else if (str_isuffix(lower, ".fpkm.txt") ||
				 str_isuffix(lower, ".fpkm.txt.gz"))
			measure = "fpkm";
	}
	free(lower);
	if (!measure)
	{
		*err = xasprintf("cannot tell from the file name \"%s\" whether this "
						 "HTSeq file holds counts, FPKM or FPKM-UQ; pass "
						 "--measure (htseq_counts, fpkm or fpkm_uq)", base);
		return false;
	}
	info_single_sample(r, 2);
	info_value(r, 0, info_measure(r, measure), 2);
	r->info.ncolumns = 2;
	r->info.sep = '\t';
	r->gene_col = 0;
	r->nheader = 0;
	return true;
}

/* Measure of a cBioPortal file: option, meta stable_id, file name. */
static char *
cbio_measure(expr_reader *r)
{
	const char *stable_id = cbio_meta_get(r->meta, "stable_id");

	if (r->opt_measure)
		return xstrdup(r->opt_measure);
	if (stable_id && *stable_id)
		return lower_dup(stable_id);
	return file_stem(r->path, true);
}

bool
expr_setup_cbio(expr_reader *r, char **err)
{
	head_fields h;
	long		ln = r->head[0].lineno;
	int			first;
	char	   *measure = NULL;
	int			mi;

	if (!r->meta)
		r->meta = cbio_meta_find_for(r->path);
	if (r->meta)
	{
		const char *study = cbio_meta_get(r->meta, "cancer_study_identifier");

		r->meta_path = xstrdup(cbio_meta_path(r->meta));
		r->info.meta_path = r->meta_path;
		if (study && *study)
		{
			r->study_hint = xstrdup(study);
			r->info.study_hint = r->study_hint;
		}
	}

	head_split(&h, &r->head[0], '\t');
	for (first = 0; first < h.n; first++)
	{
		const char *name = h.f[first];
		bool		gene;

		if (!expr_cbio_lead_column(name, &gene))
			break;
		if (str_ieq(name, "Hugo_Symbol") && r->symbol_col < 0)
			r->symbol_col = first;
		else if (str_ieq(name, "Entrez_Gene_Id") && r->entrez_col < 0)
			r->entrez_col = first;
		else
			r->info.ignored_columns++;
	}
	if (r->symbol_col < 0 && r->entrez_col < 0)
	{
		*err = xasprintf("%ld: not a cBioPortal matrix: no Hugo_Symbol or "
						 "Entrez_Gene_Id column at the start of the header", ln);
		goto fail;
	}
	if (first == h.n)
	{
		*err = xasprintf("%ld: no sample columns after the gene columns", ln);
		goto fail;
	}
	measure = cbio_measure(r);
	if (!measure)
	{
		*err = xstrdup("cannot name the measure from the file name; pass "
					   "--measure");
		goto fail;
	}
	info_alloc(r, h.n);
	mi = info_measure(r, measure);
	for (int i = first; i < h.n; i++)
	{
		if (h.f[i][0] == '\0')
		{
			*err = xasprintf("%ld: column %d has no sample name", ln, i + 1);
			goto fail;
		}
		r->info.samples[r->info.nsamples] = xstrdup(h.f[i]);
		info_value(r, r->info.nsamples++, mi, i + 1);
	}
	if (!check_unique_samples(r, err))
		goto fail;
	r->info.ncolumns = h.n;
	r->info.sep = '\t';
	r->nheader = 1;
	free(measure);
	head_free(&h);
	return true;

fail:
	free(measure);
	head_free(&h);
	return false;
}

bool
expr_setup_firehose(expr_reader *r, char **err)
{
	head_fields h1,
				h2 = {0};
	long		ln = r->head[0].lineno;
	bool		select = false;
	const char *rename = NULL;
	int			ntypes = 0;

	head_split(&h1, &r->head[0], '\t');
	if (!r->head[1].present)
	{
		*err = xasprintf("%ld: a Firehose matrix needs a second header row "
						 "naming each column's value type", ln);
		goto fail;
	}
	head_split(&h2, &r->head[1], '\t');
	ln = r->head[1].lineno;
	if (h2.n != h1.n)
	{
		*err = xasprintf("%ld: the value-type row has %d fields, the sample "
						 "row %d", ln, h2.n, h1.n);
		goto fail;
	}
	if (!str_ieq(h2.f[0], "gene_id") && !str_ieq(h2.f[0], "gene"))
	{
		*err = xasprintf("%ld: expected \"gene_id\" or \"gene\" to start the "
						 "value-type row, found \"%s\"", ln, h2.f[0]);
		goto fail;
	}

	/* --measure picks one value type, or names the only one */
	if (r->opt_measure)
	{
		for (int i = 1; i < h2.n; i++)
		{
			bool		seen = false;

			if (in_list(h2.f[i], firehose_text_types))
				continue;
			if (str_ieq(h2.f[i], r->opt_measure))
				select = true;
			for (int j = 1; j < i && !seen; j++)
				seen = str_ieq(h2.f[j], h2.f[i]);
			if (!seen)
				ntypes++;
		}
		if (!select && ntypes != 1)
		{
			*err = xasprintf("%ld: --measure %s is not one of the %d value "
							 "types of this file", ln, r->opt_measure, ntypes);
			goto fail;
		}
		if (!select)
			rename = r->opt_measure;
	}

	info_alloc(r, h1.n);
	for (int i = 1; i < h1.n; i++)
	{
		const char *type = h2.f[i];
		char	   *mname;
		int			si,
					mi;

		if (in_list(type, firehose_text_types) ||
			(select && !str_ieq(type, r->opt_measure)) || type[0] == '\0')
		{
			r->info.ignored_columns++;
			continue;
		}
		if (h1.f[i][0] == '\0')
		{
			*err = xasprintf("%ld: column %d has no sample name",
							 r->head[0].lineno, i + 1);
			goto fail;
		}
		mname = lower_dup(rename ? rename : type);
		mi = info_measure(r, mname);
		free(mname);
		si = info_sample(r, h1.f[i]);
		for (int k = 0; k < r->info.nvalues; k++)
			if (r->info.value_sample[k] == si && r->info.value_measure[k] == mi)
			{
				*err = xasprintf("%ld: sample %s has two %s columns (%d and %d)",
								 ln, h1.f[i], r->info.measures[mi],
								 r->info.value_col[k], i + 1);
				goto fail;
			}
		info_value(r, si, mi, i + 1);
	}
	if (r->info.nvalues == 0)
	{
		*err = xasprintf("%ld: no numeric value columns", ln);
		goto fail;
	}
	r->info.ncolumns = h1.n;
	r->info.sep = '\t';
	r->gene_col = 0;
	r->nheader = 2;
	head_free(&h1);
	head_free(&h2);
	return true;

fail:
	head_free(&h1);
	head_free(&h2);
	return false;
}

bool
expr_setup_generic(expr_reader *r, char **err)
{
	const char *l1 = r->head[0].text.data;
	char		sep = (strchr(l1, ',') && !strchr(l1, '\t')) ? ',' : '\t';
	head_fields h;
	long		ln = r->head[0].lineno;
	int			first = 1;
	int			ncolumns;
	char	   *measure = NULL;
	int			mi;

	head_split(&h, &r->head[0], sep);
	ncolumns = h.n;

	/*
	 * R's write.table leaves the row-name column out of the header: the
	 * rows then have one field more, and every header field is a sample.
	 */
	if (r->head[1].present)
	{
		head_fields d;

		head_split(&d, &r->head[1], sep);
		if (d.n == h.n + 1)
		{
			first = 0;
			ncolumns = h.n + 1;
		}
		head_free(&d);
	}
	if (h.n - first < 1)
	{
		*err = xasprintf("%ld: a matrix needs a gene column and at least one "
						 "sample column", ln);
		goto fail;
	}
	measure = r->opt_measure ? xstrdup(r->opt_measure)
		: file_stem(r->path, false);
	if (!measure)
	{
		*err = xstrdup("cannot name the measure from the file name; pass "
					   "--measure");
		goto fail;
	}
	info_alloc(r, ncolumns);
	mi = info_measure(r, measure);
	for (int i = first; i < h.n; i++)
	{
		int			col1 = i + 1 + (first == 0);

		if (h.f[i][0] == '\0')
		{
			*err = xasprintf("%ld: column %d has no sample name", ln, col1);
			goto fail;
		}
		r->info.samples[r->info.nsamples] = xstrdup(h.f[i]);
		info_value(r, r->info.nsamples++, mi, col1);
	}
	if (!check_unique_samples(r, err))
		goto fail;
	r->info.ncolumns = ncolumns;
	r->info.sep = sep;
	r->gene_col = 0;
	r->nheader = 1;
	free(measure);
	head_free(&h);
	return true;

fail:
	free(measure);
	head_free(&h);
	return false;
}
