/** Company identifiers accepted in a VSME report's entity identifier (LEI, EUID or a national register number). */
import { z } from "zod";
import { CountryCodeSchema, EEA_COUNTRY_CODES, strictObject } from "./common";

/**
 * ISO 17442 LEI: 18 alphanumerics + 2 check digits, valid when the code read as an ISO 7064 MOD 97-10 number
 * (A=10 … Z=35) leaves remainder 1.
 */
export function isValidLei(value: string): boolean {
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(value)) return false;
  let remainder = 0;
  for (const ch of value) {
    const digits = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Computes the two check digits for an 18-character LEI prefix (used by tests and sample data). */
export function leiCheckDigits(prefix18: string): string {
  let remainder = 0;
  for (const ch of `${prefix18}00`) {
    const digits = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return String(98 - remainder).padStart(2, "0");
}

const euidCountries = new Set<string>(EEA_COUNTRY_CODES);
/**
 * EUID (European Unique Identifier, Implementing Reg. (EU) 2021/1042): EEA country code, business register code,
 * a dot, then the register's number for the company, e.g. DEK1101R.HRB116737.
 */
export function isValidEuid(value: string): boolean {
  const match = /^([A-Z]{2})[A-Z0-9]{1,13}\.[A-Z0-9][A-Z0-9.\-/]{0,49}$/.exec(value);
  return match !== null && euidCountries.has(match[1]!);
}

export const IDENTIFIER_SCHEMES = ["LEI", "EUID", "national"] as const;

export const CompanyIdentifierSchema = z
  .discriminatedUnion(
    "scheme",
    [
      strictObject({
        scheme: z.literal("LEI"),
        value: z
          .string()
          .trim()
          .toUpperCase()
          .refine(isValidLei, {
            error: "This is not a valid LEI: 20 letters and digits whose last two check digits must match",
          }),
      }),
      strictObject({
        scheme: z.literal("EUID"),
        value: z
          .string()
          .trim()
          .toUpperCase()
          .refine(isValidEuid, {
            error: "This is not a valid EUID: country code, register code, a dot and the number (e.g. DEK1101R.HRB116737)",
          }),
      }),
      strictObject({
        scheme: z.literal("national"),
        /** Country whose register issued the number. */
        country: CountryCodeSchema,
        value: z
          .string()
          .trim()
          .min(1, { error: "Enter the registration number" })
          .max(64, { error: "Keep the registration number under 64 characters" })
          .regex(/^[\p{L}\p{N} .\-/]+$/u, { error: "Use only letters, digits, spaces, dots, dashes and slashes" }),
      }),
    ],
    { error: "Choose an identifier scheme: LEI, EUID or national" },
  )
  .meta({
    id: "CompanyIdentifier",
    description: "The company's registration identifier: an LEI (ISO 17442), an EUID, or a national register number.",
  });
export type CompanyIdentifier = z.infer<typeof CompanyIdentifierSchema>;
