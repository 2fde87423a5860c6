/**
 * Sites on the company profile in a real browser, JavaScript on and off: a site typed into the empty row, a
 * second row added with the button (in place with JS, a round trip without — either way the first row stays),
 * a bad latitude refused beside its input, the list saved, and a new report's B1 starting with it.
 */
import { test, type Page } from "@playwright/test";
import { toFormFields } from "../helpers/form-fields";
import { companyInput } from "../schemas/fixtures";
import { check, expect, ready } from "./page-checks";
import { signInAs } from "./session-cookies";

async function fillSite(page: Page, row: number, site: Record<string, string>) {
  for (const [key, value] of Object.entries(site)) {
    const input = page.locator(`[name="sites.${row}.${key}"]`);
    if (key === "country") await input.selectOption(value);
    else await input.fill(value);
  }
}

test("add sites to the company profile; a new report's B1 starts with them", async ({ page, context }, testInfo) => {
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  const run = `${project.replace(/[^a-z]/gi, "")}s${Date.now().toString(36)}`;
  await signInAs(context, { userId: `user_sites${run}`, organizationId: `org_sites${run}`, role: "org:admin" });

  // The profile exists (posted as a form); the sites are added on the page.
  const created = await page.request.post("/company", { form: { ...(toFormFields(companyInput()) as Record<string, string>), intent: "save" } });
  expect(created.status()).toBe(200);
  await page.goto("/company");
  await ready(page);
  await fillSite(page, 0, { name: "Bakery", address: "Hohe Straße 12", postalCode: "50667", city: "Köln", country: "DE", "gps.latitude": "50,9375", "gps.longitude": "6.9603" });
  await page.getByRole("button", { name: "Add a row to sites" }).click();
  await expect(page.locator('[name="sites.1.name"]')).toBeVisible();
  await expect(page.locator('[name="sites.0.name"]')).toHaveValue("Bakery");
  await expect(page.locator('[name="sites.0.gps.latitude"]')).toHaveValue("50,9375");
  await ready(page);
  await fillSite(page, 1, { name: "Shop Bonn", address: "Markt 3", postalCode: "53111", city: "Bonn", country: "DE", "gps.latitude": "95", "gps.longitude": "7.1" });
  await page.getByRole("button", { name: "Save company profile" }).click();
  await expect(page.locator("#f-sites-1-gps-error")).toContainText("A latitude is between -90 and 90");
  await expect(page.getByTestId("error-summary")).toContainText("Sites, row 2");
  await check(page, "company-sites-error", project);

  await page.locator('[name="sites.1.gps.latitude"]').fill("50.7374");
  await page.getByRole("button", { name: "Save company profile" }).click();
  await expect(page.getByTestId("form-saved")).toContainText("Company profile saved.");
  await page.goto("/company");
  await expect(page.locator('[name="sites.0.name"]')).toHaveValue("Bakery");
  await expect(page.locator('[name="sites.1.gps.latitude"]')).toHaveValue("50.7374");
  await check(page, "company-sites", project);

  await page.goto("/reports");
  await expect(page.getByTestId("profile-lists-prefill")).toContainText("2 sites");
  await page.locator('[name="year"]').fill("2025");
  await page.locator('[name="period.start"]').fill("2025-01-01");
  await page.locator('[name="period.end"]').fill("2025-12-31");
  await page.locator('[name="turnover.amount"]').fill("2 500 000");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/reports\/2025$/);
  await page.goto("/reports/2025/b1");
  await expect(page.getByTestId("profile-lists-note")).toContainText("The sites below are the 2 sites of the company profile");
  await expect(page.locator('[name="sites.1.address"]')).toHaveValue("Markt 3");
  await check(page, "b1-sites-from-profile", project);
});
