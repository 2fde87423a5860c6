import { describe, expect, test } from "bun:test";
import {
  ClerkOrganizationIdSchema,
  CountryCodeSchema,
  CurrencyCodeSchema,
  EEA_COUNTRY_CODES,
  IsoDateSchema,
  MoneySchema,
  ReportingYearSchema,

  count,
  percentage,
  sumsMatch,
} from "../../schemas";
import { errorsOf } from "./fixtures";

describe("countries and currencies", () => {
  test("every EU and EEA country is accepted, and the full ISO list beyond it", () => {
    for (const code of EEA_COUNTRY_CODES) expect(CountryCodeSchema.safeParse(code).success).toBe(true);
    for (const code of ["CH", "GB", "US", "UA", "JP"]) expect(CountryCodeSchema.safeParse(code).success).toBe(true);
  });

  test("lower case, unknown and historical codes are refused with a hint", () => {
    expect(errorsOf(CountryCodeSchema, "de")).toEqual({
      "": ["Choose a country (ISO 3166-1 alpha-2 code such as DE or FR)"],
    });
    for (const code of ["XX", "EU", "YU", "DEU"]) expect(CountryCodeSchema.safeParse(code).success).toBe(false);
  });

  test("ISO 4217 currencies; metals and test codes are not turnover currencies", () => {
    for (const code of ["EUR", "SEK", "PLN", "CHF", "USD", "HRK"]) {
      expect(CurrencyCodeSchema.safeParse(code).success).toBe(true);
    }
    for (const code of ["XAU", "XTS", "eur", "EURO", "ABC"]) {
      expect(CurrencyCodeSchema.safeParse(code).success).toBe(false);
    }
    expect(errorsOf(CurrencyCodeSchema, "ABC")).toEqual({ "": ["Choose a currency (ISO 4217 code such as EUR)"] });
  });
});

describe("numbers", () => {
  test("money is a non-negative amount with a currency", () => {
    expect(MoneySchema.safeParse({ amount: 1250.5, currency: "EUR" }).success).toBe(true);
    expect(errorsOf(MoneySchema, { amount: -1, currency: "EUR" })).toEqual({ amount: ["Can't be negative"] });
    expect(errorsOf(MoneySchema, { amount: "1000", currency: "EUR" })).toEqual({ amount: ["Enter a number"] });
    expect(MoneySchema.safeParse({ amount: Number.POSITIVE_INFINITY, currency: "EUR" }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: Number.NaN, currency: "EUR" }).success).toBe(false);
  });

  test("percentages are 0–100, counts are whole numbers", () => {
    expect(percentage().safeParse(0).success).toBe(true);
    expect(percentage().safeParse(100).success).toBe(true);
    expect(errorsOf(percentage(), 100.5)).toEqual({ "": ["Enter a percentage between 0 and 100"] });
    expect(errorsOf(percentage(), -0.1)).toEqual({ "": ["Enter a percentage between 0 and 100"] });
    expect(errorsOf(count(), 2.5)).toEqual({ "": ["Enter a whole number"] });
    expect(errorsOf(count(), -1)).toEqual({ "": ["Can't be negative"] });
  });

  test("sums tolerate floating-point noise but not real differences", () => {
    expect(0.1 + 0.2 === 0.3).toBe(false);
    expect(sumsMatch(0.1 + 0.2, 0.3)).toBe(true);
    expect(sumsMatch(1_000_000 + 0.5, 1_000_000)).toBe(true); // within 1 ppm of the total
    expect(sumsMatch(1_000_000 + 2, 1_000_000)).toBe(false);
    expect(sumsMatch(10.01, 10)).toBe(false);
  });
});

describe("years and dates", () => {
  test("plausible reporting years run from 2000 to next year", () => {
    const next = new Date().getUTCFullYear() + 1;
    expect(ReportingYearSchema.safeParse(2000).success).toBe(true);
    expect(ReportingYearSchema.safeParse(next).success).toBe(true);
    expect(errorsOf(ReportingYearSchema, 1999)).toEqual({ "": ["The year must be 2000 or later"] });
    expect(errorsOf(ReportingYearSchema, next + 1)).toEqual({ "": [`The year can't be later than ${next}`] });
    expect(errorsOf(ReportingYearSchema, 2024.5)).toEqual({ "": ["Enter a year such as 2024"] });
  });

  test("dates are calendar dates YYYY-MM-DD", () => {
    expect(IsoDateSchema.safeParse("2024-02-29").success).toBe(true);
    expect(IsoDateSchema.safeParse("2023-02-29").success).toBe(false);
    expect(IsoDateSchema.safeParse("2024-12-31T00:00:00Z").success).toBe(false);
    expect(errorsOf(IsoDateSchema, "31/12/2024")).toEqual({ "": ["Enter a date as YYYY-MM-DD"] });
  });
});

test("tenant ids are Clerk organization ids, never operators", () => {
  expect(ClerkOrganizationIdSchema.safeParse("org_2abcDEF123").success).toBe(true);
  expect(ClerkOrganizationIdSchema.safeParse({ $ne: null }).success).toBe(false);
  expect(ClerkOrganizationIdSchema.safeParse("org_x' || '1'=='1").success).toBe(false);
  expect(ClerkOrganizationIdSchema.safeParse(undefined).success).toBe(false);
});
