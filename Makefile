# tdkt — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
GO    ?= go
TAGS  := migrated_fynedo
BIN   := bin/tdkt
DB    ?= $(CURDIR)/.data/tdkt.db
# Debian packages Fyne needs to compile its GLFW driver (cgo, X11, OpenGL),
# and poppler-utils, whose pdftotext lets the tests read the PDFs back.
DEB_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev poppler-utils
# Fyne logs a locale error under LANG=C; give it a sane default.
export LANG := $(if $(filter-out C POSIX,$(LANG)),$(LANG),C.UTF-8)
export PATH := $(PATH):/usr/local/go/bin

.PHONY: deps build run test vet fmt-check demo-province clean-data dist dist-deps screenshots bench windows-smoke

# deps installs the Debian build packages that are missing (root or sudo).
deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@$(GO) version

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/tdkt

# run opens the window on $(DB), creating the small demo province first when
# the file does not exist yet.
run: build
	@test -f "$(DB)" || $(BIN) demo --db "$(DB)" --scale small
	$(BIN) gui --db "$(DB)"

fmt-check:
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt needed: $$bad"; exit 1; fi

vet: deps
	$(GO) vet -tags $(TAGS) ./...

test: deps fmt-check vet
	$(GO) test -tags $(TAGS) ./...
	$(GO) test -run '^$$' -fuzz FuzzReadPlain -fuzztime 10s ./export/bundle

# demo-province builds the province-scale demo and prints its time and size.
demo-province: build
	rm -f /tmp/tdkt-province.db
	time $(BIN) demo --db /tmp/tdkt-province.db --scale province
	ls -lh /tmp/tdkt-province.db
	$(BIN) stats --db /tmp/tdkt-province.db

clean-data:
	rm -rf .data

# dist builds the Windows program (tdkt.exe, GUI subsystem, icon and
# metadata from FyneApp.toml) with mingw-w64, and the Linux tarball, both
# with `fyne package`; the version comes from git (tag, else 0.1.0, build =
# commit count, short revision) and `tdkt version` prints it. fyne package
# merges -ldflags found in GOFLAGS into its own.
FYNE     := $(shell go env GOPATH)/bin/fyne
APP_VER  := $(shell git describe --tags --abbrev=0 2>/dev/null | sed 's/^v//' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$$' || echo 0.1.0)
APP_BLD  := $(shell git rev-list --count HEAD 2>/dev/null || echo 1)
VERSION  := $(APP_VER)+$(APP_BLD).$(shell git rev-parse --short HEAD 2>/dev/null || echo local)
PKGFLAGS := --src $(CURDIR)/cmd/tdkt --tags $(TAGS) --name tdkt --icon $(CURDIR)/assets/icon.png \
	--app-id vn.tdkt.app --app-version $(APP_VER) --app-build $(APP_BLD) --release

dist-deps: deps
	@dpkg -s gcc-mingw-w64-x86-64 >/dev/null 2>&1 || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gcc-mingw-w64-x86-64; }
	@test -x $(FYNE) || $(GO) install fyne.io/tools/cmd/fyne@v1.7.4

dist: dist-deps
	mkdir -p dist
	GOFLAGS=-ldflags=-X=main.version=$(VERSION) CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(FYNE) package --target windows $(PKGFLAGS)
	mv -f $$(ls tdkt.exe cmd/tdkt/tdkt.exe 2>/dev/null | head -1) dist/tdkt.exe
	GOFLAGS=-ldflags=-X=main.version=$(VERSION) $(FYNE) package --target linux $(PKGFLAGS)
	mv -f $$(ls tdkt.tar.xz cmd/tdkt/tdkt.tar.xz 2>/dev/null | head -1) dist/tdkt-linux-amd64.tar.xz
	@file dist/tdkt.exe
	@ls -lh dist

# bench builds the province demo once (bench/.cache, about a minute and
# 1 GB), runs the benchmark suite against it and the raw-library floors,
# and prints one table (see docs/PERFORMANCE.md).
bench: build
	bash bench/run.sh

# windows-smoke runs dist/tdkt.exe under Wine: first commands with Windows
# paths (scripts/windows-smoke.sh says what it can and cannot show).
windows-smoke: dist
	@command -v wine64 >/dev/null || test -x /usr/lib/wine/wine64 || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends wine64; }
	bash scripts/windows-smoke.sh dist/tdkt.exe

# screenshots opens the real window under Xvfb on the small demo province
# and saves a PNG of every screen into docs/screenshots/.
SHOT_DB := $(CURDIR)/.data/screenshots.db
screenshots: build
	@command -v Xvfb >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq xvfb; }
	rm -f "$(SHOT_DB)"
	$(BIN) demo --db "$(SHOT_DB)" --scale small --quiet
	Xvfb :94 -screen 0 1280x800x24 >/dev/null 2>&1 & pid=$$!; sleep 1; \
	DISPLAY=:94 TDKT_SCREENSHOTS=$(CURDIR)/docs/screenshots TDKT_SCREENSHOTS_DB="$(SHOT_DB)" \
	  $(GO) test -tags $(TAGS) -count=1 -run TestScreenshots ./ui; st=$$?; kill $$pid; exit $$st
	@ls docs/screenshots
