-- 002_clinical.sql: the clinical and biospecimen model.  Every source field
-- becomes one row of warehouse.clinical_fact: typed (a named attribute of the
-- clinical model, normalised) or kept as the source wrote it; a later load
-- replaces a fact of the same patient, sample, entity, instance and attribute
-- and the old row stays as history.  Applied once by "oncoload init".

------------------------------------------------------------------------------
-- Dimensions: identifiers the biospecimen files give at each level
------------------------------------------------------------------------------

ALTER TABLE warehouse.patient ADD COLUMN patient_uuid text;
ALTER TABLE warehouse.patient ADD COLUMN withdrawn_load_id bigint REFERENCES audit.load (load_id);
COMMENT ON COLUMN warehouse.patient.patient_uuid IS 'BCR or GDC patient (case) UUID, from clinical or biospecimen files.';
COMMENT ON COLUMN warehouse.patient.withdrawn_load_id IS
  'Load whose file recorded the withdrawal (admin:patient_withdrawal); withdrawal is not undone by later files, only by a steward.';

ALTER TABLE warehouse.sample ADD COLUMN sample_uuid text;
COMMENT ON COLUMN warehouse.sample.sample_uuid IS 'BCR sample UUID (bcr_sample_uuid of a biospecimen file).';

ALTER TABLE warehouse.aliquot ADD COLUMN aliquot_uuid text;
ALTER TABLE warehouse.aliquot ADD COLUMN analyte_type text;
COMMENT ON COLUMN warehouse.aliquot.aliquot_uuid IS 'BCR aliquot UUID (bcr_aliquot_uuid of a biospecimen file); GDC files name aliquots by it.';
COMMENT ON COLUMN warehouse.aliquot.analyte_type IS 'Analyte the aliquot was taken from (DNA, RNA, Repli-G (Qiagen) DNA ...), from a biospecimen file.';
CREATE INDEX aliquot_uuid_idx ON warehouse.aliquot (aliquot_uuid) WHERE aliquot_uuid IS NOT NULL;

-- Clinical loads write one part per patient: no sample.
ALTER TABLE audit.load_part ADD COLUMN patient_key integer REFERENCES warehouse.patient;
ALTER TABLE audit.load_part ADD COLUMN facts_replaced bigint NOT NULL DEFAULT 0;
ALTER TABLE audit.load_part ALTER COLUMN sample_key DROP NOT NULL;
ALTER TABLE audit.load_part ADD CONSTRAINT load_part_specimen_check
  CHECK (sample_key IS NOT NULL OR patient_key IS NOT NULL);
CREATE INDEX load_part_patient_idx ON audit.load_part (patient_key) WHERE patient_key IS NOT NULL;
COMMENT ON COLUMN audit.load_part.patient_key IS
  'Patient, for clinical and biospecimen parts (one per load x patient; sample_key is then NULL). Such a part stays current while any of its facts is.';
COMMENT ON COLUMN audit.load_part.facts_replaced IS
  'Clinical and biospecimen parts: how many of its facts later loads replaced; the part stays current while some are not (facts_replaced < facts).';
COMMENT ON COLUMN audit.load_part.sample_key IS 'Sample the facts belong to; NULL for clinical and biospecimen parts, which are per patient.';

------------------------------------------------------------------------------
-- Reference data
------------------------------------------------------------------------------

CREATE TABLE warehouse.icd_o3_topography (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  category    text NOT NULL,
  region      text NOT NULL
);
COMMENT ON TABLE warehouse.icd_o3_topography IS
  'ICD-O-3 topography codes of the head and neck sites (C00-C14 lip, oral cavity and pharynx; C32 larynx): the three-character '
  'categories and their subsites. Clinical loads take icd_o3_site from the source, or from the subsite name through this table.';
COMMENT ON COLUMN warehouse.icd_o3_topography.code IS 'Code: a category (C02) or a subsite (C02.1).';
COMMENT ON COLUMN warehouse.icd_o3_topography.name IS 'ICD-O-3 name (Border of tongue, Cheek mucosa ...).';
COMMENT ON COLUMN warehouse.icd_o3_topography.category IS 'Three-character category the code belongs to (C02).';
COMMENT ON COLUMN warehouse.icd_o3_topography.region IS 'Region: lip, oral cavity, salivary gland, oropharynx, nasopharynx, hypopharynx, pharynx, larynx.';

INSERT INTO warehouse.icd_o3_topography (code, name, category, region) VALUES
  ('C00', 'Lip', 'C00', 'lip'),
  ('C00.0', 'External upper lip', 'C00', 'lip'),
  ('C00.1', 'External lower lip', 'C00', 'lip'),
  ('C00.2', 'External lip, NOS', 'C00', 'lip'),
  ('C00.3', 'Mucosa of upper lip', 'C00', 'lip'),
  ('C00.4', 'Mucosa of lower lip', 'C00', 'lip'),
  ('C00.5', 'Mucosa of lip, NOS', 'C00', 'lip'),
  ('C00.6', 'Commissure of lip', 'C00', 'lip'),
  ('C00.8', 'Overlapping lesion of lip', 'C00', 'lip'),
  ('C00.9', 'Lip, NOS', 'C00', 'lip'),
  ('C01', 'Base of tongue', 'C01', 'oropharynx'),
  ('C01.9', 'Base of tongue, NOS', 'C01', 'oropharynx'),
  ('C02', 'Other and unspecified parts of tongue', 'C02', 'oral cavity'),
  ('C02.0', 'Dorsal surface of tongue, NOS', 'C02', 'oral cavity'),
  ('C02.1', 'Border of tongue', 'C02', 'oral cavity'),
  ('C02.2', 'Ventral surface of tongue, NOS', 'C02', 'oral cavity'),
  ('C02.3', 'Anterior 2/3 of tongue, NOS', 'C02', 'oral cavity'),
  ('C02.4', 'Lingual tonsil', 'C02', 'oropharynx'),
  ('C02.8', 'Overlapping lesion of tongue', 'C02', 'oral cavity'),
  ('C02.9', 'Tongue, NOS', 'C02', 'oral cavity'),
  ('C03', 'Gum', 'C03', 'oral cavity'),
  ('C03.0', 'Upper gum', 'C03', 'oral cavity'),
  ('C03.1', 'Lower gum', 'C03', 'oral cavity'),
  ('C03.9', 'Gum, NOS', 'C03', 'oral cavity'),
  ('C04', 'Floor of mouth', 'C04', 'oral cavity'),
  ('C04.0', 'Anterior floor of mouth', 'C04', 'oral cavity'),
  ('C04.1', 'Lateral floor of mouth', 'C04', 'oral cavity'),
  ('C04.8', 'Overlapping lesion of floor of mouth', 'C04', 'oral cavity'),
  ('C04.9', 'Floor of mouth, NOS', 'C04', 'oral cavity'),
  ('C05', 'Palate', 'C05', 'oral cavity'),
  ('C05.0', 'Hard palate', 'C05', 'oral cavity'),
  ('C05.1', 'Soft palate, NOS', 'C05', 'oropharynx'),
  ('C05.2', 'Uvula', 'C05', 'oropharynx'),
  ('C05.8', 'Overlapping lesion of palate', 'C05', 'oral cavity'),
  ('C05.9', 'Palate, NOS', 'C05', 'oral cavity'),
  ('C06', 'Other and unspecified parts of mouth', 'C06', 'oral cavity'),
  ('C06.0', 'Cheek mucosa', 'C06', 'oral cavity'),
  ('C06.1', 'Vestibule of mouth', 'C06', 'oral cavity'),
  ('C06.2', 'Retromolar area', 'C06', 'oral cavity'),
  ('C06.8', 'Overlapping lesion of other and unspecified parts of mouth', 'C06', 'oral cavity'),
  ('C06.9', 'Mouth, NOS', 'C06', 'oral cavity'),
  ('C07', 'Parotid gland', 'C07', 'salivary gland'),
  ('C07.9', 'Parotid gland', 'C07', 'salivary gland'),
  ('C08', 'Other and unspecified major salivary glands', 'C08', 'salivary gland'),
  ('C08.0', 'Submandibular gland', 'C08', 'salivary gland'),
  ('C08.1', 'Sublingual gland', 'C08', 'salivary gland'),
  ('C08.8', 'Overlapping lesion of major salivary glands', 'C08', 'salivary gland'),
  ('C08.9', 'Major salivary gland, NOS', 'C08', 'salivary gland'),
  ('C09', 'Tonsil', 'C09', 'oropharynx'),
  ('C09.0', 'Tonsillar fossa', 'C09', 'oropharynx'),
  ('C09.1', 'Tonsillar pillar', 'C09', 'oropharynx'),
  ('C09.8', 'Overlapping lesion of tonsil', 'C09', 'oropharynx'),
  ('C09.9', 'Tonsil, NOS', 'C09', 'oropharynx'),
  ('C10', 'Oropharynx', 'C10', 'oropharynx'),
  ('C10.0', 'Vallecula', 'C10', 'oropharynx'),
  ('C10.1', 'Anterior surface of epiglottis', 'C10', 'oropharynx'),
  ('C10.2', 'Lateral wall of oropharynx', 'C10', 'oropharynx'),
  ('C10.3', 'Posterior wall of oropharynx', 'C10', 'oropharynx'),
  ('C10.4', 'Branchial cleft', 'C10', 'oropharynx'),
  ('C10.8', 'Overlapping lesion of oropharynx', 'C10', 'oropharynx'),
  ('C10.9', 'Oropharynx, NOS', 'C10', 'oropharynx'),
  ('C11', 'Nasopharynx', 'C11', 'nasopharynx'),
  ('C11.0', 'Superior wall of nasopharynx', 'C11', 'nasopharynx'),
  ('C11.1', 'Posterior wall of nasopharynx', 'C11', 'nasopharynx'),
  ('C11.2', 'Lateral wall of nasopharynx', 'C11', 'nasopharynx'),
  ('C11.3', 'Anterior wall of nasopharynx', 'C11', 'nasopharynx'),
  ('C11.8', 'Overlapping lesion of nasopharynx', 'C11', 'nasopharynx'),
  ('C11.9', 'Nasopharynx, NOS', 'C11', 'nasopharynx'),
  ('C12', 'Pyriform sinus', 'C12', 'hypopharynx'),
  ('C12.9', 'Pyriform sinus', 'C12', 'hypopharynx'),
  ('C13', 'Hypopharynx', 'C13', 'hypopharynx'),
  ('C13.0', 'Postcricoid region', 'C13', 'hypopharynx'),
  ('C13.1', 'Hypopharyngeal aspect of aryepiglottic fold', 'C13', 'hypopharynx'),
  ('C13.2', 'Posterior wall of hypopharynx', 'C13', 'hypopharynx'),
  ('C13.8', 'Overlapping lesion of hypopharynx', 'C13', 'hypopharynx'),
  ('C13.9', 'Hypopharynx, NOS', 'C13', 'hypopharynx'),
  ('C14', 'Other and ill-defined sites in lip, oral cavity and pharynx', 'C14', 'pharynx'),
  ('C14.0', 'Pharynx, NOS', 'C14', 'pharynx'),
  ('C14.2', 'Waldeyer ring', 'C14', 'pharynx'),
  ('C14.8', 'Overlapping lesion of lip, oral cavity and pharynx', 'C14', 'pharynx'),
  ('C32', 'Larynx', 'C32', 'larynx'),
  ('C32.0', 'Glottis', 'C32', 'larynx'),
  ('C32.1', 'Supraglottis', 'C32', 'larynx'),
  ('C32.2', 'Subglottis', 'C32', 'larynx'),
  ('C32.3', 'Laryngeal cartilage', 'C32', 'larynx'),
  ('C32.8', 'Overlapping lesion of larynx', 'C32', 'larynx'),
  ('C32.9', 'Larynx, NOS', 'C32', 'larynx');

CREATE TABLE warehouse.oral_subsite (
  subsite     text PRIMARY KEY,
  code        text NOT NULL REFERENCES warehouse.icd_o3_topography
);
COMMENT ON TABLE warehouse.oral_subsite IS
  'Subsite names as the sources write them (TCGA anatomic_neoplasm_subdivision, hospital site names after the mapping file), '
  'lower case, with the ICD-O-3 code each stands for when the source gives none.';
COMMENT ON COLUMN warehouse.oral_subsite.subsite IS 'Subsite name, lower case (oral tongue, buccal mucosa ...).';
COMMENT ON COLUMN warehouse.oral_subsite.code IS 'ICD-O-3 topography code.';

INSERT INTO warehouse.oral_subsite (subsite, code) VALUES
  ('lip', 'C00.9'),
  ('upper lip', 'C00.3'),
  ('lower lip', 'C00.4'),
  ('base of tongue', 'C01.9'),
  ('oral tongue', 'C02.9'),
  ('tongue', 'C02.9'),
  ('lateral tongue', 'C02.1'),
  ('ventral tongue', 'C02.2'),
  ('alveolar ridge', 'C03.9'),
  ('gum', 'C03.9'),
  ('gingiva', 'C03.9'),
  ('upper alveolus', 'C03.0'),
  ('lower alveolus', 'C03.1'),
  ('floor of mouth', 'C04.9'),
  ('hard palate', 'C05.0'),
  ('soft palate', 'C05.1'),
  ('palate', 'C05.9'),
  ('buccal mucosa', 'C06.0'),
  ('cheek mucosa', 'C06.0'),
  ('gingivobuccal sulcus', 'C06.1'),
  ('vestibule of mouth', 'C06.1'),
  ('retromolar trigone', 'C06.2'),
  ('retromolar area', 'C06.2'),
  ('oral cavity', 'C06.9'),
  ('mouth', 'C06.9'),
  ('parotid gland', 'C07.9'),
  ('submandibular gland', 'C08.0'),
  ('tonsil', 'C09.9'),
  ('oropharynx', 'C10.9'),
  ('nasopharynx', 'C11.9'),
  ('pyriform sinus', 'C12.9'),
  ('hypopharynx', 'C13.9'),
  ('pharynx', 'C14.0'),
  ('larynx', 'C32.9'),
  ('glottis', 'C32.0'),
  ('supraglottis', 'C32.1');

CREATE TABLE warehouse.tobacco_smoking_history (
  code        smallint PRIMARY KEY,
  meaning     text NOT NULL
);
COMMENT ON TABLE warehouse.tobacco_smoking_history IS
  'TCGA tobacco smoking history codes (CDE 2181650): the BCR XML gives the code, Biotab and GDC files the text; both are stored as the code.';
COMMENT ON COLUMN warehouse.tobacco_smoking_history.code IS 'Code 1 to 7.';
COMMENT ON COLUMN warehouse.tobacco_smoking_history.meaning IS 'What the code means.';

INSERT INTO warehouse.tobacco_smoking_history (code, meaning) VALUES
  (1, 'Lifelong non-smoker'),
  (2, 'Current smoker'),
  (3, 'Current reformed smoker for > 15 years'),
  (4, 'Current reformed smoker for <= 15 years'),
  (5, 'Current reformed smoker, duration not specified'),
  (6, 'Smoker at diagnosis'),
  (7, 'Smoking history not documented');

CREATE TABLE warehouse.clinical_attribute_def (
  attribute   text PRIMARY KEY,
  value_type  text NOT NULL CHECK (value_type IN ('text', 'integer', 'number', 'boolean', 'code')),
  unit        text,
  level       text NOT NULL,
  description text NOT NULL
);
COMMENT ON TABLE warehouse.clinical_attribute_def IS
  'The typed attributes of the clinical model: the names analysts query, their type and unit. Every other source field is kept in '
  'warehouse.clinical_fact under its own name (typed = false). Values are normalised as described here; a value that does not fit '
  'its type is rejected (reason invalid_value).';
COMMENT ON COLUMN warehouse.clinical_attribute_def.attribute IS 'Attribute name (clinical_fact.attribute where typed).';
COMMENT ON COLUMN warehouse.clinical_attribute_def.value_type IS 'text, integer, number, boolean (true/false) or code (a coded identifier such as an ICD-O-3 code).';
COMMENT ON COLUMN warehouse.clinical_attribute_def.unit IS 'Unit: years, days, mm, Gy ...; NULL when none.';
COMMENT ON COLUMN warehouse.clinical_attribute_def.level IS 'Where it is recorded: patient, follow_up, new_tumor_event, treatment, sample, aliquot.';
COMMENT ON COLUMN warehouse.clinical_attribute_def.description IS 'Meaning and normal form of the values.';

INSERT INTO warehouse.clinical_attribute_def (attribute, value_type, unit, level, description) VALUES
  ('sex', 'text', NULL, 'patient', 'male or female (gender in TCGA and GDC files)'),
  ('race', 'text', NULL, 'patient', 'Race, lower case (white, asian, black or african american ...)'),
  ('ethnicity', 'text', NULL, 'patient', 'Ethnicity, lower case (not hispanic or latino ...)'),
  ('age_at_diagnosis', 'number', 'years', 'patient', 'Age at initial pathologic diagnosis; GDC days are divided by 365.25'),
  ('vital_status', 'text', NULL, 'patient, follow_up', 'Alive or Dead (cBioPortal 0:LIVING, 1:DECEASED)'),
  ('days_to_death', 'integer', 'days', 'patient, follow_up', 'Days from diagnosis (the index date) to death'),
  ('days_to_last_followup', 'integer', 'days', 'patient, follow_up', 'Days from diagnosis to the last contact'),
  ('os_days', 'number', 'days', 'patient', 'Overall survival time as a source states it (cBioPortal OS_MONTHS x 30.4375)'),
  ('dfs_status', 'text', NULL, 'patient', 'Disease-free status (DiseaseFree, Recurred/Progressed)'),
  ('dfs_days', 'number', 'days', 'patient', 'Disease-free time (cBioPortal DFS_MONTHS x 30.4375)'),
  ('primary_site', 'text', NULL, 'patient', 'Primary site as the source names it (Head and Neck, Bronchus and lung ...)'),
  ('subsite', 'text', NULL, 'patient', 'Subsite, lower case (oral tongue, floor of mouth, buccal mucosa, alveolar ridge, hard palate, lip ...)'),
  ('icd_o3_site', 'code', NULL, 'patient', 'ICD-O-3 topography code, e.g. C02.9'),
  ('icd_o3_histology', 'code', NULL, 'patient', 'ICD-O-3 morphology code, e.g. 8070/3'),
  ('icd_10', 'code', NULL, 'patient', 'ICD-10 code, e.g. C02.9'),
  ('histology', 'text', NULL, 'patient', 'Histological type as the source names it'),
  ('grade', 'text', NULL, 'patient', 'Histologic grade: G1, G2, G3, G4, GX ...'),
  ('ajcc_edition', 'text', NULL, 'patient', 'AJCC staging edition: 5th, 6th, 7th, 8th'),
  ('clinical_stage', 'text', NULL, 'patient', 'AJCC clinical stage, e.g. Stage IVA'),
  ('pathologic_stage', 'text', NULL, 'patient', 'AJCC pathologic stage, e.g. Stage IVA'),
  ('clinical_t', 'text', NULL, 'patient', 'AJCC clinical T, e.g. T4a'),
  ('clinical_n', 'text', NULL, 'patient', 'AJCC clinical N, e.g. N2b'),
  ('clinical_m', 'text', NULL, 'patient', 'AJCC clinical M, e.g. M0'),
  ('pathologic_t', 'text', NULL, 'patient', 'AJCC pathologic T, e.g. T4a'),
  ('pathologic_n', 'text', NULL, 'patient', 'AJCC pathologic N, e.g. N2b'),
  ('pathologic_m', 'text', NULL, 'patient', 'AJCC pathologic M, e.g. M0'),
  ('margin_status', 'text', NULL, 'patient', 'Surgical margin: Negative, Close or Positive'),
  ('perineural_invasion', 'boolean', NULL, 'patient', 'Perineural invasion present'),
  ('lymphovascular_invasion', 'boolean', NULL, 'patient', 'Lymphovascular invasion present'),
  ('nodal_extracapsular_spread', 'text', NULL, 'patient', 'Nodal extracapsular spread: No Extranodal Extension, Microscopic Extension, Gross Extension'),
  ('depth_of_invasion', 'number', 'mm', 'patient', 'Depth of invasion of the primary tumour'),
  ('lymph_nodes_examined', 'integer', NULL, 'patient', 'Lymph nodes examined'),
  ('lymph_nodes_positive', 'integer', NULL, 'patient', 'Lymph nodes positive (by H&E)'),
  ('neck_dissection', 'boolean', NULL, 'patient', 'Neck dissection performed (a surgery in v_treatment)'),
  ('hpv_status_p16', 'text', NULL, 'patient', 'HPV by p16 immunohistochemistry: Positive or Negative'),
  ('hpv_status_ish', 'text', NULL, 'patient', 'HPV by in situ hybridisation: Positive or Negative'),
  ('hpv_status', 'text', NULL, 'patient', 'HPV status a source states directly (Positive or Negative); v_clinical_patient.hpv_status applies the rule ISH, else p16, else this'),
  ('tobacco_smoking_history', 'integer', NULL, 'patient', 'TCGA smoking history code 1-7 (warehouse.tobacco_smoking_history)'),
  ('pack_years', 'number', 'pack-years', 'patient', 'Pack-years smoked'),
  ('smoking_onset_year', 'integer', 'year', 'patient', 'Year smoking started'),
  ('smoking_quit_year', 'integer', 'year', 'patient', 'Year smoking stopped'),
  ('smokeless_tobacco', 'text', NULL, 'patient', 'Smokeless tobacco use: current, former, never, yes (use, timing not stated) or no'),
  ('smokeless_tobacco_form', 'text', NULL, 'patient', 'Form of smokeless tobacco (gutka, naswar, khaini, zarda, mawa, snuff ...)'),
  ('smokeless_tobacco_per_day', 'number', 'uses per day', 'patient', 'Smokeless tobacco uses per day'),
  ('smokeless_tobacco_years', 'number', 'years', 'patient', 'Years of smokeless tobacco use'),
  ('smokeless_tobacco_onset_age', 'number', 'years', 'patient', 'Age at starting smokeless tobacco'),
  ('smokeless_tobacco_quit_age', 'number', 'years', 'patient', 'Age at quitting smokeless tobacco'),
  ('betel_quid', 'text', NULL, 'patient', 'Betel quid (paan) chewing: current, former, never, yes or no'),
  ('betel_quid_form', 'text', NULL, 'patient', 'Form of betel quid (with tobacco, without tobacco, paan ...)'),
  ('betel_quid_per_day', 'number', 'quids per day', 'patient', 'Betel quids per day'),
  ('betel_quid_years', 'number', 'years', 'patient', 'Years of betel quid chewing'),
  ('areca_nut', 'text', NULL, 'patient', 'Areca nut chewing: current, former, never, yes or no'),
  ('areca_nut_form', 'text', NULL, 'patient', 'Form of areca nut (raw nut, supari, pan masala ...)'),
  ('areca_nut_per_day', 'number', 'uses per day', 'patient', 'Areca nut uses per day'),
  ('areca_nut_years', 'number', 'years', 'patient', 'Years of areca nut chewing'),
  ('alcohol_history', 'text', NULL, 'patient', 'Alcohol history documented: yes or no'),
  ('alcohol_frequency', 'number', 'days per week', 'patient', 'Days per week alcohol is drunk'),
  ('alcohol_amount', 'number', 'drinks per day', 'patient', 'Drinks per drinking day'),
  ('withdrawn', 'boolean', NULL, 'patient', 'Patient withdrawn from the programme (admin:patient_withdrawal)'),
  ('patient_uuid', 'code', NULL, 'patient', 'Patient (case) UUID'),
  ('new_tumor_event', 'boolean', NULL, 'patient, follow_up, new_tumor_event', 'A new tumour event (recurrence, progression, new primary) after initial treatment'),
  ('days_to_new_tumor_event', 'integer', 'days', 'new_tumor_event, follow_up', 'Days from diagnosis to the new tumour event'),
  ('new_tumor_event_type', 'text', NULL, 'new_tumor_event', 'Locoregional Recurrence, Distant Metastasis, New Primary Tumor ...'),
  ('new_tumor_event_site', 'text', NULL, 'new_tumor_event', 'Site of the new tumour event'),
  ('treatment_type', 'text', NULL, 'treatment', 'drug, radiation or surgery (else from the entity or the therapy type)'),
  ('agent', 'text', NULL, 'treatment', 'Drug name or therapeutic agents'),
  ('therapy_type', 'text', NULL, 'treatment', 'Therapy type as the source names it (Chemotherapy, External Beam, Surgery, NOS ...)'),
  ('start_day', 'integer', 'days', 'treatment', 'Days from diagnosis to the start of the treatment'),
  ('end_day', 'integer', 'days', 'treatment', 'Days from diagnosis to its end'),
  ('dose', 'number', NULL, 'treatment', 'Total dose, in dose_units'),
  ('dose_units', 'text', NULL, 'treatment', 'Unit of the dose (mg, Gy, cGy ...)'),
  ('fractions', 'integer', NULL, 'treatment', 'Radiation fractions'),
  ('cycles', 'integer', NULL, 'treatment', 'Drug cycles'),
  ('site', 'text', NULL, 'treatment', 'Anatomic site treated'),
  ('given', 'boolean', NULL, 'treatment', 'Whether the treatment was given (GDC treatment_or_therapy)'),
  ('sample_type', 'text', NULL, 'sample', 'Sample type (Primary Tumor, Solid Tissue Normal, Blood Derived Normal ...)'),
  ('sample_uuid', 'code', NULL, 'sample', 'BCR sample UUID'),
  ('days_to_collection', 'integer', 'days', 'sample', 'Days from diagnosis to sample collection'),
  ('is_ffpe', 'boolean', NULL, 'sample', 'Formalin-fixed, paraffin-embedded'),
  ('aliquot_uuid', 'code', NULL, 'aliquot', 'BCR aliquot UUID'),
  ('analyte_type', 'text', NULL, 'analyte', 'Analyte: DNA, RNA ...');

------------------------------------------------------------------------------
-- Facts
------------------------------------------------------------------------------

CREATE TABLE warehouse.clinical_fact (
  fact_id            bigint NOT NULL,
  load_id            bigint NOT NULL,
  study_key          integer NOT NULL,
  patient_key        integer NOT NULL,
  sample_key         integer,
  entity             text NOT NULL,
  instance           text NOT NULL DEFAULT '',
  attribute          text NOT NULL,
  value              text,
  value_num          double precision,
  value_type         text NOT NULL,
  missing_reason     text,
  typed              boolean NOT NULL,
  source             text,
  source_value       text,
  is_current         boolean NOT NULL DEFAULT true,
  superseded_by_load bigint,
  superseded_at      timestamptz
);
-- A block-range index: facts arrive grouped by patient (a file's rows, a
-- patient's XML), so the ranges stay narrow; much cheaper to keep up during
-- bulk loads than a btree.  Whether a patient has current facts is answered
-- by audit.load_part (indexed by patient).
CREATE INDEX clinical_fact_patient_idx ON warehouse.clinical_fact USING brin (patient_key, load_id)
  WITH (autosummarize = on);
CREATE INDEX clinical_fact_sample_idx ON warehouse.clinical_fact (sample_key) WHERE sample_key IS NOT NULL AND is_current;
COMMENT ON TABLE warehouse.clinical_fact IS
  'Clinical and biospecimen facts: one row per source field (XML element, table cell) of a patient, or of one of its samples, follow-ups, '
  'drugs, radiations, new tumour events, diagnoses, exposures ... (entity and instance). typed rows hold an attribute of the clinical '
  'model (warehouse.clinical_attribute_def), normalised; the others keep the source''s name and text. A missing value is a row with '
  'value NULL and missing_reason set. A later load of the same patient x sample x entity x instance x attribute replaces the row '
  '(is_current false, superseded_by_load): the history stays. load_id, study_key, patient_key and sample_key are not declared foreign '
  'keys, and the table has only a block-range (BRIN) index by patient and load (and a btree on current sample facts by sample) for fast bulk '
  'loads; the loader writes them in the transaction that creates the dimension rows and audit.load, and the load''s audit.load_part rows '
  'say which patients have current facts.';
COMMENT ON COLUMN warehouse.clinical_fact.fact_id IS
  'Surrogate key, in load order: the loader assigns load_id x 2^32 + the row''s position in its load (not indexed: facts are found by patient).';
COMMENT ON COLUMN warehouse.clinical_fact.load_id IS 'Load that set the value (audit.load).';
COMMENT ON COLUMN warehouse.clinical_fact.study_key IS 'Study (warehouse.study).';
COMMENT ON COLUMN warehouse.clinical_fact.patient_key IS 'Patient (warehouse.patient).';
COMMENT ON COLUMN warehouse.clinical_fact.sample_key IS 'Sample (warehouse.sample) for sample, portion, analyte, aliquot and slide facts; NULL for patient facts.';
COMMENT ON COLUMN warehouse.clinical_fact.entity IS
  'What the field describes: patient, admin, biospecimen (patient part of a biospecimen file), follow_up, drug, radiation, '
  'new_tumor_event, diagnosis, treatment, exposure, pathology_detail, family_history, molecular_test, sample, portion, analyte, aliquot, slide ...';
COMMENT ON COLUMN warehouse.clinical_fact.instance IS
  'Which one of several: a barcode (follow-up, drug, radiation, portion, analyte, aliquot, slide), a GDC entity UUID, a position (nte1); empty when there is one.';
COMMENT ON COLUMN warehouse.clinical_fact.attribute IS 'Typed attribute name, or the source''s own name (XML element, column header).';
COMMENT ON COLUMN warehouse.clinical_fact.value IS 'Value in normal form (typed) or as the source wrote it, trimmed; NULL when missing.';
COMMENT ON COLUMN warehouse.clinical_fact.value_num IS 'The value as a number, for integer and number values.';
COMMENT ON COLUMN warehouse.clinical_fact.value_type IS 'text, integer, number, boolean or code.';
COMMENT ON COLUMN warehouse.clinical_fact.missing_reason IS
  'Why the value is missing: the XML procurement_status (Not Available, Not Applicable ...), a Biotab token ([Not Available] without brackets), '
  'the GDC''s ''--, NA, not reported ...; NULL when there is a value.';
COMMENT ON COLUMN warehouse.clinical_fact.typed IS 'True for an attribute of the clinical model (normalised), false for a field kept as the source gave it.';
COMMENT ON COLUMN warehouse.clinical_fact.source IS 'Where the value came from: the XML element path or the column header.';
COMMENT ON COLUMN warehouse.clinical_fact.source_value IS 'The source text when the stored value differs from it (normalised, converted from months or days); NULL otherwise. Raw dates of hospital exports are never kept here.';
COMMENT ON COLUMN warehouse.clinical_fact.is_current IS 'False once a later load replaced the value.';
COMMENT ON COLUMN warehouse.clinical_fact.superseded_by_load IS 'Load that replaced the value.';
COMMENT ON COLUMN warehouse.clinical_fact.superseded_at IS 'When it was replaced.';

------------------------------------------------------------------------------
-- Views for stewards (withdrawn patients included) and analysts (v_*)
------------------------------------------------------------------------------

-- One value per patient x typed attribute: the value present before the
-- missing one, the patient's own record before exposures, pathology details
-- and follow-ups, the latest load first.
CREATE VIEW warehouse.clinical_patient_value AS
SELECT DISTINCT ON (f.patient_key, f.attribute)
       f.patient_key, f.attribute, f.value, f.value_num, f.missing_reason, f.entity, f.instance, f.load_id
  FROM warehouse.clinical_fact f
 WHERE f.is_current AND f.typed AND f.sample_key IS NULL
   AND f.entity IN ('patient', 'admin', 'exposure', 'pathology_detail', 'follow_up', 'new_tumor_event')
 ORDER BY f.patient_key, f.attribute, (f.value IS NULL),
          CASE f.entity WHEN 'patient' THEN 0 WHEN 'admin' THEN 1 WHEN 'exposure' THEN 2
                        WHEN 'pathology_detail' THEN 3 ELSE 4 END,
          f.load_id DESC, f.fact_id DESC;
COMMENT ON VIEW warehouse.clinical_patient_value IS
  'Steward view: the value of each typed patient attribute: a present value before a missing one, the patient record before exposures, '
  'pathology details, follow-ups and new tumour events, the latest load first. Survival fields are aggregated in clinical_patient_all.';
COMMENT ON COLUMN warehouse.clinical_patient_value.patient_key IS 'Patient.';
COMMENT ON COLUMN warehouse.clinical_patient_value.attribute IS 'Typed attribute.';
COMMENT ON COLUMN warehouse.clinical_patient_value.value IS 'Value (normal form), NULL when every source left it missing.';
COMMENT ON COLUMN warehouse.clinical_patient_value.value_num IS 'Value as a number.';
COMMENT ON COLUMN warehouse.clinical_patient_value.missing_reason IS 'Why it is missing.';
COMMENT ON COLUMN warehouse.clinical_patient_value.entity IS 'Entity the value came from.';
COMMENT ON COLUMN warehouse.clinical_patient_value.instance IS 'Instance the value came from.';
COMMENT ON COLUMN warehouse.clinical_patient_value.load_id IS 'Load that set it.';

CREATE VIEW warehouse.clinical_patient_all AS
WITH v AS (
  SELECT patient_key,
         max(value) FILTER (WHERE attribute = 'sex') AS sex,
         max(value) FILTER (WHERE attribute = 'race') AS race,
         max(value) FILTER (WHERE attribute = 'ethnicity') AS ethnicity,
         max(value_num) FILTER (WHERE attribute = 'age_at_diagnosis') AS age_at_diagnosis,
         max(value_num) FILTER (WHERE attribute = 'os_days') AS os_days,
         max(value) FILTER (WHERE attribute = 'primary_site') AS primary_site,
         max(value) FILTER (WHERE attribute = 'subsite') AS subsite,
         max(value) FILTER (WHERE attribute = 'icd_o3_site') AS icd_o3_site,
         max(value) FILTER (WHERE attribute = 'icd_o3_histology') AS icd_o3_histology,
         max(value) FILTER (WHERE attribute = 'icd_10') AS icd_10,
         max(value) FILTER (WHERE attribute = 'histology') AS histology,
         max(value) FILTER (WHERE attribute = 'grade') AS grade,
         max(value) FILTER (WHERE attribute = 'ajcc_edition') AS ajcc_edition,
         max(value) FILTER (WHERE attribute = 'clinical_stage') AS clinical_stage,
         max(value) FILTER (WHERE attribute = 'pathologic_stage') AS pathologic_stage,
         max(value) FILTER (WHERE attribute = 'clinical_t') AS clinical_t,
         max(value) FILTER (WHERE attribute = 'clinical_n') AS clinical_n,
         max(value) FILTER (WHERE attribute = 'clinical_m') AS clinical_m,
         max(value) FILTER (WHERE attribute = 'pathologic_t') AS pathologic_t,
         max(value) FILTER (WHERE attribute = 'pathologic_n') AS pathologic_n,
         max(value) FILTER (WHERE attribute = 'pathologic_m') AS pathologic_m,
         max(value) FILTER (WHERE attribute = 'margin_status') AS margin_status,
         max(value) FILTER (WHERE attribute = 'perineural_invasion') AS perineural_invasion,
         max(value) FILTER (WHERE attribute = 'lymphovascular_invasion') AS lymphovascular_invasion,
         max(value) FILTER (WHERE attribute = 'nodal_extracapsular_spread') AS nodal_extracapsular_spread,
         max(value_num) FILTER (WHERE attribute = 'depth_of_invasion') AS depth_of_invasion,
         max(value_num) FILTER (WHERE attribute = 'lymph_nodes_examined') AS lymph_nodes_examined,
         max(value_num) FILTER (WHERE attribute = 'lymph_nodes_positive') AS lymph_nodes_positive,
         max(value) FILTER (WHERE attribute = 'hpv_status_p16') AS hpv_status_p16,
         max(value) FILTER (WHERE attribute = 'hpv_status_ish') AS hpv_status_ish,
         max(value) FILTER (WHERE attribute = 'hpv_status') AS hpv_status,
         max(value_num) FILTER (WHERE attribute = 'tobacco_smoking_history') AS smoking_code,
         max(value_num) FILTER (WHERE attribute = 'pack_years') AS pack_years,
         max(value_num) FILTER (WHERE attribute = 'smoking_onset_year') AS smoking_onset_year,
         max(value_num) FILTER (WHERE attribute = 'smoking_quit_year') AS smoking_quit_year,
         max(value) FILTER (WHERE attribute = 'smokeless_tobacco') AS smokeless_tobacco,
         max(value) FILTER (WHERE attribute = 'smokeless_tobacco_form') AS smokeless_tobacco_form,
         max(value_num) FILTER (WHERE attribute = 'smokeless_tobacco_per_day') AS smokeless_tobacco_per_day,
         max(value_num) FILTER (WHERE attribute = 'smokeless_tobacco_years') AS smokeless_tobacco_years,
         max(value) FILTER (WHERE attribute = 'betel_quid') AS betel_quid,
         max(value) FILTER (WHERE attribute = 'betel_quid_form') AS betel_quid_form,
         max(value_num) FILTER (WHERE attribute = 'betel_quid_per_day') AS betel_quid_per_day,
         max(value_num) FILTER (WHERE attribute = 'betel_quid_years') AS betel_quid_years,
         max(value) FILTER (WHERE attribute = 'areca_nut') AS areca_nut,
         max(value) FILTER (WHERE attribute = 'areca_nut_form') AS areca_nut_form,
         max(value_num) FILTER (WHERE attribute = 'areca_nut_per_day') AS areca_nut_per_day,
         max(value_num) FILTER (WHERE attribute = 'areca_nut_years') AS areca_nut_years,
         max(value) FILTER (WHERE attribute = 'alcohol_history') AS alcohol_history,
         max(value_num) FILTER (WHERE attribute = 'alcohol_frequency') AS alcohol_frequency,
         max(value_num) FILTER (WHERE attribute = 'alcohol_amount') AS alcohol_amount,
         max(value) FILTER (WHERE attribute = 'neck_dissection') AS neck_dissection,
         max(value) FILTER (WHERE attribute = 'dfs_status') AS dfs_status,
         max(value_num) FILTER (WHERE attribute = 'dfs_days') AS dfs_days
    FROM warehouse.clinical_patient_value
   GROUP BY patient_key),
s AS (
  SELECT patient_key,
         max(value_num) FILTER (WHERE attribute = 'days_to_last_followup') AS last_followup,
         max(value_num) FILTER (WHERE attribute = 'days_to_death') AS death,
         bool_or(value = 'Dead') FILTER (WHERE attribute = 'vital_status') AS any_dead,
         bool_or(value = 'Alive') FILTER (WHERE attribute = 'vital_status') AS any_alive,
         bool_or(value = 'true') FILTER (WHERE attribute = 'new_tumor_event') AS new_tumor_event,
         min(value_num) FILTER (WHERE attribute = 'days_to_new_tumor_event') AS first_new_tumor_event
    FROM warehouse.clinical_fact
   WHERE is_current AND typed AND sample_key IS NULL
     AND entity IN ('patient', 'admin', 'follow_up', 'new_tumor_event', 'exposure', 'pathology_detail')
   GROUP BY patient_key)
SELECT st.study_id,
       p.patient_id,
       v.sex,
       v.race,
       v.ethnicity,
       v.age_at_diagnosis,
       CASE WHEN s.any_dead OR s.death IS NOT NULL THEN 'Dead' WHEN s.any_alive THEN 'Alive' END AS vital_status,
       s.death::integer AS days_to_death,
       s.last_followup::integer AS days_to_last_followup,
       CASE WHEN s.any_dead OR s.death IS NOT NULL THEN coalesce(s.death, v.os_days)
            ELSE coalesce(s.last_followup, v.os_days) END AS os_days,
       CASE WHEN s.any_dead OR s.death IS NOT NULL THEN 1 WHEN s.any_alive THEN 0 END AS os_event,
       v.primary_site,
       v.subsite,
       coalesce(v.icd_o3_site, os.code) AS icd_o3_site,
       v.icd_o3_histology,
       v.icd_10,
       v.grade,
       v.ajcc_edition,
       v.clinical_stage,
       v.pathologic_stage,
       v.pathologic_t,
       v.pathologic_n,
       v.pathologic_m,
       v.hpv_status_p16,
       v.hpv_status_ish,
       CASE WHEN v.hpv_status_ish IN ('Positive', 'Negative') THEN v.hpv_status_ish
            WHEN v.hpv_status_p16 IN ('Positive', 'Negative') THEN v.hpv_status_p16
            WHEN v.hpv_status IN ('Positive', 'Negative') THEN v.hpv_status
            ELSE 'Unknown' END AS hpv_status,
       th.meaning AS tobacco_smoking_history,
       v.pack_years,
       v.smokeless_tobacco,
       v.betel_quid,
       v.areca_nut,
       v.alcohol_history,
       v.smoking_code::smallint AS tobacco_smoking_history_code,
       v.smoking_onset_year::integer AS smoking_onset_year,
       v.smoking_quit_year::integer AS smoking_quit_year,
       v.smokeless_tobacco_form,
       v.smokeless_tobacco_per_day,
       v.smokeless_tobacco_years,
       v.betel_quid_form,
       v.betel_quid_per_day,
       v.betel_quid_years,
       v.areca_nut_form,
       v.areca_nut_per_day,
       v.areca_nut_years,
       v.alcohol_frequency,
       v.alcohol_amount,
       v.histology,
       v.clinical_t,
       v.clinical_n,
       v.clinical_m,
       v.margin_status,
       v.perineural_invasion::boolean AS perineural_invasion,
       v.lymphovascular_invasion::boolean AS lymphovascular_invasion,
       v.nodal_extracapsular_spread,
       v.depth_of_invasion,
       v.lymph_nodes_examined::integer AS lymph_nodes_examined,
       v.lymph_nodes_positive::integer AS lymph_nodes_positive,
       v.neck_dissection::boolean AS neck_dissection,
       coalesce(s.new_tumor_event, false) OR s.first_new_tumor_event IS NOT NULL AS new_tumor_event,
       s.first_new_tumor_event::integer AS days_to_new_tumor_event,
       v.dfs_status,
       v.dfs_days,
       p.patient_uuid,
       p.withdrawn
  FROM warehouse.patient p
  JOIN warehouse.study st ON st.study_key = p.study_key
  LEFT JOIN v ON v.patient_key = p.patient_key
  LEFT JOIN s ON s.patient_key = p.patient_key
  LEFT JOIN warehouse.oral_subsite os ON os.subsite = v.subsite
  LEFT JOIN warehouse.tobacco_smoking_history th ON th.code = v.smoking_code;
COMMENT ON VIEW warehouse.clinical_patient_all IS
  'Steward view: v_clinical_patient with withdrawn patients included (column withdrawn).';

CREATE VIEW warehouse.v_clinical_patient AS
SELECT * FROM warehouse.clinical_patient_all WHERE NOT withdrawn;
COMMENT ON VIEW warehouse.v_clinical_patient IS
  'Analyst view: one row per patient with the typed clinical attributes (current values; withdrawn patients left out). '
  'vital_status is Dead when any source records a death; days_to_last_followup is the latest across the patient and its follow-ups; '
  'os_days is days_to_death for the dead, else days_to_last_followup (else a source''s own overall survival time); os_event 1 = death, 0 = censored. '
  'hpv_status: ISH when tested, else p16, else a status the source states, else Unknown. icd_o3_site: the source''s code, else the subsite''s.';

-- the same comments on both views' columns
DO $$
DECLARE
  c text[];
BEGIN
  FOREACH c SLICE 1 IN ARRAY ARRAY[
    ['study_id', 'Study identifier.'],
    ['patient_id', 'Patient identifier.'],
    ['sex', 'male or female.'],
    ['race', 'Race, lower case.'],
    ['ethnicity', 'Ethnicity, lower case.'],
    ['age_at_diagnosis', 'Age at diagnosis, years.'],
    ['vital_status', 'Alive or Dead (Dead when any source records a death).'],
    ['days_to_death', 'Days from diagnosis to death (the latest any source gives).'],
    ['days_to_last_followup', 'Days from diagnosis to the last follow-up, the latest across the patient record and its follow-ups.'],
    ['os_days', 'Overall survival time, days: days_to_death for the dead, else days_to_last_followup.'],
    ['os_event', 'Overall survival event: 1 death, 0 censored (alive at last follow-up), NULL unknown.'],
    ['primary_site', 'Primary site as the source names it.'],
    ['subsite', 'Subsite, lower case (oral tongue, floor of mouth, buccal mucosa ...).'],
    ['icd_o3_site', 'ICD-O-3 topography code (the source''s, else from the subsite).'],
    ['icd_o3_histology', 'ICD-O-3 morphology code.'],
    ['icd_10', 'ICD-10 code.'],
    ['grade', 'Histologic grade (G1 ... GX).'],
    ['ajcc_edition', 'AJCC staging edition (7th ...).'],
    ['clinical_stage', 'AJCC clinical stage (Stage IVA ...).'],
    ['pathologic_stage', 'AJCC pathologic stage (Stage IVA ...).'],
    ['pathologic_t', 'AJCC pathologic T (T4a ...).'],
    ['pathologic_n', 'AJCC pathologic N (N2b ...).'],
    ['pathologic_m', 'AJCC pathologic M (M0 ...).'],
    ['hpv_status_p16', 'HPV by p16: Positive or Negative.'],
    ['hpv_status_ish', 'HPV by ISH: Positive or Negative.'],
    ['hpv_status', 'Overall HPV status: ISH when tested, else p16, else a stated status, else Unknown.'],
    ['tobacco_smoking_history', 'Tobacco smoking history, the meaning of the TCGA code (Current smoker ...).'],
    ['pack_years', 'Pack-years smoked.'],
    ['smokeless_tobacco', 'Smokeless tobacco use: current, former, never, yes or no.'],
    ['betel_quid', 'Betel quid (paan) chewing: current, former, never, yes or no.'],
    ['areca_nut', 'Areca nut chewing: current, former, never, yes or no.'],
    ['alcohol_history', 'Alcohol history: yes or no.'],
    ['tobacco_smoking_history_code', 'TCGA smoking history code 1-7.'],
    ['smoking_onset_year', 'Year smoking started.'],
    ['smoking_quit_year', 'Year smoking stopped.'],
    ['smokeless_tobacco_form', 'Form of smokeless tobacco (gutka, naswar, khaini ...).'],
    ['smokeless_tobacco_per_day', 'Smokeless tobacco uses per day.'],
    ['smokeless_tobacco_years', 'Years of smokeless tobacco use.'],
    ['betel_quid_form', 'Form of betel quid.'],
    ['betel_quid_per_day', 'Betel quids per day.'],
    ['betel_quid_years', 'Years of betel quid chewing.'],
    ['areca_nut_form', 'Form of areca nut.'],
    ['areca_nut_per_day', 'Areca nut uses per day.'],
    ['areca_nut_years', 'Years of areca nut chewing.'],
    ['alcohol_frequency', 'Days per week alcohol is drunk.'],
    ['alcohol_amount', 'Drinks per drinking day.'],
    ['histology', 'Histological type.'],
    ['clinical_t', 'AJCC clinical T.'],
    ['clinical_n', 'AJCC clinical N.'],
    ['clinical_m', 'AJCC clinical M.'],
    ['margin_status', 'Surgical margin: Negative, Close or Positive.'],
    ['perineural_invasion', 'Perineural invasion present.'],
    ['lymphovascular_invasion', 'Lymphovascular invasion present.'],
    ['nodal_extracapsular_spread', 'Nodal extracapsular spread.'],
    ['depth_of_invasion', 'Depth of invasion, mm.'],
    ['lymph_nodes_examined', 'Lymph nodes examined.'],
    ['lymph_nodes_positive', 'Lymph nodes positive.'],
    ['neck_dissection', 'Neck dissection performed.'],
    ['new_tumor_event', 'A new tumour event (recurrence, progression, new primary) is recorded.'],
    ['days_to_new_tumor_event', 'Days from diagnosis to the first new tumour event.'],
    ['dfs_status', 'Disease-free status as a source states it.'],
    ['dfs_days', 'Disease-free time, days, as a source states it.'],
    ['patient_uuid', 'Patient (case) UUID.'],
    ['withdrawn', 'Patient withdrawn (only in the steward view; the analyst view leaves them out).']] LOOP
    EXECUTE format('COMMENT ON COLUMN warehouse.clinical_patient_all.%I IS %L', c[1], c[2]);
    EXECUTE format('COMMENT ON COLUMN warehouse.v_clinical_patient.%I IS %L', c[1], c[2]);
  END LOOP;
END
$$;

CREATE VIEW warehouse.clinical_sample_all AS
SELECT st.study_id,
       p.patient_id,
       s.sample_id,
       s.sample_type,
       s.tcga_sample_type_code,
       s.sample_uuid,
       (SELECT max(f.value_num) FROM warehouse.clinical_fact f
         WHERE f.sample_key = s.sample_key AND f.is_current AND f.typed AND f.attribute = 'days_to_collection')::integer AS days_to_collection,
       (SELECT bool_or(f.value = 'true') FROM warehouse.clinical_fact f
         WHERE f.sample_key = s.sample_key AND f.is_current AND f.typed AND f.attribute = 'is_ffpe' AND f.entity = 'sample') AS is_ffpe,
       (SELECT jsonb_object_agg(f.attribute, f.value ORDER BY f.fact_id) FROM warehouse.clinical_fact f
         WHERE f.sample_key = s.sample_key AND f.is_current AND f.entity = 'sample') AS attributes,
       coalesce(p.withdrawn, false) AS withdrawn
  FROM warehouse.sample s
  JOIN warehouse.study st ON st.study_key = s.study_key
  LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key;
COMMENT ON VIEW warehouse.clinical_sample_all IS 'Steward view: v_clinical_sample with withdrawn patients included.';

CREATE VIEW warehouse.v_clinical_sample AS
SELECT * FROM warehouse.clinical_sample_all WHERE NOT withdrawn;
COMMENT ON VIEW warehouse.v_clinical_sample IS
  'Analyst view: one row per sample with its patient, type and current sample attributes (every sample-level field of clinical, '
  'biospecimen and cBioPortal sample files in attributes, by name); withdrawn patients left out.';

DO $$
DECLARE
  c text[];
BEGIN
  FOREACH c SLICE 1 IN ARRAY ARRAY[
    ['study_id', 'Study identifier.'],
    ['patient_id', 'Patient identifier.'],
    ['sample_id', 'Sample identifier.'],
    ['sample_type', 'Sample type.'],
    ['tcga_sample_type_code', 'TCGA sample type code when the ID is a TCGA barcode.'],
    ['sample_uuid', 'BCR sample UUID.'],
    ['days_to_collection', 'Days from diagnosis to collection.'],
    ['is_ffpe', 'Formalin-fixed, paraffin-embedded.'],
    ['attributes', 'Every current sample-level attribute, name to value (JSON object; missing values are null).'],
    ['withdrawn', 'Patient withdrawn (only in the steward view).']] LOOP
    EXECUTE format('COMMENT ON COLUMN warehouse.clinical_sample_all.%I IS %L', c[1], c[2]);
    EXECUTE format('COMMENT ON COLUMN warehouse.v_clinical_sample.%I IS %L', c[1], c[2]);
  END LOOP;
END
$$;

CREATE VIEW warehouse.treatment_all AS
WITH t AS (
  SELECT f.patient_key, f.entity, f.instance,
         max(f.value) FILTER (WHERE f.attribute = 'treatment_type') AS treatment_type,
         max(f.value) FILTER (WHERE f.attribute = 'agent') AS agent,
         max(f.value) FILTER (WHERE f.attribute = 'therapy_type') AS therapy_type,
         max(f.value_num) FILTER (WHERE f.attribute = 'start_day') AS start_day,
         max(f.value_num) FILTER (WHERE f.attribute = 'end_day') AS end_day,
         max(f.value_num) FILTER (WHERE f.attribute = 'dose') AS dose,
         max(f.value) FILTER (WHERE f.attribute = 'dose_units') AS dose_units,
         max(f.value_num) FILTER (WHERE f.attribute = 'fractions') AS fractions,
         max(f.value_num) FILTER (WHERE f.attribute = 'cycles') AS cycles,
         max(f.value) FILTER (WHERE f.attribute = 'site') AS site,
         max(f.value) FILTER (WHERE f.attribute = 'given') AS given,
         max(f.load_id) AS load_id
    FROM warehouse.clinical_fact f
   WHERE f.is_current AND f.entity IN ('drug', 'radiation', 'surgery', 'treatment')
   GROUP BY f.patient_key, f.entity, f.instance
  HAVING count(f.value) > 0)
SELECT st.study_id,
       p.patient_id,
       coalesce(t.treatment_type,
                CASE WHEN t.entity IN ('drug', 'radiation', 'surgery') THEN t.entity
                     WHEN t.therapy_type ILIKE '%radiation%' OR t.therapy_type ILIKE '%radiotherapy%' THEN 'radiation'
                     WHEN t.therapy_type ILIKE '%surg%' THEN 'surgery'
                     ELSE 'drug' END) AS treatment_type,
       t.agent,
       t.therapy_type,
       t.start_day::integer AS start_day,
       t.end_day::integer AS end_day,
       t.dose,
       t.dose_units,
       t.fractions::integer AS fractions,
       t.site,
       t.cycles::integer AS cycles,
       t.given::boolean AS given,
       t.entity AS source_entity,
       t.instance AS treatment_id,
       t.load_id,
       p.withdrawn
  FROM t
  JOIN warehouse.patient p ON p.patient_key = t.patient_key
  JOIN warehouse.study st ON st.study_key = p.study_key
UNION ALL
SELECT st.study_id, p.patient_id, 'surgery', 'neck dissection',
       nullif(concat_ws('; ', 'left: ' || l.value, 'right: ' || r.value), ''),
       NULL, NULL, NULL, NULL, NULL, 'neck', NULL, true, 'patient', 'neck_dissection', v.load_id, p.withdrawn
  FROM warehouse.clinical_patient_value v
  JOIN warehouse.patient p ON p.patient_key = v.patient_key
  JOIN warehouse.study st ON st.study_key = p.study_key
  LEFT JOIN warehouse.clinical_fact l ON l.patient_key = v.patient_key AND l.is_current AND l.entity = 'patient'
        AND l.attribute = 'lymphnode_dissection_method_left' AND l.value IS NOT NULL
  LEFT JOIN warehouse.clinical_fact r ON r.patient_key = v.patient_key AND r.is_current AND r.entity = 'patient'
        AND r.attribute = 'lymphnode_dissection_method_right' AND r.value IS NOT NULL
 WHERE v.attribute = 'neck_dissection' AND v.value = 'true';
COMMENT ON VIEW warehouse.treatment_all IS 'Steward view: v_treatment with withdrawn patients included.';

CREATE VIEW warehouse.v_treatment AS
SELECT * FROM warehouse.treatment_all WHERE NOT withdrawn;
COMMENT ON VIEW warehouse.v_treatment IS
  'Analyst view: one row per treatment: drugs and radiations of BCR XML and Biotab, GDC treatment rows, hospital treatment columns, '
  'and a neck dissection the XML records (surgery); withdrawn patients left out.';

DO $$
DECLARE
  c text[];
BEGIN
  FOREACH c SLICE 1 IN ARRAY ARRAY[
    ['study_id', 'Study identifier.'],
    ['patient_id', 'Patient identifier.'],
    ['treatment_type', 'drug, radiation or surgery (GDC therapy types sorted into these by name).'],
    ['agent', 'Drug name or therapeutic agents.'],
    ['therapy_type', 'Therapy type as the source names it.'],
    ['start_day', 'Days from diagnosis to the start.'],
    ['end_day', 'Days from diagnosis to the end.'],
    ['dose', 'Total dose, in dose_units.'],
    ['dose_units', 'Dose unit.'],
    ['fractions', 'Radiation fractions.'],
    ['site', 'Site treated.'],
    ['cycles', 'Drug cycles.'],
    ['given', 'Whether the treatment was given (GDC treatment_or_therapy), when a source says.'],
    ['source_entity', 'Entity it was recorded as: drug, radiation, surgery, treatment (GDC), patient (neck dissection).'],
    ['treatment_id', 'The treatment''s barcode or UUID in the source.'],
    ['load_id', 'Latest load that set any of its values.'],
    ['withdrawn', 'Patient withdrawn (only in the steward view).']] LOOP
    EXECUTE format('COMMENT ON COLUMN warehouse.treatment_all.%I IS %L', c[1], c[2]);
    EXECUTE format('COMMENT ON COLUMN warehouse.v_treatment.%I IS %L', c[1], c[2]);
  END LOOP;
END
$$;

CREATE VIEW warehouse.clinical_attribute_all AS
SELECT st.study_id,
       p.patient_id,
       s.sample_id,
       f.attribute,
       f.value,
       f.missing_reason,
       f.source,
       f.entity,
       f.instance,
       f.value_type,
       f.typed,
       f.value_num,
       f.source_value,
       f.load_id,
       l.input_format AS source_format,
       p.withdrawn
  FROM warehouse.clinical_fact f
  JOIN warehouse.patient p ON p.patient_key = f.patient_key
  JOIN warehouse.study st ON st.study_key = f.study_key
  LEFT JOIN warehouse.sample s ON s.sample_key = f.sample_key
  LEFT JOIN audit.load l ON l.load_id = f.load_id
 WHERE f.is_current;
COMMENT ON VIEW warehouse.clinical_attribute_all IS 'Steward view: v_clinical_attribute with withdrawn patients included.';

CREATE VIEW warehouse.v_clinical_attribute AS
SELECT * FROM warehouse.clinical_attribute_all WHERE NOT withdrawn;
COMMENT ON VIEW warehouse.v_clinical_attribute IS
  'Analyst view: the long form of every current clinical and biospecimen attribute, typed or not, with the source element or column '
  'and the load it came from; withdrawn patients left out.';

DO $$
DECLARE
  c text[];
BEGIN
  FOREACH c SLICE 1 IN ARRAY ARRAY[
    ['study_id', 'Study identifier.'],
    ['patient_id', 'Patient identifier.'],
    ['sample_id', 'Sample identifier for sample-level attributes, NULL for patient attributes.'],
    ['attribute', 'Attribute: a typed name (clinical_attribute_def) or the source''s own.'],
    ['value', 'Value (normal form for typed attributes), NULL when missing.'],
    ['missing_reason', 'Why the value is missing (Not Available, ''--, NA ...).'],
    ['source', 'Source element path or column header.'],
    ['entity', 'Entity described (patient, follow_up, drug, sample, aliquot ...).'],
    ['instance', 'Which one of several (barcode, UUID, position); empty when one.'],
    ['value_type', 'text, integer, number, boolean or code.'],
    ['typed', 'True for a typed attribute of the clinical model.'],
    ['value_num', 'The value as a number, when it is one.'],
    ['source_value', 'The source text when the value was normalised or converted.'],
    ['load_id', 'Load the value came from.'],
    ['source_format', 'Format of the file it came from (bcr-clinical-xml, bcr-biotab, gdc-clinical-tsv, cbioportal-clinical, hospital-export ...).'],
    ['withdrawn', 'Patient withdrawn (only in the steward view).']] LOOP
    EXECUTE format('COMMENT ON COLUMN warehouse.clinical_attribute_all.%I IS %L', c[1], c[2]);
    EXECUTE format('COMMENT ON COLUMN warehouse.v_clinical_attribute.%I IS %L', c[1], c[2]);
  END LOOP;
END
$$;

-- History: every fact, current or not, with the loads that set and replaced it.
CREATE VIEW warehouse.clinical_history AS
SELECT st.study_id,
       p.patient_id,
       s.sample_id,
       f.entity,
       f.instance,
       f.attribute,
       f.value,
       f.missing_reason,
       f.source,
       f.load_id AS set_by_load,
       f.superseded_by_load AS replaced_by_load,
       f.superseded_at AS replaced_at,
       f.is_current
  FROM warehouse.clinical_fact f
  JOIN warehouse.patient p ON p.patient_key = f.patient_key
  JOIN warehouse.study st ON st.study_key = f.study_key
  LEFT JOIN warehouse.sample s ON s.sample_key = f.sample_key;
COMMENT ON VIEW warehouse.clinical_history IS
  'Steward view: every clinical value ever loaded, current or replaced, with the load that set it and the load that replaced it. '
  'warehouse.clinical_changes(study, patient, load_a, load_b) lists what changed between two loads.';
COMMENT ON COLUMN warehouse.clinical_history.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.clinical_history.patient_id IS 'Patient identifier.';
COMMENT ON COLUMN warehouse.clinical_history.sample_id IS 'Sample identifier, for sample-level values.';
COMMENT ON COLUMN warehouse.clinical_history.entity IS 'Entity described.';
COMMENT ON COLUMN warehouse.clinical_history.instance IS 'Which instance of the entity.';
COMMENT ON COLUMN warehouse.clinical_history.attribute IS 'Attribute.';
COMMENT ON COLUMN warehouse.clinical_history.value IS 'Value, NULL when missing.';
COMMENT ON COLUMN warehouse.clinical_history.missing_reason IS 'Why it is missing.';
COMMENT ON COLUMN warehouse.clinical_history.source IS 'Source element or column.';
COMMENT ON COLUMN warehouse.clinical_history.set_by_load IS 'Load that set the value.';
COMMENT ON COLUMN warehouse.clinical_history.replaced_by_load IS 'Load that replaced it; NULL while current.';
COMMENT ON COLUMN warehouse.clinical_history.replaced_at IS 'When it was replaced.';
COMMENT ON COLUMN warehouse.clinical_history.is_current IS 'True while it is the current value.';

CREATE FUNCTION warehouse.clinical_changes(p_study text, p_patient text, p_from_load bigint, p_to_load bigint)
RETURNS TABLE (sample_id text, entity text, instance text, attribute text,
               old_value text, old_missing_reason text, old_load bigint,
               new_value text, new_missing_reason text, new_load bigint, change text)
LANGUAGE sql STABLE AS $$
  WITH pk AS (
    SELECT p.patient_key FROM warehouse.patient p JOIN warehouse.study s ON s.study_key = p.study_key
     WHERE s.study_id = p_study AND p.patient_id = p_patient),
  a AS (
    SELECT f.* FROM warehouse.clinical_fact f JOIN pk ON pk.patient_key = f.patient_key
     WHERE f.load_id <= p_from_load AND (f.superseded_by_load IS NULL OR f.superseded_by_load > p_from_load)),
  b AS (
    SELECT f.* FROM warehouse.clinical_fact f JOIN pk ON pk.patient_key = f.patient_key
     WHERE f.load_id <= p_to_load AND (f.superseded_by_load IS NULL OR f.superseded_by_load > p_to_load))
  SELECT s.sample_id, coalesce(a.entity, b.entity), coalesce(a.instance, b.instance), coalesce(a.attribute, b.attribute),
         a.value, a.missing_reason, a.load_id, b.value, b.missing_reason, b.load_id,
         CASE WHEN a.fact_id IS NULL THEN 'added' WHEN b.fact_id IS NULL THEN 'removed' ELSE 'changed' END
    FROM a FULL JOIN b
      ON a.sample_key IS NOT DISTINCT FROM b.sample_key AND a.entity = b.entity
     AND a.instance = b.instance AND a.attribute = b.attribute
    LEFT JOIN warehouse.sample s ON s.sample_key = coalesce(a.sample_key, b.sample_key)
   WHERE a.fact_id IS NULL OR b.fact_id IS NULL
      OR a.value IS DISTINCT FROM b.value OR a.missing_reason IS DISTINCT FROM b.missing_reason
   ORDER BY 2, 3, 4, 1
$$;
COMMENT ON FUNCTION warehouse.clinical_changes(text, text, bigint, bigint) IS
  'Steward helper: what changed for a patient between the state after load p_from_load and the state after load p_to_load '
  '(added, changed, removed values, with the loads that set them).';

CREATE VIEW warehouse.v_icd_o3_topography AS
SELECT code, name, category, region FROM warehouse.icd_o3_topography;
COMMENT ON VIEW warehouse.v_icd_o3_topography IS 'Analyst view: the ICD-O-3 topography codes of the head and neck (C00-C14, C32).';
COMMENT ON COLUMN warehouse.v_icd_o3_topography.code IS 'Code (C02, C02.1 ...).';
COMMENT ON COLUMN warehouse.v_icd_o3_topography.name IS 'ICD-O-3 name.';
COMMENT ON COLUMN warehouse.v_icd_o3_topography.category IS 'Three-character category.';
COMMENT ON COLUMN warehouse.v_icd_o3_topography.region IS 'Region (oral cavity, oropharynx, larynx ...).';

------------------------------------------------------------------------------
-- Privileges
------------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON warehouse.clinical_fact, warehouse.icd_o3_topography, warehouse.oral_subsite,
  warehouse.tobacco_smoking_history, warehouse.clinical_attribute_def TO oncoload_loader;
GRANT SELECT ON warehouse.clinical_fact, warehouse.icd_o3_topography, warehouse.oral_subsite,
  warehouse.tobacco_smoking_history, warehouse.clinical_attribute_def,
  warehouse.clinical_patient_value, warehouse.clinical_patient_all, warehouse.clinical_sample_all,
  warehouse.treatment_all, warehouse.clinical_attribute_all, warehouse.clinical_history,
  warehouse.v_clinical_patient, warehouse.v_clinical_sample, warehouse.v_treatment,
  warehouse.v_clinical_attribute, warehouse.v_icd_o3_topography TO oncoload_steward;
GRANT UPDATE ON warehouse.clinical_fact, warehouse.patient TO oncoload_steward;
GRANT SELECT ON warehouse.v_clinical_patient, warehouse.v_clinical_sample, warehouse.v_treatment,
  warehouse.v_clinical_attribute, warehouse.v_icd_o3_topography TO oncoload_analyst;
REVOKE ALL ON FUNCTION warehouse.clinical_changes(text, text, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION warehouse.clinical_changes(text, text, bigint, bigint) TO oncoload_steward, oncoload_loader;
