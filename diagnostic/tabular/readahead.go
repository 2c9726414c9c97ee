package tabular

import (
	"io"
	"sync"
)

// Read-ahead sizes: a few chunks in flight are enough to keep both cores
// busy, one inflating, one scanning.
const (
	aheadChunk  = 256 << 10
	aheadChunks = 4
	// aheadMinPart is the smallest sheet worth a second goroutine.
	aheadMinPart = 4 << 20
)

// aheadReader reads its source on another goroutine, a few chunks ahead of
// the caller, so inflating a sheet and scanning it overlap: on two cores a
// sheet then costs about the slower of the two instead of their sum.
type aheadReader struct {
	ch     chan aheadChunkData
	free   chan []byte
	done   chan struct{}
	exited chan struct{}
	cur    []byte // unread part of the current chunk
	base   []byte // the current chunk's whole buffer, to recycle
	err    error
	once   sync.Once
}

type aheadChunkData struct {
	b   []byte
	err error
}

// readAhead starts reading r; Close must be called, and r must not be used
// by anyone else until it returns.
func readAhead(r io.Reader) *aheadReader {
	a := &aheadReader{
		ch:     make(chan aheadChunkData, aheadChunks),
		free:   make(chan []byte, aheadChunks+2),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	go a.run(r)
	return a
}

func (a *aheadReader) run(r io.Reader) {
	defer close(a.exited)
	allocated := 0
	for {
		var b []byte
		select {
		case b = <-a.free:
		case <-a.done:
			return
		default:
			if allocated < aheadChunks+1 {
				allocated++
				b = make([]byte, aheadChunk)
			} else {
				select {
				case b = <-a.free:
				case <-a.done:
					return
				}
			}
		}
		n, err := fill(r, b)
		select {
		case a.ch <- aheadChunkData{b[:n], err}:
		case <-a.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// fill reads into b until it is full or r fails; io.EOF is returned as is.
func fill(r io.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		k, err := r.Read(b[n:])
		n += k
		if err != nil {
			return n, err
		}
		if k == 0 {
			return n, io.ErrNoProgress
		}
	}
	return n, nil
}

func (a *aheadReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.err != nil {
			return 0, a.err
		}
		if a.base != nil {
			a.free <- a.base[:cap(a.base)]
			a.base = nil
		}
		c := <-a.ch
		a.cur, a.base, a.err = c.b, c.b, c.err
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

// Close stops the reading goroutine and waits for it, so the source can be
// closed safely afterwards.
func (a *aheadReader) Close() error {
	a.once.Do(func() {
		close(a.done)
		<-a.exited
	})
	return nil
}
