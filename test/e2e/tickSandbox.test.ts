import { appendFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

interface TickDocument {
  outcome: string;
  exitCode: number;
  identities: {
    domain: string;
    decision: string;
    reason: { code: string; params: Record<string, string | number> };
    command: string | null;
    step: { outcome: string; handoffFiles: string[] } | null;
  }[];
}

const { domain, selector: oldSelector } = SANDBOX_DEFAULTS;

/** An identity on BYODKIM whose key (dated 2025-09-17) is long overdue, with tick allowed to act (rotation.auto). */
async function overdueIdentity() {
  const r = await rehearsal({ scenario: "already-enabled" });
  appendFileSync(r.box.configPath, "rotation:\n  auto: true\n  dnsTimeoutDays: 3\n");
  const tick = async (...args: string[]) => {
    const result = await r.byodkim(["tick", domain, ...args]);
    return { ...result, document: args.includes("--json") ? (JSON.parse(result.stdout) as TickDocument) : undefined };
  };
  const age = async (days: number) => {
    const response = await fetch(`${r.box.endpoint}/_sandbox/age`, { method: "POST", body: JSON.stringify({ days }) });
    expect(response.status).toBe(200);
  };
  /** The DNS team's change: the hand-off's TXT value, in ≤255-byte strings, on every nameserver. */
  const publish = async (name: string, value: string) => {
    const data = value.match(/.{1,255}/g);
    const response = await fetch(`${r.box.endpoint}/_sandbox/dns`, { method: "POST", body: JSON.stringify({ name, type: "TXT", data }) });
    expect(response.status).toBe(200);
  };
  const sesReads = () => r.box.world.log.filter((entry) => entry.service === "ses" && entry.operation === "GetEmailIdentity").length;
  return { r, tick, age, publish, sesReads };
}

describe("byodkim tick against the sandbox (spawned, handoff)", () => {
  it("keygen → (the DNS team publishes) → rotate → (grace over) → retire, one step a tick, exit 0 throughout", async () => {
    const { r, tick, age, publish, sesReads } = await overdueIdentity();
    const out = mkdtempSync(join(tmpdir(), "byodkim-tick-out-"));

    const made = await tick("--out", out, "--json");
    expect(made.code, made.stderr).toBe(0);
    const keygen = made.document!.identities[0]!;
    expect(keygen).toMatchObject({ decision: "keygen", reason: { code: "keyDue" }, step: { outcome: "completed" } });
    const txtFile = keygen.step!.handoffFiles.find((file) => file.endsWith(".txt"))!;
    expect(existsSync(txtFile)).toBe(true);
    const keys = r.state()["byodkim_keys"] as Record<string, { status: string }>;
    const newSelector = Object.keys(keys).find((selector) => keys[selector]?.status === "created")!;
    expect(txtFile).toContain(`${newSelector}._domainkey.${domain}`);

    // Not published yet: an idle tick, reads only, one SES read.
    const readsBefore = sesReads();
    const waiting = await tick("--json");
    expect(waiting.code).toBe(0);
    expect(waiting.document).toMatchObject({ outcome: "nothingToDo", identities: [{ decision: "nothing", reason: { code: "waitingForDns" } }] });
    expect(sesReads() - readsBefore).toBe(1);
    expect(r.sesMutations()).toEqual([]);

    await publish(`${newSelector}._domainkey.${domain}`, readFileSync(txtFile, "utf8").trim());
    const rotated = await tick("--json");
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.document!.identities[0]).toMatchObject({ decision: "rotate", reason: { code: "recordAnswers" }, step: { outcome: "completed" } });
    expect(r.identity().dkim.tokens).toEqual([newSelector]);
    // The old record is still there through the grace period: nothing unsigned, nothing revoked.
    expect((await tick("--json")).document!.identities[0]).toMatchObject({ decision: "nothing", reason: { code: "notDue" } });

    await age(8);
    const retired = await tick();
    expect(retired.code, retired.stderr).toBe(0);
    expect(retired.stdout.split("\n")[0]).toMatch(/^Progressed/);
    expect(retired.stdout).toContain(`retire: ${oldSelector}'s grace period ended`);
    expect((r.state()["byodkim_keys"] as Record<string, { status: string }>)[oldSelector]?.status).toBe("retired");

    const idle = await tick("--json");
    expect(idle.document).toMatchObject({ outcome: "nothingToDo", exitCode: 0 });
  });

  it("exits 1 with the reason on the first line when the record does not answer dnsTimeoutDays after keygen; the command it names runs as printed", async () => {
    const { r, tick, age } = await overdueIdentity();
    expect((await tick()).code).toBe(0);
    await age(3);
    const late = await tick("--lang", "ja");
    expect(late.code).toBe(1);
    expect(late.stdout.split("\n")[0]).toMatch(/^担当者の対応が必要です：goo\.ne\.jp（ap-northeast-1）：鍵生成（.+）から 3 日経っても .+ のレコードが/);

    const english = await tick();
    expect(english.code).toBe(1);
    expect(english.stdout.split("\n")[0]).toMatch(
      /^A person is needed: goo\.ne\.jp \(ap-northeast-1\): the record of .+ still does not answer everywhere 3 days after keygen/,
    );
    const verify = printedCommand(english.stdout, "Type:");
    expect(verify.slice(0, 2)).toEqual(["verify", domain]);
    const ran = await r.byodkim(verify);
    // It runs and says what the person needs to see: the record not there (verify's own exit for a failed check).
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(verify[3]!);
  });
});
