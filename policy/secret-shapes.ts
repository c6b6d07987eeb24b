/**
 * What a secret looks like. A policy cannot ask whether a value is secret (it sees secrets in plaintext), so the
 * plaintext-place rules decide by shape: a string that looks like a credential must not sit where anyone with read
 * access to the state, the CI log or the Vercel dashboard can see it. One module, so that the policy pack, the synth
 * and the tests agree on what "secret-shaped" means.
 *
 * Patterns are anchored on the vendors' documented prefixes, so that ids, URLs and hashes do not match; no pattern
 * ever puts the matched value into a message (see {@link describeMatch}).
 */

/** One kind of credential, recognised by its shape. */
export interface SecretShape {
  /** A stable id, used in messages and tests, e.g. `openai-api-key`. */
  readonly id: string;
  /** What it is, for humans. */
  readonly description: string;
  /** Matches the credential anywhere in a string (no global flag: `test` must be stateless). */
  readonly pattern: RegExp;
}

/** Every shape this project recognises, most specific first. */
export const SECRET_SHAPES: readonly SecretShape[] = [
  {
    id: "openai-api-key",
    description: "OpenAI API key (sk-…)",
    pattern: /\bsk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}/,
  },
  {
    id: "supabase-secret-key",
    description: "Supabase secret key (sb_secret_…)",
    pattern: /\bsb_secret_[A-Za-z0-9_-]{16,}/,
  },
  {
    id: "supabase-access-token",
    description: "Supabase personal access token (sbp_…)",
    pattern: /\bsbp_[A-Za-z0-9]{32,}/,
  },
  {
    id: "github-token",
    description: "GitHub token (ghp_/gho_/ghu_/ghs_/ghr_…)",
    pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/,
  },
  {
    id: "github-fine-grained-token",
    description: "GitHub fine-grained token (github_pat_…)",
    pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/,
  },
  {
    id: "jwt",
    description: "JSON Web Token (eyJ….….…), e.g. a Supabase service-role key",
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  },
  {
    id: "slack-webhook",
    description: "Slack incoming web-hook URL",
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/,
  },
  { id: "slack-token", description: "Slack token (xox…)", pattern: /\bxox[abeprs]-[A-Za-z0-9-]{10,}/ },
  {
    id: "discord-webhook",
    description: "Discord web-hook URL",
    pattern: /https:\/\/(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,}/,
  },
  { id: "aws-access-key-id", description: "AWS access key id (AKIA…/ASIA…)", pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  {
    id: "aws-secret-access-key",
    description: "AWS secret access key (labelled)",
    pattern: /aws_secret_access_key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}/i,
  },
  { id: "google-api-key", description: "Google API key (AIza…)", pattern: /\bAIza[0-9A-Za-z_-]{35}/ },
  {
    id: "stripe-key",
    description: "Stripe secret or restricted key",
    pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/,
  },
  {
    id: "langsmith-api-key",
    description: "LangSmith API key (lsv2_…)",
    pattern: /\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\b/,
  },
  {
    id: "sentry-auth-token",
    description: "Sentry auth token (sntrys_/sntryu_…)",
    pattern: /\bsntry[su]_[A-Za-z0-9+/=_]{32,}/,
  },
  {
    id: "uptimerobot-api-key",
    description: "UptimeRobot API key (u…-/ur…-/m…-)",
    pattern: /\b(?:u|ur|m)\d{5,}-[a-f0-9]{24,}\b/,
  },
  { id: "private-key", description: "PEM private key", pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/ },
  {
    id: "url-credentials",
    description: "URL with a password in it (scheme://user:password@host)",
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]{3,}@[^\s/]+/i,
  },
];

/** Where a shape was found, without the value. */
export interface SecretShapeMatch {
  readonly shape: SecretShape;
  /** Length of the matched credential, so a message can say "a 51-character sk-… key" without showing it. */
  readonly length: number;
}

/** Every secret shape found in a string (one entry per shape). */
export function findSecretShapes(text: string): SecretShapeMatch[] {
  const found: SecretShapeMatch[] = [];
  for (const shape of SECRET_SHAPES) {
    const m = shape.pattern.exec(text);
    if (m) found.push({ shape, length: m[0].length });
  }
  return found;
}

/** A message fragment naming what was found, never the value itself. */
export function describeMatch(match: SecretShapeMatch): string {
  return `a secret-shaped value: ${match.shape.description}, ${match.length} characters (withheld)`;
}

/** Reports each secret shape found in `value` as `<where> holds <what was found>.`, never the value itself. */
export function reportSecretShapes(value: string, where: string, report: (message: string) => void): void {
  for (const match of findSecretShapes(value)) report(`${where} holds ${describeMatch(match)}.`);
}

/**
 * Whether a field or variable name says it holds a secret (`OPENAI_API_KEY`, `plaintextValue`, `authToken`).
 * Used where a rule must tell an expected secret place from a plain one by the key alone.
 */
export function isSecretName(name: string): boolean {
  return /(secret|token|password|passwd|private|credential|api[_-]?key|access[_-]?key|webhook|dsn)/i.test(name);
}
