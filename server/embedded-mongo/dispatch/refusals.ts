/**
 * Messages refused before any command runs:
 * - Legacy OP_QUERY carries only the connection handshake since MongoDB 6.0 (manual: "Legacy Opcodes"; 5.1
 *   removed OP_QUERY commands): `hello`/`isMaster` and the few old drivers still send before upgrading. Any
 *   other command is UnsupportedOpQueryCommand (352) with MongoDB's message, never run.
 * - A body holding invalid UTF-8 (a string or a field name, wire/field-names.ts): InvalidBSON (22), on a
 *   connection that stays open.
 */
import type { Document } from "bson";
import { MongoCommandError } from "../errors";
import { OpCode, type IncomingMessage } from "../wire/protocol";

const OP_QUERY_COMMANDS = new Set(["hello", "isMaster", "ismaster", "_isSelf", "authenticate", "buildinfo", "buildInfo", "saslContinue", "saslStart"]);

/** The error reply for a message that may not run, or undefined when it may. */
export function refuseMessage(message: IncomingMessage): Document | undefined {
  if (message.invalid !== undefined) return new MongoCommandError("InvalidBSON", message.invalid).toReply();
  if (message.opCode !== OpCode.OP_QUERY) return undefined;
  const name = Object.keys(message.command)[0] ?? "";
  if (OP_QUERY_COMMANDS.has(name)) return undefined;
  return new MongoCommandError(
    "UnsupportedOpQueryCommand",
    `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal`,
  ).toReply();
}
