package tdkt

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Level is the administrative level of an office or of a movement's launcher.
// Since 1 July 2025 there is no district level (Decree 129/2025).
type Level string

const (
	LevelProvince Level = "province" // tỉnh, thành phố
	LevelCommune  Level = "commune"  // xã, phường, đặc khu
	// LevelCentral launches a movement from the national emulation
	// council; a province records those it takes part in. No office of
	// this software is central.
	LevelCentral Level = "central"
)

// Signer is a person who signs decisions for the issuer. Mode is "TM" when the
// chairman signs on behalf of the committee and "KT" when a deputy signs for
// the chairman (Decree 30/2020).
type Signer struct {
	Name  string `json:"name"`
	Title string `json:"title"` // CHỦ TỊCH, PHÓ CHỦ TỊCH
	Mode  string `json:"mode"`  // TM or KT
}

// Office is this installation: the body that keeps the database and issues
// decisions.
type Office struct {
	Meta
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	Level         Level    `json:"level"`
	ParentCode    string   `json:"parent,omitempty"`
	GoverningBody string   `json:"governing,omitempty"` // left header, first line (may be empty for UBND)
	IssuingBody   string   `json:"issuing"`             // ỦY BAN NHÂN DÂN TỈNH …
	Symbol        string   `json:"symbol"`              // QĐ-UBND
	Place         string   `json:"place"`               // for date lines
	Signers       []Signer `json:"signers,omitempty"`
	// Proposer is who proposes the office's award decisions ("Theo đề
	// nghị của …"), Executors who carry them out (the last article, before
	// "Thủ trưởng các cơ quan, đơn vị có liên quan …"). Empty: the office
	// was saved before they existed; the window drafts with its level's
	// usual wording until they are set.
	Proposer  string `json:"proposer,omitempty"`
	Executors string `json:"executors,omitempty"`
}

// UnitKind classifies units for statistics and for collective awards.
type UnitKind string

const (
	UnitProvince   UnitKind = "province"   // UBND tỉnh, cơ quan cấp tỉnh
	UnitDepartment UnitKind = "department" // sở, ban, ngành
	UnitCommune    UnitKind = "commune"    // xã, phường, đặc khu
	UnitAgency     UnitKind = "agency"     // cơ quan, đơn vị sự nghiệp
	UnitSchool     UnitKind = "school"     // trường học
	UnitEnterprise UnitKind = "enterprise" // doanh nghiệp, hợp tác xã
	UnitVillage    UnitKind = "village"    // thôn, bản, tổ dân phố
	UnitArmed      UnitKind = "armed"      // công an, quân sự, dân quân
)

// UnitKindLabel is the Vietnamese label of a unit kind.
func UnitKindLabel(k UnitKind) string {
	return map[UnitKind]string{
		UnitProvince: "Cơ quan cấp tỉnh", UnitDepartment: "Sở, ban, ngành",
		UnitCommune: "Xã, phường, đặc khu", UnitAgency: "Cơ quan, đơn vị",
		UnitSchool: "Trường học", UnitEnterprise: "Doanh nghiệp, HTX",
		UnitVillage: "Thôn, bản, tổ dân phố", UnitArmed: "Lực lượng vũ trang",
	}[k]
}

// UnitKinds lists the unit kinds in the order pickers show them.
var UnitKinds = []UnitKind{UnitProvince, UnitDepartment, UnitArmed, UnitAgency,
	UnitCommune, UnitSchool, UnitVillage, UnitEnterprise}

// GuessUnitKind guesses a unit's kind from the way Vietnamese units are
// named ("Trường …", "Thôn …", "Công ty …"): a register imported from Excel
// names its units without a kind, and a new unit's form starts from it.
// Anything else is an agency.
func GuessUnitKind(name string) UnitKind {
	f := Fold(strings.TrimSpace(name))
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
		return false
	}
	switch {
	case has("xa ", "phuong ", "dac khu ") || strings.Contains(f, "ubnd xa"):
		return UnitCommune
	case has("truong "):
		return UnitSchool
	case has("cong an", "ban chi huy quan su", "don bien phong", "dan quan"):
		return UnitArmed // before villages: "Ban chỉ huy" folds like "Bản"
	case has("thon ", "ban ", "to dan pho"):
		return UnitVillage
	case has("cong ty", "hop tac xa", "htx", "doanh nghiep"):
		return UnitEnterprise
	case has("so "):
		return UnitDepartment
	}
	return UnitAgency
}

// maxUnitName bounds a unit's name: it is printed in lists of decisions
// and in the register's columns.
const maxUnitName = 200

// ValidateUnit checks a unit before it is saved, against units (every unit
// by id, u's stored self among them when it is not new): a name; a known
// kind; a parent that exists, still exists today (not merged in 2025) and
// is not u or below it; and no other unit of today with the same name
// (accents and case aside) under the same parent, or at the top level
// when either of the two is there — two lines of one unit in pickers and
// returns. Two villages of one name in two communes are two units.
func ValidateUnit(u *Unit, units map[string]*Unit) error {
	name := strings.TrimSpace(u.Name)
	switch {
	case name == "":
		return fmt.Errorf("chưa có tên đơn vị")
	case utf8.RuneCountInString(name) > maxUnitName:
		return fmt.Errorf("tên đơn vị dài quá %d ký tự", maxUnitName)
	case UnitKindLabel(u.Type) == "":
		return fmt.Errorf("chưa chọn loại đơn vị")
	}
	if p := u.ParentID; p != "" {
		parent, ok := units[p]
		switch {
		case !ok || parent.Deleted:
			return fmt.Errorf("không có đơn vị cấp trên %s", p)
		case parent.MergedInto != "":
			return fmt.Errorf("%s đã hợp nhất vào đơn vị khác, không chọn làm đơn vị cấp trên được", parent.Name)
		}
		// walk up from the parent: meeting u means u would sit below itself
		for id, seen := p, map[string]bool{}; id != "" && !seen[id]; {
			if id == u.ID && u.ID != "" {
				return fmt.Errorf("không chọn được %s làm đơn vị cấp trên: đơn vị này thuộc %s", parent.Name, name)
			}
			seen[id] = true
			next, ok := units[id]
			if !ok {
				break
			}
			id = next.ParentID
		}
	}
	key := Fold(name)
	for _, o := range units {
		if o.ID == u.ID || o.Deleted || o.MergedInto != "" || Fold(strings.TrimSpace(o.Name)) != key {
			continue
		}
		if o.ParentID == u.ParentID || o.ParentID == "" || u.ParentID == "" {
			if o.ParentID == "" {
				return fmt.Errorf("đã có đơn vị %s", o.Name)
			}
			if p, ok := units[o.ParentID]; ok {
				return fmt.Errorf("đã có đơn vị %s thuộc %s", o.Name, p.Name)
			}
			return fmt.Errorf("đã có đơn vị %s", o.Name)
		}
	}
	return nil
}

// AreaFlags mark the areas the law asks to favour (art. 5).
type AreaFlags struct {
	Remote         bool `json:"remote,omitempty"`    // vùng sâu, vùng xa
	Border         bool `json:"border,omitempty"`    // biên giới
	Island         bool `json:"island,omitempty"`    // hải đảo
	EthnicMinority bool `json:"ethnic,omitempty"`    // vùng đồng bào dân tộc thiểu số
	Difficult      bool `json:"difficult,omitempty"` // đặc biệt khó khăn
}

// Any reports whether any priority flag is set.
func (f AreaFlags) Any() bool {
	return f.Remote || f.Border || f.Island || f.EthnicMinority || f.Difficult
}

// Unit is an agency, school, enterprise, commune or village. Units merged in
// the 2025 reform keep their record with MergedInto, so old awards still
// resolve to today's unit.
type Unit struct {
	Meta
	Code       string    `json:"code,omitempty"`
	Name       string    `json:"name"`
	Type       UnitKind  `json:"type"`
	ParentID   string    `json:"parent,omitempty"`
	Flags      AreaFlags `json:"flags"`
	Staff      int       `json:"staff,omitempty"` // headcount, for quota checks
	MergedInto string    `json:"mergedInto,omitempty"`
	MergedOn   Date      `json:"mergedOn,omitempty"`
}

// CurrentUnit follows the merge history from id to the unit that exists
// today. A cycle in the history (bad data) stops at the first repeat.
func CurrentUnit(id string, get func(string) (*Unit, bool)) string {
	seen := map[string]bool{}
	for !seen[id] {
		seen[id] = true
		u, ok := get(id)
		if !ok || u.MergedInto == "" {
			return id
		}
		id = u.MergedInto
	}
	return id
}

// Gender of a person.
type Gender string

const (
	Male   Gender = "nam"
	Female Gender = "nu"
)

// Category is the recipient row of returns 0602.N and 0603.N (Circular
// 02/2023): leaders by level, entrepreneurs, and the direct workers the
// reform wants to reach.
type Category string

const (
	CatLeaderProvince Category = "leader_province" // lãnh đạo cấp tỉnh
	CatLeaderDept     Category = "leader_dept"     // lãnh đạo cấp sở, ngành và tương đương
	CatEntrepreneur   Category = "entrepreneur"    // doanh nhân
	CatLeaderOther    Category = "leader_other"    // lãnh đạo, quản lý khác
	CatWorker         Category = "worker"          // công nhân
	CatFarmer         Category = "farmer"          // nông dân
	CatDirectOther    Category = "direct_other"    // người lao động trực tiếp khác
	CatOfficer        Category = "officer"         // cán bộ, công chức, viên chức khác
)

// Categories lists the recipient categories in return-row order.
var Categories = []Category{CatLeaderProvince, CatLeaderDept, CatEntrepreneur,
	CatLeaderOther, CatWorker, CatFarmer, CatDirectOther, CatOfficer}

// CategoryLabel is the Vietnamese row label of a category.
func CategoryLabel(c Category) string {
	return map[Category]string{
		CatLeaderProvince: "Lãnh đạo cấp tỉnh", CatLeaderDept: "Lãnh đạo cấp sở, ngành",
		CatEntrepreneur: "Doanh nhân", CatLeaderOther: "Lãnh đạo, quản lý khác",
		CatWorker: "Công nhân", CatFarmer: "Nông dân",
		CatDirectOther: "Người lao động trực tiếp khác", CatOfficer: "Cán bộ, công chức, viên chức",
	}[c]
}

// Direct reports whether the category counts as a direct worker (người trực
// tiếp lao động, sản xuất), whom the law asks to reward first.
func (c Category) Direct() bool {
	return c == CatWorker || c == CatFarmer || c == CatDirectOther
}

// Exemplary marks a person or collective as a model (điển hình tiên tiến).
type Exemplary struct {
	Since string `json:"since,omitempty"` // year or occasion
	Story string `json:"story"`
	Photo string `json:"photo,omitempty"` // SHA-256 of the attachment
}

// Person is an individual who may be proposed for awards.
type Person struct {
	Meta
	Name      string     `json:"name"`
	Gender    Gender     `json:"gender"`
	Birth     Date       `json:"birth,omitempty"`
	Ethnicity string     `json:"ethnicity,omitempty"`
	IDNumber  string     `json:"idNumber,omitempty"` // CCCD, 12 digits
	Position  string     `json:"position,omitempty"`
	UnitID    string     `json:"unit,omitempty"`
	Category  Category   `json:"category"`
	Model     *Exemplary `json:"model,omitempty"`
	// MergedInto names the record this one duplicates (MergePerson): it is
	// kept, with its lines, and counted as that person's. Filled lists what
	// the kept record took from it, for UnmergePerson to give back.
	MergedInto string   `json:"mergedInto,omitempty"`
	Filled     []string `json:"filled,omitempty"`
	MergedBy   string   `json:"mergedBy,omitempty"` // the office that merged it, which alone gives Filled back
}

// Movement is an emulation movement (phong trào thi đua).
type Movement struct {
	Meta
	Name       string `json:"name"`
	Level      Level  `json:"level"`              // launching level
	Scope      string `json:"scope"`              // toàn tỉnh, cụm/khối, ngành, xã
	Thematic   bool   `json:"thematic"`           // chuyên đề (true) or thường xuyên
	Start      Date   `json:"start"`              // launch date
	End        Date   `json:"end,omitempty"`      // zero for open-ended
	LaunchedBy string `json:"launcher,omitempty"` // launching unit id
	Goal       string `json:"goal,omitempty"`     // nội dung
	ClusterID  string `json:"cluster,omitempty"`
}

// DurationYears is the length of the movement in whole years (rounded up),
// the band used by return 0601.N; an open movement counts to asOf.
func (m *Movement) DurationYears(asOf Date) int {
	end := m.End
	if end.IsZero() {
		end = asOf
	}
	days := int(end.Time().Sub(m.Start.Time()).Hours() / 24)
	if days <= 0 {
		return 0
	}
	return (days + 364) / 365
}

// ClusterYear is one year of a cluster: rotating leader and deputy, the
// pledge signed at the start, and the scores at the end.
type ClusterYear struct {
	Year     int     `json:"year"`
	LeaderID string  `json:"leader"`
	DeputyID string  `json:"deputy"`
	Pledge   string  `json:"pledge,omitempty"`
	Scores   []Score `json:"scores,omitempty"`
}

// Score is a member's year-end score.
type Score struct {
	UnitID string  `json:"unit"`
	Points float64 `json:"points"`
}

// Cluster is a cluster (cụm) or bloc (khối) of emulation.
type Cluster struct {
	Meta
	Name    string        `json:"name"`
	Bloc    bool          `json:"bloc"` // khối (by sector) rather than cụm (by area)
	Members []string      `json:"members"`
	Years   []ClusterYear `json:"years,omitempty"`
}

// Year returns the cluster's record for year y.
func (c *Cluster) Year(y int) (*ClusterYear, bool) {
	for i := range c.Years {
		if c.Years[i].Year == y {
			return &c.Years[i], true
		}
	}
	return nil, false
}

// Ranking orders a year's scores from the highest; ties keep unit-id order so
// that the ranking is the same on every office.
func Ranking(scores []Score) []Score {
	r := append([]Score(nil), scores...)
	sort.SliceStable(r, func(i, j int) bool {
		if r[i].Points != r[j].Points {
			return r[i].Points > r[j].Points
		}
		return r[i].UnitID < r[j].UnitID
	})
	return r
}

// ValidateCluster checks that leader, deputy and scored units are members.
func ValidateCluster(c *Cluster) error {
	member := map[string]bool{}
	for _, m := range c.Members {
		member[m] = true
	}
	for _, y := range c.Years {
		for _, id := range []string{y.LeaderID, y.DeputyID} {
			if id != "" && !member[id] {
				return fmt.Errorf("năm %d: đơn vị %s không phải thành viên của %s", y.Year, id, c.Name)
			}
		}
		if y.LeaderID != "" && y.LeaderID == y.DeputyID {
			return fmt.Errorf("năm %d: trưởng và phó cụm/khối phải là hai đơn vị khác nhau", y.Year)
		}
		for _, s := range y.Scores {
			if !member[s.UnitID] {
				return fmt.Errorf("năm %d: chấm điểm đơn vị %s không thuộc %s", y.Year, s.UnitID, c.Name)
			}
		}
	}
	return nil
}
