# Benchmarks: `make bench`.  Included by the top-level Makefile.
#
# bench/*.c are benchmark programs (protocol in bench/benchlib.h), built
# once against the project's headers.  bench/run measures them all in one
# Xen boot, on our libraries, on upstream's and on the raw kernel
# interface, and writes the table to bench/results.md.

BENCH_PROGRAMS := $(patsubst $(top)/bench/%.c,$(BUILD)/bench/%,$(wildcard $(top)/bench/*.c))

.PHONY: bench
bench: $(BENCH_PROGRAMS)
	$(top)/scripts/install-deps
	$(top)/bench/run $(top)/bench/results.md $(LIBOUT) $(BENCH_PROGRAMS)

# Programs that make guest domains include tests/common/testdom.c.
$(BUILD)/bench/%: $(top)/bench/%.c $(top)/bench/benchlib.h $(top)/tests/common/testdom.c \
                  $(top)/tests/common/testdom.h $(PUBLIC_HEADERS) | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(filter-out -MMD -MP,$(C_FLAGS)) -I$(top)/bench -o $@ $< -L$(LIBOUT) \
	    -Wl,--as-needed $(LIBS:%=-l%) -Wl,--no-as-needed -ldl $(PTHREAD_LIBS)

# make check builds the benchmark programs too (without running them), so
# a change that breaks one fails there and not first in make bench.
check: $(BENCH_PROGRAMS)
