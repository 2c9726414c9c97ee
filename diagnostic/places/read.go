package places

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/diagnum/diagnum/diagnostic/problem"
	"github.com/diagnum/diagnum/diagnostic/tabular"
)

// raw is one record as read: values by column name in normColumn form.
type raw struct {
	at     at
	cols   map[string]string
	nested map[string]string // column → JSON type of a value that is no scalar
}

func (rd *reader) readSource(index int, src Source) {
	f := &fileState{src: src, rd: rd, index: index, ids: map[string]int{}, unknown: map[string]*unknownValue{},
		stats: FileStats{Path: src.Path, Located: map[string]int{}}}
	rd.files = append(rd.files, f)
	defer func() {
		f.flushUnknown()
		f.stats.Format = strings.Join(f.formats, ",")
	}()

	var fixed *format
	var constants map[string]string
	switch {
	case src.Mapping != nil:
		if src.Format != "" && src.Format != Mapping {
			f.add(problem.Error, "bad-mapping", at{}, "", fmt.Sprintf("format %q and a column mapping are both given; a mapping reads the list as format %q", src.Format, Mapping))
			return
		}
		var err error
		if fixed, constants, err = mappingFormat(src.Mapping); err != nil {
			f.add(problem.Error, "bad-mapping", at{}, "", err.Error())
			return
		}
	case src.Format == Mapping:
		f.add(problem.Error, "bad-mapping", at{}, "", "format mapping needs a column mapping")
		return
	case src.Format != "":
		if fixed = formats[src.Format]; fixed == nil {
			f.add(problem.Error, "unknown-format", at{}, "", fmt.Sprintf("unknown format %q; expected one of %s, or none to detect it", src.Format, strings.Join(FormatNames(), ", ")))
			return
		}
	}
	open := func() (io.ReadCloser, error) {
		if src.Data != nil {
			return io.NopCloser(bytes.NewReader(src.Data)), nil
		}
		return os.Open(src.Path)
	}
	isJSON, err := sniffJSON(src, open)
	if err != nil {
		f.add(problem.Error, "cannot-open", at{}, "", "cannot open the file ("+unwrap(err)+"); expected a readable CSV, XLSX or JSON list of places")
		return
	}
	f.isJSON = isJSON
	if isJSON {
		f.readJSON(open, fixed, constants)
		return
	}
	keys := headerKeys
	if fixed != nil && fixed.name == Mapping {
		keys = nil
		for _, c := range src.Mapping {
			if !strings.HasPrefix(c, "=") {
				keys = append(keys, c)
			}
		}
	}
	visit := func(t *tabular.Table) (func(tabular.Record) error, error) {
		a := at{member: t.Member, sheet: t.Sheet}
		colNames := map[string]bool{}
		for _, c := range t.Columns {
			colNames[normColumn(c)] = true
		}
		fm, ok := f.pick(fixed, colNames, a)
		if !ok {
			return nil, nil
		}
		idx := map[string]int{}
		for i, c := range t.Columns {
			if _, dup := idx[normColumn(c)]; !dup {
				idx[normColumn(c)] = i
			}
		}
		return func(r tabular.Record) error {
			rec := raw{at: a, cols: make(map[string]string, len(fm.columns))}
			rec.at.row = r.Row
			for _, names := range fm.columns {
				for _, n := range names {
					if i, ok := idx[n]; ok {
						rec.cols[n] = r.Cells[i]
					}
				}
			}
			f.record(rec, fm, constants)
			return nil
		}, nil
	}
	var err2 error
	if src.Data != nil {
		err2 = tabular.ReadBytes(src.Path, src.Data, tabular.Options{KeyColumns: keys}, visit)
	} else {
		err2 = tabular.Read(src.Path, tabular.Options{KeyColumns: keys}, visit)
	}
	if err2 != nil {
		f.fileProblem(err2)
	}
}

// pick returns the format of a table, given or detected, after checking that its
// columns can locate a place; ok is false (and the problem added) otherwise.
func (f *fileState) pick(fixed *format, cols map[string]bool, a at) (*format, bool) {
	fm := fixed
	if fm == nil {
		name, err := detect(cols)
		if err != nil {
			f.add(problem.Error, "not-a-places-list", a, "", err.Error())
			return nil, false
		}
		fm = formats[name]
	}
	if fm.name == Mapping {
		var missing []string
		for field, names := range fm.columns {
			if !cols[names[0]] {
				missing = append(missing, fmt.Sprintf("%s (for %s)", f.src.Mapping[field], field))
			}
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			f.add(problem.Error, "bad-mapping", a, "", fmt.Sprintf("the mapping names columns the list does not have: %s; its columns are %s",
				strings.Join(missing, ", "), listColumns(cols)))
			return nil, false
		}
	}
	has := func(field string) bool {
		for _, n := range fm.columns[field] {
			if cols[n] {
				return true
			}
		}
		return false
	}
	if !has(fINSEE) && !(has(fPostal) && has(fCommune)) && !(has(fLat) && has(fLon)) {
		f.add(problem.Error, "not-a-places-list", a, "", fmt.Sprintf("read as %s, but no column locates a place: expected %s, or %s and %s, or %s and %s",
			fm.name, strings.Join(fm.columns[fINSEE], "/"), strings.Join(fm.columns[fPostal], "/"), strings.Join(fm.columns[fCommune], "/"),
			strings.Join(fm.columns[fLat], "/"), strings.Join(fm.columns[fLon], "/")))
		return nil, false
	}
	if !slices.Contains(f.formats, fm.name) {
		f.formats = append(f.formats, fm.name)
	}
	return fm, true
}

func unwrap(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// sniffJSON says whether the list is JSON: by its extension, else by its first
// character past a BOM and white space.
func sniffJSON(src Source, open func() (io.ReadCloser, error)) (bool, error) {
	switch strings.ToLower(filepath.Ext(src.Path)) {
	case ".json", ".geojson":
		return true, nil
	case ".csv", ".txt", ".xlsx", ".xlsm", ".zip":
		return false, nil
	}
	r, err := open()
	if err != nil {
		return false, err
	}
	defer r.Close()
	br := bufio.NewReader(r)
	head, _ := br.Peek(4096)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return len(head) > 0 && (head[0] == '[' || head[0] == '{'), nil
}

// detectWindow is how many objects of a JSON list are looked at to detect its
// format: optional keys may be missing from the first ones.
const detectWindow = 100

// readJSON streams a JSON array of objects token by token; rows are the objects'
// positions in the array, from 1.
func (f *fileState) readJSON(open func() (io.ReadCloser, error), fixed *format, constants map[string]string) {
	r, err := open()
	if err != nil {
		f.add(problem.Error, "cannot-open", at{}, "", "cannot open the file ("+unwrap(err)+")")
		return
	}
	defer r.Close()
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	dec := json.NewDecoder(br)
	dec.UseNumber()
	row := 0
	fail := func(err error) {
		f.jsonProblem(err, row, dec.InputOffset(), open)
	}
	tok, err := dec.Token()
	if err != nil {
		fail(err)
		return
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		f.add(problem.Error, "not-a-places-list", at{}, "", fmt.Sprintf("the JSON document is %s; expected an array of objects, one per place", jsonKind(tok)))
		return
	}
	var window []raw
	var fm *format
	flush := func() bool {
		if fm == nil {
			keys := map[string]bool{}
			for _, rec := range window {
				for k := range rec.cols {
					keys[k] = true
				}
				for k := range rec.nested {
					keys[k] = true
				}
			}
			var ok bool
			if fm, ok = f.pick(fixed, keys, at{}); !ok {
				return false
			}
		}
		for _, rec := range window {
			f.record(rec, fm, constants)
		}
		window = window[:0]
		return true
	}
	for dec.More() {
		row++
		rec, err := f.jsonObject(dec, row)
		if err != nil {
			if len(window) > 0 {
				flush() // the places read before the fault still count
			}
			fail(err)
			return
		}
		if rec == nil {
			continue
		}
		window = append(window, *rec)
		if fm != nil || len(window) == detectWindow {
			if !flush() {
				return
			}
		}
	}
	if len(window) > 0 {
		flush()
	}
	if _, err := dec.Token(); err != nil { // the closing ]
		fail(err)
		return
	}
	if tok, err := dec.Token(); err != io.EOF {
		if err != nil {
			fail(err)
		} else {
			f.add(problem.Error, "bad-json", at{}, "", fmt.Sprintf("%s after the array of places; expected the end of the file", jsonKind(tok)))
		}
		return
	}
	if row == 0 {
		f.add(problem.Warning, "empty-list", at{}, "", "the array holds no place")
	}
}

// jsonObject reads one element of the array; nil (and a problem) when it is no
// object.
func (f *fileState) jsonObject(dec *json.Decoder, row int) (*raw, error) {
	a := at{row: row, json: true}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		if err := skip(dec, tok); err != nil {
			return nil, err
		}
		f.stats.Records++
		f.stats.Rejected++
		f.add(problem.Warning, "rejected", a, "", fmt.Sprintf("%s; expected an object describing a place: left out", jsonKind(tok)))
		return nil, nil
	}
	rec := &raw{at: a, cols: map[string]string{}}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := kt.(string)
		col := normColumn(key)
		vt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch v := vt.(type) {
		case string:
			rec.cols[col] = v
		case json.Number:
			rec.cols[col] = v.String()
		case bool:
			rec.cols[col] = strconv.FormatBool(v)
		case nil:
		case json.Delim:
			if rec.nested == nil {
				rec.nested = map[string]string{}
			}
			rec.nested[col] = jsonKind(v)
			if err := skip(dec, v); err != nil {
				return nil, err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing }
		return nil, err
	}
	return rec, nil
}

// skip reads past the rest of a value whose first token was tok.
func skip(dec *json.Decoder, tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == '}' || d == ']' {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

func jsonKind(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return fmt.Sprintf("a string (%q)", clip(v))
	case json.Number:
		return "a number (" + v.String() + ")"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

// jsonProblem reports a JSON syntax error with its line and column, which the
// decoder does not give: the file is read again up to the error's offset.
func (f *fileState) jsonProblem(err error, row int, offset int64, open func() (io.ReadCloser, error)) {
	var se *json.SyntaxError
	what := err.Error()
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		what = "the file ends in the middle of the JSON (truncated?)"
	}
	line, col := 1, 1
	if r, err := open(); err == nil {
		br := bufio.NewReader(io.LimitReader(r, offset))
		for {
			c, err := br.ReadByte()
			if err != nil {
				break
			}
			if c == '\n' {
				line, col = line+1, 1
			} else if c&0xC0 != 0x80 {
				col++
			}
		}
		r.Close()
	}
	where := "before the array"
	if row > 0 {
		where = fmt.Sprintf("in object %d of the array", row)
	}
	f.add(problem.Error, "bad-json", at{row: row}, "", fmt.Sprintf("malformed JSON %s, at line %d, column %d (byte %d): %s; places after it are not read",
		where, line, col, offset, what))
}
