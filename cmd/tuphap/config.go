package main

// Setting is one configuration option. settings is the one table of them:
// README's "Configuration" table is checked against it (config_test.go),
// and every TUPHAP_* variable the program reads must be a row. Adding an
// option is one row here and one in the README.
type Setting struct {
	Env     string // environment variable
	Flag    string // command-line flag, "" when environment only
	Default string // as documented, "" when none
	Meaning string
}

var settings = []Setting{
	{"TUPHAP_DB", "--db", "`sqlite:data/tuphap.db`", "the database"},
	{"TUPHAP_ADDR", "--addr", "`127.0.0.1:8080`", "listen address"},
	{"TUPHAP_DB_READ_CONNS", "--db-read-conns", "`4`", "SQLite reader connections"},
	{"TUPHAP_DB_CACHE_MB", "--db-cache-mb", "`16`", "SQLite page cache per connection"},
	{"TUPHAP_DB_MMAP_MB", "--db-mmap-mb", "`256`", "SQLite file mapped per connection"},
	{"TUPHAP_DEMO", "--demo", "off", "load the demo department"},
	{"TUPHAP_KEY_FILE", "--key-file", "`tuphap.key` beside the SQLite file, else `data/tuphap.key`", "keys for secrets kept in the database"},
	{"TUPHAP_LOG_FORMAT", "--log-format", "`text`", "log format"},
	{"TUPHAP_LOG_LEVEL", "--log-level", "`info`", "log level"},
	{"TUPHAP_COOKIE_SECURE", "--cookie-secure", "`true`", "Secure cookie flag"},
	{"TUPHAP_TENANT", "--tenant", "", "default tenant code of the admin commands"},
	{"TUPHAP_SMTP_ADDR", "--smtp-addr", "(none)", "mail relay"},
	{"TUPHAP_SMTP_FROM", "--smtp-from", "(none)", "mail sender"},
	{"TUPHAP_SMTP_STARTTLS", "--smtp-starttls", "`true`", "require STARTTLS"},
	{"TUPHAP_SMTP_USER", "", "(none)", "SMTP user (environment only)"},
	{"TUPHAP_SMTP_PASSWORD", "", "(none)", "SMTP password (environment only)"},
	{"TUPHAP_METRICS_ADDR", "--metrics-addr", "(none)", "a listener of its own for /metrics"},
	{"TUPHAP_METRICS_TOKEN", "--metrics-token", "(none)", "the bearer token of /metrics on the main listener"},
	{"TUPHAP_TRUSTED_PROXIES", "--trusted-proxies", "(none)", "reverse proxies whose X-Forwarded-For is believed"},
	{"TUPHAP_PUBLIC_URL", "--public-url", "`http://ADDR` only when `ADDR` is a loopback address; otherwise required", "the public address of every link that leaves tuphap"},
	{"TUPHAP_PORTAL_TENANT", "--portal-tenant", "the first tenant (the demo's with `--demo`)", "the portal's tenant"},
	{"TUPHAP_PORTAL_AGENCY", "--portal-agency", "`department`", "the portal tenant's kind of agency"},
	{"TUPHAP_LOOKUP_LIMIT", "--lookup-limit", "`30`", "look-ups per address per 10 minutes"},
	{"TUPHAP_EID_ISSUER", "--eid-issuer", "", "e-ID issuer"},
	{"TUPHAP_EID_CLIENT_ID", "--eid-client-id", "", "e-ID client"},
	{"TUPHAP_EID_CLIENT_SECRET", "--eid-client-secret", "", "e-ID client secret"},
	{"TUPHAP_EID_SCOPES", "--eid-scopes", "`openid profile`", "scopes asked of the e-ID provider"},
	{"TUPHAP_EID_CLAIM_NAME", "--eid-claim-name", "`name`, `personal_id`, `birthdate`", "claim holding the name"},
	{"TUPHAP_EID_CLAIM_ID_NUMBER", "--eid-claim-id-number", "`name`, `personal_id`, `birthdate`", "claim holding the ID number"},
	{"TUPHAP_EID_CLAIM_BIRTHDATE", "--eid-claim-birthdate", "`name`, `personal_id`, `birthdate`", "claim holding the date of birth"},
	{"TUPHAP_EID_ACR_VALUES", "--eid-acr-values", "`level2`", "accepted assurance levels"},
	{"TUPHAP_EID_SIMULATOR", "--eid-simulator", "off", "mount the e-ID simulator"},
	{"TUPHAP_PAYMENT_URL", "--payment-url", "", "payment gateway checkout"},
	{"TUPHAP_PAYMENT_SECRET", "--payment-secret", "", "payment gateway HMAC key"},
	{"TUPHAP_PAYMENT_SIMULATOR", "--payment-simulator", "off", "mount the payment simulator"},
	{"TUPHAP_OUTBOX_LEASE", "--outbox-lease", "`5m`", "lease of a notification being sent"},
	{"TUPHAP_DVCQG_SIMULATOR", "--dvcqg-simulator", "off", "sync dossiers with the national portal simulator"},
	{"TUPHAP_POST_SIMULATOR", "--post-simulator", "off", "deliver results by post through the carrier simulator"},
	{"TUPHAP_ZALO_TOKEN", "", "(none)", "Zalo OA access token (ZNS); unset: the Zalo simulator"},
	{"TUPHAP_SMS_URL", "", "(none)", "brandname SMS gateway"},
	{"TUPHAP_SMS_BRANDNAME", "", "(none)", "brandname SMS gateway"},
	{"TUPHAP_SMS_USER", "", "(none)", "brandname SMS gateway"},
	{"TUPHAP_SMS_PASSWORD", "", "(none)", "brandname SMS gateway"},
	{"TUPHAP_MESSAGE_HOOK_SECRET", "", "(none; the demo makes one)", "HMAC key of the replies' webhook"},
	{"TUPHAP_LETTERS_APPROVAL", "--letters-approval", "off", "letters to applicants signed off by a leader"},
	{"TUPHAP_PPROF", "", "off", "pprof listener"},
	{"TUPHAP_SIGN_P12", "", "`jr-signing.p12` / `jr-signing.pass` beside the key file", "certificate signing key"},
	{"TUPHAP_SIGN_PASS_FILE", "", "`jr-signing.p12` / `jr-signing.pass` beside the key file", "its passphrase file"},
	{"TUPHAP_TEST_POSTGRES", "", "", "tests only: PostgreSQL DSN"},
}

// setting returns the row of an environment variable.
func setting(env string) (Setting, bool) {
	for _, s := range settings {
		if s.Env == env {
			return s, true
		}
	}
	return Setting{}, false
}
