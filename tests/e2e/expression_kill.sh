#!/bin/sh
# expression_kill.sh: a load killed with SIGKILL in the middle of writing
# facts leaves none behind, and the next run marks it failed.
#
# To stop the loader at a known point, a second session holds the gene
# dimension's advisory lock: the loader writes the facts of the genes it
# knows, then waits for that lock to add the new genes further down the file.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
"$ONCOLOAD" generate --seed 11 --samples 1 --output "$tmp/g" >/dev/null || fail generate
star=$(find "$tmp/g/expression" -type f | head -1)
# teach the warehouse the file's genes, then add 300 unknown ones at the end
expect_exit 0 "$ONCOLOAD" expression --study K --sample K-1 "$star"
known=$(q 'select count(*) from warehouse.gene')
cp "$star" "$tmp/big.tsv"
i=0
while [ $i -lt 300 ]; do
	printf 'ENSG%011d.1\tNEW%d\tlncRNA\t1\t0\t1\t1.5\t0.25\t0.5\n' $((80000000000 + i)) $i
	i=$((i + 1))
done >>"$tmp/big.tsv"
facts_before=$(q 'select count(*) from warehouse.expression')

# hold the gene lock (class 0x6f6e6303 = 1869505283, key 0) in a session
mkfifo "$tmp/hold"
psql -XAtq -v ON_ERROR_STOP=1 <"$tmp/hold" >/dev/null 2>&1 &
holder=$!
exec 7>"$tmp/hold"
echo "select pg_advisory_lock(1869505283, 0);" >&7
onc_on_exit "kill $holder 2>/dev/null"
onc_wait_for "select count(*) = 1 from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database()) and classid = 1869505283 and objid = 0 and granted" \
	"the lock holder never got the lock"

"$ONCOLOAD" expression --study K --sample K-2 "$tmp/big.tsv" >"$tmp/loader.out" 2>&1 &
loader=$!
onc_on_exit "kill -9 $loader 2>/dev/null"
onc_wait_for "select count(*) = 1 from pg_stat_activity where application_name = 'oncoload-expression' and wait_event_type = 'Lock'" \
	"the loader never waited for the gene lock" "$tmp/loader.out"
expect_eq "load running" "$(q "select status from audit.load where source_path like '%big.tsv'")" running
kill -9 $loader
wait $loader 2>/dev/null
# let the orphaned backend go: release the lock, it then finds its client gone
echo "select pg_advisory_unlock(1869505283, 0);" >&7
exec 7>&-
wait $holder 2>/dev/null
onc_wait_for "select count(*) = 0 from pg_stat_activity where application_name = 'oncoload-expression'" \
	"the killed loader's backend did not end"
expect_eq "no facts of the killed load" "$(q 'select count(*) from warehouse.expression')" "$facts_before"
expect_eq "no parts of the killed load" "$(q "select count(*) from audit.load_part p join audit.load l using (load_id) where l.source_path like '%big.tsv'")" 0
expect_eq "no new genes" "$(q 'select count(*) from warehouse.gene')" "$known"
expect_eq "still marked running" "$(q "select status from audit.load where source_path like '%big.tsv'")" running

# the next run of any command finds it and marks it failed
expect_exit 0 "$ONCOLOAD" loads --status failed
case $ONC_STDERR in *"left running by a process that ended; marked failed"*) echo "ok: reaped" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "marked failed" "$(q "select status from audit.load where source_path like '%big.tsv'")" failed

# and the same file loads cleanly afterwards
expect_exit 0 "$ONCOLOAD" expression --study K --sample K-2 "$tmp/big.tsv"
expect_eq "new genes after the reload" "$(q 'select count(*) from warehouse.gene')" $((known + 300))
