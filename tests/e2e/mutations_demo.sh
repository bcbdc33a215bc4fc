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
