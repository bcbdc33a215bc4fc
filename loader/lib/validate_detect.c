/*
 * validate_detect.c: what a file is, for "oncoload validate": never data
 * (meta files, case lists, sheets, reports), a kind named by the cBioPortal
 * meta file that describes it, or a kind told by content -- the loaders'
 * own readers tried in the order least likely to mistake one for another --
 * or, when content cannot tell, by cBioPortal's file names.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbio_meta.h"
#include "clin.h"
#include "cn_format.h"
#include "expr_format.h"
#include "files.h"
#include "lineio.h"
#include "textutil.h"
#include "validate_internal.h"

/* Lines read to tell a file's kind from its content. */
#define SNIFF_LINES 8


/* Kinds from a cBioPortal meta file's genetic_alteration_type and datatype. */
static bool
from_meta(const char *type, const char *dt, val_detected *d)
{
	if (!type)
		return false;
	if (str_ieq(type, "CLINICAL"))
	{
		if (dt && str_ieq(dt, "TIMELINE"))
			d->not_loaded = "cBioPortal timeline";
		else
		{
			d->fn = val_check_clinical;
			d->kind = "clinical";
		}
	}
	else if (str_ieq(type, "MUTATION_EXTENDED") || str_ieq(type, "MUTATION_UNCALLED"))
	{
		d->fn = val_check_mutations;
		d->kind = "maf";
	}
	else if (str_ieq(type, "COPY_NUMBER_ALTERATION"))
	{
		d->fn = val_check_copynumber;
		d->kind = dt && str_ieq(dt, "SEG") ? "segments" : "copynumber";
	}
	else if (str_ieq(type, "MRNA_EXPRESSION"))
	{
		d->fn = val_check_expression;
		d->kind = "expression";
	}
	else if (str_ieq(type, "METHYLATION"))
	{
		/* not loaded, but a numeric gene x sample matrix: its values are checked */
		d->fn = val_check_expression;
		d->kind = "methylation";
	}
	else if (str_ieq(type, "PROTEIN_LEVEL"))
	{
		d->fn = val_check_expression;
		d->kind = "rppa";
	}
	else if (str_ieq(type, "STRUCTURAL_VARIANT"))
		d->not_loaded = "cBioPortal structural variants";
	else if (str_ieq(type, "GENESET_SCORE"))
		d->not_loaded = "cBioPortal gene set scores (GSVA)";
	else if (str_ieq(type, "GENERIC_ASSAY"))
		d->not_loaded = "cBioPortal generic assay";
	else if (str_ieq(type, "GENE_PANEL_MATRIX"))
		d->not_loaded = "cBioPortal gene panel matrix";
	else if (str_iprefix(type, "GISTIC_GENES"))
		d->not_loaded = "GISTIC genes";
	else if (str_ieq(type, "CANCER_TYPE"))
		d->not_loaded = "cBioPortal cancer types";
	else
		d->not_loaded = d->own = xasprintf("cBioPortal %s", type);
	return true;
}

/* Whether the tab-separated header line has a column named name. */
static bool
has_column(const char *line, const char *name)
{
	size_t		n = strlen(name);

	for (const char *p = line; (p = strstr(p, name)) != NULL; p += n)
		if ((p == line || p[-1] == '\t') && (p[n] == '\0' || p[n] == '\t' || p[n] == '\r'))
			return true;
	return false;
}

/* The first lines of a file (blank lines left out); false when unreadable. */
static bool
first_lines(const char *path, char **lines, int *n, int *err)
{
	lineio	   *lr = lineio_open(path);
	char	   *l;
	size_t		len;

	*n = 0;
	if (!lr)
	{
		*err = errno;
		return false;
	}
	while (*n < SNIFF_LINES && (l = lineio_next(lr, &len)) != NULL)
		if (len > 0)
			lines[(*n)++] = xstrdup(l);
	if (lineio_error(lr) && *n == 0)
		*err = EIO;
	else
		*err = 0;
	lineio_close(lr);
	return *err == 0;
}

/* The kinds --kind names, and their checks. */
static const struct
{
	const char *name;
	val_check_fn fn;
}			forced_kinds[] = {
	{"clinical", val_check_clinical},
	{"expression", val_check_expression},
	{"methylation", val_check_expression},
	{"rppa", val_check_expression},
	{"maf", val_check_mutations},
	{"vcf", val_check_variants},
	{"copynumber", val_check_copynumber},
	{"segments", val_check_copynumber},
	{NULL, NULL}
};

bool
val_kind_known(const char *name)
{
	for (int i = 0; forced_kinds[i].name; i++)
		if (strcmp(forced_kinds[i].name, name) == 0)
			return true;
	return false;
}

/* Names that are never data files of any kind. */
static const char *
not_data(const char *path)
{
	char		base[512],
				parent[512];

	files_base(path, base, sizeof(base));
	files_parent(path, parent, sizeof(parent));
	if (strcmp(parent, "case_lists") == 0)
		return "cBioPortal case list";
	if (str_iprefix(base, "meta") && str_isuffix(base, ".txt"))
	{
		cbio_meta  *m = cbio_meta_read(path);
		bool		is_meta = m && (cbio_meta_get(m, "cancer_study_identifier") ||
									cbio_meta_get(m, "genetic_alteration_type") ||
									cbio_meta_get(m, "type_of_cancer"));

		cbio_meta_free(m);
		if (is_meta)
			return "cBioPortal meta file";
	}
	if (str_iprefix(base, "gdc_sample_sheet"))
		return "GDC sample sheet";
	if (str_iprefix(base, "MANIFEST") || strcmp(base, "annotations.txt") == 0)
		return "GDC manifest or annotations";
	if (str_isuffix(base, ".html") || str_isuffix(base, ".htm") || str_isuffix(base, ".yml") ||
		str_isuffix(base, ".yaml") || str_isuffix(base, ".xsd") || str_isuffix(base, ".md5") ||
		str_isuffix(base, ".log") || str_isuffix(base, ".md") || str_isuffix(base, ".pdf") ||
		str_isuffix(base, ".png") || str_isuffix(base, ".json"))
		return "not a data file";
	return NULL;
}

/*
 * A file a meta file names under another key than data_filename (the CNA
 * driver annotations of a discrete CNA profile): not a data file of its
 * own.  Returns what it is, or NULL.
 */
static const char *
companion_file(const char *path)
{
	static const struct
	{
		const char *key;
		const char *what;
	}			keys[] = {
		{"pd_annotations_filename", "cBioPortal CNA driver annotations"},
		{NULL, NULL}
	};
	char		base[512];
	char	   *dir;
	DIR		   *d;
	struct dirent *de;
	const char *found = NULL;

	files_base(path, base, sizeof(base));
	dir = strrchr(path, '/') ? xstrndup(path, (size_t) (strrchr(path, '/') - path)) : xstrdup(".");
	if ((d = opendir(dir)) == NULL)
	{
		free(dir);
		return NULL;
	}
	while (!found && (de = readdir(d)) != NULL)
	{
		char	   *mp;
		cbio_meta  *m;

		if (!str_iprefix(de->d_name, "meta") || !str_isuffix(de->d_name, ".txt"))
			continue;
		mp = xasprintf("%s/%s", dir, de->d_name);
		m = cbio_meta_read(mp);
		for (int i = 0; m && keys[i].key && !found; i++)
		{
			const char *v = cbio_meta_get(m, keys[i].key);

			if (v && strcmp(v, base) == 0)
				found = keys[i].what;
		}
		cbio_meta_free(m);
		free(mp);
	}
	closedir(d);
	free(dir);
	return found;
}

/*
 * cBioPortal's file names, for a file without a meta file whose content
 * alone does not tell (a CNA matrix reads like expression): data_cna,
 * data_methylation, data_rppa, data_mrna and data_expression (prefixes).
 */
static bool
by_name(const char *path, val_detected *d)
{
	char		base[512];

	files_base(path, base, sizeof(base));
	if (str_iprefix(base, "data_cna") || str_iprefix(base, "data_CNA") || str_iprefix(base, "data_log2CNA"))
	{
		d->fn = val_check_copynumber;
		d->kind = str_isuffix(base, ".seg") ? "segments" : "copynumber";
	}
	else if (str_iprefix(base, "data_methylation"))
	{
		d->fn = val_check_expression;
		d->kind = "methylation";
	}
	else if (str_iprefix(base, "data_rppa"))
	{
		d->fn = val_check_expression;
		d->kind = "rppa";
	}
	else if (str_iprefix(base, "data_mrna") || str_iprefix(base, "data_expression"))
	{
		d->fn = val_check_expression;
		d->kind = "expression";
	}
	return d->fn != NULL;
}

/*
 * Whether an expression reader's file is a matrix of numbers: the reader
 * takes any table as a generic matrix, so a table found in a folder counts
 * only when its first data lines hold mostly numbers (or it is of a layout
 * the reader recognised by more than that).
 */
static bool
looks_numeric(expr_reader *er)
{
	const expr_info *info = expr_reader_info(er);
	const expr_row *row;
	char	   *e = NULL;
	long		ok = 0,
				bad = 0;

	if (info->format != EXPR_FMT_GENERIC || strcmp(info->detected_by, "content") != 0)
		return true;
	for (int i = 0; i < 5 && expr_next(er, &row, &e) == 1; i++)
	{
		if (row->error)
			return false;
		for (int v = 0; v < info->nvalues; v++)
			if (row->status[v] == NUM_OK)
				ok++;
			else if (row->status[v] == NUM_INVALID)
				bad++;
	}
	free(e);
	return ok > 0 && bad * 4 <= ok;
}

/*
 * Tell what path is: by name for files that are never data and for VCF/BCF,
 * then by the cBioPortal meta file describing it, then by content, trying
 * the loaders' own readers in the order least likely to mistake another
 * kind.  Returns false when the file cannot be read (*err = errno).
 */
bool
val_detect(val_run *r, const char *path, bool named, val_detected *d, int *err)
{
	char	   *lines[SNIFF_LINES];
	int			n = 0;
	const char *header = NULL;
	cbio_meta  *meta;
	char	   *e = NULL;
	int			eno = 0;
	bool		done = false,
				gene_header = false;

	memset(d, 0, sizeof(*d));
	*err = 0;
	if (named && r->o.kind)
	{
		for (int i = 0; forced_kinds[i].name; i++)
			if (strcmp(forced_kinds[i].name, r->o.kind) == 0)
			{
				d->fn = forced_kinds[i].fn;
				d->kind = forced_kinds[i].name;
			}
		return true;
	}
	if ((d->not_loaded = not_data(path)) != NULL)
		return true;
	if (str_isuffix(path, ".vcf") || str_isuffix(path, ".vcf.gz") || str_isuffix(path, ".vcf.bgz") ||
		str_isuffix(path, ".bcf"))
	{
		d->fn = val_check_variants;
		d->kind = "vcf";
		return true;
	}
	meta = cbio_meta_find_for(path);
	if (meta)
	{
		const char *study = cbio_meta_get(meta, "cancer_study_identifier");

		if (study && *study)
			d->study = xstrdup(study);
		bool		known = from_meta(cbio_meta_get(meta, "genetic_alteration_type"),
									  cbio_meta_get(meta, "datatype"), d);

		if (!known)
		{
			const char *dt = cbio_meta_get(meta, "datatype");

			d->not_loaded = d->own = xasprintf("cBioPortal %s", dt ? dt : "file without a data type");
		}
		cbio_meta_free(meta);
		return true;
	}
	if ((d->not_loaded = companion_file(path)) != NULL)
		return true;
	if (!first_lines(path, lines, &n, err))
		return false;
	for (int i = 0; i < n && !header; i++)
		if (lines[i][0] != '#')
			header = lines[i];
	if (n == 0)
	{
		d->not_loaded = "an empty file";
		done = true;
	}
	else if (strncmp(lines[0], "##fileformat=VCF", 16) == 0)
	{
		d->fn = val_check_variants;
		d->kind = "vcf";
		done = true;
	}
	else if (lines[0][strspn(lines[0], " \t\xef\xbb\xbf")] == '<')
	{
		d->fn = val_check_clinical;
		d->kind = "clinical";
		done = true;
	}
	else if (header && has_column(header, "Tumor_Sample_Barcode"))
	{
		d->fn = val_check_mutations;
		d->kind = "maf";
		done = true;
	}
	gene_header = header && (has_column(header, "Hugo_Symbol") || has_column(header, "Entrez_Gene_Id"));
	for (int i = 0; i < n; i++)
		free(lines[i]);
	if (done || by_name(path, d))
		return true;

	/* the clinical layouts the loader detects by itself */
	{
		clin_open_opts co = {CLIN_FMT_UNKNOWN, NULL};
		clin_reader *cr = clin_open(path, &co, &e, &eno);

		if (cr || (e && !strstr(e, "not a clinical or biospecimen file") &&
				   !strstr(e, "the file is empty")))
		{
			clin_close(cr);
			free(e);
			d->fn = val_check_clinical;
			d->kind = "clinical";
			return true;
		}
		free(e);
		e = NULL;
	}
	/* copy number: segments and the long and GDC layouts by content, matrices by name */
	{
		cn_opts		co;
		cn_reader  *cr;

		memset(&co, 0, sizeof(co));
		cr = cn_open(path, &co, &e, &eno);
		free(e);
		e = NULL;
		if (cr)
		{
			const cn_info *ci = cn_reader_info(cr);
			bool		is_cn = ci->format != CN_FMT_CBIO_MATRIX || strcmp(ci->detected_by, "content") != 0;

			if (ci->format == CN_FMT_GISTIC_GENES)
				d->not_loaded = "GISTIC genes";
			else if (is_cn)
			{
				d->fn = val_check_copynumber;
				d->kind = ci->format == CN_FMT_CBIO_MATRIX || ci->format == CN_FMT_CBIO_LONG ||
					ci->format == CN_FMT_GDC_GENE ? "copynumber" : "segments";
			}
			cn_close(cr);
			if (is_cn || d->not_loaded)
				return true;
		}
	}
	/* a hospital export, when a mapping file was given */
	if (r->o.mapping)
	{
		d->fn = val_check_clinical;
		d->kind = "clinical";
		return true;
	}
	{
		expr_reader *er = expr_open(path, NULL, &e, &eno);

		free(e);
		/* a gene x sample header the reader refuses is still an expression file */
		if ((er && (named || looks_numeric(er))) || (!er && gene_header))
		{
			expr_close(er);
			d->fn = val_check_expression;
			d->kind = "expression";
			return true;
		}
		expr_close(er);
	}
	d->not_loaded = "a format oncoload does not recognise";
	return true;
}
