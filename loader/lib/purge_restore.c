/*
 * purge_restore.c: undoing what one load superseded (see purge.h), for
 * "oncoload rollback": the mirror image of audit.c's supersede (parts) and
 * clin_load.c's supersede (clinical facts and the parts that count them).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "purge.h"

/*
 * Parts of other loads that load $1 superseded (audit.c's supersede: same
 * study, data type, sample, workflow, measure and aliquot).  When $1's own
 * matching part is still current, the old part is current again; when a
 * later load replaced $1's part, it would have replaced the old one had $1
 * never run, so the old part stays replaced, by that load.
 */
static const char restore_parts_sql[] =
"WITH o AS ("
"  SELECT o.part_id, h.by, h.at FROM audit.load_part o "
"  LEFT JOIN LATERAL (SELECT n.superseded_by_load AS by, n.superseded_at AS at "
"    FROM audit.load_part n WHERE n.load_id = $1::bigint AND n.study_key = o.study_key "
"    AND n.data_type = o.data_type AND n.sample_key = o.sample_key "
"    AND n.workflow IS NOT DISTINCT FROM o.workflow AND n.measure_key IS NOT DISTINCT FROM o.measure_key "
"    AND n.aliquot_key IS NOT DISTINCT FROM o.aliquot_key "
"    ORDER BY n.is_current DESC, n.superseded_by_load DESC NULLS LAST LIMIT 1) h ON true "
"  WHERE o.superseded_by_load = $1::bigint AND o.patient_key IS NULL), "
"u AS (UPDATE audit.load_part p SET is_current = o.by IS NULL, superseded_by_load = o.by, "
"  superseded_at = CASE WHEN o.by IS NULL THEN NULL ELSE o.at END "
"  FROM o WHERE p.part_id = o.part_id RETURNING o.by IS NULL AS restored) "
"SELECT count(*) FILTER (WHERE restored), count(*) FILTER (WHERE NOT restored) FROM u";

/*
 * Clinical facts that load $1 replaced (clin_load.c's supersede: same
 * patient, sample, entity, instance and attribute), with the same rule,
 * fact by fact; then the per-patient parts they belong to count them back
 * (facts_replaced) and are current again when any of their facts is.
 */
static const char restore_clinical_sql[] =
"WITH g AS ("
"  SELECT patient_key, coalesce(sample_key, -1) AS s, entity, instance, attribute, "
"  bool_or(is_current) AS cur, max(superseded_by_load) AS by, max(superseded_at) AS at "
"  FROM warehouse.clinical_fact WHERE load_id = $1::bigint GROUP BY 1, 2, 3, 4, 5), "
"o AS ("
"  SELECT f.ctid AS tid, f.load_id, f.patient_key, "
"  CASE WHEN g.cur IS DISTINCT FROM false THEN NULL ELSE g.by END AS by, g.at "
"  FROM warehouse.clinical_fact f LEFT JOIN g ON g.patient_key = f.patient_key "
"  AND g.s = coalesce(f.sample_key, -1) AND g.entity = f.entity AND g.instance = f.instance "
"  AND g.attribute = f.attribute WHERE f.superseded_by_load = $1::bigint), "
"u AS (UPDATE warehouse.clinical_fact c SET is_current = o.by IS NULL, superseded_by_load = o.by, "
"  superseded_at = CASE WHEN o.by IS NULL THEN NULL ELSE o.at END "
"  FROM o WHERE c.ctid = o.tid RETURNING o.load_id, o.patient_key, o.by), "
"s AS (SELECT load_id, patient_key, count(*) FILTER (WHERE by IS NULL) AS n, max(by) AS by "
"  FROM u GROUP BY 1, 2), "
"p AS (UPDATE audit.load_part p SET facts_replaced = p.facts_replaced - s.n, "
"  is_current = p.facts_replaced - s.n < p.facts, "
"  superseded_by_load = CASE WHEN p.facts_replaced - s.n < p.facts THEN NULL "
"    WHEN p.superseded_by_load = $1::bigint THEN s.by ELSE p.superseded_by_load END, "
"  superseded_at = CASE WHEN p.facts_replaced - s.n < p.facts THEN NULL ELSE p.superseded_at END "
"  FROM s WHERE p.load_id = s.load_id AND p.patient_key = s.patient_key "
"  RETURNING p.is_current AND p.superseded_by_load IS NULL AS restored) "
"SELECT (SELECT count(*) FROM u WHERE by IS NULL), (SELECT count(*) FROM u WHERE by IS NOT NULL), "
"(SELECT count(*) FROM p WHERE restored)";

int
purge_restore(PGconn *conn, const char *load_id, const char *study_id, purge_report *r)
{
	const char *params[2] = {load_id, study_id};
	PGresult   *res;
	char	   *left;

	res = db_query(conn, restore_parts_sql, 1, params);
	if (!res)
		return -1;
	purge_report_add(r, "restored audit.load_part", strtoll(PQgetvalue(res, 0, 0), NULL, 10));
	purge_report_add(r, "handed_over audit.load_part", strtoll(PQgetvalue(res, 0, 1), NULL, 10));
	PQclear(res);

	res = db_query(conn, restore_clinical_sql, 1, params);
	if (!res)
		return -1;
	purge_report_add(r, "restored warehouse.clinical_fact", strtoll(PQgetvalue(res, 0, 0), NULL, 10));
	purge_report_add(r, "handed_over warehouse.clinical_fact", strtoll(PQgetvalue(res, 0, 1), NULL, 10));
	purge_report_add(r, "restored audit.load_part (clinical)", strtoll(PQgetvalue(res, 0, 2), NULL, 10));
	PQclear(res);

	/* nothing may still name the load as the one that replaced it */
	left = db_value(conn,
					"SELECT (SELECT count(*) FROM audit.load_part WHERE superseded_by_load = $1::bigint) + "
					"(SELECT count(*) FROM warehouse.clinical_fact WHERE superseded_by_load = $1::bigint)",
					1, params, NULL);
	if (!left)
		return -1;
	if (strcmp(left, "0") != 0)
	{
		onc_error("%s row(s) still record load %s as the load that replaced them; nothing was changed",
				  left, load_id);
		free(left);
		return -1;
	}
	free(left);

	res = db_query(conn,
				   "UPDATE audit.load l SET status = 'succeeded' WHERE l.status = 'superseded' "
				   "AND l.study_id = $2 AND l.load_id <> $1::bigint "
				   "AND EXISTS (SELECT 1 FROM audit.load_part p WHERE p.load_id = l.load_id AND p.is_current)",
				   2, params);
	if (!res)
		return -1;
	purge_report_add(r, "restored audit.load (superseded -> succeeded)", strtoll(PQcmdTuples(res), NULL, 10));
	PQclear(res);
	return 0;
}
