/** The first line a child process prints (a bench server's setup JSON, a database's connection string). */
export async function firstLine(stdout: ReadableStream<Uint8Array>, whoExited: string): Promise<string> {
  const reader = stdout.getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(whoExited);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return text.slice(0, text.indexOf("\n"));
}
