/*
 * dims.h: resolving what a source names to dimension keys: samples and
 * aliquots (TCGA barcodes parsed at each level; any other ID as is), and
 * genes through a client-side map of the gene dimension.
 */
#ifndef DIMS_H
#define DIMS_H

#include <stdbool.h>
#include <stdint.h>
#include <libpq-fe.h>

#include "audit.h"

typedef struct dims_target
{
	int			sample_key;
	int			aliquot_key;	/* 0 when the source names only a sample */
} dims_target;

/*
 * Resolve (creating when new) the specimen a source names.  id may be a
 * sample or an aliquot ID (a TCGA aliquot barcode creates both levels);
 * patient_id and sample_type may be NULL.  Returns 0, or -1 (printed).
 */
int			dims_resolve_specimen(load_ctx *ctx, const char *id, const char *patient_id,
								  const char *sample_type, dims_target *out);

/* The same for n IDs at once (no patient or sample type), in few round trips. */
int			dims_resolve_specimens(load_ctx *ctx, int n, const char *const *ids,
								   dims_target *out);

/* Results of gene look-ups by name. */
#define GENE_UNKNOWN 0
#define GENE_AMBIGUOUS (-1)

typedef struct genemap genemap;

genemap    *genemap_new(void);
void		genemap_free(genemap *g);

/* Fill the map from warehouse.gene: Ensembl IDs, or Entrez IDs, symbols
 * and synonyms.  Each is loaded once; 0 or -1 (printed). */
int			genemap_load_ensembl(genemap *g, PGconn *conn);
int			genemap_load_names(genemap *g, PGconn *conn);

/* Key for an Ensembl key (no version), or GENE_UNKNOWN. */
int			genemap_ensembl(const genemap *g, const char *ensembl);
void		genemap_add_ensembl(genemap *g, const char *ensembl, int key);
/* Key for an Entrez ID / a symbol (primary, else a unique synonym):
 * a key, GENE_UNKNOWN or GENE_AMBIGUOUS. */
int			genemap_entrez(const genemap *g, const char *entrez);
int			genemap_symbol(const genemap *g, const char *symbol);

/*
 * Add one gene of a reference file under key (validate --genes): its
 * Ensembl ID, Entrez ID, symbol and '|'-separated synonyms, each may be
 * NULL.  The map then counts as loaded: genemap_load_* leave it alone.
 */
void		genemap_add_gene(genemap *g, int key, const char *ensembl, const char *entrez,
							 const char *symbol, const char *synonyms);

#endif							/* DIMS_H */
