#!/bin/sh
# loads.sh: oncoload loads lists loads as a table or JSON, filtered by
# study, status and time.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
"$ONCOLOAD" generate --seed 5 --samples 2 --output "$tmp/g" >/dev/null || fail generate
expect_exit 0 "$ONCOLOAD" expression -q --sample-sheet "$tmp/g/gdc_sample_sheet.tsv" "$tmp/g/expression"
# the first load gives the tables it filled statistics (not their jsonb
# columns); tables still empty are left alone
expect_eq "statistics after the first load" \
	"$(q "select string_agg(c.oid::regclass || ':' || (c.reltuples >= 0), ' ' order by c.oid::regclass::text) from pg_class c where c.oid in ('warehouse.expression'::regclass, 'audit.load'::regclass, 'warehouse.variant'::regclass)")" \
	"audit.load:true warehouse.expression:true warehouse.variant:false"
expect_eq "jsonb columns left out" \
	"$(q "select string_agg(attname, ' ' order by attname) from pg_stats where schemaname = 'audit' and tablename = 'load' and attname in ('metadata', 'status')")" \
	"status"
expect_exit 0 "$ONCOLOAD" expression -q --study OTHER --sample X-1 "$(find "$tmp/g/expression" -type f | head -1)"
expect_exit 0 "$ONCOLOAD" expression -q --sample-sheet "$tmp/g/gdc_sample_sheet.tsv" "$tmp/g/expression"

out=$("$ONCOLOAD" loads) || fail "loads exited $?"
expect_eq "table rows" "$(printf '%s\n' "$out" | tail -1)" "(5 loads)"
expect_eq "header" "$(printf '%s\n' "$out" | head -1 | awk '{print $1, $2, $3}')" "load status command"
out=$("$ONCOLOAD" loads --study OTHER) || fail "loads --study"
expect_eq "by study" "$(printf '%s\n' "$out" | tail -1)" "(1 load)"
out=$("$ONCOLOAD" loads --status skipped) || fail "loads --status"
expect_eq "by status" "$(printf '%s\n' "$out" | tail -1)" "(2 loads)"
out=$("$ONCOLOAD" loads --since '1 hour ago') || fail "loads --since"
expect_eq "since an hour ago" "$(printf '%s\n' "$out" | tail -1)" "(5 loads)"
out=$("$ONCOLOAD" loads --since 2999-01-01) || fail "loads --since future"
expect_eq "since the future" "$(printf '%s\n' "$out" | tail -1)" "(0 loads)"
out=$("$ONCOLOAD" loads --output json --status succeeded) || fail "loads json"
expect_eq "json is an array of 3" "$(q "select json_array_length('$out'::json)")" 3
expect_eq "json fields" "$(q "select '$out'::json->0->>'status' || ' ' || ('$out'::json->0->>'records_read')::int")" "succeeded 2004"
expect_exit 2 "$ONCOLOAD" loads --since 'not a time'
