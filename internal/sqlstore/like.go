package sqlstore

import "strings"

// Searches by a word typed in a search box use LIKE '%word%'. The word's
// own %, _ and \ must match themselves, not any text: contains escapes
// them, and every such LIKE carries likeEscape (both engines accept it).
const likeEscape = ` ESCAPE '\'`

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// contains is the LIKE pattern (with likeEscape) that finds s anywhere.
func contains(s string) string { return "%" + likeEscaper.Replace(s) + "%" }
