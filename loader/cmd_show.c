/*
 * cmd_show.c: oncoload show LOAD -- everything the audit trail knows about
 * one load: its file, counts, timings, what it replaced and what replaced
 * it, and its rejects grouped by reason with the first few of each.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "db.h"
#include "report.h"

static void
usage(void)
{
	printf("oncoload show prints one load: its file, checksum, counts, timings,\n"
		   "what it superseded and what superseded it, and its rejects by reason.\n\n"
		   "Usage:\n  oncoload show [OPTION]... LOAD\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO   database (else the PG* variables)\n"
		   "      --limit=N           rejects shown per reason (default 5)\n"
		   "      --output=text|json  as text, or as one JSON object\n"
		   "      --quiet             print only warnings and errors\n"
		   "  -V, --version           print the version and exit\n"
		   "  -?, --help              print this help and exit\n\n"
		   "An unknown load is an input error (exit 1).\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_LIMIT = 1001,
	OPT_OUTPUT
};

#define LOAD_COLUMNS \
"load_id, status, command, input_format AS format, data_type, workflow, study_id AS study, " \
"source_path AS file, source_size AS size_bytes, source_sha256 AS sha256, " \
"to_char(started_at, 'YYYY-MM-DD HH24:MI:SS.MS TZ') AS started, " \
"to_char(finished_at, 'YYYY-MM-DD HH24:MI:SS.MS TZ') AS finished, " \
"round(extract(epoch FROM finished_at - started_at)::numeric, 3) AS seconds, "

#define LOAD_COLUMNS_END \
"db_user, os_user, host, pid, program_version, " \
"records_read, records_loaded, records_rejected, records_filtered, " \
"facts_written, values_rejected, values_missing, " \
"(SELECT count(*) FROM audit.load_part p WHERE p.load_id = l.load_id) AS parts, " \
"(SELECT count(*) FROM audit.load_part p WHERE p.load_id = l.load_id AND p.is_current) AS parts_current, " \
"duplicate_of, message "

/* Text: timings as one readable line, arguments as a command line. */
static const char load_text_sql[] =
"SELECT " LOAD_COLUMNS
"(SELECT string_agg(key || ' ' || value || ' ms', ', ' ORDER BY CASE key WHEN 'checksum' THEN 1 "
"  WHEN 'setup' THEN 2 WHEN 'body' THEN 3 WHEN 'finish' THEN 4 END, key) "
"  FROM jsonb_each_text(CASE jsonb_typeof(metadata->'timing_ms') WHEN 'object' THEN metadata->'timing_ms' END)) AS timings, "
"array_to_string(arguments, ' ') AS arguments, " LOAD_COLUMNS_END
"FROM audit.load l WHERE load_id = $1::bigint";

/* JSON: the phase timings and arguments as they are stored, and all metadata. */
static const char load_json_sql[] =
"SELECT " LOAD_COLUMNS
"metadata->'timing_ms' AS timing_ms, to_jsonb(arguments) AS arguments, " LOAD_COLUMNS_END
", metadata FROM audit.load l WHERE load_id = $1::bigint";

/*
 * What this load replaced: parts it superseded (audit.load_part) and, for
 * clinical loads, values it replaced in parts that stay current because
 * some of their values do (warehouse.clinical_fact, narrowed to the load's
 * patients so the block-range index helps).
 */
static const char superseded_sql[] =
"WITH p AS (SELECT load_id, count(*) AS parts FROM audit.load_part "
"           WHERE superseded_by_load = $1::bigint GROUP BY load_id), "
"f AS (SELECT f.load_id, count(*) AS facts FROM warehouse.clinical_fact f "
"      WHERE f.superseded_by_load = $1::bigint AND f.patient_key IN "
"        (SELECT patient_key FROM audit.load_part WHERE load_id = $1::bigint AND patient_key IS NOT NULL) "
"      GROUP BY f.load_id) "
"SELECT l.load_id, l.status, coalesce(p.parts, 0) AS parts, f.facts AS clinical_values, l.source_path AS file "
"FROM p FULL JOIN f USING (load_id) JOIN audit.load l ON l.load_id = coalesce(p.load_id, f.load_id) "
"ORDER BY l.load_id";

/* Which later loads replaced this one's parts or values. */
static const char superseded_by_sql[] =
"WITH p AS (SELECT superseded_by_load AS load_id, count(*) AS parts FROM audit.load_part "
"           WHERE load_id = $1::bigint AND superseded_by_load IS NOT NULL GROUP BY 1), "
"f AS (SELECT f.superseded_by_load AS load_id, count(*) AS facts FROM warehouse.clinical_fact f "
"      WHERE f.load_id = $1::bigint AND f.superseded_by_load IS NOT NULL AND f.patient_key IN "
"        (SELECT patient_key FROM audit.load_part WHERE load_id = $1::bigint AND patient_key IS NOT NULL) "
"      GROUP BY 1) "
"SELECT l.load_id, l.status, coalesce(p.parts, 0) AS parts, f.facts AS clinical_values, l.source_path AS file "
"FROM p FULL JOIN f USING (load_id) JOIN audit.load l ON l.load_id = coalesce(p.load_id, f.load_id) "
"ORDER BY l.load_id";

static const char reasons_sql[] =
"SELECT reason, count(*) AS count FROM audit.reject WHERE load_id = $1::bigint "
"GROUP BY reason ORDER BY count(*) DESC, reason";

/* The first $2 rejects of each reason, in file order. */
static const char first_rejects_sql[] =
"SELECT reason, line, col AS column, message FROM "
"(SELECT r.*, row_number() OVER (PARTITION BY reason ORDER BY line NULLS FIRST, col NULLS FIRST, reject_id) AS n "
" FROM audit.reject r WHERE load_id = $1::bigint) r "
"WHERE n <= $2::bigint ORDER BY reason, n";

/* The place of a reject as oncoload prints messages: FILE:LINE[:COL]. */
static void
print_reject(const char *file, const PGresult *res, int r)
{
	printf("    %s", file);
	if (!PQgetisnull(res, r, 1))
		printf(":%s", PQgetvalue(res, r, 1));
	if (!PQgetisnull(res, r, 2))
		printf(":%s", PQgetvalue(res, r, 2));
	printf(": %s\n", PQgetvalue(res, r, 3));
}

static void
print_text(const PGresult *load, const PGresult *sup, const PGresult *supby,
		   const PGresult *reasons, const PGresult *first)
{
	const char *file = PQgetisnull(load, 0, 7) ? "(no file)" : PQgetvalue(load, 0, 7);
	int64_t		total = 0;

	printf("load %s: %s\n", PQgetvalue(load, 0, 0), PQgetvalue(load, 0, 1));
	report_fields(stdout, load, 0, 2);

	printf("\nsuperseded (what this load replaced):%s\n", PQntuples(sup) ? "" : " nothing");
	report_table(stdout, sup, 2);
	printf("\nsuperseded by:%s\n", PQntuples(supby) ? "" : " nothing (still current)");
	report_table(stdout, supby, 2);

	for (int i = 0; i < PQntuples(reasons); i++)
		total += strtoll(PQgetvalue(reasons, i, 1), NULL, 10);
	printf("\nrejects: %s", total ? "" : "none\n");
	if (total)
		printf("%lld in %d reason%s\n", (long long) total, PQntuples(reasons),
			   PQntuples(reasons) == 1 ? "" : "s");
	for (int i = 0; i < PQntuples(reasons); i++)
	{
		const char *reason = PQgetvalue(reasons, i, 0);
		int			shown = 0;
		long long	n = strtoll(PQgetvalue(reasons, i, 1), NULL, 10);

		printf("  %s: %lld\n", reason, n);
		for (int r = 0; r < PQntuples(first); r++)
			if (strcmp(PQgetvalue(first, r, 0), reason) == 0)
			{
				print_reject(file, first, r);
				shown++;
			}
		if (n > shown)
			printf("    ... and %lld more\n", n - shown);
	}
}

static void
print_json(const PGresult *load, const PGresult *sup, const PGresult *supby,
		   const PGresult *reasons, const PGresult *first)
{
	onc_buf		b;

	buf_init(&b);
	buf_puts(&b, "{");
	report_json_key(&b, "load", true);
	report_json_row(&b, load, 0);
	report_json_key(&b, "superseded", false);
	report_json_rows(&b, sup);
	report_json_key(&b, "superseded_by", false);
	report_json_rows(&b, supby);
	report_json_key(&b, "rejects", false);
	buf_puts(&b, "[");
	for (int i = 0; i < PQntuples(reasons); i++)
	{
		const char *reason = PQgetvalue(reasons, i, 0);
		bool		firstrow = true;

		buf_puts(&b, i ? ",{" : "{");
		report_json_key(&b, "reason", true);
		report_json_str(&b, reason);
		report_json_key(&b, "count", false);
		buf_puts(&b, PQgetvalue(reasons, i, 1));
		report_json_key(&b, "first", false);
		buf_puts(&b, "[");
		for (int r = 0; r < PQntuples(first); r++)
			if (strcmp(PQgetvalue(first, r, 0), reason) == 0)
			{
				if (!firstrow)
					buf_puts(&b, ",");
				report_json_row(&b, first, r);
				firstrow = false;
			}
		buf_puts(&b, "]}");
	}
	buf_puts(&b, "]}");
	puts(b.data);
	buf_free(&b);
}

int
cmd_show(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	const char *dbname = NULL;
	const char *load_id;
	char		limit[24] = "5";
	bool		json = false;
	PGconn	   *conn;
	PGresult   *res[5] = {NULL, NULL, NULL, NULL, NULL};
	int			c,
				rc = ONC_EXIT_DB;
	long		n;

	if (cli_wants_help(argc, argv))
	{
		usage();
		return ONC_EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:qV", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case OPT_LIMIT:
				if (!cli_parse_count(optarg, &n))
					return cli_usage_error("show", "--limit must be a whole number, not \"%s\"", optarg);
				snprintf(limit, sizeof(limit), "%ld", n);
				break;
			case OPT_OUTPUT:
				if (!cli_output_option("show", optarg, &json))
					return ONC_EXIT_USAGE;
				break;
			default:
				{
					int			r = cli_common_option("show", c, argv, &dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error("show", "no load given");
	if (optind + 1 < argc)
		return cli_usage_error("show", "unexpected argument \"%s\"", argv[optind + 1]);
	load_id = argv[optind];
	if (!cli_parse_count(load_id, &n))
		return cli_usage_error("show", "a load is a load_id (a whole number), not \"%s\"", load_id);

	conn = audit_connect(dbname, "show");
	if (!conn)
		return ONC_EXIT_DB;
	{
		const char *p1[1] = {load_id};
		const char *p2[2] = {load_id, limit};

		if (!(res[0] = db_query(conn, json ? load_json_sql : load_text_sql, 1, p1)))
			goto done;
		if (PQntuples(res[0]) == 0)
		{
			onc_error("no load %s", load_id);
			onc_hint("\"oncoload loads\" lists the loads.");
			rc = ONC_EXIT_INPUT;
			goto done;
		}
		if (!(res[1] = db_query(conn, superseded_sql, 1, p1)) ||
			!(res[2] = db_query(conn, superseded_by_sql, 1, p1)) ||
			!(res[3] = db_query(conn, reasons_sql, 1, p1)) ||
			!(res[4] = db_query(conn, first_rejects_sql, 2, p2)))
			goto done;
	}
	if (json)
		print_json(res[0], res[1], res[2], res[3], res[4]);
	else
		print_text(res[0], res[1], res[2], res[3], res[4]);
	rc = ONC_EXIT_OK;
done:
	for (int i = 0; i < 5; i++)
		PQclear(res[i]);
	PQfinish(conn);
	return rc;
}
