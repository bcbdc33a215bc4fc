#!/bin/sh
# mutations_demo.sh: the generator's MAF (GDC per-aliquot masked layout, 140
# columns) is the same for the same seed, names the cohort's tumours and
# their normals, and loads whole into the demo study beside its expression.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
tmp=$(onc_tmpdir)
"$ONCOLOAD" generate --seed 5 --samples 8 --output "$tmp/a" >/dev/null || fail "generate"
"$ONCOLOAD" generate --seed 5 --samples 8 --output "$tmp/b" >/dev/null || fail "generate again"
maf=$tmp/a/mutations/DEMO-OSCC.wxs.aliquot_ensemble_masked.maf.gz
[ -f "$maf" ] || fail "no MAF in $tmp/a/mutations"
cmp -s "$maf" "$tmp/b/mutations/DEMO-OSCC.wxs.aliquot_ensemble_masked.maf.gz" || fail "same seed, other bytes"
expect_eq "140 columns on every line" "$(gzip -dc "$maf" | grep -v '^#' | awk -F '\t' '{ print NF }' | sort -u)" 140
expect_eq "tumours of the sheet" "$(gzip -dc "$maf" | grep -v '^#' | awk -F '\t' 'NR > 1 { print $16 }' | sort -u)" \
	"$(awk -F '\t' '$8 == "Primary Tumor" { print $7 }' "$tmp/a/gdc_sample_sheet.tsv" | sort)"
expect_eq "matched normals from the sheet" \
	"$(gzip -dc "$maf" | grep -v '^#' | awk -F '\t' 'NR > 1 && $17 != "" { print $17 }' | sort -u)" \
	"$(awk -F '\t' '$8 == "Solid Tissue Normal" { print $7 }' "$tmp/a/gdc_sample_sheet.tsv" | sort)"

expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" expression --sample-sheet "$tmp/a/gdc_sample_sheet.tsv" "$tmp/a/expression"
expect_exit 0 "$ONCOLOAD" mutations --study DEMO-OSCC "$maf"
n=$(gzip -dc "$maf" | grep -v '^#' | awk 'END { print NR - 1 }')
expect_eq "every line loads" "$(q "select records_read, records_loaded from audit.load where command = 'mutations'")" "$n|$n"
expect_eq "mutations on the expression's samples and patients" \
	"$(q "select count(*) from warehouse.v_mutation m where patient_id is not null and exists (select 1 from warehouse.v_expression e where e.sample_id = m.sample_id)")" "$n"
expect_eq "TP53 mutated in the cohort" "$(q "select count(distinct sample_id) > 0 from warehouse.v_mutation where gene_symbol = 'TP53'")" t
expect_eq "workflow" "$(q "select distinct workflow from warehouse.v_mutation")" gdc-aliquot-masked
# the first load into the empty tables gave the planner statistics, but none
# for jsonb columns, which it does not use
expect_eq "statistics after the first load" "$(q "select string_agg(tablename || '.' || attname, ' ' order by tablename, attname)
	from pg_stats where schemaname = 'warehouse' and tablename in ('mutation', 'variant')
	and attname in ('variant_key', 'part_id', 'gene_key', 'extra', 'annotation_extra')")" \
	"mutation.part_id mutation.variant_key variant.gene_key variant.variant_key"
expect_eq "a 9,000-row sample (statistics target 30)" "$(q "select array_length(histogram_bounds::text::text[], 1)
	from pg_stats where schemaname = 'warehouse' and tablename = 'mutation' and attname = 'source_line'")" 31

# The variant dimension's look-ups: a first load into an empty dimension
# asks nothing (every key is surely new); the same MAF into another study
# asks for every variant, finds each, and adds none.
v=$(q "select count(*) from warehouse.variant")
expect_eq "first load: no look-ups" \
	"$(q "select metadata->>'variant_lookups', metadata->>'variants_new' from audit.load where command = 'mutations' and study_id = 'DEMO-OSCC'")" "0|$v"
expect_exit 0 "$ONCOLOAD" mutations --study DEMO-OSCC-COPY "$maf"
expect_eq "second study: every variant looked up and found" \
	"$(q "select metadata->>'variant_lookups', metadata->>'variants_known', metadata->>'variants_new' from audit.load where command = 'mutations' and study_id = 'DEMO-OSCC-COPY'")" "$v|$v|0"
expect_eq "no variant twice" "$(q "select count(*) from warehouse.variant")" "$v"
