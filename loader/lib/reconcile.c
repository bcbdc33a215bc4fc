/*
 * reconcile.c: one reconciliation run (see reconcile.h).  The warehouse
 * checks are SQL statements that insert their findings directly; only the
 * source files are checked here, in C, hashing each path once.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "filehash.h"
#include "reconcile.h"

/*
 * The run ($1) and the loads in its scope: succeeded and superseded loads
 * (failed ones left nothing, skipped ones wrote nothing) of its study,
 * started at or after its "since".
 */
#define SCOPE \
"WITH r AS (SELECT * FROM audit.reconciliation WHERE run_id = $1::bigint), " \
"s AS (SELECT l.* FROM audit.load l, r WHERE l.status IN ('succeeded', 'superseded') " \
"      AND (r.study_id IS NULL OR l.study_id = r.study_id) " \
"      AND (r.since IS NULL OR l.started_at >= r.since)), " \
"st AS (SELECT st.* FROM warehouse.study st, r WHERE r.study_id IS NULL OR st.study_id = r.study_id) "

#define INSERT_FINDING \
"INSERT INTO audit.reconciliation_finding " \
"(run_id, code, severity, load_id, study_id, patient_id, sample_id, path, expected, actual, message) "

/* Samples with current molecular facts, and which kinds. */
#define MOLECULAR \
", mol AS (SELECT lp.sample_key, string_agg(DISTINCT lp.data_type, ', ' ORDER BY lp.data_type) AS types " \
"          FROM audit.load_part lp JOIN st ON st.study_key = lp.study_key " \
"          WHERE lp.is_current AND lp.sample_key IS NOT NULL AND lp.data_type IN " \
"            ('expression', 'mutation', 'variant', 'copy_number_segment', 'copy_number_gene') " \
"          GROUP BY lp.sample_key) "

/* The run's row; $1 study, $2 since, $3 version, $4 OS user, $5 host. */
static const char start_sql[] =
"INSERT INTO audit.reconciliation (study_id, since, previous_run_id, program_version, os_user, host) "
"SELECT $1, CASE WHEN $2::text IS NULL THEN NULL WHEN $2 ~* 'ago$' THEN now() + $2::interval "
"       ELSE $2::timestamptz END, "
"       (SELECT max(run_id) FROM audit.reconciliation WHERE study_id IS NOT DISTINCT FROM $1), $3, $4, $5 "
"RETURNING run_id";

/*
 * (a) Facts still in the warehouse against audit.load.facts_written, each
 * load recounted the way its loader counted (audit.load_fact_count).
 * Returns the loads in scope and those recounted.
 */
static const char fact_count_sql[] =
SCOPE ", c AS MATERIALIZED (SELECT s.*, audit.load_fact_count(s.load_id) AS n FROM s), "
"ins AS (" INSERT_FINDING
"  SELECT $1::bigint, 'fact_count_mismatch', 'error', load_id, study_id, NULL, NULL, source_path, "
"         facts_written::text, n::text, "
"         format('load %s (%s) recorded %s facts; the warehouse holds %s', load_id, data_type, facts_written, n) "
"  FROM c WHERE n IS NOT NULL AND n <> facts_written RETURNING 1) "
"SELECT count(*), count(n), (SELECT count(*) FROM ins) FROM c";

/*
 * Failed and rolled-back loads of the scope's studies that still have facts
 * (a failed load's transaction left nothing; a rollback removes the facts).
 */
static const char orphan_sql[] =
SCOPE INSERT_FINDING
"SELECT $1::bigint, 'orphan_facts', 'error', l.load_id, l.study_id, NULL, NULL, l.source_path, '0', n::text, "
"       format('load %s is %s but %s of its facts are still in the warehouse', l.load_id, l.status, n) "
"FROM (SELECT l.*, audit.load_fact_count(l.load_id) AS n FROM audit.load l, r "
"      WHERE l.status IN ('failed', 'rolled_back') AND (r.study_id IS NULL OR l.study_id = r.study_id) "
"        AND (r.since IS NULL OR l.started_at >= r.since) "
"        AND EXISTS (SELECT 1 FROM audit.load_part p WHERE p.load_id = l.load_id)) l "
"WHERE n > 0";

/* A load's status against its parts: superseded with a current part, or succeeded with none. */
static const char status_sql[] =
SCOPE INSERT_FINDING
"SELECT $1::bigint, 'load_status_mismatch', 'warning', s.load_id, s.study_id, NULL, NULL, s.source_path, "
"       CASE s.status WHEN 'superseded' THEN 'no current part' ELSE 'a current part' END, "
"       x.current || ' of ' || x.parts || ' parts current', "
"       format('load %s is %s but %s of its %s parts are current', s.load_id, s.status, x.current, x.parts) "
"FROM s JOIN LATERAL (SELECT count(*) AS parts, count(*) FILTER (WHERE p.is_current) AS current "
"                     FROM audit.load_part p WHERE p.load_id = s.load_id) x ON x.parts > 0 "
"WHERE (s.status = 'superseded' AND x.current > 0) OR (s.status = 'succeeded' AND x.current = 0)";

/*
 * Cross-domain checks, over the studies in scope, patients who withdrew
 * left out: their facts stay, hidden from the analysts, and need nothing
 * from a steward.
 */
static const char *const cross_sql[] = {
	/* molecular data, but neither the sample nor its patient has a clinical record */
	SCOPE MOLECULAR INSERT_FINDING
	"SELECT $1::bigint, 'sample_without_clinical', 'warning', NULL, st.study_id, p.patient_id, s.sample_id, NULL, "
	"       'a clinical record', 'none', "
	"       format('sample %s has %s data, but no clinical or biospecimen file describes it or its patient %s', "
	"              s.sample_id, mol.types, p.patient_id) "
	"FROM mol JOIN warehouse.sample s ON s.sample_key = mol.sample_key JOIN st ON st.study_key = s.study_key "
	"JOIN warehouse.patient p ON p.patient_key = s.patient_key "
	"WHERE NOT p.withdrawn "
	"  AND NOT EXISTS (SELECT 1 FROM warehouse.clinical_fact f WHERE f.sample_key = s.sample_key AND f.is_current) "
	"  AND NOT EXISTS (SELECT 1 FROM audit.load_part cp WHERE cp.patient_key = s.patient_key AND cp.is_current) "
	"ORDER BY st.study_id, s.sample_id",

	/*
	 * the study's clinical files describe samples, and its patient's, but
	 * not this one (cBioPortal: a sample in a data file that the clinical
	 * sample file does not define)
	 */
	SCOPE MOLECULAR
	", defs AS (SELECT st.study_key FROM st WHERE EXISTS (SELECT 1 FROM warehouse.sample s2 "
	"           JOIN warehouse.clinical_fact f ON f.sample_key = s2.sample_key AND f.is_current "
	"           WHERE s2.study_key = st.study_key)) "
	INSERT_FINDING
	"SELECT $1::bigint, 'sample_not_in_clinical', 'warning', NULL, st.study_id, p.patient_id, s.sample_id, NULL, "
	"       'a clinical or biospecimen record of the sample', 'none', "
	"       format('sample %s has %s data; its patient %s has clinical data, but no clinical or biospecimen "
	"file describes the sample', s.sample_id, mol.types, p.patient_id) "
	"FROM mol JOIN warehouse.sample s ON s.sample_key = mol.sample_key JOIN st ON st.study_key = s.study_key "
	"JOIN defs ON defs.study_key = s.study_key JOIN warehouse.patient p ON p.patient_key = s.patient_key "
	"WHERE NOT p.withdrawn "
	"  AND NOT EXISTS (SELECT 1 FROM warehouse.clinical_fact f WHERE f.sample_key = s.sample_key AND f.is_current) "
	"  AND EXISTS (SELECT 1 FROM audit.load_part cp WHERE cp.patient_key = s.patient_key AND cp.is_current) "
	"ORDER BY st.study_id, s.sample_id",

	/* molecular data of a sample no source has given a patient */
	SCOPE MOLECULAR INSERT_FINDING
	"SELECT $1::bigint, 'sample_without_patient', 'warning', NULL, st.study_id, NULL, s.sample_id, NULL, "
	"       'a patient', 'none', "
	"       format('sample %s has %s data but no patient', s.sample_id, mol.types) "
	"FROM mol JOIN warehouse.sample s ON s.sample_key = mol.sample_key JOIN st ON st.study_key = s.study_key "
	"WHERE s.patient_key IS NULL ORDER BY st.study_id, s.sample_id",

	/* a patient with no sample at all */
	SCOPE INSERT_FINDING
	"SELECT $1::bigint, 'patient_without_samples', 'warning', NULL, st.study_id, p.patient_id, NULL, NULL, "
	"       'a sample', 'none', format('patient %s has no samples', p.patient_id) "
	"FROM warehouse.patient p JOIN st ON st.study_key = p.study_key "
	"WHERE NOT p.withdrawn AND NOT EXISTS (SELECT 1 FROM warehouse.sample s WHERE s.patient_key = p.patient_key) "
	"ORDER BY st.study_id, p.patient_id",

	/* a sample's clinical record filed under another patient than the sample's */
	SCOPE INSERT_FINDING
	"SELECT DISTINCT $1::bigint, 'sample_patient_conflict', 'error', NULL::bigint, st.study_id, fp.patient_id, s.sample_id, "
	"       NULL, sp.patient_id, fp.patient_id, "
	"       format('sample %s belongs to patient %s, but a clinical record of it names patient %s', "
	"              s.sample_id, coalesce(sp.patient_id, '(none)'), fp.patient_id) "
	"FROM warehouse.clinical_fact f JOIN warehouse.sample s ON s.sample_key = f.sample_key "
	"JOIN st ON st.study_key = s.study_key JOIN warehouse.patient fp ON fp.patient_key = f.patient_key "
	"LEFT JOIN warehouse.patient sp ON sp.patient_key = s.patient_key "
	"WHERE f.sample_key IS NOT NULL AND f.is_current AND f.patient_key IS DISTINCT FROM s.patient_key "
	"  AND NOT fp.withdrawn AND NOT coalesce(sp.withdrawn, false)",

	/* the same sample ID under different patients in two studies */
	SCOPE INSERT_FINDING
	"SELECT $1::bigint, 'sample_id_two_patients', 'warning', NULL, st.study_id, p1.patient_id, s1.sample_id, NULL, "
	"       p1.patient_id, p2.patient_id, "
	"       format('sample %s is patient %s''s in study %s but patient %s''s in study %s', "
	"              s1.sample_id, p1.patient_id, st.study_id, p2.patient_id, st2.study_id) "
	"FROM warehouse.sample s1 JOIN st ON st.study_key = s1.study_key "
	"JOIN warehouse.sample s2 ON s2.sample_id = s1.sample_id AND s2.study_key <> s1.study_key "
	"JOIN warehouse.study st2 ON st2.study_key = s2.study_key "
	"JOIN warehouse.patient p1 ON p1.patient_key = s1.patient_key "
	"JOIN warehouse.patient p2 ON p2.patient_key = s2.patient_key, r "
	"WHERE p1.patient_id <> p2.patient_id AND NOT p1.withdrawn AND NOT p2.withdrawn "
	"  AND (r.study_id IS NOT NULL OR s1.study_key < s2.study_key) "
	"ORDER BY st.study_id, s1.sample_id",

	/* current copy-number segments of one study in two genome builds */
	SCOPE INSERT_FINDING
	"SELECT $1::bigint, 'genome_build_mixed', 'warning', NULL, st.study_id, NULL, NULL, NULL, "
	"       'one genome build', b.builds, "
	"       format('study %s has current copy-number segments in %s', st.study_id, b.builds) "
	"FROM st JOIN LATERAL (SELECT string_agg(DISTINCT c.genome_build, ', ') AS builds, "
	"                             count(DISTINCT c.genome_build) AS n "
	"                      FROM audit.load_part lp JOIN warehouse.copy_number_segment c ON c.part_id = lp.part_id "
	"                      WHERE lp.study_key = st.study_key AND lp.is_current "
	"                        AND lp.data_type = 'copy_number_segment') b ON b.n > 1",
	NULL
};

/*
 * Supersessions since the previous run of the same scope (all, for the
 * first): what replaced what, for the record.
 */
static const char superseded_sql[] =
SCOPE ", prev AS (SELECT p.started_at FROM audit.reconciliation p, r WHERE p.run_id = r.previous_run_id) "
INSERT_FINDING
"SELECT $1::bigint, 'load_superseded', 'info', o.load_id, st.study_id, NULL, NULL, n.source_path, "
"       o.load_id::text, o.superseded_by_load::text, "
"       format('load %s (%s) superseded by load %s (%s): %s part%s', o.load_id, coalesce(ol.source_path, '?'), "
"              o.superseded_by_load, coalesce(n.source_path, '?'), count(*), CASE WHEN count(*) = 1 THEN '' ELSE 's' END) "
"FROM audit.load_part o JOIN st ON st.study_key = o.study_key "
"JOIN audit.load ol ON ol.load_id = o.load_id JOIN audit.load n ON n.load_id = o.superseded_by_load "
"WHERE o.superseded_by_load IS NOT NULL "
"  AND (NOT EXISTS (SELECT 1 FROM prev) OR o.superseded_at >= (SELECT started_at FROM prev)) "
"GROUP BY o.load_id, o.superseded_by_load, st.study_id, ol.source_path, n.source_path "
"ORDER BY o.superseded_by_load, o.load_id";

/*
 * Each load's file, with every load of the same path (id:sha256, in order)
 * so that a file replaced by a newer delivery that was loaded is told
 * apart from one changed behind the audit trail's back.
 */
static const char files_sql[] =
SCOPE ", paths AS (SELECT source_path, string_agg(load_id || ':' || source_sha256, ',' ORDER BY load_id) AS loads "
"           FROM audit.load WHERE status IN ('succeeded', 'superseded', 'skipped') "
"             AND source_sha256 IS NOT NULL AND source_path IN (SELECT source_path FROM s) "
"           GROUP BY source_path) "
"SELECT s.load_id, s.study_id, s.source_path, s.source_sha256, s.source_size, coalesce(p.loads, '') "
"FROM s LEFT JOIN paths p USING (source_path) "
"WHERE s.source_path IS NOT NULL AND s.source_sha256 IS NOT NULL ORDER BY s.source_path, s.load_id";

static const char finish_sql[] =
"UPDATE audit.reconciliation r SET finished_at = clock_timestamp(), "
"loads_checked = $2::integer, facts_checked = $3::integer, files_checked = $4::integer, "
"patients_withdrawn = (SELECT count(*) FROM warehouse.patient p JOIN warehouse.study st ON st.study_key = p.study_key "
"                      WHERE p.withdrawn AND (r.study_id IS NULL OR st.study_id = r.study_id)), "
"errors = f.errors, warnings = f.warnings, infos = f.infos, "
"status = CASE WHEN f.errors + f.warnings > 0 THEN 'attention' ELSE 'clean' END "
"FROM (SELECT count(*) FILTER (WHERE severity = 'error') AS errors, "
"             count(*) FILTER (WHERE severity = 'warning') AS warnings, "
"             count(*) FILTER (WHERE severity = 'info') AS infos "
"      FROM audit.reconciliation_finding WHERE run_id = $1::bigint) f "
"WHERE r.run_id = $1::bigint";

/*
 * Whether a load after load_id of the same path read bytes with this
 * SHA-256 (sha NULL: whether there is a later load of the path at all).
 * loads is "id:sha256,..." in load order.
 */
static bool
later_load_has(const char *loads, int64_t load_id, const char *sha)
{
	size_t		shalen = sha ? strlen(sha) : 0;

	for (const char *p = loads; *p;)
	{
		char	   *end;
		int64_t		id = strtoll(p, &end, 10);
		const char *next;

		if (*end != ':')
			break;
		end++;
		next = strchr(end, ',');
		if (id > load_id && (!sha || ((size_t) ((next ? next : end + strlen(end)) - end) == shalen &&
									  strncmp(end, sha, shalen) == 0)))
			return true;
		if (!next)
			break;
		p = next + 1;
	}
	return false;
}

static int
add_finding(PGconn *conn, const char *run, const char *code, const char *severity,
			const char *load_id, const char *study, const char *path,
			const char *expected, const char *actual, const char *message)
{
	const char *params[9] = {run, code, severity, load_id, study, path, expected, actual, message};
	PGresult   *res = db_query(conn, INSERT_FINDING
							   "VALUES ($1::bigint, $2, $3, $4::bigint, $5, NULL, NULL, $6, $7, $8, $9)",
							   9, params);

	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

/*
 * (b) Each load's source file: still there, with the same SHA-256.  A path
 * is hashed once however many loads read it; a size that differs is a
 * change without reading the file.  *files gets the paths checked.
 */
static int
check_files(PGconn *conn, const char *run, int *files)
{
	const char *params[1] = {run};
	PGresult   *res = db_query(conn, files_sql, 1, params);
	const char *path = NULL;
	char		hex[65] = "";
	int			err = 0;
	int			rc = 0;
	uint64_t	size = 0;

	if (!res)
		return -1;
	*files = 0;
	for (int i = 0; i < PQntuples(res) && rc == 0; i++)
	{
		const char *load_id = PQgetvalue(res, i, 0);
		int64_t		id = strtoll(load_id, NULL, 10);
		const char *study = PQgetisnull(res, i, 1) ? NULL : PQgetvalue(res, i, 1);
		const char *p = PQgetvalue(res, i, 2);
		const char *sha = PQgetvalue(res, i, 3);
		const char *later = PQgetvalue(res, i, 5);
		uint64_t	want_size = strtoull(PQgetvalue(res, i, 4), NULL, 10);
		char	   *msg = NULL;
		char		actual[64];

		if (!path || strcmp(path, p) != 0)
		{
			struct stat sb;

			path = p;
			(*files)++;
			hex[0] = '\0';
			err = 0;
			if (stat(path, &sb) != 0)
				err = errno;
			else if (!S_ISREG(sb.st_mode))
				err = EISDIR;
			else
				size = (uint64_t) sb.st_size;
		}
		/* hash the path once, when its size does not already tell */
		if (!err && !hex[0] && (size == want_size || later_load_has(later, id, NULL)))
		{
			uint64_t	n;

			if (filehash(path, "sha256", hex, sizeof(hex), &n) != 0)
				err = errno;
		}
		if (err == ENOENT || err == ENOTDIR)
		{
			msg = xasprintf("load %s: its source file is gone: %s", load_id, path);
			rc = add_finding(conn, run, "source_missing", "warning", load_id, study, path,
							 sha, NULL, msg);
		}
		else if (err)
		{
			msg = xasprintf("load %s: its source file cannot be read: %s: %s", load_id, path,
							strerror(err));
			rc = add_finding(conn, run, "source_unreadable", "warning", load_id, study, path,
							 sha, strerror(err), msg);
		}
		else if (!hex[0])
		{
			snprintf(actual, sizeof(actual), "%" PRIu64 " bytes", size);
			msg = xasprintf("load %s: its source file changed since it was loaded (%" PRIu64
							" bytes then, %" PRIu64 " now): %s", load_id, want_size, size, path);
			rc = add_finding(conn, run, "source_changed", "error", load_id, study, path,
							 sha, actual, msg);
		}
		else if (strcmp(hex, sha) != 0 && !later_load_has(later, id, hex))
		{
			/* (a file replaced by a newer delivery that was loaded is not a finding) */
			msg = xasprintf("load %s: its source file changed since it was loaded (SHA-256 differs): %s",
							load_id, path);
			rc = add_finding(conn, run, "source_changed", "error", load_id, study, path,
							 sha, hex, msg);
		}
		free(msg);
	}
	PQclear(res);
	return rc;
}

static const char *
os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());

	return pw ? pw->pw_name : NULL;
}

/* Run a statement of the run's ($1) that returns no rows we need. */
static int
exec_run(PGconn *conn, const char *sql, const char *run)
{
	const char *params[1] = {run};
	PGresult   *res = db_query(conn, sql, 1, params);

	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

int
reconcile_run(PGconn *conn, const reconcile_scope *scope, int64_t *run_id)
{
	char		host[256] = "";
	char		run[24];
	char		loads[24],
				facts[24],
				files[24];
	int			nfiles = 0;
	PGresult   *res;

	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	/* one snapshot for every check, and one commit for the run and its findings */
	if (db_exec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ") < 0)
		return ONC_EXIT_DB;
	{
		const char *params[5] = {scope->study, scope->since, PACKAGE_VERSION, os_user(),
		host[0] ? host : NULL};

		res = db_query(conn, start_sql, 5, params);
		if (!res)
		{
			bool		bad_since = strncmp(db_last_sqlstate(), "22", 2) == 0;

			PQclear(PQexec(conn, "ROLLBACK"));
			if (bad_since)
				onc_hint("--since takes a time PostgreSQL reads, e.g. 2026-11-01 or '7 days ago'.");
			return bad_since ? ONC_EXIT_USAGE : ONC_EXIT_DB;
		}
		snprintf(run, sizeof(run), "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
	}
	{
		const char *params[1] = {run};

		if (!(res = db_query(conn, fact_count_sql, 1, params)))
			goto fail;
		snprintf(loads, sizeof(loads), "%s", PQgetvalue(res, 0, 0));
		snprintf(facts, sizeof(facts), "%s", PQgetvalue(res, 0, 1));
		PQclear(res);
	}
	if (exec_run(conn, orphan_sql, run) < 0 || exec_run(conn, status_sql, run) < 0 ||
		check_files(conn, run, &nfiles) < 0)
		goto fail;
	for (int i = 0; cross_sql[i]; i++)
		if (exec_run(conn, cross_sql[i], run) < 0)
			goto fail;
	if (exec_run(conn, superseded_sql, run) < 0)
		goto fail;
	snprintf(files, sizeof(files), "%d", nfiles);
	{
		const char *params[4] = {run, loads, facts, files};

		if (!(res = db_query(conn, finish_sql, 4, params)))
			goto fail;
		PQclear(res);
	}
	if (db_exec(conn, "COMMIT") < 0)
		return ONC_EXIT_DB;
	*run_id = strtoll(run, NULL, 10);
	return ONC_EXIT_OK;

fail:
	PQclear(PQexec(conn, "ROLLBACK"));
	return ONC_EXIT_DB;
}
