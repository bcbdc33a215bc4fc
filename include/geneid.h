/*
 * geneid.h: gene identifiers as sources print them.  The warehouse keys genes
 * on the Ensembl ID without its version but keeping a _PAR_Y suffix
 * (GENCODE's pseudo-autosomal copies on chrY).
 */
#ifndef GENEID_H
#define GENEID_H

#include <stdbool.h>
#include <stddef.h>

/*
 * If id is an Ensembl gene ID (ENSG..., optionally ".version" and
 * "_PAR_Y"), write the key ("ENSG00000182378_PAR_Y") into base and the
 * version ("14", or "" when absent) into version and return true.
 */
bool		geneid_ensembl(const char *id, char *base, size_t basecap,
						   char *version, size_t vercap);

/* True when s is a positive whole number (an Entrez Gene ID). */
bool		geneid_is_entrez(const char *s);

/*
 * Split Firehose "SYMBOL|ENTREZ" in place.  *symbol is NULL when it is "?"
 * or empty; *entrez NULL when absent.  Returns false when there is no '|'.
 */
bool		geneid_split_pipe(char *s, char **symbol, char **entrez);

#endif							/* GENEID_H */
