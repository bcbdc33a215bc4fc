/*
 * lineio.c: streaming line reader over zlib's gz* interface, which reads
 * plain files transparently and gzip (including bgzip's many members).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "lineio.h"
#include "onc.h"
#include "progress.h"

#define LINEIO_CHUNK (256 * 1024)

struct lineio
{
	gzFile		gz;
	char	   *buf;			/* raw bytes read, not yet returned */
	size_t		cap;
	size_t		start;			/* first unreturned byte */
	size_t		end;			/* end of valid bytes */
	bool		eof;
	long		lineno;
	const char *error;
	char		errbuf[160];
};

lineio *
lineio_open(const char *path)
{
	lineio	   *lr;
	gzFile		gz;

	if (strcmp(path, "-") == 0)
		gz = gzdopen(dup(STDIN_FILENO), "rb");
	else
		gz = gzopen(path, "rb");
	if (!gz)
	{
		if (errno == 0)
			errno = ENOMEM;
		return NULL;
	}
	/*
	 * zlib reads (or inflates) straight into our buffer when asked for at
	 * least twice its own buffer's size; with a quarter of ours it always
	 * is, and no byte is copied twice.
	 */
	gzbuffer(gz, LINEIO_CHUNK / 4);
	lr = xcalloc(1, sizeof(*lr));
	lr->gz = gz;
	lr->cap = LINEIO_CHUNK;
	lr->buf = xmalloc(lr->cap + 1);
	return lr;
}

/* Read more bytes after the unreturned ones; false at EOF or error. */
static bool
fill(lineio *lr)
{
	int			n;

	if (lr->eof)
		return false;
	if (lr->start > 0)
	{
		memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
		lr->end -= lr->start;
		lr->start = 0;
	}
	if (lr->cap - lr->end < LINEIO_CHUNK / 2)
	{
		lr->cap *= 2;
		lr->buf = xrealloc(lr->buf, lr->cap + 1);
	}
	n = gzread(lr->gz, lr->buf + lr->end, (unsigned) (lr->cap - lr->end));
	if (n < 0)
	{
		int			zerr;
		const char *m = gzerror(lr->gz, &zerr);

		snprintf(lr->errbuf, sizeof(lr->errbuf), "%s",
				 zerr == Z_ERRNO ? strerror(errno) : m);
		lr->error = lr->errbuf;
		lr->eof = true;
		return false;
	}
	if (n == 0)
	{
		int			zerr;

		/* gzread returns 0 with Z_BUF_ERROR for a truncated gzip stream */
		gzerror(lr->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_STREAM_END)
		{
			snprintf(lr->errbuf, sizeof(lr->errbuf),
					 "compressed data is truncated or corrupt");
			lr->error = lr->errbuf;
		}
		lr->eof = true;
		progress_bytes(lineio_offset(lr));
		return false;
	}
	lr->end += (size_t) n;
	progress_bytes(lineio_offset(lr));
	return true;
}

char *
lineio_next(lineio *lr, size_t *len)
{
	size_t		scanned = 0;	/* bytes after start known to hold no '\n' */
	char	   *line;
	size_t		n;

	for (;;)
	{
		char	   *nl = memchr(lr->buf + lr->start + scanned, '\n',
								lr->end - lr->start - scanned);

		if (nl)
		{
			line = lr->buf + lr->start;
			n = (size_t) (nl - line);
			lr->start += n + 1;
			break;
		}
		scanned = lr->end - lr->start;
		if (!fill(lr))
		{
			/* end of file: the last line may lack a terminator */
			if (lr->error || lr->end == lr->start)
				return NULL;
			line = lr->buf + lr->start;
			n = lr->end - lr->start;
			lr->start = lr->end;
			break;
		}
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	lr->lineno++;
	progress_tick();
	if (len)
		*len = n;
	return line;
}

long
lineio_lineno(const lineio *lr)
{
	return lr->lineno;
}

uint64_t
lineio_offset(const lineio *lr)
{
	z_off_t		off = gzoffset(lr->gz);

	return off < 0 ? 0 : (uint64_t) off;
}

bool
lineio_is_gzip(const lineio *lr)
{
	return gzdirect(lr->gz) == 0;
}

const char *
lineio_error(const lineio *lr)
{
	return lr->error;
}

int
lineio_close(lineio *lr)
{
	int			rc;

	if (!lr)
		return 0;
	rc = gzclose(lr->gz) == Z_OK ? 0 : -1;
	free(lr->buf);
	free(lr);
	return rc;
}
