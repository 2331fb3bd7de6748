# Test programs and `make check`.  Included by the top-level Makefile.
#
# tests/host/*.c     host tests: need no Xen, run on the build machine
# tests/system/*.c   system tests: run inside a Xen dom0 (tests/vm/xen-run)
# tests/helpers/*.c  programs the check scripts drive
# Each is built against the project's headers and, through its RUNPATH,
# loads the project's libraries unless LD_LIBRARY_PATH says otherwise.

TEST_CFLAGS := $(filter-out -MMD -MP,$(C_FLAGS)) -I$(top)/tests/common -DPROJECT_LIBDIR='"$(LIBOUT)"' \
               -DUPSTREAM_LIBDIR='"$(UPSTREAM_LIBDIR)"'
# Every project library is linked in, needed or not: a library's own
# dependencies are not looked up through the program's RUNPATH, so one
# loaded only as a dependency would be upstream's copy from /lib.
TEST_LIBS   := -L$(LIBOUT) -Wl,-rpath,$(LIBOUT) -Wl,--no-as-needed \
               $(LIBS:%=-l%) -ldl $(PTHREAD_LIBS)

TEST_PROGRAMS := $(patsubst $(top)/tests/%.c,$(BUILD)/tests/%,\
                   $(wildcard $(top)/tests/host/*.c $(top)/tests/system/*.c $(top)/tests/helpers/*.c))

tests: $(TEST_PROGRAMS)

# libxenctrl's header (ours and upstream's) includes Xen's tools-only
# headers, which need GNU C; the programs that use it are built as gnu11.
XENCTRL_TESTS := $(patsubst $(top)/tests/%.c,$(BUILD)/tests/%,\
                   $(shell grep -l 'xenctrl\.h' $(top)/tests/host/*.c $(top)/tests/system/*.c \
                                                  $(top)/tests/helpers/*.c))
$(XENCTRL_TESTS): TEST_CFLAGS += -std=gnu11

PUBLIC_HEADERS := $(wildcard $(top)/tools/libs/*/include/*.h $(top)/tools/libxc/include/*.h)

$(BUILD)/tests/%: $(top)/tests/%.c $(top)/tests/common/testlib.c $(top)/tests/common/testlib.h \
                  $(top)/tests/common/testdom.c $(top)/tests/common/testdom.h \
                  $(PUBLIC_HEADERS) $(top)/config.mk | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(top)/tests/common/testlib.c $(top)/tests/common/testdom.c \
	    $(TEST_LIBS)

# XEN_VM=no skips the system tests, and the summary says so.
check: libs tests abi-build
	$(top)/scripts/install-deps
	$(top)/tests/check "$(BUILD)" "$(CC)" "$(PROJECT_INCLUDES)"
