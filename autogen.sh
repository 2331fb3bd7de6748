#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerate ./configure from configure.ac (needs autoconf, automake and
# autoconf-archive).
set -e
cd "$(dirname "$0")"
# config.guess, config.sub (AX_PTHREAD asks for the host type) and install-sh
# come with automake.
mkdir -p build-aux
for aux in config.guess config.sub install-sh; do
    cp -f "$(automake --print-libdir)/$aux" build-aux/
done
aclocal -I m4 --install
autoconf -f
autoheader -f
