/*
 * report.h: printing query results for stewards, as aligned text tables or
 * as JSON, the same way in every reporting command (show, diff, reconcile).
 * Column names are the JSON keys and the table headers; the JSON type of a
 * value follows its PostgreSQL type (numbers, booleans and json stay what
 * they are, NULL is null).
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>
#include <libpq-fe.h>

#include "onc.h"

/*
 * Print res as a table on out: a header of the column names, a rule, one
 * line per row, columns padded to their widest value (the last one is not
 * padded).  NULL prints as "".  indent spaces start every line.  Prints
 * nothing when res has no rows.
 */
void		report_table(FILE *out, const PGresult *res, int indent);

/*
 * Print one row of res as "label  value" lines on out, labels padded to the
 * longest; columns whose value is NULL or "" are left out.
 */
void		report_fields(FILE *out, const PGresult *res, int row, int indent);

/* Append row of res as a JSON object to b. */
void		report_json_row(onc_buf *b, const PGresult *res, int row);

/* Append every row of res as a JSON array of objects to b. */
void		report_json_rows(onc_buf *b, const PGresult *res);

/* Append s as a JSON string (NULL: null) to b. */
void		report_json_str(onc_buf *b, const char *s);

/* Append "key": to b (preceded by a comma unless first). */
void		report_json_key(onc_buf *b, const char *key, bool first);

#endif							/* REPORT_H */
