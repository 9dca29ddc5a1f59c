/* bench.h — small helpers shared by the tests/bench/bench-*.c programs.
 *
 * Each program measures one or two figures of issue 6 and prints one line
 * per figure for tests/bench/run to gather into the table:
 *
 *   FIG <tab> N <tab> name <tab> measured <tab> target <tab> ok|MISS
 *
 * Anything else it prints is a note, shown under the table.  These are
 * benchmarks, not tests: nothing in `make test` runs them.
 */
#ifndef BENCH_H
#define BENCH_H

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Callgrind's client requests around the measured work (the run script
 * reads the totals), or nothing outside valgrind. */
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#endif
#endif
#ifndef HAVE_CALLGRIND
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

static inline double
bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A line of /proc/self/status ("VmRSS:", "VmHWM:") in KiB, -1 if none. */
static inline long
bench_status_kib(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, strlen(key)) == 0)
			kib = strtol(line + strlen(key), NULL, 10);
	fclose(f);
	return kib;
}

/* Prints one figure line; ok says whether it met its target. */
static inline void bench_fig(int n, const char *name, int ok,
                             const char *target, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static inline void
bench_fig(int n, const char *name, int ok, const char *target, const char *fmt,
          ...)
{
	char measured[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(measured, sizeof measured, fmt, ap);
	va_end(ap);
	printf("FIG\t%d\t%s\t%s\t%s\t%s\n", n, name, measured, target,
	       ok ? "ok" : "MISS");
	fflush(stdout);
}

/* Exits after a message: the figure could not be measured. */
static inline void
bench_die(const char *prog, const char *what)
{
	fprintf(stderr, "%s: %s\n", prog, what);
	exit(1);
}

#endif
