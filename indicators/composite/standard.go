package composite

// Standard indicator IDs, shared by the presets' indicator sets; where the package
// indicators' catalogue defines the same quantity, the ID is the catalogue's.
const (
	IDFixedCoverage    = "couverture_hd_thd"             // share of premises covered (kit: coverage rate)
	IDMobileCoverage   = "couverture_mobile_2g"          // 2G mobile coverage rate
	IDPoverty          = "taux_pauvrete"                 // Filosofi poverty rate
	IDMedianIncome     = "revenu_median"                 // median disposable income per UC (€)
	IDSingleParent     = "part_familles_monoparentales"  // single-parent families / families
	IDOnePerson        = "part_menages_une_personne"     // one-person households / households
	IDPublicServices   = "services_publics_par_habitant" // public-service points per inhabitant
	IDUnemployed       = "taux_chomage_15_64"            // unemployed 15-64 / active 15-64
	IDAged15to29       = "part_15_29"                    // aged 15-29 / population
	IDAged65Plus       = "part_65_plus"                  // aged 65+ / population
	IDLowEducation     = "part_peu_diplomes"             // low education / non-students 15+
	IDFixedNonCoverage = "non_couverture_thd"            // share of premises NOT eligible to ≥30 Mbit/s
	IDMobileNonCov4G   = "non_couverture_4g"             // share of the territory without 4G
)

// Kit axis and group IDs.
const (
	AxisInterfaces     = "acces_interfaces"
	AxisInformation    = "acces_information"
	AxisAdministrative = "competences_administratives"
	AxisDigital        = "competences_numeriques"
	GroupAccess        = "global_acces"
	GroupSkills        = "global_competences"
)

// KitIndicators are the eleven indicators of the 2020 kit, in the workbook's column
// order. What the caller passes as the reference s: the reference territory's
// aggregate rate (Σ numerators / Σ denominators) for rates; its COVERAGE rate for the
// two coverage indicators (the kit divides non-coverage by it); its MEDIAN income for
// income; its public-service points per inhabitant for public services.
func KitIndicators() []Indicator {
	return []Indicator{
		{ID: IDFixedCoverage, Name: "Taux de couverture HD / THD (DSL, câble, FttH)", Axis: AxisInterfaces, Direction: LowerIsFragile, Kind: Coverage},
		{ID: IDMobileCoverage, Name: "Taux de couverture mobile (2G)", Axis: AxisInterfaces, Direction: LowerIsFragile, Kind: Coverage},
		{ID: IDPoverty, Name: "Taux de pauvreté", Axis: AxisInterfaces, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDMedianIncome, Name: "Revenu médian disponible", Axis: AxisInterfaces, Direction: LowerIsFragile, Kind: Income},
		{ID: IDSingleParent, Name: "Part des familles monoparentales", Axis: AxisInformation, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDOnePerson, Name: "Part des ménages d'une personne", Axis: AxisInformation, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDPublicServices, Name: "Services publics / individu", Axis: AxisInformation, Direction: LowerIsFragile, Kind: PublicService},
		{ID: IDUnemployed, Name: "Part des chômeurs (15 – 64 ans)", Axis: AxisAdministrative, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDAged15to29, Name: "Part des personnes âgées de 15 – 29 ans", Axis: AxisAdministrative, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDAged65Plus, Name: "Part des personnes âgées de 65 ans / +", Axis: AxisDigital, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDLowEducation, Name: "Part des non ou peu diplômés (non scolarisés de 15 ans ou plus)", Axis: AxisDigital, Direction: HigherIsFragile, Kind: Rate},
	}
}

// KitAxes are the kit's four axes, in the order of its score sheets.
func KitAxes() []Axis {
	return []Axis{
		{ID: AxisInterfaces, Name: "Accès aux interfaces numériques", Group: GroupAccess},
		{ID: AxisInformation, Name: "Accès à l'information", Group: GroupAccess},
		{ID: AxisAdministrative, Name: "Compétences administratives", Group: GroupSkills},
		{ID: AxisDigital, Name: "Compétences numériques / scolaires", Group: GroupSkills},
	}
}

// KitGroups are GLOBAL ACCÈS and GLOBAL COMPÉTENCES.
func KitGroups() []Group {
	return []Group{{ID: GroupAccess, Name: "Global accès"}, {ID: GroupSkills, Name: "Global compétences"}}
}

// MapIndicators are the six indicators of the 2020 national IRIS map. Income keeps its
// true direction (−1) here, but the map computed it as x/s like the others; the
// diagnostics of a map run show it pulling against its group.
func MapIndicators() []Indicator {
	return []Indicator{
		{ID: IDMedianIncome, Name: "Revenu médian de la commune", Axis: AxisInterfaces, Direction: LowerIsFragile, Kind: Rate},
		{ID: IDSingleParent, Name: "Part des familles monoparentales", Axis: AxisInformation, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDOnePerson, Name: "Part des ménages d'une personne", Axis: AxisInformation, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDAged15to29, Name: "Part des personnes âgées de 15 – 29 ans", Axis: AxisAdministrative, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDAged65Plus, Name: "Part des personnes âgées de 65 ans / +", Axis: AxisDigital, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDLowEducation, Name: "Part des non ou peu diplômés", Axis: AxisDigital, Direction: HigherIsFragile, Kind: Rate},
	}
}

// MapAxes are the kit's four axes: the map's six indicators fill each of them.
func MapAxes() []Axis { return KitAxes() }

// MapGroups are the kit's groups: the map's global score is the mean of the two.
func MapGroups() []Group { return KitGroups() }

// CoreIndicators are the five core indicators of the index published since 2023, all
// oriented so that higher is more fragile.
func CoreIndicators() []Indicator {
	return []Indicator{
		{ID: IDFixedNonCoverage, Name: "Part des locaux non couverts en THD", Axis: GroupAccess, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDMobileNonCov4G, Name: "Part du territoire non couverte en 4G", Axis: GroupAccess, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDPoverty, Name: "Taux de pauvreté", Axis: GroupAccess, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDAged65Plus, Name: "Part des 65 ans et plus", Axis: GroupSkills, Direction: HigherIsFragile, Kind: Rate},
		{ID: IDLowEducation, Name: "Part des non ou peu diplômés", Axis: GroupSkills, Direction: HigherIsFragile, Kind: Rate},
	}
}

// CoreAxes are the two sides of the core index: access and skills.
func CoreAxes() []Axis {
	return []Axis{{ID: GroupAccess, Name: "Accès"}, {ID: GroupSkills, Name: "Compétences"}}
}
