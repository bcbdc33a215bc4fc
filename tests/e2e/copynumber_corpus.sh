#!/bin/sh
# copynumber_corpus.sh: every segment and CNA file in ../shared/corpus: the
# TCGA and Firehose segments, the cBioPortal study (and its incremental
# folder), the importer's CNA fixtures and the validator's segment and CNA
# cases, whose errors must become rejects (or a failed load) at the lines
# and columns the validator reports.  Counts and values are checked against
# awk's reading of the files.  Skips (77) without ../shared.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
C=$SHARED/corpus
tmp=$(onc_tmpdir)
expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" genes "$SHARED/reference/Homo_sapiens.gene_info.gz"

# rejects_of FILE: "line:col:reason ..." of FILE's latest load
rejects_of()
{
	q "select coalesce(string_agg(line || ':' || coalesce(col::text, '-') || ':' || reason, ' ' order by line, col), '') from audit.reject
	   where load_id = (select max(load_id) from audit.load where source_path like '%/' || '$1')"
}
# status_of FILE: status of FILE's latest load
status_of()
{
	q "select status from audit.load where load_id = (select max(load_id) from audit.load where source_path like '%/' || '$1')"
}

# --- TCGA segments: Firehose dialects, build from the name or --build ---
ab=$C/tcga/cnv/TCGA.AB.3009.hg19.seg.txt
laml=$C/tcga/cnv/LAML_CBS_segments.tsv.gz
dnac=$C/tcga/cnv/dnacopy.tsv.gz
expect_exit 0 "$ONCOLOAD" copynumber --study TCGA-LAML "$ab"
expect_eq "TCGA-AB-3009 segments" "$(q "select count(*) from warehouse.v_copy_number_segment")" "$(tail -n +2 "$ab" | grep -c .)"
awk -F'\t' -v OFMT=%.15g -v CONVFMT=%.15g 'NR > 1 {print $1 "|" $2 "|" $3 "|" $4 "|" $5 "|" $6 + 0}' "$ab" | sort >"$tmp/ab.file"
q "select sample_id, chromosome, start_position, end_position, num_probes, segment_mean from warehouse.v_copy_number_segment" | sort >"$tmp/ab.db"
expect_eq "TCGA-AB-3009: every segment as the file has it" "$(cmp -s "$tmp/ab.file" "$tmp/ab.db" && echo same)" same
expect_eq "patient barcode kept as the sample" "$(q "select distinct sample_id || ' ' || genome_build || ' ' || workflow from warehouse.v_copy_number_segment")" "TCGA-AB-3009 GRCh37 CBS"
expect_exit 2 "$ONCOLOAD" copynumber --study TCGA-LAML2 "$laml"
expect_exit 0 "$ONCOLOAD" copynumber --study TCGA-LAML --build hg19 "$laml"
expect_eq "LAML segments (Start.bp, Seg.CN)" "$(q "select count(*) from warehouse.v_copy_number_segment")" "$(gzip -dc "$laml" | tail -n +2 | grep -c .)"
expect_eq "LAML replaced TCGA-AB-3009's earlier load" "$(status_of TCGA.AB.3009.hg19.seg.txt)" superseded
gzip -dc "$laml" | awk -F'\t' -v OFMT=%.15g -v CONVFMT=%.15g 'NR > 1 {print $1 "|" $2 "|" $3 "|" $4 "|" $5 "|" $6 + 0}' | sort >"$tmp/laml.file"
q "select sample_id, chromosome, start_position, end_position, num_probes, segment_mean from warehouse.v_copy_number_segment" | sort >"$tmp/laml.db"
expect_eq "LAML: every segment as the file has it" "$(cmp -s "$tmp/laml.file" "$tmp/laml.db" && echo same)" same
expect_eq "LAML samples" "$(q "select count(distinct sample_id) from warehouse.v_copy_number_segment")" "$(gzip -dc "$laml" | tail -n +2 | cut -f1 | sort -u | wc -l)"
expect_exit 0 "$ONCOLOAD" copynumber --study GDC-EXAMPLE --build GRCh37 "$dnac"
expect_eq "DNAcopy example" "$(q "select count(*) || ' ' || min(segment_mean) from warehouse.v_copy_number_segment where study_id = 'GDC-EXAMPLE'")" "6 -1.4951"

# --- the cBioPortal study: a folder; study, build and measures from its meta files ---
es=$C/cbioportal/study_es_0
expect_exit 0 "$ONCOLOAD" copynumber "$es"
case $ONC_STDERR in *"data_gistic_genes_amp.txt: info: a GISTIC peak summary"*) echo "ok: GISTIC summary passed over" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "three loads" "$(q "select string_agg(input_format || ' ' || data_type, ',' order by input_format) from audit.load where study_id = 'study_es_0' and status = 'succeeded'")" \
	"cbioportal-cna-long copy_number_gene,cbioportal-cna-matrix copy_number_gene,cbioportal-seg copy_number_segment"
expect_eq "SEG: build from the meta file" "$(q "select count(*) || ' ' || min(genome_build) from warehouse.v_copy_number_segment where study_id = 'study_es_0'")" \
	"$(tail -n +2 "$es/data_cna_hg19.seg" | grep -c .) GRCh37"
expect_eq "SEG values" "$(q "select start_position || ' ' || end_position || ' ' || num_probes || ' ' || segment_mean from warehouse.v_copy_number_segment where study_id = 'study_es_0' and sample_id = 'TCGA-A2-A04P-01' and start_position = 95676511")" \
	"$(awk -F'\t' '$1 == "TCGA-A2-A04P-01" && $3 == 95676511 {print $3, $4, $5, $6 + 0}' "$es/data_cna_hg19.seg")"
long=$es/data_cna_discrete.txt
expect_eq "long format: every value a fact" "$(q "select facts_written || ' ' || records_read from audit.load where source_path like '%/study_es_0/data_cna_discrete.txt'")" \
	"$(awk -F'\t' 'NR > 1 && $4 != "NA" && $4 != "" {n++} END {print n}' "$long") $(tail -n +2 "$long" | grep -c .)"
awk -F'\t' -v OFMT=%.15g -v CONVFMT=%.15g 'NR > 1 && $4 != "NA" {print $2 "|" $3 "|" $4 + 0}' "$long" | sort >"$tmp/long.file"
q "select entrez_gene_id, sample_id, value from warehouse.v_gene_copy_number where study_id = 'study_es_0' and measure = 'cn_discrete'" | sort >"$tmp/long.db"
expect_eq "long format: every value as the file has it" "$(cmp -s "$tmp/long.file" "$tmp/long.db" && echo same)" same
expect_eq "long format: its profile" "$(q "select metadata->>'cbioportal_profile' from audit.load where source_path like '%/study_es_0/data_cna_discrete.txt'")" gistic
l2=$es/data_cna_log2.txt
expect_eq "log2 matrix: facts" "$(q "select count(*) from warehouse.v_gene_copy_number where study_id = 'study_es_0' and measure = 'cn_log2'")" \
	"$(awk -F'\t' 'NR > 1 {for (i = 3; i <= NF; i++) if ($i != "NA" && $i != "") n++} END {print n}' "$l2")"
awk -F'\t' -v OFMT=%.15g -v CONVFMT=%.15g 'NR == 1 {for (i = 3; i <= NF; i++) s[i] = $i; next} {for (i = 3; i <= NF; i += 97) print $2 "|" s[i] "|" $i + 0}' "$l2" | sort >"$tmp/l2.file"
q "select entrez_gene_id, sample_id, value from warehouse.v_gene_copy_number where study_id = 'study_es_0' and measure = 'cn_log2'" | sort >"$tmp/l2.all"
expect_eq "log2 matrix: a sample of values as the file has them" "$(comm -23 "$tmp/l2.file" "$tmp/l2.all" | wc -l)" 0
expect_exit 0 "$ONCOLOAD" copynumber "$es"
expect_eq "the same bytes again: skipped" "$(q "select count(*) from audit.load where study_id = 'study_es_0' and status = 'skipped'")" 3

# the incremental folder replaces the samples it names
inc=$C/cbioportal/study_es_0_inc
expect_exit 0 "$ONCOLOAD" copynumber "$inc"
case $ONC_STDERR in *"hold other data than copy number; left out"*) echo "ok: other data left out" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "incremental loads" "$(q "select string_agg(input_format, ',' order by input_format) from audit.load where source_path like '%/study_es_0_inc/%' and status = 'succeeded'")" \
	"cbioportal-cna-long,cbioportal-cna-matrix,cbioportal-cna-matrix,cbioportal-seg"
expect_eq "TCGA-A1-A0SB-01's calls now from the incremental matrix" \
	"$(q "select count(*) || ' ' || string_agg(distinct (l.source_path like '%/study_es_0_inc/data_cna_discrete.txt')::text, ',') from warehouse.v_gene_copy_number v join audit.load l using (load_id) where v.study_id = 'study_es_0' and v.sample_id = 'TCGA-A1-A0SB-01' and v.measure = 'cn_discrete'")" \
	"8 true"
expect_eq "TP53 by symbol, AGRN by Entrez" "$(q "select string_agg(gene_symbol || '=' || value, ' ' order by gene_symbol) from warehouse.v_gene_copy_number where study_id = 'study_es_0' and sample_id = 'TCGA-BH-NEW' and measure = 'cn_discrete' and gene_symbol in ('TP53', 'AGRN')")" \
	"AGRN=0 TP53=-2"

# --- the importer's fixtures ---
imp=$C/cbioportal/importer
t1=$imp/cna_test.txt
expect_exit 1 "$ONCOLOAD" copynumber --study IMP "$t1"
expect_exit 0 "$ONCOLOAD" copynumber --study IMP --max-rejects 100 "$t1"
expect_eq "cna_test.txt: every line rejected" "$(q "select records_read || '/' || records_rejected from audit.load where status = 'succeeded' and source_path like '%/cna_test.txt'")" \
	"$(awk 'NR > 1 && !/^#/' "$t1" | wc -l)/$(awk 'NR > 1 && !/^#/' "$t1" | wc -l)"
expect_eq "cna_test.txt: reasons" "$(q "select string_agg(reason || '=' || n, ' ' order by reason) from (select reason, count(*) n from audit.reject r join audit.load l using (load_id) where l.status = 'succeeded' and l.source_path like '%/cna_test.txt' group by reason) x")" \
	"gene_missing=$(awk -F'\t' 'NR > 1 && !/^#/ && $2 == ""' "$t1" | wc -l) unknown_gene=$(awk -F'\t' 'NR > 1 && !/^#/ && $2 != ""' "$t1" | wc -l)"
t2=$imp/cna_test2.txt
expect_exit 0 "$ONCOLOAD" copynumber --study IMP2 --max-rejects 3 "$t2"
expect_eq "cna_test2.txt rejects" "$(rejects_of cna_test2.txt)" "11:1:duplicate_gene 13:1:ambiguous_gene 15:1:unknown_gene"
expect_eq "cna_test2.txt: facts, the empty ARAF line filtered" "$(q "select facts_written || ' ' || records_filtered from audit.load where source_path like '%/cna_test2.txt' and status = 'succeeded'")" \
	"$(awk -F'\t' 'NR > 1 && NR <= 9 {for (i = 2; i <= NF; i++) if ($i != "") n++} END {print n}' "$t2") 1"
expect_eq "AKT3 in TCGA-A1-A0SH-01" "$(q "select value from warehouse.v_gene_copy_number where study_id = 'IMP2' and gene_symbol = 'AKT3' and sample_id = 'TCGA-A1-A0SH-01'")" -2
expect_exit 0 "$ONCOLOAD" copynumber --study IMP3 --max-rejects 2 "$imp/data_cna_discrete_import_test.txt"
expect_eq "long import test rejects" "$(rejects_of data_cna_discrete_import_test.txt)" "23:-:column_count 26:1:duplicate_gene"
for f in "$imp"/data_cna_discrete_import_test_*.txt; do
	expect_exit 0 "$ONCOLOAD" copynumber --study "IMP-$(basename "$f" .txt)" "$f"
	expect_eq "$(basename "$f"): every line loaded" "$(q "select records_read = records_loaded from audit.load where source_path = '$f'")" t
done
expect_eq "wrong Entrez, right symbol: warned, loaded by symbol" \
	"$(q "select metadata->'warnings'->>'unknown_entrez' from audit.load where source_path like '%with_wrong_entrez_and_correct_hugo.txt'")" 2
ic=$imp/incremental/copy_number_alteration
expect_exit 0 "$ONCOLOAD" copynumber "$ic"
expect_eq "incremental importer files: study from their meta files; the long file replaced the matrix" \
	"$(q "select string_agg(input_format || ' ' || status, ',' order by input_format) from audit.load where study_id = 'study_tcga_pub'")" \
	"cbioportal-cna-long succeeded,cbioportal-cna-matrix superseded,cbioportal-seg succeeded"
expect_eq "BRCA2 -1.5 is a cBioPortal call; AKT2|TEST is AKT2" "$(q "select string_agg(gene_symbol || '=' || value, ' ' order by gene_symbol) from warehouse.v_gene_copy_number where study_id = 'study_tcga_pub' and sample_id = 'TCGA-XX-0800-01' and gene_symbol in ('BRCA2', 'AKT2')")" \
	"AKT2=-2 BRCA2=-1.5"
expect_exit 1 "$ONCOLOAD" copynumber --study IMP "$ic/data_cna_pd_annotations.txt"
case $ONC_STDERR in *"data_cna_pd_annotations.txt:1: error: missing column: Value"*) echo "ok: driver annotations are not values" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 0 "$ONCOLOAD" copynumber --study IMP "$imp/segment/data_cna_hg19.seg"
case $ONC_STDERR in *"data_cna_hg19.seg:11: warning: "*"[zero_length_segment]"*) echo "ok: zero-length warning" ;; *) fail "[$ONC_STDERR]" ;; esac

# --- the validator's cases: its errors become rejects at its lines and columns ---
V=$C/cbioportal/validator
i=0
check_case()
{
	i=$((i + 1))
	_file=$1 _exit=$2 _want=$3
	expect_exit "$_exit" "$ONCOLOAD" copynumber --study "VAL$i" --build hg19 --max-rejects 100 "$V/$_file"
	if [ "$_exit" -eq 0 ]; then
		expect_eq "$_file" "$(rejects_of "$_file")" "$_want"
		expect_eq "$_file: records sum up" "$(q "select records_read = records_loaded + records_rejected + records_filtered from audit.load where load_id = (select max(load_id) from audit.load where source_path like '%/$_file')")" t
	else
		case $ONC_STDERR in *"$_file:$_want"*) echo "ok: $_file fails at $_want" ;; *) fail "$_file: [$ONC_STDERR]" ;; esac
	fi
}
check_case data_seg_valid.seg 0 ""
check_case data_seg_end_before_start.seg 0 "11:3:start_after_end"
case $ONC_STDERR in *"data_seg_end_before_start.seg:31: warning:"*) echo "ok: zero-length segment at line 31" ;; *) fail "[$ONC_STDERR]" ;; esac
check_case data_seg_nonsense_values.seg 0 "28:2:unknown_chromosome 28:3:invalid_position 28:6:invalid_number"
check_case data_cna_blank_heading.txt 1 "1:2: error: column 2 has no sample name"
check_case data_cna_duplicate_gene.txt 0 "6:1:duplicate_gene"
check_case data_cna_genecol_presence_both_invalid_couple.txt 0 "2:1:gene_mismatch 3:1:gene_mismatch"
check_case data_cna_genecol_presence_both_invalid_hugo.txt 0 ""
case $ONC_STDERR in *"both_invalid_hugo.txt:2:1: warning:"*"xxACAP3"*"both_invalid_hugo.txt:3:1: warning:"*"xxAGRN"*) echo "ok: unknown symbols warned" ;; *) fail "[$ONC_STDERR]" ;; esac
check_case data_cna_genecol_presence_entrez_only.txt 0 ""
check_case data_cna_genecol_presence_hugo_only.txt 0 ""
check_case data_cna_genecol_presence_hugo_only_invalid.txt 0 "4:1:unknown_gene 5:1:unknown_gene"
check_case data_cna_genecol_presence_neither.txt 1 "1: error: at least one of the columns Hugo_Symbol or Entrez_Gene_Id"
check_case data_cna_long_duplicated_entrez.txt 0 "3:2:duplicate_gene"
check_case data_cna_long_genecol_no_custom_driver.txt 0 ""
check_case data_cna_long_genecol_no_sample_id.txt 1 "1: error: missing column: Sample_Id"
check_case data_cna_long_genecol_presence_all.txt 0 ""
check_case data_cna_long_genecol_presence_hugo_only.txt 0 ""
check_case data_cna_long_invalid_values.txt 0 "7:4:invalid_cna_value 12:4:invalid_cna_value 18:4:invalid_cna_value 24:4:invalid_cna_value 33:4:invalid_cna_value"
check_case data_cna_long_two_hugos_same_gene.txt 0 "6:1:duplicate_gene 13:1:duplicate_gene 20:1:duplicate_gene 27:1:duplicate_gene 34:1:duplicate_gene"
expect_eq "the valid long file: every value" "$(q "select count(*) from warehouse.v_gene_copy_number v join audit.load l using (load_id) where l.source_path like '%/data_cna_long_genecol_presence_all.txt'")" \
	"$(awk -F'\t' 'NR > 1 && $4 != "NA" && $4 != ""' "$V/data_cna_long_genecol_presence_all.txt" | wc -l)"
expect_eq "load records sum up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where command = 'copynumber' and status in ('succeeded', 'failed', 'superseded')")" t
