/*
 * vcf_header.c: opening a VCF or BCF through htslib: a text VCF's header
 * lines are read here (so records keep their line numbers), the build is
 * told from contig lengths or ##reference, the annotation fields from the
 * CSQ/ANN Description, and a --region is opened through the index.  Also
 * the text helpers the reader's files share.  htslib's own log is silenced.
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

/* ------------------------------------------------------------- helpers */

/* "key":"value" (value of vlen bytes) into a JSON object being built. */
void
vcf_json_add(onc_buf *b, const char *key, const char *v, size_t vlen)
{
	buf_puts(b, b->len ? ",\"" : "{\"");
	for (int pass = 0; pass < 2; pass++)
	{
		const char *s = pass ? v : key;
		size_t		n = pass ? vlen : strlen(key);

		for (size_t i = 0; i < n; i++)
		{
			unsigned char c = (unsigned char) s[i];

			if (c == '"' || c == '\\')
			{
				buf_append(b, "\\", 1);
				buf_append(b, &s[i], 1);
			}
			else if (c < 0x20)
				buf_printf(b, "\\u%04x", c);
			else
				buf_append(b, &s[i], 1);
		}
		buf_puts(b, pass ? "\"" : "\":\"");
	}
}

const char *
vcf_json_close(onc_buf *b)
{
	if (b->len == 0)
		return NULL;
	buf_puts(b, "}");
	return b->data;
}

/* The shortest text that reads back as the same float (into t). */
static void
float_text(float f, char *t, size_t cap)
{
	for (int prec = 1; prec <= 9; prec++)
	{
		snprintf(t, cap, "%.*g", prec, (double) f);
		if (strtof(t, NULL) == f)
			break;
	}
}

static void
put_float(onc_buf *b, float f)
{
	char		t[32];

	float_text(f, t, sizeof(t));
	buf_puts(b, t);
}

/* A float as the double its text means: 0.2f becomes 0.2, not 0.200000003. */
double
vcf_float_value(float f)
{
	char		t[32];

	float_text(f, t, sizeof(t));
	return strtod(t, NULL);
}

/*
 * Values of a BCF field (n of the given BCF type at p) as VCF text: comma
 * separated, "." for missing, stopping at the vector end.  Returns false
 * when every value is missing (nothing worth keeping).
 */
bool
vcf_put_values(onc_buf *b, int type, const uint8_t *p, int n)
{
	bool		any = false;
	int			written = 0;

	if (type == BCF_BT_CHAR)
	{
		int			len = 0;

		while (len < n && p[len])
			len++;
		if (len == 0 || (len == 1 && p[0] == '.'))
			return false;
		buf_append(b, p, (size_t) len);
		return true;
	}
	for (int i = 0; i < n; i++)
	{
		int64_t		iv = 0;
		bool		missing = false,
					end = false;
		float		fv = 0;

		switch (type)
		{
			case BCF_BT_INT8:
				iv = (int8_t) p[i];
				missing = iv == bcf_int8_missing;
				end = iv == bcf_int8_vector_end;
				break;
			case BCF_BT_INT16:
				iv = le_to_i16(p + 2 * i);
				missing = iv == bcf_int16_missing;
				end = iv == bcf_int16_vector_end;
				break;
			case BCF_BT_INT32:
				iv = le_to_i32(p + 4 * i);
				missing = iv == bcf_int32_missing;
				end = iv == bcf_int32_vector_end;
				break;
			case BCF_BT_FLOAT:
				fv = le_to_float(p + 4 * i);
				missing = bcf_float_is_missing(fv);
				end = bcf_float_is_vector_end(fv);
				break;
			default:
				return any;
		}
		if (end)
			break;
		if (written++)
			buf_puts(b, ",");
		if (missing)
			buf_puts(b, ".");
		else if (type == BCF_BT_FLOAT)
		{
			put_float(b, fv);
			any = true;
		}
		else
		{
			buf_printf(b, "%lld", (long long) iv);
			any = true;
		}
	}
	return any;
}

/* ---------------------------------------------------------------- header */

/* Chromosome lengths that tell the builds apart. */
static const struct
{
	const char *chrom;
	int64_t		len37,
				len38;
}			chrom_lengths[] = {
	{"1", 249250621, 248956422},
	{"2", 243199373, 242193529},
	{"17", 81195210, 83257441},
	{"X", 155270560, 156040895},
	{"22", 51304566, 50818468},
	{NULL, 0, 0}
};

/* A build named somewhere in text: GRCh37/GRCh38, or "" for a known other. */
static const char *
build_in_text(const char *text)
{
	static const char *const b38[] = {"grch38", "hg38", "b38", NULL};
	static const char *const other[] = {"ncbi36", "hg18", "b36", "grch36", NULL};
	static const char *const b37[] = {"grch37", "hg19", "b37", "hs37d5", "g1k_v37", "ncbi37", NULL};
	char	   *low = xstrdup(text);
	const char *found = NULL;

	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char) (*p - 'A' + 'a');
	for (int i = 0; !found && b38[i]; i++)
		if (strstr(low, b38[i]))
			found = "GRCh38";
	for (int i = 0; !found && other[i]; i++)
		if (strstr(low, other[i]))
			found = "";
	for (int i = 0; !found && b37[i]; i++)
		if (strstr(low, b37[i]))
			found = "GRCh37";
	free(low);
	return found;
}

static const char *
hrec_val(const bcf_hrec_t *h, const char *key)
{
	for (int i = 0; i < h->nkeys; i++)
		if (strcmp(h->keys[i], key) == 0)
			return h->vals[i];
	return NULL;
}

static void
detect_build(vcf_reader *r)
{
	vcf_info   *in = &r->info;
	const char *from_len = NULL,
			   *from_asm = NULL,
			   *from_ref = NULL;
	char	   *ref_text = NULL;

	for (int i = 0; i < r->hdr->nhrec; i++)
	{
		const bcf_hrec_t *h = r->hdr->hrec[i];

		if (h->type == BCF_HL_CTG)
		{
			const char *id = hrec_val(h, "ID"),
					   *len = hrec_val(h, "length"),
					   *as = hrec_val(h, "assembly");
			char		c[64];

			if (id && len && maf_chrom_norm(id, c, sizeof(c)) && !from_len)
				for (int k = 0; chrom_lengths[k].chrom; k++)
					if (strcmp(c, chrom_lengths[k].chrom) == 0)
					{
						long long	l = atoll(len);

						if (l == chrom_lengths[k].len37)
							from_len = "GRCh37";
						else if (l == chrom_lengths[k].len38)
							from_len = "GRCh38";
					}
			if (as && !from_asm)
			{
				const char *b = build_in_text(as);

				if (b && *b)
					from_asm = b;
			}
		}
		else if (h->type == BCF_HL_GEN && h->value &&
				 (strcmp(h->key, "reference") == 0 || strcmp(h->key, "assembly") == 0))
		{
			const char *b = build_in_text(h->value);

			if (b && *b && !from_ref)
				from_ref = b;
			else if (b && !*b && !ref_text)
				ref_text = h->value;
		}
	}
	if (from_len)
	{
		in->build = from_len;
		in->build_from = "contig lengths";
	}
	else if (from_asm)
	{
		in->build = from_asm;
		in->build_from = "contig assembly";
	}
	else if (from_ref)
	{
		in->build = from_ref;
		in->build_from = "##reference";
	}
	else if (ref_text)
		in->build_text = xstrdup(ref_text);
}

static void
read_header_info(vcf_reader *r)
{
	vcf_info   *in = &r->info;
	int			ns = bcf_hdr_nsamples(r->hdr);

	in->nsamples = ns;
	in->samples = xcalloc((size_t) (ns ? ns : 1), sizeof(char *));
	in->sample_names = xcalloc((size_t) (ns ? ns : 1), sizeof(char *));
	for (int s = 0; s < ns; s++)
	{
		bcf_hrec_t *h;

		in->samples[s] = xstrdup(r->hdr->samples[s]);
		h = bcf_hdr_get_hrec(r->hdr, BCF_HL_STR, "ID", r->hdr->samples[s], "SAMPLE");
		if (h && hrec_val(h, "NAME"))
			in->sample_names[s] = xstrdup(hrec_val(h, "NAME"));
	}
	for (int i = 0; i < r->hdr->nhrec; i++)
	{
		const bcf_hrec_t *h = r->hdr->hrec[i];

		if (h->type != BCF_HL_GEN || !h->value)
			continue;
		if (strcmp(h->key, "source") == 0 && !in->source)
			in->source = xstrdup(h->value);
		else if (strcmp(h->key, "reference") == 0 && !in->reference)
			in->reference = xstrdup(h->value);
	}
	in->fileformat = bcf_hdr_get_version(r->hdr);
	detect_build(r);
	/* annotations: VEP's CSQ, else SnpEff's ANN */
	for (int k = 0; k < 2 && !in->annotation; k++)
	{
		const char *tag = k == 0 ? "CSQ" : "ANN";
		bcf_hrec_t *h = bcf_hdr_get_hrec(r->hdr, BCF_HL_INFO, "ID", tag, NULL);
		const char *desc = h ? hrec_val(h, "Description") : NULL;

		if (!desc || !(in->ann_fields = vcf_ann_fields(desc, &in->nann_fields)))
			continue;
		in->annotation = k == 0 ? "vep-csq" : "snpeff-ann";
		r->ann_tag = tag;
		r->ann_role = xcalloc((size_t) in->nann_fields, sizeof(int));
		for (int f = 0; f < in->nann_fields; f++)
		{
			r->ann_role[f] = vcf_csq_role(in->ann_fields[f]);
			/* a field name seen twice keeps its first role */
			for (int g = 0; g < f && r->ann_role[f] >= 0; g++)
				if (r->ann_role[g] == r->ann_role[f])
					r->ann_role[f] = -1;
		}
		r->ann_cells = xcalloc((size_t) in->nann_fields + 1, sizeof(char *));
	}
}

/* Why htslib refused a header: a message for the #CHROM line at lineno. */
static char *
header_problem(const char *chrom_line, long lineno)
{
	if (!strchr(chrom_line, '\t'))
		return xasprintf("%ld: the #CHROM line does not separate its columns with tabs", lineno);
	if (strncmp(chrom_line, "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO", 38) != 0)
		return xasprintf("%ld: the #CHROM line does not name the eight fixed columns, tab-separated", lineno);
	if (strcmp(chrom_line + 38, "\tFORMAT") == 0)
		return xasprintf("%ld: the #CHROM line has a FORMAT column but no samples", lineno);
	return xasprintf("%ld: the VCF header could not be parsed", lineno);
}

/* Read a text VCF's header lines ourselves, counting them. */
static int
read_text_header(vcf_reader *r, char **err)
{
	kstring_t	text = {0, 0, NULL};
	int			ret;
	char	   *chrom_line = NULL;

	for (;;)
	{
		ret = hts_getline(r->fp, KS_SEP_LINE, &r->line);
		if (ret < -1)
		{
			*err = xasprintf("%ld: read error (a corrupt or truncated file)", r->lineno + 1);
			goto fail;
		}
		if (ret == -1)
		{
			*err = r->lineno == 0 ? xstrdup("the file is empty") :
				xasprintf("%ld: no #CHROM header line before the end of the file", r->lineno);
			goto fail;
		}
		r->lineno++;
		if (r->line.l > 0 && r->line.s[r->line.l - 1] == '\r')
			r->line.s[--r->line.l] = '\0';
		if (r->line.l < 1 || r->line.s[0] != '#')
		{
			*err = r->lineno == 1 ? xstrdup("1: not a VCF: the first line is not a ## header line") :
				xasprintf("%ld: no #CHROM header line before the records", r->lineno);
			goto fail;
		}
		kputsn(r->line.s, r->line.l, &text);
		kputc('\n', &text);
		if (strncmp(r->line.s, "#CHROM", 6) == 0)
		{
			chrom_line = xstrdup(r->line.s);
			break;
		}
		if (r->lineno == 1 && strncmp(r->line.s, "##fileformat=VCF", 16) != 0)
		{
			*err = xstrdup("1: not a VCF: the first line is not ##fileformat=VCF...");
			goto fail;
		}
	}
	r->info.header_lines = r->lineno;
	r->hdr = bcf_hdr_init("r");
	if (!r->hdr || bcf_hdr_parse(r->hdr, text.s) < 0)
	{
		*err = header_problem(chrom_line, r->lineno);
		goto fail;
	}
	free(text.s);
	free(chrom_line);
	return 0;
fail:
	free(text.s);
	free(chrom_line);
	return -1;
}

/* "chr17:7,661,779-7,687,538" through the index; 0 or -1. */
static int
open_region(vcf_reader *r, const char *region, char **err)
{
	char	   *reg = xmalloc(strlen(region) + 4);
	char	   *o = reg;
	char		name[64],
				alt[80];
	size_t		nlen;

	for (const char *p = region; *p; p++)
		if (*p != ',' && *p != '_')
			*o++ = *p;
	*o = '\0';
	if (r->is_bcf)
		r->idx = bcf_index_load3(r->path, NULL, HTS_IDX_SILENT_FAIL);
	else
		r->tbx = tbx_index_load3(r->path, NULL, HTS_IDX_SILENT_FAIL);
	if (!r->idx && !r->tbx)
	{
		*err = xstrdup("--region needs an index beside the file (.tbi or .csi; make one with bcftools index or tabix)");
		free(reg);
		return -1;
	}
	/* the contig as the file names it: with or without "chr" */
	nlen = strcspn(reg, ":");
	snprintf(name, sizeof(name), "%.*s", (int) (nlen < 63 ? nlen : 63), reg);
	if ((r->tbx ? tbx_name2id(r->tbx, name) : bcf_hdr_name2id(r->hdr, name)) < 0)
	{
		if (str_iprefix(name, "chr"))
			snprintf(alt, sizeof(alt), "%s%s", name + 3, reg + nlen);
		else
			snprintf(alt, sizeof(alt), "chr%s%s", name, reg + nlen);
		if (strlen(alt) < strlen(reg) + 4)
			strcpy(reg, alt);
	}
	r->itr = r->tbx ? tbx_itr_querys(r->tbx, reg) : bcf_itr_querys(r->idx, r->hdr, reg);
	if (!r->itr)
	{
		*err = xasprintf("--region \"%s\": not a region of this file (unknown contig or bad range)", region);
		free(reg);
		return -1;
	}
	free(reg);
	r->info.indexed = true;
	return 0;
}

vcf_reader *
vcf_reader_open(const char *path, const char *region, char **err, bool *is_io)
{
	vcf_reader *r;
	const htsFormat *fmt;

	*err = NULL;
	*is_io = false;
	hts_set_log_level(HTS_LOG_OFF);
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	buf_init(&r->filter);
	buf_init(&r->info_json);
	buf_init(&r->csq_extra);
	buf_init(&r->call_extra);
	buf_init(&r->scratch);
	errno = 0;
	r->fp = hts_open(path, "r");
	if (!r->fp)
	{
		*err = xasprintf("cannot open: %s", strerror(errno ? errno : EINVAL));
		*is_io = errno == ENOENT || errno == EACCES || errno == EISDIR || errno == EIO;
		vcf_reader_close(r);
		return NULL;
	}
	fmt = hts_get_format(r->fp);
	if (fmt->format == empty_format)
	{
		*err = xstrdup("the file is empty");
		vcf_reader_close(r);
		return NULL;
	}
	if (fmt->format == bcf)
	{
		r->is_bcf = true;
		r->info.format = "bcf";
		r->hdr = bcf_hdr_read(r->fp);
		if (!r->hdr)
		{
			*err = xstrdup("the BCF header could not be read (a corrupt or truncated file)");
			vcf_reader_close(r);
			return NULL;
		}
	}
	else if (fmt->format == vcf || fmt->format == text_format || fmt->format == unknown_format)
	{
		r->info.format = fmt->compression == bgzf ? "vcf-bgzf" : fmt->compression == gzip ? "vcf-gzip" : "vcf";
		if (read_text_header(r, err) < 0)
		{
			vcf_reader_close(r);
			return NULL;
		}
	}
	else
	{
		char	   *what = hts_format_description(fmt);

		*err = xasprintf("not a VCF or BCF file (htslib sees %s)", what ? what : "another format");
		free(what);
		vcf_reader_close(r);
		return NULL;
	}
	r->rec = bcf_init();
	read_header_info(r);
	if (region && open_region(r, region, err) < 0)
	{
		vcf_reader_close(r);
		return NULL;
	}
	return r;
}

const vcf_info *
vcf_reader_info(const vcf_reader *r)
{
	return &r->info;
}

void
vcf_reader_close(vcf_reader *r)
{
	vcf_info   *in;

	if (!r)
		return;
	in = &r->info;
	if (r->itr)
		hts_itr_destroy(r->itr);
	if (r->tbx)
		tbx_destroy(r->tbx);
	if (r->idx)
		hts_idx_destroy(r->idx);
	if (r->rec)
		bcf_destroy(r->rec);
	if (r->hdr)
		bcf_hdr_destroy(r->hdr);
	if (r->fp)
		hts_close(r->fp);
	for (int s = 0; s < in->nsamples; s++)
	{
		free(in->samples[s]);
		free(in->sample_names[s]);
	}
	free(in->samples);
	free(in->sample_names);
	for (int f = 0; f < in->nann_fields; f++)
		free(in->ann_fields[f]);
	free(in->ann_fields);
	free(in->source);
	free(in->reference);
	free(in->build_text);
	free(r->ann_role);
	free(r->ann_cells);
	for (int i = 0; i < r->capalt; i++)
	{
		maf_variant_free(&r->cur.alt[i].var);
		free(r->cur.alt[i].csq);
	}
	free(r->cur.alt);
	free(r->csq);
	free(r->csq_extra_off);
	free(r->ann_str);
	free(r->af);
	free(r->gt);
	free(r->dp);
	free(r->ad);
	free(r->gq);
	free(r->gqf);
	free(r->fmt_af);
	if (r->ft)
	{
		free(r->ft[0]);
		free(r->ft);
	}
	free(r->line.s);
	buf_free(&r->filter);
	buf_free(&r->info_json);
	buf_free(&r->csq_extra);
	buf_free(&r->call_extra);
	buf_free(&r->scratch);
	free(r->path);
	free(r);
}
