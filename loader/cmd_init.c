/*
 * cmd_init.c: oncoload init -- create or upgrade the warehouse: apply the
 * numbered migrations of sql/ in order, each recorded with its checksum.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "filehash.h"
#include "migrations.h"

static void
usage(void)
{
	printf("oncoload init creates or upgrades the warehouse schema in a database.\n\n"
		   "Usage:\n  oncoload init [OPTION]...\n\n"
		   "Applies the numbered migrations (schemas warehouse and audit, roles\n"
		   "oncoload_loader, oncoload_steward and oncoload_analyst, comments) in\n"
		   "order, each once; running it again changes nothing.  A migration that\n"
		   "was applied with other contents is an error.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO  database to initialise (else the PG* variables)\n"
		   "      --quiet            print only warnings and errors\n"
		   "  -V, --version          print the version and exit\n"
		   "  -?, --help             print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

static const char bootstrap_sql[] =
"CREATE SCHEMA IF NOT EXISTS audit;"
"CREATE TABLE IF NOT EXISTS audit.schema_migration ("
"  name text PRIMARY KEY,"
"  sha256 text NOT NULL,"
"  applied_at timestamptz NOT NULL DEFAULT now(),"
"  applied_by text NOT NULL DEFAULT current_user,"
"  program_version text);"
"COMMENT ON TABLE audit.schema_migration IS "
"  'Migrations applied by oncoload init: file name, SHA-256 of its text, when and by whom.';"
"COMMENT ON COLUMN audit.schema_migration.name IS 'Migration file name (sql/NNN_name.sql).';"
"COMMENT ON COLUMN audit.schema_migration.sha256 IS 'SHA-256 of the migration text as applied.';"
"COMMENT ON COLUMN audit.schema_migration.applied_at IS 'When it was applied.';"
"COMMENT ON COLUMN audit.schema_migration.applied_by IS 'Database role that applied it.';"
"COMMENT ON COLUMN audit.schema_migration.program_version IS 'oncoload version that applied it.';";

/* Apply one migration unless applied; 0 applied or skipped, else exit code. */
static int
apply(PGconn *conn, const onc_migration *m, int *applied)
{
	unsigned char digest[32];
	char		hex[65];
	const char *params[3] = {m->name, hex, PACKAGE_VERSION};
	bool		isnull;
	char	   *old;

	sha256_bytes(m->sql, strlen(m->sql), digest);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	old = db_value(conn, "SELECT sha256 FROM audit.schema_migration WHERE name = $1", 1, params, &isnull);
	if (!old && !isnull)
		return ONC_EXIT_DB;
	if (old)
	{
		int			rc = ONC_EXIT_OK;

		if (strcmp(old, hex) != 0)
		{
			onc_error("migration %s was applied with other contents (sha256 %.12s..., now %.12s...)",
					  m->name, old, hex);
			onc_hint("Applied migrations must not change; add a new numbered migration instead.");
			rc = ONC_EXIT_INPUT;
		}
		free(old);
		return rc;
	}
	if (db_exec(conn, m->sql) < 0)
	{
		onc_error("migration %s failed", m->name);
		return ONC_EXIT_DB;
	}
	{
		PGresult   *res = db_query(conn,
								   "INSERT INTO audit.schema_migration (name, sha256, program_version) VALUES ($1, $2, $3)",
								   3, params);

		if (!res)
			return ONC_EXIT_DB;
		PQclear(res);
	}
	onc_info("applied migration %s", m->name);
	(*applied)++;
	return ONC_EXIT_OK;
}

int
cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	const char *dbname = NULL;
	PGconn	   *conn;
	int			c,
				rc = ONC_EXIT_OK,
				applied = 0;

	if (cli_wants_help(argc, argv))
	{
		usage();
		return ONC_EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:qV", opts, NULL)) != -1)
	{
		switch (c)
		{
			default:
				{
					int			r = cli_common_option("init", c, argv, &dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind < argc)
		return cli_usage_error("init", "unexpected argument \"%s\"", argv[optind]);

	conn = db_connect(dbname, "init");
	if (!conn)
		return ONC_EXIT_DB;
	/* one init at a time; everything in one transaction */
	if (db_exec(conn, "BEGIN") < 0 ||
		db_exec(conn, "SELECT pg_catalog.pg_advisory_xact_lock(1869505385)") < 0 ||
		db_exec(conn, "SET LOCAL client_min_messages = warning") < 0 ||
		db_exec(conn, bootstrap_sql) < 0)
		rc = ONC_EXIT_DB;
	for (const onc_migration *m = onc_migrations; rc == ONC_EXIT_OK && m->name; m++)
		rc = apply(conn, m, &applied);
	if (rc == ONC_EXIT_OK && db_exec(conn, "COMMIT") < 0)
		rc = ONC_EXIT_DB;
	if (rc != ONC_EXIT_OK)
		PQclear(PQexec(conn, "ROLLBACK"));
	else if (applied == 0)
		onc_info("the warehouse is up to date; nothing to do");
	else
		onc_info("warehouse initialised (%d migration%s applied)", applied, applied == 1 ? "" : "s");
	PQfinish(conn);
	return rc;
}
