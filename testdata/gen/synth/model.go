package synth

import "math"

// The model: for each commune (or arrondissement, or IRIS) a synthetic
// census sample of S people is drawn by sex and age band, then every
// variable of every table is derived from those integer counts by splitting
// them further (enrolled or not, diploma, activity, household…). A variable
// is published as its integer sample count times the unit's weight P/S, so
// values are fractional like INSEE's (353.730434782608), a part never
// exceeds its whole, and the parts of a whole add up to it.

// bandLo are the lower bounds of the 17 age bands: the coarsest partition
// from which every age bracket of the four tables is a union of bands.
var bandLo = [...]int{0, 2, 6, 11, 15, 18, 20, 25, 30, 40, 45, 55, 60, 65, 75, 80, 90}

const nb = len(bandLo)

// ageShare is the share of each band in France (RP 2021, rounded).
var ageShare = [nb]float64{2.1, 4.6, 6.0, 4.9, 3.7, 2.3, 5.6, 5.6, 12.1, 6.2, 13.2, 6.5, 6.1, 11.3, 3.6, 5.9, 1.3}

// womenShare is the share of women in each band.
var womenShare = [nb]float64{.49, .49, .49, .49, .49, .49, .50, .50, .51, .51, .51, .52, .52, .53, .56, .61, .74}

// band returns the index range [i, j) of the bands covering ages [lo, hi);
// hi 0 means no upper bound. It panics on a bracket that is not a union of
// bands, a programming error caught by the tests.
func band(lo, hi int) (int, int) {
	i, j := -1, nb
	for k, b := range bandLo {
		if b == lo {
			i = k
		}
		if hi != 0 && b == hi {
			j = k
		}
	}
	if i < 0 || (hi != 0 && j == nb) || j <= i {
		panic("synth: age bracket not a union of bands")
	}
	return i, j
}

// Diploma levels of the non-enrolled population aged 15 or more, in the
// order of the INSEE variables.
const (
	dDIPLMIN = iota
	dBEPC
	dCAPBEP
	dBAC
	dSUP2
	dSUP34
	dSUP5
	nDipl
)

// Kinds of inactivity among the 15-64.
const (
	iETUD = iota
	iRETR
	iAINACT
	nInact
)

// Economic sectors of the jobs, in INSEE order.
const (
	sAGRI = iota
	sINDUS
	sCONST
	sCTS
	sAPESAS
	nSect
)

// people is the synthetic sample of one unit and what is derived from it.
type people struct {
	pop   int     // Pyy_POP, published as an integer
	w, wc float64 // weights of the principal and complementary exploitations

	n     [2][nb]int // persons by sex (0 men, 1 women) and band
	scol  [2][nb]int
	dipl  [2][nb][nDipl]int // non-enrolled, bands from 15 years
	act   [2][nb]int        // actives, bands 15-64 (and a few 65-74)
	chom  [2][nb]int
	inact [2][nb][nInact]int // bands 15-64
	fr    [3]int             // French, foreigners, immigrants (among the whole sample)
	cs15  [2][8]int          // 15 or more by socio-professional group
	hors  int                // outside ordinary households
	iran  [4][7]int          // 1 year or more, by age group (1-14, 15-24, 25-54, 55+) and where they lived a year before

	popmen, pseul, couple [2][nb]int // 15 or more: in households, living alone, in a couple
	marital               [6]int
	menType               [4]int // households other than one person: no family, couple without child, with child, single parent
	pmenType              [4]int // the persons living in them
	menCS, pmenCS         [8]int
	fam                   [3]int // couples with children, single parents, couples without children
	mono                  [2]int // single fathers, single mothers
	ne24                  [5]int // families by children under 25: 0, 1, 2, 3, 4 or more

	actCS, actoccCS [6]int
	jobs            int
	jobSal, jobFSal int
	jobSalTP        int
	jobFNSal        int
	jobNSalTP       int
	emplCS          [6]int
	sect            [nSect]int
	sectSal         [nSect]int
	sectFSal        [nSect]int
	sectNSal        [nSect]int
	sectFNSal       [nSect]int
}

// rng is splitmix64: tiny, fast and the same everywhere, so the synthetic
// files are byte-identical across platforms and Go versions.
type rng struct{ s uint64 }

func newRNG(seed uint64, key string) *rng {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * 1099511628211
	}
	return &rng{s: seed*0x9e3779b97f4a7c15 ^ h}
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float is uniform in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// between is uniform in [lo, hi).
func (r *rng) between(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// jitter multiplies p by a factor in [1-d, 1+d) and keeps it in [0, 1].
func (r *rng) jitter(p, d float64) float64 {
	return min(1, max(0, p*r.between(1-d, 1+d)))
}

// split divides k into len(out) integer parts proportional to shares
// (largest remainders, ties to the first), so the parts add up to k exactly.
func split(k int, shares []float64, out []int) {
	total := 0.0
	for _, s := range shares {
		total += s
	}
	if total <= 0 || k <= 0 {
		clear(out)
		if k > 0 {
			out[0] = k
		}
		return
	}
	var rem [32]float64
	left := k
	for i, s := range shares {
		exact := float64(k) * s / total
		out[i] = int(exact)
		rem[i] = exact - float64(out[i])
		left -= out[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range shares {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
}

// part is round(k·p) kept within [0, k].
func part(k int, p float64) int {
	return min(k, max(0, int(math.Floor(float64(k)*p+0.5))))
}

// profile holds the traits of a commune shared by its IRIS, so an IRIS
// looks like the commune it divides.
type profile struct {
	age, edu, unemp, alone, rural, jobRatio float64
	seed                                    uint64
	key                                     string
}

// newProfile draws the traits of a commune of population pop: small
// communes are older, more rural, less diplomaed, with fewer jobs.
func newProfile(seed uint64, code string, pop int) profile {
	r := newRNG(seed, "profile:"+code)
	size := math.Log10(float64(max(pop, 10))) // 1 … 6.3
	small := min(1, max(0, (4-size)/3))       // 1 for hamlets, 0 from 10,000 inhabitants
	return profile{
		age:      r.between(-0.25, 0.25) + 0.35*small - 0.1,
		edu:      r.between(-0.15, 0.15) - 0.2*small + 0.1,
		unemp:    r.between(0.6, 1.5) * (1.1 - 0.3*small),
		alone:    r.between(0.8, 1.2) * (1.1 - 0.35*small),
		rural:    small,
		jobRatio: r.between(0.3, 0.9) + (1-small)*r.between(0.2, 0.8),
		seed:     seed,
		key:      code,
	}
}

// draw builds the sample of a unit of population pop with the traits of
// its commune; key makes the draw of each IRIS of a commune its own.
func draw(pr profile, key string, pop int) *people {
	p := &people{pop: pop}
	if pop <= 0 {
		p.w, p.wc = 1, 1
		return p
	}
	r := newRNG(pr.seed, key)
	frac := r.between(0.86, 0.99) // small communes: exhaustive over five years
	if pop >= 10000 {
		frac = r.between(0.38, 0.42) // large communes: 8% of dwellings a year
	}
	s := max(1, int(math.Floor(float64(pop)*frac+0.5)))
	p.w = float64(pop) / float64(s)
	p.wc = p.w * r.between(0.97, 1.03)

	// Age and sex.
	var shares [nb]float64
	for i := range shares {
		mid := float64(bandLo[i]) + 2
		if i+1 < nb {
			mid = float64(bandLo[i]+bandLo[i+1]) / 2
		}
		shares[i] = ageShare[i] * max(0.05, 1+pr.age*(mid-40)/45) * r.between(0.9, 1.1)
	}
	var byBand [nb]int
	split(s, shares[:], byBand[:])
	for i, k := range byBand {
		p.n[1][i] = part(k, r.jitter(womenShare[i], 0.03))
		p.n[0][i] = k - p.n[1][i]
	}

	for sex := range 2 {
		for i := range nb {
			p.derivePerson(r, pr, sex, i)
		}
	}
	p.deriveWhole(r, pr)
	return p
}

// scolRate is the share enrolled in education by band.
var scolRate = [nb]float64{0.10, 0.80, 0.99, 0.99, 0.95, 0.75, 0.35, 0.07, 0.015, 0.005, 0.003}

// diplShare gives the diploma shares of the non-enrolled by band (from 15).
func diplShare(i int, edu float64) [nDipl]float64 {
	var s [nDipl]float64
	switch a := bandLo[i]; {
	case a < 18:
		s = [nDipl]float64{.70, .20, .08, .02, 0, 0, 0}
	case a < 25:
		s = [nDipl]float64{.13, .04, .18, .40, .13, .10, .02}
	case a < 30:
		s = [nDipl]float64{.10, .03, .16, .20, .15, .18, .18}
	case a < 45:
		s = [nDipl]float64{.12, .03, .22, .17, .14, .14, .18}
	case a < 60:
		s = [nDipl]float64{.16, .06, .30, .16, .12, .10, .10}
	case a < 75:
		s = [nDipl]float64{.27, .08, .30, .12, .08, .08, .07}
	default:
		s = [nDipl]float64{.50, .10, .20, .08, .05, .04, .03}
	}
	for d := range s {
		if d <= dCAPBEP {
			s[d] *= 1 - edu
		} else {
			s[d] *= 1 + edu
		}
	}
	return s
}

// activity gives the activity rate and the unemployment rate of the actives
// by sex and band (0 outside 15-74).
func activity(sex, i int) (act, chom float64) {
	switch a := bandLo[i]; {
	case a < 15 || a >= 75:
		return 0, 0
	case a < 18:
		return .08, .25
	case a < 25:
		return .55, .19
	case a < 55:
		if sex == 1 {
			return .86, .08
		}
		return .92, .075
	case a < 60:
		return .80, .07
	case a < 65:
		return .40, .07
	default:
		return .03, 0
	}
}

func (p *people) derivePerson(r *rng, pr profile, sex, i int) {
	k := p.n[sex][i]
	if i < len(scolRate) {
		p.scol[sex][i] = part(k, r.jitter(scolRate[i], 0.05))
	}
	age := bandLo[i]
	if age >= 15 {
		shares := diplShare(i, pr.edu)
		for d := range shares {
			shares[d] *= r.between(0.85, 1.15)
		}
		split(k-p.scol[sex][i], shares[:], p.dipl[sex][i][:])
	}
	ra, rc := activity(sex, i)
	p.act[sex][i] = part(k, r.jitter(ra, 0.06))
	p.chom[sex][i] = part(p.act[sex][i], r.jitter(rc*pr.unemp, 0.1))
	if age >= 15 && age < 65 {
		inact := k - p.act[sex][i]
		var sh [nInact]float64
		switch {
		case age < 25:
			sh = [nInact]float64{.85, 0, .15}
		case age < 55:
			sh = [nInact]float64{.05, .02, .93}
		default:
			sh = [nInact]float64{0, .75, .25}
		}
		split(inact, sh[:], p.inact[sex][i][:])
	}
	if age >= 15 {
		// Households: some live in institutions (more at great age).
		inst := 0.012
		if age >= 80 {
			inst = 0.12
		}
		p.popmen[sex][i] = k - part(k, r.jitter(inst, 0.3))
		var alone, couple float64
		switch {
		case age < 20:
			alone, couple = .01, .01
		case age < 25:
			alone, couple = .15, .20
		case age < 40:
			alone, couple = .18, .62
		case age < 55:
			alone, couple = .15, .70
		case age < 65:
			alone, couple = .20, .68
		case age < 80:
			alone, couple = .28, .62
		default:
			alone, couple = .45, .35
		}
		if sex == 1 && age >= 65 {
			alone, couple = alone*1.4, couple*0.7
		}
		m := p.popmen[sex][i]
		p.pseul[sex][i] = part(m, r.jitter(min(0.9, alone*pr.alone), 0.1))
		p.couple[sex][i] = part(m-p.pseul[sex][i], r.jitter(couple/(1-min(0.9, alone*pr.alone)), 0.05))
	}
}

func (p *people) deriveWhole(r *rng, pr profile) {
	total, pop15 := 0, [2]int{}
	for sex := range 2 {
		for i := range nb {
			total += p.n[sex][i]
			if bandLo[i] >= 15 {
				pop15[sex] += p.n[sex][i]
			}
		}
	}
	// Nationality and migration.
	p.fr[1] = part(total, r.between(0.01, 0.12)*(1.2-pr.rural))
	p.fr[0] = total - p.fr[1]
	p.fr[2] = min(total, p.fr[1]+part(total, r.between(0.005, 0.04)))

	// Socio-professional groups of the 15 or more.
	csShares := [8]float64{0.8 + 4*pr.rural, 3.5, 10 - 5*pr.rural, 15, 16, 12 + 4*pr.rural, 27 + 6*pr.rural, 15}
	for sex := range 2 {
		var sh [8]float64
		for c := range sh {
			sh[c] = csShares[c] * r.between(0.8, 1.2)
		}
		split(pop15[sex], sh[:], p.cs15[sex][:])
	}

	// Where the population aged 1 or more lived a year before.
	groups := [4][2]int{{0, 15}, {15, 25}, {25, 55}, {55, 0}}
	moved := [4]float64{.10, .22, .11, .04}
	for g, ab := range groups {
		lo, hi := band(ab[0], ab[1])
		k := 0
		for sex := range 2 {
			for i := lo; i < hi; i++ {
				k += p.n[sex][i]
			}
		}
		if g == 0 {
			k -= (p.n[0][0] + p.n[1][0]) / 2 // the under-ones
		}
		m := part(k, r.jitter(moved[g], 0.2))
		p.iran[g][0] = k - m
		sh := []float64{.35, .30, .12, .14, .02, .07}
		split(m, sh, p.iran[g][1:])
	}

	// Households.
	inHouse, alone := 0, 0
	for sex := range 2 {
		for i := range nb {
			inHouse += p.popmen[sex][i]
			alone += p.pseul[sex][i]
		}
	}
	// The under-15 all live in households.
	lo15, _ := band(0, 15)
	_, hi15 := band(0, 15)
	for sex := range 2 {
		for i := lo15; i < hi15; i++ {
			inHouse += p.n[sex][i]
		}
	}
	p.hors = total - inHouse
	others := inHouse - alone
	size := r.between(2.55, 2.95)
	nOther := int(float64(others)/size + 0.5)
	mono := r.jitter(0.15, 0.25) * (1.2 - 0.4*pr.rural)
	split(nOther, []float64{0.04, 0.44, 0.52 - mono, mono}, p.menType[:])
	var weights [4]float64
	for t, per := range [4]float64{2.2, 2.0, 3.9, 2.6} {
		weights[t] = float64(p.menType[t]) * per
	}
	split(others, weights[:], p.pmenType[:])
	men := alone + nOther
	csMen := [8]float64{1 + 4*pr.rural, 6, 9 - 4*pr.rural, 14, 15, 13 + 3*pr.rural, 33 + 5*pr.rural, 9}
	split(men, csMen[:], p.menCS[:])
	var pm [8]float64
	for c := range pm {
		pm[c] = float64(p.menCS[c]) * r.between(1.6, 2.9)
	}
	split(inHouse, pm[:], p.pmenCS[:])
	p.fam = [3]int{p.menType[2], p.menType[3], p.menType[1]}
	p.mono[0] = part(p.fam[1], r.jitter(0.17, 0.2))
	p.mono[1] = p.fam[1] - p.mono[0]
	fams := p.fam[0] + p.fam[1] + p.fam[2]
	split(fams, []float64{.46, .22, .20, .08, .04}, p.ne24[:])
	split(pop15[0]+pop15[1], []float64{41 * r.between(0.9, 1.1), 4, 9, 8, 7.5, 30.5 * r.between(0.9, 1.1)}, p.marital[:])

	// Activity by socio-professional group and jobs.
	act, chom := 0, 0
	for sex := range 2 {
		for i := range nb {
			if bandLo[i] < 65 {
				act += p.act[sex][i]
				chom += p.chom[sex][i]
			}
		}
	}
	actCS := [6]float64{1 + 3*pr.rural, 6.5, 21 - 8*pr.rural, 26, 27, 19 + 6*pr.rural}
	split(act, actCS[:], p.actCS[:])
	rate := 0.0
	if act > 0 {
		rate = float64(chom) / float64(act)
	}
	for c, k := range p.actCS {
		mult := [6]float64{0.3, 0.6, 0.5, 0.8, 1.2, 1.5}[c]
		p.actoccCS[c] = k - part(k, min(1, rate*mult))
	}
	occupied := act - chom
	p.jobs = int(float64(occupied)*pr.jobRatio + 0.5)
	emplCS := [6]float64{1 + 4*pr.rural, 7, 19 - 6*pr.rural, 26, 28, 19 + 5*pr.rural}
	split(p.jobs, emplCS[:], p.emplCS[:])
	sect := [nSect]float64{1 + 8*pr.rural, 12, 7, 45 - 8*pr.rural, 32}
	for s := range sect {
		sect[s] *= r.between(0.7, 1.3)
	}
	split(p.jobs, sect[:], p.sect[:])
	salRate := [nSect]float64{.35, .93, .78, .88, .94}
	womenRate := [nSect]float64{.28, .28, .12, .48, .68}
	for s := range nSect {
		p.sectSal[s] = part(p.sect[s], r.jitter(salRate[s], 0.05))
		p.sectNSal[s] = p.sect[s] - p.sectSal[s]
		p.sectFSal[s] = part(p.sectSal[s], r.jitter(womenRate[s], 0.1))
		p.sectFNSal[s] = part(p.sectNSal[s], r.jitter(womenRate[s]*0.8, 0.1))
		p.jobSal += p.sectSal[s]
		p.jobFSal += p.sectFSal[s]
		p.jobFNSal += p.sectFNSal[s]
	}
	p.jobSalTP = part(p.jobSal, r.jitter(0.18, 0.15))
	p.jobNSalTP = part(p.jobs-p.jobSal, r.jitter(0.10, 0.15))
}
