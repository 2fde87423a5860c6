/**
 * The NACE code tables as a service the input schema can ask, without importing them: browser bundles import
 * `nace-input.ts` (a leaf) and check a code's shape only; wherever `schemas/nace.ts` is loaded (every server
 * process: the company repository loads it) the tables register here and the same schema checks that the code
 * exists, is a class and maps to Rev. 2.1. Kept on `globalThis` so the Remix server bundle's own copy of the
 * schema modules sees the tables the server process loaded.
 */
import type { NaceCode, NaceRevision } from "./nace-types";

export type NaceRev2Mapping =
  | { ok: true; rev2: NaceCode; rev2_1: NaceCode; match: "same_code_and_title" | "same_title_other_code" }
  | { ok: false; reason: "unknown_code"; code: string }
  | { ok: false; reason: "meaning_changed"; rev2: NaceCode; sameCodeInRev2_1: NaceCode | null };

export interface NaceDirectory {
  get(revision: NaceRevision, code: string): NaceCode | undefined;
  mapRev2ToRev2_1(code: string): NaceRev2Mapping;
}

const KEY = Symbol.for("vsme-guru.naceDirectory");
type Holder = { [KEY]?: NaceDirectory };

export function provideNaceDirectory(directory: NaceDirectory): void {
  (globalThis as Holder)[KEY] = directory;
}

/** The tables, when this process loaded them; undefined in the browser. */
export function naceDirectory(): NaceDirectory | undefined {
  return (globalThis as Holder)[KEY];
}
