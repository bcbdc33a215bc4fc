/*
 * lineio.h: streaming line reader for plain and gzip-compressed text files.
 * Lines come back without their terminator ("\n" or "\r\n"); memory is one
 * buffer as long as the longest line.
 */
#ifndef LINEIO_H
#define LINEIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct lineio lineio;

/*
 * Open path (gzip detected from the magic bytes, not the name); "-" reads
 * standard input.  Returns NULL and sets errno on failure.  Close with
 * lineio_close().
 */
lineio	   *lineio_open(const char *path);

/*
 * Next line, NUL-terminated, valid until the next call; *len gets its length.
 * Returns NULL at end of file or on error (tell them apart with
 * lineio_error()).  The buffer may be modified in place by the caller.
 */
char	   *lineio_next(lineio *lr, size_t *len);

/* Physical line number of the line last returned (1-based). */
long		lineio_lineno(const lineio *lr);

/* Compressed bytes consumed so far (for progress); total size via stat. */
uint64_t	lineio_offset(const lineio *lr);

/* True when the file is gzip-compressed. */
bool		lineio_is_gzip(const lineio *lr);

/* Non-NULL message when reading failed (I/O error or corrupt gzip). */
const char *lineio_error(const lineio *lr);

/* Frees the reader; returns 0, or -1 when closing reported an error. */
int			lineio_close(lineio *lr);

#endif							/* LINEIO_H */
