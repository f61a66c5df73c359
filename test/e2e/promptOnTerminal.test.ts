import { spawn, spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { rehearsal } from "../support/rehearsal.js";
import { BIN } from "../support/spawnCli.js";

/** util-linux's `script` gives the command a pseudo-terminal of its own: what a person at a terminal has. */
const hasScript = spawnSync("sh", ["-c", "command -v script"]).status === 0;

describe.runIf(hasScript)("the typed confirmation with stderr hidden (spawned in a pseudo-terminal, against the sandbox)", () => {
  it("asks on the terminal itself when stderr goes to /dev/null, and hears the answer", async () => {
    const r = await rehearsal();
    const shellWord = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
    const command = `${shellWord(process.execPath)} ${shellWord(BIN)} enable 2>/dev/null; echo "exit=$?"`;
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: dirname(r.box.configPath),
      env: { ...process.env, ...r.box.env, NO_COLOR: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    // A run left waiting at a question it never showed must not outlive the test.
    onTestFinished(() => void child.kill("SIGKILL"));
    let screen = "";
    const waiting: { text: string; resolve: () => void }[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString();
      for (const waiter of waiting.filter(({ text }) => screen.includes(text))) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    const seen = (text: string) => new Promise<void>((resolve) => (screen.includes(text) ? resolve() : waiting.push({ text, resolve })));
    const ended = new Promise<number | null>((resolve) => child.on("close", resolve));
    // Answered only once the question is on the screen: it can only have come through the terminal.
    await seen("Type the domain name (goo.ne.jp) to switch it to BYODKIM");
    child.stdin.write("goo.ne.j\r");
    await seen("exit=");
    child.stdin.end();
    await ended;
    expect(screen).toContain('Declined: you typed "goo.ne.j", expected "goo.ne.jp". Nothing was changed.');
    expect(screen).toContain("exit=3");
    expect(r.identity().dkim.origin).toBe("AWS_SES");
  });
});
