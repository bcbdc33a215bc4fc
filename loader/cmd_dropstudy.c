/*
 * cmd_dropstudy.c: oncoload drop-study STUDY -- remove a study and
 * everything in it (facts, parts, patients, samples, aliquots, the variants
 * only its loads named, the study row) after a confirmation typed on the
 * terminal.  The audit trail stays: the study's loads are marked
 * rolled_back, and the drop is recorded as a load of its own.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "db.h"
#include "purge.h"
#include "textutil.h"

static void
usage(void)
{
	printf("oncoload drop-study removes a study and everything in it.\n\n"
		   "Usage:\n  oncoload drop-study [OPTION]... STUDY\n\n"
		   "Its facts, parts, patients, samples and aliquots go, with the variants only its\n"
		   "loads named and the study row; genes stay (every study shares them).  The audit\n"
		   "trail stays: the study's loads are marked rolled_back, and the drop is recorded as\n"
		   "a load of its own (command drop-study).  Asks for the study id on the terminal\n"
		   "first; without a terminal it needs --yes (else exit 2).  A wrong answer: exit 1.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO   database (else the PG* variables)\n"
		   "  -y, --yes               do not ask (for scripts)\n"
		   "  -n, --dry-run           do it all, print what changed, then undo it (no question)\n"
		   "      --output=text|json  the outcome as text, or as one JSON object\n"
		   "      --quiet             print only warnings and errors\n"
		   "  -V, --version           print the version and exit\n"
		   "  -?, --help              print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

/* The study's key, or NULL (with *rc set: ONC_EXIT_INPUT after saying so, or ONC_EXIT_DB). */
static char *
study_key(PGconn *conn, const char *study, bool lock, int *rc)
{
	const char *params[1] = {study};
	bool		isnull = false;
	char	   *k = db_value(conn, lock ?
							 "SELECT (SELECT study_key FROM warehouse.study WHERE study_id = $1 FOR UPDATE)" :
							 "SELECT (SELECT study_key FROM warehouse.study WHERE study_id = $1)",
							 1, params, &isnull);

	if (k)
		return k;
	*rc = isnull ? ONC_EXIT_INPUT : ONC_EXIT_DB;
	if (isnull)
	{
		onc_error("study \"%s\" does not exist", study);
		onc_hint("\"oncoload loads\" lists the loads and their studies.");
	}
	return NULL;
}

/*
 * Say what will go and ask for the study id on the terminal.  Returns
 * ONC_EXIT_OK when confirmed, else the exit code after saying why not.
 */
static int
confirm(PGconn *conn, const char *study, const char *key)
{
	const char *params[2] = {study, key};
	PGresult   *res;
	char		line[512];

	if (!isatty(STDIN_FILENO))
	{
		onc_error("drop-study asks for the study id on a terminal, and there is none; "
				  "nothing was dropped");
		onc_hint("Give --yes to drop study \"%s\" without asking.", study);
		return ONC_EXIT_USAGE;
	}
	res = db_query(conn,
				   "SELECT (SELECT count(*) FROM audit.load WHERE study_id = $1 AND status IN ('succeeded', 'superseded')), "
				   "(SELECT count(*) FROM warehouse.patient WHERE study_key = $2::int), "
				   "(SELECT count(*) FROM warehouse.sample WHERE study_key = $2::int)",
				   2, params);
	if (!res)
		return ONC_EXIT_DB;
	fprintf(stderr, "This removes study \"%s\" and everything in it: the data of %s load(s), "
			"%s patient(s), %s sample(s).\nType the study id to confirm: ",
			study, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2));
	PQclear(res);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strcmp(line, study) != 0)
	{
		onc_error("not confirmed (\"%s\" is not \"%s\"); nothing was dropped", line, study);
		return ONC_EXIT_INPUT;
	}
	return ONC_EXIT_OK;
}

/* The outcome as one JSON line (run_id NULL for a dry run). */
static void
print_json(const char *run_id, const char *study, bool dry_run, const purge_report *r)
{
	onc_buf		b;

	buf_init(&b);
	buf_printf(&b, "{\"load_id\":%s,\"command\":\"drop-study\",\"study_id\":\"",
			   dry_run ? "null" : run_id);
	json_escape(&b, study);
	buf_printf(&b, "\",\"dry_run\":%s,\"counts\":", dry_run ? "true" : "false");
	purge_report_json(r, &b);
	buf_puts(&b, "}");
	puts(b.data);
	buf_free(&b);
}

static int
drop_study(PGconn *conn, const char *study, bool yes, bool dry_run, bool json,
		   int argc, char **argv)
{
	purge_report report;
	PGresult   *res = NULL;
	char	   *key,
			   *run_id = NULL,
			   *mark = NULL,
			   *note = NULL;
	char	  **types = NULL;
	int			ntypes = 0,
				rc = ONC_EXIT_OK;
	bool		genes = false;
	const char *params[1] = {study};

	memset(&report, 0, sizeof(report));
	key = study_key(conn, study, false, &rc);
	if (!key)
		return rc;
	if (!yes && !dry_run && (rc = confirm(conn, study, key)) != ONC_EXIT_OK)
		goto done;

	rc = ONC_EXIT_DB;
	if (db_exec(conn, "BEGIN") < 0)
		goto fail;
	/* every data type loaded into the study: the loaders' locks, in one order */
	res = db_query(conn,
				   "SELECT DISTINCT data_type COLLATE \"C\" FROM audit.load WHERE study_id = $1 "
				   "AND data_type IS NOT NULL ORDER BY 1",
				   1, params);
	if (!res)
		goto fail;
	ntypes = PQntuples(res);
	types = xcalloc((size_t) (ntypes ? ntypes : 1), sizeof(char *));
	for (int i = 0; i < ntypes; i++)
	{
		types[i] = xstrdup(PQgetvalue(res, i, 0));
		genes |= strcmp(types[i], "mutation") == 0 || strcmp(types[i], "variant") == 0;
	}
	PQclear(res);
	res = NULL;
	if (purge_lock(conn, study, types, ntypes, genes) < 0)
		goto fail;
	/* another drop may have finished while we waited */
	free(key);
	key = study_key(conn, study, true, &rc);
	if (!key)
	{
		if (rc == ONC_EXIT_INPUT)
			goto refused;
		goto fail;
	}
	rc = purge_check_catalog(conn);
	if (rc > 0)
	{
		rc = ONC_EXIT_INPUT;
		goto refused;
	}
	rc = ONC_EXIT_DB;
	if ((run_id = purge_audit_begin(conn, "drop-study", study, NULL, argc, argv)) == NULL ||
		purge_set_loads(conn, "SELECT load_id FROM audit.load WHERE study_id = $1 "
						"AND command NOT IN ('rollback', 'drop-study')", 1, params) < 0 ||
		purge_facts(conn, &report) < 0 ||
		purge_dimensions(conn, &report) < 0 ||
		purge_study(conn, key, &report) < 0)
		goto fail;
	mark = xasprintf("study %s dropped by load %s", study, run_id);
	note = xasprintf("dropped study %s", study);
	if (purge_mark_loads(conn, run_id, mark, &report) < 0 ||
		purge_audit_finish(conn, run_id, &report, note) < 0)
		goto fail;
	if (purge_report_get(&report, "removed warehouse.study") != 1)
	{
		onc_error("study \"%s\" was not removed; nothing was changed", study);
		goto fail;
	}
	if (db_exec(conn, dry_run ? "ROLLBACK" : "COMMIT") < 0)
		goto fail;
	rc = ONC_EXIT_OK;
	if (json)
		print_json(run_id, study, dry_run, &report);
	else if (!onc_quiet)
	{
		printf("%s study %s:\n", dry_run ? "would drop" : "dropped", study);
		purge_report_print(&report, stdout);
		if (dry_run)
			printf("dry run: nothing was changed\n");
		else
			printf("load %s: dropped study %s\n", run_id, study);
	}
	goto done;

refused:
	PQclear(PQexec(conn, "ROLLBACK"));
	goto done;

fail:
	{
		char	   *msg = xstrdup(onc_last_error()[0] ? onc_last_error() : "drop-study failed");

		if (!dry_run)
			purge_audit_failed(conn, "drop-study", study, NULL, argc, argv, msg);
		else if (PQtransactionStatus(conn) != PQTRANS_IDLE)
			PQclear(PQexec(conn, "ROLLBACK"));
		onc_error("drop-study %s failed; nothing was changed", study);
		free(msg);
	}

done:
	for (int i = 0; i < ntypes; i++)
		free(types[i]);
	free(types);
	purge_report_free(&report);
	free(key);
	free(run_id);
	free(mark);
	free(note);
	return rc;
}

int
cmd_dropstudy(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"yes", no_argument, NULL, 'y'},
		{"dry-run", no_argument, NULL, 'n'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	const char *dbname = NULL;
	bool		yes = false,
				dry_run = false,
				json = false;
	PGconn	   *conn;
	int			c,
				rc;

	if (cli_wants_help(argc, argv))
	{
		usage();
		return ONC_EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:ynqV", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case 'y':
				yes = true;
				break;
			case 'n':
				dry_run = true;
				break;
			case 'o':
				if (!cli_output_option("drop-study", optarg, &json))
					return ONC_EXIT_USAGE;
				break;
			default:
				{
					int			r = cli_common_option("drop-study", c, argv, &dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error("drop-study", "no study given");
	if (optind + 1 < argc)
		return cli_usage_error("drop-study", "one study at a time, not \"%s\" too", argv[optind + 1]);
	conn = audit_connect(dbname, "drop-study");
	if (!conn)
		return ONC_EXIT_DB;
	rc = drop_study(conn, argv[optind], yes, dry_run, json, argc, argv);
	PQfinish(conn);
	return rc;
}
