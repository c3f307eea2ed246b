// Command tdkt is the emulation and commendation board's desktop program.
// With no argument it opens the window; subcommands run the same jobs
// headless for IT staff, scripts and tests.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	_ "aa.tdkt/locale" // must initialise before Fyne: see its package comment
)

// version is stamped at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	if len(os.Args) < 2 {
		if err := runGUI(""); err != nil {
			fmt.Fprintln(os.Stderr, "tdkt:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "tdkt:", err)
		}
		os.Exit(2)
	}
}

type command struct {
	name, usage string
	run         func(args []string, out, errOut io.Writer) error
}

func commands() []command {
	return []command{
		{"demo", "tdkt demo --db PATH [--scale small|province|large] [--seed N]", cmdDemo},
		{"search", "tdkt search --db PATH [--limit N] QUERY", cmdSearch},
		{"stats", "tdkt stats --db PATH", cmdStats},
		{"check", "tdkt check --db PATH [--repair]", cmdCheck},
		{"list", "tdkt list decisions|meetings|dossiers --db PATH [--year YYYY]", cmdList},
		{"export", "tdkt export decision --db PATH --id ID --out FILE.pdf | minutes|ballots --meeting ID | certificates --decision ID [--preview] | register --year Y [--to Y] | returns --year Y --form 0601|0602|0603", cmdExport},
		{"import", "tdkt import xlsx --db PATH [--dry-run] [--as LOGIN] FILE", cmdImport},
		{"office", "tdkt office init --db PATH --code CODE --name NAME --level province|commune [--parent CODE] | show | export-key --out FILE | trust FILE | revoke CODE", cmdOffice},
		{"sync", "tdkt sync export --db PATH --to CODE --out DIR [--passphrase-file F] [--full] | import --db PATH [--passphrase-file F] FILE", cmdSync},
		{"conflicts", "tdkt conflicts --db PATH", cmdConflicts},
		{"backup", "tdkt backup --db PATH --out FILE", cmdBackup},
		{"restore", "tdkt restore --db PATH --from FILE", cmdRestore},
		{"audit", "tdkt audit verify --db PATH", cmdAudit},
		{"user", "tdkt user add|list --db PATH [--login L --name N --role R --password-file F --as ADMIN]", cmdUser},
		{"gui", "tdkt gui [--db PATH]", cmdGUI},
		{"version", "tdkt version", cmdVersion},
	}
}

func run(args []string, out, errOut io.Writer) error {
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], out, errOut)
		}
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(out)
		return nil
	}
	usage(errOut)
	return fmt.Errorf("lệnh không có: %q (unknown command)", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Cách dùng (usage):")
	for _, c := range commands() {
		fmt.Fprintln(w, "  "+c.usage)
	}
}

func cmdVersion(args []string, out, _ io.Writer) error {
	v := version
	if bi, ok := debug.ReadBuildInfo(); ok && v == "dev" {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				v = "dev-" + s.Value[:7]
			}
		}
	}
	fmt.Fprintln(out, "tdkt", v)
	return nil
}
