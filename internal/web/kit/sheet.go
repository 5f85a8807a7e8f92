package kit

import (
	"net/http"

	"tuphap/internal/apperr"
	"tuphap/internal/render"
)

// SheetFormats are the download buttons of a statistics sheet.
var SheetFormats = []ExportFormat{{Key: "xlsx", Label: "Tải Excel (XLSX)"}, {Key: "pdf", Label: "Tải PDF"}}

// SendSheet answers a statistics sheet as XLSX (a download) or PDF (shown
// in the browser), named name.xlsx / name.pdf; any other format is 404.
func SendSheet(w http.ResponseWriter, format, name string, sheet render.StatSheet) error {
	switch format {
	case "xlsx":
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		return render.StatsXLSX(w, sheet)
	case "pdf":
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="`+name+`.pdf"`)
		return render.StatsPDF(w, sheet)
	}
	return apperr.New(apperr.NotFound, "Không có định dạng "+format+".")
}
