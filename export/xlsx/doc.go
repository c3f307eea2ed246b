// Package xlsx renders the office's spreadsheets with excelize: the award
// register (sổ theo dõi khen thưởng), the statistical returns of Circular
// 02/2023/TT-BNV (biểu 0601.N, 0602.N, 0603.N) and the council's candidate
// list with its ballot results.
//
// Every function writes a complete workbook to an io.Writer and nothing else:
// the caller makes the file atomic with tdkt/export.WriteFile. Cells are typed
// (numbers are numbers, dates are Excel dates), so the sheets can be summed,
// filtered and re-imported, not only printed.
package xlsx
