import { describe, expect, test } from "bun:test";
import { safeRedirectTarget } from "../../app/utils/redirect-target";

const ORIGIN = "https://app.example.com";

describe("redirect targets after sign-in", () => {
  test("paths on this site are kept, with their query and fragment", () => {
    expect(safeRedirectTarget("/reports/2024?tab=b#x", ORIGIN)).toBe("/reports/2024?tab=b#x");
    expect(safeRedirectTarget("/", ORIGIN)).toBe("/");
  });

  test.each([
    "//evil.com",
    "/\t/evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "https://evil.com/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " /x",
    "",
    "evil.com",
    "/\n/evil.com",
  ])("%j falls back to /", (target) => {
    expect(safeRedirectTarget(target, ORIGIN)).toBe("/");
  });

  test("non-strings and very long values fall back", () => {
    expect(safeRedirectTarget(undefined, ORIGIN, "/home")).toBe("/home");
    expect(safeRedirectTarget(["/a"], ORIGIN)).toBe("/");
    expect(safeRedirectTarget(`/${"a".repeat(3000)}`, ORIGIN)).toBe("/");
  });
});
