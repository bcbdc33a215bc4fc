/*
 * cbioclin.c: cBioPortal clinical patient, sample and combined files (see
 * cbioclin.h): the "#" header rows, the attribute names, one record a row.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "cbio_meta.h"
#include "cbioclin.h"
#include "clin_internal.h"
#include "lineio.h"
#include "strmap.h"
#include "textutil.h"

#define MAX_HASH_ROWS 5

typedef enum cbio_kind
{
	CBIO_PATIENT,
	CBIO_SAMPLE,
	CBIO_COMBINED
} cbio_kind;

struct cbioclin_reader
{
	lineio	   *lr;
	int			ncols;
	char	  **names;
	bool	   *sample_level;	/* per column */
	bool	   *declared;		/* per column: a datatype row gave its type */
	clin_vtype *types;
	int			patient_col;
	int			sample_col;		/* -1 in patient files */
	cbio_kind	kind;
	char	   *study;
	strmap	   *patients;		/* combined files: patients whose fields were given */

	char	  **f;
	int			capf;
	clin_fields fields;
	clin_record out;
	char	   *raw;
};

static bool
has_column(const char *line, const char *name)
{
	const char *p = line;
	size_t		n = strlen(name);

	while ((p = strstr(p, name)) != NULL)
	{
		if ((p == line || p[-1] == '\t' || p[-1] == '#') && (p[n] == '\0' || p[n] == '\t'))
			return true;
		p += n;
	}
	return false;
}

bool
cbioclin_sniff(char **lines, int n)
{
	for (int i = 0; i < n; i++)
	{
		if (lines[i][0] == '#' && i < MAX_HASH_ROWS)
			continue;
		return has_column(lines[i], "PATIENT_ID") || has_column(lines[i], "SAMPLE_ID");
	}
	return false;
}

static bool
parse_type(const char *s, clin_vtype *t)
{
	if (str_ieq(s, "STRING"))
		*t = CLIN_TEXT;
	else if (str_ieq(s, "NUMBER"))
		*t = CLIN_NUMBER;
	else if (str_ieq(s, "BOOLEAN"))
		*t = CLIN_BOOLEAN;
	else
		return false;
	return true;
}

cbioclin_reader *
cbioclin_open(const char *path, clin_info *info, char **err, int *errno_out)
{
	cbioclin_reader *r = xcalloc(1, sizeof(*r));
	char	   *hash[MAX_HASH_ROWS];
	int			nhash = 0;
	char	   *line;
	size_t		len;
	cbio_meta  *meta = NULL;
	const char *meta_type = NULL;
	char	  **hf = NULL;
	int			caph = 0;
	bool		levels_row = false;

	*err = NULL;
	r->patient_col = r->sample_col = -1;
	r->lr = lineio_open(path);
	if (!r->lr)
	{
		if (errno_out)
			*errno_out = errno;
		*err = xasprintf("could not open: %s", strerror(errno));
		goto fail;
	}
	while ((line = lineio_next(r->lr, &len)) != NULL && (len == 0 || line[0] == '#'))
	{
		if (len == 0)
			continue;
		if (nhash == MAX_HASH_ROWS)
		{
			*err = xasprintf("%ld: more than %d \"#\" header rows", lineio_lineno(r->lr), MAX_HASH_ROWS);
			goto fail;
		}
		hash[nhash++] = xstrdup(line + 1);
	}
	if (!line)
	{
		*err = xstrdup(lineio_error(r->lr) ? lineio_error(r->lr) : "no header row with the attribute names");
		goto fail;
	}
	if (nhash > 0 && nhash < 4)
	{
		*err = xasprintf("%d: %d \"#\" header rows; a cBioPortal clinical file has 4 (5 with the "
						 "PATIENT/SAMPLE row) or none", nhash, nhash);
		goto fail;
	}
	{
		char	   *h = xstrdup(line);

		r->ncols = clin_split(h, '\t', &r->f, &r->capf);
		r->names = xcalloc((size_t) r->ncols, sizeof(char *));
		for (int c = 0; c < r->ncols; c++)
		{
			r->names[c] = xstrdup(str_trim(r->f[c]));
			if (strcmp(r->names[c], "PATIENT_ID") == 0 && r->patient_col < 0)
				r->patient_col = c;
			else if (strcmp(r->names[c], "SAMPLE_ID") == 0 && r->sample_col < 0)
				r->sample_col = c;
		}
		free(h);
	}
	r->sample_level = xcalloc((size_t) r->ncols, sizeof(bool));
	r->declared = xcalloc((size_t) r->ncols, sizeof(bool));
	r->types = xcalloc((size_t) r->ncols, sizeof(clin_vtype));

	/* the datatype row (3) and, in combined files, the PATIENT/SAMPLE row (4) */
	if (nhash >= 4)
	{
		for (int row = 0; row < nhash; row++)
		{
			int			n = clin_split(hash[row], '\t', &hf, &caph);

			if (n != r->ncols)
			{
				*err = xasprintf("%d: the \"#\" row has %d columns, the header %d", row + 1, n, r->ncols);
				goto fail;
			}
			if (row == 2)
				for (int c = 0; c < n; c++)
				{
					if (!parse_type(str_trim(hf[c]), &r->types[c]))
					{
						*err = xasprintf("3:%d: unknown datatype \"%s\" (STRING, NUMBER or BOOLEAN)",
										 c + 1, str_trim(hf[c]));
						goto fail;
					}
					r->declared[c] = true;
				}
			if (row >= 3 && nhash == 5 && !levels_row)
			{
				bool		all = true;

				for (int c = 0; c < n && all; c++)
					all = str_ieq(str_trim(hf[c]), "SAMPLE") || str_ieq(str_trim(hf[c]), "PATIENT");
				if (all)
				{
					levels_row = true;
					for (int c = 0; c < n; c++)
						r->sample_level[c] = str_ieq(str_trim(hf[c]), "SAMPLE");
				}
				else if (row == 4)
				{
					*err = xstrdup("4: five \"#\" rows but none gives PATIENT or SAMPLE for every column");
					goto fail;
				}
			}
		}
	}
	meta = cbio_meta_find_for(path);
	if (meta)
	{
		const char *s = cbio_meta_get(meta, "cancer_study_identifier");

		if (s && *s)
			r->study = xstrdup(s);
		meta_type = cbio_meta_get(meta, "datatype");
	}
	if (r->patient_col < 0)
	{
		*err = xasprintf("%d: no PATIENT_ID column", nhash + 1);
		goto fail;
	}
	if (levels_row)
		r->kind = CBIO_COMBINED;
	else if (r->sample_col >= 0 || (meta_type && str_ieq(meta_type, "SAMPLE_ATTRIBUTES")))
		r->kind = CBIO_SAMPLE;
	else
		r->kind = CBIO_PATIENT;
	if (r->kind != CBIO_PATIENT && r->sample_col < 0)
	{
		*err = xasprintf("%d: no SAMPLE_ID column in a sample attribute file", nhash + 1);
		goto fail;
	}
	if (r->kind == CBIO_SAMPLE)
		for (int c = 0; c < r->ncols; c++)
			r->sample_level[c] = true;
	r->patients = strmap_new(1024);

	memset(info, 0, sizeof(*info));
	info->format = CLIN_FMT_CBIO;
	info->format_name = "cbioportal-clinical";
	info->data_type = "clinical";
	info->source = CLIN_SRC_CBIO;
	info->study_hint = r->study;
	info->layout = r->kind == CBIO_PATIENT ? "patient" : r->kind == CBIO_SAMPLE ? "sample" : "combined";
	info->warning = nhash == 0 ? "no \"#\" header rows: every column is read as text" : NULL;
	info->columns = r->ncols;
	for (int i = 0; i < nhash; i++)
		free(hash[i]);
	free(hf);
	cbio_meta_free(meta);
	return r;
fail:
	for (int i = 0; i < nhash; i++)
		free(hash[i]);
	free(hf);
	cbio_meta_free(meta);
	cbioclin_close(r);
	return NULL;
}

int
cbioclin_next(cbioclin_reader *r, const clin_record **rec, char **err)
{
	char	   *line;
	size_t		len;
	int			n;
	long		lineno;
	const char *patient,
			   *sample = NULL;
	bool		patient_fields = true;

	*err = NULL;
	do
	{
		line = lineio_next(r->lr, &len);
		if (!line)
		{
			if (lineio_error(r->lr))
			{
				*err = xasprintf("could not read: %s", lineio_error(r->lr));
				return -1;
			}
			return 0;
		}
	} while (len == 0);
	lineno = lineio_lineno(r->lr);
	free(r->raw);
	r->raw = xstrdup(line);
	memset(&r->out, 0, sizeof(r->out));
	r->out.line = lineno;
	r->out.raw = r->raw;
	r->fields.n = 0;
	n = clin_split(line, '\t', &r->f, &r->capf);
	if (n != r->ncols)
	{
		r->out.error = n < r->ncols ? "fewer fields than the header has columns" :
			"more fields than the header has columns";
		r->out.error_code = "column_count";
		*rec = &r->out;
		return 1;
	}
	patient = str_trim(r->f[r->patient_col]);
	if (r->sample_col >= 0)
		sample = str_trim(r->f[r->sample_col]);
	if (*patient == '\0' || (r->kind != CBIO_PATIENT && (!sample || *sample == '\0')))
	{
		r->out.error = *patient == '\0' ? "no PATIENT_ID" : "no SAMPLE_ID";
		r->out.error_code = *patient == '\0' ? "patient_missing" : "sample_missing";
		r->out.error_col = (*patient == '\0' ? r->patient_col : r->sample_col) + 1;
		*rec = &r->out;
		return 1;
	}
	r->out.patient_id = patient;
	r->out.sample_id = r->kind == CBIO_PATIENT ? NULL : sample;
	r->out.defines_patient = r->kind == CBIO_PATIENT;
	r->out.defines_sample = r->kind != CBIO_PATIENT;
	r->out.creates_patient = r->kind != CBIO_SAMPLE;
	if (r->kind == CBIO_COMBINED)
	{
		/* a patient's fields come with its first sample's row */
		patient_fields = !strmap_get(r->patients, patient, NULL);
		strmap_put(r->patients, patient, 1);
	}
	for (int c = 0; c < n; c++)
	{
		clin_field *f;
		char	   *v;
		char	   *tok;

		if (c == r->patient_col || c == r->sample_col)
			continue;			/* the identifiers: dimension keys */
		if (!r->sample_level[c] && !patient_fields)
			continue;
		f = clin_fields_add(&r->fields);
		v = str_trim(r->f[c]);
		f->entity = r->sample_level[c] ? "sample" : "patient";
		f->instance = "";
		f->name = r->names[c];
		f->source = r->names[c];
		f->line = lineno;
		f->col = c + 1;
		f->declared = r->declared[c];
		f->declared_type = r->types[c];
		if (*v == '\0')
			f->missing = "empty";
		else if (strcmp(v, "NA") == 0 || strcmp(v, "N/A") == 0)
			f->missing = v;
		else if ((tok = clin_bracket_token(v)) != NULL)
			f->missing = tok;
		else
			f->value = v;
		if (r->sample_level[c] && strcmp(r->names[c], "SAMPLE_TYPE") == 0 && f->value)
			r->out.sample_type = f->value;
	}
	r->out.nfields = r->fields.n;
	r->out.fields = r->fields.v;
	*rec = &r->out;
	return 1;
}

long
cbioclin_lineno(const cbioclin_reader *r)
{
	return r->lr ? lineio_lineno(r->lr) : 0;
}

void
cbioclin_close(cbioclin_reader *r)
{
	if (!r)
		return;
	if (r->lr)
		lineio_close(r->lr);
	for (int c = 0; r->names && c < r->ncols; c++)
		free(r->names[c]);
	free(r->names);
	free(r->sample_level);
	free(r->declared);
	free(r->types);
	free(r->study);
	strmap_free(r->patients);
	free(r->f);
	clin_fields_free(&r->fields);
	free(r->raw);
	free(r);
}
