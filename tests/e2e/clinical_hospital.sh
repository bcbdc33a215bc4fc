#!/bin/sh
# clinical_hospital.sh: the README's worked example: an oral cancer registry
# export (CSV) read through its mapping file.  Translated values, day offsets
# from the index date and ages from the birth date match an independent
# computation (awk and date); no calendar date is stored; a value the mapping
# does not list is rejected at its line and column; a broken mapping stops
# the run with its own FILE:LINE.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
fx=$ONC_SRCDIR/tests/fixtures/clinical
csv=$fx/hospital_export.csv
map=$fx/hospital_mapping.ini
tmp=$(onc_tmpdir)

expect_exit 0 "$ONCOLOAD" clinical --mapping "$map" "$csv"
expect_eq "load" "$(q "select study_id || '|' || input_format || '|' || records_read || '|' || records_loaded from audit.load")" \
	"ORAL-KHI|hospital-export|4|4"

# DD/MM/YYYY -> days since 1970 (GNU date)
days() { echo $(($(date -u -d "$(echo "$1" | awk -F/ '{ print $3 "-" $2 "-" $1 }')" +%s) / 86400)); }

# the first four columns: record_id, mrn, dob, date_dx
while IFS=, read -r id mrn dob dx sex site rest; do
	[ "$id" = record_id ] && continue
	want_sex=$(case $sex in 1) echo male ;; 2) echo female ;; esac)
	want_site=$(case $site in 1) echo "oral tongue" ;; 2) echo "buccal mucosa" ;; 4) echo "alveolar ridge" ;; *) echo "?" ;; esac)
	want_age=$(awk -v d="$(($(days "$dx") - $(days "$dob")))" 'BEGIN { printf "%.2f", d / 365.25 }')
	surgery=$(echo "$rest" | cut -d, -f 24)
	want_surgery=$(($(days "$surgery") - $(days "$dx")))
	expect_eq "$id: sex|subsite|age" \
		"$(q "select sex || '|' || subsite || '|' || to_char(age_at_diagnosis, 'FM990.00') from warehouse.v_clinical_patient where patient_id = '$id'")" \
		"$want_sex|$want_site|$want_age"
	expect_eq "$id: surgery day" \
		"$(q "select start_day from warehouse.v_treatment where patient_id = '$id' and treatment_type = 'surgery'")" "$want_surgery"
	expect_eq "$id: no hospital number" "$(q "select count(*) from warehouse.clinical_fact f join warehouse.patient p using (patient_key) where p.patient_id = '$id' and (f.value = '$mrn' or f.source = 'mrn')")" 0
done <"$csv"

expect_eq "chewing habits: smokeless form, betel quid, paan, areca nut" \
	"$(q "select string_agg(patient_id || ':' || smokeless_tobacco || '/' || smokeless_tobacco_form || '/' || coalesce(betel_quid, '?') || '/' || coalesce(betel_quid_form, '-') || '/' || areca_nut, ' ' order by patient_id) from warehouse.v_clinical_patient")" \
	"KHI-0001:current/gutka/current/paan with tobacco/current KHI-0002:former/naswar/never/-/current KHI-0003:current/zarda/?/-/never KHI-0004:current/mawa/current/paan without tobacco (sada paan)/current"
expect_eq "the code kept as the source value, a [reason] as the missing reason" \
	"$(q "select string_agg(patient_id || ':' || coalesce(value, '(' || missing_reason || ')') || '<' || source_value, ' ' order by patient_id) from warehouse.v_clinical_attribute where attribute = 'betel_quid'")" \
	"KHI-0001:current<1 KHI-0002:never<0 KHI-0003:(Unknown)<9 KHI-0004:current<1"
expect_eq "death and follow-up days from the index date" \
	"$(q "select patient_id || '|' || coalesce(days_to_death::text, '') || '|' || coalesce(days_to_last_followup::text, '') || '|' || os_event from warehouse.v_clinical_patient where patient_id in ('KHI-0001', 'KHI-0002') order by 1")" \
	"KHI-0001|$(($(days 14/02/2021) - $(days 02/05/2019)))||1
KHI-0002||$(($(days 12/01/2023) - $(days 17/06/2019)))|0"
expect_eq "radiation from the mapped columns" \
	"$(q "select dose || '|' || fractions from warehouse.v_treatment where patient_id = 'KHI-0001' and treatment_type = 'radiation'")" "66|33"
expect_eq "an unmapped column kept as text" \
	"$(q "select value from warehouse.v_clinical_attribute where patient_id = 'KHI-0001' and attribute = 'remarks'")" \
	'recurrence at the primary site, "salvage" declined'
expect_eq "no calendar date stored anywhere" \
	"$(q "select count(*) from warehouse.clinical_fact where value ~ '[0-9]{2}/[0-9]{2}/[0-9]{4}' or source_value ~ '[0-9]{2}/[0-9]{2}/[0-9]{4}'")" 0

# a value the mapping does not list: a reject at its line and column, no raw line kept
sed 's/^KHI-0003,MR-55230,30\/07\/1958,09\/09\/2019,1,/KHI-0003,MR-55230,30\/07\/1958,09\/09\/2019,7,/' "$csv" >"$tmp/export.csv"
expect_exit 0 "$ONCOLOAD" clinical --max-rejects 1 --mapping "$map" "$tmp/export.csv"
expect_eq "unlisted value rejected" \
	"$(q "select line || ':' || col || ':' || reason || ':' || coalesce(raw, '(none)') from audit.reject")" "4:5:invalid_value:(none)"
case $ONC_STDERR in *"export.csv:4:5: error: sex: the value is not one of the values the mapping lists [invalid_value]"*) echo "ok: message" ;; *) fail "[$ONC_STDERR]" ;; esac

# keep date = yes keeps the calendar date too, under the column's name
sed 's/^type = date$/type = date\nkeep date = yes/' "$map" >"$tmp/keep.ini"
expect_exit 0 "$ONCOLOAD" clinical --force --mapping "$tmp/keep.ini" "$csv"
expect_eq "a kept date" "$(q "select value from warehouse.v_clinical_attribute where patient_id = 'KHI-0001' and attribute = 'surgery_date'")" 20/05/2019

# a broken mapping stops before any load
printf '[export]\npatient = record_id\n[column sex]\nvalues = 1 male\n' >"$tmp/broken.ini"
n=$(q "select count(*) from audit.load")
expect_exit 1 "$ONCOLOAD" clinical --mapping "$tmp/broken.ini" "$csv"
case $ONC_STDERR in *"broken.ini:4: error: a value translation is SOURCE -> TARGET"*) echo "ok: mapping error at its line" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "no load recorded" "$(q "select count(*) from audit.load")" "$n"
