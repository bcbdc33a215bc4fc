#!/bin/sh
# clinical_tables.sh: the real HNSC Biotab patient table and the GDC clinical
# cart TSVs of the corpus (current layout) and a 2022 flat-layout fixture
# load; values in the views match an independent reading of the files with
# awk (names by column position, missing tokens, units converted).
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
export LC_ALL=C

# --- Biotab ---------------------------------------------------------------------
bt=$SHARED/corpus/tcga/biotab/nationwidechildrens.org_clinical_patient_hnsc.txt
expect_exit 0 "$ONCOLOAD" clinical "$bt"
expect_eq "Biotab load" "$(q "select study_id || '|' || input_format || '|' || records_read || '|' || records_loaded from audit.load where command = 'clinical'")" \
	"TCGA-HNSC|bcr-biotab|528|528"
expect_eq "patients" "$(q "select count(*) from warehouse.v_clinical_patient where study_id = 'TCGA-HNSC'")" \
	"$(tail -n +4 "$bt" | wc -l)"
expect_eq "every cell is a fact" "$(q "select facts_written from audit.load where command = 'clinical'")" \
	"$(tail -n +4 "$bt" | awk -F '\t' '{ n += NF } END { print n }')"

# sorted "patient|value" lines from the table, bracketed tokens left out
col()
{
	tail -n +4 "$bt" | awk -F '\t' -v c="$1" -v lower="${2:-0}" \
		'$c !~ /^\[/ && $c != "" { v = lower ? tolower($c) : $c; print $2 "|" v }' | sort
}
view()
{
	q "select patient_id || '|' || $1 from warehouse.v_clinical_patient where study_id = 'TCGA-HNSC' and $1 is not null" | sort
}
expect_eq "pathologic stage (column 34)" "$(view pathologic_stage)" "$(col 34)"
expect_eq "pathologic T (column 31)" "$(view pathologic_t)" "$(col 31)"
expect_eq "subsite (column 5), lower case" "$(view subsite)" "$(col 5 1)"
expect_eq "ICD-O-3 site (column 62)" "$(view "coalesce(icd_o3_site, '')" | grep -v '|$')" "$(col 62)"
expect_eq "age (column 52)" "$(view age_at_diagnosis)" "$(col 52)"
expect_eq "HPV by p16 (column 39)" "$(view hpv_status_p16)" "$(col 39)"
expect_eq "HPV by ISH (column 40)" "$(view hpv_status_ish)" "$(col 40)"
expect_eq "extracapsular spread (column 35)" "$(view nodal_extracapsular_spread)" "$(col 35)"
expect_eq "deaths (column 26)" "$(q "select count(*) from warehouse.v_clinical_patient where study_id = 'TCGA-HNSC' and vital_status = 'Dead'")" \
	"$(tail -n +4 "$bt" | awk -F '\t' '$26 == "Dead"' | wc -l)"
expect_eq "current smokers: text to code 2" \
	"$(q "select count(*) from warehouse.v_clinical_patient where study_id = 'TCGA-HNSC' and tobacco_smoking_history_code = 2 and tobacco_smoking_history = 'Current smoker'")" \
	"$(tail -n +4 "$bt" | awk -F '\t' '$41 == "Current smoker"' | wc -l)"
expect_eq "perineural invasion YES (column 38)" \
	"$(q "select count(*) from warehouse.v_clinical_patient where study_id = 'TCGA-HNSC' and perineural_invasion")" \
	"$(tail -n +4 "$bt" | awk -F '\t' '$38 == "YES"' | wc -l)"
expect_eq "lymph nodes examined, summed (column 20)" \
	"$(q "select sum(lymph_nodes_examined) from warehouse.v_clinical_patient where study_id = 'TCGA-HNSC'")" \
	"$(tail -n +4 "$bt" | awk -F '\t' '$20 !~ /^\[/ { s += $20 } END { print s }')"
expect_eq "[Not Available] pathologic M kept as a reason (column 33)" \
	"$(q "select count(*) from warehouse.v_clinical_attribute where study_id = 'TCGA-HNSC' and attribute = 'pathologic_m' and missing_reason = 'Not Available'")" \
	"$(tail -n +4 "$bt" | awk -F '\t' '$33 == "[Not Available]"' | wc -l)"
expect_eq "names from the second header row" \
	"$(q "select source from warehouse.v_clinical_attribute where patient_id = 'TCGA-4P-AA8J' and value = 'Modified Radical Neck Dissection' order by 1")" \
	"lymphnode_dissection_method_left
lymphnode_dissection_method_right"
expect_eq "a neck dissection becomes a surgery" \
	"$(q "select treatment_type || '|' || therapy_type from warehouse.v_treatment where patient_id = 'TCGA-4P-AA8J'")" \
	"surgery|left: Modified Radical Neck Dissection; right: Modified Radical Neck Dissection"
expect_eq "patients without an ICD-O-3 site (column 62)" \
	"$(q "select count(*) from warehouse.v_clinical_patient where study_id = 'TCGA-HNSC' and icd_o3_site is null")" \
	"$(tail -n +4 "$bt" | awk -F '\t' '$62 ~ /^\[/' | wc -l)"

# gzipped, with a JSON outcome: the same facts again, every value replaced by an equal one
gz=$(onc_tmpdir)/nationwidechildrens.org_clinical_patient_hnsc.txt.gz
gzip -c "$bt" >"$gz"
out=$("$ONCOLOAD" clinical --output json "$gz") || fail "gzipped Biotab: exit $?"
case $out in
	*'"status":"succeeded"'*'"format":"bcr-biotab"'*'"records_read":528'*) echo "ok: gzipped Biotab, JSON outcome" ;;
	*) fail "gzipped Biotab: [$out]" ;;
esac
expect_eq "the gzipped load replaced every value of the first" \
	"$(q "select status || '|' || (select facts_written from audit.load where source_path like '%.txt.gz') from audit.load where load_id = (select min(load_id) from audit.load where command = 'clinical')")" \
	"superseded|$(tail -n +4 "$bt" | awk -F '\t' '{ n += NF } END { print n }')"

# --- GDC clinical cart, current layout --------------------------------------------
gdc=$SHARED/corpus/tcga/gdc_clinical_tsv/portal_v2_2025_luad
expect_exit 0 "$ONCOLOAD" clinical "$gdc/clinical.tsv"
lid=$(q "select max(load_id) from audit.load")
expect_eq "cases" "$(q "select count(*) from audit.load_part where load_id = $lid")" \
	"$(tail -n +2 "$gdc/clinical.tsv" | cut -f 10 | sort -u | wc -l)"
expect_eq "treatments, each once (column 205)" \
	"$(q "select count(*) from warehouse.v_treatment where study_id = 'TCGA-LUAD' and source_entity = 'treatment'")" \
	"$(tail -n +2 "$gdc/clinical.tsv" | awk -F '\t' '$205 != "'"'"'--" { print $10, $205 }' | sort -u | wc -l)"
expect_eq "vital status per case (column 29)" \
	"$(q "select patient_id || '|' || vital_status from warehouse.v_clinical_patient where study_id = 'TCGA-LUAD' and vital_status is not null" | sort)" \
	"$(tail -n +2 "$gdc/clinical.tsv" | awk -F '\t' '$29 == "Alive" || $29 == "Dead" { print $10 "|" $29 }' | sort -u)"
expect_eq "age at diagnosis: the first primary diagnosis, days / 365.25 (columns 34, 67, 68)" \
	"$(q "select patient_id || '|' || round(age_at_diagnosis::numeric, 2) from warehouse.v_clinical_patient where study_id = 'TCGA-LUAD' and age_at_diagnosis is not null" | sort)" \
	"$(tail -n +2 "$gdc/clinical.tsv" | awk -F '\t' '$67 != "'"'"'--" && $68 != "false" && !seen[$10]++ && $34 != "'"'"'--" { printf "%s|%.2f\n", $10, $34 / 365.25 }' | sort)"
expect_eq "'-- is a missing value with its reason" \
	"$(q "select count(*) > 0 and bool_and(value is null) from warehouse.clinical_fact where load_id = $lid and missing_reason = '''--'")" t

expect_exit 0 "$ONCOLOAD" clinical "$gdc/exposure.tsv" "$gdc/follow_up.tsv" "$gdc/pathology_detail.tsv"
expect_eq "pack-years (exposure.tsv column 26)" \
	"$(q "select patient_id || '|' || pack_years from warehouse.v_clinical_patient where study_id = 'TCGA-LUAD' and pack_years is not null" | sort)" \
	"$(tail -n +2 "$gdc/exposure.tsv" | awk -F '\t' '$26 != "'"'"'--" { print $3 "|" $26 + 0 }' | sort -u)"
expect_eq "smoking history text to code (exposure.tsv column 36)" \
	"$(q "select count(*) from warehouse.v_clinical_patient where study_id = 'TCGA-LUAD' and tobacco_smoking_history_code = 4")" \
	"$(tail -n +2 "$gdc/exposure.tsv" | awk -F '\t' '$36 == "Current Reformed Smoker for < or = 15 yrs"' | cut -f 3 | sort -u | wc -l)"
expect_eq "follow-ups with a day (follow_up.tsv columns 19, 38)" \
	"$(q "select count(*) from warehouse.v_clinical_attribute where study_id = 'TCGA-LUAD' and entity = 'follow_up' and attribute = 'days_to_last_followup' and value is not null")" \
	"$(tail -n +2 "$gdc/follow_up.tsv" | awk -F '\t' '$19 != "'"'"'--" { print $38 }' | sort -u | wc -l)"
# the other files name the case (its IDs, columns 1-3) on each row: those
# references go with the row's exposure, follow-up or pathology detail and
# replace none of the clinical file's values
expect_eq "the clinical file's values stay current" \
	"$(q "select (select sum((metadata->>'facts_replaced')::int) from audit.load where load_id > $lid) || '|' ||
	      (select status from audit.load where load_id = $lid) || '|' ||
	      (select bool_and(is_current) from audit.load_part where load_id = $lid)")" \
	"0|succeeded|true"
expect_eq "the case's ID on each exposure (exposure.tsv rows)" \
	"$(q "select count(*) || '|' || count(*) filter (where f.value = p.patient_id) from warehouse.clinical_fact f
	      join warehouse.patient p using (patient_key) where f.load_id > $lid and f.entity = 'exposure'
	      and f.attribute = 'cases.submitter_id'")" \
	"$(tail -n +2 "$gdc/exposure.tsv" | wc -l)|$(tail -n +2 "$gdc/exposure.tsv" | wc -l)"
expect_eq "each load's entities recorded" \
	"$(q "select string_agg(array_to_string(array(select e from unnest(clinical_entities) e order by e), ','), ' ' order by load_id)
	      from audit.load where load_id >= $lid")" \
	"diagnosis,patient,treatment exposure follow_up,molecular_test,other_clinical_attribute pathology_detail"
expect_eq "and they are the entities of the facts written" \
	"$(q "select count(*) from audit.load l where l.load_id >= $lid and array(select e from unnest(l.clinical_entities) e order by e)
	      is distinct from array(select distinct f.entity from warehouse.clinical_fact f where f.load_id = l.load_id order by 1)")" 0
# a file of exposures alone still gives the patients their UUIDs (column 2)
expect_exit 0 "$ONCOLOAD" clinical --study GDC-EXPOSURES "$gdc/exposure.tsv"
expect_eq "patient UUIDs from a file of exposures" \
	"$(q "select patient_id || '|' || patient_uuid from warehouse.patient join warehouse.study using (study_key)
	      where study_id = 'GDC-EXPOSURES'" | sort)" \
	"$(tail -n +2 "$gdc/exposure.tsv" | awk -F '\t' '{ print $3 "|" $2 }' | sort -u)"
# UUIDs a later file changes are written: by the next file of the same run,
# by a later run, back to what the run found, and after a failed load in the
# run (rolled back: the file after it must not take its UUIDs as written)
uu=$(onc_tmpdir)
for v in b c; do
	awk -F '\t' -v OFS='\t' -v v=$v 'NR > 1 { $2 = v "-" $2 } 1' "$gdc/exposure.tsv" >"$uu/exposure-$v.tsv"
done
{ cat "$uu/exposure-b.tsv"; printf 'a\tshort\trow\n'; } >"$uu/exposure-bad.tsv"
uuids_are()
{
	expect_eq "$1" \
		"$(q "select patient_id || '|' || patient_uuid from warehouse.patient join warehouse.study using (study_key)
		      where study_id = 'GDC-EXPOSURES'" | sort)" \
		"$(tail -n +2 "$gdc/exposure.tsv" | awk -F '\t' -v p="$2" '{ print $3 "|" p $2 }' | sort -u)"
}
expect_exit 0 "$ONCOLOAD" clinical --study GDC-EXPOSURES "$uu/exposure-b.tsv" "$uu/exposure-c.tsv"
uuids_are "UUIDs changed twice in one run" c-
expect_exit 0 "$ONCOLOAD" clinical --study GDC-EXPOSURES --force "$gdc/exposure.tsv"
uuids_are "UUIDs changed back by a later run" ""
expect_exit 0 "$ONCOLOAD" clinical --study GDC-EXPOSURES --force "$uu/exposure-b.tsv" "$gdc/exposure.tsv"
uuids_are "UUIDs changed and changed back in one run" ""
expect_exit 5 "$ONCOLOAD" clinical --study GDC-EXPOSURES --force "$uu/exposure-bad.tsv" "$uu/exposure-b.tsv"
uuids_are "UUIDs of a failed load: written by the next file that gives them" b-
expect_eq "no study in an empty cart file: a usage error" "$(
	"$ONCOLOAD" clinical "$gdc/family_history.tsv" >/dev/null 2>&1
	echo $?)" 2
expect_exit 0 "$ONCOLOAD" clinical --study TCGA-LUAD "$gdc/family_history.tsv"
expect_eq "records add up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where command = 'clinical'")" t

# --- GDC 2022 flat layout ------------------------------------------------------
flat=$ONC_SRCDIR/tests/fixtures/clinical/gdc_2022_clinical.tsv
expect_exit 0 "$ONCOLOAD" clinical "$flat"
expect_eq "flat layout recorded" "$(q "select metadata->>'layout' from audit.load where source_path like '%gdc_2022_clinical.tsv'")" "2022 flat"
expect_eq "flat layout patient values" \
	"$(q "select patient_id || '|' || sex || '|' || pathologic_stage || '|' || subsite || '|' || coalesce(days_to_death::text, '') from warehouse.v_clinical_patient where study_id = 'TCGA-HNSC' and patient_id like 'TCGA-ZZ-71%' order by 1")" \
	"TCGA-ZZ-7100|male|Stage IVA|cheek mucosa|
TCGA-ZZ-7101|female|Stage II|border of tongue|410"
expect_eq "flat layout treatments: one per distinct row content" \
	"$(q "select string_agg(treatment_type || ':' || coalesce(agent, '-') || ':' || coalesce(given::text, '-'), ',' order by patient_id, treatment_id) from warehouse.v_treatment where patient_id like 'TCGA-ZZ-71%'")" \
	"radiation:-:true,drug:Cisplatin:true,surgery:-:false"
