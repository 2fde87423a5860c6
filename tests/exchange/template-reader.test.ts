import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { xbrlJsonDocument } from "../../server/exchange/serialize-xbrl-json";
import { readTemplate } from "../../server/exchange/template-reader";
import { XLSX_LIMITS } from "../../schemas/exchange";
import { WorkbookRejected } from "../../server/exchange/xlsx/safe-unzip";
import { checkFacts } from "../../server/exchange/check-structure";
import {
  blankWorkbook,
  bytes,
  oimKey,
  plainWorkbook,
  rewriteXlsx,
  sameValue,
  sampleFacts,
  sampleWorkbook,
  setCell,
  utf8,
} from "./efrag-reference";
import { zipSync } from "fflate";

// Rewriting a 0.8 MB workbook and reading it back takes seconds when the machine is busy.
setDefaultTimeout(30_000);

const sample = readTemplate(sampleWorkbook());

function rejection(data: Uint8Array): WorkbookRejected {
  try {
    readTemplate(data);
  } catch (error) {
    if (error instanceof WorkbookRejected) return error;
    throw error;
  }
  throw new Error("the workbook was accepted");
}

describe("reading EFRAG's sample Digital Template", () => {
  test("gives exactly EFRAG's facts for it: concept, value, unit, period and dimensions", () => {
    const frame = { entityName: "Company XYZ", identifier: sample.identifier!, period: sample.period!, currency: "EUR", year: 2026 };
    const ours = new Map(Object.values(xbrlJsonDocument(frame, sample.facts).facts).map((f) => [oimKey(f), f]));
    const theirs = sampleFacts();
    expect(theirs.length).toBe(144);
    const missing = theirs.filter((f) => !ours.has(oimKey(f))).map(oimKey);
    expect(missing).toEqual([]);
    const different = theirs.filter((f) => !sameValue(ours.get(oimKey(f))!.value, f.value)).map(oimKey);
    expect(different).toEqual([]);
    expect(ours.size).toBe(theirs.length);
  });

  test("reads the frame: entity identifier and scheme, currency, period, template version", () => {
    expect(sample.identifier).toEqual({ scheme: "http://standards.iso.org/iso/17442", value: "TestCode1234" });
    expect(sample.currency).toBe("EUR");
    expect(sample.period).toEqual({ start: "2026-01-01", end: "2026-12-31" });
    expect(sample.templateVersion).toBe("1.3.0");
    expect(sample.entityName).toBe("Company XYZ");
  });

  test("every fact passes the structure checks and names its cell", () => {
    expect(checkFacts(sample.facts)).toEqual([]);
    const turnover = sample.facts.find((f) => f.concept === "vsme:Turnover")!;
    expect(turnover.cells).toEqual(["'General Information'!E283"]);
    expect(sample.outcomes.find((o) => o.cell === turnover.cells[0])?.status).toBe("imported");
  });
});

describe("other workbooks", () => {
  test("the blank template imports nothing and says so", () => {
    const blank = readTemplate(blankWorkbook());
    expect(blank.facts).toEqual([]);
    expect(blank.outcomes.filter((o) => o.status === "imported")).toEqual([]);
  });

  test("a changed value follows the workbook", () => {
    const changed = rewriteXlsx(sampleWorkbook(), (files) => setCell(files, "General Information", "E283", { number: 98765.5 }));
    const turnover = readTemplate(changed).facts.find((f) => f.concept === "vsme:Turnover");
    expect(turnover?.value).toBe("98765.5");
    expect(turnover?.unit).toBe("iso4217:EUR");
  });

  test("bad values, formula errors, unknown names and unsupported units are ignored with the reason, per cell", () => {
    const edited = rewriteXlsx(sampleWorkbook(), (files) => {
      setCell(files, "General Information", "E283", { text: "a lot" });
      setCell(files, "General Information", "E282", { error: "#DIV/0!" });
      setCell(files, "Environmental Disclosures", "C78", { text: "barrels (bbl)" });
      const workbook = utf8(files["xl/workbook.xml"]!);
      files["xl/workbook.xml"] = bytes(
        workbook.replace("<definedNames>", `<definedNames><definedName name="MyOwnKpi">'General Information'!$E$284</definedName>`),
      );
    });
    const reading = readTemplate(edited);
    const outcome = (cell: string) => reading.outcomes.find((o) => o.cell === cell);
    expect(outcome("'General Information'!E283")).toMatchObject({ status: "ignored", name: "Turnover", reason: '"a lot" is not a number' });
    expect(outcome("'General Information'!E282")?.reason).toContain("#DIV/0!");
    expect(outcome("'Environmental Disclosures'!G80")?.reason).toBe('The unit "barrels (bbl)" is not supported');
    expect(reading.facts.some((f) => f.concept === "vsme:Turnover" || f.concept === "vsme:Assets")).toBe(false);
    expect(reading.facts.some((f) => f.concept === "vsme:AmountOfEmissionToAir")).toBe(false);
    // The cell also carries NumberOfEmployees, which is imported; the unknown name is reported.
    expect(reading.outcomes.some((o) => o.name === "MyOwnKpi")).toBe(false);
    expect(reading.facts.find((f) => f.concept === "vsme:NumberOfEmployees")?.value).toBe("151");
  });

  test("an unknown name on a cell of its own is reported as such", () => {
    const edited = rewriteXlsx(sampleWorkbook(), (files) => {
      const workbook = utf8(files["xl/workbook.xml"]!);
      files["xl/workbook.xml"] = bytes(
        workbook.replace("<definedNames>", `<definedNames><definedName name="MyOwnKpi">'General Information'!$D$3</definedName>`),
      );
    });
    const outcome = readTemplate(edited).outcomes.find((o) => o.name === "MyOwnKpi");
    expect(outcome).toMatchObject({ status: "ignored", reason: '"MyOwnKpi" is not a concept of the VSME taxonomy', shown: "Company XYZ" });
  });

  test("a name spanning a whole sheet is read only as far as a template's tables go", () => {
    const huge = rewriteXlsx(sampleWorkbook(), (files) => {
      const workbook = utf8(files["xl/workbook.xml"]!);
      files["xl/workbook.xml"] = bytes(
        workbook.replace(
          /<definedName name="TypeOfContentCoveredByTheCodeOfConductOrHumanRightsPolicyForItsOwnWorkforce">[^<]*<\/definedName>/,
          `<definedName name="TypeOfContentCoveredByTheCodeOfConductOrHumanRightsPolicyForItsOwnWorkforce">'Social Disclosures'!$A$1:$XFD$1048576</definedName>`,
        ),
      );
    });
    const started = performance.now();
    const reading = readTemplate(huge);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(reading.facts.some((f) => f.concept === "vsme:Turnover")).toBe(true);
  });

  test("a workbook that is not a Digital Template is refused", () => {
    expect(rejection(plainWorkbook()).message).toContain("not an EFRAG VSME Digital Template");
  });

  test("a corrupt zip is refused", () => {
    const data = sampleWorkbook();
    expect(rejection(data.subarray(0, data.length / 2)).reason).toBe("not_zip");
    expect(rejection(bytes("PK this is not really a zip file at all, just text")).reason).toBe("not_zip");
    expect(rejection(bytes("name,value\nTurnover,1200\n")).reason).toBe("not_zip");
  });

  test("an oversized file is refused before it is read", () => {
    const big = new Uint8Array(XLSX_LIMITS.maxUploadBytes + 1);
    big.set([0x50, 0x4b, 3, 4]);
    expect(rejection(big).reason).toBe("too_large");
  });

  test("a zip bomb is refused from its declared sizes", () => {
    const bomb = rewriteXlsx(sampleWorkbook(), (files) => {
      files["xl/worksheets/sheet1.xml"] = new Uint8Array(8 * 1024 * 1024); // 8 MB of zeros: ~1000:1
    });
    expect(rejection(bomb).reason).toBe("zip_bomb");
  });

  test("macros and external links are refused", () => {
    const macros = rewriteXlsx(sampleWorkbook(), (files) => {
      files["xl/vbaProject.bin"] = bytes("Attribute VB_Name");
    });
    expect(rejection(macros).reason).toBe("macros");
    const links = rewriteXlsx(sampleWorkbook(), (files) => {
      files["xl/externalLinks/externalLink1.xml"] = bytes("<externalLink/>");
    });
    expect(rejection(links).reason).toBe("external_links");
  });

  test("a DOCTYPE (entity expansion) in a part is refused", () => {
    const evil = rewriteXlsx(sampleWorkbook(), (files) => {
      files["xl/workbook.xml"] = bytes(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${utf8(files["xl/workbook.xml"]!).replace(/^<\?xml[^>]*>/, "")}`);
    });
    expect(rejection(evil).reason).toBe("malformed");
  });

  test("an empty zip is not a workbook", () => {
    expect(rejection(zipSync({ "readme.txt": bytes("hi") })).reason).toBe("not_xlsx");
  });
});
