import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

// EFRAG's filled sample Digital Template (tests may read the shared reference folder).
const workbook = [join(process.cwd(), "..", "shared"), "/work/wt/shared"]
  .map((dir) => join(dir, "reference", "efrag", "digital-template", "VSME-Digital-Template-Sample-1.3.0.xlsx"))
  .find((path) => existsSync(path));

// Runs with JavaScript on and off: the upload is a plain multipart form.
test("upload EFRAG's sample Digital Template, see what was imported, download the inline XBRL", async ({ page }, testInfo) => {
  test.skip(!workbook, "EFRAG sample workbook not found");
  // Reading and writing a 0.8 MB workbook takes seconds on a busy machine.
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));

  // EFRAG's sample identifies its company by "TestCode1234", not a valid LEI: with a real LEI the import can
  // create the company profile of an organization that has none yet.
  const files = unzipSync(new Uint8Array(readFileSync(workbook!)));
  files["xl/sharedStrings.xml"] = strToU8(strFromU8(files["xl/sharedStrings.xml"]!).replace(">TestCode1234<", ">5493001KJTIIGC8Y1R12<"));
  const upload = testInfo.outputPath("vsme-sample-with-lei.xlsx");
  writeFileSync(upload, zipSync(files));

  await page.goto("/reports/import");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Freports%2Fimport/);
  // The Nordic organization: the other specs use the sample organization.
  await page.getByRole("button", { name: "Sign in as Lauri Virtanen — Admin, Nordic Timber Oy" }).click();
  await expect(page).toHaveURL(/\/reports\/import$/);
  await expect(page.getByRole("heading", { level: 1, name: "Import a VSME Digital Template" })).toBeVisible();

  await page.getByLabel("Digital Template (.xlsx)").setInputFiles(upload);
  // The first run creates the 2026 report; the other project's run replaces its values.
  await page.getByLabel(/Replace the report's values/).check();
  await page.getByRole("button", { name: "Import" }).click();

  await expect(page.getByRole("heading", { level: 2, name: /Report (created|updated): 2026/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("status")).toContainText(/\d+ cells imported, \d+ ignored/);
  await expect(page.getByRole("heading", { level: 3, name: "Ignored cells" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /VSME Guru has no field for/ }).first()).toBeVisible();

  const href = await page.getByRole("link", { name: "Inline XBRL (XHTML)" }).getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/xhtml+xml; charset=utf-8");
  expect(download.headers()["content-disposition"]).toContain('filename="vsme-5493001KJTIIGC8Y1R12-2026.xhtml"');
  const xhtml = await download.text();
  expect(xhtml).toContain('name="vsme:Turnover"');

  // The downloaded file opens in the browser as a readable report.
  await page.setContent(xhtml);
  await expect(page.getByRole("heading", { level: 2, name: "B1 – Basis for preparation" })).toBeVisible();

  if (testInfo.project.name === "js-on") expect(errors).toEqual([]);
});
