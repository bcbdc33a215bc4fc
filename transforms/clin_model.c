/*
 * clin_model.c: the typed attributes of the clinical model (the same list as
 * warehouse.clinical_attribute_def), the source names that fill each, and
 * the normalisers that put a source's text into the model's normal form.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "clin.h"
#include "textutil.h"

/* How a value is normalised. */
typedef enum clin_kind
{
	K_TEXT,						/* trimmed, as is */
	K_LOWER,					/* lower case, blanks collapsed */
	K_CAP,						/* first letter upper, the rest lower */
	K_CODE,						/* an identifier, as is */
	K_SEX,
	K_VITAL,					/* Alive / Dead; cBioPortal 0:LIVING, 1:DECEASED */
	K_INT,						/* whole number ("12.0" too) */
	K_NUM,
	K_AGE_DAYS,					/* days -> years */
	K_MONTHS,					/* months -> days */
	K_BOOL,						/* true / false */
	K_YESNO,					/* yes / no */
	K_POSNEG,					/* Positive / Negative */
	K_STAGE,					/* Stage IVA */
	K_T, K_N, K_M,				/* T4a, N2b, M0 */
	K_GRADE,
	K_EDITION,					/* 7th */
	K_SMOKING,					/* TCGA code 1-7 */
	K_USE,						/* current / former / never / yes / no */
	K_ICDO3_SITE,
	K_ICDO3_HIST,
	K_ICD10,
	K_STATUS_TEXT,				/* cBioPortal "1:Recurred/Progressed" -> text */
	K_SUBSITE,
	K_TREATMENT					/* drug / radiation / surgery */
} clin_kind;

struct clin_attr
{
	const char *name;
	clin_vtype	vtype;
	clin_kind	kind;
};

#define DAYS_PER_YEAR 365.25
#define DAYS_PER_MONTH 30.4375

static const clin_attr attrs[] = {
	{"sex", CLIN_TEXT, K_SEX},
	{"race", CLIN_TEXT, K_LOWER},
	{"ethnicity", CLIN_TEXT, K_LOWER},
	{"age_at_diagnosis", CLIN_NUMBER, K_NUM},
	{"vital_status", CLIN_TEXT, K_VITAL},
	{"days_to_death", CLIN_INTEGER, K_INT},
	{"days_to_last_followup", CLIN_INTEGER, K_INT},
	{"os_days", CLIN_NUMBER, K_NUM},
	{"dfs_status", CLIN_TEXT, K_STATUS_TEXT},
	{"dfs_days", CLIN_NUMBER, K_NUM},
	{"primary_site", CLIN_TEXT, K_TEXT},
	{"subsite", CLIN_TEXT, K_SUBSITE},
	{"icd_o3_site", CLIN_CODE, K_ICDO3_SITE},
	{"icd_o3_histology", CLIN_CODE, K_ICDO3_HIST},
	{"icd_10", CLIN_CODE, K_ICD10},
	{"histology", CLIN_TEXT, K_TEXT},
	{"grade", CLIN_TEXT, K_GRADE},
	{"ajcc_edition", CLIN_TEXT, K_EDITION},
	{"clinical_stage", CLIN_TEXT, K_STAGE},
	{"pathologic_stage", CLIN_TEXT, K_STAGE},
	{"clinical_t", CLIN_TEXT, K_T},
	{"clinical_n", CLIN_TEXT, K_N},
	{"clinical_m", CLIN_TEXT, K_M},
	{"pathologic_t", CLIN_TEXT, K_T},
	{"pathologic_n", CLIN_TEXT, K_N},
	{"pathologic_m", CLIN_TEXT, K_M},
	{"margin_status", CLIN_TEXT, K_CAP},
	{"perineural_invasion", CLIN_BOOLEAN, K_BOOL},
	{"lymphovascular_invasion", CLIN_BOOLEAN, K_BOOL},
	{"nodal_extracapsular_spread", CLIN_TEXT, K_TEXT},
	{"depth_of_invasion", CLIN_NUMBER, K_NUM},
	{"lymph_nodes_examined", CLIN_INTEGER, K_INT},
	{"lymph_nodes_positive", CLIN_INTEGER, K_INT},
	{"neck_dissection", CLIN_BOOLEAN, K_BOOL},
	{"hpv_status_p16", CLIN_TEXT, K_POSNEG},
	{"hpv_status_ish", CLIN_TEXT, K_POSNEG},
	{"hpv_status", CLIN_TEXT, K_POSNEG},
	{"tobacco_smoking_history", CLIN_INTEGER, K_SMOKING},
	{"pack_years", CLIN_NUMBER, K_NUM},
	{"smoking_onset_year", CLIN_INTEGER, K_INT},
	{"smoking_quit_year", CLIN_INTEGER, K_INT},
	{"smokeless_tobacco", CLIN_TEXT, K_USE},
	{"smokeless_tobacco_form", CLIN_TEXT, K_LOWER},
	{"smokeless_tobacco_per_day", CLIN_NUMBER, K_NUM},
	{"smokeless_tobacco_years", CLIN_NUMBER, K_NUM},
	{"smokeless_tobacco_onset_age", CLIN_NUMBER, K_NUM},
	{"smokeless_tobacco_quit_age", CLIN_NUMBER, K_NUM},
	{"betel_quid", CLIN_TEXT, K_USE},
	{"betel_quid_form", CLIN_TEXT, K_LOWER},
	{"betel_quid_per_day", CLIN_NUMBER, K_NUM},
	{"betel_quid_years", CLIN_NUMBER, K_NUM},
	{"areca_nut", CLIN_TEXT, K_USE},
	{"areca_nut_form", CLIN_TEXT, K_LOWER},
	{"areca_nut_per_day", CLIN_NUMBER, K_NUM},
	{"areca_nut_years", CLIN_NUMBER, K_NUM},
	{"alcohol_history", CLIN_TEXT, K_YESNO},
	{"alcohol_frequency", CLIN_NUMBER, K_NUM},
	{"alcohol_amount", CLIN_NUMBER, K_NUM},
	{"withdrawn", CLIN_BOOLEAN, K_BOOL},
	{"patient_uuid", CLIN_CODE, K_CODE},
	{"new_tumor_event", CLIN_BOOLEAN, K_BOOL},
	{"days_to_new_tumor_event", CLIN_INTEGER, K_INT},
	{"new_tumor_event_type", CLIN_TEXT, K_TEXT},
	{"new_tumor_event_site", CLIN_TEXT, K_TEXT},
	{"treatment_type", CLIN_TEXT, K_TREATMENT},
	{"agent", CLIN_TEXT, K_TEXT},
	{"therapy_type", CLIN_TEXT, K_TEXT},
	{"start_day", CLIN_INTEGER, K_INT},
	{"end_day", CLIN_INTEGER, K_INT},
	{"dose", CLIN_NUMBER, K_NUM},
	{"dose_units", CLIN_TEXT, K_TEXT},
	{"fractions", CLIN_INTEGER, K_INT},
	{"cycles", CLIN_INTEGER, K_INT},
	{"site", CLIN_TEXT, K_TEXT},
	{"given", CLIN_BOOLEAN, K_BOOL},
	{"sample_type", CLIN_TEXT, K_TEXT},
	{"sample_uuid", CLIN_CODE, K_CODE},
	{"days_to_collection", CLIN_INTEGER, K_INT},
	{"is_ffpe", CLIN_BOOLEAN, K_BOOL},
	{"aliquot_uuid", CLIN_CODE, K_CODE},
	{"analyte_type", CLIN_TEXT, K_TEXT},
};

#define N_MODEL (sizeof(attrs) / sizeof(attrs[0]))

/* The same attributes from other units. */
static const clin_attr age_from_days = {"age_at_diagnosis", CLIN_NUMBER, K_AGE_DAYS};
static const clin_attr os_from_months = {"os_days", CLIN_NUMBER, K_MONTHS};
static const clin_attr dfs_from_months = {"dfs_days", CLIN_NUMBER, K_MONTHS};

#define A_AGE_FROM_DAYS (&age_from_days)
#define A_OS_FROM_MONTHS (&os_from_months)
#define A_DFS_FROM_MONTHS (&dfs_from_months)

/* A source name that fills a typed attribute. */
typedef struct alias
{
	unsigned	src;			/* clin_source bits */
	const char *entity;			/* NULL: any entity */
	const char *name;			/* source name (case-insensitive) */
	const char *attr;			/* model name */
	const clin_attr *conv;		/* a converting variant, or NULL */
} alias;

#define BCR CLIN_SRC_BCR
#define GDC CLIN_SRC_GDC
#define CBIO CLIN_SRC_CBIO

static const alias aliases[] = {
	/* BCR XML elements (local names) and Biotab second-row names */
	{BCR, NULL, "gender", "sex", NULL},
	{BCR, NULL, "race", "race", NULL},
	{BCR, NULL, "ethnicity", "ethnicity", NULL},
	{BCR, NULL, "age_at_initial_pathologic_diagnosis", "age_at_diagnosis", NULL},
	{BCR, NULL, "vital_status", "vital_status", NULL},
	{BCR, NULL, "days_to_death", "days_to_death", NULL},
	{BCR, NULL, "days_to_last_followup", "days_to_last_followup", NULL},
	{BCR, NULL, "tumor_tissue_site", "primary_site", NULL},
	{BCR, NULL, "anatomic_neoplasm_subdivision", "subsite", NULL},
	{BCR, NULL, "icd_o_3_site", "icd_o3_site", NULL},
	{BCR, NULL, "icd_o_3_histology", "icd_o3_histology", NULL},
	{BCR, NULL, "icd_10", "icd_10", NULL},
	{BCR, NULL, "histological_type", "histology", NULL},
	{BCR, NULL, "neoplasm_histologic_grade", "grade", NULL},
	{BCR, NULL, "system_version", "ajcc_edition", NULL},
	{BCR, NULL, "clinical_stage", "clinical_stage", NULL},
	{BCR, NULL, "pathologic_stage", "pathologic_stage", NULL},
	{BCR, NULL, "clinical_T", "clinical_t", NULL},
	{BCR, NULL, "clinical_N", "clinical_n", NULL},
	{BCR, NULL, "clinical_M", "clinical_m", NULL},
	{BCR, NULL, "pathologic_T", "pathologic_t", NULL},
	{BCR, NULL, "pathologic_N", "pathologic_n", NULL},
	{BCR, NULL, "pathologic_M", "pathologic_m", NULL},
	{BCR, NULL, "margin_status", "margin_status", NULL},
	{BCR, NULL, "perineural_invasion_present", "perineural_invasion", NULL},
	{BCR, NULL, "lymphovascular_invasion_present", "lymphovascular_invasion", NULL},
	{BCR, NULL, "presence_of_pathological_nodal_extracapsular_spread", "nodal_extracapsular_spread", NULL},
	{BCR, NULL, "lymph_node_examined_count", "lymph_nodes_examined", NULL},
	{BCR, NULL, "number_of_lymphnodes_positive_by_he", "lymph_nodes_positive", NULL},
	{BCR, NULL, "lymphnode_neck_dissection", "neck_dissection", NULL},
	{BCR, NULL, "hpv_status_by_p16_testing", "hpv_status_p16", NULL},
	{BCR, NULL, "hpv_status_by_ish_testing", "hpv_status_ish", NULL},
	{BCR, NULL, "tobacco_smoking_history", "tobacco_smoking_history", NULL},
	{BCR, NULL, "number_pack_years_smoked", "pack_years", NULL},
	{BCR, NULL, "year_of_tobacco_smoking_onset", "smoking_onset_year", NULL},
	{BCR, NULL, "stopped_smoking_year", "smoking_quit_year", NULL},
	{BCR, NULL, "alcohol_history_documented", "alcohol_history", NULL},
	{BCR, NULL, "frequency_of_alcohol_consumption", "alcohol_frequency", NULL},
	{BCR, NULL, "amount_of_alcohol_consumption_per_day", "alcohol_amount", NULL},
	{BCR, NULL, "smokeless_tobacco_use_at_diag", "smokeless_tobacco", NULL},
	{BCR, NULL, "smokeless_tobacco_use_per_day", "smokeless_tobacco_per_day", NULL},
	{BCR, NULL, "smokeless_tobacco_use_age_at_start", "smokeless_tobacco_onset_age", NULL},
	{BCR, NULL, "smokeless_tobacco_use_age_at_quit", "smokeless_tobacco_quit_age", NULL},
	{BCR, "admin", "withdrawn", "withdrawn", NULL},
	{BCR, "patient", "bcr_patient_uuid", "patient_uuid", NULL},
	{BCR, NULL, "new_tumor_event_after_initial_treatment", "new_tumor_event", NULL},
	{BCR, NULL, "days_to_new_tumor_event_after_initial_treatment", "days_to_new_tumor_event", NULL},
	{BCR, NULL, "new_neoplasm_event_type", "new_tumor_event_type", NULL},
	{BCR, NULL, "new_neoplasm_event_occurrence_anatomic_site", "new_tumor_event_site", NULL},
	{BCR, "drug", "drug_name", "agent", NULL},
	{BCR, "drug", "therapy_type", "therapy_type", NULL},
	{BCR, "drug", "days_to_drug_therapy_start", "start_day", NULL},
	{BCR, "drug", "days_to_drug_therapy_end", "end_day", NULL},
	{BCR, "drug", "total_dose", "dose", NULL},
	{BCR, "drug", "total_dose_units", "dose_units", NULL},
	{BCR, "drug", "number_cycles", "cycles", NULL},
	{BCR, "radiation", "radiation_type", "therapy_type", NULL},
	{BCR, "radiation", "days_to_radiation_therapy_start", "start_day", NULL},
	{BCR, "radiation", "days_to_radiation_therapy_end", "end_day", NULL},
	{BCR, "radiation", "radiation_dosage", "dose", NULL},
	{BCR, "radiation", "units", "dose_units", NULL},
	{BCR, "radiation", "numfractions", "fractions", NULL},
	{BCR, "radiation", "anatomic_treatment_site", "site", NULL},
	{BCR, "sample", "sample_type", "sample_type", NULL},
	{BCR, "sample", "bcr_sample_uuid", "sample_uuid", NULL},
	{BCR, "sample", "days_to_collection", "days_to_collection", NULL},
	{BCR, "sample", "is_ffpe", "is_ffpe", NULL},
	{BCR, "aliquot", "bcr_aliquot_uuid", "aliquot_uuid", NULL},
	{BCR, "analyte", "analyte_type", "analyte_type", NULL},
	/* the oral-cancer extension elements of the demo XML */
	{BCR, NULL, "smokeless_tobacco_use", "smokeless_tobacco", NULL},
	{BCR, NULL, "smokeless_tobacco_form", "smokeless_tobacco_form", NULL},
	{BCR, NULL, "smokeless_tobacco_years", "smokeless_tobacco_years", NULL},
	{BCR, NULL, "betel_quid_use", "betel_quid", NULL},
	{BCR, NULL, "betel_quid_form", "betel_quid_form", NULL},
	{BCR, NULL, "betel_quid_per_day", "betel_quid_per_day", NULL},
	{BCR, NULL, "betel_quid_years", "betel_quid_years", NULL},
	{BCR, NULL, "areca_nut_use", "areca_nut", NULL},
	{BCR, NULL, "areca_nut_form", "areca_nut_form", NULL},
	{BCR, NULL, "areca_nut_per_day", "areca_nut_per_day", NULL},
	{BCR, NULL, "areca_nut_years", "areca_nut_years", NULL},
	{BCR, NULL, "depth_of_invasion", "depth_of_invasion", NULL},

	/* GDC clinical cart columns, without the entity prefix */
	{GDC, "patient", "case_id", "patient_uuid", NULL},
	{GDC, NULL, "gender", "sex", NULL},
	{GDC, NULL, "race", "race", NULL},
	{GDC, NULL, "ethnicity", "ethnicity", NULL},
	{GDC, NULL, "vital_status", "vital_status", NULL},
	{GDC, NULL, "days_to_death", "days_to_death", NULL},
	{GDC, "patient", "primary_site", "primary_site", NULL},
	{GDC, NULL, "age_at_diagnosis", "age_at_diagnosis", A_AGE_FROM_DAYS},
	{GDC, NULL, "ajcc_pathologic_stage", "pathologic_stage", NULL},
	{GDC, NULL, "ajcc_clinical_stage", "clinical_stage", NULL},
	{GDC, NULL, "ajcc_pathologic_t", "pathologic_t", NULL},
	{GDC, NULL, "ajcc_pathologic_n", "pathologic_n", NULL},
	{GDC, NULL, "ajcc_pathologic_m", "pathologic_m", NULL},
	{GDC, NULL, "ajcc_clinical_t", "clinical_t", NULL},
	{GDC, NULL, "ajcc_clinical_n", "clinical_n", NULL},
	{GDC, NULL, "ajcc_clinical_m", "clinical_m", NULL},
	{GDC, NULL, "ajcc_staging_system_edition", "ajcc_edition", NULL},
	{GDC, NULL, "tumor_grade", "grade", NULL},
	{GDC, NULL, "tissue_or_organ_of_origin", "subsite", NULL},
	{GDC, NULL, "morphology", "icd_o3_histology", NULL},
	{GDC, NULL, "icd_10_code", "icd_10", NULL},
	{GDC, NULL, "primary_diagnosis", "histology", NULL},
	{GDC, NULL, "days_to_last_follow_up", "days_to_last_followup", NULL},
	{GDC, "follow_up", "days_to_follow_up", "days_to_last_followup", NULL},
	{GDC, NULL, "progression_or_recurrence", "new_tumor_event", NULL},
	{GDC, NULL, "days_to_recurrence", "days_to_new_tumor_event", NULL},
	{GDC, NULL, "progression_or_recurrence_type", "new_tumor_event_type", NULL},
	{GDC, NULL, "progression_or_recurrence_anatomic_site", "new_tumor_event_site", NULL},
	{GDC, "exposure", "tobacco_smoking_status", "tobacco_smoking_history", NULL},
	{GDC, "exposure", "pack_years_smoked", "pack_years", NULL},
	{GDC, "exposure", "tobacco_smoking_onset_year", "smoking_onset_year", NULL},
	{GDC, "exposure", "tobacco_smoking_quit_year", "smoking_quit_year", NULL},
	{GDC, "exposure", "alcohol_history", "alcohol_history", NULL},
	{GDC, "exposure", "alcohol_days_per_week", "alcohol_frequency", NULL},
	{GDC, "exposure", "alcohol_drinks_per_day", "alcohol_amount", NULL},
	{GDC, "pathology_detail", "margin_status", "margin_status", NULL},
	{GDC, "pathology_detail", "perineural_invasion_present", "perineural_invasion", NULL},
	{GDC, "pathology_detail", "lymphatic_invasion_present", "lymphovascular_invasion", NULL},
	{GDC, "pathology_detail", "extranodal_extension", "nodal_extracapsular_spread", NULL},
	{GDC, "pathology_detail", "lymph_nodes_tested", "lymph_nodes_examined", NULL},
	{GDC, "pathology_detail", "lymph_nodes_positive", "lymph_nodes_positive", NULL},
	{GDC, "treatment", "treatment_type", "therapy_type", NULL},
	{GDC, "treatment", "therapeutic_agents", "agent", NULL},
	{GDC, "treatment", "days_to_treatment_start", "start_day", NULL},
	{GDC, "treatment", "days_to_treatment_end", "end_day", NULL},
	{GDC, "treatment", "treatment_dose", "dose", NULL},
	{GDC, "treatment", "treatment_dose_units", "dose_units", NULL},
	{GDC, "treatment", "number_of_fractions", "fractions", NULL},
	{GDC, "treatment", "number_of_cycles", "cycles", NULL},
	{GDC, "treatment", "treatment_anatomic_site", "site", NULL},
	{GDC, "treatment", "treatment_or_therapy", "given", NULL},

	/* cBioPortal attribute names */
	{CBIO, NULL, "OS_STATUS", "vital_status", NULL},
	{CBIO, NULL, "OS_MONTHS", "os_days", A_OS_FROM_MONTHS},
	{CBIO, NULL, "DFS_STATUS", "dfs_status", NULL},
	{CBIO, NULL, "DFS_MONTHS", "dfs_days", A_DFS_FROM_MONTHS},
	{CBIO, NULL, "AGE", "age_at_diagnosis", NULL},
	{CBIO, NULL, "SEX", "sex", NULL},
	{CBIO, NULL, "GENDER", "sex", NULL},
	{CBIO, NULL, "RACE", "race", NULL},
	{CBIO, NULL, "ETHNICITY", "ethnicity", NULL},
	{CBIO, "sample", "SAMPLE_TYPE", "sample_type", NULL},
	{CBIO, NULL, "TUMORSTAGE", "pathologic_stage", NULL},
	{CBIO, NULL, "TUMOR_STAGE", "pathologic_stage", NULL},
	{CBIO, NULL, "AJCC_PATHOLOGIC_TUMOR_STAGE", "pathologic_stage", NULL},
	{CBIO, NULL, "CLINICAL_STAGE", "clinical_stage", NULL},
	{CBIO, NULL, "PATH_T_STAGE", "pathologic_t", NULL},
	{CBIO, NULL, "PATH_N_STAGE", "pathologic_n", NULL},
	{CBIO, NULL, "PATH_M_STAGE", "pathologic_m", NULL},
	{CBIO, NULL, "GRADE", "grade", NULL},
	{CBIO, NULL, "TUMORGRADE", "grade", NULL},
	{CBIO, NULL, "TUMOR_GRADE", "grade", NULL},
	{CBIO, NULL, "ICD_O_3_SITE", "icd_o3_site", NULL},
	{CBIO, NULL, "ICD_O_3_HISTOLOGY", "icd_o3_histology", NULL},
	{CBIO, NULL, "ICD_10", "icd_10", NULL},
	{CBIO, NULL, "HPV_STATUS", "hpv_status", NULL},
	{CBIO, NULL, "PRIMARY_SITE", "primary_site", NULL},
	{CBIO, NULL, "SMOKING_PACK_YEARS", "pack_years", NULL},
	{CBIO, NULL, "DAYS_TO_LAST_FOLLOWUP", "days_to_last_followup", NULL},
	{CBIO, NULL, "DAYS_TO_DEATH", "days_to_death", NULL},
};

#define N_ALIASES (sizeof(aliases) / sizeof(aliases[0]))

/* aliases sorted by name (case-insensitive), built on first use */
static size_t sorted[N_ALIASES];
static bool sorted_ready;

static int
cmp_alias(const void *a, const void *b)
{
	return strcasecmp(aliases[*(const size_t *) a].name, aliases[*(const size_t *) b].name);
}

static void
sort_aliases(void)
{
	for (size_t i = 0; i < N_ALIASES; i++)
		sorted[i] = i;
	qsort(sorted, N_ALIASES, sizeof(size_t), cmp_alias);
	sorted_ready = true;
}

const char *
clin_vtype_name(clin_vtype t)
{
	static const char *const names[] = {"text", "integer", "number", "boolean", "code"};

	return (unsigned) t < 5 ? names[t] : "text";
}

const clin_attr *
clin_attr_by_name(const char *name)
{
	for (size_t i = 0; i < N_MODEL; i++)
		if (str_ieq(attrs[i].name, name))
			return &attrs[i];
	return NULL;
}

const clin_attr *
clin_attr_find(clin_source src, const char *entity, const char *name)
{
	size_t		lo = 0,
				hi = N_ALIASES;

	if (!name)
		return NULL;
	if (src == CLIN_SRC_MODEL)
		return clin_attr_by_name(name);
	if (src == CLIN_SRC_GDC && strchr(name, '.'))
		name = strrchr(name, '.') + 1;
	if (!sorted_ready)
		sort_aliases();
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (strcasecmp(aliases[sorted[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < N_ALIASES && strcasecmp(aliases[sorted[lo]].name, name) == 0; lo++)
	{
		const alias *a = &aliases[sorted[lo]];

		if (!(a->src & (unsigned) src))
			continue;
		if (a->entity && (!entity || strcmp(a->entity, entity) != 0))
			continue;
		return a->conv ? a->conv : clin_attr_by_name(a->attr);
	}
	return NULL;
}

const char *
clin_attr_name(const clin_attr *a)
{
	return a->name;
}

clin_vtype
clin_attr_vtype(const clin_attr *a)
{
	return a->vtype;
}

/* ------------------------------------------------------------ helpers */

/* lower case with blanks collapsed into out; returns out */
static char *
lower_copy(const char *s, char *out, size_t cap)
{
	size_t		n = 0;
	bool		space = false;

	for (; *s && n + 1 < cap; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (isspace(c))
		{
			space = n > 0;
			continue;
		}
		if (space && n + 2 < cap)
			out[n++] = ' ';
		space = false;
		out[n++] = (char) tolower(c);
	}
	out[n] = '\0';
	return out;
}

static void
set_text(clin_value *v, const char *raw, const char *text)
{
	snprintf(v->text, sizeof(v->text), "%s", text);
	v->changed = strcmp(v->text, raw) != 0;
}

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* "1:DECEASED" -> "DECEASED" (cBioPortal status values). */
static const char *
strip_status_code(const char *s)
{
	if (isdigit((unsigned char) s[0]) && s[1] == ':')
		return s + 2;
	return s;
}

const char *
clin_missing_token(const char *s)
{
	static const char *const tokens[] = {
		"na", "n/a", "nan", "null", "'--", "--", "not reported",
		"unknown", "not available", "not applicable", "not evaluated",
		"unspecified", "not specified", "missing", NULL
	};
	char		low[64];
	size_t		n;

	if (!s || *s == '\0')
		return "empty";
	n = strlen(s);
	if (s[0] == '[' && s[n - 1] == ']')
		return s;				/* the caller strips the brackets */
	if (n >= sizeof(low))
		return NULL;
	lower_copy(s, low, sizeof(low));
	if (in_list(low, tokens))
		return s;
	return NULL;
}

bool
clin_check_declared(clin_vtype t, const char *s, double *num)
{
	double		d;
	char		low[16];

	switch (t)
	{
		case CLIN_NUMBER:
		case CLIN_INTEGER:
			if (num_parse_double(s, &d) != NUM_OK)
				return false;
			if (num)
				*num = d;
			return true;
		case CLIN_BOOLEAN:
			if (strlen(s) >= sizeof(low))
				return false;
			lower_copy(s, low, sizeof(low));
			return strcmp(low, "true") == 0 || strcmp(low, "false") == 0 ||
				strcmp(low, "yes") == 0 || strcmp(low, "no") == 0;
		default:
			return true;
	}
}

/* ------------------------------------------------------- normalisers */

static clin_status
invalid(clin_value *v, const char *why)
{
	v->why = why;
	return CLIN_INVALID;
}

static clin_status
norm_number(const char *raw, clin_value *v, bool whole, double scale, double round_to)
{
	double		d;
	char		t[40];

	if (num_parse_double(raw, &d) != NUM_OK)
		return invalid(v, whole ? "a whole number" : "a number");
	if (whole && d != floor(d))
		return invalid(v, "a whole number");
	d *= scale;
	if (round_to > 0)
		d = round(d / round_to) * round_to;
	if (whole)
		snprintf(t, sizeof(t), "%.0f", d);
	else
		num_format_double(d, t, sizeof(t));
	v->num = d;
	v->has_num = true;
	set_text(v, raw, t);
	return CLIN_OK;
}

/* yes/no words: 1 yes, 0 no, -1 neither */
static int
yes_no(const char *low)
{
	static const char *const yes[] = {"yes", "y", "true", "t", "1", "present", "positive", NULL};
	static const char *const no[] = {"no", "n", "false", "f", "0", "absent", "negative", NULL};

	if (in_list(low, yes))
		return 1;
	if (in_list(low, no))
		return 0;
	return -1;
}

static int
roman_value(const char *s, size_t *len)
{
	static const struct
	{
		const char *r;
		int			v;
	}			romans[] = {{"IV", 4}, {"III", 3}, {"II", 2}, {"I", 1}, {NULL, 0}};

	for (int i = 0; romans[i].r; i++)
	{
		size_t		n = strlen(romans[i].r);

		if (strncasecmp(s, romans[i].r, n) == 0)
		{
			*len = n;
			return romans[i].v;
		}
	}
	return 0;
}

static clin_status
norm_stage(const char *raw, clin_value *v)
{
	static const char *const roman[] = {"0", "I", "II", "III", "IV"};
	const char *s = raw;
	char		out[32];
	size_t		n = 0;
	int			st;

	if (strncasecmp(s, "stage", 5) == 0)
		s += 5;
	while (*s == ' ' || *s == '_')
		s++;
	if (*s == '0')
		st = 0, n = 1;
	else if (*s >= '1' && *s <= '4')
		st = *s - '0', n = 1;
	else if ((*s == 'X' || *s == 'x') && s[1] == '\0')
	{
		set_text(v, raw, "Stage X");
		return CLIN_OK;
	}
	else if ((st = roman_value(s, &n)) == 0)
		return invalid(v, "an AJCC stage (Stage 0, I ... IVC, X)");
	s += n;
	snprintf(out, sizeof(out), "Stage %s", roman[st]);
	if (st == 0 && (strcasecmp(s, "is") == 0 || strcasecmp(s, "a") == 0))
	{
		strcat(out, s[0] == 'i' || s[0] == 'I' ? "is" : "a");
		s += strlen(s);
	}
	else if (*s && strchr("abcABC", *s) && (s[1] == '\0' || s[1] == ' '))
	{
		size_t		l = strlen(out);

		out[l] = (char) toupper((unsigned char) *s);
		out[l + 1] = '\0';
		s++;
	}
	while (*s == ' ')
		s++;
	if (*s)
		return invalid(v, "an AJCC stage (Stage 0, I ... IVC, X)");
	set_text(v, raw, out);
	return CLIN_OK;
}

/* T4a, N2b, M0, TX, Tis; a c/p/yp prefix dropped, any suffix kept. */
static clin_status
norm_tnm(const char *raw, char letter, clin_value *v)
{
	const char *s = raw;
	char		out[64];
	size_t		n = 0;
	static const char *why[] = {"an AJCC T category (T0-T4 with a-d, TX, Tis)",
		"an AJCC N category (N0-N3 with a-c, NX)",
	"an AJCC M category (M0, M1 with a-c, MX)"};
	const char *w = why[letter == 'T' ? 0 : letter == 'N' ? 1 : 2];

	while (*s && strchr("cpyraCPYRA", *s) && toupper((unsigned char) *s) != letter)
		s++;
	if (toupper((unsigned char) *s) != letter)
		return invalid(v, w);
	s++;
	out[n++] = letter;
	if (*s == 'x' || *s == 'X')
		out[n++] = 'X', s++;
	else if (letter == 'T' && strncasecmp(s, "is", 2) == 0)
		out[n++] = 'i', out[n++] = 's', s += 2;
	else if (*s >= '0' && *s <= '4')
	{
		out[n++] = *s++;
		while (*s && strchr("abcdABCD", *s) && n < 6)
			out[n++] = (char) tolower((unsigned char) *s++);
	}
	else
		return invalid(v, w);
	snprintf(out + n, sizeof(out) - n, "%s", s);
	set_text(v, raw, out);
	return CLIN_OK;
}

static clin_status
norm_grade(const char *raw, clin_value *v)
{
	char		low[64],
				out[16];
	const char *s;

	lower_copy(raw, low, sizeof(low));
	s = low;
	if (strncmp(s, "grade", 5) == 0)
		s += 5;
	while (*s == ' ')
		s++;
	if (s[0] == 'g' && (s[1] == 'x' || s[1] == 'b' || (s[1] >= '1' && s[1] <= '4')) && s[2] == '\0')
	{
		snprintf(out, sizeof(out), "G%c", toupper((unsigned char) s[1]));
		set_text(v, raw, out);
		return CLIN_OK;
	}
	if (s[0] >= '1' && s[0] <= '4' && s[1] == '\0')
	{
		snprintf(out, sizeof(out), "G%c", s[0]);
		set_text(v, raw, out);
		return CLIN_OK;
	}
	if (strstr(low, "undifferentiated"))
		set_text(v, raw, "G4");
	else if (strstr(low, "poorly"))
		set_text(v, raw, "G3");
	else if (strstr(low, "moderately"))
		set_text(v, raw, "G2");
	else if (strstr(low, "well"))
		set_text(v, raw, "G1");
	else
		set_text(v, raw, raw);
	return CLIN_OK;
}

static clin_status
norm_edition(const char *raw, clin_value *v)
{
	const char *s = raw;
	long		e;
	char		out[16];

	while (*s && !isdigit((unsigned char) *s))
		s++;
	if (!*s)
		return invalid(v, "an AJCC edition (7th)");
	e = strtol(s, NULL, 10);
	if (e < 1 || e > 20)
		return invalid(v, "an AJCC edition (7th)");
	snprintf(out, sizeof(out), "%ld%s", e, e == 1 ? "st" : e == 2 ? "nd" : e == 3 ? "rd" : "th");
	set_text(v, raw, out);
	return CLIN_OK;
}

/* TCGA tobacco smoking history: the code, from the code or its text. */
static clin_status
norm_smoking(const char *raw, clin_value *v)
{
	static const struct
	{
		const char *text;
		int			code;
	}			codes[] = {
		{"lifelong non-smoker", 1},
		{"lifelong non smoker", 1},
		{"never smoker", 1},
		{"current smoker", 2},
		{"current reformed smoker for > 15 years", 3},
		{"current reformed smoker for >15 years", 3},
		{"current reformed smoker for <= 15 years", 4},
		{"current reformed smoker for < or = 15 years", 4},
		{"current reformed smoker for <=15 years", 4},
		{"current reformed smoker, duration not specified", 5},
		{"current reformed smoker duration not specified", 5},
		{"smoker at diagnosis", 6},
		{"smoking history not documented", 7},
		{NULL, 0}
	};
	char		low[96],
				out[8];
	char	   *p;

	if (raw[0] >= '1' && raw[0] <= '7' && raw[1] == '\0')
	{
		v->num = raw[0] - '0';
		v->has_num = true;
		set_text(v, raw, raw);
		return CLIN_OK;
	}
	if (strlen(raw) >= sizeof(low) - 8)
		return invalid(v, "a TCGA smoking history code 1-7 or its text");
	lower_copy(raw, low, sizeof(low));
	/* "yrs" as the GDC writes it */
	if ((p = strstr(low, " yrs")) != NULL && p[4] == '\0')
		strcpy(p, " years");
	for (int i = 0; codes[i].text; i++)
		if (strcmp(low, codes[i].text) == 0)
		{
			snprintf(out, sizeof(out), "%d", codes[i].code);
			v->num = codes[i].code;
			v->has_num = true;
			set_text(v, raw, out);
			return CLIN_OK;
		}
	return invalid(v, "a TCGA smoking history code 1-7 or its text");
}

static clin_status
norm_use(const char *raw, clin_value *v)
{
	static const char *const current[] = {"current", "current user", "currently", "daily", "regular", NULL};
	static const char *const former[] = {"former", "ex", "ex-user", "ex user", "past", "quit", "stopped", "former user", NULL};
	static const char *const never[] = {"never", "never used", "non-user", "non user", "lifelong non-user", "none", NULL};
	char		low[64];
	int			yn;

	if (strlen(raw) >= sizeof(low))
		return invalid(v, "current, former, never, yes or no");
	lower_copy(raw, low, sizeof(low));
	if (in_list(low, current))
		set_text(v, raw, "current");
	else if (in_list(low, former))
		set_text(v, raw, "former");
	else if (in_list(low, never))
		set_text(v, raw, "never");
	else if ((yn = yes_no(low)) >= 0 || strcmp(low, "ever") == 0)
		set_text(v, raw, yn == 0 ? "no" : "yes");
	else
		return invalid(v, "current, former, never, yes or no");
	return CLIN_OK;
}

static clin_status
norm_icdo3_site(const char *raw, clin_value *v)
{
	char		out[16];
	size_t		n = strlen(raw);

	if ((raw[0] != 'C' && raw[0] != 'c') || n < 3 || !isdigit((unsigned char) raw[1]) ||
		!isdigit((unsigned char) raw[2]))
		return invalid(v, "an ICD-O-3 topography code (C02.9)");
	if (n == 3)
		snprintf(out, sizeof(out), "C%c%c", raw[1], raw[2]);
	else if (n == 5 && raw[3] == '.' && isdigit((unsigned char) raw[4]))
		snprintf(out, sizeof(out), "C%c%c.%c", raw[1], raw[2], raw[4]);
	else if (n == 4 && isdigit((unsigned char) raw[3]))
		snprintf(out, sizeof(out), "C%c%c.%c", raw[1], raw[2], raw[3]);
	else
		return invalid(v, "an ICD-O-3 topography code (C02.9)");
	set_text(v, raw, out);
	return CLIN_OK;
}

static clin_status
norm_icdo3_hist(const char *raw, clin_value *v)
{
	if (strlen(raw) != 6 || raw[4] != '/')
		return invalid(v, "an ICD-O-3 morphology code (8070/3)");
	for (int i = 0; i < 6; i++)
		if (i != 4 && !isdigit((unsigned char) raw[i]))
			return invalid(v, "an ICD-O-3 morphology code (8070/3)");
	set_text(v, raw, raw);
	return CLIN_OK;
}

static clin_status
norm_icd10(const char *raw, clin_value *v)
{
	char		out[16];
	size_t		n = strlen(raw);

	if (n < 3 || n > 7 || !isalpha((unsigned char) raw[0]) || !isdigit((unsigned char) raw[1]) ||
		!isalnum((unsigned char) raw[2]))
		return invalid(v, "an ICD-10 code (C02.9)");
	if (n > 3 && (raw[3] != '.' || n == 4))
		return invalid(v, "an ICD-10 code (C02.9)");
	for (size_t i = 4; i < n; i++)
		if (!isalnum((unsigned char) raw[i]))
			return invalid(v, "an ICD-10 code (C02.9)");
	for (size_t i = 0; i <= n; i++)
		out[i] = (char) toupper((unsigned char) raw[i]);
	set_text(v, raw, out);
	return CLIN_OK;
}

static clin_status
norm_subsite(const char *raw, clin_value *v)
{
	char		low[200];
	size_t		n;

	lower_copy(raw, low, sizeof(low));
	n = strlen(low);
	if (n > 5 && strcmp(low + n - 5, ", nos") == 0)
		low[n - 5] = '\0';
	else if (n > 4 && strcmp(low + n - 4, " nos") == 0)
		low[n - 4] = '\0';
	set_text(v, raw, low);
	return CLIN_OK;
}

clin_status
clin_normalise(const clin_attr *a, const char *raw, clin_value *v)
{
	char		low[256];
	const char *m;
	int			yn;

	memset(v, 0, sizeof(*v));
	if ((m = clin_missing_token(raw)) != NULL)
	{
		v->missing = m;
		return CLIN_MISSING;
	}
	if (strlen(raw) >= sizeof(v->text))
		return invalid(v, "a value shorter than 256 characters");
	switch (a->kind)
	{
		case K_TEXT:
		case K_CODE:
			set_text(v, raw, raw);
			return CLIN_OK;
		case K_LOWER:
			set_text(v, raw, lower_copy(raw, low, sizeof(low)));
			return CLIN_OK;
		case K_CAP:
			lower_copy(raw, low, sizeof(low));
			low[0] = (char) toupper((unsigned char) low[0]);
			set_text(v, raw, low);
			return CLIN_OK;
		case K_SEX:
			lower_copy(raw, low, sizeof(low));
			if (strcmp(low, "male") == 0 || strcmp(low, "m") == 0)
				set_text(v, raw, "male");
			else if (strcmp(low, "female") == 0 || strcmp(low, "f") == 0)
				set_text(v, raw, "female");
			else
				return invalid(v, "male or female");
			return CLIN_OK;
		case K_VITAL:
			lower_copy(strip_status_code(raw), low, sizeof(low));
			if (strcmp(low, "alive") == 0 || strcmp(low, "living") == 0)
				set_text(v, raw, "Alive");
			else if (strcmp(low, "dead") == 0 || strcmp(low, "deceased") == 0)
				set_text(v, raw, "Dead");
			else
				return invalid(v, "Alive or Dead");
			return CLIN_OK;
		case K_STATUS_TEXT:
			set_text(v, raw, strip_status_code(raw));
			return CLIN_OK;
		case K_INT:
			return norm_number(raw, v, true, 1.0, 0);
		case K_NUM:
			return norm_number(raw, v, false, 1.0, 0);
		case K_AGE_DAYS:
			return norm_number(raw, v, false, 1.0 / DAYS_PER_YEAR, 0.01);
		case K_MONTHS:
			return norm_number(raw, v, false, DAYS_PER_MONTH, 0.01);
		case K_BOOL:
		case K_YESNO:
			lower_copy(raw, low, sizeof(low));
			if ((yn = yes_no(low)) < 0)
				return invalid(v, "yes or no");
			if (a->kind == K_BOOL)
				set_text(v, raw, yn ? "true" : "false");
			else
				set_text(v, raw, yn ? "yes" : "no");
			return CLIN_OK;
		case K_POSNEG:
			lower_copy(raw, low, sizeof(low));
			if (strcmp(low, "positive") == 0 || strcmp(low, "pos") == 0 || strcmp(low, "+") == 0)
				set_text(v, raw, "Positive");
			else if (strcmp(low, "negative") == 0 || strcmp(low, "neg") == 0 || strcmp(low, "-") == 0)
				set_text(v, raw, "Negative");
			else if (strcmp(low, "equivocal") == 0 || strcmp(low, "indeterminate") == 0)
				set_text(v, raw, "Equivocal");
			else
				return invalid(v, "Positive or Negative");
			return CLIN_OK;
		case K_STAGE:
			return norm_stage(raw, v);
		case K_T:
			return norm_tnm(raw, 'T', v);
		case K_N:
			return norm_tnm(raw, 'N', v);
		case K_M:
			return norm_tnm(raw, 'M', v);
		case K_GRADE:
			return norm_grade(raw, v);
		case K_EDITION:
			return norm_edition(raw, v);
		case K_SMOKING:
			return norm_smoking(raw, v);
		case K_USE:
			return norm_use(raw, v);
		case K_ICDO3_SITE:
			return norm_icdo3_site(raw, v);
		case K_ICDO3_HIST:
			return norm_icdo3_hist(raw, v);
		case K_ICD10:
			return norm_icd10(raw, v);
		case K_SUBSITE:
			return norm_subsite(raw, v);
		case K_TREATMENT:
			lower_copy(raw, low, sizeof(low));
			if (strstr(low, "radiation") || strstr(low, "radiotherapy") || strstr(low, "beam"))
				set_text(v, raw, "radiation");
			else if (strstr(low, "surg") || strstr(low, "resection") || strstr(low, "dissection"))
				set_text(v, raw, "surgery");
			else if (strstr(low, "drug") || strstr(low, "chemo") || strstr(low, "pharma") ||
					 strstr(low, "therapy") || strstr(low, "immuno"))
				set_text(v, raw, "drug");
			else
				return invalid(v, "drug, radiation or surgery");
			return CLIN_OK;
	}
	set_text(v, raw, raw);
	return CLIN_OK;
}
