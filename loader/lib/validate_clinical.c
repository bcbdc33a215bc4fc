/*
 * validate_clinical.c: the clinical check of "oncoload validate".  Every
 * record goes through the clinical loader's readers (transforms/clin_*.c)
 * and the same tests clin_load.c makes before it writes a fact, so what a
 * load would reject is an error here; cBioPortal clinical files also get
 * the header checks of cBioPortal's validator (datatypes, upper-case names,
 * calculated and hard-coded attributes, legal IDs, Excel-mangled dates).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "biotab.h"
#include "cbio_meta.h"
#include "cbioclin.h"
#include "clin.h"
#include "gdcclin.h"
#include "lineio.h"
#include "strmap.h"
#include "textutil.h"
#include "validate_internal.h"

#define MAX_HASH_ROWS 5
#define SNIFF_LINES 8

/* ------------------------------------------------ cBioPortal header rows */

/*
 * Attributes whose datatype and level cBioPortal fixes (its validator's
 * hard-coded list, the ones its portal pages compute with).
 */
typedef struct fixed_attr
{
	const char *name;
	const char *datatype;
	bool		sample;			/* SAMPLE level, else PATIENT */
} fixed_attr;

static const fixed_attr fixed_attrs[] = {
	{"OS_MONTHS", "NUMBER", false},
	{"OS_STATUS", "STRING", false},
	{"DFS_MONTHS", "NUMBER", false},
	{"DFS_STATUS", "STRING", false},
	{"PFS_MONTHS", "NUMBER", false},
	{"PFS_STATUS", "STRING", false},
	{"DSS_MONTHS", "NUMBER", false},
	{"DSS_STATUS", "STRING", false},
	{"SEX", "STRING", false},
	{"GENDER", "STRING", false},
	{"OTHER_PATIENT_ID", "STRING", false},
	{"OTHER_SAMPLE_ID", "STRING", true},
	{"SAMPLE_TYPE", "STRING", true},
	{"CANCER_TYPE", "STRING", true},
	{"CANCER_TYPE_DETAILED", "STRING", true},
	{"METASTATIC_SITE", "STRING", true},
	{"PRIMARY_SITE", "STRING", true},
	{"SAMPLE_CLASS", "STRING", true},
	{"TUMOR_TISSUE_SITE", "STRING", true},
	{NULL, NULL, false}
};

/* Attributes cBioPortal computes itself and refuses in a clinical file. */
static const char *const calculated_attrs[] = {"MUTATION_COUNT", "FRACTION_GENOME_ALTERED", NULL};

/* Split a tab-separated line in place into *f (grown as needed); the count. */
static int
split_tabs(char *line, char ***f, int *cap)
{
	int			n = 0;

	for (char *p = line;;)
	{
		char	   *tab = strchr(p, '\t');

		if (n == *cap)
		{
			*cap = *cap ? *cap * 2 : 32;
			*f = xrealloc(*f, (size_t) *cap * sizeof(char *));
		}
		(*f)[n++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

static bool
known_type(const char *t)
{
	return str_ieq(t, "STRING") || str_ieq(t, "NUMBER") || str_ieq(t, "BOOLEAN");
}

static bool
is_upper_name(const char *s)
{
	for (; *s; s++)
		if (islower((unsigned char) *s))
			return false;
	return true;
}

/*
 * The header checks of a cBioPortal clinical file.  Reads the '#' rows and
 * the attribute names itself, since the reader stops at the first problem.
 * *datatype_reported is set when bad datatypes were reported (the reader's
 * own message about the first is then left out).
 */
static void
check_cbio_header(val_file *f, const char *path, bool *datatype_reported)
{
	lineio	   *lr = lineio_open(path);
	char	   *hash[MAX_HASH_ROWS];
	long		hash_line[MAX_HASH_ROWS];
	int			nhash = 0;
	char	   *header = NULL;
	long		header_line = 0;
	char	  **names = NULL,
			  **types = NULL,
			  **levels = NULL;
	int			capn = 0,
				capt = 0,
				capl = 0,
				nn = 0,
				nt = 0,
				nl = 0;
	int			level_row = -1;
	bool		sample_file = false;
	char	   *line;
	size_t		len;

	*datatype_reported = false;
	if (!lr)
		return;
	while ((line = lineio_next(lr, &len)) != NULL)
	{
		if (len == 0)
			continue;
		if (line[0] != '#')
		{
			header = xstrdup(line);
			header_line = lineio_lineno(lr);
			break;
		}
		if (nhash == MAX_HASH_ROWS)
			break;
		hash_line[nhash] = lineio_lineno(lr);
		hash[nhash++] = xstrdup(line + 1);
	}
	lineio_close(lr);
	if (!header)
		goto done;
	nn = split_tabs(header, &names, &capn);
	for (int c = 0; c < nn; c++)
		names[c] = str_trim(names[c]);
	if (nhash == 0)
	{
		val_report(f, ONC_WARNING, 0, 0, "clinical.no_header_rows",
				   "no \"#\" header rows (display names, descriptions, datatypes, priorities): "
				   "a load reads every column as text");
		goto names;
	}
	if (nhash >= 3)
	{
		nt = split_tabs(hash[2], &types, &capt);
		for (int c = 0; c < nt && c < nn; c++)
		{
			char	   *t = str_trim(types[c]);

			if (!known_type(t))
			{
				val_report(f, ONC_ERROR, hash_line[2], c + 1, "clinical.bad_datatype",
						   "datatype \"%.40s\" of %s is not STRING, NUMBER or BOOLEAN", t, names[c]);
				*datatype_reported = true;
			}
		}
	}
	/*
	 * the PATIENT/SAMPLE row of the older combined files: the 4th or 5th of
	 * five, as the reader takes it
	 */
	for (int row = 3; nhash == MAX_HASH_ROWS && row < nhash && level_row < 0; row++)
	{
		char	   *copy = xstrdup(hash[row]);
		char	  **lf = NULL;
		int			capf = 0,
					n = split_tabs(copy, &lf, &capf);
		bool		all = n == nn;

		for (int c = 0; c < n && all; c++)
			all = str_ieq(str_trim(lf[c]), "PATIENT") || str_ieq(str_trim(lf[c]), "SAMPLE");
		free(lf);
		free(copy);
		if (all)
		{
			level_row = row;
			nl = split_tabs(hash[row], &levels, &capl);
		}
	}
	for (int c = 0; c < nn; c++)
		if (strcmp(names[c], "SAMPLE_ID") == 0)
			sample_file = true;
	if (!sample_file)
	{
		const char *dt = NULL;
		cbio_meta  *m = cbio_meta_find_for(path);

		if (m && (dt = cbio_meta_get(m, "datatype")) != NULL && str_ieq(dt, "SAMPLE_ATTRIBUTES"))
			sample_file = true;
		cbio_meta_free(m);
	}

	/* hard-coded attributes: their datatype and level */
	for (int c = 0; c < nn; c++)
		for (const fixed_attr *a = fixed_attrs; a->name; a++)
		{
			bool		is_sample;

			if (strcmp(names[c], a->name) != 0)
				continue;
			if (c < nt && !str_ieq(str_trim(types[c]), a->datatype) && known_type(str_trim(types[c])))
				val_report(f, ONC_ERROR, hash_line[2], c + 1, "clinical.fixed_attribute_datatype",
						   "%s must have datatype %s, not %.40s", a->name, a->datatype,
						   str_trim(types[c]));
			is_sample = level_row >= 0 && c < nl ? str_ieq(str_trim(levels[c]), "SAMPLE") : sample_file;
			if (is_sample != a->sample)
				val_report(f, ONC_ERROR, level_row >= 0 ? hash_line[level_row] : header_line, c + 1,
						   "clinical.fixed_attribute_level",
						   "%s is a %s attribute; it is given as a %s attribute", a->name,
						   a->sample ? "sample" : "patient", is_sample ? "sample" : "patient");
		}
names:
	for (int c = 0; c < nn; c++)
	{
		if (*names[c] == '\0')
			val_report(f, ONC_ERROR, header_line, c + 1, "clinical.blank_attribute",
					   "column %d has no attribute name", c + 1);
		else if (!is_upper_name(names[c]))
			val_report(f, ONC_ERROR, header_line, c + 1, "clinical.lowercase_attribute",
					   "attribute name %.80s is not in upper case", names[c]);
		for (const char *const *b = calculated_attrs; *b; b++)
			if (strcmp(names[c], *b) == 0)
				val_report(f, ONC_ERROR, header_line, c + 1, "clinical.calculated_attribute",
						   "%s is calculated by cBioPortal and is not accepted in a clinical file", *b);
		if (str_iprefix(names[c], "SAMPLE_ID") && strcmp(names[c], "SAMPLE_ID") != 0 && !sample_file)
			val_report(f, ONC_ERROR, header_line, c + 1, "clinical.sample_id_missing",
					   "no SAMPLE_ID column (there is %.80s): the file is read as patient attributes",
					   names[c]);
		for (int o = 0; o < c; o++)
			if (*names[c] && strcmp(names[o], names[c]) == 0)
			{
				val_report(f, ONC_ERROR, header_line, c + 1, "clinical.attribute_twice",
						   "attribute %.80s is given twice (columns %d and %d)", names[c], o + 1, c + 1);
				break;
			}
	}
done:
	for (int i = 0; i < nhash; i++)
		free(hash[i]);
	free(header);
	free(names);
	free(types);
	free(levels);
}

/* Whether the first lines make clin_open read the file as cBioPortal clinical. */
static bool
looks_cbio(const char *path)
{
	lineio	   *lr = lineio_open(path);
	char	   *lines[SNIFF_LINES];
	int			n = 0;
	char	   *l;
	size_t		len;
	bool		yes;

	if (!lr)
		return false;
	while (n < SNIFF_LINES && (l = lineio_next(lr, &len)) != NULL)
		if (len > 0)
			lines[n++] = xstrdup(l);
	lineio_close(lr);
	yes = n > 0 && lines[0][0] != '<' && !(n >= 3 && biotab_sniff(lines[0], lines[1], lines[2])) &&
		!gdcclin_sniff(lines[0]) && cbioclin_sniff(lines, n);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	return yes;
}

/* ------------------------------------------------------------ values */

/* "Jan-14", "4-Oct": what a spreadsheet makes of "1-14" or "4-10". */
static bool
looks_like_excel_date(const char *v)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
	"sep", "oct", "nov", "dec", NULL};
	const char *dash = strchr(v, '-');
	const char *mon,
			   *num;
	size_t		mlen,
				nlen;

	if (!dash || strchr(dash + 1, '-'))
		return false;
	if (isdigit((unsigned char) v[0]))
	{
		num = v;
		nlen = (size_t) (dash - v);
		mon = dash + 1;
		mlen = strlen(mon);
	}
	else
	{
		mon = v;
		mlen = (size_t) (dash - v);
		num = dash + 1;
		nlen = strlen(num);
	}
	if (nlen < 1 || nlen > 4 || mlen != 3)
		return false;
	for (size_t i = 0; i < nlen; i++)
		if (!isdigit((unsigned char) num[i]))
			return false;
	for (const char *const *m = months; *m; m++)
		if (strncasecmp(mon, *m, 3) == 0)
			return true;
	return false;
}

/* Letters, digits, '.', '_' and '-': what cBioPortal accepts in an ID. */
static bool
legal_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char) *s) && *s != '.' && *s != '_' && *s != '-')
			return false;
	return true;
}

static bool
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;

	while (*p)
	{
		int			n;

		if (*p < 0x80)
		{
			p++;
			continue;
		}
		n = (*p & 0xe0) == 0xc0 && *p >= 0xc2 ? 2 : (*p & 0xf0) == 0xe0 ? 3 :
			(*p & 0xf8) == 0xf0 && *p <= 0xf4 ? 4 : 0;
		if (n == 0)
			return false;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

/* One field: the tests clin_load.c's take_field makes, plus the cBioPortal ones. */
static void
check_field(val_file *f, const clin_info *info, const clin_field *fd)
{
	const clin_attr *a = clin_attr_find(info->source, fd->entity, fd->name);
	clin_value	v;
	double		num;
	char		key[320];

	if (fd->invalid || (fd->value && !utf8_ok(fd->value)))
	{
		val_report(f, ONC_ERROR, fd->line, fd->col, "clinical.invalid_value",
				   "%s: the value is not %s", fd->name, fd->invalid ? fd->invalid : "valid UTF-8 text");
		return;
	}
	if (!fd->value)
		return;
	snprintf(key, sizeof(key), "%s/%s/%.200s", fd->entity, fd->instance, fd->name);
	if (a)
	{
		if (clin_normalise(a, fd->value, &v) == CLIN_INVALID)
			val_report(f, ONC_ERROR, fd->line, fd->col, "clinical.invalid_value",
					   "%s: a value is not %s (%s; first: \"%s\")", fd->name, v.why, clin_attr_name(a),
					   val_first_value(f, key, fd->value));
	}
	else if (fd->declared && fd->declared_type != CLIN_TEXT &&
			 !clin_check_declared(fd->declared_type, fd->value, &num))
		val_report(f, ONC_ERROR, fd->line, fd->col, "clinical.type_mismatch",
				   "%s: a value is not a %s value, as the header declares (first: \"%s\")", fd->name,
				   fd->declared_type == CLIN_BOOLEAN ? "BOOLEAN" : "NUMBER",
				   val_first_value(f, key, fd->value));
	if (info->format == CLIN_FMT_CBIO && (!fd->declared || fd->declared_type == CLIN_TEXT) &&
		looks_like_excel_date(fd->value))
	{
		size_t		n = strlen(key);

		snprintf(key + n, sizeof(key) - n, "/date");
		val_report(f, ONC_ERROR, fd->line, fd->col, "clinical.date_in_text",
				   "%s: a value looks like a date a spreadsheet made of it (first: \"%s\")", fd->name,
				   val_first_value(f, key, fd->value));
	}
}

/* The column of an ID in a cBioPortal row (0 when not known). */
static int
id_col(const clin_record *rec, const char *id)
{
	const char *raw = rec->raw;
	int			col = 1;
	size_t		n = strlen(id);

	if (!raw)
		return 0;
	for (const char *p = raw;; col++)
	{
		const char *tab = strchr(p, '\t');
		size_t		len = tab ? (size_t) (tab - p) : strlen(p);

		while (len > 0 && (*p == ' ' || *p == '\r'))
			p++, len--;
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\r'))
			len--;
		if (len == n && strncmp(p, id, n) == 0)
			return col;
		if (!tab)
			return 0;
		p = tab + 1;
	}
}

/* ------------------------------------------------------------ the check */

/* Stable code for a reader's error that stops the file. */
static const char *
open_error_code(const char *msg)
{
	if (strstr(msg, "no PATIENT_ID"))
		return "clinical.patient_id_missing";
	if (strstr(msg, "no SAMPLE_ID"))
		return "clinical.sample_id_missing";
	if (strstr(msg, "datatype"))
		return "clinical.bad_datatype";
	if (strstr(msg, "\"#\""))
		return "clinical.header_rows";
	if (strstr(msg, "XML") || strstr(msg, "xml") || strstr(msg, "element"))
		return "clinical.bad_xml";
	if (strstr(msg, "mapping"))
		return "clinical.mapping";
	return "clinical.unreadable";
}

/* "LINE: text" or "LINE:COL: text" of a reader's error (as clin_load.c splits them). */
static const char *
split_place(const char *err, long *line, int *col)
{
	char	   *end;
	long		l = strtol(err, &end, 10);

	*line = 0;
	*col = 0;
	if (end == err || l <= 0 || *end != ':')
		return err;
	if (end[1] == ' ')
	{
		*line = l;
		return end + 2;
	}
	{
		char	   *end2;
		long		c = strtol(end + 1, &end2, 10);

		if (end2 != end + 1 && c > 0 && end2[0] == ':' && end2[1] == ' ')
		{
			*line = l;
			*col = (int) c;
			return end2 + 2;
		}
	}
	return err;
}

int
val_check_clinical(val_file *f, const char *path)
{
	clin_open_opts oo = {CLIN_FMT_UNKNOWN, NULL};
	clin_reader *r;
	const clin_info *info;
	const clin_record *rec;
	char	   *err = NULL;
	int			eno = 0,
				got;
	bool		cbio = looks_cbio(path),
				datatype_reported = false;
	strmap	   *patients = strmap_new(1024),
			   *samples = strmap_new(1024),
			   *instances = strmap_new(1024);
	onc_buf		key;
	long		nrec = 0;

	if (cbio)
		check_cbio_header(f, path, &datatype_reported);
	r = clin_open(path, &oo, &err, &eno);
	if (!r && f->run->o.mapping && !eno)
	{
		/* not a layout the reader knows: a hospital export, through the mapping */
		free(err);
		err = NULL;
		oo.mapping = f->run->o.mapping;
		r = clin_open(path, &oo, &err, &eno);
	}
	if (!r)
	{
		long		line;
		int			col;
		const char *msg = split_place(err ? err : "cannot read", &line, &col);
		const char *code = eno ? "file.unreadable" : open_error_code(msg);

		if (!(datatype_reported && strcmp(code, "clinical.bad_datatype") == 0))
			val_report(f, ONC_ERROR, line, col, code, "%s", msg);
		if (eno)
			f->io_error = true;
		free(err);
		strmap_free(patients);
		strmap_free(samples);
		strmap_free(instances);
		return -1;
	}
	info = clin_reader_info(r);
	val_set_kind(f, info->data_type && strcmp(info->data_type, "biospecimen") == 0 ? "biospecimen" : "clinical");
	if (info->warning && !(cbio && strstr(info->warning, "\"#\" header rows")))
		val_report(f, ONC_WARNING, 0, 0, "clinical.reader_warning", "%s", info->warning);

	buf_init(&key);
	while ((got = clin_next(r, &rec, &err)) == 1)
	{
		const char *pid = rec->patient_id;
		const char *prev_entity = NULL,
				   *prev_instance = NULL;

		nrec++;
		if (rec->error)
		{
			const char *code = rec->error_code ? rec->error_code : "malformed_record";

			buf_reset(&key);
			buf_printf(&key, "clinical.%s", strcmp(code, "patient_missing") == 0 ? "patient_id_missing" :
					   strcmp(code, "sample_missing") == 0 ? "sample_id_missing" : code);
			val_report(f, ONC_ERROR, rec->line, rec->error_col, key.data, "%s", rec->error);
			continue;
		}
		if (!pid || !*pid)
		{
			val_report(f, ONC_ERROR, rec->line, 0, "clinical.patient_id_missing", "no patient ID");
			continue;
		}
		if (!utf8_ok(pid) || (rec->sample_id && !utf8_ok(rec->sample_id)))
		{
			val_report(f, ONC_ERROR, rec->line, 0, "clinical.invalid_value",
					   "the patient or sample ID is not valid UTF-8 text");
			continue;
		}
		if (info->format == CLIN_FMT_CBIO)
		{
			if (!legal_id(pid))
				val_report(f, ONC_ERROR, rec->line, id_col(rec, pid), "clinical.illegal_id",
						   "a PATIENT_ID holds characters other than letters, digits, '.', '_' and '-' "
						   "(first: \"%s\")", val_first_value(f, "illegal_id/PATIENT_ID", pid));
			if (rec->sample_id && !legal_id(rec->sample_id))
				val_report(f, ONC_ERROR, rec->line, id_col(rec, rec->sample_id), "clinical.illegal_id",
						   "a SAMPLE_ID holds characters other than letters, digits, '.', '_' and '-' "
						   "(first: \"%s\")", val_first_value(f, "illegal_id/SAMPLE_ID", rec->sample_id));
		}
		if (rec->defines_patient)
		{
			if (strmap_get(patients, pid, NULL))
			{
				val_report(f, ONC_ERROR, rec->line, 0, "clinical.patient_twice",
						   "patient %.100s is defined twice in this file; a load keeps the first", pid);
				continue;
			}
			strmap_put(patients, pid, rec->line);
			val_define_patient(f, rec->line, pid);
			val_clin_patient_defined(f, pid);
		}
		else if (!rec->creates_patient && !strmap_get(patients, pid, NULL))
			val_clin_patient_needed(f, rec->line, pid, rec->sample_id);
		if (rec->defines_sample && rec->sample_id)
		{
			if (strmap_get(samples, rec->sample_id, NULL))
			{
				val_report(f, ONC_ERROR, rec->line, 0, "clinical.sample_twice",
						   "sample %.100s is defined twice in this file; a load keeps the first",
						   rec->sample_id);
				continue;
			}
			strmap_put(samples, rec->sample_id, rec->line);
			val_define_sample(f, rec->line, rec->sample_id, pid);
		}
		else if (rec->sample_id)
			val_use_sample(f, rec->line, rec->sample_id);
		if (rec->aliquot_id && !rec->sample_id)
		{
			val_report(f, ONC_ERROR, rec->line, 0, "clinical.sample_id_missing",
					   "aliquot %.100s names no sample", rec->aliquot_id);
			continue;
		}
		for (int i = 0; i < rec->nfields; i++)
		{
			const clin_field *fd = &rec->fields[i];

			/* an entity given twice (two drugs with one barcode ...): the load keeps the first */
			if (!prev_entity || strcmp(prev_entity, fd->entity) != 0 ||
				strcmp(prev_instance, fd->instance) != 0)
			{
				prev_entity = fd->entity;
				prev_instance = fd->instance;
				if (strcmp(fd->entity, "patient") != 0 && strcmp(fd->entity, "admin") != 0 &&
					strcmp(fd->entity, "biospecimen_patient") != 0)
				{
					int64_t		seen;

					buf_reset(&key);
					buf_printf(&key, "%s\x1f%s\x1f%s\x1f%s", pid, rec->sample_id ? rec->sample_id : "",
							   fd->entity, fd->instance);
					if (strmap_get(instances, key.data, &seen) && seen != nrec)
						val_report(f, ONC_ERROR, fd->line, fd->col, "clinical.entity_twice",
								   "%s %.100s of patient %.100s is given twice in this file; a load keeps the first",
								   fd->entity, *fd->instance ? fd->instance : "(one)", pid);
					else
						strmap_put(instances, key.data, nrec);
				}
			}
			check_field(f, info, fd);
		}
	}
	if (got < 0)
	{
		long		line;
		int			col;
		const char *msg = split_place(err ? err : "read error", &line, &col);

		val_report(f, ONC_ERROR, line ? line : clin_lineno(r), col,
				   strstr(msg, "could not read") ? "file.unreadable" : open_error_code(msg), "%s", msg);
		free(err);
	}
	val_lines_read(f, clin_lineno(r));
	buf_free(&key);
	clin_close(r);
	strmap_free(patients);
	strmap_free(samples);
	strmap_free(instances);
	return 0;
}
