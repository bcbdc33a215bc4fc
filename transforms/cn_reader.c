/*
 * cn_reader.c: opening a copy-number file: the format from its header
 * (cn_header.c), then a cBioPortal meta file, then its name; the genome
 * build and study the file states.  Data lines are read in cn_rows.c.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cbio_meta.h"
#include "cn_internal.h"
#include "textutil.h"

#define MAX_HEADER_FIELDS 100000

/* ---- small helpers ---- */

char *
cn_unquote(char *s)
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

int
cn_split(char *line, char sep, char **fields, int max)
{
	int			n = 0;
	char	   *p = line;

	if (sep != ' ')
		return tsv_split(line, sep, fields, max);
	/* R's write.table(sep = " "): single blanks; runs tolerated */
	while (*p == ' ')
		p++;
	while (*p)
	{
		char	   *q = p;

		while (*q && *q != ' ')
			q++;
		if (n < max)
			fields[n] = p;
		n++;
		if (!*q)
			break;
		*q++ = '\0';
		while (*q == ' ')
			q++;
		p = q;
	}
	return n;
}

static bool
is_blank(const char *s)
{
	return s[strspn(s, " \t\r")] == '\0';
}

char *
cn_next_line(cn_reader *r)
{
	char	   *line;

	while (r->replay < 2 && r->head[r->replay].present)
	{
		cn_line    *l = &r->head[r->replay++];

		r->lineno = l->lineno;
		if (r->replay == 1)
			continue;			/* the header is not data */
		return l->text.data;
	}
	r->replay = 2;
	while ((line = lineio_next(r->lr, NULL)) != NULL)
	{
		r->lineno = lineio_lineno(r->lr);
		if (line[0] == '#' || is_blank(line))
			continue;
		return line;
	}
	return NULL;
}

void
cn_cells_reserve(cn_reader *r, int n)
{
	if (n <= r->cellcap)
		return;
	r->cellcap = n;
	r->cell_sample = xrealloc(r->cell_sample, sizeof(int) * (size_t) n);
	r->cell_measure = xrealloc(r->cell_measure, sizeof(int) * (size_t) n);
	r->cell_col = xrealloc(r->cell_col, sizeof(int) * (size_t) n);
	r->values = xrealloc(r->values, sizeof(double) * (size_t) n);
	r->status = xrealloc(r->status, (size_t) n);
	r->cells = xrealloc(r->cells, sizeof(char *) * (size_t) n);
}

/* Read the next significant line into l; false at end of file. */
static bool
read_ahead(cn_reader *r, cn_line *l)
{
	char	   *line;

	while ((line = lineio_next(r->lr, NULL)) != NULL)
	{
		r->lineno = lineio_lineno(r->lr);
		if (line[0] == '#' || is_blank(line))
			continue;
		buf_reset(&l->text);
		buf_puts(&l->text, line);
		l->lineno = r->lineno;
		l->present = true;
		return true;
	}
	return false;
}

/* ---- detection ---- */

static cn_format
detect_meta(const cbio_meta *m)
{
	const char *type = cbio_meta_get(m, "genetic_alteration_type");
	const char *dt = cbio_meta_get(m, "datatype");

	if (!type)
		return CN_FMT_UNKNOWN;
	if (str_iprefix(type, "GISTIC_GENES"))
		return CN_FMT_GISTIC_GENES;
	if (!str_ieq(type, "COPY_NUMBER_ALTERATION") || !dt)
		return CN_FMT_UNKNOWN;
	if (str_ieq(dt, "SEG"))
		return CN_FMT_CBIO_SEG;
	if (str_ieq(dt, "DISCRETE_LONG"))
		return CN_FMT_CBIO_LONG;
	if (str_ieq(dt, "DISCRETE") || str_ieq(dt, "CONTINUOUS") || str_ieq(dt, "LOG2-VALUE"))
		return CN_FMT_CBIO_MATRIX;
	return CN_FMT_UNKNOWN;
}

char *
cn_lower_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	char	   *s = xstrdup(slash ? slash + 1 : path);

	for (char *p = s; *p; p++)
		*p = (char) tolower((unsigned char) *p);
	return s;
}

static cn_format
detect_file_name(const char *path)
{
	char	   *b = cn_lower_base(path);
	cn_format	f = CN_FMT_UNKNOWN;

	if (strstr(b, "gene_level_copy_number"))
		f = CN_FMT_GDC_GENE;
	else if (strstr(b, ".seg") || strstr(b, "_seg") || strstr(b, "segment"))
		f = CN_FMT_CBIO_SEG;
	else if (strstr(b, "cna_long") || strstr(b, "discrete_long"))
		f = CN_FMT_CBIO_LONG;
	else if (strstr(b, "cna") || strstr(b, "copy_number") || strstr(b, "gistic") ||
			 strstr(b, "log2"))
		f = CN_FMT_CBIO_MATRIX;
	free(b);
	return f;
}

/* Workflow label from the format, refined by the GDC's file names. */
static const char *
workflow_of(cn_format f, const char *path)
{
	char	   *b = cn_lower_base(path);
	const char *w;

	switch (f)
	{
		case CN_FMT_GDC_SEG:
			w = strstr(b, "nocnv") ? "DNAcopy masked" : "DNAcopy";
			break;
		case CN_FMT_GDC_ASCAT_SEG:
		case CN_FMT_GDC_GENE:
			w = strstr(b, "ascatngs") ? "AscatNGS"
				: strstr(b, "ascat3") ? "ASCAT3"
				: strstr(b, "ascat2") ? "ASCAT2"
				: strstr(b, "absolute") ? "ABSOLUTE"
				: f == CN_FMT_GDC_GENE ? "GDC gene level" : "ASCAT";
			break;
		case CN_FMT_FIREHOSE_SEG:
			w = "CBS";
			break;
		case CN_FMT_CBIO_SEG:
			w = "cBioPortal SEG";
			break;
		case CN_FMT_DNACOPY_SEG:
			w = "DNAcopy";
			break;
		default:
			w = "cBioPortal";
			break;
	}
	free(b);
	return w;
}

/* ---- opening ---- */

/* Study, build and profile a cBioPortal meta file (and meta_study.txt) give. */
static void
take_meta(cn_reader *r, const cbio_meta *m)
{
	const char *s;
	const char *slash = strrchr(r->path, '/');
	char	   *study_meta;
	cbio_meta  *sm;

	if (!m)
		return;
	r->meta_path = xstrdup(cbio_meta_path(m));
	r->info.meta_path = r->meta_path;
	if ((s = cbio_meta_get(m, "cancer_study_identifier")) && *s)
		r->info.study_hint = r->study_hint = xstrdup(s);
	if ((s = cbio_meta_get(m, "stable_id")) && *s)
		r->info.profile = r->profile = xstrdup(s);
	if ((s = cbio_meta_get(m, "reference_genome_id")) && cn_build_parse(s) != CN_BUILD_UNKNOWN)
	{
		r->info.build = cn_build_parse(s);
		r->info.build_source = "meta file";
	}
	/* the study's own reference genome, when the folder has meta_study.txt */
	study_meta = slash ? xasprintf("%.*s/meta_study.txt", (int) (slash - r->path), r->path)
		: xstrdup("meta_study.txt");
	sm = cbio_meta_read(study_meta);
	if (sm && (s = cbio_meta_get(sm, "reference_genome")) && *s)
		r->info.study_build = r->study_build = xstrdup(s);
	cbio_meta_free(sm);
	free(study_meta);
}

void
cn_close(cn_reader *r)
{
	if (!r)
		return;
	if (r->lr)
		lineio_close(r->lr);
	for (int i = 0; r->info.samples && i < r->info.nsamples; i++)
		free(r->info.samples[i]);
	free(r->info.samples);
	free(r->info.measures);
	for (int i = 0; i < 2; i++)
		buf_free(&r->head[i].text);
	buf_free(&r->raw);
	buf_free(&r->ignored);
	free(r->fields);
	free(r->valcol);
	free(r->valsample);
	free(r->valmeasure);
	strmap_free(r->sample_index);
	free(r->cell_sample);
	free(r->cell_measure);
	free(r->cell_col);
	free(r->values);
	free(r->status);
	free(r->cells);
	free(r->study_hint);
	free(r->study_build);
	free(r->meta_path);
	free(r->profile);
	free(r->workflow);
	free(r->path);
	free(r);
}

cn_reader *
cn_open(const char *path, const cn_opts *opts, char **err, int *errno_out)
{
	cn_reader  *r = xcalloc(1, sizeof(*r));
	cbio_meta  *meta = NULL;
	cn_header	h = {0};
	cn_format	f = CN_FMT_UNKNOWN;
	bool		ok = false;

	*err = NULL;
	if (errno_out)
		*errno_out = 0;
	r->path = xstrdup(path);
	if (opts)
		r->opts = *opts;
	r->c_sample = r->c_chrom = r->c_start = r->c_end = r->c_probes = -1;
	r->c_mean = r->c_cn = r->c_major = r->c_minor = -1;
	r->c_symbol = r->c_entrez = r->c_ensembl = r->c_value = -1;
	buf_init(&r->raw);
	buf_init(&r->ignored);
	for (int i = 0; i < 2; i++)
		buf_init(&r->head[i].text);

	r->lr = lineio_open(path);
	if (!r->lr)
	{
		int			e = errno ? errno : EIO;

		if (errno_out)
			*errno_out = e;
		*err = xasprintf("cannot open: %s", strerror(e));
		goto done;
	}
	if (read_ahead(r, &r->head[0]))
		read_ahead(r, &r->head[1]);
	if (lineio_error(r->lr))
	{
		if (errno_out)
			*errno_out = EIO;
		*err = xasprintf("%ld: read error: %s", r->lineno + 1, lineio_error(r->lr));
		goto done;
	}
	if (!r->head[0].present)
	{
		*err = xasprintf("%ld: no data: the file is empty or only comments", r->lineno);
		goto done;
	}

	/* separator and R's quoting and row names */
	{
		const char *l1 = r->head[0].text.data;

		r->sep = strchr(l1, '\t') ? '\t' : strchr(l1, ',') ? ',' : strchr(l1, ' ') ? ' ' : '\t';
		r->quoted = l1[strspn(l1, " ")] == '"';
		cn_header_split(&h, l1, r->sep);
		if (h.n > MAX_HEADER_FIELDS)
		{
			*err = xasprintf("%ld: more than %d columns", r->head[0].lineno, MAX_HEADER_FIELDS);
			goto done;
		}
		/*
		 * R's write.csv names its row-name column ""; write.table leaves it
		 * out of the header, so data lines have one field more.
		 */
		if (h.n > 1 && h.f[0][0] == '\0' && r->sep == ',')
		{
			free(h.lower[0]);
			memmove(&h.f[0], &h.f[1], sizeof(char *) * (size_t) (h.n - 1));
			memmove(&h.lower[0], &h.lower[1], sizeof(char *) * (size_t) (h.n - 1));
			h.n--;
			r->shift = 1;
		}
		else if (r->head[1].present && (r->sep != '\t' || r->quoted))
		{
			char	   *copy = xstrdup(r->head[1].text.data);
			int			max = tsv_count(copy, r->sep) + 1;
			char	  **f = xmalloc(sizeof(char *) * (size_t) max);

			if (cn_split(copy, r->sep, f, max) == h.n + 1)
				r->shift = 1;
			free(f);
			free(copy);
		}
	}

	r->info.header_line = r->head[0].lineno;
	meta = cbio_meta_find_for(path);
	take_meta(r, meta);
	if (r->opts.force != CN_FMT_UNKNOWN)
	{
		f = r->opts.force;
		r->info.detected_by = "option";
	}
	else if ((f = cn_detect_content(&h, r->quoted, r->shift)) != CN_FMT_UNKNOWN)
		r->info.detected_by = "content";
	else if ((f = detect_meta(meta)) != CN_FMT_UNKNOWN)
		r->info.detected_by = "meta file";
	else if ((f = detect_file_name(path)) != CN_FMT_UNKNOWN)
		r->info.detected_by = "file name";
	if (f == CN_FMT_UNKNOWN)
	{
		*err = xasprintf("%ld: not a copy-number file: no segment columns (ID, chrom, "
						 "loc.start ...), no Hugo_Symbol or Entrez_Gene_Id column, no "
						 "GDC gene-level header, and no cBioPortal meta file saying so",
						 r->head[0].lineno);
		goto done;
	}
	r->info.format = f;
	r->workflow = xstrdup(workflow_of(f, path));
	r->info.workflow = r->workflow;
	if (r->info.build == CN_BUILD_UNKNOWN)
	{
		if ((r->info.build = cn_build_from_file_name(path)) != CN_BUILD_UNKNOWN)
			r->info.build_source = "file name";
		else if (f == CN_FMT_GDC_SEG || f == CN_FMT_GDC_ASCAT_SEG)
		{
			/* the GDC's harmonised data are all on GRCh38 */
			r->info.build = CN_BUILD_GRCH38;
			r->info.build_source = "format";
		}
	}
	r->build = r->info.build;

	if (cn_format_is_segment(f))
	{
		if (r->opts.measure != CN_M_NONE)
			*err = xstrdup("--measure applies to gene-level files, not segments");
		else
			ok = cn_setup_segments(r, &h, err);
	}
	else if (f == CN_FMT_CBIO_MATRIX)
		ok = cn_setup_matrix(r, &h, meta, err);
	else if (f == CN_FMT_CBIO_LONG)
		ok = cn_setup_long(r, &h, err);
	else if (f == CN_FMT_GDC_GENE)
		ok = cn_setup_gdc_gene(r, &h, err);
	else
		ok = true;				/* GISTIC: recognised, nothing to read */
	if (ok && r->ignored.len)
		r->info.ignored_names = r->ignored.data;
	if (ok)
	{
		r->replay = 0;
		r->fieldcap = r->info.ncolumns + 2;
		r->fields = xmalloc(sizeof(char *) * (size_t) r->fieldcap);
		cn_cells_reserve(r, r->nvalcols > 0 ? r->nvalcols : 1);
	}

done:
	cbio_meta_free(meta);
	if (h.copy)
		cn_header_free(&h);
	if (!ok)
	{
		cn_close(r);
		return NULL;
	}
	return r;
}

const cn_info *
cn_reader_info(const cn_reader *r)
{
	return &r->info;
}

void
cn_set_build(cn_reader *r, cn_build b)
{
	r->build = b;
}

long
cn_lines_read(const cn_reader *r)
{
	return r->lineno;
}
