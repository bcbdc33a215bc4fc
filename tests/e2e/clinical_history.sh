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

# Before it looks for the values it replaces, a load summarises the block
# ranges of clinical_fact's index that have no summary yet; the lock that
# takes is never waited for.  With another session holding it (autovacuum,
# say), a load neither waits nor misses a value it replaces.
mkdir "$tmp/v3" "$tmp/v4"
awk -F '\t' 'BEGIN { OFS = "\t" } NR == 4 { $28 = "800" } { print }' "$tmp/v2/$name" >"$tmp/v3/$name"
awk -F '\t' 'BEGIN { OFS = "\t" } NR == 4 { $28 = "900" } { print }' "$tmp/v2/$name" >"$tmp/v4/$name"
psql -XAtq -c "begin" -c "lock table warehouse.clinical_fact in share update exclusive mode" \
	-c "select pg_sleep(60)" >/dev/null 2>&1 &
holder=$!
onc_on_exit "kill $holder 2>/dev/null"
onc_wait_for "select exists (select 1 from pg_locks where relation = 'warehouse.clinical_fact'::regclass
              and mode = 'ShareUpdateExclusiveLock' and granted and pid <> pg_backend_pid())" \
	"the psql session did not get its lock"
expect_exit 0 timeout 30 "$ONCOLOAD" clinical "$tmp/v3/$name"
l4=$(q "select max(load_id) from audit.load")
expect_eq "summarising skipped while the lock is held elsewhere" \
	"$(q "select warehouse.summarize_clinical_fact_ranges()")" -1
q "select pg_terminate_backend(pid) from pg_locks where relation = 'warehouse.clinical_fact'::regclass
   and mode = 'ShareUpdateExclusiveLock' and granted and pid <> pg_backend_pid()" >/dev/null
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
expect_eq "the lock held elsewhere: the value replaced all the same" \
	"$(q "select days_to_death from warehouse.v_clinical_patient where patient_id = 'TCGA-4P-AA8J'")" 800
expect_eq "by a load that replaced every value of its patients" \
	"$(q "select (metadata->>'facts_replaced')::int = facts_written from audit.load where load_id = $l4")" t
# as a loader that does not own the table (summarising is the owner's: the
# helper runs with its rights)
role=$(printf 'onc_%s_loader' "$PGDATABASE")
q "create role \"$role\" login in role oncoload_loader" >/dev/null
onc_on_exit "psql -XAtq -d postgres -c 'drop owned by \"$role\" cascade' -c 'drop role if exists \"$role\"' >/dev/null 2>&1"
expect_exit 0 env PGUSER="$role" "$ONCOLOAD" clinical "$tmp/v4/$name"
l5=$(q "select max(load_id) from audit.load")
expect_eq "a loader role's load replaces the values too" \
	"$(q "select days_to_death || '|' || (select status from audit.load where load_id = $l5) from warehouse.v_clinical_patient where patient_id = 'TCGA-4P-AA8J'")" \
	"900|succeeded"
# (autovacuum may hold the lock a moment: -1 then)
i=0
while [ "$(PGUSER=$role q "select warehouse.summarize_clinical_fact_ranges()")" = -1 ] && [ "$i" -lt 50 ]; do
	i=$((i + 1))
	sleep 0.1
done
expect_eq "and leaves no block range unsummarised" \
	"$(PGUSER=$role q "select warehouse.summarize_clinical_fact_ranges()")" 0
expect_eq "still one current value per attribute" \
	"$(q "select count(*) from (select patient_key, entity, instance, attribute from warehouse.clinical_fact where is_current group by 1, 2, 3, 4 having count(*) > 1) d")" 0

# XML: a corrected follow-up day
xml=$SHARED/corpus/tcga/clinical_xml/brca/nationwidechildrens.org_clinical.TCGA-A1-A0SB.xml
# followup_days DAYS: the XML with days_to_last_followup DAYS (259 in the
# original), in a folder of its own; prints its path
followup_days()
{
	mkdir "$tmp/x$1"
	sed "s|>259</clin_shared:days_to_last_followup>|>$1</clin_shared:days_to_last_followup>|" "$xml" \
		>"$tmp/x$1/$(basename "$xml")"
	echo "$tmp/x$1/$(basename "$xml")"
}
x300=$(followup_days 300)
expect_eq "the XML fixture changes one element" "$(diff "$xml" "$x300" | grep -c '^>')" 1
expect_exit 0 "$ONCOLOAD" clinical "$xml"
x1=$(q "select max(load_id) from audit.load")
expect_exit 0 "$ONCOLOAD" clinical "$x300"
x2=$(q "select max(load_id) from audit.load")
expect_eq "XML: only the changed element differs" \
	"$(q "select string_agg(attribute || ':' || old_value || '>' || new_value, ' ') from warehouse.clinical_changes('TCGA-BRCA', 'TCGA-A1-A0SB', $x1, $x2)")" \
	"days_to_last_followup:259>300"
expect_eq "XML: the unchanged values were replaced by equal ones" \
	"$(q "select count(*) > 100 from warehouse.clinical_history where patient_id = 'TCGA-A1-A0SB' and replaced_by_load = $x2")" t

# A load looks for the values it replaces only in the earlier loads that
# wrote facts of one of its entities (audit.load.clinical_entities).  A load
# whose entities are not known (made before they were kept: NULL) is looked
# in all the same.
q "update audit.load set clinical_entities = null where load_id = $x2" >/dev/null
expect_exit 0 "$ONCOLOAD" clinical "$(followup_days 310)"
x3=$(q "select max(load_id) from audit.load")
expect_eq "entities not known: the earlier load is searched" \
	"$(q "select (select count(*) from warehouse.clinical_fact where load_id = $x2 and is_current) || '|' ||
	      days_to_last_followup from warehouse.v_clinical_patient where patient_id = 'TCGA-A1-A0SB'")" \
	"0|310"
# and the entities decide: told that the last load wrote none of this one's,
# a load leaves its values current (a corruption made here on purpose, to
# show the check is what spares the GDC cart's other files their search)
q "update audit.load set clinical_entities = '{elsewhere}' where load_id = $x3" >/dev/null
expect_exit 0 "$ONCOLOAD" clinical "$(followup_days 320)"
x4=$(q "select max(load_id) from audit.load")
expect_eq "no entity in common: not searched" \
	"$(q "select (metadata->>'facts_replaced') || '|' || (select count(*) > 100 from warehouse.clinical_fact where load_id = $x3 and is_current)
	      from audit.load where load_id = $x4")" \
	"0|true"
