#!/bin/sh
# mutations_corpus.sh: every MAF of ../shared/corpus and the GDC project-level
# fixture, counted against the files' data lines (awk) and checked value by
# value on sample lines; the cBioPortal importer's and validator's MAFs give
# clean errors or rejects, never a crash.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
C=$SHARED/corpus
fx=$ONC_SRCDIR/tests/fixtures/mutations
expect_exit 0 "$ONCOLOAD" init

# data_lines FILE: lines that are neither '#' lines nor the header (awk)
data_lines()
{
	gzip -dcf "$1" | awk '!/^#/ { n++ } END { print n - 1 }'
}
last_load()
{
	q "select load_id from audit.load where command = 'mutations' order by load_id desc limit 1"
}

# --- the GDC per-aliquot masked MAF: 140 columns, 7 '#' lines -------------
gdc=$C/tcga/maf/gdc_aliquot_masked_v2/example_single_sample.maf
expect_exit 0 "$ONCOLOAD" mutations --study TCGA-HNSC "$gdc"
id=$(last_load)
n=$(data_lines "$gdc")
expect_eq "GDC: read|loaded = data lines" "$(q "select records_read, records_loaded, records_rejected from audit.load where load_id = $id")" "$n|$n|0"
expect_eq "GDC: one fact per line" "$(q "select count(*) from warehouse.v_mutation where study_id = 'TCGA-HNSC'")" "$n"
expect_eq "GDC: distinct variants (awk)" "$(q "select count(distinct variant_key) from warehouse.mutation where load_id = $id")" \
	"$(grep -v '^#' "$gdc" | awk -F '\t' 'NR > 1 { print $5, $6, $7, $11, $13 }' | sort -u | wc -l)"
expect_eq "GDC: format|workflow" "$(q "select input_format, workflow from audit.load where load_id = $id")" "gdc-aliquot-maf|gdc-aliquot-masked"
expect_eq "GDC: '#' lines kept" "$(q "select jsonb_array_length(metadata->'header_lines') from audit.load where load_id = $id")" "$(grep -c '^#' "$gdc")"
expect_eq "GDC: the aliquot" "$(q "select distinct aliquot_id, sample_id, patient_id, normal_aliquot_id from warehouse.v_mutation where study_id = 'TCGA-HNSC'")" \
	"TCGA-43-8118-01A-11D-2395-08|TCGA-43-8118-01A|TCGA-43-8118|TCGA-43-8118-10A-01D-2395-08"
for line in 9 300 677; do
	want=$(awk -F '\t' -v l="$line" 'NR == l { sub(/^chr/, "", $5); print $1 "|" $5 "|" $6 "|" $9 "|" $40 "|" $42 "|" $37 "|" $140 }' "$gdc")
	expect_eq "GDC line $line" "$(q "select v.gene_symbol, v.chromosome, v.start_position, v.variant_classification, m.t_depth, m.t_alt_count, v.hgvsp_short, m.callers
		from warehouse.mutation m join warehouse.variant v using (variant_key)
		where m.load_id = $id and m.source_line = $line and v.annotation_load_id = m.load_id")" "$want"
done
expect_eq "GDC: VEP columns kept with the annotation" \
	"$(q "select v.annotation_extra->>'all_effects' is not null, v.annotation_extra->>'CONTEXT' from warehouse.variant v join warehouse.mutation m using (variant_key) where m.source_line = 9 and m.load_id = v.annotation_load_id")" \
	"t|$(awk -F '\t' 'NR == 9 { print $129 }' "$gdc")"
expect_eq "GDC: masked normal counts stay NULL" "$(q "select count(*) from warehouse.mutation where load_id = $id and n_ref_count is not null")" 0

# --- the GDC project-level layout (maf-lib gdc-1.0.0-public: 119 columns) --
proj=$fx/TCGA.HNSC.mutect.0e239d8f.DR-10.0.somatic.maf
expect_exit 0 "$ONCOLOAD" mutations --study TCGA-HNSC "$proj"
id=$(last_load)
expect_eq "project MAF: format|workflow (the caller)" "$(q "select input_format, workflow from audit.load where load_id = $id")" "gdc-somatic-maf|mutect"
expect_eq "project MAF: read|loaded" "$(q "select records_read, records_loaded from audit.load where load_id = $id")" "$(data_lines "$proj")|4"
expect_eq "project MAF: filter, GDC_FILTER kept" \
	"$(q "select m.filter, m.extra->>'GDC_FILTER' from warehouse.mutation m where load_id = $id and source_line = 9")" "panel_of_normals|gdc_pon"
expect_eq "project MAF: does not supersede the aliquot MAF" "$(q "select count(*) from audit.load where status = 'superseded'")" 0

# --- maftools' older TCGA MAFs (GRCh37; 23 for X; no NCBI_Build) ----------
laml=$C/tcga/maf/maftools/tcga_laml.maf.gz
expect_exit 0 "$ONCOLOAD" mutations --study TCGA-LAML "$laml"
id=$(last_load)
n=$(data_lines "$laml")
expect_eq "LAML: read|loaded" "$(q "select records_read, records_loaded from audit.load where load_id = $id")" "$n|$n"
expect_eq "LAML: chromosome 23 is X" "$(q "select count(*) from warehouse.v_mutation where study_id = 'TCGA-LAML' and chromosome = 'X'")" \
	"$(gzip -dc "$laml" | awk -F '\t' '$5 == "23"' | wc -l)"
expect_eq "LAML: build 37 is GRCh37" "$(q "select distinct genome_build from warehouse.v_mutation where study_id = 'TCGA-LAML'")" GRCh37
expect_eq "LAML: Protein_Change is the short protein change" \
	"$(q "select hgvsp_short, sample_id from warehouse.v_mutation where study_id = 'TCGA-LAML' and gene_symbol = 'ABCA10'")" "p.K960R|TCGA-AB-2988"
brca=$C/tcga/maf/maftools/brca.maf.gz
expect_exit 2 "$ONCOLOAD" mutations --study TCGA-BRCA "$brca"
case $ONC_STDERR in *"no genome build"*"--build"*) echo "ok: no build named" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 0 "$ONCOLOAD" mutations --study TCGA-BRCA --build hg19 "$brca"
expect_eq "BRCA: every line" "$(q "select records_loaded from audit.load where command = 'mutations' and source_path like '%brca.maf.gz' and status = 'succeeded'")" \
	"$(data_lines "$brca")"

# --- cBioPortal: the study's MAF (study from the meta file) ---------------
expect_exit 0 "$ONCOLOAD" mutations "$C/cbioportal/study_es_0/data_mutations_extended.maf"
id=$(last_load)
n=$(data_lines "$C/cbioportal/study_es_0/data_mutations_extended.maf")
expect_eq "study_es_0: study and lines" "$(q "select study_id, records_read, records_loaded from audit.load where load_id = $id")" "study_es_0|$n|$n"
expect_eq "study_es_0: custom driver columns kept" \
	"$(q "select extra->>'cbp_driver' from warehouse.mutation where load_id = $id and source_line = 3")" Putative_Driver
expect_exit 0 "$ONCOLOAD" mutations --study study_es_0_inc "$C/cbioportal/study_es_0_inc/data_mutations_extended.maf"

# the importer's fixtures: only data_mutations_oncotated.txt names alleles
for f in "$C"/cbioportal/importer/data_mutations_*.txt "$C"/cbioportal/importer/*.maf \
	"$C"/cbioportal/importer/*/data_mutations*.txt "$C"/cbioportal/importer/incremental/*/data_mutations*.txt; do
	case $f in
		*oncotated*)
			expect_exit 0 "$ONCOLOAD" mutations --study CBIO-IMPORTER --build GRCh37 --max-rejects 100 "$f" ;;
		*)
			expect_exit 1 "$ONCOLOAD" mutations --study CBIO-IMPORTER --build GRCh37 "$f"
			case $ONC_STDERR in
				*"$(basename "$f"):"*": error: missing required column(s): "*) ;;
				*) fail "$f: [$ONC_STDERR]" ;;
			esac ;;
	esac
done

# the validator's cases: FILE EXIT READ LOADED REJECTED
while read -r name rc read loaded rejected; do
	f=$C/cbioportal/validator/mutations/$name
	expect_exit "$rc" "$ONCOLOAD" mutations --study CBIO-VALIDATOR --build GRCh37 --max-rejects 20 --force "$f"
	[ "$rc" -ne 0 ] && continue
	expect_eq "$name: read|loaded|rejected" \
		"$(q "select records_read, records_loaded, records_rejected from audit.load where command = 'mutations' order by load_id desc limit 1")" \
		"$read|$loaded|$rejected"
	expect_eq "$name: read = data lines" "$read" "$(data_lines "$f")"
done <<EOF
data_mutations_absence_custom_values_columns_when_custom_annotation_columns.maf 1
data_mutations_custom_tiers_column_more_than_50_characters.maf 1
data_mutations_more_than_80_characters_in_custom_annotation_columns.maf 1
data_mutations_not_supported_custom_driver_annotation_values.maf 1
data_mutations_invalid_norm_samples.maf 0 7 7 0
data_mutations_invalid_utf8.maf 0 2 0 2
data_mutations_missing_aa_change_column.maf 0 7 7 0
data_mutations_missing_zygosity_status_column.maf 0 1 1 0
data_mutations_name_swissprot.maf 0 7 7 0
data_mutations_some_silent.maf 0 13 13 0
data_mutations_too_long_hgvsp_short.maf 0 2 1 1
data_mutations_vs.maf 0 13 13 0
data_mutations_wrong_gene_position.maf 0 8 0 8
EOF
expect_eq "invalid UTF-8: rejected, the raw line scrubbed" \
	"$(q "select reason, raw like '%St. Jude Children??_s%' from audit.reject r join audit.load l using (load_id) where l.source_path like '%invalid_utf8%' order by line limit 1")" \
	"invalid_encoding|t"
expect_eq "wrong positions: the reasons" \
	"$(q "select string_agg(distinct reason, ',') from audit.reject r join audit.load l using (load_id) where l.source_path like '%wrong_gene_position%'")" \
	"invalid_position,missing_value"
expect_eq "no load left running" "$(q "select count(*) from audit.load where status = 'running'")" 0
expect_eq "every finished load sums up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where status in ('succeeded', 'failed')")" t
