/*
 * check_lineio.c: the streaming line reader on plain and gzip files: line
 * endings, a last line without newline, long lines, several gzip members,
 * truncated input, and files that do not exist.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "lineio.h"
#include "onc.h"
#include "unit.h"

static char *tmpdir;

static void
setup(void)
{
	tmpdir = unit_mkdtemp();
	ck_assert_ptr_nonnull(tmpdir);
}

static void
teardown(void)
{
	unit_rmdir(tmpdir);
	free(tmpdir);
	tmpdir = NULL;
}

/* Read every line of path and check them against want (NULL-terminated). */
static void
assert_lines(const char *path, const char *const *want, bool gz)
{
	lineio	   *lr = lineio_open(path);
	char	   *line;
	size_t		len;
	int			i = 0;

	ck_assert_ptr_nonnull(lr);
	ck_assert_int_eq(lineio_is_gzip(lr), gz);
	while ((line = lineio_next(lr, &len)) != NULL)
	{
		ck_assert_msg(want[i] != NULL, "extra line %d: \"%s\"", i + 1, line);
		ck_assert_str_eq(line, want[i]);
		ck_assert_uint_eq(len, strlen(want[i]));
		i++;
		ck_assert_int_eq(lineio_lineno(lr), i);
	}
	ck_assert_ptr_null(lineio_error(lr));
	ck_assert_msg(want[i] == NULL, "line %d missing", i + 1);
	/* at the end it stays at the end */
	ck_assert_ptr_null(lineio_next(lr, &len));
	ck_assert_int_eq(lineio_close(lr), 0);
}

static const char text[] = "gene\tvalue\r\nTP53\t1.5\r\n\r\nEGFR\t2\nlast\tno newline";
static const char *const text_lines[] = {
	"gene\tvalue", "TP53\t1.5", "", "EGFR\t2", "last\tno newline", NULL
};

START_TEST(test_plain_crlf)
{
	char	   *p = unit_write(tmpdir, "a.tsv", text, strlen(text), false);

	assert_lines(p, text_lines, false);
	free(p);
}
END_TEST

START_TEST(test_gzip_crlf)
{
	char	   *p = unit_write(tmpdir, "a.tsv.gz", text, strlen(text), true);

	assert_lines(p, text_lines, true);
	free(p);
}
END_TEST

START_TEST(test_gzip_detected_by_content)
{
	/* gzip data under a plain name, plain data under a .gz name */
	char	   *p = unit_write(tmpdir, "looks_plain.txt", text, strlen(text), true);
	char	   *q = unit_write(tmpdir, "looks_gzip.gz", text, strlen(text), false);

	assert_lines(p, text_lines, true);
	assert_lines(q, text_lines, false);
	free(p);
	free(q);
}
END_TEST

START_TEST(test_empty_and_newlines)
{
	static const char *const none[] = {NULL};
	static const char *const blank2[] = {"", "", NULL};
	static const char *const one[] = {"x", NULL};
	char	   *e = unit_write(tmpdir, "empty", "", 0, false);
	char	   *ez = unit_write(tmpdir, "empty.gz", "", 0, true);
	char	   *b = unit_write(tmpdir, "blank", "\n\r\n", 3, false);
	char	   *o = unit_write(tmpdir, "one", "x\n", 2, false);

	assert_lines(e, none, false);
	assert_lines(ez, none, true);
	assert_lines(b, blank2, false);
	assert_lines(o, one, false);
	free(e);
	free(ez);
	free(b);
	free(o);
}
END_TEST

START_TEST(test_long_line)
{
	/* longer than the reader's 256 KiB chunk, in both kinds of file */
	size_t		n = 700 * 1024;
	char	   *data = xmalloc(n + 16);
	char	   *lines[3];
	const char *want[4];

	memset(data, 'x', n);
	memcpy(data + n, "\nshort\n", 8);
	lines[0] = xstrndup(data, n);
	want[0] = lines[0];
	want[1] = "short";
	want[2] = NULL;
	lines[1] = unit_write(tmpdir, "long.txt", data, n + 7, false);
	lines[2] = unit_write(tmpdir, "long.txt.gz", data, n + 7, true);
	assert_lines(lines[1], want, false);
	assert_lines(lines[2], want, true);
	for (int i = 0; i < 3; i++)
		free(lines[i]);
	free(data);
}
END_TEST

START_TEST(test_many_lines_offset)
{
	onc_buf		b;
	char	   *p;
	lineio	   *lr;
	long		count = 0;
	char	   *line;

	buf_init(&b);
	for (int i = 0; i < 50000; i++)
		buf_printf(&b, "ENSG%011d.1\t%d\n", i, i * 7);
	p = unit_write(tmpdir, "many.gz", b.data, b.len, true);
	lr = lineio_open(p);
	ck_assert_ptr_nonnull(lr);
	ck_assert_uint_eq(lineio_offset(lr), 0);
	while ((line = lineio_next(lr, NULL)) != NULL)
	{
		char		want[64];

		snprintf(want, sizeof(want), "ENSG%011ld.1\t%ld", count, count * 7);
		ck_assert_str_eq(line, want);
		count++;
	}
	ck_assert_int_eq(count, 50000);
	ck_assert_int_eq(lineio_lineno(lr), 50000);
	ck_assert_uint_gt(lineio_offset(lr), 0);
	ck_assert_ptr_null(lineio_error(lr));
	lineio_close(lr);
	free(p);
	buf_free(&b);
}
END_TEST

START_TEST(test_gzip_members)
{
	/* bgzip and "cat a.gz b.gz" give several gzip members in one file */
	static const char *const want[] = {"first", "second", "third", NULL};
	char	   *p = xasprintf("%s/members.gz", tmpdir);
	gzFile		f;

	f = gzopen(p, "wb");
	gzputs(f, "first\nsec");
	gzclose(f);
	f = gzopen(p, "ab");
	gzputs(f, "ond\nthird\n");
	gzclose(f);
	assert_lines(p, want, true);
	free(p);
}
END_TEST

START_TEST(test_truncated_gzip)
{
	onc_buf		b;
	char	   *p;
	char	   *data;
	FILE	   *f;
	size_t		n;
	lineio	   *lr;

	buf_init(&b);
	for (int i = 0; i < 20000; i++)
		buf_printf(&b, "line %d with some text to compress\n", i);
	p = unit_write(tmpdir, "whole.gz", b.data, b.len, true);
	/* keep the first half of the compressed bytes */
	f = fopen(p, "rb");
	fseek(f, 0, SEEK_END);
	n = (size_t) ftell(f);
	rewind(f);
	data = xmalloc(n);
	ck_assert_uint_eq(fread(data, 1, n, f), n);
	fclose(f);
	free(p);
	p = unit_write(tmpdir, "cut.gz", data, n / 2, false);

	lr = lineio_open(p);
	ck_assert_ptr_nonnull(lr);
	while (lineio_next(lr, NULL) != NULL)
		;
	ck_assert_ptr_nonnull(lineio_error(lr));
	ck_assert_int_lt(lineio_lineno(lr), 20000);
	lineio_close(lr);
	free(p);
	free(data);
	buf_free(&b);
}
END_TEST

START_TEST(test_missing_file)
{
	char	   *p = xasprintf("%s/does-not-exist", tmpdir);

	errno = 0;
	ck_assert_ptr_null(lineio_open(p));
	ck_assert_int_eq(errno, ENOENT);
	free(p);
}
END_TEST

START_TEST(test_modify_in_place)
{
	static const char data[] = "a\tb\nc\td\n";
	char	   *p = unit_write(tmpdir, "m.tsv", data, strlen(data), false);
	lineio	   *lr = lineio_open(p);
	char	   *line = lineio_next(lr, NULL);

	/* the caller may split the returned buffer */
	line[1] = '\0';
	ck_assert_str_eq(line, "a");
	ck_assert_str_eq(lineio_next(lr, NULL), "c\td");
	lineio_close(lr);
	free(p);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("lineio");
	TCase	   *tc = tcase_create("read");

	/* in the runner's process, so the folder goes even when a case fails */
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);	/* megabyte lines under sanitizers */
	tcase_add_test(tc, test_plain_crlf);
	tcase_add_test(tc, test_gzip_crlf);
	tcase_add_test(tc, test_gzip_detected_by_content);
	tcase_add_test(tc, test_empty_and_newlines);
	tcase_add_test(tc, test_long_line);
	tcase_add_test(tc, test_many_lines_offset);
	tcase_add_test(tc, test_gzip_members);
	tcase_add_test(tc, test_truncated_gzip);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_modify_in_place);
	suite_add_tcase(s, tc);
	return unit_run(s, 1);
}
