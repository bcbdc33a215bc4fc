-- 014_keys_per_batch.sql: the foreign keys of a batch of new patients and of
-- a clinical load's parts checked once per batch.  Applied once by
-- "oncoload init".
--
-- PostgreSQL checks a foreign key row by row: for each row inserted, a
-- trigger looks up the row it names and locks it (FOR KEY SHARE).  The
-- patients of a batch all name one study and one load, and the parts of a
-- clinical load one load and the patients of its study, so for the 528
-- patients and 528 parts of a Biotab table that is 2,112 lookups of a
-- handful of rows: about 10 ms of a 100 ms load.
--
-- For a large batch these helpers make the same checks once: they look up
-- and lock FOR KEY SHARE each distinct row the batch names, as the per-row
-- trigger would, raise the error it would (foreign_key_violation, with its
-- constraint's name) if one is missing, and then insert with the per-row
-- triggers switched off for that one statement (session_replication_role
-- "replica", set back before the function returns; an error undoes it with
-- the transaction).  The constraints stay declared, and everything else
-- they do is unchanged: other writers, and deletes and key updates of the
-- rows named, are checked as before.  Switching the triggers off needs the
-- right to set session_replication_role: the helpers run with their
-- owner's rights (a superuser, or a role granted SET on that parameter);
-- when the owner lacks it, or the batch is small (a BCR XML file's one
-- patient), they insert with the per-row checks, as before.
--
-- The switch skips every trigger of the table for that statement, not only
-- the foreign keys': warehouse.patient and audit.load_part have no others.
-- A trigger added to them later must be ENABLE ALWAYS to see these rows.

-- fk_violation(TABLE, CONSTRAINT, COLUMNS, VALUES, REFERENCED): raise the
-- error PostgreSQL's own check raises for a key that names no row
CREATE FUNCTION audit.fk_violation(p_schema text, p_table text, p_constraint text, p_columns text, p_values text,
                                   p_referenced text)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', p_table, p_constraint
    USING ERRCODE = 'foreign_key_violation', SCHEMA = p_schema, TABLE = p_table, CONSTRAINT = p_constraint,
          DETAIL = format('Key (%s)=(%s) is not present in table "%s".', p_columns, p_values, p_referenced);
END $$;
COMMENT ON FUNCTION audit.fk_violation(text, text, text, text, text, text) IS
  'Helper of the batch checks (warehouse.ensure_patients, audit.add_patient_parts): raises the foreign_key_violation '
  'PostgreSQL''s per-row check would, for a key that names no row.';
REVOKE ALL ON FUNCTION audit.fk_violation(text, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.fk_violation(text, text, text, text, text, text) TO oncoload_loader;

-- keys_per_batch(N): whether a batch of N rows is checked once per batch
-- (large enough, and the owner may switch the per-row checks off).  No SET
-- clause, so that it is inlined into its callers' every call: it names
-- only pg_catalog's functions and operators, which are searched first.
CREATE FUNCTION audit.keys_per_batch(p_rows integer)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(p_rows, 0) >= 32 AND current_setting('session_replication_role') = 'origin'
         AND has_parameter_privilege('session_replication_role', 'SET')
$$;
COMMENT ON FUNCTION audit.keys_per_batch(integer) IS
  'Helper of the batch checks: true when a batch of this many rows has its foreign keys checked once per batch (32 rows '
  'or more, and the calling function''s owner may set session_replication_role). Switching the per-row triggers off '
  'makes PostgreSQL drop its cached plans, about as costly as the checks of a few dozen rows.';
REVOKE ALL ON FUNCTION audit.keys_per_batch(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.keys_per_batch(integer) TO oncoload_loader;

CREATE OR REPLACE FUNCTION warehouse.ensure_patients(p_study integer, p_patient_ids text[], p_projects text[],
                                                     p_tss text[], p_participants text[], p_uuids text[], p_load bigint)
RETURNS TABLE (patient_id text, patient_key integer, patient_uuid text, has_prior boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  r_ids   text[];
  r_keys  integer[];
  r_uuids text[];
  r_prior boolean[];
  batch   boolean := audit.keys_per_batch(cardinality(p_patient_ids));
BEGIN
  IF batch THEN
    -- the rows every new patient names, checked and locked as each
    -- patient's own check would (its withdrawing load is NULL)
    PERFORM 1 FROM warehouse.study s WHERE s.study_key = p_study FOR KEY SHARE;
    IF NOT FOUND AND p_study IS NOT NULL THEN
      PERFORM audit.fk_violation('warehouse', 'patient', 'patient_study_key_fkey', 'study_key', p_study::text, 'study');
    END IF;
    IF p_load IS NOT NULL THEN
      PERFORM 1 FROM audit.load l WHERE l.load_id = p_load FOR KEY SHARE;
      IF NOT FOUND THEN
        PERFORM audit.fk_violation('warehouse', 'patient', 'patient_created_load_id_fkey', 'created_load_id',
                                   p_load::text, 'load');
      END IF;
    END IF;
    PERFORM set_config('session_replication_role', 'replica', true);
  END IF;
  WITH u AS MATERIALIZED (
         SELECT * FROM unnest(p_patient_ids, p_projects, p_tss, p_participants, p_uuids)
                    AS u(id, project, tss, participant, uuid)),
       e AS MATERIALIZED (
         SELECT u.id, p.patient_key, p.patient_uuid, p.created_load_id
           FROM u JOIN warehouse.patient p ON p.study_key = p_study AND p.patient_id = u.id),
       ins AS (
         INSERT INTO warehouse.patient AS p (study_key, patient_id, tcga_project, tcga_tss, tcga_participant,
                                             patient_uuid, created_load_id)
         SELECT p_study, u.id, u.project, u.tss, u.participant, u.uuid, p_load
           FROM u
          WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.id = u.id)
         ON CONFLICT (study_key, patient_id) DO NOTHING
         RETURNING p.patient_id, p.patient_key, p.patient_uuid)
  SELECT array_agg(r.id), array_agg(r.key), array_agg(r.uuid), array_agg(r.prior)
    INTO r_ids, r_keys, r_uuids, r_prior
    FROM (SELECT i.patient_id AS id, i.patient_key AS key, i.patient_uuid AS uuid, false AS prior
            FROM ins i
          UNION ALL
          -- The LIMIT keeps the probe per patient: as an EXISTS, a large
          -- batch was planned as one hashed scan of every current part.
          SELECT e.id, e.patient_key, e.patient_uuid, coalesce(x.found, false)
            FROM e
            LEFT JOIN LATERAL (SELECT true AS found FROM audit.load_part lp
                                WHERE lp.patient_key = e.patient_key AND lp.is_current
                                  AND lp.load_id <> p_load AND e.created_load_id IS DISTINCT FROM p_load
                                LIMIT 1) x ON true) r;
  IF batch THEN
    PERFORM set_config('session_replication_role', 'origin', true);
  END IF;
  IF coalesce(cardinality(r_ids), 0) < cardinality(p_patient_ids) THEN
    -- created by another transaction after the lookup: seen now
    SELECT coalesce(r_ids, '{}') || array_agg(p.patient_id), coalesce(r_keys, '{}') || array_agg(p.patient_key),
           coalesce(r_uuids, '{}') || array_agg(p.patient_uuid),
           coalesce(r_prior, '{}') || array_agg(EXISTS (SELECT 1 FROM audit.load_part lp
                                                         WHERE lp.patient_key = p.patient_key AND lp.is_current
                                                           AND lp.load_id <> p_load))
      INTO r_ids, r_keys, r_uuids, r_prior
      FROM (SELECT DISTINCT d.id FROM unnest(p_patient_ids) AS d(id)) u
      JOIN warehouse.patient p ON p.study_key = p_study AND p.patient_id = u.id
     WHERE u.id <> ALL (coalesce(r_ids, '{}'));
  END IF;
  RETURN QUERY SELECT * FROM unnest(r_ids, r_keys, r_uuids, r_prior);
END $$;
COMMENT ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) IS
  'Loader helper: the keys of a batch of patients (patient_id, patient_key), the UUID each has (patient_uuid) and whether '
  'it has current facts of a load other than p_load (has_prior), creating those that do not exist with their TCGA '
  'barcode parts and UUID (arrays in step; NULL where unknown), each patient once. An existing patient''s UUID is left '
  'to the caller. Runs with its owner''s rights: for a batch of 32 patients or more it checks the foreign keys of the '
  'new patients once (their study and creating load, looked up and locked as the per-row checks would) and inserts '
  'them with the per-row checks off (audit.keys_per_batch).';
REVOKE ALL ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) TO oncoload_loader;

CREATE FUNCTION audit.add_patient_parts(p_load bigint, p_study integer, p_patient_keys integer[], p_facts bigint[],
                                        p_data_type text, p_workflow text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  batch   boolean := audit.keys_per_batch(cardinality(p_patient_keys));
  locked  bigint;
  missing integer;
  n       bigint;
BEGIN
  IF batch THEN
    -- the load, and each patient in the study, checked and locked as each
    -- part's own checks would (its sample, aliquot, measure and
    -- superseding load are NULL)
    PERFORM 1 FROM audit.load l WHERE l.load_id = p_load FOR KEY SHARE;
    IF NOT FOUND THEN
      PERFORM audit.fk_violation('audit', 'load_part', 'load_part_load_id_fkey', 'load_id', p_load::text, 'load');
    END IF;
    PERFORM 1 FROM warehouse.patient p WHERE p.patient_key = ANY (p_patient_keys) AND p.study_key = p_study
        FOR KEY SHARE;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < (SELECT count(DISTINCT k) FROM unnest(p_patient_keys) AS u(k)) THEN
      SELECT k INTO missing
        FROM unnest(p_patient_keys) AS u(k)
       WHERE k IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM warehouse.patient p WHERE p.patient_key = u.k AND p.study_key = p_study)
       LIMIT 1;
      PERFORM audit.fk_violation('audit', 'load_part', 'load_part_patient_fkey', 'patient_key, study_key',
                                 missing || ', ' || coalesce(p_study::text, 'null'), 'patient');
    END IF;
    PERFORM set_config('session_replication_role', 'replica', true);
  END IF;
  INSERT INTO audit.load_part (load_id, study_key, patient_key, data_type, workflow, facts)
  SELECT p_load, p_study, u.k, p_data_type, p_workflow, u.n FROM unnest(p_patient_keys, p_facts) AS u(k, n);
  GET DIAGNOSTICS n = ROW_COUNT;
  IF batch THEN
    PERFORM set_config('session_replication_role', 'origin', true);
  END IF;
  RETURN n;
END $$;
COMMENT ON FUNCTION audit.add_patient_parts(bigint, integer, integer[], bigint[], text, text) IS
  'Loader helper: writes a clinical load''s parts, one per patient (arrays of patient keys and fact counts, in step), all '
  'of study p_study, and returns how many. Runs with its owner''s rights: for 32 parts or more it checks their foreign keys '
  'once (the load, and each patient in the study, looked up and locked as the per-row checks would) and inserts them with '
  'the per-row checks off (audit.keys_per_batch).';
REVOKE ALL ON FUNCTION audit.add_patient_parts(bigint, integer, integer[], bigint[], text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.add_patient_parts(bigint, integer, integer[], bigint[], text, text) TO oncoload_loader;
