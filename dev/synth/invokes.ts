/**
 * The provider functions (invokes) the offline synth and the tests' mocks answer: only those the program is known
 * to call, so that a new one fails loudly instead of being answered with nothing. No network: every answer is built
 * here.
 */

/** What a mock answers for a provider function (an invoke), by token and inputs; undefined for one it does not know. */
export type InvokeFor = (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;

/** The token of the GitHub provider's "List repository variables" (components/secrets.ts reads production's record). */
export const GET_ACTIONS_VARIABLES = "github:index/getActionsVariables:getActionsVariables";

/**
 * The answer for `getActionsVariables` of a repository holding `variables` (name → value), as the bridged provider
 * gives it (data_source_github_actions_variables.go: the id is the repository name).
 */
export function actionsVariablesAnswer(
  inputs: Record<string, unknown>,
  variables: Record<string, string>,
): Record<string, unknown> {
  const fullName = String(inputs.fullName ?? "");
  const name = String(inputs.name ?? fullName.split("/")[1] ?? "");
  const at = "2025-01-01 00:00:00 +0000 UTC";
  return {
    fullName,
    name,
    id: name,
    variables: Object.entries(variables).map(([n, value]) => ({ name: n, value, createdAt: at, updatedAt: at })),
  };
}

/** The mock answer for the one provider function the program calls: `getActionsVariables` lists `variables`. */
export function invokeFor(variables: Record<string, string>): InvokeFor {
  return (token, inputs) => (token === GET_ACTIONS_VARIABLES ? actionsVariablesAnswer(inputs, variables) : undefined);
}
