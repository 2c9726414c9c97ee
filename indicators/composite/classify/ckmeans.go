package classify

import "math"

// ckmeans returns the limits of the optimal k-group partition of sorted s (Wang & Song
// 2011, "Ckmeans.1d.dp"). cost[m][i] is the least sum of squares of s[0..i] cut into
// m+1 groups; the last group of that optimum starts at first[m][i]. Because that start
// never moves left when i grows, each row is filled by divide and conquer in
// O(n log n), so 35,000 scores into 10 classes stays fast; the result is still the
// exact optimum of the dynamic programme.
func ckmeans(s []float64, k int) []float64 {
	n := len(s)
	distinct := 1
	for i := 1; i < n; i++ {
		if s[i] != s[i-1] {
			distinct++
		}
	}
	k = min(k, distinct)
	ssq := newSSQ(s)
	cost := make([][]float64, k)
	first := make([][]int, k)
	for m := range k {
		cost[m] = make([]float64, n)
		first[m] = make([]int, n)
	}
	for i := range n {
		cost[0][i] = ssq.within(0, i)
	}
	for m := 1; m < k; m++ {
		fillRow(cost[m-1], cost[m], first[m], ssq, m, m, n-1, m, n-1)
	}
	// Walk back from the last value: group m spans first[m][end] … end.
	lim := make([]float64, k+1)
	lim[0], lim[k] = s[0], s[n-1]
	end := n - 1
	for m := k - 1; m > 0; m-- {
		start := first[m][end]
		lim[m] = s[start]
		end = start - 1
	}
	return lim
}

// fillRow computes cost[m][i] for i in [lo, hi], knowing the optimal start of the last
// group lies in [jlo, jhi].
func fillRow(prev, cur []float64, first []int, ssq *ssq, m, lo, hi, jlo, jhi int) {
	if lo > hi {
		return
	}
	mid := (lo + hi) / 2
	best, bestJ := math.Inf(1), -1
	for j := max(jlo, m); j <= min(mid, jhi); j++ {
		c := prev[j-1] + ssq.within(j, mid)
		if c < best {
			best, bestJ = c, j
		}
	}
	cur[mid], first[mid] = best, bestJ
	fillRow(prev, cur, first, ssq, m, lo, mid-1, jlo, bestJ)
	fillRow(prev, cur, first, ssq, m, mid+1, hi, bestJ, jhi)
}

// ssq answers "sum of squared deviations of s[j..i] from their mean" in O(1) from
// prefix sums of values shifted by the median, which limits cancellation.
type ssq struct{ s1, s2 []float64 }

func newSSQ(s []float64) *ssq {
	shift := s[len(s)/2]
	q := &ssq{s1: make([]float64, len(s)+1), s2: make([]float64, len(s)+1)}
	for i, v := range s {
		d := v - shift
		q.s1[i+1] = q.s1[i] + d
		q.s2[i+1] = q.s2[i] + d*d
	}
	return q
}

func (q *ssq) within(j, i int) float64 {
	n := float64(i - j + 1)
	sum := q.s1[i+1] - q.s1[j]
	v := q.s2[i+1] - q.s2[j] - sum*sum/n
	return math.Max(0, v)
}
