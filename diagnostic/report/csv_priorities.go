package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/diagnum/diagnum/diagnostic"
)

// prioritiesName names a level's priority list by its stable ID, like csvName.
func prioritiesName(lv *diagnostic.Level) string { return "priorites-" + lv.ID + ".csv" }

// priorityDrivers is how many driving indicators a priority row has room for: the
// pipeline gives at most two.
const priorityDrivers = 2

// withPriorities says whether a level gets a priority file: a studied level with at
// least one fragile and under-served territory.
func withPriorities(lv *diagnostic.Level) bool { return !lv.Reference && len(lv.Priorities) > 0 }

// writePrioritiesCSV writes a level's priority list (Level.Priorities) for machines,
// in the CSV conventions of writeCSV: rank, code, name, quadrant ID, fragile
// population, places, fragile population per place, then each driving indicator's
// ID, value and reference value. A territory without any place has an infinite need
// per place: the cell is empty and lieux says 0 (see the package documentation).
func writePrioritiesCSV(w io.Writer, lv *diagnostic.Level) error {
	cw := csv.NewWriter(w)
	header := []string{"rang", "code", "libelle", "quadrant", "population_fragile", "lieux", "population_fragile_par_lieu"}
	for k := range priorityDrivers {
		n := strconv.Itoa(k + 1)
		header = append(header, "facteur_"+n, "valeur_"+n, "reference_"+n)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, p := range lv.Priorities {
		record := []string{strconv.Itoa(p.Rank), p.Code, p.Name, p.Quadrant.ID(),
			formatNumber(p.FragilePopulation), formatNumber(p.Places), formatNumber(p.NeedPerPlace)}
		for k := range priorityDrivers {
			if k < len(p.Drivers) {
				d := p.Drivers[k]
				record = append(record, d.ID, formatNumber(d.Value), formatNumber(d.Reference))
			} else {
				record = append(record, "", "", "")
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
