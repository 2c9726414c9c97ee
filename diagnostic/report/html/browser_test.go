package html

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/spec"
)

// The browser test needs Debian's chromium and the npm package echarts; .ci/run
// installs both and sets these variables. Without them the test skips, saying why.
const (
	envChromium    = "DIAGNUM_CHROMIUM"    // default /usr/bin/chromium
	envECharts     = "DIAGNUM_ECHARTS_JS"  // node_modules/echarts/dist/echarts.min.js
	envScreenshots = "DIAGNUM_SCREENSHOTS" // a folder: also save full-page screenshots there
)

// contoursDir holds the Nièvre outlines of the shared data, seen from this package.
var contoursDir = filepath.Join("..", "..", "..", "..", "shared", "data", "contours")

// hostile names stand in for names read from inputs: they must show as text.
const (
	hostileCommune = `<script>alert(1)</script>`
	hostileEPCI    = `<img src=x onerror=alert(2)>"'&`
	hostilePlace   = `<img src=y onerror=alert(3)>`
)

// recorder runs before anything else in the page: it records every JavaScript error
// and any dialog a script would open.
const recorder = `<script>
window.__diagnum = {errors: [], alerts: []};
window.addEventListener('error', function (e) { window.__diagnum.errors.push(String(e.message || e)); });
window.addEventListener('unhandledrejection', function (e) { window.__diagnum.errors.push('rejection: ' + String(e.reason)); });
(function () { var ce = console.error; console.error = function () { window.__diagnum.errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); return ce.apply(console, arguments); }; })();
window.alert = window.confirm = window.prompt = function (m) { window.__diagnum.alerts.push(String(m)); };
</script>`

// checker runs after the charts are drawn: per chart, the share of its canvas pixels
// that are not blank; then it picks another territory in each list, draws again and
// writes everything as JSON into the DOM for --dump-dom.
var checker = `<script>
window.addEventListener('load', function () { setTimeout(function () {
  var out = window.__diagnum;
  out.charts = [];
  document.querySelectorAll('.chart').forEach(function (div) {
    var c = {id: div.id, canvases: 0, pixels: 0, inked: 0, series: []};
    var inst = echarts.getInstanceByDom(div);
    if (inst) (inst.getOption().series || []).forEach(function (s) {
      c.series.push({type: s.type, coords: s.coordinateSystem || '', points: (s.data || []).length});
    });
    div.querySelectorAll('canvas').forEach(function (cv) {
      c.canvases++;
      var data = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
      for (var i = 0; i < data.length; i += 4) {
        c.pixels++;
        if (data[i + 3] > 0 && (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245)) c.inked++;
      }
    });
    out.charts.push(c);
  });
  // Show the tooltip of every item (names go into them as HTML, escaped).
  out.tooltips = 0;
  document.querySelectorAll('.chart').forEach(function (div) {
    var chart = echarts.getInstanceByDom(div);
    if (!chart) return;
    (chart.getOption().series || []).forEach(function (s, si) {
      for (var k = 0; k < Math.min((s.data || []).length, 400); k++) {
        chart.dispatchAction({type: 'showTip', seriesIndex: si, dataIndex: k});
        out.tooltips++;
      }
    });
  });
  document.querySelectorAll('select[data-chart]').forEach(function (s) {
    s.selectedIndex = s.options.length - 1;
    s.dispatchEvent(new Event('change'));
  });
  setTimeout(function () {
    out.text = document.body.textContent.indexOf(` + jsString(hostileCommune) + `) >= 0;
    out.images = document.querySelectorAll('img').length;
    var pre = document.createElement('pre');
    pre.id = 'diagnum-test-result';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }, 1000);
}, 1500); });
</script>`

type browserResult struct {
	Errors []string `json:"errors"`
	Alerts []string `json:"alerts"`
	Charts []struct {
		ID       string `json:"id"`
		Canvases int    `json:"canvases"`
		Pixels   int    `json:"pixels"`
		Inked    int    `json:"inked"`
		Series   []struct {
			Type   string `json:"type"`
			Coords string `json:"coords"`
			Points int    `json:"points"`
		} `json:"series"`
	} `json:"charts"`
	Text     bool `json:"text"`
	Images   int  `json:"images"`
	Tooltips int  `json:"tooltips"`
}

// TestBrowser renders rapport.html of the default run in headless Chromium, with
// ECharts inlined: no JavaScript error, no dialog, every chart drawn (its canvas
// inked), the need × offer charts placing territories and the maps the places of
// mediation, hostile names (a commune, an EPCI, a place) shown as text.
func TestBrowser(t *testing.T) {
	chromium := os.Getenv(envChromium)
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no Chromium at %s (set %s; .ci/run installs Debian's chromium): %v", chromium, envChromium, err)
	}
	jsPath := os.Getenv(envECharts)
	if jsPath == "" {
		t.Skipf("%s is not set: point it to dist/echarts.min.js of the npm package echarts 5 (.ci/run installs it)", envECharts)
	}
	js, err := os.ReadFile(jsPath)
	if err != nil {
		t.Skipf("cannot read ECharts: %v", err)
	}
	res := defaultRun(t)
	opt := Options{EChartsJS: js}
	want := []string{"chart-classement-epci", "chart-incertitude-rangs", "chart-profil", "chart-besoin-offre-epci", "chart-besoin-offre-commune",
		"chart-leviers-epci", "chart-distribution-communes"}
	if c, err := ReadContours(filepath.Join(contoursDir, "communes-58-nievre-2018.geojson"), filepath.Join(contoursDir, "epci-58-nievre.geojson")); err == nil {
		opt.Contours = c
		want = append(want, "chart-carte-communes", "chart-carte-epci")
	} else {
		t.Logf("maps not tested: %v", err)
	}
	dir := t.TempDir()
	var page bytes.Buffer
	if err := Write(&page, res, opt); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rapport.html"), page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The recorder goes first in <head>, the checker last in <body> (ECharts' own
	// code mentions these tags in strings).
	html := page.String()
	head, end := strings.Index(html, "<head>"), strings.LastIndex(html, "</body>")
	if head < 0 || end < head {
		t.Fatal("the page has no <head> or no </body>")
	}
	html = html[:head+len("<head>")] + recorder + html[head+len("<head>"):end] + checker + html[end:]
	harness := filepath.Join(dir, "test.html")
	if err := os.WriteFile(harness, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := runChromium(t, chromium, "--virtual-time-budget=20000", "--dump-dom", "file://"+harness)
	m := regexp.MustCompile(`(?s)<pre id="diagnum-test-result">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the checker wrote no result; DOM tail:\n%s", tail(dom, 2000))
	}
	var got browserResult
	if err := json.Unmarshal([]byte(unescapeHTML(m[1])), &got); err != nil {
		t.Fatalf("%v in %s", err, m[1])
	}
	if len(got.Errors) > 0 {
		t.Errorf("JavaScript errors: %q", got.Errors)
	}
	if len(got.Alerts) > 0 {
		t.Errorf("a script opened dialogs: %q (a name was not escaped)", got.Alerts)
	}
	if !got.Text {
		t.Errorf("the hostile commune name %q does not show as text", hostileCommune)
	}
	if got.Images != 0 {
		t.Errorf("%d <img> in the page: a name was parsed as HTML", got.Images)
	}
	if got.Tooltips < 300 {
		t.Errorf("only %d tooltips shown", got.Tooltips)
	}
	var ids []string
	for _, c := range got.Charts {
		ids = append(ids, c.ID)
		// The need × offer charts place territories; the maps show the places as points.
		points, places := 0, 0
		for _, s := range c.Series {
			points += s.Points
			if s.Type == "scatter" && s.Coords == "geo" {
				places += s.Points
			}
		}
		switch {
		case strings.HasPrefix(c.ID, "chart-besoin-offre-") && points == 0:
			t.Errorf("chart %s places no territory", c.ID)
		case strings.HasPrefix(c.ID, "chart-carte-") && places == 0:
			t.Errorf("map %s shows no place of mediation (series %+v)", c.ID, c.Series)
		case strings.HasPrefix(c.ID, "chart-carte-"):
			t.Logf("map %s: %d places of mediation", c.ID, places)
		}
		// A chart that drew has ink on at least 0.5 % of its canvas.
		if c.Canvases == 0 || c.Pixels == 0 || float64(c.Inked)/float64(c.Pixels) < 0.005 {
			t.Errorf("chart %s did not draw: %d canvas(es), %d of %d pixels inked", c.ID, c.Canvases, c.Inked, c.Pixels)
		} else {
			t.Logf("chart %s: %.1f %% of %d pixels inked", c.ID, 100*float64(c.Inked)/float64(c.Pixels), c.Pixels)
		}
	}
	for _, id := range want {
		if !slices.Contains(ids, id) {
			t.Errorf("chart %s missing from the page (charts: %q)", id, ids)
		}
	}
	if shots := os.Getenv(envScreenshots); shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, "rapport.html"), page.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, shot := range []struct{ name, size string }{{"rapport-laptop.png", "1366,12000"}, {"rapport-narrow.png", "800,16000"}} {
			runChromium(t, chromium, "--hide-scrollbars", "--window-size="+shot.size, "--virtual-time-budget=20000",
				"--screenshot="+filepath.Join(shots, shot.name), "file://"+filepath.Join(dir, "rapport.html"))
		}
		runChromium(t, chromium, "--virtual-time-budget=20000", "--no-pdf-header-footer",
			"--print-to-pdf="+filepath.Join(shots, "rapport.pdf"), "file://"+filepath.Join(dir, "rapport.html"))
		t.Logf("screenshots and PDF in %s", shots)
	}
}

// defaultRun is the default diagnostic (Nièvre, embedded data) with a small
// uncertainty analysis and hostile names.
func defaultRun(t *testing.T) *diagnostic.Result {
	t.Helper()
	s := spec.Default()
	s.Method.Uncertainty.Draws = 100
	res, err := diagnostic.Run(s, diagnostic.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Levels {
		lv := &res.Levels[i]
		switch lv.ID {
		case "epci":
			lv.Rows[0].Name = hostileEPCI
		case "commune":
			lv.Rows[0].Name = hostileCommune
		}
	}
	if res.Offer == nil || len(res.Offer.Places) == 0 {
		t.Fatal("the default run has no place of mediation")
	}
	res.Offer.Places[0].Name = hostilePlace
	return res
}

// runChromium runs headless Chromium with the flags a CI container needs and
// returns its standard output.
func runChromium(t *testing.T, chromium string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", chromium, err, tail(errOut.String(), 3000))
	}
	return out.String()
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// jsString writes s as a JavaScript string that cannot close a script element.
func jsString(s string) string {
	b, _ := json.Marshal(s) // escapes <, > and &
	return string(b)
}

// unescapeHTML undoes the escaping --dump-dom applies to text.
func unescapeHTML(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&amp;", "&").Replace(s)
}
