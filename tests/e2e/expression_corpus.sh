#!/bin/sh
# expression_corpus.sh: the real expression files in ../shared/corpus: GDC
# STAR counts and HTSeq counts, cBioPortal matrices (study_es_0 with its meta
# files, the importer's mrna_test.txt), checked against awk's reading of the
# files.  Skips (77) when ../shared is absent.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
C=$SHARED/corpus
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)

# GDC STAR counts: 96 genes x 6 measures, 4 QC rows x 3 measures
star=$C/tcga/expression/star_counts/test_set_1.final.tsv.gz
expect_exit 0 "$ONCOLOAD" expression --study TCGA-HNSC --sample TCGA-CV-5430-01A-11R-1686-07 "$star"
expect_eq "STAR format" "$(q "select input_format from audit.load")" gdc-star-counts
expect_eq "STAR gene model recorded" "$(q "select metadata->>'gene_model' from audit.load")" "GENCODE v36"
expect_eq "STAR facts" "$(q 'select count(*) from warehouse.v_expression')" $((96 * 6))
expect_eq "STAR QC" "$(q 'select count(*) from warehouse.v_expression_qc')" 12
expect_eq "aliquot level" "$(q "select distinct aliquot_id || ' ' || sample_id || ' ' || patient_id || ' ' || sample_type from warehouse.v_expression")" \
	"TCGA-CV-5430-01A-11R-1686-07 TCGA-CV-5430-01A TCGA-CV-5430 Primary Solid Tumor"
expect_eq "barcode parts" "$(q "select tcga_portion || tcga_analyte || tcga_plate || tcga_center from warehouse.aliquot")" 11R168607
gzip -dc "$star" | awk -F'\t' 'NR > 2 && $1 !~ /^N_/ {
	split($1, id, "."); g = id[1]; if ($1 ~ /_PAR_Y$/) g = g "_PAR_Y"
	print g "\t" $2 "\t" $4 "\t" $7 "\t" $8}' | sort >"$tmp/f"
q "select u.gene_id, u.gene_symbol, u.value, t.value, f.value from warehouse.v_expression u
   join warehouse.v_expression t using (gene_id) join warehouse.v_expression f using (gene_id)
   where u.measure = 'unstranded' and t.measure = 'tpm_unstranded' and f.measure = 'fpkm_unstranded'" -F "$(printf '\t')" | sort >"$tmp/d"
expect_eq "STAR values equal the file's" "$(paste "$tmp/f" "$tmp/d" | awk -F'\t' '$1 != $6 || $2 != $7 || $3 + 0 != $8 + 0 || $4 + 0 != $9 + 0 || $5 + 0 != $10 + 0 {n++} END {print n + 0}')" 0
expect_eq "TSPAN6 TPM printed as in the file" "$(q "select value from warehouse.v_expression where gene_symbol = 'TSPAN6' and measure = 'tpm_unstranded'")" 92548.07751878405

# HTSeq counts of the legacy GDC pipeline, same aliquot: another measure
ht=$C/tcga/expression/htseq/example.htseq.counts.gz
expect_exit 0 "$ONCOLOAD" expression --study TCGA-HNSC --sample TCGA-CV-5430-01A-11R-1686-07 "$ht"
expect_eq "HTSeq facts" "$(q "select count(*) from warehouse.v_expression where measure = 'htseq_counts'")" "$(gzip -dc "$ht" | grep -c '^ENSG')"
expect_eq "HTSeq value" "$(q "select value from warehouse.v_expression where measure = 'htseq_counts' and gene_id = 'ENSG00000000419'")" \
	"$(gzip -dc "$ht" | awk -F'\t' '$1 ~ /^ENSG00000000419\./ {print $2}')"
expect_eq "STAR still current" "$(q "select count(*) from warehouse.v_expression where measure = 'unstranded'")" 96

# gene references: GENCODE (the GDC's gene model) then NCBI gene_info
expect_exit 0 "$ONCOLOAD" genes "$SHARED/reference/gencode.v36.annotation.genes.gtf.gz" "$SHARED/reference/Homo_sapiens.gene_info.gz"
expect_eq "GENCODE genes" "$(q "select count(*) from warehouse.gene where ensembl_version is not null")" 60660
expect_eq "gene_info Ensembl IDs GENCODE v36 lacks" "$(q "select count(*) > 0 from warehouse.gene where ensembl_id is not null and ensembl_version is null and source = 'ncbi-gene-info'")" t
expect_eq "PAR_Y genes" "$(q "select count(*) from warehouse.gene where ensembl_id like '%_PAR_Y'")" 44
expect_eq "TP53 Entrez from gene_info" "$(q "select entrez_id from warehouse.gene where ensembl_id = 'ENSG00000141510'")" 7157
expect_eq "gene_info genes" "$(q "select count(*) from warehouse.gene where entrez_id is not null")" "$(gzip -dc "$SHARED/reference/Homo_sapiens.gene_info.gz" | grep -vc '^#')"
expect_eq "STAR genes kept their facts" "$(q "select count(*) from warehouse.v_expression where measure = 'unstranded'")" 96

# cBioPortal matrices: study and measure from the meta files
es=$C/cbioportal/study_es_0
# a GDC-style sample with a vial, known before the matrix names it without
expect_exit 0 "$ONCOLOAD" expression --study study_es_0 --sample TCGA-A1-A0SD-01A "$star"
expect_exit 0 "$ONCOLOAD" expression "$es/data_expression_median.txt" "$es/data_expression_median_Zscores.txt"
expect_eq "study from meta" "$(q "select count(*) from warehouse.study where study_id = 'study_es_0'")" 1
expect_eq "measures from meta" "$(q "select string_agg(distinct measure, ',') from warehouse.v_expression where study_id = 'study_es_0' and measure like 'mrna%'")" mrna,mrna_median_zscores
for f in data_expression_median.txt data_expression_median_Zscores.txt; do
	want=$(awk -F'\t' 'NR == 1 {next} {for (i = 3; i <= NF; i++) if ($i != "NA" && $i != "") n++} END {print n + 0}' "$es/$f")
	expect_eq "$f facts" "$(q "select facts_written from audit.load where source_path like '%/$f'")" "$want"
done
expect_eq "vial-less ID matched the unique sample with a vial" \
	"$(q "select string_agg(distinct sample_id, ',') from warehouse.v_expression where study_id = 'study_es_0' and sample_id like 'TCGA-A1-A0SD%'")" TCGA-A1-A0SD-01A
expect_eq "matrix value on that sample" "$(q "select value from warehouse.v_expression where study_id = 'study_es_0' and measure = 'mrna' and gene_symbol = 'CREB3L1' and sample_id = 'TCGA-A1-A0SD-01A'")" 1.4345
expect_eq "every fact row carries its load" "$(q "select count(*) from warehouse.expression e join audit.load_part p using (part_id) where p.load_id <> e.load_id")" 0
expect_eq "matrix value" "$(q "select value from warehouse.v_expression where study_id = 'study_es_0' and measure = 'mrna' and gene_symbol = 'MMP2' and sample_id = 'TCGA-A1-A0SE-01'")" 0.957833333333333
# 'NA' is absent, not a row
na=$(awk -F'\t' 'NR == 1 {for (i = 3; i <= NF; i++) s[i] = $i; next} {for (i = 3; i <= NF; i++) if ($i == "NA") print $1 "\t" s[i]}' "$es/data_expression_median.txt" | head -1)
if [ -n "$na" ]; then
	g=$(echo "$na" | cut -f1)
	smp=$(echo "$na" | cut -f2)
	expect_eq "NA cell not a fact" "$(q "select count(*) from warehouse.v_expression where measure = 'mrna' and gene_symbol = '$g' and sample_id = '$smp'")" 0
fi

# the importer's mrna_test.txt names Entrez IDs no gene reference knows
mt=$C/cbioportal/importer/mrna_test.txt
lines=$(($(wc -l <"$mt") - 1))
expect_exit 1 "$ONCOLOAD" expression --study imp "$mt"
expect_exit 0 "$ONCOLOAD" expression --study imp --max-rejects 1000 "$mt"
expect_eq "every line accounted for" "$(q "select records_read || '/' || records_rejected from audit.load where status = 'succeeded' and source_path like '%mrna_test.txt'")" "$lines/$lines"
expect_eq "reasons" "$(q "select string_agg(distinct reason, ',') from audit.reject r join audit.load l using (load_id) where l.status = 'succeeded' and l.source_path like '%mrna_test.txt'")" unknown_gene
