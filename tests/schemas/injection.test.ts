import { describe, expect, test } from "bun:test";
import {
  CompanyInputSchema,
  CompanyPatchSchema,
  REPORT_SECTION_SCHEMAS,
  ReportDetailsPatchSchema,
  ReportInputSchema,
} from "../../schemas";
import { companyInput, completeReport, errorsOf } from "./fixtures";

/** Bodies as they arrive over HTTP: JSON.parse keeps "__proto__" as an own key, which is the dangerous case. */
const fromJson = (value: unknown, extra: string) => JSON.parse(JSON.stringify(value).replace(/^\{/, `{${extra},`));

describe("input schemas reject what must never reach the database", () => {
  test("operators in place of values", () => {
    expect(errorsOf(CompanyInputSchema, { ...companyInput(), name: { $ne: null } })).toEqual({
      name: ["Enter some text"],
    });
    const report = completeReport() as any;
    report.sections.workforce.numberOfEmployees = { $gt: 0 };
    expect(errorsOf(ReportInputSchema, report)).toEqual({ "sections.workforce.numberOfEmployees": ["Enter a number"] });
    expect(ReportInputSchema.safeParse({ ...completeReport(), year: { $ne: null } }).success).toBe(false);
  });

  test("operator keys, dotted keys and __proto__ at the top and nested", () => {
    for (const extra of ['"$where":"1"', '"sections.workforce.numberOfEmployees":5', '"__proto__":{"admin":true}']) {
      const key = JSON.parse(`{${extra}}`);
      const name = Object.keys(key)[0]!;
      expect(errorsOf(CompanyInputSchema, fromJson(companyInput(), extra))).toEqual({
        "": [`Unknown field(s) not allowed: ${name}`],
      });
      const report = completeReport() as any;
      report.sections.healthAndSafety = fromJson(report.sections.healthAndSafety, extra);
      expect(errorsOf(ReportInputSchema, report)).toEqual({
        "sections.healthAndSafety": [`Unknown field(s) not allowed: ${name}`],
      });
    }
  });

  test("server-set fields smuggled into input", () => {
    for (const field of ["organizationId", "_id", "createdBy", "updatedAt", "version"]) {
      expect(errorsOf(CompanyInputSchema, { ...companyInput(), [field]: "x" })).toEqual({
        "": [`Unknown field(s) not allowed: ${field}`],
      });
      expect(errorsOf(CompanyPatchSchema, { [field]: "x" })).toEqual({ "": [`Unknown field(s) not allowed: ${field}`] });
      expect(errorsOf(ReportInputSchema, { ...completeReport(), [field]: "x" })).toEqual({
        "": [`Unknown field(s) not allowed: ${field}`],
      });
    }
    for (const field of ["status", "companyId", "metrics"]) {
      expect(errorsOf(ReportInputSchema, { ...completeReport(), [field]: "approved" })).toEqual({
        "": [`Unknown field(s) not allowed: ${field}`],
      });
    }
    expect(errorsOf(ReportDetailsPatchSchema, { year: 2020 })).toEqual({ "": ["Unknown field(s) not allowed: year"] });
  });

  test("sector intensity and derived metrics are never accepted as input", () => {
    const intensity = { value: 1, unit: "g", matchedLevel: "class", matchedCode: "10.71", source: "me", year: 2024 };
    expect(errorsOf(CompanyInputSchema, { ...companyInput(), sectorIntensity: intensity })).toEqual({
      "": ["Unknown field(s) not allowed: sectorIntensity"],
    });
    const report = completeReport() as any;
    report.sections.healthAndSafety.accidentRate = 0.1;
    report.sections.remuneration.genderPayGapPercent = 0;
    report.sections.energyAndEmissions.ghg.ghgIntensityLocationBased = 0;
    expect(errorsOf(ReportInputSchema, report)).toEqual({
      "sections.energyAndEmissions.ghg": ["Unknown field(s) not allowed: ghgIntensityLocationBased"],
      "sections.healthAndSafety": ["Unknown field(s) not allowed: accidentRate"],
      "sections.remuneration": ["Unknown field(s) not allowed: genderPayGapPercent"],
    });
  });
});
