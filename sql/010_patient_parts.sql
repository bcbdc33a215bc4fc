-- 010_patient_parts.sql: less for a clinical load to write per patient.
-- Applied once by "oncoload init".
--
-- The batch patient function also returns the UUID each patient has, so
-- that a load writes only the UUIDs its file changes.  A load used to send
-- the UUID of every patient its file names, and the UPDATE that compared
-- them was planned as a scan of every patient of the warehouse: 10 ms of a
-- 0.1 s Biotab load at 32,000 patients, growing with the warehouse, to
-- change nothing.

DROP FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint);
CREATE FUNCTION warehouse.ensure_patients(p_study integer, p_patient_ids text[], p_projects text[],
                                          p_tss text[], p_participants text[], p_uuids text[], p_load bigint)
RETURNS TABLE (patient_id text, patient_key integer, patient_uuid text) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO warehouse.patient AS p (study_key, patient_id, tcga_project, tcga_tss, tcga_participant, patient_uuid,
                                      created_load_id)
  SELECT p_study, u.id, u.project, u.tss, u.participant, u.uuid, p_load
    FROM unnest(p_patient_ids, p_projects, p_tss, p_participants, p_uuids) AS u(id, project, tss, participant, uuid)
   WHERE NOT EXISTS (SELECT 1 FROM warehouse.patient e WHERE e.study_key = p_study AND e.patient_id = u.id)
  ON CONFLICT (study_key, patient_id) DO NOTHING;
  RETURN QUERY SELECT p.patient_id, p.patient_key, p.patient_uuid
                 FROM unnest(p_patient_ids) AS u(id)
                 JOIN warehouse.patient p ON p.study_key = p_study AND p.patient_id = u.id;
END $$;
COMMENT ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) IS
  'Loader helper: the keys of a batch of patients (patient_id, patient_key) and the UUID each has (patient_uuid), creating '
  'those that do not exist with their TCGA barcode parts and UUID (arrays in step; NULL where unknown). An existing '
  'patient''s UUID is left to the caller.';
REVOKE ALL ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) TO oncoload_loader;

-- A clinical part (one per load x patient) has no sample and no measure:
-- the indexes that find parts by sample or by measure leave such parts out
-- instead of indexing their NULLs.  Every query that uses them asks for a
-- sample or a measure, which is not NULL.
DROP INDEX audit.load_part_sample_idx;
CREATE INDEX load_part_sample_idx ON audit.load_part (sample_key) WHERE sample_key IS NOT NULL;
DROP INDEX audit.load_part_measure_idx;
CREATE INDEX load_part_measure_idx ON audit.load_part (measure_key) WHERE is_current AND measure_key IS NOT NULL;
