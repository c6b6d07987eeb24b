/**
 * The stand-in Vercel provider object that `@pulumi/pulumi/provider` `main` serves: provider name `vercel`,
 * version `5.4.1` (the version `@pulumiverse/vercel` asks the engine for), and exactly the two resource types the
 * program declares (components/frontend.ts; the program calls no Vercel invoke). Anything else fails with a message
 * that says this is the stand-in. State lives in the Vercel fake (tests/fakes/vercel-projects.ts), over HTTP.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { StandinClient, type StandinClientOptions } from "./client";
import type { ResourceKind } from "./kind";
import { ProjectKind } from "./project";
import { VariableKind } from "./variable";

export const PROJECT = "vercel:index/project:Project";
export const VARIABLE = "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable";
export const VERSION = "5.4.1";

type Props = Record<string, unknown>;

/** The resource type of a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function typeOf(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? "";
}

/** A provider that keeps its state in the Vercel fake at `options.api`. */
export function createStandinProvider(options: StandinClientOptions): provider.Provider {
  const client = new StandinClient(options);
  const kinds: Record<string, ResourceKind> = {
    [PROJECT]: new ProjectKind(client, options.team),
    [VARIABLE]: new VariableKind(client, options.team),
  };
  const kind = (urn: string): ResourceKind => {
    const type = typeOf(urn);
    const k = kinds[type];
    if (!k)
      throw new Error(
        `the Vercel stand-in (engine suite) serves only ${PROJECT} and ${VARIABLE}, not ${type}: ` +
          `extend dev/engine/standin-vercel to use it in the engine suite`,
      );
    return k;
  };
  return {
    version: VERSION,
    check: async (urn: string, _olds: Props, news: Props) => ({ inputs: news, failures: kind(urn).check(news) }),
    diff: async (_id: string, urn: string, olds: Props, news: Props) => kind(urn).diff(olds, news),
    create: (urn: string, inputs: Props) => kind(urn).create(inputs),
    read: (id: string, urn: string, props?: Props) => kind(urn).read(id, props ?? {}),
    update: (id: string, urn: string, olds: Props, news: Props) => kind(urn).update(id, olds, news),
    delete: (id: string, urn: string, props: Props) => kind(urn).delete(id, props),
    async invoke(token: string) {
      throw new Error(`the Vercel stand-in (engine suite) serves no functions, not ${token}`);
    },
  };
}
