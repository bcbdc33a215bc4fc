/*
 * vcf_calls.c: a sample's call of one allele of the current record (GT, DP,
 * AD, AF, GQ, FT and its other FORMAT fields), for the carriers that become
 * genotype facts.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <htslib/hts.h>
#include <htslib/hts_endian.h>
#include <htslib/hts_log.h>
#include <htslib/kstring.h>
#include <htslib/tbx.h>
#include <htslib/vcf.h>

#include "textutil.h"
#include "vcf_internal.h"

/* ----------------------------------------------------------------- calls */

static void
load_calls(vcf_reader *r)
{
	int			ns = r->info.nsamples;
	int			n;

	if (r->call_loaded)
		return;
	r->call_loaded = true;
	n = bcf_get_format_int32(r->hdr, r->rec, "DP", &r->dp, &r->ndp);
	r->dp_per = n > 0 ? n / ns : 0;
	n = bcf_get_format_int32(r->hdr, r->rec, "AD", &r->ad, &r->nad);
	r->ad_per = n > 0 ? n / ns : 0;
	n = bcf_get_format_float(r->hdr, r->rec, "AF", &r->fmt_af, &r->nfmt_af);
	r->fmt_af_per = n > 0 ? n / ns : 0;
	n = bcf_get_format_int32(r->hdr, r->rec, "GQ", &r->gq, &r->ngq);
	r->gq_per = n > 0 ? n / ns : 0;
	r->gqf_per = 0;
	if (r->gq_per == 0)
	{
		n = bcf_get_format_float(r->hdr, r->rec, "GQ", &r->gqf, &r->ngqf);
		r->gqf_per = n > 0 ? n / ns : 0;
	}
	r->has_ft = bcf_get_format_string(r->hdr, r->rec, "FT", &r->ft, &r->nft) > 0;
}

static bool
int_ok(int32_t v)
{
	return v != bcf_int32_missing && v != bcf_int32_vector_end;
}

int
vcf_sample_call(vcf_reader *r, int s, int allele, vcf_call *out)
{
	int32_t    *g = r->gt_per ? r->gt + (size_t) s * r->gt_per : NULL;
	bool		carrier = false;
	size_t		o = 0;
	bcf1_t	   *v = r->rec;

	memset(out, 0, sizeof(*out));
	for (int j = 0; j < r->gt_per; j++)
	{
		if (g[j] == bcf_int32_vector_end)
			break;
		if (!bcf_gt_is_missing(g[j]) && bcf_gt_allele(g[j]) == allele)
			carrier = true;
	}
	if (!carrier)
		return 0;
	for (int j = 0; j < r->gt_per && o + 12 < sizeof(out->gt); j++)
	{
		if (g[j] == bcf_int32_vector_end)
			break;
		if (j)
			out->gt[o++] = bcf_gt_is_phased(g[j]) ? '|' : '/';
		if (bcf_gt_is_missing(g[j]))
			out->gt[o++] = '.';
		else
			o += (size_t) snprintf(out->gt + o, sizeof(out->gt) - o, "%d", bcf_gt_allele(g[j]));
	}
	out->gt[o] = '\0';
	load_calls(r);
	if (r->dp_per && int_ok(r->dp[(size_t) s * r->dp_per]))
	{
		out->has_depth = true;
		out->depth = r->dp[(size_t) s * r->dp_per];
	}
	if (r->ad_per >= v->n_allele)
	{
		int32_t    *ad = r->ad + (size_t) s * r->ad_per;
		int64_t		sum = 0;
		bool		all = true;

		for (int k = 0; k < v->n_allele; k++)
		{
			if (int_ok(ad[k]))
				sum += ad[k];
			else
				all = false;
		}
		out->has_ref_depth = int_ok(ad[0]);
		out->ref_depth = ad[0];
		out->has_alt_depth = int_ok(ad[allele]);
		out->alt_depth = ad[allele];
		if (!out->has_depth && all)
		{
			out->has_depth = true;
			out->depth = (int32_t) sum;
		}
		if (out->has_alt_depth && all && sum > 0)
		{
			out->has_vaf = true;
			out->vaf = (double) ad[allele] / (double) sum;
		}
	}
	if (r->fmt_af_per >= allele)
	{
		float		f = r->fmt_af[(size_t) s * r->fmt_af_per + allele - 1];

		if (!bcf_float_is_missing(f) && !bcf_float_is_vector_end(f))
		{
			out->has_vaf = true;
			out->vaf = vcf_float_value(f);
		}
	}
	if (r->gq_per && int_ok(r->gq[(size_t) s * r->gq_per]))
	{
		out->has_gq = true;
		out->gq = r->gq[(size_t) s * r->gq_per];
	}
	else if (r->gqf_per)
	{
		float		f = r->gqf[(size_t) s * r->gqf_per];

		if (!bcf_float_is_missing(f) && !bcf_float_is_vector_end(f) && fabsf(f) < 2e9f)
		{
			out->has_gq = true;
			out->gq = (int32_t) lroundf(f);
		}
	}
	if (r->has_ft && r->ft[s] && *r->ft[s] && strcmp(r->ft[s], ".") != 0)
		out->ft = r->ft[s];
	/* the other FORMAT fields */
	buf_reset(&r->call_extra);
	for (int i = 0; i < v->n_fmt; i++)
	{
		const bcf_fmt_t *f = &v->d.fmt[i];
		const char *key = bcf_hdr_int2id(r->hdr, BCF_DT_ID, f->id);

		if (!f->p || strcmp(key, "GT") == 0 || strcmp(key, "AD") == 0 || strcmp(key, "DP") == 0 ||
			strcmp(key, "AF") == 0 || strcmp(key, "GQ") == 0 || strcmp(key, "FT") == 0)
			continue;
		buf_reset(&r->scratch);
		if (vcf_put_values(&r->scratch, f->type, f->p + (size_t) s * f->size, f->n))
			vcf_json_add(&r->call_extra, key, r->scratch.data, r->scratch.len);
	}
	out->extra = vcf_json_close(&r->call_extra);
	return 1;
}

