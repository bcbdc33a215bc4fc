#!/bin/sh
# reconcile.sh: "oncoload reconcile" on the demo study: no findings after the
# quickstart's loads (exit 0); a reloaded file lists its supersession and is
# not a changed file; fact rows deleted by hand, a changed, a rewritten and a
# deleted source file, samples no clinical file defines, a patient without
# samples, a sample filed under two patients and facts of a rolled-back load
# are found (exit 7) and stored, and so is one sample ID under different
# patients in two studies; withdrawn patients are no finding.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
demo=$tmp/demo
expect_exit 0 "$ONCOLOAD" generate --seed 42 --output "$demo"
demo=$(cd "$demo" && pwd -P)

# the quickstart's load sequence
expect_exit 0 "$ONCOLOAD" clinical "$demo/clinical" "$demo/biospecimen"
expect_exit 0 "$ONCOLOAD" expression --sample-sheet "$demo/gdc_sample_sheet.tsv" "$demo/expression"
expect_exit 0 "$ONCOLOAD" copynumber "$demo/copy_number/data_cna_hg38.seg"
maf=$demo/mutations/DEMO-OSCC.wxs.aliquot_ensemble_masked.maf.gz
expect_exit 0 "$ONCOLOAD" mutations --study DEMO-OSCC "$maf"
loads=$(q "select count(*) from audit.load where status = 'succeeded'")

# latest run's findings of a code: "load|expected|actual" or "sample|patient", sorted
findings()
{
	q "select string_agg(concat_ws('|', coalesce(load_id::text, sample_id, patient_id), expected, actual), ' ' order by load_id, sample_id, patient_id)
	   from audit.reconciliation_finding where code = '$1' and run_id = (select max(run_id) from audit.reconciliation)"
}
out=$tmp/out

# jq JSON SQL: run SQL in which :'j' is the JSON text
jq()
{
	printf '%s\n' "$2" | psql -XAtq -v ON_ERROR_STOP=1 -v j="$1"
}

# --- the demo study as loaded: nothing to report ---
expect_exit 0 "$ONCOLOAD" reconcile
"$ONCOLOAD" reconcile >"$out"
grep -q '^  no findings$' "$out" || fail "no findings: $(cat "$out")"
echo "ok: says no findings"
expect_eq "stored run: clean, every load recounted and its file hashed" \
	"$(q "select status, loads_checked, facts_checked, files_checked, errors + warnings from audit.reconciliation where run_id = (select max(run_id) from audit.reconciliation)")" \
	"clean|$loads|$loads|$loads|0"
json=$("$ONCOLOAD" reconcile --output json)
expect_eq "JSON: run, findings, supersessions" \
	"$(jq "$json" "select (:'j'::jsonb)->'run'->>'status', jsonb_array_length((:'j'::jsonb)->'findings'), (:'j'::jsonb)->'run'->>'loads_checked', (:'j'::jsonb)->'run'->'study'")" \
	"clean|0|$loads|null"

# every load's recount is what its loader recorded, for every data type
expect_eq "recounts equal facts_written" \
	"$(q "select string_agg(distinct data_type || ':' || (audit.load_fact_count(load_id) = facts_written), ' ') from audit.load where status = 'succeeded'")" \
	"biospecimen:true clinical:true copy_number_segment:true expression:true mutation:true"

# --- a newer delivery of a clinical file at the same path ---
xml=$(q "select source_path from audit.load where input_format = 'bcr-clinical-xml' order by load_id limit 1")
old=$(q "select load_id from audit.load where source_path = '$xml'")
sed 's|<clin_shared:days_to_last_followup\([^>]*\)>[0-9]*<|<clin_shared:days_to_last_followup\1>4242<|' "$xml" >"$tmp/new.xml"
cmp -s "$xml" "$tmp/new.xml" && fail "the fixture did not change the XML"
cp "$tmp/new.xml" "$xml"
expect_exit 0 "$ONCOLOAD" clinical "$xml"
new=$(q "select max(load_id) from audit.load")
expect_eq "the old load is superseded" "$(q "select status from audit.load where load_id = $old")" superseded
expect_exit 0 "$ONCOLOAD" reconcile
expect_eq "its supersession listed, for the record" "$(findings load_superseded)" "$old|$old|$new"
expect_eq "a file replaced by a loaded delivery is not a changed file" "$(findings source_changed)" ""
"$ONCOLOAD" reconcile >"$out"
grep -q "^supersessions since run [0-9]* (.*): none$" "$out" || fail "supersessions since the last run: $(cat "$out")"
echo "ok: the next run lists no supersession"

# --- fact rows deleted by hand ---
ml=$(q "select load_id from audit.load where command = 'mutations'")
el=$(q "select min(load_id) from audit.load where command = 'expression'")
cl=$(q "select min(load_id) from audit.load where data_type = 'biospecimen'")
q "delete from warehouse.mutation where ctid in (select ctid from warehouse.mutation where load_id = $ml limit 3)"
evals=$(q "select cardinality(array_remove(vals, null)) from warehouse.expression where load_id = $el order by part_id, chunk_id limit 1")
q "delete from warehouse.expression where (part_id, chunk_id) = (select part_id, chunk_id from warehouse.expression where load_id = $el order by part_id, chunk_id limit 1)"
q "delete from warehouse.clinical_fact where load_id = $cl and fact_id = (select max(fact_id) from warehouse.clinical_fact where load_id = $cl)"
expect_exit 7 "$ONCOLOAD" reconcile
got=$(findings fact_count_mismatch)
cf=$(q "select facts_written from audit.load where load_id = $cl")
expect_eq "the three loads are found, with the counts" "$got" \
	"$cl|$cf|$((cf - 1)) $el|12000|$((12000 - evals)) $ml|447|444"
expect_eq "stored as needing attention" \
	"$(q "select status, errors from audit.reconciliation where run_id = (select max(run_id) from audit.reconciliation)")" "attention|3"

# --- source files: changed (size), rewritten (same size), deleted ---
seg=$demo/copy_number/data_cna_hg38.seg
segl=$(q "select load_id from audit.load where command = 'copynumber'")
echo "# a line more" >>"$seg"
star=$(q "select source_path from audit.load where load_id = $el")
sha=$(q "select source_sha256 from audit.load where load_id = $el")
sed '$ s/[0-9]/7/' "$star" >"$tmp/star" && cat "$tmp/star" >"$star"
[ "$(wc -c <"$star")" -eq "$(q "select source_size from audit.load where load_id = $el")" ] || fail "the rewrite changed the size"
rm "$maf"
expect_exit 7 "$ONCOLOAD" reconcile
expect_eq "changed: by size, and by SHA-256" "$(findings source_changed)" \
	"$el|$sha|$(sha256sum "$star" | cut -c1-64) $segl|$(q "select source_sha256 from audit.load where load_id = $segl")|$(wc -c <"$seg" | tr -d ' ') bytes"
expect_eq "missing" "$(findings source_missing)" "$ml|$(q "select source_sha256 from audit.load where load_id = $ml")"
"$ONCOLOAD" reconcile >"$out" 2>&1 || :
grep -q "source_missing .*load $ml: its source file is gone: $maf" "$out" || fail "table: $(cat "$out")"
echo "ok: the table names the missing file"

# --- samples no clinical file defines ---
mkdir "$tmp/orphans" "$tmp/orphans/f1" "$tmp/orphans/f2"
sed '$ s/[0-9]/3/' "$star" >"$tmp/orphans/f1/a.tsv"
sed '$ s/[0-9]/4/' "$star" >"$tmp/orphans/f2/b.tsv"
{
	head -n 1 "$demo/gdc_sample_sheet.tsv"
	printf 'f1\ta.tsv\tTranscriptome Profiling\tGene Expression Quantification\tDEMO-OSCC\tDEMO-OSCC-P0099\tDEMO-OSCC-P0099-01A\tPrimary Tumor\n'
	printf 'f2\tb.tsv\tTranscriptome Profiling\tGene Expression Quantification\tDEMO-OSCC\tDEMO-OSCC-P0001\tDEMO-OSCC-P0001-06A\tMetastatic\n'
} >"$tmp/orphans/sheet.tsv"
expect_exit 0 "$ONCOLOAD" expression --sample-sheet "$tmp/orphans/sheet.tsv" "$tmp/orphans"
expect_exit 7 "$ONCOLOAD" reconcile --study DEMO-OSCC
expect_eq "a sample of a patient without clinical data" "$(findings sample_without_clinical)" \
	"DEMO-OSCC-P0099-01A|a clinical record|none"
expect_eq "a sample the clinical files do not define" "$(findings sample_not_in_clinical)" \
	"DEMO-OSCC-P0001-06A|a clinical or biospecimen record of the sample|none"
expect_eq "with its patient" "$(q "select patient_id from audit.reconciliation_finding where code = 'sample_not_in_clinical' and run_id = (select max(run_id) from audit.reconciliation)")" DEMO-OSCC-P0001

# --- a patient without samples; a sample filed under two patients ---
q "insert into warehouse.patient (study_key, patient_id) select study_key, 'DEMO-OSCC-P0100' from warehouse.study where study_id = 'DEMO-OSCC'"
q "update warehouse.clinical_fact set patient_key = (select patient_key from warehouse.patient where patient_id = 'DEMO-OSCC-P0002')
   where is_current and sample_key = (select sample_key from warehouse.sample where sample_id = 'DEMO-OSCC-P0003-01A')"
expect_exit 7 "$ONCOLOAD" reconcile
expect_eq "patient without samples" "$(findings patient_without_samples)" "DEMO-OSCC-P0100|a sample|none"
expect_eq "a sample under two patients" "$(findings sample_patient_conflict)" \
	"DEMO-OSCC-P0003-01A|DEMO-OSCC-P0003|DEMO-OSCC-P0002"

# --- withdrawn patients: kept, counted, not findings ---
q "update warehouse.patient set withdrawn = true where patient_id in ('DEMO-OSCC-P0099', 'DEMO-OSCC-P0100')"
expect_exit 7 "$ONCOLOAD" reconcile
expect_eq "no finding about them" "$(findings sample_without_clinical)$(findings patient_without_samples)" ""
expect_eq "counted in the run" "$(q "select patients_withdrawn from audit.reconciliation where run_id = (select max(run_id) from audit.reconciliation)")" 2
expect_eq "their facts still counted" "$(findings fact_count_mismatch | wc -w | tr -d ' ')" 3

# --- copy-number segments of one study in two genome builds ---
awk -F '\t' 'NR == 1 || ($1 == "DEMO-OSCC-P0001-11A" && $2 == "1")' "$seg" | sed 's/P0001-11A/P0001-11B/' >"$tmp/cn37.seg"
expect_exit 0 "$ONCOLOAD" copynumber --study DEMO-OSCC --build GRCh37 "$tmp/cn37.seg"
expect_exit 7 "$ONCOLOAD" reconcile
expect_eq "mixed builds" "$(findings genome_build_mixed)" "one genome build|GRCh37, GRCh38"
expect_eq "and a sample without a patient" "$(findings sample_without_patient)" "DEMO-OSCC-P0001-11B|a patient|none"

# --- a load's status that its parts contradict ---
q "update audit.load set status = 'superseded' where load_id = $ml"
expect_exit 7 "$ONCOLOAD" reconcile
expect_eq "status mismatch" "$(findings load_status_mismatch)" "$ml|no current part|9 of 9 parts current"

# --- facts of a load marked rolled back ---
q "update audit.load set status = 'rolled_back' where load_id = $segl"
expect_exit 7 "$ONCOLOAD" reconcile
expect_eq "orphan facts" "$(findings orphan_facts)" "$segl|0|$(q "select facts_written from audit.load where load_id = $segl")"

# --- a steward runs it (its grants) ---
q "create role onc_test_steward_$$ login in role oncoload_steward"
onc_on_exit "psql -Xq -d postgres -c 'drop role if exists onc_test_steward_$$' >/dev/null 2>&1"
onc_on_exit "psql -Xq -c 'drop owned by onc_test_steward_$$' >/dev/null 2>&1"
expect_exit 7 "$ONCOLOAD" reconcile -d "user=onc_test_steward_$$ dbname=$PGDATABASE"
expect_eq "stored as the steward" "$(q "select db_user from audit.reconciliation where run_id = (select max(run_id) from audit.reconciliation)")" "onc_test_steward_$$"

# --- scope and command line ---
expect_exit 0 "$ONCOLOAD" reconcile --study NO-SUCH-STUDY
expect_eq "an empty scope checks nothing" \
	"$(q "select study_id, loads_checked from audit.reconciliation where run_id = (select max(run_id) from audit.reconciliation)")" "NO-SUCH-STUDY|0"
expect_exit 7 "$ONCOLOAD" reconcile --since '1 hour ago' --output table
expect_exit 0 "$ONCOLOAD" reconcile --study NO-SUCH-STUDY --since '2999-01-01'
expect_exit 2 "$ONCOLOAD" reconcile --since 'not a time'
expect_exit 2 "$ONCOLOAD" reconcile --output csv
expect_exit 2 "$ONCOLOAD" reconcile --bogus
expect_exit 2 "$ONCOLOAD" reconcile extra
expect_exit 0 "$ONCOLOAD" reconcile --help
expect_exit 0 "$ONCOLOAD" reconcile --version
expect_eq "every run stored, those that failed on --since not" \
	"$(q "select count(*) filter (where finished_at is null) from audit.reconciliation")" 0

# --- genotypes and gene-level copy number: recounted as their loaders count ---
fx=$ONC_SRCDIR/tests/fixtures
expect_exit 0 "$ONCOLOAD" genes "$fx/e2e/gene_info.txt"
expect_exit 0 "$ONCOLOAD" variants --study FX --max-rejects 2 "$fx/mutations/variants.vcf"
vl=$(q "select max(load_id) from audit.load")
expect_exit 0 "$ONCOLOAD" genes "$fx/copynumber/gene_info.txt"
expect_exit 0 "$ONCOLOAD" copynumber --study FX --max-rejects 50 "$fx/copynumber/data_cna_fixture.txt"
gl=$(q "select max(load_id) from audit.load")
expect_eq "recounts: genotypes, gene-level values (NULL cells not counted), genes not recounted" \
	"$(q "select string_agg(data_type || ':' || coalesce((audit.load_fact_count(load_id) = facts_written)::text, 'null'), ' ' order by load_id) from audit.load where load_id in ($vl, $gl, $gl - 1)")" \
	"variant:true gene_reference:null copy_number_gene:true"
"$ONCOLOAD" reconcile --study FX >/dev/null 2>&1 || :
expect_eq "no count finding" "$(findings fact_count_mismatch)" ""
q "delete from warehouse.variant_genotype where ctid = (select min(ctid) from warehouse.variant_genotype where load_id = $vl)"
q "update warehouse.gene_copy_number set vals[1] = null where (part_id, chunk_id) = (select part_id, chunk_id from warehouse.gene_copy_number where load_id = $gl and vals[1] is not null order by 1, 2 limit 1)"
expect_exit 7 "$ONCOLOAD" reconcile --study FX
expect_eq "a genotype deleted, a value blanked" "$(findings fact_count_mismatch)" \
	"$vl|$(q "select facts_written || '|' || facts_written - 1 from audit.load where load_id = $vl") $gl|$(q "select facts_written || '|' || facts_written - 1 from audit.load where load_id = $gl")"

# --- one sample ID under different patients in two studies ---
expect_eq "the demo sample is patient P0004's" \
	"$(q "select p.patient_id from warehouse.sample s join warehouse.patient p using (patient_key) where s.sample_id = 'DEMO-OSCC-P0004-01A'")" DEMO-OSCC-P0004
q "insert into warehouse.study (study_id) values ('OTHER-BIOBANK')"
q "insert into warehouse.patient (study_key, patient_id) select study_key, 'OB-17' from warehouse.study where study_id = 'OTHER-BIOBANK'"
q "insert into warehouse.sample (study_key, patient_key, sample_id) select study_key, patient_key, 'DEMO-OSCC-P0004-01A' from warehouse.patient where patient_id = 'OB-17'"
expect_exit 7 "$ONCOLOAD" reconcile --study DEMO-OSCC
expect_eq "seen from the demo study" "$(findings sample_id_two_patients)" "DEMO-OSCC-P0004-01A|DEMO-OSCC-P0004|OB-17"
expect_exit 7 "$ONCOLOAD" reconcile --study OTHER-BIOBANK
expect_eq "seen from the other" "$(findings sample_id_two_patients)" "DEMO-OSCC-P0004-01A|OB-17|DEMO-OSCC-P0004"
expect_exit 7 "$ONCOLOAD" reconcile
expect_eq "once for the whole warehouse" "$(findings sample_id_two_patients)" "DEMO-OSCC-P0004-01A|DEMO-OSCC-P0004|OB-17"
q "update warehouse.patient set withdrawn = true where patient_id = 'OB-17'"
expect_exit 7 "$ONCOLOAD" reconcile
expect_eq "not when one of the patients is withdrawn" "$(findings sample_id_two_patients)" ""
