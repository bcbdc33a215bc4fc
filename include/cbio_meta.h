/*
 * cbio_meta.h: cBioPortal meta files ("key: value" lines) that describe the
 * data file named in their data_filename.
 */
#ifndef CBIO_META_H
#define CBIO_META_H

typedef struct cbio_meta cbio_meta;

/* Parse a meta file; NULL on I/O error (errno set).  Free with cbio_meta_free. */
cbio_meta  *cbio_meta_read(const char *path);

/*
 * The meta file in the same folder as data_path whose data_filename is
 * data_path's base name, or NULL when there is none.
 */
cbio_meta  *cbio_meta_find_for(const char *data_path);

/* Value of key (trimmed), or NULL. Valid until cbio_meta_free. */
const char *cbio_meta_get(const cbio_meta *m, const char *key);
const char *cbio_meta_path(const cbio_meta *m);
void		cbio_meta_free(cbio_meta *m);

#endif							/* CBIO_META_H */
