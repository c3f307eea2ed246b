// Package demo builds a synthetic province after the 2025 reform: a
// provincial board, about a hundred communes (some remote, border, island,
// ethnic-minority), agencies, schools, enterprises and villages, twenty years
// of award history that follows the criteria chains, movements, clusters,
// dossiers in every status, council meetings with ballots and issued
// decisions. The same seed gives the same database, record for record.
package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"tdkt"
	"tdkt/assets"
	"tdkt/store"
)

// Scale sets the size of the province.
type Scale struct {
	Communes    int // communes after the 2025 merger
	Departments int // sở, ban, ngành (at most the list's length)
	Agencies    int // đơn vị sự nghiệp (at most the list's length)
	People      int
}

// Scales are the named sizes of the demo command.
var Scales = map[string]Scale{
	"small":    {Communes: 4, Departments: 3, Agencies: 2, People: 60},
	"province": {Communes: 100, Departments: 20, Agencies: 15, People: 60000},
	"large":    {Communes: 500, Departments: 20, Agencies: 15, People: 300000},
}

// Office is the demo province's office code.
const Office = "SL"

// First and Last are the achievement years of the history; the current
// year's dossiers are still being processed.
const (
	First   = 2006
	Last    = 2025
	Current = 2026
)

// clock is the fixed time stamped on every demo record, so that two runs with
// the same seed give the same digest.
var clock = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

// Generate creates the demo database at path. progress, when not nil, is told
// what is being made.
func Generate(path, scale string, seed uint64, progress func(string)) error {
	sc, ok := Scales[scale]
	if !ok {
		return fmt.Errorf("quy mô %q không có (chọn small, province hoặc large)", scale)
	}
	if progress == nil {
		progress = func(string) {}
	}
	opts := store.Options{Now: func() time.Time { return clock }, NoSync: true, Replica: fmt.Sprintf("demo-%d", seed)}
	return store.Create(path, Office, opts, func(db *store.DB) error {
		g := newGen(db, sc, seed, progress)
		return g.run()
	})
}

type person struct {
	rec    *tdkt.Person
	from   int
	to     int
	unit   *unit
	awards map[int][]string // achievement year → codes
	star   bool             // a steady high performer: titles come in chains
}

type unit struct {
	rec      *tdkt.Unit
	issuer   *issuer // who decides its commune-level awards
	commune  *unit   // the commune for schools and villages
	old      []*unit // communes merged into this one in 2025
	people   []*person
	awards   map[int][]string
	highland bool
	weight   int
}

type issuer struct {
	code   string
	symbol string
	body   string // the authority line's subject, e.g. "Chủ tịch UBND xã Nậm Xé"
	signer tdkt.Signer
	unit   *unit
}

type gen struct {
	db       *store.DB
	sc       Scale
	r        *rand.Rand
	progress func(string)
	cat      *tdkt.Catalog
	seq      map[tdkt.Kind]uint64
	buf      []tdkt.Record
	units    []*unit
	communes []*unit
	people   []*person
	province *issuer
	pm       *issuer
	pres     *issuer
	clusters []*tdkt.Cluster
	moves    []*tdkt.Movement
	register map[int]uint64 // register numbers per decision year
	numbers  map[string]int
	council  []tdkt.Member
}

func newGen(db *store.DB, sc Scale, seed uint64, progress func(string)) *gen {
	return &gen{db: db, sc: sc, r: rand.New(rand.NewPCG(seed, seed^0x7d4b1c2e9a)), progress: progress,
		seq: map[tdkt.Kind]uint64{}, numbers: map[string]int{}, register: map[int]uint64{}}
}

func (g *gen) id(k tdkt.Kind) string {
	g.seq[k]++
	return store.FormatID(Office, k, g.seq[k])
}

func (g *gen) put(r tdkt.Record) error {
	g.buf = append(g.buf, r)
	if len(g.buf) >= 4000 {
		return g.flush()
	}
	return nil
}

func (g *gen) flush() error {
	if len(g.buf) == 0 {
		return nil
	}
	buf := g.buf
	g.buf = nil
	return g.db.Update("demo", func(tx *store.Tx) error {
		for _, r := range buf {
			if err := tx.Put(r); err != nil {
				return err
			}
		}
		return nil
	})
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) run() error {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		return err
	}
	cat.ID = "catalog"
	g.cat = cat
	g.progress("cơ quan, danh mục")
	office := &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: Office, Name: "Sở Nội vụ tỉnh Sơn Lâm – Phòng Thi đua, Khen thưởng",
		Level: tdkt.LevelProvince, IssuingBody: "ỦY BAN NHÂN DÂN TỈNH SƠN LÂM", Symbol: "QĐ-UBND", Place: "Sơn Lâm",
		Signers: []tdkt.Signer{{Name: "Hoàng Quốc Khánh", Title: "CHỦ TỊCH", Mode: "TM"},
			{Name: "Lò Thị Xuân", Title: "PHÓ CHỦ TỊCH", Mode: "KT"}}}
	if err := g.put(office); err != nil {
		return err
	}
	if err := g.db.Update("demo", func(tx *store.Tx) error { return tx.PutSeed(cat) }); err != nil {
		return err
	}
	g.province = &issuer{code: Office, symbol: "QĐ-UBND", body: "Chủ tịch Ủy ban nhân dân tỉnh Sơn Lâm", signer: office.Signers[0]}
	g.pm = &issuer{code: "TTg", symbol: "QĐ-TTg", body: "Thủ tướng Chính phủ", signer: tdkt.Signer{Name: "Thủ tướng Chính phủ", Title: "THỦ TƯỚNG"}}
	g.pres = &issuer{code: "CTN", symbol: "QĐ-CTN", body: "Chủ tịch nước", signer: tdkt.Signer{Name: "Chủ tịch nước", Title: "CHỦ TỊCH NƯỚC"}}
	for i, n := range []string{"Hoàng Quốc Khánh", "Lò Thị Xuân", "Nguyễn Văn Thịnh", "Trần Thị Hồng", "Phạm Đức Long",
		"Giàng A Páo", "Lê Minh Tuấn", "Vũ Thị Thu", "Đặng Văn Hải", "Bùi Quang Huy", "Triệu Tài Vần",
		"Nông Thị Bích", "Đỗ Văn Nam", "Ngô Thị Lan", "Hà Văn Khoa"} {
		role := "Ủy viên"
		switch i {
		case 0:
			role = "Chủ tịch Hội đồng"
		case 1, 2:
			role = "Phó Chủ tịch Hội đồng"
		}
		g.council = append(g.council, tdkt.Member{Name: n, Role: role})
	}
	steps := []struct {
		what string
		fn   func() error
	}{
		{"đơn vị", g.makeUnits},
		{"cá nhân", g.makePeople},
		{"phong trào, cụm khối", g.makeMovements},
	}
	for _, s := range steps {
		g.progress(s.what)
		if err := s.fn(); err != nil {
			return fmt.Errorf("%s: %w", s.what, err)
		}
	}
	for y := First; y <= Last; y++ {
		g.progress(fmt.Sprintf("năm %d", y))
		if err := g.year(y); err != nil {
			return fmt.Errorf("năm %d: %w", y, err)
		}
	}
	g.progress("hồ sơ năm hiện tại")
	if err := g.current(); err != nil {
		return err
	}
	for _, p := range g.people {
		if err := g.put(p.rec); err != nil {
			return err
		}
	}
	if err := g.flush(); err != nil {
		return err
	}
	return g.db.Update("demo", func(tx *store.Tx) error {
		// awards were written before their people: take their facts now
		if err := tx.RebuildDerived(); err != nil {
			return err
		}
		for k, n := range g.seq {
			if err := tx.ClaimSequence(k, n); err != nil {
				return err
			}
		}
		for y, n := range g.register {
			if err := tx.ClaimRegister(y, n); err != nil {
				return err
			}
		}
		return nil
	})
}

func (g *gen) placeName() (string, bool) {
	list, hi := lowland, false
	if g.chance(0.45) {
		list, hi = highland, true
	}
	a, b := pick(g.r, list), pick(g.r, list)
	for b == a {
		b = pick(g.r, list)
	}
	return a + " " + b, hi
}

func abbrev(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(tdkt.Fold(name)) {
		if w != "" && w != "va" {
			b.WriteString(strings.ToUpper(w[:1]))
		}
	}
	return b.String()
}

func (g *gen) newUnit(name string, kind tdkt.UnitKind, parent *unit, weight int) *unit {
	u := &unit{rec: &tdkt.Unit{Meta: tdkt.Meta{ID: g.id(tdkt.KindUnit)}, Name: name, Type: kind},
		awards: map[int][]string{}, weight: weight}
	if parent != nil {
		u.rec.ParentID = parent.rec.ID
		u.rec.Flags = parent.rec.Flags
		u.highland = parent.highland
	}
	g.units = append(g.units, u)
	return u
}

func (g *gen) makeUnits() error {
	ubnd := g.newUnit("Ủy ban nhân dân tỉnh Sơn Lâm", tdkt.UnitProvince, nil, 20)
	ubnd.issuer = g.province
	for i, n := range departments[:min(g.sc.Departments, len(departments))] {
		d := g.newUnit(n, tdkt.UnitDepartment, ubnd, 60)
		if strings.Contains(n, "Công an") || strings.Contains(n, "Quân sự") || strings.Contains(n, "Biên phòng") {
			d.rec.Type = tdkt.UnitArmed
		}
		d.issuer = &issuer{code: d.rec.ID, symbol: "QĐ-" + abbrev(n), body: "Thủ trưởng " + n,
			signer: tdkt.Signer{Name: name(g.r, "Kinh", g.chance(0.7)), Title: "GIÁM ĐỐC", Mode: ""}, unit: d}
		if i == 0 {
			// the provincial committee's own staff are recognised by the
			// head of its office, not by the council
			ubnd.issuer = d.issuer
		}
	}
	for _, n := range agencies[:min(g.sc.Agencies, len(agencies))] {
		a := g.newUnit(n, tdkt.UnitAgency, ubnd, 80)
		a.issuer = &issuer{code: a.rec.ID, symbol: "QĐ-" + abbrev(n), body: "Thủ trưởng " + n,
			signer: tdkt.Signer{Name: name(g.r, "Kinh", g.chance(0.6)), Title: "GIÁM ĐỐC"}, unit: a}
	}
	seen := map[string]bool{}
	uniqueName := func() (string, bool) {
		// the syllable pairs run out at the large scale: number the rest
		for i := 0; ; i++ {
			n, hi := g.placeName()
			if i > 50 {
				n = fmt.Sprintf("%s %d", n, i)
			}
			if !seen[n] {
				seen[n] = true
				return n, hi
			}
		}
	}
	merged := tdkt.D(2025, time.July, 1)
	for i := 0; i < g.sc.Communes; i++ {
		n, hi := uniqueName()
		prefix := "Xã "
		switch {
		case i < g.sc.Communes/12+1:
			prefix, hi = "Phường ", false
		case i == g.sc.Communes-1:
			prefix = "Đặc khu "
		}
		c := g.newUnit(prefix+n, tdkt.UnitCommune, nil, 20)
		c.highland = hi
		c.rec.Code = fmt.Sprintf("SL-X%03d", i+1)
		c.rec.Flags = tdkt.AreaFlags{Remote: hi && g.chance(0.7), Border: hi && g.chance(0.3),
			EthnicMinority: hi, Difficult: hi && g.chance(0.4), Island: prefix == "Đặc khu "}
		c.issuer = &issuer{code: c.rec.ID, symbol: "QĐ-UBND", body: "Chủ tịch Ủy ban nhân dân " + strings.ToLower(prefix[:1]) + prefix[1:] + n,
			signer: tdkt.Signer{Name: name(g.r, "Kinh", true), Title: "CHỦ TỊCH", Mode: "TM"}, unit: c}
		g.communes = append(g.communes, c)
		// Communes merged into this one on 1 July 2025 keep their records.
		for j := 0; j < 1+g.r.IntN(3); j++ {
			on, _ := uniqueName()
			o := g.newUnit("Xã "+on, tdkt.UnitCommune, nil, 0)
			o.rec.Flags = c.rec.Flags
			o.rec.MergedInto, o.rec.MergedOn = c.rec.ID, merged
			o.issuer = c.issuer
			c.old = append(c.old, o)
		}
		for j := 0; j < 2; j++ {
			level := []string{"Trường Mầm non ", "Trường Tiểu học ", "Trường Trung học cơ sở "}[g.r.IntN(3)]
			if hi && j == 1 {
				level = "Trường Phổ thông dân tộc bán trú "
			}
			s := g.newUnit(level+n, tdkt.UnitSchool, c, 30)
			s.issuer, s.commune = c.issuer, c
		}
		for j := 0; j < 3; j++ {
			kind := "Thôn "
			if hi {
				kind = "Bản "
			}
			vn, _ := g.placeName()
			v := g.newUnit(kind+strings.Fields(vn)[1]+" "+fmt.Sprint(j+1), tdkt.UnitVillage, c, 40)
			v.issuer, v.commune = c.issuer, c
		}
	}
	for i := 0; i < max(3, g.sc.Communes*3/10); i++ {
		n := enterprises[i%len(enterprises)] + " " + strings.Fields(g.communes[i%len(g.communes)].rec.Name)[1]
		e := g.newUnit(n, tdkt.UnitEnterprise, nil, 150)
		e.rec.Flags = g.communes[i%len(g.communes)].rec.Flags
		e.issuer = &issuer{code: e.rec.ID, symbol: "QĐ-" + abbrev(n), body: "Giám đốc " + n,
			signer: tdkt.Signer{Name: name(g.r, "Kinh", true), Title: "GIÁM ĐỐC"}, unit: e}
	}
	for _, u := range g.units {
		u.rec.Name = tdkt.NFC(u.rec.Name)
		if err := g.put(u.rec); err != nil {
			return err
		}
	}
	return nil
}

var positions = map[tdkt.UnitKind][]struct {
	title string
	cat   tdkt.Category
	share int
}{
	tdkt.UnitProvince:   {{"Chủ tịch UBND tỉnh", tdkt.CatLeaderProvince, 1}, {"Phó Chủ tịch UBND tỉnh", tdkt.CatLeaderProvince, 3}, {"Chuyên viên", tdkt.CatOfficer, 16}},
	tdkt.UnitDepartment: {{"Giám đốc", tdkt.CatLeaderDept, 1}, {"Phó Giám đốc", tdkt.CatLeaderDept, 3}, {"Trưởng phòng", tdkt.CatLeaderOther, 6}, {"Chuyên viên", tdkt.CatOfficer, 50}},
	tdkt.UnitArmed:      {{"Chỉ huy trưởng", tdkt.CatLeaderDept, 1}, {"Sĩ quan", tdkt.CatLeaderOther, 10}, {"Chiến sĩ", tdkt.CatDirectOther, 49}},
	tdkt.UnitAgency:     {{"Giám đốc", tdkt.CatLeaderOther, 1}, {"Bác sĩ", tdkt.CatOfficer, 20}, {"Điều dưỡng", tdkt.CatDirectOther, 25}, {"Viên chức", tdkt.CatOfficer, 34}},
	tdkt.UnitCommune:    {{"Chủ tịch UBND xã", tdkt.CatLeaderOther, 1}, {"Phó Chủ tịch UBND xã", tdkt.CatLeaderOther, 2}, {"Công chức", tdkt.CatOfficer, 12}, {"Dân quân thường trực", tdkt.CatDirectOther, 5}},
	tdkt.UnitSchool:     {{"Hiệu trưởng", tdkt.CatLeaderOther, 1}, {"Phó Hiệu trưởng", tdkt.CatLeaderOther, 2}, {"Giáo viên", tdkt.CatOfficer, 27}},
	tdkt.UnitVillage:    {{"Trưởng thôn", tdkt.CatDirectOther, 1}, {"Nông dân", tdkt.CatFarmer, 36}, {"Hội viên Hội Nông dân", tdkt.CatFarmer, 3}},
	tdkt.UnitEnterprise: {{"Giám đốc", tdkt.CatEntrepreneur, 1}, {"Kỹ sư", tdkt.CatDirectOther, 14}, {"Công nhân", tdkt.CatWorker, 120}, {"Tổ trưởng sản xuất", tdkt.CatWorker, 15}},
}

func (g *gen) makePeople() error {
	var live []*unit
	total := 0
	for _, u := range g.units {
		if u.rec.MergedInto == "" && u.weight > 0 {
			live = append(live, u)
			total += u.weight
		}
	}
	for _, u := range live {
		n := max(3, g.sc.People*u.weight/total)
		ethnic := func() string {
			if u.highland && g.chance(0.8) {
				return minorities[g.r.IntN(len(minorities))].name
			}
			return "Kinh"
		}
		pos := positions[u.rec.Type]
		shares := 0
		for _, p := range pos {
			shares += p.share
		}
		for i := 0; i < n; i++ {
			// the first people fill the leading posts, the rest by share
			k := len(pos) - 1
			if i < len(pos)-1 {
				k = i
			} else {
				x := g.r.IntN(shares)
				for j, p := range pos {
					if x < p.share {
						k = j
						break
					}
					x -= p.share
				}
			}
			male := g.chance(0.55)
			eth := ethnic()
			from := First - 10 + g.r.IntN(Last-First+12)
			p := &person{from: max(First, from), to: min(Current, from+8+g.r.IntN(25)), unit: u, awards: map[int][]string{}, star: g.chance(0.1)}
			gender := tdkt.Female
			if male {
				gender = tdkt.Male
			}
			birth := tdkt.D(from-22-g.r.IntN(15), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28))
			p.rec = &tdkt.Person{Meta: tdkt.Meta{ID: g.id(tdkt.KindPerson)}, Name: tdkt.NFC(name(g.r, eth, male)),
				Gender: gender, Birth: birth, Ethnicity: eth, Position: pos[k].title, UnitID: u.rec.ID, Category: pos[k].cat,
				IDNumber: fmt.Sprintf("0%02d%d%02d%06d", 10+g.r.IntN(80), map[bool]int{true: 0, false: 1}[male]+2*((birth.Year-1900)/100), birth.Year%100, g.r.IntN(1000000))}
			u.people = append(u.people, p)
			g.people = append(g.people, p)
		}
	}
	return nil
}

func (g *gen) makeMovements() error {
	for i, n := range movements {
		start := tdkt.D(First+g.r.IntN(Last-First), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28))
		m := &tdkt.Movement{Meta: tdkt.Meta{ID: g.id(tdkt.KindMovement)}, Name: n, Level: tdkt.LevelProvince,
			Scope: "toàn tỉnh", Thematic: i%3 == 2, Start: start, LaunchedBy: g.units[0].rec.ID,
			Goal: "Phát động trong toàn tỉnh, tập trung vào cơ sở, vùng đồng bào dân tộc thiểu số, biên giới."}
		if m.Thematic {
			m.End = start.AddDays(365 * (1 + g.r.IntN(5)))
		}
		g.moves = append(g.moves, m)
		if err := g.put(m); err != nil {
			return err
		}
	}
	// Clusters by area: about ten communes each; blocs by sector.
	var groups [][]*unit
	for i := 0; i < len(g.communes); i += 10 {
		groups = append(groups, g.communes[i:min(i+10, len(g.communes))])
	}
	var depts, agencies, firms []*unit
	for _, u := range g.units {
		switch u.rec.Type {
		case tdkt.UnitDepartment, tdkt.UnitArmed:
			depts = append(depts, u)
		case tdkt.UnitAgency:
			agencies = append(agencies, u)
		case tdkt.UnitEnterprise:
			firms = append(firms, u)
		}
	}
	names := []string{}
	for i := range groups {
		names = append(names, fmt.Sprintf("Cụm thi đua các xã, phường số %d", i+1))
	}
	groups = append(groups, depts, agencies, firms)
	names = append(names, "Khối thi đua các sở, ban, ngành", "Khối thi đua các đơn vị sự nghiệp", "Khối thi đua các doanh nghiệp")
	for i, grp := range groups {
		if len(grp) < 2 {
			continue
		}
		c := &tdkt.Cluster{Meta: tdkt.Meta{ID: g.id(tdkt.KindCluster)}, Name: names[i], Bloc: strings.HasPrefix(names[i], "Khối")}
		for _, u := range grp {
			c.Members = append(c.Members, u.rec.ID)
		}
		for y := First; y <= Last; y++ {
			cy := tdkt.ClusterYear{Year: y, Pledge: fmt.Sprintf("Giao ước thi đua năm %d: hoàn thành vượt mức các chỉ tiêu kinh tế - xã hội, không có cán bộ vi phạm kỷ luật.", y)}
			for _, id := range c.Members {
				cy.Scores = append(cy.Scores, tdkt.Score{UnitID: id, Points: float64(800+g.r.IntN(200)) + float64(g.r.IntN(10))/10})
			}
			rank := tdkt.Ranking(cy.Scores)
			cy.LeaderID, cy.DeputyID = rank[0].UnitID, rank[1].UnitID
			c.Years = append(c.Years, cy)
		}
		g.clusters = append(g.clusters, c)
		if err := g.put(c); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) unitByID(id string) *unit {
	for _, u := range g.units {
		if u.rec.ID == id {
			return u
		}
	}
	return nil
}

// grant is one award before it is put into a decision.
type grant struct {
	code    string
	method  tdkt.Method
	person  *person
	unit    *unit // the collective, or the person's unit
	failed  bool  // proposed but did not pass the council
	subject tdkt.Subject
}

func has(h map[int][]string, y int, code string) bool {
	for _, c := range h[y] {
		if c == code {
			return true
		}
	}
	return false
}

func run(h map[int][]string, y int, code string) int {
	n := 0
	for has(h, y-n, code) {
		n++
	}
	return n
}

func count(h map[int][]string, from, to int, code string) int {
	n := 0
	for y := from; y <= to; y++ {
		if has(h, y, code) {
			n++
		}
	}
	return n
}

func ever(h map[int][]string, before int, code string) bool {
	for y, cs := range h {
		if y < before {
			for _, c := range cs {
				if c == code {
					return true
				}
			}
		}
	}
	return false
}

// year simulates the reviews of achievement year y and the decisions that
// follow early in y+1.
func (g *gen) year(y int) error {
	var grants []grant
	for _, u := range g.units {
		if u.rec.MergedInto != "" && (u.rec.MergedOn.Year <= y) {
			continue
		}
		for _, p := range u.people {
			if y < p.from || y > p.to {
				continue
			}
			grants = append(grants, g.personYear(p, y)...)
		}
	}
	// Collectives: before the 2025 merger the old communes were the units.
	for _, u := range g.units {
		if u.weight == 0 && u.rec.MergedInto == "" {
			continue
		}
		if u.rec.Type == tdkt.UnitCommune && u.rec.MergedInto == "" && len(u.old) > 0 && y < 2025 {
			continue // the new commune did not exist yet
		}
		if u.rec.MergedInto != "" && y >= 2025 {
			continue
		}
		grants = append(grants, g.unitYear(u, y)...)
	}
	for _, c := range g.clusters {
		cy, _ := c.Year(y)
		u := g.unitByID(cy.LeaderID)
		if u == nil || u.rec.MergedInto != "" && y >= 2025 {
			continue
		}
		if y < 2025 && len(u.old) > 0 {
			continue
		}
		grants = append(grants, grant{code: "CTDT", method: tdkt.MethodRegular, unit: u, subject: tdkt.SubjectCollective})
		u.awards[y] = append(u.awards[y], "CTDT")
		if count(u.awards, y-4, y, "CTDT") >= 2 && g.chance(0.2) {
			grants = append(grants, grant{code: "CTDCP", method: tdkt.MethodRegular, unit: u, subject: tdkt.SubjectCollective})
			u.awards[y] = append(u.awards[y], "CTDCP")
		}
	}
	return g.process(y, grants)
}

func (g *gen) personYear(p *person, y int) []grant {
	var out []grant
	h := p.awards
	add := func(code string, m tdkt.Method) {
		out = append(out, grant{code: code, method: m, person: p, unit: p.unit, subject: tdkt.SubjectPerson})
		if m == tdkt.MethodRegular || m == tdkt.MethodSeniority || m == tdkt.MethodDedicated {
			h[y] = append(h[y], code)
		}
	}
	pGood, pLDTT, pCSTD := 0.75, 0.5, 0.04
	if p.star {
		pGood, pLDTT, pCSTD = 0.97, 0.9, 0.55
	}
	if !g.chance(pGood) {
		return nil
	}
	if g.chance(pLDTT) {
		add("LDTT", tdkt.MethodRegular)
		if g.chance(pCSTD) {
			add("CSTDCS", tdkt.MethodRegular)
			if run(h, y, "CSTDCS") >= 3 && !ever(h, y, "CSTDT") || run(h, y, "CSTDCS") >= 3 && run(h, y-1, "CSTDT") == 0 && g.chance(0.3) {
				if g.chance(0.55) {
					add("CSTDT", tdkt.MethodRegular)
					if run(h, y, "CSTDT") >= 2 && g.chance(0.25) {
						add("CSTDTQ", tdkt.MethodRegular)
					}
				} else if g.chance(0.3) {
					out = append(out, grant{code: "CSTDT", method: tdkt.MethodRegular, person: p, unit: p.unit, subject: tdkt.SubjectPerson, failed: true})
				}
			} else if run(h, y, "CSTDCS") >= 2 && g.chance(0.35) {
				add("BKT", tdkt.MethodRegular)
			}
		}
	}
	if ever(h, y, "BKT") && count(h, y-4, y, "CSTDCS") >= 3 && !ever(h, y+1, "BKTTG") && g.chance(0.25) {
		add("BKTTG", tdkt.MethodRegular)
	} else if ever(h, y, "BKTTG") && count(h, y-4, y, "CSTDCS") >= 3 && !ever(h, y+1, "HCLD3") && g.chance(0.2) {
		add("HCLD3", tdkt.MethodRegular)
	}
	if g.chance(0.06) {
		add("GK", tdkt.MethodRegular)
	}
	if g.chance(0.008) {
		add([]string{"GK", "BKT"}[g.r.IntN(2)], []tdkt.Method{tdkt.MethodThematic, tdkt.MethodOneOff}[g.r.IntN(2)])
	}
	return out
}

func (g *gen) unitYear(u *unit, y int) []grant {
	var out []grant
	h := u.awards
	add := func(code string) {
		out = append(out, grant{code: code, method: tdkt.MethodRegular, unit: u, subject: tdkt.SubjectCollective})
		h[y] = append(h[y], code)
	}
	switch u.rec.Type {
	case tdkt.UnitVillage:
		if g.chance(0.5) {
			add("TVH")
		}
		return out
	case tdkt.UnitProvince:
		return nil
	}
	if g.chance(0.6) {
		add("TTLDTT")
		if g.chance(0.3) {
			add("TTLDXS")
			if run(h, y, "TTLDXS") >= 2 && g.chance(0.3) {
				add("BKT")
				if ever(h, y, "BKT") && count(h, y-4, y, "TTLDXS") >= 1 && g.chance(0.05) {
					add("BKTTG")
				}
			}
		}
	}
	return out
}

// decider is who decides code for a recipient in unit u.
func (g *gen) decider(code string, u *unit) *issuer {
	it, _ := g.cat.Item(code)
	switch it.Authority {
	case tdkt.AuthPM:
		return g.pm
	case tdkt.AuthPresident:
		return g.pres
	case tdkt.AuthProvince:
		return g.province
	}
	if u.issuer != nil {
		return u.issuer
	}
	return g.province
}

func (g *gen) date(y int, fromMonth, months int) tdkt.Date {
	return tdkt.D(y, time.Month(fromMonth+g.r.IntN(months)), 1+g.r.IntN(28))
}

// process turns a year's grants into dossiers, one council meeting for the
// provincial and state awards, decisions with register lines.
func (g *gen) process(y int, grants []grant) error {
	type key struct {
		iss    *issuer
		code   string
		method tdkt.Method
	}
	// dossiers: one per submitting unit and deciding level
	type dkey struct {
		u     *unit
		local bool
	}
	dossiers := map[dkey]*tdkt.Dossier{}
	var dorder []dkey
	refs := map[*grant][2]string{}
	for i := range grants {
		gr := &grants[i]
		iss := g.decider(gr.code, gr.unit)
		sub := gr.unit
		if sub.commune != nil {
			sub = sub.commune
		}
		if sub.rec.MergedInto != "" && y >= 2025 {
			sub = g.unitByID(sub.rec.MergedInto)
		}
		k := dkey{sub, iss != g.province && iss != g.pm && iss != g.pres}
		d, ok := dossiers[k]
		if !ok {
			d = &tdkt.Dossier{Meta: tdkt.Meta{ID: g.id(tdkt.KindDossier)}, Year: y, UnitID: sub.rec.ID,
				Method: tdkt.MethodRegular, Received: g.date(y, 11, 2), Status: tdkt.StatusAwarded,
				Ref: fmt.Sprintf("%02d/TTr-%s", 1+g.r.IntN(90), abbrev(sub.rec.Name))}
			if k.local {
				d.Title = fmt.Sprintf("Đề nghị công nhận danh hiệu thi đua, khen thưởng năm %d", y)
			} else {
				d.Title = fmt.Sprintf("Đề nghị khen thưởng cấp tỉnh, cấp Nhà nước năm %d", y)
			}
			dossiers[k] = d
			dorder = append(dorder, k)
		}
		c := tdkt.Candidate{ID: fmt.Sprintf("C%d", len(d.Candidates)+1), Subject: gr.subject, UnitID: gr.unit.rec.ID,
			AwardCode: gr.code, Result: tdkt.ResultAwarded, Rating: tdkt.RatingGood}
		if gr.person != nil {
			c.PersonID, c.Name, c.Position = gr.person.rec.ID, gr.person.rec.Name, gr.person.rec.Position
			if strings.HasPrefix(gr.code, "CSTD") {
				c.Rating, c.Initiative = tdkt.RatingExcellent, map[string]tdkt.Scope{"CSTDCS": tdkt.ScopeBase, "CSTDT": tdkt.ScopeProvince, "CSTDTQ": tdkt.ScopeNational}[gr.code]
			}
		} else {
			c.Name = gr.unit.rec.Name
		}
		if gr.method != tdkt.MethodRegular {
			d.Method = gr.method
		}
		if !k.local {
			c.Summary = "Hoàn thành xuất sắc nhiệm vụ năm " + fmt.Sprint(y) + "; có nhiều đóng góp cho phong trào thi đua của tỉnh."
		}
		if gr.failed {
			c.Result = tdkt.ResultFailed
		}
		d.Candidates = append(d.Candidates, c)
		refs[gr] = [2]string{d.ID, c.ID}
	}
	// the council meeting for provincial and state proposals
	mt := &tdkt.Meeting{Meta: tdkt.Meta{ID: g.id(tdkt.KindMeeting)}, Title: fmt.Sprintf("Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh xét khen thưởng năm %d", y),
		Date: g.date(y+1, 2, 1), Start: "08:00", End: "11:30", Place: "Phòng họp số 1, Ủy ban nhân dân tỉnh Sơn Lâm",
		Chair: g.council[0].Name, Secretary: "Đặng Thị Hạnh", Closed: true}
	mt.Members = append(mt.Members, g.council...)
	absent := g.r.IntN(3)
	for i := range mt.Members {
		mt.Members[i].Present = i < len(mt.Members)-absent
		mt.Members[i].Written = !mt.Members[i].Present
	}
	total := len(mt.Members)
	byDecision := map[key][]*grant{}
	var korder []key
	for i := range grants {
		gr := &grants[i]
		iss := g.decider(gr.code, gr.unit)
		if iss == g.province || iss == g.pm || iss == g.pres {
			it, _ := g.cat.Item(gr.code)
			ref := refs[gr]
			need := tdkt.Needed(total, it.Threshold)
			agree := need + g.r.IntN(total-need+1)
			if gr.failed {
				agree = max(0, need-1-g.r.IntN(3))
			}
			invalid := 0
			if g.chance(0.1) && agree < total {
				invalid = 1
			}
			b := tdkt.Ballot{Issued: total, Returned: total, Valid: total - invalid, Invalid: invalid, Agree: agree}
			mt.Items = append(mt.Items, tdkt.AgendaItem{DossierID: ref[0], CandidateID: ref[1], Name: g.name(gr), AwardCode: gr.code,
				Secret: it.SecretBallot, Ballot: b, Counted: true, Passed: !gr.failed})
		}
		if gr.failed {
			continue
		}
		k := key{iss, gr.code, gr.method}
		if _, ok := byDecision[k]; !ok {
			korder = append(korder, k)
		}
		byDecision[k] = append(byDecision[k], gr)
	}
	if len(mt.Items) > 0 {
		if err := g.put(mt); err != nil {
			return err
		}
	}
	// decisions, dated by level: communes in January, the province after the
	// council, the state later in the year
	var decs []*tdkt.Decision
	for _, k := range korder {
		var d tdkt.Date
		switch k.iss {
		case g.province:
			d = mt.Date.AddDays(10 + g.r.IntN(30))
		case g.pm, g.pres:
			d = g.date(y+1, 8, 4)
		default:
			d = g.date(y+1, 1, 2)
		}
		it, _ := g.cat.Item(k.code)
		dec := &tdkt.Decision{Meta: tdkt.Meta{ID: g.id(tdkt.KindDecision)}, Issuer: k.iss.code, Symbol: k.iss.symbol,
			Year: d.Year, Date: d, AwardCode: k.code, Method: k.method, Status: tdkt.DecisionIssued,
			Summary:   summary(it, y, k.method),
			Authority: strings.ToUpper(k.iss.body), Signer: k.iss.signer,
			Bases: []string{"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
				"Căn cứ Nghị định số 152/2025/NĐ-CP ngày 15 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng"},
			Proposal: "Theo đề nghị của Giám đốc Sở Nội vụ",
			Articles: []string{award(it) + " cho các cá nhân, tập thể có tên trong danh sách kèm theo, đã có thành tích xuất sắc năm " + fmt.Sprint(y) + ".",
				"Kèm theo " + it.Name + " được thưởng theo quy định; kinh phí khen thưởng từ Quỹ thi đua, khen thưởng.",
				"Chánh Văn phòng, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."},
			Recipients: []string{"Như Điều 3", "Lưu: VT, TĐKT"}}
		if k.iss == g.province {
			dec.MeetingID = mt.ID
		}
		for _, gr := range byDecision[k] {
			bonus, err := g.cat.Bonus(k.code, gr.subject, d)
			if err != nil {
				return err
			}
			ref := refs[gr]
			e := tdkt.ListEntry{DossierID: ref[0], CandidateID: ref[1], Subject: gr.subject, UnitID: gr.unit.rec.ID, Name: g.name(gr), Bonus: bonus}
			if gr.person != nil {
				e.PersonID, e.Position = gr.person.rec.ID, gr.person.rec.Position+", "+gr.unit.rec.Name
			}
			dec.List = append(dec.List, e)
		}
		decs = append(decs, dec)
	}
	// numbers follow the date order within each issuer's yearly series
	sort.SliceStable(decs, func(i, j int) bool { return decs[i].Date.Before(decs[j].Date) })
	for _, dec := range decs {
		nk := dec.Issuer + "|" + fmt.Sprint(dec.Year)
		g.numbers[nk]++
		dec.Number = g.numbers[nk]
		if err := g.put(dec); err != nil {
			return err
		}
		lines := tdkt.AwardsFromDecision(dec, func() string { return g.id(tdkt.KindAward) }, func(int) string {
			g.register[dec.Year]++
			return fmt.Sprintf("%d/%06d", dec.Year, g.register[dec.Year])
		})
		for _, a := range lines {
			a.Year = y
			a.CertPrinted = true
			if err := g.put(a); err != nil {
				return err
			}
		}
	}
	for _, k := range dorder {
		d := dossiers[k]
		d.History = []tdkt.StatusChange{
			{At: d.Received.Time(), By: "demo", From: "", To: tdkt.StatusReceived},
			{At: d.Received.Time().AddDate(0, 0, 7), By: "demo", From: tdkt.StatusReceived, To: tdkt.StatusChecking},
		}
		if !k.local {
			d.History = append(d.History,
				tdkt.StatusChange{At: d.Received.Time().AddDate(0, 0, 20), By: "demo", From: tdkt.StatusChecking, To: tdkt.StatusReady},
				tdkt.StatusChange{At: mt.Date.Time(), By: "demo", From: tdkt.StatusReady, To: tdkt.StatusCouncil})
			d.History = append(d.History, tdkt.StatusChange{At: mt.Date.Time().AddDate(0, 0, 20), By: "demo", From: tdkt.StatusCouncil, To: tdkt.StatusAwarded})
		} else {
			d.History = append(d.History, tdkt.StatusChange{At: d.Received.Time().AddDate(0, 1, 0), By: "demo", From: tdkt.StatusChecking, To: tdkt.StatusAwarded})
		}
		d.Docs = tdkt.Checklist(g.cat, d, false)
		for i := range d.Docs {
			d.Docs[i].Present = true
		}
		if err := g.put(d); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) name(gr *grant) string {
	if gr.person != nil {
		return gr.person.rec.Name
	}
	return gr.unit.rec.Name
}

// award is the verb phrase of Điều 1: titles are recognised, forms given.
func award(it *tdkt.Item) string {
	if it.Class == tdkt.ClassTitle {
		return "Công nhận danh hiệu " + it.Name
	}
	return "Tặng " + it.Name
}

func summary(it *tdkt.Item, y int, m tdkt.Method) string {
	verb := "tặng"
	if it.Class == tdkt.ClassTitle {
		verb = "công nhận danh hiệu"
	}
	switch m {
	case tdkt.MethodThematic:
		return fmt.Sprintf("Về việc %s %s (chuyên đề) năm %d", verb, it.Name, y)
	case tdkt.MethodOneOff:
		return fmt.Sprintf("Về việc %s %s (đột xuất)", verb, it.Name)
	}
	return fmt.Sprintf("Về việc %s %s năm %d", verb, it.Name, y)
}
