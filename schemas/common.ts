/**
 * Building blocks shared by every schema. Everything here is isomorphic (browser and server) and every object
 * is strict: unknown keys — `$ne`, dotted keys, `__proto__`, a smuggled `organizationId` — fail validation
 * instead of being silently dropped, so nothing unvetted can reach a query or a write.
 */
import { z } from "zod";
import { COUNTRY_CODES, CURRENCY_CODES, EEA_COUNTRY_CODES, EU_COUNTRY_CODES } from "./codes";

export { COUNTRY_CODES, CURRENCY_CODES, EEA_COUNTRY_CODES, EU_COUNTRY_CODES };

/** Sums of user-entered decimals are compared with this relative tolerance (1 part per million, at least 1e-6). */
export const SUM_TOLERANCE = 1e-6;

export function sumsMatch(sum: number, total: number): boolean {
  return Math.abs(sum - total) <= SUM_TOLERANCE * Math.max(1, Math.abs(total));
}

/** Numbers in messages: no float noise (0.30000000000000004), locale-neutral grouping. */
export function formatNumber(value: number): string {
  return Number(value.toPrecision(12)).toLocaleString("en-GB", { maximumFractionDigits: 6 });
}

export const MIN_REPORTING_YEAR = 2000;
export function maxReportingYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + 1;
}

/**
 * `z.strictObject` with a message a person can act on when unknown fields are sent (a tampered form, a stale
 * client, an injection attempt): the issue sits on the object and names the rejected keys.
 */
export function strictObject<const Shape extends z.core.$ZodLooseShape>(shape: Shape, missingMessage?: string) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") return `Unknown field(s) not allowed: ${issue.keys.join(", ")}`;
      if (issue.code === "invalid_type" && missingMessage) return missingMessage;
      return undefined;
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Identifiers

export const ObjectIdSchema = z
  .string()
  .regex(/^[0-9a-f]{24}$/, { error: "Must be a 24-character hexadecimal id" })
  .meta({ id: "ObjectId", description: "Document id: 24 lowercase hexadecimal characters (a MongoDB ObjectId)." });

export const ClerkUserIdSchema = z
  .string()
  .regex(/^user_[A-Za-z0-9]{1,64}$/, { error: "Must be a Clerk user id (user_…)" })
  .meta({ id: "ClerkUserId", description: "Clerk user id, e.g. user_2abc…" });

export const ClerkOrganizationIdSchema = z
  .string()
  .regex(/^org_[A-Za-z0-9]{1,64}$/, { error: "Must be a Clerk organization id (org_…)" })
  .meta({ id: "OrganizationId", description: "Clerk organization id (the tenant), e.g. org_2abc…" });

// ---------------------------------------------------------------------------------------------------------
// Text

export const shortText = (max = 200) =>
  z
    .string({ error: "Enter some text" })
    .trim()
    .min(1, { error: "This can't be empty" })
    .max(max, { error: `Keep this under ${max} characters` });

export const longText = (max = 5000) => shortText(max);

export const EmailSchema = z.email({ error: "Enter a valid email address" }).max(320);

// ---------------------------------------------------------------------------------------------------------
// Countries (ISO 3166-1 alpha-2, the full list of 249 officially assigned codes as in the VSME taxonomy; the
// lists are in ./codes.ts, which the browser loads without Zod)

const countrySet = new Set(COUNTRY_CODES);
export const CountryCodeSchema = z
  .string({ error: "Choose a country" })
  .refine((code) => countrySet.has(code), { error: "Choose a country (ISO 3166-1 alpha-2 code such as DE or FR)" })
  .meta({
    id: "CountryCode",
    description: "ISO 3166-1 alpha-2 country code, upper case (e.g. DE).",
    pattern: "^[A-Z]{2}$",
  });

// ---------------------------------------------------------------------------------------------------------
// Currencies (ISO 4217)

// Circulating currencies, plus HRK and BGN which EU reports for years before their euro adoption still use.
// Precious metals, fund/bond units and test codes (XAU, XDR, CLF, XTS, XXX…) are not turnover currencies.

const currencySet = new Set(CURRENCY_CODES);
export const CurrencyCodeSchema = z
  .string({ error: "Choose a currency" })
  .refine((code) => currencySet.has(code), { error: "Choose a currency (ISO 4217 code such as EUR)" })
  .meta({ id: "CurrencyCode", description: "ISO 4217 currency code (e.g. EUR).", pattern: "^[A-Z]{3}$" });

// ---------------------------------------------------------------------------------------------------------
// Numbers

const number = () => z.number({ error: "Enter a number" });

/** A quantity that cannot be negative (MWh, tCO2e, hours, money amounts…); decimals allowed. */
export const nonNegativeQuantity = () => number().min(0, { error: "Can't be negative" });

/** A whole number of 0 or more (people, accidents, convictions). */
export const count = () => number().int({ error: "Enter a whole number" }).min(0, { error: "Can't be negative" });

/** A percentage between 0 and 100 (not a fraction: 12.5 means 12.5 %). */
export const percentage = () =>
  number().min(0, { error: "Enter a percentage between 0 and 100" }).max(100, {
    error: "Enter a percentage between 0 and 100",
  });

export const MoneySchema = strictObject(
  {
    amount: nonNegativeQuantity(),
    currency: CurrencyCodeSchema,
  },
  "Enter an amount and its currency",
).meta({ id: "Money", description: "A non-negative amount in an ISO 4217 currency." });
export type Money = z.infer<typeof MoneySchema>;

// ---------------------------------------------------------------------------------------------------------
// Dates

export const ReportingYearSchema = number()
  .int({ error: "Enter a year such as 2024" })
  .min(MIN_REPORTING_YEAR, { error: `The year must be ${MIN_REPORTING_YEAR} or later` })
  .check((ctx) => {
    const max = maxReportingYear();
    if (ctx.value > max) {
      ctx.issues.push({ code: "custom", input: ctx.value, message: `The year can't be later than ${max}` });
    }
  })
  .meta({ id: "ReportingYear", description: `A reporting year from ${MIN_REPORTING_YEAR} to next year.` });

export const IsoDateSchema = z.iso
  .date({ error: "Enter a date as YYYY-MM-DD" })
  .meta({ id: "IsoDate", description: "Calendar date, YYYY-MM-DD." });
