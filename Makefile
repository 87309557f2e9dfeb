# Build, install and benchmark migcheck.
#
#   make                      release build
#   make install PREFIX=DIR   binary, man pages, completions, the shipped registry and the schemas under DIR
#                             (DIR/bin/migcheck finds DIR/share/migcheck/registry by default)
#   make uninstall PREFIX=DIR
#   make test                 the test suite (what .ci/run runs)
#   make bench                the benchmark (see README)

PREFIX ?= /usr/local
DESTDIR ?=
CONFIGURATION ?= release
SWIFT ?= swift

BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
MAN5DIR = $(DESTDIR)$(PREFIX)/share/man/man5
SHAREDIR = $(DESTDIR)$(PREFIX)/share/migcheck
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: all build install install-files uninstall test bench

all: build

build:
	$(SWIFT) build -c $(CONFIGURATION)

install: build
	$(MAKE) install-files BIN="$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)/migcheck"

# Installs an already built binary BIN (the tests use it with the debug build).
install-files:
	test -x "$(BIN)"
	install -d $(BINDIR) $(MANDIR) $(MAN5DIR) $(SHAREDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(BIN) $(BINDIR)/migcheck
	install -m 644 man/migcheck.1 $(MANDIR)/migcheck.1
	install -m 644 man/migcheck-registry.5 $(MAN5DIR)/migcheck-registry.5
	rm -rf $(SHAREDIR)/registry
	cp -R registry $(SHAREDIR)/registry
	rm -rf $(SHAREDIR)/schemas
	cp -R schemas $(SHAREDIR)/schemas
	$(BIN) --generate-completion-script bash > $(BASHDIR)/migcheck
	$(BIN) --generate-completion-script zsh > $(ZSHDIR)/_migcheck
	$(BIN) --generate-completion-script fish > $(FISHDIR)/migcheck.fish

uninstall:
	rm -f $(BINDIR)/migcheck $(MANDIR)/migcheck.1 $(MAN5DIR)/migcheck-registry.5 $(BASHDIR)/migcheck $(ZSHDIR)/_migcheck $(FISHDIR)/migcheck.fish
	rm -rf $(SHAREDIR)

test:
	$(SWIFT) build && $(SWIFT) test

bench:
	bash bench/run
