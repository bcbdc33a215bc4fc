#!/bin/sh
# batch_keys.sh: the foreign keys of a batch of new patients and of a
# clinical load's parts, checked once per batch (warehouse.ensure_patients,
# audit.add_patient_parts): a large batch is inserted without the per-row
# triggers, a small one with them; a key that names no row is refused as
# PostgreSQL's own check refuses it, in both ways; the triggers are back on
# when the helper returns, and after an error; a helper whose owner may not
# switch them off checks row by row.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster

expect_exit 0 "$ONCOLOAD" init
q "insert into warehouse.study (study_id) values ('KEYS-A'), ('KEYS-B')" >/dev/null
load=$(q "insert into audit.load (command, status) values ('test', 'running') returning load_id")
sa=$(q "select study_key from warehouse.study where study_id = 'KEYS-A'")
sb=$(q "select study_key from warehouse.study where study_id = 'KEYS-B'")
# patients KEYS-B's P-1 and P-2, to name from a part of study KEYS-A
q "insert into warehouse.patient (study_key, patient_id) values ($sb, 'P-1'), ($sb, 'P-2')" >/dev/null

# ids N PREFIX: a text[] literal of N patient IDs
ids()
{
	q "select '{' || string_agg('$2-' || g, ',') || '}' from generate_series(1, $1) g"
}
# nulls N: a text[] literal of N NULLs
nulls()
{
	q "select '{' || string_agg('NULL', ',') || '}' from generate_series(1, $1) g"
}
ids40=$(ids 40 A)
nulls40=$(nulls 40)
ids2=$(ids 2 S)
nulls2=$(nulls 2)

# A trigger that counts the rows it sees, on both tables, in a transaction
# that is rolled back: it fires when the per-row triggers do.
counting="create table public.fired (tab text);
grant insert on public.fired to public;
create function public.count_fired() returns trigger language plpgsql as
  \$\$ begin insert into public.fired values (tg_table_name); return null; end \$\$;
create trigger count_fired after insert on warehouse.patient for each row execute function public.count_fired();
create trigger count_fired after insert on audit.load_part for each row execute function public.count_fired();"
ensure()
{
	echo "select count(*) from warehouse.ensure_patients($1, '$2', '$3', '$3', '$3', '$3', $4)"
}
parts()
{
	echo "select audit.add_patient_parts($1, $2, (select array_agg(patient_key order by patient_key)
	  from warehouse.patient where study_key = $2 and patient_id like '$3-%'),
	  (select array_agg(7::bigint) from warehouse.patient where study_key = $2 and patient_id like '$3-%'), 'clinical', 'test')"
}
fired="select coalesce(string_agg(tab || '=' || n, ' ' order by tab), 'none') from
  (select tab, count(*) n from public.fired group by tab) f;
  select count(*) from public.fired"

got=$(q "begin; $counting
$(ensure "$sa" "$ids40" "$nulls40" "$load");
$(parts "$load" "$sa" A);
select current_setting('session_replication_role');
truncate public.fired;
$(ensure "$sa" "$ids2" "$nulls2" "$load");
$(parts "$load" "$sa" S);
$fired;
select count(*) || ' ' || sum(facts) from audit.load_part where load_id = $load;
rollback" | tr '\n' ' ')
expect_eq "40 patients and parts without the per-row triggers, 2 with them, the triggers back on after" \
	"$got" "40 40 origin 2 2 load_part=2 patient=2 4 42 294 "

# the errors PostgreSQL's own checks give, from the batch checks
expect_exit 1 q "$(ensure 999999 "$ids40" "$nulls40" "$load")"
case $ONC_STDERR in
	*'violates foreign key constraint "patient_study_key_fkey"'*'Key (study_key)=(999999) is not present in table "study"'*)
		echo "ok: a batch of patients of no study refused" ;;
	*) fail "[$ONC_STDERR]" ;;
esac
expect_exit 1 q "$(ensure "$sa" "$ids40" "$nulls40" 999999)"
case $ONC_STDERR in
	*'violates foreign key constraint "patient_created_load_id_fkey"'*'Key (created_load_id)=(999999)'*)
		echo "ok: a batch of patients of no load refused" ;;
	*) fail "[$ONC_STDERR]" ;;
esac
expect_eq "and none created" "$(q "select count(*) from warehouse.patient where patient_id like 'A-%'")" 0
q "$(ensure "$sa" "$ids40" "$nulls40" "$load")" >/dev/null
expect_exit 1 q "$(parts 999999 "$sa" A)"
case $ONC_STDERR in
	*'violates foreign key constraint "load_part_load_id_fkey"'*'Key (load_id)=(999999)'*)
		echo "ok: parts of no load refused" ;;
	*) fail "[$ONC_STDERR]" ;;
esac
# 40 patients of KEYS-A and the two of KEYS-B, as parts of KEYS-A
expect_exit 1 q "select audit.add_patient_parts($load, $sa,
	(select array_agg(patient_key order by patient_key) from warehouse.patient where study_key in ($sa, $sb)),
	(select array_agg(1::bigint) from warehouse.patient where study_key in ($sa, $sb)), 'clinical', 'test')"
p1=$(q "select patient_key from warehouse.patient where study_key = $sb and patient_id = 'P-1'")
case $ONC_STDERR in
	*'violates foreign key constraint "load_part_patient_fkey"'*"Key (patient_key, study_key)=($p1, $sa) is not present"*)
		echo "ok: parts naming another study's patient refused" ;;
	*) fail "[$ONC_STDERR]" ;;
esac
expect_eq "and no part written" "$(q "select count(*) from audit.load_part where load_id = $load")" 0

# an error while the triggers are off (a part with no patient breaks a
# CHECK), caught by a savepoint: they are on again after it
got=$(psql -XAtq -c "begin" -c "savepoint s" -c "select audit.add_patient_parts($load, $sa,
	'{NULL}'::int[] || (select array_agg(patient_key) from warehouse.patient where study_key = $sa),
	'{1}'::bigint[] || (select array_agg(1::bigint) from warehouse.patient where study_key = $sa), 'clinical', 'test')" \
	-c "rollback to savepoint s" -c "select current_setting('session_replication_role')" -c "rollback" 2>&1 | tr '\n' ' ')
case $got in
	*load_part_specimen_check*origin*) echo "ok: the triggers on again after an error undone by a savepoint" ;;
	*) fail "[$got]" ;;
esac

# helpers owned by a role that may not switch the triggers off: row by row,
# with the same outcome
owner=$(printf 'onc_%s_owner' "$PGDATABASE")
got=$(q "begin; $counting
create role \"$owner\" in role oncoload_loader;
alter function warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) owner to \"$owner\";
alter function audit.add_patient_parts(bigint, integer, integer[], bigint[], text, text) owner to \"$owner\";
$(ensure "$sb" "$(ids 40 O)" "$nulls40" "$load");
$(parts "$load" "$sb" O);
$fired;
rollback" | tr '\n' ' ')
expect_eq "an owner without the right: the per-row triggers fire" "$got" "40 40 load_part=40 patient=40 80 "
expect_exit 1 q "begin;
create role \"$owner\" in role oncoload_loader;
alter function warehouse.ensure_patients(integer, text[], text[], text[], text[], text[], bigint) owner to \"$owner\";
$(ensure 999999 "$ids40" "$nulls40" "$load")"
case $ONC_STDERR in
	*'violates foreign key constraint "patient_study_key_fkey"'*) echo "ok: and refuse a patient of no study" ;;
	*) fail "[$ONC_STDERR]" ;;
esac
expect_eq "the owner went with its transaction" "$(q "select count(*) from pg_roles where rolname = '$owner'")" 0
