/**
 * Whether a config secret's value is strong enough to deploy: as long as the service's real format, with its prefix,
 * and not placeholder-like (runbook, Security Best Practices: "Use strong, unique secrets"). Pure, so config.ts runs
 * it before anything is registered and tests run it directly.
 *
 * Every message names what is wrong with the value, never the value (nor its length): config errors are printed by
 * the CLI and kept in CI logs. Where a service's format is documented or enforced by its own tools, the rule follows
 * it (the source is cited next to the rule); where sources disagree, only a minimum length is enforced.
 */
import { isHttpsUrl } from "./formats";

/** What a value of one config secret must look like. */
interface StrengthRule {
  /** The service's kind of value, with its article, for messages, e.g. `an OpenAI API key`. */
  what: string;
  /** The shortest real value, in characters. */
  minLength: number;
  /** Accepted prefixes (any of them); absent when the format has none or sources disagree. */
  prefixes?: readonly string[];
  /** Further shape checks; returns what is wrong, or undefined. */
  shape?: (value: string) => string | undefined;
}

const JWT = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** A legacy Supabase key (anon or service_role) is a signed JWT of a few hundred characters; 100 is a safe floor. */
const LEGACY_SUPABASE_JWT = 100;

/** Supabase's new keys (`sb_publishable_…`, `sb_secret_…`) or the legacy JWTs they replace. */
function supabaseKey(prefix: string): StrengthRule["shape"] {
  return (value) => {
    if (value.startsWith(prefix))
      return value.length - prefix.length >= 24 ? undefined : `is shorter than a ${prefix}… key`;
    if (JWT.test(value))
      return value.length >= LEGACY_SUPABASE_JWT ? undefined : "is shorter than a legacy Supabase JWT";
    return `is neither a ${prefix}… key nor a legacy Supabase JWT (eyJ….….…)`;
  };
}

/**
 * The rules, by full config key. Sources:
 * - OpenAI: legacy user keys are `sk-` + 48 characters (gitleaks, cmd/generate/config/rules/openai.go:
 *   `sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}`); project (`sk-proj-…`), service-account and admin keys are longer.
 * - LangSmith: `lsv2_pt_`/`lsv2_sk_` + 32 + `_` + 10 characters (gitleaks, rules/langsmith.go; the legacy `ls__`
 *   keys are unsupported since 2024-10-22).
 * - Supabase: `sb_publishable_…` / `sb_secret_…` (supabase.com/docs/guides/api/api-keys), or the legacy anon and
 *   service_role JWTs; the personal access token is `sbp_` + 40 hex digits, the pattern the Supabase CLI itself
 *   enforces (supabase/cli, internal/utils/access_token.go: `^sbp_[a-f0-9]{40}$`).
 * - Railway: project tokens are UUIDs in practice, but sources disagree on account and team tokens: length only.
 * - UptimeRobot: the account's main key (`u…`) is the only kind that can create monitors; monitor-specific (`m…`)
 *   and read-only (`ur…`) keys cannot (uptimerobot.com/api, "Authentication"); secret scanners match 9 + `-` + 24
 *   characters (trufflehog, pkg/detectors/uptimerobot), older keys are shorter: 30 is the floor.
 * - Sentry: a DSN is `{PROTOCOL}://{PUBLIC_KEY}@{HOST}/{PROJECT_ID}` with a 32-character public key
 *   (docs.sentry.io/concepts/key-terms/dsn-explainer); auth tokens are `sntrys_…` (organization), `sntryu_` + 64 hex
 *   (user), or 64 hex digits (old format) (gitleaks, rules/sentry.go).
 * - GitHub: `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` + 36 characters (gitleaks, rules/github.go), `github_pat_…` longer.
 * - Vercel: 24 letters and digits (the Vercel CLI's "invalid token value" rule; secret scanners match 24).
 */
const RULES: Readonly<Record<string, StrengthRule>> = {
  "chef-chopsky:openaiApiKey": { what: "an OpenAI API key", minLength: 51, prefixes: ["sk-"] },
  "chef-chopsky:langchainApiKey": { what: "a LangSmith API key", minLength: 51, prefixes: ["lsv2_pt_", "lsv2_sk_"] },
  "chef-chopsky:supabasePublishableKey": {
    what: "a Supabase publishable key",
    minLength: 15 + 24,
    shape: supabaseKey("sb_publishable_"),
  },
  "chef-chopsky:supabaseSecretKey": {
    what: "a Supabase secret key",
    minLength: 10 + 24,
    shape: supabaseKey("sb_secret_"),
  },
  "chef-chopsky:supabaseAccessToken": {
    what: "a Supabase personal access token",
    minLength: 44,
    prefixes: ["sbp_"],
    shape: (v) => (/^sbp_[a-f0-9]{40}$/.test(v) ? undefined : "is not sbp_ followed by 40 hex digits"),
  },
  "chef-chopsky:railwayToken": { what: "a Railway token", minLength: 36 },
  "chef-chopsky:uptimeRobotApiKey": {
    what: "an UptimeRobot main API key",
    minLength: 30,
    shape: (v) =>
      v.startsWith("ur")
        ? "is a read-only key (ur…), which cannot create monitors: use the account's main API key (u…)"
        : v.startsWith("m")
          ? "is a monitor-specific key (m…), which cannot create monitors: use the account's main API key (u…)"
          : /^u\d+-[A-Za-z0-9]+$/.test(v)
            ? undefined
            : "does not have the form u<digits>-<key>",
  },
  "chef-chopsky:sentryDsn": { what: "a Sentry DSN", minLength: 40, shape: sentryDsnProblem },
  "chef-chopsky:sentryAuthToken": { what: "a Sentry auth token", minLength: 64 },
  "chef-chopsky:alertWebhookUrl": { what: "an alert web-hook URL", minLength: 24, shape: webhookProblem },
  "chef-chopsky:secretFingerprintKey": {
    what: "a fingerprint key",
    minLength: 64,
    shape: (v) => (/^[0-9a-fA-F]+$/.test(v) ? undefined : "is not hex (make one with `openssl rand -hex 32`)"),
  },
  "github:token": { what: "a GitHub token", minLength: 40 },
  "vercel:apiToken": { what: "a Vercel token", minLength: 24 },
};

// Both URLs may be http on a loopback address only (isHttpsUrl): the engine suite's local web-hook, as the config
// allows for the fakes' URLs.
function sentryDsnProblem(value: string): string | undefined {
  const url = URL.parse(value);
  if (!url) return "is not a URL (https://<public key>@<host>/<project id>)";
  if (!isHttpsUrl(value)) return "is not an https URL";
  if (url.username.length < 32) return "has no 32-character public key before the @";
  if (!/\/\d+$/.test(url.pathname)) return "does not end with a numeric project id";
  return undefined;
}

function webhookProblem(value: string): string | undefined {
  const url = URL.parse(value);
  if (!url) return "is not a URL";
  if (!isHttpsUrl(value)) return "is not an https URL";
  if (!url.hostname.includes(".") || url.pathname.replace(/\/+$/, "") === "") return "has no host name and path";
  return undefined;
}

/** Words that mark a stand-in, anywhere in the value (README and RUNBOOK samples use `…` and `<…>`). */
const PLACEHOLDER_WORDS =
  /changeme|change[-_]me|replace[-_]?me|example|placeholder|dummy|your[-_]|xxxx|todo|fixme|redacted|…|\.\.\.|[<>{}]/i;
/** How a stand-in body starts (after the service's prefix). */
const PLACEHOLDER_START = /^(test|fake|sample|demo|mock|secret|password|token|key)/i;
/** A run of one character or a keyboard sequence: no random key of this length has one. */
const LOW_ENTROPY = /(.)\1{7,}|12345678|abcdefgh|qwerty/i;

/** The part of a value after its service prefix (`sk-proj-test…` → `test…`). */
function bodyOf(value: string, rule: StrengthRule | undefined): string {
  const prefix = rule?.prefixes?.find((p) => value.startsWith(p));
  const known = /^(sk-(?:proj|svcacct|admin)-|sb_publishable_|sb_secret_|sntry[su]_|gh[opusr]_|github_pat_)/.exec(
    value,
  );
  return value.slice(Math.max(prefix?.length ?? 0, known?.[0].length ?? 0));
}

/** Why a value looks like a placeholder rather than a real secret, or undefined. */
export function placeholderProblem(value: string, key = ""): string | undefined {
  const rule = RULES[key];
  if (PLACEHOLDER_WORDS.test(value)) return "looks like a placeholder (a sample or stand-in value)";
  if (PLACEHOLDER_START.test(bodyOf(value, rule))) return "looks like a placeholder (starts like a test value)";
  if (LOW_ENTROPY.test(value)) return "looks like a placeholder (a repeated character or a keyboard sequence)";
  return undefined;
}

/**
 * What is wrong with a config secret's value, or undefined when it is strong enough. The message names the problem
 * and the expected format, never the value.
 */
export function secretStrengthProblem(key: string, value: string): string | undefined {
  const rule = RULES[key];
  if (value.trim() !== value || value === "") return "is empty or has surrounding white space";
  const placeholder = placeholderProblem(value, key);
  if (placeholder) return placeholder;
  if (!rule) return value.length >= 16 ? undefined : "is shorter than 16 characters";
  if (rule.prefixes && !rule.prefixes.some((p) => value.startsWith(p)))
    return `is not ${rule.what} (expected it to start with ${rule.prefixes.join(" or ")})`;
  const shape = rule.shape?.(value);
  if (shape) return `${shape} (expected ${rule.what})`;
  if (value.length < rule.minLength) return `is shorter than ${rule.what} (at least ${rule.minLength} characters)`;
  return undefined;
}

/** The config keys with a format rule (every config secret the catalog knows today). */
export const STRENGTH_RULE_KEYS: readonly string[] = Object.keys(RULES);

/** The shortest value a config secret's rule admits, or undefined for a key without a rule. */
export function minimumLengthOf(key: string): number | undefined {
  return RULES[key]?.minLength;
}
