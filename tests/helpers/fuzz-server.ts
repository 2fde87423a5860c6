/**
 * The embedded server in a process of its own, for the fuzz test: a hang there cannot freeze the test's event
 * loop (its deadlines keep running), a crash shows as the process exiting, and the server's own
 * `Object.prototype` is reported over IPC ("prototype" → its description) so pollution is seen where it
 * happens. Sends `{ port }` once it accepts connections.
 */
import { startEmbeddedMongo } from "../../server/embedded-mongo";
import { prototypeState } from "./prototype-state";

const server = await startEmbeddedMongo({ memory: true, enableTestCommands: true });
process.on("message", (message) => {
  if (message === "prototype") process.send?.({ prototype: prototypeState() });
});
process.send?.({ port: server.port });
