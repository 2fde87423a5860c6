import { describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import {
  getNaceCode,
  listNaceCodes,
  mapNaceRev2ToRev2_1,
  naceLineage,
  NaceCodeInputSchema,
  resolveNaceInput,
} from "../../schemas";
import { renderNaceModule } from "../../scripts/generate-nace";
import { loadNaceCodes } from "../../server/reference-data";
import { errorsOf } from "./fixtures";

describe("generated NACE modules", () => {
  test("match the CSVs in reference-data (regenerate with bun scripts/generate-nace.ts)", async () => {
    for (const [revision, file, name, source] of [
      ["2.1", "nace-rev2_1.ts", "NACE_REV2_1_ROWS", "nace-rev2_1.csv"],
      ["2", "nace-rev2.ts", "NACE_REV2_ROWS", "nace-rev2.csv"],
    ] as const) {
      const expected = renderNaceModule(await loadNaceCodes(revision), name, revision, source);
      expect(await readFile(new URL(`../../schemas/generated/${file}`, import.meta.url), "utf8")).toBe(expected);
    }
  });

  test("Rev. 2.1 has 22 sections A–V and 651 classes; Rev. 2 has 21 sections and 615 classes", () => {
    const levels = (revision: "2" | "2.1") =>
      listNaceCodes(revision).reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.level]: (acc[c.level] ?? 0) + 1 }), {});
    expect(levels("2.1")).toEqual({ section: 22, division: 87, group: 287, class: 651 });
    expect(levels("2")).toEqual({ section: 21, division: 88, group: 272, class: 615 });
  });

  test("mining divisions are 05–09 in Rev. 2.1 (corrected from the shifted source rows)", () => {
    expect(getNaceCode("2.1", "04")).toBeUndefined();
    expect(getNaceCode("2.1", "05")?.title).toBe("Mining of coal and lignite");
    expect(getNaceCode("2.1", "09")?.title).toBe("Mining support service activities");
  });

  test("lineage runs class → group → division → section", () => {
    expect(naceLineage("2.1", "10.71").map((c) => c.code)).toEqual(["10.71", "10.7", "10", "C"]);
  });
});

describe("NACE input", () => {
  test("a Rev. 2.1 class is accepted; revision defaults to 2.1", () => {
    expect(NaceCodeInputSchema.parse({ code: " 62.10 " })).toEqual({ revision: "2.1", code: "62.10" });
  });

  test("codes that are not classes, unknown or malformed, each with its own message", () => {
    expect(errorsOf(NaceCodeInputSchema, { code: "C" })).toEqual({
      code: ['C is a NACE section ("MANUFACTURING"); choose the class (code such as 62.10) that best describes the activity'],
    });
    expect(errorsOf(NaceCodeInputSchema, { code: "62.99" })).toEqual({ code: ["62.99 is not a NACE Rev. 2.1 code"] });
    expect(errorsOf(NaceCodeInputSchema, { code: "6210" })).toEqual({
      code: ["Enter a NACE class code such as 62.10 (two digits, a dot, two digits)"],
    });
    expect(errorsOf(NaceCodeInputSchema, { revision: "1.1", code: "62.10" })).toHaveProperty("revision");
  });

  test("a Rev. 2.1-only code is refused as Rev. 2", () => {
    expect(errorsOf(NaceCodeInputSchema, { revision: "2", code: "62.10" })).toEqual({
      code: ["62.10 is not a NACE Rev. 2 code"],
    });
  });
});

describe("Rev. 2 → Rev. 2.1", () => {
  test("same code, same title: mapped to itself", () => {
    const mapping = mapNaceRev2ToRev2_1("01.12");
    expect(mapping).toMatchObject({ ok: true, match: "same_code_and_title", rev2_1: { code: "01.12" } });
  });

  test("same title under a new code (and only one such code): mapped", () => {
    expect(mapNaceRev2ToRev2_1("62.01")).toMatchObject({ ok: true, match: "same_title_other_code", rev2_1: { code: "62.10" } });
    expect(mapNaceRev2ToRev2_1("16.10")).toMatchObject({ ok: true, rev2_1: { code: "16.11" } });
  });

  test("punctuation and case differences do not block a mapping", () => {
    // Rev. 2 "Raising of swine/pigs" vs Rev. 2.1 "Raising of swine and pigs" differ in words, so no mapping.
    expect(mapNaceRev2ToRev2_1("01.46").ok).toBe(false);
    // "Manufacture of builders’ ware of plastic": curly apostrophe normalised.
    expect(mapNaceRev2ToRev2_1("22.23")).toMatchObject({ ok: true, rev2_1: { code: "22.24" } });
  });

  test("a reused code with another meaning is refused, naming what the code now means", () => {
    expect(errorsOf(NaceCodeInputSchema, { revision: "2", code: "10.51" })).toEqual({
      code: [
        'NACE Rev. 2 code 10.51 ("Operation of dairies and cheese making") has changed in NACE Rev. 2.1, which VSME uses. In Rev. 2.1, 10.51 means "Manufacture of dairy products". Please choose a Rev. 2.1 code.',
      ],
    });
  });

  test("a code that disappeared is refused with a request to choose a Rev. 2.1 code", () => {
    const mapping = mapNaceRev2ToRev2_1("47.91");
    expect(mapping.ok).toBe(false);
    const messages = errorsOf(NaceCodeInputSchema, { revision: "2", code: "47.91" }).code ?? [];
    expect(messages[0]).toContain("Please choose a Rev. 2.1 code.");
  });

  test("every accepted Rev. 2 class resolves to an existing Rev. 2.1 class, 414 of the 615 are accepted", () => {
    const classes = listNaceCodes("2").filter((c) => c.level === "class");
    const accepted = classes.filter((c) => NaceCodeInputSchema.safeParse({ revision: "2", code: c.code }).success);
    for (const c of accepted) {
      const assignment = resolveNaceInput({ revision: "2", code: c.code });
      expect(getNaceCode("2.1", assignment.code)?.level).toBe("class");
      expect(assignment.mappedFrom?.code).toBe(c.code);
    }
    expect(accepted.length).toBe(414);
  });

  test("an accepted mapping always keeps the activity's title (ADR 0011: title identity is the only evidence)", () => {
    const words = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
    for (const c of listNaceCodes("2").filter((entry) => entry.level === "class")) {
      const mapping = mapNaceRev2ToRev2_1(c.code);
      if (!mapping.ok) continue;
      expect(words(mapping.rev2_1.title)).toBe(words(c.title));
    }
  });
});

describe("browser-safe NACE input (no code tables loaded)", () => {
  test("checks the shape only; the tables, once loaded, check existence with the same schema", () => {
    const script = `
      const { CompanyInputSchema } = await import("./schemas/company.ts");
      const { NaceCodeInputSchema } = await import("./schemas/nace-input.ts");
      const messages = (code) => NaceCodeInputSchema.safeParse({ code }).error?.issues.map((i) => i.message) ?? [];
      const before = { division: messages("62"), unknownClass: messages("99.99"), shape: messages("6201"), company: typeof CompanyInputSchema.parse };
      await import("./schemas/nace.ts");
      console.log(JSON.stringify({ before, after: { unknownClass: messages("99.99") } }));
    `;
    const result = Bun.spawnSync([process.execPath, "-e", script], { cwd: `${import.meta.dir}/../..` });
    expect(result.stderr.toString()).toBe("");
    const { before, after } = JSON.parse(result.stdout.toString());
    expect(before).toEqual({
      division: ["62 is a NACE division; choose the class (code such as 62.10) that best describes the activity"],
      unknownClass: [],
      shape: ["Enter a NACE class code such as 62.10 (two digits, a dot, two digits)"],
      company: "function",
    });
    expect(after.unknownClass).toEqual(["99.99 is not a NACE Rev. 2.1 code"]);
  });
});
