/**
 * A browser-less user of the web app: pages fetched and forms posted as a browser without JavaScript would
 * (urlencoded, document requests), signed in as a given user of a given organization.
 */
import type { TestApp } from "./app";
import { sessionCookieHeader, sessionToken } from "./sessions";

export interface WebIdentity {
  userId: string;
  organizationId: string;
  role: "org:admin" | "org:member" | "org:viewer";
}

export interface WebPage {
  status: number;
  html: string;
  /** The page's text with entities decoded (for assertions on what a user reads). */
  text: string;
  location: string | null;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'", "&nbsp;": " " };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#x27|#39|nbsp);/g, (m) => ENTITIES[m] ?? m);

export function pageText(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

/** The cookies of a browser signed in as `identity` (a session token signed with the local key). */
export async function identityCookie(identity: WebIdentity): Promise<string> {
  return sessionCookieHeader(await sessionToken({ ...identity, lifetimeSeconds: 600 }));
}

export function webSession(app: TestApp, identity: WebIdentity | null) {
  let cookie: Promise<string> | undefined;
  const headers = async (): Promise<Record<string, string>> => (identity ? { cookie: await (cookie ??= identityCookie(identity)) } : {});
  const read = async (response: Response): Promise<WebPage> => {
    const html = await response.text();
    return { status: response.status, html, text: pageText(html), location: response.headers.get("location") };
  };
  return {
    get: async (path: string) => read(await fetch(`${app.url}${path}`, { headers: await headers(), redirect: "manual" })),
    post: async (path: string, fields: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
      return read(
        await fetch(`${app.url}${path}`, {
          method: "POST",
          headers: { ...(await headers()), "content-type": "application/x-www-form-urlencoded" },
          body,
          redirect: "manual",
        }),
      );
    },
  };
}

/** The value of an input as rendered (`name` exact). */
export function inputValueIn(html: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const tag = new RegExp(`<input[^>]*name="${escaped}"[^>]*>`).exec(html)?.[0];
  if (!tag) return undefined;
  return decode(/value="([^"]*)"/.exec(tag)?.[1] ?? "");
}

/** The `_version` a form was rendered with. */
export function formVersion(html: string): string {
  const version = inputValueIn(html, "_version");
  if (!version) throw new Error("no _version in the page");
  return version;
}
