/*
 * clin_detect.c: opening a clinical or biospecimen file of any supported
 * format: the format is detected from the first lines (or forced), then
 * the format's own reader takes over; records pass through unchanged.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "bcr.h"
#include "biotab.h"
#include "cbioclin.h"
#include "clin.h"
#include "clin_internal.h"
#include "clinmap.h"
#include "gdcclin.h"
#include "lineio.h"
#include "textutil.h"

#define SNIFF_LINES 8

struct clin_reader
{
	clin_format format;
	void	   *impl;
	clin_info	info;
};

static const struct
{
	clin_format format;
	const char *option;
}			formats[] = {
	{CLIN_FMT_BCR_XML, "bcr-xml"},
	{CLIN_FMT_BIOTAB, "bcr-biotab"},
	{CLIN_FMT_GDC, "gdc-clinical-tsv"},
	{CLIN_FMT_CBIO, "cbioportal-clinical"},
	{CLIN_FMT_HOSPITAL, "hospital-export"},
};

#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

const char *
clin_format_option(clin_format f)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (formats[i].format == f)
			return formats[i].option;
	return "unknown";
}

clin_format
clin_format_from_name(const char *name)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (strcmp(formats[i].option, name) == 0)
			return formats[i].format;
	return CLIN_FMT_UNKNOWN;
}

/* ------------------------------------------------------------ helpers */

int
clin_split(char *line, char sep, char ***fields, int *cap)
{
	char	   *p = line;
	int			n = 0;

	for (;;)
	{
		char	   *e = strchr(p, sep);

		if (n == *cap)
		{
			*cap = *cap ? *cap * 2 : 64;
			*fields = xrealloc(*fields, (size_t) *cap * sizeof(char *));
		}
		(*fields)[n++] = p;
		if (!e)
			break;
		*e = '\0';
		p = e + 1;
	}
	return n;
}

clin_field *
clin_fields_add(clin_fields *fs)
{
	clin_field *f;

	if (fs->n == fs->cap)
	{
		fs->cap = fs->cap ? fs->cap * 2 : 64;
		fs->v = xrealloc(fs->v, (size_t) fs->cap * sizeof(clin_field));
	}
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	return f;
}

void
clin_fields_free(clin_fields *fs)
{
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

char *
clin_bracket_token(char *s)
{
	size_t		n = strlen(s);

	if (n < 3 || s[0] != '[' || s[n - 1] != ']')
		return NULL;
	s[n - 1] = '\0';
	return s + 1;
}

/* ---------------------------------------------------------- detection */

/* The first lines of path, for sniffing; false (errno set) if unreadable. */
static bool
first_lines(const char *path, char **lines, int *n, char **err, int *errno_out)
{
	lineio	   *lr = lineio_open(path);
	char	   *line;
	size_t		len;

	*n = 0;
	if (!lr)
	{
		if (errno_out)
			*errno_out = errno;
		*err = xasprintf("could not open: %s", strerror(errno));
		return false;
	}
	while (*n < SNIFF_LINES && (line = lineio_next(lr, &len)) != NULL)
		lines[(*n)++] = xstrdup(line);
	if (lineio_error(lr))
	{
		if (errno_out)
			*errno_out = EIO;
		*err = xasprintf("could not read: %s", lineio_error(lr));
		lineio_close(lr);
		for (int i = 0; i < *n; i++)
			free(lines[i]);
		*n = 0;
		return false;
	}
	lineio_close(lr);
	return true;
}

static clin_format
sniff(char **lines, int n)
{
	const char *first = NULL;
	int			i;

	for (i = 0; i < n; i++)
	{
		const char *p = lines[i];

		if ((unsigned char) p[0] == 0xEF && (unsigned char) p[1] == 0xBB && (unsigned char) p[2] == 0xBF)
			p += 3;				/* UTF-8 byte order mark */
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p)
		{
			first = p;
			break;
		}
	}
	if (!first)
		return CLIN_FMT_UNKNOWN;
	if (*first == '<')
		return CLIN_FMT_BCR_XML;
	if (n >= 3 && biotab_sniff(lines[0], lines[1], lines[2]))
		return CLIN_FMT_BIOTAB;
	if (gdcclin_sniff(lines[0]))
		return CLIN_FMT_GDC;
	if (cbioclin_sniff(lines, n))
		return CLIN_FMT_CBIO;
	return CLIN_FMT_UNKNOWN;
}

clin_reader *
clin_open(const char *path, const clin_open_opts *opts, char **err, int *errno_out)
{
	clin_reader *r;
	clin_format f = opts ? opts->force : CLIN_FMT_UNKNOWN;
	const char *by = "option";

	*err = NULL;
	if (errno_out)
		*errno_out = 0;
	if (opts && opts->mapping)
		f = CLIN_FMT_HOSPITAL;
	if (f == CLIN_FMT_UNKNOWN)
	{
		char	   *lines[SNIFF_LINES];
		int			n;

		if (!first_lines(path, lines, &n, err, errno_out))
			return NULL;
		f = sniff(lines, n);
		for (int i = 0; i < n; i++)
			free(lines[i]);
		by = "content";
		if (f == CLIN_FMT_UNKNOWN)
		{
			*err = xstrdup(n == 0 ? "the file is empty" :
						   "not a clinical or biospecimen file of a known layout (BCR XML, BCR Biotab, "
						   "GDC clinical TSV, cBioPortal clinical); a hospital export needs --mapping");
			return NULL;
		}
	}
	r = xcalloc(1, sizeof(*r));
	r->format = f;
	switch (f)
	{
		case CLIN_FMT_BCR_XML:
			r->impl = bcr_open(path, &r->info, err, errno_out);
			break;
		case CLIN_FMT_BIOTAB:
			r->impl = biotab_open(path, &r->info, err, errno_out);
			break;
		case CLIN_FMT_GDC:
			r->impl = gdcclin_open(path, &r->info, err, errno_out);
			break;
		case CLIN_FMT_CBIO:
			r->impl = cbioclin_open(path, &r->info, err, errno_out);
			break;
		case CLIN_FMT_HOSPITAL:
			if (!opts || !opts->mapping)
			{
				*err = xstrdup("a hospital export needs a mapping file (--mapping)");
				break;
			}
			r->impl = clinmap_open(path, opts->mapping, &r->info, err, errno_out);
			break;
		default:
			*err = xstrdup("unknown input format");
			break;
	}
	if (!r->impl)
	{
		free(r);
		return NULL;
	}
	r->info.detected_by = by;
	return r;
}

const clin_info *
clin_reader_info(const clin_reader *r)
{
	return &r->info;
}

int
clin_next(clin_reader *r, const clin_record **rec, char **err)
{
	switch (r->format)
	{
		case CLIN_FMT_BCR_XML:
			return bcr_next(r->impl, rec, err);
		case CLIN_FMT_BIOTAB:
			return biotab_next(r->impl, rec, err);
		case CLIN_FMT_GDC:
			return gdcclin_next(r->impl, rec, err);
		case CLIN_FMT_CBIO:
			return cbioclin_next(r->impl, rec, err);
		case CLIN_FMT_HOSPITAL:
			return clinmap_next(r->impl, rec, err);
		default:
			return 0;
	}
}

long
clin_lineno(const clin_reader *r)
{
	switch (r->format)
	{
		case CLIN_FMT_BCR_XML:
			return bcr_lineno(r->impl);
		case CLIN_FMT_BIOTAB:
			return biotab_lineno(r->impl);
		case CLIN_FMT_GDC:
			return gdcclin_lineno(r->impl);
		case CLIN_FMT_CBIO:
			return cbioclin_lineno(r->impl);
		case CLIN_FMT_HOSPITAL:
			return clinmap_lineno(r->impl);
		default:
			return 0;
	}
}

void
clin_close(clin_reader *r)
{
	if (!r)
		return;
	switch (r->format)
	{
		case CLIN_FMT_BCR_XML:
			bcr_close(r->impl);
			break;
		case CLIN_FMT_BIOTAB:
			biotab_close(r->impl);
			break;
		case CLIN_FMT_GDC:
			gdcclin_close(r->impl);
			break;
		case CLIN_FMT_CBIO:
			cbioclin_close(r->impl);
			break;
		case CLIN_FMT_HOSPITAL:
			clinmap_close(r->impl);
			break;
		default:
			break;
	}
	free(r);
}
