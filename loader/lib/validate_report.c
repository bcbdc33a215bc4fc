/*
 * validate_report.c: the outputs of "oncoload validate": messages in the one
 * format on stderr with a summary per file on stdout, one JSON document, and
 * a self-contained HTML page that shows each offending source line.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineio.h"
#include "textutil.h"
#include "validate_internal.h"

/* Source lines the HTML report shows per finding, and their length. */
#define HTML_LINES_SHOWN 3
#define HTML_LINE_CHARS 400

static const char *const level_names[] = {"info", "warning", "error"};
static const char *const level_titles[] = {"Information", "Warnings", "Errors"};

static int
cmp_long(const void *a, const void *b)
{
	long		x = *(const long *) a,
				y = *(const long *) b;

	return (x > y) - (x < y);
}

/* A finding's lines, sorted, each once; *n gets how many. Free with free(). */
static long *
sorted_lines(const val_finding *v, size_t *n)
{
	long	   *l = xmalloc((v->nlines ? v->nlines : 1) * sizeof(long));
	size_t		k = 0;

	memcpy(l, v->lines, v->nlines * sizeof(long));
	qsort(l, v->nlines, sizeof(long), cmp_long);
	for (size_t i = 0; i < v->nlines; i++)
		if (l[i] > 0 && (k == 0 || l[k - 1] != l[i]))
			l[k++] = l[i];
	*n = k;
	return l;
}

/* s as HTML text: the five special characters escaped, bad UTF-8 as U+FFFD. */
static void
html_text(onc_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *) s;

	while (*p)
	{
		int			n = utf8_seq_len(p);

		if (n == 0)
		{
			buf_puts(b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		switch (*p)
		{
			case '&':
				buf_puts(b, "&amp;");
				break;
			case '<':
				buf_puts(b, "&lt;");
				break;
			case '>':
				buf_puts(b, "&gt;");
				break;
			case '"':
				buf_puts(b, "&quot;");
				break;
			case '\'':
				buf_puts(b, "&#39;");
				break;
			case '\t':
				buf_puts(b, "\xe2\x86\x92\t");	/* a visible tab: U+2192 */
				break;
			default:
				if (*p < 0x20)
					buf_printf(b, "&#x%x;", 0x2400 + *p);	/* control pictures */
				else
					buf_append(b, p, (size_t) n);
		}
		p += n;
	}
}

/* " (lines 7, 12, 18)" for a finding on more than one line, capped. */
static void
lines_suffix(onc_buf *b, const val_finding *v)
{
	size_t		n;
	long	   *l = sorted_lines(v, &n);

	if (n + v->more > 1)
	{
		buf_puts(b, " (lines ");
		for (size_t i = 0; i < n && i < VAL_LINES_SHOWN; i++)
			buf_printf(b, "%s%ld", i ? ", " : "", l[i]);
		if (n + v->more > VAL_LINES_SHOWN)
			buf_printf(b, " and %zu more", n + v->more - VAL_LINES_SHOWN);
		buf_puts(b, ")");
	}
	free(l);
}

/* ------------------------------------------------------------ text */

void
val_write_text(const val_run *r)
{
	onc_buf		b;
	long		tot[3] = {0, 0, 0};

	buf_init(&b);
	for (size_t i = 0; i < r->n; i++)
	{
		const val_file *f = r->files[i];
		val_counts	c;

		for (int lv = ONC_ERROR; lv >= ONC_INFO; lv--)
			for (size_t j = 0; j < f->nf; j++)
			{
				const val_finding *v = &f->f[j];
				size_t		n;
				long	   *l;

				if ((int) v->level != lv)
					continue;
				l = sorted_lines(v, &n);
				buf_reset(&b);
				lines_suffix(&b, v);
				onc_msg(v->level, f->path, n ? l[0] : 0, n ? v->col : 0, "%s%s [%s]", v->text,
						b.data ? b.data : "", v->code);
				free(l);
			}
		val_file_counts(f, &c);
		for (int lv = 0; lv < 3; lv++)
			tot[lv] += c.messages[lv];
		printf("%s: %s: %ld lines read, %ld with warnings, %ld with errors\n", f->path,
			   *f->kind ? f->kind : "?", f->lines_read, c.lines[ONC_WARNING], c.lines[ONC_ERROR]);
	}
	printf("%zu files: %ld error messages, %ld warning messages, %ld information messages\n",
		   r->n, tot[ONC_ERROR], tot[ONC_WARNING], tot[ONC_INFO]);
	fflush(stdout);
	buf_free(&b);
}

/* ------------------------------------------------------------ JSON */

int
val_write_json(const val_run *r, FILE *out)
{
	onc_buf		b;
	long		tot[3] = {0, 0, 0};

	buf_init(&b);
	buf_puts(&b, "{\"files\":[");
	for (size_t i = 0; i < r->n; i++)
	{
		const val_file *f = r->files[i];
		val_counts	c;

		val_file_counts(f, &c);
		for (int lv = 0; lv < 3; lv++)
			tot[lv] += c.messages[lv];
		buf_puts(&b, i ? ",{\"path\":\"" : "{\"path\":\"");
		json_escape(&b, f->path);
		buf_puts(&b, "\",\"kind\":\"");
		json_escape(&b, f->kind);
		buf_printf(&b, "\",\"summary\":{\"lines_read\":%ld,\"lines_with_warnings\":%ld,"
				   "\"lines_with_errors\":%ld,\"errors\":%ld,\"warnings\":%ld,\"infos\":%ld},"
				   "\"findings\":[",
				   f->lines_read, c.lines[ONC_WARNING], c.lines[ONC_ERROR],
				   c.messages[ONC_ERROR], c.messages[ONC_WARNING], c.messages[ONC_INFO]);
		for (size_t j = 0; j < f->nf; j++)
		{
			const val_finding *v = &f->f[j];
			size_t		n;
			long	   *l = sorted_lines(v, &n);

			buf_printf(&b, "%s{\"level\":\"%s\",\"code\":\"", j ? "," : "", level_names[v->level]);
			json_escape(&b, v->code);
			buf_puts(&b, "\",\"lines\":[");
			for (size_t k = 0; k < n; k++)
				buf_printf(&b, "%s%ld", k ? "," : "", l[k]);
			buf_printf(&b, "],\"more\":%zu,\"column\":%d,\"text\":\"", v->more, n ? v->col : 0);
			json_escape(&b, v->text);
			buf_puts(&b, "\"}");
			free(l);
		}
		buf_puts(&b, "]}");
	}
	buf_printf(&b, "],\"summary\":{\"files\":%zu,\"errors\":%ld,\"warnings\":%ld,\"infos\":%ld,"
			   "\"exit\":%d}}\n",
			   r->n, tot[ONC_ERROR], tot[ONC_WARNING], tot[ONC_INFO], val_run_exit(r));
	fwrite(b.data, 1, b.len, out);
	fflush(out);
	buf_free(&b);
	return ferror(out) ? -1 : 0;
}

/* ------------------------------------------------------------ HTML */

/* The source lines of one file a report shows: wanted[] sorted, text[] filled. */
typedef struct src_lines
{
	long	   *wanted;
	char	  **text;
	size_t		n;
} src_lines;

static void
src_collect(const val_file *f, src_lines *s)
{
	size_t		cap = 0,
				k = 0;

	memset(s, 0, sizeof(*s));
	for (size_t j = 0; j < f->nf; j++)
	{
		size_t		n;
		long	   *l = sorted_lines(&f->f[j], &n);

		for (size_t i = 0; i < n && i < HTML_LINES_SHOWN; i++)
		{
			if (s->n == cap)
			{
				cap = cap ? cap * 2 : 16;
				s->wanted = xrealloc(s->wanted, cap * sizeof(long));
			}
			s->wanted[s->n++] = l[i];
		}
		free(l);
	}
	if (s->n == 0)
		return;
	qsort(s->wanted, s->n, sizeof(long), cmp_long);
	for (size_t i = 0; i < s->n; i++)
		if (k == 0 || s->wanted[k - 1] != s->wanted[i])
			s->wanted[k++] = s->wanted[i];
	s->n = k;
	s->text = xcalloc(s->n, sizeof(char *));

	/* one pass over the file (gzip too) for the few lines wanted */
	{
		lineio	   *lr = lineio_open(f->path);
		char	   *line;
		size_t		len,
					at = 0;

		if (!lr)
			return;
		while (at < s->n && (line = lineio_next(lr, &len)) != NULL)
		{
			if (lineio_lineno(lr) != s->wanted[at])
				continue;
			if (len > HTML_LINE_CHARS)
			{
				/* cut at a character boundary */
				size_t		cut = HTML_LINE_CHARS;

				while (cut > 0 && ((unsigned char) line[cut] & 0xc0) == 0x80)
					cut--;
				s->text[at] = xasprintf("%.*s \xe2\x80\xa6", (int) cut, line);
			}
			else
				s->text[at] = xstrdup(line);
			at++;
		}
		lineio_close(lr);
	}
}

static const char *
src_get(const src_lines *s, long line)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->wanted[i] == line)
			return s->text[i];
	return NULL;
}

static void
src_free(src_lines *s)
{
	for (size_t i = 0; i < s->n && s->text; i++)
		free(s->text[i]);
	free(s->text);
	free(s->wanted);
}

static const char html_head[] =
"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
"<title>oncoload validate report</title>\n<style>\n"
"body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
"h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;word-break:break-all}\n"
"h3{font-size:1em}\n"
"table{border-collapse:collapse;margin:.5em 0}\n"
"td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}\n"
"th{background:#f3f3f3}\n"
".error h3{color:#b00020}.warning h3{color:#a05a00}.info h3{color:#2a5d9f}\n"
"code{font-size:.9em}\n"
"pre{margin:.2em 0;padding:.2em .4em;background:#f8f8f8;white-space:pre-wrap;word-break:break-all}\n"
".ln{color:#777}\n"
".clean{color:#2e7d32}\n"
"</style>\n</head>\n<body>\n";

static void
html_file(onc_buf *b, const val_file *f)
{
	val_counts	c;
	src_lines	src;

	val_file_counts(f, &c);
	buf_puts(b, "<section class=\"file\">\n<h2>");
	html_text(b, f->path);
	buf_puts(b, "</h2>\n<table class=\"summary\"><tr><th>kind</th><th>lines read</th>"
			 "<th>lines with warnings</th><th>lines with errors</th></tr><tr><td>");
	html_text(b, *f->kind ? f->kind : "?");
	buf_printf(b, "</td><td>%ld</td><td>%ld</td><td>%ld</td></tr></table>\n", f->lines_read,
			   c.lines[ONC_WARNING], c.lines[ONC_ERROR]);
	if (c.messages[ONC_ERROR] + c.messages[ONC_WARNING] == 0)
		buf_puts(b, "<p class=\"clean\">No errors or warnings.</p>\n");
	src_collect(f, &src);
	for (int lv = ONC_ERROR; lv >= ONC_INFO; lv--)
	{
		if (c.messages[lv] == 0)
			continue;
		buf_printf(b, "<div class=\"%s\">\n<h3>%s (%ld)</h3>\n<table>\n"
				   "<tr><th>lines</th><th>message</th><th>code</th></tr>\n",
				   level_names[lv], level_titles[lv], c.messages[lv]);
		for (size_t j = 0; j < f->nf; j++)
		{
			const val_finding *v = &f->f[j];
			size_t		n;
			long	   *l;

			if ((int) v->level != lv)
				continue;
			l = sorted_lines(v, &n);
			buf_puts(b, "<tr><td>");
			if (n == 0)
				buf_puts(b, "file");
			for (size_t i = 0; i < n && i < VAL_LINES_SHOWN; i++)
				buf_printf(b, "%s%ld", i ? ", " : "", l[i]);
			if (n + v->more > VAL_LINES_SHOWN)
				buf_printf(b, " and %zu more", n + v->more - VAL_LINES_SHOWN);
			if (n && v->col)
				buf_printf(b, " (column %d)", v->col);
			buf_puts(b, "</td><td>");
			html_text(b, v->text);
			for (size_t i = 0; i < n && i < HTML_LINES_SHOWN; i++)
			{
				const char *t = src_get(&src, l[i]);

				if (!t)
					continue;
				buf_printf(b, "\n<pre><span class=\"ln\">%ld:</span> ", l[i]);
				html_text(b, t);
				buf_puts(b, "</pre>");
			}
			buf_puts(b, "</td><td><code>");
			html_text(b, v->code);
			buf_puts(b, "</code></td></tr>\n");
			free(l);
		}
		buf_puts(b, "</table>\n</div>\n");
	}
	src_free(&src);
	buf_puts(b, "</section>\n");
}

int
val_write_html(const val_run *r, const char *path)
{
	onc_buf		b;
	long		tot[3] = {0, 0, 0};
	FILE	   *out;
	int			rc = 0;

	buf_init(&b);
	buf_puts(&b, html_head);
	for (size_t i = 0; i < r->n; i++)
	{
		val_counts	c;

		val_file_counts(r->files[i], &c);
		for (int lv = 0; lv < 3; lv++)
			tot[lv] += c.messages[lv];
	}
	buf_printf(&b, "<h1>oncoload validate: %zu files, %ld errors, %ld warnings</h1>\n", r->n,
			   tot[ONC_ERROR], tot[ONC_WARNING]);
	buf_puts(&b, "<p>Messages are counted once per kind; the lines column lists where each "
			 "occurs (physical lines, header and <code>#</code> lines counted).</p>\n");
	for (size_t i = 0; i < r->n; i++)
		html_file(&b, r->files[i]);
	buf_puts(&b, "</body>\n</html>\n");
	out = fopen(path, "w");
	if (!out)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "could not write the report: %s", strerror(errno));
		buf_free(&b);
		return -1;
	}
	if (fwrite(b.data, 1, b.len, out) != b.len)
		rc = -1;
	if (fclose(out) != 0)
		rc = -1;
	if (rc < 0)
		onc_msg(ONC_ERROR, path, 0, 0, "could not write the report: %s", strerror(errno));
	buf_free(&b);
	return rc;
}
