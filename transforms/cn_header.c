/*
 * cn_header.c: the header of each copy-number layout: columns found by
 * name (case-insensitively, quotes removed), the format they show, and the
 * roles, samples and measures each layout's data lines are read with.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cbio_meta.h"
#include "cn_internal.h"
#include "textutil.h"

void
cn_header_split(cn_header *h, const char *text, char sep)
{
	int			max = tsv_count(text, sep) + 1;

	h->copy = xstrdup(text);
	h->f = xmalloc(sizeof(char *) * (size_t) max);
	h->lower = xmalloc(sizeof(char *) * (size_t) max);
	h->n = cn_split(h->copy, sep, h->f, max);
	if (h->n > max)
		h->n = max;
	for (int i = 0; i < h->n; i++)
	{
		h->f[i] = cn_unquote(h->f[i]);
		h->lower[i] = xstrdup(h->f[i]);
		for (char *p = h->lower[i]; *p; p++)
			*p = (char) tolower((unsigned char) *p);
	}
}

void
cn_header_free(cn_header *h)
{
	for (int i = 0; i < h->n; i++)
		free(h->lower[i]);
	free(h->lower);
	free(h->f);
	free(h->copy);
}

/* Index of the first column named one of names (lower case), or -1. */
static int
find_col(const cn_header *h, const char *const *names)
{
	for (int i = 0; i < h->n; i++)
		for (int k = 0; names[k]; k++)
			if (strcmp(h->lower[i], names[k]) == 0)
				return i;
	return -1;
}

static const char *const n_sample[] = {"gdc_aliquot", "sample", "id", "sample_id", "sampleid", NULL};
static const char *const n_chrom[] = {"chromosome", "chrom", "chr", NULL};
static const char *const n_start[] = {"start", "loc.start", "start.bp", NULL};
static const char *const n_end[] = {"end", "loc.end", "end.bp", NULL};
static const char *const n_probes[] = {"num_probes", "num.mark", "num.markers", "num_markers", NULL};
static const char *const n_mean[] = {"segment_mean", "seg.mean", "seg.cn", NULL};
static const char *const n_cn[] = {"copy_number", NULL};
static const char *const n_major[] = {"major_copy_number", NULL};
static const char *const n_minor[] = {"minor_copy_number", NULL};
static const char *const n_symbol[] = {"hugo_symbol", "gene symbol", NULL};
static const char *const n_entrez[] = {"entrez_gene_id", "locus id", "gene id", NULL};
static const char *const n_lead_other[] = {"cytoband", "name", "composite.element.ref", NULL};
static const char *const n_long_only[] = {"sample_id", "value", "cbp_driver", NULL};
static const char *const n_gistic[] = {"genes_in_region", "genes_in_peak", NULL};

static bool
named(const cn_header *h, int i, const char *const *names)
{
	for (int k = 0; names[k]; k++)
		if (strcmp(h->lower[i], names[k]) == 0)
			return true;
	return false;
}

cn_format
cn_detect_content(const cn_header *h, bool quoted, int shift)
{
	int			sample = find_col(h, n_sample);

	if (find_col(h, n_gistic) >= 0)
		return CN_FMT_GISTIC_GENES;
	if (h->n > 0 && strcmp(h->lower[0], "gene_id") == 0 &&
		find_col(h, n_cn) >= 0)
		return CN_FMT_GDC_GENE;
	if (sample >= 0 && find_col(h, n_chrom) >= 0 && find_col(h, n_start) >= 0 &&
		find_col(h, n_end) >= 0 &&
		(find_col(h, n_mean) >= 0 || find_col(h, n_cn) >= 0))
	{
		if (strcmp(h->lower[sample], "gdc_aliquot") == 0)
			return find_col(h, n_cn) >= 0 ? CN_FMT_GDC_ASCAT_SEG : CN_FMT_GDC_SEG;
		if (find_col(h, (const char *const[]) {"loc.start", NULL}) >= 0)
			return quoted || shift ? CN_FMT_DNACOPY_SEG : CN_FMT_CBIO_SEG;
		return CN_FMT_FIREHOSE_SEG;
	}
	if (find_col(h, n_symbol) >= 0 || find_col(h, n_entrez) >= 0 ||
		find_col(h, n_long_only) >= 0)
	{
		for (int i = 0; i < h->n; i++)
			if (named(h, i, n_long_only) || str_iprefix(h->lower[i], "cbp_driver"))
				return CN_FMT_CBIO_LONG;
		return CN_FMT_CBIO_MATRIX;
	}
	return CN_FMT_UNKNOWN;
}

static void
note_ignored(cn_reader *r, const char *name)
{
	if (r->ignored.len)
		buf_puts(&r->ignored, ",");
	buf_puts(&r->ignored, name[0] ? name : "(blank)");
	r->info.ignored_columns++;
}

bool
cn_setup_segments(cn_reader *r, const cn_header *h, char **err)
{
	long		ln = r->head[0].lineno;
	int		   *roles[] = {&r->c_sample, &r->c_chrom, &r->c_start, &r->c_end, &r->c_probes,
	&r->c_mean, &r->c_cn, &r->c_major, &r->c_minor};
	const char *const *names[] = {n_sample, n_chrom, n_start, n_end, n_probes, n_mean,
	n_cn, n_major, n_minor};

	for (int k = 0; k < 9; k++)
		*roles[k] = find_col(h, names[k]);
	if (r->c_sample < 0 || r->c_chrom < 0 || r->c_start < 0 || r->c_end < 0 ||
		(r->c_mean < 0 && r->c_cn < 0))
	{
		*err = xasprintf("%ld: not a segment header: expected a sample (GDC_Aliquot, "
						 "Sample, ID), chromosome, start, end and segment mean "
						 "(Segment_Mean, seg.mean, Seg.CN) or Copy_Number column", ln);
		return false;
	}
	for (int i = 0; i < h->n; i++)
	{
		bool		used = false;

		for (int k = 0; k < 9; k++)
			used |= (*roles[k] == i);
		if (!used)
			note_ignored(r, h->f[i]);
	}
	/* data lines index past a row-name column R wrote without a header */
	for (int k = 0; k < 9; k++)
		if (*roles[k] >= 0)
			*roles[k] += r->shift;
	r->info.ncolumns = h->n + r->shift;
	return true;
}

/* The measure of a matrix: option, meta file, file name. */
static cn_measure
matrix_measure(cn_reader *r, const cbio_meta *m)
{
	const char *dt = cbio_meta_get(m, "datatype");
	const char *sid = cbio_meta_get(m, "stable_id");
	char	   *b;
	cn_measure	mm = CN_M_NONE;

	if (r->opts.measure != CN_M_NONE)
		return r->opts.measure;
	if (dt && str_ieq(dt, "DISCRETE"))
		return CN_M_DISCRETE;
	if (dt && str_ieq(dt, "LOG2-VALUE"))
		return CN_M_LOG2;
	if (dt && str_ieq(dt, "CONTINUOUS"))
		return CN_M_CONTINUOUS;
	if (sid && (mm = cn_measure_from_name(sid)) != CN_M_NONE)
		return mm;
	b = cn_lower_base(r->path);
	if (strstr(b, "log2"))
		mm = CN_M_LOG2;
	else if (strstr(b, "linear") || strstr(b, "continuous"))
		mm = CN_M_CONTINUOUS;
	else if (strstr(b, "cna") || strstr(b, "gistic") || strstr(b, "discrete") ||
			 strstr(b, "thresholded"))
		mm = CN_M_DISCRETE;
	free(b);
	return mm;
}

static void
add_measure(cn_reader *r, cn_measure m)
{
	r->info.measures[r->info.nmeasures++] = m;
}

static void
add_value_column(cn_reader *r, int col, int sample, int measure)
{
	r->valcol[r->nvalcols] = col;
	r->valsample[r->nvalcols] = sample;
	r->valmeasure[r->nvalcols] = measure;
	r->nvalcols++;
}

bool
cn_setup_matrix(cn_reader *r, const cn_header *h, const cbio_meta *m, char **err)
{
	long		ln = r->head[0].lineno;
	int			last_lead = -1;
	cn_measure	mm;

	for (int i = 0; i < h->n; i++)
		if (named(h, i, n_symbol) || named(h, i, n_entrez) || named(h, i, n_lead_other))
			last_lead = i;
	for (int i = 0; i <= last_lead; i++)
	{
		if (named(h, i, n_symbol) && r->c_symbol < 0)
			r->c_symbol = i;
		else if (named(h, i, n_entrez) && r->c_entrez < 0)
			r->c_entrez = i;
		else
			note_ignored(r, h->f[i]);
	}
	if (r->c_symbol < 0 && r->c_entrez < 0)
	{
		*err = xasprintf("%ld: at least one of the columns Hugo_Symbol or Entrez_Gene_Id "
						 "must come before the sample columns", ln);
		return false;
	}
	if (last_lead + 1 >= h->n)
	{
		*err = xasprintf("%ld: no sample columns after the gene columns", ln);
		return false;
	}
	mm = matrix_measure(r, m);
	if (mm == CN_M_NONE)
	{
		*err = xstrdup("cannot tell whether this matrix holds discrete calls, log2 ratios "
					   "or continuous values; pass --measure (cn_discrete, cn_log2, "
					   "cn_continuous or cn_absolute)");
		return false;
	}
	if (mm == CN_M_ABSOLUTE_MIN || mm == CN_M_ABSOLUTE_MAX)
		mm = CN_M_ABSOLUTE;
	r->info.samples = xcalloc((size_t) h->n, sizeof(char *));
	r->info.measures = xcalloc(1, sizeof(cn_measure));
	r->valcol = xcalloc((size_t) h->n, sizeof(int));
	r->valsample = xcalloc((size_t) h->n, sizeof(int));
	r->valmeasure = xcalloc((size_t) h->n, sizeof(int));
	add_measure(r, mm);
	for (int i = last_lead + 1; i < h->n; i++)
	{
		if (h->f[i][0] == '\0')
		{
			*err = xasprintf("%ld:%d: column %d has no sample name", ln, i + 1, i + 1);
			return false;
		}
		for (int k = 0; k < r->info.nsamples; k++)
			if (strcmp(r->info.samples[k], h->f[i]) == 0)
			{
				*err = xasprintf("%ld:%d: sample column \"%s\" appears twice (columns %d "
								 "and %d)", ln, i + 1, h->f[i], r->valcol[k] + 1, i + 1);
				return false;
			}
		r->info.samples[r->info.nsamples] = xstrdup(h->f[i]);
		add_value_column(r, i, r->info.nsamples++, 0);
	}
	r->info.ncolumns = h->n;
	return true;
}

bool
cn_setup_long(cn_reader *r, const cn_header *h, char **err)
{
	long		ln = r->head[0].lineno;

	for (int i = 0; i < h->n; i++)
	{
		if (named(h, i, n_symbol) && r->c_symbol < 0)
			r->c_symbol = i;
		else if (named(h, i, n_entrez) && r->c_entrez < 0)
			r->c_entrez = i;
		else if (strcmp(h->lower[i], "sample_id") == 0 && r->c_sample < 0)
			r->c_sample = i;
		else if (strcmp(h->lower[i], "value") == 0 && r->c_value < 0)
			r->c_value = i;
		else
			note_ignored(r, h->f[i]);
	}
	if (r->c_symbol < 0 && r->c_entrez < 0)
	{
		*err = xasprintf("%ld: at least one of the columns Hugo_Symbol or Entrez_Gene_Id "
						 "must be present", ln);
		return false;
	}
	if (r->c_sample < 0 || r->c_value < 0)
	{
		*err = xasprintf("%ld: missing column: %s", ln, r->c_sample < 0 ? "Sample_Id" : "Value");
		return false;
	}
	if (r->opts.measure != CN_M_NONE && r->opts.measure != CN_M_DISCRETE)
	{
		*err = xstrdup("the long format holds discrete calls: --measure can only be cn_discrete");
		return false;
	}
	r->samplecap = 64;
	r->info.samples = xcalloc((size_t) r->samplecap, sizeof(char *));
	r->info.measures = xcalloc(1, sizeof(cn_measure));
	add_measure(r, CN_M_DISCRETE);
	r->sample_index = strmap_new(256);
	r->info.ncolumns = h->n;
	r->min_fields = 1;
	{
		int			need[] = {r->c_symbol, r->c_entrez, r->c_sample, r->c_value};

		for (int k = 0; k < 4; k++)
			if (need[k] + 1 > r->min_fields)
				r->min_fields = need[k] + 1;
	}
	return true;
}

bool
cn_setup_gdc_gene(cn_reader *r, const cn_header *h, char **err)
{
	static const struct
	{
		const char *name;
		cn_measure	m;
	}			cols[] = {
		{"copy_number", CN_M_ABSOLUTE},
		{"min_copy_number", CN_M_ABSOLUTE_MIN},
		{"max_copy_number", CN_M_ABSOLUTE_MAX}
	};

	if (r->opts.measure != CN_M_NONE)
	{
		*err = xstrdup("--measure applies to cBioPortal matrices only: a GDC gene-level "
					   "file holds cn_absolute, cn_absolute_min and cn_absolute_max");
		return false;
	}
	r->info.samples = xcalloc(1, sizeof(char *));
	r->info.nsamples = 1;		/* named by the loader (--sample, sample sheet) */
	r->info.measures = xcalloc(3, sizeof(cn_measure));
	r->valcol = xcalloc(3, sizeof(int));
	r->valsample = xcalloc(3, sizeof(int));
	r->valmeasure = xcalloc(3, sizeof(int));
	for (int i = 0; i < h->n; i++)
	{
		bool		used = false;

		if (strcmp(h->lower[i], "gene_id") == 0 && r->c_ensembl < 0)
		{
			r->c_ensembl = i;
			continue;
		}
		if (strcmp(h->lower[i], "gene_name") == 0 && r->c_symbol < 0)
		{
			r->c_symbol = i;
			continue;
		}
		for (int k = 0; k < 3; k++)
			if (strcmp(h->lower[i], cols[k].name) == 0)
			{
				bool		seen = false;

				for (int j = 0; j < r->info.nmeasures; j++)
					seen |= r->info.measures[j] == cols[k].m;
				if (!seen)
				{
					add_value_column(r, i, 0, r->info.nmeasures);
					add_measure(r, cols[k].m);
					used = true;
				}
			}
		if (!used)
			note_ignored(r, h->f[i]);
	}
	if (r->c_ensembl < 0 || r->info.nmeasures == 0)
	{
		*err = xasprintf("%ld: a GDC gene-level copy number file needs gene_id and "
						 "copy_number columns", r->head[0].lineno);
		return false;
	}
	r->info.ncolumns = h->n;
	return true;
}
