/*
 * ingest_move.c: moving a file of an ingest run to the archive or the
 * quarantine under its relative path (see ingest_run.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest_run.h"
#include "onc.h"

int
ingest_mkdirs(const char *dir)
{
	char	   *d = xstrdup(dir);
	int			rc = 0;

	for (char *p = d + 1; *p && rc == 0; p++)
		if (*p == '/')
		{
			*p = '\0';
			if (mkdir(d, 0777) != 0 && errno != EEXIST)
				rc = -1;
			*p = '/';
		}
	if (rc == 0 && mkdir(d, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(d);
	return rc;
}

static int
copy_file(const char *from, const char *to)
{
	FILE	   *in = fopen(from, "rb"),
			   *out;
	char		buf[1 << 16];
	size_t		n;
	int			rc = 0;

	if (!in)
		return -1;
	out = fopen(to, "wb");
	if (!out)
	{
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	if (rc < 0)
		unlink(to);
	return rc;
}

int
ingest_move(const ingest_plan *p, const ingest_file *f, const char *dir, bool keep)
{
	char	   *target = xasprintf("%s/%s", dir, f->rel);
	char	   *slash = strrchr(target, '/');
	struct stat st;
	int			rc = 0;

	*slash = '\0';
	if (ingest_mkdirs(target) < 0)
	{
		onc_msg(ONC_ERROR, target, 0, 0, "cannot create folder: %s", strerror(errno));
		free(target);
		return -1;
	}
	*slash = '/';
	for (int i = 1; lstat(target, &st) == 0; i++)
	{
		free(target);
		target = xasprintf("%s/%s.%d", dir, f->rel, i);
	}
	if (keep)
		rc = copy_file(f->path, target);
	else if (rename(f->path, target) != 0)
	{
		/* another file system: copy, then remove */
		rc = errno == EXDEV ? copy_file(f->path, target) : -1;
		if (rc == 0 && unlink(f->path) != 0)
			rc = -1;
	}
	if (rc < 0)
		onc_msg(ONC_ERROR, f->path, 0, 0, "cannot %s to %s: %s", keep ? "copy" : "move",
				target, strerror(errno));
	else if (!keep)
		ingest_prune(p->root, f->path);	/* the GDC's one-file UUID folders */
	free(target);
	return rc;
}

void
ingest_prune(const char *root, const char *path)
{
	char	   *d = xstrdup(path);
	char	   *s;

	while ((s = strrchr(d, '/')) != NULL && s > d + strlen(root))
	{
		*s = '\0';
		if (rmdir(d) != 0)
			break;
	}
	free(d);
}
