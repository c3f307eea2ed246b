#!/usr/bin/env bash
# windows-smoke.sh — runs the Windows build (tdkt.exe) under Wine on Linux:
# the commands an office uses first (demo, check, search, reports, PDF,
# backup, audit, repair, a sync bundle to a new commune) with Windows paths, and checks that each wrote its file.
# It is no substitute for a real Windows PC (no real GPU driver, fonts or
# antivirus), but it catches Windows-only mistakes in paths, file locking
# and the GUI-subsystem binary. Needs wine64 and mingw-w64 (Debian).
#
# Debian 12's Wine 8 lacks bcryptprimitives.dll, which Go 1.22+ programs
# load at start (ProcessPrng; Windows 10 has it): a 10-line stand-in built
# with mingw is put into the Wine prefix only, never shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
EXE=${1:-dist/tdkt.exe}
WORK=$(mktemp -d)
trap 'WINEPREFIX=$WORK/prefix wineserver -k 2>/dev/null || true; rm -rf "$WORK"' EXIT
export WINEPREFIX=$WORK/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
[[ -x $WINE ]] || { echo "wine64 is not installed (apt-get install wine64)"; exit 1; }
[[ -f $EXE ]] || { echo "$EXE not found: run make dist first"; exit 1; }

"$WINE" wineboot -i >/dev/null 2>&1
cat >"$WORK/prng.c" <<'C'
#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE p, SIZE_T n) {
  while (n > 0) {
    ULONG k = n > 0x10000000 ? 0x10000000 : (ULONG)n;
    if (!RtlGenRandom(p, k)) return FALSE;
    p += k; n -= k;
  }
  return TRUE;
}
C
x86_64-w64-mingw32-gcc -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" "$WORK/prng.c" -ladvapi32
cp "$EXE" "$WORK/tdkt.exe"

D='C:\users\Public'
P=$WINEPREFIX/drive_c/users/Public
t() { echo "+ tdkt $*" >&2; "$WINE" "$WORK/tdkt.exe" "$@"; }
t version
t demo --scale small --db "$D\tdkt.db" --quiet
[[ $(t check --db "$D\tdkt.db" | tail -1) == ok ]]
t search --db "$D\tdkt.db" --limit 3 nguyen van
t export register --db "$D\tdkt.db" --year 2006 --to 2025 --out "$D\so.xlsx"
t export returns --db "$D\tdkt.db" --year 2025 --form 0602 --out "$D\0602.xlsx"
id=$(t list decisions --db "$D\tdkt.db" --year 2025 | awk -F'\t' 'NR==1{print $1}')
t export decision --db "$D\tdkt.db" --id "$id" --out "$D\qd.pdf"
t backup --db "$D\tdkt.db" --out "$D\sao-luu.db"
t audit verify --db "$D\tdkt.db"
[[ $(t check --repair --db "$D\tdkt.db" | tail -1) == "ok (không có gì phải sửa)" ]]
# a bundle from the province to a new commune, read back from its file
t office init --db "$D\tdkt.db" --code SL --name "Sở Nội vụ" --level province
t office init --db "$D\xa.db" --code SL-X001 --name "Xã Nậm Xé" --level commune
t office export-key --db "$D\tdkt.db" --out "$D\tinh.key"
t office export-key --db "$D\xa.db" --out "$D\xa.key"
t office trust --db "$D\tdkt.db" "$D\xa.key"
t office trust --db "$D\xa.db" "$D\tinh.key"
mkdir -p "$P/usb"
t sync export --db "$D\tdkt.db" --to SL-X001 --out "$D\usb" --full
t sync import --db "$D\xa.db" "$D\usb\SL_SL-X001_000001.tdkt" | tee "$WORK/import.txt"
grep -q "^added" "$WORK/import.txt"
[[ $(t check --db "$D\xa.db" | tail -1) == ok ]]
for f in tdkt.db so.xlsx 0602.xlsx qd.pdf sao-luu.db; do
	[[ -s $P/$f ]] || { echo "missing $f"; exit 1; }
done
echo "windows smoke test: ok ($(stat -c %s "$P/so.xlsx") bytes of register, $(stat -c %s "$P/qd.pdf") bytes of decision)"
