import { errorName, httpStatus } from "./awsErrors.js";

/** S3's "no such object": 404 NoSuchKey on a read, NotFound on a HEAD (which has no body to name it). */
export const isMissing = (err: unknown) => errorName(err) === "NoSuchKey" || errorName(err) === "NotFound" || httpStatus(err) === 404;

/**
 * S3's answers when a conditional request's condition no longer holds: 412 PreconditionFailed
 * (`If-None-Match: *` finds an object there, `If-Match` another version), or 409
 * ConditionalRequestConflict while another conditional write to the same key is in flight (S3's
 * advice is to read again). For If-Match on a key that is gone S3 answers 404 NoSuchKey.
 */
export const conditionFailed = (err: unknown) =>
  httpStatus(err) === 412 || httpStatus(err) === 409 || errorName(err) === "PreconditionFailed" || errorName(err) === "ConditionalRequestConflict";

export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;
