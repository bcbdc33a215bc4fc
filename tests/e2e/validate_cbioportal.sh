#!/bin/sh
# validate_cbioportal.sh: "oncoload validate" on cBioPortal's own test files:
# the validator's clinical, continuous-matrix (methylation, RPPA) and
# unique-column cases, with the level and lines SOURCES.md names; the Java
# importer's clinical fixtures; and the reference study study_es_0, which
# must validate without errors.  No database.
#
# Where oncoload's level differs from cBioPortal's, the case says why: the
# rule is "what a load would reject is an error".
#
# Not applicable here (the reason):
#   data_clin_coldefs_* "test_column_order_validation" counterpart
#     data_clin_order2.txt is only a column permutation; it is checked below
#     to validate clean, there is no finding to compare.
#   data_unique_column_test.txt  a featurewise generic-assay file ("id",
#     "name", then text values) that cBioPortal's test reads with a validator
#     class configured with its unique columns; oncoload loads no generic
#     assays, and the same check on the matrices it loads (a gene or feature
#     twice: expression.duplicate_gene) is tested in validate_output.sh.
#   data_cna_*, data_seg_*, mutations/*  copy-number and MAF cases: checked
#     by the copy-number and MAF checks' own tests.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/validate_lib.sh"
onc_need_shared

V=$ONC_SHARED_DIR/corpus/cbioportal/validator
I=$ONC_SHARED_DIR/corpus/cbioportal/importer
fx=$ONC_SRCDIR/tests/fixtures/validate
tmp=$(onc_tmpdir)
out=$tmp/out.json

# --- the validator's clinical cases ---

# MUTATION_COUNT is calculated by cBioPortal: ERROR line 5
val_json "$out" "$V/data_clin_coldefs_banned_attribute.txt"
expect_eq "banned attribute: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.calculated_attribute 5

# hard-coded attributes: OS_MONTHS as STRING (line 3), OTHER_SAMPLE_ID and
# METASTATIC_SITE at patient level (line 5): ERRORs
val_json "$out" "$V/data_clin_coldefs_hardcoded_attrs.txt"
expect_eq "hard-coded attributes: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.fixed_attribute_datatype 3
expect_finding "$out" error clinical.fixed_attribute_level 5
n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for f in d["files"] for x in f["findings"] if x["code"]=="clinical.fixed_attribute_level"))' "$out")
expect_eq "hard-coded attributes: two attributes at the wrong level" "$n" 2

# an attribute name not in upper case: ERROR (the header, line 5)
val_json "$out" "$V/data_clin_coldefs_lowercase_attribute.txt"
expect_eq "lower-case attribute: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.lowercase_attribute 5

# spreadsheet dates in a STRING column: ERROR lines 8 ("Jan-14") and 9 ("4-Oct"), not 7 ("31-77")
val_json "$out" "$V/data_clin_date_in_nondate_column.txt"
expect_eq "dates: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.date_in_text 8 9
lines=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(str(l) for f in d["files"] for x in f["findings"] if x["code"]=="clinical.date_in_text" for l in x["lines"]))' "$out")
expect_eq "dates: only lines 8 and 9" "$lines" "8 9"

# a sample whose patient has no patient attributes: WARNING.  cBioPortal's
# test gives the patient/sample map as context; here a sample file naming
# TEST-PAT4 (line 7) is validated with the patient file.  A warning, not an
# error, since without -d the warehouse may have the patient already.
val_json "$out" "$V/data_clin_missing_patient.txt" "$fx/data_clin_samples_pat4.txt"
expect_eq "missing patient: exit" "$VAL_RC" 6
expect_finding "$out" warning clinical.unknown_patient 7
expect_no_finding "$out" error

# columns in another order, all patients defined by the file above: no
# clinical findings (the cross-file checks may warn of patients without samples)
val_json "$out" "$V/data_clin_order2.txt" "$V/data_clin_missing_patient.txt"
expect_no_finding "$out" error
n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for f in d["files"] if f["path"].endswith("order2.txt") for x in f["findings"] if x["level"] != "info"))' "$out")
expect_eq "column order: no warnings on the file" "$n" 0

# a sample defined twice: ERROR line 11
val_json "$out" "$V/data_clin_repeated_sample.txt"
expect_eq "repeated sample: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.sample_twice 11

# illegal characters in SAMPLE_ID: ERROR lines 6 and 11 (and the other bad IDs)
val_json "$out" "$V/data_clin_wrong_ids.txt"
expect_eq "wrong IDs: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.illegal_id 6 11
expect_finding "$out" error clinical.illegal_id 7 8 9 12

# a patient file without the "#" rows: cBioPortal gives INFO in relaxed mode
# and ERROR otherwise; oncoload loads it with every column as text, so WARNING
val_json "$out" "$V/data_clinical_pat_no_hdr.txt"
expect_eq "no header rows: exit" "$VAL_RC" 6
expect_finding "$out" warning clinical.no_header_rows
expect_no_finding "$out" error

# --- continuous matrices: methylation and RPPA (not loaded, values checked) ---

# methylation: "n.a." (line 2), "" (line 5), "Na" (line 8) are neither numbers nor NA: ERRORs
val_json "$out" --kind methylation "$V/data_methylation_invalid_values.txt"
expect_eq "methylation: exit" "$VAL_RC" 1
expect_finding "$out" error expression.invalid_number 2
expect_finding "$out" error expression.empty_value 5
expect_finding "$out" error expression.invalid_number 8
expect_finding "$out" info file.not_loaded

# the same file in a folder with a meta file saying METHYLATION: the same, by detection
d=$tmp/methylation
mkdir "$d"
cp "$V/data_methylation_invalid_values.txt" "$d/data_methylation.txt"
printf 'cancer_study_identifier: validate_fx\ngenetic_alteration_type: METHYLATION\ndatatype: CONTINUOUS\nstable_id: methylation_hm27\ndata_filename: data_methylation.txt\n' >"$d/meta_methylation.txt"
val_json "$out" "$d"
expect_eq "methylation folder: exit" "$VAL_RC" 1
expect_finding "$out" error expression.invalid_number 2
expect_finding "$out" error expression.invalid_number 8
kind=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([f["kind"] for f in d["files"] if f["path"].endswith("data_methylation.txt")][0])' "$out")
expect_eq "methylation folder: kind from the meta file" "$kind" methylation

# RPPA: "spam" (line 3), "" (line 6), " " (line 9): ERRORs
val_json "$out" --kind rppa "$V/data_rppa_invalid_values.txt"
expect_eq "rppa invalid: exit" "$VAL_RC" 1
expect_finding "$out" error expression.invalid_number 3
expect_finding "$out" error expression.empty_value 6 9
val_json "$out" --kind rppa "$V/data_rppa_valid.txt"
expect_eq "rppa valid: exit" "$VAL_RC" 0

# --- the importer's clinical fixtures ---

# a sample twice (the importer warns and skips it; a load rejects the row, so an error here)
val_json "$out" "$I/clinical_data_small.txt"
expect_finding "$out" error clinical.sample_twice 18
# a row with the wrong column count (line 9, "abc")
val_json "$out" "$I/clinical_data_small_WRONG_NR_COLS.txt"
expect_eq "wrong column count: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.column_count 9
# no PATIENT_ID column (header, line 5)
val_json "$out" "$I/clinical_data_small_missing_PATIENTID.txt"
expect_eq "no PATIENT_ID: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.patient_id_missing 5
# no SAMPLE_ID column (SAMPLE_IDentifier instead)
val_json "$out" "$I/clinical_data_small_missing_SAMPLEID.txt"
expect_eq "no SAMPLE_ID: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.sample_id_missing 5
# datatypes DOUBLE and TEXT: both reported, on the datatype row
val_json "$out" "$I/clinical_data_small_PATIENT_datatype_error.txt"
expect_eq "bad datatype: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.bad_datatype 3
n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for f in d["files"] for x in f["findings"] if x["code"]=="clinical.bad_datatype"))' "$out")
expect_eq "bad datatype: both columns" "$n" 2
# a patient twice (line 12)
val_json "$out" "$I/clinical_data_small_PATIENT_dupl_error.txt"
expect_eq "patient twice: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.patient_twice 12
# the valid small patient file
val_json "$out" "$I/clinical_data_small_PATIENT.txt"
expect_eq "valid patient file: exit" "$VAL_RC" 0
# patient and sample files together: every sample's patient is defined
val_json "$out" "$I/clinical_data_PATIENT.txt" "$I/clinical_data_SAMPLE.txt"
expect_no_finding "$out" warning clinical.unknown_patient
expect_no_finding "$out" error clinical.unknown_patient

# --- the reference study: no errors ---
val_json "$out" "$ONC_SHARED_DIR/corpus/cbioportal/study_es_0"
case $VAL_RC in 0 | 6) echo "ok: study_es_0 exit $VAL_RC" ;; *) cat "$out.err" "$out" >&2; fail "study_es_0 exit $VAL_RC" ;; esac
expect_no_finding "$out" error
# files of kinds oncoload does not load are information, not errors
for k in "cBioPortal structural variants" "cBioPortal gene set scores (GSVA)" "cBioPortal case list" "cBioPortal meta file"; do
	n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for f in d["files"] for x in f["findings"] if x["level"]=="info" and x["text"].endswith(sys.argv[2])))' "$out" "$k")
	[ "$n" -gt 0 ] || fail "study_es_0: no information \"$k\""
	echo "ok: study_es_0: $k is information ($n)"
done
kind=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(f["kind"] for f in d["files"] if f["path"].endswith(("data_clinical_samples.txt","data_expression_median.txt","data_methylation_hm27.txt"))))' "$out")
expect_eq "study_es_0: kinds" "$kind" "clinical expression methylation"

# --- the validator's folder as a plain folder (no meta files): kinds by content and name ---
val_json "$out" "$V"
python3 - "$out" <<'PY' || fail "kinds of the validator's files"
import json, os, sys
d = json.load(open(sys.argv[1]))
kinds = {os.path.basename(f["path"]): f["kind"] for f in d["files"]}
want = {
    "data_clin_repeated_sample.txt": "clinical",
    "data_clinical_pat_no_hdr.txt": "clinical",
    "data_methylation_invalid_values.txt": "methylation",
    "data_rppa_valid.txt": "rppa",
}
for name, kind in want.items():
    assert kinds.get(name) == kind, (name, kinds.get(name), kind)
# copy number goes to the copy-number check, which names its layout as the kind
for name in ("data_cna_duplicate_gene.txt", "data_cna_long_invalid_values.txt", "data_seg_valid.seg"):
    assert kinds.get(name) not in (None, "expression", "clinical", "methylation", "rppa", "other"), \
        (name, kinds.get(name))
print("ok: kinds from content and cBioPortal file names")
PY
