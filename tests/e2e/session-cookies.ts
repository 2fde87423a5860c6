/**
 * Signs a browser context in as any user of any organization with a session token signed by the local key —
 * the cookies the local sign-in sets, for organizations the local directory doesn't list, so each Playwright
 * project works in organizations of its own.
 */
import type { BrowserContext } from "@playwright/test";
import { sessionToken } from "../helpers/sessions";

export interface E2eIdentity {
  userId: string;
  organizationId: string;
  role: "org:admin" | "org:member" | "org:viewer";
}

export async function signInAs(context: BrowserContext, identity: E2eIdentity) {
  const url = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  const token = await sessionToken({ ...identity, lifetimeSeconds: 1800 });
  const iat = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")).iat as number;
  await context.clearCookies();
  await context.addCookies([
    { name: "__session", value: token, url },
    { name: "__client_uat", value: String(iat), url },
  ]);
}
