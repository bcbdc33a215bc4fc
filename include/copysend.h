/*
 * copysend.h: a binary COPY sent from a second thread, so that a loader
 * reads and encodes its next batch of rows while the server inserts the
 * previous one.
 *
 * The loader encodes a batch into a db_copy that was never begun (see
 * db_copy_rows), hands it over with copysend_submit, and goes on; before it
 * uses the connection for anything else it calls copysend_wait.  Only one
 * batch is in flight: submitting waits for the previous one.  When no thread
 * can be started the batch is sent at once, in the caller's thread.
 */
#ifndef COPYSEND_H
#define COPYSEND_H

#include <libpq-fe.h>

#include "db.h"

typedef struct copysend copysend;

copysend   *copysend_new(PGconn *conn, const char *copy_sql);

/*
 * Send *rows' rows through a fresh COPY.  The rows are taken: *rows is left
 * empty (with the buffer of an earlier batch, for reuse).  0, or -1 when
 * this or an earlier batch failed (printed).
 */
int			copysend_submit(copysend *s, db_copy *rows);

/* Wait until no batch is in flight; 0, or -1 when one failed. */
int			copysend_wait(copysend *s);

/* Wait, stop the thread, free. */
void		copysend_free(copysend *s);

#endif							/* COPYSEND_H */
