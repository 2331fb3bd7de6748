# Test programs and `make check`.  Included by the top-level Makefile.
#
# tests/host/*.c     host tests: need no Xen, run on the build machine
# tests/system/*.c   system tests: run inside a Xen dom0 (tests/vm/xen-run)
# tests/helpers/*.c  programs the check scripts drive
# tests/guest/*.c    static programs a test's guest domain runs (below)
# Each is built against the project's headers and, through its RUNPATH,
# loads the project's libraries unless LD_LIBRARY_PATH says otherwise.

TEST_CFLAGS := $(filter-out -MMD -MP,$(C_FLAGS)) -I$(top)/tests/common -DPROJECT_LIBDIR='"$(LIBOUT)"' \
               -DPROJECT_TESTS='"$(top)/tests"' \
               -DUPSTREAM_LIBDIR='"$(UPSTREAM_LIBDIR)"'
# Every project library is linked in, needed or not: a library's own
# dependencies are not looked up through the program's RUNPATH, so one
# loaded only as a dependency would be upstream's copy from /lib.
TEST_LIBS   := -L$(LIBOUT) -Wl,-rpath,$(LIBOUT) -Wl,--no-as-needed \
               $(LIBS:%=-l%) -ldl $(PTHREAD_LIBS)

TEST_PROGRAMS := $(patsubst $(top)/tests/%.c,$(BUILD)/tests/%,\
                   $(wildcard $(top)/tests/host/*.c $(top)/tests/system/*.c $(top)/tests/helpers/*.c \
                              $(top)/tests/guest/*.c))

tests: $(TEST_PROGRAMS)

# libxenctrl's header (ours and upstream's) includes Xen's tools-only
# headers, which need GNU C; the programs that use it are built as gnu11.
XENCTRL_TESTS := $(patsubst $(top)/tests/%.c,$(BUILD)/tests/%,\
                   $(shell grep -l 'xenctrl\.h' $(top)/tests/host/*.c $(top)/tests/system/*.c \
                                                  $(top)/tests/helpers/*.c))
$(XENCTRL_TESTS): TEST_CFLAGS += -std=gnu11

PUBLIC_HEADERS := $(wildcard $(top)/tools/libs/*/include/*.h $(top)/tools/libxc/include/*.h)
TEST_COMMON := $(addprefix $(top)/tests/common/,testlib.c testdom.c vstream.c services.c \
                                                xlguest.c)
TEST_COMMON_H := $(wildcard $(top)/tests/common/*.h)

# The in-guest test's dom0 side uses upstream's libxenvchan and
# libxenstore, which then run on the project's libraries loaded here.
$(BUILD)/tests/system/inguest: TEST_EXTRA_LIBS := -lxenvchan -lxenstore

# A program tests/X/NAME.c is linked with the files of a folder
# tests/X/NAME/ beside it, if there is one (a big program's parts).
.SECONDEXPANSION:
$(BUILD)/tests/%: $(top)/tests/%.c $$(wildcard $(top)/tests/$$*/*.[ch]) $(TEST_COMMON) \
                  $(TEST_COMMON_H) $(PUBLIC_HEADERS) $(top)/config.mk | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(wildcard $(top)/tests/$*/*.c) $(TEST_COMMON) $(TEST_LIBS) \
	    $(TEST_EXTRA_LIBS)

# A guest has no loader or libc of its own: its programs are static, from
# the project's archives plus upstream's libxenvchan.a and libxenstore.a
# (the only other parts allowed), all named by path so no other copy can
# be picked.  The linker map says which archive each member came from;
# the test that boots the guest checks it.  A sanitizer's build (below)
# links them uninstrumented, from the normal build's archives
# (GUEST_LIBOUT): a sanitizer's runtime needs the dynamic loader.
GUEST_LIBOUT ?= $(LIBOUT)
GUEST_ARCHIVES := $(UPSTREAM_LIBDIR)/libxenvchan.a $(UPSTREAM_LIBDIR)/libxenstore.a \
                  $(addprefix $(GUEST_LIBOUT)/,libxengnttab.a libxenevtchn.a libxentoolcore.a \
                                         libxentoollog.a)

$(BUILD)/tests/guest/%: $(top)/tests/guest/%.c $(TEST_COMMON) $(TEST_COMMON_H) \
                        $(PUBLIC_HEADERS) $(top)/config.mk | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(filter-out -fsanitize=%,$(TEST_CFLAGS)) -static -o $@ -Wl,-Map=$@.map $< \
	    $(top)/tests/common/testlib.c $(top)/tests/common/vstream.c \
	    $(GUEST_ARCHIVES) $(PTHREAD_LIBS)

# docs/bad-inputs.md from the tests' BAD_INPUT statements; make check
# fails when it is stale or a public function has no case.
.PHONY: bad-inputs
bad-inputs: libs
	$(top)/tests/gen-bad-inputs $(top) $(BUILD) $(BUILD)/docs
	cp $(BUILD)/docs/bad-inputs.md $(top)/docs/

# Allocation failure injection: the executable's own malloc & co.
$(BUILD)/tests/system/faults: TEST_EXTRA_LIBS := $(top)/tests/common/failalloc.c
$(BUILD)/tests/system/faults: $(top)/tests/common/failalloc.c

# Crash images executed by Xen, each in a Xen boot of its own that it ends:
# not part of check.  The script builds what it needs itself.
.PHONY: check-kexec-e2e
check-kexec-e2e:
	$(top)/tests/kexec-e2e

# XEN_VM=no skips the system tests, and the summary says so.
check: libs tests abi-build
	$(top)/scripts/install-deps
	$(top)/tests/check "$(BUILD)" "$(CC)" "$(PROJECT_INCLUDES)"

# `make check-valgrind`, `check-asan`, `check-tsan`: every host and system
# test under a checking tool (tests/check-stage, tests/stage-tool; README.md).
# A sanitizer's build is a build of its own, in build/<tool>/, with these
# flags; memcheck runs the normal build.
STAGE_CFLAGS_asan := -fsanitize=address,undefined
STAGE_CFLAGS_tsan := -fsanitize=thread
.PHONY: check-valgrind check-asan check-tsan
check-valgrind: libs tests
	$(top)/scripts/install-deps
	$(top)/tests/check-stage valgrind "$(BUILD)"

check-asan check-tsan: check-%: libs
	$(top)/scripts/install-deps
	$(MAKE) BUILD="$(BUILD)/$*" CFLAGS="-O1 -g -fno-omit-frame-pointer $(STAGE_CFLAGS_$*)" \
	    LDFLAGS="$(STAGE_CFLAGS_$*)" GUEST_LIBOUT="$(LIBOUT)" libs tests
	$(top)/tests/check-stage $* "$(BUILD)/$*"
