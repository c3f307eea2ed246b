package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"tdkt"
	"tdkt/assets"
	"tdkt/export/bundle"
	"tdkt/store"
	"tdkt/ui/jobs"
)

// cmdOffice runs "tdkt office init|show|export-key|trust|revoke".
func cmdOffice(args []string, out, errOut io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("office: dùng 'tdkt office init|show|export-key|trust|revoke --db PATH …'")
	}
	sub := args[0]
	fs := flags("office "+sub, errOut)
	db := fs.String("db", "", "database file")
	code := fs.String("code", "", "office code (SL, SL-X001)")
	name := fs.String("name", "", "office name")
	level := fs.String("level", "", "province or commune")
	parent := fs.String("parent", "", "parent office code")
	to := fs.String("out", "", "key file to write")
	as := fs.String("as", "", "acting administrator")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	switch sub {
	case "init":
		return officeInit(*db, *code, *name, tdkt.Level(*level), *parent, *as, out)
	case "show":
		return officeShow(*db, out)
	case "export-key":
		if *to == "" {
			return fmt.Errorf("office export-key: thiếu --out FILE")
		}
		d, err := openRO(*db)
		if err != nil {
			return err
		}
		defer d.Close()
		id, err := identity(d)
		if err != nil {
			return err
		}
		return writeOut(*to, func(w io.Writer) error { return writeKey(w, id.Key) }, out)
	case "trust", "revoke":
		if fs.NArg() != 1 {
			return fmt.Errorf("office %s: cần đúng một %s", sub, map[string]string{"trust": "tệp khóa", "revoke": "mã cơ quan"}[sub])
		}
		d, err := store.Open(*db, store.Options{})
		if err != nil {
			return err
		}
		defer d.Close()
		by, err := actor(d, *as)
		if err != nil {
			return err
		}
		if sub == "revoke" {
			return d.Update(by, func(tx *store.Tx) error {
				p, err := tx.Peer(fs.Arg(0))
				if err != nil {
					return err
				}
				p.Revoked = true
				if err := tx.PutPeer(p); err != nil {
					return err
				}
				fmt.Fprintf(out, "%s\trevoked\n", p.Code)
				return nil
			})
		}
		b, err := os.ReadFile(fs.Arg(0))
		if err != nil {
			return fmt.Errorf("đọc tệp khóa: %w", err)
		}
		k, err := bundle.ParseKey(b)
		if err != nil {
			return err
		}
		return d.Update(by, func(tx *store.Tx) error {
			p, err := tx.Peer(k.Code)
			if err != nil {
				p = &store.Peer{}
			} else if !bytes.Equal(p.Sign, k.Sign) && !p.Revoked {
				return fmt.Errorf("%s đã có khóa khác; hãy thu hồi (revoke) trước khi tin cậy khóa mới", k.Code)
			}
			p.Code, p.Name, p.Level, p.Sign, p.Age, p.Revoked = k.Code, k.Name, k.Level, k.Sign, k.Age, false
			if err := tx.PutPeer(p); err != nil {
				return err
			}
			fmt.Fprintf(out, "%s\t%s\t%s\n", k.Code, k.Name, k.Fingerprint())
			return nil
		})
	}
	return fmt.Errorf("office: không có lệnh %q", sub)
}

func writeKey(w io.Writer, k bundle.Key) error {
	b, err := jsonIndent(k)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// officeInit creates an office database (office record, catalogue, key
// pair), or gives an existing database of the same office its key pair.
func officeInit(path, code, name string, lvl tdkt.Level, parent, as string, out io.Writer) error {
	if err := store.ValidOfficeCode(code, lvl); err != nil {
		return err
	}
	if tdkt.NFC(name) == "" {
		return fmt.Errorf("office init: thiếu --name")
	}
	if lvl == tdkt.LevelCommune && parent == "" {
		parent, _, _ = strings.Cut(code, "-")
	}
	id, err := bundle.NewIdentity(code, tdkt.NFC(name), lvl)
	if err != nil {
		return err
	}
	idb, err := jsonIndent(id)
	if err != nil {
		return err
	}
	setup := func(tx *store.Tx) error {
		off, err := tx.OfficeRecord()
		if err != nil {
			off = &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Symbol: "QĐ-UBND"}
		}
		off.Code, off.Name, off.Level, off.ParentCode = code, tdkt.NFC(name), lvl, parent
		if off.IssuingBody == "" {
			off.IssuingBody = tdkt.UpperVN("Ủy ban nhân dân " + name)
		}
		if err := tx.Put(off); err != nil {
			return err
		}
		if len(tx.Identity()) == 0 {
			if err := tx.SetIdentity(idb); err != nil {
				return err
			}
		}
		if _, err := tx.Catalog(); err != nil {
			cat, err := tdkt.ParseCatalog(assets.Catalog)
			if err != nil {
				return err
			}
			cat.ID = "catalog"
			return tx.PutSeed(cat)
		}
		return nil
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		err := store.Create(path, code, store.Options{}, func(d *store.DB) error { return d.Update("setup", setup) })
		if err != nil {
			return err
		}
	} else {
		d, err := store.Open(path, store.Options{})
		if err != nil {
			return err
		}
		defer d.Close()
		if d.Office() != code {
			return fmt.Errorf("cơ sở dữ liệu %s thuộc cơ quan %s, không phải %s", path, d.Office(), code)
		}
		by, err := actor(d, as)
		if err != nil {
			return err
		}
		if err := d.Update(by, setup); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "%s\t%s\t%s\n", code, tdkt.NFC(name), id.Fingerprint())
	return nil
}

func identity(d *store.DB) (*bundle.Identity, error) {
	var b []byte
	d.View(func(tx *store.Tx) error { b = tx.Identity(); return nil })
	return bundle.ParseIdentity(b)
}

func officeShow(path string, out io.Writer) error {
	d, err := openRO(path)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.View(func(tx *store.Tx) error {
		off, err := tx.OfficeRecord()
		if err != nil {
			return err
		}
		fp := "(chưa có khóa: tdkt office init)"
		if id, err := bundle.ParseIdentity(tx.Identity()); err == nil {
			fp = id.Fingerprint()
		}
		fmt.Fprintf(out, "office\t%s\t%s\t%s\t%s\n", off.Code, off.Name, off.Level, fp)
		peers, err := tx.Peers()
		if err != nil {
			return err
		}
		for _, p := range peers {
			k := bundle.Key{Sign: p.Sign, Age: p.Age}
			st := "trusted"
			if p.Revoked {
				st = "revoked"
			}
			pending, err := tx.Pending(p.Code)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "peer\t%s\t%s\t%s\t%s\tsent=%d\treceived=%d\tpending=%d\n", p.Code, p.Name, st, k.Fingerprint(), p.SentSeq, p.RecvSeq, pending)
		}
		return nil
	})
}

func passphrase(file string) (string, error) {
	if file == "" {
		return "", nil
	}
	p, err := readSecret(file)
	if err == nil && len([]rune(p)) < 8 {
		err = fmt.Errorf("mật khẩu gói cần ít nhất 8 ký tự")
	}
	return p, err
}

// cmdSync runs "tdkt sync export|import".
func cmdSync(args []string, out, errOut io.Writer) error {
	if len(args) == 0 || (args[0] != "export" && args[0] != "import") {
		return fmt.Errorf("sync: dùng 'tdkt sync export --db PATH --to CODE --out DIR' hoặc 'tdkt sync import --db PATH FILE'")
	}
	sub := args[0]
	fs := flags("sync "+sub, errOut)
	db := fs.String("db", "", "database file")
	to := fs.String("to", "", "receiving office code")
	dir := fs.String("out", "", "folder on the stick")
	pwFile := fs.String("passphrase-file", "", "encrypt with a passphrase instead of the receiver's key")
	full := fs.Bool("full", false, "every record, not only what the peer lacks")
	as := fs.String("as", "", "acting user")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	pw, err := passphrase(*pwFile)
	if err != nil {
		return err
	}
	d, err := store.Open(*db, store.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	by, err := actor(d, *as)
	if err != nil {
		return err
	}
	me, err := identity(d)
	if err != nil {
		return err
	}
	if sub == "export" {
		if *to == "" || *dir == "" {
			return fmt.Errorf("sync export: cần --to CODE và --out DIR")
		}
		path, err := syncExport(d, by, me, *to, *dir, pw, *full)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, path)
		return nil
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("sync import: cần đúng một tệp gói")
	}
	res, err := syncImport(d, by, me, fs.Arg(0), pw)
	if err != nil {
		return err
	}
	if res.Duplicate {
		fmt.Fprintln(out, "duplicate\tgói này đã được nhập trước đó, không có thay đổi")
		return nil
	}
	fmt.Fprintf(out, "added\t%d\nupdated\t%d\nunchanged\t%d\nconflicts\t%d\nattachments\t%d\n",
		res.Added, res.Updated, res.Unchanged, res.Conflicts, res.Blobs)
	return nil
}

// syncExport writes the bundle for peer to into dir and returns its path.
func syncExport(d *store.DB, by string, me *bundle.Identity, to, dir, pw string, full bool) (string, error) {
	s, err := jobs.WriteBundle(d, by, me, to, dir, pw, full, nil)
	return s.Path, err
}

// syncImport verifies a bundle completely, then applies it in one
// transaction.
func syncImport(d *store.DB, by string, me *bundle.Identity, path, pw string) (store.ImportResult, error) {
	r, err := jobs.ImportBundle(d, by, me, path, pw, nil)
	if err != nil {
		return r.ImportResult, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return r.ImportResult, nil
}

func cmdConflicts(args []string, out, errOut io.Writer) error {
	d, err := dbOnly("conflicts", args, errOut)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.View(func(tx *store.Tx) error {
		cs, err := tx.Conflicts()
		if err != nil {
			return err
		}
		for _, c := range cs {
			fmt.Fprintf(out, "%s\t%s\t%d\t%s\n", c.Kind, c.ID, len(c.Others), c.Current.Base().UpdatedBy)
		}
		return nil
	})
}
