#!/bin/sh
# expression_star.sh: GDC STAR counts from the project's generator, loaded
# with a GDC sample sheet: counts and every value in v_expression against an
# independent reading of the files, QC rows, skip on the same checksum,
# superseding by a newer file, --force, measures that do not supersede each
# other, JSON output, and two loads at once.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init

demo=$(onc_tmpdir)/demo
"$ONCOLOAD" generate --seed 7 --samples 3 --output "$demo" >/dev/null || fail "generate"
sheet=$demo/gdc_sample_sheet.tsv
expect_exit 0 "$ONCOLOAD" expression --sample-sheet "$sheet" "$demo/expression"

genes=$(find "$demo/expression" -type f | head -1 | xargs awk -F'\t' 'NR > 2 && $1 !~ /^N_/' | wc -l)
expect_eq "loads succeeded" "$(q "select count(*) from audit.load where command = 'expression' and status = 'succeeded'")" 3
expect_eq "facts" "$(q 'select count(*) from warehouse.v_expression')" $((3 * genes * 6))
expect_eq "facts recorded" "$(q "select sum(facts_written) from audit.load where status = 'succeeded'")" $((3 * genes * 6))
expect_eq "records read = loaded" "$(q "select bool_and(records_read = $genes + 4 and records_loaded = records_read) from audit.load where command = 'expression'")" t
expect_eq "QC metrics" "$(q "select count(*) from warehouse.v_expression_qc")" 36
expect_eq "study from the sheet" "$(q "select distinct study_id from warehouse.v_expression")" DEMO-OSCC
expect_eq "patients from the sheet" "$(q "select count(distinct patient_id) from warehouse.v_expression")" \
	"$(awk -F'\t' 'NR > 1 {print $6}' "$sheet" | sort -u | wc -l)"

# every value of one file, read independently with awk, equals the view's
f=$(awk -F'\t' 'NR == 2 {print $1 "/" $2}' "$sheet")
sample=$(awk -F'\t' 'NR == 2 {print $7}' "$sheet")
tmp=$(onc_tmpdir)
awk -F'\t' 'NR > 2 && $1 !~ /^N_/ {
	split($1, id, "."); g = id[1]; if ($1 ~ /_PAR_Y$/) g = g "_PAR_Y"
	print g "\tunstranded\t" $4; print g "\ttpm_unstranded\t" $7; print g "\tfpkm_uq_unstranded\t" $9
}' "$demo/expression/$f" | sort >"$tmp/file.tsv"
q "select gene_id, measure, value from warehouse.v_expression where sample_id = '$sample'
   and measure in ('unstranded', 'tpm_unstranded', 'fpkm_uq_unstranded')" -F "$(printf '\t')" | sort >"$tmp/db.tsv"
expect_eq "rows compared" "$(wc -l <"$tmp/db.tsv")" $((genes * 3))
bad=$(join -t "$(printf '\t')" -j1 <(:) /dev/null 2>/dev/null; paste "$tmp/file.tsv" "$tmp/db.tsv" |
	awk -F'\t' '$1 != $4 || $2 != $5 || ($3 + 0) != ($6 + 0) {n++} END {print n + 0}')
expect_eq "values differing from the file" "$bad" 0
expect_eq "QC value" "$(q "select value from warehouse.v_expression_qc where sample_id = '$sample' and metric = 'N_noFeature' and measure = 'stranded_first'")" \
	"$(awk -F'\t' '$1 == "N_noFeature" {print $5}' "$demo/expression/$f")"

# the same bytes again: skipped, exit 0, nothing new
expect_exit 0 "$ONCOLOAD" expression --sample-sheet "$sheet" "$demo/expression"
expect_eq "skipped" "$(q "select count(*) from audit.load where status = 'skipped' and duplicate_of is not null")" 3
expect_eq "facts unchanged" "$(q 'select count(*) from warehouse.expression')" "$(q 'select count(*) from warehouse.expression e join audit.load_part p using (part_id) where p.is_current')"
expect_eq "facts in view unchanged" "$(q 'select count(*) from warehouse.v_expression')" $((3 * genes * 6))

# a newer file for the same sample replaces the old facts, which are kept
gene1=$(awk -F'\t' 'NR > 2 && $1 !~ /^N_/ {split($1, id, "."); print id[1]; exit}' "$demo/expression/$f")
new=$(onc_tmpdir)
mkdir "$new/v2"
awk -F'\t' 'BEGIN {OFS = "\t"} NR > 2 && $1 !~ /^N_/ && !done {$4 = 999999; done = 1} {print}' \
	"$demo/expression/$f" >"$new/v2/$(basename "$f")"
head -1 "$sheet" >"$new/sheet.tsv"
awk -F'\t' 'BEGIN {OFS = "\t"} NR == 2 {$1 = "v2"; print}' "$sheet" >>"$new/sheet.tsv"
old_load=$(q "select load_id from audit.load where status = 'succeeded' and metadata->>'sample' = '$sample'")
expect_exit 0 "$ONCOLOAD" expression --sample-sheet "$new/sheet.tsv" "$new/v2"
expect_eq "new value visible" "$(q "select value from warehouse.v_expression where sample_id = '$sample' and gene_id = '$gene1' and measure = 'unstranded'")" 999999
expect_eq "one value per gene" "$(q "select count(*) from warehouse.v_expression where sample_id = '$sample' and gene_id = '$gene1'")" 6
expect_eq "old load superseded" "$(q "select status from audit.load where load_id = $old_load")" superseded
expect_eq "old facts kept" "$(q "select count(*) > 0 from warehouse.expression e join audit.load_part p using (part_id) where p.load_id = $old_load")" t
expect_eq "old parts point at the new load" "$(q "select count(distinct superseded_by_load) from audit.load_part where load_id = $old_load")" 1
expect_eq "facts still one set" "$(q 'select count(*) from warehouse.v_expression')" $((3 * genes * 6))

# --force loads the same bytes again, superseding what is current
expect_exit 0 "$ONCOLOAD" expression --force --sample-sheet "$sheet" "$demo/expression/$f"
expect_eq "value back after --force" "$(q "select value from warehouse.v_expression where sample_id = '$sample' and gene_id = '$gene1' and measure = 'unstranded'")" \
	"$(awk -F'\t' 'NR > 2 && $1 !~ /^N_/ {print $4; exit}' "$demo/expression/$f")"

# another measure for the same sample (HTSeq counts) supersedes nothing
awk -F'\t' 'NR > 2 && $1 !~ /^N_/ {print $1 "\t" $4} END {print "__no_feature\t12"}' "$demo/expression/$f" >"$new/x.htseq.counts"
before=$(q "select count(*) from audit.load_part where is_current")
expect_exit 0 "$ONCOLOAD" expression --study DEMO-OSCC --sample "$sample" "$new/x.htseq.counts"
expect_eq "HTSeq adds a part" "$(q "select count(*) from audit.load_part where is_current")" $((before + 1))
expect_eq "HTSeq measure" "$(q "select count(*) from warehouse.v_expression where measure = 'htseq_counts'")" "$genes"
expect_eq "HTSeq QC" "$(q "select value from warehouse.v_expression_qc where metric = '__no_feature'")" 12

# JSON outcome lines
out=$("$ONCOLOAD" expression --output json --sample-sheet "$sheet" "$demo/expression/$f")
case $out in '{"load_id":'*'"status":"skipped"'*) echo "ok: json outcome" ;; *) fail "json: [$out]" ;; esac

# two loads at once into one study: both land, one after the other
"$ONCOLOAD" generate --seed 8 --samples 4 --study DEMO-OSCC --output "$new/b" >/dev/null || fail "generate b"
"$ONCOLOAD" expression -q --sample-sheet "$new/b/gdc_sample_sheet.tsv" "$new/b/expression" >"$new/p1.out" 2>&1 &
p1=$!
"$ONCOLOAD" expression -q --force --sample-sheet "$new/b/gdc_sample_sheet.tsv" "$new/b/expression" >"$new/p2.out" 2>&1 &
p2=$!
wait $p1 || fail "parallel load 1: $(cat "$new/p1.out")"
wait $p2 || fail "parallel load 2: $(cat "$new/p2.out")"
expect_eq "current parts per sample and measure stay unique" \
	"$(q "select count(*) from (select sample_key, measure_key, workflow from audit.load_part where is_current group by 1, 2, 3 having count(*) > 1) d")" 0

# the checksum each load recorded is the file's (it is computed while a file
# of a size never loaded before loads)
for id in $(q "select load_id from audit.load where status = 'succeeded'"); do
	path=$(q "select source_path from audit.load where load_id = $id")
	expect_eq "load $id sha256" "$(q "select source_sha256 || ' ' || source_size from audit.load where load_id = $id")" \
		"$(sha256sum "$path" | cut -d' ' -f1) $(stat -c %s "$path")"
done

# the same bytes in two runs at once: one loads, the other is skipped,
# whichever of the two checks (before the load, before its commit) sees it
twin=$(onc_tmpdir)
"$ONCOLOAD" generate --seed 9 --samples 1 --output "$twin" >/dev/null || fail "generate twin"
twin_sheet=$twin/gdc_sample_sheet.tsv
twin_file=$(find "$twin/expression" -type f)
"$ONCOLOAD" expression -q --sample-sheet "$twin_sheet" "$twin_file" >"$twin/t1.out" 2>&1 &
t1=$!
"$ONCOLOAD" expression -q --sample-sheet "$twin_sheet" "$twin_file" >"$twin/t2.out" 2>&1 &
t2=$!
wait $t1 || fail "twin load 1: $(cat "$twin/t1.out")"
wait $t2 || fail "twin load 2: $(cat "$twin/t2.out")"
expect_eq "twin outcomes" "$(q "select string_agg(status, ',' order by status) from audit.load
	where source_path = '$(realpath "$twin_file")'")" "skipped,succeeded"
expect_eq "twin skip names the load" "$(q "select count(*) from audit.load s join audit.load l on l.load_id = s.duplicate_of
	where s.source_path = '$(realpath "$twin_file")' and s.status = 'skipped' and l.status = 'succeeded'
	and s.source_sha256 = l.source_sha256")" 1
twin_genes=$(awk -F'\t' 'NR > 2 && $1 !~ /^N_/' "$twin_file" | wc -l)
expect_eq "twin facts once" "$(q "select facts_written from audit.load where status = 'succeeded'
	and source_path = '$(realpath "$twin_file")'")" $((twin_genes * 6))
expect_eq "the skipped twin kept nothing" "$(q "select count(*) from warehouse.expression e join audit.load l using (load_id)
	where l.source_path = '$(realpath "$twin_file")' and l.status = 'skipped'")" 0

# other bytes of the same size are not the same file: loaded
same=$(onc_tmpdir)
mkdir "$same/s2"
sed 's/\t1\t/\t2\t/' "$twin_file" >"$same/s2/$(basename "$twin_file")"
[ "$(stat -c %s "$same/s2/$(basename "$twin_file")")" = "$(stat -c %s "$twin_file")" ] || fail "same-size file differs in size"
cmp -s "$twin_file" "$same/s2/$(basename "$twin_file")" && fail "same-size file has the same bytes"
head -1 "$twin_sheet" >"$same/sheet.tsv"
awk -F'\t' 'BEGIN {OFS = "\t"} NR == 2 {$1 = "s2"; print}' "$twin_sheet" >>"$same/sheet.tsv"
expect_exit 0 "$ONCOLOAD" expression -q --sample-sheet "$same/sheet.tsv" "$same/s2"
expect_eq "same size, other bytes: loaded" "$(q "select status from audit.load where source_path = '$(realpath "$same/s2/$(basename "$twin_file")")'")" succeeded
