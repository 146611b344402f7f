package importer

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// IsURL reports whether src names an HTTP resource rather than a file.
func IsURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// Open opens a file, or fetches a URL, for streaming into an importer.
// For a URL, progress (bytes, rate, and ETA when the size is known) goes to
// progress if it is not nil; an HTTP status other than 200 is an error.
func Open(ctx context.Context, client *http.Client, src string, progress io.Writer) (io.ReadCloser, error) {
	if !IsURL(src) {
		return os.Open(src)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %w", src, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("fetching %s: HTTP %s", src, resp.Status)
	}
	body := &countingReader{r: resp.Body, closer: resp.Body, src: src}
	if progress != nil {
		body.bar = &progressBar{w: progress, total: resp.ContentLength, start: time.Now()}
	}
	return body, nil
}

// countingReader counts bytes, so that a cut connection is reported at
// its byte offset, and drives a progress bar.
type countingReader struct {
	r      io.Reader
	closer io.Closer
	src    string
	n      int64
	bar    *progressBar
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.bar != nil {
		c.bar.update(c.n, err != nil)
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("reading %s at byte %d: %w", c.src, c.n, err)
	}
	return n, err
}

func (c *countingReader) Close() error { return c.closer.Close() }

// progressBar writes one self-overwriting line at most five times a
// second: bytes so far, rate, and the time left when the total is known.
type progressBar struct {
	w     io.Writer
	total int64
	start time.Time
	last  time.Time
}

func (b *progressBar) update(n int64, done bool) {
	now := time.Now()
	if !done && now.Sub(b.last) < 200*time.Millisecond {
		return
	}
	b.last = now
	secs := now.Sub(b.start).Seconds()
	rate := float64(n) / max(secs, 1e-3)
	line := fmt.Sprintf("\r%s  %s/s", mb(n), mb(int64(rate)))
	if b.total > 0 {
		left := time.Duration(float64(b.total-n)/max(rate, 1)) * time.Second
		line = fmt.Sprintf("\r%s of %s (%.0f%%)  %s/s  ETA %s", mb(n), mb(b.total), 100*float64(n)/float64(b.total), mb(int64(rate)), left.Round(time.Second))
	}
	if done {
		line += "\n"
	}
	fmt.Fprint(b.w, line)
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// Terminal reports whether w is a terminal, where a progress bar belongs.
func Terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
