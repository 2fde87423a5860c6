import { describe, expect, test } from "bun:test";
import {
  CsvFormatError,
  loadCo2Intensities,
  loadNaceCodes,
  NaceDataError,
  parseCo2IntensityCsv,
  parseCsv,
  parseNaceCsv,
} from "../../server/reference-data";

describe("CSV parser", () => {
  test("quoted fields with commas, doubled quotes and line breaks; CRLF; BOM; final newline", () => {
    const text = '\uFEFFcode,title\r\n01,"Crop, animal"\r\n02,"He said ""hi""\nthen left"\r\n03,\r\n';
    expect(parseCsv(text)).toEqual([
      ["code", "title"],
      ["01", "Crop, animal"],
      ["02", 'He said "hi"\nthen left'],
      ["03", ""],
    ]);
  });

  test("malformed quoting fails loudly", () => {
    expect(() => parseCsv('a,"b\n')).toThrow(CsvFormatError);
    expect(() => parseCsv('a,b"c"\n')).toThrow("Unexpected quote inside an unquoted field");
    expect(() => parseCsv('a,"b"c\n')).toThrow("Characters after a closing quote");
  });
});

describe("NACE loader", () => {
  test("the shipped files load with a consistent hierarchy", async () => {
    const rev21 = await loadNaceCodes("2.1");
    const rev2 = await loadNaceCodes("2");
    expect(rev21.length).toBe(1047);
    expect(rev2.length).toBe(996);
    expect(rev21.find((c) => c.code === "62.10")).toEqual({
      code: "62.10",
      level: "class",
      parent: "62.1",
      title: "Computer programming activities",
    });
  });

  test("a row whose parent is missing or at the wrong level is refused", () => {
    const header = "code,level,parent,title\n";
    expect(() => parseNaceCsv(`${header}B,section,,MINING\n09.1,group,09,Support\n`)).toThrow(
      '09.1 must have a division as parent, found "09"',
    );
    expect(() => parseNaceCsv(`${header}A,section,,X\n01,group,A,Y\n`)).toThrow("01 is a division but the file says group");
    expect(() => parseNaceCsv(`${header}A,section,,X\nA,section,,X\n`)).toThrow(NaceDataError);
  });
});

describe("CO2 intensity loader", () => {
  test("both parts of the shipped file load with numbers parsed and candidates split", async () => {
    const records = await loadCo2Intensities();
    expect(records.length).toBe(1033);
    expect(records.filter((r) => r.codeSystem === "naceRev2Aggregate").length).toBe(17);
    const food = records.find((r) => r.sectorCode === "C10-C12");
    expect(food).toMatchObject({ codeSystem: "naceRev2Aggregate", geography: expect.any(String), dataYear: 2023 });
    expect(food?.unit).toBe("g CO2e per EUR of gross value added (current prices)");
    const artists = records.find((r) => r.sectorCode === "711510");
    expect(artists).toMatchObject({ value: 0.013, priceYear: 2021, dataYear: 2019, codeSystem: "naics2017" });
    expect(artists?.naceRev2Candidates).toContain("90.03");
  });

  test("a non-numeric or negative value, or an unknown code system, is refused", async () => {
    const header =
      "sector_code,code_system,title,value,unit,value_basis,value_excl_margins,margins,geography,data_year,price_year,reference_code,nace_rev2_candidates,source,source_file,license,notes\n";
    const row = (value: string, system = "NAICS 2017 (6-digit)") =>
      `${header}111110,${system},Soy,${value},kg,basis,,,US,2019,2021,,,EPA,f,l,\n`;
    expect(parseCo2IntensityCsv(row("0.5"))[0]?.value).toBe(0.5);
    expect(() => parseCo2IntensityCsv(row("n/a"))).toThrow('value "n/a" is not a number');
    expect(() => parseCo2IntensityCsv(row("-1"))).toThrow("negative intensity");
    expect(() => parseCo2IntensityCsv(row("1", "SIC"))).toThrow('unknown code system "SIC"');
  });
});
