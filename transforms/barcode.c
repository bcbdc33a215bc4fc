/*
 * barcode.c: TCGA barcodes split into their parts (project, tissue source
 * site, participant, sample type and vial, portion and analyte, plate,
 * centre), and the official names of the sample type codes.
 */
#include "config.h"

#include <string.h>

#include "barcode.h"

static bool
is_upper_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* n characters of s all pass ok; s must hold at least n characters. */
static bool
span_ok(const char *s, size_t n, bool (*ok) (char))
{
	for (size_t i = 0; i < n; i++)
		if (!ok(s[i]))
			return false;
	return true;
}

/* Copy n characters of s into dst (which holds n + 1). */
static void
copy_part(char *dst, const char *s, size_t n)
{
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/*
 * Accepted shapes (anything else is not a barcode):
 *   TCGA-XX-XXXX                      patient
 *   TCGA-XX-XXXX-NN, -NNV             sample
 *   TCGA-XX-XXXX-NNV-NN, -NNV-NNA     portion
 *   TCGA-XX-XXXX-NNV-NNA-PPPP-CC      aliquot
 */
bool
tcga_barcode_parse(const char *id, tcga_barcode *bc)
{
	tcga_barcode out;
	const char *p = id;
	size_t		n;

	memset(bc, 0, sizeof(*bc));
	if (!id)
		return false;
	memset(&out, 0, sizeof(out));

	/* TCGA-XX-XXXX */
	if (strncmp(p, "TCGA-", 5) != 0)
		return false;
	copy_part(out.project, p, 4);
	p += 5;
	if (strlen(p) < 7 || !span_ok(p, 2, is_upper_alnum) || p[2] != '-' ||
		!span_ok(p + 3, 4, is_upper_alnum))
		return false;
	copy_part(out.tss, p, 2);
	copy_part(out.participant, p + 3, 4);
	copy_part(out.patient_id, id, 12);
	p += 7;
	out.level = TCGA_PATIENT;
	if (*p == '\0')
		goto done;

	/* -NN[V] */
	if (p[0] != '-' || !is_digit(p[1]) || !is_digit(p[2]))
		return false;
	copy_part(out.sample_type, p + 1, 2);
	p += 3;
	if (is_upper(*p))
		out.vial = *p++;
	n = (size_t) (p - id);
	copy_part(out.sample_id, id, n);
	out.level = TCGA_SAMPLE;
	if (*p == '\0')
		goto done;

	/* a portion needs the vial letter before it */
	if (out.vial == '\0')
		return false;

	/* -NN[A] */
	if (p[0] != '-' || !is_digit(p[1]) || !is_digit(p[2]))
		return false;
	copy_part(out.portion, p + 1, 2);
	p += 3;
	if (is_upper(*p))
		out.analyte = *p++;
	out.level = TCGA_PORTION;
	if (*p == '\0')
		goto done;

	/* -PPPP-CC needs the analyte letter before it */
	if (out.analyte == '\0')
		return false;
	if (strlen(p) != 8 || p[0] != '-' || !span_ok(p + 1, 4, is_upper_alnum) ||
		p[5] != '-' || !is_digit(p[6]) || !is_digit(p[7]))
		return false;
	copy_part(out.plate, p + 1, 4);
	copy_part(out.center, p + 6, 2);
	out.level = TCGA_ALIQUOT;

done:
	*bc = out;
	return true;
}

/* The TCGA code table for sample types (GDC "Sample Type Codes"). */
static const struct
{
	const char *code;
	const char *name;
}			sample_types[] =
{
	{"01", "Primary Solid Tumor"},
	{"02", "Recurrent Solid Tumor"},
	{"03", "Primary Blood Derived Cancer - Peripheral Blood"},
	{"04", "Recurrent Blood Derived Cancer - Bone Marrow"},
	{"05", "Additional - New Primary"},
	{"06", "Metastatic"},
	{"07", "Additional Metastatic"},
	{"08", "Human Tumor Original Cells"},
	{"09", "Primary Blood Derived Cancer - Bone Marrow"},
	{"10", "Blood Derived Normal"},
	{"11", "Solid Tissue Normal"},
	{"12", "Buccal Cell Normal"},
	{"13", "EBV Immortalized Normal"},
	{"14", "Bone Marrow Normal"},
	{"15", "sample type 15"},
	{"16", "sample type 16"},
	{"20", "Control Analyte"},
	{"40", "Recurrent Blood Derived Cancer - Peripheral Blood"},
	{"50", "Cell Lines"},
	{"60", "Primary Xenograft Tissue"},
	{"61", "Cell Line Derived Xenograft Tissue"},
	{"99", "sample type 99"},
};

const char *
tcga_sample_type_name(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < sizeof(sample_types) / sizeof(sample_types[0]); i++)
		if (strcmp(code, sample_types[i].code) == 0)
			return sample_types[i].name;
	return NULL;
}
