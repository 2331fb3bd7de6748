# SPDX-License-Identifier: LGPL-2.1-only
# The one recipe every library is built with.  A library's Makefile sets
#   LIB   = its name without "lib" (xencall builds libxencall.so.*),
#   CLASS = its ABI class (docs/abi.md): SSS, SSU or Uxx,
#   USES  = the project libraries it links, in link order,
# and includes this file (scripts/libraries reads the same three lines for
# the rest of the build).  Its sources are the *.c of its folder, its public
# headers include/*.h, its version script lib$(LIB).map.  The newest version
# node of the map is the library's version.  A stable library (class S..)
# is named after its major number: VERS_1.3 builds libxencall.so.1.3 with
# SONAME libxencall.so.1.  An unstable one (Uxx) has one node named after
# the Xen release, VERS_4.17.0, which builds libxenctrl.so.4.17.0 with
# SONAME libxenctrl.so.4.17: every release is a new SONAME.
include $(dir $(lastword $(MAKEFILE_LIST)))../../common.mk

MAP      := lib$(LIB).map
VERSION  := $(shell $(SED) -n 's/^VERS_\([0-9.]*\).*/\1/p' $(MAP) | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)
ifeq ($(VERSION),)
$(error $(MAP) has no VERS_x.y node)
endif
ifeq ($(filter SSS SSU Uxx,$(CLASS)),)
$(error $(LIB): CLASS must be SSS, SSU or Uxx, not '$(CLASS)')
endif
version-fields = $(subst $(space),.,$(wordlist 1,$(1),$(subst ., ,$(VERSION))))
space    := $(subst ,, )
SONAME   := lib$(LIB).so.$(call version-fields,$(if $(filter U%,$(CLASS)),2,1))
REALNAME := lib$(LIB).so.$(VERSION)
# pkg-config names follow upstream's; only libxenctrl's differs from LIB.
PCNAME_xenctrl := xencontrol
PCNAME   := $(or $(PCNAME_$(LIB)),$(LIB))

# The hypervisor ABI axis.  A library with a stable one (SSS) is compiled
# without __XEN_TOOLS__, so that Xen's public headers refuse it their
# tools-only interfaces (domctl, sysctl, the tools-only parts of the rest),
# which change between Xen releases; defining the macro in a source is
# caught after compiling (see the object rule).  The others are compiled
# with it, and as gnu11: the tools-only headers use anonymous unions.
ifeq ($(CLASS),SSS)
CLASS_CFLAGS :=
else
CLASS_CFLAGS := -std=gnu11 -D__XEN_TOOLS__
endif
LIB_CFLAGS := $(C_FLAGS) $(CLASS_CFLAGS) -fPIC -fvisibility=hidden

SRCS     := $(wildcard *.c)
# Objects live under BUILD, so that a second build with other flags (the
# ABI check's debug build: make BUILD=... CFLAGS=...) never mixes with this.
OBJDIR   := $(BUILD)/obj/$(LIB)
OBJS     := $(SRCS:%.c=$(OBJDIR)/%.o)
HEADERS  := $(wildcard include/*.h)

OUTPUTS  := $(LIBOUT)/$(REALNAME) $(LIBOUT)/$(SONAME) $(LIBOUT)/lib$(LIB).so \
            $(LIBOUT)/lib$(LIB).a $(LIBOUT)/pkgconfig/$(PCNAME).pc

.PHONY: all install clean
all: $(OUTPUTS)

$(OBJDIR)/%.o: %.c $(top)/config.mk Makefile
	@$(MKDIR_P) $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<
ifeq ($(CLASS),SSS)
	@if $(CC) $(filter-out -MMD -MP,$(LIB_CFLAGS)) -E -dD $< | grep -qE '^#define __XEN(_TOOLS)?__( |$$)'; then \
	    echo "$(CURDIR)/$<: lib$(LIB) is class SSS (stable hypervisor ABI): it must not define __XEN_TOOLS__ to reach Xen's tools-only interfaces" >&2; \
	    rm -f $@; exit 1; fi
endif

# The export check runs before the link: an EXPORT the map forgets would
# otherwise vanish silently behind the map's "local: *".
$(LIBOUT)/$(REALNAME): $(OBJS) $(MAP) $(USES:%=$(LIBOUT)/lib%.so)
	$(top)/scripts/check-exports $(MAP) $(OBJS)
	@$(MKDIR_P) $(@D)
	$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(MAP) \
	    -Wl,--no-undefined -o $@ $(OBJS) -L$(LIBOUT) $(USES:%=-l%) $(PTHREAD_LIBS)

$(LIBOUT)/$(SONAME): $(LIBOUT)/$(REALNAME)
	ln -sf $(REALNAME) $@

$(LIBOUT)/lib$(LIB).so: $(LIBOUT)/$(SONAME)
	ln -sf $(SONAME) $@

$(LIBOUT)/lib$(LIB).a: $(OBJS)
	@$(MKDIR_P) $(@D)
	rm -f $@ && $(AR) rcs $@ $^

$(LIBOUT)/pkgconfig/$(PCNAME).pc: $(MAP) Makefile $(top)/config.mk
	@$(MKDIR_P) $(@D)
	printf '%s\n' 'prefix=$(prefix)' 'includedir=$(includedir)' 'libdir=$(libdir)' '' \
	    'Name: $(PCNAME)' 'Description: The lib$(LIB) library for Xen hypervisor tools' \
	    'Version: $(VERSION)' 'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -l$(LIB)' \
	    $(if $(USES),'Requires.private: $(foreach u,$(USES),$(or $(PCNAME_$(u)),$(u)))') > $@

install: all
	$(MKDIR_P) $(DESTDIR)$(includedir) $(DESTDIR)$(libdir)/pkgconfig
	$(if $(HEADERS),$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(includedir))
	$(INSTALL) -m 755 $(LIBOUT)/$(REALNAME) $(DESTDIR)$(libdir)
	ln -sf $(REALNAME) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/lib$(LIB).so
	$(INSTALL) -m 644 $(LIBOUT)/lib$(LIB).a $(DESTDIR)$(libdir)
	$(INSTALL) -m 644 $(LIBOUT)/pkgconfig/$(PCNAME).pc $(DESTDIR)$(libdir)/pkgconfig

clean:
	rm -rf $(OBJDIR) $(OUTPUTS)

-include $(OBJS:.o=.d)
