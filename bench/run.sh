#!/usr/bin/env bash
# bench/run.sh — tdkt at province scale against the raw libraries.
#
# Builds the province demo once into bench/.cache/province.db (about a
# minute and 1 GB; kept between runs), runs the benchmarks of ./bench and
# ./cmd/tdkt against it with their floors, times whole commands (the demo
# itself, the register through the CLI, LibreOffice converting the same
# register from CSV) and prints one table. 6–8 minutes on 2 cores.
#
#   TDKT_BENCH_SCALE=large   use the large demo (5×: ~5 GB, ~5 min to build)
#   TDKT_BENCH_FRESH=1       rebuild (and re-time) the demo database
#   TDKT_BENCH_FULL=1        also write the province's full bundle to a new
#                            commune and the commune's import of it (about two minutes more and 6 GB of memory)
#
# Results of the last run stay in bench/.cache/run-SCALE/ (table.md, the
# raw benchmark output and logs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
case "${LANG:-C}" in C | POSIX) export LANG=C.UTF-8 ;; esac

SCALE=${TDKT_BENCH_SCALE:-province}
TAGS=migrated_fynedo
CACHE=bench/.cache
DB=$CACHE/$SCALE.db
OUT=$CACHE/run-$SCALE
BIN=$CACHE/tdkt
mkdir -p "$CACHE" "$OUT"
rm -rf "${OUT:?}"/*
TIMINGS=$OUT/timings.tsv
: >"$TIMINGS"

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

say() { printf '== %s\n' "$*" >&2; }

# measure NAME NOTE CMD... runs CMD, recording its wall time and maximum
# resident set (GNU time) and its peak anonymous memory (RssAnon, polled:
# the resident set also counts the database's memory-mapped pages, which
# are page cache) as one line of $TIMINGS.
measure() {
	local name=$1 note=$2
	shift 2
	local tf=$OUT/$name.time anon=0 v c rc=0 secs maxrss
	/usr/bin/time -f '%e %M' -o "$tf" "$@" >"$OUT/$name.log" 2>&1 &
	local pid=$!
	while kill -0 "$pid" 2>/dev/null && ! grep -qs '^State:.*Z' "/proc/$pid/status"; do
		for c in $(pgrep -P "$pid" 2>/dev/null || true); do
			v=$(awk '/^RssAnon:/{print $2}' "/proc/$c/status" 2>/dev/null || true)
			if [[ -n $v && $v -gt $anon ]]; then anon=$v; fi
		done
		sleep 0.05
	done
	wait "$pid" || rc=$?
	read -r secs maxrss < <(tail -n 1 "$tf")
	if ((rc != 0)); then
		secs=fail
		say "$name failed (exit $rc), see $OUT/$name.log"
	fi
	printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$secs" "$maxrss" "$anon" "$note" >>"$TIMINGS"
}

say "building tdkt"
go build -tags "$TAGS" -o "$BIN" ./cmd/tdkt

# The demo is built once and timed when it is; later runs reuse both.
if [[ -n ${TDKT_BENCH_FRESH:-} ]]; then rm -f "$DB" "$CACHE/demo-$SCALE.tsv"; fi
if [[ ! -s $DB ]]; then
	say "building the $SCALE demo into $DB (timed)"
	rm -f "$DB"
	# a hung demo (it has happened: see docs/PERFORMANCE.md) ends after
	# 30 minutes instead of holding the run forever
	measure demo ", $SCALE, $(date -u +%F)" timeout 1800 "$BIN" demo --db "$DB" --scale "$SCALE" --quiet
	if [[ ! -s $DB ]]; then
		say "the $SCALE demo failed; see $OUT/demo.log"
		rm -f "$CACHE"/."$SCALE".db.*.tmp
		exit 1
	fi
	grep '^demo' "$TIMINGS" >"$CACHE/demo-$SCALE.tsv"
elif [[ -f $CACHE/demo-$SCALE.tsv ]]; then
	say "reusing $DB and its demo timing"
	cat "$CACHE/demo-$SCALE.tsv" >>"$TIMINGS"
fi
ls -lh "$DB" >&2

export TDKT_BENCH_DB=$PWD/$DB
export TDKT_BENCH_CSV=$PWD/$OUT/register.csv
# One test binary at a time (-p 1): the timings would disturb each other.
gotest() { go test -p 1 -tags "$TAGS" -timeout 60m -run '^$' "$@"; }

# Repetitions: enough for a median on a shared 2-core machine while the
# whole run stays under 10 minutes; the large scale gets fewer.
RUNS=5 REGRUNS=3 SYNCRUNS=3
# (the large database is 5.4 GB, copied afresh for every import into it)
if [[ $SCALE == large ]]; then RUNS=3 REGRUNS=1 SYNCRUNS=1; fi

# Operations of a few milliseconds run many times per measurement, in
# three rounds, the median shown: PDFs 10 times, tdkt then its floor (not
# three of tdkt, then three of the floor); returns 100 times, the four ways
# taking turns within the loop. On a shared machine a single short
# measurement of each compared moments, not code.
say "store and window (./bench)"
gotest -bench '^Benchmark(Home|Search|DossierList|Save)$' -benchtime=${RUNS}x -v ./bench/ | grep -v '^=== RUN' | tee "$OUT/bench-store.txt"
say "documents (./bench)"
for round in 1 2 3; do
	gotest -bench '^Benchmark(DecisionPDF|Certificates)$' -benchtime=10x ./bench/
done | tee "$OUT/bench-pdf.txt"
say "register ($REGRUNS runs), returns"
gotest -bench '^BenchmarkRegister$' -benchtime=1x -count=$REGRUNS ./cmd/tdkt/ | tee "$OUT/bench-register.txt"
for round in 1 2 3; do
	gotest -bench '^BenchmarkReturns$' -benchtime=100x ./cmd/tdkt/
done | tee "$OUT/bench-returns.txt"
# An import runs once per measurement (the first of a process is the
# cold one an office meets, and the table says it apart); three
# measurements, the median shown — at large scale one for what copies the
# large file, three for the import into a new office, which does not.
say "sync bundles"
if ((SYNCRUNS == 3)); then
	gotest -bench '^BenchmarkSync(Stored|StoredProvince)?$' -benchtime=1x -count=3 -v ./cmd/tdkt/
else
	gotest -bench '^BenchmarkSync(Stored)?$/^(export|import-province)$' -benchtime=1x -count=$SYNCRUNS -v ./cmd/tdkt/
	gotest -bench '^BenchmarkSync$/^import$' -benchtime=1x -count=3 -v ./cmd/tdkt/
fi | grep -v '^=== RUN' | tee "$OUT/bench-sync.txt"
if [[ -n ${TDKT_BENCH_FULL:-} ]]; then
	say "the province's full bundle to a new commune, and its import there (about two minutes, 6 GB)"
	gotest -bench '^BenchmarkSyncFull$' -benchtime=1x -v ./cmd/tdkt/ | grep -v '^=== RUN' | tee "$OUT/bench-syncfull.txt"
fi

say "register through the CLI"
measure register-cli "" "$BIN" export register --db "$DB" --year 2000 --to 2026 --out "$OUT/register.xlsx"

# Calc stops at 1,048,576 rows: the large register does not fit a sheet.
if [[ $SCALE == large ]]; then
	say "large scale: the register exceeds Calc's 1,048,576 rows, LibreOffice row skipped"
elif command -v soffice >/dev/null && [[ -s $TDKT_BENCH_CSV ]]; then
	say "LibreOffice: the same register rows, CSV → XLSX"
	# a profile of its own, so that a running LibreOffice is not disturbed
	measure soffice "($(wc -l <"$TDKT_BENCH_CSV") lines)" timeout 1800 soffice \
		"-env:UserInstallation=file://$PWD/$OUT/lo-profile" --headless \
		--infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$OUT/lo" "$TDKT_BENCH_CSV"
	if [[ ! -s $OUT/lo/register.xlsx ]]; then
		sed -i 's/^soffice\t[^\t]*/soffice\tfail/' "$TIMINGS"
	fi
	rm -rf "$OUT/lo-profile"
else
	say "soffice not installed or no CSV: LibreOffice row skipped"
fi
rm -f "$OUT"/register.xlsx "$OUT"/register.csv "$OUT"/lo/register.xlsx

say "table (also in $OUT/table.md)"
{
	echo "$SCALE scale, $(date -u '+%F %H:%M UTC'), $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, load average at the start: $LOAD0, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	go run ./bench/report -cli "$TIMINGS" "$OUT"/bench-*.txt
} | tee "$OUT/table.md"
