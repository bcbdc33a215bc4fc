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

#endif							/* VALIDATE_GENOMIC_H */
