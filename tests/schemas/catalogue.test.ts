import { describe, expect, test } from "bun:test";
import { z } from "zod";
import {
  BASIS_FOR_REPORTING,
  DATA_COLLECTION_METHODS,
  DISCLOSURES,
  EMPLOYEE_COUNTING_BASES,
  EMPLOYEE_COUNTING_METHODS,
  LEGAL_FORM_OPTIONS,
  LEGAL_FORMS,
  MODULE_OPTIONS,
  REPORT_MODULES,
  REPORT_SECTION_KEYS,
  REPORT_SECTION_SCHEMAS,
  ReportMetricsSchema,
  ReportSchema,
  UNCERTAINTY_LEVELS,
  catalogueEntries,
} from "../../schemas";
import { leafPaths, schemaAt, unwrap } from "../helpers/zod-paths";

const entries = catalogueEntries();

describe("datapoint catalogue", () => {
  test("every catalogued path exists in the stored report schema (sections, report root, snapshot, metrics)", () => {
    const missing = entries
      .filter(({ field }) => field.kind !== "table")
      .filter(({ path }) => !(path.startsWith("metrics.") ? schemaAt(ReportMetricsSchema, path.slice(8)) : schemaAt(ReportSchema, path)))
      .map(({ path }) => path);
    expect(missing).toEqual([]);
  });

  test("every input field of every section is in the catalogue, so a generated form misses nothing", () => {
    const catalogued = new Set(entries.map((e) => e.path));
    const uncatalogued = REPORT_SECTION_KEYS.flatMap((key) =>
      leafPaths(REPORT_SECTION_SCHEMAS[key], new Set(["status", "reason"])).map((leaf) => `sections.${key}.${leaf}`),
    ).filter((path) => !catalogued.has(path) && ![...catalogued].some((c) => path.startsWith(`${c}.`)));
    expect(uncatalogued).toEqual([]);
  });

  test("each disclosure's section is a report section, and codes are unique", () => {
    const codes = DISCLOSURES.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of DISCLOSURES) expect(REPORT_SECTION_KEYS as readonly string[]).toContain(d.section);
  });

  test("derived fields are metrics and never inputs; inputs are never in metrics", () => {
    for (const { field, path } of entries) {
      expect(`${path}: ${Boolean(field.derived)}`).toBe(`${path}: ${path.startsWith("metrics.")}`);
      if (field.derived) expect(field.formula).toBeTruthy();
    }
  });

  test("every datapoint either has an XBRL concept or says why not", () => {
    const neither = entries
      .filter(({ field, table }) => field.kind !== "table" && !field.xbrl && !field.withoutXbrl && !table?.withoutXbrl)
      .map(({ path }) => path);
    expect(neither).toEqual([]);
  });

  test("enum options are exactly the schema's values", () => {
    const values = (path: string) => entries.find((e) => e.path === path)?.field.options?.map((o) => o.value);
    const enumValues = (path: string) => (unwrap(schemaAt(ReportSchema, path)) as z.ZodEnum).options;
    expect(MODULE_OPTIONS.map((o) => o.value)).toEqual([...REPORT_MODULES]);
    expect(LEGAL_FORM_OPTIONS.map((o) => o.value)).toEqual([...LEGAL_FORMS]);
    expect(values("sections.basisForPreparation.basisForReporting")).toEqual([...BASIS_FOR_REPORTING]);
    expect(values("sections.workforce.typeOfNumberOfEmployees")).toEqual([...EMPLOYEE_COUNTING_BASES]);
    expect(values("sections.workforce.employeeCountingMethodology")).toEqual([...EMPLOYEE_COUNTING_METHODS]);
    expect(values("sections.energyAndEmissions.energy.dataCollectionMethod")).toEqual([...DATA_COLLECTION_METHODS]);
    expect(values("sections.energyAndEmissions.ghg.grossScope1.uncertainty")).toEqual([...UNCERTAINTY_LEVELS]);
    for (const { path, field } of entries) {
      if (field.kind !== "enum" || path.startsWith("undertaking.") || path === "module") continue;
      expect(`${path}: ${field.options?.map((o) => o.value).join(",")}`).toBe(`${path}: ${enumValues(path).join(",")}`);
    }
  });

  test("every enumeration mapped to XBRL names a taxonomy member for each option", () => {
    const missing = entries
      .filter(({ field }) => field.xbrl?.transform === "enum" && field.kind === "enum")
      .flatMap(({ path, field }) => (field.options ?? []).filter((o) => !o.xbrlMember).map((o) => `${path}=${o.value}`));
    expect(missing).toEqual([]);
  });
});
