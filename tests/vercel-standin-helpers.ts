/**
 * Shared set-up of the Vercel stand-in tests: the stand-in provider against a fresh Vercel fake per test, and the
 * program's Project and a variable created through it (check, then create, as the engine does).
 */
import * as assert from "node:assert/strict";
import type * as provider from "@pulumi/pulumi/provider";
import { createStandinProvider, PROJECT, VARIABLE } from "../dev/engine/standin-vercel/provider";
import { secret } from "../dev/engine/standin-vercel/values";
import { useFake } from "./fakes/server";
import { VercelFake } from "./fakes/vercel";

export type Props = Record<string, unknown>;
export const urn = (type: string, name: string) =>
  `urn:pulumi:production::chef-chopsky::chef-chopsky:frontend:Frontend$${type}::${name}`;
export const P = urn(PROJECT, "production-frontend-project");
export const V = urn(VARIABLE, "production-frontend-env-x");

export const projectInputs: Props = {
  name: "chef-chopsky",
  framework: "nextjs",
  rootDirectory: "frontend",
  gitRepository: { type: "github", repo: "chef-chopsky/chef-chopsky", productionBranch: "main" },
};

/** Call inside a mocha `describe`: a fake per test, the stand-in against it, and creation helpers. */
export function useStandin() {
  const fake = useFake(() => new VercelFake());
  const auth = { token: undefined as string | undefined };
  beforeEach(() => (auth.token = fake().token));
  const standin = (): provider.Provider =>
    createStandinProvider({ api: fake().url, token: () => auth.token, team: () => undefined });
  async function createProject(inputs: Props = projectInputs) {
    const p = standin();
    assert.deepEqual((await p.check!(P, {}, inputs)).failures, []);
    return p.create!(P, inputs);
  }
  async function createVariable(projectId: string, extra: Props = {}) {
    const inputs: Props = {
      projectId,
      key: "NEXT_PUBLIC_AGENT_URL",
      value: secret("https://agent.example"),
      targets: ["production"],
      sensitive: false,
      comment: "plain",
      ...extra,
    };
    const p = standin();
    assert.deepEqual((await p.check!(V, {}, inputs)).failures, []);
    return { inputs, created: await p.create!(V, inputs) };
  }
  return { fake, auth, standin, createProject, createVariable };
}
