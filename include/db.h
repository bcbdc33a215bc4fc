/*
 * db.h: talking to PostgreSQL: connecting the way PostgreSQL's client
 * programs do, parameterised statements, errors by SQLSTATE, and binary COPY.
 */
#ifndef DB_H
#define DB_H

#include <stdbool.h>
#include <stdint.h>
#include <libpq-fe.h>

#include "onc.h"

/*
 * Connect with expand_dbname, so conninfo may be a connection string, a URI,
 * a service or a database name; NULL uses the PG* variables.  Sets
 * fallback_application_name "oncoload-CMD" and an empty search_path.
 * Returns NULL after printing the error.  Close with PQfinish().
 */
PGconn	   *db_connect(const char *conninfo, const char *cmd);

/* Text of the last error db_* reported (for the audit record). */
const char *db_last_error(void);
/* SQLSTATE of the last error db_* reported, "" if none. */
const char *db_last_sqlstate(void);

/* Run a statement without parameters; 0 on success, -1 after printing. */
int			db_exec(PGconn *conn, const char *sql);

/*
 * Run a parameterised statement (text parameters, NULL for SQL NULL).
 * Returns the result (PQclear it) or NULL after printing the error.
 */
PGresult   *db_query(PGconn *conn, const char *sql, int nparams,
					 const char *const *params);

/* Like db_query but for a statement expected to return one value: a new
 * string (free()) or NULL (error printed, or SQL NULL: *isnull says). */
char	   *db_value(PGconn *conn, const char *sql, int nparams,
					 const char *const *params, bool *isnull);

/* One statement of a pipeline: its text and parameters (text format). */
typedef struct db_stmt
{
	const char *sql;
	int			nparams;
	const char *const *params;
} db_stmt;

/*
 * Run n statements in one round trip (a libpq pipeline), in order, each
 * with its own snapshot as if sent one by one.  res, when not NULL, gets
 * each statement's result (free with PQclear).  0, or -1 after reporting
 * the first error; the statements after a failed one do not run, and res
 * is then all NULL.
 */
int			db_pipeline(PGconn *conn, int n, const db_stmt *stmts, PGresult **res);

/* Report res's error (or the connection's) as an oncoload error message. */
void		db_report(PGconn *conn, const PGresult *res);

/* Binary COPY: a buffer flushed to the server as it fills. */
typedef struct db_copy
{
	PGconn	   *conn;
	onc_buf		buf;
	bool		active;
	bool		failed;
	uint64_t	rows;
} db_copy;

/* Start "COPY ... FROM STDIN (FORMAT binary)"; 0 or -1 (printed). */
int			db_copy_begin(db_copy *c, PGconn *conn, const char *copy_sql);
/* Row with nfields fields follows. */
void		db_copy_row(db_copy *c, int16_t nfields);
void		db_copy_int4(db_copy *c, int32_t v);
void		db_copy_int8(db_copy *c, int64_t v);
void		db_copy_float8(db_copy *c, double v);
void		db_copy_null(db_copy *c);
void		db_copy_text(db_copy *c, const char *s);	/* NULL -> SQL NULL */
/* Raw bytes of one field (length-prefixed by the caller's own encoding). */
void		db_copy_bytes(db_copy *c, const void *p, size_t n);
/* Send what is buffered if it is large; 0 or -1 (printed). */
int			db_copy_flush_if_full(db_copy *c);
/* The same, at a size of the caller's (small: the server starts sooner). */
int			db_copy_flush_if_over(db_copy *c, size_t bytes);
/* Finish (abort_msg NULL) or abort the COPY; 0 or -1 (printed). */
int			db_copy_end(db_copy *c, const char *abort_msg);
void		db_copy_free(db_copy *c);

/*
 * Send rows encoded into rows->buf (db_copy_row etc. on a db_copy that was
 * never begun: no header, no connection) through a fresh COPY copy_sql;
 * nothing is sent when there are no rows.  0 or -1 (printed).
 */
int			db_copy_rows(PGconn *conn, const char *copy_sql, const db_copy *rows);

/* Append s (NULL -> NULL) as an element of a PostgreSQL array literal
 * ("{a,b}"): the caller writes the braces and commas. */
void		db_array_elem(onc_buf *b, const char *s);

/* Big-endian helpers for building binary field values by hand. */
void		db_put_be32(onc_buf *b, uint32_t v);
void		db_put_be64(onc_buf *b, uint64_t v);

/* The same into memory the caller reserved; the byte after the value. */
static inline unsigned char *
db_store_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char) (v >> 24);
	p[1] = (unsigned char) (v >> 16);
	p[2] = (unsigned char) (v >> 8);
	p[3] = (unsigned char) v;
	return p + 4;
}

static inline unsigned char *
db_store_be64(unsigned char *p, uint64_t v)
{
	return db_store_be32(db_store_be32(p, (uint32_t) (v >> 32)), (uint32_t) v);
}

#endif							/* DB_H */
