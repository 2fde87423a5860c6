import { describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import {
  type FieldSpec,
  type XbrlConceptMapping,
  catalogueEntries,
  COMPANY_XBRL_CONCEPTS,
  DISCLOSURES,
  CompanySchema,
  FIELDS_WITHOUT_XBRL_CONCEPT,
  REPORT_XBRL_CONCEPTS,
  ReportSchema,
} from "../../schemas";
import { schemaAt } from "../helpers/zod-paths";

interface TaxonomyConcept {
  dataType: string;
  /** VSME reference, e.g. "B3 29", "B1 24 e v (guid. 7-8)", "16". */
  paragraph: string;
}

/** The VSME taxonomy's concepts, from the shipped extract (reference-data/vsme-concepts-2025-07-30.tsv). */
async function taxonomy(): Promise<Map<string, TaxonomyConcept>> {
  const text = await readFile(new URL("../../reference-data/vsme-concepts-2025-07-30.tsv", import.meta.url), "utf8");
  const rows = text.split(/\r?\n/).filter(Boolean).map((line) => line.split("\t"));
  return new Map(rows.map((f) => [f[1]!, { dataType: f[3]!, paragraph: f[5]! }]));
}
async function taxonomyConcepts(): Promise<Set<string>> {
  return new Set((await taxonomy()).keys());
}

describe("field → XBRL concept map", () => {
  test("every concept exists in the VSME taxonomy", async () => {
    const concepts = await taxonomyConcepts();
    const unknown = [...Object.values(REPORT_XBRL_CONCEPTS), ...Object.values(COMPANY_XBRL_CONCEPTS)]
      .map((m) => m.concept)
      .filter((c) => !concepts.has(c));
    expect(unknown).toEqual([]);
  });

  test("every mapped path exists in the stored schemas", () => {
    const missing = [
      ...Object.keys(REPORT_XBRL_CONCEPTS).filter((p) => !schemaAt(ReportSchema, p)),
      ...Object.keys(COMPANY_XBRL_CONCEPTS).filter((p) => !schemaAt(CompanySchema, p)),
      ...Object.keys(FIELDS_WITHOUT_XBRL_CONCEPT).filter((p) => !schemaAt(ReportSchema, p)),
    ];
    expect(missing).toEqual([]);
  });

  test("the B3, B8, B9, B10 and B11 datapoints VSME marks 'Always' are all mapped", () => {
    const mapped = new Set(Object.values(REPORT_XBRL_CONCEPTS).map((m) => m.concept));
    for (const concept of [
      "TotalEnergyConsumption",
      "GrossScope1GreenhouseGasEmissions",
      "GrossLocationBasedScope2GreenhouseGasEmissions",
      "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased",
      "NumberOfPermanentContractEmployees",
      "NumberOfTemporaryContractEmployees",
      "NumberOfMaleEmployees",
      "NumberOfFemaleEmployees",
      "NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
      "RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
      "NumberOfFatalitiesAsAResultOfWorkRelatedInjuriesAndWorkRelatedIllHealth",
      "EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement",
      "PercentageOfEmployeesCoveredByCollectiveBargainingAgreements",
      "AverageNumberOfAnnualTrainingHoursPerMaleEmployee",
      "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee",
      "TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws",
      "TotalAmountOfFinesForTheViolationOfAnticorruptionAndAntibriberyLaws",
    ]) {
      expect(mapped.has(concept)).toBe(true);
    }
  });
});

/** The XBRL data type (and so the unit) a mapped field must have, from the catalogue's kind and unit. */
function expectedDataType(field: FieldSpec): RegExp {
  const mapping = field.xbrl!;
  if (mapping.transform === "perMillionToPerUnit") return /^dtr-types:ghgEmissionsPerMonetaryItemType$/; // tCO2e / ISO 4217
  if (mapping.transform === "percentToFraction") return /^dtr-types:percentItemType$/; // pure, 0.12 = 12 %
  if (mapping.transform === "enum") return /^enum2:enumeration(Set)?ItemType$/;
  const byUnit: Record<string, RegExp> = {
    MWh: /^dtr-types:energyItemType$/,
    tCO2e: /^dtr-types:ghgEmissionsItemType$/,
    m3: /^dtr-types:volumeItemType$/,
    t: /^dtr-types:massItemType$/,
    ha: /^dtr-types:areaItemType$/,
    currency: /^xbrli:monetaryItemType$/,
  };
  if (field.unit && byUnit[field.unit]) return byUnit[field.unit]!;
  switch (field.kind) {
    case "money":
      return /^xbrli:monetaryItemType$/;
    case "boolean":
      return /^xbrli:booleanItemType$/;
    case "text":
    case "url":
    case "geolocation":
      return /^xbrli:stringItemType$/;
    case "longText":
      return /^dtr-types:textBlockItemType$/;
    case "year":
      return /^xbrli:gYearItemType$/;
    case "date":
      return /^xbrli:dateItemType$/;
    default:
      return /^xbrli:decimalItemType$/; // counts, hours, rates, ratios
  }
}

/** The VSME disclosure (taxonomy reference) each section's fields must come from. */
const SECTION_PARAGRAPHS: Record<string, RegExp> = {
  basisForPreparation: /^(B1 |16$)/,
  workforce: /^(B8 |B1 24 e v\b)/, // the employee count and its basis are B1 24(e)(v) facts
  ghgTargets: /^(C3 |B3 )/, // C3 re-uses the B3 emission concepts on the baseline / target year members
  entitySpecific: /^10$/,
};
const sectionParagraph = (section: string) =>
  SECTION_PARAGRAPHS[section] ?? new RegExp(`^${DISCLOSURES.find((d) => d.section === section)!.code} `);

describe("field → XBRL concept: units and paragraphs", () => {
  test("every mapped field has its concept's data type: MWh, tCO2e, tCO2e per currency unit, percent, money", async () => {
    const concepts = await taxonomy();
    const wrong = catalogueEntries().flatMap(({ path, field }) => {
      if (!field.xbrl) return [];
      const actual = concepts.get(field.xbrl.concept)?.dataType ?? "(missing)";
      const expected = expectedDataType(field);
      return expected.test(actual) ? [] : [`${path} → ${field.xbrl.concept}: taxonomy type ${actual}, expected ${expected}`];
    });
    expect(wrong).toEqual([]);
  });

  test("every section's fields map to concepts of that section's VSME disclosure", async () => {
    const concepts = await taxonomy();
    const wrong = Object.entries(REPORT_XBRL_CONCEPTS as Record<string, XbrlConceptMapping>).flatMap(([path, mapping]) => {
      const section = /^sections\.([^.]+)\./.exec(path)?.[1];
      if (!section) return [];
      const paragraph = concepts.get(mapping.concept)?.paragraph ?? "(missing)";
      return sectionParagraph(section).test(paragraph) ? [] : [`${path} → ${mapping.concept} (${paragraph})`];
    });
    expect(wrong).toEqual([]);
  });

  test("the datapoints of B3, B8, B9, B10 and B11 are mapped, the optional and derived ones included", () => {
    const mapped = new Set(Object.values(REPORT_XBRL_CONCEPTS).map((m) => m.concept));
    const expected = [
      // B3 29–31 (+ Scope 3 and totals, taxonomy refs 50–53)
      "TotalEnergyConsumption",
      "EnergyConsumptionFromElectricity",
      "EnergyConsumptionFromSelfGeneratedElectricity",
      "EnergyConsumptionFromFuels",
      "GrossMarketBasedScope2GreenhouseGasEmissions",
      "GrossScope3GreenhouseGasEmissions",
      "TotalGrossLocationBasedScope1AndScope2GHGEmissions",
      "Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased",
      "TotalLocationBasedGreenhouseGasEmissionsIntensityValue",
      // B1 24(e)(v) and B8 39–40
      "NumberOfEmployees",
      "TypeOfNumberOfEmployees",
      "EmployeeCountingMethodology",
      "NumberOfOtherGenderEmployees",
      "NumberOfNonReportedGenderEmployees",
      "NumberOfEmployeesForCountryOfEmploymentContract",
      "EmployeeTurnoverRate",
      // B10 42(b), (d)
      "PercentageGapInPayBetweenFemaleAndMaleEmployees",
      "AverageNumberOfAnnualTrainingHoursPerOtherGenderEmployee",
      "AverageNumberOfAnnualTrainingHoursPerNonReportedGenderEmployee",
    ];
    expect(expected.filter((c) => !mapped.has(c))).toEqual([]);
  });
});
