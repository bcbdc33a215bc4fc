/*
 * audit.c: the load lifecycle shared by every loader (see audit.h): the
 * audit.load record, locks, skip-on-checksum, rejects, superseding, and the
 * separate transaction that records a failure.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <time.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "audit.h"
#include "db.h"
#include "filehash.h"
#include "progress.h"
#include "strmap.h"
#include "textutil.h"

#define REJECT_RAW_MAX 4096
#define REJECT_MESSAGES_SHOWN 10

/* advisory lock classes (first key of the two-key form) */
#define LOCK_STUDY_DATATYPE 0x6f6e6301
#define LOCK_STUDY_DIMS		0x6f6e6302
#define LOCK_GENES			0x6f6e6303

static char *arguments_literal;

/* Monotonic milliseconds, for the phase timings kept in metadata. */
static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * The command line as stored with each load: options in full, but at most
 * ARGS_KEPT file arguments (a folder walk or a shell glob can name
 * thousands, and each load records its own file in source_path anyway).
 */
#define ARGS_KEPT 16

void
audit_set_arguments(int argc, char **argv)
{
	onc_buf		b;
	int			files = 0,
				left_out = 0;

	buf_init(&b);
	buf_puts(&b, "{");
	for (int i = 0; i < argc; i++)
	{
		bool		is_file = i > 0 && argv[i][0] != '-' &&
			!(argv[i - 1][0] == '-' && argv[i - 1][1] != '-' && argv[i - 1][2] == '\0');

		if (is_file && ++files > ARGS_KEPT)
		{
			left_out++;
			continue;
		}
		if (b.len > 1)
			buf_puts(&b, ",");
		db_array_elem(&b, argv[i]);
	}
	if (left_out)
	{
		char	   *more = xasprintf("(%d more file arguments)", left_out);

		buf_puts(&b, ",");
		db_array_elem(&b, more);
		free(more);
	}
	buf_puts(&b, "}");
	free(arguments_literal);
	arguments_literal = b.data;
}

PGconn *
audit_connect(const char *conninfo, const char *cmd)
{
	PGconn	   *conn = db_connect(conninfo, cmd);

	if (conn && audit_reap(conn) < 0)
	{
		PQfinish(conn);
		conn = NULL;
	}
	return conn;
}

int
audit_reap(PGconn *conn)
{
	PGresult   *res;
	int			reaped = 0;

	res = db_query(conn,
				   "SELECT load_id FROM audit.load WHERE status = 'running' ORDER BY load_id",
				   0, NULL);
	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res); i++)
	{
		const char *id = PQgetvalue(res, i, 0);
		const char *params[1] = {id};
		char	   *got = db_value(conn, "SELECT pg_catalog.pg_try_advisory_lock($1::bigint)",
								   1, params, NULL);

		if (got && strcmp(got, "t") == 0)
		{
			PGresult   *u = db_query(conn,
									 "UPDATE audit.load SET status = 'failed', finished_at = clock_timestamp(), "
									 "message = 'the loading process ended without finishing (killed or crashed); nothing of it was kept' "
									 "WHERE load_id = $1::bigint AND status = 'running'",
									 1, params);

			if (u)
			{
				if (strcmp(PQcmdTuples(u), "1") == 0)
				{
					onc_msg(ONC_WARNING, NULL, 0, 0,
							"load %s was left running by a process that ended; marked failed", id);
					reaped++;
				}
				PQclear(u);
			}
			PQclear(db_query(conn, "SELECT pg_catalog.pg_advisory_unlock($1::bigint)", 1, params));
		}
		free(got);
	}
	PQclear(res);
	return reaped;
}

void
load_set_format(load_ctx *ctx, const char *format, const char *workflow)
{
	if (format)
	{
		free(ctx->input_format);
		ctx->input_format = xstrdup(format);
	}
	if (workflow)
	{
		free(ctx->workflow);
		ctx->workflow = xstrdup(workflow);
	}
}

static void
meta_key(load_ctx *ctx, const char *key)
{
	if (ctx->metadata.len)
		buf_puts(&ctx->metadata, ",");
	buf_puts(&ctx->metadata, "\"");
	json_escape(&ctx->metadata, key);
	buf_puts(&ctx->metadata, "\":");
}

void
load_meta_str(load_ctx *ctx, const char *key, const char *value)
{
	meta_key(ctx, key);
	if (!value)
	{
		buf_puts(&ctx->metadata, "null");
		return;
	}
	buf_puts(&ctx->metadata, "\"");
	json_escape(&ctx->metadata, value);
	buf_puts(&ctx->metadata, "\"");
}

void
load_meta_int(load_ctx *ctx, const char *key, int64_t value)
{
	meta_key(ctx, key);
	buf_printf(&ctx->metadata, "%" PRId64, value);
}

/*
 * Write s to the spool as a COPY text field, at most max bytes.  Bytes that
 * are not UTF-8 become '?': a raw line in another encoding must not make
 * the COPY into audit.reject (and with it the failure record) fail.
 */
static void
spool_field(FILE *f, const char *s, size_t max)
{
	size_t		n = 0;

	if (!s)
	{
		fputs("\\N", f);
		return;
	}
	while (*s && n < max)
	{
		int			len = utf8_seq_len((const unsigned char *) s);

		if (len == 0)
		{
			fputc('?', f);
			s++, n++;
			continue;
		}
		if (len > 1)
		{
			if (n + (size_t) len > max)
				break;
			fwrite(s, 1, (size_t) len, f);
			s += len, n += (size_t) len;
			continue;
		}
		switch (*s)
		{
			case '\\':
				fputs("\\\\", f);
				break;
			case '\t':
				fputs("\\t", f);
				break;
			case '\n':
				fputs("\\n", f);
				break;
			case '\r':
				fputs("\\r", f);
				break;
			default:
				fputc(*s, f);
		}
		s++, n++;
	}
}

bool
load_reject(load_ctx *ctx, long line, int col, const char *reason,
			const char *raw, const char *fmt,...)
{
	char		msg[1024];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (ctx->messages_shown < REJECT_MESSAGES_SHOWN)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, line, col, "%s [%s]", msg, reason);
		ctx->messages_shown++;
	}
	if (ctx->spool)
	{
		fprintf(ctx->spool, "%" PRId64 "\t", ctx->load_id);
		if (line > 0)
			fprintf(ctx->spool, "%ld\t", line);
		else
			fputs("\\N\t", ctx->spool);
		if (col > 0)
			fprintf(ctx->spool, "%d\t", col);
		else
			fputs("\\N\t", ctx->spool);
		spool_field(ctx->spool, reason, 64);
		fputc('\t', ctx->spool);
		spool_field(ctx->spool, msg, sizeof(msg));
		fputc('\t', ctx->spool);
		spool_field(ctx->spool, raw, REJECT_RAW_MAX);
		fputc('\n', ctx->spool);
	}
	ctx->rejects++;
	if (ctx->rejects == ctx->spec->max_rejects + 1)
		onc_msg(ONC_ERROR, ctx->spec->path, 0, 0,
				"more than %ld reject(s) (--max-rejects %ld); the load is abandoned",
				ctx->spec->max_rejects, ctx->spec->max_rejects);
	return ctx->rejects <= ctx->spec->max_rejects;
}

int64_t
load_add_part(load_ctx *ctx, int sample_key, int aliquot_key, int measure_key)
{
	int64_t		id;

	return load_add_parts(ctx, 1, &sample_key, &aliquot_key, &measure_key, &id) < 0 ? 0 : id;
}

/* Append a PostgreSQL array literal element: the number, or NULL for 0. */
static void
int_elem(onc_buf *b, int i, int v)
{
	if (v)
		buf_printf(b, "%s%d", i ? "," : "", v);
	else
		buf_puts(b, i ? ",NULL" : "NULL");
}

int
load_add_parts(load_ctx *ctx, int n, const int *sample_keys, const int *aliquot_keys,
			   const int *measure_keys, int64_t *part_ids)
{
	onc_buf		sk,
				ak,
				mk;
	strmap	   *byid;
	PGresult   *res;
	char		key[48];
	int			rc = -1;

	if (n == 0)
		return 0;
	ctx->sample_parts = true;
	buf_init(&sk);
	buf_init(&ak);
	buf_init(&mk);
	buf_puts(&sk, "{");
	buf_puts(&ak, "{");
	buf_puts(&mk, "{");
	for (int i = 0; i < n; i++)
	{
		int_elem(&sk, i, sample_keys[i]);
		int_elem(&ak, i, aliquot_keys ? aliquot_keys[i] : 0);
		int_elem(&mk, i, measure_keys ? measure_keys[i] : 0);
	}
	buf_puts(&sk, "}");
	buf_puts(&ak, "}");
	buf_puts(&mk, "}");
	{
		const char *params[7] = {ctx->load_id_text, ctx->study_key_text, ctx->spec->data_type,
		ctx->workflow, sk.data, ak.data, mk.data};

		res = db_query(ctx->conn,
					   "INSERT INTO audit.load_part (load_id, study_key, sample_key, aliquot_key, data_type, "
					   "workflow, measure_key) "
					   "SELECT $1::bigint, $2::int, u.s, u.a, $3, $4, u.m "
					   "FROM unnest($5::int[], $6::int[], $7::smallint[]) AS u(s, a, m) "
					   "RETURNING part_id, sample_key, coalesce(aliquot_key, 0), coalesce(measure_key, 0)",
					   7, params);
	}
	buf_free(&sk);
	buf_free(&ak);
	buf_free(&mk);
	if (!res)
		return -1;
	/* RETURNING's order is not promised: match the rows by their keys */
	byid = strmap_new((size_t) n + 16);
	for (int i = 0; i < PQntuples(res); i++)
	{
		snprintf(key, sizeof(key), "%s/%s/%s", PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
				 PQgetvalue(res, i, 3));
		strmap_put(byid, key, strtoll(PQgetvalue(res, i, 0), NULL, 10));
	}
	for (int i = 0; i < n; i++)
	{
		snprintf(key, sizeof(key), "%d/%d/%d", sample_keys[i], aliquot_keys ? aliquot_keys[i] : 0,
				 measure_keys ? measure_keys[i] : 0);
		if (!strmap_get(byid, key, &part_ids[i]))
		{
			onc_error("no load part came back for sample key %d", sample_keys[i]);
			goto done;
		}
	}
	rc = 0;
done:
	PQclear(res);
	strmap_free(byid);
	return rc;
}

/* COPY the spooled rejects into audit.reject; 0 or -1. */
static int
copy_rejects(load_ctx *ctx)
{
	PGresult   *res;
	char		buf[1 << 15];
	size_t		n;
	int			rc = 0;

	if (!ctx->spool || ctx->rejects == 0)
		return 0;
	fflush(ctx->spool);
	rewind(ctx->spool);
	res = PQexec(ctx->conn, "COPY audit.reject (load_id, line, col, reason, message, raw) FROM STDIN");
	if (PQresultStatus(res) != PGRES_COPY_IN)
	{
		db_report(ctx->conn, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	while ((n = fread(buf, 1, sizeof(buf), ctx->spool)) > 0)
		if (PQputCopyData(ctx->conn, buf, (int) n) != 1)
			break;
	PQputCopyEnd(ctx->conn, ferror(ctx->spool) ? "could not read the reject spool" : NULL);
	while ((res = PQgetResult(ctx->conn)) != NULL)
	{
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
		{
			db_report(ctx->conn, res);
			rc = -1;
		}
		PQclear(res);
	}
	return rc;
}

int
load_lock_genes(load_ctx *ctx)
{
	char		cls[16];
	const char *params[1] = {cls};

	if (ctx->genes_locked)
		return 0;
	snprintf(cls, sizeof(cls), "%d", LOCK_GENES);
	PGresult   *res = db_query(ctx->conn, "SELECT pg_catalog.pg_advisory_xact_lock($1::int, 0)", 1, params);

	if (!res)
		return -1;
	PQclear(res);
	ctx->genes_locked = true;
	return 0;
}

/*
 * Locks in a fixed order so that loads cannot deadlock: the study x data
 * type, then the study's dimensions, then (lazily) the gene dimension.
 */
/* The earlier load of the same bytes, command and study, or 0. */
#define DUPLICATE_SQL \
	"SELECT max(load_id) FROM audit.load WHERE source_sha256 = $1 " \
	"AND study_id IS NOT DISTINCT FROM $2 AND command = $3 " \
	"AND status IN ('succeeded', 'superseded')"

static int64_t
find_duplicate(load_ctx *ctx)
{
	const char *params[3] = {ctx->sha256, ctx->spec->study_id, ctx->spec->command};
	bool		isnull;
	char	   *v = db_value(ctx->conn, DUPLICATE_SQL, 3, params, &isnull);
	int64_t		id = 0;

	if (v)
		id = strtoll(v, NULL, 10);
	free(v);
	return id;
}

/*
 * Open the load's transaction: BEGIN (committing to disk, unlike the
 * session's own records), the locks, the check that no concurrent run
 * loaded the same bytes meanwhile (*dup: its load, else 0) and the study's
 * key, in one round trip.  Each statement runs after the one before, with
 * its own snapshot: the duplicate check sees what committed while the
 * locks were awaited.
 */
static int
begin_load(load_ctx *ctx, int64_t *dup)
{
	const load_spec *s = ctx->spec;
	char		c1[16],
				c2[16];
	char	   *key;
	const char *lock_params[4];
	const char *dup_params[3] = {ctx->sha256, s->study_id, s->command};
	const char *study_params[2] = {s->study_id, ctx->load_id_text};
	db_stmt		stmts[5] = {
		{"BEGIN", 0, NULL},
		{"SET LOCAL synchronous_commit TO on", 0, NULL},
		{"SELECT pg_catalog.pg_advisory_xact_lock($1::int, pg_catalog.hashtext($2)), "
		"pg_catalog.pg_advisory_xact_lock($3::int, pg_catalog.hashtext($4))", 4, lock_params},
		{DUPLICATE_SQL, 3, dup_params},
		{"SELECT warehouse.ensure_study($1, $2::bigint)", 2, study_params}
	};
	PGresult   *res[5];
	int			rc;

	*dup = 0;
	if (!s->study_id)
	{
		/* a gene reference: no study, the gene dimension's lock */
		if (db_exec(ctx->conn, "BEGIN; SET LOCAL synchronous_commit TO on") < 0 ||
			load_lock_genes(ctx) < 0)
			return -1;
		if (!s->force)
			*dup = find_duplicate(ctx);
		return 0;
	}
	snprintf(c1, sizeof(c1), "%d", LOCK_STUDY_DATATYPE);
	snprintf(c2, sizeof(c2), "%d", LOCK_STUDY_DIMS);
	key = xasprintf("%s/%s", s->study_id, s->data_type);
	lock_params[0] = c1;
	lock_params[1] = key;
	lock_params[2] = c2;
	lock_params[3] = s->study_id;
	rc = db_pipeline(ctx->conn, 5, stmts, res);
	free(key);
	if (rc < 0)
		return -1;
	if (!s->force && !PQgetisnull(res[3], 0, 0))
		*dup = strtoll(PQgetvalue(res[3], 0, 0), NULL, 10);
	if (PQntuples(res[4]) != 1 || PQgetisnull(res[4], 0, 0))
	{
		onc_error("could not resolve the study \"%s\"", s->study_id);
		rc = -1;
	}
	else
	{
		ctx->study_key = atoi(PQgetvalue(res[4], 0, 0));
		snprintf(ctx->study_key_text, sizeof(ctx->study_key_text), "%s", PQgetvalue(res[4], 0, 0));
	}
	for (int i = 0; i < 5; i++)
		PQclear(res[i]);
	return rc;
}

static const char *
os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());

	return pw ? pw->pw_name : NULL;
}

/* Insert the load record with the given status; 0 or -1. */
static int
insert_load(load_ctx *ctx, const char *status, const char *message, int64_t dup)
{
	const load_spec *s = ctx->spec;
	char		size[24],
				pid[16],
				dupt[24],
				host[256];
	const char *params[16];
	PGresult   *res;

	snprintf(size, sizeof(size), "%" PRIu64, ctx->size);
	snprintf(pid, sizeof(pid), "%d", (int) getpid());
	snprintf(dupt, sizeof(dupt), "%" PRId64, dup);
	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	params[0] = s->command;
	params[1] = ctx->input_format;
	params[2] = s->data_type;
	params[3] = ctx->workflow;
	params[4] = ctx->abspath ? ctx->abspath : s->path;
	params[5] = ctx->sha256[0] || ctx->hash ? size : NULL;
	params[6] = ctx->sha256[0] ? ctx->sha256 : NULL;
	params[7] = s->study_id;
	params[8] = status;
	params[9] = PACKAGE_VERSION;
	params[10] = os_user();
	params[11] = host;
	params[12] = pid;
	params[13] = arguments_literal;
	params[14] = message;
	params[15] = dup ? dupt : NULL;
	/*
	 * A running load holds a session lock on its id (audit_reap).  The
	 * session's own commits (this record, a failure or a skip) do not wait
	 * for the disk; the load's transaction sets synchronous_commit on.
	 */
	res = db_query(ctx->conn,
				   "WITH i AS (INSERT INTO audit.load (command, input_format, data_type, workflow, source_path, "
				   "source_size, source_sha256, study_id, status, program_version, os_user, host, pid, "
				   "arguments, message, duplicate_of, finished_at) "
				   "VALUES ($1, $2, $3, $4, $5, $6::bigint, $7, $8, $9, $10, $11, $12, $13::int, "
				   "$14::text[], $15, $16::bigint, CASE WHEN $9 = 'running' THEN NULL ELSE clock_timestamp() END) "
				   "RETURNING load_id) "
				   "SELECT load_id, CASE WHEN $9 = 'running' THEN pg_catalog.pg_advisory_lock(load_id) END, "
				   "pg_catalog.set_config('synchronous_commit', 'off', false) FROM i",
				   16, params);
	if (!res)
		return -1;
	ctx->load_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	snprintf(ctx->load_id_text, sizeof(ctx->load_id_text), "%" PRId64, ctx->load_id);
	PQclear(res);
	return 0;
}

/*
 * The running record and its session lock, in one statement committed on
 * its own.  The session commits without waiting for the disk (see
 * load_run: the load's own transaction sets synchronous_commit on): if the
 * server crashed before the load commits, the record may be lost, but so
 * is every fact of the load.
 */
static int
start_record(load_ctx *ctx)
{
	if (insert_load(ctx, "running", NULL, 0) < 0)
		return -1;
	ctx->locked = true;
	return 0;
}

/*
 * Give the planner statistics for warehouse tables that never had any: the
 * first load into an empty warehouse otherwise leaves the views planned as
 * if the fact tables were empty until autovacuum gets to them (minutes, and
 * a join over a million rows planned as a nested loop).  Later growth is
 * autovacuum's job.  The sample is 9,000 rows (statistics target 30, not
 * 100): enough for the joins of the views, and a third of the reads after a
 * million-row load.  jsonb columns are left out: the planner has no use for
 * their statistics (a jsonb operator's selectivity is a constant), and they
 * cost a third of the time of ANALYZE on the variant and mutation tables.
 * "ANALYZE warehouse.mutation" by hand gives full statistics.
 */
static void
analyze_new_tables(PGconn *conn)
{
	static PGconn *done_for;
	PGresult   *res;
	char	   *oids;
	const char *params[1];

	/* once per connection: after its first load nothing is left to do */
	if (done_for == conn)
		return;
	done_for = conn;

	/*
	 * Whether there is any such table, first: almost always none, and
	 * this asks the catalog less (about 0.6 ms less in a fresh backend).
	 */
	res = db_query(conn,
				   "SELECT pg_catalog.array_agg(c.oid) FROM pg_catalog.pg_class c "
				   "WHERE c.relnamespace IN ('warehouse'::regnamespace, 'audit'::regnamespace) "
				   "AND c.relkind = 'r' AND c.reltuples < 0 AND pg_catalog.pg_relation_size(c.oid) > 0",
				   0, NULL);
	if (!res)
		return;
	oids = PQgetisnull(res, 0, 0) ? NULL : xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (!oids)
		return;
	params[0] = oids;
	res = db_query(conn,
				   "SELECT c.oid::regclass, pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' "
				   "ORDER BY a.attnum) FILTER (WHERE a.atttypid <> 'jsonb'::regtype) "
				   "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid "
				   "AND a.attnum > 0 AND NOT a.attisdropped "
				   "WHERE c.oid = ANY ($1::oid[]) GROUP BY c.oid",
				   1, params);
	free(oids);
	if (!res)
		return;
	if (PQntuples(res) == 0 || db_exec(conn, "BEGIN; SET LOCAL default_statistics_target = 30") < 0)
	{
		PQclear(res);
		return;
	}
	for (int i = 0; i < PQntuples(res); i++)
	{
		char	   *sql = PQgetisnull(res, i, 1) ?
			xasprintf("ANALYZE %s", PQgetvalue(res, i, 0)) :
			xasprintf("ANALYZE %s (%s)", PQgetvalue(res, i, 0), PQgetvalue(res, i, 1));

		PQclear(PQexec(conn, sql));
		free(sql);
	}
	PQclear(res);
	PQclear(PQexec(conn, "COMMIT"));
}

static void
release_record_lock(load_ctx *ctx)
{
	const char *params[1] = {ctx->load_id_text};

	if (ctx->load_id && ctx->locked)
		PQclear(PQexecParams(ctx->conn, "SELECT pg_catalog.pg_advisory_unlock($1::bigint)",
							 1, NULL, params, NULL, NULL, 0));
	ctx->locked = false;
}

/* The load record's counters and outcome, from parameters $1..$12 (record_params). */
static const char update_sql[] =
"UPDATE audit.load SET records_read = $2::bigint, records_loaded = $3::bigint, "
"records_rejected = $4::bigint, records_filtered = $5::bigint, facts_written = $6::bigint, "
"values_rejected = $7::bigint, values_missing = $8::bigint, status = $9, message = $10, "
"input_format = coalesce($11, input_format), metadata = $12::jsonb, "
"source_size = coalesce($13::bigint, source_size), source_sha256 = coalesce($14, source_sha256), "
"finished_at = clock_timestamp() WHERE load_id = $1::bigint";

typedef struct record_params
{
	char		n[7][24];
	char		size[24];
	char	   *meta;
	const char *params[14];
} record_params;

static void
record_params_fill(load_ctx *ctx, const char *status, const char *message, record_params *p)
{
	int64_t		v[7] = {ctx->records_read, ctx->records_loaded, ctx->records_rejected,
		ctx->records_filtered, ctx->facts_written, ctx->values_rejected, ctx->values_missing};

	p->meta = xasprintf("{%s}", ctx->metadata.data ? ctx->metadata.data : "");
	p->params[0] = ctx->load_id_text;
	for (int i = 0; i < 7; i++)
	{
		snprintf(p->n[i], sizeof(p->n[i]), "%" PRId64, v[i]);
		p->params[1 + i] = p->n[i];
	}
	p->params[8] = status;
	p->params[9] = message;
	p->params[10] = ctx->input_format;
	p->params[11] = p->meta;
	snprintf(p->size, sizeof(p->size), "%" PRIu64, ctx->size);
	p->params[12] = ctx->sha256[0] ? p->size : NULL;
	p->params[13] = ctx->sha256[0] ? ctx->sha256 : NULL;
}

/* Update the load record's counters and outcome. */
static PGresult *
update_record(load_ctx *ctx, const char *status, const char *message)
{
	record_params p;
	PGresult   *res;

	record_params_fill(ctx, status, message, &p);
	res = db_query(ctx->conn, update_sql, 14, p.params);
	free(p.meta);
	return res;
}

/*
 * Record the success, commit, and release the running record's session
 * lock, in one round trip.  0 or -1 (printed; the transaction is then
 * still open, or aborted).
 */
static int
commit_record(load_ctx *ctx)
{
	record_params p;
	const char *unlock_params[1] = {ctx->load_id_text};
	db_stmt		stmts[3] = {
		{update_sql, 14, p.params},
		{"COMMIT", 0, NULL},
		{"SELECT pg_catalog.pg_advisory_unlock($1::bigint)", 1, unlock_params}
	};
	int			rc;

	record_params_fill(ctx, "succeeded", NULL, &p);
	rc = db_pipeline(ctx->conn, 3, stmts, NULL);
	free(p.meta);
	return rc;
}

/* Supersede earlier current parts that this load's parts replace. */
static int
supersede(load_ctx *ctx, int64_t *parts)
{
	const char *params[1] = {ctx->load_id_text};
	PGresult   *res;

	/*
	 * Parts on samples are replaced here; a clinical load's parts are on
	 * patients and replaced value by value (clin_load.c), so there is
	 * nothing to look for.
	 */
	*parts = 0;
	if (!ctx->sample_parts)
		return 0;
	res = db_query(ctx->conn,
				   "UPDATE audit.load_part o SET is_current = false, superseded_by_load = $1::bigint, "
				   "superseded_at = clock_timestamp() FROM audit.load_part n "
				   "WHERE n.load_id = $1::bigint AND o.load_id <> $1::bigint AND o.is_current "
				   "AND o.study_key = n.study_key AND o.data_type = n.data_type "
				   "AND o.sample_key = n.sample_key "
				   "AND o.workflow IS NOT DISTINCT FROM n.workflow "
				   "AND o.measure_key IS NOT DISTINCT FROM n.measure_key "
				   "AND o.aliquot_key IS NOT DISTINCT FROM n.aliquot_key",
				   1, params);
	if (!res)
		return -1;
	*parts = strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	if (*parts == 0)
		return 0;
	res = db_query(ctx->conn,
				   "UPDATE audit.load l SET status = 'superseded' "
				   "WHERE l.status = 'succeeded' AND l.load_id IN "
				   "(SELECT o.load_id FROM audit.load_part o WHERE o.superseded_by_load = $1::bigint) "
				   "AND NOT EXISTS (SELECT 1 FROM audit.load_part p WHERE p.load_id = l.load_id AND p.is_current)",
				   1, params);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

static void
print_outcome(load_ctx *ctx, const char *status, const char *message, int64_t superseded)
{
	const load_spec *s = ctx->spec;

	progress_clear();			/* the outcome line starts a clean line */
	if (s->json)
	{
		onc_buf		b;

		buf_init(&b);
		buf_printf(&b, "{\"load_id\":%" PRId64 ",\"status\":\"%s\",\"path\":\"", ctx->load_id, status);
		json_escape(&b, ctx->abspath ? ctx->abspath : s->path);
		buf_puts(&b, "\",\"format\":");
		if (ctx->input_format)
		{
			buf_puts(&b, "\"");
			json_escape(&b, ctx->input_format);
			buf_puts(&b, "\"");
		}
		else
			buf_puts(&b, "null");
		buf_printf(&b, ",\"records_read\":%" PRId64 ",\"records_loaded\":%" PRId64
				   ",\"records_rejected\":%" PRId64 ",\"records_filtered\":%" PRId64
				   ",\"facts_written\":%" PRId64 ",\"values_rejected\":%" PRId64
				   ",\"values_missing\":%" PRId64 ",\"parts_superseded\":%" PRId64 ",\"message\":",
				   ctx->records_read, ctx->records_loaded, ctx->records_rejected,
				   ctx->records_filtered, ctx->facts_written, ctx->values_rejected,
				   ctx->values_missing, superseded);
		if (message)
		{
			buf_puts(&b, "\"");
			json_escape(&b, message);
			buf_puts(&b, "\"");
		}
		else
			buf_puts(&b, "null");
		buf_puts(&b, "}");
		puts(b.data);
		buf_free(&b);
	}
	else if (!onc_quiet || strcmp(status, "failed") == 0)
	{
		printf("load %" PRId64 " %s: %s", ctx->load_id, status, s->path);
		if (strcmp(status, "skipped") == 0)
			printf(" (%s)\n", message);
		else
			printf(": %" PRId64 " records read, %" PRId64 " loaded, %" PRId64 " rejected, %"
				   PRId64 " filtered; %" PRId64 " facts%s\n",
				   ctx->records_read, ctx->records_loaded, ctx->records_rejected,
				   ctx->records_filtered, ctx->facts_written,
				   superseded ? "; replaced earlier facts" : "");
	}
	fflush(stdout);
}

/* After a rollback: the failed record and its rejects, in their own transaction. */
static void
record_failure(load_ctx *ctx, const char *message)
{
	PGresult   *res;

	if (PQstatus(ctx->conn) != CONNECTION_OK)
		return;					/* the next run's audit_reap marks it */
	if (PQtransactionStatus(ctx->conn) == PQTRANS_ACTIVE)
	{
		/* a COPY the body left open */
		PQputCopyEnd(ctx->conn, "load failed");
		while ((res = PQgetResult(ctx->conn)) != NULL)
			PQclear(res);
	}
	if (PQtransactionStatus(ctx->conn) != PQTRANS_IDLE)
		PQclear(PQexec(ctx->conn, "ROLLBACK"));
	if (db_exec(ctx->conn, "BEGIN") < 0)
		return;
	res = update_record(ctx, "failed", message);
	if (!res || copy_rejects(ctx) < 0)
	{
		PQclear(res);
		PQclear(PQexec(ctx->conn, "ROLLBACK"));
		return;
	}
	PQclear(res);
	db_exec(ctx->conn, "COMMIT");
}

/*
 * Wait for the pending checksum, if any; 0, or -1 with errno when the file
 * could not be read.
 */
static int
finish_hash(load_ctx *ctx)
{
	filehash_job *job = ctx->hash;

	if (!job)
		return 0;
	ctx->hash = NULL;
	return filehash_finish(job, ctx->sha256, sizeof(ctx->sha256), &ctx->size);
}

static void
ctx_free(load_ctx *ctx)
{
	if (ctx->hash)
	{
		int			saved = errno;

		finish_hash(ctx);
		errno = saved;
	}
	if (ctx->spool)
		fclose(ctx->spool);
	free(ctx->abspath);
	free(ctx->input_format);
	free(ctx->workflow);
	buf_free(&ctx->metadata);
}

/* A file we cannot read: a failed load with the reason, and exit code. */
static int
fail_unreadable(load_ctx *ctx, const char *what, load_status *status)
{
	char	   *msg = xasprintf("%s: %s", what, strerror(errno));

	onc_msg(ONC_ERROR, ctx->spec->path, 0, 0, "%s", msg);
	if (insert_load(ctx, "failed", msg, 0) == 0)
		print_outcome(ctx, "failed", msg, 0);
	free(msg);
	ctx_free(ctx);
	*status = LOAD_FAILED;
	return ONC_EXIT_IO;
}

/*
 * Whether an earlier load of this study and command read a file of this
 * size (and so maybe the same bytes).  On a database error, true: the
 * caller then waits for the checksum, as it would have anyway.
 */
static bool
same_size_loaded(load_ctx *ctx)
{
	char		size[24];
	const char *params[3] = {size, ctx->spec->study_id, ctx->spec->command};
	bool		isnull;
	char	   *v;
	bool		seen;

	snprintf(size, sizeof(size), "%" PRIu64, ctx->size);
	v = db_value(ctx->conn, "SELECT EXISTS (SELECT 1 FROM audit.load WHERE source_size = $1::bigint "
				 "AND study_id IS NOT DISTINCT FROM $2 AND command = $3 "
				 "AND status IN ('succeeded', 'superseded'))", 3, params, &isnull);
	seen = !v || strcmp(v, "f") != 0;
	free(v);
	return seen;
}

/*
 * The load's transaction found that the same bytes were loaded already (by
 * a concurrent run): roll back, record the load as skipped.
 */
static int
skip_loaded(load_ctx *ctx, int64_t dup, load_status *status)
{
	char		dupt[24];
	const char *params[4] = {ctx->load_id_text, dupt};
	char		size[24];

	PQclear(PQexec(ctx->conn, "ROLLBACK"));
	snprintf(dupt, sizeof(dupt), "%" PRId64, dup);
	snprintf(size, sizeof(size), "%" PRIu64, ctx->size);
	params[2] = ctx->sha256[0] ? size : NULL;
	params[3] = ctx->sha256[0] ? ctx->sha256 : NULL;
	PQclear(db_query(ctx->conn, "UPDATE audit.load SET status = 'skipped', duplicate_of = $2::bigint, "
					 "finished_at = clock_timestamp(), message = 'same bytes already loaded', "
					 "source_size = coalesce($3::bigint, source_size), "
					 "source_sha256 = coalesce($4, source_sha256) "
					 "WHERE load_id = $1::bigint", 4, params));
	release_record_lock(ctx);
	onc_msg(ONC_INFO, ctx->spec->path, 0, 0, "already loaded as load %" PRId64 ", skipped", dup);
	print_outcome(ctx, "skipped", "same bytes already loaded", 0);
	ctx_free(ctx);
	*status = LOAD_SKIPPED;
	return ONC_EXIT_OK;
}

int
load_run(PGconn *conn, const load_spec *spec, load_body body, void *arg,
		 load_status *status)
{
	struct stat st;
	load_ctx	ctx;
	int64_t		dup;
	int64_t		superseded = 0;
	int			rc;
	double		t0,
				t_hash,
				t_setup,
				t_body;

	memset(&ctx, 0, sizeof(ctx));
	ctx.conn = conn;
	ctx.spec = spec;
	buf_init(&ctx.metadata);
	if (spec->input_format)
		ctx.input_format = xstrdup(spec->input_format);
	if (spec->workflow)
		ctx.workflow = xstrdup(spec->workflow);
	*status = LOAD_FAILED;

	t0 = now_ms();
	ctx.abspath = realpath(spec->path, NULL);
	if (!ctx.abspath)
	{
		if (spec->hash)
			filehash_finish(spec->hash, ctx.sha256, sizeof(ctx.sha256), NULL);
		ctx.sha256[0] = '\0';
		return fail_unreadable(&ctx, "cannot open file", status);
	}
	/*
	 * The checksum is awaited before the load only when an earlier load of
	 * this study and command had a file of the same size: other files cannot
	 * be the same bytes, so they load while the checksum is computed, and it
	 * is checked again before the commit (a concurrent run may have loaded
	 * the same bytes meanwhile).
	 */
	if (spec->hash && stat(ctx.abspath, &st) == 0 && S_ISREG(st.st_mode))
	{
		ctx.size = (uint64_t) st.st_size;
		if (spec->force || !same_size_loaded(&ctx))
			ctx.hash = spec->hash;
	}
	if (!ctx.hash &&
		(spec->hash ? filehash_finish(spec->hash, ctx.sha256, sizeof(ctx.sha256), &ctx.size) < 0 :
		 filehash(ctx.abspath, "sha256", ctx.sha256, sizeof(ctx.sha256), &ctx.size) < 0))
		return fail_unreadable(&ctx, "cannot read file", status);
	t_hash = now_ms();

	if (!spec->force && !ctx.hash && (dup = find_duplicate(&ctx)) > 0)
		goto skipped;
	if (start_record(&ctx) < 0)
	{
		ctx_free(&ctx);
		return ONC_EXIT_DB;
	}
	ctx.spool = tmpfile();
	if (!ctx.spool)
	{
		rc = ONC_EXIT_IO;
		onc_error("cannot create a temporary file for rejects: %s", strerror(errno));
		goto fail;
	}
	rc = ONC_EXIT_DB;
	if (begin_load(&ctx, &dup) < 0)
		goto fail;
	/* a concurrent run may have loaded the same bytes while we waited */
	if (dup > 0)
		return skip_loaded(&ctx, dup, status);
	t_setup = now_ms();
	rc = body(&ctx, arg);
	if (rc != ONC_EXIT_OK)
		goto fail;
	t_body = now_ms();
	if (ctx.hash)
	{
		if (finish_hash(&ctx) < 0)
		{
			rc = ONC_EXIT_IO;
			onc_error("cannot read file: %s", strerror(errno));
			goto fail;
		}
		if (!spec->force && (dup = find_duplicate(&ctx)) > 0)
			return skip_loaded(&ctx, dup, status);
	}
	rc = ONC_EXIT_DB;
	{
		if (copy_rejects(&ctx) < 0 || supersede(&ctx, &superseded) < 0)
			goto fail;
		/* where the time went; the final commit is in finished_at */
		meta_key(&ctx, "timing_ms");
		buf_printf(&ctx.metadata, "{\"checksum\":%.1f,\"setup\":%.1f,\"body\":%.1f,\"finish\":%.1f}",
				   t_hash - t0, t_setup - t_hash, t_body - t_setup, now_ms() - t_body);
		if (commit_record(&ctx) < 0)
			goto fail;
		ctx.locked = false;
	}
	analyze_new_tables(conn);
	if (ctx.rejects > 0)
	{
		onc_msg(ONC_WARNING, spec->path, 0, 0,
				"load %" PRId64 " kept going past %" PRId64 " reject(s)", ctx.load_id, ctx.rejects);
		onc_hint("See \"SELECT * FROM audit.reject WHERE load_id = %" PRId64 "\".", ctx.load_id);
	}
	print_outcome(&ctx, "succeeded", NULL, superseded);
	ctx_free(&ctx);
	*status = LOAD_SUCCEEDED;
	return ONC_EXIT_OK;

fail:
	{
		char	   *msg = xstrdup(onc_last_error()[0] ? onc_last_error() : "load failed");

		record_failure(&ctx, msg);
		release_record_lock(&ctx);
		onc_msg(ONC_ERROR, spec->path, 0, 0, "load %" PRId64 " failed; nothing of this file was kept",
				ctx.load_id);
		if (ctx.rejects > 0)
			onc_hint("%" PRId64 " reject(s) recorded: \"SELECT * FROM audit.reject WHERE load_id = %" PRId64 "\".",
					 ctx.rejects, ctx.load_id);
		print_outcome(&ctx, "failed", msg, 0);
		free(msg);
	}
	ctx_free(&ctx);
	return rc;

skipped:
	{
		char	   *msg = xasprintf("same bytes already loaded as load %" PRId64, dup);

		if (insert_load(&ctx, "skipped", msg, dup) == 0)
		{
			onc_msg(ONC_INFO, spec->path, 0, 0, "%s, skipped", msg);
			print_outcome(&ctx, "skipped", msg, 0);
		}
		free(msg);
		ctx_free(&ctx);
		*status = LOAD_SKIPPED;
		return ONC_EXIT_OK;
	}
}
