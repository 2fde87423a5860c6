/**
 * The pages the main journey (webapp.e2e.ts) doesn't reach, JavaScript on and off: the company form's and a
 * disclosure form's inline check (JS; the server's schema answers, the browser loads none), the Comprehensive disclosures C1–C9 of an Option B report (each screenshotted and checked with
 * axe), and omitting part of a disclosure as classified or sensitive information.
 */
import { test } from "@playwright/test";
import { toFormFields } from "../helpers/form-fields";
import { companyInput } from "../schemas/fixtures";
import { check, expect, ready } from "./page-checks";
import { signInAs } from "./session-cookies";

test("company inline check, C1–C9 of an Option B report, omitting part of B3", async ({ page, context }, testInfo) => {
  test.setTimeout(300_000);
  const project = testInfo.project.name;
  const run = `${project.replace(/[^a-z]/gi, "")}c${Date.now().toString(36)}`;
  await signInAs(context, { userId: `user_optb${run}`, organizationId: `org_optb${run}`, role: "org:admin" });

  await page.goto("/company");
  if (project === "js-on") {
    // The action's own schema checks the form on leaving the field (intent=validate): nothing is saved.
    await ready(page);
    await page.locator('[name="identifier.scheme"]').selectOption("LEI");
    await page.locator('[name="identifier.value"]').fill("5493001KJTIIGC8Y1R13");
    await page.locator('[name="identifier.value"]').blur();
    await expect(page.locator("#f-identifier-value-error")).toContainText("This is not a valid LEI");
    await check(page, "company-inline-error", project);
  }

  // The company and an Option B report, posted as forms (the journey itself is webapp.e2e.ts).
  const company = await page.request.post("/company", { form: { ...(toFormFields(companyInput()) as Record<string, string>), intent: "save" } });
  expect(company.status()).toBe(200);
  const created = await page.request.post("/reports", {
    form: { year: "2024", module: "basic_comprehensive", "period.start": "2024-01-01", "period.end": "2024-12-31", "turnover.amount": "2500000", "turnover.currency": "EUR", intent: "save" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);

  await page.goto("/reports/2024");
  const nav = page.getByRole("navigation", { name: "Disclosures of the 2024 report" });
  for (let n = 1; n <= 9; n++) await expect(nav.getByRole("link", { name: new RegExp(`^C${n} `) })).toBeVisible();
  await check(page, "overview-option-b", project);
  for (let n = 1; n <= 9; n++) {
    await page.goto(`/reports/2024/c${n}`);
    await expect(page.getByRole("button", { name: `Save C${n}` })).toBeVisible();
    await check(page, `c${n}`, project);
  }

  // Omitting B3's emissions: with JavaScript they disappear at once; either way they are not saved.
  await page.goto("/reports/2024/b3");
  await ready(page);
  if (project === "js-on") {
    // Inline: a word where a number belongs is flagged on leaving the field, and the flag goes once it is fixed.
    const energy = page.locator('[name="energy.totalEnergyConsumption"]');
    await energy.fill("lots");
    await energy.blur();
    await expect(page.locator("#f-energy-totalEnergyConsumption-error")).toContainText("Enter a number");
    await expect(energy).toHaveAttribute("aria-invalid", "true");
    await energy.fill("1 234,5");
    await energy.blur();
    await expect(page.locator("#f-energy-totalEnergyConsumption-error")).toHaveCount(0);
    // Unsaved changes: leaving through a link asks first; staying keeps the page and what was typed.
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.locator(".breadcrumb").getByRole("link", { name: "Reports" }).click();
    await expect.poll(() => asked).toContain("unsaved changes");
    await expect(page).toHaveURL(/\/reports\/2024\/b3$/);
    await expect(energy).toHaveValue("1 234,5");
  }
  await page.locator('[name="energy.totalEnergyConsumption"]').fill("500");
  await page.locator('[name="ghg.grossScope1.value"]').fill("80");
  await page.getByText("Omit B3, or part of it, as classified or sensitive information").click();
  await page.getByLabel("B3 – Greenhouse gas emissions").check();
  if (project === "js-on") await expect(page.locator('[name="ghg.grossScope1.value"]')).toBeHidden();
  await check(page, "b3-omission", project);
  await page.getByRole("button", { name: "Save B3" }).click();
  await expect(page.getByTestId("form-saved")).toContainText("B3 saved.");
  await page.goto("/reports/2024/b3");
  await expect(page.getByLabel("B3 – Greenhouse gas emissions")).toBeChecked();
  await expect(page.locator('[name="energy.totalEnergyConsumption"]')).toHaveValue("500");
  await expect(page.locator('[name="ghg.grossScope1.value"]')).toHaveValue("");
});
