/*
 * validate_study.c: the cross-file registry of "oncoload validate".  The
 * per-format checks name the patients and samples their files define or use
 * and the genome build each file is on; once every file was read,
 * val_study_check reports what no single file shows: samples no clinical
 * file defines, patients without samples, a sample defined twice or under
 * two patients, files of one kind on different builds.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "barcode.h"
#include "strmap.h"
#include "validate_genomic.h"
#include "validate_internal.h"

/* Where something was first said. */
typedef struct place
{
	val_file   *f;
	int			ord;			/* the file's ordinal in the registry */
	long		line;
} place;

typedef struct sample_def
{
	char	   *id;
	char	   *patient;		/* NULL when the definition names none */
	place		at;
	bool		has_patient_def;	/* set by val_study_check */
} sample_def;

typedef struct patient_def
{
	char	   *id;
	place		at;
	bool		has_samples;
} patient_def;

typedef struct sample_use
{
	char	   *id;
	place		at;				/* the first line of the file that names it */
	bool		normal;
} sample_use;

typedef struct build_note
{
	val_file   *f;
	char	   *kind;
	char	   *build;
} build_note;

struct val_study
{
	sample_def *samples;
	int			nsamples,
				capsamples;
	strmap	   *sample_index;	/* ID -> index into samples */
	strmap	   *sample_alias;	/* TCGA sample ID without vial -> index, -1 when several */
	patient_def *patients;
	int			npatients,
				cappatients;
	strmap	   *patient_index;
	sample_use *uses;
	int			nuses,
				capuses;
	strmap	   *use_seen;		/* "FILE-ORDINAL:n|t:ID" */
	val_file  **files;			/* every file that named something, in order */
	int			nfiles,
				capfiles;
	build_note *builds;
	int			nbuilds,
				capbuilds;
};

#define GROW(arr, n, cap) \
	do { \
		if ((n) == (cap)) \
		{ \
			(cap) = (cap) ? (cap) * 2 : 16; \
			(arr) = xrealloc((arr), sizeof(*(arr)) * (size_t) (cap)); \
		} \
	} while (0)

val_study *
val_study_new(void)
{
	val_study  *s = xcalloc(1, sizeof(*s));

	s->sample_index = strmap_new(1024);
	s->sample_alias = strmap_new(1024);
	s->patient_index = strmap_new(1024);
	s->use_seen = strmap_new(1024);
	return s;
}

void
val_study_free(val_study *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nsamples; i++)
	{
		free(s->samples[i].id);
		free(s->samples[i].patient);
	}
	for (int i = 0; i < s->npatients; i++)
		free(s->patients[i].id);
	for (int i = 0; i < s->nuses; i++)
		free(s->uses[i].id);
	for (int i = 0; i < s->nbuilds; i++)
	{
		free(s->builds[i].kind);
		free(s->builds[i].build);
	}
	free(s->samples);
	free(s->patients);
	free(s->uses);
	free(s->builds);
	free(s->files);
	strmap_free(s->sample_index);
	strmap_free(s->sample_alias);
	strmap_free(s->patient_index);
	strmap_free(s->use_seen);
	free(s);
}

/* A file's name as the messages give it (the path it was found under). */
static const char *
file_name(const val_file *f)
{
	return f && f->path ? f->path : "another file";
}

/* The file's ordinal in the registry (added when new). */
static int
file_ordinal(val_study *s, val_file *f)
{
	for (int i = s->nfiles - 1; i >= 0; i--)
		if (s->files[i] == f)
			return i;
	GROW(s->files, s->nfiles, s->capfiles);
	s->files[s->nfiles] = f;
	return s->nfiles++;
}

/* An ID as the registry keeps it: trimmed; NULL when nothing is left. */
static char *
clean_id(const char *id)
{
	char	   *c,
			   *t;

	if (!id)
		return NULL;
	c = xstrdup(id);
	t = c;
	while (*t == ' ' || *t == '\t')
		t++;
	memmove(c, t, strlen(t) + 1);
	for (size_t n = strlen(c); n > 0 && (c[n - 1] == ' ' || c[n - 1] == '\t' || c[n - 1] == '\r'); n--)
		c[n - 1] = '\0';
	if (!*c)
	{
		free(c);
		return NULL;
	}
	return c;
}

void
val_define_patient(val_file *f, long line, const char *patient_id)
{
	val_study  *s = val_file_study(f);
	char	   *id = clean_id(patient_id);
	patient_def *p;

	if (!s || !id)
	{
		free(id);
		return;
	}
	if (strmap_get(s->patient_index, id, NULL))
	{
		/* a patient file may list a patient once per attribute row set: one is enough */
		free(id);
		return;
	}
	GROW(s->patients, s->npatients, s->cappatients);
	p = &s->patients[s->npatients];
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->at.f = f;
	p->at.ord = file_ordinal(s, f);
	p->at.line = line;
	strmap_put(s->patient_index, id, s->npatients++);
}

/* "TCGA-XX-XXXX-01" for a TCGA barcode at sample level or below, else "". */
static void
tcga_sample_base(const char *id, char out[16])
{
	tcga_barcode bc;

	out[0] = '\0';
	if (tcga_barcode_parse(id, &bc) && bc.level >= TCGA_SAMPLE)
		snprintf(out, 16, "%s-%s", bc.patient_id, bc.sample_type);
}

void
val_define_sample(val_file *f, long line, const char *sample_id, const char *patient_id)
{
	val_study  *s = val_file_study(f);
	char	   *id = clean_id(sample_id);
	char	   *pid = clean_id(patient_id);
	char		base[16];
	int64_t		idx;
	sample_def *d;

	if (!s || !id)
	{
		free(id);
		free(pid);
		return;
	}
	file_ordinal(s, f);
	if (strmap_get(s->sample_index, id, &idx))
	{
		sample_def *first = &s->samples[idx];

		if (pid && first->patient && strcmp(pid, first->patient) != 0)
			val_report(f, ONC_ERROR, line, 0, "study.sample_two_patients",
					   "sample %s is under patient %s here but under patient %s on line %ld of %s",
					   id, pid, first->patient, first->at.line, file_name(first->at.f));
		else if (first->at.f != f)
			val_report(f, ONC_WARNING, line, 0, "study.sample_twice",
					   "sample %s is defined again: %s defines it on line %ld",
					   id, file_name(first->at.f), first->at.line);
		if (pid && !first->patient)
			first->patient = pid;
		else
			free(pid);
		free(id);
		return;
	}
	GROW(s->samples, s->nsamples, s->capsamples);
	d = &s->samples[s->nsamples];
	memset(d, 0, sizeof(*d));
	d->id = id;
	d->patient = pid;
	d->at.f = f;
	d->at.ord = file_ordinal(s, f);
	d->at.line = line;
	tcga_sample_base(id, base);
	if (base[0] && strcmp(base, id) != 0)
		strmap_put(s->sample_alias, base,
				   strmap_get(s->sample_alias, base, NULL) ? -1 : s->nsamples);
	strmap_put(s->sample_index, id, s->nsamples++);
}

static void
note_use(val_file *f, long line, const char *sample_id, bool normal)
{
	val_study  *s = val_file_study(f);
	char	   *id = clean_id(sample_id);
	char	   *key;
	sample_use *u;
	int			ord;

	if (!s || !id)
	{
		free(id);
		return;
	}
	ord = file_ordinal(s, f);
	key = xasprintf("%d:%c:%s", ord, normal ? 'n' : 't', id);
	if (strmap_get(s->use_seen, key, NULL))
	{
		free(key);
		free(id);
		return;
	}
	strmap_put(s->use_seen, key, 1);
	free(key);
	GROW(s->uses, s->nuses, s->capuses);
	u = &s->uses[s->nuses++];
	u->id = id;
	u->at.f = f;
	u->at.ord = ord;
	u->at.line = line;
	u->normal = normal;
}

void
val_use_sample(val_file *f, long line, const char *sample_id)
{
	note_use(f, line, sample_id, false);
}

void
val_use_normal(val_file *f, long line, const char *sample_id)
{
	note_use(f, line, sample_id, true);
}

void
val_genome_build_of(val_file *f, const char *kind, const char *build)
{
	val_study  *s = val_file_study(f);
	build_note *b;

	if (!s || !build || !*build)
		return;
	for (int i = 0; i < s->nbuilds; i++)
		if (s->builds[i].f == f && strcmp(s->builds[i].build, build) == 0)
			return;
	file_ordinal(s, f);
	GROW(s->builds, s->nbuilds, s->capbuilds);
	b = &s->builds[s->nbuilds++];
	b->f = f;
	b->kind = xstrdup(kind ? kind : "genomic");
	b->build = xstrdup(build);
}

void
val_genome_build(val_file *f, const char *build)
{
	val_genome_build_of(f, NULL, build);
}

/* The definition of a used sample ID, or NULL. */
static const sample_def *
find_sample(const val_study *s, const char *id)
{
	int64_t		idx;
	tcga_barcode bc;
	char		base[16];

	if (strmap_get(s->sample_index, id, &idx))
		return &s->samples[idx];
	/* a TCGA aliquot or vial names the sample a clinical file defines */
	if (!tcga_barcode_parse(id, &bc) || bc.level < TCGA_SAMPLE)
		return NULL;
	if (strmap_get(s->sample_index, bc.sample_id, &idx))
		return &s->samples[idx];
	tcga_sample_base(id, base);
	if (strmap_get(s->sample_index, base, &idx))
		return &s->samples[idx];
	if (strmap_get(s->sample_alias, base, &idx) && idx >= 0)
		return &s->samples[idx];
	return NULL;
}

/*
 * Whether a used sample is defined: by a clinical file of the run, or with
 * -d by the warehouse (the sample, or for a TCGA barcode its sample with or
 * without the vial).
 */
static bool
sample_defined(const val_study *s, val_file *f, const char *id)
{
	tcga_barcode bc;
	char		base[16];

	if (find_sample(s, id))
		return true;
	if (!val_conn(f))
		return false;
	if (val_sample_known(f, id))
		return true;
	if (!tcga_barcode_parse(id, &bc) || bc.level < TCGA_SAMPLE)
		return false;
	tcga_sample_base(id, base);
	return val_sample_known(f, bc.sample_id) || val_sample_known(f, base);
}

/*
 * study.sample_undefined and study.normal_undefined: one message per file
 * (a folder of GDC files can name hundreds), at each sample's first line.
 */
static void
report_undefined(val_study *s)
{
	long	   *undefined = xcalloc((size_t) s->nfiles, sizeof(long));
	long	   *normals = xcalloc((size_t) s->nfiles, sizeof(long));
	int		   *first_u = xcalloc((size_t) s->nfiles, sizeof(int));
	int		   *first_n = xcalloc((size_t) s->nfiles, sizeof(int));
	char	  **text = xcalloc((size_t) s->nfiles, sizeof(char *));
	bool	   *bad = xcalloc((size_t) s->nuses + 1, sizeof(bool));

	for (int i = 0; i < s->nuses; i++)
	{
		const sample_use *u = &s->uses[i];
		int			o = u->at.ord;

		if (sample_defined(s, u->at.f, u->id))
			continue;
		bad[i] = true;
		if (u->normal && normals[o]++ == 0)
			first_n[o] = i;
		else if (!u->normal && undefined[o]++ == 0)
			first_u[o] = i;
	}
	for (int o = 0; o < s->nfiles; o++)
	{
		const char *nor = val_conn(s->files[o]) ? " of the run nor the warehouse" : "";

		if (undefined[o] == 1)
			text[o] = xasprintf("sample %s is not defined by any clinical sample file%s",
								s->uses[first_u[o]].id, nor);
		else if (undefined[o] > 1)
			text[o] = xasprintf("a sample no clinical sample file%s defines (%ld in this file; "
								"the first: %s)", nor, undefined[o], s->uses[first_u[o]].id);
	}
	for (int i = 0; i < s->nuses; i++)
		if (bad[i] && !s->uses[i].normal)
			val_report(s->uses[i].at.f, ONC_ERROR, s->uses[i].at.line, 0, "study.sample_undefined",
					   "%s", text[s->uses[i].at.ord]);
	for (int o = 0; o < s->nfiles; o++)
	{
		if (normals[o])
			val_report(s->files[o], ONC_INFO, s->uses[first_n[o]].at.line, 0, "study.normal_undefined",
					   "%ld matched normal sample(s) are not defined by any clinical file "
					   "(the first: %s); a load creates them", normals[o], s->uses[first_n[o]].id);
		free(text[o]);
	}
	free(undefined);
	free(normals);
	free(first_u);
	free(first_n);
	free(text);
	free(bad);
}

static void
check_samples(val_study *s)
{
	bool		any_use = false;
	val_file   *first_user = NULL;

	for (int i = 0; i < s->nuses && !any_use; i++)
		if (!s->uses[i].normal)
		{
			any_use = true;
			first_user = s->uses[i].at.f;
		}
	if (!any_use)
		return;
	/* a load creates the samples it meets: only a clinical file of the run makes this a finding */
	if (s->nsamples == 0)
	{
		val_report(first_user, ONC_INFO, 0, 0, "study.no_clinical_samples",
				   "no clinical file defines samples in this run: the samples of genomic and "
				   "expression files are not checked against clinical definitions");
		return;
	}
	report_undefined(s);
}

/* study.patient_without_samples: one message per file, at each patient's line. */
static void
report_without_samples(val_study *s)
{
	long	   *n = xcalloc((size_t) s->nfiles, sizeof(long));
	long	   *with = xcalloc((size_t) s->nfiles, sizeof(long));
	int		   *first = xcalloc((size_t) s->nfiles, sizeof(int));
	char	  **text = xcalloc((size_t) s->nfiles, sizeof(char *));

	for (int i = 0; i < s->npatients; i++)
		if (s->patients[i].has_samples)
			with[s->patients[i].at.ord]++;
		else if (n[s->patients[i].at.ord]++ == 0)
			first[s->patients[i].at.ord] = i;
	for (int o = 0; o < s->nfiles; o++)
		if (n[o] > 0 && with[o] == 0)
		{
			/*
			 * None of the file's patients has a sample: the sample files
			 * of the run are about other cases (a clinical download
			 * beside another's biospecimens), not this file's.
			 */
			val_report(s->files[o], ONC_INFO, 0, 0, "study.patients_unmatched",
					   "none of the %ld patients here has a sample in the run's sample files: "
					   "patients without samples are not reported for this file", n[o]);
			n[o] = 0;
		}
		else if (n[o] == 1)
			text[o] = xasprintf("patient %s has no samples in any clinical sample file",
								s->patients[first[o]].id);
		else if (n[o] > 1)
			text[o] = xasprintf("a patient with no samples in any clinical sample file (%ld in this "
								"file; the first: %s)", n[o], s->patients[first[o]].id);
	for (int i = 0; i < s->npatients; i++)
		if (!s->patients[i].has_samples && n[s->patients[i].at.ord] > 0)
			val_report(s->patients[i].at.f, ONC_WARNING, s->patients[i].at.line, 0,
					   "study.patient_without_samples", "%s", text[s->patients[i].at.ord]);
	for (int o = 0; o < s->nfiles; o++)
		free(text[o]);
	free(n);
	free(with);
	free(first);
	free(text);
}

static void
check_patients(val_study *s)
{
	if (s->nsamples == 0 || s->npatients == 0)
		return;
	for (int i = 0; i < s->nsamples; i++)
	{
		sample_def *d = &s->samples[i];
		int64_t		p;

		if (!d->patient)
			continue;
		/* a patient no file defines is the clinical check's (clinical.unknown_patient) */
		if (strmap_get(s->patient_index, d->patient, &p))
			s->patients[p].has_samples = true;
	}
	report_without_samples(s);
}

static void
check_builds(val_study *s)
{
	for (int i = 0; i < s->nbuilds; i++)
	{
		const build_note *b = &s->builds[i];

		/* the first file of the kind sets the build the others must match */
		for (int j = 0; j < i; j++)
		{
			const build_note *a = &s->builds[j];

			if (strcmp(a->kind, b->kind) != 0)
				continue;
			if (a->f == b->f)
				break;			/* the file's own two builds: maf.mixed_builds */
			if (strcmp(a->build, b->build) != 0)
				val_report(b->f, ONC_ERROR, 0, 0, "study.build_mismatch",
						   "this %s file is on %s, but %s (%s too) is on %s",
						   b->kind, b->build, file_name(a->f), a->kind, a->build);
			break;
		}
	}
}

void
val_study_check(val_study *s)
{
	if (!s)
		return;
	check_samples(s);
	check_patients(s);
	check_builds(s);
}
