/**
 * Clerk's kid cache stays bounded: only tokens whose signature our key verifies bring a new key id to Clerk,
 * and at most `maxKids` such ids are remembered. Tokens are signed for real (the local key, or foreign keys).
 */
import { describe, expect, test } from "bun:test";
import { LOCAL_SIGNING_PUBLIC_KEY } from "../../server/auth/local-signing-key";
import { createSessionKeyIdGate, presentedSessionTokens } from "../../server/auth/session-key-ids";
import { foreignSigningKey, localSigningKey, sessionToken } from "../helpers/sessions";

const withKid = async (kid: string, foreign?: Awaited<ReturnType<typeof foreignSigningKey>>) =>
  sessionToken({ key: foreign ? { privateKey: foreign.privateKey, kid } : { ...(await localSigningKey()), kid } });

describe("the session key-id gate", () => {
  test("admits tokens our key signed, whatever their kid, and remembers at most maxKids of them", async () => {
    const gate = createSessionKeyIdGate(LOCAL_SIGNING_PUBLIC_KEY, { maxKids: 4 });
    for (let i = 0; i < 10; i++) expect(await gate.admits(await withKid(`ins_ours_${i}`))).toBe(true);
    expect(gate.knownKids()).toEqual(["ins_ours_6", "ins_ours_7", "ins_ours_8", "ins_ours_9"]);
    // A recently used kid is kept over older ones.
    expect(await gate.admits(await withKid("ins_ours_6"))).toBe(true);
    expect(await gate.admits(await withKid("ins_ours_10"))).toBe(true);
    expect(gate.knownKids()).toEqual(["ins_ours_8", "ins_ours_9", "ins_ours_6", "ins_ours_10"]);
  });

  test("refuses fresh kids on tokens another key signed, tampered tokens and non-JWTs — none is remembered", async () => {
    const gate = createSessionKeyIdGate(LOCAL_SIGNING_PUBLIC_KEY, { maxKids: 4 });
    const foreign = await foreignSigningKey();
    for (let i = 0; i < 200; i++) expect(await gate.admits(await withKid(`ins_attacker_${i}`, foreign))).toBe(false);
    const ours = await withKid("ins_ours");
    const [header, payload, signature] = ours.split(".");
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: "user_evil" })).toString("base64url")}.${signature}`;
    for (const token of [tampered, "not-a-jwt", "a.b.c", `${header}.${payload}`, `${Buffer.from('{"kid":' + "1".repeat(10) + "}").toString("base64url")}.x.y`]) {
      expect(await gate.admits(token)).toBe(false);
    }
    expect(gate.knownKids()).toEqual([]);
    expect(await gate.admits(ours)).toBe(true);
    expect(gate.knownKids()).toEqual(["ins_ours"]);
  });

  test("finds tokens where Clerk does: Bearer and __session cookies", () => {
    const request = new Request("http://x/", { headers: { authorization: "Bearer aaa.bbb.ccc", cookie: "a=1; __session=ddd.eee.fff; __session_Xy12=ggg; __client_uat=1" } });
    expect(presentedSessionTokens(request)).toEqual(["aaa.bbb.ccc", "ddd.eee.fff", "ggg"]);
  });
});
