/**
 * Every GraphQL document this project sends to Railway, as constants in one module, so that a test can validate
 * each of them against Railway's published schema (`railway-graphql.introspection.json`): a typo in a field or an
 * argument then fails a test instead of a deploy.
 *
 * Each document holds exactly one named operation whose single root field is the Railway operation it performs;
 * the client uses that root field name in its error messages and the fake uses it to count calls.
 */

/**
 * The variables of one service in one environment, as a JSON map `{ NAME: value }`. `unrendered: true` returns the
 * values as they were written (references such as `${{shared.X}}` left as they are), which is what drift
 * detection compares against.
 */
export const VARIABLES_QUERY = /* GraphQL */ `
  query variables($projectId: String!, $environmentId: String!, $serviceId: String!) {
    variables(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId, unrendered: true)
  }
`;

/**
 * Upserts a set of service variables. The client always sends `replace: false` (keys it does not name are kept)
 * and `skipDeploys: true` (a variable change must not redeploy the agent behind the deploy tool's back).
 */
export const VARIABLE_COLLECTION_UPSERT_MUTATION = /* GraphQL */ `
  mutation variableCollectionUpsert($input: VariableCollectionUpsertInput!) {
    variableCollectionUpsert(input: $input)
  }
`;

/** Deletes one service variable; the schema has no bulk delete, so the client calls it once per key. */
export const VARIABLE_DELETE_MUTATION = /* GraphQL */ `
  mutation variableDelete($input: VariableDeleteInput!) {
    variableDelete(input: $input)
  }
`;

/** Deploys one commit of the service's repository; returns the new deployment's id. */
export const SERVICE_INSTANCE_DEPLOY_V2_MUTATION = /* GraphQL */ `
  mutation serviceInstanceDeployV2($commitSha: String, $environmentId: String!, $serviceId: String!) {
    serviceInstanceDeployV2(commitSha: $commitSha, environmentId: $environmentId, serviceId: $serviceId)
  }
`;

/** One deployment, polled until it reaches a final status. */
export const DEPLOYMENT_QUERY = /* GraphQL */ `
  query deployment($id: String!) {
    deployment(id: $id) {
      id
      status
      createdAt
      meta
      canRollback
      url
    }
  }
`;

/**
 * The deployments of one service in one environment, newest first. `status` takes `{ in: [...] }` or
 * `{ notIn: [...] }` (the schema's `DeploymentStatusInput`), not a bare status. `statusUpdatedAt` is when the
 * deployment reached its status: for the SUCCESS one, when it went live (`npm run status`).
 */
export const DEPLOYMENTS_QUERY = /* GraphQL */ `
  query deployments($input: DeploymentListInput!, $first: Int) {
    deployments(input: $input, first: $first) {
      edges {
        node {
          id
          status
          createdAt
          statusUpdatedAt
          meta
          canRedeploy
          canRollback
          url
        }
      }
    }
  }
`;

/** Rolls the service back to an earlier deployment (Railway creates a new deployment from it). */
export const DEPLOYMENT_ROLLBACK_MUTATION = /* GraphQL */ `
  mutation deploymentRollback($id: String!) {
    deploymentRollback(id: $id)
  }
`;

/**
 * Creates a new deployment from an existing one: the same source (commit or image) and build/deploy configuration,
 * with the service's current variables. It is what the official CLI's `railway redeploy` sends
 * (railwayapp/cli, src/gql/mutations/strings/DeploymentRedeploy.graphql) and what Railway's CLI docs
 * (docs.railway.com/cli/redeploy) name for "applying environment variable changes". `usePreviousImageTag: true`
 * keeps the image of the deployment redeployed instead of pulling its tag again (schema: Mutation.deploymentRedeploy).
 */
export const DEPLOYMENT_REDEPLOY_MUTATION = /* GraphQL */ `
  mutation deploymentRedeploy($id: String!, $usePreviousImageTag: Boolean) {
    deploymentRedeploy(id: $id, usePreviousImageTag: $usePreviousImageTag) {
      id
      status
      createdAt
      meta
      canRollback
      url
    }
  }
`;

/** The newest deployment of one service instance, for `agent-deploy status`. */
export const LATEST_DEPLOYMENT_QUERY = /* GraphQL */ `
  query serviceInstance($environmentId: String!, $serviceId: String!) {
    serviceInstance(environmentId: $environmentId, serviceId: $serviceId) {
      latestDeployment {
        id
        status
        createdAt
        meta
        canRollback
        url
      }
    }
  }
`;

/** Every document above, by operation name; the schema test iterates this. */
export const RAILWAY_DOCUMENTS = {
  variables: VARIABLES_QUERY,
  variableCollectionUpsert: VARIABLE_COLLECTION_UPSERT_MUTATION,
  variableDelete: VARIABLE_DELETE_MUTATION,
  serviceInstanceDeployV2: SERVICE_INSTANCE_DEPLOY_V2_MUTATION,
  deployment: DEPLOYMENT_QUERY,
  deployments: DEPLOYMENTS_QUERY,
  deploymentRollback: DEPLOYMENT_ROLLBACK_MUTATION,
  deploymentRedeploy: DEPLOYMENT_REDEPLOY_MUTATION,
  serviceInstance: LATEST_DEPLOYMENT_QUERY,
} as const;

/** The name of a Railway operation this project performs. */
export type RailwayOperation = keyof typeof RAILWAY_DOCUMENTS;
