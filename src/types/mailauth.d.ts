// mailauth ships no type declarations; these cover the two functions byodkim and its tests use.
declare module "mailauth/lib/dkim/verify.js" {
  export interface DkimResult {
    signingDomain?: string;
    selector?: string;
    /** `aligned`: the From header's domain this signature aligns with (relaxed, by the public suffix list), or false. */
    status: { result: string; comment?: string; header?: Record<string, string>; aligned?: string | false };
    info?: string;
  }
  export function dkimVerify(
    input: Buffer | string,
    options?: { resolver?: (name: string, type: string) => Promise<unknown>; minBitLength?: number },
  ): Promise<{ results: DkimResult[] }>;
}

declare module "mailauth/lib/dkim/sign.js" {
  export function dkimSign(
    input: Buffer | string,
    options: {
      canonicalization?: string;
      algorithm?: string;
      /** The signature's t=; without it mailauth reads the clock once for the signed header and again for the one it writes. */
      signTime?: Date;
      signatureData: { signingDomain: string; selector: string; privateKey: string }[];
    },
  ): Promise<{ signatures: string; errors: unknown[] }>;
}

declare module "mailauth" {
  /** The receiving side's checks (DKIM, SPF, DMARC); `headers` is what a receiver prepends: Received-SPF and Authentication-Results. */
  export function authenticate(
    input: Buffer | string,
    options: {
      ip?: string;
      helo?: string;
      sender?: string;
      mta?: string;
      resolver?: (name: string, type: string) => Promise<unknown>;
      disableArc?: boolean;
      disableBimi?: boolean;
      disableDmarc?: boolean;
    },
  ): Promise<{ headers: string; dkim: { results: import("mailauth/lib/dkim/verify.js").DkimResult[] } }>;
}
