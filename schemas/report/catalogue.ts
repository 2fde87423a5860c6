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
import type { DisclosureSpec, FieldOption, FieldSpec, OmissionGroupSpec, Requirement } from "./catalogue-types";
import { DISCLOSURE_GROUPS } from "./disclosure-groups";
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

/** A yes/no trigger question of the template: answered always (a "no" is recorded), switches its block on. */
function trigger(key: string, question: string, paragraph: string, { requirement = "always", ...extra }: Extra & { requirement?: Requirement } = {}): FieldSpec {
  return field(key, question, paragraph, "boolean", requirement, {
    isTrigger: true,
    withoutXbrl: "Trigger question of the EFRAG template (not an XBRL fact); exported in the JSON and CSV exports",
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
      group: "B1.subsidiaries",
      rowAxis: { axis: "vsme:IdentifierOfSubsidiaryTypedAxis", typed: true },
      columns: [
        field("name", "Name of the subsidiary", "24(d)", "text", "always", concept("NameOfTheSubsidiary")),
        field("registeredAddress", "Registered address", "24(d)", "text", "always", concept("RegisteredAddressOfTheSubsidiary")),
      ],
    }),
    field("omittedDisclosures", "Disclosures omitted as classified or sensitive information", "24(b)", "disclosureGroups", "may", {
      options: DISCLOSURE_GROUPS.filter((g) => g.key !== "B1").map((g) => ({ value: g.key, label: g.label, xbrlMember: `vsme:${g.member}` })),
      help: "Only information that is classified, or sensitive (its disclosure would seriously harm the undertaking's commercial position), may be omitted; say which.",
      ...concept("ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation", { transform: "enum" }),
    }),
    trigger("containsUnchangedDisclosures", "Does the report contain disclosures of the previous period that remain unchanged?", "16", {
      withoutXbrl: undefined,
      ...concept("ReportContainsDisclosuresFromThePreviousReportingPeriodThatRemainUnchanged"),
    }),
    field("unchangedDisclosures", "Disclosures unchanged since the previous report", "16", "disclosureGroups", "if-applicable", {
      trigger: "containsUnchangedDisclosures",
      options: DISCLOSURE_GROUPS.map((g) => ({ value: g.key, label: g.label, xbrlMember: `vsme:${g.member}` })),
      help: "Disclosures that have not changed may refer to the previous report instead of being repeated.",
      ...concept("ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting", { transform: "enum" }),
    }),
    field("linkToPreviousReport", "Link to the previous report with the unchanged disclosures", "16", "url", "if-applicable", {
      trigger: "containsUnchangedDisclosures",
      ...concept("LinkToPreviousReportContainingDisclosuresThatRemainUnchanged"),
    }),
    field("legalForm", "Legal form", "24(e)(i)", "enum", "always", {
      group: "B1.general",
      root: "undertaking",
      options: LEGAL_FORM_OPTIONS,
      ...concept("UndertakingsLegalForm", { transform: "enum" }),
    }),
    field("otherLegalForm", "Other legal form", "24(e)(i)", "text", "if-applicable", {
      group: "B1.general",
      root: "undertaking",
      appliesWhen: 'The legal form is "other"',
      ...concept("OtherUndertakingsLegalForm"),
    }),
    field("naceCodes", "NACE sector classification codes", "24(e)(ii)", "nace", "always", {
      group: "B1.general",
      root: "undertaking",
      multiple: true,
      help: "NACE Rev. 2.1 classes (e.g. 10.71) of the undertaking's activities, the main one first.",
      ...concept("NaceSectorClassificationCodes", { transform: "enum" }),
    }),
    field("assets", "Total assets (balance sheet total)", "24(e)(iii)", "money", "always", {
      group: "B1.general",
      unit: "currency",
      ...concept("Assets"),
    }),
    field("turnover.amount", "Turnover", "24(e)(iv)", "money", "always", {
      group: "B1.general",
      root: "report",
      unit: "currency",
      help: "Net turnover of the reporting period, in the report's currency; every other amount uses this currency.",
      ...concept("Turnover"),
    }),
    field("numberOfEmployees", "Number of employees", "24(e)(v)", "number", "always", {
      group: "B1.general",
      section: "workforce",
      unit: "persons",
      help: "On the counting basis chosen below; every employee breakdown of B8 adds up to it.",
      ...concept("NumberOfEmployees"),
    }),
    field("typeOfNumberOfEmployees", "Employees counted as", "24(e)(v)", "enum", "always", {
      group: "B1.general",
      section: "workforce",
      options: options([
        ["headcount", "Head count", "vsme:HeadcountMember"],
        ["fte", "Full-time equivalents (FTE)", "vsme:Full-TimeEquivalentFTEMember"],
      ]),
      ...concept("TypeOfNumberOfEmployees", { transform: "enum" }),
    }),
    field("employeeCountingMethodology", "Employees counted", "24(e)(v)", "enum", "always", {
      group: "B1.general",
      section: "workforce",
      options: options([
        ["end_of_period", "At the end of the reporting period", "vsme:AtTheEndOfTheReportingPeriodMember"],
        ["average", "On average over the reporting period", "vsme:AverageDuringTheReportingPeriodMember"],
      ]),
      ...concept("EmployeeCountingMethodology", { transform: "enum" }),
    }),
    field("country", "Country of primary operations and significant assets", "24(e)(vi)", "country", "always", {
      group: "B1.general",
      root: "undertaking",
      ...concept("CountryOfPrimaryOperationsAndLocationOfSignificantAssets", { transform: "enum" }),
    }),
    field("sites", "Sites (significant assets and sites owned, leased or managed)", "24(e)(vii)", "table", "always", {
      group: "B1.sites",
      rowAxis: { axis: "vsme:IdentifierOfSiteTypedAxis", typed: true, idColumn: "id" },
      columns: [
        field("id", "Site ID", "24(e)(vii)", "text", "may", {
          help: "A short identifier B5 refers to; without one, the site's position (1, 2, …) is its ID.",
          withoutXbrl: "The row's identifier on IdentifierOfSiteTypedAxis",
        }),
        field("address", "Address", "24(e)(vii)", "text", "always", concept("AddressOfSite")),
        field("postalCode", "Postal code", "24(e)(vii)", "text", "always", concept("PostalCodeOfSite")),
        field("city", "City", "24(e)(vii)", "text", "always", concept("CityOfSite")),
        field("country", "Country", "24(e)(vii)", "country", "always", concept("CountryOfSite", { transform: "enum" })),
        field("gps", "Geolocation (latitude, longitude)", "24(e)(vii)", "geolocation", "always", {
          help: "WGS 84 decimal degrees, e.g. 50.9375, 6.9603.",
          ...concept("GPSLocationOfSite", { transform: "geolocation" }),
        }),
      ],
    }),
    trigger("hasSustainabilityCertifications", "Has the undertaking obtained sustainability-related certifications or labels?", "25", {
      group: "B1.certifications",
    }),
    field("sustainabilityCertifications", "Sustainability-related certifications or labels", "25", "longText", "if-applicable", {
      trigger: "hasSustainabilityCertifications",
      group: "B1.certifications",
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
    trigger: "energy.hasBreakdown",
    group: "B3.energyBreakdown",
    ...concept(xbrlConcept, energyMember("RenewableEnergyMember")),
  }),
  field(`energy.breakdown.${key}.nonRenewable`, `${label}: non-renewable`, "29", "number", "if-applicable", {
    unit: "MWh",
    trigger: "energy.hasBreakdown",
    group: "B3.energyBreakdown",
    ...concept(xbrlConcept, energyMember("NonRenewableEnergyMember")),
  }),
];

const ghgFigure = (key: string, label: string, paragraph: string, requirement: Requirement, xbrlConcept: string, help: string) => [
  field(`ghg.${key}.value`, label, paragraph, "number", requirement, { unit: "tCO2e", help, group: "B3.ghgEmissions", ...concept(xbrlConcept) }),
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
      group: "B3.totalEnergy",
      help: "All energy consumed in the period: electricity, fuels, and district heating, steam or cooling.",
      ...concept("TotalEnergyConsumption"),
    }),
    trigger("energy.hasBreakdown", "Has the undertaking the information to break its energy consumption down?", "29", {
      group: "B3.energyBreakdown",
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
    metric("energyBySource.electricity", "Electricity (as in utility bills): total", "29", "number", "MWh", "EnergyConsumptionFromElectricity", "Renewable + non-renewable (the axis's default member, Total renewable and non-renewable energy)", { requirement: "if-applicable", group: "B3.energyBreakdown" }),
    metric("energyBySource.selfGeneratedElectricity", "Self-generated electricity: total", "29", "number", "MWh", "EnergyConsumptionFromSelfGeneratedElectricity", "Renewable + non-renewable (Total member)", { requirement: "if-applicable", group: "B3.energyBreakdown" }),
    metric("energyBySource.fuels", "Fuels: total", "29", "number", "MWh", "EnergyConsumptionFromFuels", "Renewable + non-renewable (Total member)", { requirement: "if-applicable", group: "B3.energyBreakdown" }),
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
    trigger("ghg.hasScope3", "Does the undertaking disclose Scope 3 emissions?", "50–53", { requirement: "may", group: "B3.ghgEmissions" }),
    field("ghg.grossScope3.value", "Gross Scope 3 GHG emissions", "50–53 (guid. 150–151)", "number", "if-applicable", {
      unit: "tCO2e",
      trigger: "ghg.hasScope3",
      group: "B3.ghgEmissions",
      help: "Value-chain emissions. May be more than the sum of the categories below: they may be partial.",
      ...concept("GrossScope3GreenhouseGasEmissions"),
    }),
    ...SCOPE3_CATEGORIES.map((c) =>
      field(`ghg.grossScope3.categories.${c.key}`, `Scope 3 category ${c.number}: ${c.label}`, "50–53", "number", "may", {
        unit: "tCO2e",
        group: "B3.ghgEmissions",
        withoutXbrl: "GHG Protocol helper category of the template; only the Scope 3 total is tagged",
      }),
    ),
    ...dataQuality("ghg.grossScope3", "50–53"),
    metric("totalGhgScope1And2LocationBased", "Total Scope 1 and 2 GHG emissions (location-based)", "30", "number", "tCO2e", "TotalGrossLocationBasedScope1AndScope2GHGEmissions", "Scope 1 + location-based Scope 2 (para 30)", { group: "B3.ghgEmissions" }),
    metric("totalGhgScope1And2MarketBased", "Total Scope 1 and 2 GHG emissions (market-based)", "30", "number", "tCO2e", "TotalGrossMarketBasedScope1AndScope2GHGEmissions", "Scope 1 + market-based Scope 2 (para 30)", { requirement: "may", group: "B3.ghgEmissions" }),
    metric("totalGhgLocationBased", "Total GHG emissions incl. Scope 3 (location-based)", "50–53", "number", "tCO2e", "TotalGrossLocationBasedGHGEmissions", "Scope 1 + location-based Scope 2 + Scope 3 (taxonomy calculation note)", { requirement: "may", group: "B3.ghgEmissions" }),
    metric("totalGhgMarketBased", "Total GHG emissions incl. Scope 3 (market-based)", "50–53", "number", "tCO2e", "TotalGrossMarketBasedGHGEmissions", "Scope 1 + market-based Scope 2 + Scope 3 (taxonomy calculation note)", { requirement: "may", group: "B3.ghgEmissions" }),
    metric("ghgIntensityLocationBased", "GHG intensity per turnover (Scope 1 + 2, location-based)", "31", "number", "tCO2e per million (report currency)", "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased", "(Scope 1 + location-based Scope 2) ÷ turnover (para 31); stored per million units of the report currency", { transform: "perMillionToPerUnit", group: "B3.ghgIntensity" }),
    metric("ghgIntensityMarketBased", "GHG intensity per turnover (Scope 1 + 2, market-based)", "31", "number", "tCO2e per million (report currency)", "Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased", "(Scope 1 + market-based Scope 2) ÷ turnover (para 31)", { requirement: "may", transform: "perMillionToPerUnit", group: "B3.ghgIntensity" }),
    metric("ghgIntensityTotalLocationBased", "GHG intensity per turnover incl. Scope 3 (location-based)", "31", "number", "tCO2e per million (report currency)", "TotalLocationBasedGreenhouseGasEmissionsIntensityValue", "(Scope 1 + location-based Scope 2 + Scope 3) ÷ turnover (para 31, taxonomy note)", { requirement: "may", transform: "perMillionToPerUnit", group: "B3.ghgIntensity" }),
    metric("ghgIntensityTotalMarketBased", "GHG intensity per turnover incl. Scope 3 (market-based)", "31", "number", "tCO2e per million (report currency)", "TotalMarketBasedGreenhouseGasEmissionsIntensityValue", "(Scope 1 + market-based Scope 2 + Scope 3) ÷ turnover (para 31, taxonomy note)", { requirement: "may", transform: "perMillionToPerUnit", group: "B3.ghgIntensity" }),
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
    employeesField("byContract.permanent", "Employees with a permanent contract", "39(a)", "always", "NumberOfPermanentContractEmployees", { group: "B8.contract" }),
    employeesField("byContract.temporary", "Employees with a temporary contract", "39(a)", "always", "NumberOfTemporaryContractEmployees", { group: "B8.contract" }),
    employeesField("byGender.male", "Male employees", "39(b)", "always", "NumberOfMaleEmployees", { group: "B8.gender" }),
    employeesField("byGender.female", "Female employees", "39(b)", "always", "NumberOfFemaleEmployees", { group: "B8.gender" }),
    employeesField("byGender.other", "Employees of another gender", "39(b)", "always", "NumberOfOtherGenderEmployees", { group: "B8.gender" }),
    employeesField("byGender.notReported", "Employees whose gender is not reported", "39(b)", "always", "NumberOfNonReportedGenderEmployees", { group: "B8.gender" }),
    trigger("employsInMoreThanOneCountry", "Does the undertaking employ people in more than one country?", "39(c)", { group: "B8.country" }),
    field("byCountry", "Employees by country of employment contract", "39(c)", "table", "if-applicable", {
      trigger: "employsInMoreThanOneCountry",
      group: "B8.country",
      rowAxis: { axis: "vsme:CountryOfEmploymentContractAxis", typed: false, memberColumn: "country" },
      columns: [
        field("country", "Country", "39(c)", "country", "always", { withoutXbrl: "The row's member of CountryOfEmploymentContractAxis" }),
        employeesField("numberOfEmployees", "Employees", "39(c)", "always", "NumberOfEmployeesForCountryOfEmploymentContract"),
      ],
    }),
    employeesField("byWorkingTime.fullTime", "Full-time employees", "39", "may", undefined, { withoutXbrl: "Not a VSME datapoint; kept for preparers" }),
    employeesField("byWorkingTime.partTime", "Part-time employees", "39", "may", undefined, { withoutXbrl: "Not a VSME datapoint; kept for preparers" }),
    field("numberOfEmployeesWhoLeft", "Employees who left during the period", "40", "integer", "if-applicable", {
      group: "B8.turnoverRate",
      unit: "persons",
      appliesWhen: "50 or more employees",
      withoutXbrl: "Input of EmployeeTurnoverRate",
    }),
    field("employeesAtStartOfPeriod", "Head count at the start of the period", "40", "integer", "if-applicable", {
      group: "B8.turnoverRate",
      unit: "persons",
      appliesWhen: "50 or more employees (not needed when the total is an average head count)",
      withoutXbrl: "Input of EmployeeTurnoverRate",
    }),
    field("employeesAtEndOfPeriod", "Head count at the end of the period", "40", "integer", "if-applicable", {
      group: "B8.turnoverRate",
      unit: "persons",
      appliesWhen: "50 or more employees (not needed when the total is an average head count)",
      withoutXbrl: "Input of EmployeeTurnoverRate",
    }),
    metric("employeeTurnoverRatePercent", "Employee turnover rate", "40", "percent", "%", "EmployeeTurnoverRate", "Employees who left ÷ average head count × 100 (taxonomy note; template helper: average of start and end head count)", { requirement: "if-applicable", appliesWhen: "50 or more employees", transform: "percentToFraction", group: "B8.turnoverRate" }),
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
  field(`averageAnnualTrainingHours.${key}`, label, "42(d)", "number", requirement, { unit: "hours", group: "B10.training", ...concept(xbrlConcept) });

const B10: DisclosureSpec = {
  code: "B10",
  title: "Workforce – remuneration, collective bargaining and training",
  module: "basic",
  section: "remuneration",
  pillar: "social",
  paragraphs: "42",
  fields: [
    field("employeesReceivePayEqualOrAboveMinimumWage", "Employees receive at least the minimum wage", "42(a)", "boolean", "always", {
      group: "B10.remuneration",
      help: "Pay equal to or above the minimum wage set by national law or a collective agreement.",
      ...concept("EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement"),
    }),
    field("averageGrossHourlyPay.male", "Average gross hourly pay of male employees", "42(b)", "money", "if-applicable", {
      group: "B10.remuneration",
      unit: "currency per hour",
      appliesWhen: "150 or more employees (100 for periods ending on or after 7 June 2031) of both genders",
      withoutXbrl: "Input of PercentageGapInPayBetweenFemaleAndMaleEmployees",
    }),
    field("averageGrossHourlyPay.female", "Average gross hourly pay of female employees", "42(b)", "money", "if-applicable", {
      group: "B10.remuneration",
      unit: "currency per hour",
      appliesWhen: "150 or more employees (100 for periods ending on or after 7 June 2031) of both genders",
      withoutXbrl: "Input of PercentageGapInPayBetweenFemaleAndMaleEmployees",
    }),
    field("employeesCoveredByCollectiveBargaining", "Employees covered by collective agreements", "42(c)", "number", "always", {
      group: "B10.remuneration",
      unit: "persons",
      help: "On the same counting basis as the number of employees. If only the percentage is known, give that instead.",
      withoutXbrl: "Input of PercentageOfEmployeesCoveredByCollectiveBargainingAgreements",
    }),
    field("percentageCoveredByCollectiveBargaining", "Percentage of employees covered by collective agreements", "42(c)", "percent", "always", {
      group: "B10.remuneration",
      unit: "%",
      help: "Only when the number covered is not known.",
      withoutXbrl: "Exported as PercentageOfEmployeesCoveredByCollectiveBargainingAgreements through the metric",
    }),
    trainingHours("male", "Average annual training hours per male employee", "AverageNumberOfAnnualTrainingHoursPerMaleEmployee", "always"),
    trainingHours("female", "Average annual training hours per female employee", "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee", "always"),
    trainingHours("other", "Average annual training hours per employee of another gender", "AverageNumberOfAnnualTrainingHoursPerOtherGenderEmployee", "may"),
    trainingHours("notReported", "Average annual training hours per employee whose gender is not reported", "AverageNumberOfAnnualTrainingHoursPerNonReportedGenderEmployee", "may"),
    metric("genderPayGapPercent", "Gender pay gap", "42(b)", "percent", "%", "PercentageGapInPayBetweenFemaleAndMaleEmployees", "(male − female average gross hourly pay) ÷ male × 100 (taxonomy note); negative when women earn more", { requirement: "if-applicable", transform: "percentToFraction", group: "B10.remuneration" }),
    metric("collectiveBargainingCoveragePercent", "Collective bargaining coverage", "42(c)", "percent", "%", "PercentageOfEmployeesCoveredByCollectiveBargainingAgreements", "Employees covered ÷ employees × 100 (taxonomy note), or the percentage entered", { transform: "percentToFraction", group: "B10.remuneration" }),
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
  applicability: {
    field: "hasConvictionsOrFines",
    question: "Was the undertaking convicted or fined for violating anti-corruption or anti-bribery laws in the period?",
  },
  fields: [
    trigger("hasConvictionsOrFines", "Was the undertaking convicted or fined for corruption or bribery in the period?", "43"),
    field("numberOfConvictionsForCorruptionAndBribery", "Convictions for violating anti-corruption and anti-bribery laws", "43", "integer", "if-applicable", {
      trigger: "hasConvictionsOrFines",
      ...concept("TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws"),
    }),
    field("amountOfFinesForCorruptionAndBribery", "Fines for violating anti-corruption and anti-bribery laws", "43", "money", "if-applicable", {
      unit: "currency",
      trigger: "hasConvictionsOrFines",
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

// ---------------------------------------------------------------------------------------------------------
// B2 — Practices, policies and future initiatives

export const SUSTAINABILITY_MATTER_OPTIONS = options([
  ["climate_change", "Climate change", "vsme:ClimateChangeMember"],
  ["pollution", "Pollution", "vsme:PollutionMember"],
  ["water_and_marine_resources", "Water and marine resources", "vsme:WaterAndMarineResourcesMember"],
  ["biodiversity_and_ecosystems", "Biodiversity and ecosystems", "vsme:BiodiversityAndEcosystemsMember"],
  ["circular_economy", "Circular economy", "vsme:CircularEconomyMember"],
  ["own_workforce", "Own workforce", "vsme:OwnWorkforceMember"],
  ["workers_in_the_value_chain", "Workers in the value chain", "vsme:WorkersInTheValueChainMember"],
  ["affected_communities", "Affected communities", "vsme:AffectedCommunitiesMember"],
  ["consumers_and_end_users", "Consumers and end users", "vsme:ConsumersAndEndUsersMember"],
  ["business_conduct", "Business conduct", "vsme:BusinessConductMember"],
]);

const B2: DisclosureSpec = {
  code: "B2",
  title: "Practices, policies and future initiatives for transitioning towards a more sustainable economy",
  module: "basic",
  section: "practicesPolicies",
  pillar: "general",
  paragraphs: "15, 26–28",
  applicability: {
    field: "hasPracticesPoliciesOrInitiatives",
    question: "Has the undertaking put in place practices, policies or future initiatives for transitioning towards a more sustainable economy?",
  },
  fields: [
    trigger("hasPracticesPoliciesOrInitiatives", "Has the undertaking practices, policies or future initiatives for transitioning towards a more sustainable economy?", "26"),
    field("matters", "Sustainability matters addressed", "26", "table", "if-applicable", {
      trigger: "hasPracticesPoliciesOrInitiatives",
      help: "One row per matter: tick what the undertaking has in place for it.",
      columns: [
        field("matter", "Sustainability matter", "26", "enum", "always", {
          options: SUSTAINABILITY_MATTER_OPTIONS,
          ...concept("SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative", { transform: "enum", fromRows: "set" }),
        }),
        field("practice", "Practice", "26", "boolean", "may", { withoutXbrl: "Detail of the grid; the taxonomy tags only the matters addressed" }),
        field("policy", "Policy", "26", "boolean", "may", { withoutXbrl: "Detail of the grid; the taxonomy tags only the matters addressed" }),
        field("futureInitiative", "Future initiative", "26", "boolean", "may", { withoutXbrl: "Detail of the grid; the taxonomy tags only the matters addressed" }),
      ],
    }),
    field("publiclyAvailable", "Is any of them publicly available?", "27(a)", "boolean", "if-applicable", {
      trigger: "hasPracticesPoliciesOrInitiatives",
      ...concept("PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable"),
    }),
    field("hasTargets", "Has the undertaking set targets for any of them?", "27(b)", "boolean", "if-applicable", {
      trigger: "hasPracticesPoliciesOrInitiatives",
      ...concept("UndertakingHasSetATargetWhichIsRelatedToAPolicy"),
    }),
    field("cooperative.participationInGovernance", "Effective participation of workers, users or communities in governance", "15(a)", "longText", "if-applicable", {
      appliesWhen: "The undertaking is a cooperative",
      group: "B2.cooperative",
      ...concept("DescriptionOfTheEffectiveParticipationOfWorkersUsersOrOtherInterestedPartiesOrCommunitiesInGovernance"),
    }),
    field("cooperative.investmentInSocialEconomyEntities", "Financial investment in social economy entities", "15(b)", "money", "if-applicable", {
      unit: "currency",
      appliesWhen: "The undertaking is a cooperative",
      help: "In the capital or assets of social economy entities (Council Recommendation of 29 September 2023), excluding donations.",
      group: "B2.cooperative",
      ...concept("FinancialInvestmentInTheCapitalOrAssetsOfSocialEconomyEntities"),
    }),
    field("cooperative.profitDistributionLimits", "Limits to the distribution of profits", "15(c)", "longText", "if-applicable", {
      appliesWhen: "The undertaking is a cooperative",
      group: "B2.cooperative",
      ...concept("DescriptionOfLimitsToTheDistributionOfProfitsConnectedToTheMutualisticNatureOrToTheNatureOfTheActivitiesConsistingInServicesOfGeneralEconomicInterestSGEI"),
    }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B4 — Pollution of air, water and soil

const MASS_UNIT_OPTIONS = options([
  ["kg", "Kilograms (kg)"],
  ["t", "Tonnes (t)"],
]);

const B4: DisclosureSpec = {
  code: "B4",
  title: "Pollution of air, water and soil",
  module: "basic",
  section: "pollution",
  pillar: "environmental",
  paragraphs: "32",
  applicability: {
    field: "hasPollutantReportingObligation",
    question: "Is the undertaking required by law, or does it report under an environmental management system, to disclose its emissions of pollutants?",
  },
  fields: [
    trigger("hasPollutantReportingObligation", "Is the undertaking required by law (or under an environmental management system) to report emissions of pollutants?", "32"),
    field("publiclyAvailable", "Is this information already publicly available?", "32", "boolean", "if-applicable", {
      trigger: "hasPollutantReportingObligation",
      ...concept("PubliclyAvailableDisclosure"),
    }),
    field("publicDisclosureUrl", "Link to the public disclosure", "32", "url", "if-applicable", {
      trigger: "publiclyAvailable",
      ...concept("URLOrLinkToThePubliclyAvailableDisclosure"),
    }),
    field("unit", "Unit of the amounts", "32", "enum", "if-applicable", {
      appliesWhen: "Emissions are listed",
      options: MASS_UNIT_OPTIONS,
      withoutXbrl: "Unit of the pollutant facts (utr:kg or utr:t)",
    }),
    field("emissions", "Emissions of pollutants", "32", "table", "if-applicable", {
      appliesWhen: "Reporting is required and the information is not publicly available",
      rowAxis: { axis: "vsme:TypeOfPollutantAxis", typed: false, memberColumn: "pollutant" },
      columns: [
        field("pollutant", "Pollutant", "32", "pollutant", "always", { withoutXbrl: "The row's member of TypeOfPollutantAxis (vsme:<key>Member)" }),
        field("air", "Emission to air", "32", "number", "may", { unit: "t", unitFrom: "unit", ...concept("AmountOfEmissionToAir") }),
        field("water", "Emission to water", "32", "number", "may", { unit: "t", unitFrom: "unit", ...concept("AmountOfEmissionToWater") }),
        field("soil", "Emission to soil", "32", "number", "may", { unit: "t", unitFrom: "unit", ...concept("AmountOfEmissionToSoil") }),
      ],
    }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B5 — Biodiversity

const B5: DisclosureSpec = {
  code: "B5",
  title: "Biodiversity",
  module: "basic",
  section: "biodiversity",
  pillar: "environmental",
  paragraphs: "33–34",
  applicability: {
    field: "hasSitesInOrNearSensitiveAreas",
    question: "Does the undertaking have sites located in or near biodiversity-sensitive areas?",
  },
  fields: [
    trigger("hasSitesInOrNearSensitiveAreas", "Does the undertaking have sites in or near biodiversity-sensitive areas?", "33", { group: "B5.sites" }),
    field("areaUnit", "Unit of the areas", "33–34", "enum", "if-applicable", {
      appliesWhen: "Areas are given",
      options: options([
        ["ha", "Hectares (ha)"],
        ["m2", "Square metres (m²)"],
      ]),
      withoutXbrl: "Unit of the area facts (utr:ha or utr:sqm)",
    }),
    field("sites", "Sites in or near biodiversity-sensitive areas", "33", "table", "if-applicable", {
      trigger: "hasSitesInOrNearSensitiveAreas",
      group: "B5.sites",
      rowAxis: { axis: "vsme:IdentifierOfSiteTypedAxis", typed: true, idColumn: "siteId" },
      columns: [
        field("siteId", "Site (from B1)", "33", "text", "always", { withoutXbrl: "The B1 site's identifier on IdentifierOfSiteTypedAxis" }),
        field("inSensitiveArea", "In a biodiversity-sensitive area", "33", "boolean", "always", concept("SiteLocatedInABiodiversitySensitiveArea")),
        field("nearSensitiveArea", "Near a biodiversity-sensitive area", "33", "boolean", "always", concept("SiteLocatedNearABiodiversitySensitiveArea")),
        field("area", "Area", "33", "number", "always", { unit: "ha", unitFrom: "areaUnit", ...concept("AreaOfSiteInBiodiversitySensitiveArea") }),
      ],
    }),
    field("landUse.totalUseOfLand", "Total use of land", "34(a)", "number", "may", { unit: "ha", unitFrom: "areaUnit", group: "B5.landUse", ...concept("TotalUseOfLand") }),
    field("landUse.totalSealedArea", "Total sealed area", "34(b)", "number", "may", { unit: "ha", unitFrom: "areaUnit", group: "B5.landUse", ...concept("TotalSealedArea") }),
    field("landUse.natureOrientedAreaOnSite", "Total nature-oriented area on site", "34(c)", "number", "may", { unit: "ha", unitFrom: "areaUnit", group: "B5.landUse", ...concept("TotalNatureOrientedAreaOnSite") }),
    field("landUse.natureOrientedAreaOffSite", "Total nature-oriented area off site", "34(d)", "number", "may", { unit: "ha", unitFrom: "areaUnit", group: "B5.landUse", ...concept("TotalNatureOrientedAreaOffSite") }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B6 — Water

const B6: DisclosureSpec = {
  code: "B6",
  title: "Water",
  module: "basic",
  section: "water",
  pillar: "environmental",
  paragraphs: "35–36",
  fields: [
    field("totalWaterWithdrawal", "Total water withdrawal", "35", "number", "always", {
      unit: "m3",
      help: "Water drawn into the undertaking from all sources (mains, wells, surface water), at all sites.",
      group: "B6.withdrawal",
      ...concept("TotalAmountOfWaterWithdrawnFromAllSites"),
    }),
    field("waterWithdrawalInHighWaterStressAreas", "Water withdrawal at sites in areas of high water stress", "35", "number", "always", {
      unit: "m3",
      help: "0 when no site is in an area of high water stress (e.g. per the WRI Aqueduct water risk atlas).",
      group: "B6.withdrawal",
      ...concept("AmountOfWaterWithdrawnAtSitesLocatedInAreasOfHighWaterStress"),
    }),
    trigger("hasSignificantWaterConsumption", "Does the undertaking have production processes that consume significant amounts of water?", "36", { group: "B6.consumption" }),
    field("waterDischarge", "Water discharged from production processes", "36", "number", "if-applicable", {
      unit: "m3",
      trigger: "hasSignificantWaterConsumption",
      group: "B6.consumption",
      ...concept("WaterDischargeFromUndertakingProductionProcesses"),
    }),
    metric("waterConsumption", "Water consumption", "36", "number", "m3", "TotalWaterConsumption", "Water withdrawal − water discharge (para 36; template cell D311)", { requirement: "if-applicable", group: "B6.consumption" }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// B7 — Resource use, circular economy and waste management

const B7: DisclosureSpec = {
  code: "B7",
  title: "Resource use, circular economy and waste management",
  module: "basic",
  section: "circularEconomy",
  pillar: "environmental",
  paragraphs: "37–38",
  fields: [
    field("appliesCircularEconomyPrinciples", "Does the undertaking apply circular economy principles?", "37", "boolean", "always", {
      group: "B7.principles",
      ...concept("UndertakingAppliesCircularEconomyPrinciples"),
    }),
    field("circularEconomyDescription", "How circular economy principles are applied", "37", "longText", "if-applicable", {
      trigger: "appliesCircularEconomyPrinciples",
      group: "B7.principles",
      ...concept("DescriptionOfHowCircularEconomyPrinciplesAreApplied"),
    }),
    field("waste", "Waste generated, by European List of Waste code", "38(a)–(b)", "table", "always", {
      group: "B7.waste",
      help: "One row per waste code; hazardous waste is the entries the List of Waste marks with an asterisk.",
      rowAxis: { axis: "vsme:TypeOfWasteAxis", typed: false, memberColumn: "code" },
      columns: [
        field("code", "Waste code", "38(a)", "wasteCode", "always", { withoutXbrl: "The row's member of TypeOfWasteAxis (waste:…)" }),
        field("massUnit", "Unit of the masses", "38(a)", "enum", "if-applicable", { options: MASS_UNIT_OPTIONS, appliesWhen: "Masses are given", withoutXbrl: "Unit of the row's mass facts (utr:kg or utr:t)" }),
        field("recycledOrReusedMass", "Diverted to recycling or reuse (mass)", "38(b)", "number", "may", { unit: "t", unitFrom: "massUnit", ...concept("WasteDivertedToRecycleOrReuseMass") }),
        field("disposalMass", "Directed to disposal (mass)", "38(b)", "number", "may", { unit: "t", unitFrom: "massUnit", ...concept("WasteDirectedToDisposalMass") }),
        field("recycledOrReusedVolume", "Diverted to recycling or reuse (volume)", "38(b)", "number", "may", { unit: "m3", ...concept("WasteDivertedToRecycleOrReuseVolume") }),
        field("disposalVolume", "Directed to disposal (volume)", "38(b)", "number", "may", { unit: "m3", ...concept("WasteDirectedToDisposalVolume") }),
      ],
    }),
    metric("waste.byCode[].totalMass", "Waste of the code recycled, reused and directed to disposal (mass)", "38(a)–(b)", "number", "t", "TotalWasteRecycledReusedAndDirectedToDisposalMass", "Recycled or reused + directed to disposal, per waste code, in tonnes (taxonomy calculation note)", { group: "B7.waste" }),
    metric("waste.byCode[].totalVolume", "Waste of the code recycled, reused and directed to disposal (volume)", "38(a)–(b)", "number", "m3", "TotalWasteRecycledReusedAndDirectedToDisposalVolume", "Recycled or reused + directed to disposal, per waste code (taxonomy calculation note)", { group: "B7.waste" }),
    metric("waste.hazardousMass", "Total hazardous waste (mass)", "38(a)", "number", "t", "TotalHazardousWasteGeneratedMass", "Σ of the rows whose code is hazardous, in tonnes (template)", { group: "B7.waste" }),
    metric("waste.nonHazardousMass", "Total non-hazardous waste (mass)", "38(a)", "number", "t", "TotalNonHazardousWasteGeneratedMass", "Σ of the rows whose code is not hazardous, in tonnes (template)", { group: "B7.waste" }),
    metric("waste.totalMass", "Total waste generated (mass)", "38(a)", "number", "t", "TotalWasteGeneratedMass", "Hazardous + non-hazardous (taxonomy calculation note)", { group: "B7.waste" }),
    metric("waste.hazardousVolume", "Total hazardous waste (volume)", "38(a)", "number", "m3", "TotalHazardousWasteGeneratedVolume", "Σ of the rows whose code is hazardous (template)", { group: "B7.waste" }),
    metric("waste.nonHazardousVolume", "Total non-hazardous waste (volume)", "38(a)", "number", "m3", "TotalNonHazardousWasteGeneratedVolume", "Σ of the rows whose code is not hazardous (template)", { group: "B7.waste" }),
    metric("waste.totalVolume", "Total waste generated (volume)", "38(a)", "number", "m3", "TotalWasteGeneratedVolume", "Hazardous + non-hazardous (taxonomy calculation note)", { group: "B7.waste" }),
    trigger("hasSignificantMaterialFlows", "Does the undertaking operate in a sector using significant material flows (e.g. manufacturing, construction, packaging)?", "38(c)", { group: "B7.materials" }),
    field("materials", "Annual mass-flow of relevant materials used", "38(c)", "table", "if-applicable", {
      trigger: "hasSignificantMaterialFlows",
      group: "B7.materials",
      rowAxis: { axis: "vsme:IdentifierOfMaterialTypedAxis", typed: true },
      columns: [
        field("name", "Material", "38(c)", "text", "always", concept("NameOfMaterialUsed")),
        field("massUnit", "Unit of the weight", "38(c)", "enum", "if-applicable", { options: MASS_UNIT_OPTIONS, appliesWhen: "A weight is given", withoutXbrl: "Unit of the weight fact (utr:kg or utr:t)" }),
        field("mass", "Weight", "38(c)", "number", "may", { unit: "t", unitFrom: "massUnit", ...concept("WeightOfMaterialUsed") }),
        field("volume", "Volume", "38(c)", "number", "may", { unit: "m3", ...concept("VolumeOfMaterialUsed") }),
      ],
    }),
    metric("materials.totalMass", "Total weight of materials used", "38(c)", "number", "t", "TotalMassOfMaterialUsed", "Σ of the materials' weights, in tonnes (template)", { requirement: "if-applicable", group: "B7.materials" }),
    metric("materials.totalVolume", "Total volume of materials used", "38(c)", "number", "m3", "TotalVolumeOfMaterialUsed", "Σ of the materials' volumes (template)", { requirement: "if-applicable", group: "B7.materials" }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// C1 — Strategy; C2 — description of practices and policies

const C1: DisclosureSpec = {
  code: "C1",
  title: "Strategy: business model and sustainability-related initiatives",
  module: "comprehensive",
  section: "strategy",
  pillar: "general",
  paragraphs: "47",
  fields: [
    field("productsAndServices", "Significant groups of products and services offered", "47(a)", "longText", "always", concept("DescriptionOfSignificantGroupsOfProductsAndOrServicesOffered")),
    field("markets", "Significant markets the undertaking operates in", "47(b)", "longText", "always", {
      help: "E.g. B2B, wholesale, retail; countries.",
      ...concept("DescriptionOfSignificantMarketsTheUndertakingOperatesIn"),
    }),
    field("businessRelationships", "Main business relationships", "47(c)", "longText", "always", {
      help: "E.g. key suppliers, customers, distribution channels and consumers.",
      ...concept("DescriptionOfMainBusinessRelationships"),
    }),
    trigger("hasSustainabilityStrategyElements", "Does the strategy have key elements that relate to or affect sustainability matters?", "47(d)"),
    field("sustainabilityStrategyElements", "Key elements of the strategy that relate to or affect sustainability matters", "47(d)", "longText", "if-applicable", {
      trigger: "hasSustainabilityStrategyElements",
      ...concept("DescriptionOfKeyElementsOfStrategyThatRelatesToOrAffectsSustainabilityIssues"),
    }),
  ],
};

const C2: DisclosureSpec = {
  code: "C2",
  title: "Description of practices, policies and future initiatives for transitioning towards a more sustainable economy",
  module: "comprehensive",
  section: "policiesDescription",
  pillar: "general",
  paragraphs: "48–49",
  fields: [
    field("description", "Description of the practices, policies and future initiatives", "48", "longText", "if-applicable", {
      appliesWhen: "B2: the undertaking has practices, policies or future initiatives",
      ...concept("DescriptionOfPracticesPoliciesAndOrFutureInitiatives"),
    }),
    field("targetDescription", "Description of their targets", "48", "longText", "if-applicable", {
      appliesWhen: "B2: the undertaking has set targets",
      ...concept("DescriptionOfATargetRelatedToAPolicy"),
    }),
    field("mostSeniorAccountable", "Most senior level accountable for implementing the policies", "49", "longText", "if-applicable", {
      appliesWhen: "B2: the undertaking has practices, policies or future initiatives",
      ...concept("MostSeniorLevelAccountableForImplementationOfPolicies"),
    }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// C3 — GHG reduction targets and climate transition; C4 — climate risks

const scopeYear = (year: "baseYear" | "targetYear", label: string) => {
  const member = year === "baseYear" ? "vsme:BaselineYearMember" : "vsme:TargetYearMember";
  const dims = { dimensions: { "vsme:ReportingScopesAxis": member }, periodFrom: year } as const;
  const prefix = `${year}Emissions`;
  return [
    field(`${prefix}.scope1`, `${label}: gross Scope 1`, "54(b)", "number", "if-applicable", { unit: "tCO2e", trigger: "hasGhgReductionTargets", group: "C3.targets", ...concept("GrossScope1GreenhouseGasEmissions", dims) }),
    field(`${prefix}.scope2LocationBased`, `${label}: gross location-based Scope 2`, "54(b)", "number", "if-applicable", { unit: "tCO2e", trigger: "hasGhgReductionTargets", group: "C3.targets", ...concept("GrossLocationBasedScope2GreenhouseGasEmissions", dims) }),
    field(`${prefix}.scope2MarketBased`, `${label}: gross market-based Scope 2`, "54(b)", "number", "may", { unit: "tCO2e", group: "C3.targets", ...concept("GrossMarketBasedScope2GreenhouseGasEmissions", dims) }),
    field(`${prefix}.scope3`, `${label}: gross Scope 3`, "54(d)", "number", "may", { unit: "tCO2e", group: "C3.targets", ...concept("GrossScope3GreenhouseGasEmissions", dims) }),
    metric(`ghgTargets.${year}.scope1And2LocationBased`, `${label}: total Scope 1 and 2 (location-based)`, "54", "number", "tCO2e", "TotalGrossLocationBasedScope1AndScope2GHGEmissions", "Scope 1 + location-based Scope 2 of that year", { requirement: "if-applicable", group: "C3.targets", xbrl: { concept: "TotalGrossLocationBasedScope1AndScope2GHGEmissions", ...dims } }),
    metric(`ghgTargets.${year}.scope1And2MarketBased`, `${label}: total Scope 1 and 2 (market-based)`, "54", "number", "tCO2e", "TotalGrossMarketBasedScope1AndScope2GHGEmissions", "Scope 1 + market-based Scope 2 of that year", { requirement: "may", group: "C3.targets", xbrl: { concept: "TotalGrossMarketBasedScope1AndScope2GHGEmissions", ...dims } }),
    metric(`ghgTargets.${year}.totalLocationBased`, `${label}: total incl. Scope 3 (location-based)`, "54", "number", "tCO2e", "TotalGrossLocationBasedGHGEmissions", "Scope 1 + location-based Scope 2 + Scope 3 of that year", { requirement: "may", group: "C3.targets", xbrl: { concept: "TotalGrossLocationBasedGHGEmissions", ...dims } }),
    metric(`ghgTargets.${year}.totalMarketBased`, `${label}: total incl. Scope 3 (market-based)`, "54", "number", "tCO2e", "TotalGrossMarketBasedGHGEmissions", "Scope 1 + market-based Scope 2 + Scope 3 of that year", { requirement: "may", group: "C3.targets", xbrl: { concept: "TotalGrossMarketBasedGHGEmissions", ...dims } }),
  ];
};

const C3: DisclosureSpec = {
  code: "C3",
  title: "GHG reduction targets and climate transition",
  module: "comprehensive",
  section: "ghgTargets",
  pillar: "environmental",
  paragraphs: "54–56",
  fields: [
    trigger("hasGhgReductionTargets", "Has the undertaking set GHG emission reduction targets?", "54", { group: "C3.targets" }),
    field("baseYear", "Base year", "54(a)", "year", "if-applicable", { trigger: "hasGhgReductionTargets", group: "C3.targets", ...concept("GreenhouseGasEmissionReductionTargetBaseYear") }),
    field("targetYear", "Target year", "54", "year", "if-applicable", { trigger: "hasGhgReductionTargets", group: "C3.targets", ...concept("GreenhouseGasEmissionReductionTargetYear") }),
    ...scopeYear("baseYear", "Base year"),
    ...scopeYear("targetYear", "Target year"),
    metric("ghgTargets.reductionPercent.scope1And2LocationBased", "Targeted reduction of Scope 1 and 2 (location-based) from the base year", "54", "percent", "%", undefined, "(1 − target ÷ base) × 100 (template helper column 'Percentage reduction from base year')", { requirement: "may", group: "C3.targets", withoutXbrl: "Template helper; not a taxonomy concept" }),
    field("mainActions", "Main actions to achieve the targets", "54(e)", "longText", "if-applicable", { trigger: "hasGhgReductionTargets", group: "C3.actions", ...concept("DisclosureOfListOfMainActionsTheEntitySeeksInOrderToAchieveItsTargets") }),
    trigger("inHighClimateImpactSector", "Does the undertaking operate in a high climate impact sector (NACE sections A–H and L)?", "55", { group: "C3.transitionPlan" }),
    field("hasTransitionPlan", "Has the undertaking adopted a transition plan for climate change mitigation?", "55", "boolean", "if-applicable", {
      trigger: "inHighClimateImpactSector",
      group: "C3.transitionPlan",
      withoutXbrl: "Trigger of the template: a plan is described (55) or its adoption date given (56)",
    }),
    field("transitionPlanDescription", "The transition plan and how it contributes to reducing GHG emissions", "55", "longText", "may", { trigger: "hasTransitionPlan", group: "C3.transitionPlan", ...concept("DescriptionOfATransitionPlanForClimateChangeMitigationIncludingAnExplanationOfHowItIsContributingToReduceGhgEmissions") }),
    field("transitionPlanAdoptionDate", "When the transition plan will be adopted", "56", "date", "if-applicable", { appliesWhen: "High climate impact sector without a transition plan", group: "C3.transitionPlan", ...concept("DateOfAdoptionOfTransitionPlanForUndertakingNotHavingAdoptedTransitionPlanYet") }),
  ],
};

const C4: DisclosureSpec = {
  code: "C4",
  title: "Climate risks",
  module: "comprehensive",
  section: "climateRisks",
  pillar: "environmental",
  paragraphs: "57–58",
  applicability: {
    field: "hasIdentifiedClimateRisks",
    question: "Has the undertaking identified climate-related hazards or climate-related transition events?",
  },
  fields: [
    trigger("hasIdentifiedClimateRisks", "Has the undertaking identified climate-related hazards or transition events?", "57"),
    field("hazardsAndTransitionEvents", "Climate-related hazards and transition events", "57(a)", "longText", "if-applicable", { trigger: "hasIdentifiedClimateRisks", ...concept("DescriptionOfClimateRelatedHazardsAndClimateRelatedTransitionEvents") }),
    field("exposureAssessment", "How exposure and sensitivity of assets, activities and value chain were assessed", "57(b)", "longText", "if-applicable", { trigger: "hasIdentifiedClimateRisks", ...concept("DisclosureOfHowItHasAssessedTheExposureAndSensitivityOfItsAssetsActivitiesAndValueChainToTheseHazardsAndTransitionEvents") }),
    field("timeHorizons", "Time horizons of the hazards and transition events", "57(c)", "longText", "if-applicable", { trigger: "hasIdentifiedClimateRisks", ...concept("TimeHorizonsOfAnyClimateRelatedHazardsAndTransitionEventsIdentified") }),
    field("hasAdaptationActions", "Has the undertaking taken climate change adaptation actions?", "57(d)", "boolean", "if-applicable", { trigger: "hasIdentifiedClimateRisks", ...concept("DisclosureOfWhetherItHasUndertakenClimateChangeAdaptationActionsForAnyClimateRelatedHazardsAndTransitionEvents") }),
    field("potentialAdverseEffects", "Potential adverse effects on financial performance or operations (high / medium / low)", "58", "longText", "may", { ...concept("PotentialAdverseEffectsOfClimateRisksThatMayAffectItsFinancialPerformanceOrBusinessOperationsInTheShortMediumOrLongTermIndicatingWhetherItAssessesTheRisksToBeHighMediumOrLow") }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// C5–C7 — workforce and human rights

const C5: DisclosureSpec = {
  code: "C5",
  title: "Additional (general) workforce characteristics",
  module: "comprehensive",
  section: "workforceAdditional",
  pillar: "social",
  paragraphs: "59–60",
  fields: [
    field("femaleManagers", "Female employees at management level", "59", "integer", "may", { unit: "persons", withoutXbrl: "Input of FemaleToMaleRatioAtManagementLevelForTheReportingPeriod" }),
    field("maleManagers", "Male employees at management level", "59", "integer", "may", { unit: "persons", withoutXbrl: "Input of FemaleToMaleRatioAtManagementLevelForTheReportingPeriod" }),
    field("femaleToMaleManagementRatio", "Female-to-male ratio at management level (if only the ratio is known)", "59", "number", "may", { withoutXbrl: "Exported as FemaleToMaleRatioAtManagementLevelForTheReportingPeriod through the metric" }),
    metric("femaleToMaleManagementRatio", "Female-to-male ratio at management level", "59", "number", "ratio", "FemaleToMaleRatioAtManagementLevelForTheReportingPeriod", "Female ÷ male employees at management level (taxonomy calculation note), or the ratio entered", { requirement: "may" }),
    field("selfEmployedWorkers", "Self-employed workers working exclusively for the undertaking", "60", "integer", "may", { unit: "persons", ...concept("TotalNumberOfSelfEmployedWorkersWithoutPersonnelThatAreWorkingExclusivelyForTheUndertaking") }),
    field("temporaryAgencyWorkers", "Temporary workers provided by employment agencies", "60", "integer", "may", { unit: "persons", ...concept("TotalNumberOfTemporaryWorkersProvidedByUndertakingsPrimarilyEngagedInEmploymentActivities") }),
  ],
};

export const HUMAN_RIGHTS_TOPIC_OPTIONS = options([
  ["child_labour", "Child labour", "vsme:ChildLabourMember"],
  ["forced_labour", "Forced labour", "vsme:ForcedLabourMember"],
  ["human_trafficking", "Human trafficking", "vsme:HumanTraffickingMember"],
  ["discrimination", "Discrimination", "vsme:DiscriminationMember"],
  ["accident_prevention", "Accident prevention", "vsme:AccidentPreventionMember"],
  ["other", "Other", "vsme:OtherContentMember"],
]);

const C6: DisclosureSpec = {
  code: "C6",
  title: "Additional own workforce information: human rights policies and processes",
  module: "comprehensive",
  section: "humanRightsPolicies",
  pillar: "social",
  paragraphs: "61",
  fields: [
    field("hasCodeOfConductOrHumanRightsPolicy", "Does the undertaking have a code of conduct or human rights policy for its own workforce?", "61(a)", "boolean", "always", concept("UndertakingHasACodeOfConductOrHumanRightsPolicyForItsOwnWorkforce")),
    field("policyCovers", "What it covers", "61(b)", "multiEnum", "if-applicable", { trigger: "hasCodeOfConductOrHumanRightsPolicy", options: HUMAN_RIGHTS_TOPIC_OPTIONS, ...concept("TypeOfContentCoveredByTheCodeOfConductOrHumanRightsPolicyForItsOwnWorkforce", { transform: "enum" }) }),
    field("otherPolicyContent", "Other content covered", "61(b)", "text", "if-applicable", { appliesWhen: '"Other" is ticked', ...concept("SpecificationOfOtherTypesOfContentCoveredByTheCodeOfConductOrHumanRightsPolicy") }),
    field("hasComplaintsMechanism", "Does the undertaking have a complaints-handling mechanism for its own workforce?", "61(c)", "boolean", "always", concept("UndertakingHasAComplaintHandlingMechanismForItsOwnWorkforce")),
  ],
};

const C7: DisclosureSpec = {
  code: "C7",
  title: "Severe negative human rights incidents",
  module: "comprehensive",
  section: "humanRightsIncidents",
  pillar: "social",
  paragraphs: "62",
  fields: [
    field("hasConfirmedIncidents", "Has the undertaking confirmed incidents in its own workforce (child labour, forced labour, trafficking, discrimination …)?", "62(a)", "boolean", "always", concept("UndertakingHasConfirmedHumanRightsIncidentsInItsOwnWorkforce")),
    field("incidentTopics", "What they concerned", "62(a)", "multiEnum", "if-applicable", { trigger: "hasConfirmedIncidents", options: HUMAN_RIGHTS_TOPIC_OPTIONS, ...concept("TypeOfHumanRightRelatedToTheConfirmedIncident", { transform: "enum" }) }),
    field("otherIncidentTopic", "Other human right concerned", "62(a)", "longText", "if-applicable", { appliesWhen: '"Other" is ticked', ...concept("SpecificationOfOtherHumanRightsRelatedToTheConfirmedIncident") }),
    field("actionsTaken", "Actions taken to address the incidents", "62(b)", "longText", "if-applicable", { trigger: "hasConfirmedIncidents", ...concept("DescriptionOfActionsTakeToAddressTheConfirmedIncidents") }),
    field("awareOfValueChainIncidents", "Is the undertaking aware of confirmed incidents involving value-chain workers, affected communities, consumers or end users?", "62(c)", "boolean", "always", concept("UndertakingIsAwareOfAnyConfirmedIncidentsInvolvingWorkersInTheValueChainAffectedCommunitiesConsumersAndEndUsers")),
    field("valueChainIncidents", "Those incidents", "62(c)", "longText", "if-applicable", { trigger: "awareOfValueChainIncidents", ...concept("SpecificationOfAnyConfirmedIncidentInvolvingWorkersInTheValueChainAffectedCommunitiesConsumersAndEndUsers") }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// C8, C9 — governance

const revenue = (key: string, label: string, paragraph: string, xbrlConcept: string) =>
  field(key, label, paragraph, "money", "if-applicable", { unit: "currency", trigger: "hasRevenuesFromListedSectors", group: "C8.revenues", ...concept(xbrlConcept) });

const C8: DisclosureSpec = {
  code: "C8",
  title: "Revenues from certain sectors and exclusion from EU reference benchmarks",
  module: "comprehensive",
  section: "sectorRevenues",
  pillar: "governance",
  paragraphs: "63–64",
  fields: [
    trigger("hasRevenuesFromListedSectors", "Does the undertaking earn revenue from controversial weapons, tobacco, fossil fuels (coal, oil, gas) or chemicals?", "63", { group: "C8.revenues" }),
    revenue("controversialWeapons", "Revenue from controversial weapons", "63(a)", "RevenueDerivedFromControversialWeaponsAntiPersonnelMinesClusterMunitionsChemicalWeaponsAndBiologicalWeapons"),
    revenue("tobacco", "Revenue from the cultivation and production of tobacco", "63(b)", "RevenueDerivedFromCultivationAndProductionOfTobacco"),
    revenue("coal", "Revenue from coal", "63(c)", "RevenueDerivedFromCoal"),
    revenue("oil", "Revenue from oil", "63(c)", "RevenueDerivedFromOil"),
    revenue("gas", "Revenue from gas", "63(c)", "RevenueDerivedFromGas"),
    metric("fossilFuelRevenue", "Total revenue from the fossil fuel sector", "63(c)", "money", "currency", "TotalRevenuesDerivedFromFossilFuelCoalOilAndGasSector", "Coal + oil + gas (template)", { requirement: "if-applicable", group: "C8.revenues" }),
    revenue("chemicals", "Revenue from chemical production", "63(d)", "RevenueDerivedFromChemicalProduction"),
    field("excludedFromParisAlignedBenchmarks", "Is the undertaking excluded from EU Paris-aligned benchmarks?", "64", "boolean", "always", {
      help: "Excluded (Delegated Reg. (EU) 2020/1818 art. 12(1)(d)–(g)) when ≥ 1 % of revenue is from coal, ≥ 10 % from oil, ≥ 50 % from gas, or ≥ 50 % from electricity above 100 g CO2e/kWh.",
      group: "C8.benchmarks",
      ...concept("UndertakingsAreExcludedFromAnyEuReferenceBenchmarksThatAreAlignedWithTheParisAgreement"),
    }),
  ],
};

const C9: DisclosureSpec = {
  code: "C9",
  title: "Gender diversity ratio in the governance body",
  module: "comprehensive",
  section: "governanceDiversity",
  pillar: "governance",
  paragraphs: "65",
  applicability: { field: "hasGovernanceBody", question: "Does the undertaking have a governance body (e.g. a board)?" },
  fields: [
    trigger("hasGovernanceBody", "Does the undertaking have a governance body (e.g. a board)?", "65"),
    field("femaleMembers", "Female members of the governance body", "65", "integer", "if-applicable", { unit: "persons", trigger: "hasGovernanceBody", withoutXbrl: "Input of GenderDiversityRatioInGovernanceBody" }),
    field("maleMembers", "Male members of the governance body", "65", "integer", "if-applicable", { unit: "persons", trigger: "hasGovernanceBody", withoutXbrl: "Input of GenderDiversityRatioInGovernanceBody" }),
    field("genderDiversityRatio", "Gender diversity ratio (if only the ratio is known)", "65", "number", "may", { withoutXbrl: "Exported as GenderDiversityRatioInGovernanceBody through the metric" }),
    metric("boardGenderDiversityRatio", "Gender diversity ratio in the governance body", "65", "number", "ratio", "GenderDiversityRatioInGovernanceBody", "Female ÷ male members (taxonomy calculation note); 0 without female members, null without male members; or the ratio entered", { requirement: "if-applicable" }),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// D99 — other and entity-specific information

const D99: DisclosureSpec = {
  code: "D99",
  title: "Other and entity-specific information",
  module: "basic",
  section: "entitySpecific",
  pillar: "general",
  paragraphs: "10",
  fields: [
    field("general", "Other general and entity-specific information", "10", "longText", "may", { group: "D99.general", ...concept("DisclosureOfAnyOtherGeneralAndOrEntitySpecificInformation") }),
    field("environmental", "Other environmental and entity-specific information", "10", "longText", "may", { group: "D99.environmental", ...concept("DisclosureOfAnyOtherEnvironmentalAndOrEntitySpecificEnvironmentalDisclosures") }),
    field("social", "Other social and entity-specific information", "10", "longText", "may", { group: "D99.social", ...concept("DisclosureOfAnyOtherSocialAndOrEntitySpecificSocialDisclosures") }),
    field("governance", "Other governance and entity-specific information", "10", "longText", "may", { group: "D99.governance", ...concept("DisclosureOfAnyOtherGovernanceAndOrEntitySpecificGovernanceDisclosures") }),
  ],
};

/** The omission groups of a disclosure: its own whole-disclosure member and the groups its fields name. */
function withOmissionGroups(disclosure: DisclosureSpec): DisclosureSpec {
  const fieldsOf = (key: string) =>
    disclosure.fields.filter((f) => (f.group ?? disclosure.code) === key || (f.group ?? disclosure.code).startsWith(`${key}.`)).map((f) => f.key);
  const groups: OmissionGroupSpec[] = DISCLOSURE_GROUPS.filter((g) => g.disclosure === disclosure.code && g.key !== "B1").map((g) => ({
    key: g.key,
    label: g.label,
    fields: g.key === disclosure.code ? disclosure.fields.map((f) => f.key) : fieldsOf(g.key),
    xbrlMember: `vsme:${g.member}`,
  }));
  return { ...disclosure, omissionGroups: groups };
}

/** Every disclosure, in the standard's order. */
export const DISCLOSURES: readonly DisclosureSpec[] = [B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11, C1, C2, C3, C4, C5, C6, C7, C8, C9, D99].map(withOmissionGroups);

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
