# SPDX-License-Identifier: MIT
# Example programs, built against the project's headers and libraries
# only, as a user's programs are: no example uses the tests' code.
EXAMPLE_SOURCES := $(wildcard $(top)/examples/*.c)
EXAMPLES := $(patsubst $(top)/examples/%.c,$(BUILD)/examples/%,$(EXAMPLE_SOURCES))

examples: $(EXAMPLES)

EXAMPLE_CFLAGS := $(filter-out -MMD -MP,$(C_FLAGS))

# <xenctrl.h> includes Xen's tools-only headers, which need GNU C: the
# examples that use libxenctrl are built as gnu11.
XENCTRL_EXAMPLES := $(patsubst $(top)/examples/%.c,$(BUILD)/examples/%,\
                      $(shell grep -l 'xenctrl\.h' $(EXAMPLE_SOURCES)))
$(XENCTRL_EXAMPLES): private EXAMPLE_CFLAGS += -std=gnu11

# Every project library is linked, needed or not, so that each one the
# program loads is the project's, found through its RUNPATH (a library's
# own dependencies are not looked up there).
$(BUILD)/examples/%: $(top)/examples/%.c $(PUBLIC_HEADERS) | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(EXAMPLE_CFLAGS) -o $@ $< -L$(LIBOUT) -Wl,-rpath,$(LIBOUT) \
	    -Wl,--no-as-needed $(LIBS:%=-l%) $(PTHREAD_LIBS)

# Runs the examples on Xen: directly in a Xen dom0, else in Xen under QEMU.
demo: examples
	$(top)/scripts/install-deps
	$(top)/scripts/demo $(EXAMPLES)
