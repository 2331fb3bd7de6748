# SPDX-License-Identifier: MIT
# Top-level build: libraries, tests, checks, demo.  See README.md.

ifeq ($(wildcard config.mk),)
# A fresh clone: install the build's Debian packages, configure, go on.
.PHONY: all libs tests examples install check check-kexec-e2e kexec-tools demo bench abi-check abi-update \
        api-matrix bad-inputs check-valgrind check-asan check-tsan soak deb
all libs tests examples install check check-kexec-e2e kexec-tools demo bench abi-check abi-update \
    api-matrix bad-inputs check-valgrind check-asan check-tsan soak deb:
	scripts/bootstrap
	$(MAKE) $@
else

include common.mk

# A changed configure.ac or config.mk.in reconfigures with the same options
# before anything else is made (make restarts on the new config.mk).
$(top)/configure: $(top)/configure.ac
	cd $(top) && ./autogen.sh
$(top)/config.mk: $(top)/config.mk.in $(top)/configure
	cd $(top) && ./config.status --recheck && ./config.status

.PHONY: all libs tests examples install check demo clean distclean
all: libs

libs:
	$(MAKE) -C tools/libs

install: libs
	$(MAKE) -C tools/libs install

# The Debian packages (debian/, README's "Install as Debian packages"),
# built by dpkg-buildpackage in a copy of the tree, into build/deb.
.PHONY: deb
deb:
	$(top)/scripts/deb $(top) $(BUILD)/deb

include clients/clients.mk
include tests/tests.mk
include examples/examples.mk
include abi/abi.mk
include bench/bench.mk

clean:
	$(MAKE) -C tools/libs clean
	rm -rf $(BUILD)

distclean: clean
	rm -f config.mk config.h config.log config.status

endif
