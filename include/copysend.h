/*
 * copysend.h: a binary COPY encoded and sent from a second thread, so that
 * a loader reads its next batch of rows while this one is encoded and the
 * server inserts it.
 *
 * The loader hands a batch over with copysend_submit: a function that
 * encodes the rows into a begun COPY, and what it needs.  It is called in
 * the sender's thread, which streams the rows as they are encoded (the
 * server inserts the first while the last are being encoded).  The batch
 * belongs to the sender until the COPY is over: before the loader touches
 * it, or uses the connection for anything else, it calls copysend_wait.
 * Only one batch is in flight: submitting waits for the previous one.  The
 * thread starts with the first batch; when it cannot start, batches are
 * sent at once, in the caller's thread.
 */
#ifndef COPYSEND_H
#define COPYSEND_H

#include <libpq-fe.h>

#include "db.h"

typedef struct copysend copysend;

/*
 * Encode a batch's rows into c (begun: db_copy_row etc.), sending as the
 * buffer fills (db_copy_flush_if_full or _if_over); 0, or -1 to abort the
 * COPY (printed).
 */
typedef int (*copysend_fill) (void *arg, db_copy *c);

copysend   *copysend_new(PGconn *conn, const char *copy_sql);

/*
 * Send fill(arg)'s rows through a fresh COPY.  0, or -1 when an earlier
 * batch failed (printed); this batch's own outcome is copysend_wait's.
 */
int			copysend_submit(copysend *s, copysend_fill fill, void *arg);

/*
 * The same in the caller's thread, after the batch in flight: for the last
 * batch, which nothing would overlap (a one-batch file never starts the
 * thread).  0 or -1 (printed).
 */
int			copysend_now(copysend *s, copysend_fill fill, void *arg);

/* Wait until no batch is in flight; 0, or -1 when one failed. */
int			copysend_wait(copysend *s);

/* Wait, stop the thread, free. */
void		copysend_free(copysend *s);

#endif							/* COPYSEND_H */
