# SPDX-License-Identifier: MIT
# Programs of other projects ported to the project's libraries, each built
# as their packager would, against the project as `make install` gives it.
# Included by the top-level Makefile before tests/tests.mk, whose tests
# run them.

# Debian 12's kexec-tools on libxenkexec (clients/kexec-tools/build): its
# kexec, built once into the normal build tree; a checking tool's stage
# runs the same binary (KEXEC_PORT is passed down).
KEXEC_PORT ?= $(BUILD)/kexec-tools/kexec
KEXEC_PORT_STAGE := $(dir $(KEXEC_PORT))stage
KEXEC_PORT_SRC := $(top)/clients/kexec-tools/build $(top)/clients/kexec-tools/patches/series \
                  $(wildcard $(top)/clients/kexec-tools/patches/*.patch) \
                  $(top)/tools/libs/kexec/include/xenkexec.h \
                  $(top)/tools/libs/toollog/include/xentoollog.h

$(KEXEC_PORT): $(KEXEC_PORT_SRC) | libs
	rm -rf $(KEXEC_PORT_STAGE)
	$(MAKE) -C $(top)/tools/libs install DESTDIR=$(KEXEC_PORT_STAGE) >/dev/null
	$(top)/clients/kexec-tools/build $(dir $(KEXEC_PORT)) $(KEXEC_PORT_STAGE)

.PHONY: kexec-tools
kexec-tools: $(KEXEC_PORT)
