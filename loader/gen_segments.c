/*
 * gen_segments.c: copy-number segments for the demo cohort ("oncoload
 * generate"): a cBioPortal SEG file on GRCh38 with the changes typical of
 * oral squamous cell carcinoma, and the meta file that names its study and
 * build.  Random numbers come from stream 30 (genrng.h), so the other
 * files the generator writes keep their bytes.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cn_format.h"
#include "gen_segments.h"
#include "genrng.h"
#include "onc.h"
#include "samplesheet.h"
#include "textutil.h"

#define SEG_STREAM 30
#define MAX_SEGS 16
#define BASES_PER_PROBE 1800.0

/* GRCh38 regions (1-based) the tumours change, and how often. */
#define CHR3_Q_START	94000000	/* 3q: gained in most oral tumours */
#define CHR3_P_END		87000000	/* 3p: often lost */
#define CCND1_START		69000000	/* 11q13 amplicon: CCND1, FGF19, FGF4, FGF3, CTTN */
#define CCND1_END		70600000
#define CDKN2A_START	21800000	/* 9p21: CDKN2A, CDKN2B */
#define CDKN2A_END		22200000

typedef struct seg
{
	int64_t		start,
				end;
	double		mean;
} seg;

typedef struct chrom_segs
{
	seg			s[MAX_SEGS];
	int			n;
} chrom_segs;

/* Set the mean of [a, b] (inside the chromosome), splitting segments. */
static void
overlay(chrom_segs *c, int64_t a, int64_t b, double mean)
{
	chrom_segs	out;

	out.n = 0;
	for (int i = 0; i < c->n && out.n < MAX_SEGS - 2; i++)
	{
		seg			x = c->s[i];

		if (x.end < a || x.start > b)
		{
			out.s[out.n++] = x;
			continue;
		}
		if (x.start < a)
			out.s[out.n++] = (seg) {x.start, a - 1, x.mean};
		if (out.n == 0 || out.s[out.n - 1].end < a)
			out.s[out.n++] = (seg) {a, b, mean};
		if (x.end > b)
			out.s[out.n++] = (seg) {b + 1, x.end, x.mean};
	}
	*c = out;
}

/* Mean rounded to 4 decimals, never printed as -0.0000. */
static double
round4(double v)
{
	v = round(v * 1e4) / 1e4;
	return fabs(v) < 5e-5 ? 0 : v;
}

static bool
is_normal(const ss_entry *e)
{
	return (e->sample_type && strstr(e->sample_type, "Normal")) ||
		(e->sample_id && str_isuffix(e->sample_id, "-11A"));
}

/* One sample's segments onto f; false on a write error. */
static bool
write_sample(FILE *f, const ss_entry *e, uint64_t seed, uint64_t index, long *nsegs)
{
	gen_rng		r;
	bool		normal = is_normal(e);
	bool		gain3q,
				loss3p,
				amp11q,
				del9p,
				deep9p;
	double		noise = normal ? 0.02 : 0.04;

	rng_seed(&r, seed, SEG_STREAM, index);
	/* each sample draws from its own place in the stream */
	gain3q = rng_uniform(&r) < 0.7;
	loss3p = rng_uniform(&r) < 0.5;
	amp11q = rng_uniform(&r) < 0.3;
	del9p = rng_uniform(&r) < 0.5;
	deep9p = rng_uniform(&r) < 0.5;
	for (int c = 1; c <= 23; c++)
	{
		char		num[12],	/* room for any int: GCC checks at -O1 */
					name[4];
		chrom_segs	cs;

		snprintf(num, sizeof(num), "%d", c);
		cn_chrom_normalise(num, name);	/* 23 is X */
		cs.n = 1;
		cs.s[0] = (seg) {10001, cn_chrom_length(CN_BUILD_GRCH38, name) - 10000,
		noise * rng_normal(&r)};
		if (!normal && c == 3 && gain3q)
			overlay(&cs, CHR3_Q_START, cs.s[cs.n - 1].end, 0.45 + 0.08 * rng_normal(&r));
		if (!normal && c == 3 && loss3p)
			overlay(&cs, cs.s[0].start, CHR3_P_END, -0.4 + 0.06 * rng_normal(&r));
		if (!normal && c == 11 && amp11q)
			overlay(&cs, CCND1_START, CCND1_END, 1.3 + 0.25 * rng_normal(&r));
		if (!normal && c == 9 && del9p)
			overlay(&cs, CDKN2A_START, CDKN2A_END,
					deep9p ? -1.6 + 0.2 * rng_normal(&r) : -0.55 + 0.08 * rng_normal(&r));
		for (int i = 0; i < cs.n; i++)
		{
			seg		   *s = &cs.s[i];
			double		probes = (double) (s->end - s->start + 1) / BASES_PER_PROBE;
			long		np = lround(probes * (1 + 0.05 * rng_normal(&r)));

			if (np < 2)
				np = 2;
			if (fprintf(f, "%s\t%s\t%lld\t%lld\t%ld\t%.4f\n", e->sample_id, name,
						(long long) s->start, (long long) s->end, np, round4(s->mean)) < 0)
				return false;
			(*nsegs)++;
		}
	}
	return true;
}

int
gen_segments(const char *dir, uint64_t seed)
{
	char	   *sheet_path = xasprintf("%s/gdc_sample_sheet.tsv", dir);
	char	   *outdir = xasprintf("%s/copy_number", dir);
	char	   *seg_path = xasprintf("%s/data_cna_hg38.seg", outdir);
	char	   *meta_path = xasprintf("%s/meta_cna_hg38_seg.txt", outdir);
	samplesheet *ss = cli_read_samplesheet(sheet_path);
	FILE	   *f = NULL;
	long		nsegs = 0;
	size_t		n;
	bool		ok = false;
	int			rc = ONC_EXIT_IO;

	if (!ss)
		goto done;
	n = samplesheet_count(ss);
	if (n == 0)
	{
		rc = ONC_EXIT_OK;		/* no cohort, no segments */
		goto done;
	}
	if (mkdir(outdir, 0777) != 0 && errno != EEXIST)
	{
		onc_msg(ONC_ERROR, outdir, 0, 0, "could not create directory: %s", strerror(errno));
		goto done;
	}
	if (!(f = fopen(meta_path, "w")))
	{
		onc_msg(ONC_ERROR, meta_path, 0, 0, "could not write: %s", strerror(errno));
		goto done;
	}
	ok = fprintf(f, "cancer_study_identifier: %s\n"
				 "genetic_alteration_type: COPY_NUMBER_ALTERATION\n"
				 "datatype: SEG\n"
				 "reference_genome_id: hg38\n"
				 "description: Synthetic copy-number segments (oncoload generate): 3q gain, "
				 "11q13 (CCND1) amplification and 9p21 (CDKN2A) deletion in tumours.\n"
				 "data_filename: data_cna_hg38.seg\n",
				 samplesheet_entry(ss, 0)->project_id) > 0;
	ok = (fclose(f) == 0) && ok;
	f = NULL;
	if (!ok)
	{
		onc_msg(ONC_ERROR, meta_path, 0, 0, "could not write: %s", strerror(errno));
		goto done;
	}
	if (!(f = fopen(seg_path, "w")))
	{
		onc_msg(ONC_ERROR, seg_path, 0, 0, "could not write: %s", strerror(errno));
		goto done;
	}
	ok = fputs("ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\n", f) >= 0;
	for (size_t i = 0; i < n && ok; i++)
		ok = write_sample(f, samplesheet_entry(ss, i), seed, i, &nsegs);
	ok = (fclose(f) == 0) && ok;
	f = NULL;
	if (!ok)
	{
		onc_msg(ONC_ERROR, seg_path, 0, 0, "could not write: %s", strerror(errno));
		goto done;
	}
	printf("generated %ld copy-number segments of %zu samples in %s\n", nsegs, n, seg_path);
	rc = ONC_EXIT_OK;
done:
	if (f)
		fclose(f);
	samplesheet_free(ss);
	free(sheet_path);
	free(outdir);
	free(seg_path);
	free(meta_path);
	return rc;
}
