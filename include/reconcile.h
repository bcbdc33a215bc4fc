/*
 * reconcile.h: one reconciliation run: the facts of each load in scope
 * recounted against audit.load, its source file checked against its
 * SHA-256, the cross-domain checks against the warehouse, the supersessions
 * since the previous run; everything stored in audit.reconciliation and
 * audit.reconciliation_finding in one transaction.
 */
#ifndef RECONCILE_H
#define RECONCILE_H

#include <stdint.h>
#include <libpq-fe.h>

typedef struct reconcile_scope
{
	const char *study;			/* NULL: every study */
	const char *since;			/* a timestamp or "N days ago"; NULL: every load */
} reconcile_scope;

/*
 * Run and commit one reconciliation; *run_id gets its id.  Returns
 * ONC_EXIT_OK (whatever was found: the stored run says), ONC_EXIT_USAGE when
 * PostgreSQL cannot read --since, or ONC_EXIT_DB, having printed why.
 */
int			reconcile_run(PGconn *conn, const reconcile_scope *scope, int64_t *run_id);

#endif							/* RECONCILE_H */
