import type { Command } from "../server-context";

export const ping: Command = { name: "ping", inTransaction: false, run: () => ({ ok: 1 }) };
