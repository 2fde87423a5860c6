/**
 * A read-only view of an .xlsx workbook: its defined names and the cached value of any cell, read with fflate
 * (via safe-unzip) and fast-xml-parser. Formulas are not evaluated: Excel stores each formula's last result, and
 * that is what the preparer saw. Sheets are parsed on first use.
 */
import { XMLParser } from "fast-xml-parser";
import { unzipParts, WorkbookRejected } from "./safe-unzip";

export type CellValue =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string };

export interface Cell {
  /** "'General Information'!E282" — what a preparer can find in Excel. */
  ref: string;
  value: CellValue;
  formula: boolean;
}

export interface CellRange {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface DefinedName {
  name: string;
  /** Null when the name points nowhere (`#REF!`) or outside any sheet. */
  range: CellRange | null;
  text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ["definedName", "sheet", "Relationship", "Override", "Default"].includes(name),
});

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A part's text; absent parts read as empty. */
function partText(bytes: Uint8Array | undefined, part: string): string {
  if (!bytes) return "";
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new WorkbookRejected(`The workbook's ${part} is not valid UTF-8`, "malformed");
  }
  // Office documents never carry a DOCTYPE; refusing it rules out entity-expansion tricks.
  if (/<!DOCTYPE/i.test(text)) throw new WorkbookRejected(`The workbook's ${part} declares a DOCTYPE`, "malformed");
  return text;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function decodeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[entity] ?? whole;
  });
}

function parseXml(bytes: Uint8Array | undefined, part: string): any {
  if (!bytes) throw new WorkbookRejected(`The workbook has no ${part}`, "not_xlsx");
  const text = partText(bytes, part);
  try {
    return parser.parse(text);
  } catch (error) {
    throw new WorkbookRejected(`The workbook's ${part} is not well-formed XML (${(error as Error).message})`, "malformed");
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const CELL = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;

/** Parses `'Sheet name'!$D$406:$D$505` (or a single cell); null for `#REF!`, multi-area or non-cell names. */
export function parseRangeReference(text: string): CellRange | null {
  const match = /^(?:'((?:[^']|'')+)'|([^'!]+))!([^!,]+)$/.exec(text.trim());
  if (!match) return null;
  const sheet = (match[1] ?? match[2]!).replace(/''/g, "'");
  const [from, to = from] = match[3]!.split(":");
  const a = CELL.exec(from!);
  const b = CELL.exec(to!);
  if (!a || !b) return null;
  return {
    sheet,
    top: Number(a[2]),
    left: columnNumber(a[1]!),
    bottom: Number(b[2]),
    right: columnNumber(b[1]!),
  };
}

const text = (node: unknown): string => {
  if (node === undefined || node === null) return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (typeof node === "object" && "#text" in (node as object)) return String((node as { "#text": unknown })["#text"]);
  return "";
};

export class Workbook {
  readonly definedNames: ReadonlyMap<string, DefinedName>;
  readonly sheetNames: readonly string[];
  private readonly sheetParts = new Map<string, string>();
  private readonly sheets = new Map<string, Map<string, Cell>>();
  private sharedStrings: string[] | undefined;
  readonly date1904: boolean;

  private constructor(private readonly parts: Readonly<Record<string, Uint8Array>>) {
    const workbook = parseXml(parts["xl/workbook.xml"], "workbook part (xl/workbook.xml)")?.workbook;
    if (!workbook) throw new WorkbookRejected("The file is not an Excel workbook (no workbook part)", "not_xlsx");
    this.date1904 = ["1", "true"].includes(String(workbook.workbookPr?.["@_date1904"] ?? ""));
    const rels = parseXml(parts["xl/_rels/workbook.xml.rels"], "workbook relationships")?.Relationships?.Relationship ?? [];
    const targets = new Map<string, string>(
      rels.map((r: any) => [String(r["@_Id"]), String(r["@_Target"])] as [string, string]),
    );
    const sheets: any[] = workbook.sheets?.sheet ?? [];
    const sheetNames: string[] = [];
    for (const sheet of sheets) {
      const name = String(sheet["@_name"]);
      const target = targets.get(String(sheet["@_id"] ?? ""));
      sheetNames.push(name);
      if (target) this.sheetParts.set(name, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    }
    this.sheetNames = sheetNames;
    const names = new Map<string, DefinedName>();
    for (const dn of workbook.definedNames?.definedName ?? []) {
      const name = String(dn["@_name"]);
      // Sheet-local names (localSheetId) are Excel's own (filters, print areas); the template's are global.
      if (dn["@_localSheetId"] !== undefined) continue;
      const ref = text(dn);
      names.set(name, { name, text: ref, range: parseRangeReference(ref) });
    }
    this.definedNames = names;
  }

  /** Opens an .xlsx from its bytes; throws WorkbookRejected for anything that is not a plain (macro-free) workbook. */
  static open(data: Uint8Array): Workbook {
    const { names, files } = unzipParts(
      data,
      (name) =>
        name === "[Content_Types].xml" ||
        name === "xl/workbook.xml" ||
        name === "xl/_rels/workbook.xml.rels" ||
        name === "xl/sharedStrings.xml" ||
        /^xl\/worksheets\/[^/]+\.xml$/.test(name),
    );
    if (names.some((n) => /vbaProject\.bin$/i.test(n))) {
      throw new WorkbookRejected("The workbook contains macros; save it as a macro-free .xlsx and upload again", "macros");
    }
    if (names.some((n) => n.startsWith("xl/externalLinks/"))) {
      throw new WorkbookRejected(
        "The workbook links to other workbooks (external links); break the links in Excel (Data → Edit Links) and upload again",
        "external_links",
      );
    }
    const types = parseXml(files["[Content_Types].xml"], "content types")?.Types;
    const overrides: any[] = types?.Override ?? [];
    const main = overrides.find((o) => o["@_PartName"] === "/xl/workbook.xml")?.["@_ContentType"] ?? "";
    if (/macroEnabled/i.test(main)) {
      throw new WorkbookRejected("The workbook is macro-enabled (.xlsm); save it as a macro-free .xlsx and upload again", "macros");
    }
    if (!/spreadsheetml\.(sheet|template)\.main\+xml$/.test(main)) {
      throw new WorkbookRejected("The file is not an Excel .xlsx workbook", "not_xlsx");
    }
    return new Workbook(files);
  }

  private strings(): string[] {
    if (!this.sharedStrings) {
      const xml = partText(this.parts["xl/sharedStrings.xml"], "shared strings");
      // <si><t>text</t></si> or rich text <si><r><t>a</t></r><r><t>b</t></r></si>; <rPh> phonetic runs are not text.
      this.sharedStrings = [];
      for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
        const body = si[1]!.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
        let value = "";
        for (const t of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) value += decodeXml(t[1]!);
        this.sharedStrings.push(value);
      }
    }
    return this.sharedStrings;
  }

  private sheet(name: string): Map<string, Cell> {
    let cells = this.sheets.get(name);
    if (cells) return cells;
    cells = new Map();
    this.sheets.set(name, cells);
    const part = this.sheetParts.get(name);
    if (!part) return cells;
    const xml = partText(this.parts[part], `sheet "${name}"`);
    const strings = this.strings();
    const quoted = /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
    // A scanner rather than a DOM: the template's sheets hold tens of thousands of styled, empty cells.
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const body = c[2];
      if (!body) continue;
      const address = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      if (!address) continue;
      const type = /\bt="([a-zA-Z]+)"/.exec(attrs)?.[1] ?? "n";
      const raw = decodeXml(/<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? "");
      let value: CellValue | undefined;
      if (type === "s") value = raw === "" ? undefined : { kind: "string", value: strings[Number(raw)] ?? "" };
      else if (type === "inlineStr") {
        let t = "";
        for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) t += decodeXml(m[1]!);
        value = { kind: "string", value: t };
      } else if (type === "str") value = { kind: "string", value: raw };
      else if (type === "b") value = raw === "" ? undefined : { kind: "boolean", value: raw === "1" };
      else if (type === "e") value = { kind: "error", value: raw || "#ERROR" };
      else if (raw !== "") value = { kind: "number", value: Number(raw) };
      if (value === undefined) continue;
      if (value.kind === "string" && value.value === "") continue;
      cells.set(address, { ref: `${quoted}!${address}`, value, formula: /<f[\s>/]/.test(body) });
    }
    return cells;
  }

  /** The cell at a 1-based row and column of a sheet, or undefined when it is empty. */
  cell(sheet: string, row: number, column: number): Cell | undefined {
    return this.sheet(sheet).get(`${columnLetters(column)}${row}`);
  }

  /** An Excel date serial as an ISO date (1900 or 1904 date system). */
  dateFromSerial(serial: number): string {
    const epoch = this.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    return new Date(epoch + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
  }
}
