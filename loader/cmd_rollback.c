/*
 * cmd_rollback.c: oncoload rollback LOAD -- remove the facts of one load,
 * the dimension rows only it created, restore what it superseded, and mark
 * it rolled_back: one transaction under the loaders' locks, recorded as a
 * load of its own (command rollback).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "db.h"
#include "purge.h"
#include "textutil.h"

static void
usage(void)
{
	printf("oncoload rollback removes what one load wrote and restores what it replaced.\n\n"
		   "Usage:\n  oncoload rollback [OPTION]... LOAD\n\n"
		   "LOAD is a load id (\"oncoload loads\" lists them).  Its facts and parts go, with the\n"
		   "patients, samples, aliquots, variants and study it created that nothing else uses;\n"
		   "the facts it superseded are current again; it is marked rolled_back, and the\n"
		   "rollback is recorded as a load of its own.  Loading the same file again then loads it.\n"
		   "Refused (exit 1, nothing changed): an unknown load; a load that is running, failed,\n"
		   "skipped or already rolled back; a gene reference load.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO   database (else the PG* variables)\n"
		   "  -n, --dry-run           do it all, print what changed, then undo it\n"
		   "      --output=text|json  the outcome as text, or as one JSON object\n"
		   "      --quiet             print only warnings and errors\n"
		   "  -V, --version           print the version and exit\n"
		   "  -?, --help              print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

typedef struct target
{
	char	   *status;
	char	   *command;
	char	   *data_type;
	char	   *study_id;
	char	   *path;
} target;

static void
target_free(target *t)
{
	free(t->status);
	free(t->command);
	free(t->data_type);
	free(t->study_id);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

/*
 * Read load id and decide whether it may be rolled back: ONC_EXIT_OK, or
 * ONC_EXIT_INPUT after saying why not, or ONC_EXIT_DB.  With lock, the row
 * is locked (inside the transaction, after the advisory locks).
 */
static int
check_target(PGconn *conn, const char *id, bool lock, target *t)
{
	const char *params[1] = {id};
	PGresult   *res;
	const char *status;
	int			rc = ONC_EXIT_INPUT;

	target_free(t);
	res = db_query(conn, lock ?
				   "SELECT status, command, data_type, study_id, coalesce(source_path, ''), "
				   "coalesce(duplicate_of::text, ''), coalesce(rolled_back_by::text, '') "
				   "FROM audit.load WHERE load_id = $1::bigint FOR UPDATE" :
				   "SELECT status, command, data_type, study_id, coalesce(source_path, ''), "
				   "coalesce(duplicate_of::text, ''), coalesce(rolled_back_by::text, '') "
				   "FROM audit.load WHERE load_id = $1::bigint",
				   1, params);
	if (!res)
		return ONC_EXIT_DB;
	if (PQntuples(res) == 0)
	{
		onc_error("load %s does not exist", id);
		onc_hint("\"oncoload loads\" lists the loads.");
		goto done;
	}
	t->status = xstrdup(PQgetvalue(res, 0, 0));
	t->command = xstrdup(PQgetvalue(res, 0, 1));
	t->data_type = PQgetisnull(res, 0, 2) ? NULL : xstrdup(PQgetvalue(res, 0, 2));
	t->study_id = PQgetisnull(res, 0, 3) ? NULL : xstrdup(PQgetvalue(res, 0, 3));
	t->path = xstrdup(PQgetvalue(res, 0, 4));
	status = t->status;
	if (strcmp(t->command, "rollback") == 0 || strcmp(t->command, "drop-study") == 0)
		onc_error("load %s is a %s run, not a load of a file: there is nothing to roll back",
				  id, t->command);
	else if (strcmp(t->command, "genes") == 0 ||
			 (t->data_type && strcmp(t->data_type, "gene_reference") == 0))
	{
		onc_error("load %s is a gene reference load: the gene dimension is shared by every study "
				  "and their facts refer to it, so it cannot be rolled back", id);
		onc_hint("Load a corrected reference with \"oncoload genes\" instead.");
	}
	else if (!t->study_id)
		onc_error("load %s belongs to no study; only loads into a study can be rolled back", id);
	else if (strcmp(status, "running") == 0)
		onc_error("load %s is still running; wait for it to finish", id);
	else if (strcmp(status, "failed") == 0)
		onc_error("load %s failed: nothing of it was kept, so there is nothing to roll back", id);
	else if (strcmp(status, "skipped") == 0)
		onc_error("load %s was skipped (the same bytes as load %s) and wrote nothing; "
				  "roll back load %s instead", id, PQgetvalue(res, 0, 5), PQgetvalue(res, 0, 5));
	else if (strcmp(status, "rolled_back") == 0)
		onc_error("load %s was already rolled back (by load %s)", id, PQgetvalue(res, 0, 6));
	else if (strcmp(status, "succeeded") == 0 || strcmp(status, "superseded") == 0)
		rc = ONC_EXIT_OK;
	else
		onc_error("load %s has status %s, which cannot be rolled back", id, status);
done:
	PQclear(res);
	return rc;
}

/* The outcome as one JSON line (run_id NULL for a dry run). */
static void
print_json(const char *run_id, const char *id, const target *t, bool dry_run,
		   const purge_report *r)
{
	onc_buf		b;

	buf_init(&b);
	buf_printf(&b, "{\"load_id\":%s,\"command\":\"rollback\",\"target_load_id\":%s,\"study_id\":\"",
			   dry_run ? "null" : run_id, id);
	json_escape(&b, t->study_id);
	buf_printf(&b, "\",\"dry_run\":%s,\"counts\":", dry_run ? "true" : "false");
	purge_report_json(r, &b);
	buf_puts(&b, "}");
	puts(b.data);
	buf_free(&b);
}

static int
rollback(PGconn *conn, const char *id, bool dry_run, bool json, int argc, char **argv)
{
	target		t;
	purge_report report;
	char	   *run_id = NULL;
	char	   *note = NULL;
	char	   *mark = NULL;
	int			rc;
	bool		genes;
	const char *params[1] = {id};

	memset(&t, 0, sizeof(t));
	memset(&report, 0, sizeof(report));
	rc = check_target(conn, id, false, &t);
	if (rc != ONC_EXIT_OK)
		goto done;

	rc = ONC_EXIT_DB;
	/* variants are written under the gene lock: removing them needs it too */
	genes = (t.data_type && (strcmp(t.data_type, "mutation") == 0 || strcmp(t.data_type, "variant") == 0)) ||
		strcmp(t.command, "mutations") == 0 || strcmp(t.command, "variants") == 0;
	if (db_exec(conn, "BEGIN") < 0 ||
		purge_lock(conn, t.study_id, t.data_type ? &t.data_type : NULL, t.data_type ? 1 : 0, genes) < 0)
		goto fail;
	/* a rollback or load may have finished while we waited */
	rc = check_target(conn, id, true, &t);
	if (rc == ONC_EXIT_INPUT)
		goto refused;
	if (rc != ONC_EXIT_OK)
		goto fail;
	rc = purge_check_catalog(conn);
	if (rc > 0)
	{
		rc = ONC_EXIT_INPUT;
		goto refused;
	}
	if (rc < 0)
	{
		rc = ONC_EXIT_DB;
		goto fail;
	}
	rc = ONC_EXIT_DB;
	if ((run_id = purge_audit_begin(conn, "rollback", t.study_id, id, argc, argv)) == NULL ||
		purge_set_loads(conn, "SELECT $1::bigint", 1, params) < 0 ||
		purge_restore(conn, id, t.study_id, &report) < 0 ||
		purge_facts(conn, &report) < 0 ||
		purge_dimensions(conn, &report) < 0)
		goto fail;
	mark = xasprintf("rolled back by load %s", run_id);
	note = xasprintf("rolled back load %s (%s, study %s%s%s)", id, t.command, t.study_id,
					 t.path[0] ? ": " : "", t.path);
	if (purge_mark_loads(conn, run_id, mark, &report) < 0 ||
		purge_audit_finish(conn, run_id, &report, note) < 0)
		goto fail;
	if (purge_report_get(&report, "marked audit.load (rolled_back)") != 1)
	{
		onc_error("load %s was not marked rolled back; nothing was changed", id);
		goto fail;
	}
	if (db_exec(conn, dry_run ? "ROLLBACK" : "COMMIT") < 0)
		goto fail;
	rc = ONC_EXIT_OK;
	if (json)
		print_json(run_id, id, &t, dry_run, &report);
	else if (!onc_quiet)
	{
		printf("%s load %s (%s, study %s): %s\n", dry_run ? "would roll back" : "rolled back",
			   id, t.command, t.study_id, t.path[0] ? t.path : "(no file)");
		purge_report_print(&report, stdout);
		if (dry_run)
			printf("dry run: nothing was changed\n");
		else
			printf("load %s: rolled back load %s\n", run_id, id);
	}
	goto done;

refused:
	PQclear(PQexec(conn, "ROLLBACK"));
	goto done;

fail:
	{
		char	   *msg = xstrdup(onc_last_error()[0] ? onc_last_error() : "rollback failed");

		if (!dry_run)
			purge_audit_failed(conn, "rollback", t.study_id, id, argc, argv, msg);
		else if (PQtransactionStatus(conn) != PQTRANS_IDLE)
			PQclear(PQexec(conn, "ROLLBACK"));
		onc_error("rollback of load %s failed; nothing was changed", id);
		free(msg);
	}

done:
	target_free(&t);
	purge_report_free(&report);
	free(run_id);
	free(note);
	free(mark);
	return rc;
}

int
cmd_rollback(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"dry-run", no_argument, NULL, 'n'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	const char *dbname = NULL;
	const char *id;
	bool		dry_run = false,
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
	while ((c = getopt_long(argc, argv, "d:nqV", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case 'n':
				dry_run = true;
				break;
			case 'o':
				if (!cli_output_option("rollback", optarg, &json))
					return ONC_EXIT_USAGE;
				break;
			default:
				{
					int			r = cli_common_option("rollback", c, argv, &dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error("rollback", "no load given");
	if (optind + 1 < argc)
		return cli_usage_error("rollback", "one load at a time, not \"%s\" too", argv[optind + 1]);
	id = argv[optind];
	if (id[0] == '\0' || strspn(id, "0123456789") != strlen(id) || strlen(id) > 18)
		return cli_usage_error("rollback", "\"%s\" is not a load id (a whole number)", id);
	conn = audit_connect(dbname, "rollback");
	if (!conn)
		return ONC_EXIT_DB;
	rc = rollback(conn, id, dry_run, json, argc, argv);
	PQfinish(conn);
	return rc;
}
