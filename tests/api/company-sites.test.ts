/**
 * The company profile's sites and subsidiaries over API v1: PUT and PATCH carry them, a bad one is refused with
 * the pointer of the field to fix and nothing stored, PUT without them clears them, another organization never
 * sees them. Every response is validated against the generated document (support.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { companyBody, json, startApiTest, type ApiTestContext } from "./support";

let ctx: ApiTestContext;
beforeAll(async () => {
  ctx = await startApiTest("api-company-sites");
});
afterAll(() => ctx?.stop());

const cologne = { name: "Bakery", id: "K1", address: "Hohe Straße 12", postalCode: "50667", city: "Köln", country: "DE", gps: { latitude: 50.9375, longitude: 6.9603 } };
const bonn = { name: "Shop Bonn", address: "Markt 3", postalCode: "53111", city: "Bonn", country: "DE" };
const subsidiary = { name: "Muster Filialen GmbH", registeredAddress: "Hohe Straße 12, 50667 Köln" };
const MERGE = { "content-type": "application/merge-patch+json" };

describe("company sites and subsidiaries", () => {
  test("PUT stores them, PATCH replaces a list, a bad latitude is refused with its pointer and nothing changes", async () => {
    const created = await ctx.call("adminA", "PUT", "/api/v1/company", { body: { ...companyBody(), sites: [cologne], subsidiaries: [{ ...subsidiary, identifier: { scheme: "LEI", value: " 5493001kjtiigc8y1r12 " } }] } });
    expect(created.status).toBe(201);
    const stored = await json(created);
    expect(stored.sites).toEqual([cologne]);
    // The identifier is checked and normalized like the company's own.
    expect(stored.subsidiaries).toEqual([{ ...subsidiary, identifier: { scheme: "LEI", value: "5493001KJTIIGC8Y1R12" } }]);

    const badLatitude = await ctx.call("adminA", "PATCH", "/api/v1/company", {
      body: { sites: [cologne, { ...bonn, gps: { latitude: 95, longitude: 7.1 } }] },
      headers: { "If-Match": '"1"', ...MERGE },
    });
    expect(badLatitude.status).toBe(400);
    const problem = await json(badLatitude);
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: "/sites/1/gps/latitude", message: expect.stringContaining("between -90 and 90") }));

    const halfGps = await ctx.call("adminA", "PATCH", "/api/v1/company", {
      body: { sites: [{ ...bonn, gps: { latitude: 50.7 } }] },
      headers: { "If-Match": '"1"', ...MERGE },
    });
    expect(halfGps.status).toBe(400);
    expect((await json(halfGps)).errors).toContainEqual(expect.objectContaining({ pointer: "/sites/0/gps/longitude" }));

    const badIdentifier = await ctx.call("adminA", "PATCH", "/api/v1/company", {
      body: { subsidiaries: [{ ...subsidiary, identifier: { scheme: "LEI", value: "5493001KJTIIGC8Y1R13" } }] },
      headers: { "If-Match": '"1"', ...MERGE },
    });
    expect(badIdentifier.status).toBe(400);
    expect((await json(badIdentifier)).errors).toContainEqual(expect.objectContaining({ pointer: "/subsidiaries/0/identifier/value" }));

    const tooMany = await ctx.call("adminA", "PATCH", "/api/v1/company", {
      body: { sites: Array.from({ length: 501 }, (_, i) => ({ ...bonn, name: `Shop ${i}` })) },
      headers: { "If-Match": '"1"', ...MERGE },
    });
    expect(tooMany.status).toBe(400);
    expect((await json(tooMany)).errors).toContainEqual(expect.objectContaining({ pointer: "/sites", message: expect.stringContaining("At most 500 sites") }));

    // None of the refused changes was stored.
    const unchanged = await ctx.call("adminA", "GET", "/api/v1/company");
    expect(unchanged.headers.get("etag")).toBe('"1"');
    expect((await json(unchanged)).sites).toEqual([cologne]);

    const patched = await ctx.call("adminA", "PATCH", "/api/v1/company", { body: { sites: [bonn, cologne] }, headers: { "If-Match": '"1"', ...MERGE } });
    expect(patched.status).toBe(200);
    const afterPatch = await json(patched);
    expect(afterPatch.sites.map((site: { name: string }) => site.name)).toEqual(["Shop Bonn", "Bakery"]);
    expect(afterPatch.subsidiaries).toHaveLength(1); // a list not in the patch is kept

    // PUT replaces: the lists left out are cleared.
    const replaced = await ctx.call("adminA", "PUT", "/api/v1/company", { body: companyBody(), headers: { "If-Match": '"2"' } });
    expect(replaced.status).toBe(200);
    const afterPut = await json(replaced);
    expect(afterPut).not.toHaveProperty("sites");
    expect(afterPut).not.toHaveProperty("subsidiaries");
  });

  test("two sites with one ID are refused (B5 refers to sites by ID)", async () => {
    const current = await json(await ctx.call("adminA", "GET", "/api/v1/company"));
    const twice = await ctx.call("adminA", "PATCH", "/api/v1/company", {
      body: { sites: [cologne, { ...bonn, id: "K1" }] },
      headers: { "If-Match": `"${current.version}"`, ...MERGE },
    });
    expect(twice.status).toBe(400);
    expect((await json(twice)).errors).toContainEqual(expect.objectContaining({ pointer: "/sites/1/id", message: "Site ID K1 is already used by another site" }));
  });

  test("another organization sees none of them", async () => {
    const current = await json(await ctx.call("adminA", "GET", "/api/v1/company"));
    expect((await ctx.call("adminA", "PATCH", "/api/v1/company", { body: { sites: [cologne] }, headers: { "If-Match": `"${current.version}"`, ...MERGE } })).status).toBe(200);
    expect((await ctx.call("adminB", "GET", "/api/v1/company")).status).toBe(404);
    const created = await ctx.call("adminB", "PUT", "/api/v1/company", { body: { ...companyBody("Fjordvik Oy"), sites: [bonn] } });
    expect(created.status).toBe(201);
    expect((await json(created)).sites).toEqual([bonn]);
    expect((await json(await ctx.call("adminA", "GET", "/api/v1/company"))).sites).toEqual([cologne]);
  });
});
