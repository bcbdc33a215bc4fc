-- 003_variants.sql: mutations (MAF) and variants (VCF/BCF).  One variant
-- dimension in MAF coordinates shared by both sources, what each load said
-- about a variant (annotation, transcript consequences, VCF site), the
-- mutation and genotype facts, and the analyst views v_variant,
-- v_variant_genotype and v_mutation.  Applied once by "oncoload init".

------------------------------------------------------------------------------
-- The variant dimension
------------------------------------------------------------------------------

CREATE TABLE warehouse.variant (
  variant_key            bigint PRIMARY KEY,
  genome_build           text NOT NULL CHECK (genome_build IN ('GRCh37', 'GRCh38')),
  chromosome             text COLLATE "C" NOT NULL,
  start_position         bigint NOT NULL,
  end_position           bigint NOT NULL,
  reference_allele       text NOT NULL,
  alternate_allele       text NOT NULL,
  variant_type           text NOT NULL,
  gene_key               integer,
  variant_classification text,
  annotation_load_id     bigint,
  annotation_source      text,
  gene_symbol            text,
  entrez_gene_id         bigint,
  gene_id                text,
  consequence            text,
  impact                 text,
  transcript_id          text,
  hgvsc                  text,
  hgvsp                  text,
  hgvsp_short            text,
  sift                   text,
  polyphen               text,
  dbsnp_rs               text,
  existing_variation     text,
  annotation_extra       jsonb,
  created_load_id        bigint NOT NULL,
  CHECK (start_position >= 1 AND end_position >= start_position)
);
-- Indexes, kept few because every one is paid for per row by each bulk load:
--  * the primary key finds a variant by key (the loaders' existence check, every join of the views);
--    there is no position index: no view and none of the issue's queries filter on position, and a
--    region is a range of keys (they sort like the genome: build, chromosome, start);
--  * variant_gene_idx serves warehouse.v_oncoprint (per gene, its non-silent variants); it holds only
--    the rows that view asks for, the classifications of its filter (the same list, kept in step).
CREATE INDEX variant_gene_idx ON warehouse.variant (gene_key)
  WHERE variant_classification IN ('Frame_Shift_Del', 'Frame_Shift_Ins', 'In_Frame_Del', 'In_Frame_Ins',
                                   'Missense_Mutation', 'Nonsense_Mutation', 'Nonstop_Mutation',
                                   'Splice_Site', 'Translation_Start_Site');
COMMENT ON TABLE warehouse.variant IS
  'One row per distinct variant (genome build, chromosome, start, end, reference allele, alternate allele) in MAF coordinates, '
  'whether a MAF or a VCF named it: bases shared by REF and ALT are trimmed (the shared start first, then the shared end); a deletion '
  'starts at its first deleted base with alternate allele "-"; an insertion has start = the base before it, end = start + 1 and '
  'reference allele "-". Indels are not left-aligned (no reference FASTA is used), so the same indel written at another place in a '
  'repeat is another row. variant_key is derived from those six values, so loaders find a variant without asking the '
  'database, and sorts like the genome (build, chromosome, start, then 28 bits of a SHA-256), so that index inserts stay local; a '
  'collision (two variants at one start with the same 28 bits) fails the load. The row carries the preferred annotation: that of the first '
  'load that annotated the variant (annotation_load_id); what other loads said is in warehouse.variant_annotation. gene_key '
  'names a warehouse.gene row but is not a declared foreign key (a per-row check would slow bulk loads; the loader resolves it '
  'from the gene dimension in the same transaction).';
COMMENT ON COLUMN warehouse.variant.variant_key IS 'Content-derived key: bit 62 the build (1 = GRCh38), bits 57-61 the chromosome (1-22, X 23, Y 24, MT 25, other contigs 26-31), bits 28-56 the start, bits 0-27 from the SHA-256 of "build|chromosome|start|end|ref|alt".';
COMMENT ON COLUMN warehouse.variant.genome_build IS 'GRCh37 or GRCh38 (hg19, 37, hg38, 38 are normalised to these).';
COMMENT ON COLUMN warehouse.variant.chromosome IS 'Chromosome without a "chr" prefix: 1-22, X, Y, MT (23 and 24 read as X and Y, M as MT); other contigs as written, "chr" removed.';
COMMENT ON COLUMN warehouse.variant.start_position IS 'MAF Start_Position (1-based); for an insertion the base before it.';
COMMENT ON COLUMN warehouse.variant.end_position IS 'MAF End_Position (1-based, inclusive); for an insertion start + 1.';
COMMENT ON COLUMN warehouse.variant.reference_allele IS 'Reference bases (upper case), "-" for an insertion.';
COMMENT ON COLUMN warehouse.variant.alternate_allele IS 'Alternate (tumour) bases (upper case), "-" for a deletion.';
COMMENT ON COLUMN warehouse.variant.variant_type IS 'SNP, DNP, TNP, ONP (equal lengths 1, 2, 3, more), INS or DEL (a complex change counts by which allele is longer).';
COMMENT ON COLUMN warehouse.variant.gene_key IS 'Gene of the preferred annotation (a warehouse.gene key), NULL when none or not in the gene dimension.';
COMMENT ON COLUMN warehouse.variant.variant_classification IS 'MAF Variant_Classification of the preferred annotation (from a VCF: its Sequence Ontology consequence mapped as vcf2maf does).';
COMMENT ON COLUMN warehouse.variant.annotation_load_id IS 'Load whose annotation the row carries (the first that annotated the variant); NULL while none did.';
COMMENT ON COLUMN warehouse.variant.annotation_source IS 'maf (a MAF row), vep-csq (VCF INFO/CSQ) or snpeff-ann (VCF INFO/ANN): where the preferred annotation came from.';
COMMENT ON COLUMN warehouse.variant.gene_symbol IS 'Gene symbol as the source wrote it (Hugo_Symbol, SYMBOL, Gene_Name).';
COMMENT ON COLUMN warehouse.variant.entrez_gene_id IS 'Entrez Gene ID as the source wrote it (0 and negative IDs are left out).';
COMMENT ON COLUMN warehouse.variant.gene_id IS 'Ensembl gene ID as the source wrote it (MAF Gene, VEP Gene, SnpEff Gene_ID).';
COMMENT ON COLUMN warehouse.variant.consequence IS 'Sequence Ontology consequence term(s), e.g. missense_variant.';
COMMENT ON COLUMN warehouse.variant.impact IS 'VEP/SnpEff impact: HIGH, MODERATE, LOW, MODIFIER.';
COMMENT ON COLUMN warehouse.variant.transcript_id IS 'Transcript of the annotation (Ensembl ENST...).';
COMMENT ON COLUMN warehouse.variant.hgvsc IS 'HGVS coding change, e.g. c.710A>G.';
COMMENT ON COLUMN warehouse.variant.hgvsp IS 'HGVS protein change, e.g. p.Tyr237Cys.';
COMMENT ON COLUMN warehouse.variant.hgvsp_short IS 'Short protein change, e.g. p.Y237C (MAF HGVSp_Short, else Protein_Change or Amino_Acid_Change; from a VCF, made from HGVSp).';
COMMENT ON COLUMN warehouse.variant.sift IS 'SIFT prediction and score.';
COMMENT ON COLUMN warehouse.variant.polyphen IS 'PolyPhen prediction and score.';
COMMENT ON COLUMN warehouse.variant.dbsnp_rs IS 'dbSNP ID(s) (MAF dbSNP_RS, VCF ID column).';
COMMENT ON COLUMN warehouse.variant.existing_variation IS 'Known variants at the site (VEP Existing_variation).';
COMMENT ON COLUMN warehouse.variant.annotation_extra IS 'The annotation''s other columns or fields (VEP fields of a MAF, population frequencies ...), non-empty values as text.';
COMMENT ON COLUMN warehouse.variant.created_load_id IS 'Load that first wrote the variant.';

CREATE TABLE warehouse.variant_annotation (
  variant_key            bigint NOT NULL,
  load_id                bigint NOT NULL,
  source                 text NOT NULL,
  gene_key               integer,
  gene_symbol            text,
  entrez_gene_id         bigint,
  gene_id                text,
  variant_classification text,
  consequence            text,
  impact                 text,
  transcript_id          text,
  hgvsc                  text,
  hgvsp                  text,
  hgvsp_short            text,
  sift                   text,
  polyphen               text,
  dbsnp_rs               text,
  existing_variation     text,
  extra                  jsonb,
  PRIMARY KEY (variant_key, load_id)
);
CREATE INDEX variant_annotation_load_idx ON warehouse.variant_annotation (load_id);
COMMENT ON TABLE warehouse.variant_annotation IS
  'What loads other than the preferred one said a variant is (gene, consequence, HGVS ...): annotations of a GDC MAF and of a VEP '
  'run on a VCF can disagree, so each load keeps its own, one row per variant and load; the preferred annotation (the first load''s) '
  'is on the warehouse.variant row itself. For a VCF it is the preferred transcript of the allele: VEP''s PICK flag, else the MANE '
  'Select or canonical transcript, else the most severe consequence (all transcripts are in warehouse.variant_consequence).';
COMMENT ON COLUMN warehouse.variant_annotation.variant_key IS 'Variant (warehouse.variant).';
COMMENT ON COLUMN warehouse.variant_annotation.load_id IS 'Load that said it (audit.load).';
COMMENT ON COLUMN warehouse.variant_annotation.source IS 'maf (the MAF row), vep-csq (VCF INFO/CSQ) or snpeff-ann (VCF INFO/ANN).';
COMMENT ON COLUMN warehouse.variant_annotation.gene_key IS 'Gene resolved from the Ensembl ID, else the Entrez ID, else the symbol; NULL when not in the gene dimension.';
COMMENT ON COLUMN warehouse.variant_annotation.gene_symbol IS 'Gene symbol as the source wrote it (Hugo_Symbol, SYMBOL, Gene_Name).';
COMMENT ON COLUMN warehouse.variant_annotation.entrez_gene_id IS 'Entrez Gene ID as the source wrote it (MAF Entrez_Gene_Id; 0 and negative IDs are left out).';
COMMENT ON COLUMN warehouse.variant_annotation.gene_id IS 'Ensembl gene ID as the source wrote it (MAF Gene, VEP Gene, SnpEff Gene_ID).';
COMMENT ON COLUMN warehouse.variant_annotation.variant_classification IS 'MAF Variant_Classification (for a VCF, mapped from the consequence).';
COMMENT ON COLUMN warehouse.variant_annotation.consequence IS 'Sequence Ontology consequence term(s), e.g. missense_variant (MAF Consequence or One_Consequence).';
COMMENT ON COLUMN warehouse.variant_annotation.impact IS 'VEP/SnpEff impact: HIGH, MODERATE, LOW, MODIFIER.';
COMMENT ON COLUMN warehouse.variant_annotation.transcript_id IS 'Transcript of the annotation (Ensembl ENST...).';
COMMENT ON COLUMN warehouse.variant_annotation.hgvsc IS 'HGVS coding change, e.g. c.710A>G.';
COMMENT ON COLUMN warehouse.variant_annotation.hgvsp IS 'HGVS protein change, e.g. p.Tyr237Cys.';
COMMENT ON COLUMN warehouse.variant_annotation.hgvsp_short IS 'Short protein change, e.g. p.Y237C (MAF HGVSp_Short, else Protein_Change or Amino_Acid_Change; from a VCF, made from HGVSp).';
COMMENT ON COLUMN warehouse.variant_annotation.sift IS 'SIFT prediction and score, e.g. deleterious(0).';
COMMENT ON COLUMN warehouse.variant_annotation.polyphen IS 'PolyPhen prediction and score, e.g. probably_damaging(0.999).';
COMMENT ON COLUMN warehouse.variant_annotation.dbsnp_rs IS 'dbSNP ID(s) (MAF dbSNP_RS, VCF ID column).';
COMMENT ON COLUMN warehouse.variant_annotation.existing_variation IS 'Known variants at the site (VEP Existing_variation: rs..., COSV...).';
COMMENT ON COLUMN warehouse.variant_annotation.extra IS 'The source''s other annotation columns or fields (VEP fields of a MAF, population frequencies ...), non-empty values as text.';

CREATE TABLE warehouse.variant_consequence (
  variant_key            bigint NOT NULL,
  load_id                bigint NOT NULL,
  ordinal                smallint NOT NULL,
  is_preferred           boolean NOT NULL,
  allele                 text,
  consequence            text,
  variant_classification text,
  impact                 text,
  gene_symbol            text,
  gene_id                text,
  feature_type           text,
  transcript_id          text,
  biotype                text,
  hgvsc                  text,
  hgvsp                  text,
  canonical              boolean,
  mane                   text,
  pick                   boolean,
  extra                  jsonb,
  PRIMARY KEY (variant_key, load_id, ordinal)
);
CREATE INDEX variant_consequence_load_idx ON warehouse.variant_consequence (load_id);
COMMENT ON TABLE warehouse.variant_consequence IS
  'Every transcript consequence a VCF gave an allele (VEP CSQ or SnpEff ANN entries matched to the allele by ALLELE_NUM, else by '
  'allele), one row per variant, load and entry; is_preferred marks the one that is the load''s annotation of the variant.';
COMMENT ON COLUMN warehouse.variant_consequence.variant_key IS 'Variant (warehouse.variant).';
COMMENT ON COLUMN warehouse.variant_consequence.load_id IS 'Load that wrote it.';
COMMENT ON COLUMN warehouse.variant_consequence.ordinal IS 'Position of the entry among the allele''s entries (1-based, file order).';
COMMENT ON COLUMN warehouse.variant_consequence.is_preferred IS 'The preferred entry: PICK, else MANE Select or canonical, else the most severe consequence.';
COMMENT ON COLUMN warehouse.variant_consequence.allele IS 'Allele as the annotator wrote it (VEP trims a shared first base, "-" for a deletion).';
COMMENT ON COLUMN warehouse.variant_consequence.consequence IS 'Sequence Ontology term(s), "&"-separated as the annotator wrote them.';
COMMENT ON COLUMN warehouse.variant_consequence.variant_classification IS 'MAF Variant_Classification of the most severe term (vcf2maf''s mapping).';
COMMENT ON COLUMN warehouse.variant_consequence.impact IS 'HIGH, MODERATE, LOW or MODIFIER.';
COMMENT ON COLUMN warehouse.variant_consequence.gene_symbol IS 'Gene symbol (VEP SYMBOL, SnpEff Gene_Name).';
COMMENT ON COLUMN warehouse.variant_consequence.gene_id IS 'Ensembl gene ID (VEP Gene, SnpEff Gene_ID).';
COMMENT ON COLUMN warehouse.variant_consequence.feature_type IS 'Transcript, RegulatoryFeature, MotifFeature ...';
COMMENT ON COLUMN warehouse.variant_consequence.transcript_id IS 'Feature (transcript) ID.';
COMMENT ON COLUMN warehouse.variant_consequence.biotype IS 'Transcript biotype.';
COMMENT ON COLUMN warehouse.variant_consequence.hgvsc IS 'HGVS coding change.';
COMMENT ON COLUMN warehouse.variant_consequence.hgvsp IS 'HGVS protein change.';
COMMENT ON COLUMN warehouse.variant_consequence.canonical IS 'VEP CANONICAL = YES.';
COMMENT ON COLUMN warehouse.variant_consequence.mane IS 'VEP MANE_SELECT (or MANE) transcript, when given.';
COMMENT ON COLUMN warehouse.variant_consequence.pick IS 'VEP PICK = 1.';
COMMENT ON COLUMN warehouse.variant_consequence.extra IS 'The entry''s other fields, non-empty values as text.';

------------------------------------------------------------------------------
-- Facts
------------------------------------------------------------------------------

CREATE TABLE warehouse.mutation (
  load_id              bigint NOT NULL,
  part_id              bigint NOT NULL,
  variant_key          bigint NOT NULL,
  source_line          bigint NOT NULL,
  normal_sample_key    integer,
  normal_aliquot_key   integer,
  t_depth              integer,
  t_ref_count          integer,
  t_alt_count          integer,
  n_depth              integer,
  n_ref_count          integer,
  n_alt_count          integer,
  vaf                  double precision,
  filter               text,
  callers              text,
  mutation_status      text,
  validation_status    text,
  verification_status  text,
  extra                jsonb
);
-- Two indexes, each paid for per fact row by a bulk load:
--  * mutation_part_idx: a part's facts (v_mutation by sample, superseding, the duplicate check at the end of a load);
--  * mutation_variant_idx: a variant's facts (v_mutation and v_oncoprint by gene, v_variant); a hash index, as it
--    only answers equality and costs less per insert than a b-tree over keys that arrive in no useful order.
CREATE INDEX mutation_part_idx ON warehouse.mutation (part_id);
CREATE INDEX mutation_variant_idx ON warehouse.mutation USING hash (variant_key);
COMMENT ON TABLE warehouse.mutation IS
  'Mutation facts from MAFs: one row per tumour sample (aliquot) x variant, its part (audit.load_part) naming the load, tumour '
  'aliquot or sample and workflow (caller). A MAF line naming a sample and variant an earlier line named is loaded once (the '
  'load''s metadata lists such lines). Query warehouse.v_mutation. load_id, part_id and variant_key are not declared foreign keys '
  '(a per-row check would slow bulk loads); the loader writes them in the transaction that writes audit.load_part and the variants.';
COMMENT ON COLUMN warehouse.mutation.load_id IS 'Load that wrote the row (audit.load).';
COMMENT ON COLUMN warehouse.mutation.part_id IS 'audit.load_part: load, tumour aliquot (or sample), workflow; is_current says whether the row is in the views.';
COMMENT ON COLUMN warehouse.mutation.variant_key IS 'Variant (warehouse.variant).';
COMMENT ON COLUMN warehouse.mutation.source_line IS 'Physical line of the MAF (1-based, comment and header lines counted).';
COMMENT ON COLUMN warehouse.mutation.normal_sample_key IS 'Matched normal sample (Matched_Norm_Sample_Barcode), when named.';
COMMENT ON COLUMN warehouse.mutation.normal_aliquot_key IS 'Matched normal aliquot, when the barcode names one.';
COMMENT ON COLUMN warehouse.mutation.t_depth IS 'Tumour read depth at the site.';
COMMENT ON COLUMN warehouse.mutation.t_ref_count IS 'Tumour reads supporting the reference allele.';
COMMENT ON COLUMN warehouse.mutation.t_alt_count IS 'Tumour reads supporting the tumour allele.';
COMMENT ON COLUMN warehouse.mutation.n_depth IS 'Normal read depth.';
COMMENT ON COLUMN warehouse.mutation.n_ref_count IS 'Normal reads supporting the reference allele.';
COMMENT ON COLUMN warehouse.mutation.n_alt_count IS 'Normal reads supporting the tumour allele.';
COMMENT ON COLUMN warehouse.mutation.vaf IS 'Variant allele fraction: t_alt_count / t_depth, else t_alt_count / (t_ref_count + t_alt_count); NULL without counts.';
COMMENT ON COLUMN warehouse.mutation.filter IS 'Filters the caller or the GDC applied (GDC_FILTER or FILTER column), as written.';
COMMENT ON COLUMN warehouse.mutation.callers IS 'Callers that reported the mutation (GDC "callers" column, e.g. muse;mutect2;varscan2).';
COMMENT ON COLUMN warehouse.mutation.mutation_status IS 'MAF Mutation_Status (Somatic, Germline, LOH ...).';
COMMENT ON COLUMN warehouse.mutation.validation_status IS 'MAF Validation_Status (Valid, Untested, Inconclusive ...).';
COMMENT ON COLUMN warehouse.mutation.verification_status IS 'MAF Verification_Status.';
COMMENT ON COLUMN warehouse.mutation.extra IS 'The MAF''s other per-sample columns that have no typed home (UUIDs, Tumor_Seq_Allele1, custom driver columns ...), non-empty values as text; also the original Start_Position, End_Position, Reference_Allele and Tumor_Seq_Allele2 when normalising changed them.';

CREATE TABLE warehouse.variant_genotype (
  load_id            bigint NOT NULL,
  part_id            bigint NOT NULL,
  variant_key        bigint NOT NULL,
  source_line        bigint NOT NULL,
  allele_index       smallint NOT NULL,
  genotype           text,
  depth              integer,
  ref_depth          integer,
  alt_depth          integer,
  vaf                double precision,
  genotype_quality   integer,
  filter             text,
  sample_filter      text,
  qual               real,
  extra              jsonb
);
CREATE INDEX variant_genotype_part_idx ON warehouse.variant_genotype (part_id, variant_key);
CREATE INDEX variant_genotype_variant_idx ON warehouse.variant_genotype (variant_key);
COMMENT ON TABLE warehouse.variant_genotype IS
  'Genotype facts from VCF/BCF sample columns, only for samples that carry the variant''s alternate allele (a multi-allelic record '
  'is split into one variant per alternate allele). Samples called homozygous reference, not called, or carrying only another '
  'allele are counted per variant in warehouse.variant_site, so absence from this table is never ambiguous. Parts '
  '(audit.load_part) name the load, the sample''s aliquot or sample and the workflow. Query warehouse.v_variant_genotype.';
COMMENT ON COLUMN warehouse.variant_genotype.load_id IS 'Load that wrote the row (audit.load).';
COMMENT ON COLUMN warehouse.variant_genotype.part_id IS 'audit.load_part: load, aliquot (or sample), workflow.';
COMMENT ON COLUMN warehouse.variant_genotype.variant_key IS 'Variant (warehouse.variant).';
COMMENT ON COLUMN warehouse.variant_genotype.source_line IS 'Physical line of the VCF (1-based, header lines counted); the record number for BCF.';
COMMENT ON COLUMN warehouse.variant_genotype.allele_index IS 'Which ALT allele of the record the variant is (1-based).';
COMMENT ON COLUMN warehouse.variant_genotype.genotype IS 'FORMAT/GT as written, allele numbers of the record (0/1, 1|1, 1/2, ./1).';
COMMENT ON COLUMN warehouse.variant_genotype.depth IS 'FORMAT/DP, else the sum of FORMAT/AD.';
COMMENT ON COLUMN warehouse.variant_genotype.ref_depth IS 'FORMAT/AD of the reference allele.';
COMMENT ON COLUMN warehouse.variant_genotype.alt_depth IS 'FORMAT/AD of this alternate allele.';
COMMENT ON COLUMN warehouse.variant_genotype.vaf IS 'FORMAT/AF of this allele, else alt_depth / the sum of FORMAT/AD.';
COMMENT ON COLUMN warehouse.variant_genotype.genotype_quality IS 'FORMAT/GQ.';
COMMENT ON COLUMN warehouse.variant_genotype.filter IS 'The record''s FILTER (PASS, or the filters separated by ";"); NULL when ".".';
COMMENT ON COLUMN warehouse.variant_genotype.sample_filter IS 'FORMAT/FT of the sample, when given.';
COMMENT ON COLUMN warehouse.variant_genotype.qual IS 'The record''s QUAL.';
COMMENT ON COLUMN warehouse.variant_genotype.extra IS 'The sample''s other FORMAT fields, as text (all alleles of the record).';

CREATE TABLE warehouse.variant_site (
  load_id            bigint NOT NULL,
  variant_key        bigint NOT NULL,
  source_line        bigint NOT NULL,
  allele_index       smallint NOT NULL,
  vcf_id             text,
  qual               real,
  filter             text,
  allele_frequency   double precision,
  samples            integer NOT NULL,
  carriers           integer NOT NULL,
  hom_ref            integer NOT NULL,
  no_call            integer NOT NULL,
  other_allele       integer NOT NULL,
  info               jsonb
);
CREATE INDEX variant_site_variant_idx ON warehouse.variant_site (variant_key);
CREATE INDEX variant_site_load_idx ON warehouse.variant_site (load_id);
COMMENT ON TABLE warehouse.variant_site IS
  'One row per VCF record and alternate allele loaded: the site as the file gave it (ID, QUAL, FILTER, INFO) and how its samples '
  'were called. samples = carriers + hom_ref + no_call + other_allele; only carriers have rows in warehouse.variant_genotype. A '
  'sites-only VCF writes these rows (samples = 0) and the variant''s annotations, no genotype facts.';
COMMENT ON COLUMN warehouse.variant_site.load_id IS 'Load that wrote the row.';
COMMENT ON COLUMN warehouse.variant_site.variant_key IS 'Variant (warehouse.variant).';
COMMENT ON COLUMN warehouse.variant_site.source_line IS 'Physical line of the VCF (the record number for BCF).';
COMMENT ON COLUMN warehouse.variant_site.allele_index IS 'Which ALT allele of the record (1-based).';
COMMENT ON COLUMN warehouse.variant_site.vcf_id IS 'The ID column (rs..., COSM...), NULL when ".".';
COMMENT ON COLUMN warehouse.variant_site.qual IS 'QUAL, NULL when ".".';
COMMENT ON COLUMN warehouse.variant_site.filter IS 'FILTER: PASS or the filters separated by ";"; NULL when ".".';
COMMENT ON COLUMN warehouse.variant_site.allele_frequency IS 'INFO/AF of this allele, when given.';
COMMENT ON COLUMN warehouse.variant_site.samples IS 'Sample columns of the file (0 for a sites-only VCF).';
COMMENT ON COLUMN warehouse.variant_site.carriers IS 'Samples whose genotype has this allele (a row each in warehouse.variant_genotype).';
COMMENT ON COLUMN warehouse.variant_site.hom_ref IS 'Samples called homozygous reference (every allele 0).';
COMMENT ON COLUMN warehouse.variant_site.no_call IS 'Samples not called (a missing allele in GT, or no GT) and not carrying this allele.';
COMMENT ON COLUMN warehouse.variant_site.other_allele IS 'Samples called, carrying another alternate allele of the record but not this one.';
COMMENT ON COLUMN warehouse.variant_site.info IS 'The record''s INFO fields except CSQ and ANN, as text.';

------------------------------------------------------------------------------
-- Analyst views (the contract: names and leading columns stay)
------------------------------------------------------------------------------

CREATE VIEW warehouse.v_mutation AS
SELECT st.study_id,
       p.patient_id,
       s.sample_id,
       coalesce(g.symbol, v.gene_symbol) AS gene_symbol,
       coalesce(g.entrez_id, v.entrez_gene_id) AS entrez_gene_id,
       v.genome_build,
       v.chromosome,
       v.start_position,
       v.end_position,
       v.reference_allele,
       v.alternate_allele AS tumor_allele,
       v.variant_classification,
       v.variant_type,
       v.hgvsp_short,
       m.t_depth,
       m.t_alt_count,
       m.vaf,
       al.aliquot_id,
       s.sample_type,
       g.ensembl_id AS gene_id,
       v.hgvsc,
       v.hgvsp,
       v.consequence,
       m.t_ref_count,
       m.n_depth,
       m.n_ref_count,
       m.n_alt_count,
       ns.sample_id AS normal_sample_id,
       na.aliquot_id AS normal_aliquot_id,
       m.filter,
       m.callers,
       m.mutation_status,
       m.validation_status,
       m.load_id,
       lp.workflow
  FROM warehouse.mutation m
  JOIN audit.load_part lp ON lp.part_id = m.part_id AND lp.is_current
  JOIN warehouse.variant v ON v.variant_key = m.variant_key
  JOIN warehouse.sample s ON s.sample_key = lp.sample_key
  JOIN warehouse.study st ON st.study_key = s.study_key
  LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
  LEFT JOIN warehouse.aliquot al ON al.aliquot_key = lp.aliquot_key
  LEFT JOIN warehouse.gene g ON g.gene_key = v.gene_key
  LEFT JOIN warehouse.sample ns ON ns.sample_key = m.normal_sample_key
  LEFT JOIN warehouse.aliquot na ON na.aliquot_key = m.normal_aliquot_key
 WHERE NOT coalesce(p.withdrawn, false);
COMMENT ON VIEW warehouse.v_mutation IS
  'Analyst view: one row per tumour sample (aliquot) x variant from MAFs, current loads only (superseded and rolled-back loads and '
  'withdrawn patients left out). Coordinates and alleles in MAF style (as in v_variant); gene, classification and protein change '
  'from the variant''s preferred annotation.';
COMMENT ON COLUMN warehouse.v_mutation.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.v_mutation.patient_id IS 'Patient identifier (NULL when not yet known).';
COMMENT ON COLUMN warehouse.v_mutation.sample_id IS 'Tumour sample identifier.';
COMMENT ON COLUMN warehouse.v_mutation.gene_symbol IS 'Gene symbol (the gene dimension''s, else as the source wrote it).';
COMMENT ON COLUMN warehouse.v_mutation.entrez_gene_id IS 'NCBI Entrez Gene ID, when known.';
COMMENT ON COLUMN warehouse.v_mutation.genome_build IS 'GRCh37 or GRCh38.';
COMMENT ON COLUMN warehouse.v_mutation.chromosome IS 'Chromosome without "chr" (1-22, X, Y, MT).';
COMMENT ON COLUMN warehouse.v_mutation.start_position IS 'MAF Start_Position.';
COMMENT ON COLUMN warehouse.v_mutation.end_position IS 'MAF End_Position.';
COMMENT ON COLUMN warehouse.v_mutation.reference_allele IS 'Reference allele ("-" for an insertion).';
COMMENT ON COLUMN warehouse.v_mutation.tumor_allele IS 'Tumour allele ("-" for a deletion): Tumor_Seq_Allele2, or Tumor_Seq_Allele1 when Allele2 is the reference.';
COMMENT ON COLUMN warehouse.v_mutation.variant_classification IS 'MAF Variant_Classification (Missense_Mutation, Nonsense_Mutation, Silent ...).';
COMMENT ON COLUMN warehouse.v_mutation.variant_type IS 'SNP, DNP, TNP, ONP, INS, DEL.';
COMMENT ON COLUMN warehouse.v_mutation.hgvsp_short IS 'Short protein change, e.g. p.R273H.';
COMMENT ON COLUMN warehouse.v_mutation.t_depth IS 'Tumour read depth.';
COMMENT ON COLUMN warehouse.v_mutation.t_alt_count IS 'Tumour reads with the tumour allele.';
COMMENT ON COLUMN warehouse.v_mutation.vaf IS 'Variant allele fraction (t_alt_count / t_depth).';
COMMENT ON COLUMN warehouse.v_mutation.aliquot_id IS 'Tumour aliquot (Tumor_Sample_Barcode) when it names one, else NULL.';
COMMENT ON COLUMN warehouse.v_mutation.sample_type IS 'Sample type of the tumour sample.';
COMMENT ON COLUMN warehouse.v_mutation.gene_id IS 'Ensembl gene ID, when the gene dimension has one.';
COMMENT ON COLUMN warehouse.v_mutation.hgvsc IS 'HGVS coding change.';
COMMENT ON COLUMN warehouse.v_mutation.hgvsp IS 'HGVS protein change.';
COMMENT ON COLUMN warehouse.v_mutation.consequence IS 'Sequence Ontology consequence.';
COMMENT ON COLUMN warehouse.v_mutation.t_ref_count IS 'Tumour reads with the reference allele.';
COMMENT ON COLUMN warehouse.v_mutation.n_depth IS 'Normal read depth.';
COMMENT ON COLUMN warehouse.v_mutation.n_ref_count IS 'Normal reads with the reference allele.';
COMMENT ON COLUMN warehouse.v_mutation.n_alt_count IS 'Normal reads with the tumour allele.';
COMMENT ON COLUMN warehouse.v_mutation.normal_sample_id IS 'Matched normal sample.';
COMMENT ON COLUMN warehouse.v_mutation.normal_aliquot_id IS 'Matched normal aliquot, when named.';
COMMENT ON COLUMN warehouse.v_mutation.filter IS 'Filters applied (GDC_FILTER or FILTER).';
COMMENT ON COLUMN warehouse.v_mutation.callers IS 'Callers that reported it.';
COMMENT ON COLUMN warehouse.v_mutation.mutation_status IS 'Somatic, Germline ...';
COMMENT ON COLUMN warehouse.v_mutation.validation_status IS 'Validation status.';
COMMENT ON COLUMN warehouse.v_mutation.load_id IS 'Load that wrote it (audit.load).';
COMMENT ON COLUMN warehouse.v_mutation.workflow IS 'Workflow or caller of the MAF (loads of different workflows never supersede each other).';

CREATE VIEW warehouse.v_variant_genotype AS
SELECT st.study_id,
       p.patient_id,
       s.sample_id,
       al.aliquot_id,
       v.genome_build,
       v.chromosome,
       v.start_position,
       v.end_position,
       v.reference_allele,
       v.alternate_allele,
       gt.genotype,
       gt.depth,
       gt.alt_depth,
       gt.vaf,
       gt.filter,
       gt.ref_depth,
       gt.genotype_quality,
       gt.sample_filter,
       gt.qual,
       v.variant_type,
       coalesce(g.symbol, v.gene_symbol) AS gene_symbol,
       v.variant_classification,
       v.consequence,
       v.hgvsc,
       v.hgvsp,
       gt.load_id,
       lp.workflow
  FROM warehouse.variant_genotype gt
  JOIN audit.load_part lp ON lp.part_id = gt.part_id AND lp.is_current
  JOIN warehouse.variant v ON v.variant_key = gt.variant_key
  JOIN warehouse.sample s ON s.sample_key = lp.sample_key
  JOIN warehouse.study st ON st.study_key = s.study_key
  LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
  LEFT JOIN warehouse.aliquot al ON al.aliquot_key = lp.aliquot_key
  LEFT JOIN warehouse.gene g ON g.gene_key = v.gene_key
 WHERE NOT coalesce(p.withdrawn, false);
COMMENT ON VIEW warehouse.v_variant_genotype IS
  'Analyst view: one row per VCF sample x variant the sample carries (a non-reference allele), current loads only (superseded and '
  'rolled-back loads and withdrawn patients left out). A sample absent for a variant was called homozygous reference, not '
  'called, or carried another allele: warehouse.variant_site counts each.';
COMMENT ON COLUMN warehouse.v_variant_genotype.study_id IS 'Study identifier.';
COMMENT ON COLUMN warehouse.v_variant_genotype.patient_id IS 'Patient identifier (NULL when not yet known).';
COMMENT ON COLUMN warehouse.v_variant_genotype.sample_id IS 'Sample identifier.';
COMMENT ON COLUMN warehouse.v_variant_genotype.aliquot_id IS 'Aliquot, when the sample column maps to one (##SAMPLE NAME, --sample-map, a TCGA aliquot barcode).';
COMMENT ON COLUMN warehouse.v_variant_genotype.genome_build IS 'GRCh37 or GRCh38.';
COMMENT ON COLUMN warehouse.v_variant_genotype.chromosome IS 'Chromosome without "chr".';
COMMENT ON COLUMN warehouse.v_variant_genotype.start_position IS 'MAF-style start.';
COMMENT ON COLUMN warehouse.v_variant_genotype.end_position IS 'MAF-style end.';
COMMENT ON COLUMN warehouse.v_variant_genotype.reference_allele IS 'Reference allele ("-" for an insertion).';
COMMENT ON COLUMN warehouse.v_variant_genotype.alternate_allele IS 'Alternate allele ("-" for a deletion).';
COMMENT ON COLUMN warehouse.v_variant_genotype.genotype IS 'GT as written (record allele numbers).';
COMMENT ON COLUMN warehouse.v_variant_genotype.depth IS 'Read depth (DP, else the sum of AD).';
COMMENT ON COLUMN warehouse.v_variant_genotype.alt_depth IS 'Reads with this alternate allele (AD).';
COMMENT ON COLUMN warehouse.v_variant_genotype.vaf IS 'Allele fraction (FORMAT/AF, else from AD).';
COMMENT ON COLUMN warehouse.v_variant_genotype.filter IS 'The record''s FILTER.';
COMMENT ON COLUMN warehouse.v_variant_genotype.ref_depth IS 'Reads with the reference allele (AD).';
COMMENT ON COLUMN warehouse.v_variant_genotype.genotype_quality IS 'GQ.';
COMMENT ON COLUMN warehouse.v_variant_genotype.sample_filter IS 'The sample''s FT, when given.';
COMMENT ON COLUMN warehouse.v_variant_genotype.qual IS 'The record''s QUAL.';
COMMENT ON COLUMN warehouse.v_variant_genotype.variant_type IS 'SNP, DNP, TNP, ONP, INS, DEL.';
COMMENT ON COLUMN warehouse.v_variant_genotype.gene_symbol IS 'Gene of the preferred annotation.';
COMMENT ON COLUMN warehouse.v_variant_genotype.variant_classification IS 'Variant_Classification of the preferred annotation.';
COMMENT ON COLUMN warehouse.v_variant_genotype.consequence IS 'Consequence of the preferred annotation.';
COMMENT ON COLUMN warehouse.v_variant_genotype.hgvsc IS 'HGVS coding change of the preferred annotation.';
COMMENT ON COLUMN warehouse.v_variant_genotype.hgvsp IS 'HGVS protein change of the preferred annotation.';
COMMENT ON COLUMN warehouse.v_variant_genotype.load_id IS 'Load that wrote it.';
COMMENT ON COLUMN warehouse.v_variant_genotype.workflow IS 'Caller or pipeline of the VCF.';

CREATE VIEW warehouse.v_variant AS
SELECT v.genome_build,
       v.chromosome,
       v.start_position,
       v.end_position,
       v.reference_allele,
       v.alternate_allele,
       v.variant_type,
       coalesce(g.symbol, v.gene_symbol) AS gene_symbol,
       v.consequence,
       v.hgvsc,
       v.hgvsp,
       v.variant_classification,
       v.hgvsp_short,
       v.impact,
       v.transcript_id,
       g.ensembl_id AS gene_id,
       coalesce(g.entrez_id, v.entrez_gene_id) AS entrez_gene_id,
       v.dbsnp_rs,
       v.existing_variation,
       v.sift,
       v.polyphen,
       v.annotation_source,
       v.annotation_load_id
  FROM warehouse.variant v
  LEFT JOIN warehouse.gene g ON g.gene_key = v.gene_key
 WHERE EXISTS (SELECT 1
                 FROM warehouse.mutation m
                 JOIN audit.load_part lp ON lp.part_id = m.part_id AND lp.is_current
                 JOIN warehouse.sample s ON s.sample_key = lp.sample_key
                 LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
                WHERE m.variant_key = v.variant_key AND NOT coalesce(p.withdrawn, false))
    OR EXISTS (SELECT 1
                 FROM warehouse.variant_genotype gt
                 JOIN audit.load_part lp ON lp.part_id = gt.part_id AND lp.is_current
                 JOIN warehouse.sample s ON s.sample_key = lp.sample_key
                 LEFT JOIN warehouse.patient p ON p.patient_key = s.patient_key
                WHERE gt.variant_key = v.variant_key AND NOT coalesce(p.withdrawn, false))
    OR EXISTS (SELECT 1
                 FROM warehouse.variant_site vs
                 JOIN audit.load l ON l.load_id = vs.load_id AND l.status = 'succeeded'
                WHERE vs.variant_key = v.variant_key AND vs.carriers = 0);
COMMENT ON VIEW warehouse.v_variant IS
  'Analyst view: one row per distinct variant in MAF coordinates and alleles, so that an indel from a VCF and the same indel from '
  'a MAF are one row; with its preferred annotation (see warehouse.variant). A variant is listed when a current '
  'mutation or genotype fact of a patient who has not withdrawn has it, or a current VCF lists it without carriers (sites-only '
  'files, sites nobody carries); variants known only from withdrawn patients or from superseded or rolled-back loads are left out.';
COMMENT ON COLUMN warehouse.v_variant.genome_build IS 'GRCh37 or GRCh38.';
COMMENT ON COLUMN warehouse.v_variant.chromosome IS 'Chromosome without "chr" (1-22, X, Y, MT).';
COMMENT ON COLUMN warehouse.v_variant.start_position IS 'MAF-style start (an insertion: the base before it).';
COMMENT ON COLUMN warehouse.v_variant.end_position IS 'MAF-style end (an insertion: start + 1).';
COMMENT ON COLUMN warehouse.v_variant.reference_allele IS 'Reference allele ("-" for an insertion).';
COMMENT ON COLUMN warehouse.v_variant.alternate_allele IS 'Alternate allele ("-" for a deletion).';
COMMENT ON COLUMN warehouse.v_variant.variant_type IS 'SNP, DNP, TNP, ONP, INS, DEL.';
COMMENT ON COLUMN warehouse.v_variant.gene_symbol IS 'Gene symbol (the gene dimension''s, else as the source wrote it).';
COMMENT ON COLUMN warehouse.v_variant.consequence IS 'Sequence Ontology consequence of the preferred annotation.';
COMMENT ON COLUMN warehouse.v_variant.hgvsc IS 'HGVS coding change.';
COMMENT ON COLUMN warehouse.v_variant.hgvsp IS 'HGVS protein change.';
COMMENT ON COLUMN warehouse.v_variant.variant_classification IS 'MAF Variant_Classification.';
COMMENT ON COLUMN warehouse.v_variant.hgvsp_short IS 'Short protein change.';
COMMENT ON COLUMN warehouse.v_variant.impact IS 'HIGH, MODERATE, LOW, MODIFIER.';
COMMENT ON COLUMN warehouse.v_variant.transcript_id IS 'Transcript of the preferred annotation.';
COMMENT ON COLUMN warehouse.v_variant.gene_id IS 'Ensembl gene ID, when the gene dimension has one.';
COMMENT ON COLUMN warehouse.v_variant.entrez_gene_id IS 'NCBI Entrez Gene ID, when known.';
COMMENT ON COLUMN warehouse.v_variant.dbsnp_rs IS 'dbSNP ID(s).';
COMMENT ON COLUMN warehouse.v_variant.existing_variation IS 'Known variants at the site (VEP Existing_variation).';
COMMENT ON COLUMN warehouse.v_variant.sift IS 'SIFT prediction.';
COMMENT ON COLUMN warehouse.v_variant.polyphen IS 'PolyPhen prediction.';
COMMENT ON COLUMN warehouse.v_variant.annotation_source IS 'maf, vep-csq or snpeff-ann: where the preferred annotation came from.';
COMMENT ON COLUMN warehouse.v_variant.annotation_load_id IS 'Load whose annotation is shown.';

------------------------------------------------------------------------------
-- Privileges
------------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON warehouse.variant, warehouse.variant_annotation, warehouse.variant_consequence,
  warehouse.mutation, warehouse.variant_genotype, warehouse.variant_site TO oncoload_loader;
GRANT DELETE ON warehouse.mutation, warehouse.variant_genotype TO oncoload_loader;
GRANT SELECT ON warehouse.variant, warehouse.variant_annotation, warehouse.variant_consequence,
  warehouse.mutation, warehouse.variant_genotype, warehouse.variant_site,
  warehouse.v_mutation, warehouse.v_variant_genotype, warehouse.v_variant TO oncoload_steward;
GRANT DELETE ON warehouse.mutation, warehouse.variant_genotype, warehouse.variant_site TO oncoload_steward;
GRANT SELECT ON warehouse.v_mutation, warehouse.v_variant_genotype, warehouse.v_variant TO oncoload_analyst;
