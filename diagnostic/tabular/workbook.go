package tabular

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// xlsxBook is an XLSX package opened for streaming: the sheets in workbook
// order with the parts holding them, and where its shared strings and
// styles are. Only the parts of the sheets actually read are inflated.
type xlsxBook struct {
	zr      *zip.Reader
	parts   map[string]*zip.File // by lower-cased name, "\" read as "/"
	sheets  []sheetPart
	sstPart string
	styles  string
	limit   int64
}

// sheetPart is one sheet of the workbook; part is "" for a sheet that is
// not a worksheet (a chart sheet) or whose part is missing.
type sheetPart struct {
	name, part string
}

// Relationship types, matched by their last path element so the strict
// OOXML namespace (purl.oclc.org) works as the transitional one does.
const (
	relOfficeDocument = "officeDocument"
	relWorksheet      = "worksheet"
	relSharedStrings  = "sharedStrings"
	relStyles         = "styles"
)

// openWorkbook reads the package structure: _rels/.rels, the workbook part
// and its relationships.
func openWorkbook(zr *zip.Reader, limit int64) (*xlsxBook, error) {
	wb := &xlsxBook{zr: zr, parts: map[string]*zip.File{}, limit: limit}
	for _, zf := range zr.File {
		wb.parts[partKey(zf.Name)] = zf
	}
	main := "xl/workbook.xml"
	if rels, err := wb.relationships("_rels/.rels", ""); err != nil {
		return nil, err
	} else {
		for _, r := range rels {
			if r.typ == relOfficeDocument {
				main = r.target
				break
			}
		}
	}
	if wb.parts[partKey(main)] == nil {
		return nil, fmt.Errorf("%w: the workbook part %s is missing", errXML, main)
	}
	rels, err := wb.relationships(path.Join(path.Dir(main), "_rels", path.Base(main)+".rels"), path.Dir(main))
	if err != nil {
		return nil, err
	}
	byID := map[string]relationship{}
	for _, r := range rels {
		byID[r.id] = r
		switch r.typ {
		case relSharedStrings:
			wb.sstPart = r.target
		case relStyles:
			wb.styles = r.target
		}
	}
	err = wb.scan(main, func(sc *xmlScanner, t *xmlTag) error {
		if string(t.name) != "sheet" || t.close {
			return nil
		}
		name, _ := attrString(t.attrs, "name")
		id, _ := attrString(t.attrs, "id")
		sp := sheetPart{name: name}
		if r, ok := byID[id]; ok && r.typ == relWorksheet && wb.parts[partKey(r.target)] != nil {
			sp.part = r.target
		}
		wb.sheets = append(wb.sheets, sp)
		return nil
	})
	return wb, err
}

// relationship is one entry of a .rels part, its target resolved.
type relationship struct{ id, typ, target string }

// relationships reads a .rels part (none if absent); targets are resolved
// against dir.
func (wb *xlsxBook) relationships(name, dir string) ([]relationship, error) {
	if wb.parts[partKey(name)] == nil {
		return nil, nil
	}
	var out []relationship
	err := wb.scan(name, func(sc *xmlScanner, t *xmlTag) error {
		if string(t.name) != "Relationship" || t.close {
			return nil
		}
		if mode, _ := attrString(t.attrs, "TargetMode"); mode == "External" {
			return nil
		}
		id, _ := attrString(t.attrs, "Id")
		typ, _ := attrString(t.attrs, "Type")
		target, _ := attrString(t.attrs, "Target")
		target = strings.ReplaceAll(target, `\`, "/")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		out = append(out, relationship{id: id, typ: typ[strings.LastIndexByte(typ, '/')+1:], target: target})
		return nil
	})
	return out, err
}

// open opens a part for reading, guarded against inflating beyond the limit.
func (wb *xlsxBook) open(name string) (io.ReadCloser, error) {
	zf := wb.parts[partKey(name)]
	if zf == nil {
		return nil, fmt.Errorf("%w: part %s is missing", errXML, name)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{&limitReader{r: rc, n: wb.limit, limit: wb.limit}, rc}, nil
}

// size is the declared inflated size of a part (0 if absent); the limit
// reader enforces it is not exceeded by more than the guard allows.
func (wb *xlsxBook) size(name string) int64 {
	if zf := wb.parts[partKey(name)]; zf != nil && zf.UncompressedSize64 < 1<<40 {
		return int64(zf.UncompressedSize64)
	}
	return 0
}

// scan calls fn for every tag of a small part.
func (wb *xlsxBook) scan(name string, fn func(*xmlScanner, *xmlTag) error) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := newXMLScanner(rc, wb.size(name))
	var t xmlTag
	for sc.next(&t) {
		if err := fn(sc, &t); err != nil {
			return err
		}
	}
	return sc.err
}

func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// sharedStrings reads the shared strings table: every string is decoded
// once into one buffer and handed out as slices of a single string.
func (wb *xlsxBook) sharedStrings() ([]string, error) {
	if wb.sstPart == "" || wb.parts[partKey(wb.sstPart)] == nil {
		return nil, nil
	}
	rc, err := wb.open(wb.sstPart)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return parseSharedStrings(rc, wb.size(wb.sstPart))
}

// Bounds of the shared strings held in memory: a national table has about
// 100,000 of them, a few MiB.
const (
	maxSharedStrings     = 1 << 22
	maxSharedStringBytes = 256 << 20
)

// parseSharedStrings reads a sharedStrings part of the given size (0 if
// unknown).
func parseSharedStrings(r io.Reader, size int64) ([]string, error) {
	sc := newXMLScanner(r, size)
	var (
		t    xmlTag
		buf  []byte
		ends []int
		err  error
	)
	depth := 0 // inside <si>
	from := 0
	for sc.next(&t) {
		switch string(t.name) {
		case "si":
			switch {
			case t.empty:
				ends = append(ends, len(buf))
			case t.close:
				buf = unescapeXString(buf, from)
				ends = append(ends, len(buf))
				depth = 0
			default:
				depth, from = 1, len(buf)
			}
			if len(ends) > maxSharedStrings || len(buf) > maxSharedStringBytes {
				return nil, tooBigError{what: fmt.Sprintf("the shared strings of the workbook (more than %d strings or %d MiB)", maxSharedStrings, maxSharedStringBytes>>20), limit: maxSharedStringBytes}
			}
		case "t":
			if depth == 1 && !t.close && !t.empty {
				if buf, err = sc.text(buf); err != nil {
					return nil, err
				}
			}
		case "rPh":
			if !t.close && !t.empty {
				if err := sc.skipElement(t.name); err != nil {
					return nil, err
				}
			}
		}
	}
	if sc.err != nil {
		return nil, sc.err
	}
	all := string(buf)
	out := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		out[i] = all[start:e]
		start = e
	}
	return out, nil
}

// dateStyles tells, for each cell style (cellXfs index), whether its number
// format shows a date or a time.
func (wb *xlsxBook) dateStyles() ([]bool, error) {
	if wb.styles == "" || wb.parts[partKey(wb.styles)] == nil {
		return nil, nil
	}
	custom := map[int]string{}
	var xfs []int
	in := ""
	err := wb.scan(wb.styles, func(sc *xmlScanner, t *xmlTag) error {
		switch name := string(t.name); {
		case name == "numFmts" || name == "cellXfs":
			if t.close {
				in = ""
			} else if !t.empty {
				in = name
			}
		case name == "numFmt" && in == "numFmts" && !t.close:
			id, _ := attrString(t.attrs, "numFmtId")
			code, _ := attrString(t.attrs, "formatCode")
			if n, err := strconv.Atoi(id); err == nil {
				custom[n] = code
			}
		case name == "xf" && in == "cellXfs" && !t.close:
			id, _ := attrString(t.attrs, "numFmtId")
			n, _ := strconv.Atoi(id)
			xfs = append(xfs, n)
		}
		return nil
	})
	dates := make([]bool, len(xfs))
	for i, id := range xfs {
		if code, ok := custom[id]; ok {
			dates[i] = isDateFormat(code)
		} else {
			dates[i] = id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
		}
	}
	return dates, err
}

// isDateFormat reports whether a custom number format shows a date or a
// time: it has d, m, y, h or s outside quoted text, escapes and [brackets]
// (except [h], [m], [s] elapsed times, which count).
func isDateFormat(code string) bool {
	if strings.EqualFold(code, "General") {
		return false
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				return false
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				return true
			}
			i += j
		case 'd', 'D', 'm', 'M', 'y', 'Y', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}
