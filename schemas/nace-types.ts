/** NACE vocabulary shared by the generated code lists, the schemas and the server-side loaders. */
export const NACE_REVISIONS = ["2.1", "2"] as const;
export type NaceRevision = (typeof NACE_REVISIONS)[number];

export const NACE_LEVELS = ["section", "division", "group", "class"] as const;
export type NaceLevel = (typeof NACE_LEVELS)[number];

export interface NaceCode {
  code: string;
  level: NaceLevel;
  /** Code of the parent row; `null` for sections. */
  parent: string | null;
  title: string;
}

/** Shapes of the codes: `A`, `01`, `01.1`, `01.11`. */
export const NACE_CODE_PATTERNS: Record<NaceLevel, RegExp> = {
  section: /^[A-Z]$/,
  division: /^\d{2}$/,
  group: /^\d{2}\.\d$/,
  class: /^\d{2}\.\d{2}$/,
};

export function naceLevelOfCode(code: string): NaceLevel | null {
  for (const level of NACE_LEVELS) {
    if (NACE_CODE_PATTERNS[level].test(code)) return level;
  }
  return null;
}

/** Compact row form used by the generated code lists: [code, level, parent, title]. */
export type NaceRow = readonly [code: string, level: NaceLevel, parent: string | null, title: string];
