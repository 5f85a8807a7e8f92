package render

import (
	"os"
	"testing"
)

// TestPreview writes every form to /tmp/render-<name>.pdf when
// RENDER_PREVIEW is set, for looking at the layout.
func TestPreview(t *testing.T) {
	if os.Getenv("RENDER_PREVIEW") == "" {
		t.Skip("set RENDER_PREVIEW=1 to write /tmp/render-*.pdf")
	}
	for _, f := range forms() {
		b, err := f.render()
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if err := os.WriteFile("/tmp/render-"+f.name+".pdf", b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
