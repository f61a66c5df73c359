import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dkimHandoff, dkimKeyRecordValue } from "../../src/dkim/handoff.js";
import { writeHandoffFiles } from "../../src/engine/handoffFiles.js";

const name = "gooid-21-pro-20261204-1._domainkey.goo.ne.jp";

describe("the DNS team's value file", () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const value = dkimKeyRecordValue(publicKey.export({ type: "spki", format: "der" }));
  const ticket = mkdtempSync(join(tmpdir(), "byodkim-ticket-"));
  const written = writeHandoffFiles(ticket, dkimHandoff(name, value));
  const valueFile = join(ticket, `${name}.txt`);

  it("holds exactly the TXT value, byte for byte", () => {
    expect(written).toEqual({ files: [join(ticket, `${name}.zone`), join(ticket, `${name}.route53.json`), valueFile], warning: null });
    expect(readFileSync(valueFile, "utf8")).toBe(value);
  });

  it("publishes the right record when a script reads it with $(cat file)", () => {
    // The file's path and the expected value go in as arguments, so nothing here is quoted twice.
    const script = 'v=$(cat "$1"); [ "$v" = "$2" ]';
    expect(() => execFileSync("bash", ["-c", script, "check", valueFile, value])).not.toThrow();
    expect(() => execFileSync("bash", ["-c", script, "check", valueFile, `${value}x`])).toThrow();
  });

  it("carries the public key only, in every file", () => {
    const privateBase64 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    for (const path of written.files) expect(readFileSync(path, "utf8")).not.toContain(privateBase64.slice(100, 160));
  });
});
