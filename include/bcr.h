/*
 * bcr.h: TCGA BCR clinical and biospecimen XML, read with libxml2's
 * streaming reader (xmlTextReader): never a whole document in memory, only
 * the fields of the one patient the file describes.
 *
 * Records come out patient first (after the file's admin section), then
 * each follow-up, drug, radiation and new tumour event, or each sample,
 * portion, analyte, aliquot, slide and protocol, in document order.  Every
 * leaf element becomes a field named by its local name (a repeat gets
 * "[2]", "[3]" ...; an element's units attribute a field "NAME@units");
 * containers that are not entities flatten into their entity.  An empty
 * element is a missing value whose reason is its procurement_status.
 */
#ifndef BCR_H
#define BCR_H

#include "clin.h"

typedef struct bcr_reader bcr_reader;

/*
 * Open a BCR XML file (plain or gzip) and read its admin section: fills
 * info (format, clinical or biospecimen, the study from admin:project_code
 * and admin:disease_code).  NULL on failure with *err set (free());
 * *errno_out (may be NULL) is nonzero for an I/O failure.  An XML file of
 * another kind is an error.
 */
bcr_reader *bcr_open(const char *path, clin_info *info, char **err, int *errno_out);

/* As clin_next(). */
int			bcr_next(bcr_reader *r, const clin_record **rec, char **err);
long		bcr_lineno(const bcr_reader *r);
void		bcr_close(bcr_reader *r);

#endif							/* BCR_H */
