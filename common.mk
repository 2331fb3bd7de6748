# Settings shared by every part of the build: the configure results, the
# output folders and the compiler flags all C code here is built with.
top := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

ifeq ($(wildcard $(top)/config.mk),)
$(error $(top)/config.mk is missing: run ./autogen.sh && ./configure first)
endif
include $(top)/config.mk

# Every stable library, by folder under tools/libs, in dependency order (a
# library's USES come before it).  Folder X builds libxenX.
STABLE_LIBS := toollog toolcore call evtchn gnttab foreignmemory

BUILD  := $(top)/build
LIBOUT := $(BUILD)/lib

# The project's public headers come before /usr/include, where libxen-dev
# installs upstream's headers of the same names.
PROJECT_INCLUDES := -I$(top)/tools/libs/shared $(patsubst %,-I%,$(wildcard $(top)/tools/libs/*/include))

C_FLAGS := -std=c11 -Wall -Wextra -Werror $(EXTRA_CFLAGS) -D_GNU_SOURCE \
           -I$(top) $(PROJECT_INCLUDES) $(PTHREAD_CFLAGS) \
           $(CPPFLAGS) $(CFLAGS) -MMD -MP
