/*
 * validate.c: the core of "oncoload validate": walk the files and folders
 * given, have each file's kind told (validate_detect.c), run its check with
 * what a GDC sample sheet says of it, collect the findings (identical ones
 * collapsed), run the cross-file checks, and hand everything to the writers
 * in validate_report.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "db.h"
#include "files.h"
#include "samplesheet.h"
#include "textutil.h"
#include "validate_internal.h"

/* Distinct findings kept per file; later ones only count their lines. */
#define MAX_FINDINGS 2000

static const char *const level_names[] = {"info", "warning", "error"};

/* ------------------------------------------------------------ findings */

/* Note that line has a finding of this level (for the lines-with counts). */
static void
mark_line(val_file *f, onc_level level, long line)
{
	size_t		w;

	if (line <= 0)
		return;
	w = (size_t) line / 64;
	if (w >= f->nlinewords[level])
	{
		size_t		n = f->nlinewords[level] ? f->nlinewords[level] : 64;

		while (n <= w)
			n *= 2;
		f->linebits[level] = xrealloc(f->linebits[level], n * sizeof(uint64_t));
		memset(f->linebits[level] + f->nlinewords[level], 0,
			   (n - f->nlinewords[level]) * sizeof(uint64_t));
		f->nlinewords[level] = n;
	}
	f->linebits[level][w] |= 1ULL << (line % 64);
}

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
	mark_line(f, level, line);
	if (v->nlines >= VAL_LINES_KEPT)
	{
		v->more++;
		return;
	}
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

void
val_file_counts(const val_file *f, val_counts *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < f->nf; i++)
		c->messages[f->f[i].level]++;
	for (int lv = 0; lv < 3; lv++)
		for (size_t w = 0; w < f->nlinewords[lv]; w++)
			c->lines[lv] += __builtin_popcountll(f->linebits[lv][w]);
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
	for (int lv = 0; lv < 3; lv++)
		free(f->linebits[lv]);
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
	val_detected d;
	int			err;

	/* the run's own inputs and outputs, found again in a folder */
	if (!named && (same_file(path, r->o.sheet) || same_file(path, r->o.mapping) ||
				   same_file(path, r->o.report) || same_file(path, r->o.genes_file)))
		return;
	f = file_new(r, path, named);
	if (!val_detect(r, path, named, &d, &err))
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
			long		line;
			const char *text = err_split_place(err ? err : "cannot read the sample sheet", &line, NULL);

			val_report(f, ONC_ERROR, line, 0, "file.bad_sample_sheet", "%s", text);
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
	if (o->sheet && !(ss = cli_read_samplesheet(o->sheet)))
		return ONC_EXIT_INPUT;
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
		struct stat st;

		/* a path that is not there is a finding like any other (exit 4) */
		if (stat(paths[i], &st) != 0)
		{
			val_file   *f = file_new(&r, paths[i], true);

			val_report(f, ONC_ERROR, 0, 0, "file.unreadable", "could not read: %s", strerror(errno));
			f->io_error = true;
			continue;
		}
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
	rc = val_run_exit(&r);
	if (o->json)
	{
		if (val_write_json(&r, stdout) < 0)
		{
			onc_error("could not write the JSON document to standard output");
			rc = ONC_EXIT_IO;
		}
	}
	else
		val_write_text(&r);
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
