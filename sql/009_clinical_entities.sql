-- 009_clinical_entities.sql: which entities each clinical load wrote, so
-- that a load looks for the values it replaces only in the earlier loads
-- that could hold one.  Applied once by "oncoload init".
--
-- A fact is replaced only by a fact of the same entity (patient, exposure,
-- follow-up ...).  A GDC cart's exposure, follow-up and pathology-detail
-- files share no entity with its clinical file, yet each of them, loaded
-- after it, read every current fact the clinical file had written for
-- their patients to find nothing to replace.

ALTER TABLE audit.load ADD COLUMN clinical_entities text[];
COMMENT ON COLUMN audit.load.clinical_entities IS
  'Clinical and biospecimen loads: the entities (warehouse.clinical_fact.entity) the load wrote facts of. A later load '
  'looks for the values it replaces only in loads that share one of its entities; NULL (a load without facts, other '
  'kinds of load, and clinical loads made before this column existed) is searched like any other.';
