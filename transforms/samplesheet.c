/*
 * samplesheet.c: reads a GDC sample sheet into memory and looks files up by
 * File ID or File Name through two small open-addressing hash tables.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lineio.h"
#include "onc.h"
#include "samplesheet.h"
#include "textutil.h"

/* Key -> entry index + 1 (0 = empty slot); open addressing. */
typedef struct ss_index
{
	size_t	   *slots;
	size_t		mask;
} ss_index;

struct samplesheet
{
	ss_entry   *entries;
	size_t		n;
	size_t		cap;
	ss_index	by_id;
	ss_index	by_name;
	bool	   *name_repeated;	/* per entry: a later row has its file name */
};

/* The columns, in the order of ss_entry's string fields. */
enum
{
	COL_FILE_ID,
	COL_FILE_NAME,
	COL_DATA_CATEGORY,
	COL_DATA_TYPE,
	COL_PROJECT_ID,
	COL_CASE_ID,
	COL_SAMPLE_ID,
	COL_SAMPLE_TYPE,
	NCOLS
};

static const char *const col_names[NCOLS] = {
	"File ID", "File Name", "Data Category", "Data Type", "Project ID",
	"Case ID", "Sample ID", "Sample Type"
};

/*
 * Columns a sheet must have; the others are NULL when absent (sheets from
 * the newer portal replace "Sample Type" by "Tissue Type", "Tumor
 * Descriptor", "Specimen Type" and "Preservation Method").
 */
static const bool col_required[NCOLS] = {
	true, true, false, false, false, true, true, false
};

static uint64_t
hash_str(const char *s)
{
	uint64_t	h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char) *s) * 1099511628211ULL;
	return h;
}

static const char *
entry_key(const ss_entry *e, bool by_id)
{
	return by_id ? e->file_id : e->file_name;
}

static void
index_init(ss_index *ix, size_t n)
{
	size_t		cap = 16;

	while (cap < n * 2 + 1)
		cap *= 2;
	ix->slots = xcalloc(cap, sizeof(size_t));
	ix->mask = cap - 1;
}

/*
 * Add entry i under its key.  Returns the index of an earlier entry that
 * has the same key (and leaves the index unchanged), or SIZE_MAX.
 */
static size_t
index_add(samplesheet *ss, ss_index *ix, bool by_id, size_t i)
{
	const char *key = entry_key(&ss->entries[i], by_id);

	for (size_t h = (size_t) hash_str(key) & ix->mask;; h = (h + 1) & ix->mask)
	{
		size_t		v = ix->slots[h];

		if (v == 0)
		{
			ix->slots[h] = i + 1;
			return SIZE_MAX;
		}
		if (strcmp(entry_key(&ss->entries[v - 1], by_id), key) == 0)
			return v - 1;
	}
}

/* Entry with key, or NULL. */
static const ss_entry *
index_find(const samplesheet *ss, const ss_index *ix, bool by_id,
		   const char *key)
{
	if (!ix->slots)
		return NULL;
	for (size_t h = (size_t) hash_str(key) & ix->mask;; h = (h + 1) & ix->mask)
	{
		size_t		v = ix->slots[h];

		if (v == 0)
			return NULL;
		if (strcmp(entry_key(&ss->entries[v - 1], by_id), key) == 0)
			return &ss->entries[v - 1];
	}
}

/* First item of a comma-separated cell, trimmed; *count gets how many. */
static char *
first_of_list(char *cell, int *count)
{
	char	   *comma = strchr(cell, ',');
	int			n = 1;

	for (const char *p = cell; (p = strchr(p, ',')) != NULL; p++)
		n++;
	if (count)
		*count = cell[0] == '\0' ? 0 : n;
	if (comma)
		*comma = '\0';
	return str_trim(cell);
}

static void
entry_free(ss_entry *e)
{
	free(e->file_id);
	free(e->file_name);
	free(e->data_category);
	free(e->data_type);
	free(e->project_id);
	free(e->case_id);
	free(e->sample_id);
	free(e->sample_type);
}

void
samplesheet_free(samplesheet *ss)
{
	if (!ss)
		return;
	for (size_t i = 0; i < ss->n; i++)
		entry_free(&ss->entries[i]);
	free(ss->entries);
	free(ss->by_id.slots);
	free(ss->by_name.slots);
	free(ss->name_repeated);
	free(ss);
}

/* Map header fields to our columns; false with *err set when one is missing. */
static bool
read_header(char *line, long lineno, int *colpos, int *nfields, char **err)
{
	int			n = tsv_count(line, '\t');
	char	  **f = xmalloc(sizeof(char *) * (size_t) n);

	/* a UTF-8 byte order mark is not part of the first name */
	if (strncmp(line, "\xEF\xBB\xBF", 3) == 0)
		line += 3;
	n = tsv_split(line, '\t', f, n);
	for (int c = 0; c < NCOLS; c++)
		colpos[c] = -1;
	for (int i = 0; i < n; i++)
	{
		char	   *name = str_trim(f[i]);

		for (int c = 0; c < NCOLS; c++)
			if (colpos[c] < 0 && str_ieq(name, col_names[c]))
				colpos[c] = i;
	}
	free(f);
	*nfields = n;
	for (int c = 0; c < NCOLS; c++)
		if (col_required[c] && colpos[c] < 0)
		{
			*err = xasprintf("%ld: not a GDC sample sheet: no \"%s\" column",
							 lineno, col_names[c]);
			return false;
		}
	return true;
}

samplesheet *
samplesheet_read(const char *path, char **err)
{
	lineio	   *lr;
	samplesheet *ss;
	char	   *line;
	int			colpos[NCOLS];
	int			nfields = 0;
	char	  **f = NULL;
	bool		have_header = false;

	*err = NULL;
	lr = lineio_open(path);
	if (!lr)
	{
		*err = xasprintf("cannot open: %s", strerror(errno));
		return NULL;
	}
	ss = xcalloc(1, sizeof(*ss));

	while ((line = lineio_next(lr, NULL)) != NULL)
	{
		long		lineno = lineio_lineno(lr);
		ss_entry   *e;
		char	   *cell[NCOLS];
		int			n;

		if (line[strspn(line, " \t")] == '\0')
			continue;
		if (!have_header)
		{
			if (!read_header(line, lineno, colpos, &nfields, err))
				goto fail;
			f = xmalloc(sizeof(char *) * (size_t) nfields);
			have_header = true;
			continue;
		}
		n = tsv_split(line, '\t', f, nfields);
		if (n != nfields)
		{
			*err = xasprintf("%ld: expected %d tab-separated fields, found %d",
							 lineno, nfields, n);
			goto fail;
		}
		for (int c = 0; c < NCOLS; c++)
			cell[c] = colpos[c] >= 0 ? str_trim(f[colpos[c]]) : NULL;
		if (cell[COL_FILE_ID][0] == '\0' || cell[COL_FILE_NAME][0] == '\0')
		{
			*err = xasprintf("%ld: empty File ID or File Name", lineno);
			goto fail;
		}
		if (ss->n == ss->cap)
		{
			ss->cap = ss->cap ? ss->cap * 2 : 64;
			ss->entries = xrealloc(ss->entries, ss->cap * sizeof(ss_entry));
		}
		e = &ss->entries[ss->n++];
		memset(e, 0, sizeof(*e));
		e->line = lineno;
		e->file_id = xstrdup(cell[COL_FILE_ID]);
		e->file_name = xstrdup(cell[COL_FILE_NAME]);
		if (cell[COL_DATA_CATEGORY])
			e->data_category = xstrdup(cell[COL_DATA_CATEGORY]);
		if (cell[COL_DATA_TYPE])
			e->data_type = xstrdup(cell[COL_DATA_TYPE]);
		if (cell[COL_PROJECT_ID])
			e->project_id = xstrdup(cell[COL_PROJECT_ID]);
		e->case_id = xstrdup(first_of_list(cell[COL_CASE_ID], NULL));
		e->sample_id = xstrdup(first_of_list(cell[COL_SAMPLE_ID],
											 &e->nsamples));
		if (cell[COL_SAMPLE_TYPE])
			e->sample_type = xstrdup(first_of_list(cell[COL_SAMPLE_TYPE],
												   NULL));
	}
	if (lineio_error(lr))
	{
		*err = xasprintf("%ld: read error: %s", lineio_lineno(lr) + 1,
						 lineio_error(lr));
		goto fail;
	}
	if (!have_header)
	{
		*err = xstrdup("1: the sample sheet is empty");
		goto fail;
	}
	index_init(&ss->by_id, ss->n);
	index_init(&ss->by_name, ss->n);
	ss->name_repeated = xcalloc(ss->n + 1, sizeof(bool));
	for (size_t i = 0; i < ss->n; i++)
	{
		size_t		dup = index_add(ss, &ss->by_id, true, i);

		if (dup != SIZE_MAX)
		{
			*err = xasprintf("%ld: File ID %s is already on line %ld",
							 ss->entries[i].line, ss->entries[i].file_id,
							 ss->entries[dup].line);
			goto fail;
		}
		dup = index_add(ss, &ss->by_name, false, i);
		if (dup != SIZE_MAX)
			ss->name_repeated[dup] = true;
	}
	free(f);
	lineio_close(lr);
	return ss;

fail:
	free(f);
	lineio_close(lr);
	samplesheet_free(ss);
	return NULL;
}

const ss_entry *
samplesheet_find(const samplesheet *ss, const char *file_id,
				 const char *file_name)
{
	const ss_entry *e = NULL;

	if (!ss)
		return NULL;
	if (file_id && *file_id)
		e = index_find(ss, &ss->by_id, true, file_id);
	if (!e && file_name && *file_name)
	{
		e = index_find(ss, &ss->by_name, false, file_name);
		/* a name several rows carry does not identify one file */
		if (e && ss->name_repeated[e - ss->entries])
			e = NULL;
	}
	return e;
}

size_t
samplesheet_count(const samplesheet *ss)
{
	return ss ? ss->n : 0;
}

const ss_entry *
samplesheet_entry(const samplesheet *ss, size_t i)
{
	return ss && i < ss->n ? &ss->entries[i] : NULL;
}
