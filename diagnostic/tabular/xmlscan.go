package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads the few SpreadsheetML parts diagnum needs (sheets, shared
// strings, workbook, styles) tag by tag, straight from the inflated bytes:
// encoding/xml allocates a token per tag and is several times slower than
// inflating, which matters on 35,000 × 100 sheets. It knows elements,
// attributes, character data, the five predefined entities and character
// references, CDATA sections, comments and processing instructions;
// namespace prefixes are dropped (x:row is row). A DOCTYPE is refused, so
// no entity can be declared, let alone expanded.
type xmlScanner struct {
	r   io.Reader
	buf []byte
	pos int // next byte to scan
	end int // end of the bytes read
	eof bool
	err error // read error, sticky
	max int   // largest tag or text accepted, so a corrupt part cannot fill memory
}

// errXML is wrapped by every error about the XML itself (not the reading).
var errXML = errors.New("malformed XML")

// errTooLarge is wrapped when a tag or a text is longer than the scanner accepts.
var errTooLarge = errors.New("XML element too large")

const (
	scanBuffer = 256 << 10
	// scanMaxToken bounds one tag or one text: a cell holds at most 32,767
	// characters in Excel, so 8 MiB leaves ample room for escapes.
	scanMaxToken = 8 << 20
)

// newXMLScanner reads r; size, when known (> 0), is the part's size, so a
// small part gets a small buffer (it grows if a token needs it).
func newXMLScanner(r io.Reader, size int64) *xmlScanner {
	n := int64(scanBuffer)
	if size > 0 && size < n {
		n = max(size+1, 512)
	}
	return &xmlScanner{r: r, buf: make([]byte, n), max: scanMaxToken}
}

// fill reads more bytes, keeping buf[pos:end] (moved to the front); it
// returns false when nothing more can be read.
func (s *xmlScanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.max {
			s.err = fmt.Errorf("%w (more than %d MiB without a complete tag or text)", errTooLarge, s.max>>20)
			return false
		}
		nb := make([]byte, min(2*len(s.buf), s.max))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return n > 0
		}
		if err != nil {
			s.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// failure returns the read error, or errXML when the input ended early.
func (s *xmlScanner) failure(what string) error {
	if s.err != nil {
		return s.err
	}
	return fmt.Errorf("%w: %s", errXML, what)
}

// xmlTag is an element tag; its slices point into the scanner's buffer and
// are valid until the next call.
type xmlTag struct {
	name  []byte // local name, prefix dropped
	attrs []byte // raw attribute text
	close bool   // </name>
	empty bool   // <name/>
}

// next moves to the next element tag, skipping character data, comments,
// processing instructions and CDATA. It returns false at the end of the
// input (err() says whether that end was clean).
func (s *xmlScanner) next(t *xmlTag) bool {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			s.pos = s.end
			if !s.fill() {
				return false
			}
			continue
		}
		s.pos += i
		if s.end-s.pos < 2 {
			s.fill()
		}
		if s.pos+1 < s.end && (s.buf[s.pos+1] == '!' || s.buf[s.pos+1] == '?') {
			if !s.skipSpecial() {
				return false
			}
			continue
		}
		j, ok := s.tagEnd()
		if !ok {
			return false
		}
		tag := s.buf[s.pos+1 : j] // between < and >
		s.pos = j + 1
		t.close, t.empty = false, false
		if len(tag) > 0 && tag[0] == '/' {
			t.close = true
			tag = tag[1:]
		} else if len(tag) > 0 && tag[len(tag)-1] == '/' {
			t.empty = true
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isSpace(tag[n]) {
			n++
		}
		name := tag[:n]
		if k := bytes.LastIndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		if len(name) == 0 {
			s.err = fmt.Errorf("%w: a tag without a name", errXML)
			return false
		}
		t.name, t.attrs = name, tag[n:]
		return true
	}
}

// tagEnd returns the index of the '>' closing the tag at s.pos, reading
// more input as needed; quotes are honoured, since '>' may appear in an
// attribute value.
func (s *xmlScanner) tagEnd() (int, bool) {
	var quote byte
	j := s.pos + 1
	for {
		for ; j < s.end; j++ {
			c := s.buf[j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '>':
				return j, true
			case c == '"' || c == '\'':
				quote = c
			case c == '<':
				s.err = fmt.Errorf("%w: '<' inside a tag", errXML)
				return 0, false
			}
		}
		off := j - s.pos
		if !s.fill() {
			if s.err == nil {
				s.err = s.failure("the part ends inside a tag")
			}
			return 0, false
		}
		j = s.pos + off
	}
}

// skipSpecial skips the comment, processing instruction or CDATA section
// at s.pos (CDATA outside a text of interest holds no tag); a DOCTYPE is
// an error.
func (s *xmlScanner) skipSpecial() bool {
	var closing string
	switch {
	case s.hasPrefix("<!--"):
		closing = "-->"
	case s.hasPrefix("<?"):
		closing = "?>"
	case s.hasPrefix("<![CDATA["):
		closing = "]]>"
	default:
		s.err = fmt.Errorf("%w: DOCTYPE or unknown declaration, not allowed in a workbook part", errXML)
		return false
	}
	k, ok := s.find(s.pos+2, closing)
	if !ok {
		return false
	}
	s.pos = k + len(closing)
	return true
}

// hasPrefix reports whether the input at s.pos starts with p, reading more
// if needed.
func (s *xmlScanner) hasPrefix(p string) bool {
	for s.end-s.pos < len(p) {
		if !s.fill() {
			break
		}
	}
	return bytes.HasPrefix(s.buf[s.pos:s.end], []byte(p))
}

// find returns the index of sep at or after from, reading more as needed.
func (s *xmlScanner) find(from int, sep string) (int, bool) {
	for {
		if k := bytes.Index(s.buf[from:s.end], []byte(sep)); k >= 0 {
			return from + k, true
		}
		off := max(from, s.end-len(sep)+1) - s.pos
		if !s.fill() {
			if s.err == nil {
				s.err = s.failure("unterminated " + sep)
			}
			return 0, false
		}
		from = s.pos + off
	}
}

// text appends to dst the character data from s.pos to the next tag,
// decoded (entities, CDATA, line ends as encoding/xml gives them), and
// leaves s.pos on that tag.
func (s *xmlScanner) text(dst []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			// Keep an incomplete entity or CR for the next round.
			chunk := s.buf[s.pos:s.end]
			keep := 0
			if k := bytes.LastIndexByte(chunk, '&'); k >= 0 && bytes.IndexByte(chunk[k:], ';') < 0 && len(chunk)-k < 12 {
				keep = len(chunk) - k
			} else if len(chunk) > 0 && chunk[len(chunk)-1] == '\r' {
				keep = 1
			}
			var err error
			if dst, err = decodeText(dst, chunk[:len(chunk)-keep]); err != nil {
				return dst, err
			}
			if len(dst) > s.max {
				return dst, fmt.Errorf("%w (a text longer than %d MiB)", errTooLarge, s.max>>20)
			}
			s.pos = s.end - keep
			if !s.fill() {
				return dst, s.failure("the part ends inside a text")
			}
			continue
		}
		var err error
		if dst, err = decodeText(dst, s.buf[s.pos:s.pos+i]); err != nil {
			return dst, err
		}
		s.pos += i
		switch {
		case s.hasPrefix("<![CDATA["):
			k, ok := s.find(s.pos+9, "]]>")
			if !ok {
				return dst, s.failure("unterminated CDATA")
			}
			dst = appendNewlines(dst, s.buf[s.pos+9:k])
			s.pos = k + 3
		case s.hasPrefix("<!--"), s.hasPrefix("<?"):
			if !s.skipSpecial() {
				return dst, s.failure("unterminated comment")
			}
		default:
			return dst, nil
		}
	}
}

// cellTag recognises, at s.pos, a cell start tag "<c ...>" or "<c .../>"
// already in the buffer, reading its reference, type and style in the same
// pass; anything else (another tag, a prefix, a tag cut by the buffer end)
// is left to the general path.
func (s *xmlScanner) cellTag() (ref, typ []byte, style int, empty, ok bool) {
	b := s.buf[s.pos:s.end]
	if len(b) < 4 || b[0] != '<' || b[1] != 'c' || (b[2] != ' ' && b[2] != '>' && b[2] != '/') {
		return nil, nil, 0, false, false
	}
	style = -1
	i := 2
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return nil, nil, 0, false, false
		}
		switch b[i] {
		case '>':
			s.pos += i + 1
			return ref, typ, style, false, true
		case '/':
			if i+1 < len(b) && b[i+1] == '>' {
				s.pos += i + 2
				return ref, typ, style, true, true
			}
			return nil, nil, 0, false, false
		}
		k := i
		for k < len(b) && b[k] != '=' && !isSpace(b[k]) && b[k] != '>' {
			k++
		}
		if k+1 >= len(b) || b[k] != '=' || b[k+1] != '"' {
			return nil, nil, 0, false, false
		}
		key := b[i:k]
		v := k + 2
		e := v
		for e < len(b) && b[e] != '"' {
			if b[e] == '&' || b[e] == '<' {
				return nil, nil, 0, false, false
			}
			e++
		}
		if e >= len(b) {
			return nil, nil, 0, false, false
		}
		if len(key) == 1 {
			switch key[0] {
			case 'r':
				ref = b[v:e]
			case 't':
				typ = b[v:e]
			case 's':
				n := 0
				for _, d := range b[v:e] {
					if d < '0' || d > '9' || n > 1<<24 {
						n = -1
						break
					}
					n = n*10 + int(d-'0')
				}
				style = n
			}
		}
		i = e + 1
	}
}

// simpleValue recognises, at s.pos, the common cell content
// "<v>text</v></c>" with a text free of markup, entities and CR, already
// in the buffer; it consumes it and returns the text. Anything else is left
// to the general path.
func (s *xmlScanner) simpleValue() ([]byte, bool) {
	b := s.buf[s.pos:s.end]
	if len(b) < 11 || b[0] != '<' || b[1] != 'v' || b[2] != '>' {
		return nil, false
	}
	k := 3
	for ; k < len(b); k++ {
		c := b[k]
		if c == '<' {
			break
		}
		if c == '&' || c == '\r' {
			return nil, false
		}
	}
	v, rest := b[3:k], b[k:]
	if len(rest) < 8 || string(rest[:8]) != "</v></c>" {
		return nil, false
	}
	k -= 3
	s.pos += 3 + k + 8
	return v, true
}

// skipElement skips to the end of the element whose start tag was just read.
func (s *xmlScanner) skipElement(name []byte) error {
	depth := 1
	var t xmlTag
	for s.next(&t) {
		switch {
		case t.empty:
		case t.close:
			depth--
			if depth == 0 {
				return nil
			}
		default:
			depth++
		}
	}
	return s.failure("the part ends inside <" + string(name) + ">")
}

// decodeText appends raw character data decoded: entities and character
// references replaced, CR LF and lone CR turned into LF.
func decodeText(dst, raw []byte) ([]byte, error) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return append(dst, raw...), nil
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '\r':
			dst = append(dst, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case '&':
			k := bytes.IndexByte(raw[i:], ';')
			if k < 0 {
				return dst, fmt.Errorf("%w: '&' without ';'", errXML)
			}
			ent := raw[i+1 : i+k]
			switch string(ent) {
			case "lt":
				dst = append(dst, '<')
			case "gt":
				dst = append(dst, '>')
			case "amp":
				dst = append(dst, '&')
			case "apos":
				dst = append(dst, '\'')
			case "quot":
				dst = append(dst, '"')
			default:
				r, ok := charRef(ent)
				if !ok {
					return dst, fmt.Errorf("%w: unknown entity &%s;", errXML, clip(string(ent)))
				}
				dst = utf8.AppendRune(dst, r)
			}
			i += k + 1
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst, nil
}

// charRef decodes "#123" or "#x1F" to a character allowed in XML.
func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ent[1] == 'x' {
		n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
	}
	r := rune(n)
	if err != nil || !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
		return 0, false
	}
	return r, true
}

// appendNewlines appends CDATA content with line ends normalised.
func appendNewlines(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\r' {
			dst = append(dst, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			continue
		}
		dst = append(dst, raw[i])
	}
	return dst
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attr returns the raw value of the attribute with this local name (prefix
// dropped: r:id is id), or ok false.
func attr(attrs []byte, name string) (val []byte, ok bool) {
	i := 0
	for i < len(attrs) {
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		start := i
		for i < len(attrs) && attrs[i] != '=' && !isSpace(attrs[i]) {
			i++
		}
		key := attrs[start:i]
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || attrs[i] != '=' {
			return nil, false
		}
		i++
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || (attrs[i] != '"' && attrs[i] != '\'') {
			return nil, false
		}
		q := attrs[i]
		i++
		vs := i
		for i < len(attrs) && attrs[i] != q {
			i++
		}
		if i >= len(attrs) {
			return nil, false
		}
		v := attrs[vs:i]
		i++
		if k := bytes.LastIndexByte(key, ':'); k >= 0 {
			key = key[k+1:]
		}
		if string(key) == name {
			return v, true
		}
	}
	return nil, false
}

// attrString is attr decoded to a string ("" when absent or malformed).
func attrString(attrs []byte, name string) (string, bool) {
	v, ok := attr(attrs, name)
	if !ok {
		return "", false
	}
	d, err := decodeText(nil, v)
	if err != nil {
		return "", false
	}
	return string(d), true
}
