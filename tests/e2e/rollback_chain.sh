#!/bin/sh
# rollback_chain.sh: rolling back loads in the middle of a chain of
# superseding loads (K, then L replacing K, then M replacing L), for
# expression parts and for clinical facts.  Rolling back L (superseded
# itself) changes no view and leaves K replaced, now by M; rolling back M
# then gives K back; rolling back an old load that a current one replaced
# changes no view either.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/steward_lib.sh"
onc_need_cluster
tmp=$(onc_tmpdir)
demo=$tmp/demo
"$ONCOLOAD" generate --seed 11 --samples 4 --output "$demo" >/dev/null || fail "generate"
sheet=$demo/gdc_sample_sheet.tsv
expr=$(find "$demo/expression" -type f | sort | head -n 1)
clin=$(find "$demo/clinical" -name '*.xml' | sort | head -n 1)

expect_exit 0 "$ONCOLOAD" init -q
expect_exit 0 "$ONCOLOAD" clinical -q "$demo/biospecimen"
for f in $(find "$demo/expression" -type f | sort | sed 1d); do
	expect_exit 0 "$ONCOLOAD" expression -q --sample-sheet "$sheet" "$f"
done

# chain KIND COMMAND...: K, L, M of the same file
chain()
{
	kind=$1
	shift
	"$@" || fail "$kind: K"
	k=$(last_load)
	views_k=$(snap_views)
	"$@" --force || fail "$kind: L"
	l=$(last_load)
	"$@" --force || fail "$kind: M"
	m=$(last_load)
	views_m=$(snap_views)
	expect_eq "$kind: K and L superseded" "$(q "select string_agg(status, ',' order by load_id) from audit.load where load_id in ($k, $l, $m)")" \
		"superseded,superseded,succeeded"

	expect_exit 0 "$ONCOLOAD" rollback "$l"
	expect_eq "$kind: rolling back L changes no view" "$(snap_views)" "$views_m"
	expect_eq "$kind: K still superseded" "$(q "select status from audit.load where load_id = $k")" superseded
	expect_eq "$kind: K's parts now replaced by M" \
		"$(q "select string_agg(distinct coalesce(superseded_by_load::text, 'current'), ',') from audit.load_part where load_id = $k")" "$m"
	expect_eq "$kind: no row still replaced by L" \
		"$(q "select (select count(*) from audit.load_part where superseded_by_load = $l) + (select count(*) from warehouse.clinical_fact where superseded_by_load = $l)")" 0

	expect_exit 0 "$ONCOLOAD" rollback "$m"
	expect_eq "$kind: rolling back M gives K back" "$(snap_views)" "$views_k"
	expect_eq "$kind: K succeeded again" "$(q "select status from audit.load where load_id = $k")" succeeded
	expect_eq "$kind: K's parts current" "$(q "select bool_and(is_current), count(superseded_by_load) from audit.load_part where load_id = $k")" "t|0"
	left=$(rows_of_load "$l") || fail "rows_of_load"
	expect_eq "$kind: nothing of L left" "$left" ""
	left=$(rows_of_load "$m") || fail "rows_of_load"
	expect_eq "$kind: nothing of M left" "$left" ""

	# an old load a current one replaced: its rollback changes no view
	"$@" --force || fail "$kind: N"
	n=$(last_load)
	views_n=$(snap_views)
	expect_exit 0 "$ONCOLOAD" rollback "$k"
	expect_eq "$kind: rolling back replaced K changes no view" "$(snap_views)" "$views_n"
	expect_eq "$kind: N untouched" "$(q "select status, (select bool_and(is_current) from audit.load_part where load_id = $n) from audit.load where load_id = $n")" "succeeded|t"
}

chain expression "$ONCOLOAD" expression -q --sample-sheet "$sheet" "$expr"
expect_eq "expression: K, L and M rolled back" "$(q "select count(*) from audit.load where command = 'expression' and status = 'rolled_back'")" 3
chain clinical "$ONCOLOAD" clinical -q "$clin"
# (chain leaves l set to the clinical L)
expect_eq "clinical: rolling back L handed K's facts to M" \
	"$(q "select (metadata->'handed_over'->>'warehouse.clinical_fact')::int > 0, metadata->'restored' from audit.load where command = 'rollback' and target_load_id = $l")" \
	"t|{\"audit.load_part\": 0, \"warehouse.clinical_fact\": 0, \"audit.load_part (clinical)\": 0, \"audit.load (superseded -> succeeded)\": 0}"
