import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { captureIo } from "../support/captureIo.js";
import { rehearsal } from "../support/rehearsal.js";

const DOMAIN = SANDBOX_DEFAULTS.domain;
const DAYS = 70;

interface TickDocument {
  readonly outcome: string;
  readonly exitCode: number;
  readonly identities: readonly { readonly domain: string; readonly decision: string; readonly reason: { readonly code: string } }[];
}

/**
 * A year in a minute: the unattended sandbox (Route 53 of its own, rotation.auto, journals mirrored
 * to S3) and `tick --all` once a simulated day for 70 days, each tick a fresh composition root as a
 * scheduler's fresh process is, over real HTTP and real UDP DNS. No person answers anything.
 */
describe("tick across 70 simulated days against the sandbox", () => {
  it("rotates twice with nobody in the loop, never leaves SES signing with a key whose record is gone, reads SES once on idle days, and needs a person the day a publish is refused", async () => {
    const r = await rehearsal({ scenario: "unattended", route53PendingPolls: 0 });
    // The SDK reads its endpoint and credentials from the process's environment, as in a container.
    Object.assign(process.env, r.box.env, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
    const env = { ...r.box.env, BYODKIM_CONFIG: r.box.configPath, BYODKIM_JOURNAL_DIR: r.journalDir };
    const identity = r.identity();
    const recordAt = (selector: string) =>
      r.box.world.nameservers.map((records) =>
        records
          .filter((record) => record.type === "TXT" && record.name.toLowerCase() === `${selector}._domainkey.${DOMAIN}`)
          .map((record) => (Array.isArray(record.data) ? record.data.join("") : String(record.data))),
      );
    const liveOnEveryNameserver = (selector: string) => recordAt(selector).every((values) => values.length === 1 && /p=MII/.test(values[0]!));
    const revokedOnEveryNameserver = (selector: string) => recordAt(selector).every((values) => values.length === 1 && /p=$/.test(values[0]!));

    const days: { day: number; decision: string; reason: string; exitCode: number; sesReads: string[] }[] = [];
    let refusedDay: number | undefined;
    let armed = false;
    for (let day = 0; day < DAYS; day++) {
      if (day > 0) r.advanceClock(1);
      // Once the first cycle is over, Route 53 refuses byodkim's next change once: the second key's publish.
      if (!armed && days.some((seen) => seen.decision === "retire")) {
        await r.injectFault("ChangeResourceRecordSets", "access-denied,times=1");
        armed = true;
      }
      const from = r.box.world.log.length;
      const io = captureIo(env);
      const code = await run(["tick", "--all", "--json"], io);
      const document = JSON.parse(io.out()) as TickDocument;
      expect(document.exitCode).toBe(code);
      const [only] = document.identities;
      expect(only?.domain).toBe(DOMAIN);
      const sesReads = r.box.world.log
        .slice(from)
        .filter((entry) => entry.service === "ses")
        .map((entry) => entry.operation);
      days.push({ day, decision: only!.decision, reason: only!.reason.code, exitCode: code, sesReads });
      if (refusedDay === undefined && r.box.world.log.slice(from).some((entry) => entry.operation === "ChangeResourceRecordSets" && entry.status >= 400)) {
        refusedDay = day;
      }

      // Whatever the day, SES signs with a key whose record every nameserver serves.
      const signing = identity.dkim.tokens[0]!;
      expect(identity.dkim).toMatchObject({ origin: "EXTERNAL", status: "SUCCESS", signingEnabled: true });
      expect(liveOnEveryNameserver(signing), `day ${day}: ${signing} signs but its record is not served everywhere`).toBe(true);
    }

    const steps = days.filter((seen) => seen.decision !== "nothing");
    const decisions = steps.map((seen) => seen.decision);
    // Two full cycles at least: keygen (published), rotate once it answers, retire after the grace period.
    const cycle = ["keygen", "rotate", "retire"];
    const firstCycles = decisions.filter((decision) => decision !== "publish" && decision !== "needsPerson").slice(0, 6);
    expect(firstCycles).toEqual([...cycle, ...cycle]);

    // The refused publish: that day needs a person (exit 1), the next tick publishes again, and the cycle goes on.
    expect(refusedDay).toBeDefined();
    const refused = days[refusedDay!]!;
    expect(refused).toMatchObject({ decision: "keygen", exitCode: 1 });
    expect(days[refusedDay! + 1]).toMatchObject({ decision: "publish", exitCode: 0 });
    // Every other day ends 0: nothing to do, or a step went well.
    expect(days.filter((seen) => seen.day !== refusedDay).every((seen) => seen.exitCode === 0)).toBe(true);

    // An idle day asks SES one thing: the identity.
    const idle = days.filter((seen) => seen.decision === "nothing");
    expect(idle.length).toBeGreaterThan(50);
    for (const seen of idle) expect(seen.sesReads, `day ${seen.day}`).toEqual(["GetEmailIdentity"]);

    // Each retired selector's record says revoked; the one SES signs with is live.
    const history = r.state()["byodkim_keys"] as Record<string, { status: string }>;
    const retired = Object.entries(history)
      .filter(([, entry]) => entry.status === "retired")
      .map(([selector]) => selector);
    expect(retired.length).toBeGreaterThanOrEqual(2);
    for (const selector of retired) expect(revokedOnEveryNameserver(selector), selector).toBe(true);

    // The records stayed off the machine: every step's journal is in the journal bucket.
    const mirrored = [...(r.box.world.buckets.get(SANDBOX_DEFAULTS.journalBucket)?.keys() ?? [])];
    for (const command of ["keygen", "rotate", "retire", "publish"])
      expect(
        mirrored.some((key) => key.includes(`-${command}-`)),
        command,
      ).toBe(true);
  }, 300_000);
});
