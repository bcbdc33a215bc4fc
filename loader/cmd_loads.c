/*
 * cmd_loads.c: oncoload loads -- list loads and their outcome, newest last,
 * as a table or JSON.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "db.h"

static void
usage(void)
{
	printf("oncoload loads lists the loads recorded in the audit trail.\n\n"
		   "Usage:\n  oncoload loads [OPTION]...\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO   database (else the PG* variables)\n"
		   "      --study=ID          only loads into this study\n"
		   "      --status=STATUS     only loads with this status: running, succeeded,\n"
		   "                          failed, skipped, superseded, rolled_back\n"
		   "      --since=TIME        only loads started at or after TIME (a timestamp\n"
		   "                          PostgreSQL reads, e.g. 2026-11-01 or '1 day ago')\n"
		   "      --output=text|json  a table, or a JSON array of load objects\n"
		   "      --quiet             print only warnings and errors\n"
		   "  -V, --version           print the version and exit\n"
		   "  -?, --help              print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_STUDY = 1001,
	OPT_STATUS,
	OPT_SINCE,
	OPT_OUTPUT
};

static const char *const statuses[] = {
	"running", "succeeded", "failed", "skipped", "superseded", "rolled_back", NULL
};

/* The filtered loads, oldest first; $1 study, $2 status, $3 since. */
static const char select_sql[] =
"SELECT load_id, status, command, coalesce(input_format, '') AS input_format, "
"coalesce(study_id, '') AS study_id, "
"to_char(started_at, 'YYYY-MM-DD HH24:MI:SS') AS started, "
"coalesce(round(extract(epoch FROM finished_at - started_at)::numeric, 2)::text, '') AS seconds, "
"records_read, records_loaded, records_rejected, records_filtered, facts_written, "
"coalesce(source_path, '') AS source_path, coalesce(message, '') AS message "
"FROM audit.load "
"WHERE ($1::text IS NULL OR study_id = $1) AND ($2::text IS NULL OR status = $2) "
"AND ($3::text IS NULL OR started_at >= CASE WHEN $3 ~* 'ago$' "
"     THEN now() + $3::interval ELSE $3::timestamptz END) "
"ORDER BY load_id";

static int
print_text(PGresult *res)
{
	int			n = PQntuples(res);

	printf("%6s  %-11s  %-10s  %-17s  %-12s  %-19s  %8s  %9s  %9s  %8s  %8s  %10s  %s\n",
		   "load", "status", "command", "format", "study", "started", "seconds",
		   "read", "loaded", "rejected", "filtered", "facts", "file");
	for (int i = 0; i < n; i++)
	{
		const char *path = PQgetvalue(res, i, 12);
		const char *base = strrchr(path, '/');

		printf("%6s  %-11s  %-10s  %-17s  %-12s  %-19s  %8s  %9s  %9s  %8s  %8s  %10s  %s\n",
			   PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
			   PQgetvalue(res, i, 3), PQgetvalue(res, i, 4), PQgetvalue(res, i, 5),
			   PQgetvalue(res, i, 6), PQgetvalue(res, i, 7), PQgetvalue(res, i, 8),
			   PQgetvalue(res, i, 9), PQgetvalue(res, i, 10), PQgetvalue(res, i, 11),
			   base ? base + 1 : path);
	}
	printf("(%d load%s)\n", n, n == 1 ? "" : "s");
	return ONC_EXIT_OK;
}

int
cmd_loads(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"study", required_argument, NULL, OPT_STUDY},
		{"status", required_argument, NULL, OPT_STATUS},
		{"since", required_argument, NULL, OPT_SINCE},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	const char *dbname = NULL;
	const char *params[3] = {NULL, NULL, NULL};
	bool		json = false;
	PGconn	   *conn;
	PGresult   *res;
	int			c,
				rc;

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
			case OPT_STUDY:
				params[0] = optarg;
				break;
			case OPT_STATUS:
				{
					bool		known = false;

					for (int i = 0; statuses[i]; i++)
						known |= strcmp(statuses[i], optarg) == 0;
					if (!known)
						return cli_usage_error("loads", "unknown status \"%s\"", optarg);
					params[1] = optarg;
				}
				break;
			case OPT_SINCE:
				params[2] = optarg;
				break;
			case OPT_OUTPUT:
				if (!cli_output_option("loads", optarg, &json))
					return ONC_EXIT_USAGE;
				break;
			default:
				{
					int			r = cli_common_option("loads", c, argv, &dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind < argc)
		return cli_usage_error("loads", "unexpected argument \"%s\"", argv[optind]);
	conn = audit_connect(dbname, "loads");
	if (!conn)
		return ONC_EXIT_DB;
	if (json)
	{
		char	   *sql = xasprintf("SELECT coalesce(json_agg(row_to_json(l) ORDER BY l.load_id), '[]') "
									"FROM (SELECT * FROM audit.load WHERE load_id IN "
									"(SELECT load_id FROM (%s) f)) l", select_sql);

		res = db_query(conn, sql, 3, params);
		free(sql);
		if (res)
			printf("%s\n", PQgetvalue(res, 0, 0));
	}
	else
	{
		res = db_query(conn, select_sql, 3, params);
		if (res)
			print_text(res);
	}
	rc = res ? ONC_EXIT_OK : (strncmp(db_last_sqlstate(), "22", 2) == 0 ? ONC_EXIT_USAGE : ONC_EXIT_DB);
	PQclear(res);
	PQfinish(conn);
	return rc;
}
