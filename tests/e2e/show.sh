#!/bin/sh
# show.sh: "oncoload show LOAD" on a load with rejects (the copy-number reject
# fixture): its file, checksum, counts and timings as audit.load has them,
# its rejects grouped by reason as audit.reject has them, the first --limit
# of each with FILE:LINE:COLUMN; what it superseded and what superseded it;
# JSON the same; unknown loads and bad command lines.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
out=$tmp/out
seg=$ONC_SRCDIR/tests/fixtures/copynumber/bad_segments.seg
seg=$(cd "$(dirname "$seg")" && pwd -P)/bad_segments.seg

jq()
{
	printf '%s\n' "$2" | psql -XAtq -v ON_ERROR_STOP=1 -v j="$1"
}

expect_exit 0 "$ONCOLOAD" copynumber --study SHOW --build GRCh37 --max-rejects 20 "$seg"
id=$(q "select max(load_id) from audit.load")
expect_eq "the fixture has rejects, two reasons twice" \
	"$(q "select count(*), count(distinct reason) from audit.reject where load_id = $id")" "9|7"

"$ONCOLOAD" show "$id" >"$out" || fail "show exited $?"
field()
{
	sed -n "s/^  $1  *//p" "$out"
}
expect_eq "header" "$(head -n 1 "$out")" "load $id: succeeded"
expect_eq "file" "$(field file)" "$seg"
expect_eq "checksum" "$(field sha256)" "$(sha256sum "$seg" | cut -c1-64)"
expect_eq "size" "$(field size_bytes)" "$(wc -c <"$seg" | tr -d ' ')"
expect_eq "format, study, command" "$(field format)|$(field study)|$(field command)" "cbioportal-seg|SHOW|copynumber"
expect_eq "counts as audit.load has them" \
	"$(field records_read)|$(field records_loaded)|$(field records_rejected)|$(field records_filtered)|$(field facts_written)" \
	"$(q "select records_read, records_loaded, records_rejected, records_filtered, facts_written from audit.load where load_id = $id")"
case $(field timings) in
	"checksum "*" ms, setup "*" ms, body "*" ms, finish "*" ms") echo "ok: phase timings" ;;
	*) fail "timings: $(field timings)" ;;
esac
expect_eq "who" "$(field os_user)|$(field db_user)" "$(q "select os_user, db_user from audit.load where load_id = $id")"

# rejects: the counts per reason, and the first of each in file order
expect_eq "rejects line" "$(grep '^rejects:' "$out")" "rejects: 9 in 7 reasons"
expect_eq "per reason, as audit.reject has them" \
	"$(sed -n 's/^  \([a-z_]*\): \([0-9]*\)$/\1 \2/p' "$out" | sort)" \
	"$(q "select reason || ' ' || count(*) from audit.reject where load_id = $id group by reason order by 1")"
expect_eq "every reject shown (default limit 5)" \
	"$(grep -c "^    $seg:" "$out")" 9
expect_eq "FILE:LINE:COLUMN: message, as audit.reject has them" \
	"$(grep "^    $seg:" "$out" | sed 's/^    //' | sort)" \
	"$(q "select '$seg:' || line || coalesce(':' || col, '') || ': ' || message from audit.reject where load_id = $id order by 1")"
"$ONCOLOAD" show --limit 1 "$id" >"$out" || fail "show --limit 1"
expect_eq "--limit 1: one per reason" "$(grep -c "^    $seg:" "$out")" 7
expect_eq "the first of two, then how many more" \
	"$(sed -n '/^  invalid_position: 2$/,/^  [a-z]/p' "$out" | sed -n 2,3p)" \
	"    $seg:7:3: start \"-5\" is not a whole number >= 0
    ... and 1 more"

# a later load of the same sample supersedes its part
printf 'ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\nS-1\t1\t100\t2000\t5\t0.5\n' >"$tmp/s1.seg"
expect_exit 0 "$ONCOLOAD" copynumber --study SHOW --build GRCh37 "$tmp/s1.seg"
id2=$(q "select max(load_id) from audit.load")
"$ONCOLOAD" show "$id" >"$out" || fail "show"
expect_eq "superseded by the later load" \
	"$(sed -n '/^superseded by:/,/^$/p' "$out" | awk -v id="$id2" '$1 == id { print $1, $2, $3 }')" "$id2 succeeded 1"
"$ONCOLOAD" show "$id2" >"$out" || fail "show"
expect_eq "what the later load superseded" \
	"$(sed -n '/^superseded (what this load replaced):/,/^$/p' "$out" | awk -v id="$id" '$1 == id { print $1, $2, $3 }')" "$id succeeded 1"
grep -q '^superseded by: nothing (still current)$' "$out" || fail "still current: $(cat "$out")"
echo "ok: the later load is current"

# JSON
json=$("$ONCOLOAD" show --output json "$id")
expect_eq "JSON: load, counts, timings" \
	"$(jq "$json" "select j->'load'->>'load_id', j->'load'->>'sha256', j->'load'->'records_rejected', jsonb_typeof(j->'load'->'timing_ms'->'body') from (select :'j'::jsonb as j) x")" \
	"$id|$(sha256sum "$seg" | cut -c1-64)|$(q "select records_rejected from audit.load where load_id = $id")|number"
expect_eq "JSON: rejects by reason with their first ones" \
	"$(jq "$json" "select string_agg(r->>'reason' || ':' || (r->>'count') || ':' || jsonb_array_length(r->'first'), ' ' order by r->>'reason') from jsonb_array_elements((:'j'::jsonb)->'rejects') r")" \
	"$(q "select string_agg(reason || ':' || n || ':' || n, ' ' order by reason) from (select reason, count(*) n from audit.reject where load_id = $id group by reason) x")"
expect_eq "JSON: a reject's place" \
	"$(jq "$json" "select f->>'line' || ':' || (f->>'column') from jsonb_array_elements((:'j'::jsonb)->'rejects') r, jsonb_array_elements(r->'first') f where r->>'reason' = 'invalid_position' order by 1 limit 1")" "16:3"
expect_eq "JSON: superseded by" \
	"$(jq "$json" "select string_agg(s->>'load_id' || ':' || (s->>'parts'), ',') from jsonb_array_elements((:'j'::jsonb)->'superseded_by') s")" "$id2:1"

# a load without rejects says so
"$ONCOLOAD" show "$id2" >"$out"
expect_eq "no rejects" "$(grep '^rejects:' "$out")" "rejects: none"

# the steward's commands answer --help, --version and a bad option alike
for cmd in show diff reconcile; do
	"$ONCOLOAD" "$cmd" --help >"$out" || fail "$cmd --help exited $?"
	case $(cat "$out") in
		*"Usage:"*"Exit status:"*) echo "ok: $cmd --help" ;;
		*) fail "$cmd --help lacks usage or the exit-code table" ;;
	esac
	expect_eq "$cmd --version" "$("$ONCOLOAD" "$cmd" --version | sed 's/) .*/)/')" "oncoload $cmd (oncoload)"
	expect_exit 2 "$ONCOLOAD" "$cmd" --no-such-option
	case $ONC_STDERR in
		"oncoload: error: "*"--no-such-option"*"
  hint: Try \"oncoload $cmd --help\""*) echo "ok: $cmd bad option: one line and a hint" ;;
		*) fail "$cmd bad option message: [$ONC_STDERR]" ;;
	esac
done

# unknown loads and bad command lines
expect_exit 1 "$ONCOLOAD" show 999999
case $ONC_STDERR in *"error: no load 999999"*) echo "ok: says so" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 2 "$ONCOLOAD" show
expect_exit 2 "$ONCOLOAD" show abc
expect_exit 2 "$ONCOLOAD" show 1 2
expect_exit 2 "$ONCOLOAD" show --limit x "$id"
expect_exit 2 "$ONCOLOAD" show --output csv "$id"
expect_exit 2 "$ONCOLOAD" show --bogus "$id"
expect_exit 0 "$ONCOLOAD" show --help
expect_exit 0 "$ONCOLOAD" show --version
