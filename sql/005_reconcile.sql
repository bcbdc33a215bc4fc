-- 005_reconcile.sql: reconciliation of the warehouse against the audit trail
-- and the source files.  "oncoload reconcile" records each run and what it
-- found; audit.load_fact_count() recounts what a load wrote, per data type,
-- the way its loader counted audit.load.facts_written.  Applied after 004 by
-- "oncoload init".

CREATE TABLE audit.reconciliation (
  run_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at      timestamptz,
  study_id         text,
  since            timestamptz,
  previous_run_id  bigint REFERENCES audit.reconciliation (run_id),
  loads_checked    integer NOT NULL DEFAULT 0,
  facts_checked    integer NOT NULL DEFAULT 0,
  files_checked    integer NOT NULL DEFAULT 0,
  patients_withdrawn integer NOT NULL DEFAULT 0,
  errors           integer NOT NULL DEFAULT 0,
  warnings         integer NOT NULL DEFAULT 0,
  infos            integer NOT NULL DEFAULT 0,
  status           text NOT NULL DEFAULT 'running'
                   CHECK (status IN ('running', 'clean', 'attention')),
  program_version  text,
  db_user          text NOT NULL DEFAULT current_user,
  os_user          text,
  host             text
);
COMMENT ON TABLE audit.reconciliation IS
  'One row per "oncoload reconcile" run: its scope, how much it checked and what it found (audit.reconciliation_finding). '
  'A run is written in one transaction, so a run that did not finish leaves no row.';
COMMENT ON COLUMN audit.reconciliation.run_id IS 'Run identifier.';
COMMENT ON COLUMN audit.reconciliation.started_at IS 'When the run started.';
COMMENT ON COLUMN audit.reconciliation.finished_at IS 'When the run finished.';
COMMENT ON COLUMN audit.reconciliation.study_id IS 'Scope: the study checked (--study); NULL for every study.';
COMMENT ON COLUMN audit.reconciliation.since IS 'Scope: only loads started at or after this time were checked (--since); NULL for all.';
COMMENT ON COLUMN audit.reconciliation.previous_run_id IS
  'The previous run of the same study scope; supersessions after it started are listed (code load_superseded).';
COMMENT ON COLUMN audit.reconciliation.loads_checked IS 'Succeeded and superseded loads in scope.';
COMMENT ON COLUMN audit.reconciliation.facts_checked IS 'Loads whose facts were recounted (gene reference loads are not: they merge into the gene dimension).';
COMMENT ON COLUMN audit.reconciliation.files_checked IS 'Distinct source files whose presence and SHA-256 were checked.';
COMMENT ON COLUMN audit.reconciliation.patients_withdrawn IS
  'Withdrawn patients of the studies in scope: their facts are kept (and counted) but they are left out of the cross-domain checks.';
COMMENT ON COLUMN audit.reconciliation.errors IS 'Findings of severity error.';
COMMENT ON COLUMN audit.reconciliation.warnings IS 'Findings of severity warning.';
COMMENT ON COLUMN audit.reconciliation.infos IS 'Findings of severity info (supersessions; they need no attention).';
COMMENT ON COLUMN audit.reconciliation.status IS 'clean (no error or warning), attention (some; the command exits 7), running (never committed so).';
COMMENT ON COLUMN audit.reconciliation.program_version IS 'oncoload version that ran.';
COMMENT ON COLUMN audit.reconciliation.db_user IS 'Database user that ran it.';
COMMENT ON COLUMN audit.reconciliation.os_user IS 'Operating-system user that ran it.';
COMMENT ON COLUMN audit.reconciliation.host IS 'Host it ran on.';

CREATE TABLE audit.reconciliation_finding (
  finding_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id      bigint NOT NULL REFERENCES audit.reconciliation (run_id) ON DELETE CASCADE,
  code        text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  load_id     bigint,
  study_id    text,
  patient_id  text,
  sample_id   text,
  path        text,
  expected    text,
  actual      text,
  message     text NOT NULL
);
CREATE INDEX reconciliation_finding_run_idx ON audit.reconciliation_finding (run_id);
COMMENT ON TABLE audit.reconciliation_finding IS
  'What a reconciliation run found, one row per finding. Codes (README, "Reconciling loads"): fact_count_mismatch, '
  'orphan_facts, load_status_mismatch, source_missing, source_changed, source_unreadable, sample_without_clinical, '
  'sample_not_in_clinical, sample_without_patient, patient_without_samples, sample_patient_conflict, sample_id_two_patients, '
  'genome_build_mixed, load_superseded.';
COMMENT ON COLUMN audit.reconciliation_finding.finding_id IS 'Surrogate key.';
COMMENT ON COLUMN audit.reconciliation_finding.run_id IS 'Run that found it.';
COMMENT ON COLUMN audit.reconciliation_finding.code IS 'Stable finding code (README, "Reconciling loads").';
COMMENT ON COLUMN audit.reconciliation_finding.severity IS 'error or warning (needs attention), info (for the record).';
COMMENT ON COLUMN audit.reconciliation_finding.load_id IS 'Load concerned, when one is (not a foreign key: findings outlive what they describe).';
COMMENT ON COLUMN audit.reconciliation_finding.study_id IS 'Study concerned.';
COMMENT ON COLUMN audit.reconciliation_finding.patient_id IS 'Patient concerned, for cross-domain findings.';
COMMENT ON COLUMN audit.reconciliation_finding.sample_id IS 'Sample concerned, for cross-domain findings.';
COMMENT ON COLUMN audit.reconciliation_finding.path IS 'Source file concerned.';
COMMENT ON COLUMN audit.reconciliation_finding.expected IS 'What the audit trail says (a count, a SHA-256, a patient ...).';
COMMENT ON COLUMN audit.reconciliation_finding.actual IS 'What was found instead.';
COMMENT ON COLUMN audit.reconciliation_finding.message IS 'Human-readable explanation.';

-- What facts_written counts, per data type (see each loader): expression and
-- gene-level copy number count the non-NULL values inside the float8[]
-- arrays (QC rows are not facts); segments, mutations and genotypes count
-- rows; clinical and biospecimen count clinical_fact rows.  The fact tables
-- are reached through the load's parts, whose keys they are indexed by
-- (clinical facts by their load).
CREATE FUNCTION audit.load_fact_count(p_load bigint)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
  dt text;
  n bigint;
BEGIN
  SELECT data_type INTO dt FROM audit.load WHERE load_id = p_load;
  IF dt = 'expression' THEN
    SELECT coalesce(sum(cardinality(array_remove(e.vals, NULL))), 0) INTO n
      FROM audit.load_part lp JOIN warehouse.expression e ON e.part_id = lp.part_id
     WHERE lp.load_id = p_load;
  ELSIF dt = 'copy_number_gene' THEN
    SELECT coalesce(sum(cardinality(array_remove(c.vals, NULL))), 0) INTO n
      FROM audit.load_part lp JOIN warehouse.gene_copy_number c ON c.part_id = lp.part_id
     WHERE lp.load_id = p_load;
  ELSIF dt = 'copy_number_segment' THEN
    SELECT count(*) INTO n
      FROM audit.load_part lp JOIN warehouse.copy_number_segment c ON c.part_id = lp.part_id
     WHERE lp.load_id = p_load;
  ELSIF dt = 'mutation' THEN
    SELECT count(*) INTO n
      FROM audit.load_part lp JOIN warehouse.mutation m ON m.part_id = lp.part_id
     WHERE lp.load_id = p_load;
  ELSIF dt = 'variant' THEN
    SELECT count(*) INTO n
      FROM audit.load_part lp JOIN warehouse.variant_genotype g ON g.part_id = lp.part_id
     WHERE lp.load_id = p_load;
  ELSIF dt IN ('clinical', 'biospecimen') THEN
    -- facts arrive in load order, so the block-range index on (patient_key,
    -- load_id) narrows a search by load_id alone
    SELECT count(*) INTO n FROM warehouse.clinical_fact f WHERE f.load_id = p_load;
  ELSE
    n := NULL;
  END IF;
  RETURN n;
END $$;
COMMENT ON FUNCTION audit.load_fact_count(bigint) IS
  'Reconciliation helper: the facts of a load still in the warehouse, counted as its loader counted audit.load.facts_written '
  '(non-NULL array values for expression and gene-level copy number, rows for segments, mutations, genotypes and clinical facts); '
  'NULL for data types whose facts are not countable afterwards (gene references merge into the gene dimension).';

GRANT SELECT, INSERT, UPDATE ON audit.reconciliation, audit.reconciliation_finding TO oncoload_steward;
GRANT SELECT ON audit.reconciliation, audit.reconciliation_finding TO oncoload_loader;
GRANT EXECUTE ON FUNCTION audit.load_fact_count(bigint) TO oncoload_steward;
