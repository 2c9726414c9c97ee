// Package geo knows the French communes and the territories above them (EPCI à
// fiscalité propre, département, région) for one vintage of INSEE's Code officiel
// géographique (COG): the COG 2026 embedded in the binary, or any vintage read from
// INSEE's "table d'appartenance géographique des communes".
//
// It also says what an input's commune code means today (Resolve) and repairs the
// codes spreadsheets damage (NormalizeCode).
//
// Départements and régions include the overseas collectivités (COM: 975, 977, 978,
// 984, 986, 987, 988, 989) when the source lists them, as the embedded COG does:
// their communes are communes of the COG, and each one must have a known
// département and région. Zone tells them apart.
package geo

//go:generate go run ./internal/gencog -in ../../../shared/data/geo -out cog2026.tsv.gz
