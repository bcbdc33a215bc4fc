/*
 * cmd_reconcile.c: oncoload reconcile -- check the loads against the
 * warehouse and their source files, run the cross-domain checks, store the
 * run and print what needs attention; exit 7 when something does, for cron.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "audit.h"
#include "cli.h"
#include "db.h"
#include "reconcile.h"
#include "report.h"

static void
usage(void)
{
	printf("oncoload reconcile checks every succeeded (or superseded) load: its facts\n"
		   "are still in the warehouse as counted when it loaded, its source file is\n"
		   "still at its path with the same SHA-256; then the cross-domain checks\n"
		   "(samples without clinical records, patients without samples, a sample under\n"
		   "two patients ...).  Each run and its findings are stored in\n"
		   "audit.reconciliation and audit.reconciliation_finding; supersessions since the\n"
		   "previous run are listed for the record.\n\n"
		   "Usage:\n  oncoload reconcile [OPTION]...\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO   database (else the PG* variables)\n"
		   "      --study=ID          only this study\n"
		   "      --since=TIME        only loads started at or after TIME (a timestamp\n"
		   "                          PostgreSQL reads, e.g. 2026-11-01 or '7 days ago')\n"
		   "      --output=text|json  a table, or one JSON object (table: text)\n"
		   "      --quiet             print only the findings that need attention\n"
		   "  -V, --version           print the version and exit\n"
		   "  -?, --help              print this help and exit\n\n"
		   "Exit 7 when a finding needs attention (an error or a warning), 0 when none does.\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_STUDY = 1001,
	OPT_SINCE,
	OPT_OUTPUT
};

static const char run_sql[] =
"SELECT run_id, status, study_id AS study, "
"to_char(since, 'YYYY-MM-DD HH24:MI:SS TZ') AS since, previous_run_id, "
"(SELECT to_char(p.started_at, 'YYYY-MM-DD HH24:MI:SS TZ') FROM audit.reconciliation p "
"  WHERE p.run_id = r.previous_run_id) AS previous_run_started, "
"to_char(started_at, 'YYYY-MM-DD HH24:MI:SS TZ') AS started, "
"round(extract(epoch FROM finished_at - started_at)::numeric, 2) AS seconds, "
"loads_checked, facts_checked, files_checked, patients_withdrawn, errors, warnings, infos "
"FROM audit.reconciliation r WHERE run_id = $1::bigint";

/* A SHA-256 cut to 12 digits, so that the table stays readable; JSON has it whole. */
#define SHORT(col) \
"CASE WHEN " col " ~ '^[0-9a-f]{64}$' THEN left(" col ", 12) || '...' ELSE coalesce(" col ", '') END"

/* Findings that need attention, errors first; for JSON every column as stored. */
static const char findings_text_sql[] =
"SELECT severity, code, coalesce(load_id::text, '') AS load, coalesce(study_id, '') AS study, "
"coalesce(patient_id, '') AS patient, coalesce(sample_id, '') AS sample, "
SHORT("expected") " AS expected, " SHORT("actual") " AS actual, message "
"FROM audit.reconciliation_finding WHERE run_id = $1::bigint AND severity <> 'info' "
"ORDER BY severity = 'warning', code, study_id, load_id, sample_id, patient_id, finding_id";

static const char findings_json_sql[] =
"SELECT code, severity, load_id, study_id, patient_id, sample_id, path, expected, actual, message "
"FROM audit.reconciliation_finding WHERE run_id = $1::bigint AND severity <> 'info' "
"ORDER BY severity = 'warning', code, study_id, load_id, sample_id, patient_id, finding_id";

static const char supersessions_sql[] =
"SELECT load_id AS superseded_load, actual::bigint AS by_load, study_id AS study, message "
"FROM audit.reconciliation_finding WHERE run_id = $1::bigint AND code = 'load_superseded' "
"ORDER BY actual::bigint, load_id";

static void
print_table(const PGresult *run, const PGresult *findings, const PGresult *sup)
{
	int			errors = atoi(PQgetvalue(run, 0, 12));
	int			warnings = atoi(PQgetvalue(run, 0, 13));
	int			withdrawn = atoi(PQgetvalue(run, 0, 11));

	printf("reconciliation %s: %s\n", PQgetvalue(run, 0, 0), PQgetvalue(run, 0, 1));
	printf("  scope: %s", PQgetisnull(run, 0, 2) ? "every study" : PQgetvalue(run, 0, 2));
	if (!PQgetisnull(run, 0, 3))
		printf(", loads since %s", PQgetvalue(run, 0, 3));
	printf("\n  checked: %s loads (%s fact counts), %s source files\n",
		   PQgetvalue(run, 0, 8), PQgetvalue(run, 0, 9), PQgetvalue(run, 0, 10));
	if (withdrawn)
		printf("  %d withdrawn patient%s: facts kept and counted, left out of the cross-domain checks\n",
			   withdrawn, withdrawn == 1 ? "" : "s");
	if (errors + warnings == 0)
		printf("  no findings\n");
	else
	{
		printf("  findings: %d error%s, %d warning%s\n\n", errors, errors == 1 ? "" : "s",
			   warnings, warnings == 1 ? "" : "s");
		report_table(stdout, findings, 0);
	}
	if (onc_quiet)
		return;
	if (PQgetisnull(run, 0, 4))
		printf("\nsupersessions (no earlier run):%s\n", PQntuples(sup) ? "" : " none");
	else
		printf("\nsupersessions since run %s (%s):%s\n", PQgetvalue(run, 0, 4),
			   PQgetvalue(run, 0, 5), PQntuples(sup) ? "" : " none");
	report_table(stdout, sup, 2);
}

static void
print_json(const PGresult *run, const PGresult *findings, const PGresult *sup)
{
	onc_buf		b;

	buf_init(&b);
	buf_puts(&b, "{");
	report_json_key(&b, "run", true);
	report_json_row(&b, run, 0);
	report_json_key(&b, "findings", false);
	report_json_rows(&b, findings);
	report_json_key(&b, "supersessions", false);
	report_json_rows(&b, sup);
	buf_puts(&b, "}");
	puts(b.data);
	buf_free(&b);
}

int
cmd_reconcile(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"study", required_argument, NULL, OPT_STUDY},
		{"since", required_argument, NULL, OPT_SINCE},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	const char *dbname = NULL;
	reconcile_scope scope = {NULL, NULL};
	bool		json = false;
	PGconn	   *conn;
	PGresult   *res[3] = {NULL, NULL, NULL};
	int64_t		run_id = 0;
	char		run[24];
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
				scope.study = optarg;
				break;
			case OPT_SINCE:
				scope.since = optarg;
				break;
			case OPT_OUTPUT:
				/* "table", the first spelling, is text */
				if (!cli_output_option("reconcile", strcmp(optarg, "table") == 0 ? "text" : optarg, &json))
					return ONC_EXIT_USAGE;
				break;
			default:
				{
					int			r = cli_common_option("reconcile", c, argv, &dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind < argc)
		return cli_usage_error("reconcile", "unexpected argument \"%s\"", argv[optind]);

	conn = audit_connect(dbname, "reconcile");
	if (!conn)
		return ONC_EXIT_DB;
	rc = reconcile_run(conn, &scope, &run_id);
	if (rc != ONC_EXIT_OK)
	{
		PQfinish(conn);
		return rc;
	}
	snprintf(run, sizeof(run), "%" PRId64, run_id);
	{
		const char *params[1] = {run};

		rc = ONC_EXIT_DB;
		if (!(res[0] = db_query(conn, run_sql, 1, params)) ||
			!(res[1] = db_query(conn, json ? findings_json_sql : findings_text_sql, 1, params)) ||
			!(res[2] = db_query(conn, supersessions_sql, 1, params)))
			goto done;
	}
	if (json)
		print_json(res[0], res[1], res[2]);
	else
		print_table(res[0], res[1], res[2]);
	rc = strcmp(PQgetvalue(res[0], 0, 1), "attention") == 0 ? ONC_EXIT_ATTENTION : ONC_EXIT_OK;
done:
	for (int i = 0; i < 3; i++)
		PQclear(res[i]);
	PQfinish(conn);
	return rc;
}
