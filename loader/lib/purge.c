/*
 * purge.c: removing what loads wrote (see purge.h), for "oncoload rollback"
 * and "oncoload drop-study": the fact tables and how their rows are found,
 * the catalog check that no other table carries load ids, the dimension
 * rows only the removed loads used, and the audit row of the run.  Undoing
 * superseding is in purge_restore.c.
 */
#include "config.h"

#include <inttypes.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "db.h"
#include "purge.h"
#include "textutil.h"

/* advisory lock classes: the same as audit.c's */
#define LOCK_STUDY_DATATYPE 0x6f6e6301
#define LOCK_STUDY_DIMS		0x6f6e6302
#define LOCK_GENES			0x6f6e6303

/*
 * The fact tables.  Tables with a part are emptied through the load's
 * parts: their indexes start with part_id (warehouse.expression has no
 * other), while a scan by load_id would read the whole table.
 */
typedef struct fact_table
{
	const char *name;
	bool		by_part;
} fact_table;

static const fact_table fact_tables[] = {
	{"warehouse.expression", true},
	{"warehouse.expression_qc", true},
	{"warehouse.gene_copy_number", true},
	{"warehouse.copy_number_segment", true},
	{"warehouse.mutation", true},
	{"warehouse.variant_genotype", true},
	{"warehouse.variant_site", false},
	{"warehouse.variant_consequence", false},
	{"warehouse.variant_annotation", false},
	{"warehouse.clinical_fact", false},
	{NULL, false}
};

/*
 * Every warehouse column that names a load or a part (by its name, or by a
 * foreign key to audit.load or audit.load_part), and that the code below
 * handles: the fact tables' keys, the dimensions' created_load_id,
 * and the few columns that record what a load did to a shared row.  A
 * column not listed here makes purge_check_catalog refuse.
 */
static const char *const known_columns[] = {
	"expression.load_id", "expression.part_id",
	"expression_qc.load_id", "expression_qc.part_id",
	"gene_copy_number.load_id", "gene_copy_number.part_id",
	"copy_number_segment.load_id", "copy_number_segment.part_id",
	"mutation.load_id", "mutation.part_id",
	"variant_genotype.load_id", "variant_genotype.part_id",
	"variant_site.load_id",
	"variant_consequence.load_id",
	"variant_annotation.load_id",
	"clinical_fact.load_id", "clinical_fact.superseded_by_load",
	"study.created_load_id",
	"patient.created_load_id", "patient.withdrawn_load_id",
	"sample.created_load_id",
	"aliquot.created_load_id",
	"gene.created_load_id",
	"variant.created_load_id", "variant.annotation_load_id",
	NULL
};

/* ------------------------------------------------------------ the report */

void
purge_report_add(purge_report *r, const char *what, int64_t n)
{
	for (int i = 0; i < r->len; i++)
		if (strcmp(r->what[i], what) == 0)
		{
			r->n[i] += n;
			return;
		}
	if (r->len == r->cap)
	{
		r->cap = r->cap ? r->cap * 2 : 16;
		r->what = xrealloc(r->what, (size_t) r->cap * sizeof(char *));
		r->n = xrealloc(r->n, (size_t) r->cap * sizeof(int64_t));
	}
	r->what[r->len] = xstrdup(what);
	r->n[r->len] = n;
	r->len++;
}

int64_t
purge_report_get(const purge_report *r, const char *what)
{
	for (int i = 0; i < r->len; i++)
		if (strcmp(r->what[i], what) == 0)
			return r->n[i];
	return 0;
}

void
purge_report_free(purge_report *r)
{
	for (int i = 0; i < r->len; i++)
		free(r->what[i]);
	free(r->what);
	free(r->n);
	memset(r, 0, sizeof(*r));
}

void
purge_report_print(const purge_report *r, FILE *f)
{
	for (int i = 0; i < r->len; i++)
	{
		const char *sp = strchr(r->what[i], ' ');
		int			verb = sp ? (int) (sp - r->what[i]) : 0;

		if (r->n[i] == 0)
			continue;

		fprintf(f, "  %-12.*s %-36s %12" PRId64 "\n", verb, r->what[i],
				sp ? sp + 1 : r->what[i], r->n[i]);
	}
}

void
purge_report_json(const purge_report *r, onc_buf *b)
{
	bool		first_section = true;

	buf_puts(b, "{");
	for (int i = 0; i < r->len; i++)
	{
		const char *sp = strchr(r->what[i], ' ');
		size_t		verb = sp ? (size_t) (sp - r->what[i]) : strlen(r->what[i]);
		bool		seen = false,
					first = true;

		for (int j = 0; j < i && !seen; j++)
			seen = strncmp(r->what[j], r->what[i], verb) == 0 && r->what[j][verb] == ' ';
		if (seen || !sp)
			continue;
		buf_puts(b, first_section ? "\"" : ",\"");
		first_section = false;
		buf_append(b, r->what[i], verb);
		buf_puts(b, "\":{");
		for (int j = i; j < r->len; j++)
		{
			if (strncmp(r->what[j], r->what[i], verb) != 0 || r->what[j][verb] != ' ')
				continue;
			buf_puts(b, first ? "\"" : ",\"");
			first = false;
			json_escape(b, r->what[j] + verb + 1);
			buf_printf(b, "\":%" PRId64, r->n[j]);
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "}");
}

/* ------------------------------------------------------------ helpers */

/* Run sql; add its row count to the report under label (unless NULL).  0 or -1. */
static int
run_counted(PGconn *conn, const char *sql, int nparams, const char *const *params,
			purge_report *r, const char *label)
{
	PGresult   *res = db_query(conn, sql, nparams, params);

	if (!res)
		return -1;
	if (label)
		purge_report_add(r, label, strtoll(PQcmdTuples(res), NULL, 10));
	PQclear(res);
	return 0;
}

int
purge_check_catalog(PGconn *conn)
{
	onc_buf		known;
	PGresult   *res;
	const char *params[1];
	int			rc;

	buf_init(&known);
	buf_puts(&known, "{");
	for (int i = 0; known_columns[i]; i++)
	{
		if (i)
			buf_puts(&known, ",");
		db_array_elem(&known, known_columns[i]);
	}
	buf_puts(&known, "}");
	params[0] = known.data;
	res = db_query(conn,
				   "SELECT c.relname || '.' || a.attname FROM pg_catalog.pg_attribute a "
				   "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
				   "WHERE c.relnamespace = 'warehouse'::pg_catalog.regnamespace AND c.relkind IN ('r', 'p') "
				   "AND a.attnum > 0 AND NOT a.attisdropped "
				   "AND (a.attname = 'part_id' OR a.attname ~ '(^|_)load(_id)?$' "
				   "OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.contype = 'f' "
				   "AND k.conrelid = c.oid AND a.attnum = ANY (k.conkey) AND k.confrelid IN "
				   "('audit.load'::pg_catalog.regclass, 'audit.load_part'::pg_catalog.regclass))) "
				   "AND NOT (c.relname || '.' || a.attname) = ANY ($1::text[]) ORDER BY 1",
				   1, params);
	buf_free(&known);
	if (!res)
		return -1;
	rc = PQntuples(res) > 0;
	for (int i = 0; i < PQntuples(res); i++)
		onc_error("column warehouse.%s names a load, and oncoload does not know how to remove "
				  "its rows; nothing was changed", PQgetvalue(res, i, 0));
	if (rc)
		onc_hint("Teach loader/lib/purge.c (fact_tables, known_columns) about the table first.");
	PQclear(res);
	return rc;
}

int
purge_lock(PGconn *conn, const char *study_id, char *const *data_types, int ntypes, bool genes)
{
	char		cls[16];

	snprintf(cls, sizeof(cls), "%d", LOCK_STUDY_DATATYPE);
	for (int i = 0; i < ntypes; i++)
	{
		char	   *key = xasprintf("%s/%s", study_id, data_types[i]);
		const char *params[2] = {cls, key};
		PGresult   *res = db_query(conn, "SELECT pg_catalog.pg_advisory_xact_lock($1::int, pg_catalog.hashtext($2))",
								   2, params);

		free(key);
		if (!res)
			return -1;
		PQclear(res);
	}
	snprintf(cls, sizeof(cls), "%d", LOCK_STUDY_DIMS);
	{
		const char *params[2] = {cls, study_id};
		PGresult   *res = db_query(conn, "SELECT pg_catalog.pg_advisory_xact_lock($1::int, pg_catalog.hashtext($2))",
								   2, params);

		if (!res)
			return -1;
		PQclear(res);
	}
	if (genes)
	{
		char	   *sql = xasprintf("SELECT pg_catalog.pg_advisory_xact_lock(%d, 0)", LOCK_GENES);
		int			rc = db_exec(conn, sql);

		free(sql);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
purge_set_loads(PGconn *conn, const char *select_sql, int nparams, const char *const *params)
{
	char	   *sql;
	PGresult   *res;

	if (db_exec(conn, "CREATE TEMP TABLE IF NOT EXISTS purge_load (load_id bigint PRIMARY KEY) ON COMMIT DROP; "
				"TRUNCATE pg_temp.purge_load") < 0)
		return -1;
	sql = xasprintf("INSERT INTO pg_temp.purge_load (load_id) %s", select_sql);
	res = db_query(conn, sql, nparams, params);
	free(sql);
	if (!res)
		return -1;
	PQclear(res);
	return db_exec(conn, "ANALYZE pg_temp.purge_load");
}

/* ------------------------------------------------------------ removing */

int
purge_facts(PGconn *conn, purge_report *r)
{
	for (const fact_table *t = fact_tables; t->name; t++)
	{
		char	   *sql,
				   *label;
		int			rc;

		if (t->by_part)
			sql = xasprintf("DELETE FROM %s t WHERE t.part_id IN (SELECT p.part_id FROM audit.load_part p "
							"JOIN pg_temp.purge_load s ON s.load_id = p.load_id)", t->name);
		else
			sql = xasprintf("DELETE FROM %s t WHERE t.load_id IN (SELECT load_id FROM pg_temp.purge_load)",
							t->name);
		label = xasprintf("removed %s", t->name);
		rc = run_counted(conn, sql, 0, NULL, r, label);
		free(sql);
		free(label);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The set, for the statements below. */
#define IN_SET "IN (SELECT load_id FROM pg_temp.purge_load)"

/*
 * Dimension rows the loads created that nothing references once their
 * facts and parts are gone, children first.  The references are the
 * declared foreign keys and the undeclared keys of the fact tables.
 */
static const char *const dimension_sql[][2] = {
	{"removed warehouse.aliquot",
		"DELETE FROM warehouse.aliquot a WHERE a.created_load_id " IN_SET " "
		"AND NOT EXISTS (SELECT 1 FROM audit.load_part p WHERE p.aliquot_key = a.aliquot_key) "
	"AND NOT EXISTS (SELECT 1 FROM warehouse.mutation m WHERE m.normal_aliquot_key = a.aliquot_key)"},
	{"removed warehouse.sample",
		"DELETE FROM warehouse.sample s WHERE s.created_load_id " IN_SET " "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.aliquot a WHERE a.sample_key = s.sample_key) "
		"AND NOT EXISTS (SELECT 1 FROM audit.load_part p WHERE p.sample_key = s.sample_key) "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.clinical_fact f WHERE f.sample_key = s.sample_key) "
	"AND NOT EXISTS (SELECT 1 FROM warehouse.mutation m WHERE m.normal_sample_key = s.sample_key)"},
	{"removed warehouse.patient",
		"DELETE FROM warehouse.patient pt WHERE pt.created_load_id " IN_SET " "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.sample s WHERE s.patient_key = pt.patient_key) "
		"AND NOT EXISTS (SELECT 1 FROM audit.load_part p WHERE p.patient_key = pt.patient_key) "
	"AND NOT EXISTS (SELECT 1 FROM warehouse.clinical_fact f WHERE f.patient_key = pt.patient_key)"},
	{"removed warehouse.study",
		"DELETE FROM warehouse.study st WHERE st.created_load_id " IN_SET " "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.patient x WHERE x.study_key = st.study_key) "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.sample x WHERE x.study_key = st.study_key) "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.aliquot x WHERE x.study_key = st.study_key) "
		"AND NOT EXISTS (SELECT 1 FROM audit.load_part x WHERE x.study_key = st.study_key) "
	"AND NOT EXISTS (SELECT 1 FROM warehouse.clinical_fact x WHERE x.study_key = st.study_key)"},
	{"removed warehouse.variant",
		"DELETE FROM warehouse.variant v WHERE v.created_load_id " IN_SET " "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.mutation x WHERE x.variant_key = v.variant_key) "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.variant_genotype x WHERE x.variant_key = v.variant_key) "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.variant_site x WHERE x.variant_key = v.variant_key) "
		"AND NOT EXISTS (SELECT 1 FROM warehouse.variant_annotation x WHERE x.variant_key = v.variant_key) "
	"AND NOT EXISTS (SELECT 1 FROM warehouse.variant_consequence x WHERE x.variant_key = v.variant_key)"},
	{NULL, NULL}
};

/*
 * Rows the loads created that others still use: created by the earliest
 * load that still does (else left as they are).
 */
static const char *const recreate_sql[] = {
	/* one pass over each referring table (hash joins), not a scan per row */
	"WITH x AS (SELECT aliquot_key AS k FROM warehouse.aliquot WHERE created_load_id " IN_SET "), "
	"r AS (SELECT p.aliquot_key AS k, min(p.load_id) AS l FROM audit.load_part p JOIN x ON x.k = p.aliquot_key "
	"  GROUP BY 1) "
	"UPDATE warehouse.aliquot a SET created_load_id = r.l FROM r WHERE a.aliquot_key = r.k",

	"WITH x AS (SELECT sample_key AS k FROM warehouse.sample WHERE created_load_id " IN_SET "), "
	"r AS (SELECT k, min(l) AS l FROM ("
	"  SELECT p.sample_key AS k, p.load_id AS l FROM audit.load_part p JOIN x ON x.k = p.sample_key "
	"  UNION ALL SELECT a.sample_key, a.created_load_id FROM warehouse.aliquot a JOIN x ON x.k = a.sample_key "
	"  UNION ALL SELECT f.sample_key, f.load_id FROM warehouse.clinical_fact f JOIN x ON x.k = f.sample_key"
	") u WHERE l IS NOT NULL GROUP BY k) "
	"UPDATE warehouse.sample s SET created_load_id = r.l FROM r WHERE s.sample_key = r.k",

	"WITH x AS (SELECT patient_key AS k FROM warehouse.patient WHERE created_load_id " IN_SET "), "
	"r AS (SELECT k, min(l) AS l FROM ("
	"  SELECT p.patient_key AS k, p.load_id AS l FROM audit.load_part p JOIN x ON x.k = p.patient_key "
	"  UNION ALL SELECT s.patient_key, s.created_load_id FROM warehouse.sample s JOIN x ON x.k = s.patient_key"
	") u WHERE l IS NOT NULL GROUP BY k) "
	"UPDATE warehouse.patient pt SET created_load_id = r.l FROM r WHERE pt.patient_key = r.k",

	"WITH x AS (SELECT study_key AS k FROM warehouse.study WHERE created_load_id " IN_SET "), "
	"r AS (SELECT k, min(l) AS l FROM ("
	"  SELECT p.study_key AS k, p.load_id AS l FROM audit.load_part p JOIN x ON x.k = p.study_key "
	"  UNION ALL SELECT s.study_key, s.created_load_id FROM warehouse.sample s JOIN x ON x.k = s.study_key "
	"  UNION ALL SELECT pt.study_key, pt.created_load_id FROM warehouse.patient pt JOIN x ON x.k = pt.study_key"
	") u WHERE l IS NOT NULL GROUP BY k) "
	"UPDATE warehouse.study st SET created_load_id = r.l FROM r WHERE st.study_key = r.k",

	/* variants: each referring table has an index on variant_key */
	"UPDATE warehouse.variant v SET created_load_id = r.l FROM (SELECT x.variant_key, "
	"least((SELECT min(m.load_id) FROM warehouse.mutation m WHERE m.variant_key = x.variant_key), "
	"(SELECT min(g.load_id) FROM warehouse.variant_genotype g WHERE g.variant_key = x.variant_key), "
	"(SELECT min(s.load_id) FROM warehouse.variant_site s WHERE s.variant_key = x.variant_key), "
	"(SELECT min(a.load_id) FROM warehouse.variant_annotation a WHERE a.variant_key = x.variant_key), "
	"(SELECT min(c.load_id) FROM warehouse.variant_consequence c WHERE c.variant_key = x.variant_key)) AS l "
	"FROM warehouse.variant x WHERE x.created_load_id " IN_SET ") r "
	"WHERE v.variant_key = r.variant_key AND r.l IS NOT NULL",
	NULL
};

/*
 * A kept variant whose preferred annotation came from a removed load takes
 * the earliest remaining load's (moved from variant_annotation onto the
 * row, as the loader would have put it there had that load been first);
 * with none left, it has no annotation.
 */
static const char promote_annotation_sql[] =
"WITH a AS (SELECT DISTINCT ON (va.variant_key) va.* FROM warehouse.variant_annotation va "
"  JOIN warehouse.variant v ON v.variant_key = va.variant_key "
"  WHERE v.annotation_load_id " IN_SET " ORDER BY va.variant_key, va.load_id), "
"u AS (UPDATE warehouse.variant v SET gene_key = a.gene_key, variant_classification = a.variant_classification, "
"  annotation_load_id = a.load_id, annotation_source = a.source, gene_symbol = a.gene_symbol, "
"  entrez_gene_id = a.entrez_gene_id, gene_id = a.gene_id, consequence = a.consequence, impact = a.impact, "
"  transcript_id = a.transcript_id, hgvsc = a.hgvsc, hgvsp = a.hgvsp, hgvsp_short = a.hgvsp_short, "
"  sift = a.sift, polyphen = a.polyphen, dbsnp_rs = a.dbsnp_rs, existing_variation = a.existing_variation, "
"  annotation_extra = a.extra FROM a WHERE v.variant_key = a.variant_key RETURNING v.variant_key, a.load_id) "
"DELETE FROM warehouse.variant_annotation d USING u WHERE d.variant_key = u.variant_key AND d.load_id = u.load_id";

static const char clear_annotation_sql[] =
"UPDATE warehouse.variant v SET gene_key = NULL, variant_classification = NULL, annotation_load_id = NULL, "
"annotation_source = NULL, gene_symbol = NULL, entrez_gene_id = NULL, gene_id = NULL, consequence = NULL, "
"impact = NULL, transcript_id = NULL, hgvsc = NULL, hgvsp = NULL, hgvsp_short = NULL, sift = NULL, "
"polyphen = NULL, dbsnp_rs = NULL, existing_variation = NULL, annotation_extra = NULL "
"WHERE v.annotation_load_id " IN_SET;

/*
 * A withdrawal a removed load recorded stands only if another load's
 * facts record it too (the loaders never lift one).
 */
static const char withdrawal_sql[] =
"UPDATE warehouse.patient p SET withdrawn = r.l IS NOT NULL, withdrawn_load_id = r.l "
"FROM (SELECT x.patient_key, (SELECT min(f.load_id) FROM warehouse.clinical_fact f "
"  WHERE f.patient_key = x.patient_key AND f.attribute = 'withdrawn' AND f.typed AND f.value = 'true') AS l "
"  FROM warehouse.patient x WHERE x.withdrawn_load_id " IN_SET ") r "
"WHERE p.patient_key = r.patient_key";

/*
 * Clinical loads copy the patient and sample UUIDs their facts give onto
 * the dimension rows, the latest load's winning: for the patients of the
 * removed loads' parts, the latest remaining fact's, else none.
 */
static const char *const uuid_sql[] = {
	"UPDATE warehouse.patient p SET patient_uuid = r.u FROM (SELECT x.patient_key, "
	"(SELECT f.value FROM warehouse.clinical_fact f WHERE f.patient_key = x.patient_key "
	"  AND f.attribute = 'patient_uuid' AND f.typed AND f.value IS NOT NULL "
	"  ORDER BY f.load_id DESC, f.fact_id DESC LIMIT 1) AS u "
	"FROM (SELECT DISTINCT patient_key FROM audit.load_part WHERE load_id " IN_SET
	"  AND patient_key IS NOT NULL) x) r "
	"WHERE p.patient_key = r.patient_key AND p.patient_uuid IS DISTINCT FROM r.u",

	"UPDATE warehouse.sample s SET sample_uuid = r.u FROM (SELECT x.sample_key, "
	"(SELECT f.value FROM warehouse.clinical_fact f WHERE f.patient_key = x.patient_key "
	"  AND f.sample_key = x.sample_key AND f.entity = 'sample' AND f.attribute = 'sample_uuid' "
	"  AND f.typed AND f.value IS NOT NULL ORDER BY f.load_id DESC, f.fact_id DESC LIMIT 1) AS u "
	"FROM (SELECT DISTINCT s2.sample_key, s2.patient_key FROM warehouse.sample s2 "
	"  JOIN audit.load_part p ON p.patient_key = s2.patient_key WHERE p.load_id " IN_SET ") x) r "
	"WHERE s.sample_key = r.sample_key AND s.sample_uuid IS DISTINCT FROM r.u",
	NULL
};

int
purge_dimensions(PGconn *conn, purge_report *r)
{
	for (int i = 0; uuid_sql[i]; i++)
		if (run_counted(conn, uuid_sql[i], 0, NULL, r, NULL) < 0)
			return -1;
	if (run_counted(conn, "DELETE FROM audit.load_part p WHERE p.load_id " IN_SET, 0, NULL,
					r, "removed audit.load_part") < 0 ||
		run_counted(conn, withdrawal_sql, 0, NULL, r, "updated warehouse.patient (withdrawal)") < 0)
		return -1;
	for (int i = 0; dimension_sql[i][0]; i++)
		if (run_counted(conn, dimension_sql[i][1], 0, NULL, r, dimension_sql[i][0]) < 0)
			return -1;
	if (run_counted(conn, promote_annotation_sql, 0, NULL, r, "updated warehouse.variant (annotation)") < 0 ||
		run_counted(conn, clear_annotation_sql, 0, NULL, r, NULL) < 0)
		return -1;
	for (int i = 0; recreate_sql[i]; i++)
		if (run_counted(conn, recreate_sql[i], 0, NULL, r, NULL) < 0)
			return -1;
	return 0;
}

int
purge_mark_loads(PGconn *conn, const char *by_load, const char *message, purge_report *r)
{
	const char *params[2] = {by_load, message};

	return run_counted(conn,
					   "UPDATE audit.load l SET status = 'rolled_back', rolled_back_by = $1::bigint, message = $2 "
					   "WHERE l.load_id " IN_SET " AND l.status IN ('succeeded', 'superseded')",
					   2, params, r, "marked audit.load (rolled_back)");
}

/*
 * What is left of a study once its loads' rows are gone: rows no load
 * created (none, unless written by hand), then the study itself.
 */
int
purge_study(PGconn *conn, const char *study_key, purge_report *r)
{
	static const char *const sql[][2] = {
		{"removed audit.load_part", "DELETE FROM audit.load_part WHERE study_key = $1::int"},
		{"removed warehouse.clinical_fact", "DELETE FROM warehouse.clinical_fact WHERE study_key = $1::int"},
		{"removed warehouse.aliquot", "DELETE FROM warehouse.aliquot WHERE study_key = $1::int"},
		{"removed warehouse.sample", "DELETE FROM warehouse.sample WHERE study_key = $1::int"},
		{"removed warehouse.patient", "DELETE FROM warehouse.patient WHERE study_key = $1::int"},
		{"removed warehouse.study", "DELETE FROM warehouse.study WHERE study_key = $1::int"},
		{NULL, NULL}
	};
	const char *params[1] = {study_key};

	for (int i = 0; sql[i][0]; i++)
		if (run_counted(conn, sql[i][1], 1, params, r, sql[i][0]) < 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------ the audit row */

static char *
arguments_literal(int argc, char **argv)
{
	onc_buf		b;

	buf_init(&b);
	buf_puts(&b, "{");
	for (int i = 0; i < argc; i++)
	{
		if (i)
			buf_puts(&b, ",");
		db_array_elem(&b, argv[i]);
	}
	buf_puts(&b, "}");
	return b.data;
}

static char *
insert_run(PGconn *conn, const char *command, const char *study_id, const char *target,
		   int argc, char **argv, const char *status, const char *message)
{
	struct passwd *pw = getpwuid(geteuid());
	char		host[256],
				pid[16];
	char	   *args = arguments_literal(argc, argv);
	const char *params[10];
	char	   *id;

	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	snprintf(pid, sizeof(pid), "%d", (int) getpid());
	params[0] = command;
	params[1] = study_id;
	params[2] = target;
	params[3] = PACKAGE_VERSION;
	params[4] = pw ? pw->pw_name : NULL;
	params[5] = host;
	params[6] = pid;
	params[7] = args;
	params[8] = status;
	params[9] = message;
	id = db_value(conn,
				  "INSERT INTO audit.load (command, study_id, target_load_id, program_version, os_user, host, pid, "
				  "arguments, status, message, finished_at) VALUES ($1, $2, $3::bigint, $4, $5, $6, $7::int, "
				  "$8::text[], $9, $10, clock_timestamp()) RETURNING load_id",
				  10, params, NULL);
	free(args);
	return id;
}

char *
purge_audit_begin(PGconn *conn, const char *command, const char *study_id,
				  const char *target, int argc, char **argv)
{
	return insert_run(conn, command, study_id, target, argc, argv, "succeeded", NULL);
}

int
purge_audit_finish(PGconn *conn, const char *run_id, const purge_report *r, const char *message)
{
	onc_buf		meta;
	const char *params[3];
	PGresult   *res;

	buf_init(&meta);
	purge_report_json(r, &meta);
	params[0] = run_id;
	params[1] = meta.data;
	params[2] = message;
	res = db_query(conn,
				   "UPDATE audit.load SET metadata = $2::jsonb, message = $3, finished_at = clock_timestamp() "
				   "WHERE load_id = $1::bigint",
				   3, params);
	buf_free(&meta);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

void
purge_audit_failed(PGconn *conn, const char *command, const char *study_id,
				   const char *target, int argc, char **argv, const char *message)
{
	char	   *id;

	if (PQstatus(conn) != CONNECTION_OK)
		return;
	if (PQtransactionStatus(conn) != PQTRANS_IDLE)
		PQclear(PQexec(conn, "ROLLBACK"));
	id = insert_run(conn, command, study_id, target, argc, argv, "failed", message);
	free(id);
}
