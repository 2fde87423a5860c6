/**
 * Reports for the export tests, built from the datapoint catalogue: one with every datapoint filled (so a new
 * disclosure in the catalogue is exported without a change here), and the development sample.
 */
import { catalogueEntries, DISCLOSURES } from "../../schemas/report/catalogue";
import type { FieldSpec } from "../../schemas/report/catalogue-types";
import { computeReportMetrics } from "../../schemas/report/metrics";
import type { ReportForExport } from "../../server/exchange/report-facts";
import { SAMPLE_COMPANY, SAMPLE_REPORTS } from "../../server/seed/development-sample";
import { undertakingSnapshot } from "../../schemas/report/undertaking";

function set(root: Record<string, unknown>, dotted: string, value: unknown) {
  const parts = dotted.split(".");
  let node = root;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

/** A plausible value of a field's kind; `row` varies the values of table rows (distinct axis members). */
export function sampleValue(field: FieldSpec, row = 0): unknown {
  const one = (() => {
    switch (field.kind) {
      case "number":
        return 10.5 + row;
      case "integer":
        return 3 + row;
      case "percent":
        return 12.5;
      case "money":
        return 1000 + row;
      case "text":
        return `${field.label} ${row + 1}`;
      case "longText":
        return `${field.label}: first line\nsecond line`;
      case "boolean":
        return row % 2 === 0;
      case "enum":
      case "multiEnum":
        return field.options?.[row % Math.max(field.options.length, 1)]?.value ?? ["B3", "B8", "C1"][row % 3];
      case "date":
        return "2024-05-01";
      case "country":
        return ["DE", "AT", "FR"][row % 3];
      case "nace":
        return ["10.71", "47.21"][row % 2];
      case "url":
        return "https://example.com/previous-report";
      case "year":
        return 2019 + row * 11;
      case "geolocation":
        return { latitude: 50.9375 + row, longitude: 6.9603 };
      case "pollutant":
        return ["AmmoniaNH3", "Benzene", "Asbestos"][row % 3];
      case "wasteCode":
        return ["200101", "130205", "150101"][row % 3];
      case "disclosureGroups":
        return ["B2", "C5", "D99.general"][row % 3];
      default:
        return undefined;
    }
  })();
  if (field.kind === "multiEnum" || field.kind === "disclosureGroups" || field.multiple) return [one];
  return one;
}

/** Every catalogue field filled (except the 24(b) omission list, which would hide disclosures). */
export function fullReport(): ReportForExport {
  const report: Record<string, unknown> = {
    year: 2024,
    period: { start: "2024-01-01", end: "2024-12-31" },
    module: "basic_comprehensive",
    turnover: { amount: 2_500_000, currency: "EUR" },
    sections: {},
    metrics: {},
    undertaking: undertakingSnapshot({ ...SAMPLE_COMPANY, nace: { code: "10.71" } }),
  };
  for (const { disclosure, field, table } of catalogueEntries(DISCLOSURES)) {
    if (table || field.key === "omittedDisclosures") continue;
    const root = field.root ?? "section";
    const base =
      root === "section"
        ? (((report.sections as Record<string, unknown>)[field.section ?? disclosure.section] ??= { status: "reported" }) as Record<string, unknown>)
        : root === "report"
          ? report
          : ((report[root] ??= {}) as Record<string, unknown>);
    if (field.kind === "table") {
      set(
        base,
        field.key,
        [0, 1].map((row) => Object.fromEntries((field.columns ?? []).map((column) => [column.key, sampleValue(column, row)]))),
      );
    } else if (!(root === "report" && field.key === "module")) {
      set(base, field.key, sampleValue(field));
    }
  }
  return report as unknown as ReportForExport;
}

/** The development sample's latest report as the server stores it (metrics computed, company facts snapshotted). */
export function developmentSampleReport(index = SAMPLE_REPORTS.length - 1): ReportForExport {
  const input = SAMPLE_REPORTS[index]!;
  return {
    ...(input as unknown as ReportForExport),
    metrics: computeReportMetrics(input as never),
    undertaking: undertakingSnapshot({ ...SAMPLE_COMPANY, nace: { code: SAMPLE_COMPANY.nace.code } }),
  };
}
