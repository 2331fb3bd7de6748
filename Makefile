# Top-level build: libraries, tests, checks.  See README.md.
include common.mk

.PHONY: all libs tests install check clean distclean
all: libs

libs:
	$(MAKE) -C tools/libs

install: libs
	$(MAKE) -C tools/libs install

include tests/tests.mk

clean:
	$(MAKE) -C tools/libs clean
	rm -rf $(BUILD)

distclean: clean
	rm -f config.mk config.h config.log config.status
