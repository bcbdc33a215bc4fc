#!/bin/sh
# copynumber_oncoprint.sh: warehouse.v_oncoprint, the rules its comment
# states: genes with a non-silent mutation or a deep deletion or
# amplification call in the study, by every sample profiled for either;
# silent and other non-coding classes do not count; "profiled" tells an
# unaltered cell from one never measured; current facts only; withdrawn
# patients left out.  Discrete calls come through "oncoload copynumber";
# mutation facts are written straight into the tables of 003_variants.sql
# (the columns this view relies on: variant.gene_key and
# variant_classification, mutation.part_id and variant_key), so that the
# test depends on that schema and not on the MAF loader.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
fx=$ONC_SRCDIR/tests/fixtures/copynumber
expect_exit 0 "$ONCOLOAD" init
if [ "$(q "select to_regclass('warehouse.v_oncoprint') is not null")" != t ]; then
	echo "SKIP: copynumber_oncoprint: no warehouse.v_oncoprint (003_variants.sql absent)"
	exit 77
fi
expect_exit 0 "$ONCOLOAD" genes "$fx/gene_info.txt"
# discrete calls of S-1, S-2, S-3 (see the fixture): CDKN2A -2 in S-1,
# CCND1 2 in S-1 and S-2, TP53 -2 in S-3; NOTCH1 all NA
expect_exit 0 "$ONCOLOAD" copynumber --study ONCO --max-rejects 10 "$fx/data_cna_fixture.txt"
# mutations: S-1 TP53 missense (two callers), PIK3CA silent; S-4 (patient
# P-4, no copy number) NOTCH1 nonsense and TP53 splice region
q "DO \$\$
DECLARE
  lid bigint; st integer; s1 integer; s4 integer; p1 bigint; p1b bigint; p4 bigint;
BEGIN
  INSERT INTO audit.load (command, data_type, workflow, study_id, status)
    VALUES ('mutations', 'mutation', 'caller A', 'ONCO', 'succeeded') RETURNING load_id INTO lid;
  SELECT study_key INTO st FROM warehouse.study WHERE study_id = 'ONCO';
  SELECT sample_key INTO s1 FROM warehouse.sample WHERE study_key = st AND sample_id = 'S-1';
  s4 := warehouse.ensure_sample(st, 'S-4', warehouse.ensure_patient(st, 'P-4', NULL, NULL, NULL, lid),
                                NULL, NULL, NULL, false, lid);
  INSERT INTO audit.load_part (load_id, study_key, sample_key, data_type, workflow)
    VALUES (lid, st, s1, 'mutation', 'caller A') RETURNING part_id INTO p1;
  INSERT INTO audit.load_part (load_id, study_key, sample_key, data_type, workflow)
    VALUES (lid, st, s1, 'mutation', 'caller B') RETURNING part_id INTO p1b;
  INSERT INTO audit.load_part (load_id, study_key, sample_key, data_type, workflow)
    VALUES (lid, st, s4, 'mutation', 'caller A') RETURNING part_id INTO p4;
  INSERT INTO warehouse.variant (variant_key, genome_build, chromosome, start_position, end_position,
                                 reference_allele, alternate_allele, variant_type, gene_key,
                                 variant_classification, created_load_id)
    SELECT k, 'GRCh38', c, p, p, 'C', 'T', 'SNP', (SELECT gene_key FROM warehouse.gene WHERE symbol = g), cls, lid
      FROM (VALUES (1, '17', 7675088, 'TP53', 'Missense_Mutation'), (2, '3', 179218303, 'PIK3CA', 'Silent'),
                   (3, '9', 136504900, 'NOTCH1', 'Nonsense_Mutation'), (4, '17', 7670700, 'TP53', 'Splice_Region'))
           AS x(k, c, p, g, cls);
  INSERT INTO warehouse.mutation (load_id, part_id, variant_key, source_line)
    VALUES (lid, p1, 1, 2), (lid, p1b, 1, 2), (lid, p1, 2, 3), (lid, p4, 3, 4), (lid, p4, 4, 5);
END \$\$"

cells()
{
	q "select string_agg(sample_id || ':' || gene_symbol || ':' || case when mutated then 'M' else '-' end || ':' || coalesce(cna, '-') || ':' ||
	   case when profiled then 'p' else 'n' end, ' ' order by gene_symbol, sample_id) from warehouse.v_oncoprint where study_id = 'ONCO'"
}
expect_eq "the oncoprint: genes altered somewhere x samples profiled for either" "$(cells)" \
	"S-1:CCND1:-:AMP:p S-2:CCND1:-:AMP:p S-3:CCND1:-:-:p S-4:CCND1:-:-:p \
S-1:CDKN2A:-:HOMDEL:p S-2:CDKN2A:-:-:p S-3:CDKN2A:-:-:n S-4:CDKN2A:-:-:p \
S-1:NOTCH1:-:-:p S-2:NOTCH1:-:-:n S-3:NOTCH1:-:-:n S-4:NOTCH1:M:-:p \
S-1:TP53:M:-:p S-2:TP53:-:-:p S-3:TP53:-:HOMDEL:p S-4:TP53:-:-:p"
expect_eq "details of a mutated cell" "$(q "select mutations || ' ' || variant_classifications || ' ' || cna_value || ' ' || mutations_profiled || ' ' || cna_profiled from warehouse.v_oncoprint where sample_id = 'S-1' and gene_symbol = 'TP53'")" \
	"1 Missense_Mutation -1 true true"
expect_eq "-1.5 is not flagged" "$(q "select coalesce(cna, '-') || ' ' || cna_value from warehouse.v_oncoprint where sample_id = 'S-2' and gene_symbol = 'CDKN2A'")" "- -1.5"
expect_eq "a silent mutation alone puts no gene in" "$(q "select count(*) from warehouse.v_oncoprint where gene_symbol = 'PIK3CA'")" 0
expect_eq "the contract's first columns" "$(q "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'warehouse' and table_name = 'v_oncoprint' and ordinal_position <= 6")" \
	"study_id,sample_id,gene_symbol,mutated,cna,profiled"

# superseded mutation parts leave it: S-1 keeps its copy number only
q "update audit.load_part set is_current = false where data_type = 'mutation' and sample_key = (select sample_key from warehouse.sample where sample_id = 'S-1')"
expect_eq "S-1 TP53 after its mutations were replaced" "$(q "select mutated || ' ' || profiled || ' ' || mutations_profiled from warehouse.v_oncoprint where sample_id = 'S-1' and gene_symbol = 'TP53'")" "false true false"
expect_eq "S-1 NOTCH1 is no longer profiled" "$(q "select profiled from warehouse.v_oncoprint where sample_id = 'S-1' and gene_symbol = 'NOTCH1'")" f
# withdrawn patients leave the oncoprint
q "update warehouse.patient set withdrawn = true where patient_id = 'P-4'"
expect_eq "withdrawn patient left out" "$(q "select count(*) from warehouse.v_oncoprint where sample_id = 'S-4'")" 0
expect_eq "a gene altered only in a withdrawn patient's sample is left out" "$(q "select count(*) from warehouse.v_oncoprint where gene_symbol = 'NOTCH1'")" 0
# the analyst reads it
q "create role onc_op_analyst_$$ login in role oncoload_analyst"
onc_on_exit "psql -Xq -c 'drop role if exists onc_op_analyst_$$' >/dev/null 2>&1"
expect_exit 0 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_op_analyst_$$" -c "select count(*) from warehouse.v_oncoprint where study_id = 'ONCO'"
