/*
 * onc.h: what every oncoload program and module shares: exit codes, the one
 * message format, and allocation helpers that never return NULL.
 */
#ifndef ONC_H
#define ONC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>

/* Exit codes: the same in every command, listed in --help and the README. */
typedef enum onc_exit
{
	ONC_EXIT_OK = 0,			/* success, including "already loaded, skipped" */
	ONC_EXIT_INPUT = 1,			/* input rejected: unparseable, reject budget spent */
	ONC_EXIT_USAGE = 2,			/* bad command line */
	ONC_EXIT_DB = 3,			/* database error */
	ONC_EXIT_IO = 4,			/* file could not be read or written */
	ONC_EXIT_PARTIAL = 5,		/* several files, some failed */
	ONC_EXIT_WARNINGS = 6,		/* validation found warnings only */
	ONC_EXIT_ATTENTION = 7,		/* reconciliation findings need attention */
	ONC_EXIT_LOCKED = 8			/* another run holds the lock */
} onc_exit;

/* The exit-code table as printed at the end of every --help. */
extern const char onc_exit_help[];

typedef enum onc_level
{
	ONC_INFO,
	ONC_WARNING,
	ONC_ERROR
} onc_level;

/*
 * Print "oncoload: FILE:LINE[:COLUMN]: LEVEL: text" on stderr.  file may be
 * NULL (no place), line 0 means no line, col 0 means no column.  Info
 * messages are suppressed by onc_quiet.
 */
extern bool onc_quiet;
void		onc_msg(onc_level level, const char *file, long line, int col,
					const char *fmt,...) __attribute__((format(printf, 5, 6)));
void		onc_vmsg(onc_level level, const char *file, long line, int col,
					 const char *fmt, va_list ap);
/* Text of the last error message printed (without prefix), "" if none. */
const char *onc_last_error(void);

/* Indented detail or hint line after a message ("  detail: ..."). */
void		onc_detail(const char *fmt,...) __attribute__((format(printf, 1, 2)));
void		onc_hint(const char *fmt,...) __attribute__((format(printf, 1, 2)));

#define onc_error(...)	onc_msg(ONC_ERROR, NULL, 0, 0, __VA_ARGS__)
#define onc_warning(...) onc_msg(ONC_WARNING, NULL, 0, 0, __VA_ARGS__)
#define onc_info(...)	onc_msg(ONC_INFO, NULL, 0, 0, __VA_ARGS__)

/* Allocation that aborts with a message on exhaustion; free with free(). */
void	   *xmalloc(size_t n);
void	   *xcalloc(size_t n, size_t size);
void	   *xrealloc(void *p, size_t n);
char	   *xstrdup(const char *s);
char	   *xstrndup(const char *s, size_t n);
/* printf into a new string; free with free(). */
char	   *xasprintf(const char *fmt,...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer. */
typedef struct onc_buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} onc_buf;

void		buf_init(onc_buf *b);
void		buf_reserve(onc_buf *b, size_t extra);
void		buf_append(onc_buf *b, const void *p, size_t n);
void		buf_puts(onc_buf *b, const char *s);
void		buf_printf(onc_buf *b, const char *fmt,...) __attribute__((format(printf, 2, 3)));
void		buf_reset(onc_buf *b);
void		buf_free(onc_buf *b);

#endif							/* ONC_H */
