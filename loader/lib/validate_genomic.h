/*
 * validate_genomic.h: what the genomic checks (validate_mutations.c,
 * validate_variants.c, validate_copynumber.c) share with the cross-file
 * registry (validate_study.c) beyond include/validate.h.  Not a contract.
 */
#ifndef VALIDATE_GENOMIC_H
#define VALIDATE_GENOMIC_H

#include "validate.h"

/*
 * The genome build of a file of a kind ("maf", "vcf", "segments"): files
 * of the same kind that disagree are reported by val_study_check.
 * val_genome_build(f, b) is this with kind NULL (all such files compared).
 */
void		val_genome_build_of(val_file *f, const char *kind, const char *build);

/*
 * A matched normal a file names: not required to be defined by a clinical
 * file (cBioPortal does not require it either), so only counted.
 */
void		val_use_normal(val_file *f, long line, const char *sample_id);

/*
 * A header line split on tabs (cells trimmed of blanks and '\r'): for the
 * checks that read a header themselves, when a reader refuses the file.
 * Returns the number of cells (at most max); *line_out is the physical line
 * of the header (the first line that is not blank and not '#'), 0 when there
 * is none.  The cells point into a copy the caller frees with free(*copy).
 */
int			val_read_header(const char *path, char **copy, char **cells, int max,
							long *line_out);

/*
 * The columns of cBioPortal's conventions (validate_cbio.c): found by name
 * in a header, checked per line; codes under prefix ("maf", "cn").
 */
typedef struct val_cbio_cols
{
	int			driver,
				driver_annot,
				tiers,
				tiers_annot,
				hgvsp_short,
				validation,
				verification,
				swissprot;
	int			swissprot_names;	/* 1 names, 0 accessions, -1 not yet known */
	char		prefix[8];
} val_cbio_cols;

void		val_cbio_find(char **names, int n, const char *prefix, val_cbio_cols *c);
/* cbp_driver_annotation without cbp_driver ... (the header's line) */
void		val_cbio_header(val_file *f, long line, const val_cbio_cols *c);
/* One line's cells (trimmed); may update c (SWISSPROT's convention). */
void		val_cbio_cells(val_file *f, long line, char **cells, int ncells, val_cbio_cols *c);

/*
 * Lines repeating an earlier line's key, in bounded memory and two reads
 * (validate_dups.c): val_dups_note each key on the first read, then
 * val_dups_first_done; when val_dups_any, read again and val_dups_recheck
 * each key: true (and *first) for a line repeating an earlier one.
 */
typedef struct val_dups val_dups;

val_dups   *val_dups_new(void);
void		val_dups_note(val_dups *d, const char *key);
void		val_dups_first_done(val_dups *d);
bool		val_dups_any(const val_dups *d);
bool		val_dups_recheck(val_dups *d, const char *key, long line, long *first);
/* An information message when there were more candidates than were kept. */
void		val_dups_limited(val_file *f, const val_dups *d, const char *code);
void		val_dups_free(val_dups *d);

#endif							/* VALIDATE_GENOMIC_H */
