/*
 * validate.c: the core of "oncoload validate": walk the files and folders
 * given, tell each file's kind (cBioPortal meta file, GDC sample sheet, or
 * content), run its check, collect the findings (identical ones collapsed)
 * and hand them to the writers in validate_report.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cbio_meta.h"
#include "clin.h"
#include "cn_format.h"
#include "db.h"
#include "expr_format.h"
#include "files.h"
#include "lineio.h"
#include "samplesheet.h"
#include "textutil.h"
#include "validate_internal.h"

/* Distinct findings kept per file; later ones only count their lines. */
#define MAX_FINDINGS 2000
/* Lines read to tell a file's kind from its content. */
#define SNIFF_LINES 8

static const char *const level_names[] = {"info", "warning", "error"};

/* ------------------------------------------------------------ findings */

void
val_report(val_file *f, onc_level level, long line, int col, const char *code,
		   const char *fmt,...)
{
	va_list		ap;
	char	   *text;
	char	   *key;
	int64_t		at;
	val_finding *v;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	text = xmalloc((size_t) n + 1);
	va_start(ap, fmt);
	vsnprintf(text, (size_t) n + 1, fmt, ap);
	va_end(ap);

	key = xasprintf("%d\x1f%s\x1f%s", (int) level, code, text);
	if (strmap_get(f->idx, key, &at))
	{
		v = &f->f[at];
		free(text);
	}
	else
	{
		if (f->nf == f->capf)
		{
			f->capf = f->capf ? f->capf * 2 : 16;
			f->f = xrealloc(f->f, f->capf * sizeof(val_finding));
		}
		v = &f->f[f->nf];
		memset(v, 0, sizeof(*v));
		v->level = level;
		v->code = xstrdup(code);
		v->text = text;
		v->col = col;
		if (f->nf < MAX_FINDINGS || level == ONC_INFO)
			strmap_put(f->idx, key, (int64_t) f->nf);
		else
		{
			/* too many distinct findings: fold the rest into one per level */
			free(v->text);
			free(v->code);
			v->code = xstrdup("validate.too_many_findings");
			v->text = xasprintf("more than %d different %s messages; the rest are counted here",
								MAX_FINDINGS, level_names[level]);
			free(key);
			key = xasprintf("%d\x1fvalidate.too_many_findings", (int) level);
			if (strmap_get(f->idx, key, &at))
			{
				free(v->text);
				free(v->code);
				v = &f->f[at];
				goto add_line;
			}
			strmap_put(f->idx, key, (int64_t) f->nf);
		}
		f->nf++;
	}
add_line:
	free(key);
	if (v->nlines == v->caplines)
	{
		v->caplines = v->caplines ? v->caplines * 2 : 4;
		v->lines = xrealloc(v->lines, v->caplines * sizeof(long));
	}
	v->lines[v->nlines++] = line;
}

const char *
val_first_value(val_file *f, const char *key, const char *value)
{
	int64_t		at;

	if (!f->firsts)
		f->firsts = strmap_new(64);
	if (strmap_get(f->firsts, key, &at))
		return f->first_vals[at];
	if (f->nfirst == f->capfirst)
	{
		f->capfirst = f->capfirst ? f->capfirst * 2 : 16;
		f->first_vals = xrealloc(f->first_vals, f->capfirst * sizeof(char *));
	}
	f->first_vals[f->nfirst] = xstrndup(value, 80);
	strmap_put(f->firsts, key, (int64_t) f->nfirst);
	return f->first_vals[f->nfirst++];
}

void
val_lines_read(val_file *f, long lines)
{
	f->lines_read = lines;
}

void
val_set_kind(val_file *f, const char *kind)
{
	free(f->kind);
	f->kind = xstrdup(kind);
}

const char *
val_kind(val_file *f)
{
	return f->kind;
}

const char *
val_sheet_sample(val_file *f)
{
	return f->sheet_sample;
}

const char *
val_sheet_case(val_file *f)
{
	return f->sheet_case;
}

val_study *
val_file_study(val_file *f)
{
	return f->run->study;
}

PGconn *
val_conn(val_file *f)
{
	return f->run->conn;
}

const genemap *
val_genes(val_file *f)
{
	val_run    *r = f->run;

	if (!r->genes && !r->genes_noted)
	{
		r->genes_noted = true;
		val_report(f, ONC_INFO, 0, 0, "validate.no_gene_reference",
				   "no gene reference (--genes FILE or -d): gene names are not checked");
	}
	return r->genes;
}

/* All values of a one-column query as a set; an empty set when it fails. */
static strmap *
id_set(PGconn *conn, const char *sql)
{
	PGresult   *res = db_query(conn, sql, 0, NULL);
	strmap	   *m = strmap_new(res ? (size_t) PQntuples(res) + 16 : 16);

	for (int i = 0; res && i < PQntuples(res); i++)
		strmap_put(m, PQgetvalue(res, i, 0), 1);
	PQclear(res);
	return m;
}

bool
val_patient_known(val_file *f, const char *patient_id)
{
	val_run    *r = f->run;

	if (!r->conn)
		return false;
	if (!r->db_patients)
		r->db_patients = id_set(r->conn, "SELECT DISTINCT patient_id FROM warehouse.patient");
	return strmap_get(r->db_patients, patient_id, NULL);
}

bool
val_sample_known(val_file *f, const char *sample_id)
{
	val_run    *r = f->run;

	if (!r->conn)
		return false;
	if (!r->db_samples)
		r->db_samples = id_set(r->conn, "SELECT DISTINCT sample_id FROM warehouse.sample");
	return strmap_get(r->db_samples, sample_id, NULL);
}

void
val_clin_patient_defined(val_file *f, const char *patient_id)
{
	strmap_put(f->run->clin_patients, patient_id, 1);
}

void
val_clin_patient_needed(val_file *f, long line, const char *patient_id, const char *sample_id)
{
	val_run    *r = f->run;
	val_patient_ref *p;

	if (r->nrefs == r->caprefs)
	{
		r->caprefs = r->caprefs ? r->caprefs * 2 : 64;
		r->refs = xrealloc(r->refs, r->caprefs * sizeof(val_patient_ref));
	}
	p = &r->refs[r->nrefs++];
	p->f = f;
	p->line = line;
	p->patient = xstrdup(patient_id);
	p->sample = sample_id ? xstrdup(sample_id) : NULL;
}

/*
 * Records whose patient no clinical file of the run (nor the warehouse)
 * defines: one message per file, listing the lines, naming the first.  An
 * error with -d, where the warehouse confirms the patient is missing; else
 * a warning, since the warehouse may have the patient from an earlier load.
 */
static void
check_needed_patients(val_run *r)
{
	bool	   *missing = xcalloc(r->nrefs + 1, sizeof(bool));

	for (size_t i = 0; i < r->nrefs; i++)
		missing[i] = !strmap_get(r->clin_patients, r->refs[i].patient, NULL) &&
			!val_patient_known(r->refs[i].f, r->refs[i].patient);
	for (size_t i = 0; i < r->nrefs; i++)
	{
		val_patient_ref *first = &r->refs[i];
		size_t		n = 0;
		char	   *text;

		if (!missing[i])
			continue;
		for (size_t j = i; j < r->nrefs; j++)
			n += missing[j] && r->refs[j].f == first->f;
		text = xasprintf("%s names a patient whom no clinical file %s; a load rejects the row%s "
						 "(first: %s%s%spatient %s; %zu such rows)",
						 first->sample ? "a sample" : "a row",
						 r->conn ? "nor the warehouse has" : "of this run defines",
						 r->conn ? "" : " unless the warehouse has the patient",
						 first->sample ? "sample " : "", first->sample ? first->sample : "",
						 first->sample ? ", " : "", first->patient, n);
		for (size_t j = i; j < r->nrefs; j++)
			if (missing[j] && r->refs[j].f == first->f)
			{
				val_report(first->f, r->conn ? ONC_ERROR : ONC_WARNING, r->refs[j].line, 0,
						   "clinical.unknown_patient", "%s", text);
				if (j > i)
					missing[j] = false;
			}
		free(text);
	}
	free(missing);
}

/* With -d: say once per study whether the warehouse has it yet. */
static void
check_study_known(val_file *f)
{
	val_run    *r = f->run;
	const char *params[1] = {f->study};
	PGresult   *res;

	if (!r->conn || !f->study || strmap_get(r->studies_seen, f->study, NULL))
		return;
	strmap_put(r->studies_seen, f->study, 1);
	res = db_query(r->conn,
				   "SELECT (SELECT count(*) FROM warehouse.patient p WHERE p.study_key = s.study_key), "
				   "(SELECT count(*) FROM warehouse.sample x WHERE x.study_key = s.study_key) "
				   "FROM warehouse.study s WHERE s.study_id = $1", 1, params);
	if (!res)
		return;
	if (PQntuples(res) == 0)
		val_report(f, ONC_INFO, 0, 0, "study.not_loaded",
				   "study %s is not in the warehouse yet; a load creates it", f->study);
	else
		val_report(f, ONC_INFO, 0, 0, "study.loaded",
				   "study %s is in the warehouse (%s patients, %s samples); a load adds to it",
				   f->study, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1));
	PQclear(res);
}

static int
cmp_long(const void *a, const void *b)
{
	long		x = *(const long *) a,
				y = *(const long *) b;

	return (x > y) - (x < y);
}

void
val_file_counts(const val_file *f, val_counts *c)
{
	memset(c, 0, sizeof(*c));
	for (int lv = 0; lv < 3; lv++)
	{
		size_t		n = 0,
					k = 0;
		long	   *all;

		for (size_t i = 0; i < f->nf; i++)
			if ((int) f->f[i].level == lv)
			{
				c->messages[lv]++;
				n += f->f[i].nlines;
			}
		if (n == 0)
			continue;
		all = xmalloc(n * sizeof(long));
		for (size_t i = 0; i < f->nf; i++)
			if ((int) f->f[i].level == lv)
			{
				memcpy(all + k, f->f[i].lines, f->f[i].nlines * sizeof(long));
				k += f->f[i].nlines;
			}
		qsort(all, n, sizeof(long), cmp_long);
		for (size_t i = 0; i < n; i++)
			if (all[i] > 0 && (i == 0 || all[i] != all[i - 1]))
				c->lines[lv]++;
		free(all);
	}
}

int
val_run_exit(const val_run *r)
{
	bool		errors = false,
				warnings = false;

	for (size_t i = 0; i < r->n; i++)
	{
		const val_file *f = r->files[i];

		if (f->io_error)
			return ONC_EXIT_IO;
		for (size_t j = 0; j < f->nf; j++)
		{
			errors |= f->f[j].level == ONC_ERROR;
			warnings |= f->f[j].level == ONC_WARNING;
		}
	}
	return errors ? ONC_EXIT_INPUT : warnings ? ONC_EXIT_WARNINGS : ONC_EXIT_OK;
}

/* ------------------------------------------------------------ files */

static val_file *
file_new(val_run *r, const char *path, bool named)
{
	val_file   *f = xcalloc(1, sizeof(*f));

	f->run = r;
	f->path = xstrdup(path);
	f->kind = xstrdup("");
	f->named = named;
	f->idx = strmap_new(64);
	if (r->n == r->cap)
	{
		r->cap = r->cap ? r->cap * 2 : 32;
		r->files = xrealloc(r->files, r->cap * sizeof(val_file *));
	}
	r->files[r->n++] = f;
	return f;
}

static void
file_free(val_file *f)
{
	for (size_t i = 0; i < f->nf; i++)
	{
		free(f->f[i].code);
		free(f->f[i].text);
		free(f->f[i].lines);
	}
	free(f->f);
	strmap_free(f->idx);
	strmap_free(f->firsts);
	for (size_t i = 0; i < f->nfirst; i++)
		free(f->first_vals[i]);
	free(f->first_vals);
	free(f->path);
	free(f->kind);
	free(f->study);
	free(f->sheet_sample);
	free(f->sheet_case);
	free(f);
}

/* ------------------------------------------------------------ detection */

/* What a file is: the check to run, or why it is not checked. */
typedef struct detected
{
	val_check_fn fn;
	const char *kind;			/* shown in summaries */
	const char *not_loaded;		/* a kind oncoload does not load */
	char	   *own;			/* not_loaded text when built (free()) */
	char	   *study;			/* cancer_study_identifier of its meta file (free()) */
} detected;

/* Kinds from a cBioPortal meta file's genetic_alteration_type and datatype. */
static bool
from_meta(const char *type, const char *dt, detected *d)
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
by_name(const char *path, detected *d)
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
static bool
detect(val_run *r, const char *path, bool named, detected *d, int *err)
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

/* ------------------------------------------------------------ the run */

static bool
same_file(const char *a, const char *b)
{
	char		x[512],
				y[512];

	if (!a || !b)
		return false;
	files_base(a, x, sizeof(x));
	files_base(b, y, sizeof(y));
	return strcmp(x, y) == 0;
}

/* Check one file, reporting into a new val_file. */
static void
check_file(val_run *r, const samplesheet *ss, const char *path, bool named)
{
	val_file   *f;
	detected	d;
	int			err;

	/* the run's own inputs and outputs, found again in a folder */
	if (!named && (same_file(path, r->o.sheet) || same_file(path, r->o.mapping) ||
				   same_file(path, r->o.report) || same_file(path, r->o.genes_file)))
		return;
	f = file_new(r, path, named);
	if (!detect(r, path, named, &d, &err))
	{
		val_report(f, ONC_ERROR, 0, 0, "file.unreadable", "could not read: %s", strerror(err));
		f->io_error = true;
		return;
	}
	if (ss && d.fn)
	{
		char		base[512],
					parent[512];
		const ss_entry *e;

		files_base(path, base, sizeof(base));
		files_parent(path, parent, sizeof(parent));
		e = samplesheet_find(ss, parent, base);
		if (e)
		{
			f->sheet_sample = e->sample_id ? xstrdup(e->sample_id) : NULL;
			f->sheet_case = e->case_id ? xstrdup(e->case_id) : NULL;
			if (!d.study && e->project_id && *e->project_id)
				d.study = xstrdup(e->project_id);
		}
		else if (!named)
		{
			val_set_kind(f, d.kind);
			val_report(f, ONC_INFO, 0, 0, "file.not_in_sample_sheet",
					   "not in the sample sheet; a load with it would skip this file");
			free(d.own);
			free(d.study);
			return;
		}
	}
	f->study = d.study;
	if (!d.fn)
	{
		val_set_kind(f, "other");
		if (named && strcmp(d.not_loaded, "a format oncoload does not recognise") == 0)
			val_report(f, ONC_WARNING, 0, 0, "file.unrecognised",
					   "not a format oncoload recognises; not checked");
		else
			val_report(f, ONC_INFO, 0, 0, "file.not_loaded", "not loaded by oncoload: %s",
					   d.not_loaded);
		free(d.own);
		return;
	}
	val_set_kind(f, d.kind);
	check_study_known(f);
	if (d.fn(f, path) < 0 && f->nf == 0)
		val_report(f, ONC_ERROR, 0, 0, "file.unreadable", "could not be read");
	free(d.own);
}

/* The gene reference: --genes FILE, else the warehouse with -d; 0 or -1. */
static int
load_genes(val_run *r)
{
	if (r->o.genes_file)
	{
		char	   *err = NULL;

		r->genes = val_genes_from_file(r->o.genes_file, &err);
		if (!r->genes)
		{
			onc_msg(ONC_ERROR, r->o.genes_file, 0, 0, "%s", err ? err : "cannot read the gene reference");
			free(err);
			return -1;
		}
		return 0;
	}
	if (r->conn)
	{
		r->genes = genemap_new();
		if (genemap_load_ensembl(r->genes, r->conn) < 0 || genemap_load_names(r->genes, r->conn) < 0)
			return -1;
	}
	return 0;
}

/*
 * The GDC sample sheet at the top of a folder (gdc_sample_sheet*.tsv), for
 * a download validated without --sample-sheet: NULL when there is none or
 * more than one.  Problems reading it are reported against the sheet.
 */
static samplesheet *
folder_sheet(val_run *r, const char *dir)
{
	struct stat st;
	DIR		   *d;
	struct dirent *de;
	char	   *found = NULL;
	int			n = 0;
	samplesheet *ss = NULL;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || (d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL)
		if (str_iprefix(de->d_name, "gdc_sample_sheet") && str_isuffix(de->d_name, ".tsv") && n++ == 0)
			found = xasprintf("%s/%s", dir, de->d_name);
	closedir(d);
	if (n == 1)
	{
		char	   *err = NULL;

		ss = samplesheet_read(found, &err);
		if (!ss)
		{
			val_file   *f = file_new(r, found, false);

			val_set_kind(f, "sample sheet");
			val_report(f, ONC_ERROR, 0, 0, "file.bad_sample_sheet", "%s",
					   err ? err : "cannot read the sample sheet");
			free(err);
		}
	}
	free(found);
	return ss;
}

int
val_main(const val_opts *o, char **paths, int npaths)
{
	val_run		r;
	samplesheet *ss = NULL;
	file_list	fl;
	int			rc;

	memset(&r, 0, sizeof(r));
	memset(&fl, 0, sizeof(fl));
	r.o = *o;
	if (o->sheet)
	{
		char	   *err = NULL;

		ss = samplesheet_read(o->sheet, &err);
		if (!ss)
		{
			onc_msg(ONC_ERROR, o->sheet, 0, 0, "%s", err ? err : "cannot read the sample sheet");
			free(err);
			return ONC_EXIT_INPUT;
		}
	}
	if (o->dbname)
	{
		r.conn = db_connect(o->dbname, "validate");
		if (!r.conn)
		{
			samplesheet_free(ss);
			return ONC_EXIT_DB;
		}
	}
	if (load_genes(&r) < 0)
	{
		rc = r.conn ? ONC_EXIT_DB : ONC_EXIT_INPUT;
		goto done;
	}
	r.study = val_study_new();
	r.studies_seen = strmap_new(16);
	r.clin_patients = strmap_new(1024);
	for (int i = 0; i < npaths; i++)
	{
		size_t		before = fl.n;

		if (files_add(&fl, paths[i]) < 0)
		{
			rc = ONC_EXIT_IO;
			goto done;
		}
		samplesheet *own = ss ? NULL : folder_sheet(&r, paths[i]);

		for (size_t j = before; j < fl.n; j++)
			check_file(&r, ss ? ss : own, fl.paths[j], strcmp(fl.paths[j], paths[i]) == 0);
		samplesheet_free(own);
	}
	check_needed_patients(&r);
	val_study_check(r.study);
	if (o->report && val_write_html(&r, o->report) < 0)
	{
		rc = ONC_EXIT_IO;
		goto done;
	}
	if (o->json)
		val_write_json(&r, stdout);
	else
		val_write_text(&r);
	rc = val_run_exit(&r);
done:
	for (size_t i = 0; i < r.n; i++)
		file_free(r.files[i]);
	free(r.files);
	files_free(&fl);
	for (size_t i = 0; i < r.nrefs; i++)
	{
		free(r.refs[i].patient);
		free(r.refs[i].sample);
	}
	free(r.refs);
	strmap_free(r.studies_seen);
	strmap_free(r.clin_patients);
	strmap_free(r.db_patients);
	strmap_free(r.db_samples);
	if (r.study)
		val_study_free(r.study);
	genemap_free(r.genes);
	if (r.conn)
		PQfinish(r.conn);
	samplesheet_free(ss);
	return rc;
}
