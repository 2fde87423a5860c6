/**
 * Reading an API request against its contract: path parameters, query string and JSON body, each parsed with
 * the contract's strict Zod schemas so only validated values reach a handler. The body is size-checked before
 * it is parsed (413), its media type before it is read (415).
 */
import type { z } from "zod";
import type { AnyEndpointContract } from "../../../schemas/api/contract";
import { API_PROBLEM_TYPES } from "../../../schemas/api/problem";
import { ApiProblemError, describeInvalid, fieldErrorsOf, invalidRequest, notFound } from "./problems.server";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Path parameters that fail their schema name no resource: 404, as for an id of another organization. */
export function parseParams(contract: AnyEndpointContract, params: Record<string, string | undefined>): Record<string, unknown> {
  if (!contract.params) return {};
  const parsed = contract.params.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** A repeated parameter arrives as an array, which no schema accepts: refused rather than one copy picked. */
export function parseQuery(contract: AnyEndpointContract, url: URL): Record<string, unknown> {
  const raw: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const previous = raw[name];
    raw[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  if (!contract.query) {
    if (Object.keys(raw).length === 0) return {};
    const errors = Object.keys(raw).map((name) => ({ in: "query" as const, pointer: `/${name}`, message: `Unknown parameter: ${name}` }));
    throw invalidRequest(`Unknown query parameter(s): ${Object.keys(raw).join(", ")}`, errors);
  }
  const parsed = contract.query.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error.issues, "query");
    throw invalidRequest(describeInvalid(errors).replace("Unknown field(s)", "Unknown query parameter(s)"), errors);
  }
  return parsed.data;
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const MERGE_PATCH_TYPE = /^application\/merge-patch\+json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

const tooLarge = () =>
  new ApiProblemError({
    type: API_PROBLEM_TYPES.payloadTooLarge,
    title: "Payload Too Large",
    status: 413,
    detail: `The body is larger than ${MAX_BODY_BYTES} bytes (1 MiB).`,
  });

/** The body as text, refusing more than 1 MiB without buffering it (Content-Length first, then while reading). */
export async function readBodyText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw malformed("The body is not valid UTF-8.");
  }
}

const malformed = (detail: string) =>
  new ApiProblemError({ type: API_PROBLEM_TYPES.malformedJson, title: "Malformed JSON", status: 400, detail });

export interface ReadBody {
  /** The parsed body; undefined when the endpoint takes none. */
  value: unknown;
  /** The body exactly as sent, for Idempotency-Key fingerprints. */
  text: string;
}

/** Reads and validates the body the contract describes (or checks that there is none). */
export async function parseBody(
  contract: AnyEndpointContract,
  request: Request,
  params: Record<string, unknown>,
): Promise<ReadBody> {
  const schema: z.ZodType | undefined = contract.bodyFor ? contract.bodyFor(params as never) : contract.body;
  const contentType = request.headers.get("content-type")?.trim() ?? "";
  if (!schema) {
    const text = await readBodyText(request);
    if (text.trim() !== "") {
      throw invalidRequest("This request takes no body.", [{ in: "body", pointer: "", message: "Send no body" }]);
    }
    return { value: undefined, text: "" };
  }
  if (contract.bodyOptional === true && contentType === "") {
    const text = await readBodyText(request);
    if (text.trim() === "") return { value: undefined, text: "" };
  }
  const accepted = JSON_TYPE.test(contentType) || (contract.mergePatch === true && MERGE_PATCH_TYPE.test(contentType));
  if (!accepted) {
    await request.body?.cancel().catch(() => {});
    throw new ApiProblemError(
      {
        type: API_PROBLEM_TYPES.unsupportedMediaType,
        title: "Unsupported Media Type",
        status: 415,
        detail: `Send the body as application/json${contract.mergePatch ? " or application/merge-patch+json" : ""} (UTF-8); got ${contentType || "no Content-Type"}.`,
      },
      { "Accept-Patch": contract.mergePatch ? "application/json, application/merge-patch+json" : "application/json" },
    );
  }
  const text = await readBodyText(request);
  if (text.trim() === "") {
    throw invalidRequest("A JSON body is required.", [{ in: "body", pointer: "", message: "A JSON body is required" }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Also a nesting too deep for the parser (RangeError): refused as malformed, never a 500.
    throw malformed(error instanceof SyntaxError ? `The body is not valid JSON: ${error.message}` : "The body is nested too deeply.");
  }
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(json);
  } catch (error) {
    if (error instanceof RangeError) throw invalidRequest("The body is nested too deeply.", [{ in: "body", pointer: "", message: "Nested too deeply" }]);
    throw error;
  }
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error.issues, "body");
    throw invalidRequest(describeInvalid(errors), errors);
  }
  return { value: parsed.data, text };
}
