package tdkt_test

import (
	"strings"
	"testing"

	"tdkt"
)

func TestValidateUnit(t *testing.T) {
	units := map[string]*tdkt.Unit{
		"xa":  {Meta: tdkt.Meta{ID: "xa"}, Name: "Xã Tả Van", Type: tdkt.UnitCommune},
		"xa2": {Meta: tdkt.Meta{ID: "xa2"}, Name: "Xã Bản Hồ", Type: tdkt.UnitCommune},
		"old": {Meta: tdkt.Meta{ID: "old"}, Name: "Xã Lao Chải", Type: tdkt.UnitCommune, MergedInto: "xa"},
		"th":  {Meta: tdkt.Meta{ID: "th"}, Name: "Thôn Bản Mế", Type: tdkt.UnitVillage, ParentID: "xa"},
		"tr":  {Meta: tdkt.Meta{ID: "tr"}, Name: "Trường Tiểu học Tả Van", Type: tdkt.UnitSchool, ParentID: "xa"},
		"gone": {Meta: tdkt.Meta{ID: "gone", Deleted: true}, Name: "Thôn Cũ", Type: tdkt.UnitVillage,
			ParentID: "xa"},
	}
	tests := []struct {
		name string
		u    tdkt.Unit
		want string // part of the message; "" for valid
	}{
		{"new village", tdkt.Unit{Name: "Thôn Lếch", Type: tdkt.UnitVillage, ParentID: "xa"}, ""},
		{"new root", tdkt.Unit{Name: "Công an xã", Type: tdkt.UnitArmed}, ""},
		{"blank name", tdkt.Unit{Name: "  ", Type: tdkt.UnitVillage}, "chưa có tên"},
		{"long name", tdkt.Unit{Name: strings.Repeat("ạ", 201), Type: tdkt.UnitVillage}, "dài quá 200"},
		{"no kind", tdkt.Unit{Name: "Thôn Lếch"}, "loại đơn vị"},
		{"unknown kind", tdkt.Unit{Name: "Thôn Lếch", Type: "planet"}, "loại đơn vị"},
		{"missing parent", tdkt.Unit{Name: "Thôn Lếch", Type: tdkt.UnitVillage, ParentID: "nowhere"}, "không có đơn vị cấp trên"},
		{"deleted parent", tdkt.Unit{Name: "Tổ 1", Type: tdkt.UnitVillage, ParentID: "gone"}, "không có đơn vị cấp trên"},
		{"merged parent", tdkt.Unit{Name: "Thôn Lếch", Type: tdkt.UnitVillage, ParentID: "old"}, "đã hợp nhất"},
		{"itself as parent", tdkt.Unit{Meta: tdkt.Meta{ID: "th"}, Name: "Thôn Bản Mế", Type: tdkt.UnitVillage, ParentID: "th"}, "thuộc Thôn Bản Mế"},
		{"below itself", tdkt.Unit{Meta: tdkt.Meta{ID: "xa"}, Name: "Xã Tả Van", Type: tdkt.UnitCommune, ParentID: "th"}, "thuộc Xã Tả Van"},
		{"same name, same parent, other accents", tdkt.Unit{Name: "thon ban me ", Type: tdkt.UnitVillage, ParentID: "xa"}, "đã có đơn vị Thôn Bản Mế thuộc Xã Tả Van"},
		{"same name at the top", tdkt.Unit{Name: "XÃ TẢ VAN", Type: tdkt.UnitCommune}, "đã có đơn vị Xã Tả Van"},
		{"same name at the top as one below", tdkt.Unit{Name: "Thôn Bản Mế", Type: tdkt.UnitVillage}, "đã có đơn vị Thôn Bản Mế thuộc Xã Tả Van"},
		{"same name below as one at the top", tdkt.Unit{Name: "Xã Tả Van", Type: tdkt.UnitCommune, ParentID: "tr"}, "đã có đơn vị Xã Tả Van"},
		{"same name, other parent", tdkt.Unit{Name: "Thôn Bản Mế", Type: tdkt.UnitVillage, ParentID: "xa2"}, ""},
		{"same name as a merged unit", tdkt.Unit{Name: "Xã Lao Chải", Type: tdkt.UnitCommune}, ""},
		{"same name as a deleted unit", tdkt.Unit{Name: "Thôn Cũ", Type: tdkt.UnitVillage, ParentID: "xa"}, ""},
		{"saving itself unchanged", *units["tr"], ""},
		{"renaming itself", tdkt.Unit{Meta: tdkt.Meta{ID: "tr"}, Name: "Trường TH Tả Van", Type: tdkt.UnitSchool, ParentID: "xa"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tdkt.ValidateUnit(&tt.u, units)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && err == nil:
				t.Fatalf("accepted, want %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("message %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestGuessUnitKind(t *testing.T) {
	for name, want := range map[string]tdkt.UnitKind{
		"Xã Tả Van":                      tdkt.UnitCommune,
		"UBND xã Bản Hồ":                 tdkt.UnitCommune,
		"Phường Sa Pa":                   tdkt.UnitCommune,
		"Đặc khu Cô Tô":                  tdkt.UnitCommune,
		"  Trường Tiểu học Tả Van":       tdkt.UnitSchool,
		"Thôn Lếch":                      tdkt.UnitVillage,
		"Bản Dền":                        tdkt.UnitVillage,
		"Tổ dân phố số 3":                tdkt.UnitVillage,
		"Công ty TNHH Chè Tả Van":        tdkt.UnitEnterprise,
		"Hợp tác xã Dệt thổ cẩm":         tdkt.UnitEnterprise,
		"HTX Nông nghiệp":                tdkt.UnitEnterprise,
		"Sở Giáo dục và Đào tạo":         tdkt.UnitDepartment,
		"Công an xã Tả Van":              tdkt.UnitArmed,
		"Ban Chỉ huy Quân sự xã":         tdkt.UnitArmed,
		"Đồn Biên phòng Bản Lầu":         tdkt.UnitArmed,
		"Trạm Y tế xã":                   tdkt.UnitAgency,
		"Hội Liên hiệp Phụ nữ xã Tả Van": tdkt.UnitAgency,
	} {
		if got := tdkt.GuessUnitKind(name); got != want {
			t.Errorf("GuessUnitKind(%q) = %s, want %s", name, got, want)
		}
	}
}
