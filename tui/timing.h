/* timing.h — `linchat --timing FILE`: when the first complete inbox frame
 * reached the terminal, for the start-up benchmark (docs/performance.md,
 * figure 4).
 *
 * FILE gets three lines once that frame is drawn:
 *
 *   first_frame_ms MS      since the process started (fork), read from
 *                          /proc/self/stat starttime: exec, dynamic
 *                          linking and the C runtime are included; that
 *                          start is counted in clock ticks (10 ms), so
 *                          the figure may overstate by up to one tick
 *   main_to_frame_ms MS    since the first line of main()
 *   frame_boottime_ns NS   CLOCK_BOOTTIME at the frame, for a caller that
 *                          read the same clock before starting linchat
 *
 * Process-wide state, UI thread only.
 */
#ifndef LC_TIMING_H
#define LC_TIMING_H

#include "core/err.h"

/* Reads the clock: the first call in main(). */
void timing_start(void);

/* Creates (or empties) path now, so a bad path fails before the screen
 * starts; LC_EIO with a sentence when it cannot be written. */
enum lc_err timing_open(const char *path, struct lc_error *err);

/* The first complete inbox frame is on the terminal: writes the file
 * (the first call only; nothing without timing_open()). */
void timing_first_frame(void);

#endif
