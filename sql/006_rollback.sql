-- 006_rollback.sql: what "oncoload rollback" and "oncoload drop-study" need:
-- the audit columns that tie a rollback to the load it undid, and the
-- privileges a steward needs to remove facts and dimension rows.  Applied
-- once by "oncoload init".

ALTER TABLE audit.load ADD COLUMN target_load_id bigint REFERENCES audit.load (load_id);
ALTER TABLE audit.load ADD COLUMN rolled_back_by bigint REFERENCES audit.load (load_id);
COMMENT ON COLUMN audit.load.target_load_id IS
  'For a rollback (command rollback): the load it rolled back. NULL for every other command.';
COMMENT ON COLUMN audit.load.rolled_back_by IS
  'For a load with status rolled_back: the rollback or drop-study run (an audit.load row) that removed its facts.';
CREATE INDEX load_target_idx ON audit.load (target_load_id) WHERE target_load_id IS NOT NULL;

-- A steward rolls back loads and drops studies: facts, parts and the
-- dimension rows nothing else references any more.
GRANT INSERT, UPDATE ON audit.load TO oncoload_steward;
GRANT DELETE, UPDATE ON audit.load_part TO oncoload_steward;
GRANT DELETE ON warehouse.expression, warehouse.expression_qc, warehouse.clinical_fact, warehouse.mutation,
  warehouse.variant_genotype, warehouse.variant_site, warehouse.variant_annotation, warehouse.variant_consequence,
  warehouse.copy_number_segment, warehouse.gene_copy_number, warehouse.variant, warehouse.aliquot,
  warehouse.sample, warehouse.patient, warehouse.study TO oncoload_steward;
GRANT UPDATE ON warehouse.clinical_fact, warehouse.variant, warehouse.patient, warehouse.sample,
  warehouse.aliquot, warehouse.study TO oncoload_steward;
