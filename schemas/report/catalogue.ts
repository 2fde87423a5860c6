/**
 * The VSME datapoint catalogue: every disclosure with its datapoints in the standard's order, their labels,
 * help, paragraph, unit, requirement and XBRL concept (taxonomy 2026-05-01; the concept names are the same in
 * 2025-07-30). Forms are generated from it, completeness names its labels, the XBRL concept map
 * (xbrl-concepts.ts) is derived from it, and the exports and the Digital Template import map through it.
 *
 * Browser-safe leaf: imports only constant lists of the section schemas (never the NACE tables).
 * Paths: a field's `key` is relative to its root (see FieldSpec.root); `fieldPath` gives the path from the
 * report root, e.g. "sections.energyAndEmissions.energy.totalEnergyConsumption" or "metrics.employeeTurnoverRatePercent".
 */
import type { DisclosureSpec, FieldOption, FieldSpec, Requirement } from "./catalogue-types";
import { SCOPE3_CATEGORIES } from "./environmental";

export type * from "./catalogue-types";

// ---------------------------------------------------------------------------------------------------------
// Builders: the catalogue reads as a table, one line per datapoint.

type Extra = Partial<Omit<FieldSpec, "key" | "label" | "paragraph" | "kind" | "requirement">>;

function field(
  key: string,
  label: string,
  paragraph: string,
  kind: FieldSpec["kind"],
  requirement: Requirement,
  extra: Extra = {},
): FieldSpec {
  return { key, label, paragraph, kind, requirement, ...extra };
}

const concept = (name: string, extra: Omit<NonNullable<FieldSpec["xbrl"]>, "concept"> = {}) => ({
  xbrl: { concept: name, ...extra },
});

interface MetricExtra extends Extra {
  requirement?: Requirement;
  transform?: NonNullable<FieldSpec["xbrl"]>["transform"];
}

/** A value the server computes into `report.metrics`. */
function metric(
  key: string,
  label: string,
  paragraph: string,
  kind: FieldSpec["kind"],
  unit: string,
  xbrlConcept: string | undefined,
  formula: string,
  { requirement = "always", transform, ...extra }: MetricExtra = {},
): FieldSpec {
  return field(key, label, paragraph, kind, requirement, {
    root: "metrics",
    derived: true,
    unit,
    formula,
    ...(xbrlConcept ? concept(xbrlConcept, transform ? { transform } : {}) : {}),
    ...extra,
  });
}

const options = (entries: ReadonlyArray<readonly [value: string, label: string, member?: string]>): FieldOption[] =>
  entries.map(([value, label, member]) => (member ? { value, label, xbrlMember: member } : { value, label }));

const energyMember = (member: "RenewableEnergyMember" | "NonRenewableEnergyMember") => ({
  dimensions: { "vsme:BreakdownOfEnergyConsumptionAxis": `vsme:${member}` },
});

const DATA_QUALITY_NOTE = "Data quality of the figure: no VSME concept; exported as a footnote";
function dataQuality(prefix: string, paragraph: string): FieldSpec[] {
  return [
    field(`${prefix}.dataCollectionMethod`, "How the figure was obtained", paragraph, "enum", "may", {
      options: options([
        ["measured", "Measured (meters, invoices)"],
        ["calculated", "Calculated (activity data × factors)"],
        ["estimated", "Estimated (extrapolated, proxies)"],
      ]),
      withoutXbrl: DATA_QUALITY_NOTE,
    }),
    field(`${prefix}.uncertainty`, "Uncertainty", paragraph, "enum", "may", {
      options: options([
        ["low", "Low"],
        ["medium", "Medium"],
        ["high", "High"],
      ]),
      withoutXbrl: DATA_QUALITY_NOTE,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Shared option lists (values are the schemas' enum values; tests hold them equal)

export const MODULE_OPTIONS = options([
  ["basic", "Option A: Basic Module only", "vsme:OptionABasicModuleOnlyMember"],
  ["basic_comprehensive", "Option B: Basic and Comprehensive Modules", "vsme:OptionBBasicModuleAndComprehensiveModuleMember"],
]);
export const LEGAL_FORM_OPTIONS = options([
  ["private_limited_liability", "Private limited liability undertaking", "vsme:PrivateLimitedLiabilityUndertakingMember"],
  ["sole_proprietorship", "Sole proprietorship", "vsme:SoleProprietorshipMember"],
  ["partnership", "Partnership", "vsme:PartnershipMember"],
  ["cooperative", "Cooperative", "vsme:CooperativeMember"],
  ["other", "Other legal form", "vsme:OtherUndertakingsLegalFormMember"],
]);

// ---------------------------------------------------------------------------------------------------------
// B1 — Basis for preparation

const B1: DisclosureSpec = {
  code: "B1",
  title: "Basis for preparation",
  module: "basic",
  section: "basisForPreparation",
  pillar: "general",
  paragraphs: "16, 24–25",
  fields: [
    field("module", "Basis for preparation (module)", "24(a)", "enum", "always", {
      root: "report",
      help: "Option A: the Basic Module only. Option B: the Basic and the Comprehensive Module.",
      options: MODULE_OPTIONS,
      ...concept("BasisForPreparation", { transform: "enum" }),
    }),
    field("basisForReporting", "Basis for reporting", "24(c)", "enum", "always", {
      help: "Individual: the undertaking alone. Consolidated: the undertaking and its subsidiaries.",
      options: options([
        ["individual", "Individual", "vsme:IndividualMember"],
        ["consolidated", "Consolidated", "vsme:ConsolidatedMember"],
      ]),
      ...concept("BasisForReporting", { transform: "enum" }),
    }),
    field("subsidiaries", "Subsidiaries included in the consolidated report", "24(d)", "table", "if-applicable", {
      appliesWhen: "The report is prepared on a consolidated basis",
      rowAxis: { axis: "vsme:IdentifierOfSubsidiaryTypedAxis", typed: true },
      columns: [
        field("name", "Name of the subsidiary", "24(d)", "text", "always", concept("NameOfTheSubsidiary")),
        field("registeredAddress", "Registered address", "24(d)", "text", "always", concept("RegisteredAddressOfTheSubsidiary")),
      ],
    }),
    field("omittedDisclosures", "Disclosures omitted as classified or sensitive information", "24(b)", "multiEnum", "may", {
      help: "Only information that is classified, or sensitive (its disclosure would seriously harm the undertaking's commercial position), may be omitted; say which.",
      ...concept("ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation", { transform: "enum" }),
    }),
    field("unchangedDisclosures", "Disclosures unchanged since the previous report", "16", "multiEnum", "may", {
      help: "Disclosures that have not changed may refer to the previous report instead of being repeated.",
      ...concept("ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting", { transform: "enum" }),
    }),
    field("linkToPreviousReport", "Link to the previous report with the unchanged disclosures", "16", "url", "if-applicable", {
      appliesWhen: "Some disclosures are unchanged since the previous report",
      ...concept("LinkToPreviousReportContainingDisclosuresThatRemainUnchanged"),
    }),
    field("legalForm", "Legal form", "24(e)(i)", "enum", "always", {
      root: "undertaking",
      options: LEGAL_FORM_OPTIONS,
      ...concept("UndertakingsLegalForm", { transform: "enum" }),
    }),
    field("otherLegalForm", "Other legal form", "24(e)(i)", "text", "if-applicable", {
      root: "undertaking",
      appliesWhen: 'The legal form is "other"',
      ...concept("OtherUndertakingsLegalForm"),
    }),
    field("naceCodes", "NACE sector classification codes", "24(e)(ii)", "nace", "always", {
      root: "undertaking",
      multiple: true,
      help: "NACE Rev. 2.1 classes (e.g. 10.71) of the undertaking's activities, the main one first.",
      ...concept("NaceSectorClassificationCodes", { transform: "enum" }),
    }),
    field("assets", "Total assets (balance sheet total)", "24(e)(iii)", "money", "always", {
      unit: "currency",
      ...concept("Assets"),
    }),
    field("turnover.amount", "Turnover", "24(e)(iv)", "money", "always", {
      root: "report",
      unit: "currency",
      help: "Net turnover of the reporting period, in the report's currency; every other amount uses this currency.",
      ...concept("Turnover"),
    }),
    field("numberOfEmployees", "Number of employees", "24(e)(v)", "number", "always", {
      section: "workforce",
      unit: "persons",
      help: "On the counting basis chosen below; every employee breakdown of B8 adds up to it.",
      ...concept("NumberOfEmployees"),
    }),
    field("typeOfNumberOfEmployees", "Employees counted as", "24(e)(v)", "enum", "always", {
      section: "workforce",
      options: options([
        ["headcount", "Head count", "vsme:HeadcountMember"],
        ["fte", "Full-time equivalents (FTE)", "vsme:Full-TimeEquivalentFTEMember"],
      ]),
      ...concept("TypeOfNumberOfEmployees", { transform: "enum" }),
    }),
    field("employeeCountingMethodology", "Employees counted", "24(e)(v)", "enum", "always", {
      section: "workforce",
      options: options([
        ["end_of_period", "At the end of the reporting period", "vsme:AtTheEndOfTheReportingPeriodMember"],
        ["average", "On average over the reporting period", "vsme:AverageDuringTheReportingPeriodMember"],
      ]),
      ...concept("EmployeeCountingMethodology", { transform: "enum" }),
    }),
    field("country", "Country of primary operations and significant assets", "24(e)(vi)", "country", "always", {
      root: "undertaking",
      ...concept("CountryOfPrimaryOperationsAndLocationOfSignificantAssets", { transform: "enum" }),
    }),
    field("sites", "Sites (significant assets and sites owned, leased or managed)", "24(e)(vii)", "table", "always", {
      rowAxis: { axis: "vsme:IdentifierOfSiteTypedAxis", typed: true },
      columns: [
        field("address", "Address", "24(e)(vii)", "text", "always", concept("AddressOfSite")),
        field("postalCode", "Postal code", "24(e)(vii)", "text", "always", concept("PostalCodeOfSite")),
        field("city", "City", "24(e)(vii)", "text", "always", concept("CityOfSite")),
        field("country", "Country", "24(e)(vii)", "country", "always", concept("CountryOfSite", { transform: "enum" })),
      ],
    }),
    field("sustainabilityCertifications", "Sustainability-related certifications or labels", "25", "longText", "if-applicable", {
      appliesWhen: "The undertaking has obtained a sustainability-related certification or label",
      help: "Issuer, date and rating score, where relevant.",
      ...concept("DescriptionOfSustainabilityRelatedCertificationsOrLabels"),
    }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B3 — Energy and greenhouse gas emissions

const energySourceFields = (
  key: "electricity" | "selfGeneratedElectricity" | "fuels",
  label: string,
  xbrlConcept: string,
  help: string,
): FieldSpec[] => [
  field(`energy.breakdown.${key}.renewable`, `${label}: renewable`, "29", "number", "if-applicable", {
    unit: "MWh",
    help,
    appliesWhen: "The undertaking has the information for a breakdown",
    ...concept(xbrlConcept, energyMember("RenewableEnergyMember")),
  }),
  field(`energy.breakdown.${key}.nonRenewable`, `${label}: non-renewable`, "29", "number", "if-applicable", {
    unit: "MWh",
    appliesWhen: "The undertaking has the information for a breakdown",
    ...concept(xbrlConcept, energyMember("NonRenewableEnergyMember")),
  }),
];

const ghgFigure = (key: string, label: string, paragraph: string, requirement: Requirement, xbrlConcept: string, help: string) => [
  field(`ghg.${key}.value`, label, paragraph, "number", requirement, { unit: "tCO2e", help, ...concept(xbrlConcept) }),
  ...dataQuality(`ghg.${key}`, paragraph),
];

const B3: DisclosureSpec = {
  code: "B3",
  title: "Energy and greenhouse gas emissions",
  module: "basic",
  section: "energyAndEmissions",
  pillar: "environmental",
  paragraphs: "29–31",
  fields: [
    field("energy.totalEnergyConsumption", "Total energy consumption", "29", "number", "always", {
      unit: "MWh",
      help: "All energy consumed in the period: electricity, fuels, and district heating, steam or cooling.",
      ...concept("TotalEnergyConsumption"),
    }),
    ...energySourceFields(
      "electricity",
      "Electricity (as in utility bills)",
      "EnergyConsumptionFromElectricity",
      "Purchased electricity as reflected in utility billings.",
    ),
    ...energySourceFields(
      "selfGeneratedElectricity",
      "Self-generated electricity",
      "EnergyConsumptionFromSelfGeneratedElectricity",
      "Electricity the undertaking generates and consumes itself (e.g. solar panels).",
    ),
    ...energySourceFields("fuels", "Fuels", "EnergyConsumptionFromFuels", "Fuels burnt, converted to MWh (the fuel converter helps)."),
    ...dataQuality("energy", "29"),
    ...ghgFigure("grossScope1", "Gross Scope 1 GHG emissions", "30", "always", "GrossScope1GreenhouseGasEmissions", "Direct emissions from sources the undertaking owns or controls (GHG Protocol)."),
    ...ghgFigure(
      "grossScope2LocationBased",
      "Gross location-based Scope 2 GHG emissions",
      "30",
      "always",
      "GrossLocationBasedScope2GreenhouseGasEmissions",
      "Indirect emissions from purchased electricity, heat, steam and cooling, with grid-average factors.",
    ),
    ...ghgFigure(
      "grossScope2MarketBased",
      "Gross market-based Scope 2 GHG emissions",
      "30",
      "may",
      "GrossMarketBasedScope2GreenhouseGasEmissions",
      "Scope 2 with the factors of the contracts the undertaking chose (e.g. green tariffs).",
    ),
    field("ghg.grossScope3.value", "Gross Scope 3 GHG emissions", "50–53 (guid. 150–151)", "number", "may", {
      unit: "tCO2e",
      help: "Value-chain emissions. May be more than the sum of the categories below: they may be partial.",
      ...concept("GrossScope3GreenhouseGasEmissions"),
    }),
    ...SCOPE3_CATEGORIES.map((c) =>
      field(`ghg.grossScope3.categories.${c.key}`, `Scope 3 category ${c.number}: ${c.label}`, "50–53", "number", "may", {
        unit: "tCO2e",
        withoutXbrl: "GHG Protocol helper category of the template; only the Scope 3 total is tagged",
      }),
    ),
    ...dataQuality("ghg.grossScope3", "50–53"),
    metric("totalGhgScope1And2LocationBased", "Total Scope 1 and 2 GHG emissions (location-based)", "30", "number", "tCO2e", "TotalGrossLocationBasedScope1AndScope2GHGEmissions", "Scope 1 + location-based Scope 2 (para 30)"),
    metric("totalGhgScope1And2MarketBased", "Total Scope 1 and 2 GHG emissions (market-based)", "30", "number", "tCO2e", "TotalGrossMarketBasedScope1AndScope2GHGEmissions", "Scope 1 + market-based Scope 2 (para 30)", { requirement: "may" }),
    metric("totalGhgLocationBased", "Total GHG emissions incl. Scope 3 (location-based)", "50–53", "number", "tCO2e", "TotalGrossLocationBasedGHGEmissions", "Scope 1 + location-based Scope 2 + Scope 3 (taxonomy calculation note)", { requirement: "may" }),
    metric("totalGhgMarketBased", "Total GHG emissions incl. Scope 3 (market-based)", "50–53", "number", "tCO2e", "TotalGrossMarketBasedGHGEmissions", "Scope 1 + market-based Scope 2 + Scope 3 (taxonomy calculation note)", { requirement: "may" }),
    metric("ghgIntensityLocationBased", "GHG intensity per turnover (Scope 1 + 2, location-based)", "31", "number", "tCO2e per million (report currency)", "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased", "(Scope 1 + location-based Scope 2) ÷ turnover (para 31); stored per million units of the report currency", { transform: "perMillionToPerUnit" }),
    metric("ghgIntensityMarketBased", "GHG intensity per turnover (Scope 1 + 2, market-based)", "31", "number", "tCO2e per million (report currency)", "Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased", "(Scope 1 + market-based Scope 2) ÷ turnover (para 31)", { requirement: "may", transform: "perMillionToPerUnit" }),
    metric("ghgIntensityTotalLocationBased", "GHG intensity per turnover incl. Scope 3 (location-based)", "31", "number", "tCO2e per million (report currency)", "TotalLocationBasedGreenhouseGasEmissionsIntensityValue", "(Scope 1 + location-based Scope 2 + Scope 3) ÷ turnover (para 31, taxonomy note)", { requirement: "may", transform: "perMillionToPerUnit" }),
    metric("ghgIntensityTotalMarketBased", "GHG intensity per turnover incl. Scope 3 (market-based)", "31", "number", "tCO2e per million (report currency)", "TotalMarketBasedGreenhouseGasEmissionsIntensityValue", "(Scope 1 + market-based Scope 2 + Scope 3) ÷ turnover (para 31, taxonomy note)", { requirement: "may", transform: "perMillionToPerUnit" }),
    metric("renewableEnergySharePercent", "Renewable share of energy consumption", "29", "percent", "%", undefined, "Renewable MWh ÷ total energy × 100 (not a VSME datapoint; null when the breakdown is partial)", { requirement: "may", withoutXbrl: "Not a VSME datapoint; shown to preparers only" }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B8 — Workforce: general characteristics

const employeesField = (key: string, label: string, paragraph: string, requirement: Requirement, xbrlConcept?: string, extra: Extra = {}) =>
  field(key, label, paragraph, "number", requirement, { unit: "persons", ...(xbrlConcept ? concept(xbrlConcept) : {}), ...extra });

const B8: DisclosureSpec = {
  code: "B8",
  title: "Workforce – general characteristics",
  module: "basic",
  section: "workforce",
  pillar: "social",
  paragraphs: "39–40",
  fields: [
    employeesField("byContract.permanent", "Employees with a permanent contract", "39(a)", "always", "NumberOfPermanentContractEmployees"),
    employeesField("byContract.temporary", "Employees with a temporary contract", "39(a)", "always", "NumberOfTemporaryContractEmployees"),
    employeesField("byGender.male", "Male employees", "39(b)", "always", "NumberOfMaleEmployees"),
    employeesField("byGender.female", "Female employees", "39(b)", "always", "NumberOfFemaleEmployees"),
    employeesField("byGender.other", "Employees of another gender", "39(b)", "always", "NumberOfOtherGenderEmployees"),
    employeesField("byGender.notReported", "Employees whose gender is not reported", "39(b)", "always", "NumberOfNonReportedGenderEmployees"),
    field("byCountry", "Employees by country of employment contract", "39(c)", "table", "if-applicable", {
      appliesWhen: "The undertaking operates in more than one country",
      rowAxis: { axis: "vsme:CountryOfEmploymentContractAxis", typed: false, memberColumn: "country" },
      columns: [
        field("country", "Country", "39(c)", "country", "always", { withoutXbrl: "The row's member of CountryOfEmploymentContractAxis" }),
        employeesField("numberOfEmployees", "Employees", "39(c)", "always", "NumberOfEmployeesForCountryOfEmploymentContract"),
      ],
    }),
    employeesField("byWorkingTime.fullTime", "Full-time employees", "39", "may", undefined, { withoutXbrl: "Not a VSME datapoint; kept for preparers" }),
    employeesField("byWorkingTime.partTime", "Part-time employees", "39", "may", undefined, { withoutXbrl: "Not a VSME datapoint; kept for preparers" }),
    field("numberOfEmployeesWhoLeft", "Employees who left during the period", "40", "integer", "if-applicable", {
      unit: "persons",
      appliesWhen: "50 or more employees",
      withoutXbrl: "Input of EmployeeTurnoverRate",
    }),
    field("employeesAtStartOfPeriod", "Head count at the start of the period", "40", "integer", "if-applicable", {
      unit: "persons",
      appliesWhen: "50 or more employees (not needed when the total is an average head count)",
      withoutXbrl: "Input of EmployeeTurnoverRate",
    }),
    field("employeesAtEndOfPeriod", "Head count at the end of the period", "40", "integer", "if-applicable", {
      unit: "persons",
      appliesWhen: "50 or more employees (not needed when the total is an average head count)",
      withoutXbrl: "Input of EmployeeTurnoverRate",
    }),
    metric("employeeTurnoverRatePercent", "Employee turnover rate", "40", "percent", "%", "EmployeeTurnoverRate", "Employees who left ÷ average head count × 100 (taxonomy note; template helper: average of start and end head count)", { requirement: "if-applicable", appliesWhen: "50 or more employees", transform: "percentToFraction" }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B9 — Health and safety

const B9: DisclosureSpec = {
  code: "B9",
  title: "Workforce – health and safety",
  module: "basic",
  section: "healthAndSafety",
  pillar: "social",
  paragraphs: "41",
  fields: [
    field("numberOfRecordableWorkRelatedAccidents", "Recordable work-related accidents", "41(a)", "integer", "always", {
      ...concept("NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod"),
    }),
    field("totalHoursWorked", "Hours worked by all employees", "41(a)", "number", "always", {
      unit: "hours",
      help: "Without time records: 2,000 hours × employees (the template's default, editable).",
      withoutXbrl: "Input of RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
    }),
    field("numberOfFatalities", "Fatalities from work-related injuries and ill health", "41(b)", "integer", "always", {
      ...concept("NumberOfFatalitiesAsAResultOfWorkRelatedInjuriesAndWorkRelatedIllHealth"),
    }),
    field("fatalitiesBreakdown.workRelatedInjuries", "of which from work-related injuries", "41(b)", "integer", "may", {
      withoutXbrl: "Split of the fatalities; not tagged separately",
    }),
    field("fatalitiesBreakdown.workRelatedIllHealth", "of which from work-related ill health", "41(b)", "integer", "may", {
      withoutXbrl: "Split of the fatalities; not tagged separately",
    }),
    metric("accidentRatePer200kHours", "Rate of recordable work-related accidents", "41(a)", "number", "per 200,000 hours", "RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod", "Accidents ÷ hours worked × 200,000 (taxonomy note: 100 employees × 40 h × 50 weeks)"),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B10 — Remuneration, collective bargaining and training

const trainingHours = (key: string, label: string, xbrlConcept: string, requirement: Requirement) =>
  field(`averageAnnualTrainingHours.${key}`, label, "42(d)", "number", requirement, { unit: "hours", ...concept(xbrlConcept) });

const B10: DisclosureSpec = {
  code: "B10",
  title: "Workforce – remuneration, collective bargaining and training",
  module: "basic",
  section: "remuneration",
  pillar: "social",
  paragraphs: "42",
  fields: [
    field("employeesReceivePayEqualOrAboveMinimumWage", "Employees receive at least the minimum wage", "42(a)", "boolean", "always", {
      help: "Pay equal to or above the minimum wage set by national law or a collective agreement.",
      ...concept("EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement"),
    }),
    field("averageGrossHourlyPay.male", "Average gross hourly pay of male employees", "42(b)", "money", "if-applicable", {
      unit: "currency per hour",
      appliesWhen: "150 or more employees (100 for periods ending on or after 7 June 2031) of both genders",
      withoutXbrl: "Input of PercentageGapInPayBetweenFemaleAndMaleEmployees",
    }),
    field("averageGrossHourlyPay.female", "Average gross hourly pay of female employees", "42(b)", "money", "if-applicable", {
      unit: "currency per hour",
      appliesWhen: "150 or more employees (100 for periods ending on or after 7 June 2031) of both genders",
      withoutXbrl: "Input of PercentageGapInPayBetweenFemaleAndMaleEmployees",
    }),
    field("employeesCoveredByCollectiveBargaining", "Employees covered by collective agreements", "42(c)", "number", "always", {
      unit: "persons",
      help: "On the same counting basis as the number of employees. If only the percentage is known, give that instead.",
      withoutXbrl: "Input of PercentageOfEmployeesCoveredByCollectiveBargainingAgreements",
    }),
    field("percentageCoveredByCollectiveBargaining", "Percentage of employees covered by collective agreements", "42(c)", "percent", "always", {
      unit: "%",
      help: "Only when the number covered is not known.",
      withoutXbrl: "Exported as PercentageOfEmployeesCoveredByCollectiveBargainingAgreements through the metric",
    }),
    trainingHours("male", "Average annual training hours per male employee", "AverageNumberOfAnnualTrainingHoursPerMaleEmployee", "always"),
    trainingHours("female", "Average annual training hours per female employee", "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee", "always"),
    trainingHours("other", "Average annual training hours per employee of another gender", "AverageNumberOfAnnualTrainingHoursPerOtherGenderEmployee", "may"),
    trainingHours("notReported", "Average annual training hours per employee whose gender is not reported", "AverageNumberOfAnnualTrainingHoursPerNonReportedGenderEmployee", "may"),
    metric("genderPayGapPercent", "Gender pay gap", "42(b)", "percent", "%", "PercentageGapInPayBetweenFemaleAndMaleEmployees", "(male − female average gross hourly pay) ÷ male × 100 (taxonomy note); negative when women earn more", { requirement: "if-applicable", transform: "percentToFraction" }),
    metric("collectiveBargainingCoveragePercent", "Collective bargaining coverage", "42(c)", "percent", "%", "PercentageOfEmployeesCoveredByCollectiveBargainingAgreements", "Employees covered ÷ employees × 100 (taxonomy note), or the percentage entered", { transform: "percentToFraction" }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B11 — Convictions and fines for corruption and bribery

const B11: DisclosureSpec = {
  code: "B11",
  title: "Convictions and fines for corruption and bribery",
  module: "basic",
  section: "businessConduct",
  pillar: "governance",
  paragraphs: "43",
  fields: [
    field("numberOfConvictionsForCorruptionAndBribery", "Convictions for violating anti-corruption and anti-bribery laws", "43", "integer", "if-applicable", {
      appliesWhen: "The undertaking was convicted or fined in the period",
      ...concept("TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws"),
    }),
    field("amountOfFinesForCorruptionAndBribery", "Fines for violating anti-corruption and anti-bribery laws", "43", "money", "if-applicable", {
      unit: "currency",
      appliesWhen: "The undertaking was convicted or fined in the period",
      ...concept("TotalAmountOfFinesForTheViolationOfAnticorruptionAndAntibriberyLaws"),
    }),
    field("numberOfWhistleblowerReports", "Whistle-blower reports received", "10", "integer", "may", {
      withoutXbrl: "Entity-specific: DisclosureOfAnyOtherGovernanceAndOrEntitySpecificGovernanceDisclosures",
    }),
    field("otherFinesAndPenalties", "Other fines and penalties", "10", "table", "may", {
      withoutXbrl: "Entity-specific: DisclosureOfAnyOtherGovernanceAndOrEntitySpecificGovernanceDisclosures",
      columns: [
        field("description", "What the fine or penalty was for", "10", "longText", "always"),
        field("amount", "Amount", "10", "money", "always", { unit: "currency" }),
      ],
    }),
  ],
};

/** Every disclosure, in the standard's order. */
export const DISCLOSURES: readonly DisclosureSpec[] = [B1, B3, B8, B9, B10, B11];

export const DISCLOSURES_BY_CODE: Readonly<Record<string, DisclosureSpec>> = Object.fromEntries(
  DISCLOSURES.map((d) => [d.code, d]),
);

/** The path of a field from the report root (table columns: `<table path>[].<column>`). */
export function fieldPath(disclosure: DisclosureSpec, spec: FieldSpec, column?: FieldSpec): string {
  const root = spec.root ?? "section";
  const base =
    root === "section" ? `sections.${spec.section ?? disclosure.section}.${spec.key}` : root === "report" ? spec.key : `${root}.${spec.key}`;
  return column ? `${base}[].${column.key}` : base;
}

export interface CatalogueEntry {
  disclosure: DisclosureSpec;
  field: FieldSpec;
  /** The table this field is a column of. */
  table?: FieldSpec;
  /** From the report root. */
  path: string;
}

/** Every field and table column of the catalogue with its path, in catalogue order. */
export function catalogueEntries(disclosures: readonly DisclosureSpec[] = DISCLOSURES): CatalogueEntry[] {
  return disclosures.flatMap((disclosure) =>
    disclosure.fields.flatMap((spec) => [
      { disclosure, field: spec, path: fieldPath(disclosure, spec) },
      ...(spec.columns ?? []).map((column) => ({ disclosure, field: column, table: spec, path: fieldPath(disclosure, spec, column) })),
    ]),
  );
}
