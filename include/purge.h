/*
 * purge.h: removing what loads wrote, shared by "oncoload rollback" and
 * "oncoload drop-study": the facts of a set of loads, their parts, the
 * dimension rows only they created, what one load superseded, and the
 * audit row that records the run.  Everything runs in the caller's
 * transaction; nothing here commits.
 */
#ifndef PURGE_H
#define PURGE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <libpq-fe.h>

#include "onc.h"

/* What a run removed and restored: (label, count) pairs in the order done. */
typedef struct purge_report
{
	char	  **what;
	int64_t    *n;
	int			len;
	int			cap;
} purge_report;

/* Add n to the count of what ("verb table"), a new entry when it has none. */
void		purge_report_add(purge_report *r, const char *what, int64_t n);
/* The count recorded under what, or 0. */
int64_t		purge_report_get(const purge_report *r, const char *what);
void		purge_report_free(purge_report *r);
/* Print one "  verb  table  count" line per entry that is not 0. */
void		purge_report_print(const purge_report *r, FILE *f);

/*
 * Append the report as JSON: {"removed": {"warehouse.expression": 9, ...},
 * "restored": {...}, ...}, one object per verb, in order of appearance.
 */
void		purge_report_json(const purge_report *r, onc_buf *b);

/*
 * Refuse to run when a warehouse table has a load-bearing column
 * (load_id, part_id, *_load_id, *_by_load, or a foreign key to audit.load
 * or audit.load_part) this module does not know how to handle: returns 0 when all are known, 1 after printing which are not,
 * -1 on a database error.
 */
int			purge_check_catalog(PGconn *conn);

/*
 * Take the loaders' advisory locks, in their order: study x data type for
 * each of data_types (sorted by the caller), the study's dimensions, then
 * the gene dimension when genes is true (variants are written under it).
 * 0 or -1.
 */
int			purge_lock(PGconn *conn, const char *study_id, char *const *data_types,
					   int ntypes, bool genes);

/*
 * The loads to remove: fills pg_temp.purge_load from select_sql (a query
 * returning load ids).  0 or -1.
 */
int			purge_set_loads(PGconn *conn, const char *select_sql, int nparams,
							const char *const *params);

/*
 * Undo exactly what load load_id superseded (audit.c and clin_load.c):
 * parts and clinical facts it replaced become current again, unless a
 * later load had in turn replaced the load's own matching part or fact;
 * those are handed to that later load and stay replaced.  Loads that get
 * a current part back return from superseded to succeeded.  0 or -1.
 */
int			purge_restore(PGconn *conn, const char *load_id, const char *study_id,
						  purge_report *r);

/* Delete every fact row of the loads in the set.  0 or -1. */
int			purge_facts(PGconn *conn, purge_report *r);

/*
 * Delete the parts of the loads in the set and the dimension rows
 * (aliquots, samples, patients, studies, variants) they created that
 * nothing references any more; survivors get the earliest load that still
 * uses them as created_load_id, variants another load's annotation, and
 * withdrawals only remaining facts can justify are lifted.  Genes and gene
 * chunks are shared by every study and stay.  0 or -1.
 */
int			purge_dimensions(PGconn *conn, purge_report *r);

/*
 * Delete what is left of the study (study_key): parts, facts and dimension
 * rows, then the study row.  Call after purge_facts and purge_dimensions
 * on all of the study's loads.  0 or -1.
 */
int			purge_study(PGconn *conn, const char *study_key, purge_report *r);

/*
 * Mark the succeeded and superseded loads of the set rolled_back by the
 * run by_load, with message.  0 or -1.
 */
int			purge_mark_loads(PGconn *conn, const char *by_load, const char *message,
							 purge_report *r);

/*
 * The run's own audit.load row (command, study, target load or NULL),
 * status succeeded, inside the transaction.  Returns its id (free()) or
 * NULL after printing the error.
 */
char	   *purge_audit_begin(PGconn *conn, const char *command, const char *study_id,
							  const char *target, int argc, char **argv);

/* Store the report (and a note) in the row's metadata and counters.  0 or -1. */
int			purge_audit_finish(PGconn *conn, const char *run_id, const purge_report *r,
							   const char *message);

/*
 * After the transaction was rolled back: record a failed run in a
 * transaction of its own (best effort).
 */
void		purge_audit_failed(PGconn *conn, const char *command, const char *study_id,
							   const char *target, int argc, char **argv, const char *message);

#endif							/* PURGE_H */
