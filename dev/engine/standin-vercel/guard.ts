/**
 * The stand-in's safety catch, checked before anything else runs: it serves only the engine suite, and only against
 * a Vercel fake on this machine. Pure (takes the environment), so the rules are tested without spawning anything.
 */

/** Must be exactly {@link STANDIN_MODE}: the suite's explicit consent to run a stand-in instead of the provider. */
export const STANDIN_ENV = "CHEF_CHOPSKY_VERCEL_STANDIN";
export const STANDIN_MODE = "engine-suite";
/** The Vercel fake's base URL, e.g. `http://127.0.0.1:41234`: a loopback IP literal, nothing else. */
export const STANDIN_API_ENV = "CHEF_CHOPSKY_VERCEL_STANDIN_API";

/** The one line that says what this is, first on stderr (the CLI shows a plugin's stderr as a diagnostic). */
export const BANNER =
  "pulumi-resource-vercel 5.4.1 STAND-IN (Chef Chopsky engine suite only): not the real Vercel provider; " +
  "it talks only to the local Vercel fake at";

/** Why the stand-in refuses to start. */
export class StandinRefused extends Error {}

/**
 * True for a loopback IP literal: 127.0.0.0/8 or ::1. Host names (even `localhost`) are refused: a name can resolve
 * anywhere, an IP literal cannot.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "");
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((n) => Number(n) <= 255);
}

/** The fake's base URL (no trailing slash) when the environment allows the stand-in to run; else throws. */
export function standinApi(env: NodeJS.ProcessEnv): string {
  const refuse = (why: string) =>
    new StandinRefused(
      `pulumi-resource-vercel (STAND-IN): refusing to start: ${why}. This is not the Vercel provider: it is a ` +
        `stand-in that serves only the Chef Chopsky engine suite, against a local Vercel fake. Run it with ` +
        `${STANDIN_ENV}=${STANDIN_MODE} and ${STANDIN_API_ENV}=http://127.0.0.1:PORT; for a real deploy, install ` +
        `the real provider (pulumi plugin install resource vercel 5.4.1) and keep this one out of the plugin cache.`,
    );
  if (env[STANDIN_ENV] !== STANDIN_MODE)
    throw refuse(
      env[STANDIN_ENV] === undefined
        ? `${STANDIN_ENV} is not set`
        : `${STANDIN_ENV} is ${JSON.stringify(env[STANDIN_ENV])}, not "${STANDIN_MODE}"`,
    );
  const raw = env[STANDIN_API_ENV];
  if (!raw) throw refuse(`${STANDIN_API_ENV} is not set`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(`${STANDIN_API_ENV} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw refuse(`${STANDIN_API_ENV} must be an http(s) URL, not ${url.protocol}`);
  if (url.username || url.password) throw refuse(`${STANDIN_API_ENV} must not carry credentials`);
  if (!isLoopbackHost(url.hostname))
    throw refuse(`${STANDIN_API_ENV} points at ${url.hostname}, which is not a loopback address (127.0.0.1 or ::1)`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
