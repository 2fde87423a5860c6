import { expect, test } from "@playwright/test";

// Runs with JavaScript on and off (playwright.config.ts projects): the local sign-in is plain forms.
test("sign in locally, switch organization, sign out", async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));

  await page.goto("/select-organization");
  // Signed out: sent to sign in, remembering the page.
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fselect-organization/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  await page.getByRole("button", { name: "Sign in as Anna Schmidt — Admin, Beispiel Backwaren GmbH" }).click();
  await expect(page).toHaveURL(/\/select-organization$/);
  const session = page.getByTestId("session");
  await expect(session).toContainText("Anna Schmidt");
  await expect(session).toContainText("Beispiel Backwaren GmbH");

  await page.getByRole("button", { name: "Switch to Nordic Timber Oy" }).click();
  await expect(session).toContainText("Nordic Timber Oy");
  await page.goto("/select-organization");
  await expect(page.getByRole("button", { name: "Continue with Nordic Timber Oy" })).toBeVisible();

  // The header's switcher takes her back and stays on the page.
  await session.getByLabel("Organization").selectOption({ label: "Beispiel Backwaren GmbH" });
  await session.getByRole("button", { name: "Switch" }).click();
  await expect(page).toHaveURL(/\/select-organization$/);
  await expect(session).toContainText("Beispiel Backwaren GmbH");

  await session.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId("session")).toHaveCount(0);
  await page.goto("/select-organization");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);

  if (testInfo.project.name === "js-on") expect(errors).toEqual([]);
});
