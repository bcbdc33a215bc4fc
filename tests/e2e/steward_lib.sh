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
# (genes left out, as above).
table_counts()
{
	q "select c.oid::regclass::text || ' ' || (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %s', c.oid::regclass), false, true, '')))[1]::text
	   from pg_class c where c.relnamespace in ('warehouse'::regnamespace, 'audit'::regnamespace) and c.relkind = 'r'
	   and c.relname not in ('load', 'reject', 'schema_migration', 'gene') order by 1"
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

# last_load: the newest load id.
last_load()
{
	q "select max(load_id) from audit.load"
}
