/*
 * check_textutil.c: field splitting, strict number parsing, missing-value
 * tokens, trimming, case-insensitive tests and shortest round-trip output.
 */
#include "config.h"

#include <float.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "textutil.h"
#include "unit.h"

START_TEST(test_tsv_split)
{
	char		line[] = "a\tbb\t\tdd";
	char	   *f[8];

	ck_assert_int_eq(tsv_count(line, '\t'), 4);
	ck_assert_int_eq(tsv_split(line, '\t', f, 8), 4);
	ck_assert_str_eq(f[0], "a");
	ck_assert_str_eq(f[1], "bb");
	ck_assert_str_eq(f[2], "");
	ck_assert_str_eq(f[3], "dd");
}
END_TEST

START_TEST(test_tsv_split_edges)
{
	char		empty[] = "";
	char		trailing[] = "a\t";
	char		many[] = "1\t2\t3\t4\t5";
	char	   *f[3];

	ck_assert_int_eq(tsv_split(empty, '\t', f, 3), 1);
	ck_assert_str_eq(f[0], "");
	ck_assert_int_eq(tsv_split(trailing, '\t', f, 3), 2);
	ck_assert_str_eq(f[1], "");
	/* more fields than room: all counted, the first max stored */
	ck_assert_int_eq(tsv_count(many, '\t'), 5);
	ck_assert_int_eq(tsv_split(many, '\t', f, 3), 5);
	ck_assert_str_eq(f[0], "1");
	ck_assert_str_eq(f[2], "3");
	ck_assert_int_eq(tsv_count("a,b,c", ','), 3);
	ck_assert_int_eq(tsv_count("a,b,c", '\t'), 1);
}
END_TEST

START_TEST(test_parse_double_ok)
{
	static const struct
	{
		const char *s;
		double		v;
	}			cases[] = {
		{"0", 0}, {"429", 429}, {"-1.5", -1.5}, {"+2.25", 2.25},
		{".5", 0.5}, {"5.", 5}, {"1e3", 1000}, {"1E-2", 0.01},
		{"2.5e+2", 250}, {" 7 ", 7}, {"\t8\t", 8}, {"3\r", 3},
		{"92548.07751878405", 92548.07751878405},
		{"0.957833333333333", 0.957833333333333},
		{"-0.0893333333333333", -0.0893333333333333},
		{"1.7976931348623157e308", DBL_MAX},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		double		d = -12345;

		ck_assert_msg(num_parse_double(cases[i].s, &d) == NUM_OK,
					  "\"%s\" not parsed", cases[i].s);
		ck_assert_msg(d == cases[i].v, "\"%s\" parsed as %.17g", cases[i].s, d);
	}
}
END_TEST

START_TEST(test_parse_double_missing)
{
	static const char *const missing[] = {
		"", " ", "NA", "NaN", "nan", "N/A", "n/a", "null", "NULL", "None",
		" NA ", "NA\r", NULL
	};

	for (int i = 0; missing[i]; i++)
	{
		double		d = 42;

		ck_assert_msg(num_parse_double(missing[i], &d) == NUM_MISSING,
					  "\"%s\" not missing", missing[i]);
		ck_assert(d == 42);		/* untouched */
		ck_assert(num_is_missing_token(missing[i]));
	}
	ck_assert(!num_is_missing_token("0"));
	ck_assert(!num_is_missing_token("NAN1"));
	ck_assert(!num_is_missing_token("na"));
}
END_TEST

START_TEST(test_parse_double_invalid)
{
	static const char *const invalid[] = {
		"abc", "1,5", "1.2.3", "1e", "1e+", "e5", "-", "+", ".", "inf",
		"-inf", "Infinity", "0x10", "0x1p3", "1e999", "-1e999", "12abc",
		"1 2", "--1", "1e5.5", "NA1", NULL
	};

	for (int i = 0; invalid[i]; i++)
	{
		double		d = 42;

		ck_assert_msg(num_parse_double(invalid[i], &d) == NUM_INVALID,
					  "\"%s\" not invalid", invalid[i]);
	}
}
END_TEST

START_TEST(test_parse_int64)
{
	int64_t		v = 0;

	ck_assert_int_eq(num_parse_int64("7157", &v), NUM_OK);
	ck_assert_int_eq(v, 7157);
	ck_assert_int_eq(num_parse_int64(" -42 ", &v), NUM_OK);
	ck_assert_int_eq(v, -42);
	ck_assert_int_eq(num_parse_int64("+3", &v), NUM_OK);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(num_parse_int64("9223372036854775807", &v), NUM_OK);
	ck_assert(v == INT64_MAX);
	ck_assert_int_eq(num_parse_int64("NA", &v), NUM_MISSING);
	ck_assert_int_eq(num_parse_int64("", &v), NUM_MISSING);
	ck_assert_int_eq(num_parse_int64("1.0", &v), NUM_INVALID);
	ck_assert_int_eq(num_parse_int64("1e3", &v), NUM_INVALID);
	ck_assert_int_eq(num_parse_int64("12x", &v), NUM_INVALID);
	ck_assert_int_eq(num_parse_int64("-", &v), NUM_INVALID);
	ck_assert_int_eq(num_parse_int64("9223372036854775808", &v), NUM_INVALID);
}
END_TEST

START_TEST(test_trim)
{
	char		a[] = "  x y \t\r\n";
	char		b[] = "";
	char		c[] = " \t ";

	ck_assert_str_eq(str_trim(a), "x y");
	ck_assert_str_eq(str_trim(b), "");
	ck_assert_str_eq(str_trim(c), "");
}
END_TEST

START_TEST(test_err_split_place)
{
	long		line;
	int			col;

	ck_assert_str_eq(err_split_place("12: bad value", &line, &col), "bad value");
	ck_assert_int_eq(line, 12);
	ck_assert_int_eq(col, 0);
	ck_assert_str_eq(err_split_place("7:3: not a number", &line, &col), "not a number");
	ck_assert_int_eq(line, 7);
	ck_assert_int_eq(col, 3);
	ck_assert_str_eq(err_split_place("7:3: no column wanted", &line, NULL), "no column wanted");
	ck_assert_int_eq(line, 7);
	/* no place: the message as it is */
	ck_assert_str_eq(err_split_place("cannot read", &line, &col), "cannot read");
	ck_assert_int_eq(line, 0);
	ck_assert_str_eq(err_split_place("0: line zero is no place", &line, &col), "0: line zero is no place");
	ck_assert_str_eq(err_split_place("12:x: odd", &line, &col), "12:x: odd");
	ck_assert_int_eq(line, 0);
	ck_assert_str_eq(err_split_place("2026-11-21 is a date", &line, &col), "2026-11-21 is a date");
}
END_TEST

START_TEST(test_utf8)
{
	char		s[] = "ok \xc3\xa9 \xff bad \xed\xa0\x80 surrogate";

	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "a"), 1);
	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "\xc3\xa9"), 2);
	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "\xe2\x80\x99"), 3);
	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "\xf0\x9f\x98\x80"), 4);
	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "\xc0\xaf"), 0);	/* overlong */
	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "\xe0\x80\xaf"), 0);	/* overlong */
	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "\xed\xa0\x80"), 0);	/* surrogate */
	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "\xf4\x90\x80\x80"), 0);	/* > U+10FFFF */
	ck_assert_int_eq(utf8_seq_len((const unsigned char *) "\xe2\x80"), 0);	/* cut short by the NUL */
	ck_assert(utf8_valid("Children\xe2\x80\x99s"));
	ck_assert(!utf8_valid("Children\x95\x80_s"));
	ck_assert(!utf8_valid(s));
	utf8_scrub(s);
	ck_assert_str_eq(s, "ok \xc3\xa9 ? bad ??? surrogate");
	ck_assert(utf8_valid(s));
}
END_TEST

START_TEST(test_json_escape)
{
	onc_buf		b;

	buf_init(&b);
	json_escape(&b, "plain \"quoted\" back\\slash\ttab\nline\x01 \xc3\xa9 \xff end");
	ck_assert_str_eq(b.data, "plain \\\"quoted\\\" back\\\\slash\\ttab\\nline\\u0001 \xc3\xa9 \\ufffd end");
	buf_reset(&b);
	json_escape(&b, "");
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_case_insensitive)
{
	ck_assert(str_ieq("Hugo_Symbol", "HUGO_SYMBOL"));
	ck_assert(!str_ieq("Hugo_Symbol", "Hugo_Symbols"));
	ck_assert(str_iprefix("#tax_id\tGeneID", "#TAX_ID"));
	ck_assert(!str_iprefix("#tax", "#tax_id"));
	ck_assert(str_isuffix("x.FPKM-UQ.txt.gz", ".fpkm-uq.TXT.GZ"));
	ck_assert(!str_isuffix(".gz", "x.gz"));
	ck_assert(str_isuffix("abc", ""));
}
END_TEST

/* The shortest text that reads back as exactly d. */
static void
assert_round_trip(double d, const char *expect)
{
	char		out[40];
	int			n = num_format_double(d, out, sizeof(out));

	ck_assert_int_eq(n, (int) strlen(out));
	ck_assert_msg(strtod(out, NULL) == d, "%s does not read back as %.17g",
				  out, d);
	if (expect)
		ck_assert_str_eq(out, expect);
}

START_TEST(test_format_double)
{
	assert_round_trip(92548.07751878405, "92548.07751878405");
	assert_round_trip(0.957833333333333, "0.957833333333333");
	assert_round_trip(15420.955417694371, "15420.955417694371");
	assert_round_trip(429, "429");
	assert_round_trip(0, "0");
	assert_round_trip(0.1, "0.1");
	assert_round_trip(-1.23316666666667, "-1.23316666666667");
	assert_round_trip(1e21, "1e+21");
	assert_round_trip(1.5e-7, "1.5e-07");
	assert_round_trip(DBL_MAX, "1.7976931348623157e+308");
	assert_round_trip(5e-324, "5e-324");
	assert_round_trip(1.0 / 3.0, "0.3333333333333333");
	assert_round_trip(2.0 / 3.0, "0.6666666666666666");
}
END_TEST

START_TEST(test_format_parse_round_trip)
{
	/* parse -> format -> parse gives the same double, for many values */
	unsigned int seed = 12345;

	for (int i = 0; i < 2000; i++)
	{
		double		d,
					back = 0;
		char		text[40];

		seed = seed * 1103515245u + 12345u;
		d = ((double) seed / 4294967296.0 - 0.5) * pow(10, (int) (seed % 21) - 10);
		num_format_double(d, text, sizeof(text));
		ck_assert_int_eq(num_parse_double(text, &back), NUM_OK);
		ck_assert_msg(back == d, "%.17g -> %s -> %.17g", d, text, back);
	}
}
END_TEST

START_TEST(test_parse_matches_strtod)
{
	/* the exact fast path for short decimals agrees with strtod bit for bit */
	unsigned int seed = 777;

	for (int i = 0; i < 20000; i++)
	{
		char		text[64];
		double		fast = 0;
		unsigned long long m;
		int			frac,
					digits;

		seed = seed * 1103515245u + 12345u;
		digits = 1 + (int) (seed % 17);
		seed = seed * 1103515245u + 12345u;
		m = ((unsigned long long) seed << 32) ^ (seed * 2654435761u);
		m %= (unsigned long long) pow(10, digits);
		frac = (int) (seed % (unsigned) (digits + 3));
		snprintf(text, sizeof(text), "%s%llu", (seed & 1) ? "-" : "", m);
		if (frac > 0)
		{
			/* put a decimal point frac digits from the right, zero-padded */
			char		digs[64];
			int			len;

			snprintf(digs, sizeof(digs), "%0*llu", frac + 1, m);
			len = (int) strlen(digs);
			snprintf(text, sizeof(text), "%s%.*s.%s", (seed & 1) ? "-" : "",
					 len - frac, digs, digs + len - frac);
		}
		ck_assert_int_eq(num_parse_double(text, &fast), NUM_OK);
		ck_assert_msg(fast == strtod(text, NULL), "%s: %.17g != %.17g", text,
					  fast, strtod(text, NULL));
	}
}
END_TEST

int
main(void)
{
	Suite	   *s = suite_create("textutil");
	TCase	   *split = tcase_create("split");
	TCase	   *num = tcase_create("numbers");
	TCase	   *str = tcase_create("strings");

	tcase_add_test(split, test_tsv_split);
	tcase_add_test(split, test_tsv_split_edges);
	tcase_add_test(num, test_parse_double_ok);
	tcase_add_test(num, test_parse_double_missing);
	tcase_add_test(num, test_parse_double_invalid);
	tcase_add_test(num, test_parse_int64);
	tcase_add_test(num, test_format_double);
	tcase_add_test(num, test_format_parse_round_trip);
	tcase_add_test(num, test_parse_matches_strtod);
	tcase_add_test(str, test_trim);
	tcase_add_test(str, test_case_insensitive);
	tcase_add_test(str, test_err_split_place);
	tcase_add_test(str, test_utf8);
	tcase_add_test(str, test_json_escape);
	suite_add_tcase(s, split);
	suite_add_tcase(s, num);
	suite_add_tcase(s, str);
	return unit_run(s, 3);
}
