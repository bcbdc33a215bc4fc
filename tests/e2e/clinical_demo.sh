#!/bin/sh
# clinical_demo.sh: the demo generator's head and neck XML: the same seed
# gives the same bytes; it validates against the BCR XSDs of the corpus
# (except the documented extension and generator name); it loads with the
# expression files into one study; and the views say what xmllint reads in
# the files, patient by patient.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
command -v xmllint >/dev/null || { echo "SKIP: clinical_demo: no xmllint (Debian package libxml2-utils)"; exit 77; }
onc_need_cluster
tmp=$(onc_tmpdir)
export LC_ALL=C

expect_exit 0 "$ONCOLOAD" generate --seed 5 --samples 30 --output "$tmp/d"
expect_exit 0 "$ONCOLOAD" generate --seed 5 --samples 30 --output "$tmp/e"
expect_eq "same seed, same clinical bytes" "$(diff -r "$tmp/d/clinical" "$tmp/e/clinical" && diff -r "$tmp/d/biospecimen" "$tmp/e/biospecimen" && echo same)" same
sheet=$tmp/d/gdc_sample_sheet.tsv
cases=$(tail -n +2 "$sheet" | cut -f 6 | sort -u | wc -l)
expect_eq "a clinical file per case" "$(find "$tmp/d/clinical" -name 'nationwidechildrens.org_clinical.*.xml' | wc -l)" "$cases"
expect_eq "a biospecimen file per case" "$(find "$tmp/d/biospecimen" -name 'nationwidechildrens.org_biospecimen.*.xml' | wc -l)" "$cases"

# the BCR XSDs, with a catalog from their published locations to the corpus copies
xsd=${ONC_SHARED_DIR:-$ONC_SRCDIR/../shared}/corpus/tcga/xsd
if [ -d "$xsd/tcga.nci" ]; then
	xsd=$(cd "$xsd" && pwd)
	cat >"$tmp/catalog.xml" <<CAT
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="https://raw.githubusercontent.com/nchbcr/xsd/2.7/" rewritePrefix="file://$xsd/"/>
</catalog>
CAT
	bad=0
	for f in $(find "$tmp/d/clinical" "$tmp/d/biospecimen" -name '*.xml'); do
		case $f in
			*clinical.*) schema=$xsd/tcga.nci/bcr/xml/clinical/hnsc/2.7/TCGA_BCR.HNSC_Clinical.xsd ;;
			*) schema=$xsd/tcga.nci/bcr/xml/biospecimen/2.7/TCGA_BCR.Biospecimen.xsd ;;
		esac
		# the extension element and the generator's name are the known departures
		sed '/<oral:/,/<\/oral:oral_cancer_risk_factors>/d' "$f" >"$tmp/v.xml"
		XML_CATALOG_FILES=$tmp/catalog.xml xmllint --nonet --noout --schema "$schema" "$tmp/v.xml" 2>&1 |
			grep -v 'validates$\|fails to validate\|Skipping import\|oncoload demo generator' >"$tmp/v.log"
		[ -s "$tmp/v.log" ] && { cat "$tmp/v.log"; bad=$((bad + 1)); }
	done
	expect_eq "files that do not validate against the HNSC and biospecimen XSDs" "$bad" 0
else
	echo "note: clinical_demo: no XSDs at $xsd, validation skipped"
fi

expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" clinical "$tmp/d/clinical" "$tmp/d/biospecimen"
expect_exit 0 "$ONCOLOAD" expression --sample-sheet "$sheet" "$tmp/d/expression"
expect_eq "one study" "$(q "select string_agg(distinct study_id, ',') from audit.load where status = 'succeeded'")" DEMO-OSCC
expect_eq "patients" "$(q "select count(*) from warehouse.v_clinical_patient where sex is not null")" "$cases"
expect_eq "every expression sample has its clinical patient" \
	"$(q "select count(distinct e.sample_id) from warehouse.v_expression e join warehouse.v_clinical_patient p using (study_id, patient_id) where p.age_at_diagnosis is not null")" \
	"$(tail -n +2 "$sheet" | wc -l)"

x() { xmllint --xpath "string($2)" "$1" 2>/dev/null; }
lower() { tr 'A-Z' 'a-z'; }
for f in $(find "$tmp/d/clinical" -name '*.xml' | sort); do
	pid=$(x "$f" "//*[local-name()='patient']/*[local-name()='bcr_patient_barcode']")
	want="$(x "$f" "//*[local-name()='patient']/*[local-name()='gender']" | lower)|$(x "$f" "//*[local-name()='age_at_initial_pathologic_diagnosis']")"
	want="$want|$(x "$f" "//*[local-name()='anatomic_neoplasm_subdivision']" | lower)|$(x "$f" "//*[local-name()='icd_o_3_site']")"
	want="$want|$(x "$f" "//*[local-name()='stage_event']/*[local-name()='pathologic_stage']")|$(x "$f" "//*[local-name()='pathologic_T']")"
	want="$want|$(x "$f" "//*[local-name()='smokeless_tobacco_use']")|$(x "$f" "//*[local-name()='betel_quid_use']")|$(x "$f" "//*[local-name()='areca_nut_use']")"
	want="$want|$(x "$f" "//*[local-name()='margin_status']")|$(x "$f" "//*[local-name()='perineural_invasion_present']" | sed 's/YES/true/; s/NO/false/')"
	want="$want|$(x "$f" "//*[local-name()='depth_of_invasion']" | sed 's/\.0$//')|$(x "$f" "//*[local-name()='number_of_lymphnodes_positive_by_he']")"
	expect_eq "$pid" \
		"$(q "select sex || '|' || age_at_diagnosis || '|' || subsite || '|' || icd_o3_site || '|' || pathologic_stage || '|' || pathologic_t || '|'
		           || smokeless_tobacco || '|' || betel_quid || '|' || areca_nut || '|' || margin_status || '|' || perineural_invasion || '|'
		           || depth_of_invasion || '|' || lymph_nodes_positive from warehouse.v_clinical_patient where patient_id = '$pid'")" \
		"$want"
	expect_eq "$pid: treatments" \
		"$(q "select count(*) from warehouse.v_treatment where patient_id = '$pid'")" \
		"$(xmllint --xpath "count(//*[local-name()='drug']) + count(//*[local-name()='radiation']) + count(//*[local-name()='lymphnode_neck_dissection'][.='YES'])" "$f")"
done

bio_aliquots=$(cat $(find "$tmp/d/biospecimen" -name '*.xml') | grep -c '<bio:bcr_aliquot_barcode')
expect_eq "aliquots with UUIDs" "$(q "select count(*) from warehouse.aliquot where aliquot_uuid is not null")" "$bio_aliquots"
expect_eq "samples with UUIDs, the sheet's samples" \
	"$(q "select count(*) from warehouse.v_clinical_sample where sample_uuid is not null")" "$(tail -n +2 "$sheet" | wc -l)"
expect_eq "RNA aliquots" "$(q "select count(*) from warehouse.aliquot where analyte_type = 'RNA'")" "$((bio_aliquots / 2))"
