package render

// form is one sample document for the table-driven tests.
type form struct {
	name   string
	render func() ([]byte, error)
}

func forms() []form {
	return []form{
		{"receipt", func() ([]byte, error) { return Receipt(sampleReceipt()) }},
		{"supplement", func() ([]byte, error) { return Supplement(sampleSupplement()) }},
		{"refusal", func() ([]byte, error) { return Refuse(sampleRefusal()) }},
		{"apology", func() ([]byte, error) { return ApologyPDF(sampleApology()) }},
		{"stop", func() ([]byte, error) { return Stop(sampleStop()) }},
		{"control", func() ([]byte, error) { return Control(sampleControl(0)) }},
		{"receipt-60", func() ([]byte, error) { return Receipt(manyDocuments(60)) }},
		{"control-80", func() ([]byte, error) { return Control(sampleControl(80)) }},
	}
}
