# SPDX-License-Identifier: MIT
# Test programs and `make check`.  Included by the top-level Makefile.
# The layout is tests/README.md's: a folder per library (tests/call for
# tools/libs/call, tests/libxc for tools/libxc), tests/cross for tests of
# several libraries together, tests/lib for the test-support archive every
# program links.  In a test folder, by name:
#   host*.c    host tests: need no Xen, run on the build machine
#   system*.c  system tests: run inside a Xen dom0 (tests/vm/xen-run)
#   guest*.c   static programs a test's guest domain runs (below)
#   other .c   programs the tests or the check scripts drive
# tests/F/NAME.c builds build/tests/F/NAME, against the project's headers;
# through its RUNPATH it loads the project's libraries unless
# LD_LIBRARY_PATH says otherwise.

TEST_DIRS := $(filter-out lib,$(patsubst $(top)/tests/%/,%,$(dir $(wildcard $(top)/tests/*/*.c))))

TEST_CFLAGS := $(filter-out -MMD -MP,$(C_FLAGS)) -I$(top)/tests/lib -DPROJECT_LIBDIR='"$(LIBOUT)"' \
               -DPROJECT_TESTS='"$(top)/tests"' \
               -DUPSTREAM_LIBDIR='"$(UPSTREAM_LIBDIR)"' \
               -DTESTDOM_HELPERS='"$(BUILD)/tests/lib"' -DKEXEC_PORT='"$(KEXEC_PORT)"'
# Every project library is linked in, needed or not: a library's own
# dependencies are not looked up through the program's RUNPATH, so one
# loaded only as a dependency would be upstream's copy from /lib.
TEST_LIBS   := -L$(LIBOUT) -Wl,-rpath,$(LIBOUT) -Wl,--no-as-needed \
               $(LIBS:%=-l%) -ldl $(PTHREAD_LIBS)

# The test-support library (tests/lib), built once, as gnu11.  The
# allocation failure injector (failalloc.c) is an object apart: it defines
# malloc and friends, so the linker would take it from an archive into
# every program.  testdom-helper.c is a program (below).
TESTLIB     := $(BUILD)/tests/lib/libtests.a
TESTLIB_SRC := $(wildcard $(top)/tests/lib/*.c)
TESTLIB_OBJ := $(patsubst $(top)/tests/lib/%.c,$(BUILD)/tests/lib/%.o,\
                 $(filter-out %/failalloc.c %/testdom-helper.c,$(TESTLIB_SRC)))
TESTLIB_H   := $(wildcard $(top)/tests/lib/*.h)
PUBLIC_HEADERS := $(wildcard $(top)/tools/libs/*/include/*.h $(top)/tools/libxc/include/*.h)

$(BUILD)/tests/lib/%.o: $(top)/tests/lib/%.c $(TESTLIB_H) $(PUBLIC_HEADERS) $(top)/config.mk | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(TEST_CFLAGS) -std=gnu11 -c -o $@ $<

$(TESTLIB): $(TESTLIB_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

# The domain helper the tests start (tests/lib/testdom.h), once per Xen
# version, as each takes only its own domctl interface version: for 4.17
# against the build machine's headers (Debian 12's libxen-dev), for 4.20
# against Debian 13's, fetched into the build tree (never installed) when
# make check first needs them.  Only Xen's public headers are taken from
# there; xencall.h stays the project's.
TESTDOM_HELPER_SRC := $(top)/tests/lib/testdom-helper.c $(top)/tests/lib/testdom.h \
                      $(top)/tests/lib/testdom-wire.h
XEN420_HEADERS := $(BUILD)/xen-4.20/include
$(BUILD)/tests/lib/testdom-helper-4.17: $(TESTDOM_HELPER_SRC) $(PUBLIC_HEADERS) $(top)/config.mk | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(TEST_CFLAGS) -std=gnu11 -o $@ $< $(TEST_LIBS)
$(BUILD)/tests/lib/testdom-helper-4.20: $(TESTDOM_HELPER_SRC) $(XEN420_HEADERS)/xen/domctl.h \
                                        $(PUBLIC_HEADERS) $(top)/config.mk | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(TEST_CFLAGS) -std=gnu11 -I$(XEN420_HEADERS) -o $@ $< $(TEST_LIBS)
$(XEN420_HEADERS)/xen/domctl.h:
	$(top)/tests/vm/fetch-package --suite trixie libxen-dev $(BUILD)/xen-4.20/libxen-dev
	grep -q 'XEN_DOMCTL_INTERFACE_VERSION 0x00000017' \
	    $(BUILD)/xen-4.20/libxen-dev/usr/include/xen/domctl.h
	rm -rf $(XEN420_HEADERS) && $(MKDIR_P) $(XEN420_HEADERS)
	cp -R $(BUILD)/xen-4.20/libxen-dev/usr/include/xen $(XEN420_HEADERS)/
.PHONY: testdom-helpers
testdom-helpers: $(BUILD)/tests/lib/testdom-helper-4.17 $(BUILD)/tests/lib/testdom-helper-4.20

TEST_SOURCES  := $(foreach d,$(TEST_DIRS),$(wildcard $(top)/tests/$(d)/*.c))
GUEST_SOURCES := $(filter $(top)/tests/%,$(wildcard $(top)/tests/*/guest*.c))
TEST_PROGRAMS := $(patsubst $(top)/tests/%.c,$(BUILD)/tests/%,$(TEST_SOURCES))

tests: $(TEST_PROGRAMS) $(BUILD)/tests/lib/testdom-helper-4.17

# libxenctrl's header (ours and upstream's) includes Xen's tools-only
# headers, which need GNU C; the programs that use it are built as gnu11.
XENCTRL_TESTS := $(patsubst $(top)/tests/%.c,$(BUILD)/tests/%,\
                   $(shell grep -l 'xenctrl\.h' $(TEST_SOURCES)))
$(XENCTRL_TESTS): private TEST_STD := -std=gnu11

# The in-guest test's dom0 side uses upstream's libxenvchan and
# libxenstore, which then run on the project's libraries loaded here.
$(BUILD)/tests/cross/system-inguest: TEST_EXTRA_LIBS := -lxenvchan -lxenstore

# A peer domU's tests (tests/lib/peer.h) reach xenstore, and its vchan,
# through upstream's libxenstore and libxenvchan: linked whether or not
# the program itself calls them, for peer.o comes later, from the archive.
PEER_TESTS := $(patsubst $(top)/tests/%.c,$(BUILD)/tests/%,\
                $(shell grep -l '"peer\.h"' $(TEST_SOURCES)))
$(PEER_TESTS): TEST_EXTRA_LIBS := -Wl,--no-as-needed -lxenvchan -lxenstore

# The installed-packages test takes the project's .debs (make deb) and
# Debian's own (tests/packages/fetch-debian) from the build folder.
DEBIAN_DEBS := $(BUILD)/deb-debian
$(BUILD)/tests/packages/system-install: TEST_DEFS := -DPROJECT_DEBS='"$(BUILD)/deb"' \
    -DDEBIAN_DEBS='"$(DEBIAN_DEBS)"'
.PHONY: debian-debs
debian-debs:
	$(top)/tests/packages/fetch-debian $(DEBIAN_DEBS)

# Allocation failure injection: the executable's own malloc & co.
$(BUILD)/tests/cross/system-faults: TEST_EXTRA_LIBS := $(BUILD)/tests/lib/failalloc.o
$(BUILD)/tests/cross/system-faults: $(BUILD)/tests/lib/failalloc.o

# libxencall's host test links the library's OS-independent objects from
# its static archive over a fake OS backend of its own: the archive's
# linux.o is not taken, as the test defines what it would.  The archive is
# remade by libs, which is always run.
$(BUILD)/tests/call/host: TEST_EXTRA_LIBS := $(LIBOUT)/libxencall.a
$(BUILD)/tests/call/host: $(LIBOUT)/libxencall.a
$(LIBOUT)/libxencall.a: libs ;

# A program tests/F/NAME.c is linked with the files of a folder
# tests/F/NAME/ beside it, if there is one (a big program's parts).
.SECONDEXPANSION:
$(BUILD)/tests/%: $(top)/tests/%.c $$(wildcard $(top)/tests/$$*/*.[ch]) $(TESTLIB) \
                  $(TESTLIB_H) $(PUBLIC_HEADERS) $(top)/config.mk | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(TEST_CFLAGS) $(TEST_STD) $(TEST_DEFS) -I$(<D) -o $@ $< $(wildcard $(top)/tests/$*/*.c) \
	    $(TEST_EXTRA_LIBS) $(TESTLIB) $(TEST_LIBS)

# A guest has no loader or libc of its own: its programs are static, from
# the project's archives plus upstream's libxenvchan.a and libxenstore.a
# (the only other parts allowed), all named by path so no other copy can
# be picked.  The linker map says which archive each member came from;
# the test that boots the guest checks it.  A sanitizer's build (below)
# links them uninstrumented, from the normal build's archives
# (GUEST_LIBOUT) and the normal build's test library: a sanitizer's
# runtime needs the dynamic loader.
GUEST_LIBOUT ?= $(LIBOUT)
GUEST_TESTLIB ?= $(TESTLIB)
GUEST_ARCHIVES := $(UPSTREAM_LIBDIR)/libxenvchan.a $(UPSTREAM_LIBDIR)/libxenstore.a \
                  $(addprefix $(GUEST_LIBOUT)/,libxengnttab.a libxenevtchn.a libxentoolcore.a \
                                         libxentoollog.a)

$(patsubst $(top)/tests/%.c,$(BUILD)/tests/%,$(GUEST_SOURCES)): $(BUILD)/tests/%: \
        $(top)/tests/%.c $(GUEST_TESTLIB) $(TESTLIB_H) $(PUBLIC_HEADERS) $(top)/config.mk | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(filter-out -fsanitize=%,$(TEST_CFLAGS)) -I$(<D) -static -o $@ -Wl,-Map=$@.map $< \
	    $(GUEST_TESTLIB) $(GUEST_ARCHIVES) $(PTHREAD_LIBS)

# docs/bad-inputs.md from the tests' BAD_INPUT statements; make check
# fails when it is stale or a public function has no case.
.PHONY: bad-inputs
bad-inputs: libs
	$(top)/scripts/gen-bad-inputs $(top) $(BUILD) $(BUILD)/docs
	cp $(BUILD)/docs/bad-inputs.md $(top)/docs/

# Crash images executed by Xen, each in a Xen boot of its own that it ends:
# not part of check.  The script builds what it needs itself.
.PHONY: check-kexec-e2e
check-kexec-e2e:
	$(top)/tests/kexec/e2e

# The soak (tests/soak/soak.c), in one boot of Xen 4.17: not part of
# check.  SOAK_SECONDS long, 600 unless given.
SOAK_SECONDS ?= 600
.PHONY: soak
soak: libs tests
	$(top)/scripts/install-deps
	SOAK_SECONDS=$(SOAK_SECONDS) XENRUN_PASS_ENV=SOAK_SECONDS $(top)/tests/vm/xen-run \
	    --timeout $$(( $(SOAK_SECONDS) + 900 )) -- $(BUILD)/tests/soak/soak

# `make check` runs every check, host test and system test plainly;
# `make check-valgrind`, `check-asan`, `check-tsan` run every host and
# system test under a checking tool (tests/runner/check, tests/runner/tool;
# README.md).  XEN_VM=no skips the system tests, and the summary says so.
# A sanitizer's build is a build of its own, in build/<tool>/, with these
# flags; memcheck runs the normal build.
check: libs tests testdom-helpers abi-build kexec-tools deb debian-debs
	$(top)/scripts/install-deps
	$(top)/tests/runner/check none "$(BUILD)" "$(CC)" "$(PROJECT_INCLUDES)"

STAGE_CFLAGS_asan := -fsanitize=address,undefined
STAGE_CFLAGS_tsan := -fsanitize=thread

# Memcheck's own build, patched to let through the hypercalls it does not
# know (tests/runner/valgrind).
STAGE_VALGRIND := $(BUILD)/tools/valgrind/bin/valgrind
$(STAGE_VALGRIND): $(top)/tests/runner/valgrind/build $(top)/tests/runner/valgrind/xen-passthrough.patch
	$(top)/tests/runner/valgrind/build $(BUILD)/tools/valgrind

.PHONY: check-valgrind check-asan check-tsan
check-valgrind: libs tests kexec-tools $(STAGE_VALGRIND)
	$(top)/scripts/install-deps
	STAGE_VALGRIND="$(STAGE_VALGRIND)" $(top)/tests/runner/check valgrind "$(BUILD)"

check-asan check-tsan: check-%: libs tests kexec-tools
	$(top)/scripts/install-deps
	$(MAKE) BUILD="$(BUILD)/$*" KEXEC_PORT="$(KEXEC_PORT)" CFLAGS="-O1 -g -fno-omit-frame-pointer $(STAGE_CFLAGS_$*)" \
	    LDFLAGS="$(STAGE_CFLAGS_$*)" GUEST_LIBOUT="$(LIBOUT)" GUEST_TESTLIB="$(TESTLIB)" libs tests
	$(top)/tests/runner/check $* "$(BUILD)/$*"
