/**
 * The NACE code as a preparer enters it, and as a company stores it. A leaf module (no code tables): forms in
 * the browser check the code's shape; a server process, which loads the tables (schemas/nace.ts), also checks
 * that it exists, is a class and, for Rev. 2, still means the same in Rev. 2.1 (docs/decisions/0011-…).
 */
import { z } from "zod";
import { strictObject } from "./common";
import { naceDirectory } from "./nace-directory";
import { NACE_REVISIONS, naceLevelOfCode } from "./nace-types";

const CODE_FORMAT_MESSAGE = "Enter a NACE class code such as 62.10 (two digits, a dot, two digits)";

export const NaceRevisionSchema = z
  .enum(NACE_REVISIONS)
  .meta({ id: "NaceRevision", description: 'NACE revision of a code: "2.1" (used by VSME) or "2".' });

export const NaceCodeInputSchema = strictObject(
  {
    revision: NaceRevisionSchema.default("2.1"),
    code: z.string({ error: CODE_FORMAT_MESSAGE }).trim(),
  },
  "Choose the NACE code of the main activity",
)
  .superRefine((value, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["code"], message, input: value.code });
    const level = naceLevelOfCode(value.code);
    if (!level) return issue(CODE_FORMAT_MESSAGE);
    const directory = naceDirectory();
    if (!directory) {
      // In the browser: the shape only; the server's answer checks the code against the tables.
      if (level !== "class") issue(`${value.code} is a NACE ${level}; choose the class (code such as 62.10) that best describes the activity`);
      return;
    }
    const entry = directory.get(value.revision, value.code);
    if (!entry) return issue(`${value.code} is not a NACE Rev. ${value.revision} code`);
    if (entry.level !== "class") {
      return issue(
        `${value.code} is a NACE ${entry.level} ("${entry.title}"); choose the class (code such as 62.10) that best describes the activity`,
      );
    }
    if (value.revision === "2") {
      const mapping = directory.mapRev2ToRev2_1(value.code);
      if (!mapping.ok && mapping.reason === "meaning_changed") {
        const hint = mapping.sameCodeInRev2_1
          ? ` In Rev. 2.1, ${value.code} means "${mapping.sameCodeInRev2_1.title}".`
          : ` ${value.code} no longer exists in Rev. 2.1.`;
        issue(
          `NACE Rev. 2 code ${value.code} ("${mapping.rev2.title}") has changed in NACE Rev. 2.1, which VSME uses.${hint} Please choose a Rev. 2.1 code.`,
        );
      }
    }
  })
  .meta({
    id: "NaceCodeInput",
    description:
      "A NACE class code as entered by the preparer. Rev. 2.1 is expected; a Rev. 2 code is accepted when Rev. 2.1 has the same code with the same title, and is stored as Rev. 2.1.",
  });
export type NaceCodeInput = z.input<typeof NaceCodeInputSchema>;

export const NaceAssignmentSchema = strictObject({
  revision: z.literal("2.1"),
  code: z.string().regex(/^\d{2}\.\d{2}$/),
  title: z.string(),
  /** Set when the preparer entered a Rev. 2 code that was mapped to this Rev. 2.1 code. */
  mappedFrom: strictObject({ revision: z.literal("2"), code: z.string(), title: z.string() }).optional(),
}).meta({
  id: "NaceAssignment",
  description: "The company's NACE Rev. 2.1 class as stored, with the Rev. 2 code it was mapped from, if any.",
});
export type NaceAssignment = z.infer<typeof NaceAssignmentSchema>;

