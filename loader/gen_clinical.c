/*
 * gen_clinical.c: clinical and biospecimen BCR XML for the demo cohort
 * ("oncoload generate"; see gen_clinical.h).  Each case is drawn from
 * random stream 10: an oral squamous cell carcinoma of a South Asian
 * cohort (subsites, AJCC 7th staging, HPV by p16 and ISH, smoking,
 * smokeless tobacco, betel quid and areca nut, margins, perineural and
 * lymphovascular invasion, extranodal extension, treatment, follow-up).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "gen_clinical.h"
#include "genrng.h"
#include "onc.h"
#include "samplesheet.h"

#define CLIN_STREAM 10

#define NS_HNSC "http://tcga.nci/bcr/xml/clinical/hnsc/2.7"
#define NS_BIO "http://tcga.nci/bcr/xml/biospecimen/2.7"
#define NS_COMMON \
	"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" " \
	"xmlns:admin=\"http://tcga.nci/bcr/xml/administration/2.7\" " \
	"xmlns:shared=\"http://tcga.nci/bcr/xml/shared/2.7\" "

/* A sample of the case, from the sheet. */
typedef struct gsample
{
	const char *id;				/* DEMO-OSCC-P0001-01A */
	const char *type;			/* Primary Tumor */
} gsample;

typedef struct gcase
{
	const char *id;
	const char *project;
	gsample		samples[8];
	int			nsamples;
} gcase;

/* What one patient is like. */
typedef struct patient
{
	bool		male;
	int			age;
	int			year_dx;
	const char *race;
	int			site;			/* index into sites[] */
	int			t,
				n,
				m;				/* T 1-4 (4 = T4a, 5 = T4b), N 0-4 (2a, 2b, 2c = 2,3,4; 5 = N3), M 0/1 */
	int			ct,
				cn;				/* clinical T and N */
	int			grade;
	bool		p16_tested,
				p16_pos,
				ish_tested,
				ish_pos;
	int			smoking;		/* TCGA code */
	double		pack_years;
	int			onset_year,
				quit_year;
	int			smokeless;		/* 0 never, 1 current, 2 former */
	int			smokeless_form;
	int			smokeless_per_day,
				smokeless_years,
				smokeless_start_age;
	int			betel;
	int			betel_form;
	int			betel_per_day,
				betel_years;
	int			areca;
	int			areca_form;
	int			areca_per_day,
				areca_years;
	bool		alcohol;
	int			alcohol_days,
				alcohol_drinks;
	int			margin;			/* 0 negative, 1 close, 2 positive */
	bool		pni,
				lvi;
	int			ene;			/* 0 none, 1 microscopic, 2 gross */
	double		doi;
	int			nodes_examined,
				nodes_positive;
	bool		neck_left,
				neck_right;
	bool		radiation,
				chemo;
	int			rt_start,
				rt_days,
				rt_fractions;
	double		rt_dose;
	int			chemo_start,
				chemo_dose;
	bool		dead,
				recurrence;
	int			last_contact,
				death_day,
				recurrence_day,
				recurrence_type;
	int			nfollow;
} patient;

static const struct
{
	const char *subdivision;	/* anatomic_neoplasm_subdivision (HNSC XSD) */
	const char *icd;
	int			weight;
}			sites[] = {
	{"Buccal Mucosa", "C06.0", 38},
	{"Oral Tongue", "C02.9", 25},
	{"Alveolar Ridge", "C03.9", 11},
	{"Floor of mouth", "C04.9", 6},
	{"Lip", "C00.9", 5},
	{"Hard Palate", "C05.0", 4},
	{"Oral Cavity", "C06.2", 7},	/* retromolar trigone */
	{"Base of tongue", "C01.9", 4},
};

#define N_SITES (sizeof(sites) / sizeof(sites[0]))

static const char *const smokeless_forms[] = {"gutka", "naswar", "khaini", "zarda", "mawa", "snuff"};
static const char *const betel_forms[] = {"with tobacco", "without tobacco", "paan with tobacco", "paan"};
static const char *const areca_forms[] = {"supari", "pan masala", "raw nut", "sweetened areca"};
static const char *const t_names[] = {"", "T1", "T2", "T3", "T4a", "T4b"};
static const char *const n_names[] = {"N0", "N1", "N2a", "N2b", "N2c", "N3"};

/* ------------------------------------------------------------ drawing */

static int
pick_site(gen_rng *r)
{
	int			total = 0,
				x;

	for (size_t i = 0; i < N_SITES; i++)
		total += sites[i].weight;
	x = (int) rng_below(r, (uint64_t) total);
	for (size_t i = 0; i < N_SITES; i++)
	{
		if (x < sites[i].weight)
			return (int) i;
		x -= sites[i].weight;
	}
	return 0;
}

static int
between(gen_rng *r, int lo, int hi)
{
	return lo + (int) rng_below(r, (uint64_t) (hi - lo + 1));
}

static bool
chance(gen_rng *r, double p)
{
	return rng_uniform(r) < p;
}

/* AJCC 7th oral cavity stage group: "I" ... "IVC". */
static const char *
stage_of(int t, int n, int m)
{
	if (m)
		return "Stage IVC";
	if (t == 5 || n == 5)
		return "Stage IVB";
	if (t == 4 || n >= 2)
		return "Stage IVA";
	if (t == 3 || n == 1)
		return "Stage III";
	return t == 2 ? "Stage II" : "Stage I";
}

static int
stage_rank(int t, int n, int m)
{
	const char *s = stage_of(t, n, m);

	return strstr(s, "IV") ? 4 : strstr(s, "III") ? 3 : strstr(s, "II") ? 2 : 1;
}

static void
draw_patient(gen_rng *r, patient *p)
{
	int			rank;

	memset(p, 0, sizeof(*p));
	p->male = chance(r, 0.72);
	p->age = (int) lround(52 + 11 * rng_normal(r));
	if (p->age < 24)
		p->age = 24 + between(r, 0, 5);
	if (p->age > 88)
		p->age = 88 - between(r, 0, 5);
	p->year_dx = between(r, 2009, 2021);
	{
		double		u = rng_uniform(r);

		p->race = u < 0.78 ? "ASIAN" : u < 0.92 ? "WHITE" : u < 0.97 ? "BLACK OR AFRICAN AMERICAN" : NULL;
	}
	p->site = pick_site(r);
	p->t = between(r, 1, 4) + (chance(r, 0.08) ? 1 : 0);
	if (p->t > 5)
		p->t = 5;
	{
		double		u = rng_uniform(r);

		p->n = u < 0.45 ? 0 : u < 0.63 ? 1 : u < 0.70 ? 2 : u < 0.85 ? 3 : u < 0.95 ? 4 : 5;
	}
	p->m = chance(r, 0.03);
	p->ct = p->t > 1 && chance(r, 0.2) ? p->t - 1 : p->t;
	p->cn = p->n > 0 && chance(r, 0.25) ? p->n - 1 : p->n;
	p->grade = chance(r, 0.3) ? 1 : chance(r, 0.7) ? 2 : 3;
	/* HPV is rare in the oral cavity; p16 is tested more often than ISH */
	p->p16_tested = chance(r, 0.55);
	p->p16_pos = p->p16_tested && chance(r, p->site == 7 ? 0.45 : 0.07);
	p->ish_tested = chance(r, 0.25);
	p->ish_pos = p->ish_tested && (p->p16_pos ? chance(r, 0.6) : chance(r, 0.02));
	/* smoking: code 1 never, 2 current, 3/4 reformed, 5 duration unknown, 7 undocumented */
	{
		double		u = rng_uniform(r);

		p->smoking = u < 0.42 ? 1 : u < 0.67 ? 2 : u < 0.77 ? 3 : u < 0.87 ? 4 : u < 0.93 ? 5 : 7;
	}
	if (p->smoking >= 2 && p->smoking <= 5)
	{
		p->pack_years = between(r, 4, 60);
		p->onset_year = p->year_dx - p->age + between(r, 14, 25);
		if (p->smoking == 3)
			p->quit_year = p->year_dx - between(r, 16, 30);
		else if (p->smoking == 4)
			p->quit_year = p->year_dx - between(r, 1, 15);
		if (p->quit_year && p->quit_year <= p->onset_year)
			p->quit_year = p->onset_year + 2;
	}
	/* chewing: smokeless tobacco, betel quid, areca nut */
	{
		double		u = rng_uniform(r);

		p->smokeless = u < 0.52 ? 1 : u < 0.62 ? 2 : 0;
		p->smokeless_form = (int) rng_below(r, 6);
		p->smokeless_per_day = between(r, 2, 15);
		p->smokeless_years = between(r, 5, p->age - 15 > 6 ? p->age - 15 : 6);
		p->smokeless_start_age = p->age - p->smokeless_years;
		u = rng_uniform(r);
		p->betel = u < 0.45 ? 1 : u < 0.57 ? 2 : 0;
		p->betel_form = (int) rng_below(r, 4);
		p->betel_per_day = between(r, 2, 20);
		p->betel_years = between(r, 5, p->age - 14 > 6 ? p->age - 14 : 6);
		u = rng_uniform(r);
		p->areca = u < 0.5 ? 1 : u < 0.6 ? 2 : 0;
		p->areca_form = (int) rng_below(r, 4);
		p->areca_per_day = between(r, 1, 10);
		p->areca_years = between(r, 3, p->age - 14 > 4 ? p->age - 14 : 4);
	}
	p->alcohol = chance(r, 0.18);
	p->alcohol_days = between(r, 1, 7);
	p->alcohol_drinks = between(r, 1, 6);
	/* pathology */
	{
		double		u = rng_uniform(r);

		p->margin = u < 0.74 ? 0 : u < 0.9 ? 1 : 2;
	}
	p->pni = chance(r, 0.25 + 0.05 * p->t);
	p->lvi = chance(r, 0.1 + 0.05 * p->n);
	p->ene = p->n == 0 ? 0 : chance(r, 0.55) ? 0 : chance(r, 0.6) ? 1 : 2;
	p->doi = round((2.0 + 3.5 * p->t + 2.0 * rng_normal(r)) * 10.0) / 10.0;
	if (p->doi < 0.5)
		p->doi = 0.5 + 0.1 * between(r, 0, 9);
	p->nodes_examined = between(r, 14, 52);
	p->nodes_positive = p->n == 0 ? 0 : p->n == 1 ? 1 : between(r, 2, 9);
	p->neck_left = chance(r, 0.85);
	p->neck_right = chance(r, p->n >= 4 ? 0.9 : 0.3);
	/* treatment by stage */
	rank = stage_rank(p->t, p->n, p->m);
	p->radiation = rank >= 3 || p->margin == 2 || (p->pni && chance(r, 0.5));
	p->chemo = rank == 4 && (p->ene > 0 || p->margin == 2 || chance(r, 0.4));
	p->rt_start = between(r, 28, 56);
	p->rt_fractions = p->chemo ? 33 : 30;
	p->rt_dose = p->chemo ? 66.0 : 60.0;
	p->rt_days = p->rt_fractions * 7 / 5 + between(r, 0, 4);
	p->chemo_start = p->rt_start;
	p->chemo_dose = 100 * between(r, 2, 3);
	/* outcome */
	p->dead = chance(r, 0.15 + 0.08 * rank);
	p->recurrence = chance(r, 0.12 + 0.07 * rank);
	p->recurrence_day = between(r, 120, 900);
	p->recurrence_type = (int) rng_below(r, 3);
	p->last_contact = between(r, 180, 2600);
	if (p->recurrence && p->recurrence_day >= p->last_contact)
		p->recurrence_day = p->last_contact / 2;
	p->death_day = p->last_contact;
	p->nfollow = between(r, 1, 2);
}

/* ------------------------------------------------------------ writing */

static void
ind(onc_buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_puts(b, "    ");
}

/* <q procurement_status="Completed" owner="TSS">value</q>, or an empty one with status. */
static void
el(onc_buf *b, int depth, const char *q, const char *value)
{
	ind(b, depth);
	if (value)
		buf_printf(b, "<%s procurement_status=\"Completed\" owner=\"TSS\">%s</%s>\n", q, value, q);
	else
		buf_printf(b, "<%s procurement_status=\"Not Available\" owner=\"TSS\"/>\n", q);
}

static void
el_status(onc_buf *b, int depth, const char *q, const char *status)
{
	ind(b, depth);
	buf_printf(b, "<%s procurement_status=\"%s\" owner=\"TSS\"/>\n", q, status);
}

static void
el_int(onc_buf *b, int depth, const char *q, long v)
{
	char		t[32];

	snprintf(t, sizeof(t), "%ld", v);
	el(b, depth, q, t);
}

static void
el_num(onc_buf *b, int depth, const char *q, double v)
{
	char		t[32];

	snprintf(t, sizeof(t), "%.1f", v);
	el(b, depth, q, t);
}

static void
open_el(onc_buf *b, int depth, const char *q)
{
	ind(b, depth);
	buf_printf(b, "<%s>\n", q);
}

static void
close_el(onc_buf *b, int depth, const char *q)
{
	ind(b, depth);
	buf_printf(b, "</%s>\n", q);
}

static const char *
yes_no(bool v)
{
	return v ? "YES" : "NO";
}

static const char *
use_word(int u)
{
	return u == 1 ? "current" : u == 2 ? "former" : "never";
}

/* mkdir -p; false with errno set */
static bool
make_dirs(const char *path)
{
	char	   *p = xstrdup(path);
	bool		ok = true;

	for (char *s = p + 1; ok; s++)
		if (*s == '/' || *s == '\0')
		{
			char		c = *s;

			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				ok = false;
			*s = c;
			if (c == '\0')
				break;
		}
	free(p);
	return ok;
}

/* Write b to DIR/KIND/UUID/NAME; an exit code. */
static int
write_file(const char *dir, const char *kind, const char *uuid, const char *name, const onc_buf *b)
{
	char	   *folder = xasprintf("%s/%s/%s", dir, kind, uuid);
	char	   *path = xasprintf("%s/%s", folder, name);
	FILE	   *f;
	int			rc = ONC_EXIT_IO;

	if (!make_dirs(folder))
		onc_msg(ONC_ERROR, folder, 0, 0, "could not create directory: %s", strerror(errno));
	else if ((f = fopen(path, "wb")) == NULL)
		onc_msg(ONC_ERROR, path, 0, 0, "could not create: %s", strerror(errno));
	else
	{
		bool		ok = fwrite(b->data, 1, b->len, f) == b->len;

		if (fclose(f) != 0)
			ok = false;
		if (ok)
			rc = ONC_EXIT_OK;
		else
			onc_msg(ONC_ERROR, path, 0, 0, "could not write: %s", strerror(errno));
	}
	free(folder);
	free(path);
	return rc;
}

static void
admin_section(onc_buf *b, const char *project, const char *file_uuid, int batch, bool clinical)
{
	open_el(b, 1, "admin:admin");
	ind(b, 2);
	buf_puts(b, "<admin:bcr xsd_ver=\"1.17\">oncoload demo generator</admin:bcr>\n");
	ind(b, 2);
	buf_printf(b, "<admin:file_uuid xsd_ver=\"2.6\">%s</admin:file_uuid>\n", file_uuid);
	ind(b, 2);
	buf_printf(b, "<admin:batch_number xsd_ver=\"1.17\">%d.1.0</admin:batch_number>\n", batch);
	ind(b, 2);
	buf_printf(b, "<admin:project_code xsd_ver=\"\">%s</admin:project_code>\n", project);
	ind(b, 2);
	buf_puts(b, "<admin:disease_code xsd_ver=\"2.6\">HNSC</admin:disease_code>\n");
	ind(b, 2);
	buf_puts(b, "<admin:day_of_dcc_upload xsd_ver=\"1.17\">15</admin:day_of_dcc_upload>\n");
	ind(b, 2);
	buf_puts(b, "<admin:month_of_dcc_upload xsd_ver=\"1.17\">6</admin:month_of_dcc_upload>\n");
	ind(b, 2);
	buf_puts(b, "<admin:year_of_dcc_upload xsd_ver=\"1.17\">2024</admin:year_of_dcc_upload>\n");
	if (clinical)
	{
		open_el(b, 2, "admin:patient_withdrawal");
		ind(b, 3);
		buf_puts(b, "<admin:withdrawn>false</admin:withdrawn>\n");
		close_el(b, 2, "admin:patient_withdrawal");
	}
	close_el(b, 1, "admin:admin");
}

static void
stage_event(onc_buf *b, const patient *p)
{
	ind(b, 2);
	buf_puts(b, "<shared_stage:stage_event system=\"AJCC\">\n");
	el(b, 3, "shared_stage:system_version", "7th");
	el(b, 3, "shared_stage:clinical_stage", stage_of(p->ct, p->cn, p->m));
	el(b, 3, "shared_stage:pathologic_stage", stage_of(p->t, p->n, p->m));
	open_el(b, 3, "shared_stage:tnm_categories");
	open_el(b, 4, "shared_stage:clinical_categories");
	el(b, 5, "shared_stage:clinical_T", t_names[p->ct]);
	el(b, 5, "shared_stage:clinical_N", n_names[p->cn]);
	el(b, 5, "shared_stage:clinical_M", p->m ? "M1" : "M0");
	close_el(b, 4, "shared_stage:clinical_categories");
	open_el(b, 4, "shared_stage:pathologic_categories");
	el(b, 5, "shared_stage:pathologic_T", t_names[p->t]);
	el(b, 5, "shared_stage:pathologic_N", n_names[p->n]);
	el(b, 5, "shared_stage:pathologic_M", p->m ? "M1" : "M0");
	close_el(b, 4, "shared_stage:pathologic_categories");
	close_el(b, 3, "shared_stage:tnm_categories");
	close_el(b, 2, "shared_stage:stage_event");
}

/* The form completion date every BCR form ends with. */
static void
form_completion(onc_buf *b, gen_rng *r, int depth, int year)
{
	el_int(b, depth, "clin_shared:day_of_form_completion", between(r, 1, 28));
	el_int(b, depth, "clin_shared:month_of_form_completion", between(r, 1, 12));
	el_int(b, depth, "clin_shared:year_of_form_completion", year);
}

static void
treatments(onc_buf *b, gen_rng *r, const patient *p, const char *case_id)
{
	char		bc[96],
				uuid[37];

	if (p->chemo)
	{
		open_el(b, 2, "rx:drugs");
		open_el(b, 3, "rx:drug");
		el(b, 4, "rx:tx_on_clinical_trial", "NO");
		el_int(b, 4, "rx:regimen_number", 1);
		snprintf(bc, sizeof(bc), "%s-D%05d", case_id, (int) rng_below(r, 90000) + 10000);
		el(b, 4, "rx:bcr_drug_barcode", bc);
		rng_uuid(r, uuid);
		el(b, 4, "rx:bcr_drug_uuid", uuid);
		el_int(b, 4, "rx:total_dose", p->chemo_dose);
		el(b, 4, "rx:total_dose_units", "mg/m2");
		el_int(b, 4, "rx:prescribed_dose", 100);
		el(b, 4, "rx:prescribed_dose_units", "mg/m2");
		el_int(b, 4, "rx:number_cycles", p->chemo_dose / 100);
		el_int(b, 4, "rx:days_to_drug_therapy_start", p->chemo_start);
		el_int(b, 4, "rx:days_to_drug_therapy_end", p->chemo_start + 42);
		open_el(b, 4, "rx:therapy_types");
		el(b, 5, "rx:therapy_type", "Chemotherapy");
		el_status(b, 5, "rx:therapy_type_notes", "Not Applicable");
		close_el(b, 4, "rx:therapy_types");
		el(b, 4, "rx:drug_name", "Cisplatin");
		el_status(b, 4, "rx:clinical_trail_drug_classification", "Not Applicable");
		el(b, 4, "clin_shared:regimen_indication", "ADJUVANT");
		el_status(b, 4, "clin_shared:regimen_indication_notes", "Not Applicable");
		open_el(b, 4, "rx:route_of_administrations");
		el(b, 5, "rx:route_of_administration", "IV");
		close_el(b, 4, "rx:route_of_administrations");
		el(b, 4, "rx:therapy_ongoing", "NO");
		el(b, 4, "clin_shared:measure_of_response", p->recurrence ? "Stable Disease" : "Complete Response");
		form_completion(b, r, 4, p->year_dx + 1);
		close_el(b, 3, "rx:drug");
		close_el(b, 2, "rx:drugs");
	}
	else
	{
		ind(b, 2);
		buf_puts(b, "<rx:drugs/>\n");
	}
	if (p->radiation)
	{
		open_el(b, 2, "rad:radiations");
		open_el(b, 3, "rad:radiation");
		snprintf(bc, sizeof(bc), "%s-R%05d", case_id, (int) rng_below(r, 90000) + 10000);
		el(b, 4, "rad:bcr_radiation_barcode", bc);
		rng_uuid(r, uuid);
		el(b, 4, "rad:bcr_radiation_uuid", uuid);
		el_int(b, 4, "rad:days_to_radiation_therapy_start", p->rt_start);
		el_int(b, 4, "rad:days_to_radiation_therapy_end", p->rt_start + p->rt_days);
		el_status(b, 4, "rad:prior_radiation_type_metastasis", "Not Applicable");
		el_status(b, 4, "rad:prior_radiation_type_notes_metastasis", "Not Applicable");
		el_status(b, 4, "rad:radiation_dosage_metastasis", "Not Applicable");
		el(b, 4, "rad:radiation_type", "EXTERNAL BEAM");
		el(b, 4, "rad:radiation_type_notes", "IMRT");
		el_int(b, 4, "rad:radiation_dosage", (long) p->rt_dose);
		el(b, 4, "rad:units", "Gy");
		el_int(b, 4, "rad:numfractions", p->rt_fractions);
		el(b, 4, "rad:anatomic_treatment_site", "Primary Tumor Field");
		el(b, 4, "clin_shared:regimen_indication", "ADJUVANT");
		el_status(b, 4, "clin_shared:regimen_indication_notes", "Not Applicable");
		el(b, 4, "rad:radiation_treatment_ongoing", "NO");
		el_int(b, 4, "rad:course_number", 1);
		el(b, 4, "clin_shared:measure_of_response", p->recurrence ? "Partial Response" : "Complete Response");
		form_completion(b, r, 4, p->year_dx + 1);
		close_el(b, 3, "rad:radiation");
		close_el(b, 2, "rad:radiations");
	}
	else
	{
		ind(b, 2);
		buf_puts(b, "<rad:radiations/>\n");
	}
}

static void
new_tumor_events(onc_buf *b, const patient *p, int depth, bool in_follow_up)
{
	static const char *const types[] = {"Locoregional Recurrence", "Distant Metastasis", "New Primary Tumor"};
	static const char *const where[] = {"Oral Cavity", "Lung", "Oral Cavity"};

	open_el(b, depth, "hnsc_nte:new_tumor_events");
	el(b, depth + 1, "nte:new_tumor_event_after_initial_treatment", yes_no(p->recurrence && !in_follow_up));
	if (p->recurrence && !in_follow_up)
	{
		open_el(b, depth + 1, "hnsc_nte:new_tumor_event");
		el_int(b, depth + 2, "nte:days_to_new_tumor_event_after_initial_treatment", p->recurrence_day);
		el(b, depth + 2, "nte:new_neoplasm_event_occurrence_anatomic_site", where[p->recurrence_type]);
		el_status(b, depth + 2, "nte:new_neoplasm_occurrence_anatomic_site_text", "Not Applicable");
		el(b, depth + 2, "nte:new_neoplasm_event_type", types[p->recurrence_type]);
		el(b, depth + 2, "nte:progression_determined_by", "Imaging Study");
		el(b, depth + 2, "nte:new_tumor_event_additional_surgery_procedure", yes_no(p->recurrence_type == 0));
		if (p->recurrence_type == 0)
			el_int(b, depth + 2, "nte:days_to_new_tumor_event_additional_surgery_procedure", p->recurrence_day + 21);
		else
			el_status(b, depth + 2, "nte:days_to_new_tumor_event_additional_surgery_procedure", "Not Applicable");
		el(b, depth + 2, "nte:additional_radiation_therapy", "NO");
		el(b, depth + 2, "nte:additional_pharmaceutical_therapy", yes_no(p->recurrence_type == 1));
		close_el(b, depth + 1, "hnsc_nte:new_tumor_event");
	}
	close_el(b, depth, "hnsc_nte:new_tumor_events");
}

static void
follow_ups(onc_buf *b, gen_rng *r, const patient *p, const char *case_id)
{
	open_el(b, 2, "hnsc:follow_ups");
	for (int i = 1; i <= p->nfollow; i++)
	{
		bool		last = i == p->nfollow;
		int			day = last ? p->last_contact : p->last_contact * i / (p->nfollow + 1);
		char		bc[96],
					uuid[37];

		ind(b, 3);
		buf_printf(b, "<follow_up_v4.8:follow_up version=\"4.8\" sequence=\"%d\">\n", i);
		snprintf(bc, sizeof(bc), "%s-F%05d", case_id, (int) rng_below(r, 90000) + 10000);
		el(b, 4, "clin_shared:bcr_followup_barcode", bc);
		rng_uuid(r, uuid);
		el(b, 4, "clin_shared:bcr_followup_uuid", uuid);
		el(b, 4, "clin_shared:followup_case_report_form_submission_reason", "Scheduled Follow-up Submission");
		el(b, 4, "clin_shared:lost_follow_up", "NO");
		el(b, 4, "clin_shared:radiation_therapy", yes_no(p->radiation));
		el(b, 4, "clin_shared:targeted_molecular_therapy", "NO");
		el(b, 4, "clin_shared:postoperative_rx_tx", yes_no(p->chemo));
		el(b, 4, "clin_shared:primary_therapy_outcome_success", p->recurrence ? "Progressive Disease" :
		   "Complete Remission/Response");
		el(b, 4, "clin_shared:vital_status", last && p->dead ? "Dead" : "Alive");
		if (last && p->dead)
		{
			el_status(b, 4, "clin_shared:days_to_last_followup", "Not Applicable");
			el_int(b, 4, "clin_shared:days_to_death", p->death_day);
		}
		else
		{
			el_int(b, 4, "clin_shared:days_to_last_followup", day);
			el_status(b, 4, "clin_shared:days_to_death", "Not Applicable");
		}
		el(b, 4, "clin_shared:person_neoplasm_cancer_status", p->recurrence && day > p->recurrence_day ?
		   "WITH TUMOR" : "TUMOR FREE");
		el_status(b, 4, "clin_shared:followup_treatment_success", "Not Available");
		el(b, 4, "hnsc_shared:smokeless_tobacco_use_at_diag", yes_no(p->smokeless == 1));
		el(b, 4, "hnsc_shared:smokeless_tobacco_use_regularly", yes_no(p->smokeless != 0));
		if (p->smokeless)
		{
			el_int(b, 4, "hnsc_shared:smokeless_tobacco_use_per_day", p->smokeless_per_day);
			el_int(b, 4, "hnsc_shared:smokeless_tobacco_use_age_at_start", p->smokeless_start_age);
		}
		else
		{
			el_status(b, 4, "hnsc_shared:smokeless_tobacco_use_per_day", "Not Applicable");
			el_status(b, 4, "hnsc_shared:smokeless_tobacco_use_age_at_start", "Not Applicable");
		}
		if (p->smokeless == 2)
			el_int(b, 4, "hnsc_shared:smokeless_tobacco_use_age_at_quit", p->age - between(r, 1, 5));
		else
			el_status(b, 4, "hnsc_shared:smokeless_tobacco_use_age_at_quit", "Not Applicable");
		el_int(b, 4, "hnsc_shared:days_to_completion_of_curative_tx",
			   p->radiation ? p->rt_start + p->rt_days : between(r, 7, 30));
		el(b, 4, "hnsc_shared:method_of_curative_tx", p->chemo ? "Concurrent Chemotherapy" :
		   p->radiation ? "Radiation" : "Surgery");
		el(b, 4, "hnsc_shared:disease_after_curative_tx", yes_no(p->recurrence));
		if (last && p->dead)
			el(b, 4, "clin_shared:patient_death_reason", p->recurrence ? "Related to Head &amp; Neck Cancer" : "Death not Caused by Disease");
		else
			el_status(b, 4, "clin_shared:patient_death_reason", "Not Applicable");
		new_tumor_events(b, p, 4, true);
		form_completion(b, r, 4, p->year_dx + 1 + i);
		ind(b, 3);
		buf_puts(b, "</follow_up_v4.8:follow_up>\n");
	}
	close_el(b, 2, "hnsc:follow_ups");
}

/* The oral-cancer risk factors the BCR forms lack: an extension namespace, kept as fields. */
static void
oral_extension(onc_buf *b, const patient *p)
{
	open_el(b, 2, "oral:oral_cancer_risk_factors");
	el(b, 3, "oral:smokeless_tobacco_use", use_word(p->smokeless));
	if (p->smokeless)
	{
		el(b, 3, "oral:smokeless_tobacco_form", smokeless_forms[p->smokeless_form]);
		el_int(b, 3, "oral:smokeless_tobacco_years", p->smokeless_years);
	}
	el(b, 3, "oral:betel_quid_use", use_word(p->betel));
	if (p->betel)
	{
		el(b, 3, "oral:betel_quid_form", betel_forms[p->betel_form]);
		el_int(b, 3, "oral:betel_quid_per_day", p->betel_per_day);
		el_int(b, 3, "oral:betel_quid_years", p->betel_years);
	}
	el(b, 3, "oral:areca_nut_use", use_word(p->areca));
	if (p->areca)
	{
		el(b, 3, "oral:areca_nut_form", areca_forms[p->areca_form]);
		el_int(b, 3, "oral:areca_nut_per_day", p->areca_per_day);
		el_int(b, 3, "oral:areca_nut_years", p->areca_years);
	}
	ind(b, 3);
	buf_printf(b, "<oral:depth_of_invasion units=\"mm\" procurement_status=\"Completed\">%.1f</oral:depth_of_invasion>\n",
			   p->doi);
	close_el(b, 2, "oral:oral_cancer_risk_factors");
}

static void
clinical_xml(onc_buf *b, gen_rng *r, const gcase *c, const patient *p, const char *patient_uuid,
			 int batch)
{
	static const char *const ene[] = {"No Extranodal Extension", "Microscopic Extension", "Gross Extension"};
	static const char *const margins[] = {"Negative", "Close", "Positive"};
	char		file_uuid[37],
				grade[4],
				code[4];
	const char *participant = strrchr(c->id, '-') ? strrchr(c->id, '-') + 1 : c->id;

	rng_uuid(r, file_uuid);
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_puts(b, "<hnsc:tcga_bcr xsi:schemaLocation=\"" NS_HNSC " https://raw.githubusercontent.com/nchbcr/xsd/2.7/"
			 "tcga.nci/bcr/xml/clinical/hnsc/2.7/TCGA_BCR.HNSC_Clinical.xsd\" schemaVersion=\"2.7\" "
			 "xmlns:hnsc=\"" NS_HNSC "\" " NS_COMMON
			 "xmlns:clin_shared=\"http://tcga.nci/bcr/xml/clinical/shared/2.7\" "
			 "xmlns:shared_stage=\"http://tcga.nci/bcr/xml/clinical/shared/stage/2.7\" "
			 "xmlns:hnsc_shared=\"http://tcga.nci/bcr/xml/clinical/hnsc/shared/2.7\" "
			 "xmlns:hnsc_nte=\"http://tcga.nci/bcr/xml/clinical/hnsc/shared/new_tumor_event/2.7/1.0\" "
			 "xmlns:nte=\"http://tcga.nci/bcr/xml/clinical/shared/new_tumor_event/2.7\" "
			 "xmlns:follow_up_v4.8=\"http://tcga.nci/bcr/xml/clinical/hnsc/followup/2.7/4.8\" "
			 "xmlns:rx=\"http://tcga.nci/bcr/xml/clinical/pharmaceutical/2.7\" "
			 "xmlns:rad=\"http://tcga.nci/bcr/xml/clinical/radiation/2.7\" "
			 "xmlns:oral=\"https://oncoload.invalid/xml/oral-risk-factors/1.0\">\n");
	admin_section(b, c->project, file_uuid, batch, true);
	open_el(b, 1, "hnsc:patient");
	ind(b, 2);
	buf_puts(b, "<admin:additional_studies/>\n");
	el(b, 2, "clin_shared:tumor_tissue_site", "Head and Neck");
	el(b, 2, "shared:histological_type", "Head &amp; Neck Squamous Cell Carcinoma");
	el(b, 2, "clin_shared:tissue_prospective_collection_indicator", "YES");
	el(b, 2, "clin_shared:tissue_retrospective_collection_indicator", "NO");
	el(b, 2, "shared:gender", p->male ? "MALE" : "FEMALE");
	el(b, 2, "clin_shared:vital_status", p->dead ? "Dead" : "Alive");
	el_int(b, 2, "clin_shared:days_to_birth", -(long) (p->age * 365.25 + between(r, 0, 364)));
	el_status(b, 2, "clin_shared:days_to_last_known_alive", "Not Available");
	if (p->dead)
	{
		el_int(b, 2, "clin_shared:days_to_death", p->death_day);
		el_status(b, 2, "clin_shared:days_to_last_followup", "Not Applicable");
	}
	else
	{
		el_status(b, 2, "clin_shared:days_to_death", "Not Applicable");
		el_int(b, 2, "clin_shared:days_to_last_followup",
			   p->nfollow > 1 ? p->last_contact / 2 : p->last_contact);
	}
	open_el(b, 2, "clin_shared:race_list");
	el(b, 3, "clin_shared:race", p->race);
	close_el(b, 2, "clin_shared:race_list");
	el(b, 2, "shared:bcr_patient_barcode", c->id);
	el(b, 2, "shared:tissue_source_site", "KH");
	el(b, 2, "shared:patient_id", participant);
	el(b, 2, "shared:bcr_patient_uuid", patient_uuid);
	el(b, 2, "shared:history_of_neoadjuvant_treatment", "No");
	el(b, 2, "clin_shared:informed_consent_verified", "YES");
	el(b, 2, "clin_shared:icd_o_3_site", sites[p->site].icd);
	el(b, 2, "clin_shared:icd_o_3_histology", chance(r, 0.9) ? "8070/3" : "8071/3");
	el(b, 2, "clin_shared:icd_10", sites[p->site].icd);
	el_int(b, 2, "clin_shared:days_to_initial_pathologic_diagnosis", 0);
	el_int(b, 2, "clin_shared:age_at_initial_pathologic_diagnosis", p->age);
	el_int(b, 2, "clin_shared:year_of_initial_pathologic_diagnosis", p->year_dx);
	el_status(b, 2, "clin_shared:ethnicity", "Not Evaluated");
	el(b, 2, "clin_shared:person_neoplasm_cancer_status", p->recurrence ? "WITH TUMOR" : "TUMOR FREE");
	el_int(b, 2, "clin_shared:day_of_form_completion", between(r, 1, 28));
	el_int(b, 2, "clin_shared:month_of_form_completion", between(r, 1, 12));
	el_int(b, 2, "clin_shared:year_of_form_completion", p->year_dx + 1);
	el(b, 2, "clin_shared:anatomic_neoplasm_subdivision", sites[p->site].subdivision);
	el(b, 2, "clin_shared:laterality", chance(r, 0.5) ? "Left" : "Right");
	el(b, 2, "clin_shared:primary_lymph_node_presentation_assessment", "YES");
	el_int(b, 2, "clin_shared:lymph_node_examined_count", p->nodes_examined);
	el_int(b, 2, "clin_shared:number_of_lymphnodes_positive_by_he", p->nodes_positive);
	el_status(b, 2, "clin_shared:number_of_lymphnodes_positive_by_ihc", "Not Available");
	el(b, 2, "hnsc:lymphnode_neck_dissection", yes_no(p->neck_left || p->neck_right));
	if (p->neck_left)
		el(b, 2, "hnsc:lymphnode_dissection_method_left", p->n >= 2 ? "Modified Radical Neck Dissection" :
		   "Functional (Limited) Neck Dissection");
	else
		el_status(b, 2, "hnsc:lymphnode_dissection_method_left", "Not Applicable");
	if (p->neck_right)
		el(b, 2, "hnsc:lymphnode_dissection_method_right", "Modified Radical Neck Dissection");
	else
		el_status(b, 2, "hnsc:lymphnode_dissection_method_right", "Not Applicable");
	el(b, 2, "clin_shared:margin_status", margins[p->margin]);
	el_status(b, 2, "hnsc:p53_gene_analysis", "Not Evaluated");
	el_status(b, 2, "hnsc:egfr_amplication_status", "Not Evaluated");
	el(b, 2, "hnsc:presence_of_pathological_nodal_extracapsular_spread", ene[p->ene]);
	el(b, 2, "clin_shared:lymphovascular_invasion_present", yes_no(p->lvi));
	el(b, 2, "clin_shared:perineural_invasion_present", yes_no(p->pni));
	snprintf(grade, sizeof(grade), "G%d", p->grade);
	el(b, 2, "shared:neoplasm_histologic_grade", grade);
	if (p->p16_tested)
		el(b, 2, "hnsc:hpv_status_by_p16_testing", p->p16_pos ? "Positive" : "Negative");
	else
		el_status(b, 2, "hnsc:hpv_status_by_p16_testing", "Not Evaluated");
	if (p->ish_tested)
		el(b, 2, "hnsc:hpv_status_by_ish_testing", p->ish_pos ? "Positive" : "Negative");
	else
		el_status(b, 2, "hnsc:hpv_status_by_ish_testing", "Not Evaluated");
	snprintf(code, sizeof(code), "%d", p->smoking);
	el(b, 2, "shared:tobacco_smoking_history", code);
	if (p->onset_year)
		el_int(b, 2, "clin_shared:year_of_tobacco_smoking_onset", p->onset_year);
	else
		el_status(b, 2, "clin_shared:year_of_tobacco_smoking_onset", "Not Applicable");
	if (p->quit_year)
		el_int(b, 2, "clin_shared:stopped_smoking_year", p->quit_year);
	else
		el_status(b, 2, "clin_shared:stopped_smoking_year", "Not Applicable");
	if (p->pack_years > 0)
		el_int(b, 2, "clin_shared:number_pack_years_smoked", (long) p->pack_years);
	else
		el_status(b, 2, "clin_shared:number_pack_years_smoked", "Not Applicable");
	el(b, 2, "clin_shared:alcohol_history_documented", yes_no(p->alcohol));
	if (p->alcohol)
	{
		el_int(b, 2, "clin_shared:frequency_of_alcohol_consumption", p->alcohol_days);
		el_int(b, 2, "clin_shared:amount_of_alcohol_consumption_per_day", p->alcohol_drinks);
	}
	else
	{
		el_status(b, 2, "clin_shared:frequency_of_alcohol_consumption", "Not Applicable");
		el_status(b, 2, "clin_shared:amount_of_alcohol_consumption_per_day", "Not Applicable");
	}
	el(b, 2, "clin_shared:radiation_therapy", yes_no(p->radiation));
	el(b, 2, "clin_shared:postoperative_rx_tx", yes_no(p->chemo));
	el(b, 2, "clin_shared:primary_therapy_outcome_success", p->recurrence ? "Progressive Disease" :
	   "Complete Remission/Response");
	el(b, 2, "shared:other_dx", "No");
	stage_event(b, p);
	new_tumor_events(b, p, 2, false);
	treatments(b, r, p, c->id);
	follow_ups(b, r, p, c->id);
	oral_extension(b, p);
	close_el(b, 1, "hnsc:patient");
	buf_puts(b, "</hnsc:tcga_bcr>\n");
}

static void
analyte(onc_buf *b, gen_rng *r, const char *portion_bc, char letter, int plate, const char *center)
{
	char		bc[128],
				abc[160],
				uuid[37],
				id[2] = {letter, 0};

	snprintf(bc, sizeof(bc), "%s%c", portion_bc, letter);
	open_el(b, 7, "bio:analyte");
	ind(b, 8);
	buf_puts(b, "<admin:additional_studies/>\n");
	el_int(b, 8, "bio:subportion_sequence", 1);
	el(b, 8, "bio:analyte_type_id", id);
	el(b, 8, "bio:analyte_type", letter == 'R' ? "RNA" : "DNA");
	el_num(b, 8, "bio:concentration", 0.1 + 0.01 * between(r, 0, 40));
	el_num(b, 8, "bio:a260_a280_ratio", 1.8 + 0.02 * between(r, 0, 10));
	el_status(b, 8, "bio:gel_image_file", "Not Available");
	el_status(b, 8, "bio:well_number", "Not Available");
	el(b, 8, "bio:bcr_analyte_barcode", bc);
	rng_uuid(r, uuid);
	el(b, 8, "bio:bcr_analyte_uuid", uuid);
	el(b, 8, "bio:is_derived_from_ffpe", "NO");
	open_el(b, 8, "bio:aliquots");
	open_el(b, 9, "bio:aliquot");
	ind(b, 10);
	buf_puts(b, "<admin:additional_studies/>\n");
	snprintf(abc, sizeof(abc), "A%03d", plate);
	el(b, 10, "bio:plate_id", abc);
	el(b, 10, "bio:center_id", center);
	el_int(b, 10, "bio:day_of_shipment", between(r, 1, 28));
	el_int(b, 10, "bio:month_of_shipment", between(r, 1, 12));
	el_int(b, 10, "bio:year_of_shipment", 2022);
	snprintf(abc, sizeof(abc), "%s-A%03d-%s", bc, plate, center);
	el(b, 10, "bio:bcr_aliquot_barcode", abc);
	rng_uuid(r, uuid);
	el(b, 10, "bio:bcr_aliquot_uuid", uuid);
	el_num(b, 10, "bio:concentration", 0.1 + 0.01 * between(r, 0, 40));
	ind(b, 10);
	buf_printf(b, "<bio:quantity units=\"ug\" procurement_status=\"Completed\" owner=\"TSS\">%.2f</bio:quantity>\n",
			   1.0 + 0.05 * between(r, 0, 80));
	ind(b, 10);
	buf_printf(b, "<bio:volume units=\"ul\" procurement_status=\"Completed\" owner=\"TSS\">%.2f</bio:volume>\n",
			   10.0 + 0.5 * between(r, 0, 40));
	el_status(b, 10, "bio:plate_row", "Not Available");
	el_status(b, 10, "bio:plate_column", "Not Available");
	el_status(b, 10, "bio:biospecimen_barcode_bottom", "Not Available");
	el(b, 10, "bio:source_center", "23");
	el(b, 10, "bio:is_derived_from_ffpe", "NO");
	close_el(b, 9, "bio:aliquot");
	close_el(b, 8, "bio:aliquots");
	open_el(b, 8, "bio:protocols");
	open_el(b, 9, "bio:protocol");
	el(b, 10, "bio:experimental_protocol_type", letter == 'R' ? "mirVana (Allprep DNA) RNA" : "Allprep DNA Extraction");
	el_status(b, 10, "bio:protocol_name", "Not Available");
	el_status(b, 10, "bio:protocol_file_name", "Not Available");
	close_el(b, 9, "bio:protocol");
	close_el(b, 8, "bio:protocols");
	if (letter == 'D')
	{
		open_el(b, 8, "bio:dna");
		el(b, 9, "bio:normal_tumor_genotype_match", "YES");
		el(b, 9, "bio:pcr_amplification_successful", "YES");
		close_el(b, 8, "bio:dna");
	}
	if (letter == 'R')
	{
		open_el(b, 8, "bio:rna");
		el_num(b, 9, "bio:ratio_28s_18s", 1.5 + 0.1 * between(r, 0, 8));
		el_num(b, 9, "bio:rinvalue", 6.0 + 0.1 * between(r, 0, 35));
		close_el(b, 8, "bio:rna");
	}
	el(b, 8, "bio:spectrophotometer_method", "UV Spec");
	close_el(b, 7, "bio:analyte");
}

static void
biospecimen_xml(onc_buf *b, gen_rng *r, const gcase *c, const patient *p, const char *patient_uuid,
				int batch)
{
	char		file_uuid[37],
				uuid[37],
				bc[128];
	const char *participant = strrchr(c->id, '-') ? strrchr(c->id, '-') + 1 : c->id;

	rng_uuid(r, file_uuid);
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_puts(b, "<bio:tcga_bcr xsi:schemaLocation=\"" NS_BIO " https://raw.githubusercontent.com/nchbcr/xsd/2.7/"
			 "tcga.nci/bcr/xml/biospecimen/2.7/TCGA_BCR.Biospecimen.xsd\" schemaVersion=\"2.7\" "
			 "xmlns:bio=\"" NS_BIO "\" " NS_COMMON
			 "xmlns:bio_shared=\"http://tcga.nci/bcr/xml/biospecimen/shared/2.7\">\n");
	admin_section(b, c->project, file_uuid, batch, false);
	open_el(b, 1, "bio:patient");
	ind(b, 2);
	buf_puts(b, "<admin:additional_studies/>\n");
	el(b, 2, "shared:bcr_patient_barcode", c->id);
	el(b, 2, "shared:bcr_patient_uuid", patient_uuid);
	el(b, 2, "shared:tissue_source_site", "KH");
	el(b, 2, "shared:patient_id", participant);
	el(b, 2, "shared:gender", p->male ? "MALE" : "FEMALE");
	el_int(b, 2, "bio:days_to_index", 0);
	open_el(b, 2, "bio:bcr_canonical_check");
	el(b, 3, "bio:bcr_patient_canonical_status", "Canonical");
	close_el(b, 2, "bio:bcr_canonical_check");
	open_el(b, 2, "bio:samples");
	for (int s = 0; s < c->nsamples; s++)
	{
		const gsample *g = &c->samples[s];
		size_t		n = strlen(g->id);
		bool		normal = strstr(g->type, "Normal") != NULL;
		char		type_id[3] = {'0', '1', 0};
		char		vial[2] = {'A', 0};
		int			plate = between(r, 100, 999);

		if (n >= 4 && g->id[n - 4] == '-')
		{
			type_id[0] = g->id[n - 3];
			type_id[1] = g->id[n - 2];
			vial[0] = g->id[n - 1];
		}
		open_el(b, 3, "bio:sample");
		ind(b, 4);
		buf_puts(b, "<admin:additional_studies/>\n");
		el(b, 4, "bio:sample_type_id", type_id);
		el(b, 4, "bio:vial_number", vial);
		el_status(b, 4, "bio:biospecimen_sequence", "Not Available");
		el(b, 4, "bio:sample_type", g->type);
		el_int(b, 4, "bio:longest_dimension", between(r, 8, 30));
		el_int(b, 4, "bio:intermediate_dimension", between(r, 4, 8));
		el_int(b, 4, "bio:shortest_dimension", between(r, 1, 4));
		el_int(b, 4, "bio:initial_weight", between(r, 80, 900));
		el_status(b, 4, "bio:current_weight", "Not Available");
		el_status(b, 4, "bio:freezing_method", "Not Available");
		el(b, 4, "bio:oct_embedded", "true");
		el_status(b, 4, "bio:preservation_method", "Not Available");
		el_status(b, 4, "bio:tissue_type", "Not Available");
		el_status(b, 4, "bio:composition", "Not Available");
		el_status(b, 4, "bio:tumor_descriptor", "Not Available");
		el_int(b, 4, "bio:days_to_collection", between(r, 0, 30));
		el_status(b, 4, "bio:time_between_clamping_and_freezing", "Not Available");
		el_status(b, 4, "bio:time_between_excision_and_freezing", "Not Available");
		el(b, 4, "bio:bcr_sample_barcode", g->id);
		rng_uuid(r, uuid);
		el(b, 4, "bio:bcr_sample_uuid", uuid);
		el(b, 4, "bio:is_ffpe", "NO");
		open_el(b, 4, "bio:portions");
		open_el(b, 5, "bio:portion");
		ind(b, 6);
		buf_puts(b, "<admin:additional_studies/>\n");
		snprintf(bc, sizeof(bc), "%s-11", g->id);
		el(b, 6, "bio:portion_number", "11");
		el_int(b, 6, "bio:portion_sequence", 1);
		el_int(b, 6, "bio:day_of_creation", between(r, 1, 28));
		el_int(b, 6, "bio:month_of_creation", between(r, 1, 12));
		el_int(b, 6, "bio:year_of_creation", 2022);
		el_num(b, 6, "bio:weight", 20.0 + between(r, 0, 30));
		el(b, 6, "bio:bcr_portion_barcode", bc);
		rng_uuid(r, uuid);
		el(b, 6, "bio:bcr_portion_uuid", uuid);
		el(b, 6, "bio:is_ffpe", "NO");
		open_el(b, 6, "bio:analytes");
		analyte(b, r, bc, 'D', plate, "08");
		analyte(b, r, bc, 'R', plate + 1, "07");
		close_el(b, 6, "bio:analytes");
		open_el(b, 6, "bio:slides");
		open_el(b, 7, "bio:slide");
		el(b, 8, "bio:section_location", "TOP");
		el_status(b, 8, "bio:number_proliferating_cells", "Not Available");
		el_int(b, 8, "bio:percent_tumor_cells", normal ? 0 : between(r, 40, 95));
		el_int(b, 8, "bio:percent_tumor_nuclei", normal ? 0 : between(r, 40, 90));
		el_int(b, 8, "bio:percent_normal_cells", normal ? 100 : between(r, 0, 20));
		el_int(b, 8, "bio:percent_necrosis", normal ? 0 : between(r, 0, 20));
		el_int(b, 8, "bio:percent_stromal_cells", between(r, 5, 40));
		el_status(b, 8, "bio:percent_inflam_infiltration", "Not Available");
		el_int(b, 8, "bio:percent_lymphocyte_infiltration", between(r, 0, 20));
		el_int(b, 8, "bio:percent_monocyte_infiltration", between(r, 0, 5));
		el_status(b, 8, "bio:percent_granulocyte_infiltration", "Not Available");
		el_int(b, 8, "bio:percent_neutrophil_infiltration", between(r, 0, 5));
		el_status(b, 8, "bio:percent_eosinophil_infiltration", "Not Available");
		snprintf(bc, sizeof(bc), "%s-01-TSA", g->id);
		el(b, 8, "shared:bcr_slide_barcode", bc);
		rng_uuid(r, uuid);
		el(b, 8, "shared:bcr_slide_uuid", uuid);
		el_status(b, 8, "shared:image_file_name", "Not Available");
		el(b, 8, "bio:is_derived_from_ffpe", "NO");
		close_el(b, 7, "bio:slide");
		close_el(b, 6, "bio:slides");
		el_status(b, 6, "bio:LCE", "Not Available");
		close_el(b, 5, "bio:portion");
		close_el(b, 4, "bio:portions");
		ind(b, 4);
		buf_puts(b, "<bio:tumor_pathology/>\n");
		el(b, 4, "bio:method_of_sample_procurement", normal ? "Other" : "Tumor resection");
		el_status(b, 4, "bio_shared:other_method_of_sample_procurement", "Not Applicable");
		el_status(b, 4, "shared:days_to_sample_procurement", "Not Available");
		el_status(b, 4, "bio:pathology_report_uuid", "Not Available");
		el_status(b, 4, "bio:pathology_report_file_name", "Not Available");
		open_el(b, 4, "bio:diagnostic_slides");
		ind(b, 5);
		buf_puts(b, "<admin:additional_studies/>\n");
		close_el(b, 4, "bio:diagnostic_slides");
		close_el(b, 3, "bio:sample");
	}
	close_el(b, 2, "bio:samples");
	close_el(b, 1, "bio:patient");
	buf_puts(b, "</bio:tcga_bcr>\n");
}

/* ------------------------------------------------------------ main entry */

int
gen_clinical(const char *dir, uint64_t seed)
{
	char	   *sheet_path = xasprintf("%s/gdc_sample_sheet.tsv", dir);
	samplesheet *ss = cli_read_samplesheet(sheet_path);
	gcase	   *cases = NULL;
	int			ncases = 0;
	int			rc = ONC_EXIT_OK;
	long		nfiles = 0;
	onc_buf		b;

	if (!ss)
	{
		free(sheet_path);
		return ONC_EXIT_IO;
	}
	/* the cases in the sheet's order, each with its samples */
	cases = xcalloc(samplesheet_count(ss) + 1, sizeof(gcase));
	for (size_t i = 0; i < samplesheet_count(ss); i++)
	{
		const ss_entry *e = samplesheet_entry(ss, i);
		int			k;

		if (!e->case_id || !e->sample_id)
			continue;
		for (k = 0; k < ncases; k++)
			if (strcmp(cases[k].id, e->case_id) == 0)
				break;
		if (k == ncases)
		{
			cases[k].id = e->case_id;
			cases[k].project = e->project_id ? e->project_id : "DEMO-OSCC";
			ncases++;
		}
		if (cases[k].nsamples < 8)
		{
			cases[k].samples[cases[k].nsamples].id = e->sample_id;
			cases[k].samples[cases[k].nsamples].type = e->sample_type ? e->sample_type : "Primary Tumor";
			cases[k].nsamples++;
		}
	}
	buf_init(&b);
	for (int k = 0; k < ncases && rc == ONC_EXIT_OK; k++)
	{
		gen_rng		r;
		patient		p;
		char		patient_uuid[37],
					folder[37];
		char	   *name;

		rng_seed(&r, seed, CLIN_STREAM, (uint64_t) k + 1);
		draw_patient(&r, &p);
		rng_uuid(&r, patient_uuid);

		buf_reset(&b);
		rng_uuid(&r, folder);
		clinical_xml(&b, &r, &cases[k], &p, patient_uuid, 1 + k / 50);
		name = xasprintf("nationwidechildrens.org_clinical.%s.xml", cases[k].id);
		rc = write_file(dir, "clinical", folder, name, &b);
		free(name);
		if (rc != ONC_EXIT_OK)
			break;
		buf_reset(&b);
		rng_uuid(&r, folder);
		biospecimen_xml(&b, &r, &cases[k], &p, patient_uuid, 1 + k / 50);
		name = xasprintf("nationwidechildrens.org_biospecimen.%s.xml", cases[k].id);
		rc = write_file(dir, "biospecimen", folder, name, &b);
		free(name);
		nfiles += 2;
	}
	if (rc == ONC_EXIT_OK && ncases > 0)
		printf("generated %ld clinical and biospecimen XML files (%d cases) in %s/clinical and %s/biospecimen\n",
			   nfiles, ncases, dir, dir);
	buf_free(&b);
	free(cases);
	samplesheet_free(ss);
	free(sheet_path);
	return rc;
}
