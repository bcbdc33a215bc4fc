/*
 * files.h: the files a command was given: named one by one, or found by
 * walking the folders given instead (sorted, hidden entries skipped).
 */
#ifndef FILES_H
#define FILES_H

#include <stddef.h>

typedef struct file_list
{
	char	  **paths;
	size_t		n;
	size_t		cap;
} file_list;

/*
 * Add path, or every regular file below it when it is a folder.  Returns 0,
 * or -1 after printing an error (a path that does not exist).
 */
int			files_add(file_list *fl, const char *path);
void		files_free(file_list *fl);

/* Base name and parent folder's base name of path, in buffers of cap bytes. */
void		files_base(const char *path, char *out, size_t cap);
void		files_parent(const char *path, char *out, size_t cap);

#endif							/* FILES_H */
