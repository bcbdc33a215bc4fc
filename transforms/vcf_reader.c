/*
 * vcf_reader.c: VCF/BCF records, split into alternate alleles in MAF
 * coordinates, with per-allele call counts and CSQ/ANN entries matched to
 * their alleles (see vcf.h).  A text VCF's lines are parsed by vcf_parse(),
 * so that a bad record is one reject with its line, not the end of the file.
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

#include "progress.h"
#include "textutil.h"
#include "vcf_internal.h"

/* ---------------------------------------------------------------- records */

static void
set_error(vcf_record *rec, const char *code, const char *fmt,...)
	__attribute__((format(printf, 3, 4)));

static void
set_error(vcf_record *rec, const char *code, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(rec->error, sizeof(rec->error), fmt, ap);
	va_end(ap);
	rec->error_code = code;
}

static const char *
parse_problem(int errcode)
{
	if (errcode & BCF_ERR_NCOLS)
		return "the number of columns does not match the samples of the header";
	if (errcode & BCF_ERR_CHAR)
		return "an invalid character in a field";
	if (errcode & BCF_ERR_LIMITS)
		return "a value beyond htslib's limits";
	if (errcode & BCF_ERR_CTG_INVALID)
		return "an invalid chromosome name";
	if (errcode & BCF_ERR_TAG_INVALID)
		return "an invalid INFO or FORMAT tag, or a value that does not fit its header type";
	return "the record could not be parsed";
}

static bool
symbolic(const char *a)
{
	return a[0] == '<' || strchr(a, '[') || strchr(a, ']') || a[0] == '.' ||
		(a[0] && a[strlen(a) - 1] == '.');
}

/* The FILTER column as text, or NULL for "." */
static const char *
filter_text(vcf_reader *r)
{
	bcf1_t	   *v = r->rec;

	if (v->d.n_flt == 0)
		return NULL;
	buf_reset(&r->filter);
	for (int i = 0; i < v->d.n_flt; i++)
	{
		if (i)
			buf_puts(&r->filter, ";");
		buf_puts(&r->filter, bcf_hdr_int2id(r->hdr, BCF_DT_ID, v->d.flt[i]));
	}
	return r->filter.data;
}

static const char *
info_text(vcf_reader *r)
{
	bcf1_t	   *v = r->rec;

	buf_reset(&r->info_json);
	for (int i = 0; i < v->n_info; i++)
	{
		const bcf_info_t *in = &v->d.info[i];
		const char *key;

		if (!in->vptr && in->len > 0)
			continue;
		key = bcf_hdr_int2id(r->hdr, BCF_DT_ID, in->key);
		if (r->ann_tag && strcmp(key, r->ann_tag) == 0)
			continue;
		buf_reset(&r->scratch);
		if (in->len == 0 || in->type == BCF_BT_NULL)
			buf_puts(&r->scratch, "true");	/* a flag */
		else if (!vcf_put_values(&r->scratch, in->type, in->vptr, in->len))
			continue;
		vcf_json_add(&r->info_json, key, r->scratch.data, r->scratch.len);
	}
	return vcf_json_close(&r->info_json);
}

/* Does the annotation allele name ALT i (1-based)? */
static bool
allele_matches(vcf_reader *r, const char *a, int i, bool shared_first)
{
	const char *ref = r->rec->d.allele[0];
	const char *alt = r->rec->d.allele[i];
	size_t		k = 0;

	if (str_ieq(a, alt))
		return true;
	/* VEP drops a first base every allele shares */
	if (shared_first)
		return (alt[1] ? str_ieq(a, alt + 1) : strcmp(a, "-") == 0);
	/* or the bases shared with REF (VEP --minimal) */
	while (ref[k] && alt[k] && (ref[k] | 0x20) == (alt[k] | 0x20))
		k++;
	return k > 0 && (alt[k] ? str_ieq(a, alt + k) : strcmp(a, "-") == 0);
}

static void
allele_add_csq(vcf_allele *al, int e)
{
	if (al->ncsq == al->capcsq)
	{
		al->capcsq = al->capcsq ? al->capcsq * 2 : 8;
		al->csq = xrealloc(al->csq, (size_t) al->capcsq * sizeof(int));
	}
	al->csq[al->ncsq++] = e;
}

/* The preferred entry: PICK, else MANE Select, else canonical, else the most severe. */
static int
preferred_csq(const vcf_record *rec, const vcf_allele *al)
{
	int			best = -1,
				best_rank = 1 << 30;

	for (int pass = 0; pass < 3; pass++)
		for (int j = 0; j < al->ncsq; j++)
		{
			const vcf_csq *c = &rec->csq[al->csq[j]];

			if ((pass == 0 && c->f[VCF_CSQ_PICK] && strcmp(c->f[VCF_CSQ_PICK], "1") == 0) ||
				(pass == 1 && c->f[VCF_CSQ_MANE]) ||
				(pass == 2 && c->f[VCF_CSQ_CANONICAL] && str_ieq(c->f[VCF_CSQ_CANONICAL], "YES")))
				return j;
		}
	for (int j = 0; j < al->ncsq; j++)
	{
		const char *cons = rec->csq[al->csq[j]].f[VCF_CSQ_CONSEQUENCE];
		int			rank = 1 << 29;

		for (const char *p = cons; p && *p;)
		{
			size_t		n = strcspn(p, "&,");
			int			k = maf_so_rank(p, n);

			if (k < rank)
				rank = k;
			p += n;
			if (*p)
				p++;
		}
		if (rank < best_rank)
		{
			best = j;
			best_rank = rank;
		}
	}
	return best;
}

/* Split the record's CSQ/ANN into entries and give them to the alleles. */
static void
read_annotations(vcf_reader *r)
{
	vcf_record *rec = &r->cur;
	bcf1_t	   *v = r->rec;
	int			n,
				nf = r->info.nann_fields;
	bool		shared_first = true;
	char	   *save = NULL;

	rec->ncsq = 0;
	if (!r->ann_tag || (n = bcf_get_info_string(r->hdr, v, r->ann_tag, &r->ann_str, &r->nann_str)) <= 0)
		return;
	for (int i = 1; i < v->n_allele && shared_first; i++)
		shared_first = (v->d.allele[i][0] | 0x20) == (v->d.allele[0][0] | 0x20) && v->d.allele[i][0] != '<';
	buf_reset(&r->csq_extra);
	for (char *entry = strtok_r(r->ann_str, ",", &save); entry; entry = strtok_r(NULL, ",", &save))
	{
		vcf_csq    *c;
		int			nc = 0;
		char	   *p = entry;
		onc_buf		one;

		if (rec->ncsq == r->capcsq)
		{
			r->capcsq = r->capcsq ? r->capcsq * 2 : 16;
			r->csq = xrealloc(r->csq, (size_t) r->capcsq * sizeof(vcf_csq));
			r->csq_extra_off = xrealloc(r->csq_extra_off, (size_t) r->capcsq * sizeof(size_t));
		}
		c = &r->csq[rec->ncsq];
		memset(c, 0, sizeof(*c));
		for (;;)
		{
			char	   *bar = strchr(p, '|');

			if (nc < nf)
				r->ann_cells[nc++] = p;
			if (!bar)
				break;
			*bar = '\0';
			p = bar + 1;
		}
		buf_init(&one);
		for (int f = 0; f < nc; f++)
		{
			char	   *val = str_trim(r->ann_cells[f]);

			if (!*val)
				continue;
			if (r->ann_role[f] >= 0)
				c->f[r->ann_role[f]] = val;
			else
				vcf_json_add(&one, r->info.ann_fields[f], val, strlen(val));
		}
		if (vcf_json_close(&one))
		{
			r->csq_extra_off[rec->ncsq] = r->csq_extra.len;
			buf_append(&r->csq_extra, one.data, one.len + 1);
		}
		else
			r->csq_extra_off[rec->ncsq] = SIZE_MAX;
		buf_free(&one);
		/* the allele: ALLELE_NUM, else the allele text */
		if (c->f[VCF_CSQ_ALLELE_NUM])
		{
			int			k = atoi(c->f[VCF_CSQ_ALLELE_NUM]);

			if (k >= 1 && k < v->n_allele)
				c->allele = k;
		}
		for (int i = 1; !c->allele && c->f[VCF_CSQ_ALLELE] && i < v->n_allele; i++)
			if (allele_matches(r, c->f[VCF_CSQ_ALLELE], i, shared_first))
				c->allele = i;
		if (!c->allele && v->n_allele == 2)
			c->allele = 1;
		rec->ncsq++;
	}
	for (int e = 0; e < rec->ncsq; e++)
	{
		vcf_csq    *c = &r->csq[e];

		c->extra = r->csq_extra_off[e] == SIZE_MAX ? NULL : r->csq_extra.data + r->csq_extra_off[e];
		if (c->allele)
			allele_add_csq(&rec->alt[c->allele - 1], e);
	}
	rec->csq = r->csq;
	for (int i = 0; i < rec->nalt; i++)
		rec->alt[i].preferred = rec->alt[i].ncsq ? preferred_csq(rec, &rec->alt[i]) : -1;
}

/* Count the samples' calls of each allele (GT). */
static void
count_calls(vcf_reader *r)
{
	vcf_record *rec = &r->cur;
	int			ns = r->info.nsamples;
	int			n;

	r->gt_per = 0;
	if (ns == 0)
		return;
	n = bcf_get_genotypes(r->hdr, r->rec, &r->gt, &r->ngt);
	if (n > 0)
		r->gt_per = n / ns;
	for (int s = 0; s < ns; s++)
	{
		int			missing = 0,
					called = 0,
					nonref = 0;
		int32_t    *g = r->gt_per ? r->gt + (size_t) s * r->gt_per : NULL;

		for (int j = 0; j < r->gt_per; j++)
		{
			if (g[j] == bcf_int32_vector_end)
				break;
			if (bcf_gt_is_missing(g[j]))
				missing++;
			else
			{
				called++;
				if (bcf_gt_allele(g[j]) != 0)
					nonref++;
			}
		}
		for (int i = 0; i < rec->nalt; i++)
		{
			vcf_allele *al = &rec->alt[i];
			bool		carrier = false;

			for (int j = 0; j < r->gt_per && !carrier; j++)
			{
				if (g[j] == bcf_int32_vector_end)
					break;
				carrier = !bcf_gt_is_missing(g[j]) && bcf_gt_allele(g[j]) == al->index;
			}
			if (carrier)
				al->carriers++;
			else if (missing > 0 || called == 0)
				al->no_call++;
			else if (nonref == 0)
				al->hom_ref++;
			else
				al->other++;
		}
	}
}

/* Fill r->cur from the parsed r->rec. */
static void
take_record(vcf_reader *r)
{
	vcf_record *rec = &r->cur;
	bcf1_t	   *v = r->rec;
	const char *ref;
	int			naf;

	if (bcf_unpack(v, BCF_UN_ALL) < 0)
	{
		set_error(rec, "malformed_record", "the record could not be unpacked");
		return;
	}
	if (!maf_chrom_norm(bcf_seqname_safe(r->hdr, v), rec->chrom, sizeof(rec->chrom)))
	{
		set_error(rec, "invalid_chromosome", "invalid chromosome \"%.40s\"", bcf_seqname_safe(r->hdr, v));
		return;
	}
	rec->pos = v->pos + 1;
	if (rec->pos < 1)
	{
		set_error(rec, "invalid_position", "POS %lld is not a position MAF coordinates can hold",
				  (long long) rec->pos);
		return;
	}
	rec->id = v->d.id && strcmp(v->d.id, ".") != 0 ? v->d.id : NULL;
	rec->has_qual = !bcf_float_is_missing(v->qual);
	rec->qual = v->qual;
	rec->filter = filter_text(r);
	ref = v->d.allele[0];
	rec->ref = ref;
	if (!maf_bases_ok(ref))
	{
		set_error(rec, "invalid_allele", "REF \"%.40s\" is not A, C, G, T or N", ref);
		return;
	}
	rec->nalt = v->n_allele - 1;
	if (rec->nalt > r->capalt)
	{
		rec->alt = xrealloc(rec->alt, (size_t) rec->nalt * sizeof(vcf_allele));
		for (int i = r->capalt; i < rec->nalt; i++)
		{
			memset(&rec->alt[i], 0, sizeof(vcf_allele));
			maf_variant_init(&rec->alt[i].var);
		}
		r->capalt = rec->nalt;
	}
	naf = bcf_get_info_float(r->hdr, v, "AF", &r->af, &r->naf);
	for (int i = 0; i < rec->nalt; i++)
	{
		vcf_allele *al = &rec->alt[i];
		const char *a = v->d.allele[i + 1];

		al->index = i + 1;
		al->carriers = al->hom_ref = al->no_call = al->other = 0;
		al->ncsq = 0;
		al->preferred = -1;
		al->has_af = naf > i && !bcf_float_is_missing(r->af[i]) && !bcf_float_is_vector_end(r->af[i]);
		al->af = al->has_af ? vcf_float_value(r->af[i]) : 0;
		if (strcmp(a, "*") == 0)
			al->status = VCF_ALLELE_STAR;
		else if (symbolic(a))
			al->status = VCF_ALLELE_SYMBOLIC;
		else if (!maf_bases_ok(a))
		{
			set_error(rec, "invalid_allele", "ALT \"%.40s\" is not A, C, G, T or N", a);
			return;
		}
		else if (maf_normalise(rec->pos, ref, a, &al->var) < 0)
			al->status = VCF_ALLELE_NO_CHANGE;
		else
			al->status = VCF_ALLELE_OK;
	}
	rec->info_json = info_text(r);
	read_annotations(r);
	count_calls(r);
}

/* Read and parse the next record into r->rec: 1, 0 at the end, -1 fatal. */
static int
next_raw(vcf_reader *r, char **err)
{
	vcf_record *rec = &r->cur;
	int			ret;

	if (r->is_bcf)
	{
		ret = r->itr ? bcf_itr_next(r->fp, r->itr, r->rec) : bcf_read(r->fp, r->hdr, r->rec);
		if (ret == -1)
			return 0;
		if (ret < -1)
		{
			*err = xasprintf("record %ld: read error (a corrupt or truncated BCF file)", r->nrec + 1);
			return -1;
		}
		rec->lineno = ++r->nrec;
		rec->raw = NULL;
		return 1;
	}
	for (;;)
	{
		ret = r->itr ? tbx_itr_next(r->fp, r->tbx, r->itr, &r->line) :
			hts_getline(r->fp, KS_SEP_LINE, &r->line);
		if (ret == -1)
			return 0;
		if (ret < -1)
		{
			*err = xasprintf("%ld: read error (a corrupt or truncated file)", r->lineno + 1);
			return -1;
		}
		r->nrec++;
		r->lineno++;
		rec->lineno = r->itr ? r->nrec : r->lineno;
		if (r->line.l > 0 && r->line.s[r->line.l - 1] == '\r')
			r->line.s[--r->line.l] = '\0';
		if (r->line.l > 0 && r->line.s[0] == '#')
			continue;			/* a stray comment line */
		break;
	}
	snprintf(r->raw, sizeof(r->raw), "%s", r->line.s ? r->line.s : "");
	rec->raw = r->raw;
	if (r->line.l == 0 || strspn(r->line.s, " \t") == r->line.l)
	{
		rec->blank = true;
		return 1;
	}
	if (vcf_parse(&r->line, r->hdr, r->rec) < 0)
	{
		set_error(rec, "malformed_record", "%s", parse_problem(r->rec->errcode));
		return 1;
	}
	return 1;
}

int
vcf_reader_next(vcf_reader *r, vcf_record **recp, char **err)
{
	vcf_record *rec = &r->cur;
	int			ret;

	*err = NULL;
	rec->blank = false;
	rec->error_code = NULL;
	rec->error[0] = '\0';
	rec->nalt = 0;
	rec->ncsq = 0;
	rec->info_json = NULL;
	rec->chrom[0] = '\0';
	r->call_loaded = false;
	ret = next_raw(r, err);
	if (ret <= 0)
		return ret;
	progress_tick();
	*recp = rec;
	if (!rec->blank && !rec->error_code)
		take_record(r);
	if (rec->error_code)
		rec->nalt = 0;
	return 1;
}

