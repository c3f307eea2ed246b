package tdkt

import "time"

// Kind names a record type; it is also the store's bucket name and the kind
// column of search hits.
type Kind string

// The record kinds, in the order the store walks them for digests and checks.
const (
	KindOffice   Kind = "office"
	KindCatalog  Kind = "catalog"
	KindUnit     Kind = "unit"
	KindPerson   Kind = "person"
	KindMovement Kind = "movement"
	KindCluster  Kind = "cluster"
	KindDossier  Kind = "dossier"
	KindMeeting  Kind = "meeting"
	KindDecision Kind = "decision"
	KindAward    Kind = "award"
	KindUser     Kind = "user"
)

// Kinds lists every record kind.
var Kinds = []Kind{KindOffice, KindCatalog, KindUnit, KindPerson, KindMovement,
	KindCluster, KindDossier, KindMeeting, KindDecision, KindAward, KindUser}

// Meta is carried by every record. Clock is the version vector that sync
// compares; deletes are tombstones so that they can travel to other offices;
// Conflict marks a record two offices edited offline until a person resolves
// it.
type Meta struct {
	ID        string    `json:"id"`
	Clock     Clock     `json:"vv,omitempty"`
	UpdatedAt time.Time `json:"at"`
	UpdatedBy string    `json:"by"`
	Deleted   bool      `json:"deleted,omitempty"`
	Conflict  bool      `json:"conflict,omitempty"`
}

// Record is what the store keeps.
type Record interface {
	Kind() Kind
	Base() *Meta
}

func (m *Meta) Base() *Meta { return m }

func (*Office) Kind() Kind   { return KindOffice }
func (*Catalog) Kind() Kind  { return KindCatalog }
func (*Unit) Kind() Kind     { return KindUnit }
func (*Person) Kind() Kind   { return KindPerson }
func (*Movement) Kind() Kind { return KindMovement }
func (*Cluster) Kind() Kind  { return KindCluster }
func (*Dossier) Kind() Kind  { return KindDossier }
func (*Meeting) Kind() Kind  { return KindMeeting }
func (*Decision) Kind() Kind { return KindDecision }
func (*Award) Kind() Kind    { return KindAward }

// New returns an empty record of kind k, for decoding.
func New(k Kind) Record {
	switch k {
	case KindOffice:
		return &Office{}
	case KindCatalog:
		return &Catalog{}
	case KindUnit:
		return &Unit{}
	case KindPerson:
		return &Person{}
	case KindMovement:
		return &Movement{}
	case KindCluster:
		return &Cluster{}
	case KindDossier:
		return &Dossier{}
	case KindMeeting:
		return &Meeting{}
	case KindDecision:
		return &Decision{}
	case KindAward:
		return &Award{}
	case KindUser:
		return &User{}
	}
	return nil
}

// KindLabel is the Vietnamese name of a kind, for the window and messages.
func KindLabel(k Kind) string {
	switch k {
	case KindOffice:
		return "Cơ quan"
	case KindCatalog:
		return "Danh mục khen thưởng"
	case KindUnit:
		return "Đơn vị"
	case KindPerson:
		return "Cá nhân"
	case KindMovement:
		return "Phong trào"
	case KindCluster:
		return "Cụm, khối thi đua"
	case KindDossier:
		return "Hồ sơ"
	case KindMeeting:
		return "Phiên họp Hội đồng"
	case KindDecision:
		return "Quyết định"
	case KindAward:
		return "Khen thưởng"
	case KindUser:
		return "Người dùng"
	}
	return string(k)
}
