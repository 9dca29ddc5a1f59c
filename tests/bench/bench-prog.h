/* bench-prog.h — running the real linchat binary from a benchmark: its
 * own XDG directories, a session logged in with `linchat login` against
 * a simulator, and the TUI in a pseudo-terminal whose output is read and
 * thrown away (a terminal that never reads would block it).
 *
 * Header-only like bench.h and bench-ui.h: each bench-*.c is one program.
 */
#ifndef BENCH_PROG_H
#define BENCH_PROG_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/bench/bench.h"
#include "tests/sim/simclient.h"

struct bench_pty {
	pid_t pid;
	int fd; /* the terminal's master side */
};

/* Points XDG_CONFIG_HOME, XDG_STATE_HOME and XDG_DATA_HOME under dir, and
 * sets a UTF-8 locale and a 256-colour TERM for the child.  db (n bytes)
 * gets the store's path. */
static inline void
bench_prog_env(const char *dir, char *db, size_t n)
{
	char path[512];

	snprintf(path, sizeof path, "%s/config", dir);
	setenv("XDG_CONFIG_HOME", path, 1);
	snprintf(path, sizeof path, "%s/state", dir);
	setenv("XDG_STATE_HOME", path, 1);
	snprintf(path, sizeof path, "%s/data", dir);
	setenv("XDG_DATA_HOME", path, 1);
	snprintf(db, n, "%s/linchat/linchat.db", path);
	setenv("TERM", "xterm-256color", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("LINCHAT_BASE_URL"); /* bench_prog_login() sets it */
}

/* `linchat login` as the simulator's demo user against base_url (which
 * becomes LINCHAT_BASE_URL for every later start).  Dies on failure. */
static inline void
bench_prog_login(const char *prog, const char *linchat, const char *base_url)
{
	static const char pw[] = SIM_DEMO_PASSWORD "\n";
	int p[2], st, dn;
	pid_t pid;

	setenv("LINCHAT_BASE_URL", base_url, 1);
	if (pipe(p) != 0)
		bench_die(prog, "pipe");
	if ((pid = fork()) < 0)
		bench_die(prog, "fork");
	if (pid == 0) {
		dn = open("/dev/null", O_WRONLY);
		dup2(p[0], 0);
		dup2(dn, 1);
		close(p[0]);
		close(p[1]);
		execl(linchat, linchat, "login", "--username", SIM_DEMO_EMAIL,
		      "--password-stdin", (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	if (write(p[1], pw, sizeof pw - 1) < 0)
		bench_die(prog, "write");
	close(p[1]);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		bench_die(prog, "linchat login failed");
}

/* Starts argv (argv[0] the program) in a rows × cols pseudo-terminal. */
static inline void
bench_pty_start(const char *prog, const char *const argv[], int rows, int cols,
                struct bench_pty *p)
{
	struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};

	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0)
		bench_die(prog, "forkpty");
	if (p->pid == 0) {
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
}

/* Reads and drops the terminal's output for up to ms, or until done(arg)
 * says 1 (checked between reads, at least every 5 ms).  1 if done. */
static inline int
bench_pty_drain(struct bench_pty *p, int ms, int (*done)(void *), void *arg)
{
	double end = bench_now_ms() + ms;
	struct pollfd pf;
	char buf[8192];

	while (bench_now_ms() < end) {
		if (done != NULL && done(arg))
			return 1;
		pf.fd = p->fd;
		pf.events = POLLIN;
		if (poll(&pf, 1, 5) == 1 && read(p->fd, buf, sizeof buf) <= 0)
			break; /* the program is gone */
	}
	return done != NULL && done(arg);
}

/* SIGTERM, then reads the terminal dry and reaps the program. */
static inline void
bench_pty_stop(struct bench_pty *p)
{
	char buf[8192];
	ssize_t n;

	kill(p->pid, SIGTERM);
	while ((n = read(p->fd, buf, sizeof buf)) > 0 ||
	       (n < 0 && errno == EINTR))
		;
	close(p->fd);
	waitpid(p->pid, NULL, 0);
}

/* CPU time used so far by every thread of pid, in ms (nanosecond
 * resolution, from /proc/PID/task/TID/schedstat; /proc/PID/stat counts
 * in 10 ms ticks, too coarse for an idle program).  -1 if unreadable. */
static inline double
bench_proc_cpu_ms(pid_t pid)
{
	char path[320];
	unsigned long long ns, sum = 0;
	struct dirent *e;
	FILE *f;
	DIR *d;
	int any = 0;

	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/%d/task/%s/schedstat",
		         (int)pid, e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fscanf(f, "%llu", &ns) == 1) {
			sum += ns;
			any = 1;
		}
		fclose(f);
	}
	closedir(d);
	return any ? (double)sum / 1e6 : -1;
}

static inline int
bench_rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* Removes the directory tree dir. */
static inline void
bench_rm_tree(const char *dir)
{
	nftw(dir, bench_rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

#endif
