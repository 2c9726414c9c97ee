// Package places reads lists of digital-mediation places and locates each in
// today's commune.
//
// It reads the national schema of lieux de médiation numérique (v1.0.2 and the older
// 0.1 dialect, in CSV, XLSX or JSON), the France Services lists of the ANCT, the
// Conseillers numériques exports (places and host structures) and any other list
// through a column mapping. Each place is located in a commune of the geography by
// its INSEE code, else its postal code and commune name, else its coordinates (the
// commune whose centroid is nearest, flagged as approximate); a place that cannot be
// located is left out with the reason. A field that breaks the schema is dropped and
// the place kept. The same place found in several lists counts once. Every problem of
// every file comes back in one pass, located by file and row.
package places
