package composite_test

import (
	"testing"

	"github.com/diagnum/diagnum/indicators/composite"
	"github.com/diagnum/diagnum/indicators/composite/internal/synth"
)

// BenchmarkDiagnumDefault35000 scores every French commune (35,000 × 11 indicators)
// with the default method: reference normalisation, equal-axis weights, arithmetic
// mean, exact natural breaks on 7 scores, diagnostics included.
func BenchmarkDiagnumDefault35000(b *testing.B) {
	tb := synth.Table(35000, 1, 0.01)
	p, _ := composite.DefaultParams(composite.MethodDiagnum)
	p.Imputation = []composite.ImputationRule{{Indicator: composite.IDPoverty, Method: composite.ImputeParent}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := composite.Compute(tb, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKit35000(b *testing.B) {
	tb := synth.Table(35000, 1, 0)
	p, _ := composite.DefaultParams(composite.MethodKit)
	p.Reference = composite.RefFrance
	for b.Loop() {
		if _, err := composite.Compute(tb, p); err != nil {
			b.Fatal(err)
		}
	}
}
