/*
 * maf_reader.c: MAF files read by header name, case-insensitively, '#' lines
 * kept; each data line split, checked and its variant normalised to MAF
 * coordinates (maf_norm.c).  Database-free: rejects are reported in the row.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineio.h"
#include "maf.h"
#include "textutil.h"

#define MAF_MAX_COLS 4096
#define MAF_MAX_HEADER_LINES 200
#define MAF_RAW_MAX 4096

struct maf_reader
{
	lineio	   *lr;
	char	   *path;
	maf_info	info;
	const char *default_build;
	char	  **fields;			/* split buffer, MAF_MAX_COLS + 1 */
	char	  **cells;			/* per row: ncols cells */
	char	   *raw;
	size_t		rawcap;
	maf_row		row;
};

/* Header names of each typed field, first match wins. */
static const char *const field_names[MAF_NFIELDS][3] = {
	[MAF_HUGO_SYMBOL] = {"Hugo_Symbol"},
	[MAF_ENTREZ_ID] = {"Entrez_Gene_Id"},
	[MAF_BUILD] = {"NCBI_Build"},
	[MAF_CHROMOSOME] = {"Chromosome"},
	[MAF_START] = {"Start_Position"},
	[MAF_END] = {"End_Position"},
	[MAF_CLASSIFICATION] = {"Variant_Classification"},
	[MAF_VARIANT_TYPE] = {"Variant_Type"},
	[MAF_REF_ALLELE] = {"Reference_Allele"},
	[MAF_TUMOR_ALLELE1] = {"Tumor_Seq_Allele1"},
	[MAF_TUMOR_ALLELE2] = {"Tumor_Seq_Allele2"},
	[MAF_DBSNP] = {"dbSNP_RS"},
	[MAF_TUMOR_SAMPLE] = {"Tumor_Sample_Barcode"},
	[MAF_NORMAL_SAMPLE] = {"Matched_Norm_Sample_Barcode"},
	[MAF_VERIFICATION] = {"Verification_Status"},
	[MAF_VALIDATION] = {"Validation_Status"},
	[MAF_MUTATION_STATUS] = {"Mutation_Status"},
	[MAF_HGVSC] = {"HGVSc"},
	[MAF_HGVSP] = {"HGVSp"},
	[MAF_HGVSP_SHORT] = {"HGVSp_Short"},
	[MAF_PROTEIN_CHANGE] = {"Protein_Change", "Amino_Acid_Change"},
	[MAF_TRANSCRIPT] = {"Transcript_ID"},
	[MAF_T_DEPTH] = {"t_depth"},
	[MAF_T_REF] = {"t_ref_count"},
	[MAF_T_ALT] = {"t_alt_count"},
	[MAF_N_DEPTH] = {"n_depth"},
	[MAF_N_REF] = {"n_ref_count"},
	[MAF_N_ALT] = {"n_alt_count"},
	[MAF_GENE] = {"Gene"},
	[MAF_CONSEQUENCE] = {"Consequence"},
	[MAF_ONE_CONSEQUENCE] = {"One_Consequence"},
	[MAF_IMPACT] = {"IMPACT"},
	[MAF_SIFT] = {"SIFT"},
	[MAF_POLYPHEN] = {"PolyPhen"},
	[MAF_EXISTING] = {"Existing_variation"},
	[MAF_FILTER] = {"FILTER", "GDC_FILTER"},
	[MAF_CALLERS] = {"callers"},
};

/* Columns describing the variant rather than the sample (VEP's fields ...). */
static const char *const annotation_names[] = {
	"Strand", "Exon_Number", "all_effects", "Allele", "Feature", "Feature_type",
	"cDNA_position", "CDS_position", "Protein_position", "Amino_acids", "Codons",
	"DISTANCE", "TRANSCRIPT_STRAND", "STRAND_VEP", "SYMBOL", "SYMBOL_SOURCE",
	"HGNC_ID", "BIOTYPE", "CANONICAL", "CCDS", "ENSP", "SWISSPROT", "TREMBL",
	"UNIPARC", "UNIPROT_ISOFORM", "RefSeq", "MANE", "MANE_SELECT", "APPRIS", "FLAGS",
	"EXON", "INTRON", "DOMAINS", "GMAF", "CLIN_SIG", "SOMATIC", "PUBMED",
	"TRANSCRIPTION_FACTORS", "MOTIF_NAME", "MOTIF_POS", "HIGH_INF_POS",
	"MOTIF_SCORE_CHANGE", "miRNA", "PICK", "VARIANT_CLASS", "TSL", "HGVS_OFFSET",
	"PHENO", "GENE_PHENO", "MINIMISED", "CONTEXT", "COSMIC", "hotspot", "ALLELE_NUM",
	"dbSNP_Val_Status", "MAX_AF", "MAX_AF_POPS", NULL
};

static bool
is_annotation_name(const char *n)
{
	for (int i = 0; annotation_names[i]; i++)
		if (str_ieq(n, annotation_names[i]))
			return true;
	/* population frequencies: 1000G_AF, gnomAD_*_AF, ExAC_AF_*, AFR_MAF ... */
	return str_isuffix(n, "_AF") || str_isuffix(n, "_MAF") || str_iprefix(n, "gnomAD_") ||
		str_iprefix(n, "ExAC_") || str_iprefix(n, "1000G_") || str_iprefix(n, "ESP_");
}

bool
maf_is_null(const char *s)
{
	static const char *const nulls[] = {"NA", "N/A", "NULL", ".", "[Not Available]",
	"[Not Applicable]", "[Unknown]", "[Not Evaluated]", "--", NULL};

	if (!s || !*s)
		return true;
	if (s[0] != 'N' && s[0] != '.' && s[0] != '[' && s[0] != '-')
		return false;			/* the common case, quickly */
	for (int i = 0; nulls[i]; i++)
		if (strcmp(s, nulls[i]) == 0)
			return true;
	return false;
}

int
maf_parse_count(const char *s, int32_t *out)
{
	int64_t		v;

	if (maf_is_null(s))
		return 0;
	if (num_parse_int64(s, &v) != NUM_OK || v < 0 || v > INT32_MAX)
		return -1;
	*out = (int32_t) v;
	return 1;
}

/* Strict positive whole number (no sign, no decimals). */
static bool
parse_position(const char *s, int64_t *out)
{
	int64_t		v = 0;

	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
	{
		if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	if (v < 1)
		return false;
	*out = v;
	return true;
}

/* Copy a '#' line without its trailing tabs and blanks. */
static char *
header_line(const char *s)
{
	size_t		n = strlen(s);

	while (n > 0 && (s[n - 1] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

static void
detect_layout(maf_reader *r)
{
	maf_info   *in = &r->info;
	const char *base = strrchr(r->path, '/') ? strrchr(r->path, '/') + 1 : r->path;
	const char *spec = NULL;
	bool		cbio = false;
	static const char *const callers[] = {"mutect2", "mutect", "muse", "varscan2", "varscan",
	"somaticsniper", "pindel", "caveman", "strelka", NULL};

	for (int i = 0; i < in->nheader_lines; i++)
	{
		const char *l = in->header_lines[i];

		if (str_iprefix(l, "#annotation.spec"))
			spec = l + 16;
		if (str_iprefix(l, "#version 2.") || str_iprefix(l, "#sequenced_samples"))
			cbio = true;
	}
	if (str_iprefix(base, "data_mutations"))
		cbio = true;
	if (spec && strstr(spec, "aliquot") && strstr(spec, "masked"))
		in->layout = "gdc-aliquot-masked";
	else if (spec || strstr(base, ".somatic.maf") || strstr(base, ".protected.maf"))
		in->layout = "gdc-somatic";
	else if (cbio)
		in->layout = "cbioportal";
	else
		in->layout = "tcga-maf";
	in->workflow = NULL;
	/* GDC project MAFs: TCGA.HNSC.mutect.<uuid>.DR-10.0.somatic.maf.gz */
	for (int i = 0; callers[i] && strcmp(in->layout, "gdc-somatic") == 0; i++)
	{
		char		pat[32];

		snprintf(pat, sizeof(pat), ".%s.", callers[i]);
		if (strstr(base, pat))
		{
			in->workflow = callers[i];
			break;
		}
	}
	if (!in->workflow)
		in->workflow = in->layout;
}

static int
read_header(maf_reader *r, char **err)
{
	maf_info   *in = &r->info;
	char	   *line;
	size_t		len;

	for (int f = 0; f < MAF_NFIELDS; f++)
		in->col[f] = -1;
	in->header_lines = xcalloc(MAF_MAX_HEADER_LINES, sizeof(char *));
	for (;;)
	{
		line = lineio_next(r->lr, &len);
		if (!line)
		{
			if (lineio_error(r->lr))
				*err = xasprintf("%s", lineio_error(r->lr));
			else
				*err = xasprintf("no MAF header: the file is empty or only '#' lines");
			return -1;
		}
		if (line[0] == '#')
		{
			if (in->nheader_lines < MAF_MAX_HEADER_LINES)
				in->header_lines[in->nheader_lines++] = header_line(line);
			continue;
		}
		if (strspn(line, " \t\r") == len)
			continue;
		break;
	}
	if (!utf8_valid(line))
	{
		*err = xasprintf("%ld: the header is not valid UTF-8", lineio_lineno(r->lr));
		return -1;
	}
	{
		int			n = tsv_split(line, '\t', r->fields, MAF_MAX_COLS + 1);

		if (n > MAF_MAX_COLS)
		{
			*err = xasprintf("%ld: more than %d columns", lineio_lineno(r->lr), MAF_MAX_COLS);
			return -1;
		}
		in->ncols = n;
	}
	in->names = xcalloc((size_t) in->ncols, sizeof(char *));
	in->roles = xcalloc((size_t) in->ncols, sizeof(maf_role));
	for (int c = 0; c < in->ncols; c++)
	{
		char	   *name = str_trim(r->fields[c]);
		char		unnamed[32];
		int			dup = 1;

		if (!*name)
		{
			snprintf(unnamed, sizeof(unnamed), "column_%d", c + 1);
			name = unnamed;
		}

		for (int o = 0; o < c; o++)
			if (strcmp(in->names[o], name) == 0 ||
				(strncmp(in->names[o], name, strlen(name)) == 0 && in->names[o][strlen(name)] == '.'))
				dup++;
		in->names[c] = dup > 1 ? xasprintf("%s.%d", name, dup) : xstrdup(name);
		in->roles[c] = is_annotation_name(name) ? MAF_ROLE_ANNOTATION : MAF_ROLE_SAMPLE;
	}
	for (int f = 0; f < MAF_NFIELDS; f++)
		for (int k = 0; k < 3 && field_names[f][k] && in->col[f] < 0; k++)
			for (int c = 0; c < in->ncols; c++)
				if (str_ieq(in->names[c], field_names[f][k]) && in->roles[c] != MAF_ROLE_TYPED)
				{
					in->col[f] = c;
					in->roles[c] = MAF_ROLE_TYPED;
					break;
				}
	if (in->col[MAF_HUGO_SYMBOL] < 0 && in->col[MAF_TUMOR_SAMPLE] < 0)
	{
		*err = xasprintf("%ld: not a MAF: the header names neither Hugo_Symbol nor Tumor_Sample_Barcode",
						 lineio_lineno(r->lr));
		return -1;
	}
	{
		onc_buf		missing;
		static const maf_field required[] = {MAF_TUMOR_SAMPLE, MAF_CHROMOSOME, MAF_START,
		MAF_REF_ALLELE, MAF_CLASSIFICATION};

		buf_init(&missing);
		for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
			if (in->col[required[i]] < 0)
				buf_printf(&missing, "%s%s", missing.len ? ", " : "", field_names[required[i]][0]);
		if (in->col[MAF_TUMOR_ALLELE2] < 0 && in->col[MAF_TUMOR_ALLELE1] < 0)
			buf_printf(&missing, "%sTumor_Seq_Allele2", missing.len ? ", " : "");
		if (missing.len)
		{
			*err = xasprintf("%ld: missing required column(s): %s", lineio_lineno(r->lr), missing.data);
			buf_free(&missing);
			return -1;
		}
		buf_free(&missing);
	}
	in->has_build = in->col[MAF_BUILD] >= 0;
	detect_layout(r);
	return 0;
}

maf_reader *
maf_open(const char *path, const char *build, char **err, bool *is_io)
{
	maf_reader *r;

	*err = NULL;
	*is_io = false;
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	r->default_build = build;
	r->fields = xcalloc(MAF_MAX_COLS + 1, sizeof(char *));
	maf_variant_init(&r->row.var);
	r->lr = lineio_open(path);
	if (!r->lr)
	{
		*err = xasprintf("cannot open: %s", strerror(errno));
		*is_io = true;
		maf_close(r);
		return NULL;
	}
	if (read_header(r, err) < 0)
	{
		maf_close(r);
		return NULL;
	}
	r->cells = xcalloc((size_t) r->info.ncols, sizeof(char *));
	return r;
}

const maf_info *
maf_reader_info(const maf_reader *r)
{
	return &r->info;
}

long
maf_lines_read(const maf_reader *r)
{
	return r->lr ? lineio_lineno(r->lr) : 0;
}

/* Mark the row rejected; returns 1 (the row is still returned). */
static int
reject(maf_row *row, const char *code, int col, const char *fmt,...)
	__attribute__((format(printf, 4, 5)));

static int
reject(maf_row *row, const char *code, int col, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(row->error, sizeof(row->error), fmt, ap);
	va_end(ap);
	row->error_code = code;
	row->error_col = col;
	return 1;
}

/* Column number (1-based) of a field, for messages. */
static int
colno(const maf_reader *r, maf_field f)
{
	return r->info.col[f] + 1;
}

/*
 * Is the allele change consistent with Variant_Type and the positions?
 * ref/alt as written ("-" for none); NULL when fine, else a message.
 */
static const char *
check_type(const char *type, const char *ref, const char *alt, int64_t start, int64_t end,
		   char *msg, size_t cap)
{
	size_t		rl = strcmp(ref, "-") == 0 ? 0 : strlen(ref);
	size_t		al = strcmp(alt, "-") == 0 ? 0 : strlen(alt);
	bool		ok;

	if (rl > 0 && end - start + 1 != (int64_t) rl)
	{
		snprintf(msg, cap, "Reference_Allele has %zu base(s) but Start_Position..End_Position spans %lld",
				 rl, (long long) (end - start + 1));
		return "allele_length";
	}
	if (rl == 0 && end != start + 1 && end != start)
	{
		snprintf(msg, cap, "an insertion (Reference_Allele \"-\") needs End_Position = Start_Position + 1");
		return "allele_length";
	}
	if (!type)
		return NULL;
	if (str_ieq(type, "SNP"))
		ok = rl == 1 && al == 1;
	else if (str_ieq(type, "DNP"))
		ok = rl == 2 && al == 2;
	else if (str_ieq(type, "TNP"))
		ok = rl == 3 && al == 3;
	else if (str_ieq(type, "ONP") || str_ieq(type, "MNP"))
		ok = rl == al && rl > 1;
	else if (str_ieq(type, "INS"))
		ok = al > rl;
	else if (str_ieq(type, "DEL"))
		ok = rl > al;
	else
	{
		snprintf(msg, cap, "Variant_Type \"%.40s\" is not SNP, DNP, TNP, ONP, INS or DEL", type);
		return "variant_type_mismatch";
	}
	if (!ok)
	{
		snprintf(msg, cap, "Variant_Type %.10s does not fit the alleles %.40s>%.40s", type, ref, alt);
		return "variant_type_mismatch";
	}
	return NULL;
}

/* Check and normalise one split line into r->row. */
static void
take_line(maf_reader *r, int n)
{
	maf_row    *row = &r->row;
	const maf_info *in = &r->info;
	const char *ref,
			   *t1,
			   *t2,
			   *alt,
			   *cls;
	int64_t		start,
				end = 0;
	char		msg[256];
	const char *code;

	/* empty cells beyond the header (a trailing tab) are no cells */
	while (n > in->ncols && strspn(r->fields[n - 1], " \r") == strlen(r->fields[n - 1]))
		n--;
	if (n > in->ncols)
	{
		reject(row, "column_count", 0, "%d fields, the header has %d", n, in->ncols);
		return;
	}
	for (int c = 0; c < in->ncols; c++)
		r->cells[c] = c < n ? r->fields[c] : "";
	row->cells = r->cells;
	for (int f = 0; f < MAF_NFIELDS; f++)
	{
		int			c = in->col[f];

		if (c < 0 || maf_is_null(r->cells[c]))
			row->f[f] = NULL;
		else
			row->f[f] = str_trim(r->cells[c]);
		if (row->f[f] && !*row->f[f])
			row->f[f] = NULL;
	}
	if (n < in->ncols)
	{
		/* short lines are padded with empty cells, unless a required one is cut off */
		static const maf_field need[] = {MAF_TUMOR_SAMPLE, MAF_CHROMOSOME, MAF_START,
		MAF_REF_ALLELE, MAF_CLASSIFICATION};

		for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
			if (in->col[need[i]] >= n)
			{
				reject(row, "column_count", 0, "%d fields, the header has %d", n, in->ncols);
				return;
			}
	}
	if (!row->f[MAF_TUMOR_SAMPLE])
	{
		reject(row, "missing_value", colno(r, MAF_TUMOR_SAMPLE), "no Tumor_Sample_Barcode");
		return;
	}
	/* genome build */
	if (row->f[MAF_BUILD])
	{
		row->build = maf_build_norm(row->f[MAF_BUILD]);
		if (!row->build)
		{
			reject(row, "unknown_build", colno(r, MAF_BUILD),
				   "unknown genome build \"%.40s\" (GRCh37/hg19/37 or GRCh38/hg38/38)", row->f[MAF_BUILD]);
			return;
		}
	}
	else if (r->default_build)
		row->build = r->default_build;
	else
	{
		reject(row, "unknown_build", in->has_build ? colno(r, MAF_BUILD) : 0,
			   "no genome build: NCBI_Build is empty and no --build was given");
		return;
	}
	/* chromosome and positions */
	if (!row->f[MAF_CHROMOSOME])
	{
		reject(row, "missing_value", colno(r, MAF_CHROMOSOME), "no Chromosome");
		return;
	}
	if (!maf_chrom_norm(row->f[MAF_CHROMOSOME], row->chrom, sizeof(row->chrom)))
	{
		reject(row, "invalid_chromosome", colno(r, MAF_CHROMOSOME), "invalid chromosome \"%.40s\"",
			   row->f[MAF_CHROMOSOME]);
		return;
	}
	if (!row->f[MAF_START] || !parse_position(row->f[MAF_START], &start))
	{
		reject(row, "invalid_position", colno(r, MAF_START), "Start_Position \"%.40s\" is not a positive whole number",
			   row->f[MAF_START] ? row->f[MAF_START] : "");
		return;
	}
	if (row->f[MAF_END] && !parse_position(row->f[MAF_END], &end))
	{
		reject(row, "invalid_position", colno(r, MAF_END), "End_Position \"%.40s\" is not a positive whole number",
			   row->f[MAF_END]);
		return;
	}
	if (in->col[MAF_END] >= 0 && !row->f[MAF_END])
	{
		reject(row, "invalid_position", colno(r, MAF_END), "End_Position is empty");
		return;
	}
	if (row->f[MAF_END] && start > end)
	{
		reject(row, "start_after_end", colno(r, MAF_START), "Start_Position %lld is after End_Position %lld",
			   (long long) start, (long long) end);
		return;
	}
	/* alleles: Tumor_Seq_Allele2, unless it is the reference, then Allele1 */
	ref = row->f[MAF_REF_ALLELE];
	t1 = row->f[MAF_TUMOR_ALLELE1];
	t2 = row->f[MAF_TUMOR_ALLELE2];
	if (!ref)
	{
		reject(row, "missing_value", colno(r, MAF_REF_ALLELE), "no Reference_Allele");
		return;
	}
	alt = t2;
	if (!alt || str_ieq(alt, ref))
		alt = t1 && !str_ieq(t1, ref) ? t1 : NULL;
	if (!alt)
	{
		reject(row, "no_tumor_allele", colno(r, in->col[MAF_TUMOR_ALLELE2] >= 0 ? MAF_TUMOR_ALLELE2 : MAF_TUMOR_ALLELE1),
			   "neither tumour allele differs from the reference allele %.40s", ref);
		return;
	}
	if ((strcmp(ref, "-") != 0 && !maf_bases_ok(ref)) || (strcmp(alt, "-") != 0 && !maf_bases_ok(alt)))
	{
		bool		bad_ref = strcmp(ref, "-") != 0 && !maf_bases_ok(ref);

		reject(row, "invalid_allele", bad_ref ? colno(r, MAF_REF_ALLELE) :
			   colno(r, alt == t2 ? MAF_TUMOR_ALLELE2 : MAF_TUMOR_ALLELE1),
			   "allele \"%.40s\" is not A, C, G, T, N or -", bad_ref ? ref : alt);
		return;
	}
	if (!row->f[MAF_END])
		end = strcmp(ref, "-") == 0 ? start + 1 : start + (int64_t) strlen(ref) - 1;
	if ((code = check_type(row->f[MAF_VARIANT_TYPE], ref, alt, start, end, msg, sizeof(msg))) != NULL)
	{
		reject(row, code, strcmp(code, "allele_length") == 0 ? colno(r, MAF_REF_ALLELE) :
			   colno(r, MAF_VARIANT_TYPE), "%s", msg);
		return;
	}
	if (maf_normalise(strcmp(ref, "-") == 0 ? start + 1 : start, ref, alt, &row->var) < 0)
	{
		reject(row, "invalid_allele", colno(r, MAF_REF_ALLELE), "the alleles %.40s>%.40s describe no change",
			   ref, alt);
		return;
	}
	row->changed = row->var.start != start || row->var.end != end ||
		!str_ieq(row->var.ref, ref) || !str_ieq(row->var.alt, alt);
	cls = row->f[MAF_CLASSIFICATION];
	if (!cls || !maf_classification(cls))
	{
		reject(row, "invalid_classification", colno(r, MAF_CLASSIFICATION),
			   "Variant_Classification \"%.40s\" is not a MAF value", cls ? cls : "");
		return;
	}
	row->f[MAF_CLASSIFICATION] = maf_classification(cls);
}

int
maf_next(maf_reader *r, maf_row **rowp, char **err)
{
	maf_row    *row = &r->row;
	char	   *line;
	size_t		len;
	int			n;

	*err = NULL;
	for (;;)
	{
		line = lineio_next(r->lr, &len);
		if (!line)
		{
			if (lineio_error(r->lr))
			{
				*err = xasprintf("%s", lineio_error(r->lr));
				return -1;
			}
			return 0;
		}
		if (line[0] != '#')
			break;
	}
	row->lineno = lineio_lineno(r->lr);
	row->error_code = NULL;
	row->error[0] = '\0';
	row->error_col = 0;
	row->blank = false;
	row->build = NULL;
	row->chrom[0] = '\0';
	row->changed = false;
	row->cells = r->cells;
	memset(row->f, 0, sizeof(row->f));
	/* keep the line for rejects before splitting it */
	if (len + 1 > r->rawcap)
	{
		r->rawcap = len + 1 > MAF_RAW_MAX + 1 ? len + 1 : MAF_RAW_MAX + 1;
		r->raw = xrealloc(r->raw, r->rawcap);
	}
	memcpy(r->raw, line, len + 1);
	row->raw = r->raw;
	*rowp = row;
	if (len > 0 && line[len - 1] == '\r')
		line[--len] = '\0';
	if (len == 0 || strspn(line, " \t") == len)
	{
		row->blank = true;
		return 1;
	}
	if (!utf8_valid(line))
	{
		for (int c = 0; c < r->info.ncols; c++)
			r->cells[c] = "";
		utf8_scrub(r->raw);
		reject(row, "invalid_encoding", 0, "the line is not valid UTF-8");
		return 1;
	}
	n = tsv_split(line, '\t', r->fields, MAF_MAX_COLS + 1);
	for (int c = 0; c < r->info.ncols; c++)
		r->cells[c] = "";
	take_line(r, n);
	return 1;
}

/* Field col (0-based) of a line; NULL when the line is shorter. */
static char *
nth_field(char *line, int col)
{
	char	   *p = line;

	for (int i = 0; i < col; i++)
	{
		p = strchr(p, '\t');
		if (!p)
			return NULL;
		p++;
	}
	return p;
}

int
maf_scan_samples(const maf_reader *r, void (*each) (void *arg, const char *tumor, const char *normal),
				 void *arg, char **err)
{
	lineio	   *lr = lineio_open(r->path);
	int			tc = r->info.col[MAF_TUMOR_SAMPLE],
				nc = r->info.col[MAF_NORMAL_SAMPLE];
	bool		header = false;
	char	   *line;
	size_t		len;
	onc_buf		prev,			/* the last pair passed on: "tumour\tnormal" */
				cur;

	*err = NULL;
	if (!lr)
	{
		*err = xasprintf("cannot open: %s", strerror(errno));
		return -1;
	}
	buf_init(&prev);
	buf_init(&cur);
	while ((line = lineio_next(lr, &len)) != NULL)
	{
		char	   *t,
				   *n = NULL;

		if (line[0] == '#' || strspn(line, " \t\r") == len)
			continue;
		if (!header)
		{
			header = true;
			continue;
		}
		/* find both fields, then cut each at its end */
		t = nth_field(line, tc);
		if (nc >= 0)
			n = nth_field(line, nc);
		if (t)
			t[strcspn(t, "\t\r")] = '\0';
		if (n)
			n[strcspn(n, "\t\r")] = '\0';
		if (t)
			t = str_trim(t);
		if (n)
			n = str_trim(n);
		if (!t || maf_is_null(t))
			continue;
		if (n && maf_is_null(n))
			n = NULL;
		/* a MAF is mostly grouped by sample: a line like the one before adds nothing */
		buf_reset(&cur);
		buf_puts(&cur, t);
		buf_puts(&cur, "\t");
		buf_puts(&cur, n ? n : "");
		if (prev.len == cur.len && memcmp(prev.data, cur.data, cur.len) == 0)
			continue;
		buf_reset(&prev);
		buf_append(&prev, cur.data, cur.len);
		each(arg, t, n);
	}
	buf_free(&prev);
	buf_free(&cur);
	if (lineio_error(lr))
	{
		*err = xasprintf("%s", lineio_error(lr));
		lineio_close(lr);
		return -1;
	}
	lineio_close(lr);
	return 0;
}

void
maf_close(maf_reader *r)
{
	if (!r)
		return;
	if (r->lr)
		lineio_close(r->lr);
	for (int i = 0; i < r->info.ncols; i++)
		free(r->info.names ? r->info.names[i] : NULL);
	free(r->info.names);
	free(r->info.roles);
	for (int i = 0; i < r->info.nheader_lines; i++)
		free(r->info.header_lines[i]);
	free(r->info.header_lines);
	maf_variant_free(&r->row.var);
	free(r->fields);
	free(r->cells);
	free(r->raw);
	free(r->path);
	free(r);
}
