/**
 * An independent check of every API response against the generated OpenAPI document: Ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1) over the document's own schemas — not the Zod schemas the server uses. The
 * status must be documented for the operation, the media type must be the documented one, and the body must
 * validate. `validatingFetch` wraps fetch so a test cannot forget to check a response.
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "../../server/api/openapi";

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

const escapePointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

export function createResponseValidator(document: Document = buildOpenApiDocument() as unknown as Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(document, "openapi.json");
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    params: template.split("{").length - 1,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  let checked = 0;

  /** Returns a list of problems; empty when the response matches the document. */
  async function check(method: string, url: string, response: Response): Promise<string[]> {
    const { pathname } = new URL(url, "http://localhost");
    // Literal segments win over parameters (/reports/import before /reports/{reportId}), as in routers.
    const candidates = templates.filter(({ pattern }) => pattern.test(pathname)).sort((a, b) => a.params - b.params);
    const match = candidates.find(({ template }) => document.paths[template]![method.toLowerCase()]) ?? candidates[0];
    if (!match) return [`${method} ${pathname}: no such path in the document`];
    const operation = document.paths[match.template]![method.toLowerCase()];
    if (!operation) return [`${method} ${match.template}: no such operation in the document`];
    const status = String(response.status);
    const documented = operation.responses[status] ?? operation.responses.default;
    if (!documented) return [`${method} ${match.template}: status ${status} is not documented`];
    checked++;
    const text = await response.clone().text();
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    if (!documented.content) return text === "" ? [] : [`${method} ${match.template} ${status}: documented without a body, got one`];
    const media = documented.content[contentType];
    if (!media) return [`${method} ${match.template} ${status}: content type ${contentType || "(none)"} not documented (${Object.keys(documented.content).join(", ")})`];
    const pointer = ["paths", match.template, method.toLowerCase(), "responses", operation.responses[status] ? status : "default", "content", contentType, "schema"]
      .map(escapePointer)
      .join("/");
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi.json#/${pointer}` });
      compiled.set(pointer, validate);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [`${method} ${match.template} ${status}: body is not JSON: ${text.slice(0, 200)}`];
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${method} ${pathname} ${status}: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
  }

  return {
    check,
    get checked() {
      return checked;
    },
    /** fetch that throws when a response does not match the document. */
    fetch: async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      const response = await fetch(request);
      const problems = await check(request.method, request.url, response);
      if (problems.length > 0) throw new Error(`Response does not match openapi.json:\n${problems.join("\n")}`);
      return response;
    },
  };
}

export type ResponseValidator = ReturnType<typeof createResponseValidator>;
