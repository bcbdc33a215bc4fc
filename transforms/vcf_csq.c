/*
 * vcf_csq.c: the annotation side of a VCF: the field list of VEP's CSQ and
 * SnpEff's ANN (read from the INFO line's Description), the role of each
 * field, and the HGVS forms the warehouse keeps.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "textutil.h"
#include "vcf.h"

char	  **
vcf_ann_fields(const char *description, int *n)
{
	const char *p,
			   *end;
	char	  **out = NULL;
	char	   *list,
			   *save = NULL;

	*n = 0;
	if (!description)
		return NULL;
	if ((p = strstr(description, "Format:")) != NULL)
	{
		/* VEP: ... Format: Allele|Consequence|...  (up to the closing quote) */
		p += 7;
		end = p + strcspn(p, "\"");
	}
	else if ((p = strchr(description, '\'')) != NULL)
	{
		/* SnpEff: Functional annotations: 'Allele | Annotation | ...' */
		p++;
		end = p + strcspn(p, "'");
	}
	else
		return NULL;
	list = xstrndup(p, (size_t) (end - p));
	for (char *f = strtok_r(list, "|", &save); f; f = strtok_r(NULL, "|", &save))
	{
		out = xrealloc(out, (size_t) (*n + 1) * sizeof(char *));
		out[(*n)++] = xstrdup(str_trim(f));
	}
	free(list);
	if (*n < 2)
	{
		for (int i = 0; i < *n; i++)
			free(out[i]);
		free(out);
		*n = 0;
		return NULL;
	}
	return out;
}

int
vcf_csq_role(const char *name)
{
	static const struct
	{
		const char *name;
		vcf_csq_field role;
	}			roles[] = {
		{"Allele", VCF_CSQ_ALLELE},
		{"Consequence", VCF_CSQ_CONSEQUENCE},
		{"Annotation", VCF_CSQ_CONSEQUENCE},
		{"IMPACT", VCF_CSQ_IMPACT},
		{"Annotation_Impact", VCF_CSQ_IMPACT},
		{"SYMBOL", VCF_CSQ_SYMBOL},
		{"Gene_Name", VCF_CSQ_SYMBOL},
		{"Gene", VCF_CSQ_GENE},
		{"Gene_ID", VCF_CSQ_GENE},
		{"Feature_type", VCF_CSQ_FEATURE_TYPE},
		{"Feature", VCF_CSQ_FEATURE},
		{"Feature_ID", VCF_CSQ_FEATURE},
		{"BIOTYPE", VCF_CSQ_BIOTYPE},
		{"Transcript_BioType", VCF_CSQ_BIOTYPE},
		{"HGVSc", VCF_CSQ_HGVSC},
		{"HGVS.c", VCF_CSQ_HGVSC},
		{"HGVSp", VCF_CSQ_HGVSP},
		{"HGVS.p", VCF_CSQ_HGVSP},
		{"CANONICAL", VCF_CSQ_CANONICAL},
		{"MANE_SELECT", VCF_CSQ_MANE},
		{"MANE", VCF_CSQ_MANE},
		{"PICK", VCF_CSQ_PICK},
		{"ALLELE_NUM", VCF_CSQ_ALLELE_NUM},
		{"SIFT", VCF_CSQ_SIFT},
		{"PolyPhen", VCF_CSQ_POLYPHEN},
		{"Existing_variation", VCF_CSQ_EXISTING},
		{"ENTREZ", VCF_CSQ_ENTREZ},
		{NULL, 0}
	};

	for (int i = 0; roles[i].name; i++)
		if (str_ieq(name, roles[i].name))
			return (int) roles[i].role;
	return -1;
}

const char *
vcf_hgvs_bare(const char *hgvs, char *out, size_t cap)
{
	const char *colon;
	size_t		o = 0;

	if (!hgvs)
		return NULL;
	colon = strchr(hgvs, ':');
	if (colon && (colon[1] == 'c' || colon[1] == 'p' || colon[1] == 'n' || colon[1] == 'g') && colon[2] == '.')
		hgvs = colon + 1;
	for (const char *p = hgvs; *p && o + 1 < cap; p++)
	{
		if (p[0] == '%' && p[1] == '3' && (p[2] == 'D' || p[2] == 'd'))
		{
			out[o++] = '=';
			p += 2;
		}
		else
			out[o++] = *p;
	}
	out[o] = '\0';
	return out;
}

const char *
vcf_hgvsp_short(const char *hgvsp, char *out, size_t cap)
{
	static const char codes[][4] = {
		"Ala", "Arg", "Asn", "Asp", "Cys", "Gln", "Glu", "Gly", "His", "Ile", "Leu", "Lys",
		"Met", "Phe", "Pro", "Ser", "Thr", "Trp", "Tyr", "Val", "Ter", "Sec", "Pyl", "Xaa",
		"Asx", "Glx"
	};
	static const char one[] = "ARNDCQEGHILKMFPSTWYV*UOXBZ";
	char		bare[512];
	const char *p;
	size_t		o = 0;

	if (!hgvsp || !vcf_hgvs_bare(hgvsp, bare, sizeof(bare)) || strncmp(bare, "p.", 2) != 0)
		return NULL;
	for (p = bare; *p && o + 1 < cap;)
	{
		int			hit = -1;

		if (p[0] >= 'A' && p[0] <= 'Z' && p[1] && p[2])
			for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
				if (strncmp(p, codes[i], 3) == 0)
				{
					hit = (int) i;
					break;
				}
		if (hit >= 0)
		{
			out[o++] = one[hit];
			p += 3;
		}
		else
			out[o++] = *p++;
	}
	out[o] = '\0';
	return out;
}
