/*
 * validate_internal.h: what the validate core (validate.c) shares with its
 * output writers (validate_report.c): the collected findings of each file.
 */
#ifndef VALIDATE_INTERNAL_H
#define VALIDATE_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "strmap.h"
#include "validate.h"

/* Lines a collapsed message lists before "and N more". */
#define VAL_LINES_SHOWN 10

/* One finding, or several identical ones (same level, code and text). */
typedef struct val_finding
{
	onc_level	level;
	char	   *code;
	char	   *text;
	int			col;			/* column of the first occurrence, or 0 */
	long	   *lines;			/* in the order reported (the first VAL_LINES_KEPT);
								 * 0 = the whole file */
	size_t		nlines,
				caplines;
	size_t		more;			/* later occurrences, counted, their lines not kept */
} val_finding;

/* Lines kept per finding: memory stays bounded whatever the file's size. */
#define VAL_LINES_KEPT 1000

struct val_file
{
	val_run    *run;
	char	   *path;
	char	   *kind;			/* "clinical", "maf", ...; "" until known */
	bool		named;			/* named on the command line, not found in a folder */
	bool		io_error;		/* could not be read at all */
	char	   *study;			/* the study a meta file or the sample sheet names */
	long		lines_read;
	char	   *sheet_sample;	/* from the GDC sample sheet */
	char	   *sheet_case;
	val_finding *f;
	size_t		nf,
				capf;
	uint64_t   *linebits[3];	/* per level, a bit per line with a finding */
	size_t		nlinewords[3];
	strmap	   *idx;			/* "level\x1f code\x1f text" -> index into f */
	strmap	   *firsts;			/* val_first_value: key -> index into first_vals */
	char	  **first_vals;
	size_t		nfirst,
				capfirst;
};

/* A record that names a patient it may not create (a cBioPortal sample row). */
typedef struct val_patient_ref
{
	val_file   *f;
	long		line;
	char	   *patient;
	char	   *sample;
} val_patient_ref;

typedef struct val_opts
{
	const char *dbname;
	const char *genes_file;
	const char *sheet;
	const char *mapping;
	const char *report;
	const char *kind;			/* --kind: the kind of the files named */
	bool		json;
} val_opts;

struct val_run
{
	val_opts	o;
	val_file  **files;
	size_t		n,
				cap;
	val_study  *study;
	genemap    *genes;			/* NULL: gene checks are skipped */
	bool		genes_noted;	/* the "no gene reference" info was given */
	PGconn	   *conn;
	strmap	   *studies_seen;	/* studies checked against the warehouse */
	strmap	   *db_patients;	/* with -d: patient IDs the warehouse has */
	strmap	   *db_samples;		/* with -d: sample IDs the warehouse has */
	strmap	   *clin_patients;	/* patients a clinical file of the run defines */
	val_patient_ref *refs;		/* records needing a patient defined elsewhere */
	size_t		nrefs,
				caprefs;
};

/*
 * The clinical check's cross-file part: patients defined, and patients a
 * record needs but may not create; checked after every file was read
 * (clinical.unknown_patient).
 */
void		val_clin_patient_defined(val_file *f, const char *patient_id);
void		val_clin_patient_needed(val_file *f, long line, const char *patient_id,
									const char *sample_id);

/*
 * Validate the files and folders paths[0..n-1] and write the outputs o
 * asks for; returns the exit code.
 */
/* What a file is: the check to run, or why it is not checked. */
typedef struct val_detected
{
	val_check_fn fn;
	const char *kind;			/* shown in summaries */
	const char *not_loaded;		/* a kind oncoload does not load */
	char	   *own;			/* not_loaded text when built (free()) */
	char	   *study;			/* cancer_study_identifier of its meta file (free()) */
} val_detected;

/*
 * Tell what path is (validate_detect.c); named: given on the command line,
 * not found in a folder.  false when it cannot be read (*err = errno).
 */
bool		val_detect(val_run *r, const char *path, bool named, val_detected *d, int *err);

/* Whether name is a kind --kind accepts. */
bool		val_kind_known(const char *name);

int			val_main(const val_opts *o, char **paths, int npaths);

/*
 * The first value given for key in this file (key "code/column", say):
 * value itself the first time, the remembered one after.  Checks put it in
 * their message text ("... (first: \"abc\")") so that the messages of one
 * problem in one column stay identical and collapse into one.
 */
const char *val_first_value(val_file *f, const char *key, const char *value);

/* Counts of one file's findings: messages per level, distinct lines per level. */
typedef struct val_counts
{
	long		messages[3];
	long		lines[3];
} val_counts;

void		val_file_counts(const val_file *f, val_counts *c);

/* The run's exit code from its findings (0, 6, 1 or 4). */
int			val_run_exit(const val_run *r);

/*
 * validate_report.c: the three outputs.  Text: the messages on stderr (errors
 * first in each file), a summary line per file and a total on stdout.  JSON:
 * one document on out; 0, or -1 when writing failed.  HTML: one page written
 * to path; 0, or -1 (printed) when it cannot be written.
 */
void		val_write_text(const val_run *r);
int			val_write_json(const val_run *r, FILE *out);
int			val_write_html(const val_run *r, const char *path);

/*
 * validate_genes.c: a gene map from a GENCODE GTF or NCBI gene_info file
 * (free with genemap_free), or NULL with *err set (free()).
 */
genemap    *val_genes_from_file(const char *path, char **err);

#endif							/* VALIDATE_INTERNAL_H */
