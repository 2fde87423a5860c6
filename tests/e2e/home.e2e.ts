import { expect, test } from "@playwright/test";

test("the home page shows the environment and the status of both databases", async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });

  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  // Scripts run under a nonce-only policy: a script without the nonce would be blocked and logged as an error.
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'(;| )/);
  await expect(page.getByRole("heading", { level: 1, name: "VSME Guru" })).toBeVisible();
  await expect(page.getByTestId("environment")).toHaveText("Test");

  const table = page.getByRole("table");
  await expect(table.getByRole("row", { name: /Primary database/ })).toContainText("Available");
  await expect(table.getByRole("row", { name: /External reference database/ })).toContainText("Available");
  await expect(page.getByRole("columnheader", { name: "Response time" })).toBeVisible();

  if (testInfo.project.name === "js-on") {
    // Hydration finished without errors: React attached to the server-rendered document.
    await page.waitForFunction(() => Boolean((window as { __remixRouter?: unknown }).__remixRouter));
    expect(errors).toEqual([]);
  }
});

test("the skip link leads to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(page.locator("main#main")).toBeVisible();
});
