-- 007_clinical_speed.sql: what makes clinical table loads faster without
-- changing what they keep.  Applied once by "oncoload init".

-- A batch of patients in one statement: one INSERT for the new ones, their
-- UUIDs set as they are created (an UPDATE afterwards wrote every new row
-- twice), instead of a function call per patient.  For batches: a single
-- patient (a BCR XML file) costs less as one call of ensure_patient, which
-- the loader then uses.
CREATE FUNCTION warehouse.ensure_patients(p_study integer, p_patient_ids text[], p_projects text[],
                                          p_tss text[], p_participants text[], p_uuids text[], p_load bigint)
RETURNS TABLE (patient_id text, patient_key integer) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO warehouse.patient AS p (study_key, patient_id, tcga_project, tcga_tss, tcga_participant, patient_uuid,
                                      created_load_id)
  SELECT p_study, u.id, u.project, u.tss, u.participant, u.uuid, p_load
    FROM unnest(p_patient_ids, p_projects, p_tss, p_participants, p_uuids) AS u(id, project, tss, participant, uuid)
   WHERE NOT EXISTS (SELECT 1 FROM warehouse.patient e WHERE e.study_key = p_study AND e.patient_id = u.id)
  ON CONFLICT (study_key, patient_id) DO NOTHING;
  RETURN QUERY SELECT p.patient_id, p.patient_key
                 FROM unnest(p_patient_ids) AS u(id)
                 JOIN warehouse.patient p ON p.study_key = p_study AND p.patient_id = u.id;
END $$;
COMMENT ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) IS
  'Loader helper: the keys of a batch of patients (patient_id, patient_key), creating those that do not exist with their TCGA '
  'barcode parts and UUID (arrays in step; NULL where unknown). An existing patient''s UUID is left to the caller.';
REVOKE ALL ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) TO oncoload_loader;
