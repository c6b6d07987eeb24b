/**
 * The root resolvers of the {@link RailwayFake}: what each query and mutation the clients use does to the fake's
 * state, with a project token scoped to the fake's project and environment as on Railway.
 */
import type { FakeDeployment, RailwayFake } from "./railway";

// The resolvers get (args, context) from graphql-js; the arguments were already checked against the schema.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Resolver = (args: any, ctx: { auth?: { kind: "project" | "account" } }) => unknown;

/** The root value of a request to `fake`: one resolver per root field the clients use. */
export function resolvers(fake: RailwayFake): Record<string, Resolver> {
  // A project token is scoped to one project and environment, as on Railway.
  const allow = (ctx: Parameters<Resolver>[1], environmentId?: unknown, projectId?: unknown) => {
    if (!ctx.auth) throw new Error("Not Authorized");
    const outside =
      (environmentId !== undefined && environmentId !== fake.environmentId) ||
      (projectId !== undefined && projectId !== fake.projectId);
    if (ctx.auth.kind === "project" && outside) throw new Error("Not Authorized");
  };
  const find = (id: string, ctx: Parameters<Resolver>[1]) => {
    const d = fake.deployments.find((x) => x.id === id);
    if (!d) throw new Error("Deployment not found");
    allow(ctx, d.environmentId);
    return d;
  };
  const node = (d: FakeDeployment) => ({
    id: d.id,
    status: fake.statusOf(d),
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.createdAt).toISOString(),
    statusUpdatedAt: new Date(d.statusAt ?? d.createdAt).toISOString(),
    meta: d.meta,
    projectId: d.projectId,
    environmentId: d.environmentId,
    serviceId: d.serviceId,
    canRedeploy: fake.statusOf(d) !== "QUEUED",
    canRollback: d.everSucceeded,
    url: `chef-chopsky-agent-${d.seq}.up.railway.app`,
  });
  const service = (environmentId: string, serviceId: string) => {
    if (serviceId !== fake.serviceId) throw new Error("Service not found");
    return { environmentId, serviceId };
  };
  /** A new deployment; `from` is the one whose image it reuses (a rollback or a redeploy skips the build). */
  const start = (
    environmentId: string,
    serviceId: string,
    meta: Record<string, unknown>,
    from?: FakeDeployment,
    variables?: Record<string, string>,
  ) => {
    const image = from ? from.meta.image : fake.newImage();
    const d = fake.addDeployment(environmentId, serviceId, undefined, { ...meta, image }, variables);
    if (from) d.script = d.script.filter((s) => s !== "BUILDING");
    return d;
  };
  return {
    variables: (a, ctx) => {
      allow(ctx, a.environmentId, a.projectId);
      return fake.vars(a.environmentId, a.serviceId ?? "shared");
    },
    variableCollectionUpsert: ({ input }, ctx) => {
      allow(ctx, input.environmentId, input.projectId);
      const { environmentId, serviceId } = service(input.environmentId, input.serviceId);
      const vars = input.variables as unknown;
      if (typeof vars !== "object" || vars === null || Object.values(vars).some((v) => typeof v !== "string")) {
        throw new Error("Problem processing request: variables must be a map of strings");
      }
      if (input.replace) fake.variableStore.delete(`${environmentId}/${serviceId}`);
      for (const [k, v] of Object.entries(vars as Record<string, string>))
        fake.setVariable(k, v, environmentId, serviceId);
      if (!input.skipDeploys) start(environmentId, serviceId, { reason: "variables changed" });
      return true;
    },
    variableDelete: ({ input }, ctx) => {
      allow(ctx, input.environmentId, input.projectId);
      const { environmentId, serviceId } = service(input.environmentId, input.serviceId);
      fake.setVariable(input.name, undefined, environmentId, serviceId);
      return true;
    },
    serviceInstanceDeployV2: (a, ctx) => {
      allow(ctx, a.environmentId);
      const { environmentId, serviceId } = service(a.environmentId, a.serviceId);
      if (a.commitSha != null && !/^[0-9a-f]{7,40}$/.test(a.commitSha)) throw new Error("Invalid commit SHA");
      return start(environmentId, serviceId, { commitHash: a.commitSha ?? "f".repeat(40) }).id;
    },
    deployment: ({ id }, ctx) => {
      const d = find(id, ctx);
      const shown = node(d);
      d.polls++; // the next poll shows the next status
      return shown;
    },
    deployments: ({ input, first }, ctx) => {
      allow(ctx, input.environmentId, input.projectId);
      const list = fake.deployments
        .filter(
          (d) =>
            (input.environmentId ?? d.environmentId) === d.environmentId &&
            (input.serviceId ?? d.serviceId) === d.serviceId,
        )
        .filter((d) => !input.status?.in || input.status.in.includes(fake.statusOf(d)))
        .filter((d) => !input.status?.notIn || !input.status.notIn.includes(fake.statusOf(d)))
        .sort((x, y) => y.seq - x.seq);
      const page = list.slice(0, first ?? 50);
      const pageInfo = {
        hasNextPage: list.length > page.length,
        hasPreviousPage: false,
        startCursor: page[0]?.id ?? null,
        endCursor: page.at(-1)?.id ?? null,
      };
      return { edges: page.map((d) => ({ cursor: d.id, node: node(d) })), pageInfo };
    },
    deploymentRollback: ({ id }, ctx) => {
      const d = find(id, ctx);
      if (!d.everSucceeded) throw new Error("Deployment cannot be rolled back");
      // "Both the Docker image and custom variables are restored" (docs.railway.com, Deployment actions): the
      // service's variables become the ones that deployment ran with, and so does the new deployment's snapshot.
      fake.variableStore.set(`${d.environmentId}/${d.serviceId}`, { ...d.variables });
      start(d.environmentId, d.serviceId, { ...d.meta, rollbackFrom: d.id }, d, d.variables);
      return true;
    },
    deploymentRedeploy: ({ id }, ctx) => {
      const d = find(id, ctx);
      if (["QUEUED", "INITIALIZING", "BUILDING", "DEPLOYING"].includes(fake.statusOf(d)))
        throw new Error("Deployment cannot be redeployed while it is in progress");
      // The same source and image, with the service's variables as they are now.
      const meta: Record<string, unknown> = { ...d.meta, redeployOf: d.id };
      delete meta.rollbackFrom;
      return node(start(d.environmentId, d.serviceId, meta, d));
    },
    serviceInstance: (a, ctx) => {
      allow(ctx, a.environmentId);
      const { environmentId, serviceId } = service(a.environmentId, a.serviceId);
      const latest = fake.latest(environmentId, serviceId);
      return {
        id: `${environmentId}:${serviceId}`,
        environmentId,
        serviceId,
        latestDeployment: latest ? node(latest) : null,
      };
    },
  };
}
