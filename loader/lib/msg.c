/*
 * msg.c: the one message format ("oncoload: FILE:LINE:COL: LEVEL: text"),
 * the exit-code table, and allocation helpers shared by every program.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onc.h"
#include "progress.h"

bool		onc_quiet = false;

const char	onc_exit_help[] =
"Exit status:\n"
"  0  success (including files already loaded and skipped)\n"
"  1  input rejected (unparseable file, reject budget exceeded, validation errors)\n"
"  2  usage error\n"
"  3  database error\n"
"  4  I/O error\n"
"  5  partial failure (several files, some failed)\n"
"  6  warnings only (validation)\n"
"  7  findings need attention (reconciliation)\n"
"  8  another run holds the lock\n";

static const char *const level_name[] = {"info", "warning", "error"};
static char last_error[1024];

const char *
onc_last_error(void)
{
	return last_error;
}

void
onc_vmsg(onc_level level, const char *file, long line, int col,
		 const char *fmt, va_list ap)
{
	if (level == ONC_ERROR)
	{
		va_list		copy;

		va_copy(copy, ap);
		vsnprintf(last_error, sizeof(last_error), fmt, copy);
		va_end(copy);
	}
	if (level == ONC_INFO && onc_quiet)
		return;
	progress_clear();
	fputs("oncoload: ", stderr);
	if (file)
	{
		fputs(file, stderr);
		if (line > 0)
			fprintf(stderr, ":%ld", line);
		if (line > 0 && col > 0)
			fprintf(stderr, ":%d", col);
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s: ", level_name[level]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
onc_msg(onc_level level, const char *file, long line, int col,
		const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	onc_vmsg(level, file, line, col, fmt, ap);
	va_end(ap);
}

static void
tagged_line(const char *tag, const char *fmt, va_list ap)
{
	fprintf(stderr, "  %s: ", tag);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
onc_detail(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	tagged_line("detail", fmt, ap);
	va_end(ap);
}

void
onc_hint(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	tagged_line("hint", fmt, ap);
	va_end(ap);
}

static void
out_of_memory(size_t n)
{
	fprintf(stderr, "oncoload: error: out of memory (%zu bytes)\n", n);
	exit(ONC_EXIT_IO);
}

void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	   *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void	   *q = realloc(p, n ? n : 1);

	if (!q)
		out_of_memory(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	   *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt,...)
{
	onc_buf		b;
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_init(&b);
	buf_reserve(&b, (size_t) n + 1);
	va_start(ap, fmt);
	vsnprintf(b.data, (size_t) n + 1, fmt, ap);
	va_end(ap);
	return b.data;
}

void
buf_init(onc_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_reserve(onc_buf *b, size_t extra)
{
	size_t		need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_append(onc_buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(onc_buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_printf(onc_buf *b, const char *fmt,...)
{
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_reserve(b, (size_t) n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t) n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t) n;
}

void
buf_reset(onc_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_free(onc_buf *b)
{
	free(b->data);
	buf_init(b);
}
