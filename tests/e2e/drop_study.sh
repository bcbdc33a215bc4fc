#!/bin/sh
# drop_study.sh: two demo studies loaded in full (clinical, biospecimen,
# expression, segments, mutations); dropping one leaves every view and the
# row count of every warehouse table as they were with the other alone.
# The confirmation: none without a terminal (exit 2) unless --yes; a wrong
# answer on a terminal (exit 1); the right one.  Unknown study: exit 1.  The
# drop is audited and the dropped study's loads are rolled_back, so its
# files load again.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/steward_lib.sh"
onc_need_cluster
tmp=$(onc_tmpdir)

# load_study ID SEED: generate the demo study ID and load all of it
load_study()
{
	d=$tmp/$1
	[ -d "$d" ] || "$ONCOLOAD" generate --study "$1" --seed "$2" --samples 4 --output "$d" >/dev/null ||
		fail "generate $1"
	expect_exit 0 "$ONCOLOAD" clinical -q "$d/clinical" "$d/biospecimen"
	expect_exit 0 "$ONCOLOAD" expression -q --sample-sheet "$d/gdc_sample_sheet.tsv" "$d/expression"
	expect_exit 0 "$ONCOLOAD" copynumber -q "$d/copy_number/data_cna_hg38.seg"
	expect_exit 0 "$ONCOLOAD" mutations -q --study "$1" "$d/mutations/$1.wxs.aliquot_ensemble_masked.maf.gz"
}

expect_exit 0 "$ONCOLOAD" init -q
load_study DEMO-A 3
views_a=$(snap_views)
counts_a=$(table_counts)
genes_a=$(q "select count(*) from warehouse.gene")
loads_a=$(q "select string_agg(load_id || ':' || status, ',' order by load_id) from audit.load")
load_study DEMO-B 4
views_ab=$(snap_views)
views_ab_noload=$(snap_views_noload)
counts_ab=$(table_counts)
[ "$views_ab" = "$views_a" ] && fail "loading DEMO-B changed no view"
expect_eq "DEMO-B in the views" "$(q "select count(distinct study_id) from warehouse.v_sample")" 2

# no terminal, no --yes: refused, nothing changed
expect_exit 2 "$ONCOLOAD" drop-study DEMO-B </dev/null
case $ONC_STDERR in *"on a terminal"*"--yes"*) echo "ok: asks for --yes" ;; *) fail "no terminal: $ONC_STDERR" ;; esac
expect_exit 1 "$ONCOLOAD" drop-study --yes DEMO-NONE
case $ONC_STDERR in *'study "DEMO-NONE" does not exist'*) echo "ok: unknown study" ;; *) fail "unknown: $ONC_STDERR" ;; esac
expect_exit 0 "$ONCOLOAD" drop-study --dry-run DEMO-B
out=$("$ONCOLOAD" drop-study --dry-run --output json DEMO-B) || fail "drop-study --output json"
expect_eq "json outcome" \
	"$(q_json "select j->>'dry_run', j->>'study_id', j->'counts'->'removed'->>'warehouse.study' from (select (:'j')::jsonb as j) s" "$out")" \
	"true|DEMO-B|1"
expect_eq "refusals and the dry run change nothing" "$(table_counts)" "$counts_ab"
expect_eq "... and record nothing" "$(q "select count(*) from audit.load where command = 'drop-study'")" 0

# on a terminal: a wrong answer keeps the study
if command -v script >/dev/null 2>&1; then
	printf 'DEMO-A\n' | script -qec "$ONCOLOAD drop-study DEMO-B" /dev/null >"$tmp/tty.out" 2>&1 && rc=0 || rc=$?
	expect_eq "wrong answer: exit 1" "$rc" 1
	grep -q "Type the study id to confirm" "$tmp/tty.out" || fail "no question: $(cat "$tmp/tty.out")"
	grep -q "not confirmed" "$tmp/tty.out" || fail "no refusal: $(cat "$tmp/tty.out")"
	expect_eq "wrong answer changes nothing" "$(table_counts)" "$counts_ab"
else
	echo "# script(1) missing: the terminal question is not tested"
fi

expect_exit 0 "$ONCOLOAD" drop-study --yes DEMO-B
drop=$(last_load)
expect_eq "views as with DEMO-A alone" "$(snap_views)" "$views_a"
expect_exit 0 "$ONCOLOAD" reconcile
expect_eq "row counts as with DEMO-A alone" "$(table_counts)" "$counts_a"
expect_eq "genes stay" "$(q "select count(*) >= $genes_a from warehouse.gene")" t
expect_eq "DEMO-A's loads untouched" \
	"$(q "select string_agg(load_id || ':' || status, ',' order by load_id) from audit.load where study_id = 'DEMO-A'")" "$loads_a"
expect_eq "no DEMO-B study" "$(q "select count(*) from warehouse.study where study_id = 'DEMO-B'")" 0
expect_eq "DEMO-B's loads rolled back by the drop" \
	"$(q "select string_agg(distinct status || ':' || coalesce(rolled_back_by::text, '-'), ',') from audit.load where study_id = 'DEMO-B' and command not in ('drop-study')")" \
	"rolled_back:$drop"
expect_eq "the drop audited" \
	"$(q "select command, status, study_id, (metadata->'removed'->>'warehouse.study')::int, (metadata->'removed'->>'warehouse.expression')::int > 0 from audit.load where load_id = $drop")" \
	"drop-study|succeeded|DEMO-B|1|t"
for l in $(q "select load_id from audit.load where study_id = 'DEMO-B' and command <> 'drop-study'"); do
	left=$(rows_of_load "$l") || fail "rows_of_load"
	expect_eq "nothing of load $l left" "$left" ""
done

# its files load again; then dropped on the terminal with the right answer
load_study DEMO-B 4
expect_eq "reloaded, not skipped" "$(q "select count(*) from audit.load where study_id = 'DEMO-B' and status = 'skipped'")" 0
expect_eq "views as with both (but for load ids)" "$(snap_views_noload)" "$views_ab_noload"
if command -v script >/dev/null 2>&1; then
	printf 'DEMO-B\n' | script -qec "$ONCOLOAD drop-study DEMO-B" /dev/null >"$tmp/tty.out" 2>&1 && rc=0 || rc=$?
	expect_eq "right answer: exit 0" "$rc" 0
	grep -q "dropped study DEMO-B" "$tmp/tty.out" || fail "not dropped: $(cat "$tmp/tty.out")"
else
	expect_exit 0 "$ONCOLOAD" drop-study -y DEMO-B
fi
expect_eq "views as with DEMO-A alone, again" "$(snap_views)" "$views_a"
expect_eq "row counts as with DEMO-A alone, again" "$(table_counts)" "$counts_a"

# usage
expect_exit 2 "$ONCOLOAD" drop-study
expect_exit 2 "$ONCOLOAD" drop-study A B
expect_exit 2 "$ONCOLOAD" drop-study --bogus A
expect_exit 0 "$ONCOLOAD" drop-study --help
expect_exit 0 "$ONCOLOAD" drop-study --version
