/**
 * Graceful shutdown: stop() refuses new connections but lets a request already in flight finish with its full
 * response. The in-flight request is a /readyz whose database ping waits for server selection (the database
 * URL points at a closed port), so it is reliably still running when stop() is called.
 */
import { expect, test } from "bun:test";
import { startTestApp } from "../helpers/app";
import { unreachableDatabaseUrl } from "../helpers/ports";

test("a request in flight completes after stop(); new requests are refused", async () => {
  const dbUrl = unreachableDatabaseUrl();
  const app = await startTestApp({ PRIMARY_DATABASE_URL: dbUrl, SCOPE321_DATABASE_URL: dbUrl });
  const inFlight = fetch(`${app.url}/readyz`);
  await Bun.sleep(200); // let the request reach the handler
  const stopped = app.stop();

  const response = await inFlight;
  expect(response.status).toBe(503);
  const body = await response.json();
  expect(body).toMatchObject({ status: "unavailable", databases: { primary: { status: "down" } } });
  await stopped;

  let refused = false;
  try {
    await fetch(`${app.url}/healthz`);
  } catch {
    refused = true;
  }
  expect(refused).toBe(true);
});
