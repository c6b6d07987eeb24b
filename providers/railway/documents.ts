/**
 * Every GraphQL document this project sends to Railway, in one map, so that a test can validate
 * each of them against Railway's published schema (`railway-graphql.introspection.json`): a typo in a field or an
 * argument then fails a test instead of a deploy.
 *
 * Each document holds exactly one named operation whose single root field is the Railway operation it performs;
 * the client uses that root field name in its error messages and the fake uses it to count calls.
 */

/** The fields of a deployment the client reads (`toDeployment` in client.ts). */
const DEPLOYMENT_FIELDS = "id status createdAt meta canRollback url";

/** Every document, by the name of its operation and root field; the schema test iterates this. */
export const RAILWAY_DOCUMENTS = {
  /**
   * The variables of one service in one environment, as a JSON map `{ NAME: value }`. `unrendered: true` returns the
   * values as they were written (references such as `${{shared.X}}` left as they are), which is what drift
   * detection compares against.
   */
  variables: /* GraphQL */ `
    query variables($projectId: String!, $environmentId: String!, $serviceId: String!) {
      variables(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId, unrendered: true)
    }
  `,

  /**
   * Upserts a set of service variables. The client always sends `replace: false` (keys it does not name are kept)
   * and `skipDeploys: true` (a variable change must not redeploy the agent behind the deploy tool's back).
   */
  variableCollectionUpsert: /* GraphQL */ `
    mutation variableCollectionUpsert($input: VariableCollectionUpsertInput!) {
      variableCollectionUpsert(input: $input)
    }
  `,

  /** Deletes one service variable; the schema has no bulk delete, so the client calls it once per key. */
  variableDelete: /* GraphQL */ `
    mutation variableDelete($input: VariableDeleteInput!) {
      variableDelete(input: $input)
    }
  `,

  /** Deploys one commit of the service's repository; returns the new deployment's id. */
  serviceInstanceDeployV2: /* GraphQL */ `
    mutation serviceInstanceDeployV2($commitSha: String, $environmentId: String!, $serviceId: String!) {
      serviceInstanceDeployV2(commitSha: $commitSha, environmentId: $environmentId, serviceId: $serviceId)
    }
  `,

  /** One deployment, polled until it reaches a final status. */
  deployment: /* GraphQL */ `
    query deployment($id: String!) {
      deployment(id: $id) {
        ${DEPLOYMENT_FIELDS}
      }
    }
  `,

  /**
   * The deployments of one service in one environment, newest first. `status` takes `{ in: [...] }` or
   * `{ notIn: [...] }` (the schema's `DeploymentStatusInput`), not a bare status. `statusUpdatedAt` is when the
   * deployment reached its status: for the SUCCESS one, when it went live (`npm run status`).
   */
  deployments: /* GraphQL */ `
    query deployments($input: DeploymentListInput!, $first: Int) {
      deployments(input: $input, first: $first) {
        edges {
          node {
            ${DEPLOYMENT_FIELDS}
            statusUpdatedAt
          }
        }
      }
    }
  `,

  /** Rolls the service back to an earlier deployment (Railway creates a new deployment from it). */
  deploymentRollback: /* GraphQL */ `
    mutation deploymentRollback($id: String!) {
      deploymentRollback(id: $id)
    }
  `,

  /**
   * Creates a new deployment from an existing one: the same source (commit or image) and build/deploy configuration,
   * with the service's current variables. It is what the official CLI's `railway redeploy` sends
   * (railwayapp/cli, src/gql/mutations/strings/DeploymentRedeploy.graphql) and what Railway's CLI docs
   * (docs.railway.com/cli/redeploy) name for "applying environment variable changes". `usePreviousImageTag: true`
   * keeps the image of the deployment redeployed instead of pulling its tag again (schema: Mutation.deploymentRedeploy).
   */
  deploymentRedeploy: /* GraphQL */ `
    mutation deploymentRedeploy($id: String!, $usePreviousImageTag: Boolean) {
      deploymentRedeploy(id: $id, usePreviousImageTag: $usePreviousImageTag) {
        ${DEPLOYMENT_FIELDS}
      }
    }
  `,

  /** The newest deployment of one service instance, for `agent-deploy status`. */
  serviceInstance: /* GraphQL */ `
    query serviceInstance($environmentId: String!, $serviceId: String!) {
      serviceInstance(environmentId: $environmentId, serviceId: $serviceId) {
        latestDeployment {
          ${DEPLOYMENT_FIELDS}
        }
      }
    }
  `,
} as const;

/** The name of a Railway operation this project performs. */
export type RailwayOperation = keyof typeof RAILWAY_DOCUMENTS;
