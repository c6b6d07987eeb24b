// The part of `pulumi stack output --json` the health tool reads, as a zod schema; one health check's schema is
// the program's own (lib/health-checks.ts).
import { z } from "zod";
import { parseJson } from "../../lib/cli";
import { environmentNameSchema } from "../../lib/schemas";
import { healthCheckSchema } from "../../lib/health-checks";

/**
 * The part of `pulumi stack output --json` the tool reads. Other outputs are ignored; secret outputs appear as the
 * string "[secret]", which is why the URLs the tool does not need are only required to be strings, if present.
 */
export const healthOutputsSchema = z.object({
  environment: environmentNameSchema(),
  frontendUrl: z.string().optional(),
  agentUrl: z.string().optional(),
  healthChecks: z
    .array(healthCheckSchema, {
      error: (issue) => (issue.input === undefined ? "missing (no health checks)" : "expected a list of health checks"),
    })
    .min(1, { error: "expected at least one health check" })
    .superRefine((checks, ctx) => {
      const seen = new Set<string>();
      checks.forEach((check, index) => {
        if (seen.has(check.name)) {
          ctx.addIssue({ code: "custom", path: [index, "name"], message: `duplicate check name "${check.name}"` });
        }
        seen.add(check.name);
      });
    }),
});

/** The outputs of a stack that the health tool reads, validated (index.ts declares what a stack exports). */
export type HealthOutputs = z.infer<typeof healthOutputsSchema>;

/** Formats a zod issue path the way a reader writes it: `healthChecks[1].url`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "outputs" : out;
}

/** The first problem a schema found in outputs, as `healthChecks[1].url: expected …` (never a value). */
export const firstProblem = ({ issues: [first] }: z.ZodError) => `${formatPath(first.path)}: ${first.message}`;

/**
 * Parses and validates the text of `pulumi stack output --json`.
 * @param text - the JSON text.
 * @returns the outputs, or a one-line message naming the first bad field (and how many more there are).
 */
export function parseOutputs(text: string): { ok: true; outputs: HealthOutputs } | { ok: false; error: string } {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, error: `outputs: ${json.error}` };
  const result = healthOutputsSchema.safeParse(json.value);
  if (result.success) return { ok: true, outputs: result.data };
  const rest = result.error.issues.length - 1;
  const more = rest > 0 ? ` (and ${rest} more problem${rest === 1 ? "" : "s"})` : "";
  return { ok: false, error: `${firstProblem(result.error)}${more}` };
}
