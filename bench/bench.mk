# SPDX-License-Identifier: MIT
# Benchmarks: `make bench`.  Included by the top-level Makefile, after
# tests/tests.mk, whose test-support archive ($(TESTLIB)) some use.
#
# bench/*.c are benchmark programs (protocol in bench/benchlib.h), built
# once against the project's headers.  bench/run measures them all in one
# Xen boot, on our libraries, on upstream's and on the raw kernel
# interface, and writes the table to bench/results.md.

BENCH_SOURCES  := $(wildcard $(top)/bench/*.c)
BENCH_PROGRAMS := $(patsubst $(top)/bench/%.c,$(BUILD)/bench/%,$(BENCH_SOURCES))

.PHONY: bench
bench: $(BENCH_PROGRAMS)
	$(top)/scripts/install-deps
	$(top)/bench/run $(top)/bench/results.md $(LIBOUT) $(BENCH_PROGRAMS)

BENCH_CFLAGS := $(filter-out -MMD -MP,$(C_FLAGS)) -I$(top)/bench -I$(top)/tests/lib

# <xenctrl.h> includes Xen's tools-only headers, which need GNU C: the
# programs that use it are built as gnu11.  (testdom.h is plain C; the
# archive's objects are built as gnu11 by tests/tests.mk.)
BENCH_GNU11 := $(patsubst $(top)/bench/%.c,$(BUILD)/bench/%,\
                 $(shell grep -l 'xenctrl\.h' $(BENCH_SOURCES)))
$(BENCH_GNU11): private BENCH_CFLAGS += -std=gnu11

# Every program links the test-support archive, before the libraries:
# only the members it uses (testdom's guest domains) are taken from it.
$(BUILD)/bench/%: $(top)/bench/%.c $(top)/bench/benchlib.h $(TESTLIB) $(TESTLIB_H) \
                  $(PUBLIC_HEADERS) | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(TESTLIB) -L$(LIBOUT) \
	    -Wl,--as-needed $(LIBS:%=-l%) -Wl,--no-as-needed -ldl $(PTHREAD_LIBS)

# make check builds the benchmark programs too (without running them), so
# a change that breaks one fails there and not first in make bench.
check: $(BENCH_PROGRAMS)
