/** Signs a browser context in as a user of an organization (the local development sign-in). */
import type { BrowserContext, Page } from "@playwright/test";

export interface E2eIdentity {
  userId: string;
  organizationId: string;
  role: "org:admin" | "org:member" | "org:viewer";
}

export async function signInAs(context: BrowserContext, _page: Page, identity: E2eIdentity) {
  const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  await context.clearCookies();
  await context.addCookies([
    { name: "dev_identity", value: encodeURIComponent(`${identity.userId}|${identity.organizationId}|${identity.role}`), url: baseURL },
  ]);
}
