import { describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import {
  COMPANY_XBRL_CONCEPTS,
  CompanySchema,
  FIELDS_WITHOUT_XBRL_CONCEPT,
  REPORT_XBRL_CONCEPTS,
  ReportSchema,
} from "../../schemas";

/** Concept names of the VSME taxonomy, from the shipped extract (reference-data/vsme-concepts-2025-07-30.tsv). */
async function taxonomyConcepts(): Promise<Set<string>> {
  const text = await readFile(new URL("../../reference-data/vsme-concepts-2025-07-30.tsv", import.meta.url), "utf8");
  return new Set(text.split(/\r?\n/).filter(Boolean).map((line) => line.split("\t")[1]!));
}

/** Resolves a dotted path ("a.b[].c") in a Zod schema, unwrapping optional/nullable/default/unions. */
function schemaAt(schema: z.ZodType, path: string): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const raw of path.split(".")) {
    const isArray = raw.endsWith("[]");
    const key = isArray ? raw.slice(0, -2) : raw;
    current = unwrap(current);
    if (current instanceof z.ZodUnion) {
      const options = current.options as z.ZodType[];
      current = options.map((o) => unwrap(o)).find((o) => o instanceof z.ZodObject && key in o.shape);
    }
    if (!(current instanceof z.ZodObject)) return undefined;
    current = (current.shape as Record<string, z.ZodType>)[key];
    if (isArray) {
      current = unwrap(current);
      current = current instanceof z.ZodArray ? (current.element as z.ZodType) : undefined;
    }
  }
  return current;
}
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
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
