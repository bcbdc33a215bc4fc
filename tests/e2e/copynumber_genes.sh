#!/bin/sh
# copynumber_genes.sh: gene-level copy number end to end, on the project's
# fixtures: a cBioPortal discrete matrix with every gene-level reject code,
# GISTIC's thresholded and log2 tables (aliquot barcodes), the discrete
# long format (superseding the matrix's samples), the GDC gene-level file
# through a sample sheet (genes it names that are new are created), packed
# storage shared with expression's gene chunks, and v_gene_copy_number.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
fx=$ONC_SRCDIR/tests/fixtures/copynumber
tmp=$(onc_tmpdir)
expect_exit 0 "$ONCOLOAD" init
expect_eq "copy-number measures" "$(q "select string_agg(name, ',' order by name) from warehouse.measure where data_type = 'copy_number'")" \
	"cn_absolute,cn_absolute_max,cn_absolute_min,cn_continuous,cn_discrete,cn_log2"
expect_exit 0 "$ONCOLOAD" genes "$fx/gene_info.txt"

# --- a discrete matrix: the measure from the file name, every reject code ---
m=$fx/data_cna_fixture.txt
expect_exit 1 "$ONCOLOAD" copynumber --study G "$m"
case $ONC_STDERR in *"data_cna_fixture.txt:5:4: error: value \"3\" is not a discrete copy-number call"*"[invalid_cna_value]"*) echo "ok: reject message" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 0 "$ONCOLOAD" copynumber --study G --max-rejects 10 "$m"
id=$(q "select load_id from audit.load where status = 'succeeded' and source_path like '%data_cna_fixture.txt'")
expect_eq "format, workflow, measure" "$(q "select input_format || ' ' || workflow || ' ' || data_type || ' ' || (metadata->>'measures') from audit.load where load_id = $id")" \
	"cbioportal-cna-matrix cBioPortal copy_number_gene cn_discrete"
expect_eq "lines read|loaded|rejected|filtered" "$(q "select records_read || '|' || records_loaded || '|' || records_rejected || '|' || records_filtered from audit.load where load_id = $id")" \
	"$(grep -vc '^Hugo_Symbol' "$m")|6|7|1"
expect_eq "values written|rejected|missing" "$(q "select facts_written || '|' || values_rejected || '|' || values_missing from audit.load where load_id = $id")" "15|1|5"
expect_eq "rejects" "$(q "select string_agg(line || ':' || coalesce(col::text, '-') || ':' || reason, ' ' order by line, col) from audit.reject where load_id = $id")" \
	"5:4:invalid_cna_value 5:5:invalid_cna_value 5:6:invalid_cna_value 8:1:duplicate_gene 9:1:unknown_gene 10:1:gene_mismatch 11:1:ambiguous_gene 12:5:invalid_cna_value 14:-:column_count 15:2:gene_missing"
expect_eq "facts" "$(q "select count(*) from warehouse.v_gene_copy_number where study_id = 'G'")" 15
expect_eq "values as the file has them" "$(q "select string_agg(gene_symbol || '/' || sample_id || '=' || value, ' ' order by gene_symbol, sample_id) from warehouse.v_gene_copy_number where study_id = 'G'")" \
	"CCND1/S-1=2 CCND1/S-2=2 CCND1/S-3=1 CDKN2A/S-1=-2 CDKN2A/S-2=-1.5 FAT1/S-1=0 FAT1/S-3=1 KRAS/S-1=0 KRAS/S-2=1 KRAS/S-3=0 PIK3CA/S-1=1 PIK3CA/S-3=0 TP53/S-1=-1 TP53/S-2=0 TP53/S-3=-2"
expect_eq "the view's columns" "$(q "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'warehouse' and table_name = 'v_gene_copy_number' and ordinal_position <= 5")" \
	"study_id,sample_id,gene_symbol,measure,value"
expect_eq "one part per sample and measure" "$(q "select count(*) || ' ' || sum(facts) from audit.load_part where load_id = $id")" "3 15"
expect_eq "packed: one row per part and chunk" "$(q "select count(*) from warehouse.gene_copy_number where load_id = $id")" 3
expect_eq "the three parts share one gene chunk" "$(q "select count(distinct chunk_id) from warehouse.gene_copy_number where load_id = $id")" 1

# --- GISTIC's tables: aliquot barcodes; log2 needs --measure (the name does not say) ---
expect_exit 0 "$ONCOLOAD" copynumber --study H "$fx/all_thresholded.by_genes.txt"
expect_exit 1 "$ONCOLOAD" copynumber --study H "$fx/all_data_by_genes.txt"
case $ONC_STDERR in *"pass --measure"*) echo "ok: measure needed" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 0 "$ONCOLOAD" copynumber --study H --measure log2 --max-rejects 1 "$fx/all_data_by_genes.txt"
expect_eq "GISTIC rejects" "$(q "select string_agg(line || ':' || col || ':' || reason, ' ') from audit.reject r join audit.load l using (load_id) where l.status = 'succeeded' and l.study_id = 'H'")" "5:5:invalid_number"
expect_eq "aliquots and both measures" "$(q "select string_agg(measure || ' ' || aliquot_id || ' ' || sample_id || ' ' || gene_symbol || '=' || value, ', ' order by measure, aliquot_id, gene_symbol) from warehouse.v_gene_copy_number where study_id = 'H' and gene_symbol in ('CDKN2A', 'SOX2')")" \
	"cn_discrete TCGA-CV-5430-01A-11D-1681-01 TCGA-CV-5430-01A CDKN2A=-2, cn_discrete TCGA-CV-7100-01A-11D-2012-01 TCGA-CV-7100-01A CDKN2A=-2, cn_log2 TCGA-CV-5430-01A-11D-1681-01 TCGA-CV-5430-01A CDKN2A=-1.877, cn_log2 TCGA-CV-5430-01A-11D-1681-01 TCGA-CV-5430-01A SOX2=0.512, cn_log2 TCGA-CV-7100-01A-11D-2012-01 TCGA-CV-7100-01A CDKN2A=-1.02"

# --- the long format: its samples' discrete calls replace the matrix's ---
expect_exit 0 "$ONCOLOAD" copynumber --study G --max-rejects 3 "$fx/data_cna_long_fixture.txt"
lid=$(q "select load_id from audit.load where status = 'succeeded' and source_path like '%data_cna_long_fixture.txt'")
expect_eq "long: read|loaded|rejected|filtered" "$(q "select records_read || '|' || records_loaded || '|' || records_rejected || '|' || records_filtered from audit.load where load_id = $lid")" "7|3|3|1"
expect_eq "long rejects" "$(q "select string_agg(line || ':' || col || ':' || reason, ' ' order by line) from audit.reject where load_id = $lid")" \
	"5:1:duplicate_gene 6:3:sample_missing 7:4:invalid_cna_value"
expect_eq "S-1 and S-2 from the long file, S-3 from the matrix" "$(q "select string_agg(sample_id || ':' || gene_symbol || '=' || value || '@' || (load_id = $lid), ' ' order by sample_id, gene_symbol) from warehouse.v_gene_copy_number where study_id = 'G'")" \
	"S-1:CDKN2A=-2@true S-1:TP53=-1@true S-2:TP53=-2@true S-3:CCND1=1@false S-3:FAT1=1@false S-3:KRAS=0@false S-3:PIK3CA=0@false S-3:TP53=-2@false"
expect_eq "the matrix's load keeps one current part" "$(q "select string_agg(is_current::text || ':' || coalesce(superseded_by_load = $lid, false)::text, ' ' order by part_id) from audit.load_part where load_id = $id")" \
	"false:true false:true true:false"

# --- GDC gene level: the sheet names the sample; an unknown Ensembl ID becomes a gene ---
gl=$fx/gdc/f0003/a.ascat3.gene_level_copy_number.v36.tsv
expect_exit 1 "$ONCOLOAD" copynumber --study TCGA-HNSC --max-rejects 5 "$gl"
case $ONC_STDERR in *"no sample is known for this file"*) echo "ok: sample needed" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 0 "$ONCOLOAD" copynumber --sample-sheet "$fx/gdc_sample_sheet.tsv" --max-rejects 5 "$gl"
gid=$(q "select load_id from audit.load where status = 'succeeded' and input_format = 'gdc-gene-level'")
expect_eq "GDC: workflow and counts" "$(q "select workflow || ' ' || records_read || '|' || records_loaded || '|' || records_rejected || '|' || records_filtered || ' ' || facts_written || ' ' || values_rejected || ' ' || values_missing from audit.load where load_id = $gid")" \
	"ASCAT3 13|11|1|1 32 1 3"
expect_eq "GDC rejects" "$(q "select string_agg(line || ':' || col || ':' || reason, ' ' order by line) from audit.reject where load_id = $gid")" "12:8:invalid_number 14:1:duplicate_gene"
expect_eq "GDC values" "$(q "select string_agg(gene_symbol || ':' || measure || '=' || value, ' ' order by gene_symbol, measure) from warehouse.v_gene_copy_number where study_id = 'TCGA-HNSC' and gene_symbol in ('CDKN2A', 'CCND1', 'CASP8')")" \
	"CASP8:cn_absolute=2 CASP8:cn_absolute_min=2 CCND1:cn_absolute=9 CCND1:cn_absolute_max=9 CCND1:cn_absolute_min=9 CDKN2A:cn_absolute=0 CDKN2A:cn_absolute_max=1 CDKN2A:cn_absolute_min=0"
expect_eq "GDC genes matched on Ensembl IDs" "$(q "select count(distinct gene_id) from warehouse.v_gene_copy_number where study_id = 'TCGA-HNSC'")" 11
expect_eq "a new gene from the file" "$(q "select ensembl_id || ' ' || ensembl_version || ' ' || symbol || ' ' || source from warehouse.gene where ensembl_id = 'ENSG00000999999'")" \
	"ENSG00000999999 1 NOVEL1 gdc-gene-level"
expect_eq "GDC sample" "$(q "select distinct sample_id || ' ' || patient_id || ' ' || coalesce(aliquot_id, '-') from warehouse.v_gene_copy_number where study_id = 'TCGA-HNSC'")" "TCGA-CV-5430-01A TCGA-CV-5430 -"

# --- a failed load leaves nothing, and the next file's chunks are still right ---
printf 'Hugo_Symbol\tS-9\nTP53\t7\n' >"$tmp/data_cna_bad.txt"
expect_exit 5 "$ONCOLOAD" copynumber --study G "$tmp/data_cna_bad.txt" "$fx/all_thresholded.by_genes.txt"
expect_eq "failed load: no facts" "$(q "select count(*) from warehouse.gene_copy_number g join audit.load l using (load_id) where l.status = 'failed'")" 0
expect_eq "every chunk of a fact is registered" "$(q "select count(*) from warehouse.gene_copy_number g left join warehouse.gene_chunk c using (chunk_id) where c.chunk_id is null")" 0
expect_eq "withdrawn patients left out" "$(q "update warehouse.patient set withdrawn = true where patient_id = 'TCGA-CV-5430'; select count(*) from warehouse.v_gene_copy_number where patient_id = 'TCGA-CV-5430'")" 0
expect_eq "load records sum up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where command = 'copynumber' and status in ('succeeded', 'failed', 'superseded')")" t
