// Package composite computes composite digital-fragility indices from a table of
// territories × indicators: the published methods of the "Indice de fragilité
// numérique" (the 2020 kit exactly, the 2020 national map, the 2021-2022 point method,
// the current 5-indicator core) and diagnum's own transparent method. It is pure
// arithmetic over the table it is given: no I/O, no randomness, no map iteration in
// its outputs.
//
// The caller builds a Table (indicator values already computed as ratios of summed
// counts at the level studied, the reference territory's values, the parent
// territory's values for imputation), picks Params (DefaultParams gives each preset's),
// and calls Compute. The Result holds, per territory, the points of each indicator,
// the axis, group and global scores, their classes and the rank, plus everything
// needed to repeat or audit the run: the resolved Params, the class limits, the
// weights, each imputed value with its reason, and indicator diagnostics.
//
// Scores at EPCI or département level are computed by passing a Table of EPCIs or
// départements whose indicators were aggregated from counts (never by averaging
// commune scores); Table.Level says which, and Result.Level repeats it.
//
// Sub-packages hold one step each: normalise, weights, aggregate, classify,
// diagnostics, and uncertainty (Monte Carlo over method choices, built on Scorer).
package composite
