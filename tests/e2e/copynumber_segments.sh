#!/bin/sh
# copynumber_segments.sh: segment files end to end, on the project's
# fixtures: GDC masked and ASCAT segments through a sample sheet (the
# aliquot under the sheet's sample), R DNAcopy tables, every segment reject
# code at its line and column, the reject budget, genome builds (from the
# file, --build, the study's; conflicts), superseding by workflow, the same
# bytes skipped, withdrawn patients, the analyst's view, and the demo
# generator's segments.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
fx=$ONC_SRCDIR/tests/fixtures/copynumber
tmp=$(onc_tmpdir)
expect_exit 0 "$ONCOLOAD" init

# the command answers --help and --version, and refuses bad usage with exit 2
expect_exit 0 "$ONCOLOAD" copynumber --help
expect_exit 0 "$ONCOLOAD" copynumber --version
expect_exit 2 "$ONCOLOAD" copynumber --no-such-option "$fx/bad_segments.seg"
expect_exit 2 "$ONCOLOAD" copynumber --build hg18 "$fx/bad_segments.seg"
expect_exit 2 "$ONCOLOAD" copynumber --measure mrna "$fx/bad_segments.seg"
expect_exit 2 "$ONCOLOAD" copynumber --input-format seg "$fx/bad_segments.seg"
expect_exit 2 "$ONCOLOAD" copynumber
expect_exit 2 "$ONCOLOAD" copynumber --build hg19 "$fx/bad_segments.seg"
case $ONC_STDERR in *"no study is known"*) echo "ok: no study" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 4 "$ONCOLOAD" copynumber --study T --build hg19 "$tmp/no-such-file.seg"

# --- GDC segments: the sheet names study, case and sample; the file the aliquot ---
g1=$fx/gdc/f0001
g2=$fx/gdc/f0002
masked=$g1/a.nocnv_grch38.seg.v2.txt
ascat=$g2/a.ascat2.allelic_specific.seg.txt
# without the sheet the aliquot UUID belongs to no sample: exit 1
expect_exit 1 "$ONCOLOAD" copynumber --study TCGA-HNSC "$masked"
case $ONC_STDERR in *"no sample is known"*) echo "ok: GDC aliquot needs its sample" ;; *) fail "[$ONC_STDERR]" ;; esac
# a file stating GRCh38 is not loaded as GRCh37
expect_exit 2 "$ONCOLOAD" copynumber --sample-sheet "$fx/gdc_sample_sheet.tsv" --build hg19 "$masked"
case $ONC_STDERR in *"the file is on GRCh38 (file name), not GRCh37"*) echo "ok: build conflict" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 0 "$ONCOLOAD" copynumber --sample-sheet "$fx/gdc_sample_sheet.tsv" "$g1" "$g2"
expect_eq "formats and workflows" "$(q "select string_agg(input_format || '/' || workflow || '/' || data_type, ' ' order by load_id) from audit.load where status = 'succeeded'")" \
	"gdc-seg/DNAcopy masked/copy_number_segment gdc-ascat-seg/ASCAT2/copy_number_segment"
expect_eq "builds recorded" "$(q "select string_agg((metadata->>'genome_build') || ' from ' || (metadata->>'genome_build_from'), ',' order by load_id) from audit.load where status = 'succeeded'")" \
	"GRCh38 from file name,GRCh38 from format"
expect_eq "segments" "$(q "select count(*) from warehouse.v_copy_number_segment")" \
	$(($(grep -vc '^GDC_Aliquot' "$masked") + $(grep -vc '^GDC_Aliquot' "$ascat")))
expect_eq "specimen levels" "$(q "select distinct study_id || ' ' || patient_id || ' ' || sample_id || ' ' || aliquot_id || ' ' || sample_type from warehouse.v_copy_number_segment")" \
	"TCGA-HNSC TCGA-CV-5430 TCGA-CV-5430-01A 5d8a3f2c-1b4e-4c6d-9e7f-0a1b2c3d4e5f Primary Tumor"
expect_eq "CCND1 amplicon (masked)" "$(q "select start_position || '-' || end_position || ' ' || num_probes || ' ' || segment_mean || ' ' || genome_build from warehouse.v_copy_number_segment where workflow = 'DNAcopy masked' and chromosome = '11' and segment_mean > 1")" \
	"69000000-70600000 880 1.2871 GRCh38"
expect_eq "chromosome 23 is X" "$(q "select count(*) from warehouse.v_copy_number_segment where chromosome = 'X'")" 2
expect_eq "ASCAT copy numbers" "$(q "select string_agg(chromosome || ':' || copy_number || '/' || major_copy_number || '/' || minor_copy_number, ' ' order by chromosome::text, start_position) from warehouse.v_copy_number_segment where workflow = 'ASCAT2'")" \
	"1:2/1/1 11:9/9/0 3:1/1/0 3:4/3/1 9:0/0/0 X:2/2/0"
expect_eq "ASCAT has no segment means" "$(q "select count(*) from warehouse.v_copy_number_segment where workflow = 'ASCAT2' and (segment_mean is not null or num_probes is not null)")" 0
expect_eq "every value as the file has it" \
	"$(awk -F'\t' 'NR > 1 {c = $2; if (c == "23") c = "X"; print c ":" $3 "-" $4 ":" $5 ":" $6 + 0}' "$masked" | sort | tr '\n' ' ')" \
	"$(q "select chromosome || ':' || start_position || '-' || end_position || ':' || num_probes || ':' || segment_mean from warehouse.v_copy_number_segment where workflow = 'DNAcopy masked'" | sort | tr '\n' ' ')"
expect_eq "one part per aliquot and workflow" "$(q "select count(*) || ' ' || sum(facts) from audit.load_part where data_type = 'copy_number_segment'")" "2 16"
expect_eq "fact rows carry their part's load" "$(q "select count(*) from warehouse.copy_number_segment c join audit.load_part p using (part_id) where p.load_id <> c.load_id")" 0
expect_eq "source lines kept" "$(q "select min(line) || '-' || max(line) from warehouse.copy_number_segment c join audit.load l using (load_id) where l.workflow = 'DNAcopy masked'")" "2-11"

# the same bytes again: skipped; --force loads again and supersedes
expect_exit 0 "$ONCOLOAD" copynumber --sample-sheet "$fx/gdc_sample_sheet.tsv" "$masked"
expect_eq "same bytes skipped" "$(q "select count(*) from audit.load where status = 'skipped'")" 1
expect_exit 0 "$ONCOLOAD" copynumber --sample-sheet "$fx/gdc_sample_sheet.tsv" --force --output json "$masked"
expect_eq "--force supersedes" "$(q "select string_agg(status, ',' order by load_id) from audit.load where workflow = 'DNAcopy masked' and status <> 'failed'")" "superseded,skipped,succeeded"
expect_eq "still 16 current segments" "$(q "select count(*) from warehouse.v_copy_number_segment")" 16
# another masked file of the same aliquot replaces it; ASCAT stays
mkdir -p "$tmp/$(basename "$g1")"
head -5 "$masked" >"$tmp/$(basename "$g1")/a.nocnv_grch38.seg.v2.txt"
expect_exit 0 "$ONCOLOAD" copynumber --sample-sheet "$fx/gdc_sample_sheet.tsv" "$tmp/$(basename "$g1")/a.nocnv_grch38.seg.v2.txt"
expect_eq "replaced by workflow" "$(q "select workflow || '=' || count(*) from warehouse.v_copy_number_segment group by workflow order by workflow" | tr '\n' ' ')" "ASCAT2=6 DNAcopy masked=4 "

# --- every reject code, with line and column ---
bad=$fx/bad_segments.seg
expect_exit 2 "$ONCOLOAD" copynumber --study BAD "$bad"
case $ONC_STDERR in *"no genome build is known"*"--build"*) echo "ok: a build is needed" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 1 "$ONCOLOAD" copynumber --study BAD --build hg19 "$bad"
case $ONC_STDERR in *"bad_segments.seg:5:2: error: "*"[unknown_chromosome]"*) echo "ok: reject message" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "budget 0: failed, its reject kept" "$(q "select l.status || ' ' || count(r.*) from audit.load l left join audit.reject r using (load_id) where l.study_id = 'BAD' group by l.status")" "failed 1"
expect_exit 0 "$ONCOLOAD" copynumber --study BAD --build hg19 --max-rejects 9 "$bad"
id=$(q "select load_id from audit.load where study_id = 'BAD' and status = 'succeeded'")
expect_eq "read|loaded|rejected|filtered" "$(q "select records_read || '|' || records_loaded || '|' || records_rejected || '|' || records_filtered || '|' || facts_written from audit.load where load_id = $id")" \
	"$(grep -vc '^ID' "$bad")|6|9|1|6"
expect_eq "rejects" "$(q "select string_agg(line || ':' || coalesce(col::text, '-') || ':' || reason, ' ' order by line) from audit.reject where load_id = $id")" \
	"5:2:unknown_chromosome 6:3:start_after_end 7:3:invalid_position 8:4:position_out_of_range 9:5:invalid_number 10:6:invalid_number 11:-:column_count 12:1:sample_missing 16:3:invalid_position"
expect_eq "raw line kept" "$(q "select raw from audit.reject where load_id = $id and line = 8")" "$(sed -n 8p "$bad")"
expect_eq "warnings counted" "$(q "select metadata->'warnings'->>'zero_length_segment' from audit.load where load_id = $id")" 1
expect_eq "loaded segments" "$(q "select string_agg(sample_id || ':' || chromosome || ':' || coalesce(num_probes::text, 'null') || ':' || segment_mean, ' ' order by sample_id, start_position, chromosome, segment_mean desc) from warehouse.v_copy_number_segment where study_id = 'BAD'")" \
	"S-1:X:70000:0.003 S-1:1:120000:0.01 S-1:2:110000:-0.02 S-2:Y:null:0.25 S-2:Y:10:0.1 S-2:12:1:-0.5"
expect_exit 1 "$ONCOLOAD" copynumber --study BAD2 --build hg38 --max-rejects 9 "$bad"
case $ONC_STDERR in *"bad_segments.seg:2:4: error: end 249250621 is beyond the end of chromosome 1 in GRCh38"*) echo "ok: lengths by build" ;; *) fail "[$ONC_STDERR]" ;; esac

# --- R DNAcopy tables; the study's build for the next file ---
expect_exit 2 "$ONCOLOAD" copynumber --study R "$fx/dnacopy_segments.txt"
expect_exit 0 "$ONCOLOAD" copynumber --study R --build GRCh37 "$fx/dnacopy_segments.txt"
expect_exit 0 "$ONCOLOAD" copynumber --study R "$fx/dnacopy_segments.csv"
expect_eq "DNAcopy formats" "$(q "select string_agg(input_format || ' ' || (metadata->>'genome_build_from'), ',' order by load_id) from audit.load where study_id = 'R' and status = 'succeeded'")" \
	"dnacopy-seg --build,dnacopy-seg study"
expect_eq "DNAcopy values, row names dropped" "$(q "select string_agg(sample_id || ':' || chromosome || ':' || start_position || ':' || segment_mean, ' ' order by sample_id, chromosome, start_position) from warehouse.v_copy_number_segment where study_id = 'R'")" \
	"Sample.1:1:3301765:0.0019 Sample.1:2:480597:0.007 Sample.2:X:2709520:-0.4012"

# --- withdrawn patients leave the views; the analyst reads views only ---
q "update warehouse.patient set withdrawn = true where patient_id = 'TCGA-CV-5430'"
expect_eq "withdrawn patient left out" "$(q "select count(*) from warehouse.v_copy_number_segment where study_id = 'TCGA-HNSC'")" 0
q "update warehouse.patient set withdrawn = false where patient_id = 'TCGA-CV-5430'"
q "create role onc_cn_analyst_$$ login in role oncoload_analyst"
onc_on_exit "psql -Xq -c 'drop role if exists onc_cn_analyst_$$' >/dev/null 2>&1"
expect_exit 0 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_cn_analyst_$$" -c 'select count(*) from warehouse.v_copy_number_segment'
expect_exit 1 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_cn_analyst_$$" -c 'select count(*) from warehouse.copy_number_segment'

# --- the demo generator's segments: study and build from its meta file ---
"$ONCOLOAD" generate --seed 42 --samples 12 --output "$tmp/demo" >/dev/null || fail generate
seg=$tmp/demo/copy_number/data_cna_hg38.seg
expect_exit 0 "$ONCOLOAD" copynumber "$tmp/demo/copy_number"
case $ONC_STDERR in *"left out"*) fail "the meta file counted as other data: [$ONC_STDERR]" ;; *) echo "ok: meta file passed over" ;; esac
expect_eq "demo segments" "$(q "select count(*) from warehouse.v_copy_number_segment where study_id = 'DEMO-OSCC' and genome_build = 'GRCh38'")" "$(grep -vc '^ID' "$seg")"
expect_eq "demo samples are the sheet's" "$(q "select string_agg(distinct sample_id, ' ') from warehouse.v_copy_number_segment where study_id = 'DEMO-OSCC'")" \
	"$(tail -n +2 "$tmp/demo/gdc_sample_sheet.tsv" | cut -f 7 | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "normals are flat" "$(q "select count(*) from warehouse.v_copy_number_segment where study_id = 'DEMO-OSCC' and sample_id like '%-11A' and abs(segment_mean) > 0.2")" 0
expect_eq "tumours: 3q gains, CCND1 amplifications, CDKN2A deletions" \
	"$(q "select bool_or(chromosome = '3' and start_position >= 90000000 and segment_mean > 0.2) and bool_or(chromosome = '11' and start_position <= 69641156 and end_position >= 69654474 and segment_mean > 0.8) and bool_or(chromosome = '9' and start_position <= 21967752 and end_position >= 21995301 and segment_mean < -1) from warehouse.v_copy_number_segment where study_id = 'DEMO-OSCC' and sample_id like '%-01A'")" t
expect_eq "segments tile each chromosome" "$(awk -F'\t' 'NR > 1 { k = $1 ":" $2; if (k in last && $3 != last[k] + 1) bad++; last[k] = $4 } END {print bad + 0}' "$seg")" 0
expect_eq "load records sum up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where command = 'copynumber' and status in ('succeeded', 'failed', 'superseded')")" t
