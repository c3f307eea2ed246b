package tdkt

import (
	"fmt"
	"regexp"
)

// Role is what a user may do. The rules live here, once; the store applies
// them to every write, so the window and the headless commands obey the
// same ones.
type Role string

const (
	RoleAdmin      Role = "admin"      // Quản trị
	RoleSpecialist Role = "specialist" // Chuyên viên: hồ sơ, số liệu phiên họp
	RoleLeader     Role = "leader"     // Lãnh đạo: duyệt và ban hành quyết định
	RoleViewer     Role = "viewer"     // Chỉ xem
)

// Roles lists the roles for pickers.
var Roles = []Role{RoleAdmin, RoleSpecialist, RoleLeader, RoleViewer}

// RoleLabel is the Vietnamese name of a role.
func RoleLabel(r Role) string {
	return map[Role]string{RoleAdmin: "Quản trị", RoleSpecialist: "Chuyên viên",
		RoleLeader: "Lãnh đạo", RoleViewer: "Chỉ xem"}[r]
}

// User is an account of this installation. Hash is a bcrypt hash; the
// password itself is never stored.
type User struct {
	Meta
	Login    string `json:"login"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Hash     string `json:"hash"`
	Disabled bool   `json:"disabled,omitempty"`
}

// Kind of a user record.
func (*User) Kind() Kind { return KindUser }

var loginRE = regexp.MustCompile(`^[a-z0-9._-]{2,32}$`)

// ValidateUser checks an account before it is saved.
func ValidateUser(u *User) error {
	if !loginRE.MatchString(u.Login) {
		return fmt.Errorf("tên đăng nhập %q: 2–32 ký tự chữ thường không dấu, số, dấu chấm, gạch", u.Login)
	}
	if NFC(u.Name) == "" {
		return fmt.Errorf("chưa nhập họ tên người dùng")
	}
	if RoleLabel(u.Role) == "" {
		return fmt.Errorf("vai trò %q không có", u.Role)
	}
	return nil
}

// Permit says whether role may write rec. Specialists enter dossiers,
// people, units, movements, clusters, meetings and draft decisions; only a
// leader issues a decision or writes the register; only an administrator
// changes the office, the catalogue and the accounts; viewers write nothing.
func Permit(role Role, rec Record) error {
	deny := func() error {
		return fmt.Errorf("vai trò %s không được phép ghi %s", RoleLabel(role), KindLabel(rec.Kind()))
	}
	switch role {
	case RoleAdmin:
		return nil
	case RoleViewer, "":
		return deny()
	}
	switch rec.Kind() {
	case KindOffice, KindCatalog, KindUser:
		return deny()
	case KindAward:
		if role != RoleLeader {
			return deny()
		}
	case KindDecision:
		if d := rec.(*Decision); d.Status == DecisionIssued && role != RoleLeader {
			return fmt.Errorf("chỉ Lãnh đạo được ban hành quyết định")
		}
	}
	return nil
}
