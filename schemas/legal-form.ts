/** The undertaking's legal form as enumerated by the VSME taxonomy (`UndertakingsLegalForm`). A leaf module. */
import { z } from "zod";

export const LEGAL_FORMS = [
  "private_limited_liability",
  "sole_proprietorship",
  "partnership",
  "cooperative",
  "other",
] as const;
export const LegalFormSchema = z
  .enum(LEGAL_FORMS, { error: "Choose a legal form" })
  .meta({ id: "LegalForm", description: "Legal form of the undertaking (VSME B1 24 e i)." });
export type LegalForm = z.infer<typeof LegalFormSchema>;
