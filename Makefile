# tdkt — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
GO    ?= go
TAGS  := migrated_fynedo
BIN   := bin/tdkt
DB    ?= $(CURDIR)/.data/tdkt.db
# Debian packages Fyne needs to compile its GLFW driver (cgo, X11, OpenGL).
DEB_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
# Fyne logs a locale error under LANG=C; give it a sane default.
export LANG := $(if $(filter-out C POSIX,$(LANG)),$(LANG),C.UTF-8)
export PATH := $(PATH):/usr/local/go/bin

.PHONY: deps build run test vet fmt-check demo-province clean-data

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
