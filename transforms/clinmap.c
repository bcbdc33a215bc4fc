/*
 * clinmap.c: hospital exports read through a mapping file (see clinmap.h
 * and README.md): the mapping's sections, CSV or TSV rows (quoted fields
 * may span lines), value translations, dates as days from the index date.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "clin_internal.h"
#include "clinmap.h"
#include "lineio.h"
#include "textutil.h"

#define DAYS_PER_YEAR 365.25

typedef enum col_type
{
	COL_VALUE,
	COL_DATE,					/* days from the index date */
	COL_BIRTH_DATE				/* age in years at the index date */
} col_type;

typedef struct translation
{
	char	   *from;
	char	   *to;				/* NULL: missing, reason in reason */
	char	   *reason;
} translation;

typedef struct map_col
{
	char	   *column;			/* export header */
	char	   *entity;			/* patient, sample, or an entity of "ENTITY.ATTRIBUTE" */
	char	   *attribute;
	char	   *instance;
	col_type	type;
	bool		skip;
	bool		keep_date;
	bool		others_keep;	/* a value not in the list is kept as is */
	translation *values;
	int			nvalues;
	long		line;
} map_col;

struct clinmap
{
	char	   *patient;
	char	   *sample;
	char	   *index_date;
	char	   *date_format;
	char	   *study;
	char		sep;			/* 0: from the file */
	bool		unmapped_skip;
	char	  **missing;
	int			nmissing;
	map_col    *cols;
	int			ncols;
};

/* ------------------------------------------------------------ dates */

/* days since 1970-01-01 of a proleptic Gregorian date */
static long
days_from_civil(long y, long m, long d)
{
	long		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
month_days(long y, long m)
{
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

bool
clinmap_parse_date(const char *s, const char *fmt, long *days)
{
	long		v[3] = {0, 0, 0};
	int			nd[3] = {0, 0, 0};
	int			k = 0;
	char		sep = 0;
	long		y,
				m,
				d;

	while (*s == ' ')
		s++;
	for (; *s && k < 3; s++)
	{
		if (isdigit((unsigned char) *s))
		{
			if (nd[k] >= 4)
				return false;
			v[k] = v[k] * 10 + (*s - '0');
			nd[k]++;
		}
		else if (nd[k] > 0 && (*s == '-' || *s == '/' || *s == '.'))
		{
			if (k == 2)
				break;
			if (sep && *s != sep)
				return false;
			sep = *s;
			k++;
		}
		else
			break;
	}
	if (nd[0] == 0 || nd[1] == 0 || nd[2] == 0 || k != 2)
		return false;
	if (*s && *s != ' ' && *s != 'T')
		return false;			/* a time may follow */
	if (str_ieq(fmt, "YYYY-MM-DD") || str_ieq(fmt, "YYYY/MM/DD"))
		y = v[0], m = v[1], d = v[2];
	else if (str_ieq(fmt, "DD/MM/YYYY") || str_ieq(fmt, "DD-MM-YYYY") || str_ieq(fmt, "DD.MM.YYYY"))
		d = v[0], m = v[1], y = v[2];
	else if (str_ieq(fmt, "MM/DD/YYYY"))
		m = v[0], d = v[1], y = v[2];
	else
		return false;
	if ((y == v[0] ? nd[0] : nd[2]) != 4 || y < 1800 || y > 2200 || m < 1 || m > 12 ||
		d < 1 || d > month_days(y, m))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

/* ---------------------------------------------------------- the mapping */

static void
col_free(map_col *c)
{
	free(c->column);
	free(c->entity);
	free(c->attribute);
	free(c->instance);
	for (int i = 0; i < c->nvalues; i++)
	{
		free(c->values[i].from);
		free(c->values[i].to);
		free(c->values[i].reason);
	}
	free(c->values);
}

void
clinmap_free(clinmap *m)
{
	if (!m)
		return;
	free(m->patient);
	free(m->sample);
	free(m->index_date);
	free(m->date_format);
	free(m->study);
	for (int i = 0; i < m->nmissing; i++)
		free(m->missing[i]);
	free(m->missing);
	for (int i = 0; i < m->ncols; i++)
		col_free(&m->cols[i]);
	free(m->cols);
	free(m);
}

const char *
clinmap_study(const clinmap *m)
{
	return m->study;
}

/* A token, "quoted" or bare, trimmed; a new string. */
static char *
unquote(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char) *s))
		s++, n--;
	while (n > 0 && isspace((unsigned char) s[n - 1]))
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		s++, n -= 2;
	return xstrndup(s, n);
}

/* "1 -> male | 2 -> female | 9 -> [Unknown]" */
static bool
parse_values(map_col *c, const char *s, char **err, long line)
{
	while (*s)
	{
		const char *bar = strchr(s, '|');
		size_t		n = bar ? (size_t) (bar - s) : strlen(s);
		const char *arrow = NULL;
		translation *t;
		char	   *to;

		for (const char *p = s; p + 1 < s + n; p++)
			if (p[0] == '-' && p[1] == '>')
			{
				arrow = p;
				break;
			}
		if (!arrow)
		{
			*err = xasprintf("%ld: a value translation is SOURCE -> TARGET, not \"%.*s\"", line, (int) n, s);
			return false;
		}
		c->values = xrealloc(c->values, (size_t) (c->nvalues + 1) * sizeof(translation));
		t = &c->values[c->nvalues++];
		t->from = unquote(s, (size_t) (arrow - s));
		to = unquote(arrow + 2, (size_t) (s + n - arrow - 2));
		t->to = NULL;
		t->reason = NULL;
		if (to[0] == '[' && strlen(to) >= 2 && to[strlen(to) - 1] == ']')
		{
			t->reason = xstrndup(to + 1, strlen(to) - 2);
			free(to);
		}
		else if (*to == '\0')
		{
			t->reason = xstrdup("empty");
			free(to);
		}
		else
			t->to = to;
		s += n;
		if (*s == '|')
			s++;
	}
	return true;
}

static bool
yes(const char *v)
{
	return str_ieq(v, "yes") || str_ieq(v, "true") || str_ieq(v, "1") || str_ieq(v, "on");
}

clinmap *
clinmap_read(const char *path, char **err)
{
	clinmap    *m = xcalloc(1, sizeof(*m));
	lineio	   *lr = lineio_open(path);
	char	   *line;
	size_t		len;
	map_col    *cur = NULL;
	bool		in_export = false;

	*err = NULL;
	if (!lr)
	{
		*err = xasprintf("could not open the mapping file: %s", strerror(errno));
		free(m);
		return NULL;
	}
	while ((line = lineio_next(lr, &len)) != NULL)
	{
		long		ln = lineio_lineno(lr);
		char	   *s = str_trim(line);
		char	   *eq;
		char	   *key,
				   *val;

		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		/* a '#' after a blank starts a comment */
		for (char *h = s + 1; *h; h++)
			if (*h == '#' && (h[-1] == ' ' || h[-1] == '\t'))
			{
				*h = '\0';
				s = str_trim(s);
				break;
			}
		if (*s == '[')
		{
			char	   *end = strrchr(s, ']');

			if (!end || end[1] != '\0')
			{
				*err = xasprintf("%ld: a section header is [export] or [column NAME]", ln);
				goto fail;
			}
			*end = '\0';
			s = str_trim(s + 1);
			if (str_ieq(s, "export"))
			{
				in_export = true;
				cur = NULL;
			}
			else if (str_iprefix(s, "column ") || str_iprefix(s, "column\t"))
			{
				char	   *name = unquote(s + 7, strlen(s + 7));

				if (*name == '\0')
				{
					free(name);
					*err = xasprintf("%ld: [column NAME] needs the export's column name", ln);
					goto fail;
				}
				for (int i = 0; i < m->ncols; i++)
					if (strcmp(m->cols[i].column, name) == 0)
					{
						*err = xasprintf("%ld: column \"%s\" is mapped twice", ln, name);
						free(name);
						goto fail;
					}
				m->cols = xrealloc(m->cols, (size_t) (m->ncols + 1) * sizeof(map_col));
				cur = &m->cols[m->ncols++];
				memset(cur, 0, sizeof(*cur));
				cur->column = name;
				cur->line = ln;
				in_export = false;
			}
			else
			{
				*err = xasprintf("%ld: unknown section [%s] (expected [export] or [column NAME])", ln, s);
				goto fail;
			}
			continue;
		}
		if ((eq = strchr(s, '=')) == NULL)
		{
			*err = xasprintf("%ld: expected KEY = VALUE", ln);
			goto fail;
		}
		*eq = '\0';
		key = str_trim(s);
		val = str_trim(eq + 1);
		if (in_export)
		{
			char	  **slot = NULL;

			if (str_ieq(key, "patient"))
				slot = &m->patient;
			else if (str_ieq(key, "sample"))
				slot = &m->sample;
			else if (str_ieq(key, "index date"))
				slot = &m->index_date;
			else if (str_ieq(key, "date format"))
				slot = &m->date_format;
			else if (str_ieq(key, "study"))
				slot = &m->study;
			else if (str_ieq(key, "separator"))
			{
				if (str_ieq(val, "comma") || strcmp(val, ",") == 0)
					m->sep = ',';
				else if (str_ieq(val, "tab"))
					m->sep = '\t';
				else if (str_ieq(val, "semicolon") || strcmp(val, ";") == 0)
					m->sep = ';';
				else
				{
					*err = xasprintf("%ld: separator is comma, tab or semicolon", ln);
					goto fail;
				}
			}
			else if (str_ieq(key, "unmapped"))
			{
				if (str_ieq(val, "skip"))
					m->unmapped_skip = true;
				else if (!str_ieq(val, "keep"))
				{
					*err = xasprintf("%ld: unmapped is keep or skip", ln);
					goto fail;
				}
			}
			else if (str_ieq(key, "missing"))
			{
				const char *p = val;

				while (*p)
				{
					const char *comma = p;
					bool		q = false;

					while (*comma && (q || *comma != ','))
						q ^= *comma++ == '"';
					m->missing = xrealloc(m->missing, (size_t) (m->nmissing + 1) * sizeof(char *));
					m->missing[m->nmissing++] = unquote(p, (size_t) (comma - p));
					p = *comma ? comma + 1 : comma;
				}
			}
			else
			{
				*err = xasprintf("%ld: unknown key \"%s\" in [export]", ln, key);
				goto fail;
			}
			if (slot)
			{
				free(*slot);
				*slot = xstrdup(val);
			}
			continue;
		}
		if (!cur)
		{
			*err = xasprintf("%ld: \"%s\" outside a section ([export] or [column NAME])", ln, key);
			goto fail;
		}
		if (str_ieq(key, "attribute"))
		{
			const char *dot = strchr(val, '.');

			free(cur->attribute);
			if (dot)
			{
				free(cur->entity);
				cur->entity = xstrndup(val, (size_t) (dot - val));
				cur->attribute = xstrdup(dot + 1);
			}
			else
				cur->attribute = xstrdup(val);
			if (*cur->attribute == '\0' || (cur->entity && *cur->entity == '\0'))
			{
				*err = xasprintf("%ld: attribute is NAME or ENTITY.NAME", ln);
				goto fail;
			}
		}
		else if (str_ieq(key, "level"))
		{
			if (!str_ieq(val, "patient") && !str_ieq(val, "sample"))
			{
				*err = xasprintf("%ld: level is patient or sample", ln);
				goto fail;
			}
			if (!cur->entity || strcmp(cur->entity, "patient") == 0 || strcmp(cur->entity, "sample") == 0)
			{
				free(cur->entity);
				cur->entity = xstrdup(str_ieq(val, "sample") ? "sample" : "patient");
			}
		}
		else if (str_ieq(key, "instance"))
		{
			free(cur->instance);
			cur->instance = xstrdup(val);
		}
		else if (str_ieq(key, "type"))
		{
			if (str_ieq(val, "date"))
				cur->type = COL_DATE;
			else if (str_ieq(val, "birth date"))
				cur->type = COL_BIRTH_DATE;
			else if (str_ieq(val, "value") || str_ieq(val, "text"))
				cur->type = COL_VALUE;
			else
			{
				*err = xasprintf("%ld: type is value, date or birth date", ln);
				goto fail;
			}
		}
		else if (str_ieq(key, "values"))
		{
			if (!parse_values(cur, val, err, ln))
				goto fail;
		}
		else if (str_ieq(key, "others"))
		{
			if (str_ieq(val, "keep"))
				cur->others_keep = true;
			else if (!str_ieq(val, "reject"))
			{
				*err = xasprintf("%ld: others is keep or reject", ln);
				goto fail;
			}
		}
		else if (str_ieq(key, "skip"))
			cur->skip = yes(val);
		else if (str_ieq(key, "keep date"))
			cur->keep_date = yes(val);
		else
		{
			*err = xasprintf("%ld: unknown key \"%s\" in [column %s]", ln, key, cur->column);
			goto fail;
		}
	}
	if (lineio_error(lr))
	{
		*err = xasprintf("could not read the mapping file: %s", lineio_error(lr));
		goto fail;
	}
	if (!m->patient)
	{
		*err = xstrdup("the mapping's [export] section names no patient column (patient = COLUMN)");
		goto fail;
	}
	if (!m->date_format)
		m->date_format = xstrdup("YYYY-MM-DD");
	{
		long		probe;

		if (!clinmap_parse_date("2000-01-02", "YYYY-MM-DD", &probe) ||
			(!str_ieq(m->date_format, "YYYY-MM-DD") && !str_ieq(m->date_format, "YYYY/MM/DD") &&
			 !str_ieq(m->date_format, "DD/MM/YYYY") && !str_ieq(m->date_format, "DD-MM-YYYY") &&
			 !str_ieq(m->date_format, "DD.MM.YYYY") && !str_ieq(m->date_format, "MM/DD/YYYY")))
		{
			*err = xasprintf("unknown date format \"%s\" (YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, "
							 "DD-MM-YYYY, DD.MM.YYYY or YYYY/MM/DD)", m->date_format);
			goto fail;
		}
	}
	for (int i = 0; i < m->ncols; i++)
	{
		map_col    *c = &m->cols[i];

		if (c->skip)
			continue;
		if (!c->attribute)
		{
			if (c->type == COL_BIRTH_DATE)
				c->attribute = xstrdup("age_at_diagnosis");
			else
			{
				*err = xasprintf("%ld: [column %s] names no attribute (or skip = yes)", c->line, c->column);
				goto fail;
			}
		}
		if ((c->type != COL_VALUE) && !m->index_date)
		{
			*err = xasprintf("%ld: [column %s] is a date, but [export] names no index date", c->line, c->column);
			goto fail;
		}
		if (!c->entity)
			c->entity = xstrdup("patient");
		if (strcmp(c->entity, "sample") == 0 && !m->sample)
		{
			*err = xasprintf("%ld: [column %s] is sample-level, but [export] names no sample column",
							 c->line, c->column);
			goto fail;
		}
		if (!c->instance)
			c->instance = xstrdup(strcmp(c->entity, "patient") == 0 || strcmp(c->entity, "sample") == 0 ? "" : "1");
	}
	lineio_close(lr);
	return m;
fail:
	lineio_close(lr);
	clinmap_free(m);
	return NULL;
}

/* ------------------------------------------------------------ the export */

struct clinmap_reader
{
	clinmap    *map;
	lineio	   *lr;
	char		sep;
	int			ncols;
	char	  **names;
	map_col   **col_map;		/* per export column: its mapping, or NULL */
	int			patient_col;
	int			sample_col;
	int			index_col;
	char		(*scratch)[48];	/* per column: a converted value */

	onc_buf		rowbuf;			/* the logical row (quoted fields may span lines) */
	char	  **f;
	int			capf;
	clin_fields fields;
	clin_record out;
	long		row_line;
};

/* CSV split in place: quotes group separators; "" inside quotes is ". */
static int
csv_split(char *line, char sep, char ***fields, int *cap)
{
	char	   *p = line,
			   *w = line;
	int			n = 0;

	for (;;)
	{
		char	   *start = w;
		char		c;

		if (*p == '"')
		{
			p++;
			for (;;)
			{
				if (*p == '"' && p[1] == '"')
				{
					*w++ = '"';
					p += 2;
				}
				else if (*p == '"')
				{
					p++;
					break;
				}
				else if (*p == '\0')
					break;
				else
					*w++ = *p++;
			}
		}
		while (*p && *p != sep)
			*w++ = *p++;
		c = *p;
		*w = '\0';
		if (n == *cap)
		{
			*cap = *cap ? *cap * 2 : 64;
			*fields = xrealloc(*fields, (size_t) *cap * sizeof(char *));
		}
		(*fields)[n++] = start;
		if (c == '\0')
			break;
		p++;
		w++;
	}
	return n;
}

/* The next logical row into r->rowbuf; false at the end (or on error). */
static bool
read_row(clinmap_reader *r)
{
	char	   *line;
	size_t		len;
	bool		open_quote = false;

	buf_reset(&r->rowbuf);
	do
	{
		line = lineio_next(r->lr, &len);
		if (!line)
			return r->rowbuf.len > 0;
		if (r->rowbuf.len == 0)
			r->row_line = lineio_lineno(r->lr);
		else
			buf_append(&r->rowbuf, "\n", 1);
		buf_append(&r->rowbuf, line, len);
		if (r->sep != '\t')
			for (size_t i = 0; i < len; i++)
				if (line[i] == '"')
					open_quote = !open_quote;
	} while (open_quote || (r->rowbuf.len == 0));
	buf_append(&r->rowbuf, "", 1);
	r->rowbuf.len--;
	return true;
}

static int
split_row(clinmap_reader *r)
{
	if (r->sep == '\t')
		return clin_split(r->rowbuf.data, '\t', &r->f, &r->capf);
	return csv_split(r->rowbuf.data, r->sep, &r->f, &r->capf);
}

clinmap_reader *
clinmap_open(const char *path, const char *mapping_path, clin_info *info, char **err, int *errno_out)
{
	clinmap_reader *r = xcalloc(1, sizeof(*r));
	char	   *merr = NULL;

	*err = NULL;
	buf_init(&r->rowbuf);
	r->patient_col = r->sample_col = r->index_col = -1;
	r->map = clinmap_read(mapping_path, &merr);
	if (!r->map)
	{
		*err = xasprintf("%s: %s", mapping_path, merr);
		free(merr);
		goto fail;
	}
	r->lr = lineio_open(path);
	if (!r->lr)
	{
		if (errno_out)
			*errno_out = errno;
		*err = xasprintf("could not open: %s", strerror(errno));
		goto fail;
	}
	r->sep = r->map->sep;
	if (!read_row(r))
	{
		*err = xstrdup(lineio_error(r->lr) ? lineio_error(r->lr) : "1: the export is empty");
		goto fail;
	}
	if (!r->sep)
	{
		/* a tab in the header means TSV, else CSV (semicolons when only they occur) */
		if (strchr(r->rowbuf.data, '\t'))
			r->sep = '\t';
		else if (!strchr(r->rowbuf.data, ',') && strchr(r->rowbuf.data, ';'))
			r->sep = ';';
		else
			r->sep = ',';
	}
	r->ncols = split_row(r);
	r->names = xcalloc((size_t) r->ncols, sizeof(char *));
	r->col_map = xcalloc((size_t) r->ncols, sizeof(map_col *));
	r->scratch = xcalloc((size_t) r->ncols, sizeof(*r->scratch));
	for (int c = 0; c < r->ncols; c++)
	{
		r->names[c] = xstrdup(str_trim(r->f[c]));
		if (c == 0 && (unsigned char) r->names[0][0] == 0xEF)
			memmove(r->names[0], r->names[0] + 3, strlen(r->names[0] + 3) + 1);	/* BOM */
		if (strcmp(r->names[c], r->map->patient) == 0)
			r->patient_col = c;
		if (r->map->sample && strcmp(r->names[c], r->map->sample) == 0)
			r->sample_col = c;
		if (r->map->index_date && strcmp(r->names[c], r->map->index_date) == 0)
			r->index_col = c;
		for (int i = 0; i < r->map->ncols; i++)
			if (strcmp(r->map->cols[i].column, r->names[c]) == 0)
				r->col_map[c] = &r->map->cols[i];
	}
	if (r->patient_col < 0)
	{
		*err = xasprintf("1: no column \"%s\" (the mapping's patient column)", r->map->patient);
		goto fail;
	}
	if (r->map->sample && r->sample_col < 0)
	{
		*err = xasprintf("1: no column \"%s\" (the mapping's sample column)", r->map->sample);
		goto fail;
	}
	if (r->map->index_date && r->index_col < 0)
	{
		*err = xasprintf("1: no column \"%s\" (the mapping's index date)", r->map->index_date);
		goto fail;
	}
	for (int i = 0; i < r->map->ncols; i++)
	{
		bool		found = false;

		for (int c = 0; c < r->ncols && !found; c++)
			found = r->col_map[c] == &r->map->cols[i];
		if (!found)
		{
			*err = xasprintf("1: the mapping names column \"%s\" (mapping line %ld), which the export lacks",
							 r->map->cols[i].column, r->map->cols[i].line);
			goto fail;
		}
	}
	memset(info, 0, sizeof(*info));
	info->format = CLIN_FMT_HOSPITAL;
	info->format_name = "hospital-export";
	info->data_type = "clinical";
	info->source = CLIN_SRC_MODEL;
	info->study_hint = r->map->study;
	info->layout = r->sep == '\t' ? "tsv" : r->sep == ';' ? "csv (semicolons)" : "csv";
	info->columns = r->ncols;
	return r;
fail:
	clinmap_close(r);
	return NULL;
}

static bool
is_missing(const clinmap *m, const char *v, const char **reason)
{
	if (*v == '\0')
	{
		*reason = "empty";
		return true;
	}
	for (int i = 0; i < m->nmissing; i++)
		if (str_ieq(v, m->missing[i]))
		{
			*reason = m->missing[i][0] ? m->missing[i] : "empty";
			return true;
		}
	if (m->nmissing == 0 && (strcmp(v, "NA") == 0 || strcmp(v, "N/A") == 0))
	{
		*reason = v;
		return true;
	}
	return false;
}

int
clinmap_next(clinmap_reader *r, const clin_record **rec, char **err)
{
	int			n;
	const char *patient;
	long		index_day = 0;
	bool		have_index = false;
	const clinmap *m = r->map;

	*err = NULL;
	do
	{
		if (!read_row(r))
		{
			if (lineio_error(r->lr))
			{
				*err = xasprintf("could not read: %s", lineio_error(r->lr));
				return -1;
			}
			return 0;
		}
	} while (r->rowbuf.len == 0);
	memset(&r->out, 0, sizeof(r->out));
	r->out.line = r->row_line;
	r->out.raw = NULL;			/* exports hold dates of birth: the raw row is not kept */
	r->fields.n = 0;
	n = split_row(r);
	if (n != r->ncols)
	{
		r->out.error = n < r->ncols ? "fewer fields than the header has columns" :
			"more fields than the header has columns";
		r->out.error_code = "column_count";
		*rec = &r->out;
		return 1;
	}
	patient = str_trim(r->f[r->patient_col]);
	if (*patient == '\0')
	{
		r->out.error = "no patient ID";
		r->out.error_code = "patient_missing";
		r->out.error_col = r->patient_col + 1;
		*rec = &r->out;
		return 1;
	}
	r->out.patient_id = patient;
	r->out.defines_patient = r->sample_col < 0;
	r->out.creates_patient = true;
	if (r->sample_col >= 0)
	{
		const char *s = str_trim(r->f[r->sample_col]);

		r->out.sample_id = *s ? s : NULL;
		r->out.defines_sample = *s != '\0';
	}
	if (r->index_col >= 0)
		have_index = clinmap_parse_date(str_trim(r->f[r->index_col]), m->date_format, &index_day);

	for (int c = 0; c < n; c++)
	{
		map_col    *mc = r->col_map[c];
		char	   *v = str_trim(r->f[c]);
		const char *reason;
		clin_field *f;

		if (c == r->patient_col || c == r->sample_col || c == r->index_col)
		{
			if (!(mc && !mc->skip && mc->keep_date && c == r->index_col))
				continue;
		}
		if (mc ? mc->skip : m->unmapped_skip)
			continue;
		f = clin_fields_add(&r->fields);
		f->line = r->row_line;
		f->col = c + 1;
		f->source = r->names[c];
		if (!mc)
		{
			f->entity = "patient";
			f->instance = "";
			f->name = r->names[c];
			if (is_missing(m, v, &reason))
				f->missing = reason;
			else
				f->value = v;
			continue;
		}
		f->entity = mc->entity;
		f->instance = mc->instance;
		f->name = mc->attribute;
		if (strcmp(mc->entity, "sample") == 0 && !r->out.sample_id)
		{
			f->missing = "no sample";
			continue;
		}
		if (is_missing(m, v, &reason))
		{
			f->missing = reason;
			continue;
		}
		if (mc->type != COL_VALUE)
		{
			long		day;

			if (!clinmap_parse_date(v, m->date_format, &day))
			{
				f->invalid = "a date in the mapping's date format";
				continue;
			}
			if (!have_index)
			{
				f->missing = "no index date";
				continue;
			}
			if (mc->type == COL_DATE)
				snprintf(r->scratch[c], sizeof(r->scratch[c]), "%ld", day - index_day);
			else
			{
				double		age = round((double) (index_day - day) / DAYS_PER_YEAR * 100.0) / 100.0;

				num_format_double(age, r->scratch[c], sizeof(r->scratch[c]));
			}
			f->value = r->scratch[c];
			if (mc->keep_date)
			{
				/* the mapping asks for the calendar date too */
				clin_field *d = clin_fields_add(&r->fields);

				*d = r->fields.v[r->fields.n - 2];
				d->name = r->names[c];
				d->value = v;
			}
			continue;
		}
		if (mc->nvalues > 0)
		{
			int			i;

			for (i = 0; i < mc->nvalues; i++)
				if (str_ieq(v, mc->values[i].from))
					break;
			if (i < mc->nvalues)
			{
				if (mc->values[i].to)
					f->value = mc->values[i].to;
				else
					f->missing = mc->values[i].reason;
				f->raw_value = v;
			}
			else if (mc->others_keep)
				f->value = v;
			else
				f->invalid = "one of the values the mapping lists";
			continue;
		}
		f->value = v;
	}
	r->out.nfields = r->fields.n;
	r->out.fields = r->fields.v;
	*rec = &r->out;
	return 1;
}

long
clinmap_lineno(const clinmap_reader *r)
{
	return r->lr ? lineio_lineno(r->lr) : 0;
}

void
clinmap_close(clinmap_reader *r)
{
	if (!r)
		return;
	if (r->lr)
		lineio_close(r->lr);
	clinmap_free(r->map);
	for (int c = 0; r->names && c < r->ncols; c++)
		free(r->names[c]);
	free(r->names);
	free(r->col_map);
	free(r->scratch);
	free(r->f);
	clin_fields_free(&r->fields);
	buf_free(&r->rowbuf);
	free(r);
}
