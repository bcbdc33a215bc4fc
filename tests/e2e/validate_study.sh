#!/bin/sh
# validate_study.sh: "oncoload validate"'s cross-file checks on a study
# folder (no database): samples no clinical file defines, patients without
# samples, a sample defined twice or under two patients, files of one kind
# on different genome builds -- each reported once, against the file and
# line concerned; cBioPortal's study_es_0 validates without errors.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/validate_findings.sh"
st=$ONC_SRCDIR/tests/fixtures/validate/genomic/study

# --- the fixture study ------------------------------------------------------
expect_exit 1 "$ONCOLOAD" validate "$st"
expect_finding warning study.patient_without_samples data_clinical_patient.txt 8
expect_count 1 '*' study.patient_without_samples data_clinical_patient.txt
expect_finding warning study.sample_twice data_clinical_sample_extra.txt 6
expect_finding error study.sample_two_patients data_clinical_sample_extra.txt 7
# S5's patient P9 is the clinical check's finding, made once
expect_finding warning clinical.unknown_patient data_clinical_sample_extra.txt 8
expect_count 3 '*' '*' data_clinical_sample_extra.txt
case $ONC_STDERR in
	*"sample S2 is under patient P1 here but under patient P2 on line 7 of "*"/data_clinical_sample.txt"*) echo "ok: names the other file" ;;
	*) fail "[$ONC_STDERR]" ;;
esac
# S9 is on lines 2 and 4, S4 on lines 4 and 5: once each, at the first
expect_finding error study.sample_undefined data_mutations_b.maf 2
expect_count 1 error study.sample_undefined data_mutations_b.maf
expect_finding error study.sample_undefined data_cna_hg19.seg 4
expect_count 1 error study.sample_undefined data_cna_hg19.seg
# a TCGA aliquot barcode is the sample the clinical file defines
expect_count 0 error study.sample_undefined data_mutations_a.maf
expect_finding info study.normal_undefined data_mutations_a.maf 2
expect_finding error study.build_mismatch data_mutations_b.maf 0
expect_count 1 error study.build_mismatch data_mutations_b.maf
expect_count 0 '*' study.build_mismatch data_mutations_a.maf
# the segments are another kind of file: no build finding
expect_count 0 '*' study.build_mismatch data_cna_hg19.seg
expect_count 0 '*' '*' data_clinical_sample.txt

# a VCF's sample column is the ##SAMPLE NAME (S1, defined); its NORMAL column is a normal
expect_exit 1 "$ONCOLOAD" validate "$st" "$st/../genomic.vcf"
expect_count 0 '*' study.sample_undefined genomic.vcf
expect_finding info study.normal_undefined genomic.vcf 7
case $ONC_STDERR in *"(the first: NORMAL)"*) echo "ok: NORMAL is the normal" ;; *) fail "[$ONC_STDERR]" ;; esac

# --- without clinical samples, no sample check (said once, as information) -
expect_exit 0 "$ONCOLOAD" validate "$st/data_mutations_a.maf" "$st/data_cna_hg19.seg"
expect_finding info study.no_clinical_samples data_mutations_a.maf 0
expect_count 0 '*' study.sample_undefined data_cna_hg19.seg
# two MAFs on two builds, named one by one
expect_exit 1 "$ONCOLOAD" validate "$st/data_mutations_a.maf" "$st/data_mutations_b.maf"
expect_finding error study.build_mismatch data_mutations_b.maf 0
# patients alone: nobody is without samples when no sample file was read
expect_exit 0 "$ONCOLOAD" validate "$st/data_clinical_patient.txt"
expect_count 0 '*' study.patient_without_samples data_clinical_patient.txt

# --- cBioPortal's reference study: no errors, no warnings ------------------
onc_need_shared
es=$SHARED/corpus/cbioportal/study_es_0
# a patient file beside the sample file of other cases: no patient of it has
# a sample, which says the files do not go together (information, no warnings)
expect_exit 6 "$ONCOLOAD" validate "$st/data_clinical_patient.txt" "$es/data_clinical_samples.txt"
expect_finding info study.patients_unmatched data_clinical_patient.txt 0
expect_count 0 '*' study.patient_without_samples data_clinical_patient.txt
expect_exit 0 "$ONCOLOAD" validate "$es"
case $ONC_STDERR in *": error: "* | *": warning: "*) fail "study_es_0: [$ONC_STDERR]" ;; esac
expect_count 0 '*' study.sample_undefined data_mutations_extended.maf
expect_count 0 '*' study.sample_undefined data_cna_hg19.seg
expect_count 0 '*' study.sample_undefined data_cna_discrete.txt
# its matched normals are not clinical samples: counted, not errors
expect_finding info study.normal_undefined data_mutations_extended.maf 3
# and with the real gene reference
expect_exit 0 "$ONCOLOAD" validate --genes "$SHARED/reference/Homo_sapiens.gene_info.gz" "$es"
case $ONC_STDERR in *": error: "* | *": warning: "*) fail "study_es_0 with genes: [$ONC_STDERR]" ;; esac

# --- with -d the warehouse's samples count as defined ----------------------
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" clinical --study VAL "$st/data_clinical_patient.txt" "$st/data_clinical_sample.txt"
# (the extra sample file makes the run check samples; the warehouse has S1, S2 and
# TCGA-AA-0001-01 from the sample file loaded)
expect_exit 1 "$ONCOLOAD" validate -d "$PGDATABASE" "$st/data_clinical_sample_extra.txt" \
	"$st/data_mutations_a.maf" "$st/data_mutations_b.maf"
expect_finding error study.sample_undefined data_mutations_b.maf 2
expect_count 1 '*' study.sample_undefined data_mutations_b.maf
case $ONC_STDERR in *"sample S9 is not defined by any clinical sample file of the run nor the warehouse"*) echo "ok: S9, nor the warehouse" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_count 0 '*' study.sample_undefined data_mutations_a.maf
# without a clinical file in the run, a load creating samples is no finding, -d or not
expect_exit 1 "$ONCOLOAD" validate -d "$PGDATABASE" "$st/data_mutations_a.maf" "$st/data_mutations_b.maf"
expect_count 0 '*' study.sample_undefined data_mutations_b.maf
expect_finding info study.no_clinical_samples data_mutations_a.maf 0
echo "validate_study: all passed"
