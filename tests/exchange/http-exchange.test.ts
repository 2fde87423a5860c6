import { describe, expect, test } from "bun:test";
import { attachmentDisposition, exportFilename } from "../../server/exchange/export-report";
import { downloadResponse, readWorkbookUpload, UploadRefused, workbookProblem } from "../../server/exchange/http-exchange";
import { WorkbookRejected } from "../../server/exchange/xlsx/safe-unzip";

const url = "http://localhost/api/v1/reports/import";

async function refusal(request: Request): Promise<UploadRefused["problem"]> {
  try {
    await readWorkbookUpload(request);
  } catch (error) {
    if (error instanceof UploadRefused) return error.problem;
    throw error;
  }
  throw new Error("the upload was accepted");
}

describe("reading an uploaded workbook", () => {
  test("a multipart upload gives the file and the other fields", async () => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array([0x50, 0x4b, 3, 4, 9])], "vsme.xlsx"));
    form.set("overwrite", "true");
    const upload = await readWorkbookUpload(new Request(url, { method: "POST", body: form }));
    expect([...upload.file]).toEqual([0x50, 0x4b, 3, 4, 9]);
    expect(upload.filename).toBe("vsme.xlsx");
    expect(upload.fields).toEqual({ overwrite: "true" });
  });

  test("a body that is not multipart is 415; a form without a file is 422", async () => {
    expect((await refusal(new Request(url, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }))).status).toBe(415);
    const form = new FormData();
    form.set("overwrite", "true");
    expect(await refusal(new Request(url, { method: "POST", body: form }))).toMatchObject({ status: 422, errors: [{ path: ["file"] }] });
  });

  test("a 50 MB upload is refused with 413, from its Content-Length or while streaming without one", async () => {
    const declared = new Request(url, {
      method: "POST",
      body: "x",
      headers: { "content-type": "multipart/form-data; boundary=b", "content-length": String(50 * 1024 * 1024) },
    });
    expect((await refusal(declared)).status).toBe(413);
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = new Request(url, { method: "POST", body: endless, headers: { "content-type": "multipart/form-data; boundary=b" }, duplex: "half" } as RequestInit);
    expect((await refusal(streamed)).status).toBe(413);
    // It stopped reading soon after the limit instead of taking all 50 MB.
    expect(sent).toBeLessThan(15 * 1024 * 1024);
  });

  test("refused workbooks map to 413 (too large) and 422 (everything else)", () => {
    expect(workbookProblem(new WorkbookRejected("big", "too_large")).status).toBe(413);
    expect(workbookProblem(new WorkbookRejected("macros", "macros"))).toMatchObject({ status: 422, detail: "macros" });
  });
});

describe("download response", () => {
  test("file name from the identifier and year, safe Content-Disposition, no caching", async () => {
    expect(exportFilename("5493001KJTIIGC8Y1R12", 2024, "ixbrl")).toBe("vsme-5493001KJTIIGC8Y1R12-2024.xhtml");
    expect(exportFilename("HRB 12/345 \"x\"", 2024, "csv")).toBe("vsme-HRB-12-345-x-2024.csv");
    expect(attachmentDisposition("vsme-ä-2024.csv")).toBe(`attachment; filename="vsme-_-2024.csv"; filename*=UTF-8''vsme-%C3%A4-2024.csv`);
    const response = downloadResponse({ body: "a,b\r\n", contentType: "text/csv; charset=utf-8", filename: "vsme-X-2024.csv" });
    expect(response.headers.get("content-disposition")).toContain('filename="vsme-X-2024.csv"');
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.text()).toBe("a,b\r\n");
  });
});
