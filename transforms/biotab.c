/*
 * biotab.c: TCGA BCR Biotab tables (see biotab.h): the header rows, the
 * entity from the file name, one record per data row.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "barcode.h"
#include "biotab.h"
#include "clin_internal.h"
#include "files.h"
#include "lineio.h"
#include "strmap.h"
#include "textutil.h"

struct biotab_reader
{
	lineio	   *lr;
	int			ncols;
	char	  **names;			/* column names (row 2, else row 1) */
	int			patient_col;	/* bcr_patient_barcode */
	int			instance_col;	/* the entity's own barcode, or -1 */
	int			sample_col;		/* bcr_sample_barcode, or -1 */
	char		entity[48];
	char		disease[16];
	char		study[32];
	bool		biospecimen;
	bool		patient_table;
	strmap	   *ordinals;		/* patient -> rows so far (entities without a barcode) */

	char	  **f;
	int			capf;
	clin_fields fields;
	clin_record out;
	char	   *raw;
	char		inst[64];
	char		sample_id[20];
};

bool
biotab_sniff(const char *line1, const char *line2, const char *line3)
{
	(void) line2;
	return strncmp(line3, "CDE_ID:", 7) == 0 && strchr(line1, '\t') != NULL;
}

/* The entity a table describes, from its name's middle part. */
static void
entity_from_name(biotab_reader *r, const char *path)
{
	char		base[512];
	char	   *p,
			   *mid,
			   *last;
	static const struct
	{
		const char *prefix;
		const char *entity;
		const char *barcode;
	}			kinds[] = {
		{"patient", "patient", NULL},
		{"drug", "drug", "bcr_drug_barcode"},
		{"radiation", "radiation", "bcr_radiation_barcode"},
		{"follow_up", "follow_up", "bcr_followup_barcode"},
		{"nte", "new_tumor_event", NULL},
		{"omf", "omf", "bcr_omf_barcode"},
		{"sample", "sample", "bcr_sample_barcode"},
		{"shipment_portion", "portion", "shipment_portion_bcr_aliquot_barcode"},
		{"portion", "portion", "bcr_portion_barcode"},
		{"analyte", "analyte", "bcr_analyte_barcode"},
		{"aliquot", "aliquot", "bcr_aliquot_barcode"},
		{"slide", "slide", "bcr_slide_barcode"},
		{"protocol", "protocol", NULL},
		{NULL, NULL, NULL}
	};

	strcpy(r->entity, "patient");
	r->patient_table = true;
	files_base(path, base, sizeof(base));
	if ((p = strstr(base, ".gz")) != NULL && p[3] == '\0')
		*p = '\0';
	if ((p = strrchr(base, '.')) != NULL && (strcmp(p, ".txt") == 0 || strcmp(p, ".tsv") == 0))
		*p = '\0';
	if ((mid = strstr(base, "clinical_")) != NULL)
		mid += 9;
	else if ((mid = strstr(base, "biospecimen_")) != NULL)
	{
		mid += 12;
		r->biospecimen = true;
	}
	else
		return;
	if ((last = strrchr(mid, '_')) == NULL)
		return;
	snprintf(r->disease, sizeof(r->disease), "%s", last + 1);
	*last = '\0';
	for (int i = 0; kinds[i].prefix; i++)
		if (strncmp(mid, kinds[i].prefix, strlen(kinds[i].prefix)) == 0)
		{
			strcpy(r->entity, kinds[i].entity);
			r->patient_table = strcmp(kinds[i].entity, "patient") == 0;
			if (kinds[i].barcode)
				for (int c = 0; c < r->ncols; c++)
					if (strcmp(r->names[c], kinds[i].barcode) == 0)
						r->instance_col = c;
			return;
		}
	snprintf(r->entity, sizeof(r->entity), "%s", mid);
	r->patient_table = false;
}

biotab_reader *
biotab_open(const char *path, clin_info *info, char **err, int *errno_out)
{
	biotab_reader *r = xcalloc(1, sizeof(*r));
	char	   *rows[3] = {NULL, NULL, NULL};
	char	  **f1 = NULL;
	int			cap1 = 0,
				n1 = 0;
	size_t		len;

	*err = NULL;
	r->patient_col = r->instance_col = r->sample_col = -1;
	r->lr = lineio_open(path);
	if (!r->lr)
	{
		if (errno_out)
			*errno_out = errno;
		*err = xasprintf("could not open: %s", strerror(errno));
		goto fail;
	}
	for (int i = 0; i < 3; i++)
	{
		char	   *line = lineio_next(r->lr, &len);

		if (!line)
		{
			*err = xasprintf("%d: a Biotab table has three header rows; the file ends before", i + 1);
			goto fail;
		}
		rows[i] = xstrdup(line);
	}
	n1 = clin_split(rows[0], '\t', &f1, &cap1);
	r->ncols = clin_split(rows[1], '\t', &r->f, &r->capf);
	if (n1 != r->ncols)
	{
		*err = xasprintf("2: the second header row has %d columns, the first %d", r->ncols, n1);
		goto fail;
	}
	r->names = xcalloc((size_t) r->ncols, sizeof(char *));
	{
		strmap	   *seen = strmap_new((size_t) r->ncols * 2);

		for (int c = 0; c < r->ncols; c++)
		{
			const char *name = *str_trim(r->f[c]) ? str_trim(r->f[c]) : str_trim(f1[c]);
			int64_t		k = 0;

			if (*name == '\0')
			{
				*err = xasprintf("2:%d: a column without a name", c + 1);
				strmap_free(seen);
				goto fail;
			}
			strmap_get(seen, name, &k);
			strmap_put(seen, name, k + 1);
			r->names[c] = k ? xasprintf("%s[%d]", name, (int) k + 1) : xstrdup(name);
			if (strcmp(name, "bcr_patient_barcode") == 0 && r->patient_col < 0)
				r->patient_col = c;
			if (strcmp(name, "bcr_sample_barcode") == 0 && r->sample_col < 0)
				r->sample_col = c;
		}
		strmap_free(seen);
	}
	if (r->patient_col < 0)
	{
		*err = xstrdup("2: no bcr_patient_barcode column");
		goto fail;
	}
	entity_from_name(r, path);
	if (r->disease[0])
	{
		char		up[16];

		for (size_t i = 0; i <= strlen(r->disease); i++)
			up[i] = (char) toupper((unsigned char) r->disease[i]);
		snprintf(r->study, sizeof(r->study), "TCGA-%s", up);
	}
	r->ordinals = strmap_new(1024);
	memset(info, 0, sizeof(*info));
	info->format = CLIN_FMT_BIOTAB;
	info->format_name = "bcr-biotab";
	info->data_type = r->biospecimen ? "biospecimen" : "clinical";
	info->source = CLIN_SRC_BCR;
	info->study_hint = r->study[0] ? r->study : NULL;
	info->layout = r->entity;
	info->columns = r->ncols;
	for (int i = 0; i < 3; i++)
		free(rows[i]);
	free(f1);
	return r;
fail:
	for (int i = 0; i < 3; i++)
		free(rows[i]);
	free(f1);
	biotab_close(r);
	return NULL;
}

int
biotab_next(biotab_reader *r, const clin_record **rec, char **err)
{
	char	   *line;
	size_t		len;
	int			n;
	long		lineno;
	const char *patient;

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
	if (*patient == '\0' || (*patient == '[' && patient[strlen(patient) - 1] == ']'))
	{
		r->out.error = "no patient barcode";
		r->out.error_code = "patient_missing";
		r->out.error_col = r->patient_col + 1;
		*rec = &r->out;
		return 1;
	}
	r->out.patient_id = patient;
	r->out.defines_patient = r->patient_table;
	r->out.creates_patient = true;
	r->inst[0] = '\0';
	if (r->instance_col >= 0)
		snprintf(r->inst, sizeof(r->inst), "%s", str_trim(r->f[r->instance_col]));
	if (!r->patient_table && r->inst[0] == '\0')
	{
		int64_t		k = 0;

		strmap_get(r->ordinals, patient, &k);
		strmap_put(r->ordinals, patient, k + 1);
		snprintf(r->inst, sizeof(r->inst), "%s%d",
				 strcmp(r->entity, "new_tumor_event") == 0 ? "nte" : r->entity, (int) k + 1);
	}
	if (r->biospecimen)
	{
		tcga_barcode bc;
		const char *sid = r->sample_col >= 0 ? str_trim(r->f[r->sample_col]) : NULL;

		if ((!sid || !*sid) && tcga_barcode_parse(r->inst, &bc) && bc.level >= TCGA_SAMPLE)
		{
			snprintf(r->sample_id, sizeof(r->sample_id), "%s", bc.sample_id);
			sid = r->sample_id;
		}
		r->out.sample_id = sid && *sid ? sid : NULL;
		r->out.defines_sample = strcmp(r->entity, "sample") == 0;
		if (strcmp(r->entity, "aliquot") == 0 && r->inst[0])
			r->out.aliquot_id = r->inst;
	}
	for (int c = 0; c < n; c++)
	{
		clin_field *f = clin_fields_add(&r->fields);
		char	   *v = str_trim(r->f[c]);
		char	   *tok;

		f->entity = r->entity;
		f->instance = r->patient_table ? "" : r->inst;
		f->name = r->names[c];
		f->source = r->names[c];
		f->line = lineno;
		f->col = c + 1;
		if (*v == '\0')
			f->missing = "empty";
		else if ((tok = clin_bracket_token(v)) != NULL)
			f->missing = tok;
		else
			f->value = v;
		if (r->out.defines_sample && strcmp(r->names[c], "sample_type") == 0 && f->value)
			r->out.sample_type = f->value;
	}
	r->out.nfields = r->fields.n;
	r->out.fields = r->fields.v;
	*rec = &r->out;
	return 1;
}

long
biotab_lineno(const biotab_reader *r)
{
	return r->lr ? lineio_lineno(r->lr) : 0;
}

void
biotab_close(biotab_reader *r)
{
	if (!r)
		return;
	if (r->lr)
		lineio_close(r->lr);
	for (int c = 0; r->names && c < r->ncols; c++)
		free(r->names[c]);
	free(r->names);
	free(r->f);
	clin_fields_free(&r->fields);
	strmap_free(r->ordinals);
	free(r->raw);
	free(r);
}
