# autoexports — build, install and test.
#
#   make                 libautoexports.so (self-contained) and the CLI, release mode
#   make plugin-host     examples/plugin-host with the libffi binding (bindings/c)
#   make test            every test suite (Swift, C, Python, contract); installs what it needs
#   make install PREFIX=/usr/local   header, library, pkg-config file
#   make uninstall PREFIX=/usr/local
#   make bench           the benchmark harness (not part of the tests)
#   make oxt             the LibreOffice Calc add-in, .build/release/autoexports.oxt
#   make fuzz FUZZ_SECONDS=600   every libFuzzer target for that long (Tests/fuzz/README.md)
#   make test-sanitizers the Swift tests under AddressSanitizer and ThreadSanitizer

PREFIX ?= /usr/local
BUILD := .build
RELEASE := $(BUILD)/release
LIB := $(RELEASE)/libautoexports.so
# -static-stdlib links the Swift runtime into the library (ldd: only libc, libm, libgcc_s,
# libstdc++); the version script exports only aex_* (DESIGN.md §7 rule 15).
# -z nodelete: dlclose() never unmaps the library. The Swift runtime inside it keeps
# process-wide state (metadata caches, thread-local keys) that must outlive a host's
# dlclose (SQLite closes extensions; plugin hosts unload plugins), and the library's
# never-freed static data (the registry) stays reachable instead of leaking.
SWIFT_LIB_FLAGS := -c release -Xswiftc -static-stdlib \
	-Xlinker --version-script=$(CURDIR)/Sources/AutoExportsABI/autoexports.map \
	-Xlinker -soname=libautoexports.so -Xlinker -z -Xlinker nodelete
SWIFT_CLI_FLAGS := -c release -Xswiftc -static-stdlib

.PHONY: all lib cli plugin-host install uninstall test setup bench clean python-install oxt fuzz test-sanitizers

all: lib cli

lib:
	swift build $(SWIFT_LIB_FLAGS) --product AutoExportsLib
	cp -f $(RELEASE)/libAutoExportsLib.so $(LIB)

cli:
	swift build $(SWIFT_CLI_FLAGS) --product autoexports

# The example plugin host and the libffi binding it embeds; built without the header.
plugin-host: $(RELEASE)/plugin-host
$(RELEASE)/plugin-host: examples/plugin-host/plugin-host.c bindings/c/aexffi.c bindings/c/aexffi.h
	@mkdir -p $(RELEASE)
	cc -std=c11 -Wall -Wextra -pedantic -Werror -O2 -Ibindings/c examples/plugin-host/plugin-host.c \
		bindings/c/aexffi.c -lffi -ldl -lm -o $@

install: lib
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 include/autoexports.h $(DESTDIR)$(PREFIX)/include/autoexports.h
	install -m 755 $(LIB) $(DESTDIR)$(PREFIX)/lib/libautoexports.so
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/^#define AEX_VERSION_STRING "\(.*\)"/\1/p' include/autoexports.h)|g' \
		Tests/contract/autoexports.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/autoexports.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/include/autoexports.h $(DESTDIR)$(PREFIX)/lib/libautoexports.so \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/autoexports.pc

# Installs system packages and the test virtual environment when missing.
setup:
	@bash Tests/setup.sh

test: setup all plugin-host
	@bash Tests/run-all.sh

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
