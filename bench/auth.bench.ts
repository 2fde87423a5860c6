/**
 * What authenticating a request costs (target: ≤ 100 µs p50 for each way in):
 * - a session token: Clerk's `verifyToken` with the JWT key (RS256, networkless) plus turning the claims into an
 *   identity, and the SDK's whole `authenticateRequest` on a request with a Bearer token (what getAuth runs);
 * - a repeated token on the app's path: the remembered session (server/auth/verified-sessions.ts), the key-id
 *   gate and the identity — what every request after a token's first costs;
 * - an organization API key on a cached lookup: prefix, SHA-256 and constant-time compare — then the full
 *   `authenticate`, which adds the per-key rate-limit count (local, added to the primary in the background;
 *   the window's first request writes through — the embedded server over the wire).
 */
import { createClerkClient, verifyToken } from "@clerk/backend";
import { startEmbeddedMongo } from "../server/embedded-mongo/index";
import { MongoClient } from "mongodb";
import { createApiKeyService } from "../server/auth/api-keys/api-key-service";
import { lookupPrefixOf, secretMatches } from "../server/auth/api-keys/secret";
import { identityOfSession } from "../server/auth/identity";
import { createSessionKeyIdGate } from "../server/auth/session-key-ids";
import { createVerifiedSessionCache } from "../server/auth/verified-sessions";
import { LOCAL_ISSUER, LOCAL_PRIVATE_KEY_PATH, LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY, LOCAL_SIGNING_KID, LOCAL_SIGNING_PUBLIC_KEY } from "../server/auth/local-signing-key";
import { importPrivateKey, sessionClaims, signSessionToken } from "../server/auth/session-token";
import { createDataAccess, ensureIndexes } from "../server/repositories";

async function measure(label: string, iterations: number, run: () => Promise<unknown> | unknown) {
  for (let i = 0; i < Math.min(500, iterations); i++) await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run();
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(58)} p50 ${at(0.5).padStart(8)} µs   p90 ${at(0.9).padStart(8)} µs   p99 ${at(0.99).padStart(8)} µs`);
}

const key = { privateKey: await importPrivateKey(await Bun.file(LOCAL_PRIVATE_KEY_PATH).text()), kid: LOCAL_SIGNING_KID };
const claims = sessionClaims({
  userId: "user_bench",
  sessionId: "sess_bench",
  issuer: LOCAL_ISSUER,
  lifetimeSeconds: 3600,
  organization: { id: "org_bench", role: "org:admin", slug: "bench" },
});
const token = await signSessionToken(claims, key);

console.log("session token (RS256, 2048-bit, verified with CLERK_JWT_KEY):");
await measure("verifyToken + identity", 5_000, async () => {
  const verified = await verifyToken(token, { jwtKey: LOCAL_SIGNING_PUBLIC_KEY });
  return identityOfSession({ userId: verified.sub, sessionId: verified.sid, orgId: "org_bench", orgRole: "org:admin", claims: verified });
});
const clerk = createClerkClient({ secretKey: LOCAL_SECRET_KEY, publishableKey: LOCAL_PUBLISHABLE_KEY, jwtKey: LOCAL_SIGNING_PUBLIC_KEY });
const request = new Request("http://127.0.0.1/api/v1/company", { headers: { authorization: `Bearer ${token}` } });
await measure("Clerk authenticateRequest (Bearer, what getAuth runs)", 3_000, async () => {
  const state = await clerk.authenticateRequest(request, { publishableKey: LOCAL_PUBLISHABLE_KEY, jwtKey: LOCAL_SIGNING_PUBLIC_KEY });
  if (!state.isAuthenticated) throw new Error(`not signed in: ${state.reason}`);
});

// What a request with a token seen before costs on the app's path (clerk.server.ts readSession): the memory of
// verified sessions, the key-id gate and the identity; a miss runs the authenticateRequest above.
const sessions = createVerifiedSessionCache();
const gate = createSessionKeyIdGate(LOCAL_SIGNING_PUBLIC_KEY);
await gate.admits(token);
const verifiedOnce = await clerk.authenticateRequest(request, { publishableKey: LOCAL_PUBLISHABLE_KEY, jwtKey: LOCAL_SIGNING_PUBLIC_KEY });
const remembered = { userId: "user_bench", sessionId: "sess_bench", orgId: "org_bench", orgRole: "org:admin", claims: verifiedOnce.toAuth()!.sessionClaims as Record<string, unknown> };
sessions.remember(request, remembered);
await measure("repeated token: remembered session + kid gate + identity", 20_000, async () => {
  const session = sessions.get(request);
  if (!session || !(await gate.admits(token))) throw new Error("not remembered");
  return identityOfSession(session);
});

const server = await startEmbeddedMongo({ memory: true, port: 0 });
const client = await MongoClient.connect(server.uri);
try {
  const db = client.db("bench-auth");
  await ensureIndexes(db);
  const data = createDataAccess({ primary: db });
  const service = createApiKeyService({ data: async () => data, policy: { rateLimitPerMinute: 1_000_000_000 } });
  const repos = data.forOrganization("org_bench", { userId: "user_bench", role: "org:admin" });
  const { secret } = await service.create(repos, { name: "bench", scopes: ["reports:read"] });
  const credential = await data.apiKeyCredentials.findByPrefix(lookupPrefixOf(secret)!);
  const cache = new Map([[credential!.id, credential!]]);

  console.log("\norganization API key:");
  await measure("cached lookup: prefix + SHA-256 + constant-time compare", 20_000, () => {
    const prefix = lookupPrefixOf(secret);
    const found = prefix ? cache.get(credential!.id) : undefined;
    if (!found || !secretMatches(secret, found.hash)) throw new Error("no match");
  });
  await measure("authenticate (cached lookup + rate-limit count, flushed in the background)", 20_000, async () => {
    const result = await service.authenticate(secret);
    if (!result.ok) throw new Error(result.reason);
  });
} finally {
  await client.close();
  await server.stop();
}
