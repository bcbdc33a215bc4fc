/*
 * unit.c: shared helpers of the unit tests: locating the corpus (beside the
 * checkout, "$ONC_SRCDIR/../shared") and fixtures, scratch files, running.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "onc.h"
#include "unit.h"

#ifndef ONC_TEST_SRCDIR
#define ONC_TEST_SRCDIR "."
#endif

static const char *
srcdir(void)
{
	const char *s = getenv("ONC_SRCDIR");

	return s && *s ? s : ONC_TEST_SRCDIR;
}

static char *
shared_file(const char *sub, const char *rel)
{
	const char *shared = getenv("ONC_SHARED_DIR");
	char	   *path;
	struct stat st;

	if (shared && *shared)
		path = xasprintf("%s/%s/%s", shared, sub, rel);
	else
		path = xasprintf("%s/../shared/%s/%s", srcdir(), sub, rel);
	if (stat(path, &st) != 0)
	{
		fprintf(stderr, "skipping: %s is absent\n", path);
		free(path);
		return NULL;
	}
	return path;
}

char *
unit_corpus(const char *rel)
{
	return shared_file("corpus", rel);
}

char *
unit_reference(const char *rel)
{
	return shared_file("reference", rel);
}

char *
unit_fixture(const char *rel)
{
	return xasprintf("%s/tests/fixtures/%s", srcdir(), rel);
}

char *
unit_mkdtemp(void)
{
	const char *tmp = getenv("TMPDIR");
	char	   *dir = xasprintf("%s/oncoload-unit.XXXXXX",
								tmp && *tmp ? tmp : "/tmp");

	if (!mkdtemp(dir))
	{
		perror("mkdtemp");
		free(dir);
		return NULL;
	}
	return dir;
}

char *
unit_write(const char *dir, const char *name, const void *data, size_t n,
		   bool gz)
{
	char	   *path = xasprintf("%s/%s", dir, name);

	if (gz)
	{
		gzFile		f = gzopen(path, "wb");

		if (!f || (n > 0 && gzwrite(f, data, (unsigned) n) != (int) n) ||
			gzclose(f) != Z_OK)
			ck_abort_msg("cannot write %s", path);
	}
	else
	{
		FILE	   *f = fopen(path, "wb");

		if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
			ck_abort_msg("cannot write %s", path);
	}
	return path;
}

void
unit_rmdir(const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)) != NULL)
	{
		char	   *p;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

char *
unit_slurp(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	onc_buf		b;
	char		chunk[4096];
	size_t		n;

	if (!f)
		return NULL;
	buf_init(&b);
	buf_reserve(&b, 0);
	b.data[0] = '\0';
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return b.data;
}

int
unit_run(Suite *s, int ncases)
{
	SRunner    *sr;
	int			failed;

	sr = srunner_create(s);
	if (ncases == 0)
	{
		fprintf(stderr, "all cases skipped: the shared corpus is absent\n");
		srunner_free(sr);
		return 77;
	}
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
