/*
 * gdcclin.c: GDC portal clinical cart TSVs, current and 2022 layouts (see
 * gdcclin.h): columns grouped by entity, each entity's fields given once
 * per case, the primary diagnosis with the patient.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "clin_internal.h"
#include "files.h"
#include "gdcclin.h"
#include "lineio.h"
#include "strmap.h"
#include "textutil.h"

#define GDC_MISSING "'--"
#define MAX_GROUPS 32

typedef struct group
{
	char		entity[64];
	int		   *cols;
	int			ncols;
	int			id_col;			/* the entity's *_id column, or -1 */
	bool		patient;		/* case, demographic, project */
	bool		reference;		/* only ID columns: a reference to another file's entity
								 * (the case's own, in a file of exposures, follow-ups ...) */
} group;

struct gdcclin_reader
{
	lineio	   *lr;
	int			ncols;
	char	  **names;
	bool		flat;
	int			case_col;		/* cases.submitter_id / case_submitter_id */
	int			project_col;	/* project.project_id / project_id, or -1 */
	int			uuid_col;		/* cases.case_id / case_id, or -1 */
	int			primary_col;	/* diagnoses.diagnosis_is_primary_disease, or -1 */
	group		groups[MAX_GROUPS];
	int			ngroups;
	char		study[64];
	strmap	   *emitted;		/* "case\x1fentity\x1finstance" given already */
	char	   *pending;		/* the first data line, read at open */
	long		pending_line;

	char	  **f;
	int			capf;
	clin_fields fields;
	clin_record out;
	char	   *raw;
	char	   *work;			/* the split copy of raw */
	size_t		workcap;
	char		inst[MAX_GROUPS][64];
	onc_buf		key;
};

/* Column names of the 2022 flat layout, by entity. */
static const char *const flat_case[] = {
	"case_id", "case_submitter_id", "project_id", "consent_type", "days_to_consent",
	"days_to_lost_to_followup", "disease_type", "index_date", "lost_to_followup", "primary_site", NULL
};
static const char *const flat_demographic[] = {
	"age_at_index", "age_is_obfuscated", "cause_of_death", "cause_of_death_source", "country_of_birth",
	"country_of_residence_at_enrollment", "days_to_birth", "days_to_death", "demographic_id",
	"education_level", "ethnicity", "gender", "marital_status", "occupation_duration_years",
	"population_group", "premature_at_birth", "race", "vital_status", "weeks_gestation_at_birth",
	"year_of_birth", "year_of_death", NULL
};
static const char *const flat_treatment[] = {
	"chemo_concurrent_to_radiation", "days_to_treatment_end", "days_to_treatment_start",
	"initial_disease_status", "number_of_cycles", "reason_treatment_ended",
	"regimen_or_line_of_therapy", "route_of_administration", "therapeutic_agents", NULL
};

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* Header names that mark the file: any of them means GDC. */
bool
gdcclin_sniff(const char *header)
{
	static const char *const marks[] = {"cases.submitter_id", "case_submitter_id", "project.project_id", NULL};

	for (int i = 0; marks[i]; i++)
	{
		const char *p = header;
		size_t		n = strlen(marks[i]);

		while ((p = strstr(p, marks[i])) != NULL)
		{
			if ((p == header || p[-1] == '\t') && (p[n] == '\0' || p[n] == '\t'))
				return true;
			p += n;
		}
	}
	return false;
}

/* The entity of a current-layout prefix. */
static const char *
prefix_entity(const char *prefix, bool *patient)
{
	static const struct
	{
		const char *prefix;
		const char *entity;
	}			map[] = {
		{"project", "patient"},
		{"cases", "patient"},
		{"demographic", "patient"},
		{"diagnoses", "diagnosis"},
		{"treatments", "treatment"},
		{"exposures", "exposure"},
		{"follow_ups", "follow_up"},
		{"molecular_tests", "molecular_test"},
		{"other_clinical_attributes", "other_clinical_attribute"},
		{"family_histories", "family_history"},
		{"pathology_details", "pathology_detail"},
		{NULL, NULL}
	};

	for (int i = 0; map[i].prefix; i++)
		if (strcmp(prefix, map[i].prefix) == 0)
		{
			*patient = strcmp(map[i].entity, "patient") == 0;
			return map[i].entity;
		}
	*patient = false;
	return prefix;
}

static group *
group_for(gdcclin_reader *r, const char *entity, bool patient)
{
	for (int g = 0; g < r->ngroups; g++)
		if (strcmp(r->groups[g].entity, entity) == 0)
			return &r->groups[g];
	if (r->ngroups == MAX_GROUPS)
		return NULL;
	{
		group	   *g = &r->groups[r->ngroups++];

		memset(g, 0, sizeof(*g));
		snprintf(g->entity, sizeof(g->entity), "%s", entity);
		g->patient = patient;
		g->id_col = -1;
		g->cols = xmalloc((size_t) r->ncols * sizeof(int));
		return g;
	}
}

/* The entity of the flat file's other columns: from what the header holds. */
static const char *
flat_default_entity(gdcclin_reader *r)
{
	bool		diag = false,
				expo = false,
				fam = false,
				fu = false,
				path = false;

	for (int c = 0; c < r->ncols; c++)
	{
		const char *n = r->names[c];

		diag |= strcmp(n, "primary_diagnosis") == 0 || strcmp(n, "ajcc_pathologic_stage") == 0 ||
			strcmp(n, "diagnosis_id") == 0;
		expo |= strcmp(n, "exposure_id") == 0 || strcmp(n, "tobacco_smoking_status") == 0 ||
			strcmp(n, "alcohol_history") == 0;
		fam |= strcmp(n, "relationship_type") == 0 || strcmp(n, "family_history_id") == 0;
		fu |= strcmp(n, "follow_up_id") == 0 || strcmp(n, "days_to_follow_up") == 0;
		path |= strcmp(n, "pathology_detail_id") == 0;
	}
	if (diag)
		return "diagnosis";
	if (expo)
		return "exposure";
	if (fam)
		return "family_history";
	if (fu)
		return "follow_up";
	if (path)
		return "pathology_detail";
	return "diagnosis";
}

static bool
is_id_name(const char *n)
{
	size_t		l = strlen(n);

	return (l > 3 && strcmp(n + l - 3, "_id") == 0) || strcmp(n, "submitter_id") == 0 ||
		(l > 13 && strcmp(n + l - 13, ".submitter_id") == 0);
}

static int
make_groups(gdcclin_reader *r, char **err)
{
	const char *other = NULL;

	r->case_col = r->project_col = r->uuid_col = r->primary_col = -1;
	for (int c = 0; c < r->ncols; c++)
		if (strchr(r->names[c], '.'))
			break;
		else if (c == r->ncols - 1)
			r->flat = true;
	if (r->flat)
		other = flat_default_entity(r);
	for (int c = 0; c < r->ncols; c++)
	{
		const char *n = r->names[c];
		const char *entity;
		bool		patient = false;
		const char *bare = n;
		group	   *g;

		if (!r->flat)
		{
			const char *dot = strchr(n, '.');
			char		prefix[48];

			if (!dot)
			{
				entity = "patient";
				patient = true;
			}
			else
			{
				snprintf(prefix, sizeof(prefix), "%.*s", (int) (dot - n < 47 ? dot - n : 47), n);
				entity = prefix_entity(prefix, &patient);
				bare = dot + 1;
			}
			if (strcmp(n, "cases.submitter_id") == 0)
				r->case_col = c;
			else if (strcmp(n, "cases.case_id") == 0)
				r->uuid_col = c;
			else if (strcmp(n, "project.project_id") == 0)
				r->project_col = c;
			else if (strcmp(n, "diagnoses.diagnosis_is_primary_disease") == 0)
				r->primary_col = c;
		}
		else
		{
			if (in_list(n, flat_case) || in_list(n, flat_demographic))
				entity = "patient", patient = true;
			else if (in_list(n, flat_treatment) || strncmp(n, "treatment_", 10) == 0)
				entity = "treatment";
			else
				entity = other;
			if (strcmp(n, "case_submitter_id") == 0)
				r->case_col = c;
			else if (strcmp(n, "case_id") == 0)
				r->uuid_col = c;
			else if (strcmp(n, "project_id") == 0)
				r->project_col = c;
			else if (strcmp(n, "diagnosis_is_primary_disease") == 0)
				r->primary_col = c;
		}
		if ((g = group_for(r, entity, patient)) == NULL)
		{
			*err = xasprintf("1:%d: more than %d entities in one file", c + 1, MAX_GROUPS);
			return -1;
		}
		g->cols[g->ncols++] = c;
		/* the entity's own identifier: diagnoses.diagnosis_id, treatment_id ... */
		if (!patient && g->id_col < 0 && is_id_name(bare) && strcmp(bare, "submitter_id") != 0 &&
			strncmp(bare, "case", 4) != 0)
		{
			bool		own = false;

			if (!r->flat)
			{
				/* "diagnoses.diagnosis_id": singular of the prefix */
				char		want[80];

				snprintf(want, sizeof(want), "%s_id", g->entity);
				own = strcmp(bare, want) == 0;
			}
			else
			{
				char		want[80];

				snprintf(want, sizeof(want), "%s_id", entity);
				own = strcmp(bare, want) == 0;
			}
			if (own)
				g->id_col = c;
		}
	}
	if (r->case_col < 0)
	{
		*err = xstrdup("1: no cases.submitter_id or case_submitter_id column");
		return -1;
	}
	for (int g = 0; g < r->ngroups; g++)
	{
		group	   *gr = &r->groups[g];

		gr->reference = true;
		for (int i = 0; i < gr->ncols && gr->reference; i++)
		{
			const char *n = r->names[gr->cols[i]];
			const char *bare = strchr(n, '.') ? strchr(n, '.') + 1 : n;

			gr->reference = is_id_name(bare);
		}
	}
	return 0;
}

gdcclin_reader *
gdcclin_open(const char *path, clin_info *info, char **err, int *errno_out)
{
	gdcclin_reader *r = xcalloc(1, sizeof(*r));
	char	   *line;
	size_t		len;
	char	   *header = NULL;

	*err = NULL;
	buf_init(&r->key);
	r->lr = lineio_open(path);
	if (!r->lr)
	{
		if (errno_out)
			*errno_out = errno;
		*err = xasprintf("could not open: %s", strerror(errno));
		goto fail;
	}
	if ((line = lineio_next(r->lr, &len)) == NULL)
	{
		*err = xstrdup(lineio_error(r->lr) ? lineio_error(r->lr) : "1: the file is empty");
		goto fail;
	}
	header = xstrdup(line);
	r->ncols = clin_split(header, '\t', &r->f, &r->capf);
	r->names = xcalloc((size_t) r->ncols, sizeof(char *));
	for (int c = 0; c < r->ncols; c++)
		r->names[c] = xstrdup(str_trim(r->f[c]));
	if (make_groups(r, err) < 0)
		goto fail;
	/* the first data line: the study is its project */
	while ((line = lineio_next(r->lr, &len)) != NULL && len == 0)
		;
	if (line)
	{
		r->pending = xstrdup(line);
		r->pending_line = lineio_lineno(r->lr);
		if (r->project_col >= 0)
		{
			char	   *copy = xstrdup(line);
			int			n = clin_split(copy, '\t', &r->f, &r->capf);

			if (r->project_col < n)
			{
				const char *p = str_trim(r->f[r->project_col]);

				if (*p && strcmp(p, GDC_MISSING) != 0)
					snprintf(r->study, sizeof(r->study), "%s", p);
			}
			free(copy);
		}
	}
	r->emitted = strmap_new(4096);
	memset(info, 0, sizeof(*info));
	info->format = CLIN_FMT_GDC;
	info->format_name = "gdc-clinical-tsv";
	info->data_type = "clinical";
	info->source = CLIN_SRC_GDC;
	info->study_hint = r->study[0] ? r->study : NULL;
	info->layout = r->flat ? "2022 flat" : "current";
	info->columns = r->ncols;
	free(header);
	return r;
fail:
	free(header);
	gdcclin_close(r);
	return NULL;
}

/* Mark key as given; true when it was new. */
static bool
first_time(gdcclin_reader *r, const char *c, const char *entity, const char *instance)
{
	buf_reset(&r->key);
	buf_printf(&r->key, "%s\x1f%s\x1f%s", c, entity, instance);
	if (strmap_get(r->emitted, r->key.data, NULL))
		return false;
	strmap_put(r->emitted, r->key.data, 1);
	return true;
}

static bool
cell_missing(const char *v)
{
	return *v == '\0' || strcmp(v, GDC_MISSING) == 0;
}

static void
add_group_fields(gdcclin_reader *r, const group *g, const char *entity, const char *instance,
				 long lineno)
{
	for (int i = 0; i < g->ncols; i++)
	{
		int			c = g->cols[i];
		clin_field *f = clin_fields_add(&r->fields);
		char	   *v = str_trim(r->f[c]);

		f->entity = entity;
		f->instance = instance;
		f->name = r->names[c];
		f->source = r->names[c];
		f->line = lineno;
		f->col = c + 1;
		if (*v == '\0')
			f->missing = "empty";
		else if (strcmp(v, GDC_MISSING) == 0)
			f->missing = GDC_MISSING;
		else
			f->value = v;
	}
}

/* The instance of a group without an ID column: its position among the case's distinct ones. */
static void
content_instance(gdcclin_reader *r, const char *c, const group *g, char *out, size_t cap)
{
	uint64_t	h = 1469598103934665603ULL;
	int64_t		n = 0;

	for (int i = 0; i < g->ncols; i++)
	{
		for (const unsigned char *p = (const unsigned char *) r->f[g->cols[i]]; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
		h = (h ^ 0x1f) * 1099511628211ULL;
	}
	buf_reset(&r->key);
	buf_printf(&r->key, "%s\x1f%s\x1f#%016" PRIx64, c, g->entity, h);
	if (strmap_get(r->emitted, r->key.data, &n))
	{
		snprintf(out, cap, "%d", (int) n);
		return;
	}
	{
		char	   *k = xstrdup(r->key.data);
		int64_t		count = 0;

		buf_reset(&r->key);
		buf_printf(&r->key, "%s\x1f%s\x1f#count", c, g->entity);
		strmap_get(r->emitted, r->key.data, &count);
		strmap_put(r->emitted, r->key.data, count + 1);
		strmap_put(r->emitted, k, count + 1);
		free(k);
		snprintf(out, cap, "%d", (int) count + 1);
	}
}

/*
 * The instance of group gi's entity on this row: its *_id, or, with none
 * (the flat layout, or an empty *_id cell), one numbered by content.  NULL
 * when the row has no such entity (every cell of the group missing).
 */
static const char *
row_instance(gdcclin_reader *r, const char *c, int gi)
{
	const group *g = &r->groups[gi];
	bool		any = false;

	if (g->id_col >= 0 && !cell_missing(str_trim(r->f[g->id_col])))
	{
		snprintf(r->inst[gi], sizeof(r->inst[gi]), "%s", str_trim(r->f[g->id_col]));
		return r->inst[gi];
	}
	for (int i = 0; i < g->ncols && !any; i++)
		any = !cell_missing(str_trim(r->f[g->cols[i]]));
	if (!any)
		return NULL;
	content_instance(r, c, g, r->inst[gi], sizeof(r->inst[gi]));
	return r->inst[gi];
}

int
gdcclin_next(gdcclin_reader *r, const clin_record **rec, char **err)
{
	char	   *line;
	size_t		len;
	long		lineno;
	int			n;
	const char *c;
	int			attach_to = -1;

	*err = NULL;
	if (r->pending)
	{
		free(r->raw);
		r->raw = r->pending;
		r->pending = NULL;
		lineno = r->pending_line;
	}
	else
	{
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
	}
	memset(&r->out, 0, sizeof(r->out));
	r->out.line = lineno;
	r->out.raw = r->raw;
	r->fields.n = 0;
	{
		/* split a copy: raw stays whole for reject rows */
		size_t		l = strlen(r->raw) + 1;

		if (l > r->workcap)
		{
			r->workcap = l * 2;
			r->work = xrealloc(r->work, r->workcap);
		}
		memcpy(r->work, r->raw, l);
		n = clin_split(r->work, '\t', &r->f, &r->capf);
	}
	if (n != r->ncols)
	{
		r->out.error = n < r->ncols ? "fewer fields than the header has columns" :
			"more fields than the header has columns";
		r->out.error_code = "column_count";
		*rec = &r->out;
		return 1;
	}
	c = str_trim(r->f[r->case_col]);
	if (cell_missing(c))
	{
		r->out.error = "no case submitter ID";
		r->out.error_code = "patient_missing";
		r->out.error_col = r->case_col + 1;
		*rec = &r->out;
		return 1;
	}
	r->out.patient_id = c;
	r->out.creates_patient = true;
	if (r->uuid_col >= 0)
	{
		const char *u = str_trim(r->f[r->uuid_col]);

		r->out.patient_uuid = cell_missing(u) ? NULL : u;
	}

	for (int gi = 0; gi < r->ngroups; gi++)
	{
		group	   *g = &r->groups[gi];
		const char *entity = g->entity;
		const char *instance = "";

		if (g->reference)
			continue;
		if (g->patient)
		{
			if (first_time(r, c, "patient", ""))
				add_group_fields(r, g, "patient", "", lineno);
			continue;
		}
		instance = row_instance(r, c, gi);
		if (!instance || !first_time(r, c, entity, instance))
			continue;
		/* the case's first primary diagnosis is the patient's own */
		if (strcmp(entity, "diagnosis") == 0 &&
			(r->primary_col < 0 || strcmp(str_trim(r->f[r->primary_col]), "false") != 0) &&
			first_time(r, c, "diagnosis", "#primary"))
		{
			entity = "patient";
			instance = "";
		}
		add_group_fields(r, g, entity, instance, lineno);
		if (attach_to < 0)
			attach_to = r->fields.n - 1;
	}
	/*
	 * ID-only columns (references to another file's entity, or to the case
	 * in a file of its exposures, follow-ups ...) go with this row's entity:
	 * they say whose it is, and do not replace the case's own values.  A row
	 * with no new entity of its own gives the case's IDs as the patient's,
	 * and a reference to another entity (a pathology detail's
	 * diagnoses.diagnosis_id) as that entity's, by its ID.
	 */
	if (attach_to >= 0)
	{
		const char *entity = r->fields.v[attach_to].entity;
		const char *instance = r->fields.v[attach_to].instance;

		for (int gi = 0; gi < r->ngroups; gi++)
			if (r->groups[gi].reference)
				add_group_fields(r, &r->groups[gi], entity, instance, lineno);
	}
	else
	{
		for (int gi = 0; gi < r->ngroups; gi++)
		{
			const group *g = &r->groups[gi];
			const char *instance;

			if (!g->reference)
				continue;
			if (g->patient)
			{
				if (first_time(r, c, "patient", ""))
					add_group_fields(r, g, "patient", "", lineno);
			}
			else if ((instance = row_instance(r, c, gi)) && first_time(r, c, g->entity, instance))
				add_group_fields(r, g, g->entity, instance, lineno);
		}
	}
	r->out.nfields = r->fields.n;
	r->out.fields = r->fields.v;
	*rec = &r->out;
	return 1;
}

long
gdcclin_lineno(const gdcclin_reader *r)
{
	return r->lr ? lineio_lineno(r->lr) : 0;
}

void
gdcclin_close(gdcclin_reader *r)
{
	if (!r)
		return;
	if (r->lr)
		lineio_close(r->lr);
	for (int c = 0; r->names && c < r->ncols; c++)
		free(r->names[c]);
	free(r->names);
	for (int g = 0; g < r->ngroups; g++)
		free(r->groups[g].cols);
	free(r->f);
	clin_fields_free(&r->fields);
	strmap_free(r->emitted);
	free(r->pending);
	free(r->raw);
	free(r->work);
	buf_free(&r->key);
	free(r);
}
