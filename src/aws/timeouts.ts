/**
 * How long byodkim waits for AWS, in one place. Without limits a hung connection holds a change
 * (and its lock) for as long as the network pleases, and Ctrl-C can only wait with it.
 * Each limit is per attempt: the SDK retries a timeout like any transient failure (4 attempts).
 */
export const AWS_TIMEOUTS = {
  /** TCP (and TLS) connection to the endpoint. */
  connectMs: 3_000,
  /** From the request to the response's headers, for reads: they answer in well under a second. */
  readMs: 5_000,
  /** For the calls that change something: SES validates the key before it answers, so they get longer. */
  mutateMs: 15_000,
} as const;

/** The SDK's per-request option for a mutating call (`client.send(command, MUTATING_CALL)`). */
export const MUTATING_CALL = { requestTimeout: AWS_TIMEOUTS.mutateMs } as const;
