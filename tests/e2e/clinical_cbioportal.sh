#!/bin/sh
# clinical_cbioportal.sh: every cBioPortal clinical file of the corpus:
# study_es_0's patient and sample files (study from the meta files), the
# importer's fixtures (combined and split files, duplicates, bad datatypes,
# wrong column counts, missing ID columns, incremental updates) and the
# validator's clinical cases, each with the outcome it should have.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
export LC_ALL=C
cb=$SHARED/corpus/cbioportal
imp=$cb/importer

# outcome FILE: "status|read|loaded|rejected" of the latest load of FILE
outcome()
{
	q "select status || '|' || records_read || '|' || records_loaded || '|' || records_rejected from audit.load
	    where source_path = '$(cd "$(dirname "$1")" && pwd)/$(basename "$1")' order by load_id desc limit 1"
}
rejects()
{
	q "select string_agg(line || ':' || reason, ' ' order by line) from audit.reject r join audit.load l using (load_id)
	    where l.source_path like '%/$1' and l.load_id = (select max(load_id) from audit.load where source_path like '%/$1')"
}

# --- study_es_0: the study from the meta files ----------------------------------
pf=$cb/study_es_0/data_clinical_patients.txt
sf=$cb/study_es_0/data_clinical_samples.txt
expect_exit 0 "$ONCOLOAD" clinical "$pf" "$sf"
expect_eq "patients" "$(q "select count(*) from warehouse.v_clinical_patient where study_id = 'study_es_0'")" "$(tail -n +6 "$pf" | wc -l)"
expect_eq "samples" "$(q "select count(*) from warehouse.v_clinical_sample where study_id = 'study_es_0'")" "$(tail -n +6 "$sf" | wc -l)"
# OS_MONTHS x 30.4375 (column 3), within the 0.01 days the loader rounds to
tmpd=$(onc_tmpdir)
q "select patient_id || ' ' || os_days from warehouse.v_clinical_patient where study_id = 'study_es_0' and os_days is not null" | sort >"$tmpd/view"
tail -n +6 "$pf" | awk -F '\t' '$3 ~ /^[0-9.]+$/ { printf "%s %.6f\n", $1, $3 * 30.4375 }' | sort >"$tmpd/file"
expect_eq "OS_MONTHS x 30.4375 (column 3)" "$(join "$tmpd/view" "$tmpd/file" | awk '{ d = $2 - $3; if (d < 0) d = -d; if (d > 0.006) bad++ } END { print NR ":" bad + 0 }')" \
	"$(wc -l <"$tmpd/file" | tr -d ' '):0"
expect_eq "months kept as the source value" \
	"$(q "select value || '|' || source_value || '|' || source from warehouse.v_clinical_attribute where patient_id = 'TCGA-A1-A0SK' and attribute = 'os_days'")" \
	"967|31.77|OS_MONTHS"
expect_eq "OS_STATUS 1:DECEASED is an event" \
	"$(q "select vital_status || '|' || os_event from warehouse.v_clinical_patient where patient_id = 'TCGA-A1-A0SK'")" "Dead|1"
expect_eq "sample attributes (SUBTYPE, column 3)" \
	"$(q "select sample_id || '|' || (attributes->>'SUBTYPE') from warehouse.v_clinical_sample where study_id = 'study_es_0' and attributes->>'SUBTYPE' is not null" | sort)" \
	"$(tail -n +6 "$sf" | awk -F '\t' '$3 != "" && $3 != "NA" { print $2 "|" $3 }' | sort)"
expect_eq "samples belong to their patients" \
	"$(q "select count(*) from warehouse.v_clinical_sample s where study_id = 'study_es_0' and patient_id || '-01' <> sample_id and patient_id is not null")" \
	"$(tail -n +6 "$sf" | awk -F '\t' '$1 "-01" != $2' | wc -l)"

# --- the importer's fixtures: (file, options, exit, outcome, rejects) -------------
check()
{
	_f=$1 _study=$2 _exit=$3 _out=$4 _rej=$5
	shift 5
	expect_exit "$_exit" "$ONCOLOAD" clinical --study "$_study" "$@" "$imp/$_f"
	expect_eq "$_f: outcome" "$(outcome "$imp/$_f")" "$_out"
	expect_eq "$_f: rejects" "$(rejects "$(basename "$_f")")" "$_rej"
}
check clinical_data.txt IMP-MIXED 0 "succeeded|488|488|0" ""
check clinical_data_PATIENT.txt IMP-SPLIT 0 "succeeded|488|488|0" ""
check clinical_data_SAMPLE.txt IMP-SPLIT 0 "succeeded|488|488|0" ""
check clinical_data_small.txt IMP-SMALL 1 "failed|11|10|1" "18:duplicate_sample"
check clinical_data_small.txt IMP-SMALL 0 "succeeded|11|10|1" "18:duplicate_sample" --max-rejects 1
check clinical_data_small_PATIENT.txt IMP-SMALL-SPLIT 0 "succeeded|6|6|0" ""
check clinical_data_small_SAMPLE.txt IMP-SMALL-SPLIT 0 "succeeded|6|6|0" ""
check clinical_data_small_SAMPLE2.txt IMP-SMALL-SPLIT 0 "succeeded|6|6|0" ""
check clinical_data_small_PATIENT_dupl_error.txt IMP-DUPL 1 "failed|7|6|1" "12:duplicate_patient"
check clinical_data_small_WRONG_NR_COLS.txt IMP-COLS 1 "failed|3|2|1" "9:column_count"
check clinical_data_small_nonTCGA.txt IMP-NONTCGA 1 "failed|11|10|1" "17:duplicate_sample"
check clinical_data_small_PATIENT_datatype_error.txt IMP-TYPE 1 "failed|0|0|0" ""
case $ONC_STDERR in *"clinical_data_small_PATIENT_datatype_error.txt:3:2: error: unknown datatype \"DOUBLE\""*) echo "ok: datatype error at its row and column" ;; *) fail "[$ONC_STDERR]" ;; esac
check clinical_data_small_missing_PATIENTID.txt IMP-NOPAT 1 "failed|0|0|0" ""
case $ONC_STDERR in *"clinical_data_small_missing_PATIENTID.txt:5: error: no PATIENT_ID column"*) echo "ok: no PATIENT_ID" ;; *) fail "[$ONC_STDERR]" ;; esac
# without a SAMPLE_ID column (the header says SAMPLE_IDentifier) it is a patient file
check clinical_data_small_missing_SAMPLEID.txt IMP-NOSAMPLE 0 "succeeded|9|9|0" ""
expect_eq "the small combined file's second sample row gave no patient fields again" \
	"$(q "select count(*) from warehouse.clinical_fact f join warehouse.study s using (study_key) where s.study_id = 'IMP-SMALL' and f.attribute = 'vital_status'")" 10

# incremental fixtures, in study_tcga_pub from their meta files: a sample needs its patient
inc=$imp/incremental
expect_exit 1 "$ONCOLOAD" clinical "$inc/insert_single_tcga_sample/clinical_data_single_SAMPLE.txt"
case $ONC_STDERR in *"clinical_data_single_SAMPLE.txt:6: error: sample TEST-INC-TCGA-P1-S1 names patient TEST-INC-TCGA-P1, who is not in study study_tcga_pub [unknown_patient]"*) echo "ok: unknown patient" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 0 "$ONCOLOAD" clinical "$inc/insert_single_tcga_patient/clinical_data_single_PATIENT.txt"
expect_exit 0 "$ONCOLOAD" clinical "$inc/insert_single_tcga_sample_for_nonexistent_patient/clinical_data_single_SAMPLE.txt"
expect_eq "the sample joined its patient" \
	"$(q "select patient_id || '|' || (attributes->>'SUBTYPE') from warehouse.v_clinical_sample where sample_id = 'TEST-INC-TCGA-P2-S1'")" "TEST-INC-TCGA-P2|Luminal A"
expect_exit 0 "$ONCOLOAD" clinical "$inc/update_single_tcga_patient/clinical_data_single_PATIENT.txt"
expect_eq "NA is missing" "$(q "select missing_reason from warehouse.v_clinical_attribute where patient_id = 'TCGA-A1-A0SB' and study_id = 'study_tcga_pub' and attribute = 'vital_status'")" NA
expect_exit 0 "$ONCOLOAD" clinical --max-rejects 2 "$imp/update_case_lists/update_tcga_samples/clinical_data_sample.txt"
expect_eq "samples of unknown patients rejected" "$(rejects clinical_data_sample.txt)" "6:unknown_patient 7:unknown_patient"

# --- the validator's clinical cases ------------------------------------------------
val=$cb/validator
for f in data_clin_coldefs_banned_attribute.txt data_clin_coldefs_hardcoded_attrs.txt \
	data_clin_coldefs_lowercase_attribute.txt data_clin_date_in_nondate_column.txt; do
	expect_exit 0 "$ONCOLOAD" clinical --study "VAL-${f%.txt}" "$val/$f"
done
expect_eq "a STRING column keeps text that looks like a date" \
	"$(q "select value from warehouse.v_clinical_attribute where study_id = 'VAL-data_clin_date_in_nondate_column' and patient_id = 'TCGA-A2-A0CM' and attribute = 'SOME_SCORE'")" "Jan-14"
# the sample files after the patient file whose patients they name
expect_exit 1 "$ONCOLOAD" clinical --study VAL "$val/data_clin_order2.txt"
expect_eq "samples before their patients" "$(rejects data_clin_order2.txt)" "6:unknown_patient"
expect_exit 0 "$ONCOLOAD" clinical --study VAL "$val/data_clin_missing_patient.txt"
expect_exit 0 "$ONCOLOAD" clinical --study VAL "$val/data_clin_order2.txt" "$val/data_clin_wrong_ids.txt"
expect_eq "permuted columns" "$(q "select patient_id || '|' || (attributes->>'CANCER_TYPE') from warehouse.v_clinical_sample where sample_id = 'TEST-PAT2-SAMPLE1'")" "TEST-PAT2|Cancer_type23"
expect_eq "IDs cBioPortal refuses are kept as given" "$(q "select count(*) from warehouse.v_clinical_sample where study_id = 'VAL' and sample_id = 'TEST-PAT1- SAMPLE1'")" 1
expect_exit 1 "$ONCOLOAD" clinical --study VAL "$val/data_clin_repeated_sample.txt"
expect_eq "a sample defined twice" "$(rejects data_clin_repeated_sample.txt)" "11:duplicate_sample"
expect_exit 0 "$ONCOLOAD" clinical --study VAL-NOHDR "$val/data_clinical_pat_no_hdr.txt"
case $ONC_STDERR in *"data_clinical_pat_no_hdr.txt: warning: no \"#\" header rows: every column is read as text"*) echo "ok: headerless warning" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "headerless: text" "$(q "select value_type || '|' || value from warehouse.v_clinical_attribute where study_id = 'VAL-NOHDR' and patient_id = 'TEST-PAT1' and attribute = 'CANCER_TYPE'")" "text|Breast Cancer"
expect_eq "a NUMBER column with a number keeps it as one" \
	"$(q "select value_type || '|' || value_num from warehouse.v_clinical_attribute where study_id = 'VAL-data_clin_coldefs_banned_attribute' and patient_id = 'TEST-PAT4' and attribute = 'MUTATION_COUNT'")" "number|100"
expect_eq "records add up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where command = 'clinical' and status <> 'skipped'")" t
