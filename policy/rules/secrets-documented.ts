/**
 * `secrets-documented-in-catalog` (advisory): every secret a stack writes is in the catalog, which generates the
 * runbook's secret tables. A secret outside the catalog is one nobody rotates, audits or moves with the runbook.
 */
import { PLAIN_VALUE_COMMENT, secretByName } from "../../lib/catalog";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { catalogNameOfComment, str, TYPES, UNSCOPED_GITHUB_SECRETS, vercelVariablesOf } from "../lib/types";

export const meta: RuleMeta = {
  name: "secrets-documented-in-catalog",
  description:
    'Runbook, Adding New Secrets: "Document Secret: Update this runbook with the new secret"; Security Best ' +
    'Practices: "Audit secret access regularly". Every GitHub secret a stack writes is a catalog entry (lib/catalog.ts ' +
    'generates the runbook tables), and every Vercel variable says where its value comes from: "plain" or "catalog:NAME".',
  enforcementLevel: "advisory",
};

export const policy = resourcePolicy(meta, (r, report) => {
  if (r.type === TYPES.githubEnvironmentSecret || UNSCOPED_GITHUB_SECRETS.includes(r.type)) {
    const name = str(r.props, "secretName");
    if (name !== undefined && secretByName(name) === undefined) report(`secret ${name} is not in the secret catalog.`);
    return;
  }
  for (const { variable } of vercelVariablesOf(r.type, r.props)) {
    const key = variable.key ?? "variable";
    const source = catalogNameOfComment(variable.comment);
    if (source !== undefined) {
      if (secretByName(source) === undefined)
        report(`${key}: comment cites ${source}, which is not in the secret catalog.`);
    } else if (variable.comment?.trim() !== PLAIN_VALUE_COMMENT) {
      report(`${key}: comment must be "plain" or "catalog:NAME" (got ${JSON.stringify(variable.comment ?? null)}).`);
    }
  }
});
