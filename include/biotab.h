/*
 * biotab.h: TCGA BCR Biotab tables (nationwidechildrens.org_clinical_patient_
 * hnsc.txt and the drug, radiation, follow-up, new tumour event and
 * biospecimen tables beside it): three header rows (short names, XML
 * element names, CDE_ID codes), then a row per patient or per entity.
 * Field names come from the second row (the first repeats some); bracketed
 * tokens ([Not Available], [Unknown], [Completed] ...) are missing values,
 * the token without brackets their reason.  The entity and the study's
 * disease code come from the file name.
 */
#ifndef BIOTAB_H
#define BIOTAB_H

#include <stdbool.h>

#include "clin.h"

typedef struct biotab_reader biotab_reader;

/* True when the first three lines have the Biotab layout (row 3 CDE_ID:). */
bool		biotab_sniff(const char *line1, const char *line2, const char *line3);

/* As clin_open() for a Biotab file; fills info. */
biotab_reader *biotab_open(const char *path, clin_info *info, char **err, int *errno_out);
int			biotab_next(biotab_reader *r, const clin_record **rec, char **err);
long		biotab_lineno(const biotab_reader *r);
void		biotab_close(biotab_reader *r);

#endif							/* BIOTAB_H */
