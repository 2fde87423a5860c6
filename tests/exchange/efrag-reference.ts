/**
 * EFRAG's reference files for the exchange tests (tests may read the shared reference folder; the product never
 * does): the Digital Template 1.3.0 (blank and the filled sample) and EFRAG's facts for that sample (xBRL-JSON).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";

const candidates = [join(import.meta.dir, "..", "..", "..", "shared", "reference", "efrag"), "/work/wt/shared/reference/efrag"];
const root = candidates.find((dir) => existsSync(join(dir, "samples")));
if (!root) throw new Error(`EFRAG reference files not found (looked in ${candidates.join(", ")})`);

export const sampleWorkbook = () => new Uint8Array(readFileSync(join(root, "digital-template", "VSME-Digital-Template-Sample-1.3.0.xlsx")));
export const blankWorkbook = () => new Uint8Array(readFileSync(join(root, "digital-template", "VSME-Digital-Template-1.3.0.xlsx")));

export interface OimFact {
  value: string;
  decimals?: number;
  dimensions: Record<string, string>;
}
export const sampleFacts = (): OimFact[] =>
  Object.values(JSON.parse(readFileSync(join(root, "samples", "vsme-sample-1.3.0.json"), "utf8")).facts);

/** A fact's identity for comparison: every dimension (concept, period, unit, axes) except the entity. */
export function oimKey(fact: OimFact): string {
  const { entity: _entity, ...dims } = fact.dimensions;
  return JSON.stringify(Object.entries(dims).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Whether our value equals EFRAG's: numbers to 12 significant digits (EFRAG writes binary-float noise such as
 * 0.2840909090909091), enumeration sets in any order, and texts EFRAG's sample abbreviates ("Lorem…[1341 chars]")
 * by their beginning and length.
 */
export function sameValue(ours: string, theirs: string): boolean {
  const cut = /^(.*)…\[(\d+) chars\]$/s.exec(theirs);
  if (cut) return ours.startsWith(cut[1]!) && ours.length >= cut[1]!.length;
  if (/^-?\d+(\.\d+)?$/.test(ours) && /^-?\d+(\.\d+)?(e-?\d+)?$/.test(theirs)) {
    const a = Number(ours);
    const b = Number(theirs);
    return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  }
  const set = (v: string) => v.split(/\s+/).sort().join(" ");
  return set(ours) === set(theirs);
}

/** Rewrites parts of an .xlsx (zip) — for workbooks with a changed value, an extra name, macros… */
export function rewriteXlsx(data: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(data);
  edit(files);
  return zipSync(files);
}

export const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
export const bytes = (text: string) => new TextEncoder().encode(text);

/** Replaces one cell's XML (`<c r="E283" …>…</c>` or `<c r="E283" …/>`) in a worksheet part. */
export function replaceCell(xml: string, address: string, replacement: string): string {
  const pattern = new RegExp(`<c r="${address}"(?: [^>]*)?(?:/>|>.*?</c>)`);
  if (!pattern.test(xml)) throw new Error(`cell ${address} not found`);
  return xml.replace(pattern, replacement);
}

/** A minimal valid .xlsx that is not a Digital Template. */
export function plainWorkbook(): Uint8Array {
  return zipSync({
    "[Content_Types].xml": bytes(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    "_rels/.rels": bytes(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": bytes(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Budget" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="Turnover">Budget!$B$2</definedName></definedNames></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": bytes(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": bytes(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>Turnover</t></is></c><c r="B2"><v>1200</v></c></row></sheetData></worksheet>`,
    ),
  });
}

/** The zip part holding a sheet, e.g. "xl/worksheets/sheet5.xml" for "General Information". */
export function sheetPart(files: Record<string, Uint8Array>, sheetName: string): string {
  const workbook = utf8(files["xl/workbook.xml"]!);
  const escaped = sheetName.replace(/&/g, "&amp;");
  const rid = new RegExp(`<sheet name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = utf8(files["xl/_rels/workbook.xml.rels"]!);
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!rid || !target) throw new Error(`sheet ${sheetName} not found`);
  return `xl/${target}`;
}

/** Sets a cell of a named sheet to a number, a text (inline string) or a formula error. */
export function setCell(
  files: Record<string, Uint8Array>,
  sheetName: string,
  address: string,
  value: { number: number } | { text: string } | { error: string },
) {
  const part = sheetPart(files, sheetName);
  const xml = utf8(files[part]!);
  const cell =
    "number" in value
      ? `<c r="${address}"><v>${value.number}</v></c>`
      : "text" in value
        ? `<c r="${address}" t="inlineStr"><is><t>${value.text}</t></is></c>`
        : `<c r="${address}" t="e"><f>1/0</f><v>${value.error}</v></c>`;
  files[part] = bytes(replaceCell(xml, address, cell));
}
