/*
 * samplesheet.h: the GDC sample sheet (gdc_sample_sheet.*.tsv) that maps a
 * downloaded file (by File ID folder or File Name) to its project, case and
 * sample.  Columns are found by header name, so older and newer sheets work.
 */
#ifndef SAMPLESHEET_H
#define SAMPLESHEET_H

#include <stddef.h>

typedef struct ss_entry
{
	char	   *file_id;		/* UUID, the folder GDC downloads it into */
	char	   *file_name;
	char	   *data_category;
	char	   *data_type;
	char	   *project_id;
	char	   *case_id;		/* first of a comma-separated list */
	char	   *sample_id;		/* first of a comma-separated list */
	char	   *sample_type;
	int			nsamples;		/* how many the sheet listed in the cell */
	long		line;			/* physical line in the sheet */
} ss_entry;

typedef struct samplesheet samplesheet;

/*
 * Read a sample sheet (plain or gzip).  On failure returns NULL and sets
 * *err to a message "LINE: text", or "text" when no line is at fault (free
 * with free()).  Free the sheet with
 * samplesheet_free().
 */
samplesheet *samplesheet_read(const char *path, char **err);

/* Entry for a file: by file_id when given and known, else by file_name. */
const ss_entry *samplesheet_find(const samplesheet *ss, const char *file_id,
								 const char *file_name);

size_t		samplesheet_count(const samplesheet *ss);
const ss_entry *samplesheet_entry(const samplesheet *ss, size_t i);
void		samplesheet_free(samplesheet *ss);

#endif							/* SAMPLESHEET_H */
