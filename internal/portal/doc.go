// Package portal holds the rules of the citizens' portal (issue 6): the
// signed-in citizen, drafts of online dossiers and their uploaded files
// (type checked by content, size limits, content-addressed by SHA-256),
// online payments (idempotent, amount checked against the fee), results
// issued electronically and their public verification, and the plain
// Vietnamese "next step" shown by the public look-up.
//
// It is plain Go: types, rules and a Service over a small Store interface;
// the SQL is in package sqlstore and the HTTP in package web.
package portal
