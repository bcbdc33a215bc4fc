-- 001_core.sql: the warehouse core.  Schema "warehouse" holds the star
-- (dimensions, facts, analyst views); schema "audit" records every load,
-- its parts and its rejects.  Applied once by "oncoload init".

CREATE SCHEMA IF NOT EXISTS warehouse;
COMMENT ON SCHEMA warehouse IS
  'oncoload star schema: dimensions (study, patient, sample, aliquot, gene, measure), facts, and the analyst views v_*.';
COMMENT ON SCHEMA audit IS
  'oncoload audit trail: one row per load of a file, its per-sample parts, rejected rows, applied migrations.';

-- Roles.  Group roles (NOLOGIN): grant them to login roles.
-- Roles are shared by every database of a cluster: two databases initialised
-- at once may race to create them, so "already exists" is not an error.
DO $$
DECLARE
  r text[];
BEGIN
  FOREACH r SLICE 1 IN ARRAY ARRAY[
    ['oncoload_loader', 'oncoload: runs the loaders (writes dimensions, facts and audit rows).'],
    ['oncoload_steward', 'oncoload: data steward (reads everything including rejects and audit; may roll back loads).'],
    ['oncoload_analyst', 'oncoload: analyst (reads the warehouse views v_* only).']] LOOP
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r[1]) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r[1]);
        EXECUTE format('COMMENT ON ROLE %I IS %L', r[1], r[2]);
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END LOOP;
END
$$;

------------------------------------------------------------------------------
-- Reference data
------------------------------------------------------------------------------

CREATE TABLE warehouse.tcga_sample_type (
  code              text PRIMARY KEY,
  name              text NOT NULL,
  short_letter_code text
);
COMMENT ON TABLE warehouse.tcga_sample_type IS
  'TCGA sample type codes (the two digits after the participant in a barcode) and their names.';
COMMENT ON COLUMN warehouse.tcga_sample_type.code IS 'Two-digit code, e.g. 01.';
COMMENT ON COLUMN warehouse.tcga_sample_type.name IS 'Official name, e.g. Primary Solid Tumor.';
COMMENT ON COLUMN warehouse.tcga_sample_type.short_letter_code IS 'TCGA short letter code, e.g. TP, NT.';

INSERT INTO warehouse.tcga_sample_type (code, name, short_letter_code) VALUES
  ('01', 'Primary Solid Tumor', 'TP'),
  ('02', 'Recurrent Solid Tumor', 'TR'),
  ('03', 'Primary Blood Derived Cancer - Peripheral Blood', 'TB'),
  ('04', 'Recurrent Blood Derived Cancer - Bone Marrow', 'TRBM'),
  ('05', 'Additional - New Primary', 'TAP'),
  ('06', 'Metastatic', 'TM'),
  ('07', 'Additional Metastatic', 'TAM'),
  ('08', 'Human Tumor Original Cells', 'THOC'),
  ('09', 'Primary Blood Derived Cancer - Bone Marrow', 'TBM'),
  ('10', 'Blood Derived Normal', 'NB'),
  ('11', 'Solid Tissue Normal', 'NT'),
  ('12', 'Buccal Cell Normal', 'NBC'),
  ('13', 'EBV Immortalized Normal', 'NEBV'),
  ('14', 'Bone Marrow Normal', 'NBM'),
  ('15', 'sample type 15', '15SH'),
  ('16', 'sample type 16', '16SH'),
  ('20', 'Control Analyte', 'CELLC'),
  ('40', 'Recurrent Blood Derived Cancer - Peripheral Blood', 'TRB'),
  ('50', 'Cell Lines', 'CELL'),
  ('60', 'Primary Xenograft Tissue', 'XP'),
  ('61', 'Cell Line Derived Xenograft Tissue', 'XCL');

------------------------------------------------------------------------------
-- Audit: loads
------------------------------------------------------------------------------

CREATE TABLE audit.load (
  load_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  command           text NOT NULL,
  input_format      text,
  data_type         text,
  workflow          text,
  source_path       text,
  source_size       bigint,
  source_sha256     text,
  study_id          text,
  started_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at       timestamptz,
  status            text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'succeeded', 'failed', 'skipped',
                                      'superseded', 'rolled_back')),
  records_read      bigint NOT NULL DEFAULT 0,
  records_loaded    bigint NOT NULL DEFAULT 0,
  records_rejected  bigint NOT NULL DEFAULT 0,
  records_filtered  bigint NOT NULL DEFAULT 0,
  facts_written     bigint NOT NULL DEFAULT 0,
  values_rejected   bigint NOT NULL DEFAULT 0,
  values_missing    bigint NOT NULL DEFAULT 0,
  duplicate_of      bigint REFERENCES audit.load (load_id),
  message           text,
  program_version   text,
  db_user           text NOT NULL DEFAULT current_user,
  os_user           text,
  host              text,
  pid               integer,
  arguments         text[],
  metadata          jsonb NOT NULL DEFAULT '{}'::jsonb
);
COMMENT ON TABLE audit.load IS
  'One row per input file and command: what was read, from where, by whom, and the outcome. '
  'records_read = records_loaded + records_rejected + records_filtered for a finished load.';
COMMENT ON COLUMN audit.load.load_id IS 'Load identifier; every fact row carries it through its part (audit.load_part).';
COMMENT ON COLUMN audit.load.command IS 'oncoload command that ran (expression, genes, ...).';
COMMENT ON COLUMN audit.load.input_format IS 'Detected (or --input-format) format, e.g. gdc-star-counts, cbioportal-matrix.';
COMMENT ON COLUMN audit.load.data_type IS 'Kind of facts written: expression, gene_reference, ...';
COMMENT ON COLUMN audit.load.workflow IS 'Producing workflow (e.g. STAR - Counts, HTSeq); loads of different workflows never supersede each other.';
COMMENT ON COLUMN audit.load.source_path IS 'Absolute path of the file as given.';
COMMENT ON COLUMN audit.load.source_size IS 'File size in bytes (as stored, compressed or not).';
COMMENT ON COLUMN audit.load.source_sha256 IS 'SHA-256 (hex) of the bytes read; the same bytes already loaded into the same study are skipped.';
COMMENT ON COLUMN audit.load.study_id IS 'Study the file was loaded into (warehouse.study.study_id).';
COMMENT ON COLUMN audit.load.started_at IS 'When the load started.';
COMMENT ON COLUMN audit.load.finished_at IS 'When the load committed, failed or was skipped.';
COMMENT ON COLUMN audit.load.status IS
  'running (in progress, or its process died: the next oncoload run marks it failed); succeeded; failed (nothing of it kept); '
  'skipped (same bytes already loaded); superseded (all its parts replaced by later loads); rolled_back.';
COMMENT ON COLUMN audit.load.records_read IS 'Data records (lines) read, header and comment lines excluded.';
COMMENT ON COLUMN audit.load.records_loaded IS 'Records that wrote at least one fact or QC value.';
COMMENT ON COLUMN audit.load.records_rejected IS 'Records rejected as a whole (see audit.reject).';
COMMENT ON COLUMN audit.load.records_filtered IS 'Records left out by a documented rule (e.g. every value missing), counted, not rejected.';
COMMENT ON COLUMN audit.load.facts_written IS 'Fact values written (for expression: aliquot or sample x gene x measure values).';
COMMENT ON COLUMN audit.load.values_rejected IS 'Single values (cells) rejected inside otherwise loaded records (see audit.reject).';
COMMENT ON COLUMN audit.load.values_missing IS 'Cells that were empty or NA in the source: not facts, counted here.';
COMMENT ON COLUMN audit.load.duplicate_of IS 'For a skipped load: the succeeded load of the same bytes.';
COMMENT ON COLUMN audit.load.message IS 'Error message of a failed load, or a note.';
COMMENT ON COLUMN audit.load.program_version IS 'oncoload version that ran the load.';
COMMENT ON COLUMN audit.load.db_user IS 'Database role that ran the load.';
COMMENT ON COLUMN audit.load.os_user IS 'Operating-system user that ran the load.';
COMMENT ON COLUMN audit.load.host IS 'Host name the loader ran on.';
COMMENT ON COLUMN audit.load.pid IS 'Process id of the loader.';
COMMENT ON COLUMN audit.load.arguments IS 'Command line of the loader.';
COMMENT ON COLUMN audit.load.metadata IS 'Format-specific details (gene model, header comment lines, sample sheet entry, timings).';

CREATE INDEX load_sha_idx ON audit.load (source_sha256, study_id) WHERE status IN ('succeeded', 'superseded');
CREATE INDEX load_running_idx ON audit.load (load_id) WHERE status = 'running';
CREATE INDEX load_started_idx ON audit.load (started_at);

------------------------------------------------------------------------------
-- Dimensions
------------------------------------------------------------------------------

CREATE TABLE warehouse.study (
  study_key        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  study_id         text NOT NULL UNIQUE,
  name             text,
  description      text,
  created_load_id  bigint REFERENCES audit.load (load_id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE warehouse.study IS 'A study (a GDC project such as TCGA-HNSC, a cBioPortal study, a hospital cohort).';
COMMENT ON COLUMN warehouse.study.study_key IS 'Surrogate key.';
COMMENT ON COLUMN warehouse.study.study_id IS 'Study identifier as given (--study, GDC Project ID, cancer_study_identifier).';
COMMENT ON COLUMN warehouse.study.name IS 'Display name, when a source gives one.';
COMMENT ON COLUMN warehouse.study.description IS 'Description, when a source gives one.';
COMMENT ON COLUMN warehouse.study.created_load_id IS 'Load that first created this row.';
COMMENT ON COLUMN warehouse.study.created_at IS 'When the row was created.';

CREATE TABLE warehouse.patient (
  patient_key      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  study_key        integer NOT NULL REFERENCES warehouse.study,
  patient_id       text NOT NULL,
  tcga_project     text,
  tcga_tss         text,
  tcga_participant text,
  withdrawn        boolean NOT NULL DEFAULT false,
  created_load_id  bigint REFERENCES audit.load (load_id),
  UNIQUE (study_key, patient_id)
);
COMMENT ON TABLE warehouse.patient IS 'A patient (GDC case, cBioPortal PATIENT_ID) within a study.';
COMMENT ON COLUMN warehouse.patient.patient_key IS 'Surrogate key.';
COMMENT ON COLUMN warehouse.patient.study_key IS 'Study the patient belongs to.';
COMMENT ON COLUMN warehouse.patient.patient_id IS 'Patient identifier as the source writes it (TCGA-CV-5430, a hospital number).';
COMMENT ON COLUMN warehouse.patient.tcga_project IS 'From a TCGA barcode: project (TCGA).';
COMMENT ON COLUMN warehouse.patient.tcga_tss IS 'From a TCGA barcode: tissue source site code.';
COMMENT ON COLUMN warehouse.patient.tcga_participant IS 'From a TCGA barcode: participant code.';
COMMENT ON COLUMN warehouse.patient.withdrawn IS 'Consent withdrawn: the patient and all their facts are left out of every analyst view.';
COMMENT ON COLUMN warehouse.patient.created_load_id IS 'Load that first created this row.';

CREATE TABLE warehouse.sample (
  sample_key       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  study_key        integer NOT NULL REFERENCES warehouse.study,
  patient_key      integer REFERENCES warehouse.patient,
  sample_id        text NOT NULL,
  sample_type      text,
  tcga_sample_type_code text,
  tcga_vial        text,
  created_load_id  bigint REFERENCES audit.load (load_id),
  UNIQUE (study_key, sample_id)
);
CREATE INDEX sample_id_idx ON warehouse.sample (sample_id);
CREATE INDEX sample_patient_idx ON warehouse.sample (patient_key);
COMMENT ON TABLE warehouse.sample IS
  'A biospecimen sample (TCGA-CV-5430-01A, a cBioPortal SAMPLE_ID). A cBioPortal ID without the vial letter '
  '(TCGA-A1-A0SD-01) resolves to the GDC sample with a vial (TCGA-A1-A0SD-01A) only when exactly one exists.';
COMMENT ON COLUMN warehouse.sample.sample_key IS 'Surrogate key.';
COMMENT ON COLUMN warehouse.sample.study_key IS 'Study the sample belongs to.';
COMMENT ON COLUMN warehouse.sample.patient_key IS 'Patient; NULL until a source names it.';
COMMENT ON COLUMN warehouse.sample.sample_id IS 'Sample identifier as the source writes it.';
COMMENT ON COLUMN warehouse.sample.sample_type IS 'Sample type (Primary Tumor, Solid Tissue Normal ...), from the source or the TCGA code.';
COMMENT ON COLUMN warehouse.sample.tcga_sample_type_code IS 'From a TCGA barcode: sample type code (01 = primary solid tumour, 11 = solid tissue normal ...).';
COMMENT ON COLUMN warehouse.sample.tcga_vial IS 'From a TCGA barcode: vial letter.';
COMMENT ON COLUMN warehouse.sample.created_load_id IS 'Load that first created this row.';

CREATE TABLE warehouse.aliquot (
  aliquot_key      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  study_key        integer NOT NULL REFERENCES warehouse.study,
  sample_key       integer NOT NULL REFERENCES warehouse.sample,
  aliquot_id       text NOT NULL,
  tcga_portion     text,
  tcga_analyte     text,
  tcga_plate       text,
  tcga_center      text,
  created_load_id  bigint REFERENCES audit.load (load_id),
  UNIQUE (study_key, aliquot_id)
);
CREATE INDEX aliquot_sample_idx ON warehouse.aliquot (sample_key);
COMMENT ON TABLE warehouse.aliquot IS
  'The unit a lab analyses (MAFs, VCFs and GDC files name aliquots). Facts attach to the aliquot when the source names one, else to the sample.';
COMMENT ON COLUMN warehouse.aliquot.aliquot_key IS 'Surrogate key.';
COMMENT ON COLUMN warehouse.aliquot.study_key IS 'Study the aliquot belongs to.';
COMMENT ON COLUMN warehouse.aliquot.sample_key IS 'Sample the aliquot was taken from.';
COMMENT ON COLUMN warehouse.aliquot.aliquot_id IS 'Aliquot identifier (TCGA-CV-5430-01A-11R-1686-07, or a UUID).';
COMMENT ON COLUMN warehouse.aliquot.tcga_portion IS 'From a TCGA barcode: portion number.';
COMMENT ON COLUMN warehouse.aliquot.tcga_analyte IS 'From a TCGA barcode: analyte letter (D DNA, R RNA, W WGA ...).';
COMMENT ON COLUMN warehouse.aliquot.tcga_plate IS 'From a TCGA barcode: plate.';
COMMENT ON COLUMN warehouse.aliquot.tcga_center IS 'From a TCGA barcode: sequencing or characterisation centre code.';
COMMENT ON COLUMN warehouse.aliquot.created_load_id IS 'Load that first created this row.';

CREATE TABLE warehouse.gene (
  gene_key         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ensembl_id       text UNIQUE,
  ensembl_version  text,
  symbol           text,
  entrez_id        bigint,
  gene_type        text,
  chromosome       text,
  start_position   bigint,
  end_position     bigint,
  strand           text,
  description      text,
  source           text NOT NULL,
  created_load_id  bigint REFERENCES audit.load (load_id)
);
CREATE INDEX gene_symbol_idx ON warehouse.gene (symbol);
CREATE INDEX gene_entrez_idx ON warehouse.gene (entrez_id);
COMMENT ON TABLE warehouse.gene IS
  'Genes, keyed on the Ensembl ID without its version (keeping a _PAR_Y suffix: GENCODE v36 has 44 chrY pseudo-autosomal copies), '
  'with the Entrez ID and symbol that sources without Ensembl IDs are matched on. Filled by "oncoload genes" (GENCODE GTF, NCBI gene_info) '
  'and by expression files that name genes not yet known.';
COMMENT ON COLUMN warehouse.gene.gene_key IS 'Surrogate key.';
COMMENT ON COLUMN warehouse.gene.ensembl_id IS 'Ensembl gene ID without version, e.g. ENSG00000141510; ENSG..._PAR_Y for chrY PAR copies; NULL for genes known only to NCBI.';
COMMENT ON COLUMN warehouse.gene.ensembl_version IS 'Ensembl version as first seen (GENCODE v36 for the GDC gene model).';
COMMENT ON COLUMN warehouse.gene.symbol IS 'HGNC symbol (gene_name in GENCODE, Symbol in gene_info).';
COMMENT ON COLUMN warehouse.gene.entrez_id IS 'NCBI Entrez Gene ID.';
COMMENT ON COLUMN warehouse.gene.gene_type IS 'GENCODE gene_type or NCBI type_of_gene (protein_coding, lncRNA ...).';
COMMENT ON COLUMN warehouse.gene.chromosome IS 'Chromosome as the reference writes it (chr17 in GENCODE, 17 in gene_info).';
COMMENT ON COLUMN warehouse.gene.start_position IS 'Gene start, 1-based (GENCODE).';
COMMENT ON COLUMN warehouse.gene.end_position IS 'Gene end, 1-based inclusive (GENCODE).';
COMMENT ON COLUMN warehouse.gene.strand IS '+ or -.';
COMMENT ON COLUMN warehouse.gene.description IS 'NCBI description.';
COMMENT ON COLUMN warehouse.gene.source IS 'Where the row came from first: gencode-gtf, ncbi-gene-info, or the data file format that named it.';
COMMENT ON COLUMN warehouse.gene.created_load_id IS 'Load that first created this row.';

CREATE TABLE warehouse.gene_synonym (
  gene_key   integer NOT NULL REFERENCES warehouse.gene,
  synonym    text NOT NULL,
  PRIMARY KEY (gene_key, synonym)
);
CREATE INDEX gene_synonym_idx ON warehouse.gene_synonym (synonym);
COMMENT ON TABLE warehouse.gene_synonym IS
  'Other names of a gene (NCBI gene_info Synonyms). A symbol that is no gene''s primary symbol is matched through a synonym only when it names exactly one gene.';
COMMENT ON COLUMN warehouse.gene_synonym.gene_key IS 'Gene.';
COMMENT ON COLUMN warehouse.gene_synonym.synonym IS 'Another name of the gene.';

CREATE TABLE warehouse.measure (
  measure_key  smallint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  data_type    text NOT NULL,
  description  text
);
COMMENT ON TABLE warehouse.measure IS 'What a fact value measures (unstranded read count, TPM, a z-score ...).';
COMMENT ON COLUMN warehouse.measure.measure_key IS 'Surrogate key.';
COMMENT ON COLUMN warehouse.measure.name IS 'Measure name as analysts query it (v_expression.measure).';
COMMENT ON COLUMN warehouse.measure.data_type IS 'Data type the measure belongs to (expression ...).';
COMMENT ON COLUMN warehouse.measure.description IS 'What the value means and its unit.';

INSERT INTO warehouse.measure (name, data_type, description) VALUES
  ('unstranded', 'expression', 'GDC STAR: reads on the gene, unstranded library (count).'),
  ('stranded_first', 'expression', 'GDC STAR: reads on the gene, first read strand (count).'),
  ('stranded_second', 'expression', 'GDC STAR: reads on the gene, second read strand (count).'),
  ('tpm_unstranded', 'expression', 'GDC STAR: transcripts per million, from unstranded counts.'),
  ('fpkm_unstranded', 'expression', 'GDC STAR: fragments per kilobase per million mapped reads.'),
  ('fpkm_uq_unstranded', 'expression', 'GDC STAR: FPKM normalised by the upper quartile.'),
  ('htseq_counts', 'expression', 'Legacy GDC HTSeq read count.'),
  ('fpkm', 'expression', 'Legacy GDC HTSeq FPKM.'),
  ('fpkm_uq', 'expression', 'Legacy GDC HTSeq FPKM-UQ.');

------------------------------------------------------------------------------
-- Audit: parts and rejects
------------------------------------------------------------------------------

CREATE TABLE audit.load_part (
  part_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  load_id            bigint NOT NULL REFERENCES audit.load (load_id),
  study_key          integer NOT NULL REFERENCES warehouse.study,
  sample_key         integer NOT NULL REFERENCES warehouse.sample,
  aliquot_key        integer REFERENCES warehouse.aliquot,
  data_type          text NOT NULL,
  workflow           text,
  measure_key        smallint REFERENCES warehouse.measure,
  facts              bigint NOT NULL DEFAULT 0,
  is_current         boolean NOT NULL DEFAULT true,
  superseded_by_load bigint REFERENCES audit.load (load_id),
  superseded_at      timestamptz
);
CREATE INDEX load_part_load_idx ON audit.load_part (load_id);
CREATE INDEX load_part_sample_idx ON audit.load_part (sample_key);
CREATE INDEX load_part_current_idx ON audit.load_part
  (study_key, data_type, sample_key, measure_key) WHERE is_current;
-- "one gene of one measure across samples" starts from the current parts of
-- that measure and probes warehouse.expression's primary key (part, chunk)
CREATE INDEX load_part_measure_idx ON audit.load_part (measure_key) WHERE is_current;
COMMENT ON TABLE audit.load_part IS
  'What one load wrote for one aliquot (or sample) and measure, and whether that part is current. A later load of the same study x '
  'aliquot (or sample) x data type x workflow x measure supersedes it in the same transaction: the old facts stay (for rollback and '
  'history) but leave the analyst views.';
COMMENT ON COLUMN audit.load_part.part_id IS 'Part identifier; fact rows carry it.';
COMMENT ON COLUMN audit.load_part.load_id IS 'Load that wrote the part.';
COMMENT ON COLUMN audit.load_part.study_key IS 'Study.';
COMMENT ON COLUMN audit.load_part.sample_key IS 'Sample the facts belong to.';
COMMENT ON COLUMN audit.load_part.aliquot_key IS 'Aliquot the facts belong to, when the source names one.';
COMMENT ON COLUMN audit.load_part.data_type IS 'expression, ...';
COMMENT ON COLUMN audit.load_part.workflow IS 'Producing workflow; parts of different workflows never supersede each other.';
COMMENT ON COLUMN audit.load_part.measure_key IS 'Measure; parts of different measures never supersede each other.';
COMMENT ON COLUMN audit.load_part.facts IS 'Fact values the part wrote.';
COMMENT ON COLUMN audit.load_part.is_current IS 'False once a later load replaced it (or it was rolled back).';
COMMENT ON COLUMN audit.load_part.superseded_by_load IS 'Load that replaced this part.';
COMMENT ON COLUMN audit.load_part.superseded_at IS 'When it was replaced.';

CREATE TABLE audit.reject (
  reject_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  load_id     bigint NOT NULL REFERENCES audit.load (load_id),
  line        bigint,
  col         integer,
  reason      text NOT NULL,
  message     text NOT NULL,
  raw         text
);
CREATE INDEX reject_load_idx ON audit.reject (load_id, line);
COMMENT ON TABLE audit.reject IS
  'Rejected records and values, kept even when their load failed. Readable by stewards, not analysts: raw lines can hold identifiers.';
COMMENT ON COLUMN audit.reject.reject_id IS 'Surrogate key.';
COMMENT ON COLUMN audit.reject.load_id IS 'Load that rejected it.';
COMMENT ON COLUMN audit.reject.line IS 'Physical line number in the source file (1-based, header and comment lines counted).';
COMMENT ON COLUMN audit.reject.col IS '1-based column, when one cell was rejected; NULL for a whole line.';
COMMENT ON COLUMN audit.reject.reason IS 'Reason code (README: "Reject reason codes"), e.g. invalid_number, unknown_gene, duplicate_gene, column_count.';
COMMENT ON COLUMN audit.reject.message IS 'Human-readable explanation.';
COMMENT ON COLUMN audit.reject.raw IS 'The source line, cut to 4 KB.';

------------------------------------------------------------------------------
-- Expression facts
------------------------------------------------------------------------------

CREATE TABLE warehouse.gene_chunk (
  chunk_id    bigint PRIMARY KEY,
  gene_keys   integer[] NOT NULL
);
COMMENT ON TABLE warehouse.gene_chunk IS
  'An ordered run of up to 240 genes as they stand in a source file. Expression facts store one array of values per '
  'part x chunk; the chunk says which gene each array position is. Chunks are shared by every file with the same gene order '
  '(all GDC STAR files of a gene model share one set). chunk_id is derived from the SHA-256 of gene_keys.';
COMMENT ON COLUMN warehouse.gene_chunk.chunk_id IS 'Content-derived identifier (first 63 bits of the SHA-256 of the gene keys).';
COMMENT ON COLUMN warehouse.gene_chunk.gene_keys IS 'warehouse.gene keys, in array order.';

CREATE TABLE warehouse.gene_chunk_member (
  chunk_id    bigint NOT NULL REFERENCES warehouse.gene_chunk,
  pos         smallint NOT NULL,
  gene_key    integer NOT NULL REFERENCES warehouse.gene,
  PRIMARY KEY (chunk_id, pos)
);
CREATE INDEX gene_chunk_member_gene_idx ON warehouse.gene_chunk_member (gene_key);
COMMENT ON TABLE warehouse.gene_chunk_member IS 'The genes of a chunk, one row each: position (1-based, the array subscript) and gene.';
COMMENT ON COLUMN warehouse.gene_chunk_member.chunk_id IS 'Chunk.';
COMMENT ON COLUMN warehouse.gene_chunk_member.pos IS 'Array subscript of the gene in the chunk (1-based).';
COMMENT ON COLUMN warehouse.gene_chunk_member.gene_key IS 'Gene.';

CREATE TABLE warehouse.expression (
  load_id     bigint NOT NULL,
  part_id     bigint NOT NULL,
  chunk_id    bigint NOT NULL,
  vals        double precision[] NOT NULL,
  PRIMARY KEY (part_id, chunk_id)
);
ALTER TABLE warehouse.expression ALTER COLUMN vals SET STORAGE PLAIN;
COMMENT ON TABLE warehouse.expression IS
  'Gene expression facts, packed: one row per load part (aliquot or sample x measure) x gene chunk, holding the values of up '
  'to 240 genes in source order. Stored uncompressed in line (STORAGE PLAIN) so that reading one gene is an array subscript. '
  'Its only index is the primary key (part, chunk): all genes of a sample start from the parts, one gene across samples '
  'from the current parts of a measure (audit.load_part indexes) and the gene''s chunk. '
  'Query warehouse.v_expression instead: it unpacks one row per gene. load_id, part_id and chunk_id are not declared foreign keys (a '
  'per-row check would slow bulk loads); the loader writes them in the same transaction as audit.load_part and gene_chunk.';
COMMENT ON COLUMN warehouse.expression.load_id IS 'Load that wrote the row (audit.load).';
COMMENT ON COLUMN warehouse.expression.part_id IS 'audit.load_part: which load, aliquot or sample, and measure.';
COMMENT ON COLUMN warehouse.expression.chunk_id IS 'warehouse.gene_chunk: which genes, in array order.';
COMMENT ON COLUMN warehouse.expression.vals IS 'Values as the source printed them (float8, read back exactly); NULL where the source had none or the cell was rejected.';

CREATE TABLE warehouse.expression_qc (
  load_id     bigint NOT NULL REFERENCES audit.load (load_id),
  part_id     bigint NOT NULL REFERENCES audit.load_part,
  metric      text NOT NULL,
  value       double precision,
  PRIMARY KEY (part_id, metric)
);
COMMENT ON TABLE warehouse.expression_qc IS
  'Per-sample QC metrics that expression files carry in gene position: STAR N_unmapped, N_multimapping, N_noFeature, N_ambiguous; '
  'HTSeq __no_feature, __ambiguous, __too_low_aQual, __not_aligned, __alignment_not_unique. Kept, but not as genes.';
COMMENT ON COLUMN warehouse.expression_qc.load_id IS 'Load that wrote the row (audit.load).';
COMMENT ON COLUMN warehouse.expression_qc.part_id IS 'audit.load_part: load, aliquot or sample, measure.';
COMMENT ON COLUMN warehouse.expression_qc.metric IS 'Metric name as the file writes it.';
COMMENT ON COLUMN warehouse.expression_qc.value IS 'Value.';

------------------------------------------------------------------------------
-- Dimension helpers used by the loaders
------------------------------------------------------------------------------

CREATE FUNCTION warehouse.ensure_study(p_study_id text, p_load bigint)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE k integer;
BEGIN
  SELECT study_key INTO k FROM warehouse.study WHERE study_id = p_study_id;
  IF k IS NULL THEN
    INSERT INTO warehouse.study (study_id, created_load_id) VALUES (p_study_id, p_load)
      ON CONFLICT (study_id) DO NOTHING RETURNING study_key INTO k;
    IF k IS NULL THEN
      SELECT study_key INTO k FROM warehouse.study WHERE study_id = p_study_id;
    END IF;
  END IF;
  RETURN k;
END $$;
COMMENT ON FUNCTION warehouse.ensure_study(text, bigint) IS 'Loader helper: the study''s key, creating the study if needed.';

CREATE FUNCTION warehouse.ensure_patient(p_study integer, p_patient_id text, p_project text,
                                         p_tss text, p_participant text, p_load bigint)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE k integer;
BEGIN
  SELECT patient_key INTO k FROM warehouse.patient WHERE study_key = p_study AND patient_id = p_patient_id;
  IF k IS NULL THEN
    INSERT INTO warehouse.patient (study_key, patient_id, tcga_project, tcga_tss, tcga_participant, created_load_id)
      VALUES (p_study, p_patient_id, p_project, p_tss, p_participant, p_load)
      ON CONFLICT (study_key, patient_id) DO NOTHING RETURNING patient_key INTO k;
    IF k IS NULL THEN
      SELECT patient_key INTO k FROM warehouse.patient WHERE study_key = p_study AND patient_id = p_patient_id;
    END IF;
  END IF;
  RETURN k;
END $$;
COMMENT ON FUNCTION warehouse.ensure_patient(integer, text, text, text, text, bigint) IS
  'Loader helper: the patient''s key, creating the patient (with its TCGA barcode parts) if needed.';

-- A TCGA sample ID without its vial letter (cBioPortal style, p_vial_less)
-- matches an existing sample with a vial only when exactly one does.
CREATE FUNCTION warehouse.ensure_sample(p_study integer, p_sample_id text, p_patient integer,
                                        p_sample_type text, p_type_code text, p_vial text,
                                        p_vial_less boolean, p_load bigint)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  k integer;
  n integer;
BEGIN
  SELECT sample_key INTO k FROM warehouse.sample WHERE study_key = p_study AND sample_id = p_sample_id;
  IF k IS NULL AND p_vial_less THEN
    SELECT count(*), min(sample_key) INTO n, k FROM warehouse.sample
     WHERE study_key = p_study AND sample_id LIKE p_sample_id || '_' AND length(sample_id) = length(p_sample_id) + 1
       AND substr(sample_id, length(sample_id)) BETWEEN 'A' AND 'Z';
    IF n <> 1 THEN
      k := NULL;
    END IF;
  END IF;
  IF k IS NULL THEN
    INSERT INTO warehouse.sample (study_key, patient_key, sample_id, sample_type, tcga_sample_type_code, tcga_vial, created_load_id)
      VALUES (p_study, p_patient, p_sample_id, p_sample_type, p_type_code, p_vial, p_load)
      ON CONFLICT (study_key, sample_id) DO NOTHING RETURNING sample_key INTO k;
    IF k IS NOT NULL THEN
      RETURN k;
    END IF;
    SELECT sample_key INTO k FROM warehouse.sample WHERE study_key = p_study AND sample_id = p_sample_id;
  END IF;
  -- fill in what an earlier source did not say
  UPDATE warehouse.sample
     SET patient_key = coalesce(patient_key, p_patient),
         sample_type = coalesce(sample_type, p_sample_type),
         tcga_sample_type_code = coalesce(tcga_sample_type_code, p_type_code)
   WHERE sample_key = k
     AND ((patient_key IS NULL AND p_patient IS NOT NULL) OR (sample_type IS NULL AND p_sample_type IS NOT NULL)
          OR (tcga_sample_type_code IS NULL AND p_type_code IS NOT NULL));
  RETURN k;
END $$;
COMMENT ON FUNCTION warehouse.ensure_sample(integer, text, integer, text, text, text, boolean, bigint) IS
  'Loader helper: the sample''s key, creating it if needed; a vial-less TCGA ID matches a unique sample with a vial.';

CREATE FUNCTION warehouse.ensure_aliquot(p_study integer, p_sample integer, p_aliquot_id text, p_portion text,
                                         p_analyte text, p_plate text, p_center text, p_load bigint)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE k integer;
BEGIN
  SELECT aliquot_key INTO k FROM warehouse.aliquot WHERE study_key = p_study AND aliquot_id = p_aliquot_id;
  IF k IS NULL THEN
    INSERT INTO warehouse.aliquot (study_key, sample_key, aliquot_id, tcga_portion, tcga_analyte, tcga_plate, tcga_center, created_load_id)
      VALUES (p_study, p_sample, p_aliquot_id, p_portion, p_analyte, p_plate, p_center, p_load)
      ON CONFLICT (study_key, aliquot_id) DO NOTHING RETURNING aliquot_key INTO k;
    IF k IS NULL THEN
      SELECT aliquot_key INTO k FROM warehouse.aliquot WHERE study_key = p_study AND aliquot_id = p_aliquot_id;
    END IF;
  END IF;
  RETURN k;
END $$;
COMMENT ON FUNCTION warehouse.ensure_aliquot(integer, integer, text, text, text, text, text, bigint) IS
  'Loader helper: the aliquot''s key, creating it under its sample if needed.';

CREATE FUNCTION warehouse.register_gene_chunk(p_chunk bigint, p_keys integer[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE old integer[];
BEGIN
  SELECT gene_keys INTO old FROM warehouse.gene_chunk WHERE chunk_id = p_chunk;
  IF old IS NULL THEN
    INSERT INTO warehouse.gene_chunk (chunk_id, gene_keys) VALUES (p_chunk, p_keys)
      ON CONFLICT (chunk_id) DO NOTHING;
    IF FOUND THEN
      INSERT INTO warehouse.gene_chunk_member (chunk_id, pos, gene_key)
        SELECT p_chunk, o, k FROM unnest(p_keys) WITH ORDINALITY AS u(k, o);
      RETURN;
    END IF;
    SELECT gene_keys INTO old FROM warehouse.gene_chunk WHERE chunk_id = p_chunk;
  END IF;
  IF old IS DISTINCT FROM p_keys THEN
    RAISE EXCEPTION 'gene chunk % already holds other genes (hash collision)', p_chunk;
  END IF;
END $$;
COMMENT ON FUNCTION warehouse.register_gene_chunk(bigint, integer[]) IS
  'Loader helper: record a gene chunk and its members unless it exists; fails on a (vanishingly unlikely) id collision.';

------------------------------------------------------------------------------
-- Analyst views (the contract: names and columns stay; columns may be added)
------------------------------------------------------------------------------

CREATE VIEW warehouse.v_sample AS
SELECT st.study_id, p.patient_id, s.sample_id, s.sample_type, s.tcga_sample_type_code
  FROM warehouse.sample s
  JOIN warehouse.study st ON st.study_key = s.study_key
  LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
 WHERE NOT coalesce(p.withdrawn, false);
COMMENT ON VIEW warehouse.v_sample IS 'Analyst view: every sample with its study and patient (withdrawn patients left out).';
COMMENT ON COLUMN warehouse.v_sample.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.v_sample.patient_id IS 'Patient identifier; NULL when no source has named it yet.';
COMMENT ON COLUMN warehouse.v_sample.sample_id IS 'Sample identifier.';
COMMENT ON COLUMN warehouse.v_sample.sample_type IS 'Sample type (Primary Tumor, Solid Tissue Normal ...).';
COMMENT ON COLUMN warehouse.v_sample.tcga_sample_type_code IS 'TCGA sample type code when the ID is a TCGA barcode.';

CREATE VIEW warehouse.v_gene AS
SELECT g.ensembl_id AS gene_id, g.ensembl_version, g.symbol AS gene_symbol, g.entrez_id, g.gene_type,
       g.chromosome, g.start_position, g.end_position, g.strand
  FROM warehouse.gene g;
COMMENT ON VIEW warehouse.v_gene IS 'Analyst view: the gene dimension.';
COMMENT ON COLUMN warehouse.v_gene.gene_id IS 'Ensembl gene ID without version (_PAR_Y kept).';
COMMENT ON COLUMN warehouse.v_gene.ensembl_version IS 'Ensembl version first seen.';
COMMENT ON COLUMN warehouse.v_gene.gene_symbol IS 'Gene symbol.';
COMMENT ON COLUMN warehouse.v_gene.entrez_id IS 'NCBI Entrez Gene ID.';
COMMENT ON COLUMN warehouse.v_gene.gene_type IS 'Gene type.';
COMMENT ON COLUMN warehouse.v_gene.chromosome IS 'Chromosome.';
COMMENT ON COLUMN warehouse.v_gene.start_position IS 'Start (1-based).';
COMMENT ON COLUMN warehouse.v_gene.end_position IS 'End (1-based, inclusive).';
COMMENT ON COLUMN warehouse.v_gene.strand IS 'Strand.';

CREATE VIEW warehouse.v_expression AS
SELECT st.study_id,
       p.patient_id,
       s.sample_id,
       a.aliquot_id,
       s.sample_type,
       g.ensembl_id AS gene_id,
       g.symbol AS gene_symbol,
       g.entrez_id AS entrez_gene_id,
       m.name AS measure,
       e.vals[cm.pos] AS value,
       lp.load_id,
       lp.workflow
  FROM warehouse.expression e
  JOIN audit.load_part lp ON lp.part_id = e.part_id AND lp.is_current
  JOIN warehouse.gene_chunk_member cm ON cm.chunk_id = e.chunk_id
  JOIN warehouse.gene g ON g.gene_key = cm.gene_key
  JOIN warehouse.measure m ON m.measure_key = lp.measure_key
  JOIN warehouse.sample s ON s.sample_key = lp.sample_key
  JOIN warehouse.study st ON st.study_key = s.study_key
  LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
  LEFT JOIN warehouse.aliquot a ON a.aliquot_key = lp.aliquot_key
 WHERE e.vals[cm.pos] IS NOT NULL
   AND NOT coalesce(p.withdrawn, false);
COMMENT ON VIEW warehouse.v_expression IS
  'Analyst view: one row per aliquot (or sample, when no aliquot is known) x gene x measure, current facts only '
  '(superseded and rolled-back loads and withdrawn patients left out; cells the source left empty or NA are not rows). '
  'Values read back exactly as the source printed them.';
COMMENT ON COLUMN warehouse.v_expression.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.v_expression.patient_id IS 'Patient identifier (NULL when not yet known).';
COMMENT ON COLUMN warehouse.v_expression.sample_id IS 'Sample identifier.';
COMMENT ON COLUMN warehouse.v_expression.aliquot_id IS 'Aliquot identifier when the source named one, else NULL.';
COMMENT ON COLUMN warehouse.v_expression.sample_type IS 'Sample type.';
COMMENT ON COLUMN warehouse.v_expression.gene_id IS 'Ensembl gene ID without version (NULL for genes known only by Entrez ID or symbol).';
COMMENT ON COLUMN warehouse.v_expression.gene_symbol IS 'Gene symbol.';
COMMENT ON COLUMN warehouse.v_expression.entrez_gene_id IS 'NCBI Entrez Gene ID, when known.';
COMMENT ON COLUMN warehouse.v_expression.measure IS
  'Measure: unstranded, stranded_first, stranded_second, tpm_unstranded, fpkm_unstranded, fpkm_uq_unstranded (STAR); htseq_counts, fpkm, fpkm_uq (HTSeq); '
  'for matrices the --measure given or one derived from the file or its cBioPortal meta file.';
COMMENT ON COLUMN warehouse.v_expression.value IS 'The value.';
COMMENT ON COLUMN warehouse.v_expression.load_id IS 'Load that wrote the value (audit.load).';
COMMENT ON COLUMN warehouse.v_expression.workflow IS 'Workflow that produced it (STAR - Counts, HTSeq, ...).';

CREATE VIEW warehouse.v_expression_qc AS
SELECT st.study_id, p.patient_id, s.sample_id, a.aliquot_id, m.name AS measure, q.metric, q.value, lp.load_id
  FROM warehouse.expression_qc q
  JOIN audit.load_part lp ON lp.part_id = q.part_id AND lp.is_current
  JOIN warehouse.measure m ON m.measure_key = lp.measure_key
  JOIN warehouse.sample s ON s.sample_key = lp.sample_key
  JOIN warehouse.study st ON st.study_key = s.study_key
  LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
  LEFT JOIN warehouse.aliquot a ON a.aliquot_key = lp.aliquot_key
 WHERE NOT coalesce(p.withdrawn, false);
COMMENT ON VIEW warehouse.v_expression_qc IS 'Analyst view: per-sample QC metrics of expression files (STAR N_*, HTSeq __*), current loads only.';
COMMENT ON COLUMN warehouse.v_expression_qc.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.v_expression_qc.patient_id IS 'Patient identifier.';
COMMENT ON COLUMN warehouse.v_expression_qc.sample_id IS 'Sample identifier.';
COMMENT ON COLUMN warehouse.v_expression_qc.aliquot_id IS 'Aliquot identifier, when known.';
COMMENT ON COLUMN warehouse.v_expression_qc.measure IS 'Measure column the metric was given in.';
COMMENT ON COLUMN warehouse.v_expression_qc.metric IS 'Metric (N_unmapped, __no_feature ...).';
COMMENT ON COLUMN warehouse.v_expression_qc.value IS 'Value.';
COMMENT ON COLUMN warehouse.v_expression_qc.load_id IS 'Load that wrote it.';

------------------------------------------------------------------------------
-- Privileges
------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA warehouse TO oncoload_loader, oncoload_steward, oncoload_analyst;
GRANT USAGE ON SCHEMA audit TO oncoload_loader, oncoload_steward;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA warehouse TO oncoload_loader;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA audit TO oncoload_loader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA warehouse TO oncoload_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA warehouse TO oncoload_steward;
GRANT SELECT ON ALL TABLES IN SCHEMA audit TO oncoload_steward;
GRANT UPDATE ON audit.load, audit.load_part TO oncoload_steward;
GRANT DELETE ON warehouse.expression, warehouse.expression_qc TO oncoload_steward;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA warehouse FROM PUBLIC;
GRANT SELECT ON warehouse.v_sample, warehouse.v_gene, warehouse.v_expression, warehouse.v_expression_qc
  TO oncoload_analyst;
