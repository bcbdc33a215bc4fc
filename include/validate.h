/*
 * validate.h: "oncoload validate" -- the interface between the command
 * (loader/cmd_validate.c, loader/lib/validate.c: walking, detection, message
 * collection, summaries, text/JSON/HTML output) and the per-format checks
 * (loader/lib/validate_*.c), which read a file with the loaders' own
 * transforms/ readers and report what a load would reject or warn about.
 *
 * Nothing here touches the warehouse.  With -d the run also has a database
 * connection (val_conn) for checks against what is loaded.
 */
#ifndef VALIDATE_H
#define VALIDATE_H

#include <stdbool.h>
#include <libpq-fe.h>

#include "onc.h"
#include "dims.h"

typedef struct val_run val_run;		/* one validate invocation */
typedef struct val_file val_file;	/* one file being validated */

/*
 * A per-format check: validate one file already detected as its kind.
 * Reports through val_report; returns 0, or -1 when the file could not be
 * read at all (that too is reported first, as an error on line 0).
 */
typedef int (*val_check_fn) (val_file *f, const char *path);

/*
 * Report one finding.  line is the physical line (1-based, header and '#'
 * lines counted; 0 for the file as a whole), col the 1-based column or 0.
 * code is a stable identifier listed in the README (e.g. "maf.start_after_end",
 * "clinical.sample_twice").  Identical (level, code, text) findings in one
 * file are collapsed into one message listing their lines.
 */
void		val_report(val_file *f, onc_level level, long line, int col,
					   const char *code, const char *fmt,...)
			__attribute__((format(printf, 6, 7)));

/* Physical lines the check read (for the per-file summary). */
void		val_lines_read(val_file *f, long lines);

/* What the file is, as shown in summaries ("maf", "segments", ...). */
void		val_set_kind(val_file *f, const char *kind);

/*
 * Cross-file registry (loader/lib/validate_study.c), filled by the checks,
 * used by the study checks after every file was read.  IDs are copied; the
 * val_file pointers are kept, so the command keeps every val_file alive
 * until its output is written, and findings may be reported against a file
 * after it was read.
 */
typedef struct val_study val_study;

val_study  *val_study_new(void);
void		val_study_free(val_study *s);
/* Run the cross-file checks (samples without clinical definition, patients
 * without samples, a sample defined twice or under two patients, genome
 * builds that disagree), reporting against the files and lines concerned. */
void		val_study_check(val_study *s);
/* The registry of the run a file belongs to (loader/lib/validate.c). */
val_study  *val_file_study(val_file *f);

void		val_define_patient(val_file *f, long line, const char *patient_id);
void		val_define_sample(val_file *f, long line, const char *sample_id,
							  const char *patient_id);
void		val_use_sample(val_file *f, long line, const char *sample_id);
void		val_genome_build(val_file *f, const char *build);

/*
 * Gene reference: from --genes FILE (GENCODE GTF or NCBI gene_info), else
 * from the warehouse with -d, else NULL (gene checks are then skipped, with
 * one info message per run).
 */
const genemap *val_genes(val_file *f);

/* The warehouse connection with -d, else NULL. */
PGconn	   *val_conn(val_file *f);

/*
 * With -d: whether the warehouse already has this patient or sample (in
 * any study); always false without -d.  The IDs are read once per run.
 */
bool		val_patient_known(val_file *f, const char *patient_id);
bool		val_sample_known(val_file *f, const char *sample_id);

/*
 * What the core knows of a file before its check runs (additions to the
 * first interface): the kind it detected ("clinical", "expression",
 * "methylation", "rppa", ...), and the sample and case a GDC sample sheet
 * gives for it (NULL when there is no sheet or it does not list the file).
 */
const char *val_kind(val_file *f);
const char *val_sheet_sample(val_file *f);
const char *val_sheet_case(val_file *f);

/* The per-format checks. */
int			val_check_clinical(val_file *f, const char *path);	/* validate_clinical.c */
int			val_check_expression(val_file *f, const char *path);	/* validate_expression.c */
int			val_check_mutations(val_file *f, const char *path);	/* validate_mutations.c */
int			val_check_variants(val_file *f, const char *path);	/* validate_variants.c */
int			val_check_copynumber(val_file *f, const char *path);	/* validate_copynumber.c */

#endif							/* VALIDATE_H */
