#!/bin/sh
# validate_genomic.sh: "oncoload validate" on MAF, VCF and copy-number files
# (no database): every cBioPortal validator case about MAFs, CNA files and
# segments reports its level at the lines SOURCES.md names; the loaders'
# reject fixtures give the same lines and reasons as errors; the corpus
# files that load cleanly validate without errors.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/validate_findings.sh"
onc_need_shared
V=$SHARED/corpus/cbioportal/validator
C=$SHARED/corpus
fx=$ONC_SRCDIR/tests/fixtures/validate/genomic
genes=$fx/gene_info.txt

# --- cBioPortal's validator: MAFs ------------------------------------------
# Not applicable here (context we do not have):
#   data_mutations_invalid_norm_samples.maf: its errors come from the meta
#     file's normal_samples_list, which is portal context; only checked to
#     validate without a crash.
#   data_mutations_missing_zygosity_status_column.maf: the error needs a
#     namespace declared in a meta file (and SOURCES.md notes its test never
#     runs); checked to validate without a crash.
m=$V/mutations
expect_exit 0 "$ONCOLOAD" validate "$m/data_mutations_invalid_norm_samples.maf"
expect_exit 0 "$ONCOLOAD" validate "$m/data_mutations_missing_zygosity_status_column.maf"

f=data_mutations_absence_custom_values_columns_when_custom_annotation_columns.maf
expect_exit 1 "$ONCOLOAD" validate "$m/$f"
expect_finding error maf.cbp_driver_missing "$f" 1:18
expect_finding error maf.cbp_driver_tiers_missing "$f" 1:19
expect_finding error maf.missing_column "$f" 1

f=data_mutations_custom_tiers_column_more_than_50_characters.maf
expect_exit 1 "$ONCOLOAD" validate "$m/$f"
expect_finding error maf.cbp_driver_tiers_too_long "$f" 2:20
expect_count 1 error maf.cbp_driver_tiers_too_long "$f"

f=data_mutations_invalid_utf8.maf
expect_exit 1 "$ONCOLOAD" validate "$m/$f"
expect_finding error maf.invalid_encoding "$f" 2 3

# cBioPortal refuses a MAF without a protein change column; a load does not
f=data_mutations_missing_aa_change_column.maf
expect_exit 1 "$ONCOLOAD" validate "$m/$f"
expect_finding error maf.no_protein_change "$f" 0

f=data_mutations_more_than_80_characters_in_custom_annotation_columns.maf
expect_exit 1 "$ONCOLOAD" validate "$m/$f"
expect_finding error maf.cbp_annotation_too_long "$f" 2:21
expect_count 1 error maf.cbp_annotation_too_long "$f"

f=data_mutations_name_swissprot.maf
expect_exit 6 "$ONCOLOAD" validate "$m/$f"
expect_finding warning maf.swissprot_mixed "$f" 3:38
expect_finding warning maf.swissprot_several "$f" 5:38
expect_count 2 warning '*' "$f"

f=data_mutations_not_supported_custom_driver_annotation_values.maf
expect_exit 1 "$ONCOLOAD" validate "$m/$f"
expect_finding error maf.cbp_driver_value "$f" 2:18
expect_count 1 error maf.cbp_driver_value "$f"

f=data_mutations_some_silent.maf
expect_exit 0 "$ONCOLOAD" validate "$m/$f"
expect_finding info maf.filtered_classification "$f" 0
case $ONC_STDERR in *"3 line(s) of classifications cBioPortal filters out (Silent 2, 5'Flank 1)"*) echo "ok: filtered, counted" ;; *) fail "[$ONC_STDERR]" ;; esac

# SOURCES.md says line 2: the second data line; the value is on physical line 3
f=data_mutations_too_long_hgvsp_short.maf
expect_exit 1 "$ONCOLOAD" validate "$m/$f"
expect_finding error maf.hgvsp_short_too_long "$f" 3:3
expect_count 1 error maf.hgvsp_short_too_long "$f"

f=data_mutations_vs.maf
expect_exit 6 "$ONCOLOAD" validate "$m/$f"
expect_finding warning maf.validation_status "$f" 2:25
expect_finding warning maf.verification_status "$f" 3:24
expect_count 2 warning '*' "$f"

f=data_mutations_wrong_gene_position.maf
expect_exit 1 "$ONCOLOAD" validate "$m/$f"
expect_finding error maf.invalid_position "$f" 2:6 3:7 4:6 5:7

# --- cBioPortal's validator: CNA matrices and the long format --------------
# Without meta files the command cannot tell a CNA matrix from expression by
# content: --kind copynumber says what they are.  Genes: a gene_info extract.
cna()
{
	_rc=$1
	shift
	expect_exit "$_rc" "$ONCOLOAD" validate --kind copynumber --genes "$genes" "$@"
}
f=data_cna_blank_heading.txt
cna 1 "$V/$f"
expect_finding error cn.blank_sample_header "$f" 1:2 1:8

f=data_cna_duplicate_gene.txt
cna 1 "$V/$f"
expect_finding warning cn.duplicate_gene "$f" 6
expect_count 1 warning cn.duplicate_gene "$f"

f=data_cna_genecol_presence_both_invalid_couple.txt
cna 6 "$V/$f"
expect_finding warning cn.gene_mismatch "$f" 2 3
expect_count 2 warning '*' "$f"
# the same with the real NCBI gene_info; without any, no gene checks
expect_exit 6 "$ONCOLOAD" validate --kind copynumber --genes "$SHARED/reference/Homo_sapiens.gene_info.gz" "$V/$f"
expect_finding warning cn.gene_mismatch "$f" 2 3
expect_exit 0 "$ONCOLOAD" validate --kind copynumber "$V/$f"
expect_count 0 warning '*' "$f"

f=data_cna_genecol_presence_both_invalid_hugo.txt
cna 6 "$V/$f"
expect_finding warning cn.unknown_symbol "$f" 2 3

f=data_cna_genecol_presence_entrez_only.txt
cna 0 "$V/$f"

f=data_cna_genecol_presence_hugo_only.txt
cna 6 "$V/$f"
expect_finding warning cn.no_entrez_column "$f" 1

f=data_cna_genecol_presence_hugo_only_invalid.txt
cna 6 "$V/$f"
expect_finding warning cn.unknown_gene "$f" 4 5
expect_finding warning cn.no_entrez_column "$f" 1

f=data_cna_genecol_presence_neither.txt
cna 1 "$V/$f"
expect_finding error cn.no_gene_column "$f" 1

f=data_cna_long_duplicated_entrez.txt
cna 1 "$V/$f"
expect_finding error cn.long_duplicate_gene "$f" 3

for f in data_cna_long_genecol_no_custom_driver.txt data_cna_long_genecol_presence_all.txt \
	data_cna_long_genecol_presence_hugo_only.txt; do
	cna 0 "$V/$f"
done

f=data_cna_long_genecol_no_sample_id.txt
cna 1 "$V/$f"
expect_finding error cn.missing_column "$f" 1

f=data_cna_long_invalid_values.txt
cna 1 "$V/$f"
expect_finding error cn.invalid_discrete_value "$f" 7:4 12:4 18:4 24:4 33:4
expect_count 5 error '*' "$f"

f=data_cna_long_two_hugos_same_gene.txt
cna 1 "$V/$f"
expect_finding error cn.long_two_symbols "$f" 6

# white space in a sample heading; a matrix whose values nothing names
t=$(onc_tmpdir)
printf 'Hugo_Symbol\tEntrez_Gene_Id\tS 1\tS2\nTP53\t7157\t0\t1\n' >"$t/data_cna.txt"
cna 6 "$t/data_cna.txt"
expect_finding warning cn.space_in_sample data_cna.txt 1:3
expect_count 1 warning '*' data_cna.txt
printf 'Hugo_Symbol\tEntrez_Gene_Id\tS1\tS2\nTP53\t7157\t0.5\tx\n' >"$t/matrix.txt"
cna 1 "$t/matrix.txt"
expect_finding warning cn.no_measure matrix.txt 0
expect_finding error cn.invalid_number matrix.txt 2:4

# the long format's custom driver columns, checked as in a MAF
printf 'Hugo_Symbol\tEntrez_Gene_Id\tSample_Id\tValue\tcbp_driver\tcbp_driver_annotation\tcbp_driver_tiers_annotation\nTP53\t7157\tS1\t-2\tPutative_Driver\tok\t\nKRAS\t3845\tS1\t2\tDriver\tx\t\n' >"$t/data_cna_long.txt"
cna 1 "$t/data_cna_long.txt"
expect_finding error cn.cbp_driver_tiers_missing data_cna_long.txt 1:7
expect_finding error cn.cbp_driver_value data_cna_long.txt 3:5
expect_count 2 error '*' data_cna_long.txt

# --- cBioPortal's validator: segments (detected by content) ----------------
f=data_seg_end_before_start.seg
expect_exit 1 "$ONCOLOAD" validate "$V/$f"
expect_finding error cn.start_after_end "$f" 11:3
expect_finding warning cn.zero_length_segment "$f" 31
expect_count 1 error '*' "$f"

f=data_seg_nonsense_values.seg
expect_exit 1 "$ONCOLOAD" validate "$V/$f"
expect_finding error cn.unknown_chromosome "$f" 28:2
expect_finding error cn.invalid_position "$f" 28:3
expect_finding error cn.invalid_number "$f" 28:6

expect_exit 0 "$ONCOLOAD" validate "$V/data_seg_valid.seg"

# --- what a load rejects is what validate reports as errors ----------------
# the loaders' own fixtures and their expected rejects (LINE CODE [COL])
rejects_of()
{
	case $1 in
		*.maf.out) awk '$2 == "reject" { c = $5 + 0; print $1, "maf." $3, c }' "$1" ;;
		*.vcf.out) awk '$2 == "reject" { sub(/:$/, "", $3); print $1, "vcf." $3, 0 }' "$1" ;;
		*) awk '$2 == "REJECT" { split($3, a, "@"); sub(/:$/, "", $1); print $1, "cn." a[1], a[2] }' "$1" ;;
	esac | sort -u
}
errors_of()
{
	findings "$1" | awk -v all="$2" '$1 == "error" { print $3, $2, (all ? $4 : 0) }' | sort -u
}
mfx=$ONC_SRCDIR/tests/fixtures/mutations
expect_exit 1 "$ONCOLOAD" validate "$mfx/rejects.maf"
expect_eq "rejects.maf: the load's rejects" "$(errors_of rejects.maf 1)" "$(rejects_of "$mfx/rejects.maf.out")"
expect_finding warning maf.duplicate_mutation rejects.maf 5
expect_exit 1 "$ONCOLOAD" validate "$mfx/variants.vcf"
expect_eq "variants.vcf: the load's rejects" "$(errors_of variants.vcf 0)" "$(rejects_of "$mfx/variants.vcf.out")"
expect_finding info vcf.symbolic_allele variants.vcf 22
expect_finding info vcf.star_allele variants.vcf 21
expect_finding info vcf.no_alt variants.vcf 23
cfx=$ONC_SRCDIR/tests/fixtures/copynumber
# position_out_of_range needs the build, which the unit test sets: left out
expect_exit 1 "$ONCOLOAD" validate "$cfx/bad_segments.seg"
expect_eq "bad_segments.seg: the load's rejects" "$(errors_of bad_segments.seg 1)" \
	"$(rejects_of "$cfx/bad_segments.seg.out" | grep -v position_out_of_range)"
expect_finding warning cn.zero_length_segment bad_segments.seg 14
expect_finding info cn.segment_no_value bad_segments.seg 13
# the load's rejects of the long fixture (copynumber_genes.sh): 5:1
# duplicate_gene, 6:3 sample_missing, 7:4 invalid_cna_value
expect_exit 1 "$ONCOLOAD" validate "$cfx/data_cna_long_fixture.txt"
expect_eq "data_cna_long_fixture.txt: the load's rejects" "$(errors_of data_cna_long_fixture.txt 1 | tr '\n' ' ')" \
	"5 cn.long_duplicate_gene 1 6 cn.sample_missing 3 7 cn.invalid_discrete_value 4 "

# --- our own fixtures: a MAF and a VCF with one problem per line -----------
f=genomic.maf
expect_exit 1 "$ONCOLOAD" validate --genes "$genes" "$fx/$f"
expect_finding warning maf.duplicate_mutation "$f" 5
expect_finding error maf.gene_mismatch "$f" 6:2
expect_finding error maf.start_after_end "$f" 7:5
expect_finding error maf.unknown_build "$f" 8:3
expect_finding error maf.invalid_classification "$f" 9:7
expect_finding error maf.variant_type_mismatch "$f" 10:8
expect_finding warning maf.invalid_count "$f" 12:15
expect_finding error maf.invalid_position "$f" 13:5
expect_finding warning maf.invalid_entrez "$f" 14:2
expect_count 6 error '*' "$f"
# without a gene reference, no gene check
expect_exit 1 "$ONCOLOAD" validate "$fx/$f"
expect_count 0 error maf.gene_mismatch "$f"
expect_finding info validate.no_gene_reference "$f"

f=genomic.vcf
expect_exit 1 "$ONCOLOAD" validate "$fx/$f"
expect_finding warning vcf.annotation_format "$f" 0
expect_finding info vcf.symbolic_allele "$f" 9
expect_finding info vcf.star_allele "$f" 10
expect_finding warning vcf.duplicate_variant "$f" 12
expect_finding error vcf.invalid_allele "$f" 13
expect_count 1 error '*' "$f"

# --- corpus files that load cleanly validate without errors ----------------
# (each alone: files of unrelated studies would disagree on genome builds)
for f in "$C/cbioportal/study_es_0/data_mutations_extended.maf" \
	"$C/cbioportal/study_es_0_inc/data_mutations_extended.maf" \
	"$C/tcga/maf/gdc_aliquot_masked_v2/example_single_sample.maf" \
	"$C/tcga/maf/maftools/tcga_laml.maf.gz" \
	"$mfx/TCGA.HNSC.mutect.0e239d8f.DR-10.0.somatic.maf" \
	"$C/tcga/vcf/ex3.vcf.gz" "$mfx/somatic.vcf" "$mfx/snpeff.vcf" \
	"$C/tcga/cnv/TCGA.AB.3009.hg19.seg.txt" "$C/tcga/cnv/LAML_CBS_segments.tsv.gz" \
	"$C/tcga/cnv/dnacopy.tsv.gz" "$C/cbioportal/study_es_0/data_cna_hg19.seg" \
	"$C/cbioportal/study_es_0_inc/data_cna_hg19.seg" \
	"$C/cbioportal/importer/incremental/copy_number_alteration/data_cna.seg"; do
	expect_exit 0 "$ONCOLOAD" validate "$f"
done
# these load too, with a warning: brca.maf.gz needs --build (no NCBI_Build),
# the importer's segments have a zero-length segment
expect_exit 6 "$ONCOLOAD" validate "$C/tcga/maf/maftools/brca.maf.gz"
expect_finding warning maf.no_build brca.maf.gz 1
expect_exit 6 "$ONCOLOAD" validate "$C/cbioportal/importer/segment/data_cna_hg19.seg"
expect_finding warning cn.zero_length_segment data_cna_hg19.seg 11
echo "validate_genomic: all passed"
