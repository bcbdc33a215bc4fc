#!/bin/sh
# init.sh: oncoload init creates the warehouse once, documents every table,
# column and view, creates the three roles, and refuses a changed migration.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster

expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" init
case $ONC_STDERR in *"up to date"*) echo "ok: second init is a no-op" ;; *) fail "second init: [$ONC_STDERR]" ;; esac
expect_eq "migrations recorded" "$(q 'select count(*) > 0 from audit.schema_migration where length(sha256) = 64')" t

# every relation and column of both schemas carries a comment
missing=$(q "select c.relname || coalesce('.' || a.attname, '') from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where n.nspname in ('warehouse', 'audit') and c.relkind in ('r', 'v')
    and col_description(c.oid, coalesce(a.attnum, 0)) is null
    and (a.attnum is not null or obj_description(c.oid, 'pg_class') is null)")
expect_eq "undocumented tables, views or columns" "$missing" ""
expect_eq "analyst views exist" "$(q "select count(*) from pg_views where schemaname = 'warehouse' and viewname in ('v_expression', 'v_expression_qc', 'v_sample', 'v_gene')")" 4
expect_eq "v_expression contract columns" \
	"$(q "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'warehouse' and table_name = 'v_expression' and ordinal_position <= 10")" \
	"study_id,patient_id,sample_id,aliquot_id,sample_type,gene_id,gene_symbol,entrez_gene_id,measure,value"
expect_eq "roles" "$(q "select count(*) from pg_roles where rolname in ('oncoload_loader', 'oncoload_steward', 'oncoload_analyst')")" 3

# an analyst reads the views, not the tables or the audit trail
q "create role onc_test_analyst_$$ login in role oncoload_analyst"
onc_on_exit "psql -Xq -c 'drop role if exists onc_test_analyst_$$' >/dev/null 2>&1"
expect_exit 0 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_test_analyst_$$" -c 'select count(*) from warehouse.v_expression'
expect_exit 1 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_test_analyst_$$" -c 'select count(*) from warehouse.expression'
expect_exit 1 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_test_analyst_$$" -c 'select count(*) from audit.reject'

# a part's study is its patient's (or its sample's): a part of study A
# naming a patient of study B is refused, one of study B is not
q "insert into audit.load (command, status) values ('test', 'succeeded')" >/dev/null
q "insert into warehouse.study (study_id) values ('PART-A'), ('PART-B')" >/dev/null
q "insert into warehouse.patient (study_key, patient_id) select study_key, 'P-1' from warehouse.study where study_id = 'PART-B'" >/dev/null
part_sql="insert into audit.load_part (load_id, study_key, patient_key, data_type)
	select max(l.load_id), s.study_key, p.patient_key, 'clinical' from audit.load l, warehouse.study s, warehouse.patient p
	where p.patient_id = 'P-1' and s.study_id = '%s' group by s.study_key, p.patient_key"
# shellcheck disable=SC2059
expect_exit 1 psql -XAtq -v ON_ERROR_STOP=1 -c "$(printf "$part_sql" PART-A)"
case $ONC_STDERR in *load_part_patient_fkey*) echo "ok: a part of another study's patient refused" ;; *) fail "[$ONC_STDERR]" ;; esac
# shellcheck disable=SC2059
expect_exit 0 psql -XAtq -v ON_ERROR_STOP=1 -c "$(printf "$part_sql" PART-B)"

# a batch of patients: each once, with its key, whether it existed, was
# created by the call, or was created by another transaction while the call
# ran (here: one the call's insert waits for, committed after its lookup)
ensure_sql="select string_agg(k.patient_id || '=' || k.patient_key || ':' || k.has_prior::text, ' ' order by k.patient_id)
	from warehouse.ensure_patients((select study_key from warehouse.study where study_id = 'PART-B'),
	  '{P-1,P-2,P-3}', '{NULL,NULL,NULL}', '{NULL,NULL,NULL}', '{NULL,NULL,NULL}', '{NULL,NULL,NULL}',
	  (select max(load_id) from audit.load)) k"
q "insert into audit.load (command, status) values ('test', 'running')" >/dev/null
race_out=$(onc_tmpdir)/race
psql -XAtq -v ON_ERROR_STOP=1 -c "begin" -c "insert into warehouse.patient (study_key, patient_id)
	select study_key, 'P-3' from warehouse.study where study_id = 'PART-B'" \
	-c "select pg_sleep(1.5) /* race-holder */" -c "commit" >"$race_out" 2>&1 &
race_pid=$!
onc_wait_for "select count(*) = 1 from pg_stat_activity where query like '%race-holder%' and state = 'active' and pid <> pg_backend_pid()" \
	"the transaction holding P-3 did not start" "$race_out"
# P-1 existed and has a current part of an earlier load (written above)
got=$(q "$ensure_sql")
wait "$race_pid" || fail "the transaction holding P-3: $(cat "$race_out")"
expect_eq "ensure_patients: existing, created and concurrently created patients, each once" "$got" \
	"$(q "select string_agg(p.patient_id || '=' || p.patient_key || ':' || (p.patient_id = 'P-1')::text, ' '
	order by p.patient_id) from warehouse.patient p join warehouse.study s using (study_key) where s.study_id = 'PART-B'")"
expect_eq "P-3 created once, by the other transaction" \
	"$(q "select count(*) || ' ' || bool_and(created_load_id is null) from warehouse.patient where patient_id = 'P-3'")" "1 true"

# an applied migration whose contents changed is an error (exit 1)
q "update audit.schema_migration set sha256 = repeat('0', 64) where name = '001_core.sql'"
expect_exit 1 "$ONCOLOAD" init
case $ONC_STDERR in *"001_core.sql was applied with other contents"*) echo "ok: changed migration refused" ;; *) fail "[$ONC_STDERR]" ;; esac

# no database: exit 3
expect_exit 3 "$ONCOLOAD" init -d "host=$PGHOST port=$PGPORT dbname=no_such_db_$$"
