/**
 * The domain schemas: one source of truth for validation, TypeScript types and the OpenAPI document.
 * Isomorphic — import from browser code too. Input schemas (what a preparer or API client may send) are
 * strict; stored schemas add the fields only the server sets.
 */
export * from "./common";
export * from "./record";
export * from "./identifiers";
export * from "./nace";
export * from "./user";
export * from "./company";
export * from "./report/index";
export { fieldErrors } from "./errors";
export { API_SCHEMAS } from "./registry";
