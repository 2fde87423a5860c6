/**
 * Every endpoint of API v1 doing its job, through the typed client where it can express the call and raw
 * requests where the test needs a header or body the client would not send. Every response is validated
 * against the generated document (support.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ORG_A, companyBody, json, reportBody, seedReport, startApiTest, workforceSection, type ApiTestContext } from "./support";

let ctx: ApiTestContext;
beforeAll(async () => {
  ctx = await startApiTest("api-endpoints");
});
afterAll(() => ctx?.stop());

describe("GET /me", () => {
  test("tells who calls, for which organization, with which permissions", async () => {
    const api = await ctx.client("memberA");
    const { data, response } = await api.GET("/api/v1/me");
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ organization: { id: ORG_A }, role: "org:member", authenticatedBy: "session", apiKey: null });
    expect(data!.permissions).toContain("reports:submit");
    expect(data!.permissions).not.toContain("reports:approve");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("company profile", () => {
  test("PUT creates it (201), GET reads it with an ETag, PATCH needs that ETag, PUT then replaces", async () => {
    const api = await ctx.client("adminA");
    expect((await api.GET("/api/v1/company")).response.status).toBe(404);

    const created = await api.PUT("/api/v1/company", { body: companyBody() as never, params: { header: {} as never } });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get("location")).toBe("/api/v1/company");
    expect(created.data).toMatchObject({ name: "Muster Bäckerei GmbH", version: 1, nace: { code: "10.71" } });

    const read = await api.GET("/api/v1/company");
    expect(read.response.headers.get("etag")).toBe('"1"');
    const notModified = await ctx.call("adminA", "GET", "/api/v1/company", { headers: { "If-None-Match": '"1"' } });
    expect(notModified.status).toBe(304);

    const noIfMatch = await ctx.call("adminA", "PATCH", "/api/v1/company", { body: { name: "Neu GmbH" } });
    expect(noIfMatch.status).toBe(428);
    const patched = await ctx.call("adminA", "PATCH", "/api/v1/company", {
      body: { name: "Neu GmbH" },
      headers: { "If-Match": '"1"', "content-type": "application/merge-patch+json" },
    });
    expect({ status: patched.status, body: patched.status === 200 ? null : await patched.clone().json() }).toEqual({ status: 200, body: null });
    expect(patched.headers.get("etag")).toBe('"2"');
    expect((await json(patched)).name).toBe("Neu GmbH");

    // PUT on an existing profile is a change like any other: If-Match required, and it replaces.
    expect((await ctx.call("adminA", "PUT", "/api/v1/company", { body: companyBody("Other") })).status).toBe(428);
    const replaced = await ctx.call("adminA", "PUT", "/api/v1/company", { body: { ...companyBody("Ersetzt GmbH"), legalForm: "other", otherLegalForm: "Stiftung" }, headers: { "If-Match": '"2"' } });
    expect(replaced.status).toBe(200);
    const back = await ctx.call("adminA", "PUT", "/api/v1/company", { body: companyBody("Zurück GmbH"), headers: { "If-Match": '"3"' } });
    expect(back.status).toBe(200);
    const final = await json(back);
    expect(final.legalForm).toBe("private_limited_liability");
    expect(final).not.toHaveProperty("otherLegalForm"); // replaced, not merged
  });
});

describe("reports", () => {
  test("create, read, patch sections (merge), metrics and completeness follow, delete a draft", async () => {
    const api = await ctx.client("memberA");
    const created = await api.POST("/api/v1/reports", { body: reportBody(2021) as never });
    expect(created.response.status).toBe(201);
    const report = created.data!;
    expect(created.response.headers.get("location")).toBe(`/api/v1/reports/${report.id}`);
    expect(report).toMatchObject({ year: 2021, status: "draft", version: 1, sections: {} });

    const read = await api.GET("/api/v1/reports/{reportId}", { params: { path: { reportId: report.id } } });
    expect(read.data!.id).toBe(report.id);
    expect(read.response.headers.get("etag")).toBe('"1"');

    const patched = await ctx.call("memberA", "PATCH", `/api/v1/reports/${report.id}`, {
      body: { turnover: { amount: 2_000_000, currency: "EUR" }, sections: { workforce: workforceSection(12) } },
      headers: { "If-Match": '"1"' },
    });
    expect({ status: patched.status, body: patched.status === 200 ? null : await patched.clone().json() }).toEqual({ status: 200, body: null });
    const afterPatch = await json(patched);
    expect(afterPatch.turnover.amount).toBe(2_000_000);
    expect(afterPatch.sections.workforce.numberOfEmployees).toBe(12);

    // Another section added: the first one stays; null removes one.
    const second = await ctx.call("memberA", "PATCH", `/api/v1/reports/${report.id}`, {
      body: { sections: { businessConduct: { status: "not_applicable", reason: "No such cases" } } },
      headers: { "If-Match": '"2"' },
    });
    expect(Object.keys((await json(second)).sections).sort()).toEqual(["businessConduct", "workforce"]);
    const removed = await ctx.call("memberA", "PATCH", `/api/v1/reports/${report.id}`, { body: { sections: { businessConduct: null } }, headers: { "If-Match": '"3"' } });
    expect(Object.keys((await json(removed)).sections)).toEqual(["workforce"]);

    const completeness = await api.GET("/api/v1/reports/{reportId}/completeness", { params: { path: { reportId: report.id } } });
    expect(completeness.data!.sections.workforce.state).not.toBe("not_started");
    expect(completeness.response.headers.get("etag")).toBe('"4"');
    const metrics = await api.GET("/api/v1/reports/{reportId}/metrics", { params: { path: { reportId: report.id } } });
    expect(metrics.data!.intensityUnit).toContain("EUR");

    expect((await ctx.call("memberA", "DELETE", `/api/v1/reports/${report.id}`)).status).toBe(428);
    expect((await ctx.call("memberA", "DELETE", `/api/v1/reports/${report.id}`, { headers: { "If-Match": '"3"' } })).status).toBe(412);
    expect((await ctx.call("memberA", "DELETE", `/api/v1/reports/${report.id}`, { headers: { "If-Match": '"4"' } })).status).toBe(204);
    expect((await api.GET("/api/v1/reports/{reportId}", { params: { path: { reportId: report.id } } })).response.status).toBe(404);
  });

  test("the list shows summaries of the reports GET shows whole; what is missing is at /completeness", async () => {
    const seeded = await seedReport(ctx, "memberA", 2013);
    const patched = await ctx.call("memberA", "PATCH", `/api/v1/reports/${seeded.id}`, {
      body: { sections: { workforce: workforceSection(9) } },
      headers: { "If-Match": '"1"' },
    });
    expect(patched.status).toBe(200);
    const api = await ctx.client("memberA");
    const list = await api.GET("/api/v1/reports", { params: { query: { year: 2013 } } });
    const full = (await api.GET("/api/v1/reports/{reportId}", { params: { path: { reportId: seeded.id } } })).data!;
    expect(list.data!.items).toHaveLength(1);
    const { completeness, ...summary } = list.data!.items[0]!;
    expect(summary).toEqual({
      id: full.id,
      organizationId: full.organizationId,
      companyId: full.companyId,
      status: full.status,
      year: 2013,
      period: full.period,
      module: full.module,
      version: 2,
      createdAt: full.createdAt,
      updatedAt: full.updatedAt,
      createdBy: full.createdBy,
      updatedBy: full.updatedBy,
    });
    const { filled, required, percent, complete } = full.metrics.completeness;
    expect(completeness).toEqual({ filled, required, percent, complete });
    expect(completeness.filled).toBeGreaterThan(0);
    expect(completeness.complete).toBe(false);

    // The report keeps counts and states; the lists of what is missing are computed by /completeness.
    expect(JSON.stringify(full.metrics.completeness)).not.toContain("missing");
    const detail = (await api.GET("/api/v1/reports/{reportId}/completeness", { params: { path: { reportId: seeded.id } } })).data!;
    expect(detail).toMatchObject({ filled, required, percent, complete });
    expect(detail.missing.length).toBe(required - filled);
    expect(detail.sections.workforce.state).toBe(full.metrics.completeness.sections.workforce.state);
  });

  test("reading a report again is the same answer until it changes; a change, another organization or a delete is never answered from before", async () => {
    const seeded = await seedReport(ctx, "memberA", 2012);
    const first = await ctx.call("memberA", "GET", `/api/v1/reports/${seeded.id}`);
    const again = await ctx.call("memberA", "GET", `/api/v1/reports/${seeded.id}`);
    expect(again.headers.get("etag")).toBe('"1"');
    expect(await again.text()).toBe(await first.text());
    expect((await ctx.call("memberA", "GET", `/api/v1/reports/${seeded.id}`, { headers: { "If-None-Match": '"1"' } })).status).toBe(304);

    const patched = await ctx.call("memberA", "PATCH", `/api/v1/reports/${seeded.id}`, {
      body: { turnover: { amount: 3_000_000, currency: "EUR" } },
      headers: { "If-Match": '"1"' },
    });
    expect(patched.status).toBe(200);
    const changed = await ctx.call("memberA", "GET", `/api/v1/reports/${seeded.id}`);
    expect(changed.headers.get("etag")).toBe('"2"');
    expect((await json(changed)).turnover.amount).toBe(3_000_000);
    expect(JSON.parse(await (await ctx.call("memberA", "GET", `/api/v1/reports/${seeded.id}`)).text())).toEqual(await json(patched));

    expect((await ctx.call("adminB", "GET", `/api/v1/reports/${seeded.id}`)).status).toBe(404);
    expect((await ctx.call("memberA", "DELETE", `/api/v1/reports/${seeded.id}`, { headers: { "If-Match": '"2"' } })).status).toBe(204);
    expect((await ctx.call("memberA", "GET", `/api/v1/reports/${seeded.id}`)).status).toBe(404);
  });

  test("a section: GET shows null before it is started; PUT validates it against that section's schema", async () => {
    const report = await seedReport(ctx, "memberA", 2019);
    const api = await ctx.client("memberA");
    const empty = await api.GET("/api/v1/reports/{reportId}/sections/{section}", { params: { path: { reportId: report.id, section: "workforce" } } });
    expect(empty.data).toMatchObject({ section: "workforce", disclosure: "B8", value: null });

    const put = await api.PUT("/api/v1/reports/{reportId}/sections/{section}", {
      params: { path: { reportId: report.id, section: "workforce" }, header: { "If-Match": '"1"' } },
      body: workforceSection(7) as never,
    });
    expect(put.response.status).toBe(200);
    expect(put.response.headers.get("etag")).toBe('"2"');
    expect(put.data!.value).toMatchObject({ numberOfEmployees: 7 });

    // The health-and-safety shape sent to workforce: refused by workforce's schema, with pointers.
    const wrong = await ctx.call("memberA", "PUT", `/api/v1/reports/${report.id}/sections/workforce`, {
      body: { status: "reported", numberOfRecordableWorkRelatedAccidents: 1 },
      headers: { "If-Match": '"2"' },
    });
    expect(wrong.status).toBe(400);
    const problem = await json(wrong);
    expect(problem.type).toBe("urn:vsme-guru:problem:validation");
    expect(problem.errors.map((error: { pointer: string }) => error.pointer)).toContain("/numberOfRecordableWorkRelatedAccidents");

    const unknownSection = await ctx.call("memberA", "GET", `/api/v1/reports/${report.id}/sections/nonsense`);
    expect(unknownSection.status).toBe(404);
  });

  test("cross-section rules answer 422 with the field's pointer", async () => {
    const report = await seedReport(ctx, "memberA", 2018);
    await ctx.call("memberA", "PUT", `/api/v1/reports/${report.id}/sections/workforce`, { body: workforceSection(5), headers: { "If-Match": '"1"' } });
    const response = await ctx.call("memberA", "PUT", `/api/v1/reports/${report.id}/sections/remuneration`, {
      body: { status: "reported", employeesReceivePayEqualOrAboveMinimumWage: true, employeesCoveredByCollectiveBargaining: 9 },
      headers: { "If-Match": '"2"' },
    });
    expect(response.status).toBe(422);
    const problem = await json(response);
    expect(problem.errors).toContainEqual(expect.objectContaining({ in: "body", pointer: "/sections/remuneration/employeesCoveredByCollectiveBargaining" }));
  });

  test("list: filters by year and status, newest year first, a second report of a year is 409", async () => {
    await seedReport(ctx, "adminA", 2017);
    const duplicate = await ctx.call("adminA", "POST", "/api/v1/reports", { body: reportBody(2017) });
    expect(duplicate.status).toBe(409);
    const api = await ctx.client("viewerA");
    const byYear = await api.GET("/api/v1/reports", { params: { query: { year: 2017 } } });
    expect(byYear.data!.items.map((report) => report.year)).toEqual([2017]);
    const all = await api.GET("/api/v1/reports", { params: { query: { status: "draft" } } });
    const years = all.data!.items.map((report) => report.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const bad = await ctx.call("viewerA", "GET", "/api/v1/reports?year=abc&colour=red");
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(["/colour", "/year"]);
  });
});

describe("lifecycle", () => {
  test("submit (member) → approve (admin) → reopen with a reason (admin); each in the audit trail", async () => {
    const report = await seedReport(ctx, "memberA", 2016);
    const member = await ctx.client("memberA");
    // An empty draft is incomplete: refused without an override, nothing changes.
    const incomplete = await ctx.call("memberA", "POST", `/api/v1/reports/${report.id}/submit`, { headers: { "If-Match": '"1"' } });
    expect(incomplete.status).toBe(422);
    const submitted = await member.POST("/api/v1/reports/{reportId}/submit", {
      params: { path: { reportId: report.id }, header: { "If-Match": '"1"' } },
      body: { override: { reason: "Sent to the bank as a first draft" } },
    });
    expect(submitted.response.status).toBe(200);
    expect(submitted.data!.report.status).toBe("submitted");
    expect(submitted.response.headers.get("etag")).toBe('"2"');

    // A submitted report cannot be edited until reopened.
    const edit = await ctx.call("memberA", "PATCH", `/api/v1/reports/${report.id}`, { body: { module: "basic" }, headers: { "If-Match": '"2"' } });
    expect(edit.status).toBe(409);
    expect((await ctx.call("memberA", "POST", `/api/v1/reports/${report.id}/approve`, { headers: { "If-Match": '"2"' } })).status).toBe(403);

    const admin = await ctx.client("adminA");
    const approved = await admin.POST("/api/v1/reports/{reportId}/approve", { params: { path: { reportId: report.id }, header: { "If-Match": '"2"' } } });
    expect(approved.data!.report.status).toBe("approved");
    const noReason = await ctx.call("adminA", "POST", `/api/v1/reports/${report.id}/reopen`, { body: { reason: "  " }, headers: { "If-Match": '"3"' } });
    expect(noReason.status).toBe(400);
    const reopened = await admin.POST("/api/v1/reports/{reportId}/reopen", {
      params: { path: { reportId: report.id }, header: { "If-Match": '"3"' } },
      body: { reason: "Scope 2 figure was wrong" },
    });
    expect(reopened.data!.report.status).toBe("draft");

    const audit = await member.GET("/api/v1/reports/{reportId}/audit", { params: { path: { reportId: report.id } } });
    expect(audit.data!.items.map((event) => event.action)).toEqual(["report.reopened", "report.approved", "report.submitted"]);
    expect(audit.data!.items[0]!.reason).toBe("Scope 2 figure was wrong");
  });
});

describe("reference data", () => {
  test("NACE search and lookup, the CO2 factor walk, emissions prefill", async () => {
    const api = await ctx.client("viewerA");
    const search = await api.GET("/api/v1/reference/nace", { params: { query: { q: "bread", limit: 5 } } });
    expect(search.data!.value.map((code) => code.code)).toContain("10.71");
    expect(search.data!.stale).toBe(false);
    const code = await api.GET("/api/v1/reference/nace/{code}", { params: { path: { code: "10.71" } } });
    expect(code.data!.value).toMatchObject({ code: "10.71", level: "class", revision: "2.1" });
    expect((await api.GET("/api/v1/reference/nace/{code}", { params: { path: { code: "99.99" } } })).response.status).toBe(404);
    const factor = await api.GET("/api/v1/reference/co2-intensity/{code}", { params: { path: { code: "10.71" } } });
    expect(factor.data!.value.requested).toEqual({ code: "10.71", revision: "2.1" });
    expect(["class", "group", "division", "aggregate", "section", "total"]).toContain(factor.data!.value.matchedLevel);
    const emissions = await api.GET("/api/v1/reference/emissions", { params: { query: { year: 2024 } } });
    expect(emissions.data).toMatchObject({ value: null, stale: false });
    expect((await ctx.call("viewerA", "GET", "/api/v1/reference/emissions")).status).toBe(400);
  });
});
