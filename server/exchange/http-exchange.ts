/**
 * HTTP glue of the exchange shared by the API endpoints and the web pages: reading an uploaded workbook with a
 * hard size cap (the body is never buffered past it), the download response of an export, and the problem an
 * unusable workbook answers with.
 */
import { readCapped } from "../http/body-limit";
import type { Problem } from "../http/problem";
import type { ExportFile } from "./export-report";
import { attachmentDisposition } from "./export-report";
import { XLSX_LIMITS } from "../../schemas/exchange";
import { WorkbookRejected } from "./xlsx/safe-unzip";

export const UNSUPPORTED_WORKBOOK = "urn:vsme-guru:problem:unsupported-workbook";

export class UploadRefused extends Error {
  constructor(readonly problem: Omit<Problem, "requestId">) {
    super(problem.detail ?? problem.title);
    this.name = "UploadRefused";
  }
}

const MB = 1024 * 1024;
/** The workbook limit plus room for the multipart envelope and the form's other fields. */
const MAX_BODY_BYTES = XLSX_LIMITS.maxUploadBytes + 64 * 1024;

function tooLarge(): UploadRefused {
  return new UploadRefused({
    type: UNSUPPORTED_WORKBOOK,
    title: "File too large",
    status: 413,
    detail: `Workbooks up to ${XLSX_LIMITS.maxUploadBytes / MB} MB are accepted (EFRAG's Digital Template is under 1 MB)`,
  });
}

/** The request body, refusing it as soon as it passes the limit (and up front when Content-Length says so). */
async function cappedBody(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const body = await readCapped(request.body, MAX_BODY_BYTES);
  if (body === "too-large") throw tooLarge();
  return body;
}

export interface Upload {
  file: Uint8Array;
  filename: string;
  /** Form fields other than the file (e.g. `overwrite`). */
  fields: Readonly<Record<string, string>>;
}

/** A `multipart/form-data` upload with a `file` part. */
export async function readWorkbookUpload(request: Request): Promise<Upload> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new UploadRefused({
      type: UNSUPPORTED_WORKBOOK,
      title: "Unsupported media type",
      status: 415,
      detail: 'Send the workbook as multipart/form-data with the file in a part named "file"',
    });
  }
  const body = await cappedBody(request);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw new UploadRefused({ type: UNSUPPORTED_WORKBOOK, title: "Malformed upload", status: 400, detail: "The multipart body could not be read" });
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) {
    throw new UploadRefused({
      type: UNSUPPORTED_WORKBOOK,
      title: "No workbook",
      status: 422,
      detail: 'Choose the filled Digital Template (.xlsx) to upload (form field "file")',
      errors: [{ path: ["file"], message: "Choose an .xlsx file" }],
    });
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  return { file: new Uint8Array(await file.arrayBuffer()), filename: (file as File).name ?? "workbook.xlsx", fields };
}

/** A refused workbook as a problem: 413 when too large, 422 otherwise. */
export function workbookProblem(error: WorkbookRejected): Omit<Problem, "requestId"> {
  return {
    type: UNSUPPORTED_WORKBOOK,
    title: error.reason === "too_large" ? "File too large" : "This workbook can't be imported",
    status: error.reason === "too_large" ? 413 : 422,
    detail: error.message,
    errors: [{ path: ["file"], message: error.message }],
  };
}

export function downloadResponse(file: ExportFile): Response {
  return new Response(file.body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(file.filename),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
