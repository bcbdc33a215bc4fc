-- 011_patient_prior.sql: one round trip per batch of patients.
-- Applied once by "oncoload init".
--
-- A clinical load asked, for every batch, first for its patients' keys
-- (creating the new ones) and then whether each had current facts of an
-- earlier load.  A patient the load has just created has none, yet a
-- Biotab table of new patients asked four times.  The batch function now
-- answers both: it looks for earlier parts only for the patients it did
-- not create, one index probe each.

DROP FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint);
CREATE FUNCTION warehouse.ensure_patients(p_study integer, p_patient_ids text[], p_projects text[],
                                          p_tss text[], p_participants text[], p_uuids text[], p_load bigint)
RETURNS TABLE (patient_id text, patient_key integer, patient_uuid text, has_prior boolean) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO warehouse.patient AS p (study_key, patient_id, tcga_project, tcga_tss, tcga_participant, patient_uuid,
                                      created_load_id)
  SELECT p_study, u.id, u.project, u.tss, u.participant, u.uuid, p_load
    FROM unnest(p_patient_ids, p_projects, p_tss, p_participants, p_uuids) AS u(id, project, tss, participant, uuid)
   WHERE NOT EXISTS (SELECT 1 FROM warehouse.patient e WHERE e.study_key = p_study AND e.patient_id = u.id)
  ON CONFLICT (study_key, patient_id) DO NOTHING;
  -- The LIMIT keeps the probe per patient: as an EXISTS, a large batch
  -- was planned as one hashed scan of every current part.
  RETURN QUERY SELECT p.patient_id, p.patient_key, p.patient_uuid, coalesce(e.found, false)
                 FROM unnest(p_patient_ids) AS u(id)
                 JOIN warehouse.patient p ON p.study_key = p_study AND p.patient_id = u.id
                 LEFT JOIN LATERAL (SELECT true AS found FROM audit.load_part lp
                                     WHERE lp.patient_key = p.patient_key AND lp.is_current
                                       AND lp.load_id <> p_load AND p.created_load_id IS DISTINCT FROM p_load
                                     LIMIT 1) e ON true;
END $$;
COMMENT ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) IS
  'Loader helper: the keys of a batch of patients (patient_id, patient_key), the UUID each has (patient_uuid) and whether '
  'it has current facts of a load other than p_load (has_prior), creating those that do not exist with their TCGA '
  'barcode parts and UUID (arrays in step; NULL where unknown). An existing patient''s UUID is left to the caller.';
REVOKE ALL ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) TO oncoload_loader;
