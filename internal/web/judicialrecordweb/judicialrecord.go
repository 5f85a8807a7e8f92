// Package judicialrecordweb is the judicial-record register's area of the
// back office. Its templates live here (templates/); its handlers are being
// moved here from web/judicialrecord.go, where they still are.
package judicialrecordweb

import "embed"

// Templates are the register's pages, parsed by the kernel with the common
// layout and kit's blocks.
//
//go:embed templates/*.html
var Templates embed.FS
