import { createPrivateKey } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { parseBindTxtLine, parseZoneFileRecord } from "../../src/dkim/handoff.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { gatesOf, rehearsal } from "../support/rehearsal.js";
import { leakedCanaries } from "../support/sandboxKey.js";

const OLD = SANDBOX_DEFAULTS.selector;
const { domain, bucket, keyTemplate } = SANDBOX_DEFAULTS;

/** The private runs of a PEM key the sandbox holds: the second half of its body, and of its DER. */
function canariesOf(pem: string): string[] {
  const body = pem.split("\n").filter((line) => line.length > 0 && !line.startsWith("-----"));
  const der = createPrivateKey(pem).export({ type: "pkcs1", format: "der" }).toString("base64");
  return [...body.slice(Math.ceil(body.length / 2), -1), der.slice(800, 860), der.slice(-120, -60)];
}

describe("the monthly key rotation, end to end against the sandbox", () => {
  it("keygen → the DNS team publishes the zone line → precheck → rotate → verify → rollback → rotate → retire after the grace period", async () => {
    const r = await rehearsal({ scenario: "already-enabled" });
    const out = mkdtempSync(join(tmpdir(), "byodkim-handoff-"));

    // 1. keygen: the key goes to S3 only; the record comes out as the DNS team's files.
    const made = await r.byodkim(["keygen", "--out", out, "--yes", "--json"]);
    expect(made.code, made.stdout + made.stderr).toBe(0);
    const keygen = JSON.parse(made.stdout);
    const selector: string = keygen.selector;
    expect(selector).toMatch(/^gooid-21-pro-\d{8}-1$/);
    expect(keygen).toMatchObject({ outcome: "completed", calls: [{ name: "PutObject", outcome: "ok" }] });
    expect(r.sesMutations()).toEqual([]);
    const newPem = r.box.world.buckets
      .get(bucket)!
      .get(privateKeyObjectKey(keyTemplate, domain, selector))!
      .toString();
    expect(newPem).toContain("-----BEGIN PRIVATE KEY-----");
    expect(r.state()["byodkim_keys"]).toMatchObject({ [selector]: { status: "created", bits: 2048, fingerprint: keygen.plan.details.publicKeyFingerprint } });
    const files = readdirSync(out).sort();
    expect(files).toEqual([`${selector}._domainkey.${domain}.route53.json`, `${selector}._domainkey.${domain}.txt`, `${selector}._domainkey.${domain}.zone`]);
    const handoffText = files.map((name) => readFileSync(join(out, name), "utf8")).join("\n");
    expect(
      leakedCanaries(
        [
          made.stdout,
          made.stderr,
          handoffText,
          r
            .journalEntries()
            .map((e) => JSON.stringify(e))
            .join("\n"),
          JSON.stringify(r.state()),
        ].join("\n"),
        canariesOf(newPem),
      ),
    ).toEqual([]);

    // 2. The DNS team publishes exactly the zone-file line keygen wrote, through the sandbox's own admin endpoint.
    const zoneFile = readFileSync(join(out, `${selector}._domainkey.${domain}.zone`), "utf8");
    const zoneLine = parseZoneFileRecord(zoneFile);
    // The value file is what a console that splits the value itself takes: the joined strings, nothing more.
    expect(readFileSync(join(out, `${selector}._domainkey.${domain}.txt`), "utf8")).toBe(keygen.handoff.value);
    expect(zoneLine?.name).toBe(`${selector}._domainkey.${domain}`);
    expect(zoneLine!.strings.every((text) => Buffer.byteLength(text) <= 255)).toBe(true);
    const published = await fetch(`${r.box.endpoint}/_sandbox/dns`, {
      method: "POST",
      body: JSON.stringify({ name: zoneLine!.name, type: "TXT", data: zoneLine!.strings }),
    });
    expect(published.status).toBe(200);

    // 3. precheck of the new selector passes.
    const checked = await r.byodkim(["precheck", "--selector", selector, "--json"]);
    expect(checked.code, checked.stdout).toBe(0);

    // 4. rotate: one call, the wait, the record; the old selector starts its grace period.
    const rotated = await r.byodkim(["rotate", "--yes", "--json"]);
    expect(rotated.code, rotated.stdout + rotated.stderr).toBe(0);
    expect(JSON.parse(rotated.stdout)).toMatchObject({ outcome: "completed", plan: { details: { from: OLD, to: selector } } });
    expect(r.sesMutations()).toEqual(["PutEmailIdentityDkimSigningAttributes:200"]);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", tokens: [selector], status: "SUCCESS", signingEnabled: true });
    expect(r.state()).toMatchObject({ current_phase: "7", selector, previous_selector: OLD, rotated_by: r.box.world.callerArn });
    expect(r.state()["byodkim_keys"]).toMatchObject({ [selector]: { status: "active" }, [OLD]: { status: "retiring" } });

    // 5. verify passes with the new selector (taken from the state record).
    const verified = await r.byodkim(["verify", "--json"]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(JSON.parse(verified.stdout).selector).toBe(selector);

    // 6. rollback --to previous returns to the old selector; BYODKIM stays on.
    const rolledBack = await r.byodkim(["rollback", "--to", "previous", "--yes", "--json"]);
    expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", tokens: [OLD], signingEnabled: true });
    expect(r.state()).toMatchObject({ current_phase: "7", selector: OLD, byodkim_enabled: true });

    // 7. rotate again.
    const again = await r.byodkim(["rotate", "--to", selector, "--yes", "--json"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(r.identity().dkim.tokens).toEqual([selector]);

    // 8. retire the old selector: refused inside the grace period, nothing changed …
    const tooSoon = await r.byodkim(["retire", OLD, "--yes", "--json"]);
    expect(tooSoon.code).toBe(1);
    const refusal = JSON.parse(tooSoon.stdout);
    expect(refusal.outcome).toBe("gatesFailed");
    expect(refusal.gates.find((gate: { id: string }) => gate.id === "grace")).toMatchObject({ status: "fail", code: "gate.grace.tooSoon" });
    expect(r.state()["byodkim_keys"]).toMatchObject({ [OLD]: { status: "retiring" } });

    // … and allowed once it is over (the state as it will read 8 days on), printing the revocation record.
    r.ageState(8);
    const retired = await r.byodkim(["retire", OLD, "--yes", "--json"]);
    expect(retired.code, retired.stdout + retired.stderr).toBe(0);
    const document = JSON.parse(retired.stdout);
    expect(document).toMatchObject({ outcome: "completed", calls: [{ name: "PutObjectTagging", outcome: "ok" }] });
    expect(document.handoff).toMatchObject({ name: `${OLD}._domainkey.${domain}`, value: "v=DKIM1; k=rsa; p=" });
    expect(document.handoff.bindLine).toBe(`${OLD}._domainkey.${domain}. 3600 IN TXT ( "v=DKIM1; k=rsa; p=" )`);
    expect(r.state()["byodkim_keys"]).toMatchObject({ [OLD]: { status: "retired" } });
    const text = await r.byodkim(["retire", OLD, "--yes"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${OLD}._domainkey.${domain}. 3600 IN TXT ( "v=DKIM1; k=rsa; p=" )`);
    expect(text.stdout).toContain("already retired");

    // Another 8 days on, the DNS team has not revoked the record yet: precheck and verify warn, naming the record to publish …
    r.ageState(8);
    const unrevoked = await r.byodkim(["precheck", "--json"]);
    expect(unrevoked.code).toBe(0);
    expect(gatesOf(unrevoked.stdout).find((gate) => gate.id === "revocation")).toMatchObject({ status: "warn", code: "gate.revocation.warn" });
    const verifyWarns = await r.byodkim(["verify"]);
    expect(verifyWarns.stdout).toContain(`${OLD}._domainkey.${domain}. 3600 IN TXT ( "v=DKIM1; k=rsa; p=" )`);
    // … until it publishes exactly the revocation record retire printed.
    const revocation = parseBindTxtLine(document.handoff.bindLine)!;
    await fetch(`${r.box.endpoint}/_sandbox/dns`, { method: "POST", body: JSON.stringify({ name: revocation.name, type: "TXT", data: revocation.strings }) });
    const revoked = await r.byodkim(["precheck", "--json"]);
    expect(gatesOf(revoked.stdout).find((gate) => gate.id === "revocation")).toMatchObject({ status: "pass" });
  });
});
