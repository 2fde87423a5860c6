/**
 * The cap on request bodies, answered with 413 before Remix or a route parses anything (node:http has none of
 * its own). File uploads — multipart forms and spreadsheets — get the upload cap instead;
 * the import endpoint applies its own, tighter checks on what it reads.
 */

/** The Digital Template import reads up to 10 MiB; a multipart form adds its boundaries and fields. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024 + 256 * 1024;

const UPLOAD_CONTENT_TYPES =
  /^\s*(multipart\/form-data|application\/octet-stream|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\b/i;

export function bodyLimitFor(request: Request, maxBodyBytes: number): number {
  return UPLOAD_CONTENT_TYPES.test(request.headers.get("content-type") ?? "") ? Math.max(maxBodyBytes, UPLOAD_MAX_BYTES) : maxBodyBytes;
}

/**
 * The request, unchanged when its declared length fits; buffered (up to the limit) when it is sent chunked
 * without a length; "too-large" when it exceeds the limit either way.
 */
export async function withinBodyLimit(request: Request, limit: number): Promise<Request | "too-large"> {
  if (request.body === null) return request;
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > limit ? "too-large" : request;
  const body = await readCapped(request.body, limit);
  return body === "too-large" ? body : new Request(request, { body });
}

/** Reads a stream whole, stopping (and cancelling it) as soon as it passes `limit` bytes. */
export async function readCapped(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | "too-large"> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return "too-large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
