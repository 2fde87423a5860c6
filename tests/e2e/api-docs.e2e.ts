import { expect, test } from "@playwright/test";

test("Swagger UI shows every operation from local assets only", async ({ page, baseURL }, testInfo) => {
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) foreign.push(request.url());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });

  const response = await page.goto("/api/docs");
  expect(response?.status()).toBe(200);
  if (testInfo.project.name === "js-off") {
    await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toBeVisible();
    return;
  }
  // The 1.4 MB bundle and the document load first: allow for a busy machine.
  await expect(page.getByRole("heading", { name: /VSME Guru API/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(".opblock")).not.toHaveCount(0);
  await expect(page.getByText("/api/v1/reports/{reportId}/sections/{section}").first()).toBeVisible();
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
