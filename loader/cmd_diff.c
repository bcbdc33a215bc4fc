/*
 * cmd_diff.c: oncoload diff --patient P [LOAD_A LOAD_B] -- what changed in a
 * patient's clinical values between the state after one load and the state
 * after another (warehouse.clinical_changes over the clinical history).
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
	printf("oncoload diff shows what changed in a patient's clinical values between\n"
		   "two loads: values added, changed (or gone missing) and removed.\n\n"
		   "Usage:\n  oncoload diff [OPTION]... --patient=ID [LOAD_A LOAD_B]\n\n"
		   "Without loads, the last two loads that set a clinical value of the patient\n"
		   "are compared (with one, what it set).  LOAD_A is the state before, LOAD_B the\n"
		   "state after: the values current once that load had committed.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO   database (else the PG* variables)\n"
		   "      --patient=ID        the patient (required)\n"
		   "      --study=ID          the patient's study (needed when two studies have the ID)\n"
		   "      --output=text|json  a table, or one JSON object\n"
		   "      --quiet             print only warnings and errors\n"
		   "  -V, --version           print the version and exit\n"
		   "  -?, --help              print this help and exit\n\n"
		   "No change is not an error (exit 0); an unknown patient or load is (exit 1).\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_PATIENT = 1001,
	OPT_STUDY,
	OPT_OUTPUT
};

static const char patient_sql[] =
"SELECT st.study_id FROM warehouse.patient p JOIN warehouse.study st ON st.study_key = p.study_key "
"WHERE p.patient_id = $1 AND ($2::text IS NULL OR st.study_id = $2) ORDER BY st.study_id";

/* The last two loads that set a value of the patient, newest first. */
static const char last_loads_sql[] =
"SELECT set_by_load FROM warehouse.clinical_history WHERE study_id = $1 AND patient_id = $2 "
"GROUP BY set_by_load ORDER BY set_by_load DESC LIMIT 2";

static const char load_sql[] =
"SELECT load_id, status, coalesce(source_path, '') AS file, "
"to_char(started_at, 'YYYY-MM-DD HH24:MI:SS') AS started FROM audit.load WHERE load_id = $1::bigint";

static const char changes_text_sql[] =
"SELECT CASE WHEN sample_id IS NOT NULL THEN sample_id || ' ' ELSE '' END || entity "
"       || CASE WHEN instance <> '' THEN '[' || instance || ']' ELSE '' END || '.' || attribute AS attribute, "
"       coalesce(old_value, '(' || old_missing_reason || ')', '') AS old_value, old_load, "
"       coalesce(new_value, '(' || new_missing_reason || ')', '') AS new_value, new_load, change "
"FROM warehouse.clinical_changes($1, $2, $3::bigint, $4::bigint)";

static const char changes_json_sql[] =
"SELECT * FROM warehouse.clinical_changes($1, $2, $3::bigint, $4::bigint)";

/*
 * Describe a load onto b: "load N (status, started): FILE" for the text
 * header, or "what": {...} in JSON.  An unknown load is an input error.
 */
static int
describe_load(PGconn *conn, const char *what, const char *load_id, onc_buf *b, bool json)
{
	const char *params[1] = {load_id};
	PGresult   *res = db_query(conn, load_sql, 1, params);

	if (!res)
		return ONC_EXIT_DB;
	if (PQntuples(res) == 0)
	{
		onc_error("no load %s", load_id);
		onc_hint("\"oncoload loads\" lists the loads.");
		PQclear(res);
		return ONC_EXIT_INPUT;
	}
	if (json)
	{
		report_json_key(b, what, false);
		report_json_row(b, res, 0);
	}
	else
		buf_printf(b, "  %-6s load %s (%s, %s): %s\n", what, load_id, PQgetvalue(res, 0, 1),
				   PQgetvalue(res, 0, 3), PQgetvalue(res, 0, 2));
	PQclear(res);
	return ONC_EXIT_OK;
}

int
cmd_diff(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"patient", required_argument, NULL, OPT_PATIENT},
		{"study", required_argument, NULL, OPT_STUDY},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	const char *dbname = NULL,
			   *patient = NULL,
			   *study = NULL;
	char	   *owned = NULL;
	char		from[24] = "0",
				to[24] = "";
	bool		json = false;
	PGconn	   *conn;
	PGresult   *res = NULL;
	onc_buf		out;
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
			case OPT_PATIENT:
				patient = optarg;
				break;
			case OPT_STUDY:
				study = optarg;
				break;
			case OPT_OUTPUT:
				if (!cli_output_option("diff", optarg, &json))
					return ONC_EXIT_USAGE;
				break;
			default:
				{
					int			r = cli_common_option("diff", c, argv, &dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (!patient)
		return cli_usage_error("diff", "--patient is required");
	if (argc - optind == 1 || argc - optind > 2)
		return cli_usage_error("diff", "give two loads (LOAD_A LOAD_B) or none");
	if (argc - optind == 2)
	{
		for (int i = 0; i < 2; i++)
			if (!cli_parse_count(argv[optind + i], &n))
				return cli_usage_error("diff", "a load is a load_id (a whole number), not \"%s\"",
									   argv[optind + i]);
		snprintf(from, sizeof(from), "%s", argv[optind]);
		snprintf(to, sizeof(to), "%s", argv[optind + 1]);
	}

	conn = audit_connect(dbname, "diff");
	if (!conn)
		return ONC_EXIT_DB;
	buf_init(&out);
	{
		const char *params[2] = {patient, study};

		if (!(res = db_query(conn, patient_sql, 2, params)))
			goto done;
		if (PQntuples(res) == 0)
		{
			if (study)
				onc_error("no patient \"%s\" in study \"%s\"", patient, study);
			else
				onc_error("no patient \"%s\"", patient);
			rc = ONC_EXIT_INPUT;
			goto done;
		}
		if (PQntuples(res) > 1)
		{
			rc = cli_usage_error("diff", "patient \"%s\" is in %d studies (%s, %s ...): give --study",
								 patient, PQntuples(res), PQgetvalue(res, 0, 0), PQgetvalue(res, 1, 0));
			goto done;
		}
		study = owned = xstrdup(PQgetvalue(res, 0, 0));
		PQclear(res);
		res = NULL;
	}
	if (!to[0])
	{
		const char *params[2] = {study, patient};

		if (!(res = db_query(conn, last_loads_sql, 2, params)))
			goto done;
		if (PQntuples(res) == 0)
		{
			if (json)
			{
				buf_puts(&out, "{");
				report_json_key(&out, "study", true);
				report_json_str(&out, study);
				report_json_key(&out, "patient", false);
				report_json_str(&out, patient);
				buf_puts(&out, ",\"from\":null,\"to\":null,\"changes\":[]}");
				puts(out.data);
			}
			else
				printf("patient %s (study %s): no clinical values loaded\n", patient, study);
			rc = ONC_EXIT_OK;
			goto done;
		}
		snprintf(to, sizeof(to), "%s", PQgetvalue(res, 0, 0));
		if (PQntuples(res) == 2)
			snprintf(from, sizeof(from), "%s", PQgetvalue(res, 1, 0));
		PQclear(res);
		res = NULL;
	}

	if (json)
	{
		buf_puts(&out, "{");
		report_json_key(&out, "study", true);
		report_json_str(&out, study);
		report_json_key(&out, "patient", false);
		report_json_str(&out, patient);
		if (strcmp(from, "0") == 0)
			buf_puts(&out, ",\"from\":null");
		else if ((rc = describe_load(conn, "from", from, &out, true)) != ONC_EXIT_OK)
			goto done;
		if ((rc = describe_load(conn, "to", to, &out, true)) != ONC_EXIT_OK)
			goto done;
		rc = ONC_EXIT_DB;
	}
	else
	{
		buf_printf(&out, "patient %s (study %s)\n", patient, study);
		if (strcmp(from, "0") == 0)
			buf_puts(&out, "  from   nothing (no earlier load set a value)\n");
		else if ((rc = describe_load(conn, "from", from, &out, false)) != ONC_EXIT_OK)
			goto done;
		if ((rc = describe_load(conn, "to", to, &out, false)) != ONC_EXIT_OK)
			goto done;
		rc = ONC_EXIT_DB;
	}
	{
		const char *params[4] = {study, patient, from, to};

		if (!(res = db_query(conn, json ? changes_json_sql : changes_text_sql, 4, params)))
			goto done;
	}
	if (json)
	{
		report_json_key(&out, "changes", false);
		report_json_rows(&out, res);
		buf_puts(&out, "}");
		puts(out.data);
	}
	else if (PQntuples(res) == 0)
		printf("%s\nno changes: the patient's clinical values are the same after both loads\n", out.data);
	else
	{
		printf("%s\n", out.data);
		report_table(stdout, res, 0);
		printf("(%d change%s)\n", PQntuples(res), PQntuples(res) == 1 ? "" : "s");
	}
	rc = ONC_EXIT_OK;
done:
	PQclear(res);
	buf_free(&out);
	free(owned);
	PQfinish(conn);
	return rc;
}
