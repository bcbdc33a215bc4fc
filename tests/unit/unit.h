/*
 * unit.h: what the Check unit tests share: where the shared corpus and the
 * project's fixtures are, scratch folders that clean up, and the runner.
 */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Path of rel under ../shared/corpus (or ../shared/reference), or NULL when
 * that file is absent; the suite then leaves those cases out.  Free with
 * free().
 */
char	   *unit_corpus(const char *rel);
char	   *unit_reference(const char *rel);

/* Path of rel under tests/fixtures in the source tree.  Free with free(). */
char	   *unit_fixture(const char *rel);

/* A new empty scratch folder (free() the name; unit_rmdir removes it). */
char	   *unit_mkdtemp(void);

/* Write n bytes to dir/name (gzip-compressed when gz); returns the path. */
char	   *unit_write(const char *dir, const char *name, const void *data,
					   size_t n, bool gz);

/* Remove dir and the plain files in it. */
void		unit_rmdir(const char *dir);

/* Contents of a file as a string, or NULL.  Free with free(). */
char	   *unit_slurp(const char *path);

/*
 * Run the suite and return the exit status for the test driver: 0 when all
 * passed, 1 when any failed, 77 when every case was left out (skipped).
 */
int			unit_run(Suite *s, int ncases);

#endif							/* UNIT_H */
