import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { KeygenResult } from "../../src/commands/keygen.js";
import { ExitCode } from "../../src/errors.js";
import { KEY_HISTORY_FIELD } from "../../src/state/keyHistory.js";
import { changeJson, renderChangeText, renderPlan } from "../../src/ui/renderChange.js";
import { renderHandoffText } from "../../src/ui/renderHandoff.js";
import { plainOutput } from "../support/plainOutput.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keygenIn } from "../support/keygenRun.js";

const key = generateTestKey(2048);
const out = plainOutput();

/** What keygen prints on stdout, as its command composes it: the plan, the result, then the record for the DNS team. */
const printed = (result: KeygenResult) =>
  (result.plan ? renderPlan(out, result.plan) : "") +
  renderChangeText(out, { ...result, dnsRecordsNeeded: [] }) +
  (result.handoff ? renderHandoffText(out, result.handoff, result.handoffFiles, result.outcome === "dryRun") : "");
const gatesJson = (result: KeygenResult) => (changeJson(out, result) as { gates: { id: string; status: string; code: string }[] }).gates;

describe("keygen's refusals and --out (in process, fakes)", () => {
  it("never overwrites: a keygen for a selector already in S3 exits 1 and writes nothing", async () => {
    const world = newWorld({ key });
    const result = await keygenIn(world, { selector: SELECTOR });
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    expect(world.keyObjects()).toEqual([]);
    expect(world.calls).not.toContain("PutObject");
  });

  it("refuses a selector the key history keeps after its key was retired and deleted, saying so, not that it is in S3", async () => {
    const world = newWorld({ key });
    const gone = "gooid-21-pro-20200101-1";
    const history = { status: "retired", retired_at: "2020-03-01T00:00:00.000Z", deleted_at: "2020-03-01T00:00:00.000Z" };
    world.setState({ ...world.state(), [KEY_HISTORY_FIELD]: { [gone]: history } });
    const result = await keygenIn(world, { selector: gone });
    expect(result.exitCode).toBe(ExitCode.checkFailed);
    expect(printed(result)).toContain(`selector ${gone} is in the key history (retired) though its key is no longer in S3`);
    expect(printed(result)).not.toContain("already in S3");
    expect(world.calls).not.toContain("PutObject");
  });

  it("--dry-run shows the plan and the record, and writes nothing: no object, no files", async () => {
    const world = newWorld({ key });
    const outDir = join(mkdtempSync(join(tmpdir(), "byodkim-out-")), "ticket");
    const result = await keygenIn(world, { dryRun: true, outDir });
    expect(result.exitCode).toBe(ExitCode.ok);
    expect(printed(result)).toContain("IN TXT (");
    expect(printed(result)).toContain("throwaway key");
    expect(world.calls).not.toContain("PutObject");
    expect(existsSync(outDir)).toBe(false);
  });

  it("refuses --out when a link is planted at a hand-off file's name in a shared ticket folder: exit 1 before any key is made, the link and its target untouched", async () => {
    const world = newWorld({ key });
    const ticket = mkdtempSync(join(tmpdir(), "byodkim-ticket-"));
    const selector = "gooid-21-pro-20991231-1";
    const theirs = join(ticket, "someone-elses-file");
    writeFileSync(theirs, "not yours\n");
    const planted = join(ticket, `${selector}._domainkey.${DOMAIN}.zone`);
    symlinkSync(theirs, planted);
    const result = await keygenIn(world, { selector, outDir: ticket });
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    expect(gatesJson(result).find((gate) => gate.id === "selector")).toMatchObject({ status: "fail", code: "gate.selector.handoffTaken" });
    expect(readFileSync(theirs, "utf8")).toBe("not yours\n");
    expect(lstatSync(planted).isSymbolicLink() && readlinkSync(planted)).toBe(theirs);
    expect(readdirSync(ticket).sort()).toEqual([`${selector}._domainkey.${DOMAIN}.zone`, "someone-elses-file"].sort());
    expect(world.calls).not.toContain("PutObject");
  });

  it("refuses --out when an earlier hand-off file has the next selector's name, saying which, and writes over nothing", async () => {
    const world = newWorld({ key });
    const ticket = mkdtempSync(join(tmpdir(), "byodkim-ticket-"));
    // The name keygen will choose without --selector, from a dry run: a throwaway key, nothing written.
    const { selector } = await keygenIn(world, { dryRun: true });
    const earlier = join(ticket, `${selector}._domainkey.${DOMAIN}.txt`);
    writeFileSync(earlier, "an earlier hand-off\n");
    const result = await keygenIn(world, { outDir: ticket });
    expect(result.exitCode).toBe(ExitCode.checkFailed);
    expect(printed(result)).toContain(`${earlier} is already there: keygen --out never writes over or through what is in the ticket folder`);
    expect(readFileSync(earlier, "utf8")).toBe("an earlier hand-off\n");
    expect(readdirSync(ticket)).toEqual([`${selector}._domainkey.${DOMAIN}.txt`]);
    expect(world.calls).not.toContain("PutObject");
  });

  it("asks y/N and changes nothing on no", async () => {
    const world = newWorld({ key });
    world.answer("n");
    const result = await keygenIn(world, { yes: false });
    expect(result.exitCode).toBe(ExitCode.declined);
    expect(world.calls).not.toContain("PutObject");
  });
});
