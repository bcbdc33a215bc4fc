/*
 * cmd_generate.c: oncoload generate: write a small synthetic oral cancer
 * cohort in the GDC's own file layouts, the same bytes for the same seed, for
 * the demo study, the end-to-end tests and the benchmarks.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "cli.h"
#include "gen_clinical.h"
#include "gen_maf.h"
#include "gen_segments.h"
#include "genrng.h"
#include "lineio.h"
#include "textutil.h"

#define GEN_DEFAULT_SEED	42
#define GEN_DEFAULT_SAMPLES 12
#define GEN_DEFAULT_STUDY	"DEMO-OSCC"
#define GEN_MAX_SAMPLES		1000000
#define GEN_SYNTH_GENES		2000
#define GEN_FLUSH_AT		(1024 * 1024)

/*
 * Every kind of output draws from its own random stream (seed, stream,
 * index), so adding a file kind later leaves the bytes of the others alone.
 */
typedef enum gen_stream
{
	GEN_STREAM_SYNTH_GENES = 1, /* the made-up gene catalogue (seed-free) */
	GEN_STREAM_COHORT,			/* cases, samples, file UUIDs */
	GEN_STREAM_GENE_LEVEL,		/* per gene: base expression, tumour change */
	GEN_STREAM_EXPRESSION		/* per expression file: the counts */
} gen_stream;


typedef enum gen_class
{
	GEN_CODING,					/* protein_coding */
	GEN_LNC,					/* lncRNA */
	GEN_OTHER					/* pseudogenes, small RNAs, ... */
} gen_class;

/* One gene; the strings are offsets into gen_genes.str. */
typedef struct gen_gene
{
	size_t		id;
	size_t		name;
	size_t		type;
	uint32_t	length;			/* span: end - start + 1 */
	unsigned char cls;			/* gen_class */
	bool		autosomal;		/* not chrX, chrY or chrM */
} gen_gene;

/* The gene list: all the generator keeps besides one file's counts. */
typedef struct gen_genes
{
	gen_gene   *v;
	size_t		n;
	size_t		cap;
	onc_buf		str;
} gen_genes;

/* One planned expression file: whose sample it is, and its names. */
typedef struct gen_file
{
	int			case_no;		/* 1-based */
	bool		normal;			/* Solid Tissue Normal, else Primary Tumor */
	char		file_id[37];	/* the GDC File ID (download folder) */
	char		name_id[37];	/* the UUID in the file name */
} gen_file;

typedef struct gen_opts
{
	uint64_t	seed;
	long		samples;
	const char *genes_path;
	const char *study;
	const char *outdir;
	bool		force;
	bool		gzip;
} gen_opts;

/* A file being written, plain or gzip, through one buffer. */
typedef struct gen_out
{
	char	   *path;
	FILE	   *fp;
	gzFile		gz;
	onc_buf		buf;
} gen_out;

/* Per-file working arrays, allocated once for the gene count. */
typedef struct gen_scratch
{
	int64_t    *count[3];		/* unstranded, stranded_first, stranded_second */
	int64_t    *sorted;
} gen_scratch;

typedef struct gen_totals
{
	long		files;
	uint64_t	bytes;
} gen_totals;

/* ----------------------------------------------------------- gene list */

static const char *
gene_str(const gen_genes *gl, size_t off)
{
	return gl->str.data + off;
}

static void
genes_add(gen_genes *gl, const char *id, const char *name, const char *type,
		  const char *chrom, uint32_t length)
{
	gen_gene   *g;

	if (gl->n == gl->cap)
	{
		gl->cap = gl->cap ? gl->cap * 2 : 1024;
		gl->v = xrealloc(gl->v, gl->cap * sizeof(*gl->v));
	}
	g = &gl->v[gl->n++];
	g->id = gl->str.len;
	buf_append(&gl->str, id, strlen(id) + 1);
	g->name = gl->str.len;
	buf_append(&gl->str, name, strlen(name) + 1);
	g->type = gl->str.len;
	buf_append(&gl->str, type, strlen(type) + 1);
	g->length = length;
	g->cls = strcmp(type, "protein_coding") == 0 ? GEN_CODING :
		strcmp(type, "lncRNA") == 0 ? GEN_LNC : GEN_OTHER;
	g->autosomal = !(str_ieq(chrom, "chrX") || str_ieq(chrom, "chrY") ||
					 str_ieq(chrom, "chrM") || str_ieq(chrom, "X") ||
					 str_ieq(chrom, "Y") || str_ieq(chrom, "MT"));
}

static void
genes_free(gen_genes *gl)
{
	free(gl->v);
	buf_free(&gl->str);
}

/*
 * Find gene_id, gene_name and gene_type (Ensembl's gene_biotype too) in a GTF
 * attribute column, terminating the values in place.  Missing ones stay
 * NULL; false when the column is malformed.
 */
static bool
gtf_attrs(char *s, char **id, char **name, char **type)
{
	*id = *name = *type = NULL;
	for (;;)
	{
		char	   *key,
				   *val;
		bool		sep = false;

		while (*s == ' ' || *s == ';')
			s++;
		if (*s == '\0')
			return true;
		key = s;
		s += strcspn(s, " ;");
		if (*s != ' ')
			return false;		/* a key without a value */
		*s++ = '\0';
		while (*s == ' ')
			s++;
		if (*s == '"')
		{
			val = ++s;
			if ((s = strchr(s, '"')) == NULL)
				return false;
			*s++ = '\0';
		}
		else
		{
			val = s;
			s += strcspn(s, " ;");
			if (*s == ';')
				sep = true;
			if (*s)
				*s++ = '\0';
		}
		while (*s == ' ')
			s++;
		if (!sep && *s != ';' && *s != '\0')
			return false;
		if (strcmp(key, "gene_id") == 0)
			*id = val;
		else if (strcmp(key, "gene_name") == 0)
			*name = val;
		else if (strcmp(key, "gene_type") == 0 ||
				 (strcmp(key, "gene_biotype") == 0 && *type == NULL))
			*type = val;
	}
}

/*
 * Read the gene records of a GTF (plain or gzip) in file order.  Returns
 * ONC_EXIT_OK, or an exit code after reporting the problem.
 */
static int
genes_read_gtf(gen_genes *gl, const char *path)
{
	lineio	   *lr = lineio_open(path);
	char	   *line;
	size_t		len;
	int			rc = ONC_EXIT_OK;

	if (!lr)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "could not open gene model: %s", strerror(errno));
		return ONC_EXIT_IO;
	}
	while ((line = lineio_next(lr, &len)) != NULL)
	{
		char	   *f[9];
		int			nf;
		int64_t		start,
					end;
		char	   *id,
				   *name,
				   *type;

		if (len == 0 || line[0] == '#')
			continue;
		nf = tsv_split(line, '\t', f, 9);
		if (nf != 9)
		{
			onc_msg(ONC_ERROR, path, lineio_lineno(lr), 0,
					"expected 9 tab-separated GTF fields, found %d", nf);
			rc = ONC_EXIT_INPUT;
			goto done;
		}
		if (strcmp(f[2], "gene") != 0)
			continue;
		if (num_parse_int64(f[3], &start) != NUM_OK ||
			num_parse_int64(f[4], &end) != NUM_OK ||
			start < 1 || end < start || end - start >= UINT32_MAX)
		{
			onc_msg(ONC_ERROR, path, lineio_lineno(lr), 0,
					"bad gene coordinates \"%s\"..\"%s\"", f[3], f[4]);
			rc = ONC_EXIT_INPUT;
			goto done;
		}
		if (!gtf_attrs(f[8], &id, &name, &type) || id == NULL || *id == '\0')
		{
			onc_msg(ONC_ERROR, path, lineio_lineno(lr), 0,
					"gene record without a readable gene_id attribute");
			rc = ONC_EXIT_INPUT;
			goto done;
		}
		genes_add(gl, id, name ? name : id, type ? type : "", f[0],
				  (uint32_t) (end - start + 1));
	}
	if (lineio_error(lr))
	{
		onc_msg(ONC_ERROR, path, lineio_lineno(lr), 0, "could not read: %s",
				lineio_error(lr));
		rc = ONC_EXIT_IO;
	}
	else if (gl->n == 0)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "no gene records (feature \"gene\") found");
		rc = ONC_EXIT_INPUT;
	}
done:
	lineio_close(lr);
	return rc;
}

/*
 * The made-up catalogue used without --genes: ENSG9000000NNNN.1, DEMON, a
 * GENCODE-like mix of types and spans, over chr1..chr22, chrX, chrY, chrM.
 * It does not depend on the seed, so every cohort shares it.
 */
static void
genes_synthesize(gen_genes *gl)
{
	gen_rng		r;

	rng_seed(&r, 0, GEN_STREAM_SYNTH_GENES, 0);
	for (int i = 0; i < GEN_SYNTH_GENES; i++)
	{
		char		id[32],
					name[32],
					chrom[16];
		int			c = i * 25 / GEN_SYNTH_GENES;
		double		u = rng_uniform(&r),
					z = rng_normal(&r),
					len;
		const char *type;

		if (u < 0.55)
			type = "protein_coding", len = exp(10.0 + 1.2 * z);
		else if (u < 0.80)
			type = "lncRNA", len = exp(9.0 + 1.3 * z);
		else if (u < 0.91)
			type = "processed_pseudogene", len = exp(6.8 + 0.8 * z);
		else if (u < 0.95)
			type = "unprocessed_pseudogene", len = exp(8.0 + 1.0 * z);
		else if (u < 0.98)
			type = "miRNA", len = 60 + rng_below(&r, 60);
		else
			type = "snRNA", len = 100 + rng_below(&r, 100);
		if (len < 50)
			len = 50;
		if (len > 2.0e6)
			len = 2.0e6;
		snprintf(id, sizeof(id), "ENSG9000000%04d.1", i + 1);
		snprintf(name, sizeof(name), "DEMO%d", i + 1);
		if (c < 22)
			snprintf(chrom, sizeof(chrom), "chr%d", c + 1);
		else
			snprintf(chrom, sizeof(chrom), "chr%s", c == 22 ? "X" : c == 23 ? "Y" : "M");
		genes_add(gl, id, name, type, chrom, (uint32_t) len);
	}
}

/* -------------------------------------------------------------- output */

/* Open path for writing (gzip when asked); false after reporting. */
static bool
out_open(gen_out *o, const char *path, bool gzip)
{
	memset(o, 0, sizeof(*o));
	o->path = xstrdup(path);
	buf_init(&o->buf);
	if (gzip)
	{
		o->gz = gzopen(path, "wb");
		if (o->gz)
			gzbuffer(o->gz, 256 * 1024);
	}
	else
		o->fp = fopen(path, "wb");
	if (!o->fp && !o->gz)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "could not create: %s",
				strerror(errno ? errno : ENOMEM));
		free(o->path);
		buf_free(&o->buf);
		return false;
	}
	return true;
}

/* Write out the buffer; false after reporting. */
static bool
out_flush(gen_out *o)
{
	bool		ok = true;

	if (o->buf.len == 0)
		return true;
	if (o->gz)
	{
		int			zerr;

		if (gzwrite(o->gz, o->buf.data, (unsigned) o->buf.len) != (int) o->buf.len)
		{
			const char *m = gzerror(o->gz, &zerr);

			onc_msg(ONC_ERROR, o->path, 0, 0, "could not write: %s",
					zerr == Z_ERRNO ? strerror(errno) : m);
			ok = false;
		}
	}
	else if (fwrite(o->buf.data, 1, o->buf.len, o->fp) != o->buf.len)
	{
		onc_msg(ONC_ERROR, o->path, 0, 0, "could not write: %s", strerror(errno));
		ok = false;
	}
	buf_reset(&o->buf);
	return ok;
}

/*
 * Flush and close, adding the file's size on disk to *bytes.  Always frees
 * what out_open allocated; false after reporting (ok = false: just clean up).
 */
static bool
out_close(gen_out *o, bool ok, uint64_t *bytes)
{
	struct stat st;

	if (ok)
		ok = out_flush(o);
	if (o->gz)
	{
		if (gzclose(o->gz) != Z_OK && ok)
		{
			onc_msg(ONC_ERROR, o->path, 0, 0, "could not finish the gzip stream");
			ok = false;
		}
	}
	else if (fclose(o->fp) != 0 && ok)
	{
		onc_msg(ONC_ERROR, o->path, 0, 0, "could not write: %s", strerror(errno));
		ok = false;
	}
	if (ok && stat(o->path, &st) == 0)
		*bytes += (uint64_t) st.st_size;
	free(o->path);
	buf_free(&o->buf);
	return ok;
}

static void
put_str(onc_buf *b, const char *s)
{
	buf_puts(b, s);
}

static void
put_int(onc_buf *b, int64_t v)
{
	char		t[24];
	int			n = snprintf(t, sizeof(t), "%" PRId64, v);

	buf_append(b, t, (size_t) n);
}

/*
 * A normalised value as the GDC (Python's repr) prints it: the shortest
 * text that reads back exactly, always with a decimal point ("0.0",
 * "120000.0"), exponent form only below 1e-4 or from 1e16.
 */
static void
put_value(onc_buf *b, double v)
{
	char		t[40];
	int			n;
	char	   *e;

	if (v == 0.0)
	{
		buf_append(b, "0.0", 3);
		return;
	}
	n = num_format_double(v, t, sizeof(t));
	if ((e = strchr(t, 'e')) != NULL)
	{
		int			x = atoi(e + 1);

		/* %g chose an exponent for a whole number Python prints in full */
		if (x >= 0 && x < 16)
			n = snprintf(t, sizeof(t), "%.1f", v);
	}
	else if (strchr(t, '.') == NULL)
	{
		t[n++] = '.';
		t[n++] = '0';
		t[n] = '\0';
	}
	buf_append(b, t, (size_t) n);
}

/* Create path and its missing parents (mkdir -p); false with errno set. */
static bool
make_dirs(const char *path)
{
	char	   *p = xstrdup(path);
	bool		ok = true;

	for (char *s = p + 1; ok; s++)
	{
		if (*s == '/' || *s == '\0')
		{
			char		c = *s;

			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST)
				ok = false;
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (ok)
	{
		struct stat st;

		if (stat(path, &st) != 0)
			ok = false;
		else if (!S_ISDIR(st.st_mode))
			errno = ENOTDIR, ok = false;
	}
	free(p);
	return ok;
}

/* 1 when dir holds any entry, 0 when empty, -1 with errno on failure. */
static int
dir_has_entries(const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *de;
	int			found = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
		{
			found = 1;
			break;
		}
	closedir(d);
	return found;
}

/* -------------------------------------------------------------- cohort */

/*
 * Plan the expression files: each a new case's primary tumour, or (about one
 * in six) the matched normal of an earlier case that has none yet.  Returns
 * nfiles entries; free with free().
 */
static gen_file *
cohort_plan(const gen_opts *o)
{
	gen_file   *files = xcalloc((size_t) (o->samples ? o->samples : 1), sizeof(*files));
	bool	   *has_normal = xcalloc((size_t) (o->samples ? o->samples : 1), sizeof(bool));
	int			ncases = 0;
	gen_rng		r;

	rng_seed(&r, o->seed, GEN_STREAM_COHORT, 0);
	for (long i = 0; i < o->samples; i++)
	{
		gen_file   *f = &files[i];

		f->case_no = 0;
		if (ncases > 0 && rng_below(&r, 6) == 0)
		{
			int			c = (int) rng_below(&r, (uint64_t) ncases);

			/* the next case without a normal, if any */
			for (int k = 0; k < ncases && f->case_no == 0; k++)
				if (!has_normal[(c + k) % ncases])
					f->case_no = (c + k) % ncases + 1;
		}
		if (f->case_no)
		{
			f->normal = true;
			has_normal[f->case_no - 1] = true;
		}
		else
			f->case_no = ++ncases;
		rng_uuid(&r, f->file_id);
		rng_uuid(&r, f->name_id);
	}
	free(has_normal);
	return files;
}

/* The expression file's name, as in the sample sheet; free with free(). */
static char *
file_name(const gen_opts *o, const gen_file *f)
{
	return xasprintf("%s.rna_seq.augmented_star_gene_counts.tsv%s",
					 f->name_id, o->gzip ? ".gz" : "");
}

/* -------------------------------------------------------- file writers */

/* DIR/gdc_sample_sheet.tsv: one row per expression file. */
static int
write_sample_sheet(const gen_opts *o, const gen_file *files, gen_totals *t)
{
	char	   *path = xasprintf("%s/gdc_sample_sheet.tsv", o->outdir);
	gen_out		out;
	bool		ok = true;

	if (!out_open(&out, path, false))
	{
		free(path);
		return ONC_EXIT_IO;
	}
	put_str(&out.buf, "File ID\tFile Name\tData Category\tData Type\t"
			"Project ID\tCase ID\tSample ID\tSample Type\n");
	for (long i = 0; i < o->samples && ok; i++)
	{
		const gen_file *f = &files[i];
		char	   *name = file_name(o, f);

		buf_printf(&out.buf, "%s\t%s\tTranscriptome Profiling\t"
				   "Gene Expression Quantification\t%s\t%s-P%04d\t%s-P%04d-%s\t%s\n",
				   f->file_id, name, o->study, o->study, f->case_no,
				   o->study, f->case_no, f->normal ? "11A" : "01A",
				   f->normal ? "Solid Tissue Normal" : "Primary Tumor");
		free(name);
		if (out.buf.len >= GEN_FLUSH_AT)
			ok = out_flush(&out);
	}
	ok = out_close(&out, ok, &t->bytes);
	free(path);
	if (!ok)
		return ONC_EXIT_IO;
	t->files++;
	return ONC_EXIT_OK;
}

/*
 * A gene's expression across the cohort: its log-scale base level (by type;
 * some non-coding genes are silent) and its log change in tumours (one gene
 * in twenty).
 */
static void
gene_level(uint64_t seed, size_t i, gen_class cls, double *mu, double *de)
{
	gen_rng		r;

	rng_seed(&r, seed, GEN_STREAM_GENE_LEVEL, i);
	switch (cls)
	{
		case GEN_CODING:
			*mu = 4.5 + 2.2 * rng_normal(&r);
			break;
		case GEN_LNC:
			*mu = 0.5 + 2.2 * rng_normal(&r);
			break;
		default:
			*mu = -1.5 + 2.0 * rng_normal(&r);
			break;
	}
	if (cls != GEN_CODING && rng_uniform(&r) < 0.3)
		*mu = -INFINITY;
	*de = 0.0;
	if (rng_uniform(&r) < 0.05)
		*de = (rng_uniform(&r) < 0.5 ? -1.0 : 1.0) * (1.5 + 0.5 * rng_normal(&r));
}

static int
cmp_int64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a,
				y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

/*
 * The GDC's normalisation constants for one file: the sum of reads per
 * kilobase (TPM), protein-coding reads (FPKM), and the upper quartile of
 * non-zero autosomal protein-coding counts times their number (FPKM-UQ).
 * When a gene list has no such genes, all genes stand in.
 */
static void
star_norms(const gen_genes *gl, gen_scratch *sc, double *rpk_sum,
		   double *coding_reads, double *uq_times_g)
{
	const int64_t *c = sc->count[0];
	size_t		nz = 0,
				g = 0;
	double		sum = 0.0,
				coding = 0.0,
				all = 0.0,
				u = 0.0;

	for (size_t i = 0; i < gl->n; i++)
	{
		const gen_gene *gene = &gl->v[i];

		sum += (double) c[i] * 1e3 / gene->length;
		all += (double) c[i];
		if (gene->cls == GEN_CODING)
		{
			coding += (double) c[i];
			if (gene->autosomal)
			{
				g++;
				if (c[i] > 0)
					sc->sorted[nz++] = c[i];
			}
		}
	}
	if (g == 0)
	{
		for (size_t i = 0; i < gl->n; i++)
			if (c[i] > 0)
				sc->sorted[nz++] = c[i];
		g = gl->n;
		coding = all;
	}
	if (nz > 0)
	{
		double		pos = 0.75 * (double) (nz - 1);
		size_t		lo = (size_t) pos;
		size_t		hi = lo + 1 < nz ? lo + 1 : lo;

		qsort(sc->sorted, nz, sizeof(int64_t), cmp_int64);
		u = (double) sc->sorted[lo] +
			((double) sc->sorted[hi] - (double) sc->sorted[lo]) * (pos - (double) lo);
	}
	*rpk_sum = sum;
	*coding_reads = coding;
	*uq_times_g = u * (double) g;
}

/*
 * DIR/expression/FILE_ID/FILE_NAME: GDC augmented STAR gene counts for file
 * i: the gene-model line, the header, the four N_* rows, one row per gene.
 */
static int
write_star_counts(const gen_opts *o, const gen_genes *gl, const gen_file *f,
				  long i, gen_scratch *sc, gen_totals *t)
{
	char	   *dir = xasprintf("%s/expression/%s", o->outdir, f->file_id);
	char	   *name = file_name(o, f);
	char	   *path = xasprintf("%s/%s", dir, name);
	gen_out		out;
	gen_rng		r;
	bool		ok = true;
	int64_t		total[3] = {0, 0, 0};
	double		libsize,
				rpk_sum,
				coding,
				uqg;
	int			rc = ONC_EXIT_IO;

	free(name);
	if (!make_dirs(dir))
	{
		onc_msg(ONC_ERROR, dir, 0, 0, "could not create directory: %s", strerror(errno));
		goto fail;
	}

	/* counts first: the normalised values need their totals */
	rng_seed(&r, o->seed, GEN_STREAM_EXPRESSION, (uint64_t) i);
	libsize = exp(0.35 * rng_normal(&r));
	for (size_t g = 0; g < gl->n; g++)
	{
		double		mu,
					de,
					lambda;
		int64_t		n,
					first,
					second;

		gene_level(o->seed, g, (gen_class) gl->v[g].cls, &mu, &de);
		lambda = isinf(mu) ? 0.0 :
			exp(mu + 0.8 * rng_normal(&r) + (f->normal ? 0.0 : de)) * libsize;
		n = rng_poisson(&r, lambda);
		first = rng_half(&r, n);
		second = n - first;
		if (n > 0 && rng_uniform(&r) < 0.02)
			second++;			/* unique only when counted by strand */
		sc->count[0][g] = n;
		sc->count[1][g] = first;
		sc->count[2][g] = second;
		total[0] += n;
		total[1] += first;
		total[2] += second;
	}
	star_norms(gl, sc, &rpk_sum, &coding, &uqg);

	if (!out_open(&out, path, o->gzip))
		goto fail;
	put_str(&out.buf, "# gene-model: GENCODE v36\n"
			"gene_id\tgene_name\tgene_type\tunstranded\tstranded_first\t"
			"stranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded\n");
	{
		/* STAR's summary rows, in proportion to the gene-assigned reads */
		int64_t		unmapped = (int64_t) (total[0] * (0.01 + 0.03 * rng_uniform(&r)));
		int64_t		multi = (int64_t) (total[0] * (0.05 + 0.07 * rng_uniform(&r)));
		int64_t		nofeat = (int64_t) (total[0] * (0.04 + 0.04 * rng_uniform(&r)));
		int64_t		ambig = (int64_t) (total[0] * (0.005 + 0.01 * rng_uniform(&r)));
		int64_t		qc[4][3] = {
			{unmapped, unmapped, unmapped},
			{multi, multi, multi},
			{nofeat, nofeat + total[0] - total[1], nofeat + total[0] - total[2]},
			{ambig, (int64_t) (ambig * 0.02 * rng_uniform(&r)),
			(int64_t) (ambig * (0.5 + 0.3 * rng_uniform(&r)))}
		};
		static const char *const qc_name[4] = {
			"N_unmapped", "N_multimapping", "N_noFeature", "N_ambiguous"
		};

		for (int k = 0; k < 4; k++)
		{
			put_str(&out.buf, qc_name[k]);
			put_str(&out.buf, "\t\t");
			for (int j = 0; j < 3; j++)
			{
				buf_append(&out.buf, "\t", 1);
				put_int(&out.buf, qc[k][j]);
			}
			put_str(&out.buf, "\t\t\t\n");
		}
	}
	for (size_t g = 0; g < gl->n && ok; g++)
	{
		const gen_gene *gene = &gl->v[g];
		double		c = (double) sc->count[0][g];
		double		len = (double) gene->length;

		put_str(&out.buf, gene_str(gl, gene->id));
		buf_append(&out.buf, "\t", 1);
		put_str(&out.buf, gene_str(gl, gene->name));
		buf_append(&out.buf, "\t", 1);
		put_str(&out.buf, gene_str(gl, gene->type));
		for (int j = 0; j < 3; j++)
		{
			buf_append(&out.buf, "\t", 1);
			put_int(&out.buf, sc->count[j][g]);
		}
		/* the GDC's formulas, in the order its pandas code evaluates them */
		buf_append(&out.buf, "\t", 1);
		put_value(&out.buf, rpk_sum > 0 ? c * 1e3 / len * 1e6 / rpk_sum : 0.0);
		buf_append(&out.buf, "\t", 1);
		put_value(&out.buf, coding > 0 ? c * 1e9 / (coding * len) : 0.0);
		buf_append(&out.buf, "\t", 1);
		put_value(&out.buf, uqg > 0 ? c * 1e9 / (uqg * len) : 0.0);
		buf_append(&out.buf, "\n", 1);
		if (out.buf.len >= GEN_FLUSH_AT)
			ok = out_flush(&out);
	}
	if (!out_close(&out, ok, &t->bytes))
		goto fail;
	t->files++;
	rc = ONC_EXIT_OK;
fail:
	free(dir);
	free(path);
	return rc;
}

/* ---------------------------------------------------------------- main */

static void
usage(void)
{
	printf("oncoload generate writes a synthetic oral cancer cohort in the GDC's file\n"
		   "layouts; the same seed gives the same bytes.\n\n");
	printf("Usage:\n  oncoload generate --output=DIR [OPTIONS]\n\n");
	printf("Options:\n"
		   "      --output=DIR   directory to write; created if absent, must be empty\n"
		   "      --force        write into a directory that is not empty\n"
		   "      --seed=N       random seed (default %d)\n"
		   "      --samples=N    expression files to write (default %d)\n"
		   "      --genes=GTF    gene model (GENCODE GTF, plain or gzip) whose gene\n"
		   "                     records are used in file order; default: %d made-up genes\n"
		   "      --study=ID     project ID, also the prefix of case IDs (default %s)\n"
		   "      --gzip         gzip the expression files (.tsv.gz)\n"
		   "  -V, --version      print the version and exit\n"
		   "  -?, --help         print this help and exit\n\n",
		   GEN_DEFAULT_SEED, GEN_DEFAULT_SAMPLES, GEN_SYNTH_GENES, GEN_DEFAULT_STUDY);
	printf("Writes:\n"
		   "  DIR/gdc_sample_sheet.tsv                    the GDC sample sheet\n"
		   "  DIR/expression/FILE_ID/FILE_NAME            augmented STAR gene counts\n"
		   "About one file in six is the matched normal (-11A) of an earlier case.\n\n");
	fputs(onc_exit_help, stdout);
}

static bool
parse_seed(const char *s, uint64_t *out)
{
	char	   *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return false;
	*out = (uint64_t) v;
	return true;
}

static bool
study_ok(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return false;
	for (; *s; s++)
		if ((unsigned char) *s <= ' ' || *s == '/' || *s == 0x7F)
			return false;
	return true;
}

int
cmd_generate(int argc, char **argv)
{
	enum
	{
		OPT_SEED = 256, OPT_SAMPLES, OPT_GENES, OPT_STUDY, OPT_OUTPUT,
		OPT_FORCE, OPT_GZIP, OPT_HELP
	};
	static const struct option long_options[] = {
		{"seed", required_argument, NULL, OPT_SEED},
		{"samples", required_argument, NULL, OPT_SAMPLES},
		{"genes", required_argument, NULL, OPT_GENES},
		{"study", required_argument, NULL, OPT_STUDY},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"force", no_argument, NULL, OPT_FORCE},
		{"gzip", no_argument, NULL, OPT_GZIP},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	gen_opts	o = {GEN_DEFAULT_SEED, GEN_DEFAULT_SAMPLES, NULL, GEN_DEFAULT_STUDY,
	NULL, false, false};
	gen_genes	gl;
	gen_scratch sc;
	gen_file   *files;
	gen_totals	t = {0, 0};
	char	   *expr_dir;
	int			c,
				rc;

	if (argc > 1 && strcmp(argv[1], "-?") == 0)
	{
		usage();
		return ONC_EXIT_OK;
	}
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "V", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case OPT_SEED:
				if (!parse_seed(optarg, &o.seed))
					return cli_usage_error("generate", "invalid --seed \"%s\": expected a whole number", optarg);
				break;
			case OPT_SAMPLES:
				if (!cli_parse_count(optarg, &o.samples) || o.samples > GEN_MAX_SAMPLES)
					return cli_usage_error("generate", "invalid --samples \"%s\": expected 0 to %d",
										   optarg, GEN_MAX_SAMPLES);
				break;
			case OPT_GENES:
				o.genes_path = optarg;
				break;
			case OPT_STUDY:
				if (!study_ok(optarg))
					return cli_usage_error("generate", "invalid --study \"%s\": expected up to 64 characters, no blanks or \"/\"",
										   optarg);
				o.study = optarg;
				break;
			case OPT_OUTPUT:
				o.outdir = optarg;
				break;
			case OPT_FORCE:
				o.force = true;
				break;
			case OPT_GZIP:
				o.gzip = true;
				break;
			case 'V':
				return cli_version("generate");
			case OPT_HELP:
				usage();
				return ONC_EXIT_OK;
			default:
				return cli_bad_option("generate", argv);
		}
	}
	if (optind < argc)
		return cli_usage_error("generate", "unexpected argument \"%s\"", argv[optind]);
	if (o.outdir == NULL || *o.outdir == '\0')
		return cli_usage_error("generate", "no output directory given (--output=DIR)");

	/* the gene model first: a bad one leaves no output directory behind */
	memset(&gl, 0, sizeof(gl));
	buf_init(&gl.str);
	if (o.genes_path)
	{
		if ((rc = genes_read_gtf(&gl, o.genes_path)) != ONC_EXIT_OK)
		{
			genes_free(&gl);
			return rc;
		}
	}
	else
		genes_synthesize(&gl);

	if (!make_dirs(o.outdir))
	{
		onc_msg(ONC_ERROR, o.outdir, 0, 0, "could not create directory: %s", strerror(errno));
		genes_free(&gl);
		return ONC_EXIT_IO;
	}
	rc = dir_has_entries(o.outdir);
	if (rc < 0)
	{
		onc_msg(ONC_ERROR, o.outdir, 0, 0, "could not read directory: %s", strerror(errno));
		genes_free(&gl);
		return ONC_EXIT_IO;
	}
	if (rc > 0 && !o.force)
	{
		onc_msg(ONC_ERROR, o.outdir, 0, 0, "output directory is not empty");
		onc_hint("Use --force to write into it anyway (files of the same name are replaced).");
		genes_free(&gl);
		return ONC_EXIT_USAGE;
	}

	for (int j = 0; j < 3; j++)
		sc.count[j] = xmalloc(gl.n * sizeof(int64_t));
	sc.sorted = xmalloc(gl.n * sizeof(int64_t));
	files = cohort_plan(&o);
	expr_dir = xasprintf("%s/expression", o.outdir);
	rc = ONC_EXIT_OK;
	if (o.samples > 0 && !make_dirs(expr_dir))
	{
		onc_msg(ONC_ERROR, expr_dir, 0, 0, "could not create directory: %s", strerror(errno));
		rc = ONC_EXIT_IO;
	}

	/* one writer per file kind; the sample sheet last, once all files exist */
	for (long i = 0; i < o.samples && rc == ONC_EXIT_OK; i++)
		rc = write_star_counts(&o, &gl, &files[i], i, &sc, &t);
	if (rc == ONC_EXIT_OK)
		rc = write_sample_sheet(&o, files, &t);
	/*
	 * Further file kinds come from their own files (loader/gen_*.c): each
	 * reads the cohort from DIR/gdc_sample_sheet.tsv and draws from its own
	 * random stream (genrng.h), so the files above keep their bytes.
	 * Call them here, one line each.
	 */
	rc = rc == ONC_EXIT_OK ? gen_clinical(o.outdir, o.seed) : rc;
	rc = rc == ONC_EXIT_OK ? gen_segments(o.outdir, o.seed) : rc;
	rc = rc == ONC_EXIT_OK ? gen_maf(o.outdir, o.seed) : rc;

	if (rc == ONC_EXIT_OK)
		printf("generated %ld files (%ld expression, 1 sample sheet), %zu genes, "
			   "%" PRIu64 " bytes in %s\n",
			   t.files, t.files - 1, gl.n, t.bytes, o.outdir);

	free(expr_dir);
	free(files);
	for (int j = 0; j < 3; j++)
		free(sc.count[j]);
	free(sc.sorted);
	genes_free(&gl);
	return rc;
}
