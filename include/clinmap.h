/*
 * clinmap.h: hospital and biobank exports (CSV or TSV, e.g. from REDCap)
 * read through a small mapping file that names, for each export column,
 * the warehouse attribute it fills and how its values translate; calendar
 * dates become days from the index date the mapping names, and raw dates
 * are never kept.  The mapping format is documented in README.md
 * ("Hospital exports and mapping files").
 */
#ifndef CLINMAP_H
#define CLINMAP_H

#include <stdbool.h>

#include "clin.h"

typedef struct clinmap clinmap;

/*
 * Read a mapping file.  NULL on failure with *err set (free()) to
 * "LINE: message" (or an I/O message).  Free with clinmap_free().
 */
clinmap    *clinmap_read(const char *path, char **err);
void		clinmap_free(clinmap *m);

/* The study the mapping names, or NULL. */
const char *clinmap_study(const clinmap *m);

/*
 * Days from 1970-01-01 of a date written in fmt (YYYY-MM-DD, DD/MM/YYYY,
 * MM/DD/YYYY, DD-MM-YYYY, DD.MM.YYYY, YYYY/MM/DD; a time after the date is
 * ignored): true and *days, or false when s is not such a date.
 */
bool		clinmap_parse_date(const char *s, const char *fmt, long *days);

typedef struct clinmap_reader clinmap_reader;

/* Open an export with its mapping file; as clin_open(). */
clinmap_reader *clinmap_open(const char *path, const char *mapping_path, clin_info *info,
							 char **err, int *errno_out);
int			clinmap_next(clinmap_reader *r, const clin_record **rec, char **err);
long		clinmap_lineno(const clinmap_reader *r);
void		clinmap_close(clinmap_reader *r);

#endif							/* CLINMAP_H */
