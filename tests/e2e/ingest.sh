#!/bin/sh
# ingest.sh: oncoload ingest loads the demo study's folder in dependency
# order with the same result as the commands one by one; a second run skips
# everything; a corrupt MAF and a corrupt clinical file among good ones fail
# alone (quarantined, exit 5) while the rest load and are archived; a GDC
# manifest's MD5 mismatch and missing file are failed files, not loads; the
# JSON log lines parse.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
command -v python3 >/dev/null 2>&1 || {
	echo "SKIP: ingest: python3 is needed to parse the JSON log"
	exit 77
}
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)

# log_count LOG KEY VALUE: lines of LOG (each must parse) whose KEY is VALUE
log_count()
{
	python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1]):
    rec = json.loads(line)
    for k in ("time", "path", "kind", "command", "outcome", "exit_code", "load_id", "message"):
        assert k in rec, (k, line)
    n += str(rec[sys.argv[2]]) == sys.argv[3]
print(n)' "$@" || fail "the log $1 does not parse"
}

"$ONCOLOAD" generate --seed 42 --output "$tmp/demo" >/dev/null || fail "generate"
echo "shopping list: milk, eggs" >"$tmp/demo/notes.txt"
cp -R "$tmp/demo" "$tmp/drop"

# --- the plan: in order, and nothing loaded ---------------------------------
out=$("$ONCOLOAD" ingest --dry-run "$tmp/drop") || fail "dry run exited $?"
printf '%s\n' "$out" | grep -q 'notes.txt' || fail "dry run does not list the ignored file"
expect_eq "dry run: kinds in load order" \
	"$(printf '%s\n' "$out" | awk '$1 ~ /^[0-9]+$/ {print $2}' | uniq | tr '\n' ' ')" \
	"clinical biospecimen copynumber mutations expression "
expect_eq "dry run loads nothing" "$(q 'select count(*) from audit.load')" 0

# --- the first run --------------------------------------------------------------
expect_exit 0 "$ONCOLOAD" ingest --log "$tmp/run1.log" "$tmp/drop"
expect_eq "every data file one load" \
	"$(q "select string_agg(command || ':' || status || ':' || n, ' ' order by first)
	      from (select command, status, count(*) n, min(load_id) first from audit.load group by 1, 2) s")" \
	"clinical:succeeded:18 copynumber:succeeded:1 mutations:succeeded:1 expression:succeeded:12"
# order: every clinical file before every biospecimen file, those before the
# genomic files, and expression last
expect_eq "clinical before biospecimen" \
	"$(q "select max(load_id) filter (where input_format like '%clinical%') <
	             min(load_id) filter (where input_format like '%biospecimen%') from audit.load")" t
expect_eq "biospecimen before genomic" \
	"$(q "select max(load_id) filter (where command = 'clinical') <
	             min(load_id) filter (where command in ('copynumber', 'mutations')) from audit.load")" t
expect_eq "genomic before expression" \
	"$(q "select max(load_id) filter (where command in ('copynumber', 'mutations')) <
	             min(load_id) filter (where command = 'expression') from audit.load")" t
expect_eq "log: one line per file" "$(wc -l <"$tmp/run1.log" | tr -d ' ')" 35
expect_eq "log: loaded" "$(log_count "$tmp/run1.log" outcome loaded)" 32
expect_eq "log: ignored (notes, sample sheet, meta file)" "$(log_count "$tmp/run1.log" outcome ignored)" 3
expect_eq "log: the notes file is ignored" \
	"$(grep notes.txt "$tmp/run1.log" | grep -c '"outcome":"ignored"')" 1
expect_eq "log: load ids are those of the loads" \
	"$(python3 -c 'import json,sys; print(sum(json.loads(l)["load_id"] or 0 for l in open(sys.argv[1])))' "$tmp/run1.log")" \
	"$(q 'select sum(load_id) from audit.load')"

# the same as loading with each command by hand (scripts/quickstart's way)
ref=t_ingest_ref_$$
psql -XAtq -d postgres -c "create database $ref" || fail "create $ref"
onc_on_exit "psql -XAtq -d postgres -c 'drop database if exists $ref with (force)' >/dev/null 2>&1"
d=$tmp/demo
expect_exit 0 "$ONCOLOAD" init -d "$ref"
expect_exit 0 "$ONCOLOAD" clinical -q -d "$ref" "$d/clinical" "$d/biospecimen"
expect_exit 0 "$ONCOLOAD" copynumber -q -d "$ref" "$d/copy_number/data_cna_hg38.seg"
expect_exit 0 "$ONCOLOAD" mutations -q -d "$ref" --study DEMO-OSCC "$d/mutations/DEMO-OSCC.wxs.aliquot_ensemble_masked.maf.gz"
expect_exit 0 "$ONCOLOAD" expression -q -d "$ref" --sample-sheet "$d/gdc_sample_sheet.tsv" "$d/expression"
counts="select (select count(*) from warehouse.v_sample) || ' ' ||
	(select count(*) from warehouse.v_clinical_patient) || ' ' ||
	(select count(*) from warehouse.clinical_fact) || ' ' ||
	(select count(*) from warehouse.v_mutation) || ' ' ||
	(select count(*) from warehouse.v_copy_number_segment) || ' ' ||
	(select count(*) from warehouse.v_expression) || ' ' ||
	(select sum(records_loaded) from audit.load where status = 'succeeded')"
want=$(q "$counts" -d "$ref")
expect_eq "same warehouse as the commands one by one" "$(q "$counts")" "$want"

# --- a second run skips everything ------------------------------------------------
expect_exit 0 "$ONCOLOAD" ingest --quiet --log "$tmp/run2.log" "$tmp/drop"
expect_eq "second run: skipped" "$(log_count "$tmp/run2.log" outcome skipped)" 32
expect_eq "second run: nothing loaded" "$(log_count "$tmp/run2.log" outcome loaded)" 0
expect_eq "second run: new loads are skips" \
	"$(q "select count(*) filter (where status = 'skipped') || '/' || count(*) from audit.load where load_id > 32")" "32/32"
expect_eq "second run: facts unchanged" "$(q "$counts")" "$want"

# --- failures in the middle of a run: quarantined, the rest go on --------------
"$ONCOLOAD" generate --seed 7 --study DEMO-TWO --output "$tmp/two" >/dev/null || fail "generate two"
maf=$tmp/two/mutations/DEMO-TWO.wxs.aliquot_ensemble_masked.maf.gz
head -c "$(($(wc -c <"$maf") / 2))" "$maf" >"$tmp/half.gz" && mv "$tmp/half.gz" "$maf"
xml=$(find "$tmp/two/clinical" -name '*.xml' | sort | sed -n 3p)
xml_rel=${xml#"$tmp/two/"}
head -c 3000 "$xml" >"$tmp/half.xml" && mv "$tmp/half.xml" "$xml"
before=$(q 'select max(load_id) from audit.load')
expect_exit 5 "$ONCOLOAD" ingest --archive "$tmp/archive" --quarantine "$tmp/quarantine" \
	--log "$tmp/run3.log" "$tmp/two"
printf '%s\n' "$ONC_STDERR" | grep -q "mutations file failed" || fail "no message for the failed MAF"
expect_eq "run 3: failed" "$(log_count "$tmp/run3.log" outcome failed)" 2
expect_eq "run 3: loaded" "$(log_count "$tmp/run3.log" outcome loaded)" 34
expect_eq "run 3: loads after the failures went on" \
	"$(q "select count(*) from audit.load where load_id > $before and command = 'expression' and status = 'succeeded'")" 12
expect_eq "run 3: failed loads recorded" \
	"$(q "select count(*) from audit.load where load_id > $before and status = 'failed'")" 2
[ -f "$tmp/quarantine/mutations/DEMO-TWO.wxs.aliquot_ensemble_masked.maf.gz" ] || fail "MAF not quarantined"
[ -f "$tmp/quarantine/$xml_rel" ] || fail "clinical file not quarantined at $xml_rel"
[ -f "$tmp/quarantine/gdc_sample_sheet.tsv" ] || fail "sample sheet not copied beside the quarantined files"
expect_eq "archived, relative paths kept" \
	"$(cd "$tmp/archive" && find . -name '*.tsv' -path './expression/*' | wc -l | tr -d ' ')" 12
[ -f "$tmp/archive/copy_number/data_cna_hg38.seg" ] || fail "segments not archived"
[ -f "$tmp/archive/copy_number/meta_cna_hg38_seg.txt" ] || fail "meta file not archived with its data"
expect_eq "the drop folder is empty" "$(find "$tmp/two" -type f | wc -l | tr -d ' ')" 0

# an archive inside the drop folder is not walked
mkdir -p "$tmp/inner/x"
cp "$tmp/demo/copy_number/data_cna_hg38.seg" "$tmp/demo/copy_number/meta_cna_hg38_seg.txt" "$tmp/inner/x/"
expect_exit 0 "$ONCOLOAD" ingest --quiet --archive "$tmp/inner/done" --log "$tmp/inner.log" "$tmp/inner"
expect_exit 0 "$ONCOLOAD" ingest --quiet --archive "$tmp/inner/done" --log "$tmp/inner.log" "$tmp/inner"
expect_eq "inner archive: skipped once, then nothing found" \
	"$(log_count "$tmp/inner.log" outcome skipped) $(wc -l <"$tmp/inner.log" | tr -d ' ')" "1 2"
[ -f "$tmp/inner/done/x/data_cna_hg38.seg" ] || fail "not archived inside the drop folder"
# --min-age leaves a file just written for a later run
mkdir "$tmp/inner/y"
cp "$tmp/demo/copy_number/data_cna_hg38.seg" "$tmp/demo/copy_number/meta_cna_hg38_seg.txt" "$tmp/inner/y/"
expect_exit 0 "$ONCOLOAD" ingest --quiet --min-age 3600 --archive "$tmp/inner/done" --log "$tmp/young.log" "$tmp/inner"
grep data_cna_hg38.seg "$tmp/young.log" | grep -q '"outcome":"ignored".*min-age' || fail "a young file was not left alone"
[ -f "$tmp/inner/y/data_cna_hg38.seg" ] && [ -f "$tmp/inner/y/meta_cna_hg38_seg.txt" ] ||
	fail "a young file or its meta file was moved"
touch -d '2 hours ago' "$tmp/inner/y/data_cna_hg38.seg"
expect_exit 0 "$ONCOLOAD" ingest --quiet --min-age 3600 --archive "$tmp/inner/done" --log "$tmp/young.log" "$tmp/inner"
expect_eq "old enough: taken" "$(log_count "$tmp/young.log" outcome skipped)" 1
[ -f "$tmp/inner/done/y/data_cna_hg38.seg" ] || fail "not archived once old enough"

# --- a GDC manifest: MD5 mismatch and missing files fail, the rest load -------------
"$ONCOLOAD" generate --seed 9 --samples 3 --study DEMO-GDC --output "$tmp/g" >/dev/null || fail "generate g"
mkdir "$tmp/gdc"
cp "$tmp/g/gdc_sample_sheet.tsv" "$tmp/gdc/"
printf 'id\tfilename\tmd5\tsize\tstate\n' >"$tmp/gdc/gdc_manifest.2026-11-21.txt"
for f in "$tmp"/g/expression/*/*; do
	id=$(basename "$(dirname "$f")")
	name=$(basename "$f")
	mkdir "$tmp/gdc/$id"
	cp "$f" "$tmp/gdc/$id/"
	printf '%s\t%s\t%s\t%s\treleased\n' "$id" "$name" "$(md5sum <"$f" | cut -c1-32)" \
		"$(wc -c <"$f" | tr -d ' ')" >>"$tmp/gdc/gdc_manifest.2026-11-21.txt"
done
printf 'deadbeef-0000-0000-0000-000000000000\tnever_downloaded.tsv\t0123456789abcdef0123456789abcdef\t10\treleased\n' \
	>>"$tmp/gdc/gdc_manifest.2026-11-21.txt"
bad=$(find "$tmp/gdc" -name '*.tsv' -path '*-*/*' | sort | head -1)
printf '\n' >>"$bad"
before=$(q 'select max(load_id) from audit.load')
expect_exit 5 "$ONCOLOAD" ingest --log "$tmp/run4.log" "$tmp/gdc/gdc_manifest.2026-11-21.txt"
expect_eq "manifest: loaded" "$(log_count "$tmp/run4.log" outcome loaded)" 2
expect_eq "manifest: failed (MD5, missing)" "$(log_count "$tmp/run4.log" outcome failed)" 2
grep "$(basename "$bad")" "$tmp/run4.log" | grep -q '"outcome":"failed".*MD5' ||
	fail "the changed file is not failed for its MD5"
grep never_downloaded "$tmp/run4.log" | grep -q 'not found on disk' ||
	fail "the missing file is not reported"
expect_eq "manifest: the changed file was not loaded" \
	"$(q "select count(*) from audit.load where load_id > $before and source_path like '%$(basename "$bad")'")" 0
expect_eq "manifest: loads into the sheet's study" \
	"$(q "select string_agg(distinct study_id, ',') from audit.load where load_id > $before")" DEMO-GDC

# --- classification of the shared corpus (when it is there) ------------------------
SHARED=${ONC_SHARED_DIR:-$ONC_SRCDIR/../shared}
if [ -d "$SHARED/corpus/cbioportal/study_es_0" ]; then
	out=$("$ONCOLOAD" ingest --dry-run "$SHARED/corpus/cbioportal/study_es_0") || fail "dry run study_es_0"
	expect_eq "study_es_0: what loads, in order" \
		"$(printf '%s\n' "$out" | awk '$1 ~ /^[0-9]+$/ {print $2 ":" $3}' | tr '\n' ' ')" \
		"clinical:data_clinical_patients.txt clinical:data_clinical_samples.txt copynumber:data_cna_discrete.txt copynumber:data_cna_hg19.seg copynumber:data_cna_log2.txt mutations:data_mutations_extended.maf expression:data_expression_median.txt expression:data_expression_median_Zscores.txt "
	for f in data_structural_variants.txt data_gistic_genes_amp.txt data_methylation_hm27.txt data_resource_patient.txt; do
		printf '%s\n' "$out" | grep -q "^   -  ignored      $f " || fail "study_es_0: $f is not ignored"
	done
	out=$("$ONCOLOAD" ingest --dry-run "$SHARED/reference") || fail "dry run reference"
	expect_eq "gene references: GENCODE before gene_info" \
		"$(printf '%s\n' "$out" | awk '$1 ~ /^[0-9]+$/ {print $2 ":" $3}' | tr '\n' ' ')" \
		"genes:gencode.v36.annotation.genes.gtf.gz genes:Homo_sapiens.gene_info.gz "
else
	echo "# no shared corpus: classification of study_es_0 not checked"
fi

# usage: --help, --version, a bad option
out=$("$ONCOLOAD" ingest --help) || fail "ingest --help exited $?"
case $out in
	*"Usage:"*"--archive"*"Exit status:"*) echo "ok: ingest --help" ;;
	*) fail "ingest --help lacks usage, options or the exit-code table" ;;
esac
out=$("$ONCOLOAD" ingest --version) || fail "ingest --version exited $?"
case $out in "oncoload ingest (oncoload) "*) echo "ok: ingest --version" ;; *) fail "ingest --version: $out" ;; esac
expect_exit 2 "$ONCOLOAD" ingest
expect_exit 2 "$ONCOLOAD" ingest --bogus "$tmp/drop"
expect_eq "bad option: one line and a hint" "$(printf '%s\n' "$ONC_STDERR" | wc -l | tr -d ' ')" 2
expect_exit 2 "$ONCOLOAD" ingest --max-rejects=many "$tmp/drop"
expect_exit 2 "$ONCOLOAD" ingest "$tmp/drop" "$tmp/gdc"
expect_exit 4 "$ONCOLOAD" ingest "$tmp/no-such-folder"
echo "PASS: ingest"
