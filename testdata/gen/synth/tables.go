package synth

import (
	"fmt"
	"strconv"
	"strings"
)

// Table is one INSEE base-cc table: its variables, written with "yy" for the
// two digits of the vintage, are real INSEE names (those of the published
// CSV headers of ../shared/data/insee/sample-base-cc-*.CSV, and of
// evol-struct-pop).
type Table struct {
	ID    string // as in INSEE's file names: base-cc-<ID>-2021
	Title string // row 1 of the sheets, with the vintage as %d
	// Exploitation names the census exploitation in the source line.
	Exploitation string
	vars         []string
}

// Tables returns the four base-cc tables diagnum reads.
func Tables() []Table {
	return []Table{
		{ID: "evol-struct-pop", Title: "Évolution et structure de la population en %d",
			Exploitation: "exploitations principale et complémentaire", vars: evolVars()},
		{ID: "diplomes-formation", Title: "Diplômes - Formation en %d",
			Exploitation: "exploitation principale", vars: fields(diplomesVars)},
		{ID: "couples-familles-menages", Title: "Couples - Familles - Ménages en %d",
			Exploitation: "exploitations principale et complémentaire", vars: fields(couplesVars)},
		{ID: "emploi-pop-active", Title: "Emploi - Population active en %d",
			Exploitation: "exploitations principale et complémentaire", vars: fields(emploiVars)},
	}
}

// TableByID returns the table with that ID.
func TableByID(id string) (Table, bool) {
	for _, t := range Tables() {
		if t.ID == id {
			return t, true
		}
	}
	return Table{}, false
}

// Variables returns the variable names for a vintage (2021 → P21_POP…).
func (t Table) Variables(vintage int) []string {
	yy := fmt.Sprintf("%02d", vintage%100)
	out := make([]string, len(t.vars))
	for i, v := range t.vars {
		out[i] = strings.Replace(v, "yy", yy, 1)
	}
	return out
}

func fields(s string) []string { return strings.Split(s, ";") }

func evolVars() []string {
	v := []string{"Pyy_POP"}
	ages := []string{"0014", "1529", "3044", "4559", "6074", "7589", "90P"}
	for _, a := range ages {
		v = append(v, "Pyy_POP"+a)
	}
	for _, s := range []string{"H", "F"} {
		v = append(v, "Pyy_POP"+s)
		for _, a := range append(ages, "0019", "2064", "65P") {
			v = append(v, "Pyy_"+s+a)
		}
	}
	for _, s := range []string{"POP", "H", "F"} {
		v = append(v, "Cyy_"+s+"15P")
		for cs := 1; cs <= 8; cs++ {
			v = append(v, fmt.Sprintf("Cyy_%s15P_CS%d", s, cs))
		}
	}
	v = append(v, "Pyy_POP_FR", "Pyy_POP_ETR", "Pyy_POP_IMM", "Pyy_PMEN", "Pyy_PHORMEN", "Pyy_POP01P")
	for k := 1; k <= 7; k++ {
		v = append(v, fmt.Sprintf("Pyy_POP01P_IRAN%d", k))
	}
	for _, a := range []string{"0114", "1524", "2554", "55P"} {
		v = append(v, "Pyy_POP"+a+"_IRAN2P", "Pyy_POP"+a+"_IRAN2", "Pyy_POP"+a+"_IRAN3P")
	}
	return v
}

const diplomesVars = "Pyy_POP0205;Pyy_POP0610;Pyy_POP1114;Pyy_POP1517;Pyy_POP1824;Pyy_POP2529;Pyy_POP30P;Pyy_SCOL0205;Pyy_SCOL0610;Pyy_SCOL1114;Pyy_SCOL1517;Pyy_SCOL1824;Pyy_SCOL2529;Pyy_SCOL30P;Pyy_H0205;Pyy_H0610;Pyy_H1114;Pyy_H1517;Pyy_H1824;Pyy_H2529;Pyy_H30P;Pyy_HSCOL0205;Pyy_HSCOL0610;Pyy_HSCOL1114;Pyy_HSCOL1517;Pyy_HSCOL1824;Pyy_HSCOL2529;Pyy_HSCOL30P;Pyy_F0205;Pyy_F0610;Pyy_F1114;Pyy_F1517;Pyy_F1824;Pyy_F2529;Pyy_F30P;Pyy_FSCOL0205;Pyy_FSCOL0610;Pyy_FSCOL1114;Pyy_FSCOL1517;Pyy_FSCOL1824;Pyy_FSCOL2529;Pyy_FSCOL30P;Pyy_NSCOL15P;Pyy_NSCOL15P_DIPLMIN;Pyy_NSCOL15P_BEPC;Pyy_NSCOL15P_CAPBEP;Pyy_NSCOL15P_BAC;Pyy_NSCOL15P_SUP2;Pyy_NSCOL15P_SUP34;Pyy_NSCOL15P_SUP5;Pyy_HNSCOL15P;Pyy_HNSCOL15P_DIPLMIN;Pyy_HNSCOL15P_BEPC;Pyy_HNSCOL15P_CAPBEP;Pyy_HNSCOL15P_BAC;Pyy_HNSCOL15P_SUP2;Pyy_HNSCOL15P_SUP34;Pyy_HNSCOL15P_SUP5;Pyy_FNSCOL15P;Pyy_FNSCOL15P_DIPLMIN;Pyy_FNSCOL15P_BEPC;Pyy_FNSCOL15P_CAPBEP;Pyy_FNSCOL15P_BAC;Pyy_FNSCOL15P_SUP2;Pyy_FNSCOL15P_SUP34;Pyy_FNSCOL15P_SUP5"

const couplesVars = "Cyy_MEN;Cyy_MENPSEUL;Cyy_MENHSEUL;Cyy_MENFSEUL;Cyy_MENSFAM;Cyy_MENFAM;Cyy_MENCOUPSENF;Cyy_MENCOUPAENF;Cyy_MENFAMMONO;Cyy_PMEN;Cyy_PMEN_MENPSEUL;Cyy_PMEN_MENHSEUL;Cyy_PMEN_MENFSEUL;Cyy_PMEN_MENSFAM;Cyy_PMEN_MENFAM;Cyy_PMEN_MENCOUPSENF;Cyy_PMEN_MENCOUPAENF;Cyy_PMEN_MENFAMMONO;Pyy_POP15P;Pyy_POP1519;Pyy_POP2024;Pyy_POP2539;Pyy_POP4054;Pyy_POP5564;Pyy_POP6579;Pyy_POP80P;Pyy_POPMEN1519;Pyy_POPMEN2024;Pyy_POPMEN2539;Pyy_POPMEN4054;Pyy_POPMEN5564;Pyy_POPMEN6579;Pyy_POPMEN80P;Pyy_POP1519_PSEUL;Pyy_POP2024_PSEUL;Pyy_POP2539_PSEUL;Pyy_POP4054_PSEUL;Pyy_POP5564_PSEUL;Pyy_POP6579_PSEUL;Pyy_POP80P_PSEUL;Pyy_POP1519_COUPLE;Pyy_POP2024_COUPLE;Pyy_POP2539_COUPLE;Pyy_POP4054_COUPLE;Pyy_POP5564_COUPLE;Pyy_POP6579_COUPLE;Pyy_POP80P_COUPLE;Pyy_POP15P_MARIEE;Pyy_POP15P_PACSEE;Pyy_POP15P_CONCUB_UNION_LIBRE;Pyy_POP15P_VEUFS;Pyy_POP15P_DIVORCEE;Pyy_POP15P_CELIBATAIRE;Cyy_MEN_CS1;Cyy_MEN_CS2;Cyy_MEN_CS3;Cyy_MEN_CS4;Cyy_MEN_CS5;Cyy_MEN_CS6;Cyy_MEN_CS7;Cyy_MEN_CS8;Cyy_PMEN_CS1;Cyy_PMEN_CS2;Cyy_PMEN_CS3;Cyy_PMEN_CS4;Cyy_PMEN_CS5;Cyy_PMEN_CS6;Cyy_PMEN_CS7;Cyy_PMEN_CS8;Cyy_FAM;Cyy_COUPAENF;Cyy_FAMMONO;Cyy_HMONO;Cyy_FMONO;Cyy_COUPSENF;Cyy_NE24F0;Cyy_NE24F1;Cyy_NE24F2;Cyy_NE24F3;Cyy_NE24F4P"

const emploiVars = "Pyy_POP1564;Pyy_POP1524;Pyy_POP2554;Pyy_POP5564;Pyy_H1564;Pyy_H1524;Pyy_H2554;Pyy_H5564;Pyy_F1564;Pyy_F1524;Pyy_F2554;Pyy_F5564;Pyy_ACT1564;Pyy_ACT1524;Pyy_ACT2554;Pyy_ACT5564;Pyy_HACT1564;Pyy_HACT1524;Pyy_HACT2554;Pyy_HACT5564;Pyy_FACT1564;Pyy_FACT1524;Pyy_FACT2554;Pyy_FACT5564;Pyy_ACTOCC1564;Pyy_ACTOCC1524;Pyy_ACTOCC2554;Pyy_ACTOCC5564;Pyy_HACTOCC1564;Pyy_HACTOCC1524;Pyy_HACTOCC2554;Pyy_HACTOCC5564;Pyy_FACTOCC1564;Pyy_FACTOCC1524;Pyy_FACTOCC2554;Pyy_FACTOCC5564;Pyy_CHOM1564;Pyy_HCHOM1564;Pyy_HCHOM1524;Pyy_HCHOM2554;Pyy_HCHOM5564;Pyy_FCHOM1564;Pyy_FCHOM1524;Pyy_FCHOM2554;Pyy_FCHOM5564;Pyy_INACT1564;Pyy_ETUD1564;Pyy_RETR1564;Pyy_AINACT1564;Cyy_ACT1564;Cyy_ACT1564_CS1;Cyy_ACT1564_CS2;Cyy_ACT1564_CS3;Cyy_ACT1564_CS4;Cyy_ACT1564_CS5;Cyy_ACT1564_CS6;Cyy_ACTOCC1564;Cyy_ACTOCC1564_CS1;Cyy_ACTOCC1564_CS2;Cyy_ACTOCC1564_CS3;Cyy_ACTOCC1564_CS4;Cyy_ACTOCC1564_CS5;Cyy_ACTOCC1564_CS6;Pyy_EMPLT;Pyy_ACTOCC;Pyy_POP15P;Pyy_ACT15P;Pyy_EMPLT_SAL;Pyy_EMPLT_FSAL;Pyy_EMPLT_SALTP;Pyy_EMPLT_NSAL;Pyy_EMPLT_FNSAL;Pyy_EMPLT_NSALTP;Cyy_EMPLT;Cyy_EMPLT_CS1;Cyy_EMPLT_CS2;Cyy_EMPLT_CS3;Cyy_EMPLT_CS4;Cyy_EMPLT_CS5;Cyy_EMPLT_CS6;Cyy_EMPLT_AGRI;Cyy_EMPLT_INDUS;Cyy_EMPLT_CONST;Cyy_EMPLT_CTS;Cyy_EMPLT_APESAS;Cyy_EMPLT_F;Cyy_AGRILT_F;Cyy_INDUSLT_F;Cyy_CONSTLT_F;Cyy_CTSLT_F;Cyy_APESASLT_F;Cyy_EMPLT_SAL;Cyy_AGRILT_SAL;Cyy_INDUSLT_SAL;Cyy_CONSTLT_SAL;Cyy_CTSLT_SAL;Cyy_APESASLT_SAL;Cyy_AGRILT_FSAL;Cyy_INDUSLT_FSAL;Cyy_CONSTLT_FSAL;Cyy_CTSLT_FSAL;Cyy_APESASLT_FSAL;Cyy_AGRILT_NSAL;Cyy_INDUSLT_NSAL;Cyy_CONSTLT_NSAL;Cyy_CTSLT_NSAL;Cyy_APESASLT_NSAL;Cyy_AGRILT_FNSAL;Cyy_INDUSLT_FNSAL;Cyy_CONSTLT_FNSAL;Cyy_CTSLT_FNSAL;Cyy_APESASLT_FNSAL"

// count returns the integer sample count behind a variable and whether it
// is weighted by the complementary exploitation; ok is false for a name
// the model does not know (a programming error caught by the tests).
type count func(p *people) int

// resolve turns a variable name (vintage digits included) into the count
// it publishes. Pyy_POP itself is special: it is the population, not a
// weighted count, and is handled by the caller.
func resolve(name string) (c count, complementary, ok bool) {
	if len(name) < 5 || (name[0] != 'P' && name[0] != 'C') || name[3] != '_' {
		return nil, false, false
	}
	complementary = name[0] == 'C'
	stem := name[4:]
	c, ok = resolveStem(stem)
	return c, complementary, ok
}

// ages reads an INSEE age bracket: "1564" is 15 to 64, "80P" 80 or more.
func ages(s string) (lo, hi int, ok bool) {
	switch {
	case len(s) == 4 && digits(s):
		lo, _ = strconv.Atoi(s[:2])
		hi, _ = strconv.Atoi(s[2:])
		return lo, hi + 1, true
	case len(s) == 3 && s[2] == 'P' && digits(s[:2]):
		lo, _ = strconv.Atoi(s[:2])
		return lo, 0, true
	}
	return 0, 0, false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// sumBands adds a [sex][band] array over a sex (-1 both) and an age bracket.
func sumBands(a *[2][nb]int, sex, lo, hi int) int {
	i, j := band(lo, hi)
	n := 0
	for s := range 2 {
		if sex >= 0 && s != sex {
			continue
		}
		for b := i; b < j; b++ {
			n += a[s][b]
		}
	}
	return n
}

var sexOf = map[string]int{"": -1, "POP": -1, "H": 0, "F": 1}

var diplLevel = map[string]int{"DIPLMIN": dDIPLMIN, "BEPC": dBEPC, "CAPBEP": dCAPBEP, "BAC": dBAC, "SUP2": dSUP2, "SUP34": dSUP34, "SUP5": dSUP5}

var sectorOf = map[string]int{"AGRI": sAGRI, "INDUS": sINDUS, "CONST": sCONST, "CTS": sCTS, "APESAS": sAPESAS}

var maritalOf = map[string]int{"MARIEE": 0, "PACSEE": 1, "CONCUB_UNION_LIBRE": 2, "VEUFS": 3, "DIVORCEE": 4, "CELIBATAIRE": 5}

var iranGroup = map[string]int{"0114": 0, "1524": 1, "2554": 2, "55P": 3}

func (p *people) total() int { return sumBands(&p.n, -1, 0, 0) }

func (p *people) inHouse() int { return p.total() - p.hors }

// act15 is the actives of every age, chom15 the unemployed.
func (p *people) act15() (act, chom int) {
	return sumBands(&p.act, -1, 15, 0), sumBands(&p.chom, -1, 15, 0)
}

func sum(a []int) int {
	n := 0
	for _, x := range a {
		n += x
	}
	return n
}

// resolveStem knows every stem of the four tables.
func resolveStem(stem string) (count, bool) {
	head, tail, _ := strings.Cut(stem, "_")
	if head == "POP01P" {
		// The population aged 1 or more, by where it lived a year before.
		if tail == "" {
			return func(p *people) int {
				n := 0
				for g := range p.iran {
					n += sum(p.iran[g][:])
				}
				return n
			}, true
		}
		k, err := strconv.Atoi(strings.TrimPrefix(tail, "IRAN"))
		if err != nil || !strings.HasPrefix(tail, "IRAN") || k < 1 || k > 7 {
			return nil, false
		}
		return func(p *people) int {
			n := 0
			for g := range p.iran {
				n += p.iran[g][k-1]
			}
			return n
		}, true
	}
	// Age-sex counts: POP1529, H65P, F0205, POPH, POPF.
	switch head {
	case "POPH", "POPF":
		if tail == "" {
			sex := sexOf[head[3:]]
			return func(p *people) int { return sumBands(&p.n, sex, 0, 0) }, true
		}
	}
	for _, pre := range []string{"POP", "H", "F"} {
		if a, found := strings.CutPrefix(head, pre); found {
			if lo, hi, ok := ages(a); ok {
				sex := sexOf[pre]
				switch {
				case tail == "":
					return func(p *people) int { return sumBands(&p.n, sex, lo, hi) }, true
				case tail == "PSEUL":
					return func(p *people) int { return sumBands(&p.pseul, sex, lo, hi) }, true
				case tail == "COUPLE":
					return func(p *people) int { return sumBands(&p.couple, sex, lo, hi) }, true
				case strings.HasPrefix(tail, "CS") && pre != "" && lo == 15 && hi == 0:
					k, err := strconv.Atoi(tail[2:])
					if err != nil || k < 1 || k > 8 {
						return nil, false
					}
					return func(p *people) int {
						if sex >= 0 {
							return p.cs15[sex][k-1]
						}
						return p.cs15[0][k-1] + p.cs15[1][k-1]
					}, true
				case strings.HasPrefix(tail, "IRAN"):
					g, ok := iranGroup[a]
					if !ok {
						return nil, false
					}
					switch tail {
					case "IRAN2P":
						return func(p *people) int { return sum(p.iran[g][1:]) }, true
					case "IRAN2":
						return func(p *people) int { return p.iran[g][1] }, true
					case "IRAN3P":
						return func(p *people) int { return sum(p.iran[g][2:]) }, true
					}
					return nil, false
				case lo == 15 && hi == 0:
					if m, ok := maritalOf[tail]; ok {
						return func(p *people) int { return p.marital[m] }, true
					}
				}
				return nil, false
			}
		}
	}
	// Enrolment and diplomas.
	for _, pre := range []string{"SCOL", "HSCOL", "FSCOL"} {
		if a, found := strings.CutPrefix(head, pre); found && tail == "" {
			if lo, hi, ok := ages(a); ok {
				sex := sexOf[strings.TrimSuffix(pre, "SCOL")]
				return func(p *people) int { return sumBands(&p.scol, sex, lo, hi) }, true
			}
		}
	}
	for _, pre := range []string{"NSCOL15P", "HNSCOL15P", "FNSCOL15P"} {
		if head == pre {
			sex := sexOf[strings.TrimSuffix(pre, "NSCOL15P")]
			levels := []int{dDIPLMIN, dBEPC, dCAPBEP, dBAC, dSUP2, dSUP34, dSUP5}
			if tail != "" {
				d, ok := diplLevel[tail]
				if !ok {
					return nil, false
				}
				levels = []int{d}
			}
			return func(p *people) int {
				i, j := band(15, 0)
				n := 0
				for s := range 2 {
					if sex >= 0 && s != sex {
						continue
					}
					for b := i; b < j; b++ {
						for _, d := range levels {
							n += p.dipl[s][b][d]
						}
					}
				}
				return n
			}, true
		}
	}
	// Activity.
	if c, ok := resolveActivity(head, tail); ok {
		return c, true
	}
	// Households and families.
	return resolveHouseholds(head, tail)
}

func resolveActivity(head, tail string) (count, bool) {
	for _, pre := range []string{"ACTOCC", "HACTOCC", "FACTOCC", "ACT", "HACT", "FACT", "CHOM", "HCHOM", "FCHOM"} {
		a, found := strings.CutPrefix(head, pre)
		if !found {
			continue
		}
		lo, hi, ok := ages(a)
		if !ok {
			continue
		}
		sex := sexOf[pre[:1]]
		if pre[0] != 'H' && pre[0] != 'F' {
			sex = -1
		}
		kind := strings.TrimLeft(pre, "HF")
		if tail != "" {
			// Cyy_ACT1564_CSk, Cyy_ACTOCC1564_CSk.
			k, err := strconv.Atoi(strings.TrimPrefix(tail, "CS"))
			if err != nil || !strings.HasPrefix(tail, "CS") || k < 1 || k > 6 || sex >= 0 || kind == "CHOM" {
				return nil, false
			}
			if kind == "ACT" {
				return func(p *people) int { return p.actCS[k-1] }, true
			}
			return func(p *people) int { return p.actoccCS[k-1] }, true
		}
		switch kind {
		case "ACT":
			return func(p *people) int { return sumBands(&p.act, sex, lo, hi) }, true
		case "CHOM":
			return func(p *people) int { return sumBands(&p.chom, sex, lo, hi) }, true
		default:
			return func(p *people) int { return sumBands(&p.act, sex, lo, hi) - sumBands(&p.chom, sex, lo, hi) }, true
		}
	}
	inact := func(kinds ...int) count {
		return func(p *people) int {
			i, j := band(15, 65)
			n := 0
			for s := range 2 {
				for b := i; b < j; b++ {
					for _, k := range kinds {
						n += p.inact[s][b][k]
					}
				}
			}
			return n
		}
	}
	switch head + "_" + tail {
	case "INACT1564_":
		return inact(iETUD, iRETR, iAINACT), true
	case "ETUD1564_":
		return inact(iETUD), true
	case "RETR1564_":
		return inact(iRETR), true
	case "AINACT1564_":
		return inact(iAINACT), true
	case "ACTOCC_":
		return func(p *people) int { a, c := p.act15(); return a - c }, true
	case "ACT15P_":
		return func(p *people) int { a, _ := p.act15(); return a }, true
	case "POP15P_":
		return func(p *people) int { return sumBands(&p.n, -1, 15, 0) }, true
	case "EMPLT_":
		return func(p *people) int { return p.jobs }, true
	case "EMPLT_SAL":
		return func(p *people) int { return p.jobSal }, true
	case "EMPLT_FSAL":
		return func(p *people) int { return p.jobFSal }, true
	case "EMPLT_SALTP":
		return func(p *people) int { return p.jobSalTP }, true
	case "EMPLT_NSAL":
		return func(p *people) int { return p.jobs - p.jobSal }, true
	case "EMPLT_FNSAL":
		return func(p *people) int { return p.jobFNSal }, true
	case "EMPLT_NSALTP":
		return func(p *people) int { return p.jobNSalTP }, true
	case "EMPLT_F":
		return func(p *people) int { return p.jobFSal + p.jobFNSal }, true
	}
	if head == "EMPLT" {
		if s, ok := sectorOf[tail]; ok {
			return func(p *people) int { return p.sect[s] }, true
		}
		if k, err := strconv.Atoi(strings.TrimPrefix(tail, "CS")); err == nil && strings.HasPrefix(tail, "CS") && k >= 1 && k <= 6 {
			return func(p *people) int { return p.emplCS[k-1] }, true
		}
	}
	if sec, found := strings.CutSuffix(head, "LT"); found {
		s, ok := sectorOf[sec]
		if !ok {
			return nil, false
		}
		switch tail {
		case "F":
			return func(p *people) int { return p.sectFSal[s] + p.sectFNSal[s] }, true
		case "SAL":
			return func(p *people) int { return p.sectSal[s] }, true
		case "FSAL":
			return func(p *people) int { return p.sectFSal[s] }, true
		case "NSAL":
			return func(p *people) int { return p.sectNSal[s] }, true
		case "FNSAL":
			return func(p *people) int { return p.sectFNSal[s] }, true
		}
	}
	return nil, false
}

func resolveHouseholds(head, tail string) (count, bool) {
	alone := func(sex int) count {
		return func(p *people) int { return sumBands(&p.pseul, sex, 15, 0) }
	}
	if a, found := strings.CutPrefix(head, "POPMEN"); found && tail == "" {
		if lo, hi, ok := ages(a); ok {
			return func(p *people) int { return sumBands(&p.popmen, -1, lo, hi) }, true
		}
	}
	men := map[string]count{
		"MEN":              func(p *people) int { return sumBands(&p.pseul, -1, 15, 0) + sum(p.menType[:]) },
		"MENPSEUL":         alone(-1),
		"MENHSEUL":         alone(0),
		"MENFSEUL":         alone(1),
		"MENSFAM":          func(p *people) int { return p.menType[0] },
		"MENFAM":           func(p *people) int { return sum(p.menType[1:]) },
		"MENCOUPSENF":      func(p *people) int { return p.menType[1] },
		"MENCOUPAENF":      func(p *people) int { return p.menType[2] },
		"MENFAMMONO":       func(p *people) int { return p.menType[3] },
		"PMEN":             func(p *people) int { return p.inHouse() },
		"PHORMEN":          func(p *people) int { return p.hors },
		"FAM":              func(p *people) int { return sum(p.fam[:]) },
		"COUPAENF":         func(p *people) int { return p.fam[0] },
		"FAMMONO":          func(p *people) int { return p.fam[1] },
		"COUPSENF":         func(p *people) int { return p.fam[2] },
		"HMONO":            func(p *people) int { return p.mono[0] },
		"FMONO":            func(p *people) int { return p.mono[1] },
		"POP_FR":           func(p *people) int { return p.fr[0] },
		"POP_ETR":          func(p *people) int { return p.fr[1] },
		"POP_IMM":          func(p *people) int { return p.fr[2] },
		"PMEN_MENPSEUL":    alone(-1),
		"PMEN_MENHSEUL":    alone(0),
		"PMEN_MENFSEUL":    alone(1),
		"PMEN_MENSFAM":     func(p *people) int { return p.pmenType[0] },
		"PMEN_MENFAM":      func(p *people) int { return sum(p.pmenType[1:]) },
		"PMEN_MENCOUPSENF": func(p *people) int { return p.pmenType[1] },
		"PMEN_MENCOUPAENF": func(p *people) int { return p.pmenType[2] },
		"PMEN_MENFAMMONO":  func(p *people) int { return p.pmenType[3] },
	}
	key := head
	if tail != "" {
		key += "_" + tail
	}
	if c, ok := men[key]; ok {
		return c, true
	}
	if k, err := strconv.Atoi(strings.TrimPrefix(tail, "CS")); err == nil && strings.HasPrefix(tail, "CS") && k >= 1 && k <= 8 {
		switch head {
		case "MEN":
			return func(p *people) int { return p.menCS[k-1] }, true
		case "PMEN":
			return func(p *people) int { return p.pmenCS[k-1] }, true
		}
	}
	if k, found := strings.CutPrefix(head, "NE24F"); found && tail == "" {
		i := map[string]int{"0": 0, "1": 1, "2": 2, "3": 3, "4P": 4}
		if j, ok := i[k]; ok {
			return func(p *people) int { return p.ne24[j] }, true
		}
	}
	return nil, false
}
