/*
 * clin.h: what the clinical and biospecimen parsers share: the record every
 * reader hands out (one entity's fields, or one table row's), the typed
 * attributes of the clinical model with their normalisers, and opening a
 * file of any clinical format, detected from its content.
 *
 * Readers do not touch the database: they say what the file says, per
 * field, with the missing-value reason the source gives; the loader
 * (clin_load.h) decides what becomes a fact.
 */
#ifndef CLIN_H
#define CLIN_H

#include <stdbool.h>
#include <stddef.h>

/* ------------------------------------------------------------ records */

/* Value types of facts (warehouse.clinical_fact.value_type). */
typedef enum clin_vtype
{
	CLIN_TEXT = 0,
	CLIN_INTEGER,
	CLIN_NUMBER,
	CLIN_BOOLEAN,
	CLIN_CODE
} clin_vtype;

/* "text", "integer", "number", "boolean", "code". */
const char *clin_vtype_name(clin_vtype t);

/* One source field: an XML leaf element or a table cell. */
typedef struct clin_field
{
	const char *entity;			/* "patient", "sample", "drug", "follow_up" ... */
	const char *instance;		/* which one of several; "" when one */
	const char *name;			/* the source's name: element local name, header */
	const char *source;			/* element path or column header, for the record */
	const char *value;			/* trimmed text, or NULL when missing */
	const char *missing;		/* why it is missing (value NULL), else NULL */
	const char *invalid;		/* the reader found the value invalid: why (a reject) */
	const char *raw_value;		/* the text before the reader translated it, or NULL */
	bool		declared;		/* the source declares its type (cBioPortal) */
	clin_vtype	declared_type;
	long		line;			/* physical line */
	int			col;			/* 1-based column, 0 for XML */
} clin_field;

/*
 * One record: an XML entity (patient, drug, sample, aliquot ...) or a table
 * row.  Its facts belong to patient_id, and to sample_id when set.
 */
typedef struct clin_record
{
	long		line;			/* first physical line */
	const char *raw;			/* the raw line of a table row, NULL for XML */
	const char *patient_id;
	const char *sample_id;		/* facts attach to this sample, or NULL */
	const char *sample_type;	/* the sample's type when the record defines it */
	const char *aliquot_id;		/* the record names an aliquot of sample_id */
	bool		defines_patient;	/* a second one in the file is a duplicate */
	bool		defines_sample;
	bool		creates_patient;	/* may create the patient (else it must exist) */
	const char *patient_uuid;	/* the patient's UUID when the record names it outside
								 * its facts (a GDC file's case reference), or NULL */
	const char *error;			/* the whole record is bad: a reject */
	const char *error_code;		/* its reason code */
	int			error_col;
	int			nfields;
	const clin_field *fields;
} clin_record;

/* ------------------------------------------------------ the typed model */

/* Name spaces of source names that map to typed attributes. */
typedef enum clin_source
{
	CLIN_SRC_BCR = 1,			/* BCR XML element names (also Biotab row 2) */
	CLIN_SRC_GDC = 2,			/* GDC column names, without the entity prefix */
	CLIN_SRC_CBIO = 4,			/* cBioPortal attribute names */
	CLIN_SRC_MODEL = 8			/* the model's own names (mapping files) */
} clin_source;

typedef struct clin_attr clin_attr;

/*
 * The typed attribute a source field fills, or NULL when it is kept as the
 * source gives it.  entity narrows some names (drug_name only in drugs).
 */
const clin_attr *clin_attr_find(clin_source src, const char *entity, const char *name);
/* The typed attribute of that model name, or NULL. */
const clin_attr *clin_attr_by_name(const char *name);
const char *clin_attr_name(const clin_attr *a);
clin_vtype	clin_attr_vtype(const clin_attr *a);

typedef enum clin_status
{
	CLIN_OK = 0,
	CLIN_MISSING,				/* a missing-value token: *missing says which */
	CLIN_INVALID				/* not a value of the attribute's type: *why says */
} clin_status;

/* A normalised value: text in normal form, and the number when it is one. */
typedef struct clin_value
{
	char		text[256];
	double		num;
	bool		has_num;
	bool		changed;		/* text differs from the source's */
	const char *missing;		/* CLIN_MISSING: the token's reason */
	const char *why;			/* CLIN_INVALID: what was expected */
} clin_value;

/* Normalise raw (trimmed, non-NULL) for attribute a. */
clin_status clin_normalise(const clin_attr *a, const char *raw, clin_value *out);

/*
 * Values that mean "missing" whatever the source ("not reported",
 * "Unknown", "[Not Available]" ...): the reason to keep, or NULL.
 */
const char *clin_missing_token(const char *s);

/*
 * Check a value against a declared type (cBioPortal NUMBER, BOOLEAN):
 * true when it fits; *num gets a number's value.
 */
bool		clin_check_declared(clin_vtype t, const char *s, double *num);

/* ------------------------------------------------------------- readers */

typedef enum clin_format
{
	CLIN_FMT_UNKNOWN = 0,
	CLIN_FMT_BCR_XML,			/* TCGA BCR clinical or biospecimen XML */
	CLIN_FMT_BIOTAB,			/* BCR Biotab table */
	CLIN_FMT_GDC,				/* GDC portal clinical cart TSV */
	CLIN_FMT_CBIO,				/* cBioPortal clinical patient/sample file */
	CLIN_FMT_HOSPITAL			/* CSV/TSV export read through a mapping file */
} clin_format;

/* "bcr-xml", "bcr-biotab", "gdc-clinical-tsv", "cbioportal-clinical",
 * "hospital-export"; clin_format_from_name returns UNKNOWN for others. */
const char *clin_format_option(clin_format f);
clin_format clin_format_from_name(const char *name);

/* What a reader found out when it opened the file. */
typedef struct clin_info
{
	clin_format format;
	const char *format_name;	/* for audit.load.input_format */
	const char *data_type;		/* "clinical" or "biospecimen" */
	clin_source source;			/* name space of its field names */
	const char *study_hint;		/* study the file names, or NULL */
	const char *detected_by;	/* "content", "option" */
	const char *layout;			/* a word on the variant read, or NULL */
	const char *warning;		/* a warning to print once, or NULL */
	long		columns;		/* table columns, 0 for XML */
} clin_info;

typedef struct clin_reader clin_reader;

typedef struct clin_open_opts
{
	clin_format force;			/* CLIN_FMT_UNKNOWN: detect */
	const char *mapping;		/* mapping file for hospital exports */
} clin_open_opts;

/*
 * Open path (plain or gzip) and read its headers.  NULL on failure with
 * *err set (free()), prefixed "LINE: " when about a line; *errno_out (may
 * be NULL) is nonzero for an I/O failure.
 */
clin_reader *clin_open(const char *path, const clin_open_opts *opts, char **err,
					   int *errno_out);
const clin_info *clin_reader_info(const clin_reader *r);

/*
 * Next record: 1 with *rec set (valid until the next call), 0 at the end,
 * -1 when the file cannot be read further (*err set, free(); the load
 * fails).
 */
int			clin_next(clin_reader *r, const clin_record **rec, char **err);
/* Physical line the reader has reached (for messages). */
long		clin_lineno(const clin_reader *r);
void		clin_close(clin_reader *r);

#endif							/* CLIN_H */
