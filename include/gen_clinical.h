/*
 * gen_clinical.h: the demo generator's clinical and biospecimen files
 * ("oncoload generate"): head and neck BCR XML, one clinical and one
 * biospecimen file per case of the sample sheet, laid out as the GDC
 * downloads them (a folder per file UUID).
 */
#ifndef GEN_CLINICAL_H
#define GEN_CLINICAL_H

#include <stdint.h>

/*
 * Write DIR/clinical/UUID/nationwidechildrens.org_clinical.CASE.xml (HNSC
 * elements as the HNSC XSD defines them, plus oral risk factors: smokeless
 * tobacco, betel quid, areca nut, depth of invasion, in an extension
 * namespace) and DIR/biospecimen/UUID/nationwidechildrens.org_biospecimen.
 * CASE.xml (samples, portions, analytes, aliquots with barcodes and UUIDs)
 * for every case of DIR/gdc_sample_sheet.tsv.  admin:project_code is the
 * sheet's project, so the loader files them into the same study.  The same
 * seed gives the same bytes (random stream 10).  Returns an exit code
 * (printed on failure).
 */
int			gen_clinical(const char *dir, uint64_t seed);

#endif							/* GEN_CLINICAL_H */
