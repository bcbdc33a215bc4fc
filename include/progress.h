/*
 * progress.h: a progress bar on stderr for long loads (bytes read of the
 * file's size, rows per second, time left), drawn only when stderr is a
 * terminal and --quiet is off.  One bar at a time: the file loop begins and
 * ends it, the readers report bytes and rows; the main thread only.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Start the bar for path (its size from stat; gzip files count compressed
 * bytes, as the readers do).  Nothing is drawn for the first second
 * (ONC_PROGRESS_DELAY seconds, for tests), so short loads stay silent.
 */
void		progress_begin(const char *path);

/*
 * The reader has consumed this many bytes of the file; fewer than before
 * means another pass over it, whose rate and time left start afresh.
 */
void		progress_bytes(uint64_t offset);

/*
 * One more row read.  Cheap: it looks at the clock every 1,024 rows and
 * redraws at most four times a second.
 */
void		progress_tick(void);

/* Erase the bar (before a message; the next redraw brings it back). */
void		progress_clear(void);

/* Erase the bar and stop until the next progress_begin. */
void		progress_end(void);

/*
 * The bar's text, without terminal controls, for width columns: label,
 * bar and percentage when total is known, bytes, rows/s and time left.
 * Pure (no clock, no terminal), for the unit tests.  Returns buf.
 */
char	   *progress_format(char *buf, size_t cap, int width, const char *label,
							uint64_t done, uint64_t total, uint64_t rows, double elapsed);

/* "0:42", "12:05", "3:02:11" for seconds; "--:--" when unknown (< 0). */
char	   *progress_format_time(char *buf, size_t cap, double seconds);

/* 999, "1.2k", "34.5M", "1.2G": a count in at most 5 characters. */
char	   *progress_format_count(char *buf, size_t cap, double n);

/* Seconds left at the rate so far, or -1 when it cannot be told yet. */
double		progress_eta(uint64_t done, uint64_t total, double elapsed);

#endif							/* PROGRESS_H */
