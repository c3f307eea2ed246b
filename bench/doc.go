// Package bench measures tdkt at province scale against floors: the same
// output written with the raw libraries only (bench/floors). Its
// benchmarks cover what the window does with the store (opening and the
// home screen, search, the dossier list) and the PDF documents; the
// register, the returns and the sync bundles are measured in
// cmd/tdkt/perf_bench_test.go, where the command's own feeding code lives.
//
// Every benchmark skips unless TDKT_BENCH_DB names a province database;
// bench/run.sh builds one, runs everything and prints one table (see
// docs/PERFORMANCE.md).
package bench
