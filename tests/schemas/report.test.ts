import { describe, expect, test } from "bun:test";
import { ReportInputSchema, ReportingPeriodSchema } from "../../schemas";
import { completeReport, errorsOf } from "./fixtures";

describe("report", () => {
  test("a complete, consistent report is valid", () => {
    expect(errorsOf(ReportInputSchema, completeReport())).toEqual({});
  });

  test("an empty draft needs only year, period, module and turnover", () => {
    const { sections: _, ...draft } = completeReport();
    expect(ReportInputSchema.parse(draft).sections).toEqual({});
    expect(errorsOf(ReportInputSchema, {})).toEqual({
      year: ["Enter a number"],
      period: ["Enter the first and last day of the reporting period"],
      module: ["Choose the Basic module, or Basic and Comprehensive"],
      turnover: ["Enter an amount and its currency"],
    });
  });

  test("the reporting year is the year the period ends", () => {
    const fiscal = { ...completeReport(), year: 2025, period: { start: "2024-07-01", end: "2025-06-30" } };
    expect(errorsOf(ReportInputSchema, fiscal)).toEqual({});
    expect(errorsOf(ReportInputSchema, { ...fiscal, year: 2024 })).toEqual({
      year: ["The reporting year is the year the period ends: 2025 for a period ending 2025-06-30"],
    });
  });

  test("module maps to VSME options only", () => {
    expect(ReportInputSchema.safeParse({ ...completeReport(), module: "basic_comprehensive" }).success).toBe(true);
    expect(errorsOf(ReportInputSchema, { ...completeReport(), module: "comprehensive" })).toEqual({
      module: ["Choose the Basic module, or Basic and Comprehensive"],
    });
  });
});

describe("reporting period", () => {
  test("must end after it starts", () => {
    expect(errorsOf(ReportingPeriodSchema, { start: "2024-12-31", end: "2024-01-01" })).toEqual({
      end: ["The period must end after it starts"],
    });
    expect(errorsOf(ReportingPeriodSchema, { start: "2024-01-01", end: "2024-01-01" })).toEqual({
      end: ["The period must end after it starts"],
    });
  });

  test("may last up to 18 months, not more", () => {
    expect(ReportingPeriodSchema.safeParse({ start: "2023-07-01", end: "2024-12-31" }).success).toBe(true);
    expect(errorsOf(ReportingPeriodSchema, { start: "2023-07-01", end: "2025-01-01" })).toEqual({
      end: ["A reporting period can't be longer than 18 months"],
    });
  });

  test("dates must be real calendar dates", () => {
    expect(errorsOf(ReportingPeriodSchema, { start: "2024-01-01", end: "2024-13-01" })).toEqual({
      end: ["Enter a date as YYYY-MM-DD"],
    });
  });
});
