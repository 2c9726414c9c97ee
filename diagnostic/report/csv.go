package report

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/diagnum/diagnum/diagnostic"
	"github.com/diagnum/diagnum/diagnostic/report/view"
	"github.com/diagnum/diagnum/indicators"
	"github.com/diagnum/diagnum/indicators/offer"
)

// csvName names a level's CSV by its stable ID, so scripts do not depend on French labels.
func csvName(lv *diagnostic.Level) string { return "indicateurs-" + lv.ID + ".csv" }

// writeCSV writes one level as RFC 4180 CSV for machines: comma, dot decimals, UTF-8
// without BOM, "\n" line ends, indicator IDs as headers, a missing value as an empty cell.
// With places, the offer columns (Offer.Columns IDs) follow the indicators and their
// coverage, then, for a studied level, the quadrant (Quadrant.ID()), before the scores.
func writeCSV(w io.Writer, res *diagnostic.Result, lv *diagnostic.Level) error {
	cw := csv.NewWriter(w)
	header := []string{"code", "libelle", "population"}
	for _, ind := range res.Indicators {
		header = append(header, ind.ID)
	}
	if withCoverage(lv) {
		for _, ind := range res.Indicators {
			header = append(header, ind.ID+"_couverture")
		}
	}
	offerFirst := len(header)
	var offerCols []offer.Column
	if res.Offer != nil {
		offerCols = res.Offer.Columns
		for _, c := range offerCols {
			header = append(header, c.ID)
		}
		if withQuadrant(res, lv) {
			header = append(header, "quadrant")
		}
	}
	scores := scoreColumns(lv)
	for _, c := range scores {
		header = append(header, c.id)
	}
	ranks := rankIndex(lv)
	if err := cw.Write(header); err != nil {
		return err
	}
	record := make([]string, len(header))
	for r, row := range lv.Rows {
		record[0], record[1], record[2] = row.Code, row.Name, formatNumber(row.Population)
		for i, v := range row.Values {
			record[3+i] = formatNumber(v.Value)
			if withCoverage(lv) {
				record[3+len(row.Values)+i] = formatNumber(coverage(v))
			}
		}
		for j := range offerCols {
			record[offerFirst+j] = formatNumber(view.OfferValue(lv, r, j))
		}
		if withQuadrant(res, lv) {
			record[offerFirst+len(offerCols)] = view.QuadrantOf(lv, r).ID()
		}
		if scores != nil {
			first := len(record) - len(scores)
			for j, v := range scoreRow(lv, scores, r, ranks) {
				record[first+j] = formatNumber(v)
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// withQuadrant says whether a level's tables carry the need × offer quadrant: the
// studied levels do when places were given (blank where a territory was not placed).
func withQuadrant(res *diagnostic.Result, lv *diagnostic.Level) bool {
	return res.Offer != nil && !lv.Reference
}

// withCoverage says whether a level's tables carry, beside each indicator, the share
// of the population its value speaks for: above the commune, a value may rest on
// part of the territory only (secret statistique, a file lacking communes).
func withCoverage(lv *diagnostic.Level) bool { return lv.ID != "commune" }

// coverage is the percentage of the population behind a value, missing with it.
func coverage(v indicators.Value) float64 {
	if v.Missing() {
		return math.NaN()
	}
	return v.Coverage * 100
}

// formatNumber is the shortest text that parses back to v (so an integral population
// prints without decimals), or "" when v is missing: a gap must never read as 0 or "NaN".
func formatNumber(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return ""
	case v == 0:
		return "0" // not "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
