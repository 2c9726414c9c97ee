package html

import (
	"bytes"
	"encoding/json"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
)

// nameOrder returns a comparison of names as a French reader expects them
// ("Château" among the "C"); it is not safe for concurrent use.
func nameOrder() func(a, b string) int {
	c := collate.New(language.French, collate.Loose)
	return func(a, b string) int {
		if r := c.CompareString(a, b); r != 0 {
			return r
		}
		return strings.Compare(a, b)
	}
}

// decodeInto decodes JSON keeping numbers' exact text.
func decodeInto(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// sourcesLine names the sources and vintages of the indicators, once each.
func sourcesLine(res *diagnostic.Result) string {
	var out []string
	for _, ind := range res.Indicators {
		if s := view.SourceLabel(ind); s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ; ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// plural writes n followed by the singular or plural phrase, French style (0 and 1
// take the singular).
func plural(n int, one, many string) string {
	if n <= 1 {
		return view.Number(float64(n), 0) + " " + one
	}
	return view.Number(float64(n), 0) + " " + many
}
