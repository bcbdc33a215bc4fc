/*
 * progress.c: the progress bar of long loads (see progress.h).  The readers
 * call in per row and per buffer fill, so the common path is an increment
 * and a compare; the clock is read every PROGRESS_ROWS rows or buffer, and
 * the terminal written at most every PROGRESS_REDRAW seconds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "onc.h"
#include "progress.h"

#define PROGRESS_ROWS 1024		/* rows between looks at the clock */
#define PROGRESS_REDRAW 0.25	/* seconds between redraws */

static struct
{
	bool		active;			/* between begin and end, on a terminal */
	bool		drawn;			/* the bar is on the screen */
	char		label[64];
	uint64_t	total;
	uint64_t	done;
	uint64_t	rows;
	unsigned	countdown;		/* rows until the next look at the clock */
	double		start;			/* of the load: the delay counts from here */
	double		pass_start;		/* of this pass over the file: rates and time left */
	double		delay;
	double		last_draw;
	int			width;
} pb;

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ formatting */

char *
progress_format_time(char *buf, size_t cap, double s)
{
	long		t;

	if (s < 0 || s > 359999.0)
	{
		snprintf(buf, cap, "--:--");
		return buf;
	}
	t = (long) (s + 0.5);
	if (t >= 3600)
		snprintf(buf, cap, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, cap, "%ld:%02ld", t / 60, t % 60);
	return buf;
}

char *
progress_format_count(char *buf, size_t cap, double n)
{
	static const char units[] = "kMGTP";
	int			u = -1;

	if (n < 0)
		n = 0;
	if (n < 999.5)
	{
		snprintf(buf, cap, "%.0f", n);
		return buf;
	}
	while (n >= 999.5 && u < 4)
	{
		n /= 1000.0;
		u++;
	}
	/* 1.2k, 12.3k, 123k */
	if (n < 99.95)
		snprintf(buf, cap, "%.1f%c", n, units[u]);
	else
		snprintf(buf, cap, "%.0f%c", n, units[u]);
	return buf;
}

double
progress_eta(uint64_t done, uint64_t total, double elapsed)
{
	if (total > 0 && done >= total)
		return 0;
	if (total == 0 || done == 0 || elapsed < 0.5)
		return -1;
	return elapsed * (double) (total - done) / (double) done;
}

char *
progress_format(char *buf, size_t cap, int width, const char *label,
				uint64_t done, uint64_t total, uint64_t rows, double elapsed)
{
	char		d[16],
				t[16],
				r[16],
				eta[16],
				tail[96];
	int			tail_len,
				bar;
	double		rate = elapsed > 0 ? (double) rows / elapsed : 0;

	if (total > 0 && done > total)
		done = total;
	progress_format_count(r, sizeof(r), rate);
	if (total > 0)
	{
		progress_format_count(d, sizeof(d), (double) done);
		progress_format_count(t, sizeof(t), (double) total);
		progress_format_time(eta, sizeof(eta), progress_eta(done, total, elapsed));
		tail_len = snprintf(tail, sizeof(tail), " %3d%% %sB/%sB %s rows/s %s left",
							(int) (100.0 * (double) done / (double) total), d, t, r, eta);
	}
	else
	{
		progress_format_count(d, sizeof(d), (double) rows);
		progress_format_time(eta, sizeof(eta), elapsed);
		tail_len = snprintf(tail, sizeof(tail), " %s rows %s rows/s %s", d, r, eta);
	}
	if (width < 20)
		width = 20;
	/* label, then the bar in what is left (at least 10 columns, else none) */
	{
		int			room = width - 1 - tail_len;
		int			lab = (int) strlen(label);
		char		barbuf[256];

		if (lab > room / 3)
			lab = room / 3 > 0 ? room / 3 : 0;
		bar = total > 0 ? room - lab - 3 : 0;
		if (bar > (int) sizeof(barbuf) - 1)
			bar = (int) sizeof(barbuf) - 1;
		if (bar >= 10)
		{
			int			fill = (int) ((double) bar * (double) done / (double) total);

			for (int i = 0; i < bar; i++)
				barbuf[i] = i < fill ? '=' : i == fill ? '>' : ' ';
			barbuf[bar] = '\0';
			snprintf(buf, cap, "%.*s [%s]%s", lab, label, barbuf, tail);
		}
		else
			snprintf(buf, cap, "%.*s%s", lab, label, tail);
	}
	return buf;
}

/* ------------------------------------------------------------- the bar */

static void
draw(double now)
{
	char		line[512];

	/* readers that do not report bytes (htslib, libxml2): rows only */
	progress_format(line, sizeof(line), pb.width, pb.label, pb.done,
					pb.done ? pb.total : 0, pb.rows, now - pb.pass_start);
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	pb.drawn = true;
	pb.last_draw = now;
}

static void
maybe_draw(void)
{
	double		now = mono();

	if (now - pb.start >= pb.delay && now - pb.last_draw >= PROGRESS_REDRAW)
		draw(now);
}

void
progress_begin(const char *path)
{
	struct stat st;
	struct winsize ws;
	const char *base = strrchr(path, '/');
	const char *delay = getenv("ONC_PROGRESS_DELAY");

	progress_end();
	if (onc_quiet || !isatty(STDERR_FILENO))
		return;
	memset(&pb, 0, sizeof(pb));
	pb.active = true;
	snprintf(pb.label, sizeof(pb.label), "%s", base ? base + 1 : path);
	pb.total = stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (uint64_t) st.st_size : 0;
	pb.width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
	pb.delay = delay && *delay ? atof(delay) : 1.0;
	pb.countdown = PROGRESS_ROWS;
	pb.start = pb.pass_start = mono();
}

void
progress_bytes(uint64_t offset)
{
	if (!pb.active)
		return;
	if (offset < pb.done)
	{
		/* a second pass (a MAF's sample scan, then its load): start over */
		pb.rows = 0;
		pb.pass_start = mono();
	}
	pb.done = offset;
	/* the end of the file is worth a redraw of a bar on screen, throttle or not */
	if (pb.drawn && pb.total > 0 && offset >= pb.total)
		draw(mono());
	else
		maybe_draw();
}

void
progress_tick(void)
{
	if (!pb.active)
		return;
	pb.rows++;
	if (--pb.countdown == 0)
	{
		pb.countdown = PROGRESS_ROWS;
		maybe_draw();
	}
}

void
progress_clear(void)
{
	if (pb.drawn)
	{
		fputs("\r\033[K", stderr);
		fflush(stderr);
		pb.drawn = false;
		pb.last_draw = 0;		/* the next look redraws at once */
	}
}

void
progress_end(void)
{
	progress_clear();
	pb.active = false;
}
