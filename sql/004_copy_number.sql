-- 004_copy_number.sql: copy number.  Segments (one row per segment of a
-- sample or aliquot, in the genome build the source used) and gene-level
-- copy number (discrete calls, log2 ratios, absolute copy numbers), with
-- their analyst views; v_oncoprint joins them with the mutations of
-- 003_variants.sql.  Applied after 003 by "oncoload init".

------------------------------------------------------------------------------
-- Measures of gene-level copy number (warehouse.measure, data_type copy_number)
------------------------------------------------------------------------------

INSERT INTO warehouse.measure (name, data_type, description) VALUES
  ('cn_discrete', 'copy_number',
   'Discrete copy-number call per gene (GISTIC 2.0 thresholds, cBioPortal DISCRETE): -2 deep (homozygous) deletion, '
   '-1 shallow (hemizygous) deletion, 0 no change, 1 gain, 2 amplification; cBioPortal also allows -1.5.'),
  ('cn_log2', 'copy_number', 'Log2 copy-number ratio per gene, tumour over reference (cBioPortal LOG2-VALUE, GISTIC all_data_by_genes).'),
  ('cn_continuous', 'copy_number', 'Continuous (linear) copy-number value per gene as the source computed it (cBioPortal CONTINUOUS).'),
  ('cn_absolute', 'copy_number', 'Absolute total copy number per gene (GDC gene-level copy_number from ASCAT or ABSOLUTE): 2 is diploid.'),
  ('cn_absolute_min', 'copy_number', 'Lowest absolute copy number of the segments overlapping the gene (GDC min_copy_number).'),
  ('cn_absolute_max', 'copy_number', 'Highest absolute copy number of the segments overlapping the gene (GDC max_copy_number).')
ON CONFLICT (name) DO NOTHING;

------------------------------------------------------------------------------
-- Segments
------------------------------------------------------------------------------

CREATE TABLE warehouse.copy_number_segment (
  load_id            bigint NOT NULL,
  part_id            bigint NOT NULL,
  line               bigint NOT NULL,
  genome_build       text NOT NULL CHECK (genome_build IN ('GRCh37', 'GRCh38')),
  chromosome         text NOT NULL,
  start_position     bigint NOT NULL CHECK (start_position >= 0),
  end_position       bigint NOT NULL,
  num_probes         integer,
  segment_mean       double precision,
  copy_number        integer,
  major_copy_number  integer,
  minor_copy_number  integer,
  PRIMARY KEY (part_id, line),
  CHECK (end_position >= start_position)
);
COMMENT ON TABLE warehouse.copy_number_segment IS
  'Copy-number segments: one row per segment line of a source file (GDC DNAcopy and ASCAT, Firehose, cBioPortal SEG, DNAcopy), '
  'for the aliquot (GDC) or sample the line names. Positions are as the source wrote them, in its genome build. Query '
  'warehouse.v_copy_number_segment instead. load_id and part_id are not declared foreign keys (a per-row check would slow '
  'bulk loads); the loader writes them in the same transaction as audit.load_part.';
COMMENT ON COLUMN warehouse.copy_number_segment.load_id IS 'Load that wrote the row (audit.load).';
COMMENT ON COLUMN warehouse.copy_number_segment.part_id IS 'audit.load_part: which load and aliquot or sample (data type copy_number_segment).';
COMMENT ON COLUMN warehouse.copy_number_segment.line IS 'Physical line of the segment in the source file (1-based, header counted).';
COMMENT ON COLUMN warehouse.copy_number_segment.genome_build IS
  'GRCh37 or GRCh38: what the file states (cBioPortal meta file, a build in the file name, GRCh38 for GDC files), else --build, '
  'else the build of the study''s earlier segments or its meta_study.txt.';
COMMENT ON COLUMN warehouse.copy_number_segment.chromosome IS 'Chromosome normalised to 1-22, X, Y (chr prefix dropped; 23 is X, 24 is Y).';
COMMENT ON COLUMN warehouse.copy_number_segment.start_position IS 'Segment start as the source wrote it (GDC and Firehose: 1-based; cBioPortal SEG as given).';
COMMENT ON COLUMN warehouse.copy_number_segment.end_position IS 'Segment end as the source wrote it (inclusive); never before the start.';
COMMENT ON COLUMN warehouse.copy_number_segment.num_probes IS 'Probes or markers in the segment (Num_Probes, num.mark, Num.Markers); NULL when the source has none.';
COMMENT ON COLUMN warehouse.copy_number_segment.segment_mean IS
  'Mean log2 copy-number ratio of the segment (Segment_Mean, seg.mean, Firehose Seg.CN); NULL for ASCAT files, which give copy numbers.';
COMMENT ON COLUMN warehouse.copy_number_segment.copy_number IS 'Absolute total copy number (GDC ASCAT Copy_Number); NULL when the source has none.';
COMMENT ON COLUMN warehouse.copy_number_segment.major_copy_number IS 'Copies of the more frequent allele (ASCAT Major_Copy_Number).';
COMMENT ON COLUMN warehouse.copy_number_segment.minor_copy_number IS 'Copies of the less frequent allele (ASCAT Minor_Copy_Number); 0 is loss of heterozygosity.';

------------------------------------------------------------------------------
-- Gene-level copy number, packed like expression
------------------------------------------------------------------------------

CREATE TABLE warehouse.gene_copy_number (
  load_id     bigint NOT NULL,
  part_id     bigint NOT NULL,
  chunk_id    bigint NOT NULL,
  vals        double precision[] NOT NULL,
  PRIMARY KEY (part_id, chunk_id)
);
ALTER TABLE warehouse.gene_copy_number ALTER COLUMN vals SET STORAGE PLAIN;
CREATE INDEX gene_copy_number_chunk_idx ON warehouse.gene_copy_number (chunk_id);
COMMENT ON TABLE warehouse.gene_copy_number IS
  'Gene-level copy number, packed as expression is: one row per load part (aliquot or sample x measure) x gene chunk '
  '(warehouse.gene_chunk, shared with expression), holding the values of up to 240 genes in file order. Measures: cn_discrete, '
  'cn_log2, cn_continuous, cn_absolute, cn_absolute_min, cn_absolute_max (warehouse.measure, data_type copy_number). Query '
  'warehouse.v_gene_copy_number instead. load_id, part_id and chunk_id are not declared foreign keys; the loader writes them in '
  'the same transaction as audit.load_part and gene_chunk.';
COMMENT ON COLUMN warehouse.gene_copy_number.load_id IS 'Load that wrote the row (audit.load).';
COMMENT ON COLUMN warehouse.gene_copy_number.part_id IS 'audit.load_part: which load, aliquot or sample, and measure (data type copy_number_gene).';
COMMENT ON COLUMN warehouse.gene_copy_number.chunk_id IS 'warehouse.gene_chunk: which genes, in array order.';
COMMENT ON COLUMN warehouse.gene_copy_number.vals IS 'Values as the source printed them (float8); NULL where the source had none (NA) or the cell was rejected.';

------------------------------------------------------------------------------
-- Analyst views
------------------------------------------------------------------------------

CREATE VIEW warehouse.v_copy_number_segment AS
SELECT st.study_id,
       s.sample_id,
       a.aliquot_id,
       c.genome_build,
       c.chromosome,
       c.start_position,
       c.end_position,
       c.num_probes,
       c.segment_mean,
       c.copy_number,
       c.major_copy_number,
       c.minor_copy_number,
       p.patient_id,
       s.sample_type,
       lp.load_id,
       lp.workflow
  FROM warehouse.copy_number_segment c
  JOIN audit.load_part lp ON lp.part_id = c.part_id AND lp.is_current
  JOIN warehouse.sample s ON s.sample_key = lp.sample_key
  JOIN warehouse.study st ON st.study_key = s.study_key
  LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
  LEFT JOIN warehouse.aliquot a ON a.aliquot_key = lp.aliquot_key
 WHERE NOT coalesce(p.withdrawn, false);
COMMENT ON VIEW warehouse.v_copy_number_segment IS
  'Analyst view: one row per copy-number segment of an aliquot (or sample), current loads only (superseded and rolled-back '
  'loads and withdrawn patients left out).';
COMMENT ON COLUMN warehouse.v_copy_number_segment.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.sample_id IS 'Sample identifier.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.aliquot_id IS 'Aliquot identifier when the source named one (GDC files), else NULL.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.genome_build IS 'GRCh37 or GRCh38: the build the positions are in.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.chromosome IS 'Chromosome: 1-22, X or Y.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.start_position IS 'Segment start, as the source wrote it.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.end_position IS 'Segment end (inclusive), as the source wrote it.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.num_probes IS 'Probes or markers in the segment, when the source gives them.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.segment_mean IS 'Mean log2 copy-number ratio; 0 is no change, about +0.58 one extra copy, -1 one copy lost.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.copy_number IS 'Absolute total copy number (ASCAT), when the source gives it.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.major_copy_number IS 'Copies of the major allele (ASCAT).';
COMMENT ON COLUMN warehouse.v_copy_number_segment.minor_copy_number IS 'Copies of the minor allele (ASCAT); 0 is loss of heterozygosity.';
COMMENT ON COLUMN warehouse.v_copy_number_segment.patient_id IS 'Patient identifier (NULL when not yet known).';
COMMENT ON COLUMN warehouse.v_copy_number_segment.sample_type IS 'Sample type (Primary Tumor, Solid Tissue Normal ...).';
COMMENT ON COLUMN warehouse.v_copy_number_segment.load_id IS 'Load that wrote the segment (audit.load).';
COMMENT ON COLUMN warehouse.v_copy_number_segment.workflow IS 'Producing workflow: DNAcopy, DNAcopy masked, ASCAT2, ASCAT3, CBS (Firehose), cBioPortal SEG.';

CREATE VIEW warehouse.v_gene_copy_number AS
SELECT st.study_id,
       s.sample_id,
       g.symbol AS gene_symbol,
       m.name AS measure,
       v.vals[cm.pos] AS value,
       p.patient_id,
       a.aliquot_id,
       s.sample_type,
       g.ensembl_id AS gene_id,
       g.entrez_id AS entrez_gene_id,
       lp.load_id,
       lp.workflow
  FROM warehouse.gene_copy_number v
  JOIN audit.load_part lp ON lp.part_id = v.part_id AND lp.is_current
  JOIN warehouse.gene_chunk_member cm ON cm.chunk_id = v.chunk_id
  JOIN warehouse.gene g ON g.gene_key = cm.gene_key
  JOIN warehouse.measure m ON m.measure_key = lp.measure_key
  JOIN warehouse.sample s ON s.sample_key = lp.sample_key
  JOIN warehouse.study st ON st.study_key = s.study_key
  LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
  LEFT JOIN warehouse.aliquot a ON a.aliquot_key = lp.aliquot_key
 WHERE v.vals[cm.pos] IS NOT NULL
   AND NOT coalesce(p.withdrawn, false);
COMMENT ON VIEW warehouse.v_gene_copy_number IS
  'Analyst view: one row per sample (or aliquot) x gene x measure of gene-level copy number, current facts only (superseded and '
  'rolled-back loads and withdrawn patients left out; cells the source left empty or NA are not rows).';
COMMENT ON COLUMN warehouse.v_gene_copy_number.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.v_gene_copy_number.sample_id IS 'Sample identifier.';
COMMENT ON COLUMN warehouse.v_gene_copy_number.gene_symbol IS 'Gene symbol (from the gene dimension).';
COMMENT ON COLUMN warehouse.v_gene_copy_number.measure IS
  'What value is: cn_discrete (a call: -2 deep deletion, -1 shallow deletion, 0 none, 1 gain, 2 amplification), cn_log2 (log2 '
  'ratio), cn_continuous (linear value), cn_absolute, cn_absolute_min, cn_absolute_max (absolute copy numbers).';
COMMENT ON COLUMN warehouse.v_gene_copy_number.value IS 'The value, as the source printed it.';
COMMENT ON COLUMN warehouse.v_gene_copy_number.patient_id IS 'Patient identifier (NULL when not yet known).';
COMMENT ON COLUMN warehouse.v_gene_copy_number.aliquot_id IS 'Aliquot identifier when the source named one, else NULL.';
COMMENT ON COLUMN warehouse.v_gene_copy_number.sample_type IS 'Sample type.';
COMMENT ON COLUMN warehouse.v_gene_copy_number.gene_id IS 'Ensembl gene ID without version, when known.';
COMMENT ON COLUMN warehouse.v_gene_copy_number.entrez_gene_id IS 'NCBI Entrez Gene ID, when known.';
COMMENT ON COLUMN warehouse.v_gene_copy_number.load_id IS 'Load that wrote the value (audit.load).';
COMMENT ON COLUMN warehouse.v_gene_copy_number.workflow IS 'Producing workflow (cBioPortal, ASCAT3, ...).';

------------------------------------------------------------------------------
-- The oncoprint: mutations (003_variants.sql) and discrete copy number
------------------------------------------------------------------------------

-- A gene is in a study's oncoprint when some sample of the study (of a
-- patient who has not withdrawn) has a current non-silent mutation in it
-- or a current deep deletion or amplification call; its rows are every
-- sample of the study profiled for mutations or discrete copy number.
-- Written study x gene first, each pair's samples and alterations found
-- through the gene's variants and chunks, so that a query naming a study
-- and genes reads only what they need.
CREATE VIEW warehouse.v_oncoprint AS
SELECT st.study_id,
       x.sample_id,
       g.symbol AS gene_symbol,
       coalesce(x.n, 0) > 0 AS mutated,
       CASE WHEN x.amp AND x.homdel THEN 'AMP,HOMDEL' WHEN x.amp THEN 'AMP' WHEN x.homdel THEN 'HOMDEL' END AS cna,
       (x.mutations_profiled OR x.cna_profiled) AS profiled,
       coalesce(x.n, 0)::integer AS mutations,
       x.classes AS variant_classifications,
       x.value AS cna_value,
       x.mutations_profiled,
       x.cna_profiled,
       x.patient_id,
       g.ensembl_id AS gene_id,
       g.entrez_id AS entrez_gene_id
  FROM warehouse.study st
  CROSS JOIN warehouse.gene g
  -- once per study x gene: its samples, with the gene's mutations and calls in each
  CROSS JOIN LATERAL (
        SELECT s.sample_id, p.patient_id, sa.mutations_profiled, mu.n, mu.classes,
               cn.amp, cn.homdel, cn.value, cn.sample_key IS NOT NULL AS cna_profiled
          FROM (SELECT lp.sample_key, bool_or(lp.data_type = 'mutation') AS mutations_profiled
                  FROM audit.load_part lp
                  LEFT JOIN warehouse.measure ms ON ms.measure_key = lp.measure_key
                 WHERE lp.study_key = st.study_key AND lp.is_current
                   AND (lp.data_type = 'mutation' OR (lp.data_type = 'copy_number_gene' AND ms.name = 'cn_discrete'))
                 GROUP BY lp.sample_key) sa
          LEFT JOIN (SELECT lp.sample_key, count(DISTINCT m.variant_key) AS n,
                            string_agg(DISTINCT v.variant_classification, ',' ORDER BY v.variant_classification) AS classes
                       FROM warehouse.variant v
                       JOIN warehouse.mutation m ON m.variant_key = v.variant_key
                       JOIN audit.load_part lp ON lp.part_id = m.part_id AND lp.is_current AND lp.study_key = st.study_key
                      WHERE v.gene_key = g.gene_key
                        AND v.variant_classification IN ('Frame_Shift_Del', 'Frame_Shift_Ins', 'In_Frame_Del', 'In_Frame_Ins',
                                                         'Missense_Mutation', 'Nonsense_Mutation', 'Nonstop_Mutation',
                                                         'Splice_Site', 'Translation_Start_Site')
                      GROUP BY lp.sample_key) mu ON mu.sample_key = sa.sample_key
          LEFT JOIN (SELECT lp.sample_key,
                            bool_or(c.vals[cm.pos] = 2) AS amp,
                            bool_or(c.vals[cm.pos] = -2) AS homdel,
                            CASE WHEN min(c.vals[cm.pos]) = max(c.vals[cm.pos]) THEN min(c.vals[cm.pos]) END AS value
                       FROM warehouse.gene_chunk_member cm
                       JOIN warehouse.gene_copy_number c ON c.chunk_id = cm.chunk_id
                       JOIN audit.load_part lp ON lp.part_id = c.part_id AND lp.is_current AND lp.study_key = st.study_key
                       JOIN warehouse.measure ms ON ms.measure_key = lp.measure_key AND ms.name = 'cn_discrete'
                      WHERE cm.gene_key = g.gene_key AND c.vals[cm.pos] IS NOT NULL
                      GROUP BY lp.sample_key) cn ON cn.sample_key = sa.sample_key
          JOIN warehouse.sample s ON s.sample_key = sa.sample_key
          LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
         WHERE NOT coalesce(p.withdrawn, false)
        OFFSET 0) x				-- kept whole, so that it runs once per study x gene
 WHERE EXISTS (
        SELECT 1
          FROM warehouse.variant v
          JOIN warehouse.mutation m ON m.variant_key = v.variant_key
          JOIN audit.load_part lp ON lp.part_id = m.part_id AND lp.is_current AND lp.study_key = st.study_key
          JOIN warehouse.sample s2 ON s2.sample_key = lp.sample_key
          LEFT JOIN warehouse.patient p2 ON p2.patient_key = s2.patient_key
         WHERE v.gene_key = g.gene_key AND NOT coalesce(p2.withdrawn, false)
           AND v.variant_classification IN ('Frame_Shift_Del', 'Frame_Shift_Ins', 'In_Frame_Del', 'In_Frame_Ins',
                                            'Missense_Mutation', 'Nonsense_Mutation', 'Nonstop_Mutation',
                                            'Splice_Site', 'Translation_Start_Site')
        UNION ALL
        SELECT 1
          FROM warehouse.gene_chunk_member cm
          JOIN warehouse.gene_copy_number c ON c.chunk_id = cm.chunk_id
          JOIN audit.load_part lp ON lp.part_id = c.part_id AND lp.is_current AND lp.study_key = st.study_key
          JOIN warehouse.measure ms ON ms.measure_key = lp.measure_key AND ms.name = 'cn_discrete'
          JOIN warehouse.sample s2 ON s2.sample_key = lp.sample_key
          LEFT JOIN warehouse.patient p2 ON p2.patient_key = s2.patient_key
         WHERE cm.gene_key = g.gene_key AND c.vals[cm.pos] IN (-2, 2) AND NOT coalesce(p2.withdrawn, false));
COMMENT ON VIEW warehouse.v_oncoprint IS
  'Analyst view, the input of an oncoprint: one row per sample x gene of a study. Genes: those with a non-silent mutation or a '
  'deep deletion or amplification call in some sample of the study. Samples: those of the study profiled for mutations (a current '
  'MAF load names them) or for discrete copy number (a current cn_discrete load names them). Non-silent: MAF Variant_Classification '
  'Frame_Shift_Del, Frame_Shift_Ins, In_Frame_Del, In_Frame_Ins, Missense_Mutation, Nonsense_Mutation, Nonstop_Mutation, Splice_Site, '
  'Translation_Start_Site (maftools'' non-synonymous classes); Silent, UTR, intron, flank, IGR, RNA and Splice_Region do not count. '
  'Copy number: cn_discrete 2 is AMP, -2 is HOMDEL; -1.5, -1, 0 and 1 are not flagged; log2 and absolute values are not used. '
  'Profiled: the sample was sequenced for mutations (a MAF covers every gene) or has a discrete call for the gene. Current facts '
  'only; withdrawn patients left out, and their alterations put no gene in. Filter on study_id and gene_symbol: unfiltered, it '
  'is genes x samples of every study.';
COMMENT ON COLUMN warehouse.v_oncoprint.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.v_oncoprint.sample_id IS 'Sample identifier (mutations of aliquots count for their sample).';
COMMENT ON COLUMN warehouse.v_oncoprint.gene_symbol IS 'Gene symbol (from the gene dimension).';
COMMENT ON COLUMN warehouse.v_oncoprint.mutated IS 'True when the sample has at least one current non-silent mutation in the gene.';
COMMENT ON COLUMN warehouse.v_oncoprint.cna IS 'AMP (discrete call 2), HOMDEL (-2), AMP,HOMDEL when two current calls disagree so, else NULL.';
COMMENT ON COLUMN warehouse.v_oncoprint.profiled IS
  'True when the gene was profiled in the sample: the sample has current mutation data, or a current discrete call for the gene. '
  'False cells are "not profiled", not "unaltered".';
COMMENT ON COLUMN warehouse.v_oncoprint.mutations IS 'Distinct current non-silent variants of the gene in the sample.';
COMMENT ON COLUMN warehouse.v_oncoprint.variant_classifications IS 'Their MAF Variant_Classification values, distinct, comma-separated.';
COMMENT ON COLUMN warehouse.v_oncoprint.cna_value IS 'The discrete call (-2, -1.5, -1, 0, 1, 2) when the sample has one (or its calls agree), else NULL.';
COMMENT ON COLUMN warehouse.v_oncoprint.mutations_profiled IS 'True when the sample has current mutation data (a MAF named it).';
COMMENT ON COLUMN warehouse.v_oncoprint.cna_profiled IS 'True when the sample has a current discrete copy-number call for the gene.';
COMMENT ON COLUMN warehouse.v_oncoprint.patient_id IS 'Patient identifier (NULL when not yet known).';
COMMENT ON COLUMN warehouse.v_oncoprint.gene_id IS 'Ensembl gene ID without version, when known.';
COMMENT ON COLUMN warehouse.v_oncoprint.entrez_gene_id IS 'NCBI Entrez Gene ID, when known.';

------------------------------------------------------------------------------
-- Privileges
------------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON warehouse.copy_number_segment, warehouse.gene_copy_number TO oncoload_loader;
GRANT SELECT ON warehouse.copy_number_segment, warehouse.gene_copy_number TO oncoload_steward;
GRANT DELETE ON warehouse.copy_number_segment, warehouse.gene_copy_number TO oncoload_steward;
GRANT SELECT ON warehouse.v_copy_number_segment, warehouse.v_gene_copy_number, warehouse.v_oncoprint
  TO oncoload_analyst, oncoload_steward, oncoload_loader;
