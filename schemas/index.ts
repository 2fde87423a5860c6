/**
 * The domain schemas: one source of truth for validation, TypeScript types and the OpenAPI document.
 * Server-side barrel: it loads the NACE tables (schemas/nace.ts), so browser code imports the leaf modules
 * (company.ts, nace-input.ts, report/…) directly. Input schemas (what a preparer or API client may send) are
 * strict; stored schemas add the fields only the server sets.
 */
export * from "./common";
export * from "./record";
export * from "./identifiers";
export * from "./nace";
export * from "./user";
export * from "./company";
export * from "./company-normalize";
export * from "./report/index";
export { fieldErrors } from "./errors";
export { API_SCHEMAS } from "./registry";
