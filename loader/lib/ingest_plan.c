/*
 * ingest_plan.c: finding and classifying the files of an ingest run (see
 * ingest.h).  Classification asks the loaders' own detectors, in an order
 * that keeps the permissive ones (a cBioPortal matrix is copy number or
 * expression alike) from taking files a stricter one recognises.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <htslib/hts.h>
#include <htslib/hts_log.h>

#include "cbio_meta.h"
#include "clin.h"
#include "cn_format.h"
#include "expr_format.h"
#include "files.h"
#include "ingest.h"
#include "lineio.h"
#include "maf.h"
#include "onc.h"
#include "refgene.h"
#include "samplesheet.h"
#include "textutil.h"

static const char *const kind_names[] = {
	"genes", "clinical", "biospecimen", "mutations", "variants", "copynumber",
	"expression", "auxiliary", "ignored"
};

const char *
ingest_kind_name(ingest_kind k)
{
	return kind_names[k];
}

const char *
ingest_kind_command(ingest_kind k)
{
	return k < INGEST_AUXILIARY ? kind_names[k] : NULL;
}

int
ingest_kind_rank(ingest_kind k)
{
	switch (k)
	{
		case INGEST_GENES:
			return 0;
		case INGEST_CLINICAL:
			return 1;
		case INGEST_BIOSPECIMEN:
			return 2;
		case INGEST_MUTATIONS:
		case INGEST_VARIANTS:
		case INGEST_COPYNUMBER:
			return 3;
		case INGEST_EXPRESSION:
			return 4;
		case INGEST_AUXILIARY:
			return 5;
		case INGEST_IGNORED:
			break;
	}
	return 6;
}

/* ------------------------------------------------------------ classify */

/* What a cBioPortal meta file's genetic_alteration_type makes of its data file. */
static ingest_kind
kind_from_meta(const cbio_meta *m, char **format, char **note)
{
	const char *type = cbio_meta_get(m, "genetic_alteration_type");
	const char *dt = cbio_meta_get(m, "datatype");

	if (!type || !*type)
	{
		const char *res = cbio_meta_get(m, "resource_type");

		/* a meta file naming it with no data type: resources, or unknown */
		*format = xasprintf("cbioportal %s", res ? "RESOURCE" : "meta file without genetic_alteration_type");
		*note = xstrdup(res ? "cBioPortal resource links: a kind oncoload does not load" :
						"its meta file gives no genetic_alteration_type; not loaded");
		return INGEST_IGNORED;
	}
	*format = xasprintf("cbioportal %s%s%s", type, dt ? " " : "", dt ? dt : "");
	if (str_ieq(type, "CLINICAL") && !(dt && str_ieq(dt, "TIMELINE")))
		return INGEST_CLINICAL;
	if (str_ieq(type, "MUTATION_EXTENDED"))
		return INGEST_MUTATIONS;
	if (str_ieq(type, "COPY_NUMBER_ALTERATION"))
		return INGEST_COPYNUMBER;
	if (str_ieq(type, "MRNA_EXPRESSION"))
		return INGEST_EXPRESSION;
	if (str_iprefix(type, "GISTIC_GENES"))
		*note = xstrdup("a GISTIC peak summary describes the cohort, not a sample; not loaded");
	else
		*note = xasprintf("cBioPortal %s data: a kind oncoload does not load", type);
	return INGEST_IGNORED;
}

/* VCF or BCF, as htslib's own format detection sees it. */
static bool
is_vcf(const char *path, char **format)
{
	htsFile    *fp;
	bool		yes = false;

	hts_set_log_level(HTS_LOG_OFF);
	fp = hts_open(path, "r");
	if (!fp)
		return false;
	if (hts_get_format(fp)->format == vcf || hts_get_format(fp)->format == bcf)
	{
		yes = true;
		*format = xstrdup(hts_get_format(fp)->format == bcf ? "bcf" : "vcf");
	}
	hts_close(fp);
	return yes;
}

/* A copy-number name: what cn_format's own file-name rule looks for. */
static bool
cn_name(const char *path)
{
	char		base[PATH_MAX];

	files_base(path, base, sizeof(base));
	for (char *p = base; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char) (*p - 'A' + 'a');
	return strstr(base, "cna") || strstr(base, "cnv") || strstr(base, "copy_number") ||
		strstr(base, "gistic") || strstr(base, "log2") || strstr(base, "thresholded") ||
		strstr(base, "seg");
}

ingest_kind
ingest_classify(const char *path, char **format, char **note)
{
	cbio_meta  *meta;
	char	   *err = NULL;
	bool		is_io = false;
	int			eno = 0;
	ingest_kind k = INGEST_IGNORED;

	*format = NULL;
	*note = NULL;

	/* a cBioPortal meta file says what its data file is, whatever it holds */
	if ((meta = cbio_meta_find_for(path)) != NULL)
	{
		k = kind_from_meta(meta, format, note);
		cbio_meta_free(meta);
		if (*format)
			return k;
	}
	if (is_vcf(path, format))
		return INGEST_VARIANTS;
	{
		refgene_reader *r = refgene_open(path, &err);

		free(err);
		err = NULL;
		if (r)
		{
			*format = xstrdup(refgene_format_name(refgene_reader_format(r)));
			refgene_close(r);
			return INGEST_GENES;
		}
	}
	{
		maf_reader *r = maf_open(path, NULL, &err, &is_io);

		free(err);
		err = NULL;
		if (r)
		{
			*format = xstrdup("maf");
			maf_close(r);
			return INGEST_MUTATIONS;
		}
	}
	{
		cn_opts		co = {CN_FMT_UNKNOWN, CN_M_NONE};
		cn_reader  *r = cn_open(path, &co, &err, &eno);

		free(err);
		err = NULL;
		if (r)
		{
			const cn_info *ci = cn_reader_info(r);

			/* a gene x sample matrix by content alone may be expression */
			if (ci->format != CN_FMT_CBIO_MATRIX || strcmp(ci->detected_by, "content") != 0 ||
				cn_name(path))
			{
				*format = xstrdup(cn_format_name(ci->format));
				if (ci->format == CN_FMT_GISTIC_GENES)
				{
					*note = xstrdup("a GISTIC peak summary describes the cohort, not a sample; not loaded");
					k = INGEST_IGNORED;
				}
				else
					k = INGEST_COPYNUMBER;
				cn_close(r);
				return k;
			}
			cn_close(r);
		}
	}
	{
		clin_open_opts oo = {CLIN_FMT_UNKNOWN, NULL};
		clin_reader *r = clin_open(path, &oo, &err, &eno);

		free(err);
		err = NULL;
		if (r)
		{
			const clin_info *ci = clin_reader_info(r);

			*format = xstrdup(ci->format_name);
			k = ci->data_type && strcmp(ci->data_type, "biospecimen") == 0 ?
				INGEST_BIOSPECIMEN : INGEST_CLINICAL;
			clin_close(r);
			return k;
		}
	}
	{
		expr_opts	eo = {EXPR_FMT_UNKNOWN, NULL};
		expr_reader *r = expr_open(path, &eo, &err, &eno);

		free(err);
		err = NULL;
		if (r)
		{
			const expr_info *ei = expr_reader_info(r);

			/* "any other table" is too wide a net for unattended loads */
			if (ei->format != EXPR_FMT_GENERIC)
			{
				*format = xstrdup(expr_format_name(ei->format));
				expr_close(r);
				return INGEST_EXPRESSION;
			}
			expr_close(r);
		}
	}
	*note = xstrdup("not a kind of file oncoload loads (or a table none of its "
					"detectors recognises); load it with its command if it is");
	return INGEST_IGNORED;
}

/* --------------------------------------------------------------- plan */

static ingest_file *
add_file(ingest_plan *p, const char *path, const char *rel)
{
	ingest_file *f;

	if (p->n == p->cap)
	{
		p->cap = p->cap ? 2 * p->cap : 32;
		p->files = xrealloc(p->files, p->cap * sizeof(*p->files));
	}
	f = &p->files[p->n++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->rel = xstrdup(rel);
	f->kind = INGEST_IGNORED;
	return f;
}

/* Files read for what they say about others, recognised by name. */
static const char *
auxiliary_name(const char *rel)
{
	char		base[PATH_MAX];

	files_base(rel, base, sizeof(base));
	if (str_iprefix(base, "gdc_manifest") || strcmp(base, "MANIFEST.txt") == 0)
		return "gdc-manifest";
	if (str_iprefix(base, "gdc_sample_sheet"))
		return "gdc-sample-sheet";
	if (str_iprefix(base, "meta_") && str_isuffix(base, ".txt"))
		return "cbioportal-meta";
	if (strncmp(rel, "case_lists/", 11) == 0 || strstr(rel, "/case_lists/") ||
		str_iprefix(base, "cases_"))
		return "cbioportal-case-list";
	if (str_isuffix(base, ".md5"))
		return "checksum";
	if (str_isuffix(base, ".tbi") || str_isuffix(base, ".csi") || str_isuffix(base, ".gzi") ||
		str_isuffix(base, ".fai"))
		return "index";
	return NULL;
}

/* Names that are never data: logs, partial downloads, GDC annotations. */
static const char *
ignored_name(const char *rel)
{
	char		base[PATH_MAX];

	files_base(rel, base, sizeof(base));
	if (str_isuffix(base, ".part") || str_isuffix(base, ".partial") ||
		str_isuffix(base, ".tmp") || str_isuffix(base, ".crdownload"))
		return "looks like a file still being written; not loaded";
	if (str_isuffix(base, ".log") || strncmp(rel, "logs/", 5) == 0)
		return "a log file; not loaded";
	if (strcmp(base, "annotations.txt") == 0)
		return "GDC annotations; not loaded";
	if (str_iprefix(base, "README") || str_iprefix(base, "LICENSE"))
		return "documentation; not loaded";
	return NULL;
}

/* Column index of name in a tab-separated header, or -1. */
static int
column(char **f, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (str_ieq(str_trim(f[i]), name))
			return i;
	return -1;
}

/*
 * Read a GDC manifest (id, filename, md5, size, state): each file's MD5 onto
 * the plan's file at root/id/filename (or root/filename); when only_listed,
 * the manifest's files are the plan, and a listed file not on disk is added
 * as missing.  0, or -1 after printing.
 */
static int
read_manifest(ingest_plan *p, const char *path, bool only_listed)
{
	lineio	   *lr = lineio_open(path);
	char	   *line;
	int			c_id = -1,
				c_name = -1,
				c_md5 = -1;
	bool		header = true;

	if (!lr)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "cannot open the manifest: %s", strerror(errno));
		return -1;
	}
	while ((line = lineio_next(lr, NULL)) != NULL)
	{
		char	   *f[16];
		int			n;
		char	   *rel;
		ingest_file *hit = NULL;

		if (!*str_trim(line))
			continue;
		n = tsv_split(line, '\t', f, 16);
		if (n > 16)
			n = 16;
		if (header)
		{
			c_id = column(f, n, "id");
			c_name = column(f, n, "filename");
			c_md5 = column(f, n, "md5");
			header = false;
			if (c_name < 0 || c_md5 < 0)
			{
				onc_msg(ONC_ERROR, path, lineio_lineno(lr), 0,
						"not a GDC manifest: no filename and md5 columns");
				lineio_close(lr);
				return -1;
			}
			continue;
		}
		if (n <= c_name || n <= c_md5 || (c_id >= 0 && n <= c_id))
		{
			onc_msg(ONC_WARNING, path, lineio_lineno(lr), 0, "short manifest line; passed over");
			continue;
		}
		rel = c_id >= 0 ? xasprintf("%s/%s", str_trim(f[c_id]), str_trim(f[c_name]))
			: xstrdup(str_trim(f[c_name]));
		for (size_t i = 0; i < p->n && !hit; i++)
			if (strcmp(p->files[i].rel, rel) == 0 ||
				strcmp(p->files[i].rel, str_trim(f[c_name])) == 0)
				hit = &p->files[i];
		if (!hit && only_listed)
		{
			char	   *full = xasprintf("%s/%s", p->root, rel);
			struct stat st;

			if (stat(full, &st) != 0)
			{
				free(full);
				full = xasprintf("%s/%s", p->root, str_trim(f[c_name]));
				if (stat(full, &st) == 0)
				{
					free(rel);
					rel = xstrdup(str_trim(f[c_name]));
				}
			}
			hit = add_file(p, full, rel);
			hit->missing = stat(full, &st) != 0;
			free(full);
		}
		else if (!hit)
		{
			char	   *full = xasprintf("%s/%s", p->root, rel);

			/* listed, but the download did not bring it */
			hit = add_file(p, full, rel);
			hit->missing = true;
			free(full);
		}
		free(hit->md5);
		hit->md5 = xstrdup(str_trim(f[c_md5]));
		for (char *q = hit->md5; *q; q++)
			if (*q >= 'A' && *q <= 'F')
				*q = (char) (*q - 'A' + 'a');
		free(rel);
	}
	if (lineio_error(lr))
	{
		onc_msg(ONC_ERROR, path, 0, 0, "cannot read the manifest: %s", lineio_error(lr));
		lineio_close(lr);
		return -1;
	}
	lineio_close(lr);
	return 0;
}

/* The sheet's Project ID when every row names the same one. */
static char *
sheet_project(const char *path)
{
	char	   *err = NULL;
	samplesheet *ss = samplesheet_read(path, &err);
	char	   *project = NULL;

	if (!ss)
	{
		onc_msg(ONC_WARNING, path, 0, 0, "cannot read the sample sheet: %s", err ? err : "?");
		free(err);
		return NULL;
	}
	for (size_t i = 0; i < samplesheet_count(ss); i++)
	{
		const char *pid = samplesheet_entry(ss, i)->project_id;

		if (!pid || !*pid)
			continue;
		if (!project)
			project = xstrdup(pid);
		else if (strcmp(project, pid) != 0)
		{
			free(project);
			project = NULL;
			break;
		}
	}
	samplesheet_free(ss);
	return project;
}

static bool
excluded(const char *path, const char *const *exclude)
{
	char	   *real;
	bool		yes = false;

	if (!exclude || !exclude[0])
		return false;
	real = realpath(path, NULL);
	if (!real)
		return false;
	for (int i = 0; exclude[i] && !yes; i++)
	{
		size_t		n = strlen(exclude[i]);

		yes = strncmp(real, exclude[i], n) == 0 && (real[n] == '/' || real[n] == '\0');
	}
	free(real);
	return yes;
}

/* Load order, then the walk's (sorted path) order. */
static int
cmp_file(const void *a, const void *b)
{
	const ingest_file *x = a,
			   *y = b;
	int			rx = x->missing ? -1 : ingest_kind_rank(x->kind),
				ry = y->missing ? -1 : ingest_kind_rank(y->kind);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	/* GENCODE first: gene_info then adds Entrez IDs and synonyms to its genes */
	if (x->kind == INGEST_GENES && y->kind == INGEST_GENES)
	{
		bool		gx = x->format && strcmp(x->format, "gencode-gtf") == 0,
					gy = y->format && strcmp(y->format, "gencode-gtf") == 0;

		if (gx != gy)
			return gx ? -1 : 1;
	}
	return strcmp(x->rel, y->rel);
}

int
ingest_plan_build(ingest_plan *p, const char *arg, const char *sheet,
				  const char *const *exclude)
{
	struct stat st;
	const char *manifest_arg = NULL;

	memset(p, 0, sizeof(*p));
	if (stat(arg, &st) != 0)
	{
		onc_msg(ONC_ERROR, arg, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
	{
		file_list	fl = {0};
		size_t		n = strlen(arg);

		p->root = xstrdup(arg);
		while (n > 1 && p->root[n - 1] == '/')
			p->root[--n] = '\0';
		if (files_add(&fl, p->root) < 0)
		{
			files_free(&fl);
			return -1;
		}
		for (size_t i = 0; i < fl.n; i++)
		{
			const char *rel = fl.paths[i] + strlen(p->root) + 1;

			if (!excluded(fl.paths[i], exclude))
				add_file(p, fl.paths[i], rel);
		}
		files_free(&fl);
	}
	else
	{
		char		parent[PATH_MAX];
		const char *slash = strrchr(arg, '/');

		snprintf(parent, sizeof(parent), "%.*s", slash ? (int) (slash - arg) : 1,
				 slash ? arg : ".");
		if (slash == arg)
			snprintf(parent, sizeof(parent), "/");
		p->root = xstrdup(parent);
		manifest_arg = arg;
		add_file(p, arg, slash ? slash + 1 : arg);
	}

	/* the sample sheet and manifest, by name */
	for (size_t i = 0; i < p->n; i++)
	{
		const char *aux = auxiliary_name(p->files[i].rel);

		if (aux && strcmp(aux, "gdc-sample-sheet") == 0 && !p->sample_sheet && !sheet)
			p->sample_sheet = xstrdup(p->files[i].path);
		if (aux && strcmp(aux, "gdc-manifest") == 0 && !p->manifest)
			p->manifest = xstrdup(p->files[i].path);
	}
	if (manifest_arg)
	{
		/* beside a manifest: its sample sheet, if the download has one */
		file_list	fl = {0};

		free(p->manifest);
		p->manifest = xstrdup(manifest_arg);
		if (!sheet && files_add(&fl, p->root) == 0)
			for (size_t i = 0; i < fl.n && !p->sample_sheet; i++)
			{
				const char *rel = fl.paths[i] + strlen(p->root) + (strcmp(p->root, "/") != 0);

				if (!strchr(rel, '/') && str_iprefix(rel, "gdc_sample_sheet"))
				{
					p->sample_sheet = xstrdup(fl.paths[i]);
					add_file(p, fl.paths[i], rel);
				}
			}
		files_free(&fl);
	}
	if (sheet)
		p->sample_sheet = xstrdup(sheet);
	if (p->manifest && read_manifest(p, p->manifest, manifest_arg != NULL) < 0)
		return -1;
	if (p->sample_sheet)
		p->sheet_project = sheet_project(p->sample_sheet);

	for (size_t i = 0; i < p->n; i++)
	{
		ingest_file *f = &p->files[i];
		const char *aux = auxiliary_name(f->rel);
		const char *ign;

		if (f->missing)
		{
			f->kind = INGEST_IGNORED;
			f->note = xstrdup("listed in the manifest, not found on disk");
		}
		else if (aux)
		{
			f->kind = INGEST_AUXILIARY;
			f->format = xstrdup(aux);
			f->note = xstrdup("read or kept with the data files; not loaded");
		}
		else if ((ign = ignored_name(f->rel)) != NULL)
		{
			f->kind = INGEST_IGNORED;
			f->note = xstrdup(ign);
		}
		else
			f->kind = ingest_classify(f->path, &f->format, &f->note);
	}
	if (p->n > 1)
		qsort(p->files, p->n, sizeof(*p->files), cmp_file);
	return 0;
}

void
ingest_plan_free(ingest_plan *p)
{
	for (size_t i = 0; i < p->n; i++)
	{
		free(p->files[i].path);
		free(p->files[i].rel);
		free(p->files[i].format);
		free(p->files[i].note);
		free(p->files[i].md5);
	}
	free(p->files);
	free(p->root);
	free(p->sample_sheet);
	free(p->manifest);
	free(p->sheet_project);
	memset(p, 0, sizeof(*p));
}
