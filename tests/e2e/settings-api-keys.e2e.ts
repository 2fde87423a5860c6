/**
 * Settings → API keys in a real browser, JavaScript on and off: an admin creates a key, sees its secret once
 * (a copy button with JavaScript), calls the API with it, revokes it after confirming, and the API refuses it;
 * a member has no link and gets 403.
 */
import { test } from "@playwright/test";
import { check, expect, ready } from "./page-checks";
import { signInAs } from "./session-cookies";

test("an admin creates an API key, uses it once shown, and revokes it", async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const run = `${project.replace(/[^a-z]/gi, "")}${Date.now().toString(36)}`;
  const org = `org_keys${run}`;
  await signInAs(context, { userId: `user_keys${run}`, organizationId: org, role: "org:admin" });

  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Settings: API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await check(page, "api-keys-empty", project);

  // A key without scopes is refused beside the field, the name kept.
  await ready(page);
  await page.getByLabel("Name").fill("Partner ERP");
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Choose at least one scope");
  await expect(page.getByLabel("Name")).toHaveValue("Partner ERP");
  await check(page, "api-keys-error", project);

  await page.getByLabel("Read reports (reports:read)").check();
  await page.getByLabel("Read the company profile (company:read)").check();
  await page.getByRole("button", { name: "Create API key" }).click();
  const shown = page.getByTestId("api-key-secret");
  await expect(shown).toContainText("it is shown only this once");
  const secret = await page.getByLabel("Secret of the new API key").inputValue();
  expect(secret).toMatch(/^vsme_[0-9A-Za-z]{43}$/);
  if (project === "js-on") {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await shown.getByRole("button", { name: "Copy" }).click();
    await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  } else {
    await expect(shown.getByRole("button", { name: "Copy" })).toHaveCount(0);
  }
  await check(page, "api-keys-created", project);

  // The key works against the API (the browser's own cookies play no part: the Bearer key wins on /api).
  const me = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ organization: { id: org }, authenticatedBy: "api-key" });

  // Shown once: the list has the prefix, never the secret.
  await page.goto("/settings/api-keys");
  const row = page.getByTestId(`api-key-${secret.slice(5, 15)}`);
  await expect(row).toContainText("Partner ERP");
  await expect(row).toContainText("reports:read, company:read");
  expect(await page.content()).not.toContain(secret);

  await row.getByRole("link", { name: "Revoke Partner ERP" }).click();
  const confirm = page.getByTestId("confirm-revoke");
  await expect(confirm).toContainText("Revoke “Partner ERP”?");
  await check(page, "api-keys-confirm-revoke", project);
  await confirm.getByRole("button", { name: "Revoke the key" }).click();
  await expect(page.getByTestId("revoke-message")).toContainText("is revoked");
  await expect(page.getByTestId(`api-key-${secret.slice(5, 15)}`)).toContainText("Revoked");
  const refused = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);

  // A member of the same organization has neither the link nor the page.
  await signInAs(context, { userId: `user_member${run}`, organizationId: org, role: "org:member" });
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "Settings: API keys" })).toHaveCount(0);
  const forbidden = await page.goto("/settings/api-keys");
  expect(forbidden?.status()).toBe(403);
});
