/*
 * textutil.h: small text helpers shared by the parsers and writers: field
 * splitting, strict number parsing, trimming, UTF-8 checks, JSON strings.
 * Nothing here allocates, except what grows an onc_buf.
 */
#ifndef TEXTUTIL_H
#define TEXTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onc.h"

/*
 * Split line in place at every sep (no quoting: TSV).  Stores up to max field
 * pointers in fields and returns the total number of fields found, which may
 * be more than max (the extra ones are not stored).
 */
int			tsv_split(char *line, char sep, char **fields, int max);

/* Count the fields of a line without modifying it. */
int			tsv_count(const char *line, char sep);

typedef enum num_status
{
	NUM_OK = 0,					/* a finite number */
	NUM_MISSING = 1,			/* empty, NA, NaN, N/A, null, None */
	NUM_INVALID = 2				/* anything else, including inf and overflow */
} num_status;

/* Parse a decimal or scientific number, surrounding blanks allowed. */
num_status	num_parse_double(const char *s, double *out);

/* Parse a whole number (optional sign), surrounding blanks allowed. */
num_status	num_parse_int64(const char *s, int64_t *out);

/* True when s is one of the missing-value tokens num_parse_* accept. */
bool		num_is_missing_token(const char *s);

/* Trim blanks (space, tab, CR) at both ends in place; returns s moved. */
char	   *str_trim(char *s);

/* ASCII case-insensitive equality and prefix/suffix tests. */
bool		str_ieq(const char *a, const char *b);
bool		str_iprefix(const char *s, const char *prefix);
bool		str_isuffix(const char *s, const char *suffix);

/*
 * Write the shortest decimal text that reads back as exactly d (like
 * PostgreSQL's float8out and Python's repr) into out; returns its length.
 */
int			num_format_double(double d, char *out, size_t cap);

/*
 * The place a reader's error message starts with ("LINE: text" or
 * "LINE:COL: text"): sets *line and *col (0 when absent; col may be NULL,
 * then a column is accepted and dropped) and returns the text after it, or
 * err itself when it names no place.
 */
const char *err_split_place(const char *err, long *line, int *col);

/*
 * Length of the valid UTF-8 sequence at p (1 for ASCII; p[0] is not NUL), or
 * 0 when the bytes there are not one: overlong forms, surrogates and code
 * points past U+10FFFF are invalid, as in PostgreSQL's check.
 */
int			utf8_seq_len(const unsigned char *p);
/* True when all of s is valid UTF-8 (the warehouse's encoding). */
bool		utf8_valid(const char *s);
/* Replace the bytes of s that are not valid UTF-8 by '?', in place. */
void		utf8_scrub(char *s);

/*
 * Append s as the body of a JSON string (no quotes): '"', '\\' and control
 * characters escaped, bytes that are not UTF-8 written as U+FFFD.
 */
void		json_escape(onc_buf *b, const char *s);

#endif							/* TEXTUTIL_H */
