/**
 * An independent check of every API response against the generated OpenAPI document: Ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1) over the document's own schemas — not the Zod schemas the server uses. The
 * status must be documented for the operation, the media type must be the documented one, and the body must
 * validate. `validatingFetch` wraps fetch so a test cannot forget to check a response.
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "../../server/api/openapi";

type HeaderObject = { $ref?: string; schema?: { type?: string } };
type Operation = { responses: Record<string, { headers?: Record<string, HeaderObject>; content?: Record<string, { schema: unknown }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { headers?: Record<string, HeaderObject> } };

/** Headers the API itself sets: when one is sent, the document must name it for that response, and its value must fit. */
const API_HEADERS = ["etag", "link", "location", "ratelimit", "ratelimit-policy", "retry-after"];

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
    const headerProblems = checkHeaders(documented.headers ?? {}, response.headers).map((problem) => `${method} ${match.template} ${status}: ${problem}`);
    if (headerProblems.length > 0) return headerProblems;
    const text = await response.clone().text();
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    if (!documented.content) return text === "" ? [] : [`${method} ${match.template} ${status}: documented without a body, got one`];
    const media = documented.content[contentType];
    if (!media) return [`${method} ${match.template} ${status}: content type ${contentType || "(none)"} not documented (${Object.keys(documented.content).join(", ")})`];
    const pointer = ["paths", match.template, method.toLowerCase(), "responses", operation.responses[status] ? status : "default", "content", contentType, "schema"]
      .map(escapePointer)
      .join("/");
    // A file download (`format: binary`) is bytes, whatever its media type: only the type is checked.
    if ((media.schema as { format?: string } | undefined)?.format === "binary") return [];
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

  function checkHeaders(documentedHeaders: Record<string, HeaderObject>, headers: Headers): string[] {
    const byName = new Map(Object.entries(documentedHeaders).map(([name, header]) => [name.toLowerCase(), { name, header }]));
    const problems: string[] = [];
    for (const name of API_HEADERS) {
      const value = headers.get(name);
      if (value === null) continue;
      const entry = byName.get(name);
      if (!entry) {
        problems.push(`header ${name} is sent but not documented`);
        continue;
      }
      const ref = entry.header.$ref;
      const resolved = ref ? document.components?.headers?.[ref.split("/").pop()!] : entry.header;
      const schema = resolved?.schema;
      if (!schema) continue;
      const cacheKey = `header:${ref ?? JSON.stringify(schema)}`;
      let validate = compiled.get(cacheKey);
      if (!validate) {
        validate = ajv.compile(ref ? { $ref: `openapi.json${ref}/schema` } : schema);
        compiled.set(cacheKey, validate);
      }
      // Header values are strings; an integer header is one in the simple style.
      const typed = schema.type === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
      if (!validate(typed)) problems.push(`header ${name}: ${JSON.stringify(value)} ${validate.errors?.map((error) => error.message).join(", ")}`);
    }
    return problems;
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
