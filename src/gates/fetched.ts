import { ByodkimError } from "../errors.js";

/** A fact as the adapters delivered it: the value, or the operator-facing reason it is missing. */
export type Fetched<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ByodkimError };

/** Runs an adapter call and keeps its expected failure as data, so one gate's failure never hides another's verdict. */
export async function fetchFact<T>(read: () => Promise<T>): Promise<Fetched<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    if (err instanceof ByodkimError) return { ok: false, error: err };
    throw err;
  }
}
