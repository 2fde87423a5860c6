/** TEMPORARY (branch-only): a few disclosures in the catalogue's shape until model's DISCLOSURES lands. */
import type { DisclosureSpec } from "../../schemas/report/catalogue-types";

const dq = (prefix: string) =>
  [
    {
      key: `${prefix}.dataCollectionMethod`,
      label: "How the figure was obtained",
      paragraph: "29",
      kind: "enum",
      requirement: "may",
      options: [
        { value: "measured", label: "Measured" },
        { value: "calculated", label: "Calculated" },
        { value: "estimated", label: "Estimated" },
      ],
    },
  ] as const;

export const DISCLOSURES: readonly DisclosureSpec[] = [
  {
    code: "B1",
    title: "Basis for preparation",
    module: "basic",
    section: "basisForPreparation",
    pillar: "general",
    paragraphs: "24–25",
    fields: [
      { key: "basisForReporting", label: "Basis for reporting", paragraph: "24(c)", kind: "enum", requirement: "always", options: [{ value: "individual", label: "Individual" }, { value: "consolidated", label: "Consolidated" }] },
      { key: "subsidiaries", label: "Subsidiaries", paragraph: "24(d)", kind: "table", requirement: "if-applicable", columns: [
        { key: "name", label: "Name", paragraph: "24(d)", kind: "text", requirement: "always" },
        { key: "registeredAddress", label: "Registered address", paragraph: "24(d)", kind: "text", requirement: "always" },
      ] },
      { key: "sites", label: "Sites", paragraph: "24(e)(vii)", kind: "table", requirement: "always", columns: [
        { key: "address", label: "Address", paragraph: "24(e)(vii)", kind: "text", requirement: "always" },
        { key: "postalCode", label: "Postal code", paragraph: "24(e)(vii)", kind: "text", requirement: "always" },
        { key: "city", label: "City", paragraph: "24(e)(vii)", kind: "text", requirement: "always" },
        { key: "country", label: "Country", paragraph: "24(e)(vii)", kind: "country", requirement: "always" },
      ] },
      { key: "assets", label: "Total assets", help: "Balance sheet total at the end of the period.", paragraph: "24(e)(iii)", kind: "money", unit: "currency", requirement: "always" },
      { key: "omittedDisclosures", label: "Disclosures omitted as classified or sensitive", paragraph: "24(b)", kind: "multiEnum", requirement: "may", options: ["B2", "B3", "B8", "B9", "B10", "B11"].map((v) => ({ value: v, label: v })) },
      { key: "linkToPreviousReport", label: "Link to the previous report", paragraph: "16", kind: "url", requirement: "may" },
      { key: "sustainabilityCertifications", label: "Sustainability certifications or labels", paragraph: "24(f)", kind: "longText", requirement: "may" },
    ],
  },
  {
    code: "B3",
    title: "Energy and greenhouse gas emissions",
    module: "basic",
    section: "energyAndEmissions",
    pillar: "environmental",
    paragraphs: "29–31",
    fields: [
      { key: "energy.totalEnergyConsumption", label: "Total energy consumption", help: "Electricity, heat and fuels used in the period.", paragraph: "29", kind: "number", unit: "MWh", requirement: "always" },
      { key: "energy.breakdown.electricity.renewable", label: "Electricity, renewable", paragraph: "29", kind: "number", unit: "MWh", requirement: "may" },
      { key: "energy.breakdown.electricity.nonRenewable", label: "Electricity, non-renewable", paragraph: "29", kind: "number", unit: "MWh", requirement: "may" },
      { key: "energy.breakdown.fuels.renewable", label: "Fuels, renewable", paragraph: "29", kind: "number", unit: "MWh", requirement: "may" },
      { key: "energy.breakdown.fuels.nonRenewable", label: "Fuels, non-renewable", paragraph: "29", kind: "number", unit: "MWh", requirement: "may" },
      { key: "ghg.grossScope1.value", label: "Gross Scope 1 emissions", paragraph: "30(a)", kind: "number", unit: "tCO2e", requirement: "always" },
      ...dq("ghg.grossScope1"),
      { key: "ghg.grossScope2LocationBased.value", label: "Gross Scope 2 emissions, location-based", paragraph: "30(b)", kind: "number", unit: "tCO2e", requirement: "always" },
      { key: "ghg.grossScope2MarketBased.value", label: "Gross Scope 2 emissions, market-based", paragraph: "30(b)", kind: "number", unit: "tCO2e", requirement: "may" },
      { key: "ghg.grossScope3.value", label: "Gross Scope 3 emissions", paragraph: "31", kind: "number", unit: "tCO2e", requirement: "may" },
    ],
  },
  {
    code: "B8",
    title: "Workforce – general characteristics",
    module: "basic",
    section: "workforce",
    pillar: "social",
    paragraphs: "39",
    fields: [
      { key: "typeOfNumberOfEmployees", label: "Counting basis", paragraph: "39", kind: "enum", requirement: "always", options: [{ value: "headcount", label: "Head count" }, { value: "fte", label: "Full-time equivalents" }] },
      { key: "numberOfEmployees", label: "Number of employees", paragraph: "39(a)", kind: "number", unit: "persons", requirement: "always" },
      { key: "byContract.permanent", label: "Permanent contract", paragraph: "39(a)", kind: "number", unit: "persons", requirement: "always" },
      { key: "byContract.temporary", label: "Temporary contract", paragraph: "39(a)", kind: "number", unit: "persons", requirement: "always" },
      { key: "byGender.male", label: "Male", paragraph: "39(b)", kind: "number", unit: "persons", requirement: "always" },
      { key: "byGender.female", label: "Female", paragraph: "39(b)", kind: "number", unit: "persons", requirement: "always" },
      { key: "byGender.other", label: "Other", paragraph: "39(b)", kind: "number", unit: "persons", requirement: "may" },
      { key: "byCountry", label: "Employees by country", paragraph: "39(c)", kind: "table", requirement: "if-applicable", columns: [
        { key: "country", label: "Country", paragraph: "39(c)", kind: "country", requirement: "always" },
        { key: "numberOfEmployees", label: "Employees", paragraph: "39(c)", kind: "number", unit: "persons", requirement: "always" },
      ] },
    ],
  },
  {
    code: "B9",
    title: "Workforce – health and safety",
    module: "basic",
    section: "healthAndSafety",
    pillar: "social",
    paragraphs: "41",
    fields: [
      { key: "numberOfRecordableWorkRelatedAccidents", label: "Recordable work-related accidents", paragraph: "41(a)", kind: "integer", requirement: "always" },
      { key: "totalHoursWorked", label: "Hours worked", paragraph: "41(a)", kind: "number", unit: "hours", requirement: "always" },
      { key: "numberOfFatalities", label: "Fatalities", paragraph: "41(b)", kind: "integer", unit: "persons", requirement: "always" },
    ],
  },
  {
    code: "B10",
    title: "Remuneration, collective bargaining and training",
    module: "basic",
    section: "remuneration",
    pillar: "social",
    paragraphs: "42",
    fields: [
      { key: "employeesReceivePayEqualOrAboveMinimumWage", label: "Employees receive at least the minimum wage", paragraph: "42(a)", kind: "boolean", requirement: "always" },
      { key: "percentageCoveredByCollectiveBargaining", label: "Employees covered by collective agreements", paragraph: "42(c)", kind: "percent", unit: "%", requirement: "always" },
      { key: "averageAnnualTrainingHours.male", label: "Training hours per employee, male", paragraph: "42(d)", kind: "number", unit: "hours", requirement: "always" },
      { key: "averageAnnualTrainingHours.female", label: "Training hours per employee, female", paragraph: "42(d)", kind: "number", unit: "hours", requirement: "always" },
    ],
  },
  {
    code: "B11",
    title: "Convictions and fines for corruption and bribery",
    module: "basic",
    section: "businessConduct",
    pillar: "governance",
    paragraphs: "43",
    fields: [
      { key: "numberOfConvictionsForCorruptionAndBribery", label: "Convictions for corruption or bribery", paragraph: "43", kind: "integer", requirement: "always" },
      { key: "amountOfFinesForCorruptionAndBribery", label: "Fines for corruption or bribery", paragraph: "43", kind: "money", unit: "currency", requirement: "always" },
    ],
  },
];
