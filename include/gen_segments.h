/*
 * gen_segments.h: the demo generator's copy-number segments ("oncoload
 * generate"): one cBioPortal SEG file for the cohort of the sample sheet.
 */
#ifndef GEN_SEGMENTS_H
#define GEN_SEGMENTS_H

#include <stdint.h>

/*
 * Write DIR/copy_number/data_cna_hg38.seg and its cBioPortal meta file for
 * the samples of DIR/gdc_sample_sheet.tsv: GRCh38 segments with the
 * oral-cancer changes (3q gain, 11q13 CCND1 amplification, 9p21 CDKN2A
 * deletion) in tumours, flat normals.  The same seed gives the same bytes
 * (random stream 30).  Returns an exit code (printed on failure).
 */
int			gen_segments(const char *dir, uint64_t seed);

#endif							/* GEN_SEGMENTS_H */
