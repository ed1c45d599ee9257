# autoexports — build, install and test.
#
#   make                 libautoexports.so.1 (self-contained) and the CLI, release mode
#   make plugin-host     examples/plugin-host with the libffi binding (bindings/c)
#   make test            every test suite (Swift, C, Python, contract); installs what it needs
#   make install PREFIX=/usr/local   header, library (+ SONAME links), pkg-config file, CLI, man page
#   make uninstall PREFIX=/usr/local
#   make bench           the benchmark harness (not part of the tests)
#   make oxt             the LibreOffice Calc add-in, .build/release/autoexports.oxt
#   make fuzz FUZZ_SECONDS=600   every libFuzzer target for that long (Tests/fuzz/README.md)
#   make test-sanitizers the Swift tests under AddressSanitizer and ThreadSanitizer
#   make abi-baseline    rewrites abi/libautoexports.abi from the built library (docs/install.md)
#   make test-abi        abidiff of the built library against that baseline
#   make dist            wheel, sdist, release tarball and Calc add-in in dist/ (docs/install.md)
#   make test-dist       tests those artifacts the way a user without Swift runs them
#   make duckdb          the DuckDB extension, .build/release/autoexports.duckdb_extension (docs/duckdb.md)
#   make check           the fast loop (< 3 min warm): Swift, C, examples, core Python suites
#   make generate        regenerates what is derived from include/autoexports.h (tools/generate.py)

PREFIX ?= /usr/local
BUILD := .build
RELEASE := $(BUILD)/release
VERSION := $(shell sed -n 's/^\#define AEX_VERSION_STRING "\(.*\)"/\1/p' include/autoexports.h)
ABI_MAJOR := $(shell sed -n 's/^\#define AEX_ABI_VERSION \([0-9]*\).*/\1/p' include/autoexports.h)
# The library's files: libautoexports.so.1.0.0 (the file), .so.1 (its SONAME, what programs
# load) and .so (what -lautoexports links against). The SONAME's number is the ABI major
# (AEX_ABI_VERSION); the file is named after the release when its major is the ABI major,
# else after the ABI major alone (1.0.0).
SONAME := libautoexports.so.$(ABI_MAJOR)
LIBFILE := libautoexports.so.$(if $(filter $(ABI_MAJOR).%,$(VERSION)),$(VERSION),$(ABI_MAJOR).0.0)
LIB := $(RELEASE)/libautoexports.so
# Flags shared by the library and the CLI, so that building one does not invalidate the
# other: -static-stdlib links the Swift runtime in (ldd: only libc, libm, libgcc_s,
# libstdc++); --disable-local-rpath keeps SwiftPM from adding RUNPATH $ORIGIN, which the
# self-contained files do not need (and which made valgrind report reads inside ld.so);
# -gdwarf-4: the C targets' debug info in DWARF 4 like the Swift code's (clang's default,
# DWARF 5, makes Debian 12's valgrind 3.19 give up on the whole file).
SWIFT_FLAGS := -c release --disable-local-rpath -Xswiftc -static-stdlib -Xcc -gdwarf-4
# The version script exports only aex_* (docs/design.md §7 rule 15).
# -z nodelete: dlclose() never unmaps the library. The Swift runtime inside it keeps
# process-wide state (metadata caches, thread-local keys) that must outlive a host's
# dlclose (SQLite closes extensions; plugin hosts unload plugins), and the library's
# never-freed static data (the registry) stays reachable instead of leaking.
SWIFT_LIB_FLAGS := $(SWIFT_FLAGS) \
	-Xlinker --version-script=$(CURDIR)/Sources/AutoExportsABI/autoexports.map \
	-Xlinker -soname=$(SONAME) -Xlinker -z -Xlinker nodelete
SWIFT_CLI_FLAGS := $(SWIFT_FLAGS)
# Stripped files with their debug info beside them (name.debug, found through
# .gnu_debuglink), as distributions ship them; see tools/dist/split-debug.sh.
SPLIT := bash tools/dist/split-debug.sh
# What `make install` and `make dist` copy: bin/, lib/, include/, share/.
STAGE := $(BUILD)/stage

.PHONY: all lib cli man stage plugin-host install uninstall test setup bench clean python-install oxt fuzz \
	test-sanitizers abi-baseline test-abi dist test-dist duckdb check generate

all: lib cli

# .build/release/libautoexports.so.1.0.0 is stripped and names its debug info
# (libautoexports.so.1.0.0.debug, beside it); libAutoExportsLib.so is SwiftPM's unstripped output.
lib:
	swift build $(SWIFT_LIB_FLAGS) --product AutoExportsLib
	$(SPLIT) $(RELEASE)/libAutoExportsLib.so $(RELEASE)/$(LIBFILE)
	ln -sfn $(LIBFILE) $(RELEASE)/$(SONAME)
	ln -sfn $(SONAME) $(LIB)

# .build/release/autoexports is SwiftPM's output (with debug info); bin/autoexports under
# $(STAGE) is the stripped one that is installed and shipped.
cli:
	swift build $(SWIFT_CLI_FLAGS) --product autoexports

# The man page, from the CLI's own help by swift-argument-parser's generate-manual tool
# (built from the package's checkout; no network). Dated by the last commit.
man: cli
	swift build $(SWIFT_CLI_FLAGS) --product generate-manual
	@mkdir -p $(RELEASE)/man
	$(RELEASE)/generate-manual $(RELEASE)/autoexports --section 1 \
		--date $$(git log -1 --format=%cs 2>/dev/null || date -u +%F) --output-directory $(RELEASE)/man

# The install tree: include/, lib/ (file, SONAME link, dev link, pkg-config file with a
# relocatable prefix), bin/autoexports, share/man/man1/autoexports.1. Stripped; the debug
# files are kept under $(STAGE)-debug.
stage: lib cli man duckdb
	rm -rf $(STAGE) $(STAGE)-debug
	install -d $(STAGE)/include $(STAGE)/lib/pkgconfig $(STAGE)/bin $(STAGE)/share/man/man1 $(STAGE)-debug
	install -m 644 include/*.h $(STAGE)/include/
	cp -P $(RELEASE)/$(LIBFILE) $(RELEASE)/$(SONAME) $(LIB) $(STAGE)/lib/
	install -m 644 $(RELEASE)/autoexports.duckdb_extension $(STAGE)/lib/autoexports.duckdb_extension
	cp $(RELEASE)/$(LIBFILE).debug $(STAGE)-debug/
	$(SPLIT) $(RELEASE)/autoexports $(STAGE)/bin/autoexports
	mv $(STAGE)/bin/autoexports.debug $(STAGE)-debug/
	install -m 644 $(RELEASE)/man/autoexports.1 $(STAGE)/share/man/man1/autoexports.1
	sed -e 's|@PREFIX@|$${pcfiledir}/../..|g' -e 's|@VERSION@|$(VERSION)|g' \
		Tests/contract/autoexports.pc.in > $(STAGE)/lib/pkgconfig/autoexports.pc

# The example plugin host and the libffi binding it embeds; built without the header.
plugin-host: $(RELEASE)/plugin-host
$(RELEASE)/plugin-host: examples/plugin-host/plugin-host.c bindings/c/aexffi.c bindings/c/aexffi.h
	@mkdir -p $(RELEASE)
	cc -std=c11 -Wall -Wextra -pedantic -Werror -O2 -Ibindings/c examples/plugin-host/plugin-host.c \
		bindings/c/aexffi.c -lffi -ldl -lm -o $@

# Everything of $(STAGE) under PREFIX; the .pc file names PREFIX itself.
install: stage
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 $(STAGE)/include/*.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 $(STAGE)/lib/$(LIBFILE) $(DESTDIR)$(PREFIX)/lib/$(LIBFILE)
	ln -sfn $(LIBFILE) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sfn $(SONAME) $(DESTDIR)$(PREFIX)/lib/libautoexports.so
	install -m 755 $(STAGE)/bin/autoexports $(DESTDIR)$(PREFIX)/bin/autoexports
	install -m 644 $(STAGE)/share/man/man1/autoexports.1 $(DESTDIR)$(PREFIX)/share/man/man1/autoexports.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
		Tests/contract/autoexports.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/autoexports.pc

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/include/,$(notdir $(wildcard include/*.h))) \
		$(DESTDIR)$(PREFIX)/lib/$(LIBFILE) $(DESTDIR)$(PREFIX)/lib/$(SONAME) $(DESTDIR)$(PREFIX)/lib/libautoexports.so \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/autoexports.pc $(DESTDIR)$(PREFIX)/bin/autoexports \
		$(DESTDIR)$(PREFIX)/share/man/man1/autoexports.1

# Everything derived from include/autoexports.h (the registry entries, struct aex_api in
# include/autoexports_api.h, the aex_get_api table, the Python prototypes); committed, and
# Tests/python/test_generated.py fails while one is out of date (CONTRIBUTING.md).
generate:
	python3 tools/generate.py

# The committed ABI baseline (libabigail XML) and its check; docs/install.md "Compatibility".
# Rewrite the baseline only for an intended change of the ABI (additions within major 1).
abi-baseline: lib
	bash tools/dist/abi-dump.sh $(RELEASE)/$(LIBFILE) abi/libautoexports.abi
	@git diff --stat -- abi/libautoexports.abi 2>/dev/null || true

test-abi: lib
	@bash Tests/abi/run.sh $(BUILD)/test-results/abi.counts

# What a user downloads, in dist/ (tools/dist/build.sh prints names and sizes), and the tests
# of those artifacts without the Swift toolchain (Tests/dist/run.sh; docs/install.md).
dist: stage
	@bash tools/dist/build.sh

test-dist: dist
	@bash Tests/dist/run.sh $(BUILD)/test-results/dist.counts

# Installs system packages and the test virtual environment when missing.
setup:
	@bash Tests/setup.sh

test: setup all plugin-host duckdb
	@bash Tests/run-all.sh

# The fast inner loop: no fuzzing, sanitizers, Spark/Dask, LibreOffice, browser or artifacts.
check: setup all plugin-host duckdb
	@bash Tests/check.sh

# The DuckDB extension: the library's objects with the DuckDB entry point, linked on their own
# and given DuckDB's metadata footer (tools/duckdb/build.sh, docs/duckdb.md).
duckdb:
	SWIFT_FLAGS="$(SWIFT_FLAGS)" bash tools/duckdb/build.sh

python-install: lib setup
	@$(BUILD)/venv/bin/pip install --quiet --no-deps --force-reinstall ./bindings/python

# The Calc add-in: the Python binding and the library zipped with the committed UNO type
# library (bindings/libreoffice/README.md says how to install it).
oxt: lib
	python3 bindings/libreoffice/build_oxt.py oxt --lib $(LIB) --out $(RELEASE)/autoexports.oxt

# Hardening beyond `make test` (which runs each fuzz target 60 s and the C API under the
# sanitizers and valgrind): long fuzz runs, and the Swift tests under the sanitizers.
FUZZ_SECONDS ?= 600
fuzz:
	@bash Tests/fuzz/run.sh $(FUZZ_SECONDS)

test-sanitizers:
	@bash Tests/hardening/swift-sanitizers.sh

bench: all
	@bash Benchmarks/run.sh

clean:
	rm -rf $(BUILD)
