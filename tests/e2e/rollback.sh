#!/bin/sh
# rollback.sh: roll back and reload, end to end on the demo study.  For a
# clinical file, a MAF, segments and an expression file: the analyst views
# and every table's row count before the load equal those after its
# rollback, no row names the load any more, and loading the same file again
# loads it (not skipped) with the same views.  A load that superseded
# another gives the older one back.  Refusals (exit 1, nothing changed),
# --dry-run, the audit row of the rollback, and the catalog guard that
# stops a rollback when a warehouse table it does not know carries load ids.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/steward_lib.sh"
onc_need_cluster
tmp=$(onc_tmpdir)
demo=$tmp/demo
"$ONCOLOAD" generate --seed 7 --samples 6 --output "$demo" >/dev/null || fail "generate"
sheet=$demo/gdc_sample_sheet.tsv
maf=$demo/mutations/DEMO-OSCC.wxs.aliquot_ensemble_masked.maf.gz
seg=$demo/copy_number/data_cna_hg38.seg
clin=$(find "$demo/clinical" -name '*P0002.xml')
expr1=$(find "$demo/expression" -type f | sort | head -n 1)
[ -f "$clin" ] && [ -f "$expr1" ] || fail "demo files missing"

expect_exit 0 "$ONCOLOAD" init -q
# the base: biospecimen (patients, samples, aliquots), the other clinical
# files, and every expression file but one
expect_exit 0 "$ONCOLOAD" clinical -q "$demo/biospecimen"
for f in $(find "$demo/clinical" -name '*.xml' | sort); do
	[ "$f" = "$clin" ] || expect_exit 0 "$ONCOLOAD" clinical -q "$f"
done
for f in $(find "$demo/expression" -type f | sort | sed 1d); do
	expect_exit 0 "$ONCOLOAD" expression -q --sample-sheet "$sheet" "$f"
done

round_trip clinical "$ONCOLOAD" clinical -q "$clin"
round_trip mutations "$ONCOLOAD" mutations -q --study DEMO-OSCC "$maf"
round_trip segments "$ONCOLOAD" copynumber -q "$seg"
round_trip expression "$ONCOLOAD" expression -q --sample-sheet "$sheet" "$expr1"

# everything loaded: the round trips again on top of it
expect_exit 0 "$ONCOLOAD" clinical -q "$clin"
expect_exit 0 "$ONCOLOAD" expression -q --sample-sheet "$sheet" "$expr1"
expect_exit 0 "$ONCOLOAD" copynumber -q "$seg"
round_trip "mutations over everything" "$ONCOLOAD" mutations -q --study DEMO-OSCC "$maf"
expect_exit 0 "$ONCOLOAD" mutations -q --study DEMO-OSCC "$maf"

# a load that superseded another: rolling it back gives the older one back
old=$(q "select load_id from audit.load where status = 'succeeded' and command = 'expression' order by load_id limit 1")
views0=$(snap_views)
expect_exit 0 "$ONCOLOAD" expression -q --force --sample-sheet "$sheet" "$(q "select source_path from audit.load where load_id = $old")"
new=$(last_load)
expect_eq "forced reload supersedes" "$(q "select status from audit.load where load_id = $old")" superseded
expect_exit 0 "$ONCOLOAD" rollback "$new"
expect_eq "superseded load back to succeeded" "$(q "select status from audit.load where load_id = $old")" succeeded
expect_eq "its parts current again" "$(q "select bool_and(is_current), count(superseded_by_load) from audit.load_part where load_id = $old")" "t|0"
expect_eq "views as before the forced reload" "$(snap_views)" "$views0"
# and "oncoload reconcile" finds the warehouse consistent after all this
expect_exit 0 "$ONCOLOAD" reconcile

# --output json: one object with the counts
seg_load=$(q "select max(load_id) from audit.load where command = 'copynumber' and status = 'succeeded'")
out=$("$ONCOLOAD" rollback --dry-run --output json "$seg_load") || fail "rollback --output json"
expect_eq "json outcome" \
	"$(q_json "select j->>'dry_run', j->>'load_id', j->>'target_load_id', j->>'study_id', (j->'counts'->'removed'->>'warehouse.copy_number_segment')::int > 0 from (select (:'j')::jsonb as j) s" "$out")" \
	"true||$seg_load|DEMO-OSCC|t"
expect_exit 2 "$ONCOLOAD" rollback --output xml "$seg_load"

# refusals: exit 1, nothing changed
loads0=$(q "select count(*) from audit.load")
expect_exit 1 "$ONCOLOAD" rollback 999999
case $ONC_STDERR in *"load 999999 does not exist"*) echo "ok: unknown load" ;; *) fail "unknown load: $ONC_STDERR" ;; esac
expect_exit 1 "$ONCOLOAD" rollback "$new"
case $ONC_STDERR in *"already rolled back (by load"*) echo "ok: already rolled back" ;; *) fail "rolled back: $ONC_STDERR" ;; esac
rb=$(q "select max(load_id) from audit.load where command = 'rollback'")
expect_exit 1 "$ONCOLOAD" rollback "$rb"
case $ONC_STDERR in *"is a rollback run"*) echo "ok: a rollback run" ;; *) fail "rollback run: $ONC_STDERR" ;; esac
expect_exit 0 "$ONCOLOAD" copynumber -q "$seg"
skipped=$(last_load)
expect_eq "skipped" "$(q "select status from audit.load where load_id = $skipped")" skipped
expect_exit 1 "$ONCOLOAD" rollback "$skipped"
case $ONC_STDERR in *"was skipped"*) echo "ok: skipped load" ;; *) fail "skipped: $ONC_STDERR" ;; esac
expect_exit 1 "$ONCOLOAD" expression -q --study T "$ONC_SRCDIR/tests/fixtures/e2e/data_bad_matrix.txt"
failed=$(last_load)
expect_exit 1 "$ONCOLOAD" rollback "$failed"
case $ONC_STDERR in *"failed: nothing of it was kept"*) echo "ok: failed load" ;; *) fail "failed: $ONC_STDERR" ;; esac
expect_exit 0 "$ONCOLOAD" genes -q "$ONC_SRCDIR/tests/fixtures/e2e/genes.gtf"
genes=$(last_load)
expect_exit 1 "$ONCOLOAD" rollback "$genes"
case $ONC_STDERR in *"gene reference load"*) echo "ok: gene reference load" ;; *) fail "genes: $ONC_STDERR" ;; esac
expect_eq "refusals record nothing" "$(q "select count(*) from audit.load")" "$((loads0 + 3))"

# usage
expect_exit 2 "$ONCOLOAD" rollback
expect_exit 2 "$ONCOLOAD" rollback abc
expect_exit 2 "$ONCOLOAD" rollback 1 2
expect_exit 2 "$ONCOLOAD" rollback --bogus 1
expect_exit 0 "$ONCOLOAD" rollback --help
expect_exit 0 "$ONCOLOAD" rollback --version

# the guard: a fact table rollback does not know stops it
mut=$(q "select max(load_id) from audit.load where command = 'mutations' and status = 'succeeded'")
q "create table warehouse.zz_later_facts (load_id bigint, part_id bigint, v int)"
views0=$(snap_views)
expect_exit 1 "$ONCOLOAD" rollback "$mut"
case $ONC_STDERR in *"warehouse.zz_later_facts.load_id"*"does not know"*) echo "ok: unknown fact table refused" ;;
	*) fail "guard: $ONC_STDERR" ;; esac
expect_eq "guard changed nothing" "$(snap_views)" "$views0"
expect_eq "guard left the load" "$(q "select status from audit.load where load_id = $mut")" succeeded
q "drop table warehouse.zz_later_facts"
q "create table warehouse.zz_origin (origin bigint references audit.load)"
expect_exit 1 "$ONCOLOAD" rollback "$mut"
case $ONC_STDERR in *"warehouse.zz_origin.origin"*) echo "ok: a foreign key to audit.load refused" ;;
	*) fail "guard (foreign key): $ONC_STDERR" ;; esac
q "drop table warehouse.zz_origin"
expect_exit 0 "$ONCOLOAD" rollback -q "$mut"
expect_eq "no variants left" "$(q "select count(*) from warehouse.variant")" 0

# the loaders' locks: a rollback waits while a load of the study holds
# them (here a session holding the study's dimension lock, as loads do)
seg_load=$(q "select max(load_id) from audit.load where command = 'copynumber' and status = 'succeeded'")
psql -XAtq -c "select pg_advisory_lock($((0x6f6e6302)), hashtext('DEMO-OSCC'))" -c "select pg_sleep(120)" >/dev/null 2>&1 &
holder=$!
onc_on_exit "kill $holder 2>/dev/null"
onc_wait_for "select count(*) > 0 from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database()) and classid = $((0x6f6e6302))" \
	"the lock holder did not start"
"$ONCOLOAD" rollback -q "$seg_load" >"$tmp/rb.out" 2>&1 &
rbpid=$!
onc_wait_for "select count(*) > 0 from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory' and query like '%pg_advisory_xact_lock%'" \
	"the rollback did not wait for the lock"
expect_eq "waits for the load's lock" "$(q "select status from audit.load where load_id = $seg_load")" succeeded
q "select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(120)%' and pid <> pg_backend_pid()
   and datname = current_database()" >/dev/null
wait $rbpid || fail "rollback after the lock: $(cat "$tmp/rb.out")"
expect_eq "then rolls back" "$(q "select status from audit.load where load_id = $seg_load")" rolled_back

# a steward may roll back (the grants of 006_rollback.sql); an analyst may not
role=onc_steward_test_$$
q "create role $role login in role oncoload_steward"
onc_on_exit "psql -XAtq -d postgres -c 'drop role if exists $role' >/dev/null 2>&1"
analyst=onc_analyst_test_$$
q "create role $analyst login in role oncoload_analyst"
onc_on_exit "psql -XAtq -d postgres -c 'drop role if exists $analyst' >/dev/null 2>&1"
expect_exit 0 "$ONCOLOAD" mutations -q --study DEMO-OSCC "$maf"
mut=$(last_load)
expect_exit 3 "$ONCOLOAD" rollback -q -d "dbname=$PGDATABASE user=$analyst" "$mut"
expect_exit 0 "$ONCOLOAD" rollback -q -d "dbname=$PGDATABASE user=$role" "$mut"
expect_eq "rolled back by the steward" \
	"$(q "select db_user from audit.load where target_load_id = $mut and status = 'succeeded'")" "$role"
