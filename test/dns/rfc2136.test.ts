import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { type NsupdateRequest, nsupdateScript, readOutcome } from "../../src/dns/nsupdate.js";
import { createRfc2136Publisher } from "../../src/dns/rfc2136.js";
import { fetchTsigSecret, parseTsigAlgorithm, readTsigSecret, TsigSecret } from "../../src/dns/tsigKey.js";
import { ByodkimError, byodkimError } from "../../src/errors.js";
import { createTranslator } from "../../src/messages/catalogue.js";

const SECRET = Buffer.alloc(32, 9).toString("base64");

const thrown = (work: () => unknown): ByodkimError => {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(ByodkimError);
    return err as ByodkimError;
  }
  throw new Error("did not throw");
};

describe("the TSIG algorithm in dns.publish.tsig.algorithm", () => {
  it.each([
    ["", "hmac-sha256"],
    ["hmac-sha256", "hmac-sha256"],
    ["HMAC-SHA512", "hmac-sha512"],
    ["hmac-sha384.", "hmac-sha384"],
    ["hmac-sha224", "hmac-sha224"],
    ["hmac-sha1", "hmac-sha1"],
  ])("reads %j as %s", (value, algorithm) => {
    expect(parseTsigAlgorithm(value)).toBe(algorithm);
  });

  it.each(["hmac-md5", "gss-tsig", "hmac-sha256-128", "sha256"])("refuses %s, naming the ones it signs with", (value) => {
    const err = thrown(() => parseTsigAlgorithm(value));
    expect(err.kind).toBe("config");
    expect(createTranslator("en")(err.hint!)).toBe(
      "write one of hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1 (RFC 8945), the same as the key's algorithm line on the DNS server",
    );
  });
});

describe("the TSIG secret as Secrets Manager holds it", () => {
  it.each([
    ["the base64 secret alone", SECRET],
    ["with the newline an editor leaves", `${SECRET}\n`],
    ["JSON with a secret field", JSON.stringify({ secret: SECRET })],
    ["JSON with more fields", JSON.stringify({ secret: SECRET, keyName: "byodkim-key" })],
  ])("reads %s", (_, stored) => {
    expect(readTsigSecret(stored, "byodkim/tsig").revealBase64()).toBe(SECRET);
  });

  it.each([
    ["empty", ""],
    ["not base64", "correct horse battery staple"],
    ["JSON without a secret", JSON.stringify({ key: SECRET })],
    ["JSON with a number", JSON.stringify({ secret: 42 })],
    ["broken JSON", `{"secret": "${SECRET}"`],
    ["a named.conf key block", `key "k" { algorithm hmac-sha256; secret "${SECRET}"; };`],
  ])("refuses %s by the secret's id, never by its content", (_, stored) => {
    const err = thrown(() => readTsigSecret(stored, "byodkim/tsig"));
    expect(err.what).toEqual({ key: "rfc2136.badSecret", params: { secretId: "byodkim/tsig" } });
    for (const lang of ["en", "ja"] as const) {
      expect(createTranslator(lang)(err.what)).not.toContain(SECRET);
      expect(createTranslator(lang)(err.hint!)).not.toContain(SECRET);
    }
  });

  it("says there is no such secret when the reader finds none, and keeps the reader's own error", async () => {
    const missing = await fetchTsigSecret(async () => null, "byodkim/tsig").catch((err: unknown) => err);
    expect(missing).toBeInstanceOf(ByodkimError);
    expect((missing as ByodkimError).what).toEqual({ key: "rfc2136.noSecret", params: { secretId: "byodkim/tsig" } });
    const denied = byodkimError("aws", "aws.secretNotText", { resource: "byodkim/tsig" }, "aws.secretNotText.hint");
    await expect(fetchTsigSecret(async () => Promise.reject(denied), "byodkim/tsig")).rejects.toBe(denied);
    const other = await fetchTsigSecret(async () => Promise.reject(new Error(`network said ${SECRET}`)), "byodkim/tsig").catch((err: unknown) => err);
    expect((other as ByodkimError).what).toEqual({ key: "rfc2136.secretUnreadable", params: { secretId: "byodkim/tsig" } });
  });

  it("does not print itself: String, JSON and inspect give a redaction", () => {
    const secret = new TsigSecret(SECRET);
    expect(`${secret}`).toBe("[TSIG secret redacted]");
    expect(JSON.stringify({ secret })).toBe('{"secret":"[TSIG secret redacted]"}');
    expect(inspect({ secret })).not.toContain(SECRET);
  });
});

describe("the nsupdate script", () => {
  const request = (records: NsupdateRequest["records"]): NsupdateRequest => ({
    server: { host: "192.0.2.53", port: 5353 },
    zone: "example.test",
    keyName: "byodkim-key",
    algorithm: "hmac-sha512",
    secret: new TsigSecret(SECRET),
    records,
    ttlSeconds: 300,
  });

  it("deletes each name's record set of its type and adds the new one, all under one send", () => {
    const script = nsupdateScript(
      request([
        { name: "s1._domainkey.example.test", type: "TXT", strings: ["v=DKIM1; k=rsa; ", "p=AB"] },
        { name: "e1._domainkey.example.test", type: "CNAME", target: "e1.dkim.amazonses.com" },
      ]),
    );
    expect(script.split("\n")).toEqual([
      "server 192.0.2.53 5353",
      "zone example.test.",
      `key hmac-sha512:byodkim-key. ${SECRET}`,
      "update delete s1._domainkey.example.test. TXT",
      'update add s1._domainkey.example.test. 300 TXT "v=DKIM1; k=rsa; " "p=AB"',
      "update delete e1._domainkey.example.test. CNAME",
      "update add e1._domainkey.example.test. 300 CNAME e1.dkim.amazonses.com.",
      "send",
      "answer",
      "",
    ]);
  });

  it("escapes a TXT string so it cannot end its line and start another command", () => {
    const script = nsupdateScript(request([{ name: "s1._domainkey.example.test", type: "TXT", strings: ['a"b\\c\nsend\nupdate delete example.test. A'] }]));
    expect(script).toContain('300 TXT "a\\"b\\\\c\\010send\\010update delete example.test. A"\nsend\n');
    expect(script.split("\n").filter((line) => line === "send")).toHaveLength(1);
  });
});

describe("what nsupdate said, read", () => {
  it.each([
    ["NOERROR", 0, ";; ->>HEADER<<- opcode: UPDATE, status: NOERROR, id:   2102\n", "", { kind: "applied", messageId: "2102" }],
    ["REFUSED", 2, "", "update failed: REFUSED\n", { kind: "rejected", rcode: "REFUSED", tsigError: undefined }],
    [
      "BADSIG",
      2,
      "",
      "; TSIG error with server: tsig indicates error\nupdate failed: NOTAUTH(BADSIG)\n",
      { kind: "rejected", rcode: "NOTAUTH", tsigError: "BADSIG" },
    ],
    ["NOTZONE", 2, "", "update failed: NOTZONE\n", { kind: "rejected", rcode: "NOTZONE", tsigError: undefined }],
    ["a timeout", 2, "", "; Communication with 192.0.2.53#53 failed: timed out\n", { kind: "unreachable", reason: "timed out" }],
    ["nobody listening", 2, "", "; Communication with 127.0.0.1#53 failed: connection refused\n", { kind: "unreachable", reason: "connection refused" }],
    ["a name with no address", 2, "", "couldn't get address for 'ns1.nowhere.test': not found\n", { kind: "unreachable" }],
    ["anything else", 1, "", "syntax error\n", { kind: "failed", said: "syntax error" }],
  ] as const)("reads %s", (_, code, stdout, stderr, outcome) => {
    expect(readOutcome(code, null, stdout, stderr)).toMatchObject(outcome);
  });
});

describe("createRfc2136Publisher's checks of the config, before anything is sent", () => {
  const settings = { provider: "rfc2136" as const, server: "192.0.2.53", tsig: { keyName: "byodkim-key", algorithm: "hmac-sha256", secretId: "byodkim/tsig" } };
  const never = async (): Promise<string> => {
    throw new Error("the secret is read at publish, not at creation");
  };

  it("takes host or host:port for the primary", () => {
    expect(createRfc2136Publisher(settings, never).provider).toBe("rfc2136");
    expect(createRfc2136Publisher({ ...settings, server: "ns1.example.test:5353" }, never).provider).toBe("rfc2136");
    const err = thrown(() => createRfc2136Publisher({ ...settings, server: "ns1 example" }, never));
    expect(err.what).toEqual({ key: "rfc2136.badServer", params: { value: "ns1 example" } });
  });

  it("refuses a key name or zone that is not a DNS name", () => {
    expect(thrown(() => createRfc2136Publisher({ ...settings, tsig: { ...settings.tsig, keyName: "key\nsend" } }, never)).what.key).toBe("rfc2136.badName");
    expect(thrown(() => createRfc2136Publisher({ ...settings, zone: 'example.test"' }, never)).what.key).toBe("rfc2136.badName");
  });

  it("refuses an algorithm no RFC 8945 server shares with it", () => {
    expect(thrown(() => createRfc2136Publisher({ ...settings, tsig: { ...settings.tsig, algorithm: "hmac-md5" } }, never)).what.key).toBe(
      "rfc2136.badAlgorithm",
    );
  });
});
