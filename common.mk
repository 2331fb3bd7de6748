# SPDX-License-Identifier: MIT
# Settings shared by every part of the build: the configure results, the
# output folders and the compiler flags all C code here is built with.
top := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

ifeq ($(wildcard $(top)/config.mk),)
$(error $(top)/config.mk is missing: run ./autogen.sh && ./configure first)
endif
include $(top)/config.mk

# Every library, as its Makefile declares it (LIB, CLASS, USES: the one
# place each is written), in dependency order: scripts/libraries reads
# them.  Per library NAME: DIR_NAME (its folder), CLASS_NAME, USES_NAME.
LIBRARY_TABLE := $(shell $(top)/scripts/libraries $(top))
ifneq ($(.SHELLSTATUS),0)
$(error scripts/libraries could not read the libraries' declarations)
endif
comma := ,
define declare-library
DIR_$(word 1,$(1))   := $(word 2,$(1))
CLASS_$(word 1,$(1)) := $(word 3,$(1))
USES_$(word 1,$(1))  := $(subst $(comma), ,$(word 4,$(1)))
endef
$(foreach entry,$(LIBRARY_TABLE),$(eval $(call declare-library,$(subst :, ,$(entry)))))

# What is built; what of it has a frozen ABI is `scripts/libraries --frozen`.
LIBS := $(foreach entry,$(LIBRARY_TABLE),$(firstword $(subst :, ,$(entry))))

BUILD  := $(top)/build
LIBOUT := $(BUILD)/lib

# Upstream's libraries, the reference the comparisons and benches run.
export UPSTREAM_LIBDIR

# The project's public headers come before /usr/include, where libxen-dev
# installs upstream's headers of the same names.
PROJECT_INCLUDES := -I$(top)/tools/libs/shared $(patsubst %,-I%,$(wildcard $(top)/tools/libs/*/include $(top)/tools/libxc/include))

C_FLAGS := -std=c11 -Wall -Wextra -Werror $(EXTRA_CFLAGS) -D_GNU_SOURCE \
           -I$(top) $(PROJECT_INCLUDES) $(PTHREAD_CFLAGS) \
           $(CPPFLAGS) $(CFLAGS) -MMD -MP
