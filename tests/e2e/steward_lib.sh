# steward_lib.sh: snapshots of the warehouse for the rollback and
# drop-study tests.  Source after lib.sh and onc_need_cluster.
# shellcheck shell=sh

# The analyst views a rollback must leave as they were.  Not v_gene: the
# gene dimension is shared by every study, and genes a load added stay
# (see README, "Rolling back and dropping").
STEWARD_VIEWS="v_expression v_expression_qc v_clinical_patient v_clinical_sample v_treatment
v_clinical_attribute v_mutation v_variant v_variant_genotype v_copy_number_segment
v_gene_copy_number v_oncoprint v_sample"

# snap_views: per view, its row count and a digest of its rows (load ids included).
snap_views()
{
	for v in $STEWARD_VIEWS; do
		printf '%s %s\n' "$v" "$(q "select count(*), md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) from warehouse.$v t")"
	done
}

# snap_views_noload: the same with the load ids left out (a reload writes new ones).
snap_views_noload()
{
	for v in $STEWARD_VIEWS; do
		printf '%s %s\n' "$v" "$(q "select count(*), md5(coalesce(string_agg(r, E'\n' order by r), '')) from (select (to_jsonb(t) - array['load_id', 'annotation_load_id'])::text as r from warehouse.$v t) s")"
	done
}

# table_counts: the rows of every warehouse table and of audit.load_part
# (genes and gene chunks left out, as above).
table_counts()
{
	q "select c.oid::regclass::text || ' ' || (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %s', c.oid::regclass), false, true, '')))[1]::text
	   from pg_class c where c.relkind = 'r' and (c.oid = 'audit.load_part'::regclass or
	   (c.relnamespace = 'warehouse'::regnamespace and c.relname not in ('gene', 'gene_chunk', 'gene_chunk_member')))
	   order by 1"
}

# rows_of_load LOAD: rows of every warehouse table that has a load_id column
# and still names LOAD, plus fact rows whose part is gone ("table n" lines
# for the non-zero ones; nothing when clean).
rows_of_load()
{
	q "select c.oid::regclass::text || ' ' || x.n from pg_class c
	   cross join lateral (select case when exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'load_id')
	     then (xpath('/row/n/text()', query_to_xml(format(
	       'select count(*) as n from %s t where t.load_id = %s%s', c.oid::regclass, $1,
	       case when exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'part_id')
	            then ' or not exists (select 1 from audit.load_part p where p.part_id = t.part_id)' else '' end),
	       false, true, '')))[1]::text::bigint else 0 end as n) x
	   where c.relnamespace = 'warehouse'::regnamespace and c.relkind = 'r' and x.n > 0
	   order by 1"
}

# round_trip NAME COMMAND...: load one file, roll it back (a dry run
# first), load it again, roll it back again: the views and row counts are
# as before the load after each rollback, and as after the first load
# after the reload.
round_trip()
{
	name=$1
	shift
	views0=$(snap_views)
	counts0=$(table_counts)
	genes0=$(q "select count(*) from warehouse.gene")
	loads0=$(q "select count(*) from audit.load")
	expect_exit 0 "$@"
	load=$(last_load)
	genes1=$(q "select count(*) from warehouse.gene")
	expect_eq "$name: loaded" "$(q "select status from audit.load where load_id = $load")" succeeded
	views1=$(snap_views_noload)
	[ "$views1" != "$(snap_views_noload)" ] && fail "snapshots are not stable"
	[ "$(snap_views)" = "$views0" ] && fail "$name: the load changed no view"

	# a dry run changes nothing, not even the audit trail
	expect_exit 0 "$ONCOLOAD" rollback --dry-run "$load"
	expect_eq "$name: dry run leaves the views" "$(snap_views_noload)" "$views1"
	expect_eq "$name: dry run leaves the load" "$(q "select status from audit.load where load_id = $load")" succeeded
	expect_eq "$name: dry run records nothing" "$(q "select count(*) from audit.load")" "$((loads0 + 1))"

	expect_exit 0 "$ONCOLOAD" rollback "$load"
	rb=$(last_load)
	expect_eq "$name: views as before the load" "$(snap_views)" "$views0"
	expect_eq "$name: row counts as before the load" "$(table_counts)" "$counts0"
	left=$(rows_of_load "$load") || fail "rows_of_load"
	expect_eq "$name: no row names the load" "$left" ""
	expect_eq "$name: the genes it added stay" "$(q "select count(*) from warehouse.gene")" "$genes1"
	expect_eq "$name: ... named as its own" "$(q "select count(*) from warehouse.gene where created_load_id = $load")" "$((genes1 - genes0))"
	expect_eq "$name: marked" "$(q "select status, rolled_back_by from audit.load where load_id = $load")" "rolled_back|$rb"
	expect_eq "$name: audited" \
		"$(q "select command, status, target_load_id, study_id from audit.load where load_id = $rb")" \
		"rollback|succeeded|$load|$(q "select study_id from audit.load where load_id = $load")"
	expect_eq "$name: counts in the audit row" \
		"$(q "select (select sum(n::bigint) from jsonb_each_text(metadata->'removed') e(k, n)) > 0 and (metadata->'marked'->>'audit.load (rolled_back)')::int = 1 from audit.load where load_id = $rb")" t

	# the same file again is loaded, not skipped as already loaded
	expect_exit 0 "$@"
	again=$(last_load)
	expect_eq "$name: reloaded" "$(q "select status from audit.load where load_id = $again")" succeeded
	expect_eq "$name: views as after the first load" "$(snap_views_noload)" "$views1"

	# and rolled back again, for the next file
	expect_exit 0 "$ONCOLOAD" rollback -q "$again"
	expect_eq "$name: views as before the load, again" "$(snap_views)" "$views0"
}

# q_json SQL JSON: run SQL with the JSON text bound to :'j' (psql variables
# are not interpolated in -c commands, so the SQL goes through stdin).
q_json()
{
	printf '%s\n' "$1" | psql -XAtq -v ON_ERROR_STOP=1 -v j="$2"
}

# last_load: the newest load id.
last_load()
{
	q "select max(load_id) from audit.load"
}
