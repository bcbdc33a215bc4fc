/*
 * cbioclin.h: cBioPortal clinical files: data_clinical_patient.txt and
 * data_clinical_sample.txt with four "#" header rows (display names,
 * descriptions, datatypes STRING/NUMBER/BOOLEAN, priorities), the older
 * combined file with a fifth (PATIENT or SAMPLE per column), then the
 * attribute names; PATIENT_ID, and SAMPLE_ID in sample files.  A file
 * without the "#" rows is read with a warning, every column as text.  The
 * study comes from the meta file beside it (cancer_study_identifier).
 */
#ifndef CBIOCLIN_H
#define CBIOCLIN_H

#include <stdbool.h>

#include "clin.h"

typedef struct cbioclin_reader cbioclin_reader;

/* True when the first lines look like a cBioPortal clinical file. */
bool		cbioclin_sniff(char **lines, int n);

cbioclin_reader *cbioclin_open(const char *path, clin_info *info, char **err, int *errno_out);
int			cbioclin_next(cbioclin_reader *r, const clin_record **rec, char **err);
long		cbioclin_lineno(const cbioclin_reader *r);
void		cbioclin_close(cbioclin_reader *r);

#endif							/* CBIOCLIN_H */
