/*
 * gdcclin.h: GDC portal clinical cart TSVs (clinical.tsv, exposure.tsv,
 * follow_up.tsv, pathology_detail.tsv, family_history.tsv ...) in both
 * layouts: the current one (entity-prefixed columns: cases.submitter_id,
 * diagnoses.ajcc_pathologic_stage, treatments.treatment_type ...) and the
 * 2022 flat one (case_submitter_id, ajcc_pathologic_stage ...).  '-- is a
 * missing value.
 *
 * A case spans several rows (diagnosis x treatment x ...): each row gives
 * one record with the fields of the entities not given before, so no fact
 * is repeated.  An entity is identified by its *_id column, or (flat
 * layout) by its content.  The case's first primary diagnosis belongs to
 * the patient itself (entity "patient"), other diagnoses stay "diagnosis".
 * Field names are the column headers.
 */
#ifndef GDCCLIN_H
#define GDCCLIN_H

#include <stdbool.h>

#include "clin.h"

typedef struct gdcclin_reader gdcclin_reader;

/* True when the header line is a GDC clinical cart header. */
bool		gdcclin_sniff(const char *header);

gdcclin_reader *gdcclin_open(const char *path, clin_info *info, char **err, int *errno_out);
int			gdcclin_next(gdcclin_reader *r, const clin_record **rec, char **err);
long		gdcclin_lineno(const gdcclin_reader *r);
void		gdcclin_close(gdcclin_reader *r);

#endif							/* GDCCLIN_H */
