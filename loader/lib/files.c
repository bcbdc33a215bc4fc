/*
 * files.c: expanding the command line's files and folders into a sorted
 * list of regular files (see files.h).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "files.h"
#include "onc.h"

static void
push(file_list *fl, char *path)
{
	if (fl->n == fl->cap)
	{
		fl->cap = fl->cap ? fl->cap * 2 : 16;
		fl->paths = xrealloc(fl->paths, fl->cap * sizeof(char *));
	}
	fl->paths[fl->n++] = path;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
walk(file_list *fl, const char *dir, int depth)
{
	DIR		   *d;
	struct dirent *e;
	file_list	names = {0};

	if (depth > 32)
		return 0;
	d = opendir(dir);
	if (!d)
	{
		onc_msg(ONC_ERROR, dir, 0, 0, "cannot open folder: %s", strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL)
	{
		if (e->d_name[0] == '.')
			continue;
		push(&names, xasprintf("%s/%s", dir, e->d_name));
	}
	closedir(d);
	if (names.n > 1)
		qsort(names.paths, names.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names.n; i++)
	{
		struct stat st;

		if (stat(names.paths[i], &st) != 0)
			free(names.paths[i]);
		else if (S_ISDIR(st.st_mode))
		{
			walk(fl, names.paths[i], depth + 1);
			free(names.paths[i]);
		}
		else if (S_ISREG(st.st_mode))
			push(fl, names.paths[i]);
		else
			free(names.paths[i]);
	}
	free(names.paths);
	return 0;
}

int
files_add(file_list *fl, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
	{
		size_t		n = strlen(path);
		char	   *dir = xstrdup(path);
		int			rc;

		while (n > 1 && dir[n - 1] == '/')
			dir[--n] = '\0';
		rc = walk(fl, dir, 0);
		free(dir);
		return rc;
	}
	push(fl, xstrdup(path));
	return 0;
}

void
files_free(file_list *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->paths[i]);
	free(fl->paths);
	fl->paths = NULL;
	fl->n = fl->cap = 0;
}

void
files_base(const char *path, char *out, size_t cap)
{
	const char *s = strrchr(path, '/');

	snprintf(out, cap, "%s", s ? s + 1 : path);
}

void
files_parent(const char *path, char *out, size_t cap)
{
	const char *end = strrchr(path, '/');
	const char *start;

	if (!end)
	{
		snprintf(out, cap, "%s", "");
		return;
	}
	start = end;
	while (start > path && start[-1] != '/')
		start--;
	snprintf(out, cap, "%.*s", (int) (end - start), start);
}
