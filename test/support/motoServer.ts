import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

/** moto is an AWS emulator nobody here wrote; the tests that use it skip, with a message, where it is absent. */
export function motoAvailable(what: string): boolean {
  const present = spawnSync("sh", ["-c", "command -v moto_server"], { encoding: "utf8" }).status === 0;
  if (!present) process.stderr.write(`[moto] moto_server is not on PATH: ${what} is skipped\n`);
  return present;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForMoto(endpoint: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("moto_server did not start within 30 s");
}

/** A moto_server of its own on a free port, ready to answer. */
export async function startMoto(): Promise<{ endpoint: string; stop(): void }> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  await waitForMoto(endpoint);
  return { endpoint, stop: () => void moto.kill() };
}
