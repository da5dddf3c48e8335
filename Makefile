# mealrun: one Makefile for the binary, the tests and the demo.
#
#   make                 build ./mealrun
#   make demo            install what is missing, build, plan the sample day
#   make test            install what is missing, build, run every test
#   make SANITIZE=address,undefined test
#   make DEVOPTS=no-error   build without -Werror
#   make V=1             show the full compiler command lines

CC ?= cc
CFLAGS ?= -O2 -g
PKGS := libcurl sqlite3 libxml-2.0 jansson cairo pangocairo librsvg-2.0 readosm \
	libqrencode

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wundef \
	-Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
	-Wpointer-arith -Wwrite-strings -Wvla -Wcast-align \
	-Wimplicit-fallthrough -Wmissing-declarations -Wnull-dereference \
	-Wno-format-truncation
ifeq ($(filter no-error,$(DEVOPTS)),)
WARNINGS += -Werror
endif

ifeq ($(V),1)
Q :=
QUIET_CC :=
QUIET_LINK :=
else
Q := @
QUIET_CC = @echo "  CC      $<";
QUIET_LINK = @echo "  LINK    $@";
endif

comma := ,
ifdef SANITIZE
BUILD := build/san-$(subst $(comma),-,$(SANITIZE))
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
else
BUILD := build/default
SANFLAGS :=
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

ALL_CFLAGS = -std=c11 $(WARNINGS) $(SANFLAGS) $(CFLAGS)
ALL_CPPFLAGS = -I. -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	$(PKG_CFLAGS) $(CPPFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lglpk -lcsv -lm $(LDLIBS)

MODULES := util data geo kitchen planner/vrp planner planner/sheets
MAIN_SRC := planner/main.c
LIB_SRC := $(filter-out $(MAIN_SRC),$(foreach m,$(MODULES),$(wildcard $(m)/*.c)))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/%.o)

UNIT_SRC := $(wildcard test/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:test/unit/%.c=$(BUILD)/test/%)
TOOL_SRC := $(wildcard test/tools/*.c)
TOOL_BIN := $(TOOL_SRC:test/tools/%.c=$(BUILD)/test/%)

DEMO_DATE := 2026-11-23
# The rest of the sample week, planned with a small budget so that the
# demo stays quick, then recorded and reported as a month.
DEMO_WEEK := 2026-11-24 2026-11-25 2026-11-26 2026-11-27 2026-11-28 \
	2026-11-29
DEMO_MONTH := 2026-11

.PHONY: all deps demo test test-programs clean FORCE

all: mealrun

# ./mealrun is a copy of the build of the current flags, refreshed whenever
# the flags (and so the build directory) change.
mealrun: $(BUILD)/mealrun FORCE
	@cmp -s $< $@ || cp $< $@

$(BUILD)/mealrun: $(MAIN_OBJ) $(LIB_OBJ)
	$(QUIET_LINK)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/test/test_%: $(BUILD)/test/unit/test_%.o $(LIB_OBJ)
	$(QUIET_LINK)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

$(BUILD)/test/%: $(BUILD)/test/tools/%.o $(LIB_OBJ)
	$(QUIET_LINK)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

test-programs: mealrun $(UNIT_BIN) $(TOOL_BIN)

deps:
	@scripts/install-deps

test: deps
	@$(MAKE) --no-print-directory test-programs
	@BUILD=$(BUILD) test/run

demo: deps
	@$(MAKE) --no-print-directory mealrun
	rm -rf out/demo.db out/demo.db-wal out/demo.db-shm
	@mkdir -p out
	./mealrun init out/demo.db
	./mealrun import out/demo.db data/sample >/dev/null
	./mealrun plan out/demo.db --date $(DEMO_DATE) --meal lunch --out out/$(DEMO_DATE)-lunch
	./mealrun check out/$(DEMO_DATE)-lunch/plan.json
	@echo "demo: planning the rest of the week: $(DEMO_WEEK)"
	@for d in $(DEMO_WEEK); do \
		./mealrun plan out/demo.db --date $$d --meal lunch --quiet \
			--iterations 1000 --out out/$$d-lunch 2>out/plan.log || \
			{ cat out/plan.log; exit 1; }; \
	done; rm -f out/plan.log
	rm -rf out/records
	scripts/gen-records out/records $(foreach d,$(DEMO_DATE) $(DEMO_WEEK),out/$(d)-lunch/records.csv) >/dev/null
	./mealrun record out/demo.db out/records/*.csv >/dev/null
	./mealrun report out/demo.db --month $(DEMO_MONTH) --out out/report-$(DEMO_MONTH)
	@echo "demo: open out/$(DEMO_DATE)-lunch/index.html; the sheets are dispatch.pdf, loading.pdf and kitchen.pdf beside it"
	@echo "demo: the week's deliveries, recorded from out/records/, are reported in out/report-$(DEMO_MONTH)/report.pdf"

# Fuzz targets (libFuzzer, clang): build/fuzz/fuzz_*; scripts/fuzz runs them.
FUZZ_BUILD := build/fuzz
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer
FUZZ_SAN := address,undefined
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_TARGETS := $(patsubst test/fuzz/%.c,$(FUZZ_BUILD)/%,$(wildcard test/fuzz/fuzz_*.c))

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)clang $(ALL_CPPFLAGS) -std=c11 -Wall -Wextra $(FUZZ_FLAGS) \
		-fsanitize=fuzzer-no-link,$(FUZZ_SAN) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/test/fuzz/fuzz_%.o $(FUZZ_LIB_OBJ)
	$(QUIET_LINK)clang $(FUZZ_FLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $^ $(LIBS)

fuzz-programs: $(FUZZ_TARGETS)

.PHONY: fuzz-programs

clean:
	rm -rf build mealrun out

FORCE:

# Keep the object files of test programs between runs.
.SECONDARY:

-include $(shell find build -name '*.d' 2>/dev/null)
