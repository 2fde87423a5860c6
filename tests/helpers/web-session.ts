/**
 * A browser-less user of the web app: pages fetched and forms posted as a browser without JavaScript would
 * (urlencoded, document requests), signed in as a given user of a given organization.
 */
import type { TestApp } from "./app";

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

export function identityCookie(identity: WebIdentity): string {
  return `dev_identity=${encodeURIComponent(`${identity.userId}|${identity.organizationId}|${identity.role}`)}`;
}

export function webSession(app: TestApp, identity: WebIdentity | null) {
  const headers = (): Record<string, string> => (identity ? { cookie: identityCookie(identity) } : {});
  const read = async (response: Response): Promise<WebPage> => {
    const html = await response.text();
    return { status: response.status, html, text: pageText(html), location: response.headers.get("location") };
  };
  return {
    get: async (path: string) => read(await fetch(`${app.url}${path}`, { headers: headers(), redirect: "manual" })),
    post: async (path: string, fields: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
      return read(
        await fetch(`${app.url}${path}`, {
          method: "POST",
          headers: { ...headers(), "content-type": "application/x-www-form-urlencoded" },
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
