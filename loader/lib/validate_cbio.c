/*
 * validate_cbio.c: the checks cBioPortal's validator makes on the columns of
 * its own conventions that oncoload's loaders keep without looking: the
 * custom driver columns (MAF and the CNA long format), HGVSp_Short's length,
 * Validation_Status and Verification_Status values, SWISSPROT identifiers.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "maf.h"
#include "textutil.h"
#include "validate_genomic.h"

/* cBioPortal's limits on the custom driver columns and HGVSp_Short */
#define CBP_ANNOTATION_MAX 80
#define CBP_TIERS_MAX 50
#define HGVSP_SHORT_MAX 255

/* The check's code under the file's prefix (code(c, "cbp_driver_value")). */
static const char *
code(const val_cbio_cols *c, const char *name)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "%s.%s", c->prefix, name);
	return buf;
}

void
val_cbio_find(char **names, int n, const char *prefix, val_cbio_cols *c)
{
	int		   *slot[] = {&c->driver, &c->driver_annot, &c->tiers, &c->tiers_annot,
	&c->hgvsp_short, &c->validation, &c->verification, &c->swissprot};
	static const char *const want[] = {"cbp_driver", "cbp_driver_annotation", "cbp_driver_tiers",
	"cbp_driver_tiers_annotation", "HGVSp_Short", "Validation_Status", "Verification_Status", "SWISSPROT"};

	for (int k = 0; k < 8; k++)
	{
		*slot[k] = -1;
		for (int i = 0; i < n && *slot[k] < 0; i++)
			if (str_ieq(names[i], want[k]))
				*slot[k] = i;
	}
	c->swissprot_names = -1;
	snprintf(c->prefix, sizeof(c->prefix), "%s", prefix);
}

void
val_cbio_header(val_file *f, long line, const val_cbio_cols *c)
{
	if (c->driver_annot >= 0 && c->driver < 0)
		val_report(f, ONC_ERROR, line, c->driver_annot + 1, code(c, "cbp_driver_missing"),
				   "cbp_driver_annotation without a cbp_driver column");
	if (c->tiers_annot >= 0 && c->tiers < 0)
		val_report(f, ONC_ERROR, line, c->tiers_annot + 1, code(c, "cbp_driver_tiers_missing"),
				   "cbp_driver_tiers_annotation without a cbp_driver_tiers column");
}

/* A UniProt accession (P12345, A0A023GPI8 ...), as opposed to a name (ABC1_HUMAN). */
static bool
is_accession(const char *s)
{
	size_t		n = strlen(s);

	if (strchr(s, '_'))
		return false;
	if (n != 6 && n != 10)
		return false;
	if (!isupper((unsigned char) s[0]) || !isdigit((unsigned char) s[1]) ||
		!isdigit((unsigned char) s[n - 1]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isupper((unsigned char) s[i]) && !isdigit((unsigned char) s[i]))
			return false;
	return true;
}

static const char *
cell(char **cells, int ncells, int col)
{
	if (col < 0 || col >= ncells || !cells[col])
		return NULL;
	return cells[col];
}

/* Is the cell empty or one of the null spellings? */
static bool
empty_cell(const char *v)
{
	while (v && (*v == ' ' || *v == '\r'))
		v++;
	return !v || !*v || maf_is_null(v);
}

static bool
in_list(const char *v, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (str_ieq(v, list[i]))
			return true;
	return false;
}

void
val_cbio_cells(val_file *f, long line, char **cells, int ncells, val_cbio_cols *c)
{
	static const char *const drivers[] = {"Putative_Passenger", "Putative_Driver", "NA", "Unknown", NULL};
	static const char *const validation[] = {"Untested", "Inconclusive", "Valid", "Invalid", "NA", NULL};
	static const char *const verification[] = {"Verified", "Unknown", "NA", NULL};
	const char *v;

	if ((v = cell(cells, ncells, c->driver)) && *v && !in_list(v, drivers))
		val_report(f, ONC_ERROR, line, c->driver + 1, code(c, "cbp_driver_value"),
				   "cbp_driver \"%.40s\" is not Putative_Passenger, Putative_Driver, NA or Unknown", v);
	if ((v = cell(cells, ncells, c->driver_annot)) && strlen(v) > CBP_ANNOTATION_MAX)
		val_report(f, ONC_ERROR, line, c->driver_annot + 1, code(c, "cbp_annotation_too_long"),
				   "cbp_driver_annotation has %zu characters (at most %d)", strlen(v), CBP_ANNOTATION_MAX);
	if ((v = cell(cells, ncells, c->tiers_annot)) && strlen(v) > CBP_ANNOTATION_MAX)
		val_report(f, ONC_ERROR, line, c->tiers_annot + 1, code(c, "cbp_annotation_too_long"),
				   "cbp_driver_tiers_annotation has %zu characters (at most %d)", strlen(v), CBP_ANNOTATION_MAX);
	if ((v = cell(cells, ncells, c->tiers)) && strlen(v) > CBP_TIERS_MAX)
		val_report(f, ONC_ERROR, line, c->tiers + 1, code(c, "cbp_driver_tiers_too_long"),
				   "cbp_driver_tiers has %zu characters (at most %d)", strlen(v), CBP_TIERS_MAX);
	if ((v = cell(cells, ncells, c->hgvsp_short)) && strlen(v) > HGVSP_SHORT_MAX)
		val_report(f, ONC_ERROR, line, c->hgvsp_short + 1, code(c, "hgvsp_short_too_long"),
				   "HGVSp_Short has %zu characters (cBioPortal keeps at most %d)", strlen(v), HGVSP_SHORT_MAX);
	if ((v = cell(cells, ncells, c->validation)) && !empty_cell(v) && !in_list(v, validation))
		val_report(f, ONC_WARNING, line, c->validation + 1, code(c, "validation_status"),
				   "Validation_Status \"%.40s\" is not a MAF value (Untested, Inconclusive, Valid, Invalid)", v);
	if ((v = cell(cells, ncells, c->verification)) && !empty_cell(v) && !in_list(v, verification))
		val_report(f, ONC_WARNING, line, c->verification + 1, code(c, "verification_status"),
				   "Verification_Status \"%.40s\" is not a MAF value (Verified, Unknown)", v);
	if ((v = cell(cells, ncells, c->swissprot)) && !empty_cell(v))
	{
		if (strchr(v, ',') || strchr(v, ';'))
			val_report(f, ONC_WARNING, line, c->swissprot + 1, code(c, "swissprot_several"),
					   "SWISSPROT \"%.40s\" names more than one protein; cBioPortal keeps the first", v);
		else
		{
			int			names = !is_accession(v);

			/* the first value says which the column holds, as cBioPortal's
			 * default (names) says unless a meta file says otherwise */
			if (c->swissprot_names < 0)
				c->swissprot_names = names;
			else if (names != c->swissprot_names)
				val_report(f, ONC_WARNING, line, c->swissprot + 1, code(c, "swissprot_mixed"),
						   "SWISSPROT \"%.40s\" is %s, but the column holds %s", v,
						   names ? "a name" : "an accession",
						   c->swissprot_names ? "names (like ABC1_HUMAN)" : "accessions (like P12345)");
		}
	}
}
