/*
 * vcf_internal.h: what the VCF reader's files share (vcf_header.c opens a
 * file and reads its header, vcf_reader.c its records, vcf_calls.c the
 * samples' calls): the reader itself and its text helpers.
 */
#ifndef VCF_INTERNAL_H
#define VCF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <htslib/hts.h>
#include <htslib/kstring.h>
#include <htslib/tbx.h>
#include <htslib/vcf.h>

#include "onc.h"
#include "vcf.h"

#define VCF_RAW_MAX 4096
#ifndef KS_SEP_LINE
#define KS_SEP_LINE 2			/* kseq.h: a line, "\n" or "\r\n" */
#endif

struct vcf_reader
{
	char	   *path;
	htsFile    *fp;
	bcf_hdr_t  *hdr;
	bcf1_t	   *rec;
	bool		is_bcf;
	tbx_t	   *tbx;
	hts_idx_t  *idx;
	hts_itr_t  *itr;
	kstring_t	line;
	long		lineno;			/* physical lines read (text VCF) */
	long		nrec;			/* records read */
	vcf_info	info;
	const char *ann_tag;		/* "CSQ" or "ANN" */
	int		   *ann_role;		/* per annotation field: vcf_csq_field or -1 */

	vcf_record	cur;
	char		raw[VCF_RAW_MAX + 1];
	onc_buf		filter;
	onc_buf		info_json;
	char	   *ann_str;
	int			nann_str;
	onc_buf		csq_extra;
	size_t	   *csq_extra_off;
	vcf_csq    *csq;
	int			capcsq;
	char	  **ann_cells;		/* split buffer for one entry */
	int			capalt;
	float	   *af;
	int			naf;

	/* the samples' calls of the current record */
	int32_t    *gt;
	int			ngt;
	int			gt_per;			/* values per sample, 0 when no GT */
	bool		call_loaded;
	int32_t    *dp,
			   *ad,
			   *gq;
	float	   *fmt_af,
			   *gqf;
	int			ndp,
				nad,
				ngq,
				nfmt_af,
				ngqf;
	int			dp_per,
				ad_per,
				gq_per,
				fmt_af_per,
				gqf_per;
	char	  **ft;
	int			nft;
	bool		has_ft;
	onc_buf		call_extra;
	onc_buf		scratch;
};

/* Add "key":"value" (value of vlen bytes) to a JSON object being built. */
void		vcf_json_add(onc_buf *b, const char *key, const char *v, size_t vlen);
/* Close the object; NULL when nothing was added. */
const char *vcf_json_close(onc_buf *b);
/* A float as the double its shortest text means (0.2f is 0.2). */
double		vcf_float_value(float f);
/*
 * Values of a BCF field (n of BCF type at p) as VCF text, comma-separated,
 * "." for missing; false when every value is missing.
 */
bool		vcf_put_values(onc_buf *b, int type, const uint8_t *p, int n);

#endif							/* VCF_INTERNAL_H */
