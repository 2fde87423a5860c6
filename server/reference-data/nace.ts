import { readFile } from "node:fs/promises";
import { naceLevelOfCode, type NaceCode, type NaceRevision } from "../../schemas/nace-types";
import { parseCsvRecords } from "./csv";
import { referenceFilePath } from "./paths";

export class NaceDataError extends Error {
  override name = "NaceDataError";
}

const COLUMNS = ["code", "level", "parent", "title"] as const;

/**
 * Parses a NACE CSV (code, level, parent, title) and checks the tree is consistent: levels agree with the
 * code's shape, every parent exists one level up, codes are unique. A broken file fails loudly here rather
 * than producing a code list that accepts nonsense.
 */
export function parseNaceCsv(text: string): NaceCode[] {
  const rows = parseCsvRecords(text, COLUMNS);
  const codes: NaceCode[] = [];
  const byCode = new Map<string, NaceCode>();
  for (const [index, row] of rows.entries()) {
    const code = row.code.trim();
    const level = naceLevelOfCode(code);
    if (!level) throw new NaceDataError(`Record ${index + 1}: "${code}" is not a NACE code`);
    if (row.level !== level) {
      throw new NaceDataError(`Record ${index + 1}: ${code} is a ${level} but the file says ${row.level}`);
    }
    if (byCode.has(code)) throw new NaceDataError(`Record ${index + 1}: duplicate code ${code}`);
    const title = row.title.trim();
    if (title === "") throw new NaceDataError(`Record ${index + 1}: ${code} has no title`);
    const entry: NaceCode = { code, level, parent: row.parent.trim() === "" ? null : row.parent.trim(), title };
    codes.push(entry);
    byCode.set(code, entry);
  }
  const expectedParentLevel = { section: null, division: "section", group: "division", class: "group" } as const;
  for (const entry of codes) {
    const wanted = expectedParentLevel[entry.level];
    if (wanted === null) {
      if (entry.parent !== null) throw new NaceDataError(`Section ${entry.code} must not have a parent`);
      continue;
    }
    const parent = entry.parent === null ? undefined : byCode.get(entry.parent);
    if (!parent || parent.level !== wanted) {
      throw new NaceDataError(`${entry.code} must have a ${wanted} as parent, found "${entry.parent ?? ""}"`);
    }
  }
  return codes;
}

export async function loadNaceCodes(revision: NaceRevision, dir?: string): Promise<NaceCode[]> {
  const path = referenceFilePath(revision === "2.1" ? "naceRev2_1" : "naceRev2", dir);
  return parseNaceCsv(await readFile(path, "utf8"));
}
