#!/bin/sh
# clinical_rejects.sh: bad clinical input is reported as FILE:LINE: error and
# becomes a reject row, or a failed load with nothing kept when the file
# cannot be parsed: truncated and malformed XML, an XML file of another
# kind, a row with the wrong number of columns, a patient defined twice, a
# sample whose patient is unknown, a value of the wrong type, text that is
# not UTF-8; never a crash.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
xml=$SHARED/corpus/tcga/clinical_xml/brca/nationwidechildrens.org_clinical.TCGA-3C-AAAU.xml
bt=$SHARED/corpus/tcga/biotab/nationwidechildrens.org_clinical_patient_hnsc.txt

facts_of() { q "select count(*) from warehouse.clinical_fact f join audit.load l using (load_id) where l.source_path like '%/$1'"; }
status_of() { q "select status from audit.load where source_path like '%/$1' order by load_id desc limit 1"; }
rejects_of()
{
	q "select string_agg(line || ':' || coalesce(col::text, '-') || ':' || reason, ' ' order by line, col) from audit.reject
	    where load_id = (select max(load_id) from audit.load where source_path like '%/$1')"
}

# truncated XML: the parser stops at a line; a failed load, nothing kept
head -c 9000 "$xml" >"$tmp/cut.xml"
expect_exit 1 "$ONCOLOAD" clinical "$tmp/cut.xml"
case $ONC_STDERR in *"cut.xml:"[0-9]*": error: malformed XML"*) echo "ok: truncated XML: FILE:LINE" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "truncated: failed" "$(status_of cut.xml)" failed
expect_eq "truncated: nothing kept" "$(facts_of cut.xml)" 0
expect_eq "truncated: no patient" "$(q "select count(*) from warehouse.patient")" 0

# malformed XML: a tag closed by another, at line 30
awk 'NR == 30 { sub(/<\/[a-z_]*:[a-z_]*>/, "</wrong>") } { print }' "$xml" >"$tmp/bad.xml"
expect_exit 1 "$ONCOLOAD" clinical "$tmp/bad.xml"
case $ONC_STDERR in *"bad.xml:30: error: malformed XML"*) echo "ok: malformed XML at its line" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "malformed: failed, nothing kept" "$(status_of bad.xml)|$(facts_of bad.xml)" "failed|0"

# an XML file of another kind, a file of no known layout, an empty file
printf '<?xml version="1.0"?>\n<report><a>1</a></report>\n' >"$tmp/report.xml"
expect_exit 1 "$ONCOLOAD" clinical "$tmp/report.xml"
case $ONC_STDERR in *"report.xml:2: error: not a TCGA BCR clinical or biospecimen XML file (root element <report>)"*) echo "ok: another XML kind" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "another kind: a failed load without a study" "$(q "select status || '|' || coalesce(study_id, '-') from audit.load where source_path like '%/report.xml'")" "failed|-"
printf 'just\tsome\ttext\n' >"$tmp/notes.tsv"
expect_exit 1 "$ONCOLOAD" clinical --study T "$tmp/notes.tsv"
case $ONC_STDERR in *"notes.tsv: error: not a clinical or biospecimen file of a known layout"*) echo "ok: unknown layout" ;; *) fail "[$ONC_STDERR]" ;; esac
: >"$tmp/empty.txt"
expect_exit 1 "$ONCOLOAD" clinical --study T "$tmp/empty.txt"
case $ONC_STDERR in *"empty.txt: error: the file is empty"*) echo "ok: empty file" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 4 "$ONCOLOAD" clinical --study T "$tmp/no-such-file.xml"

# a Biotab table with every row-level problem: wrong column count (line 5),
# a patient defined twice (line 6), an age that is not a number (line 7,
# column 52), a stage that is no AJCC stage (line 8, column 34), a byte that
# is not UTF-8 (line 9, column 4)
name=nationwidechildrens.org_clinical_patient_hnsc.txt
mkdir "$tmp/bt"
{
	head -n 4 "$bt"
	sed -n 5p "$bt" | cut -f 1-60
	sed -n 4p "$bt"
	sed -n 6p "$bt" | awk -F '\t' 'BEGIN { OFS = "\t" } { $52 = "sixty" } { print }'
	sed -n 7p "$bt" | awk -F '\t' 'BEGIN { OFS = "\t" } { $34 = "Stage IIX" } { print }'
	sed -n 8p "$bt" | awk -F '\t' 'BEGIN { OFS = "\t" } { $4 = "Head and Neck \351pith\351lial" } { print }'
	sed -n 9p "$bt"
} >"$tmp/bt/$name"
expect_exit 1 "$ONCOLOAD" clinical "$tmp/bt/$name"
case $ONC_STDERR in *"$name:5: error: fewer fields than the header has columns [column_count]"*) echo "ok: first reject reported" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "budget 0: failed, nothing kept" "$(status_of "bt/$name")|$(facts_of "bt/$name")" "failed|0"
expect_eq "the reject before the budget ran out is kept" "$(rejects_of "bt/$name")" "5:-:column_count"
expect_exit 0 "$ONCOLOAD" clinical --max-rejects 10 "$tmp/bt/$name"
case $ONC_STDERR in
	*"$name:7:52: error: age_at_initial_pathologic_diagnosis: \"sixty\" is not a number (age_at_diagnosis) [invalid_value]"*) echo "ok: a typed value of the wrong type, at line and column" ;;
	*) fail "[$ONC_STDERR]" ;;
esac
expect_eq "every reject" "$(rejects_of "bt/$name")" "5:-:column_count 6:-:duplicate_patient 7:52:invalid_value 8:34:invalid_value 9:4:invalid_value"
expect_eq "counts: read|loaded|rejected|values rejected" \
	"$(q "select records_read || '|' || records_loaded || '|' || records_rejected || '|' || values_rejected from audit.load where load_id = (select max(load_id) from audit.load)")" \
	"7|5|2|3"
expect_eq "the rest of a row with a bad value loads" \
	"$(q "select coalesce(age_at_diagnosis::text, '-') || '|' || sex from warehouse.v_clinical_patient where patient_id = '$(sed -n 6p "$bt" | cut -f 2)'")" \
	"-|$(sed -n 6p "$bt" | cut -f 9 | tr 'A-Z' 'a-z')"
expect_eq "the raw line of a reject, made valid UTF-8" \
	"$(q "select raw like '%Head and Neck ?pith?lial%' from audit.reject where load_id = (select max(load_id) from audit.load) and line = 9")" t
expect_eq "the first definition of the patient is kept" \
	"$(q "select count(*) from warehouse.v_clinical_patient where patient_id = '$(sed -n 4p "$bt" | cut -f 2)'")" 1

# a sample whose patient is not in the study
printf 'PATIENT_ID\tSAMPLE_ID\tSAMPLE_TYPE\nNO-SUCH-PATIENT\tNO-SUCH-SAMPLE\tPrimary\n' >"$tmp/data_clinical_sample.txt"
expect_exit 1 "$ONCOLOAD" clinical --study TCGA-HNSC "$tmp/data_clinical_sample.txt"
case $ONC_STDERR in *"data_clinical_sample.txt:2: error: sample NO-SUCH-SAMPLE names patient NO-SUCH-PATIENT, who is not in study TCGA-HNSC [unknown_patient]"*) echo "ok: unknown patient" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "no sample created" "$(q "select count(*) from warehouse.sample where sample_id = 'NO-SUCH-SAMPLE'")" 0

# several files, one bad: the good ones land, exit 5
expect_exit 5 "$ONCOLOAD" clinical "$xml" "$tmp/cut.xml"
expect_eq "the good file landed" "$(q "select count(*) from warehouse.v_clinical_patient where patient_id = 'TCGA-3C-AAAU'")" 1
expect_eq "records add up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where command = 'clinical'")" t
