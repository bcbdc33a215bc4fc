/*
 * varstore.h: what the mutation and variant loads share: the variant
 * dimension written through a bounded cache and batches checked against the
 * database (content-derived keys, so facts need no round trip), genes named
 * by Ensembl ID created on the way, each load's annotations and transcript
 * consequences, the fact COPY stream those writes interrupt, and the check
 * for facts naming the same sample and variant twice.
 */
#ifndef VARSTORE_H
#define VARSTORE_H

#include <stdbool.h>
#include <stdint.h>

#include "audit.h"
#include "db.h"
#include "dims.h"

/* A variant in MAF coordinates (see maf.h); strings are copied. */
typedef struct vs_variant
{
	const char *build;			/* GRCh37 / GRCh38 */
	const char *chrom;			/* normalised, no "chr" */
	int64_t		start;
	int64_t		end;
	const char *ref;
	const char *alt;
	const char *type;
} vs_variant;

/* One load's annotation of a variant (warehouse.variant_annotation). */
typedef enum vs_annot_field
{
	VA_SOURCE,
	VA_GENE_SYMBOL,
	VA_GENE_ID,
	VA_CLASSIFICATION,
	VA_CONSEQUENCE,
	VA_IMPACT,
	VA_TRANSCRIPT,
	VA_HGVSC,
	VA_HGVSP,
	VA_HGVSP_SHORT,
	VA_SIFT,
	VA_POLYPHEN,
	VA_DBSNP,
	VA_EXISTING,
	VA_EXTRA,					/* a JSON object, or NULL */
	VA_NSTR
} vs_annot_field;

typedef struct vs_annot
{
	const char *s[VA_NSTR];
	int64_t		entrez;			/* 0 when none */
	int			gene;			/* from vstore_gene(): key, pending (< 0) or 0 */
} vs_annot;

/* One transcript consequence (warehouse.variant_consequence). */
typedef enum vs_cons_field
{
	VC_ALLELE,
	VC_CONSEQUENCE,
	VC_CLASSIFICATION,
	VC_IMPACT,
	VC_SYMBOL,
	VC_GENE_ID,
	VC_FEATURE_TYPE,
	VC_TRANSCRIPT,
	VC_BIOTYPE,
	VC_HGVSC,
	VC_HGVSP,
	VC_MANE,
	VC_EXTRA,					/* a JSON object, or NULL */
	VC_NSTR
} vs_cons_field;

typedef struct vs_cons
{
	const char *s[VC_NSTR];
	bool		preferred;
	signed char canonical;		/* -1 not given, 0, 1 */
	signed char pick;
} vs_cons;

typedef struct vstore vstore;

/*
 * A store for one load; genes is the run's gene map (it gains the genes the
 * load creates when the store finishes).  fact_sql and site_sql are the
 * binary COPY statements of the load's fact rows and site rows (site_sql may
 * be NULL).  The database work runs in a thread of its own while the load
 * reads on; until vstore_finish() the connection is the store's, except
 * right after vstore_sync().
 */
vstore	   *vstore_new(load_ctx *ctx, genemap *genes, const char *fact_sql, const char *site_sql);
/* Free the store (stopping its writer, whatever it was doing). */
void		vstore_free(vstore *vs);

/*
 * The variant's key, derived from its six values: build (bit 62),
 * chromosome (57-61), start (28-56) and 28 bits of the SHA-256 of
 * "build|chrom|start|end|ref|alt" (0-27), so that keys sort like the genome.
 */
int64_t		vstore_key(const vs_variant *v);

/*
 * Resolve a gene from what a source names (each may be NULL): the Ensembl
 * ID (a new one is created by the writer), else the Entrez ID, else the
 * symbol.  Sets *gene (a key, a pending new gene < 0, or 0 when unknown).
 * Returns 0, 1 when the symbol and the Entrez ID name different genes (msg
 * says so), or -1 on a database error (printed).
 */
int			vstore_gene(vstore *vs, const char *ensembl, const char *symbol,
						const char *entrez, int *gene, char *msg, size_t cap);

/*
 * A variant this load names, with its annotation and consequences (NULL,
 * 0 when none).  The first time per load it is queued; later times cost a
 * cache look-up (the cache is bounded: after it is emptied, the writer asks
 * the database whether this load wrote the variant already).
 */
void		vstore_add(vstore *vs, int64_t key, const vs_variant *v, const vs_annot *a,
					   const vs_cons *cons, int ncons);

/* Where the next fact row / site row is encoded (db_copy_row ...). */
db_copy    *vstore_facts(vstore *vs);
db_copy    *vstore_sites(vstore *vs);

/* After each record: hands what is queued to the writer when enough is.  0, or -1 when the writer failed. */
int			vstore_next(vstore *vs);

/* Hand everything over and wait: the caller may use the connection until its next vstore_* call.  0 or -1. */
int			vstore_sync(vstore *vs);

/* Write everything, stop the writer, add the genes it created to the gene map.  0 or -1. */
int			vstore_finish(vstore *vs);

/* Counters for the load's metadata. */
typedef struct vstore_stats
{
	int64_t		variants_new;	/* rows added to warehouse.variant */
	int64_t		variants_known; /* distinct variants already there */
	int64_t		annotations;
	int64_t		consequences;
	int64_t		genes_new;
	int64_t		chunks;
	int64_t		lookups;		/* queued keys looked up in the dimension (the
								 * others were surely new) */
} vstore_stats;

const vstore_stats *vstore_get_stats(const vstore *vs);

/* A jsonb field of a binary COPY row: json is an object's text, or NULL. */
void		db_copy_jsonb(db_copy *c, const char *json);

/* Build a JSON object: add "key":"value" (value text escaped). */
void		json_kv(onc_buf *b, const char *key, const char *value);
/* Close the object; NULL when nothing was added.  Valid until b changes. */
const char *json_end(onc_buf *b);

/* ------------------------------------------------------- duplicate facts */

/*
 * Remember that this load wrote a fact for (part, variant) at line; pairs
 * that may have been written before are kept as candidates (a fixed-size
 * Bloom filter: memory does not grow with the file).
 */
void		vstore_note_fact(vstore *vs, int64_t part_id, int64_t key);

/*
 * After the facts are written: find the pairs of the given fact table
 * (warehouse.mutation or warehouse.variant_genotype) this load wrote more
 * than once, delete all but the first line's, and call report for each
 * deleted one.  Returns the number deleted, or -1 (printed).
 */
typedef void (*vs_dup_report) (void *arg, int64_t part_id, int64_t key,
							   int64_t first_line, int64_t line);

int64_t		vstore_remove_duplicates(vstore *vs, const char *table,
									 vs_dup_report report, void *arg);

#endif							/* VARSTORE_H */
