import { expect, test } from "bun:test";
import { RawClient, opMsgRaw } from "../helpers/raw-wire";
import { useTestMongo } from "../helpers/embedded-mongo";

// Found by the seeded fuzz test (fuzz.test.ts): a string length that is negative made the scan for exact
// number types (bson-numbers.ts) walk backwards forever, hanging every client. The message is malformed BSON
// (manual: "BSON Types"; bsonspec.org: string length includes its terminator), so its connection is closed.
const mongo = useTestMongo();

test("a BSON string with a negative length closes that connection and the server keeps serving", async () => {
  const frame = Buffer.from(
    "3e0000000266696e64000500000066757a7a000366696c74657200140000000761006b0e6082e45cac0c00903955000224646200340000a766757a7a0000",
    "hex",
  );
  const raw = await RawClient.connect(mongo.current.server.port);
  raw.send(opMsgRaw(frame));
  expect(await raw.closedWithin(5000)).toBe(true);
  expect(await mongo.current.db().command({ ping: 1 })).toMatchObject({ ok: 1 });
});
