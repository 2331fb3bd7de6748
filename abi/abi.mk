# SPDX-License-Identifier: MIT
# ABI baselines: `make abi-check` compares every library of frozen ABI
# (`scripts/libraries --frozen`: class SSS and SSU) with its committed baseline, and every
# library upstream also has with upstream 4.17; `make abi-update LIB=x`
# deliberately replaces one baseline (see docs/abi.md).
# `make abi-update LIB=x` names a library; the library Makefiles set LIB
# themselves, so that command-line LIB must not reach them.
MAKEOVERRIDES := $(filter-out LIB=%,$(MAKEOVERRIDES))

.PHONY: abi-build abi-check abi-update
# The dumps come from a debug build of the same sources in its own folder.
# Unoptimised, so that abi-dumper leaves out the registers a function keeps
# its parameters in after entry: they change with any edit of its body,
# while the calling convention they were read as follows from the types,
# which are compared anyway.
abi-build:
	$(MAKE) -C $(top)/tools/libs BUILD=$(BUILD)/abi CFLAGS="-O0 -g"

abi-check: libs abi-build
	$(top)/tests/runner/abi-check $(top) $(BUILD)
	$(top)/tests/runner/compare-upstream $(top) $(BUILD)

abi-update: abi-build
	@test -n "$(LIB)" || { echo "abi-update: name the library: make abi-update LIB=<name, e.g. xencall>"; exit 2; }
	$(top)/tests/runner/abi-check $(top) $(BUILD) --update $(LIB)

.PHONY: api-matrix
api-matrix: libs
	@$(MKDIR_P) $(BUILD)/docs
	$(top)/scripts/gen-api-matrix $(top) $(BUILD) $(BUILD)/docs
	cp $(BUILD)/docs/api-matrix.md $(BUILD)/docs/abi.md $(top)/docs/
