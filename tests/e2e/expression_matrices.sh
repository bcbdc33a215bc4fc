#!/bin/sh
# expression_matrices.sh: matrices from the project's fixtures: Firehose RSEM
# (aliquot columns, value types as measures, transcript_id columns left
# out), a cBioPortal study folder (study and measure from the meta file,
# vial-less sample IDs meeting the Firehose samples, Cytoband left out), a
# generic matrix with row names, and gene_info genes found by Entrez ID,
# symbol and synonym.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
fx=$ONC_SRCDIR/tests/fixtures
expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" genes "$fx/e2e/gene_info.txt"
expect_eq "gene_info genes" "$(q 'select count(*) from warehouse.gene')" 4
expect_eq "Ensembl ID from the cross-reference" "$(q "select ensembl_id from warehouse.gene where entrez_id = 7157")" ENSG00000141510
expect_eq "synonyms" "$(q "select count(*) from warehouse.gene_synonym")" 12

# Firehose: 2 aliquots x 3 genes x 2 numeric value types; the fixture also
# has a blank line, a bad number, a short line, a line without a gene and
# an unknown gene
fh=$fx/expression/firehose_rsem_genes.txt
expect_exit 1 "$ONCOLOAD" expression --study hnsc_tcga_fixture "$fh"
expect_exit 0 "$ONCOLOAD" expression --study hnsc_tcga_fixture --max-rejects 10 "$fh"
expect_eq "Firehose rejects" "$(q "select string_agg(line || ':' || coalesce(col::text, '-') || ':' || reason, ' ' order by line) from audit.reject r join audit.load l using (load_id) where l.status = 'succeeded'")" \
	"6:6:invalid_number 7:-:column_count 8:-:gene_missing 9:1:unknown_gene"
expect_eq "Firehose counts read|loaded|rejected|facts|missing" \
	"$(q "select records_read, records_loaded, records_rejected, facts_written, values_missing from audit.load where status = 'succeeded' and source_path like '%firehose%'")" "6|3|3|10|1"
expect_eq "Firehose format" "$(q "select distinct input_format from audit.load where source_path like '%firehose%'")" firehose-matrix
expect_eq "Firehose measures" "$(q "select string_agg(distinct measure, ',') from warehouse.v_expression")" raw_count,scaled_estimate
expect_eq "aliquots" "$(q "select string_agg(distinct aliquot_id, ',') from warehouse.v_expression")" \
	TCGA-CV-5430-01A-11R-1686-07,TCGA-CV-7100-01A-11R-2016-07
expect_eq "TP53 raw count, read with awk" \
	"$(q "select value from warehouse.v_expression where gene_symbol = 'TP53' and measure = 'raw_count' and aliquot_id = 'TCGA-CV-7100-01A-11R-2016-07'")" \
	"$(awk -F'\t' '$1 == "TP53|7157" {print $5 + 0}' "$fh")"
expect_eq "unnamed gene found by Entrez ID" "$(q "select count(*) from warehouse.v_expression where entrez_gene_id = 100130426")" 4
expect_eq "transcript_id columns left out, counted" "$(q "select metadata->>'ignored_columns' from audit.load where status = 'succeeded' and source_path like '%firehose%'")" 2

# cBioPortal study folder: meta file gives study and measure; the fixture's
# duplicate, nameless, unknown and short lines become rejects
cb=$fx/expression/cbio_study/data_mrna_seq_v2_rsem.txt
expect_exit 0 "$ONCOLOAD" expression --max-rejects 10 "$cb"
expect_eq "cBioPortal rejects" "$(q "select string_agg(r.line || ':' || r.reason, ' ' order by r.line) from audit.reject r join audit.load l using (load_id) where l.source_path like '%rsem.txt'")" \
	"5:duplicate_gene 6:gene_missing 7:unknown_gene 8:column_count"
expect_eq "Entrez ID before symbol" "$(q "select value from warehouse.v_expression where measure = 'rna_seq_v2_mrna' and gene_symbol = 'EGFR' and sample_id = 'TCGA-CV-7100-01A'")" 12
expect_eq "measure from stable_id" "$(q "select distinct measure from warehouse.v_expression where load_id = (select max(load_id) from audit.load)")" rna_seq_v2_mrna
expect_eq "vial-less IDs met the Firehose samples" "$(q "select count(distinct sample_id) from warehouse.v_sample")" 2
expect_eq "cBioPortal value" "$(q "select value from warehouse.v_expression where measure = 'rna_seq_v2_mrna' and gene_symbol = 'TP53' and sample_id = 'TCGA-CV-5430-01A'")" 4803.1

# a generic matrix whose header has no gene column: IDs, symbols, synonyms
m=$(onc_tmpdir)/rownames.tsv
printf 'S1\tS2\nENSG00000141510.16\t1\t2\nEGFR\t3\t4\nP16\t5\t6\n' >"$m"
expect_exit 0 "$ONCOLOAD" expression --study generic --measure log2_tpm "$m"
expect_eq "generic facts" "$(q "select string_agg(gene_symbol || '=' || value, ' ' order by gene_symbol, value) from warehouse.v_expression where study_id = 'generic' and sample_id = 'S2'")" \
	"CDKN2A=6 EGFR=4 TP53=2"
