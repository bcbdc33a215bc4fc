#!/bin/sh
# diff.sh: "oncoload diff --patient P" after two deliveries of a patient's
# clinical file (the fixtures of clinical_history.sh): the changed values as
# warehouse.clinical_changes has them, by default between the last two loads
# that set a value of the patient; explicit loads, either way round; "no
# changes" (exit 0); JSON; show of the superseding clinical load; unknown
# patients and loads; bad command lines.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
out=$tmp/out
bt=$SHARED/corpus/tcga/biotab/nationwidechildrens.org_clinical_patient_hnsc.txt
name=nationwidechildrens.org_clinical_patient_hnsc.txt

jq()
{
	printf '%s\n' "$2" | psql -XAtq -v ON_ERROR_STOP=1 -v j="$1"
}

# first delivery: three patients; second: TCGA-4P-AA8J has died
mkdir "$tmp/v1" "$tmp/v2"
head -n 6 "$bt" >"$tmp/v1/$name"
awk -F '\t' 'BEGIN { OFS = "\t" } NR == 4 { $26 = "Dead"; $28 = "730"; $27 = "[Not Applicable]" } { print }' \
	"$tmp/v1/$name" >"$tmp/v2/$name"
expect_exit 0 "$ONCOLOAD" clinical "$tmp/v1/$name"
l1=$(q "select max(load_id) from audit.load")

# one load: what it set
"$ONCOLOAD" diff --patient TCGA-4P-AA8J >"$out" || fail "diff after one load"
expect_eq "from nothing" "$(sed -n 2p "$out")" "  from   nothing (no earlier load set a value)"
expect_eq "every value added" \
	"$(grep -c ' added$' "$out")" \
	"$(q "select count(*) from warehouse.clinical_history where patient_id = 'TCGA-4P-AA8J'")"

expect_exit 0 "$ONCOLOAD" clinical "$tmp/v2/$name"
l2=$(q "select max(load_id) from audit.load")

# default: the last two loads
"$ONCOLOAD" diff --patient TCGA-4P-AA8J >"$out" || fail "diff exited $?"
expect_eq "header" "$(head -n 1 "$out")" "patient TCGA-4P-AA8J (study TCGA-HNSC)"
case $(sed -n 2,3p "$out") in
	"  from   load $l1 (superseded, "*"): $tmp/v1/$name
  to     load $l2 (succeeded, "*"): $tmp/v2/$name") echo "ok: the two loads, with their files" ;;
	*) fail "loads: $(sed -n 2,3p "$out")" ;;
esac
# attribute, old, old load, new, new load, change: as clinical_changes says
rows()
{
	awk 'f && NF { print } /^---/ { f = 1 }' "$1" | grep -v '^(' | sed 's/  */|/g'
}
expect_eq "the changes" "$(rows "$out")" \
	"patient.days_to_death|(Not|Applicable)|$l1|730|$l2|changed
patient.days_to_last_followup|102|$l1|(Not|Applicable)|$l2|changed
patient.vital_status|Alive|$l1|Dead|$l2|changed"
expect_eq "as clinical_changes has them" "$(rows "$out" | wc -l | tr -d ' ')" \
	"$(q "select count(*) from warehouse.clinical_changes('TCGA-HNSC', 'TCGA-4P-AA8J', $l1, $l2)")"
expect_eq "counted" "$(tail -n 1 "$out")" "(3 changes)"

# explicit loads, the same; reversed, the other way round
expect_exit 0 "$ONCOLOAD" diff --patient TCGA-4P-AA8J --study TCGA-HNSC "$l1" "$l2"
"$ONCOLOAD" diff --patient TCGA-4P-AA8J "$l1" "$l2" >"$tmp/explicit"
expect_eq "explicit loads" "$(rows "$tmp/explicit")" "$(rows "$out")"
"$ONCOLOAD" diff --patient TCGA-4P-AA8J "$l2" "$l1" >"$out"
expect_eq "reversed" "$(rows "$out" | grep vital_status)" "patient.vital_status|Dead|$l2|Alive|$l1|changed"

# nothing changed for another patient
expect_exit 0 "$ONCOLOAD" diff --patient TCGA-BA-4074
"$ONCOLOAD" diff --patient TCGA-BA-4074 >"$out"
expect_eq "says so" "$(tail -n 1 "$out")" "no changes: the patient's clinical values are the same after both loads"

# JSON
json=$("$ONCOLOAD" diff --patient TCGA-4P-AA8J --output json)
expect_eq "JSON" \
	"$(jq "$json" "select j->>'study', j->>'patient', j->'from'->>'load_id', j->'to'->>'load_id', jsonb_array_length(j->'changes') from (select :'j'::jsonb as j) x")" \
	"TCGA-HNSC|TCGA-4P-AA8J|$l1|$l2|3"
expect_eq "JSON: a change as clinical_changes has it" \
	"$(jq "$json" "select c->>'entity', c->>'old_missing_reason', c->>'new_value', c->>'old_load', c->>'new_load', c->>'change' from jsonb_array_elements((:'j'::jsonb)->'changes') c where c->>'attribute' = 'days_to_death'")" \
	"patient|Not Applicable|730|$l1|$l2|changed"

# show of the second load: what it superseded, clinical values included
"$ONCOLOAD" show "$l2" >"$out" || fail "show"
expect_eq "show: superseded the first load's parts and values" \
	"$(sed -n '/^superseded (what this load replaced):/,/^$/p' "$out" | awk -v id="$l1" '$1 == id { print $1, $2, $3, $4 }')" \
	"$l1 superseded 3 $(q "select count(*) from warehouse.clinical_fact where load_id = $l1 and superseded_by_load = $l2")"

# unknown patients and loads, bad command lines
expect_exit 1 "$ONCOLOAD" diff --patient NOBODY
case $ONC_STDERR in *'error: no patient "NOBODY"'*) echo "ok: says so" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 1 "$ONCOLOAD" diff --patient TCGA-4P-AA8J --study OTHER
expect_exit 1 "$ONCOLOAD" diff --patient TCGA-4P-AA8J "$l1" 999999
expect_exit 2 "$ONCOLOAD" diff
expect_exit 2 "$ONCOLOAD" diff --patient TCGA-4P-AA8J "$l1"
expect_exit 2 "$ONCOLOAD" diff --patient TCGA-4P-AA8J a b
expect_exit 2 "$ONCOLOAD" diff --patient TCGA-4P-AA8J --output csv
expect_exit 2 "$ONCOLOAD" diff --bogus
expect_exit 0 "$ONCOLOAD" diff --help
expect_exit 0 "$ONCOLOAD" diff --version
