import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dkimHandoff, dkimKeyRecordValue } from "../../src/dkim/handoff.js";
import { createDkimDns } from "../../src/dns/dkimDns.js";
import { createRfc2136Publisher, type Rfc2136PublishSettings } from "../../src/dns/rfc2136.js";
import type { PublishedRecord } from "../../src/dns/types.js";
import { ByodkimError } from "../../src/errors.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { type NamedServer, namedMissing, startNamed } from "../support/namedServer.js";

if (namedMissing) console.warn(`${namedMissing}: the RFC 2136 tests against a real named are skipped`);

/** Everything an operator or a log could see of an error, in both languages. */
const everythingSaid = (err: ByodkimError) =>
  [
    ...(["en", "ja"] as const).flatMap((lang) => [createTranslator(lang)(err.what), err.hint ? createTranslator(lang)(err.hint) : ""]),
    err.message,
    err.detail ?? "",
    err.stack ?? "",
    JSON.stringify(err),
    inspect(err, { depth: 5 }),
  ].join("\n");

const caught = async (work: Promise<unknown>): Promise<ByodkimError> => {
  const err = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(err).toBeInstanceOf(ByodkimError);
  return err as ByodkimError;
};

const dkimValue = () => dkimKeyRecordValue(generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "der" }));

describe.skipIf(namedMissing !== undefined)("the RFC 2136 publisher, against a real named with a TSIG key", () => {
  let named: NamedServer;
  let settings: Rfc2136PublishSettings;
  const secrets = new Map<string, string>();
  const readSecret = async (secretId: string) => {
    const stored = secrets.get(secretId);
    if (stored === undefined) throw new Error(`no secret ${secretId}`);
    return stored;
  };
  const lookup = () => createDkimDns({ servers: [named.address], setting: { kind: "flag" }, timeoutMs: 1000, tries: 1 });
  const txtAt = async (name: string) => {
    const [answer] = (await lookup().lookupTxtEverywhere(name)).answers;
    return answer?.answer;
  };

  beforeAll(async () => {
    named = await startNamed();
    secrets.set("byodkim/tsig", named.secret);
    secrets.set("byodkim/tsig-json", JSON.stringify({ secret: named.secret }));
    secrets.set("byodkim/tsig-wrong", Buffer.alloc(32, 7).toString("base64"));
    settings = { provider: "rfc2136", server: named.address, tsig: { keyName: named.keyName, algorithm: "hmac-sha256", secretId: "byodkim/tsig" } };
  }, 30_000);
  afterAll(async () => {
    await named?.stop();
  });

  it("publishes a 2048-bit DKIM TXT as its 255-byte strings and a CNAME in one update, and the server answers both", async () => {
    const value = dkimValue();
    const strings = dkimHandoff("s202612._domainkey.example.test", value).strings;
    expect(strings.length).toBeGreaterThan(1);
    const before = await named.serial();
    const publisher = createRfc2136Publisher(settings, readSecret);
    const publication = await publisher.publish("example.test", [
      { name: "s202612._domainkey.example.test", type: "TXT", strings },
      { name: "easy1._domainkey.example.test", type: "CNAME", target: "easy1.dkim.amazonses.com" },
    ]);
    await publisher.waitInSync(publication);

    expect(publication.zone).toBe("example.test");
    expect(publication.target).toBe(`${named.address} (example.test, TSIG ${named.keyName})`);
    expect(publication.changeId).toMatch(/^update id \d+ at \d{4}-\d\d-\d\dT/);
    expect(await txtAt("s202612._domainkey.example.test")).toEqual({ kind: "records", records: [strings] });
    expect(await lookup().lookupCnames(["easy1._domainkey.example.test"])).toEqual(["easy1.dkim.amazonses.com"]);
    // One UPDATE message: the serial moved by one, not once per record.
    expect(await named.serial()).toBe(before + 1);
  });

  it("replaces the record set: the revocation record is the only TXT left at the name", async () => {
    const publisher = createRfc2136Publisher({ ...settings, tsig: { ...settings.tsig, secretId: "byodkim/tsig-json" } }, readSecret);
    const name = "s202611._domainkey.example.test";
    await publisher.publish("example.test", [{ name, type: "TXT", strings: dkimHandoff(name, dkimValue()).strings }]);
    await publisher.publish("example.test", [{ name, type: "TXT", strings: ["v=DKIM1; k=rsa; p="] }]);
    expect(await txtAt(name)).toEqual({ kind: "records", records: [["v=DKIM1; k=rsa; p="]] });
  });

  it("refuses with a wrong TSIG secret (BADSIG), changes nothing, and never says the secret", async () => {
    const name = "s202610._domainkey.example.test";
    const kept: PublishedRecord = { name, type: "TXT", strings: ["v=DKIM1; k=rsa; p=KEPT"] };
    await createRfc2136Publisher(settings, readSecret).publish("example.test", [kept]);
    const serial = await named.serial();

    const wrong = createRfc2136Publisher({ ...settings, tsig: { ...settings.tsig, secretId: "byodkim/tsig-wrong" } }, readSecret);
    const err = await caught(wrong.publish("example.test", [{ name, type: "TXT", strings: ["v=DKIM1; k=rsa; p=OTHER"] }]));

    expect(err.what.key).toBe("rfc2136.badSig");
    expect(err.hint?.key).toBe("rfc2136.badSig.hint");
    expect(createTranslator("en")(err.what)).toBe(`${named.address} did not accept the signature of TSIG key ${named.keyName} (BADSIG); nothing was changed`);
    expect(createTranslator("ja")(err.hint!)).toContain("byodkim/tsig-wrong");
    expect(await txtAt(name)).toEqual({ kind: "records", records: [["v=DKIM1; k=rsa; p=KEPT"]] });
    expect(await named.serial()).toBe(serial);
    const said = everythingSaid(err);
    expect(said).not.toContain(named.secret);
    expect(said).not.toContain(secrets.get("byodkim/tsig-wrong"));
  });

  it("hands nsupdate the secret on its standard input only: never in its argv or its environment", async () => {
    const started: { command: string; args: readonly string[]; env: unknown }[] = [];
    const watched = ((command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv }) => {
      started.push({ command, args, env: options.env });
      return spawn(command, args, options);
    }) as unknown as typeof spawn;
    const publisher = createRfc2136Publisher(settings, readSecret, { spawnProcess: watched });
    await publisher.publish("example.test", [{ name: "s202609._domainkey.example.test", type: "TXT", strings: ["v=DKIM1; k=rsa; p=SEEN"] }]);
    expect(await txtAt("s202609._domainkey.example.test")).toEqual({ kind: "records", records: [["v=DKIM1; k=rsa; p=SEEN"]] });
    expect(started).toHaveLength(1);
    expect(started[0]!.command).toBe("nsupdate");
    expect(JSON.stringify(started)).not.toContain(named.secret);
    expect(Object.keys(started[0]!.env as object).sort()).toEqual(["LC_ALL", "PATH"]);
  });

  it("names a key the server does not know (BADKEY)", async () => {
    const unknown = createRfc2136Publisher({ ...settings, tsig: { ...settings.tsig, keyName: "no-such-key" } }, readSecret);
    const err = await caught(unknown.publish("example.test", [{ name: "x._domainkey.example.test", type: "TXT", strings: ["v=DKIM1; p="] }]));
    expect(err.what).toEqual({ key: "rfc2136.badKey", params: { server: named.address, keyName: "no-such-key", algorithm: "hmac-sha256" } });
    expect(everythingSaid(err)).not.toContain(named.secret);
  });

  it("says NOTZONE for records outside the configured zone, and changes nothing", async () => {
    const serial = await named.serial();
    const publisher = createRfc2136Publisher({ ...settings, zone: "example.test" }, readSecret);
    const err = await caught(publisher.publish("other.test", [{ name: "s1._domainkey.other.test", type: "TXT", strings: ["v=DKIM1; p="] }]));
    expect(err.what).toEqual({ key: "rfc2136.notZone", params: { domain: "other.test", zone: "example.test" } });
    expect(createTranslator("ja")(err.what)).toBe("other.test のレコードはゾーン example.test に含まれていません（NOTZONE）。何も変更されていません");
    expect(await named.serial()).toBe(serial);
  });

  it("says NOTAUTH when the server is not the zone's (the identity's domain is not a zone there)", async () => {
    const err = await caught(
      createRfc2136Publisher(settings, readSecret).publish("mail.other.test", [
        { name: "s1._domainkey.mail.other.test", type: "TXT", strings: ["v=DKIM1; p="] },
      ]),
    );
    expect(err.what).toEqual({ key: "rfc2136.notAuth", params: { server: named.address, zone: "mail.other.test" } });
  });

  it("says REFUSED for a name the zone's update-policy does not grant the key", async () => {
    const err = await caught(createRfc2136Publisher(settings, readSecret).publish("example.test", [{ name: "www.example.test", type: "TXT", strings: ["x"] }]));
    expect(err.what).toEqual({ key: "rfc2136.refused", params: { server: named.address, zone: "example.test" } });
    expect(createTranslator("en")(err.hint!)).toContain(`grant key ${named.keyName} TXT and CNAME under _domainkey.example.test`);
  });

  it("refuses a secret that holds neither a base64 TSIG secret nor JSON with one, without echoing it", async () => {
    const canary = `not-a-tsig-secret-${named.secret}`;
    secrets.set("byodkim/garbled", canary);
    const err = await caught(
      createRfc2136Publisher({ ...settings, tsig: { ...settings.tsig, secretId: "byodkim/garbled" } }, readSecret).publish("example.test", [
        { name: "x._domainkey.example.test", type: "TXT", strings: ["v=DKIM1; p="] },
      ]),
    );
    expect(err.what).toEqual({ key: "rfc2136.badSecret", params: { secretId: "byodkim/garbled" } });
    expect(err.kind).toBe("config");
    expect(everythingSaid(err)).not.toContain(named.secret);
  });
});

describe("the RFC 2136 publisher where nothing answers or nsupdate is missing", () => {
  const readSecret = async () => Buffer.alloc(32, 1).toString("base64");
  const settings = (server: string): Rfc2136PublishSettings => ({
    provider: "rfc2136",
    server,
    tsig: { keyName: "byodkim-key", algorithm: "hmac-sha256", secretId: "byodkim/tsig" },
  });
  const record: PublishedRecord = { name: "s1._domainkey.example.test", type: "TXT", strings: ["v=DKIM1; p="] };

  it("says what to install when nsupdate is not there", async () => {
    const publisher = createRfc2136Publisher(settings("127.0.0.1:53"), readSecret, { nsupdate: "/nonexistent/nsupdate" });
    const err = await caught(publisher.publish("example.test", [record]));
    expect(err.what.key).toBe("rfc2136.noNsupdate");
    expect(createTranslator("en")(err.hint!)).toContain("apt-get install bind9-dnsutils");
    expect(createTranslator("ja")(err.hint!)).toContain("apt-get install bind9-dnsutils");
  });

  describe.skipIf(namedMissing !== undefined)("with nsupdate installed", () => {
    let silent: Socket;
    beforeAll(async () => {
      silent = createSocket("udp4");
      await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
    });
    afterAll(() => silent?.close());

    it("says the primary did not answer when the update times out (a server that reads and never replies)", async () => {
      const { port } = silent.address();
      const publisher = createRfc2136Publisher(settings(`127.0.0.1:${port}`), readSecret, { timeoutSeconds: 1 });
      const err = await caught(publisher.publish("example.test", [record]));
      expect(err.what.key).toBe("rfc2136.unreachable");
      expect(err.what.params).toMatchObject({ server: `127.0.0.1:${port}` });
      expect(createTranslator("en")(err.hint!)).toContain("byodkim tick example.test");
    }, 30_000);
  });
});
