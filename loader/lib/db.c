/*
 * db.c: connecting, running statements, reporting errors in the project's
 * message format, and binary COPY following psql's handleCopyIn loop.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

#define COPY_FLUSH_BYTES (512 * 1024)

static char last_error[1024];
static char last_sqlstate[6];

const char *
db_last_error(void)
{
	return last_error;
}

const char *
db_last_sqlstate(void)
{
	return last_sqlstate;
}

static void
remember(const char *msg, const char *sqlstate)
{
	size_t		n;

	snprintf(last_error, sizeof(last_error), "%s", msg ? msg : "unknown database error");
	n = strlen(last_error);
	while (n > 0 && (last_error[n - 1] == '\n' || last_error[n - 1] == ' '))
		last_error[--n] = '\0';
	snprintf(last_sqlstate, sizeof(last_sqlstate), "%s", sqlstate ? sqlstate : "");
}

void
db_report(PGconn *conn, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *hint = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;

	if (!msg)
		msg = PQerrorMessage(conn);
	remember(msg, state);
	onc_msg(ONC_ERROR, NULL, 0, 0, "database: %s%s%s%s", last_error,
			state ? " (SQLSTATE " : "", state ? state : "", state ? ")" : "");
	if (detail)
		onc_detail("%s", detail);
	if (hint)
		onc_hint("%s", hint);
}

PGconn *
db_connect(const char *conninfo, const char *cmd)
{
	const char *keys[4];
	const char *vals[4];
	char		appname[64];
	PGconn	   *conn;
	PGresult   *res;
	int			n = 0;

	snprintf(appname, sizeof(appname), "oncoload-%s", cmd);
	if (conninfo)
	{
		keys[n] = "dbname";
		vals[n++] = conninfo;
	}
	keys[n] = "fallback_application_name";
	vals[n++] = appname;
	keys[n] = NULL;
	vals[n] = NULL;
	conn = PQconnectdbParams(keys, vals, 1);
	if (!conn || PQstatus(conn) != CONNECTION_OK)
	{
		remember(conn ? PQerrorMessage(conn) : "out of memory", "08000");
		onc_error("could not connect to the database: %s", last_error);
		onc_hint("Give the database with -d/--dbname or the PGHOST, PGPORT, PGDATABASE and PGUSER variables.");
		PQfinish(conn);
		return NULL;
	}
	/* as PostgreSQL's client programs do: no schema is searched implicitly */
	res = PQexec(conn, "SELECT pg_catalog.set_config('search_path', '', false)");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		db_report(conn, res);
		PQclear(res);
		PQfinish(conn);
		return NULL;
	}
	PQclear(res);
	return conn;
}

int
db_exec(PGconn *conn, const char *sql)
{
	PGresult   *res = PQexec(conn, sql);
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
	{
		db_report(conn, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	return 0;
}

PGresult *
db_query(PGconn *conn, const char *sql, int nparams, const char *const *params)
{
	PGresult   *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
	{
		db_report(conn, res);
		PQclear(res);
		return NULL;
	}
	return res;
}

char *
db_value(PGconn *conn, const char *sql, int nparams, const char *const *params,
		 bool *isnull)
{
	PGresult   *res = db_query(conn, sql, nparams, params);
	char	   *v = NULL;

	if (isnull)
		*isnull = false;
	if (!res)
		return NULL;
	if (PQntuples(res) < 1 || PQgetisnull(res, 0, 0))
	{
		if (isnull)
			*isnull = true;
	}
	else
		v = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

void
db_put_be32(onc_buf *b, uint32_t v)
{
	unsigned char p[4] = {v >> 24, v >> 16, v >> 8, v};

	buf_append(b, p, 4);
}

void
db_put_be64(onc_buf *b, uint64_t v)
{
	db_put_be32(b, (uint32_t) (v >> 32));
	db_put_be32(b, (uint32_t) v);
}

int
db_copy_begin(db_copy *c, PGconn *conn, const char *copy_sql)
{
	PGresult   *res;
	static const char header[] = "PGCOPY\n\377\r\n";

	c->conn = conn;
	c->active = false;
	c->failed = false;
	c->rows = 0;
	if (!c->buf.data)
		buf_init(&c->buf);
	buf_reset(&c->buf);
	res = PQexec(conn, copy_sql);
	if (PQresultStatus(res) != PGRES_COPY_IN)
	{
		db_report(conn, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	c->active = true;
	buf_append(&c->buf, header, 11);
	db_put_be32(&c->buf, 0);	/* flags */
	db_put_be32(&c->buf, 0);	/* header extension length */
	return 0;
}

void
db_copy_row(db_copy *c, int16_t nfields)
{
	unsigned char p[2] = {(uint16_t) nfields >> 8, (uint16_t) nfields & 0xff};

	buf_append(&c->buf, p, 2);
	c->rows++;
}

void
db_copy_int4(db_copy *c, int32_t v)
{
	db_put_be32(&c->buf, 4);
	db_put_be32(&c->buf, (uint32_t) v);
}

void
db_copy_int8(db_copy *c, int64_t v)
{
	db_put_be32(&c->buf, 8);
	db_put_be64(&c->buf, (uint64_t) v);
}

void
db_copy_float8(db_copy *c, double v)
{
	uint64_t	u;

	memcpy(&u, &v, 8);
	db_put_be32(&c->buf, 8);
	db_put_be64(&c->buf, u);
}

void
db_copy_null(db_copy *c)
{
	db_put_be32(&c->buf, 0xffffffffu);
}

void
db_copy_text(db_copy *c, const char *s)
{
	size_t		n;

	if (!s)
	{
		db_copy_null(c);
		return;
	}
	n = strlen(s);
	db_put_be32(&c->buf, (uint32_t) n);
	buf_append(&c->buf, s, n);
}

void
db_copy_bytes(db_copy *c, const void *p, size_t n)
{
	buf_append(&c->buf, p, n);
}

static int
send_buffer(db_copy *c)
{
	if (c->buf.len == 0)
		return 0;
	if (PQputCopyData(c->conn, c->buf.data, (int) c->buf.len) != 1)
	{
		db_report(c->conn, NULL);
		c->failed = true;
		return -1;
	}
	buf_reset(&c->buf);
	return 0;
}

int
db_copy_flush_if_over(db_copy *c, size_t bytes)
{
	if (c->buf.len < bytes)
		return 0;
	return send_buffer(c);
}

int
db_copy_flush_if_full(db_copy *c)
{
	return db_copy_flush_if_over(c, COPY_FLUSH_BYTES);
}

int
db_copy_end(db_copy *c, const char *abort_msg)
{
	PGresult   *res;
	int			rc = 0;
	static const unsigned char trailer[2] = {0xff, 0xff};

	if (!c->active)
		return 0;
	c->active = false;
	if (!abort_msg && !c->failed)
	{
		buf_append(&c->buf, trailer, 2);
		if (send_buffer(c) < 0)
			abort_msg = "send failed";
	}
	buf_reset(&c->buf);
	if (PQputCopyEnd(c->conn, abort_msg) != 1)
	{
		db_report(c->conn, NULL);
		rc = -1;
	}
	/* drain, as psql does, until the COPY is really over */
	while ((res = PQgetResult(c->conn)) != NULL)
	{
		if (PQresultStatus(res) == PGRES_COPY_IN)
		{
			PQclear(res);
			if (PQputCopyEnd(c->conn, "copy ended") != 1)
				break;
			continue;
		}
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
		{
			if (!abort_msg)
				db_report(c->conn, res);
			rc = -1;
		}
		PQclear(res);
	}
	if (abort_msg)
		rc = -1;
	return rc;
}

void
db_copy_free(db_copy *c)
{
	buf_free(&c->buf);
}

void
db_array_elem(onc_buf *b, const char *s)
{
	if (!s)
	{
		buf_puts(b, "NULL");
		return;
	}
	buf_puts(b, "\"");
	for (; *s; s++)
	{
		if (*s == '"' || *s == '\\')
			buf_append(b, "\\", 1);
		buf_append(b, s, 1);
	}
	buf_puts(b, "\"");
}

int
db_copy_rows(PGconn *conn, const char *sql, const db_copy *rows)
{
	db_copy		c;
	int			rc = 0;

	if (rows->rows == 0)
		return 0;
	memset(&c, 0, sizeof(c));
	if (db_copy_begin(&c, conn, sql) < 0)
	{
		db_copy_free(&c);
		return -1;
	}
	/* the header db_copy_begin wrote, then the rows from their own buffer */
	if (PQputCopyData(conn, c.buf.data, (int) c.buf.len) != 1)
		rc = -1;
	buf_reset(&c.buf);
	for (size_t off = 0; rc == 0 && off < rows->buf.len; off += 1u << 20)
	{
		size_t		n = rows->buf.len - off < (1u << 20) ? rows->buf.len - off : 1u << 20;

		if (PQputCopyData(conn, rows->buf.data + off, (int) n) != 1)
			rc = -1;
	}
	if (rc < 0)
	{
		db_report(conn, NULL);
		db_copy_end(&c, "send failed");
	}
	else
		rc = db_copy_end(&c, NULL);
	db_copy_free(&c);
	return rc;
}

int
db_pipeline(PGconn *conn, int n, const db_stmt *stmts, PGresult **res)
{
	int			rc = 0;
	int			sent = 0;
	PGresult   *r;

	for (int i = 0; res && i < n; i++)
		res[i] = NULL;
	if (!PQenterPipelineMode(conn))
	{
		onc_error("could not enter pipeline mode: %s", PQerrorMessage(conn));
		return -1;
	}
	for (; sent < n; sent++)
		if (!PQsendQueryParams(conn, stmts[sent].sql, stmts[sent].nparams, NULL,
							   stmts[sent].params, NULL, NULL, 0))
		{
			onc_error("could not send a query: %s", PQerrorMessage(conn));
			rc = -1;
			break;
		}
	if (!PQpipelineSync(conn))
	{
		onc_error("could not send a query: %s", PQerrorMessage(conn));
		rc = -1;
	}
	/* each statement's result and its NULL; after an error, the rest are aborted */
	for (int i = 0; i < sent; i++)
		while ((r = PQgetResult(conn)) != NULL)
		{
			ExecStatusType st = PQresultStatus(r);

			if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
			{
				if (res && !res[i])
				{
					res[i] = r;
					continue;
				}
			}
			else if (st != PGRES_PIPELINE_ABORTED && rc == 0)
			{
				db_report(conn, r);
				rc = -1;
			}
			else if (st == PGRES_PIPELINE_ABORTED)
				rc = -1;
			PQclear(r);
		}
	while ((r = PQgetResult(conn)) != NULL)
	{
		bool		synced = PQresultStatus(r) == PGRES_PIPELINE_SYNC;

		PQclear(r);
		if (synced)
			break;
	}
	if (!PQexitPipelineMode(conn) && rc == 0)
	{
		onc_error("could not leave pipeline mode: %s", PQerrorMessage(conn));
		rc = -1;
	}
	if (rc < 0 && res)
		for (int i = 0; i < n; i++)
		{
			PQclear(res[i]);
			res[i] = NULL;
		}
	return rc;
}
