/*
 * report.c: query results as aligned text tables or JSON, shared by the
 * steward's commands (show, diff, reconcile) so that they print alike.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "report.h"

/* PostgreSQL type OIDs (pg_type.dat) whose values JSON writes bare. */
#define BOOLOID 16
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define OIDOID 26
#define JSONOID 114
#define FLOAT4OID 700
#define FLOAT8OID 701
#define NUMERICOID 1700
#define JSONBOID 3802

/* Characters, not bytes, so that UTF-8 text lines up. */
static size_t
text_width(const char *s)
{
	size_t		n = 0;

	for (; *s; s++)
		if (((unsigned char) *s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
pad(FILE *out, size_t n)
{
	while (n-- > 0)
		fputc(' ', out);
}

void
report_table(FILE *out, const PGresult *res, int indent)
{
	int			nrows = PQntuples(res);
	int			ncols = PQnfields(res);
	size_t	   *w;

	if (nrows == 0 || ncols == 0)
		return;
	w = xcalloc((size_t) ncols, sizeof(size_t));
	for (int c = 0; c < ncols; c++)
	{
		w[c] = text_width(PQfname(res, c));
		for (int r = 0; r < nrows; r++)
		{
			size_t		n = text_width(PQgetvalue(res, r, c));

			if (n > w[c])
				w[c] = n;
		}
	}
	pad(out, (size_t) indent);
	for (int c = 0; c < ncols; c++)
	{
		const char *h = PQfname(res, c);

		fputs(h, out);
		if (c < ncols - 1)
			pad(out, w[c] - text_width(h) + 2);
	}
	fputc('\n', out);
	pad(out, (size_t) indent);
	for (int c = 0; c < ncols; c++)
	{
		for (size_t i = 0; i < w[c]; i++)
			fputc('-', out);
		if (c < ncols - 1)
			fputs("  ", out);
	}
	fputc('\n', out);
	for (int r = 0; r < nrows; r++)
	{
		pad(out, (size_t) indent);
		for (int c = 0; c < ncols; c++)
		{
			const char *v = PQgetvalue(res, r, c);

			fputs(v, out);
			if (c < ncols - 1)
				pad(out, w[c] - text_width(v) + 2);
		}
		fputc('\n', out);
	}
	free(w);
}

void
report_fields(FILE *out, const PGresult *res, int row, int indent)
{
	int			ncols = PQnfields(res);
	size_t		w = 0;

	for (int c = 0; c < ncols; c++)
		if (!PQgetisnull(res, row, c) && PQgetvalue(res, row, c)[0] && text_width(PQfname(res, c)) > w)
			w = text_width(PQfname(res, c));
	for (int c = 0; c < ncols; c++)
	{
		const char *v = PQgetvalue(res, row, c);

		if (PQgetisnull(res, row, c) || !v[0])
			continue;
		pad(out, (size_t) indent);
		fputs(PQfname(res, c), out);
		pad(out, w - text_width(PQfname(res, c)) + 2);
		fprintf(out, "%s\n", v);
	}
}

void
report_json_str(onc_buf *b, const char *s)
{
	if (!s)
	{
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "\"");
	json_escape(b, s);
	buf_puts(b, "\"");
}

void
report_json_key(onc_buf *b, const char *key, bool first)
{
	if (!first)
		buf_puts(b, ",");
	report_json_str(b, key);
	buf_puts(b, ":");
}

/* A number PostgreSQL printed that JSON can hold (not NaN or Infinity). */
static bool
json_number(const char *s)
{
	return s[0] && strchr("-0123456789", s[0]) && !strchr(s, 'I') && !strchr(s, 'N');
}

void
report_json_row(onc_buf *b, const PGresult *res, int row)
{
	int			ncols = PQnfields(res);

	buf_puts(b, "{");
	for (int c = 0; c < ncols; c++)
	{
		const char *v = PQgetvalue(res, row, c);

		report_json_key(b, PQfname(res, c), c == 0);
		if (PQgetisnull(res, row, c))
		{
			buf_puts(b, "null");
			continue;
		}
		switch (PQftype(res, c))
		{
			case BOOLOID:
				buf_puts(b, v[0] == 't' ? "true" : "false");
				break;
			case INT8OID:
			case INT2OID:
			case INT4OID:
			case OIDOID:
			case FLOAT4OID:
			case FLOAT8OID:
			case NUMERICOID:
				if (json_number(v))
					buf_puts(b, v);
				else
					report_json_str(b, v);
				break;
			case JSONOID:
			case JSONBOID:
				buf_puts(b, v);
				break;
			default:
				report_json_str(b, v);
		}
	}
	buf_puts(b, "}");
}

void
report_json_rows(onc_buf *b, const PGresult *res)
{
	int			nrows = PQntuples(res);

	buf_puts(b, "[");
	for (int r = 0; r < nrows; r++)
	{
		if (r > 0)
			buf_puts(b, ",");
		report_json_row(b, res, r);
	}
	buf_puts(b, "]");
}
