import { describe, expect, test } from "bun:test";
import {
  CompanyIdentifierSchema,
  CompanyInputSchema,
  CompanyPatchSchema,
  CompanySchema,
  isValidEuid,
  isValidLei,
  leiCheckDigits,
  normalizeCompanyInput,
  UserIdentitySchema,
  UserSchema,
} from "../../schemas";
import { companyInput, errorsOf } from "./fixtures";

describe("LEI (ISO 17442)", () => {
  test("published LEIs pass the MOD 97-10 check", () => {
    // Bloomberg Finance L.P., Deutsche Bank AG and an EU issuer, from the GLEIF register.
    for (const lei of ["5493001KJTIIGC8Y1R12", "7LTWFZYICNSX8D621K86", "529900T8BM49AURSDO55"]) {
      expect(isValidLei(lei)).toBe(true);
    }
  });

  test("a single changed character or swapped check digits fail", () => {
    expect(isValidLei("5493001KJTIIGC8Y1R13")).toBe(false);
    expect(isValidLei("5493001KJTIIGC8Y1R21")).toBe(false);
    expect(isValidLei("5493001KJTIIGC9Y1R12")).toBe(false);
    expect(isValidLei("5493001KJTIIGC8Y1R1")).toBe(false);
  });

  test("check digits computed for a prefix make a valid LEI", () => {
    const prefix = "984500ABCDEF123456";
    const digits = leiCheckDigits(prefix);
    expect(isValidLei(prefix + digits)).toBe(true);
    expect(isValidLei(prefix + String((Number(digits) + 1) % 100).padStart(2, "0"))).toBe(false);
  });

  test("the schema normalises case and spaces, and explains a bad LEI", () => {
    expect(CompanyIdentifierSchema.parse({ scheme: "LEI", value: " 5493001kjtiigc8y1r12 " })).toEqual({
      scheme: "LEI",
      value: "5493001KJTIIGC8Y1R12",
    });
    expect(errorsOf(CompanyIdentifierSchema, { scheme: "LEI", value: "5493001KJTIIGC8Y1R13" })).toEqual({
      value: ["This is not a valid LEI: 20 letters and digits whose last two check digits must match"],
    });
  });
});

describe("other identifiers", () => {
  test("EUID needs an EEA country, a register code, a dot and a number", () => {
    expect(isValidEuid("DEK1101R.HRB116737")).toBe(true);
    expect(isValidEuid("FRRCS.552081317")).toBe(true);
    expect(isValidEuid("USK1101R.HRB116737")).toBe(false);
    expect(isValidEuid("DEK1101RHRB116737")).toBe(false);
  });

  test("a national number needs its country; unknown schemes are refused", () => {
    expect(CompanyIdentifierSchema.safeParse({ scheme: "national", country: "NL", value: "12345678" }).success).toBe(
      true,
    );
    expect(errorsOf(CompanyIdentifierSchema, { scheme: "national", value: "12345678" })).toEqual({
      country: ["Choose a country"],
    });
    expect(errorsOf(CompanyIdentifierSchema, { scheme: "DUNS", value: "150483782" })).toEqual({
      scheme: ["Choose an identifier scheme: LEI, EUID or national"],
    });
  });
});

describe("company input", () => {
  test("a complete profile is valid and is normalised to a Rev. 2.1 NACE assignment", () => {
    const parsed = CompanyInputSchema.parse(companyInput());
    expect(normalizeCompanyInput(parsed).nace).toEqual({
      revision: "2.1",
      code: "10.71",
      title: "Manufacture of bread; manufacture of fresh pastry goods and cakes",
    });
  });

  test("a Rev. 2 code is stored as Rev. 2.1 with where it came from", () => {
    const parsed = CompanyInputSchema.parse({ ...companyInput(), nace: { revision: "2", code: "62.01" } });
    expect(normalizeCompanyInput(parsed).nace).toEqual({
      revision: "2.1",
      code: "62.10",
      title: "Computer programming activities",
      mappedFrom: { revision: "2", code: "62.01", title: "Computer programming activities" },
    });
  });

  test("'other' legal form needs a description, and only then", () => {
    expect(errorsOf(CompanyInputSchema, { ...companyInput(), legalForm: "other" })).toEqual({
      otherLegalForm: ["Describe the legal form"],
    });
    expect(CompanyInputSchema.safeParse({ ...companyInput(), legalForm: "other", otherLegalForm: "Stiftung" }).success).toBe(true);
    expect(errorsOf(CompanyInputSchema, { ...companyInput(), otherLegalForm: "Stiftung" })).toEqual({
      otherLegalForm: ['Only describe the legal form when you chose "other"'],
    });
  });

  test("every field is required on create and reported where it belongs", () => {
    expect(errorsOf(CompanyInputSchema, {})).toEqual({
      name: ["Enter some text"],
      identifier: ["Choose an identifier scheme: LEI, EUID or national"],
      legalForm: ["Choose a legal form"],
      country: ["Choose a country"],
      nace: ["Choose the NACE code of the main activity"],
      currency: ["Choose a currency"],
    });
    expect(errorsOf(CompanyInputSchema, { ...companyInput(), name: "   " })).toEqual({ name: ["This can't be empty"] });
  });

  test("a patch may change one field, still validated", () => {
    expect(CompanyPatchSchema.safeParse({ country: "AT" }).success).toBe(true);
    expect(errorsOf(CompanyPatchSchema, { nace: { code: "62" } })).toEqual({
      "nace.code": [
        '62 is a NACE division ("Computer programming, consultancy and related activities"); choose the class (code such as 62.10) that best describes the activity',
      ],
    });
  });

  test("the stored company carries server fields and a sector intensity the input cannot", () => {
    const stored = {
      id: "65f0c0ffee0000000000beef",
      organizationId: "org_abc",
      createdBy: "user_a",
      updatedBy: "user_a",
      createdAt: new Date(),
      updatedAt: new Date(),
      version: 1,
      ...normalizeCompanyInput(CompanyInputSchema.parse(companyInput())),
      sectorIntensity: {
        value: 1851.35,
        unit: "g CO2e per EUR of gross value added (current prices)",
        matchedLevel: "division",
        matchedCode: "C10-C12",
        classification: "NACE Rev. 2 (Eurostat A*64 / section aggregates)",
        source: "Eurostat env_ac_aeint_r2",
        year: 2023,
        geography: "EU27_2020",
        lookedUpAt: new Date(),
      },
    };
    expect(CompanySchema.safeParse(stored).success).toBe(true);
    expect(CompanySchema.safeParse({ ...stored, sectorIntensity: null }).success).toBe(true);
    expect(CompanySchema.safeParse({ ...stored, nace: { revision: "2", code: "62.01", title: "x" } }).success).toBe(false);
  });
});

describe("user", () => {
  const identity = {
    clerkId: "user_2NNEqL2nrIRdJ194ndJqAHwEfxC",
    email: "anna@example.eu",
    name: "Anna Schmidt",
    organizationId: "org_2abc",
    role: "org:admin",
  };

  test("identity from a verified session, with Clerk's roles only", () => {
    expect(UserIdentitySchema.safeParse(identity).success).toBe(true);
    expect(errorsOf(UserIdentitySchema, { ...identity, role: "admin" })).toEqual({
      role: ["Role must be one of org:admin, org:member, org:viewer"],
    });
    expect(errorsOf(UserIdentitySchema, { ...identity, email: "anna" })).toEqual({
      email: ["Enter a valid email address"],
    });
    expect(errorsOf(UserIdentitySchema, { ...identity, clerkId: "2NNEq" })).toEqual({
      clerkId: ["Must be a Clerk user id (user_…)"],
    });
  });

  test("email and name may be missing: Clerk session tokens do not carry them by default", () => {
    const { email: _email, name: _name, ...tokenOnly } = identity;
    expect(UserIdentitySchema.safeParse(tokenOnly).success).toBe(true);
  });

  test("stored user adds id, authorship, timestamps and version, nothing else — and no organization", () => {
    const { organizationId: _organizationId, role: _role, ...profile } = identity;
    const stored = {
      ...profile,
      id: "65f0c0ffee0000000000beef",
      createdBy: identity.clerkId,
      updatedBy: identity.clerkId,
      createdAt: new Date(),
      updatedAt: new Date(),
      version: 1,
    };
    expect(UserSchema.safeParse(stored).success).toBe(true);
    expect(errorsOf(UserSchema, { ...stored, isSuperAdmin: true })).toEqual({
      "": ["Unknown field(s) not allowed: isSuperAdmin"],
    });
    expect(errorsOf(UserSchema, { ...stored, organizationId: "org_2abc" })).toEqual({
      "": ["Unknown field(s) not allowed: organizationId"],
    });
  });
});
