/*
 * check_progress.c: the progress bar's text: times, counts, time left, the
 * bar's width, and silence when stderr is not a terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progress.h"
#include "unit.h"

START_TEST(test_time)
{
	char		b[16];

	ck_assert_str_eq(progress_format_time(b, sizeof(b), 0), "0:00");
	ck_assert_str_eq(progress_format_time(b, sizeof(b), 42.4), "0:42");
	ck_assert_str_eq(progress_format_time(b, sizeof(b), 59.6), "1:00");
	ck_assert_str_eq(progress_format_time(b, sizeof(b), 725), "12:05");
	ck_assert_str_eq(progress_format_time(b, sizeof(b), 3 * 3600 + 2 * 60 + 11), "3:02:11");
	ck_assert_str_eq(progress_format_time(b, sizeof(b), -1), "--:--");
	ck_assert_str_eq(progress_format_time(b, sizeof(b), 1e9), "--:--");
}
END_TEST

START_TEST(test_count)
{
	char		b[16];

	ck_assert_str_eq(progress_format_count(b, sizeof(b), 0), "0");
	ck_assert_str_eq(progress_format_count(b, sizeof(b), 999), "999");
	ck_assert_str_eq(progress_format_count(b, sizeof(b), 1000), "1.0k");
	ck_assert_str_eq(progress_format_count(b, sizeof(b), 1234), "1.2k");
	ck_assert_str_eq(progress_format_count(b, sizeof(b), 99949), "99.9k");
	ck_assert_str_eq(progress_format_count(b, sizeof(b), 123456), "123k");
	ck_assert_str_eq(progress_format_count(b, sizeof(b), 999600), "1.0M");
	ck_assert_str_eq(progress_format_count(b, sizeof(b), 34.5e6), "34.5M");
	ck_assert_str_eq(progress_format_count(b, sizeof(b), 2.1e9), "2.1G");
}
END_TEST

START_TEST(test_eta)
{
	/* a quarter in 10 s: 30 s left */
	ck_assert_double_eq_tol(progress_eta(250, 1000, 10.0), 30.0, 1e-9);
	ck_assert_double_eq_tol(progress_eta(1000, 1000, 10.0), 0.0, 1e-9);
	ck_assert_double_eq_tol(progress_eta(2000, 1000, 10.0), 0.0, 1e-9);
	ck_assert_double_eq_tol(progress_eta(1000, 1000, 0.1), 0.0, 1e-9);
	/* nothing read, no size, or too early to tell */
	ck_assert(progress_eta(0, 1000, 10.0) < 0);
	ck_assert(progress_eta(10, 0, 10.0) < 0);
	ck_assert(progress_eta(10, 1000, 0.1) < 0);
}
END_TEST

START_TEST(test_format_bar)
{
	char		b[256];

	progress_format(b, sizeof(b), 80, "data.maf.gz", 500000, 1000000, 20000, 2.0);
	/* rows/s from rows and time; time left from bytes */
	ck_assert_msg(strstr(b, "data.maf.gz [") == b, "%s", b);
	ck_assert_msg(strstr(b, "  50% 500kB/1.0MB 10.0k rows/s 0:02 left"), "%s", b);
	ck_assert_int_eq((int) strlen(b), 79);
	/* half the bar filled */
	{
		const char *open = strchr(b, '['),
				   *close = strchr(b, ']');
		int			width = (int) (close - open - 1);
		int			fill = 0;

		for (const char *p = open + 1; p < close; p++)
			fill += *p == '=';
		ck_assert_int_eq(fill, width / 2);
		ck_assert_int_eq(open[1 + fill], '>');
	}
	/* done beyond the size (a file still growing) reads as 100% */
	progress_format(b, sizeof(b), 80, "x", 2000, 1000, 10, 1.0);
	ck_assert_msg(strstr(b, " 100% "), "%s", b);
	ck_assert_msg(strstr(b, " 0:00 left"), "%s", b);
}
END_TEST

START_TEST(test_format_narrow_and_rows_only)
{
	char		b[256];

	/* no room for a bar: label and numbers, within the width */
	progress_format(b, sizeof(b), 40, "a_very_long_file_name_indeed.tsv", 10, 100, 5, 1.0);
	ck_assert_msg(strchr(b, '[') == NULL, "%s", b);
	ck_assert_msg((int) strlen(b) <= 39, "%d: %s", (int) strlen(b), b);
	ck_assert_msg(strstr(b, " 10% "), "%s", b);
	/* size unknown: rows, rate and time so far */
	progress_format(b, sizeof(b), 80, "in.vcf", 0, 0, 1500000, 75.0);
	ck_assert_msg(strstr(b, "in.vcf 1.5M rows 20.0k rows/s 1:15"), "%s", b);
}
END_TEST

START_TEST(test_silent_without_terminal)
{
	char	   *dir = unit_mkdtemp();
	char	   *path = unit_write(dir, "f.txt", "0123456789", 10, false);
	char	   *errpath = NULL;
	char	   *err;
	FILE	   *saved;
	int			fd;

	/* stderr to a file: begin, bytes and rows draw nothing */
	errpath = unit_write(dir, "stderr.txt", "", 0, false);
	fflush(stderr);
	fd = dup(STDERR_FILENO);
	saved = freopen(errpath, "w", stderr);
	ck_assert_ptr_nonnull(saved);
	setenv("ONC_PROGRESS_DELAY", "0", 1);
	progress_begin(path);
	for (int i = 0; i < 5000; i++)
		progress_tick();
	progress_bytes(5);
	progress_end();
	fflush(stderr);
	dup2(fd, STDERR_FILENO);
	close(fd);
	err = unit_slurp(errpath);
	ck_assert_str_eq(err, "");
	free(err);
	free(errpath);
	free(path);
	unit_rmdir(dir);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("progress");
	TCase	   *fmt = tcase_create("format");
	TCase	   *tty = tcase_create("terminal");

	tcase_add_test(fmt, test_time);
	tcase_add_test(fmt, test_count);
	tcase_add_test(fmt, test_eta);
	tcase_add_test(fmt, test_format_bar);
	tcase_add_test(fmt, test_format_narrow_and_rows_only);
	tcase_add_test(tty, test_silent_without_terminal);
	suite_add_tcase(s, fmt);
	suite_add_tcase(s, tty);
	return unit_run(s, 2);
}
