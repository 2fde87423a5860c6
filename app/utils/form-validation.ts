/**
 * Inline validation without a schema library in the browser: with JavaScript, a form posts its current values
 * to its own action with `intent=validate` (app/components/enhanced-form.tsx); the action parses them with the
 * form's Zod schema exactly as for a save and answers the messages by input name, saving nothing
 * (`validationReply` in forms.server.ts). Isomorphic: the routes and the form component share these.
 */
import type { ShouldRevalidateFunction } from "@remix-run/react";

export const VALIDATE_INTENT = "validate";

/** What an action answers to `intent=validate`: the messages by input name ({} when the values are valid). */
export interface ValidationReply {
  validated: true;
  errors: Record<string, string[]>;
}

/**
 * A validation changes nothing, so the page's data is not loaded again after one. Every route a form page
 * matches (root, the signed-in layout, the page) exports this as its `shouldRevalidate`.
 */
export const skipRevalidationAfterValidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === VALIDATE_INTENT ? false : defaultShouldRevalidate;
