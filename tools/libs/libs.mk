# The one recipe every library is built with.  A library's Makefile sets
#   LIB  = its name without "lib" (xencall builds libxencall.so.*),
#   USES = the project libraries it links, in link order,
# and includes this file.  Its sources are the *.c of its folder, its public
# headers include/*.h, its version script lib$(LIB).map.  The newest version
# node of the map is the library's version: VERS_1.3 builds libxencall.so.1.3
# with SONAME libxencall.so.1.
include $(dir $(lastword $(MAKEFILE_LIST)))../../common.mk

MAP      := lib$(LIB).map
VERSION  := $(shell $(SED) -n 's/^VERS_\([0-9.]*\).*/\1/p' $(MAP) | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)
ifeq ($(VERSION),)
$(error $(MAP) has no VERS_x.y node)
endif
MAJOR    ?= $(firstword $(subst ., ,$(VERSION)))
SONAME   := lib$(LIB).so.$(MAJOR)
REALNAME := lib$(LIB).so.$(VERSION)
# pkg-config names follow upstream's; only libxenctrl's differs from LIB.
PCNAME_xenctrl := xencontrol
PCNAME   := $(or $(PCNAME_$(LIB)),$(LIB))

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

$(OBJDIR)/%.o: %.c
	@$(MKDIR_P) $(@D)
	$(CC) $(C_FLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(LIBOUT)/$(REALNAME): $(OBJS) $(MAP) $(USES:%=$(LIBOUT)/lib%.so)
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
