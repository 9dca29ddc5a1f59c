# linchat — a terminal messenger for LinkedIn.
#
#   make            build ./linchat and tests/sim/voyager-sim (optimised)
#   make test       ASan+UBSan build of everything, then every test
#   make demo       run linchat against the bundled simulator
#   make deps       install the Debian packages the build needs
#
# Object files live under build/$(MODE)/; each mode is a complete,
# separate build so the sanitiser runs never mix with the release one.

MODE	?= rel
O	:= build/$(MODE)
PREFIX	?= /usr/local
DESTDIR	?=
VERSION	:= 0.1.0

CC	?= cc
PKGS	:= ncursesw libcurl json-c sqlite3
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
MHD_CFLAGS := $(shell pkg-config --cflags libmicrohttpd 2>/dev/null)
MHD_LIBS   := $(shell pkg-config --libs libmicrohttpd 2>/dev/null)
CRIT_CFLAGS := $(shell pkg-config --cflags criterion 2>/dev/null)
CRIT_LIBS  := $(shell pkg-config --libs criterion 2>/dev/null)

WARN	:= -Wall -Wextra -Wpedantic -Werror -Wformat=2 -Wshadow \
	   -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings -Wvla \
	   -fno-common
ifeq ($(MODE),asan)
OPT	:= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all
else ifeq ($(MODE),tsan)
OPT	:= -O1 -g -fsanitize=thread
else ifeq ($(MODE),bench)
OPT	:= -O2 -g -DNDEBUG
else
OPT	:= -O2 -g
endif

CFLAGS_ALL := -std=c11 $(WARN) $(OPT) $(PKG_CFLAGS) -pthread -I. \
	      -DLINCHAT_VERSION='"$(VERSION)"' $(CFLAGS)
LDFLAGS_ALL := $(OPT) -pthread $(LDFLAGS)

CORE_SRC := $(wildcard core/*.c)
TUI_SRC  := $(filter-out tui/main.c,$(wildcard tui/*.c))
SIM_SRC  := $(filter-out tests/sim/simclient.c,$(wildcard tests/sim/*.c))
TEST_SRC := $(wildcard tests/unit/test-*.c)
# The simulator's own tests live beside it; their binaries join the rest.
SIM_TEST_SRC := $(wildcard tests/sim/test/test-sim-*.c)
TESTLIB_SRC := $(wildcard tests/unit/helpers.c tests/unit/rig.c tests/unit/rigtest.c tests/unit/dlgtest.c \
		tests/unit/simtest.c tests/unit/tuitest.c tests/sim/simclient.c)

CORE_OBJ := $(CORE_SRC:%.c=$(O)/%.o)
TUI_OBJ  := $(TUI_SRC:%.c=$(O)/%.o)
SIM_OBJ  := $(SIM_SRC:%.c=$(O)/%.o)
TESTLIB_OBJ := $(TESTLIB_SRC:%.c=$(O)/%.o)
UNIT_BIN := $(TEST_SRC:tests/unit/%.c=$(O)/bin/%)
SIM_TEST_BIN := $(SIM_TEST_SRC:tests/sim/test/%.c=$(O)/bin/%)
TEST_BIN := $(UNIT_BIN) $(SIM_TEST_BIN)
# ThreadSanitizer drivers: plain programs, since Criterion cannot start
# under TSan (its arena allocator aborts).
TSAN_SRC := $(wildcard tests/tsan/tsan-*.c)
TSAN_BIN := $(TSAN_SRC:tests/tsan/%.c=$(O)/bin/%)
RIG_OBJ  := $(O)/tests/unit/rig.o $(O)/tests/unit/helpers.o \
	    $(O)/tests/sim/simclient.o

ifeq ($(MODE),rel)
LINCHAT	:= linchat
SIM	:= tests/sim/voyager-sim
else
LINCHAT	:= $(O)/linchat
SIM	:= $(O)/voyager-sim
endif

.PHONY: all deps test check tsan bench demo install uninstall clean \
	check-style format fuzz soak unit-tests need-deps \
	bench-bins

all: $(LINCHAT) $(SIM)

# Keep objects of test binaries between runs.
.SECONDARY:

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(O)/tests/sim/%.o: CFLAGS_ALL += $(MHD_CFLAGS)
$(O)/tests/unit/%.o: CFLAGS_ALL += $(CRIT_CFLAGS)
$(O)/tests/sim/test/%.o: CFLAGS_ALL += $(CRIT_CFLAGS)

$(O)/libcore.a: $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(O)/libtui.a: $(TUI_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(LINCHAT): $(O)/tui/main.o $(O)/libtui.a $(O)/libcore.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) -lm

$(SIM): $(SIM_OBJ) $(O)/libcore.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(MHD_LIBS) $(PKG_LIBS) -lm

$(UNIT_BIN): $(O)/bin/%: $(O)/tests/unit/%.o $(TESTLIB_OBJ) $(O)/libtui.a \
	    $(O)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CRIT_LIBS) $(PKG_LIBS) -lm

$(SIM_TEST_BIN): $(O)/bin/%: $(O)/tests/sim/test/%.o $(TESTLIB_OBJ) \
	    $(O)/libtui.a $(O)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(CRIT_LIBS) $(PKG_LIBS) -lm

$(O)/bin/tsan-%: $(O)/tests/tsan/tsan-%.o $(RIG_OBJ) $(O)/libtui.a $(O)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) -lm

unit-tests: $(TEST_BIN)

tsan-bins: $(TSAN_BIN)

# Benchmarks for `make bench`: plain programs like the TSan drivers.
# bench-idle runs the worker on an accelerated clock (clock_set_source)
# and shrinks every deadline wait to match (clock_mono_timespec, see its
# header).
BENCH_SRC := $(wildcard tests/bench/bench-*.c)
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(O)/bin/%)
$(O)/bin/bench-idle: BENCH_LDFLAGS := -Wl,--wrap=clock_mono_timespec

$(O)/bin/bench-%: $(O)/tests/bench/bench-%.o $(RIG_OBJ) $(O)/libtui.a \
	    $(O)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) $(BENCH_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

bench-bins: $(BENCH_BIN)

# The fault soak (tests/soak/, issue 5): a plain program like the TSan
# drivers, built from every tests/soak/*.c.  `make soak` runs the long
# version under ASan+UBSan, then the RSS run in the release build (ASan's
# RSS means nothing); `make test` runs the short one (tests/cli/).
SOAK_OBJ := $(patsubst %.c,$(O)/%.o,$(wildcard tests/soak/*.c))
$(O)/bin/soak-soak: $(SOAK_OBJ) $(RIG_OBJ) $(O)/libtui.a $(O)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) -lm

soak: need-deps
	$(MAKE) MODE=asan all build/asan/bin/soak-soak
	$(MAKE) MODE=rel all build/rel/bin/soak-soak
	SIM_BIN=$(abspath build/asan/voyager-sim) build/asan/bin/soak-soak long
	SIM_BIN=$(abspath tests/sim/voyager-sim) build/rel/bin/soak-soak rss

# `make test`: everything in the ASan+UBSan build, then tests/run.
test: need-deps
	$(MAKE) MODE=asan check

# `check` runs the suite against the current MODE's binaries.
check: all unit-tests $(O)/bin/soak-soak
	tests/check-style
	LINCHAT_BIN=$(abspath $(LINCHAT)) SIM_BIN=$(abspath $(SIM)) \
	    TEST_DIR=$(abspath $(O)/bin) tests/run

tsan: need-deps
	$(MAKE) MODE=tsan all tsan-bins
	TSAN_OPTIONS=halt_on_error=1 LINCHAT_BIN=$(abspath build/tsan/linchat) \
	    SIM_BIN=$(abspath build/tsan/voyager-sim) \
	    TEST_DIR=$(abspath build/tsan/bin) tests/run --tsan

bench: need-deps
	$(MAKE) MODE=bench all bench-bins
	tests/bench/run build/bench

demo: need-deps all
	tests/sim/demo ./linchat $(SIM)

# Installs the Debian packages. Idempotent: apt runs only if one is missing.
DEB_PKGS := gcc make pkg-config libncurses-dev libcurl4-openssl-dev \
	    libjson-c-dev libcriterion-dev libmicrohttpd-dev libsqlite3-dev \
	    tmux curl valgrind jq sqlite3
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: all installed"; exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "deps: missing:$$missing"; \
	    echo "deps: run 'sudo make deps' to install them"; exit 1; fi; \
	echo "deps: installing$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $$missing

need-deps:
	@pkg-config --exists $(PKGS) libmicrohttpd criterion 2>/dev/null && \
	    command -v tmux >/dev/null && command -v curl >/dev/null && \
	    command -v jq >/dev/null && command -v sqlite3 >/dev/null || \
	    $(MAKE) --no-print-directory deps

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/linchat/themes \
	    $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 linchat $(DESTDIR)$(PREFIX)/bin/linchat
	for t in themes/*.theme; do [ -e "$$t" ] || continue; \
	    install -m 0644 "$$t" $(DESTDIR)$(PREFIX)/share/linchat/themes/; done
	[ ! -e docs/linchat.1 ] || install -m 0644 docs/linchat.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man1/linchat.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/linchat \
	    $(DESTDIR)$(PREFIX)/share/man/man1/linchat.1
	rm -rf $(DESTDIR)$(PREFIX)/share/linchat

check-style:
	tests/check-style

# Every C file git tracks but the generated tables (as tests/check-style).
format:
	git ls-files '*.c' '*.h' | grep -v '^core/utf8-tables.h$$' | \
	    xargs clang-format -i

clean:
	rm -rf build linchat tests/sim/voyager-sim tests/out

# --- fuzzing (tests/fuzz/, docs/testing.md) ---------------------------
# libFuzzer harnesses, built with clang and ASan+UBSan into build/fuzz/
# from the same core/ and tui/ sources.  `make fuzz-build` builds them,
# `make fuzz FUZZ_SECONDS=N` runs each for N seconds and prints a table.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_O       := build/fuzz
FUZZ_OPT     := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer
# Warnings clang has and gcc lacks must not break `make test` (which runs
# the fuzz smoke): -Werror only for the harnesses themselves.
FUZZ_CFLAGS  := -std=c11 $(filter-out -Werror,$(WARN)) $(FUZZ_OPT) \
		$(PKG_CFLAGS) -pthread -I. \
		-DLINCHAT_VERSION='"$(VERSION)"'
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_O)/bin/%)
FUZZ_LIB_OBJ := $(CORE_SRC:%.c=$(FUZZ_O)/%.o) $(TUI_SRC:%.c=$(FUZZ_O)/%.o)

.PHONY: fuzz-build

$(FUZZ_O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_O)/tests/fuzz/%.o: FUZZ_CFLAGS += -Werror

$(FUZZ_O)/libfuzzlc.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_O)/bin/%: $(FUZZ_O)/tests/fuzz/%.o $(FUZZ_O)/libfuzzlc.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_OPT) -fsanitize=fuzzer -pthread -o $@ $^ \
	    $(PKG_LIBS) -lm

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	tests/fuzz/run --seconds $(FUZZ_SECONDS)

-include $(shell find $(FUZZ_O) -name '*.d' 2>/dev/null)

-include $(shell find $(O) -name '*.d' 2>/dev/null)
