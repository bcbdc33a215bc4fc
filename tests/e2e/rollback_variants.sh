#!/bin/sh
# rollback_variants.sh: rollback of the shared variant dimension and the
# fact tables the demo study does not fill, on the project's fixtures: VCF
# genotypes, sites and consequences, a sites-only VCF, gene-level copy
# number.  A variant two loads named stays when one is rolled back, and
# when the rolled-back load's annotation was the preferred one the other
# load's takes its place, as if that load had come first.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/steward_lib.sh"
onc_need_cluster
fx=$ONC_SRCDIR/tests/fixtures
maf=$fx/mutations/rejects.maf
vcf=$fx/mutations/variants.vcf
ann=$fx/mutations/snpeff.vcf
expect_exit 0 "$ONCOLOAD" init -q
expect_exit 0 "$ONCOLOAD" genes -q "$fx/e2e/gene_info.txt"

round_trip "VEP VCF" "$ONCOLOAD" variants -q --study FX --max-rejects 2 "$vcf"
round_trip "sites-only VCF" "$ONCOLOAD" variants -q --study FX "$ann"
round_trip "MAF" "$ONCOLOAD" mutations -q --study FX --max-rejects 13 "$maf"
round_trip "gene-level copy number" "$ONCOLOAD" copynumber -q --study FX --max-rejects 20 \
	"$fx/copynumber/data_cna_fixture.txt"
expect_eq "nothing left" "$(q "select (select count(*) from warehouse.variant) + (select count(*) from warehouse.gene_copy_number)")" 0

# the VCF alone: the variants carry its annotations
expect_exit 0 "$ONCOLOAD" variants -q --study FX --max-rejects 2 "$vcf"
v=$(last_load)
views_v=$(snap_views_noload)
expect_exit 0 "$ONCOLOAD" rollback -q "$v"

# the MAF first, then the VCF: shared variants carry the MAF's annotation
expect_exit 0 "$ONCOLOAD" mutations -q --study FX --max-rejects 13 "$maf"
k=$(last_load)
expect_exit 0 "$ONCOLOAD" variants -q --study FX --max-rejects 2 "$vcf"
v=$(last_load)
shared=$(q "select count(*) from warehouse.variant x where x.annotation_load_id = $k and exists
	(select 1 from warehouse.variant_annotation a where a.variant_key = x.variant_key and a.load_id = $v)")
[ "$shared" -gt 0 ] || fail "no variant both files annotate"
expect_exit 0 "$ONCOLOAD" rollback "$k"
expect_eq "shared variants kept, with the VCF's annotation, created by the VCF" \
	"$(q "select count(*) filter (where annotation_load_id = $k), count(*) filter (where annotation_load_id = $v and annotation_source = 'vep-csq') >= $shared, bool_and(created_load_id = $v) from warehouse.variant")" \
	"0|t|t"
expect_eq "moved from variant_annotation, not copied" "$(q "select count(*) from warehouse.variant_annotation")" 0
expect_eq "views as with the VCF alone" "$(snap_views_noload)" "$views_v"
left=$(rows_of_load "$k") || fail "rows_of_load"
expect_eq "nothing of the MAF left" "$left" ""

# a failure midway keeps nothing and is recorded as a failed rollback (here
# a row elsewhere that still refers to a sample the MAF created)
expect_exit 0 "$ONCOLOAD" mutations -q --study FX --max-rejects 13 "$maf"
k=$(last_load)
views_k=$(snap_views)
q "create table audit.zz_pin (sample_key int references warehouse.sample)"
q "insert into audit.zz_pin select min(sample_key) from warehouse.sample where created_load_id = $k"
counts_k=$(table_counts)
expect_exit 3 "$ONCOLOAD" rollback "$k"
case $ONC_STDERR in *"foreign key"*"rollback of load $k failed; nothing was changed"*) echo "ok: failure reported" ;;
	*) fail "failure: $ONC_STDERR" ;; esac
expect_eq "nothing changed" "$(snap_views)" "$views_k"
expect_eq "no row count changed" "$(table_counts)" "$counts_k"
expect_eq "the load stays" "$(q "select status, rolled_back_by from audit.load where load_id = $k")" "succeeded|"
expect_eq "a failed rollback recorded" \
	"$(q "select status, message like '%foreign key%' from audit.load where command = 'rollback' and target_load_id = $k")" "failed|t"
q "drop table audit.zz_pin"
expect_exit 0 "$ONCOLOAD" rollback -q "$k"

# samples a rolled-back load created and a later load uses: kept, and
# named as created by the later load (so rolling that back removes them)
expect_exit 0 "$ONCOLOAD" copynumber -q --study CN --max-rejects 20 "$fx/copynumber/data_cna_fixture.txt"
k=$(last_load)
expect_exit 0 "$ONCOLOAD" copynumber -q --study CN --max-rejects 20 "$fx/copynumber/data_cna_long_fixture.txt"
m=$(last_load)
shared=$(q "select count(*) from warehouse.sample s where created_load_id = $k and exists (select 1 from audit.load_part p where p.load_id = $m and p.sample_key = s.sample_key)")
[ "$shared" -gt 0 ] || fail "the long file names none of the matrix's samples"
expect_exit 0 "$ONCOLOAD" rollback -q "$k"
expect_eq "shared samples kept, created by the later load" \
	"$(q "select count(*) filter (where created_load_id = $k), count(*) filter (where created_load_id = $m) >= $shared from warehouse.sample")" "0|t"
expect_eq "the study too" "$(q "select created_load_id from warehouse.study where study_id = 'CN'")" "$m"
expect_exit 0 "$ONCOLOAD" rollback -q "$m"
expect_eq "then gone with it" "$(q "select (select count(*) from warehouse.sample) + (select count(*) from warehouse.study where study_id = 'CN')")" \
	"$(q "select count(*) from warehouse.sample s join warehouse.study st using (study_key) where st.study_id <> 'CN'")"
