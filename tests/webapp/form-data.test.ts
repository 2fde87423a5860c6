/** Form posts become the schema's input: numbers as people type them, tables, yes/no, nothing smuggled in. */
import { describe, expect, test } from "bun:test";
import { REPORT_SECTION_SCHEMAS } from "../../schemas/report/sections";
import { CompanyInputSchema } from "../../schemas/company";
import { decodeForm, parseLocaleNumber } from "../../app/utils/form-data";
import { rowIntentValues } from "../../app/utils/row-intents";

describe("numbers as typed", () => {
  test.each([
    ["1234.5", 1234.5],
    ["1 234,5", 1234.5],
    ["1\u202f234,5", 1234.5],
    ["1.234.567,25", 1234567.25],
    ["1,234,567.25", 1234567.25],
    ["12,5", 12.5],
    ["0", 0],
    ["-3", -3],
    ["1'234.5", 1234.5],
  ])("%p reads as %p", (input, expected) => {
    expect(parseLocaleNumber(input)).toBe(expected);
  });

  test.each(["abc", "1,2,3.4.5", "12 kg", "", "1e"])("%p is not a number", (input) => {
    expect(parseLocaleNumber(input)).toBeNaN();
  });
});

describe("decodeForm", () => {
  const workforce = REPORT_SECTION_SCHEMAS.workforce;

  test("dotted names become nested values, numbers are read, empty fields and empty table rows are left out", () => {
    const value = decodeForm(workforce, {
      status: "reported",
      numberOfEmployees: "1 234",
      "byGender.male": "600,5",
      "byGender.female": "",
      "byCountry.0.country": "DE",
      "byCountry.0.numberOfEmployees": "1000",
      "byCountry.1.country": "",
      "byCountry.1.numberOfEmployees": "",
      "byCountry.2.country": "FR",
      "byCountry.2.numberOfEmployees": "234",
      _version: "3",
      "_rows.byCountry": "3",
      intent: "save",
    });
    expect(value).toEqual({
      status: "reported",
      numberOfEmployees: 1234,
      byGender: { male: 600.5 },
      byCountry: [
        { country: "DE", numberOfEmployees: 1000 },
        { country: "FR", numberOfEmployees: 234 },
      ],
    });
  });

  test("a value that isn't a number stays text, so the schema says 'Enter a number' and the input is kept", () => {
    const value = decodeForm(workforce, { status: "reported", numberOfEmployees: "many" });
    const result = workforce.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter a number");
  });

  test("yes/no answers become booleans", () => {
    const schema = REPORT_SECTION_SCHEMAS.remuneration;
    expect(decodeForm(schema, { status: "reported", employeesReceivePayEqualOrAboveMinimumWage: "false" })).toEqual({
      status: "reported",
      employeesReceivePayEqualOrAboveMinimumWage: false,
    });
  });

  test("a section declared not applicable keeps only its reason, the datapoints posted beside it are dropped", () => {
    const value = decodeForm(REPORT_SECTION_SCHEMAS.healthAndSafety, {
      status: "not_applicable",
      reason: "No employees",
      numberOfFatalities: "2",
    });
    expect(value).toEqual({ status: "not_applicable", reason: "No employees" });
    expect(decodeForm(REPORT_SECTION_SCHEMAS.healthAndSafety, { status: "reported", reason: "x", numberOfFatalities: "2" })).toEqual({
      status: "reported",
      numberOfFatalities: 2,
    });
  });

  test("injected names (__proto__, operators, organizationId) reach the schema as unknown keys and are refused", () => {
    for (const name of ["__proto__.polluted", "organizationId", "numberOfEmployees.$ne", "constructor.prototype.x"]) {
      const value = decodeForm(workforce, { status: "reported", [name]: "1" });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(workforce.safeParse(value).success).toBe(false);
    }
  });

  test("omitted blocks are left out before validation", () => {
    expect(decodeForm(workforce, { status: "reported", "byCountry.0.country": "DE", numberOfEmployees: "3" }, { omit: ["byCountry"] })).toEqual({
      status: "reported",
      numberOfEmployees: 3,
    });
  });

  test("the company form: nested identifier and NACE code", () => {
    const value = decodeForm(CompanyInputSchema, {
      name: "Bäckerei Müller GmbH",
      "identifier.scheme": "national",
      "identifier.country": "DE",
      "identifier.value": "HRB 12345",
      legalForm: "private_limited_liability",
      country: "DE",
      "nace.revision": "2.1",
      "nace.code": "10.71",
      currency: "EUR",
    });
    expect(CompanyInputSchema.safeParse(value).success).toBe(true);
  });
});

describe("table rows without JavaScript", () => {
  test("'add a row' asks for one more row; 'remove' drops a row and renumbers the rest", () => {
    expect(rowIntentValues("add-row:sites", { "_rows.sites": "2" })).toEqual({ "_rows.sites": "3" });
    expect(
      rowIntentValues("remove-row:sites:0", { "_rows.sites": "3", "sites.0.city": "Köln", "sites.1.city": "Paris", "sites.2.city": "", name: "x" }),
    ).toEqual({ "_rows.sites": "2", "sites.0.city": "Paris", "sites.1.city": "", name: "x" });
    expect(rowIntentValues("save", {})).toBeUndefined();
  });
});
