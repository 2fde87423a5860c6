/**
 * NACE code tables (~150 KB generated): server-only — browser code imports `nace-input.ts` instead. Loading
 * this module registers the tables with the input schema (nace-directory.ts).
 *
 * NACE codes: VSME (and its XBRL taxonomy) classify activities with NACE Rev. 2.1. Companies may still know
 * their Rev. 2 code; it is accepted only when Rev. 2.1 has the same code with the same title (see
 * docs/decisions/0011-nace-rev2-to-rev2_1-mapping.md), otherwise the preparer is asked to pick a Rev. 2.1 code.
 */
import type { z } from "zod";
import { NACE_REV2_ROWS } from "./generated/nace-rev2";
import { NACE_REV2_1_ROWS } from "./generated/nace-rev2_1";
import { provideNaceDirectory, type NaceRev2Mapping } from "./nace-directory";
import type { NaceAssignment, NaceCodeInputSchema } from "./nace-input";
import type { NaceCode, NaceRevision, NaceRow } from "./nace-types";

export * from "./nace-types";
export * from "./nace-input";
export type { NaceRev2Mapping } from "./nace-directory";

function indexRows(rows: readonly NaceRow[]): ReadonlyMap<string, NaceCode> {
  return new Map(rows.map(([code, level, parent, title]) => [code, { code, level, parent, title }]));
}

let indexes: Record<NaceRevision, ReadonlyMap<string, NaceCode>> | undefined;
function naceIndex(revision: NaceRevision): ReadonlyMap<string, NaceCode> {
  indexes ??= { "2.1": indexRows(NACE_REV2_1_ROWS), "2": indexRows(NACE_REV2_ROWS) };
  return indexes[revision];
}

export function getNaceCode(revision: NaceRevision, code: string): NaceCode | undefined {
  return naceIndex(revision).get(code);
}

export function listNaceCodes(revision: NaceRevision): NaceCode[] {
  return [...naceIndex(revision).values()];
}

/** The code itself followed by its group, division and section: the fallback order for sector lookups. */
export function naceLineage(revision: NaceRevision, code: string): NaceCode[] {
  const lineage: NaceCode[] = [];
  let current = getNaceCode(revision, code);
  while (current) {
    lineage.push(current);
    current = current.parent === null ? undefined : getNaceCode(revision, current.parent);
  }
  return lineage;
}

const normaliseTitle = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

let rev2_1ByTitle: ReadonlyMap<string, NaceCode[]> | undefined;
function rev2_1CodesWithTitle(level: NaceCode["level"], title: string): NaceCode[] {
  if (!rev2_1ByTitle) {
    const byTitle = new Map<string, NaceCode[]>();
    for (const entry of naceIndex("2.1").values()) {
      const key = `${entry.level}:${normaliseTitle(entry.title)}`;
      byTitle.set(key, [...(byTitle.get(key) ?? []), entry]);
    }
    rev2_1ByTitle = byTitle;
  }
  return rev2_1ByTitle.get(`${level}:${normaliseTitle(title)}`) ?? [];
}

/**
 * Maps a Rev. 2 code to Rev. 2.1 only on title identity (ignoring case and punctuation), the one piece of
 * evidence available without Eurostat's official correspondence table:
 * 1. Rev. 2.1 has the same code, at the same level, with the same title → that code;
 * 2. otherwise exactly one Rev. 2.1 code of the same level has the same title → that code (62.01 "Computer
 *    programming activities" became 62.10);
 * 3. otherwise no mapping: a reused code with a new title may describe another activity (Rev. 2 10.51
 *    "Operation of dairies and cheese making" vs Rev. 2.1 10.51 "Manufacture of dairy products").
 */
export function mapNaceRev2ToRev2_1(code: string): NaceRev2Mapping {
  const rev2 = getNaceCode("2", code);
  if (!rev2) return { ok: false, reason: "unknown_code", code };
  const sameCode = getNaceCode("2.1", code);
  if (sameCode && sameCode.level === rev2.level && normaliseTitle(sameCode.title) === normaliseTitle(rev2.title)) {
    return { ok: true, rev2, rev2_1: sameCode, match: "same_code_and_title" };
  }
  const sameTitle = rev2_1CodesWithTitle(rev2.level, rev2.title);
  if (sameTitle.length === 1) return { ok: true, rev2, rev2_1: sameTitle[0]!, match: "same_title_other_code" };
  return { ok: false, reason: "meaning_changed", rev2, sameCodeInRev2_1: sameCode ?? null };
}

/** Turns validated input into the stored Rev. 2.1 assignment. Throws on input the schema would reject. */
export function resolveNaceInput(input: z.output<typeof NaceCodeInputSchema>): NaceAssignment {
  if (input.revision === "2.1") {
    const entry = getNaceCode("2.1", input.code);
    if (!entry || entry.level !== "class") throw new Error(`Not a NACE Rev. 2.1 class: ${input.code}`);
    return { revision: "2.1", code: entry.code, title: entry.title };
  }
  const mapping = mapNaceRev2ToRev2_1(input.code);
  if (!mapping.ok || mapping.rev2.level !== "class") throw new Error(`NACE Rev. 2 code ${input.code} cannot be mapped`);
  return {
    revision: "2.1",
    code: mapping.rev2_1.code,
    title: mapping.rev2_1.title,
    mappedFrom: { revision: "2", code: mapping.rev2.code, title: mapping.rev2.title },
  };
}

provideNaceDirectory({ get: getNaceCode, mapRev2ToRev2_1: mapNaceRev2ToRev2_1 });
