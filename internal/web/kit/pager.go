package kit

import (
	"net/url"
	"strconv"
)

// Pager is one page of a list read with LIMIT/OFFSET: ask the store for
// Limit() rows from Offset(), then Trim the extra row that says whether a
// next page exists. Total is the count when the store gives one (-1: not
// known). Render it with {{template "kit.pager" $d.Pager}}.
type Pager struct {
	Page, Size int
	HasNext    bool
	Total      int
	// Path and Query make the links; the page number replaces "page".
	Path  string
	Query url.Values
}

// PagerFrom reads ?page= (1-based) and caps it at maxPage, so a list is
// never paged deeper than filters should narrow it.
func PagerFrom(path string, q url.Values, size, maxPage int) Pager {
	n, _ := strconv.Atoi(q.Get("page"))
	return Pager{Page: min(max(n, 1), maxPage), Size: size, Total: -1, Path: path, Query: q}
}

// Limit is the rows to read: one more than a page.
func (p Pager) Limit() int { return p.Size + 1 }

// Offset is the rows before the page.
func (p Pager) Offset() int { return (p.Page - 1) * p.Size }

// First is the 1-based number of the page's first row.
func (p Pager) First() int { return p.Offset() + 1 }

// Trim cuts the extra row off rows and records whether there is a next
// page (from Total when known).
func Trim[T any](p *Pager, rows []T) []T {
	if p.Total >= 0 {
		p.HasNext = p.Offset()+p.Size < p.Total
	} else {
		p.HasNext = len(rows) > p.Size
	}
	if len(rows) > p.Size {
		rows = rows[:p.Size]
	}
	return rows
}

// Prev and Next are the neighbouring pages' links, "" when there is none.
func (p Pager) Prev() string {
	if p.Page <= 1 {
		return ""
	}
	return p.link(p.Page - 1)
}

func (p Pager) Next() string {
	if !p.HasNext {
		return ""
	}
	return p.link(p.Page + 1)
}

func (p Pager) link(n int) string {
	v := url.Values{}
	for k, vs := range p.Query {
		v[k] = vs
	}
	v.Set("page", strconv.Itoa(n))
	return p.Path + "?" + v.Encode()
}
