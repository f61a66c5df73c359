export interface EmlSignature {
  readonly domain: string;
  readonly selector: string;
  readonly result: string;
  readonly comment: string | undefined;
  /** d= aligns with the From header's domain (DMARC's relaxed alignment, RFC 7489 §3.1.1). */
  readonly aligned: boolean;
}

/** Every DKIM signature in a saved message, verified against DNS (RFC 6376 §6). */
export async function verifyEmlSignatures(message: Buffer, resolver: (name: string, type: string) => Promise<unknown>): Promise<EmlSignature[]> {
  // Loaded here, not with the module: enable and rotate carry the probe code, and only a probe's read-back verifies a message.
  // A CommonJS module: bundled, its exports arrive on the namespace or on its default.
  const verify: Partial<typeof import("mailauth/lib/dkim/verify.js")> & { default?: typeof import("mailauth/lib/dkim/verify.js") } = await import(
    "mailauth/lib/dkim/verify.js"
  );
  const dkimVerify = verify.dkimVerify ?? verify.default!.dkimVerify;
  const { results } = await dkimVerify(message, { resolver });
  return results
    .filter((result) => result.signingDomain !== undefined)
    .map((result) => ({
      domain: result.signingDomain ?? "-",
      selector: result.selector ?? "-",
      result: result.status.result,
      comment: result.status.comment,
      aligned: typeof result.status.aligned === "string" && result.status.aligned.length > 0,
    }));
}
