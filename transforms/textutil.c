/*
 * textutil.c: field splitting, strict number parsing and shortest
 * round-trip number formatting for the parsers.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "textutil.h"

int
tsv_split(char *line, char sep, char **fields, int max)
{
	int			n = 0;
	char	   *p = line;

	for (;;)
	{
		char	   *q = strchr(p, sep);

		if (n < max)
			fields[n] = p;
		n++;
		if (!q)
			break;
		*q = '\0';
		p = q + 1;
	}
	return n;
}

int
tsv_count(const char *line, char sep)
{
	int			n = 1;

	for (const char *p = line; (p = strchr(p, sep)) != NULL; p++)
		n++;
	return n;
}

static const char *const missing_tokens[] = {
	"NA", "NaN", "nan", "N/A", "n/a", "null", "NULL", "None", NULL
};

bool
num_is_missing_token(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '\r')
		return true;
	if (*s != 'N' && *s != 'n')
		return false;
	for (int i = 0; missing_tokens[i]; i++)
	{
		size_t		n = strlen(missing_tokens[i]);

		if (strncmp(s, missing_tokens[i], n) == 0)
		{
			const char *t = s + n;

			while (*t == ' ' || *t == '\t' || *t == '\r')
				t++;
			if (*t == '\0')
				return true;
		}
	}
	return false;
}

/* Exact powers of ten as doubles (10^22 is the largest exact one). */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/*
 * Only digits, sign, point and exponent are numbers here: strtod's hex,
 * inf and nan are not.  A number without an exponent whose digits make an
 * integer of at most 2^53, with at most 22 of them after the point, is
 * converted exactly as strtod would (mantissa and power of ten are both
 * exact doubles, so one division rounds correctly: Clinger's fast path);
 * anything else goes to strtod.
 */
num_status
num_parse_double(const char *s, double *out)
{
	const char *p;
	const char *start;
	uint64_t	mant = 0;
	int			digits = 0,
				frac = 0;
	bool		neg = false,
				exp = false,
				digit = false;
	char	   *end;
	double		d;

	while (*s == ' ' || *s == '\t')
		s++;
	start = s;
	p = s;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	while (*p == '0')
		p++, digit = true;
	for (; *p >= '0' && *p <= '9'; p++, digit = true)
		if (++digits <= 19)
			mant = mant * 10 + (uint64_t) (*p - '0');
	if (*p == '.')
	{
		p++;
		if (digits == 0)
			for (; *p == '0'; p++, frac++)
				digit = true;
		for (; *p >= '0' && *p <= '9'; p++, frac++, digit = true)
			if (++digits <= 19)
				mant = mant * 10 + (uint64_t) (*p - '0');
	}
	if (!digit)
		return num_is_missing_token(start) ? NUM_MISSING : NUM_INVALID;
	if (*p == 'e' || *p == 'E')
	{
		exp = true;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return NUM_INVALID;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	if (*p != '\0')
		return NUM_INVALID;
	if (!exp && frac <= 22 && (digits <= 15 || (digits <= 19 && mant <= (UINT64_C(1) << 53))))
	{
		d = (double) mant / pow10_exact[frac];
		*out = neg ? -d : d;
		return NUM_OK;
	}
	errno = 0;
	d = strtod(start, &end);
	if (end == start || !isfinite(d))
		return NUM_INVALID;
	*out = d;
	return NUM_OK;
}

num_status
num_parse_int64(const char *s, int64_t *out)
{
	char	   *end;
	long long	v;

	while (*s == ' ' || *s == '\t')
		s++;
	if (num_is_missing_token(s))
		return NUM_MISSING;
	if (!(isdigit((unsigned char) s[0]) ||
		  ((s[0] == '-' || s[0] == '+') && isdigit((unsigned char) s[1]))))
		return NUM_INVALID;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno)
		return NUM_INVALID;
	while (*end == ' ' || *end == '\t' || *end == '\r')
		end++;
	if (*end)
		return NUM_INVALID;
	*out = (int64_t) v;
	return NUM_OK;
}

char *
str_trim(char *s)
{
	size_t		n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
					 s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

bool
str_ieq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

bool
str_iprefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

bool
str_isuffix(const char *s, const char *suffix)
{
	size_t		n = strlen(s),
				m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/*
 * Shortest round trip: if 15 significant digits read back exactly, %g's
 * output (trailing zeros dropped) is the shortest form, since a shorter
 * decimal that rounds to d is what rounding d to 15 digits gives back;
 * otherwise 16, else 17 digits, which always read back.  Subnormal numbers
 * carry fewer digits, so for them every precision is tried from 1.
 */
int
num_format_double(double d, char *out, size_t cap)
{
	int			n = 0;

	for (int prec = (d != 0 && fabs(d) < DBL_MIN) ? 1 : 15; prec <= 17; prec++)
	{
		n = snprintf(out, cap, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			break;
	}
	return n;
}

const char *
err_split_place(const char *err, long *line, int *col)
{
	char	   *end;
	long		l = strtol(err, &end, 10);

	*line = 0;
	if (col)
		*col = 0;
	if (end == err || l <= 0 || *end != ':')
		return err;
	if (end[1] == ' ')
	{
		*line = l;
		return end + 2;
	}
	{
		char	   *end2;
		long		c = strtol(end + 1, &end2, 10);

		if (end2 != end + 1 && c > 0 && end2[0] == ':' && end2[1] == ' ')
		{
			*line = l;
			if (col)
				*col = (int) c;
			return end2 + 2;
		}
	}
	return err;
}

int
utf8_seq_len(const unsigned char *p)
{
	int			n;

	if (*p < 0x80)
		return 1;
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4;
	else
		return 0;
	/* a NUL ends the check too: it is no continuation byte */
	for (int i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	/* overlong, surrogate and out-of-range forms */
	if ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] > 0x9f) ||
		(*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] > 0x8f))
		return 0;
	return n;
}

bool
utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;

	for (;;)
	{
		int			n;

		/* ASCII, the common case, without a call per byte */
		while (*p && *p < 0x80)
			p++;
		if (!*p)
			return true;
		if ((n = utf8_seq_len(p)) == 0)
			return false;
		p += n;
	}
}

void
utf8_scrub(char *s)
{
	unsigned char *p = (unsigned char *) s;

	while (*p)
	{
		int			n = utf8_seq_len(p);

		if (n == 0)
			*p++ = '?';
		else
			p += n;
	}
}

void
json_escape(onc_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *) s;

	for (;;)
	{
		const unsigned char *run = p;
		int			n;

		/* plain ASCII goes in runs */
		while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			buf_append(b, run, (size_t) (p - run));
		if (!*p)
			return;
		if (*p == '"' || *p == '\\')
		{
			buf_append(b, "\\", 1);
			buf_append(b, p++, 1);
		}
		else if (*p == '\n')
		{
			buf_puts(b, "\\n");
			p++;
		}
		else if (*p == '\t')
		{
			buf_puts(b, "\\t");
			p++;
		}
		else if (*p == '\r')
		{
			buf_puts(b, "\\r");
			p++;
		}
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p++);
		else if ((n = utf8_seq_len(p)) == 0)
		{
			buf_puts(b, "\\ufffd");
			p++;
		}
		else
		{
			buf_append(b, p, (size_t) n);
			p += n;
		}
	}
}
