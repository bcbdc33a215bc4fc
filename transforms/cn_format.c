/*
 * cn_format.c: what the copy-number reader and loader share about genome
 * builds, chromosomes and their lengths, measures, discrete calls and
 * format names (see cn_format.h).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cn_format.h"
#include "onc.h"
#include "textutil.h"

/* ---- genome builds ---- */

cn_build
cn_build_parse(const char *s)
{
	static const char *const b37[] = {"hg19", "37", "b37", "hs37d5", NULL};
	static const char *const b38[] = {"hg38", "38", "b38", NULL};

	if (!s)
		return CN_BUILD_UNKNOWN;
	while (*s == ' ' || *s == '\t')
		s++;
	/* GRCh37, GRCh37-lite, GRCh37.p13 ... */
	if (str_iprefix(s, "grch37"))
		return CN_BUILD_GRCH37;
	if (str_iprefix(s, "grch38"))
		return CN_BUILD_GRCH38;
	for (int i = 0; b37[i]; i++)
		if (str_ieq(s, b37[i]))
			return CN_BUILD_GRCH37;
	for (int i = 0; b38[i]; i++)
		if (str_ieq(s, b38[i]))
			return CN_BUILD_GRCH38;
	return CN_BUILD_UNKNOWN;
}

const char *
cn_build_name(cn_build b)
{
	switch (b)
	{
		case CN_BUILD_GRCH37:
			return "GRCh37";
		case CN_BUILD_GRCH38:
			return "GRCh38";
		default:
			return NULL;
	}
}

/* True when word occurs in s (lower case) with no letter or digit around it. */
static bool
has_word(const char *s, const char *word)
{
	size_t		n = strlen(word);

	for (const char *p = strstr(s, word); p; p = strstr(p + 1, word))
	{
		bool		left = p == s || !isalnum((unsigned char) p[-1]);
		bool		right = !isalnum((unsigned char) p[n]);

		if (left && right)
			return true;
	}
	return false;
}

cn_build
cn_build_from_file_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	char	   *lower = xstrdup(slash ? slash + 1 : path);
	cn_build	b = CN_BUILD_UNKNOWN;

	for (char *p = lower; *p; p++)
		*p = (char) tolower((unsigned char) *p);
	if (has_word(lower, "hg19") || has_word(lower, "grch37"))
		b = CN_BUILD_GRCH37;
	else if (has_word(lower, "hg38") || has_word(lower, "grch38"))
		b = CN_BUILD_GRCH38;
	free(lower);
	return b;
}

/* ---- chromosomes ---- */

/* Lengths of 1..22, X, Y in GRCh37 and GRCh38 (the primary assemblies). */
static const int64_t chrom_len[2][24] = {
	{249250621, 243199373, 198022430, 191154276, 180915260, 171115067,
		159138663, 146364022, 141213431, 135534747, 135006516, 133851895,
		115169878, 107349540, 102531392, 90354753, 81195210, 78077248,
	59128983, 63025520, 48129895, 51304566, 155270560, 59373566},
	{248956422, 242193529, 198295559, 190214555, 181538259, 170805979,
		159345973, 145138636, 138394717, 133797422, 135086622, 133275309,
		114364328, 107043718, 101991189, 90338345, 83257441, 80373285,
	58617616, 64444167, 46709983, 50818468, 156040895, 57227415}
};

bool
cn_chrom_normalise(const char *in, char out[4])
{
	const char *p = in;
	char	   *end;
	long		n;

	out[0] = '\0';
	if (!p)
		return false;
	if (str_iprefix(p, "chr"))
		p += 3;
	if ((p[0] == 'X' || p[0] == 'x') && p[1] == '\0')
	{
		strcpy(out, "X");
		return true;
	}
	if ((p[0] == 'Y' || p[0] == 'y') && p[1] == '\0')
	{
		strcpy(out, "Y");
		return true;
	}
	if (!isdigit((unsigned char) p[0]) || p[0] == '0')
		return false;
	n = strtol(p, &end, 10);
	if (*end != '\0' || n < 1 || n > 24)
		return false;
	if (n == 23)
		strcpy(out, "X");
	else if (n == 24)
		strcpy(out, "Y");
	else
		snprintf(out, 4, "%ld", n);
	return true;
}

int64_t
cn_chrom_length(cn_build b, const char *chrom)
{
	int			i;

	if (b != CN_BUILD_GRCH37 && b != CN_BUILD_GRCH38)
		return 0;
	if (strcmp(chrom, "X") == 0)
		i = 22;
	else if (strcmp(chrom, "Y") == 0)
		i = 23;
	else
	{
		i = atoi(chrom) - 1;
		if (i < 0 || i > 21)
			return 0;
	}
	return chrom_len[b == CN_BUILD_GRCH38][i];
}

/* ---- measures ---- */

static const struct
{
	cn_measure	m;
	const char *name;
	const char *aliases[6];
}			measures[] =
{
	{CN_M_DISCRETE, "cn_discrete", {"discrete", "gistic", "cna", "discrete_long", NULL}},
	{CN_M_LOG2, "cn_log2", {"log2", "log2cna", "log2-value", "log2_value", NULL}},
	{CN_M_CONTINUOUS, "cn_continuous", {"continuous", "linear", "linear_cna", NULL}},
	{CN_M_ABSOLUTE, "cn_absolute", {"absolute", "copy_number", NULL}},
	{CN_M_ABSOLUTE_MIN, "cn_absolute_min", {"min_copy_number", NULL}},
	{CN_M_ABSOLUTE_MAX, "cn_absolute_max", {"max_copy_number", NULL}},
};
#define N_MEASURES (sizeof(measures) / sizeof(measures[0]))

const char *
cn_measure_name(cn_measure m)
{
	for (size_t i = 0; i < N_MEASURES; i++)
		if (measures[i].m == m)
			return measures[i].name;
	return NULL;
}

cn_measure
cn_measure_from_name(const char *name)
{
	if (!name)
		return CN_M_NONE;
	for (size_t i = 0; i < N_MEASURES; i++)
	{
		if (str_ieq(name, measures[i].name))
			return measures[i].m;
		for (int k = 0; measures[i].aliases[k]; k++)
			if (str_ieq(name, measures[i].aliases[k]))
				return measures[i].m;
	}
	return CN_M_NONE;
}

int
cn_parse_discrete(const char *s, double *out)
{
	char		buf[32];
	size_t		n;
	double		d;

	*out = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n == 0 || (n == 2 && strncmp(s, "NA", 2) == 0))
		return NUM_MISSING;
	if (n >= sizeof(buf))
		return NUM_INVALID;
	memcpy(buf, s, n);
	buf[n] = '\0';
	/* other missing-value tokens (N/A, NaN, null) are not allowed here */
	if (num_is_missing_token(buf) || num_parse_double(buf, &d) != NUM_OK)
		return NUM_INVALID;
	if (d != -2 && d != -1.5 && d != -1 && d != 0 && d != 1 && d != 2)
		return NUM_INVALID;
	*out = d == 0 ? 0 : d;		/* no -0 */
	return NUM_OK;
}

/* ---- formats ---- */

static const struct
{
	cn_format	f;
	const char *name;
	bool		segment;
}			formats[] =
{
	{CN_FMT_GDC_SEG, "gdc-seg", true},
	{CN_FMT_GDC_ASCAT_SEG, "gdc-ascat-seg", true},
	{CN_FMT_FIREHOSE_SEG, "firehose-seg", true},
	{CN_FMT_CBIO_SEG, "cbioportal-seg", true},
	{CN_FMT_DNACOPY_SEG, "dnacopy-seg", true},
	{CN_FMT_CBIO_MATRIX, "cbioportal-cna-matrix", false},
	{CN_FMT_CBIO_LONG, "cbioportal-cna-long", false},
	{CN_FMT_GDC_GENE, "gdc-gene-level", false},
	{CN_FMT_GISTIC_GENES, "gistic-genes", false},
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

const char *
cn_format_name(cn_format f)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (formats[i].f == f)
			return formats[i].name;
	return "unknown";
}

cn_format
cn_format_from_name(const char *name)
{
	for (size_t i = 0; name && i < N_FORMATS; i++)
		if (str_ieq(name, formats[i].name))
			return formats[i].f;
	return CN_FMT_UNKNOWN;
}

bool
cn_format_is_segment(cn_format f)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (formats[i].f == f)
			return formats[i].segment;
	return false;
}
