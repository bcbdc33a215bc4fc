-- 012_part_study.sql: a part's study is the study of its patient or sample.
-- Applied once by "oncoload init".
--
-- A part named its study, its patient and its sample through three foreign
-- keys, each checked for every part written: nothing said that the part's
-- study was its patient's.  One key over (patient, study) and one over
-- (sample, study) say that, and the study's existence follows from the
-- patient's or sample's own key to it (every part has one or the other:
-- load_part_specimen_check).  A clinical part now costs one check fewer:
-- 528 of the 1,584 a Biotab table of new patients needed, about 2 ms.

ALTER TABLE warehouse.patient ADD CONSTRAINT patient_key_study_key UNIQUE (patient_key, study_key);
ALTER TABLE warehouse.sample ADD CONSTRAINT sample_key_study_key UNIQUE (sample_key, study_key);
ALTER TABLE audit.load_part
  DROP CONSTRAINT load_part_study_key_fkey,
  DROP CONSTRAINT load_part_patient_key_fkey,
  DROP CONSTRAINT load_part_sample_key_fkey,
  ADD CONSTRAINT load_part_patient_fkey FOREIGN KEY (patient_key, study_key)
    REFERENCES warehouse.patient (patient_key, study_key),
  ADD CONSTRAINT load_part_sample_fkey FOREIGN KEY (sample_key, study_key)
    REFERENCES warehouse.sample (sample_key, study_key);
COMMENT ON COLUMN audit.load_part.study_key IS
  'Study: that of the part''s patient or sample (foreign keys load_part_patient_fkey and load_part_sample_fkey).';
COMMENT ON CONSTRAINT patient_key_study_key ON warehouse.patient IS
  'Target of load_part_patient_fkey: a part''s patient is of the part''s study.';
COMMENT ON CONSTRAINT sample_key_study_key ON warehouse.sample IS
  'Target of load_part_sample_fkey: a part''s sample is of the part''s study.';
