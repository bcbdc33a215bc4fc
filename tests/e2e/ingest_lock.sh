#!/bin/sh
# ingest_lock.sh: two ingest runs never overlap.  A run started while
# another holds the warehouse's ingest lock (advisory lock 0x6f6e6349, 0)
# or the folder's flock exits at once with 8 and loads nothing; two runs
# started together: one exits 8, the other loads everything.  Made
# deterministic by holding locks from this script: the first run is held
# up inside its first load by the study's load lock, taken here from psql.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
"$ONCOLOAD" generate --seed 3 --samples 2 --output "$tmp/drop" >/dev/null || fail "generate"

INGEST_LOCK=1869505353			# 0x6f6e6349, cmd_ingest.c
STUDY_LOCK=1869505281			# 0x6f6e6301, audit.c: study x data type

# wait_for SQL: poll until SQL returns t
wait_for()
{
	onc_wait_for "$1" "timed out waiting for: $1"
}

held()
{
	echo "select exists (select 1 from pg_locks where locktype = 'advisory' and granted
	        and database = (select oid from pg_database where datname = current_database())
	        and classid = $1::oid and objid = ($2)::oid and objsubid = 2)"
}

# release PID CLASS KEY: end the psql PID and the backend holding the lock
# (a killed psql's backend would sleep on with it); only in this test's
# database: tests running beside it take the same locks in theirs
release()
{
	q "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted
	   and database = (select oid from pg_database where datname = current_database())
	   and classid = $2::oid and objid = ($3)::oid and objsubid = 2" >/dev/null
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# --- a session holding the ingest lock (another host's run, say) ---------------
psql -XAtq -c "select pg_advisory_lock($INGEST_LOCK, 0)" -c "select pg_sleep(60)" >/dev/null 2>&1 &
holder=$!
onc_on_exit "kill $holder 2>/dev/null"
wait_for "$(held $INGEST_LOCK 0)"
expect_exit 8 "$ONCOLOAD" ingest "$tmp/drop"
printf '%s\n' "$ONC_STDERR" | grep -q "another ingest run holds the warehouse's ingest lock" ||
	fail "no clear message: $ONC_STDERR"
printf '%s\n' "$ONC_STDERR" | grep -q "held by backend pid" || fail "the holder is not named"
expect_eq "locked out: nothing loaded" "$(q 'select count(*) from audit.load')" 0
release "$holder" $INGEST_LOCK 0
wait_for "select not ($(held $INGEST_LOCK 0))"

# --- the folder's flock (a run on this host, even before it connects) ----------
exec 9<"$tmp/drop"
flock -n 9 || fail "cannot flock the drop folder"
expect_exit 8 "$ONCOLOAD" ingest "$tmp/drop"
printf '%s\n' "$ONC_STDERR" | grep -q "another ingest run is working on this folder" ||
	fail "no clear message: $ONC_STDERR"
exec 9<&-
expect_eq "flocked out: nothing loaded" "$(q 'select count(*) from audit.load')" 0

# --- two runs started together --------------------------------------------------
# Hold DEMO-OSCC's clinical load lock so that run A, once it holds the
# ingest lock, waits inside its first load; run B then starts and must exit 8.
psql -XAtq -c "begin" -c "select pg_advisory_xact_lock($STUDY_LOCK, hashtext('DEMO-OSCC/clinical'))" \
	-c "select pg_sleep(60)" >/dev/null 2>&1 &
study_holder=$!
onc_on_exit "kill $study_holder 2>/dev/null"
wait_for "$(held $STUDY_LOCK "hashtext('DEMO-OSCC/clinical')")"
"$ONCOLOAD" ingest --log "$tmp/a.log" "$tmp/drop" >"$tmp/a.out" 2>"$tmp/a.err" &
run_a=$!
wait_for "$(held $INGEST_LOCK 0)"
# A is waiting in its first clinical load
wait_for "select exists (select 1 from pg_stat_activity where wait_event_type = 'Lock'
          and application_name = 'oncoload-clinical')"
cp -R "$tmp/drop" "$tmp/drop2"			# another folder: only the warehouse lock can stop B
expect_exit 8 "$ONCOLOAD" ingest --log "$tmp/b.log" "$tmp/drop2"
[ ! -s "$tmp/b.log" ] || fail "the locked-out run wrote log lines"
release "$study_holder" $STUDY_LOCK "hashtext('DEMO-OSCC/clinical')"
if wait "$run_a"; then rc_a=0; else rc_a=$?; fi
cat "$tmp/a.err" >&2
expect_eq "run A exit" "$rc_a" 0
expect_eq "run A loaded everything" \
	"$(q "select count(*) filter (where status = 'succeeded') || '/' || count(*) from audit.load")" \
	"$(grep -c '"outcome":"loaded"' "$tmp/a.log")/$(grep -c '"outcome":"loaded"' "$tmp/a.log")"
expect_eq "run A: clinical and biospecimen XML, segments, MAF, 2 expression files" \
	"$(grep -c '"outcome":"loaded"' "$tmp/a.log")" "$(($(find "$tmp/drop" -name '*.xml' | wc -l) + 4))"
# the lock is gone with run A: a new run goes ahead and skips everything
expect_exit 0 "$ONCOLOAD" ingest --quiet "$tmp/drop2"
echo "PASS: ingest_lock"
