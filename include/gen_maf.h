/*
 * gen_maf.h: the demo generator's mutations ("oncoload generate"): one MAF
 * in the GDC's per-aliquot masked layout (140 columns) for the tumours of
 * the cohort, with the genes oral cancers mutate.
 */
#ifndef GEN_MAF_H
#define GEN_MAF_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Write DIR/mutations/STUDY.wxs.aliquot_ensemble_masked.maf.gz for the
 * tumour samples of DIR/gdc_sample_sheet.tsv (their matched normals when the
 * sheet has one): GRCh38 mutations in TP53, CDKN2A, PIK3CA, NOTCH1, FAT1,
 * CASP8, HRAS ... with their hotspots, and passengers.  The same seed gives
 * the same bytes (random stream 20).  Returns an exit code (printed).
 */
int			gen_maf(const char *dir, uint64_t seed);

/* One tumour sample of a generated MAF. */
typedef struct gen_maf_sample
{
	const char *tumor;			/* Tumor_Sample_Barcode */
	const char *normal;			/* Matched_Norm_Sample_Barcode, or NULL */
} gen_maf_sample;

/*
 * Write a GDC-layout MAF for n samples to path (gzip when gz): rows_each
 * mutations per sample, or when 0 about 50 (a Poisson draw).  *rows gets
 * the rows written.  Returns an exit code (printed).  Used by gen_maf() and
 * by bench/mutations.
 */
int			gen_maf_write(const char *path, uint64_t seed, const gen_maf_sample *samples,
						  long n, long rows_each, bool gz, long *rows);

#endif							/* GEN_MAF_H */
