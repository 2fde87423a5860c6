/**
 * What every browser journey does on each page: a full-page screenshot saved as a test artifact
 * (test-results/screenshots/<project>-<name>.png) and, with JavaScript on, axe (WCAG 2.1 A/AA) with no serious
 * or critical violation; and waiting for hydration before typing.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export const SCREENSHOTS = "test-results/screenshots";
// Two shared cores under parallel load: a save plus its revalidation can take seconds.
export const expect = baseExpect.configure({ timeout: 20_000 });

export async function check(page: Page, name: string, project: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${project}-${name}.png`, fullPage: true });
  // axe runs inside the page: with JavaScript off it can't. The markup is the same server-rendered HTML, which
  // the js-on project checks page by page.
  if (project === "js-off") return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`), `${name}: accessibility`).toEqual([]);
}

/**
 * With JavaScript, waits until React has taken over the page (hydration would reset what was typed before), and
 * fails when it did so only by discarding the server's HTML (a mismatch: what was typed is lost).
 */
export async function ready(page: Page) {
  if (test.info().project.name === "js-off") return;
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
  expect(await page.evaluate(() => window.recoverableErrors ?? []), `hydration of ${page.url()}`).toEqual([]);
}
