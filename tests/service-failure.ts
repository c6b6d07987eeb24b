import * as assert from "node:assert/strict";
import { ServiceError } from "../providers/http";

/** The {@link ServiceError} a promise rejects with; fails the test when it resolves, or rejects with anything else. */
export function serviceFailure(promise: Promise<unknown>): Promise<ServiceError> {
  return promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => {
      assert.ok(e instanceof ServiceError, String(e));
      return e;
    },
  );
}
