//go:build !windows

package store

import "math"

// initialMmap is the memory map bbolt starts a writable file with. bbolt
// maps 32 KB and doubles the map as the file grows; every remap inside a
// write transaction copies the transaction's changed nodes out of the old
// map, which was a tenth of the CPU of a bundle import into a new office.
// A 1 GB map reserves address space only: the file does not grow to it
// (except on Windows, see mmap_windows.go), and pages are read in as used.
// On 32-bit systems, where 1 GB of address space is scarce, it is 0
// (bbolt's default).
const initialMmap = 1 << 30 * (math.MaxInt >> 62)
