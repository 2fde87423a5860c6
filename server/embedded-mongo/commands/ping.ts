import type { Command } from "./context";

export const ping: Command = { name: "ping", inTransaction: false, run: () => ({ ok: 1 }) };
