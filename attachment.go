package tdkt

import (
	"bytes"
	"fmt"
	"net/http"
)

// MaxAttachment is the default size limit of a scanned attachment: a few
// pages scanned at 300 dpi; larger files make bundles too big for a stick.
const MaxAttachment = 20 << 20

// CheckAttachment accepts scanned documents only — PDF, JPEG, PNG or TIFF,
// judged by their content, not their name — up to max bytes, and returns
// the content type.
func CheckAttachment(name string, data []byte, max int) (string, error) {
	if len(data) == 0 {
		return "", fmt.Errorf("tệp %q rỗng", name)
	}
	if len(data) > max {
		return "", fmt.Errorf("tệp %q nặng %s byte, vượt giới hạn %s byte", name, Money(int64(len(data))), Money(int64(max)))
	}
	if bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*")) {
		return "image/tiff", nil
	}
	switch t := http.DetectContentType(data); t {
	case "application/pdf", "image/jpeg", "image/png":
		return t, nil
	default:
		return "", fmt.Errorf("tệp %q không phải PDF hoặc ảnh quét (JPEG, PNG, TIFF): nội dung là %s", name, t)
	}
}

// Files lists the SHA-256 names of the stored files a record refers to: a
// dossier's scanned attachments, a model's photo. A sync bundle carries
// them with the record, so that the other office can open them too.
func Files(r Record) []string {
	switch v := r.(type) {
	case *Dossier:
		out := make([]string, 0, len(v.Attachments))
		for _, a := range v.Attachments {
			out = append(out, a.SHA256)
		}
		return out
	case *Person:
		if v.Model != nil && v.Model.Photo != "" {
			return []string{v.Model.Photo}
		}
	}
	return nil
}
