#!/bin/sh
# mutations_rejects.sh: every MAF check becomes a reject with its line, column
# and reason (or a counted filter); the budget fails the whole load; a good
# load accounts for every line; duplicates load once; loads of the same
# aliquot and workflow supersede each other, other workflows do not; the
# views leave out withdrawn patients.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
fx=$ONC_SRCDIR/tests/fixtures
maf=$fx/mutations/rejects.maf
expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" genes "$fx/e2e/gene_info.txt"

# default budget 0: the first reject fails the load; only rejects are kept
expect_exit 1 "$ONCOLOAD" mutations --study MUT "$maf"
case $ONC_STDERR in
	*"rejects.maf:9:2: error: Hugo_Symbol TP53 and Entrez_Gene_Id 1956 name different genes [gene_mismatch]"*)
		echo "ok: reject message with line and column" ;;
	*) fail "message: [$ONC_STDERR]" ;;
esac
expect_eq "failed load" "$(q "select status from audit.load where command = 'mutations'")" failed
expect_eq "no facts" "$(q 'select count(*) from warehouse.mutation')" 0
expect_eq "no variants" "$(q 'select count(*) from warehouse.variant')" 0
expect_eq "no parts" "$(q 'select count(*) from audit.load_part')" 0
expect_eq "reject kept" "$(q "select line, col, reason from audit.reject")" "9|2|gene_mismatch"

# a budget of 13: every line accounted for
expect_exit 0 "$ONCOLOAD" mutations --study MUT --max-rejects 13 "$maf"
id=$(q "select load_id from audit.load where status = 'succeeded' and command = 'mutations'")
data_lines=$(grep -vc '^#' "$maf")
expect_eq "records read = the data lines (awk)" "$(q "select records_read from audit.load where load_id = $id")" "$((data_lines - 1))"
expect_eq "read|loaded|rejected|filtered" \
	"$(q "select records_read, records_loaded, records_rejected, records_filtered from audit.load where load_id = $id")" "23|9|12|2"
expect_eq "facts|values rejected" "$(q "select facts_written, values_rejected from audit.load where load_id = $id")" "9|1"
expect_eq "rejects" "$(q "select string_agg(line || ':' || coalesce(col::text, '-') || ':' || reason, ' ' order by line) from audit.reject where load_id = $id")" \
	"9:2:gene_mismatch 10:-:column_count 11:12:missing_value 12:5:invalid_position 13:5:start_after_end 14:9:invalid_allele 15:11:no_tumor_allele 16:8:variant_type_mismatch 17:9:allele_length 18:7:invalid_classification 19:3:unknown_build 20:4:invalid_chromosome 21:14:invalid_number"
expect_eq "raw line kept" "$(q "select raw from audit.reject where load_id = $id and line = 14")" "$(sed -n 14p "$maf")"
expect_eq "duplicate line recorded" "$(q "select metadata->'duplicate_mutations' from audit.load where load_id = $id")" '{"count": 1, "lines": [[4, 5]]}'
case $ONC_STDERR in
	*"rejects.maf:5: warning: the same sample and variant as line 4; loaded once [duplicate_mutation]"*) echo "ok: duplicate reported" ;;
	*) fail "duplicate message: [$ONC_STDERR]" ;;
esac
expect_eq "header lines kept" "$(q "select metadata->'header_lines'->>0 from audit.load where load_id = $id")" "#version 2.4"
expect_eq "format, workflow" "$(q "select input_format, workflow from audit.load where load_id = $id")" "cbioportal-maf|cbioportal"
expect_eq "the sums" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where status in ('succeeded', 'failed') and command = 'mutations'")" t

# the facts, as analysts see them
expect_eq "v_mutation contract columns" \
	"$(q "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'warehouse' and table_name = 'v_mutation' and ordinal_position <= 18")" \
	"study_id,patient_id,sample_id,gene_symbol,entrez_gene_id,genome_build,chromosome,start_position,end_position,reference_allele,tumor_allele,variant_classification,variant_type,hgvsp_short,t_depth,t_alt_count,vaf,aliquot_id"
expect_eq "mutations" "$(q 'select count(*) from warehouse.v_mutation')" 9
expect_eq "one variant row for two samples' TP53 R273H" \
	"$(q "select count(*) from warehouse.variant where chromosome = '17' and start_position = 7577120")" 1
expect_eq "TP53 R273H of sample 1" \
	"$(q "select study_id, patient_id, sample_id, gene_symbol, entrez_gene_id, genome_build, chromosome, start_position, end_position, reference_allele, tumor_allele, variant_classification, variant_type, hgvsp_short, t_depth, t_alt_count, vaf, aliquot_id, normal_sample_id from warehouse.v_mutation where sample_id = 'TCGA-AA-0001-01A' and start_position = 7577120")" \
	"MUT|TCGA-AA-0001|TCGA-AA-0001-01A|TP53|7157|GRCh37|17|7577120|7577120|C|T|Missense_Mutation|SNP|p.R273H|100|40|0.4|TCGA-AA-0001-01A-11D-A001-08|TCGA-AA-0001-10A"
expect_eq "the first duplicate line is the one kept" \
	"$(q "select source_line, t_depth from warehouse.mutation where variant_key = (select variant_key from warehouse.variant where start_position = 7577120) and part_id = (select part_id from audit.load_part where sample_key = (select sample_key from warehouse.sample where sample_id = 'TCGA-AA-0001-01A'))")" "4|100"
expect_eq "deletion, MAF coordinates" \
	"$(q "select reference_allele, tumor_allele, start_position, end_position, variant_type from warehouse.v_mutation where gene_symbol = 'CDKN2A' order by start_position")" \
	"GA|-|21971120|21971121|DEL
A|-|21971201|21971201|DEL"
expect_eq "insertion, MAF coordinates" \
	"$(q "select reference_allele, tumor_allele, start_position, end_position from warehouse.v_mutation where gene_symbol = 'EGFR'")" "-|GGT|55242464|55242465"
expect_eq "a VCF-style MAF line keeps what it said" \
	"$(q "select extra->>'Reference_Allele', extra->>'Tumor_Seq_Allele2', extra->>'Start_Position' from warehouse.mutation where source_line = 25")" "CA|C|21971200"
expect_eq "Allele1 when Allele2 is the reference" "$(q "select tumor_allele from warehouse.v_mutation where start_position = 7577135")" T
expect_eq "a bad read count loads without it" "$(q "select t_depth is null, t_alt_count from warehouse.v_mutation where start_position = 7577133")" "t|5"
expect_eq "columns without a home kept" "$(q "select extra->>'Custom_Note' from warehouse.mutation where source_line = 4")" first
expect_eq "gene keys from the gene dimension" \
	"$(q "select count(*) from warehouse.variant v join warehouse.gene g using (gene_key) where g.symbol in ('TP53', 'CDKN2A', 'EGFR')")" 7
expect_eq "a gene the dimension lacks keeps its symbol" \
	"$(q "select gene_symbol, entrez_gene_id is null from warehouse.v_mutation where chromosome = 'X'")" "NOTAGENE|t"
expect_eq "parts: one per tumour aliquot" "$(q "select count(*), sum(facts) from audit.load_part where load_id = $id")" "2|9"

# the same bytes again: skipped
expect_exit 0 "$ONCOLOAD" mutations --study MUT --max-rejects 13 "$maf"
expect_eq "skipped" "$(q "select status from audit.load where command = 'mutations' order by load_id desc limit 1")" skipped

# --force: the new load supersedes the old one, facts are not doubled
expect_exit 0 "$ONCOLOAD" mutations --study MUT --max-rejects 13 --force "$maf"
expect_eq "superseded" "$(q "select status from audit.load where load_id = $id")" superseded
expect_eq "still 9 mutations" "$(q 'select count(*) from warehouse.v_mutation')" 9
expect_eq "variants not duplicated" "$(q 'select count(*) from warehouse.variant')" 8

# another workflow (caller) does not supersede
expect_exit 0 "$ONCOLOAD" mutations --study MUT --max-rejects 13 --force --workflow othercaller "$maf"
expect_eq "two workflows side by side" "$(q "select workflow, count(*) from warehouse.v_mutation group by 1 order by 1")" "cbioportal|9
othercaller|9"

# a withdrawn patient leaves every view, the variants only its facts had too
q "update warehouse.patient set withdrawn = true where patient_id = 'TCGA-AA-0001'"
expect_eq "withdrawn: mutations" "$(q "select count(*) from warehouse.v_mutation where patient_id = 'TCGA-AA-0001'")" 0
expect_eq "withdrawn: the other patient stays" "$(q "select count(*) from warehouse.v_mutation")" 10
expect_eq "withdrawn: variants only they had" \
	"$(q "select count(*) from warehouse.v_variant where chromosome = 'X' or (chromosome = '9' and start_position = 21971120)")" 0
expect_eq "withdrawn: shared variants stay" "$(q "select count(*) from warehouse.v_variant where start_position = 7577120")" 1
q "update warehouse.patient set withdrawn = false"

# a variant key that names another variant (forced here) fails the load in the
# writer thread: a database error, nothing of the file kept
q "update warehouse.variant set alternate_allele = 'G' where chromosome = '17' and start_position = 7577120"
before=$(q 'select count(*) from warehouse.mutation')
expect_exit 3 "$ONCOLOAD" mutations --study MUT --max-rejects 13 --force "$maf"
case $ONC_STDERR in *"names two variants"*"the load cannot go on"*) echo "ok: key collision reported" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "collision: the load failed, nothing kept" \
	"$(q "select status from audit.load where command = 'mutations' order by load_id desc limit 1")|$(q 'select count(*) from warehouse.mutation')" "failed|$before"
q "update warehouse.variant set alternate_allele = 'T' where chromosome = '17' and start_position = 7577120"

# a file that is not there: exit 4; several files with one bad: exit 5
expect_exit 4 "$ONCOLOAD" mutations --study MUT "$fx/mutations/no-such.maf"
tmp=$(onc_tmpdir)
# a truncated gzip file fails, with nothing of it kept
gzip -c "$maf" | head -c 700 >"$tmp/cut.maf.gz"
expect_exit 1 "$ONCOLOAD" mutations --study MUT2 --max-rejects 20 "$tmp/cut.maf.gz"
case $ONC_STDERR in *"cut.maf.gz:"*"error: "*) echo "ok: truncated file reported" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "truncated: failed, no facts" "$(q "select l.status, count(m.*) from audit.load l left join warehouse.mutation m using (load_id) where l.source_path like '%cut.maf.gz' group by 1")" "failed|0"
expect_exit 5 "$ONCOLOAD" mutations --study MUT2 --max-rejects 20 "$maf" "$tmp/cut.maf.gz"

# an analyst reads the three views, not the tables behind them
q "create role onc_test_mut_analyst_$$ login in role oncoload_analyst"
onc_on_exit "psql -Xq -c 'drop role if exists onc_test_mut_analyst_$$' >/dev/null 2>&1"
for v in v_mutation v_variant v_variant_genotype; do
	expect_exit 0 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_test_mut_analyst_$$" -c "select count(*) from warehouse.$v"
done
for t in mutation variant variant_annotation variant_genotype variant_site variant_consequence; do
	expect_exit 1 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_test_mut_analyst_$$" -c "select count(*) from warehouse.$t"
done
