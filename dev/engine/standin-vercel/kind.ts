/**
 * What the stand-in implements per resource type, and the helpers both types share: property checks and the diff
 * of one property between the state (outputs) and the program (inputs).
 */
import type * as provider from "@pulumi/pulumi/provider";
import { isNotFound, type StandinClient } from "./client";
import { hasUnknown, optional, reveal } from "./values";

type Props = Record<string, unknown>;

/** One resource type of the stand-in: the CRUD half of the provider protocol. */
export interface ResourceKind {
  check(news: Props): provider.CheckFailure[];
  diff(olds: Props, news: Props): provider.DiffResult;
  create(inputs: Props): Promise<provider.CreateResult>;
  read(id: string, props: Props): Promise<provider.ReadResult>;
  update(id: string, olds: Props, news: Props): Promise<provider.UpdateResult>;
  delete(id: string, props: Props): Promise<void>;
}

/** What both types are made with: the client of the fake's API and the provider's `team` config. */
export abstract class ApiKind {
  constructor(
    protected readonly client: StandinClient,
    protected readonly team: () => string | undefined,
  ) {}
}

/** Failures for properties this type does not model: the suite must fail loudly, not deploy half a config. */
export function unsupported(kind: string, inputs: readonly string[], news: Props): provider.CheckFailure[] {
  return Object.keys(news)
    .filter((k) => !inputs.includes(k) && !k.startsWith("__"))
    .map((k) => ({
      property: k,
      reason:
        `the Vercel stand-in does not model ${kind}.${k} (the program does not set it): ` +
        `extend dev/engine/standin-vercel to use it in the engine suite`,
    }));
}

/** A failure when `v` is known and not a string matching `pattern`. */
export function mustMatch(property: string, v: unknown, pattern: RegExp, what: string): provider.CheckFailure[] {
  if (v === undefined || hasUnknown(v)) return [];
  const r = reveal(v);
  return typeof r === "string" && pattern.test(r) ? [] : [{ property, reason: `expected ${what}` }];
}

/**
 * The optional string properties among `props` that changed ("", null and absent alike; an unknown input is a
 * change), then `teamId` when the program sets it.
 */
export function changedOptionals(olds: Props, news: Props, props: readonly string[]): string[] {
  const changes = props.filter((p) => changed(optional(olds[p]), hasUnknown(news[p]) ? news[p] : optional(news[p])));
  if (news.teamId !== undefined && changed(optional(olds.teamId), news.teamId)) changes.push("teamId");
  return changes;
}

/**
 * Compares a property of the state with the program's input: `changed` when they differ or the input is unknown.
 * `same` decides equality of known values (default: equal after revealing secrets, with null/undefined alike).
 */
export function changed(
  old: unknown,
  next: unknown,
  same: (a: unknown, b: unknown) => boolean = (a, b) =>
    JSON.stringify(reveal(a) ?? null) === JSON.stringify(reveal(b) ?? null),
): boolean {
  return hasUnknown(next) || !same(old, next);
}

/**
 * A read from the outputs the API answers: the outputs, and the inputs among them as the bridge extracts them from
 * the state (without a `teamId` that was never set); a 404 means the object is gone, which a provider reports with an
 * empty id.
 */
export async function readOutputs(
  id: string,
  inputs: readonly string[],
  outputs: () => Promise<Props>,
): Promise<provider.ReadResult> {
  try {
    const outs = await outputs();
    const given = Object.entries(outs).filter(([k, v]) => inputs.includes(k) && !(k === "teamId" && v === ""));
    return { id, props: outs, inputs: Object.fromEntries(given) };
  } catch (err) {
    if (isNotFound(err)) return { id: "", props: {} };
    throw err;
  }
}

/** A delete whose 404 is success: the object is already gone. */
export async function deleteIfPresent(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** The diff result from the lists of changed properties and of those among them that force a replacement. */
export function diffResult(changes: string[], replaceable: readonly string[]): provider.DiffResult {
  const replaces = changes.filter((p) => replaceable.includes(p));
  return { changes: changes.length > 0, replaces };
}

/**
 * An error after the object was made but before it was fully set: the engine records the resource with this id
 * (as a provider's "resource initialization failed"), so the next `up` updates it instead of creating a second one.
 */
export function initFailed(id: string, properties: Props, err: unknown): Error {
  return Object.assign(new Error((err as Error).message), { id, properties, reasons: [(err as Error).message] });
}
