/*
 * clin_internal.h: helpers the clinical table readers share (not a public
 * contract): splitting a line into a growable field array, and the array
 * of fields a record hands out.
 */
#ifndef CLIN_INTERNAL_H
#define CLIN_INTERNAL_H

#include "clin.h"

/*
 * Split line in place at sep (TSV: no quoting) into *fields, growing the
 * array (free() it) as needed; returns the number of fields.
 */
int			clin_split(char *line, char sep, char ***fields, int *cap);

/* A growable array of fields for the record being built. */
typedef struct clin_fields
{
	clin_field *v;
	int			n,
				cap;
} clin_fields;

/* A new zeroed field at the end of fs. */
clin_field *clin_fields_add(clin_fields *fs);
void		clin_fields_free(clin_fields *fs);

/*
 * A value in brackets ("[Not Available]"): strip them in place and return
 * the reason inside; NULL (s untouched) for any other text.
 */
char	   *clin_bracket_token(char *s);

#endif							/* CLIN_INTERNAL_H */
