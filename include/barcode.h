/*
 * barcode.h: TCGA barcodes, parsed at each level they carry.
 * TCGA-CV-5430-01A-11R-1686-07 = project TCGA, tissue source site CV,
 * participant 5430, sample type 01 vial A, portion 11 analyte R, plate 1686,
 * centre 07.  Any other identifier is not a TCGA barcode and is used as is.
 */
#ifndef BARCODE_H
#define BARCODE_H

#include <stdbool.h>

typedef enum tcga_level
{
	TCGA_NONE = 0,				/* not a TCGA barcode */
	TCGA_PATIENT,				/* TCGA-XX-XXXX */
	TCGA_SAMPLE,				/* TCGA-XX-XXXX-NN[V] (vial optional) */
	TCGA_PORTION,				/* ...-NN[A] (portion, analyte optional) */
	TCGA_ALIQUOT				/* ...-NNA-PPPP-CC */
} tcga_level;

typedef struct tcga_barcode
{
	tcga_level	level;
	char		project[5];		/* "TCGA" */
	char		tss[3];			/* tissue source site */
	char		participant[5];
	char		sample_type[3]; /* "01" */
	char		vial;			/* 'A', or '\0' when absent */
	char		portion[3];		/* "11" */
	char		analyte;		/* 'R', or '\0' */
	char		plate[5];
	char		center[3];
	char		patient_id[13]; /* TCGA-XX-XXXX */
	char		sample_id[17];	/* TCGA-XX-XXXX-NN or TCGA-XX-XXXX-NNV */
} tcga_barcode;

/* Parse id (case-sensitive, upper case as TCGA writes it); false if not TCGA. */
bool		tcga_barcode_parse(const char *id, tcga_barcode *bc);

/* Name of a TCGA sample type code ("01" -> "Primary Solid Tumor"), or NULL. */
const char *tcga_sample_type_name(const char *code);

#endif							/* BARCODE_H */
