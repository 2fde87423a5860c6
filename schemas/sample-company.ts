/**
 * The company every sample starts from — API examples (schemas/api/examples.ts), the development seed
 * (server/seed/development-sample.ts), the test fixtures (tests/schemas/fixtures.ts, tests/fixtures/full-report.ts)
 * and the benchmarks: a German bakery, NACE Rev. 2.1 class 10.71 (bread, fresh pastry and cakes), with a valid
 * LEI. Each sample names and shapes its own company through `overrides`; the rest stays one definition.
 */
import type { CompanyInput } from "./company";

const SAMPLE_BAKERY = {
  name: "Muster Bäckerei GmbH",
  identifier: { scheme: "LEI", value: "5493001KJTIIGC8Y1R12" },
  legalForm: "private_limited_liability",
  country: "DE",
  nace: { revision: "2.1", code: "10.71" },
  currency: "EUR",
} as const satisfies CompanyInput;

/** The bakery's sites and subsidiary, for samples that show them (the API examples); not part of the base sample. */
export const SAMPLE_SITES = [
  { name: "Bakery and head office", id: "KOELN-1", address: "Hohe Straße 12", postalCode: "50667", city: "Köln", country: "DE", gps: { latitude: 50.9375, longitude: 6.9603 } },
  { name: "Shop Bonn", address: "Markt 3", postalCode: "53111", city: "Bonn", country: "DE" },
] as const satisfies CompanyInput["sites"];
export const SAMPLE_SUBSIDIARIES = [
  { name: "Muster Filialen GmbH", registeredAddress: "Hohe Straße 12, 50667 Köln, Germany", identifier: { scheme: "EUID", value: "DEK1101R.HRB116737" } },
] as const satisfies CompanyInput["subsidiaries"];

/** A fresh copy (callers may change it) of the sample bakery with `overrides` applied on top. */
export function sampleCompany(overrides: Partial<CompanyInput> = {}): CompanyInput {
  return structuredClone({ ...SAMPLE_BAKERY, ...overrides });
}
