#!/bin/sh
# clinical_xml.sh: every BCR clinical and biospecimen XML file of the corpus
# loads; values in the views match an independent reading of the XML
# (xmllint --xpath); the withdrawn patient and all their facts leave every
# analyst view, expression included, and stay in the steward's.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
command -v xmllint >/dev/null || { echo "SKIP: clinical_xml: no xmllint (Debian package libxml2-utils)"; exit 77; }
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init

xml=$SHARED/corpus/tcga/clinical_xml
bio=$SHARED/corpus/tcga/biospecimen_xml
withdrawn=$xml/gbm/db7da4df-4366-445f-9fa6-0f7c4f24bc22/nationwidechildrens.org_clinical.TCGA-06-0131.xml

# xstr FILE XPATH: the XPath string value
xstr()
{
	xmllint --xpath "string($2)" "$1" 2>/dev/null
}

# xall FILE LOCALNAME: the text of every element of that local name, one a line
xall()
{
	xmllint --xpath "//*[local-name()='$2']" "$1" 2>/dev/null | sed 's/<[^>]*>/\n/g' | sed '/^[[:space:]]*$/d'
}

# expression for the withdrawn patient and another, loaded before the clinical files
tmp=$(onc_tmpdir)
printf 'gene_id\tTCGA-06-0131-01A\tTCGA-87-5896-01A\nENSG00000141510\t5.5\t6.5\n' >"$tmp/gbm_matrix.tsv"
expect_exit 0 "$ONCOLOAD" expression --study TCGA-GBM --measure test_tpm "$tmp/gbm_matrix.tsv"
expect_eq "expression of both patients visible" \
	"$(q "select count(distinct patient_id) from warehouse.v_expression where study_id = 'TCGA-GBM'")" 2

# every clinical and biospecimen file of the corpus, one load each
expect_exit 0 "$ONCOLOAD" clinical "$xml" "$bio"
case $ONC_STDERR in *"TCGA-06-0131.xml: info: 1 patient(s) recorded as withdrawn"*) echo "ok: withdrawal reported" ;; *) fail "[$ONC_STDERR]" ;; esac
n_files=$(find "$xml" "$bio" -name '*.xml' | wc -l)
expect_eq "one succeeded load per file" \
	"$(q "select count(*) from audit.load where command = 'clinical' and status = 'succeeded'")" "$n_files"
expect_eq "studies from admin:project_code and admin:disease_code" \
	"$(q "select string_agg(distinct study_id, ',' order by study_id) from audit.load where command = 'clinical'")" \
	"TCGA-BRCA,TCGA-GBM"
expect_eq "data types" "$(q "select string_agg(distinct data_type || ':' || input_format, ',' order by data_type || ':' || input_format) from audit.load where command = 'clinical'")" \
	"biospecimen:bcr-biospecimen-xml,clinical:bcr-clinical-xml"
expect_eq "records add up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where command = 'clinical'")" t
expect_eq "one part per patient and load" \
	"$(q "select count(*) = count(distinct (load_id, patient_key)) and bool_and(sample_key is null) from audit.load_part where data_type in ('clinical', 'biospecimen')")" t

# the same bytes again: skipped
expect_exit 0 "$ONCOLOAD" clinical "$xml/brca"
expect_eq "reloaded files skipped" "$(q "select count(*) from audit.load where status = 'skipped'")" 4

# each clinical file against xmllint
for f in $(find "$xml" -name '*.xml' | sort); do
	[ "$f" = "$withdrawn" ] && continue
	pid=$(xstr "$f" "//*[local-name()='patient']/*[local-name()='bcr_patient_barcode']")
	row=$(q "select sex, coalesce(icd_o3_site, ''), coalesce(pathologic_stage, ''), coalesce(days_to_last_followup::text, ''),
	                coalesce(age_at_diagnosis::text, ''), coalesce(vital_status, '')
	           from warehouse.v_clinical_patient where patient_id = '$pid'")
	sex=$(xstr "$f" "//*[local-name()='patient']/*[local-name()='gender']" | tr 'A-Z' 'a-z')
	site=$(xstr "$f" "//*[local-name()='patient']/*[local-name()='icd_o_3_site']")
	stage=$(xstr "$f" "//*[local-name()='stage_event']/*[local-name()='pathologic_stage']")
	last=$(xall "$f" days_to_last_followup | sort -n | tail -n 1)
	age=$(xstr "$f" "//*[local-name()='patient']/*[local-name()='age_at_initial_pathologic_diagnosis']")
	vital=$(xall "$f" vital_status | sort | tail -n 1)
	expect_eq "$pid: sex|site|stage|last follow-up|age|vital status" "$row" "$sex|$site|$stage|$last|$age|$vital"
	expect_eq "$pid: drugs and radiations" \
		"$(q "select count(*) filter (where source_entity = 'drug') || '/' || count(*) filter (where source_entity = 'radiation') from warehouse.v_treatment where patient_id = '$pid'")" \
		"$(xmllint --xpath "count(//*[local-name()='drug'])" "$f")/$(xmllint --xpath "count(//*[local-name()='radiation'])" "$f")"
	expect_eq "$pid: patient UUID" "$(q "select patient_uuid from warehouse.patient where patient_id = '$pid'")" \
		"$(xstr "$f" "//*[local-name()='patient']/*[local-name()='bcr_patient_uuid']")"
done

# missing values keep the procurement status; unknown elements stay as attributes
expect_eq "days_to_death of a living patient" \
	"$(q "select missing_reason || '|' || source from warehouse.v_clinical_attribute where patient_id = 'TCGA-3C-AAAU' and entity = 'patient' and attribute = 'days_to_death'")" \
	"Not Applicable|brca:patient/clin_shared:days_to_death"
expect_eq "an element no typed attribute takes" \
	"$(q "select value || '|' || typed from warehouse.v_clinical_attribute where patient_id = 'TCGA-3C-AAAU' and attribute = 'breast_carcinoma_surgical_procedure_name'")" \
	"Modified Radical Mastectomy|false"
expect_eq "28 drugs of TCGA-12-3644" \
	"$(q "select count(*) from warehouse.v_treatment where patient_id = 'TCGA-12-3644' and treatment_type = 'drug'")" 28
expect_eq "every field is a fact" \
	"$(q "select count(*) from warehouse.clinical_fact f join warehouse.patient p using (patient_key) where p.patient_id = 'TCGA-12-3644'")" \
	"$(xmllint --xpath "count(//*[local-name()='patient']//*[not(*)]) + count(//*[local-name()='follow_up']/@*) + count(//*[local-name()='stage_event']/@*)" "$xml/gbm/fccf56aa-e168-46a1-b3a4-8dbfb5e19dee/nationwidechildrens.org_clinical.TCGA-12-3644.xml" |
		awk -v admin="$(xmllint --xpath "count(//*[local-name()='admin']//*[not(*)])" "$xml/gbm/fccf56aa-e168-46a1-b3a4-8dbfb5e19dee/nationwidechildrens.org_clinical.TCGA-12-3644.xml")" '{ print $1 + admin }')"

# the biospecimen file: samples, aliquots and their UUIDs
bf=$bio/nationwidechildrens.org_biospecimen.TCGA-AR-A0TQ.xml
expect_eq "aliquots" "$(q "select count(*) from warehouse.aliquot a join warehouse.sample s using (sample_key) where s.sample_id like 'TCGA-AR-A0TQ-%'")" \
	"$(xmllint --xpath "count(//*[local-name()='bcr_aliquot_barcode'])" "$bf")"
uuid=$(xstr "$bf" "//*[local-name()='aliquot'][*[local-name()='bcr_aliquot_barcode']='TCGA-AR-A0TQ-01A-11R-A084-07']/*[local-name()='bcr_aliquot_uuid']")
expect_eq "aliquot UUID and analyte" "$(q "select aliquot_uuid || '|' || analyte_type from warehouse.aliquot where aliquot_id = 'TCGA-AR-A0TQ-01A-11R-A084-07'")" "$uuid|RNA"
expect_eq "sample UUID" "$(q "select sample_uuid from warehouse.v_clinical_sample where sample_id = 'TCGA-AR-A0TQ-01A'")" \
	"$(xstr "$bf" "//*[local-name()='sample'][*[local-name()='bcr_sample_barcode']='TCGA-AR-A0TQ-01A']/*[local-name()='bcr_sample_uuid']")"
expect_eq "sample attributes" "$(q "select attributes->>'initial_weight' from warehouse.v_clinical_sample where sample_id = 'TCGA-AR-A0TQ-01A'")" \
	"$(xstr "$bf" "//*[local-name()='sample'][*[local-name()='bcr_sample_barcode']='TCGA-AR-A0TQ-01A']/*[local-name()='initial_weight']")"

# the withdrawn patient: in no analyst view, in the steward's
expect_eq "withdrawn recorded" "$(q "select withdrawn from warehouse.patient where patient_id = 'TCGA-06-0131'")" t
for v in $(q "select table_name from information_schema.columns where table_schema = 'warehouse' and table_name like 'v\_%' and column_name = 'patient_id' order by 1"); do
	expect_eq "withdrawn patient not in $v" "$(q "select count(*) from warehouse.$v where patient_id = 'TCGA-06-0131'")" 0
done
expect_eq "the other patient's expression stays" \
	"$(q "select string_agg(distinct patient_id, ',') from warehouse.v_expression where study_id = 'TCGA-GBM'")" TCGA-87-5896
expect_eq "steward view shows the withdrawn patient" \
	"$(q "select withdrawn from warehouse.clinical_patient_all where patient_id = 'TCGA-06-0131'")" t
expect_eq "steward attribute view too" \
	"$(q "select count(*) > 0 from warehouse.clinical_attribute_all where patient_id = 'TCGA-06-0131'")" t

# analysts read the clinical views, not the fact table
q "create role onc_clin_analyst_$$ login in role oncoload_analyst"
onc_on_exit "psql -Xq -c 'drop role if exists onc_clin_analyst_$$' >/dev/null 2>&1"
expect_exit 0 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_clin_analyst_$$" -c 'select count(*) from warehouse.v_clinical_patient, warehouse.v_clinical_attribute limit 1'
expect_exit 1 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_clin_analyst_$$" -c 'select count(*) from warehouse.clinical_fact'
expect_exit 1 psql -XAtq -v ON_ERROR_STOP=1 -U "onc_clin_analyst_$$" -c 'select count(*) from warehouse.clinical_patient_all'
