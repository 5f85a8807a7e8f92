// Package report computes the official statistics of the one-stop shop:
// the periodic report on the resolution of administrative procedures
// (Biểu số 06/VPCP/KSTT, Circular 01/2020/TT-VPCP on periodic reporting; the
// forms and codes of Circular 03/2025/TT-VPCP; research/onestop.md §3) and
// the indicators of the service-quality index of Decision 766/QĐ-TTg
// (research/onestop.md §4).
//
// The package is plain Go. Its direct definition (Classify, Build) is the
// reference: the storage's fast roll-up queries must give the same numbers,
// and a property test checks that they do.
package report
