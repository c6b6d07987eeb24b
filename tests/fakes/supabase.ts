/**
 * A fake of the Supabase Management API's auth config endpoints, built from Supabase's own OpenAPI document: GET
 * returns the whole config (every field of `AuthConfigResponse`, most of them null), PATCH validates each given
 * field against `UpdateAuthConfigBody` (type, nullable, pattern, range, enum), merges only those fields and returns
 * the whole config. As on the real service, a validation failure comes back as a plain-text 400 body, and a bad
 * token as 401 `{"message":"Unauthorized"}`. Faults (429, 500, slow, lost) come from the base {@link FakeServer}.
 */
import * as fs from "node:fs";
import type * as http from "node:http";
import { referenceFile } from "./railway";
import { type FakeReply, FakeServer } from "./server";

/** One property of the OpenAPI document's schemas, as far as these endpoints use them. */
interface PropertySchema {
  type?: "string" | "integer" | "number" | "boolean";
  nullable?: boolean;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
}

interface OpenApi {
  components: { schemas: Record<string, { properties: Record<string, PropertySchema> }> };
}

let openApi: OpenApi | undefined;
/** Supabase's OpenAPI document, read once. */
export function supabaseOpenApi(): OpenApi {
  openApi ??= JSON.parse(fs.readFileSync(referenceFile("supabase-management-api.openapi.json"), "utf8")) as OpenApi;
  return openApi;
}

/** Values a new project has; every other field of the config is null, as the API shows for unset settings. */
const DEFAULTS: Record<string, unknown> = {
  site_url: "http://localhost:3000",
  uri_allow_list: "",
  jwt_exp: 3600,
  disable_signup: false,
  external_email_enabled: true,
  external_phone_enabled: false,
  mailer_autoconfirm: false,
  mailer_otp_exp: 3600,
  password_min_length: 6,
  rate_limit_email_sent: 2,
  refresh_token_rotation_enabled: true,
  security_refresh_token_reuse_interval: 10,
};

/** Why a value does not fit its schema, or undefined when it fits. */
export function violation(name: string, value: unknown, schema: PropertySchema | undefined): string | undefined {
  if (!schema) return `property ${name} should not exist`;
  if (value === null) return schema.nullable ? undefined : `${name} must not be null`;
  const type = schema.type;
  const ok =
    (type === "string" && typeof value === "string") ||
    (type === "boolean" && typeof value === "boolean") ||
    (type === "number" && typeof value === "number") ||
    (type === "integer" && Number.isInteger(value));
  if (!ok) return `${name} must be a ${type}`;
  if (schema.pattern && !new RegExp(schema.pattern).test(value as string))
    return `${name} must match pattern ${schema.pattern}`;
  if (schema.minimum !== undefined && (value as number) < schema.minimum)
    return `${name} must not be less than ${schema.minimum}`;
  if (schema.maximum !== undefined && (value as number) > schema.maximum)
    return `${name} must not be greater than ${schema.maximum}`;
  if (schema.enum && !schema.enum.includes(value)) return `${name} must be one of ${schema.enum.join(", ")}`;
  return undefined;
}

const ROUTE = /^\/v1\/projects\/([^/]+)\/config\/auth$/;

/** Options of the fake. */
export interface SupabaseFakeOptions {
  /** The personal access token the fake accepts. */
  token?: string;
  /** The project refs that exist; default one, {@link SupabaseFake.projectRef}. */
  projectRefs?: string[];
}

/** The fake Management API. */
export class SupabaseFake extends FakeServer {
  readonly projectRef: string;
  readonly token: string;
  private readonly configs = new Map<string, Record<string, unknown>>();

  constructor(options: SupabaseFakeOptions = {}) {
    super();
    this.token = options.token ?? "sbp_0123456789abcdef0123456789abcdef01234567";
    const refs = options.projectRefs ?? ["chefchopskystagingab"];
    this.projectRef = refs[0];
    const fields = Object.keys(supabaseOpenApi().components.schemas.AuthConfigResponse.properties);
    for (const ref of refs) this.configs.set(ref, { ...Object.fromEntries(fields.map((f) => [f, null])), ...DEFAULTS });
  }

  /** A copy of a project's whole auth config. */
  config(ref = this.projectRef): Record<string, unknown> {
    return { ...this.configs.get(ref) };
  }

  /** Changes fields as someone would in the dashboard (no API call is logged). */
  setConfig(fields: Record<string, unknown>, ref = this.projectRef): void {
    this.configs.set(ref, { ...this.configs.get(ref), ...fields });
  }

  protected describe(req: http.IncomingMessage): { operation: string; write: boolean } {
    const path = (req.url ?? "").split("?")[0];
    if (ROUTE.test(path) && req.method === "GET") return { operation: "GET auth config", write: false };
    if (ROUTE.test(path) && req.method === "PATCH") return { operation: "PATCH auth config", write: true };
    return { operation: `${req.method} ${path}`, write: req.method !== "GET" };
  }

  protected handle(req: http.IncomingMessage, body: string): FakeReply {
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return { status: 401, body: JSON.stringify({ message: "Unauthorized" }) };
    const match = ROUTE.exec((req.url ?? "").split("?")[0]);
    if (!match || (req.method !== "GET" && req.method !== "PATCH")) {
      return { status: 404, body: JSON.stringify({ message: "Cannot find the requested resource" }) };
    }
    const ref = match[1];
    const current = this.configs.get(ref);
    if (!current) return { status: 404, body: JSON.stringify({ message: `Project ${ref} not found` }) };
    if (req.method === "GET") return { status: 200, body: JSON.stringify(current) };

    const text = (status: number, message: string): FakeReply => ({
      status,
      body: message,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
    let patch: unknown;
    try {
      patch = JSON.parse(body);
    } catch {
      return text(400, "Failed to parse request body as JSON");
    }
    if (typeof patch !== "object" || patch === null || Array.isArray(patch))
      return text(400, "Request body must be a JSON object");
    const schema = supabaseOpenApi().components.schemas.UpdateAuthConfigBody.properties;
    const problems = Object.entries(patch)
      .map(([k, v]) => violation(k, v, schema[k]))
      .filter((p): p is string => p !== undefined);
    if (problems.length > 0) return text(400, `Failed to update auth config: ${problems.join("; ")}`);
    const next = { ...current, ...patch };
    this.configs.set(ref, next);
    return { status: 200, body: JSON.stringify(next) };
  }
}
