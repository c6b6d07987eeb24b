/**
 * Loaded by .mocharc before any test file: puts Pulumi in mock mode once, so that no test can reach a real engine.
 * Tests that run the program re-point the mocks at their stack with `runProgram` (tests/harness.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { actionsVariablesAnswer, GET_ACTIONS_VARIABLES } from "../dev/synth/invokes";

/** The default mocks; a test that installs its own restores these with it when done. */
export function useDefaultMocks(): Promise<void> {
  return pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => {
        // The one provider function the program calls (components/secrets.ts): a repository with no variables, so
        // staging warns that production has published nothing to compare with.
        if (args.token === GET_ACTIONS_VARIABLES) return actionsVariablesAnswer(args.inputs, {});
        throw new Error(`unexpected call to ${args.token} in a test: mock it explicitly`);
      },
    },
    "chef-chopsky",
    "staging",
    true,
    "organization",
  );
}

/**
 * Mocks that record the inputs of every resource registered from now on, in order (restore the defaults with
 * {@link useDefaultMocks} when done).
 */
export async function recordInputs(): Promise<Record<string, unknown>[]> {
  const recorded: Record<string, unknown>[] = [];
  await pulumi.runtime.setMocks(
    { newResource: (a) => (recorded.push(a.inputs), { id: `${a.name}-id`, state: a.inputs }), call: () => ({}) },
    "chef-chopsky",
    "staging",
    true,
  );
  return recorded;
}

void useDefaultMocks();
