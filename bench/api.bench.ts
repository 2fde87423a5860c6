/**
 * API v1 read path against a static resource route of the same server, in one run: requests/s, p50/p99 and
 * server CPU per request at 8 concurrent connections, with 1k and 100k reports in the collection.
 * Targets (issue 10): ≥ 0.5× the static route's requests/s and ≤ +400 µs CPU per request.
 * The server runs in a child process; its CPU is read from /proc. Authentication: an organization API key
 * (what partners use; its rate-limit counting included), and a Clerk session token for comparison.
 * Two layouts, each printed: the embedded database inside the app server's process (as `npm run dev` runs
 * it: its work counts as the app's CPU) and in a process of its own (the shape of production, where the
 * database is Atlas: "app CPU" is the app server's alone, "db CPU" the database's, both per request).
 * BENCH_LAYOUTS=in-process or own-process runs one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runWithAllocatorSettings } from "./support/allocator-settings";
import { firstLine } from "./support/first-line";

await runWithAllocatorSettings();

const CONCURRENCY = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const SLICE_SECONDS = 0.5;
const ticks = 100; // USER_HZ

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

interface Totals {
  requests: number;
  seconds: number;
  cpu: number;
  databaseCpu: number;
  failures: number;
  latencies: number[];
}

/** `seconds` of requests to `url` from CONCURRENCY connections, added to `totals`. */
async function slice(totals: Totals, pid: number, databasePid: number | null, url: string, headers: Record<string, string>, seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  const cpuBefore = cpuSeconds(pid);
  const databaseCpuBefore = databasePid === null ? 0 : cpuSeconds(databasePid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (!response.ok) totals.failures++;
        totals.latencies.push(performance.now() - t0);
        totals.requests++;
      }
    }),
  );
  totals.seconds += (performance.now() - started) / 1000;
  totals.cpu += cpuSeconds(pid) - cpuBefore;
  if (databasePid !== null) totals.databaseCpu += cpuSeconds(databasePid) - databaseCpuBefore;
}

function summary(totals: Totals) {
  const latencies = [...totals.latencies].sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    rps: totals.requests / totals.seconds,
    p50: at(0.5),
    p99: at(0.99),
    cpuUs: (totals.cpu / totals.requests) * 1e6,
    databaseCpuUs: (totals.databaseCpu / totals.requests) * 1e6,
    failures: totals.failures,
  };
}

const empty = (): Totals => ({ requests: 0, seconds: 0, cpu: 0, databaseCpu: 0, failures: 0, latencies: [] });

const sizes = (process.env.BENCH_REPORTS ?? "1000,100000").split(",").map(Number);
const layouts = (process.env.BENCH_LAYOUTS ?? "in-process,own-process").split(",");
for (const [layout, reports] of layouts.flatMap((layout) => sizes.map((size) => [layout, size] as const))) {
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "support/api-bench-server.ts"), String(reports), layout], { stdout: "pipe", stderr: "inherit" });
  const setup = JSON.parse(await firstLine(child.stdout, "bench server exited")) as { url: string; token: string; apiKey: string; reportId: string; reports: number; databasePid: number | null };
  const key = { authorization: `Bearer ${setup.apiKey}` };
  const session = { authorization: `Bearer ${setup.token}` };
  const cases = [
    ["static resource route  GET /api/docs/init.js", `${setup.url}/api/docs/init.js`, {}],
    ["API key  GET /api/v1/reports/{id}", `${setup.url}/api/v1/reports/${setup.reportId}`, key],
    ["API key  GET /api/v1/reports?limit=20", `${setup.url}/api/v1/reports?limit=20`, key],
    ["session  GET /api/v1/reports/{id}", `${setup.url}/api/v1/reports/${setup.reportId}`, session],
  ] as const;
  const [baselineCase, ...measured] = cases;
  const warm = empty();
  for (const [, url, headers] of cases) await slice(warm, child.pid, setup.databasePid, url, headers, 1); // warm-up (JIT, caches)
  // Each case alternates with the static route in half-second slices, so a burst of noise from the machine
  // falls on both and their ratio holds still; the static route's figures are all its slices together.
  const baselineTotals = empty();
  const totals = measured.map(empty);
  for (let round = 0; round < Math.max(2, Math.round(SECONDS / SLICE_SECONDS)); round++) {
    for (const [index, [, url, headers]] of measured.entries()) {
      await slice(baselineTotals, child.pid, setup.databasePid, baselineCase[1], baselineCase[2], SLICE_SECONDS);
      await slice(totals[index]!, child.pid, setup.databasePid, url, headers, SLICE_SECONDS);
    }
  }
  const where = setup.databasePid === null ? "database in the app server's process" : "database in its own process (app CPU = the app server's alone)";
  console.log(`\n${setup.reports.toLocaleString("en")} reports in the collection, ${where}, ${CONCURRENCY} connections, ${SECONDS} s each in ${SLICE_SECONDS} s slices alternating with the static route`);
  const baseline = summary(baselineTotals);
  for (const [label, result] of [[baselineCase[0], baseline], ...measured.map(([label], index) => [label, summary(totals[index]!)] as const)] as const) {
    const ratio = result.rps / baseline.rps;
    const extraCpu = result.cpuUs - baseline.cpuUs;
    console.log(
      `${label.padEnd(46)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(2).padStart(6)} ms  p99 ${result.p99.toFixed(2).padStart(7)} ms  ` +
        `${setup.databasePid === null ? "CPU" : "app CPU"} ${result.cpuUs.toFixed(0).padStart(5)} µs/req` +
        (setup.databasePid === null ? "" : `  db CPU ${result.databaseCpuUs.toFixed(0).padStart(5)} µs/req`) +
        (result === baseline ? "" : `  (${ratio.toFixed(2)}× req/s, ${extraCpu >= 0 ? "+" : ""}${extraCpu.toFixed(0)} µs CPU)`) +
        (result.failures ? `  ${result.failures} FAILED` : ""),
    );
  }
  child.kill("SIGTERM");
  await child.exited;
}
