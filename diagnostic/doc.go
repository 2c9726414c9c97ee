// Package diagnostic is the pipeline of a territorial digital-inclusion diagnostic:
// from a spec, it reads the geography and the inputs, builds the commune table,
// computes the indicators at every level and returns one Result. It writes nothing.
package diagnostic
