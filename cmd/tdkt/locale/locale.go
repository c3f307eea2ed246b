// Package locale repairs a POSIX "C" locale before any GUI package reads it.
//
// Fyne looks up the system locale while its packages initialise, and logs an
// error for LANG=C or C.UTF-8 (common on servers and CI). Go initialises
// packages in import-path order once their imports are ready (spec, since
// Go 1.21), so this tiny module's path, "aa.tdkt/locale", sorts before
// "fyne.io/…" and its init runs first. The program is Vietnamese, so a
// locale that names no language becomes vi_VN.UTF-8.
package locale

import (
	"os"
	"strings"
)

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v, ok := os.LookupEnv(k)
		if !ok || v == "" {
			continue
		}
		if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
			os.Setenv(k, "vi_VN.UTF-8")
		}
		return // the first variable set is the one that counts
	}
}
