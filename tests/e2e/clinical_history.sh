#!/bin/sh
# clinical_history.sh: a newer clinical file for a patient replaces the values
# it gives; the previous values stay queryable with the load that set them and
# the load that replaced them; clinical_changes() lists what changed between
# two loads; a load all of whose values were replaced is superseded, one with
# values still current is not.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
bt=$SHARED/corpus/tcga/biotab/nationwidechildrens.org_clinical_patient_hnsc.txt
name=nationwidechildrens.org_clinical_patient_hnsc.txt

# first delivery: three patients of the real table
mkdir "$tmp/v1" "$tmp/v2"
head -n 6 "$bt" >"$tmp/v1/$name"
# second delivery: TCGA-4P-AA8J has died (vital status column 26, days to death 28)
awk -F '\t' 'BEGIN { OFS = "\t" } NR == 4 { $26 = "Dead"; $28 = "730"; $27 = "[Not Applicable]" } { print }' \
	"$tmp/v1/$name" >"$tmp/v2/$name"
expect_eq "the fixture changes one row" "$(diff "$tmp/v1/$name" "$tmp/v2/$name" | grep -c '^>')" 1

expect_exit 0 "$ONCOLOAD" clinical "$tmp/v1/$name"
l1=$(q "select max(load_id) from audit.load")
expect_eq "alive at first" "$(q "select vital_status || '|' || days_to_last_followup from warehouse.v_clinical_patient where patient_id = 'TCGA-4P-AA8J'")" "Alive|102"
expect_exit 0 "$ONCOLOAD" clinical "$tmp/v2/$name"
l2=$(q "select max(load_id) from audit.load")
expect_eq "current values from the second file" \
	"$(q "select vital_status || '|' || days_to_death || '|' || coalesce(days_to_last_followup::text, '') || '|' || os_days || '|' || os_event from warehouse.v_clinical_patient where patient_id = 'TCGA-4P-AA8J'")" \
	"Dead|730||730|1"
expect_eq "the previous value, with the load that set it and the one that replaced it" \
	"$(q "select value || '|' || (set_by_load = $l1) || '|' || (replaced_by_load = $l2) from warehouse.clinical_history where patient_id = 'TCGA-4P-AA8J' and attribute = 'vital_status' and not is_current")" \
	"Alive|true|true"
expect_eq "what changed between the two loads" \
	"$(q "select string_agg(attribute || ':' || coalesce(old_value, '(' || old_missing_reason || ')') || '>' || coalesce(new_value, '(' || new_missing_reason || ')') || ':' || change, ' ' order by attribute) from warehouse.clinical_changes('TCGA-HNSC', 'TCGA-4P-AA8J', $l1, $l2)")" \
	"days_to_death:(Not Applicable)>730:changed days_to_last_followup:102>(Not Applicable):changed vital_status:Alive>Dead:changed"
expect_eq "nothing changed for another patient" \
	"$(q "select count(*) from warehouse.clinical_changes('TCGA-HNSC', 'TCGA-BA-4074', $l1, $l2)")" 0
expect_eq "the first load: every value replaced, superseded" \
	"$(q "select status from audit.load where load_id = $l1")" superseded
expect_eq "its parts replaced by the second" \
	"$(q "select count(*) || '|' || bool_and(not is_current) || '|' || bool_and(superseded_by_load = $l2) || '|' || bool_and(facts_replaced = facts) from audit.load_part where load_id = $l1")" \
	"3|true|true|true"
expect_eq "one current value per attribute" \
	"$(q "select count(*) from (select patient_key, entity, instance, attribute from warehouse.clinical_fact where is_current group by 1, 2, 3, 4 having count(*) > 1) d")" 0

# a later source for one attribute of one patient: the rest of the second load stays current
cat >"$tmp/sex.map" <<'MAP'
[export]
patient = id
study = TCGA-HNSC
[column gender]
attribute = sex
MAP
printf 'id,gender\nTCGA-BA-4074,female\n' >"$tmp/sex.csv"
expect_exit 0 "$ONCOLOAD" clinical --mapping "$tmp/sex.map" "$tmp/sex.csv"
l3=$(q "select max(load_id) from audit.load")
expect_eq "the newest source wins" "$(q "select sex from warehouse.v_clinical_patient where patient_id = 'TCGA-BA-4074'")" female
expect_eq "and says which load and column it came from" \
	"$(q "select (load_id = $l3) || '|' || source || '|' || source_format from warehouse.v_clinical_attribute where patient_id = 'TCGA-BA-4074' and attribute = 'sex'")" \
	"true|gender|hospital-export"
expect_eq "the second load keeps its other values" \
	"$(q "select status || '|' || (select facts_replaced || '/' || is_current from audit.load_part p join warehouse.patient using (patient_key) where p.load_id = $l2 and patient_id = 'TCGA-BA-4074') from audit.load where load_id = $l2")" \
	"succeeded|1/true"
expect_eq "three loads in the history of TCGA-BA-4074's sex" \
	"$(q "select string_agg(value || '@' || (set_by_load - $l1), ',' order by set_by_load) from warehouse.clinical_history where patient_id = 'TCGA-BA-4074' and attribute = 'sex'")" \
	"male@0,male@$((l2 - l1)),female@$((l3 - l1))"

# XML: a corrected follow-up day
xml=$SHARED/corpus/tcga/clinical_xml/brca/nationwidechildrens.org_clinical.TCGA-A1-A0SB.xml
mkdir "$tmp/x"
sed 's|>259</clin_shared:days_to_last_followup>|>300</clin_shared:days_to_last_followup>|' "$xml" >"$tmp/x/$(basename "$xml")"
expect_eq "the XML fixture changes one element" "$(diff "$xml" "$tmp/x/$(basename "$xml")" | grep -c '^>')" 1
expect_exit 0 "$ONCOLOAD" clinical "$xml"
x1=$(q "select max(load_id) from audit.load")
expect_exit 0 "$ONCOLOAD" clinical "$tmp/x/$(basename "$xml")"
x2=$(q "select max(load_id) from audit.load")
expect_eq "XML: only the changed element differs" \
	"$(q "select string_agg(attribute || ':' || old_value || '>' || new_value, ' ') from warehouse.clinical_changes('TCGA-BRCA', 'TCGA-A1-A0SB', $x1, $x2)")" \
	"days_to_last_followup:259>300"
expect_eq "XML: the unchanged values were replaced by equal ones" \
	"$(q "select count(*) > 100 from warehouse.clinical_history where patient_id = 'TCGA-A1-A0SB' and replaced_by_load = $x2")" t
