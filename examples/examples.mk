# Example programs, built against the project's headers and libraries.
EXAMPLES := $(patsubst $(top)/examples/%.c,$(BUILD)/examples/%,$(wildcard $(top)/examples/*.c))

examples: $(EXAMPLES)

# An example that makes a guest domain includes tests/common/testdom.c.
$(BUILD)/examples/%: $(top)/examples/%.c $(top)/tests/common/testdom.c \
                     $(top)/tests/common/testdom.h $(PUBLIC_HEADERS) | libs
	@$(MKDIR_P) $(@D)
	$(CC) $(filter-out -MMD -MP,$(C_FLAGS)) -o $@ $< -L$(LIBOUT) -Wl,-rpath,$(LIBOUT) \
	    -Wl,--no-as-needed $(LIBS:%=-l%) $(PTHREAD_LIBS)

# Runs the examples on Xen: directly in a Xen dom0, else in Xen under QEMU.
demo: examples
	$(top)/scripts/install-deps
	$(top)/scripts/demo $(EXAMPLES)
