package auth

import (
	"testing"

	"tuphap/internal/org"
)

// The legal-aid register: the centre's officer keeps it and nothing else;
// leaders and auditors read the book; statisticians and division heads
// read the figures without the requesters' identities; nobody else sees it.
func TestLegalAidGrants(t *testing.T) {
	want := map[org.Role][3]bool{ // figures, book, keep
		org.LegalAidOfficer: {true, true, true},
		org.Director:        {true, true, false},
		org.Auditor:         {true, true, false},
		org.Statistician:    {true, false, false},
		org.UnitHead:        {true, false, false},
	}
	for _, r := range org.Roles {
		p := &Principal{Role: r}
		got := [3]bool{p.Can(LegalAidFigures), p.Can(ViewLegalAid), p.Can(KeepLegalAid)}
		if got != want[r] {
			t.Errorf("%s: figures/book/keep = %v, want %v", r, got, want[r])
		}
	}
	o := &Principal{Role: org.LegalAidOfficer}
	for _, perm := range []Permission{ViewDossiers, HandleDossier, ViewConvictions, ViewMediation, ManageOrg, ViewPersonalData} {
		if o.Can(perm) {
			t.Errorf("legal-aid officer holds %s", perm)
		}
	}
	if _, err := org.ParseRole("legal_aid_officer"); err != nil {
		t.Fatal(err)
	}
}
