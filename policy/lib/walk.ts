/**
 * Walking a property bag: every string leaf with its path, and every host a string mentions. The rules scan whole
 * inputs rather than known fields because the dynamic resources and commands carry free-form data (maps, command
 * lines, allow lists) where a host or a credential can hide at any depth.
 */
import { hostOf } from "../../lib/environments";

/** One string somewhere in a property bag. */
export interface StringLeaf {
  /** `a.b[2].c`, or "" for the root. */
  readonly path: string;
  /** The last map key on the way to the leaf (the variable name for `variables.OPENAI_API_KEY`). */
  readonly key: string;
  readonly value: string;
}

/** Every string leaf of a value, depth first; map keys are not leaves (see {@link mapKeys} for those). */
export function* stringLeaves(value: unknown, path = "", key = ""): Generator<StringLeaf> {
  if (typeof value === "string") {
    yield { path, key, value };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = known(value, i);
      if (item !== UNKNOWN) yield* stringLeaves(item, `${path}[${i}]`, key);
    }
  } else if (typeof value === "object" && value !== null) {
    for (const k of Object.keys(value)) {
      const v = known(value as Record<string, unknown>, k);
      if (v !== UNKNOWN) yield* stringLeaves(v, path === "" ? k : `${path}.${k}`, k);
    }
  }
}

const UNKNOWN = Symbol("unknown during preview");

/**
 * A property's value, or UNKNOWN when @pulumi/policy's proxy says it cannot be known yet (during preview it throws
 * an UnknownValueError on access). Skipping just that value keeps the rule checking every known one: otherwise
 * one unknown id (an alert contact's, say) would turn the whole rule into an advisory "can't run during preview".
 */
function known(obj: object, key: string | number): unknown {
  try {
    return (obj as Record<string | number, unknown>)[key];
  } catch (err) {
    if (err instanceof Error && "unknownTypeSentinel" in err) return UNKNOWN;
    throw err;
  }
}

/** Joins a path prefix such as `variables[0].` with a field name. */
export function joinPath(prefix: string, field: string): string {
  return prefix === "" ? field : prefix.endsWith(".") ? `${prefix}${field}` : `${prefix}.${field}`;
}

// Commas end a URL: Supabase's uri_allow_list is one comma-separated string of URLs.
const URL_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`)\]},]+/gi;
// A bare host name: labels of letters, digits, hyphens (and `*` for allow-list wildcards), ending in a TLD that the
// services of this project use. File names such as `deploy.ts` or `Pulumi.staging.yaml` end in no such TLD.
const BARE_HOST_RE =
  /(?<![\w.*-])(?:[a-z0-9*](?:[a-z0-9*-]*[a-z0-9*])?\.)+(?:app|com|io|co|dev|net|org|cloud|ai|sh|xyz)(?![\w-])/gi;

/** Every host name a string mentions, in URLs or bare, lower-cased and de-duplicated. */
export function hostsIn(text: string): string[] {
  const hosts = new Set<string>();
  for (const m of text.matchAll(URL_RE)) {
    const host = hostOf(m[0].replace(/[.,;:!?]+$/, ""));
    if (host) hosts.add(host);
  }
  const withoutUrls = text.replace(URL_RE, " ");
  for (const m of withoutUrls.matchAll(BARE_HOST_RE)) hosts.add(m[0].toLowerCase());
  return [...hosts];
}
