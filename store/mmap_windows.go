package store

// initialMmap is 0 (bbolt's default) on Windows: there bbolt grows the file
// itself to the size of the map, so a large initial map would make every
// new office's file that large. See mmap_other.go.
const initialMmap = 0
