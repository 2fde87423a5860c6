/**
 * What the company page's loader and action take from the schemas: the form's Zod schema (the action parses with
 * it, a save and an inline check alike) and the legal forms the loader sends to the page. Server-only, so the
 * page's browser code loads no schema library (ADR 0065).
 */
import { LEGAL_FORM_OPTIONS } from "../../schemas/report/catalogue";

export { CompanyInputSchema } from "../../schemas/company";

/** The legal form's options as the page shows them (value and label, no taxonomy member). */
export const LEGAL_FORMS = LEGAL_FORM_OPTIONS.map(({ value, label }) => ({ value, label }));
