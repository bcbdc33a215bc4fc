/*
 * cbio_meta.c: cBioPortal meta files, "key: value" per line, and finding the
 * meta file that describes a given data file in its study folder.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cbio_meta.h"
#include "lineio.h"
#include "onc.h"
#include "textutil.h"

struct cbio_meta
{
	char	   *path;
	char	  **keys;
	char	  **values;
	int			n;
	int			cap;
};

void
cbio_meta_free(cbio_meta *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n; i++)
	{
		free(m->keys[i]);
		free(m->values[i]);
	}
	free(m->keys);
	free(m->values);
	free(m->path);
	free(m);
}

/*
 * Lines without a colon, blank lines and '#' comments are ignored; when a
 * key repeats, the first value counts (the validator rejects repeats).
 */
cbio_meta *
cbio_meta_read(const char *path)
{
	lineio	   *lr = lineio_open(path);
	cbio_meta  *m;
	char	   *line;

	if (!lr)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->path = xstrdup(path);
	while ((line = lineio_next(lr, NULL)) != NULL)
	{
		char	   *colon = strchr(line, ':');
		char	   *key;

		if (line[0] == '#' || !colon)
			continue;
		*colon = '\0';
		key = str_trim(line);
		if (key[0] == '\0' || cbio_meta_get(m, key))
			continue;
		if (m->n == m->cap)
		{
			m->cap = m->cap ? m->cap * 2 : 16;
			m->keys = xrealloc(m->keys, sizeof(char *) * (size_t) m->cap);
			m->values = xrealloc(m->values, sizeof(char *) * (size_t) m->cap);
		}
		m->keys[m->n] = xstrdup(key);
		m->values[m->n] = xstrdup(str_trim(colon + 1));
		m->n++;
	}
	if (lineio_error(lr))
	{
		lineio_close(lr);
		cbio_meta_free(m);
		errno = EIO;
		return NULL;
	}
	lineio_close(lr);
	return m;
}

const char *
cbio_meta_get(const cbio_meta *m, const char *key)
{
	if (!m)
		return NULL;
	for (int i = 0; i < m->n; i++)
		if (str_ieq(m->keys[i], key))
			return m->values[i];
	return NULL;
}

const char *
cbio_meta_path(const cbio_meta *m)
{
	return m ? m->path : NULL;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Last path component of p (p itself when it has no '/'). */
static const char *
base_name(const char *p)
{
	const char *slash = strrchr(p, '/');

	return slash ? slash + 1 : p;
}

/*
 * Meta files are meta*.txt beside the data file, read in name order so the
 * choice is the same on every system when two claim the same data file.
 */
cbio_meta *
cbio_meta_find_for(const char *data_path)
{
	const char *base = base_name(data_path);
	char	   *dir;
	DIR		   *d;
	struct dirent *de;
	char	  **names = NULL;
	size_t		n = 0,
				cap = 0;
	cbio_meta  *found = NULL;

	if (base[0] == '\0')
		return NULL;
	if (base == data_path)
		dir = xstrdup(".");
	else
		dir = xstrndup(data_path, (size_t) (base - data_path));
	d = opendir(dir);
	if (!d)
	{
		free(dir);
		return NULL;
	}
	while ((de = readdir(d)) != NULL)
	{
		if (strncmp(de->d_name, "meta", 4) != 0 ||
			!str_isuffix(de->d_name, ".txt") ||
			strcmp(de->d_name, base) == 0)
			continue;
		if (n == cap)
		{
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, sizeof(char *) * cap);
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(char *), cmp_names);
	for (size_t i = 0; i < n && !found; i++)
	{
		char	   *path = base == data_path ? xstrdup(names[i])
			: xasprintf("%s%s", dir, names[i]);
		cbio_meta  *m = cbio_meta_read(path);
		const char *df = cbio_meta_get(m, "data_filename");

		if (df && strcmp(base_name(df), base) == 0)
			found = m;
		else
			cbio_meta_free(m);
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	return found;
}
