/*
 * validate_pending.c: PLACEHOLDERS, to be deleted when the real
 * validate_mutations.c, validate_variants.c, validate_copynumber.c and
 * validate_study.c land (helper "hgen").  Until then MAF, VCF and copy-number
 * files are reported as not checked yet, and the cross-file registry keeps
 * nothing, so that the validate command and its core can run.
 */
#include "config.h"

#include <stdlib.h>

#include "validate.h"

static int
not_checked_yet(val_file *f, const char *what)
{
	val_report(f, ONC_INFO, 0, 0, "validate.not_checked_yet", "%s files are not checked yet", what);
	return 0;
}

int
val_check_mutations(val_file *f, const char *path)
{
	(void) path;
	return not_checked_yet(f, "MAF");
}

int
val_check_variants(val_file *f, const char *path)
{
	(void) path;
	return not_checked_yet(f, "VCF");
}

int
val_check_copynumber(val_file *f, const char *path)
{
	(void) path;
	return not_checked_yet(f, "copy-number");
}

struct val_study
{
	int			unused;
};

val_study *
val_study_new(void)
{
	return calloc(1, sizeof(val_study));
}

void
val_study_free(val_study *s)
{
	free(s);
}

void
val_study_check(val_study *s)
{
	(void) s;
}

void
val_define_patient(val_file *f, long line, const char *patient_id)
{
	(void) f;
	(void) line;
	(void) patient_id;
}

void
val_define_sample(val_file *f, long line, const char *sample_id, const char *patient_id)
{
	(void) f;
	(void) line;
	(void) sample_id;
	(void) patient_id;
}

void
val_use_sample(val_file *f, long line, const char *sample_id)
{
	(void) f;
	(void) line;
	(void) sample_id;
}

void
val_genome_build(val_file *f, const char *build)
{
	(void) f;
	(void) build;
}
