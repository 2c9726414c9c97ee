// Package offer measures the digital-mediation offer against the population and its
// fragility: places per commune and per 10,000 inhabitants, by lever, programme and
// format; the distance from each commune to the nearest place; and, for any
// territory, where it stands between need and offer.
//
// It is pure, like package indicators: places and communes in, tables out, no I/O.
// Distances are great-circle distances on the sphere (Haversine), measured from a
// point standing for each commune (its centroid) to the places' coordinates; the
// nearest-place search (Index) is exact.
package offer
