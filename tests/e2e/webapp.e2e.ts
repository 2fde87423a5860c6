/**
 * The preparer's journey in a real browser, with JavaScript on and off (one Playwright project each, each with
 * its own organizations): company profile → every Basic-module disclosure (a validation error shown and fixed)
 * → submit → an admin approves → reopens with a reason → audit trail; a viewer can't edit; another
 * organization sees none of it. Every page is screenshotted (test-results/screenshots/) and checked with axe.
 */
import { test, type Page } from "@playwright/test";
import { toFormFields } from "../helpers/form-fields";
import { companyInput, completeReport } from "../schemas/fixtures";
import { check, expect, ready } from "./page-checks";
import { signInAs, type E2eIdentity } from "./session-cookies";

/** Fills the inputs named like the form's fields; adds table rows first when the form has too few. */
async function fillForm(page: Page, fields: Record<string, string | string[]>) {
  await ready(page);
  for (const [name, value] of Object.entries(fields)) {
    let input = page.locator(`[name="${name}"]`);
    const row = /^(.*)\.(\d+)\.[^.]+$/.exec(name);
    if (row && (await input.count()) === 0) {
      await page.locator(`button[value="add-row:${row[1]}"]`).click();
      input = page.locator(`[name="${name}"]`);
      await expect(input.first()).toBeVisible();
    }
    const first = input.first();
    const tag = await first.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
    if (tag === "INPUT:hidden") continue;
    if (tag.startsWith("SELECT")) await first.selectOption(String(value));
    else if (tag === "INPUT:radio") await page.locator(`[name="${name}"][value="${value}"]`).check();
    else if (tag === "INPUT:checkbox") for (const v of Array.isArray(value) ? value : [value]) await page.locator(`[name="${name}"][value="${v}"]`).check();
    else await first.fill(String(value));
  }
}

async function save(page: Page, label: RegExp | string) {
  await page.getByRole("button", { name: label }).click();
}

test("company, a full Basic report, submit, approve, reopen, audit trail; viewers and other organizations", async ({ page, context }, testInfo) => {
  test.setTimeout(600_000);
  const project = testInfo.project.name;
  const run = `${project.replace(/[^a-z]/gi, "")}${Date.now().toString(36)}`;
  const org = `org_e2e${run}`;
  const admin: E2eIdentity = { userId: `user_admin${run}`, organizationId: org, role: "org:admin" };

  // The local sign-in page: a person of the local directory lands on the page they asked for.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fdashboard/);
  await page.getByRole("button", { name: "Sign in as Marie Dubois — Viewer, Beispiel Backwaren GmbH" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("role")).toHaveText("Viewer");

  // The journey writes data: it runs in an organization of its own (a token signed with the same local key).
  await signInAs(context, admin);
  await page.goto("/company");
  await check(page, "company-empty", project);
  const company = companyInput();
  await fillForm(page, toFormFields({ ...company, identifier: { scheme: "LEI", value: company.identifier.value } }));
  await save(page, "Save company profile");
  await expect(page.getByTestId("form-saved")).toContainText("Company profile created.");
  await page.goto("/company");
  await expect(page.getByTestId("sector-intensity")).toBeVisible();
  await check(page, "company", project);

  await page.goto("/reports");
  await check(page, "reports", project);
  const report = completeReport();
  await fillForm(page, { year: "2024", "period.start": "2024-01-01", "period.end": "2024-12-31", "turnover.amount": "2 500 000" });
  await save(page, "Create draft");
  await expect(page).toHaveURL(/\/reports\/2024$/);
  await check(page, "overview-draft", project);

  const sections = report.sections as Record<string, Record<string, unknown>>;
  const workforce = sections.workforce!;
  const pages: [code: string, fields: Record<string, string | string[]>][] = [
    ["b1", { ...toFormFields(sections.basisForPreparation), "sections.workforce.numberOfEmployees": "60", "sections.workforce.typeOfNumberOfEmployees": "headcount", "sections.workforce.employeeCountingMethodology": "end_of_period" }],
    ["b3", toFormFields(sections.energyAndEmissions)],
    ["b8", toFormFields(workforce)],
    ["b9", toFormFields(sections.healthAndSafety)],
    ["b10", toFormFields(sections.remuneration)],
    // "No" to the trigger question hides (with JS) and drops the block behind it: its fields are not filled.
    [
      "b11",
      Object.fromEntries(
        Object.entries(toFormFields(sections.businessConduct)).filter(
          ([name]) => !["numberOfConvictionsForCorruptionAndBribery", "amountOfFinesForCorruptionAndBribery"].includes(name),
        ),
      ),
    ],
  ];
  for (const [code, fields] of pages) {
    await page.goto(`/reports/2024/${code}`);
    const { status: _status, typeOfNumberOfEmployees: _t, employeeCountingMethodology: _m, numberOfEmployees: _n, ...own } = fields;
    if (code === "b8") {
      // A breakdown that doesn't add up: the summary links to the field, the message sits beside it.
      await fillForm(page, { ...own, "byContract.permanent": "55" });
      await save(page, `Save ${code.toUpperCase()}`);
      const summary = page.getByTestId("error-summary");
      await expect(summary).toContainText("add up to 65, but the total number of employees is 60");
      await check(page, `${code}-error`, project);
      await fillForm(page, { "byContract.permanent": "50" });
    } else {
      await fillForm(page, own);
    }
    await save(page, `Save ${code.toUpperCase()}`);
    await expect(page.getByTestId("form-saved")).toContainText(`${code.toUpperCase()} saved.`);
    await check(page, code, project);
  }

  await page.goto("/reports/2024");
  // B1, B3 and B8–B11 are filled; the Basic module's B2 and B4–B7 are not, so submitting needs a reason.
  await expect(page.getByTestId("completeness")).not.toHaveText("100 %");
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByText("Say why the report is submitted incomplete").first()).toBeVisible();
  await expect(page.getByTestId("report-status")).toHaveText("Draft");
  await page.getByLabel("Reason to submit it incomplete (kept in the audit trail)").fill("Water and waste follow next month");
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("report-status")).toHaveText("Submitted");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("report-status")).toHaveText("Approved");
  await page.getByLabel("Reason for reopening").fill("Scope 2 invoices corrected");
  await page.getByRole("button", { name: "Reopen as draft" }).click();
  await expect(page.getByTestId("report-status")).toHaveText("Draft");
  const trail = page.getByTestId("audit-trail");
  await expect(trail.getByRole("row")).toHaveCount(4);
  await expect(trail).toContainText("Scope 2 invoices corrected");
  await expect(trail).toContainText("Approved");
  await expect(trail).toContainText("Submitted");
  await check(page, "overview-reopened", project);

  await page.goto("/dashboard");
  await expect(page.getByTestId("chart-emissions")).toBeVisible();
  await check(page, "dashboard", project);

  // A viewer of the same organization reads, but can't edit.
  await signInAs(context, { userId: `user_viewer${run}`, organizationId: org, role: "org:viewer" });
  await page.goto("/reports/2024/b3");
  await expect(page.locator('[name="energy.totalEnergyConsumption"]')).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save B3" })).toHaveCount(0);
  await check(page, "b3-viewer", project);

  // Another organization sees none of it.
  await signInAs(context, { userId: `user_other${run}`, organizationId: `org_other${run}`, role: "org:admin" });
  const response = await page.goto("/reports/2024");
  expect(response?.status()).toBe(404);
  await page.goto("/reports");
  await expect(page.getByText("No reports yet.")).toBeVisible();
  await page.goto("/company");
  await expect(page.locator('[name="name"]')).toHaveValue("");
});

test("works at 320 px wide and by keyboard alone", async ({ page, context }, testInfo) => {
  test.setTimeout(90_000);
  const project = testInfo.project.name;
  const run = `${project.replace(/[^a-z]/gi, "")}k${Date.now().toString(36)}`;
  await signInAs(context, { userId: `user_kb${run}`, organizationId: `org_kb${run}`, role: "org:admin" });
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/company");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await check(page, "company-320px", project);
  // Tab from the top reaches the first form field, and it shows a visible focus ring.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    if (await page.locator('[name="name"]').evaluate((el) => el === document.activeElement)) break;
  }
  const name = page.locator('[name="name"]');
  await expect(name).toBeFocused();
  const outline = await name.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
});
