package demo

import "math/rand/v2"

// weighted picks from a list where each entry carries a relative weight.
type weighted struct {
	items []string
	cum   []int
}

func newWeighted(pairs ...any) weighted {
	var w weighted
	total := 0
	for i := 0; i < len(pairs); i += 2 {
		total += pairs[i+1].(int)
		w.items = append(w.items, pairs[i].(string))
		w.cum = append(w.cum, total)
	}
	return w
}

func (w weighted) pick(r *rand.Rand) string {
	n := r.IntN(w.cum[len(w.cum)-1])
	for i, c := range w.cum {
		if n < c {
			return w.items[i]
		}
	}
	return w.items[len(w.items)-1]
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// Family-name weights follow the usual shares among the Kinh (Nguyễn about
// 38 %); the other peoples' lists follow their naming customs: H'Mông
// clan names with "A", "Seo", "Mí" for men, Dao names such as "Triệu Tài
// Vần", Thái and Tày family names.
var kinhFamily = newWeighted("Nguyễn", 38, "Trần", 11, "Lê", 9, "Phạm", 7, "Hoàng", 5, "Phan", 4,
	"Vũ", 4, "Võ", 2, "Đặng", 2, "Bùi", 2, "Đỗ", 2, "Hồ", 1, "Ngô", 1, "Dương", 1, "Lý", 1,
	"Đinh", 1, "Đào", 1, "Trịnh", 1, "Mai", 1, "Lương", 1, "Cao", 1, "Hà", 1, "Tạ", 1)

var (
	kinhMiddleM = []string{"Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Ngọc", "Mạnh", "Tiến", "Duy", "Văn", "Văn"}
	kinhMiddleF = []string{"Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Kim", "Mai", "Thúy"}
	kinhGivenM  = []string{"An", "Anh", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh",
		"Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu", "Hoàng", "Lâm",
		"Lợi", "Toàn", "Ước", "Đạt", "Kiên", "Tùng", "Quý", "Nghĩa", "Thịnh", "Khải"}
	kinhGivenF = []string{"An", "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hòa", "Hương", "Lan",
		"Liên", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy", "Trang",
		"Tuyết", "Vân", "Yến", "Ánh", "Ngân", "Huyền", "Thư", "Ly", "Duyên"}
)

type people struct {
	name    string
	family  []string
	middleM []string
	middleF []string
	givenM  []string
	givenF  []string
}

var minorities = []people{
	{"Tày", []string{"Hoàng", "Nông", "Lường", "Ma", "Lục", "Hà", "Đàm", "Bế", "Lộc", "Hứa", "Triệu"},
		[]string{"Văn", "Văn", "Đức"}, []string{"Thị"},
		[]string{"Pản", "Toản", "Quyết", "Nhất", "Lả", "Thiêm", "Chiến", "Khoa", "Bảo", "Đoàn"},
		[]string{"Thắm", "Bích", "Lả", "Nhàn", "Dịu", "Thơm", "Mến", "Uyên", "Hiền"}},
	{"Mông", []string{"Giàng", "Thào", "Vàng", "Sùng", "Lý", "Mùa", "Hầu", "Chảo", "Sình", "Vừ", "Lầu", "Hạng"},
		[]string{"A", "A", "Seo", "Mí", "Văn"}, []string{"Thị", "Thị", "Mỷ"},
		[]string{"Páo", "Dình", "Chứ", "Sử", "Lử", "Chống", "Dế", "Tủa", "Pó", "Sình", "Chang", "Dủa"},
		[]string{"Mỷ", "Dợ", "Súa", "Pà", "Dí", "Chá", "Sua", "Mai", "Dia", "Xúa"}},
	{"Dao", []string{"Triệu", "Bàn", "Đặng", "Lý", "Chảo", "Phùng", "Tẩn"},
		[]string{"Văn", "Tài", "Tiến", "Láo", "Phụ"}, []string{"Thị", "Mùi", "Tả"},
		[]string{"Phin", "Vần", "Chàn", "Kiều", "Quẩy", "Sinh", "Lở", "Chiêu", "Dùn", "Chản"},
		[]string{"Mẩy", "Nái", "Xuân", "Mai", "Phương", "Lai", "Chài", "Mẩy"}},
	{"Thái", []string{"Lò", "Lường", "Cầm", "Quàng", "Tòng", "Vì", "Lù", "Điêu"},
		[]string{"Văn", "Văn"}, []string{"Thị"},
		[]string{"Pẩng", "Khăm", "Phanh", "Ún", "Xiêng", "Ón", "Bun", "Hoan", "Thoại", "Pánh"},
		[]string{"Éng", "Ón", "Xuân", "Bua", "Ngoan", "Hươn", "Pọm", "Ánh"}},
}

// name makes a full name; ethnic gives the people's name ("Kinh" or one of
// the minorities), male the gender.
func name(r *rand.Rand, ethnic string, male bool) string {
	for _, p := range minorities {
		if p.name == ethnic {
			if male {
				return pick(r, p.family) + " " + pick(r, p.middleM) + " " + pick(r, p.givenM)
			}
			return pick(r, p.family) + " " + pick(r, p.middleF) + " " + pick(r, p.givenF)
		}
	}
	if male {
		return kinhFamily.pick(r) + " " + pick(r, kinhMiddleM) + " " + pick(r, kinhGivenM)
	}
	return kinhFamily.pick(r) + " " + pick(r, kinhMiddleF) + " " + pick(r, kinhGivenF)
}

// Place-name syllables: lowland and highland forms, so that ethnic-minority
// communes read like the mountain north.
var (
	lowland  = []string{"Tân", "Phúc", "An", "Bình", "Sơn", "Thanh", "Hòa", "Lâm", "Minh", "Long", "Hưng", "Đồng", "Xuân", "Trung", "Thịnh", "Phú", "Yên", "Quang", "Vĩnh", "Đức", "Hợp", "Tiến", "Cát", "Thủy"}
	highland = []string{"Nậm", "Pà", "Sa", "Tả", "Mường", "Bản", "Lũng", "Phìn", "Xé", "Cò", "Hồ", "Pả", "Tà", "Chu", "Ngán", "Chải", "Khao", "Hua", "Sín", "Thàng", "Mồ", "Dền", "Lao", "Xá"}
)

var departments = []string{"Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng",
	"Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Công Thương",
	"Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Tư pháp", "Thanh tra tỉnh",
	"Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
	"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Ban Quản lý các khu công nghiệp tỉnh",
	"Đài Phát thanh và Truyền hình tỉnh", "Báo Sơn Lâm"}

var agencies = []string{"Bệnh viện Đa khoa tỉnh", "Trường Cao đẳng Sơn Lâm", "Trung tâm Kiểm soát bệnh tật tỉnh",
	"Trung tâm Phục vụ hành chính công tỉnh", "Quỹ Đầu tư phát triển tỉnh", "Bệnh viện Y học cổ truyền",
	"Trường Chính trị tỉnh", "Trung tâm Khuyến nông tỉnh", "Bảo hiểm xã hội tỉnh", "Kho bạc Nhà nước khu vực",
	"Trường Trung học phổ thông Chuyên Sơn Lâm", "Bệnh viện Sản Nhi tỉnh", "Thư viện tỉnh", "Bảo tàng tỉnh",
	"Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"}

var enterprises = []string{"Công ty Cổ phần Chè", "Hợp tác xã Nông nghiệp", "Công ty TNHH May", "Công ty Cổ phần Xi măng",
	"Công ty Điện lực", "Công ty Cổ phần Cấp nước", "Hợp tác xã Dược liệu", "Công ty TNHH Chế biến Nông sản",
	"Công ty Cổ phần Khoáng sản", "Hợp tác xã Dệt thổ cẩm", "Công ty Cổ phần Môi trường Đô thị", "Công ty TNHH Du lịch"}

var movements = []string{"Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
	"Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh", "Thi đua đẩy mạnh cải cách hành chính",
	"Dạy tốt - Học tốt", "Thầy thuốc như mẹ hiền", "Doanh nghiệp giỏi, doanh nhân tiêu biểu",
	"Lao động giỏi, lao động sáng tạo", "Quân đội chung sức xây dựng nông thôn mới",
	"Toàn dân bảo vệ an ninh Tổ quốc", "Phụ nữ tích cực học tập, lao động sáng tạo xây dựng gia đình hạnh phúc",
	"Chuyển đổi số toàn diện", "Xóa nhà tạm, nhà dột nát", "Nông dân sản xuất, kinh doanh giỏi"}
