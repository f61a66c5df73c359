import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAggregateXml } from "../../src/dmarc/aggregateReport.js";
import { readReportFile } from "../../src/dmarc/reportFile.js";
import { readReportFolder } from "../../src/dmarc/sources.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/dmarc/", import.meta.url));
const INBOX = join(FIXTURES, "inbox");
const source = (name: string) => readFileSync(join(FIXTURES, "sources", name), "utf8");

describe("reading receivers' aggregate reports", () => {
  it("reads every report of the inbox, whatever wraps it, and names the two files that are none", async () => {
    const read = await readReportFolder(INBOX);
    expect(read.reports.map((report) => [report.source.slice(INBOX.length + 1), report.org, report.records.length]).sort()).toEqual(
      [
        ["enterprise.protection.outlook.com!goo.ne.jp!1760745600!1760832000.xml.gz", "Outlook.com", 2],
        ["google.com!goo.ne.jp!1760486400!1760572799.zip!google.com!goo.ne.jp!1760486400!1760572799.xml", "google.com", 3],
        ["google.com!goo.ne.jp!1760745600!1760831999.zip!google.com!goo.ne.jp!1760745600!1760831999.xml", "google.com", 2],
        ["mx.example.net!goo.ne.jp!1760572800!1760659199.xml", "mx.example.net", 1],
        ["mx.example.net!news.goo.ne.jp!1760745600!1760831999.xml", "mx.example.net", 1],
        ["receiver.example.org!goo.ne.jp!1760616000!1760702400.xml", "receiver.example.org", 1],
        ["yahoo-report-1760832000.845613.eml!yahoo.com!goo.ne.jp!1760745600!1760831999.xml.gz", "Yahoo", 1],
        ["yahoo.com!goo.ne.jp!1760745600!1760831999.xml.gz", "Yahoo", 1],
      ].sort(),
    );
    expect(read.skipped.map((skip) => [skip.file.slice(INBOX.length + 1), skip.reason])).toEqual([
      ["README.txt", "notXml"],
      ["google.com!goo.ne.jp!1760400000!1760486399.xml", "notXml"],
    ]);
  });

  it("keeps the report id as written (twenty digits are no number) and the period as UTC", async () => {
    const report = await parseAggregateXml(source("google.com!goo.ne.jp!1760486400!1760572799.xml"), "g.xml");
    expect(report).toMatchObject({
      org: "google.com",
      reportId: "13620417985423679341",
      domain: "goo.ne.jp",
      begin: "2025-10-15T00:00:00.000Z",
      end: "2025-10-15T23:59:59.000Z",
    });
    expect(report.records.map((record) => record.count)).toEqual([1200, 30, 4]);
    expect(report.records[1]).toEqual({
      count: 30,
      sourceIp: "54.240.27.12",
      headerFrom: "goo.ne.jp",
      policyDkim: "fail",
      policySpf: "fail",
      dkim: [
        { domain: "goo.ne.jp", selector: "gooid-21-pro-20250917-3", result: "temperror" },
        { domain: "amazonses.com", selector: "224i4yxa5dv7c2xz3womw6peuasteono", result: "pass" },
      ],
    });
  });

  it("reads a default namespace, a prefixed one and none alike", async () => {
    const namespaced = await parseAggregateXml(readFileSync(join(INBOX, "mx.example.net!goo.ne.jp!1760572800!1760659199.xml"), "utf8"), "a");
    const prefixed = await parseAggregateXml(readFileSync(join(INBOX, "receiver.example.org!goo.ne.jp!1760616000!1760702400.xml"), "utf8"), "b");
    expect(namespaced.records[0]!.dkim.map((dkim) => dkim.selector)).toEqual(["gooid-21-pro-20250917-3", "224i4yxa5dv7c2xz3womw6peuasteono"]);
    expect(prefixed).toMatchObject({ org: "receiver.example.org", domain: "goo.ne.jp", records: [{ count: 10, policyDkim: "pass" }] });
  });

  it("takes a missing selector as unknown rather than skipping the signature", async () => {
    const report = await parseAggregateXml(source("yahoo.com!goo.ne.jp!1760745600!1760831999.xml"), "y");
    expect(report.records[0]!.dkim).toEqual([
      { domain: "goo.ne.jp", selector: "gooid-21-pro-20250917-3", result: "pass" },
      { domain: "amazonses.com", selector: null, result: "pass" },
    ]);
  });

  it("skips, with the reason and the element, XML that is no report or misses what a report must hold", async () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect((await readReportFile("rss.xml", bytes('<?xml version="1.0"?><rss><channel/></rss>'))).skipped).toEqual([
      { file: "rss.xml", reason: "notAggregateReport", detail: "rss" },
    ]);
    const noCount = source("yahoo.com!goo.ne.jp!1760745600!1760831999.xml").replace("<count>3</count>", "");
    expect((await readReportFile("y.xml", bytes(noCount))).skipped).toEqual([
      { file: "y.xml", reason: "missingElement", detail: "feedback/record[1]/row/count" },
    ]);
    expect((await readReportFile("junk.gz", new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).skipped[0]).toMatchObject({ file: "junk.gz", reason: "badGzip" });
    expect((await readReportFile("junk.zip", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).skipped[0]).toMatchObject({ file: "junk.zip", reason: "badZip" });
    const message = "From: someone@example.jp\r\nSubject: hello\r\n\r\nno attachment here\r\n";
    expect((await readReportFile("hello.eml", bytes(message))).skipped).toEqual([{ file: "hello.eml", reason: "noReportAttached", detail: "-" }]);
  });

  it("unpacks once: an archive inside an archive is skipped and named, each limit holding for the whole file", async () => {
    const { zipSync, gzipSync, strToU8 } = await import("fflate");
    const yahoo = source("yahoo.com!goo.ne.jp!1760745600!1760831999.xml");
    const nested = zipSync({ "a.xml": strToU8(yahoo), "inner.zip": zipSync({ "b.xml": strToU8(yahoo) }), "c.xml.gz": gzipSync(strToU8(yahoo)) });
    const read = await readReportFile("nested.zip", nested);
    expect(read.reports.map((report) => report.source)).toEqual(["nested.zip!a.xml"]);
    expect(read.skipped.map(({ file, reason }) => ({ file, reason })).sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { file: "nested.zip!c.xml.gz", reason: "archiveInArchive" },
      { file: "nested.zip!inner.zip", reason: "archiveInArchive" },
    ]);
    expect((await readReportFile("twice.xml.gz", gzipSync(gzipSync(strToU8(yahoo))))).skipped[0]).toMatchObject({ reason: "archiveInArchive" });
  });

  it("reads the good entries of an archive and names the broken one; a message's logo is no reason to skip its report", async () => {
    const { zipSync, strToU8 } = await import("fflate");
    const yahoo = source("yahoo.com!goo.ne.jp!1760745600!1760831999.xml");
    const zip = zipSync({ "a.xml": strToU8(yahoo), "b.xml": strToU8("<feedback><report_metadata>") });
    const read = await readReportFile("two.zip", zip);
    expect(read.reports.map((report) => report.source)).toEqual(["two.zip!a.xml"]);
    expect(read.skipped).toEqual([{ file: "two.zip!b.xml", reason: "notXml", detail: "ends before </report_metadata> </feedback>" }]);
    const boundary = "b1";
    const message = [
      "From: dmarc@receiver.example",
      "Subject: Report Domain: goo.ne.jp Submitter: receiver.example",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      'Content-Type: image/png; name="logo.png"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("base64"),
      `--${boundary}`,
      'Content-Type: application/zip; name="report.zip"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from(zipSync({ "report.xml": strToU8(yahoo) })).toString("base64"),
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const fromMessage = await readReportFile("m.eml", new TextEncoder().encode(message));
    expect(fromMessage.reports.map((report) => [report.source, report.org])).toEqual([["m.eml!report.zip!report.xml", "Yahoo"]]);
    expect(fromMessage.skipped).toEqual([]);
  });

  it("reads a message whose whole body is the gzipped report (one part, no multipart), as some receivers send it", async () => {
    const { gzipSync } = await import("node:zlib");
    const gz = gzipSync(source("yahoo.com!goo.ne.jp!1760745600!1760831999.xml")).toString("base64").replace(/.{76}/g, "$&\r\n");
    const message = [
      "From: no-reply@reports.receiver.example",
      "Subject: Report domain: goo.ne.jp Submitter: receiver.example Report-ID: 1760832000.845613",
      "MIME-Version: 1.0",
      "Content-Type: application/gzip",
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: attachment;\r\n filename="receiver.example!goo.ne.jp!1760745600!1760831999.xml.gz"',
      "",
      gz,
      "",
    ].join("\r\n");
    const read = await readReportFile("single.eml", new TextEncoder().encode(message));
    expect(read.reports.map((report) => [report.source, report.records[0]!.count])).toEqual([
      ["single.eml!receiver.example!goo.ne.jp!1760745600!1760831999.xml.gz", 3],
    ]);
  });

  it("refuses an archive that would unpack past what a report can be, unread", async () => {
    const { gzipSync } = await import("node:zlib");
    const { MAX_UNPACKED_BYTES } = await import("../../src/dmarc/reportFile.js");
    const bomb = gzipSync(Buffer.alloc(MAX_UNPACKED_BYTES + 1, 0x20));
    expect((await readReportFile("bomb.xml.gz", bomb)).skipped).toEqual([{ file: "bomb.xml.gz", reason: "tooLarge", detail: `> ${MAX_UNPACKED_BYTES} bytes` }]);
  });

  it("does not follow a link planted among the reports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "byodkim-dmarc-"));
    writeFileSync(join(dir, "a.xml"), source("yahoo.com!goo.ne.jp!1760745600!1760831999.xml"));
    const { symlinkSync } = await import("node:fs");
    symlinkSync("/etc/passwd", join(dir, "b.xml"));
    const read = await readReportFolder(dir);
    expect(read.reports).toHaveLength(1);
    expect(read.skipped).toEqual([{ file: join(dir, "b.xml"), reason: "unreadable", detail: "symlink" }]);
  });
});
