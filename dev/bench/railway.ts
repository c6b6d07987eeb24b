// API calls per agent deploy, rollback and refresh, counted by the local fakes of Railway and Supabase (no network):
// the deploy tool runs in-process against the Railway fake (which also serves /health), the dynamic providers'
// create and read run against both fakes. The counts are what a rate-limited API sees from one `pulumi up` or
// `pulumi refresh` of the agent and the database.
import { ServiceVariablesProvider, type ServiceVariablesOutputs } from "../../providers/railway/variables-provider";
import { AuthSettingsProvider, type AuthSettingsOutputs } from "../../providers/supabase/auth-settings-provider";
import { RailwayFake } from "../../tests/fakes/railway";
import { SupabaseFake } from "../../tests/fakes/supabase";
import { main } from "../../deploy/agent-deploy";
import { type BenchResult, callSummary, runTool, stackConfig } from "./util";

const COMMITS = ["a".repeat(40), "b".repeat(40)];

/**
 * Runs the benchmark.
 * @returns its name and one line per measured action.
 */
export async function benchRailway(): Promise<BenchResult> {
  const railway = new RailwayFake();
  const supabase = new SupabaseFake();
  await Promise.all([railway.start(), supabase.start()]);
  const tool = (argv: string[], commit: string) =>
    runTool("agent-deploy", main, argv, { ...railway.deployToolEnv, AGENT_COMMIT: commit, AGENT_DEPLOY_POLL_MS: "1" });
  const lines: string[] = [];
  try {
    // One deploy: QUEUED → BUILDING → DEPLOYING → SUCCESS is four polls with the fake's one-step-per-poll pace.
    await tool(["deploy"], COMMITS[0]);
    lines.push(`deploy (4 status steps): ${callSummary(railway)}`);
    await tool(["deploy"], COMMITS[1]);
    railway.resetCalls();
    await tool(["rollback"], COMMITS[1]);
    lines.push(`rollback (3 status steps): ${callSummary(railway)}`);

    const variables = new ServiceVariablesProvider();
    const auth = new AuthSettingsProvider();
    await variables.configure(stackConfig("chef-chopsky:railwayToken", railway.projectToken));
    await auth.configure(stackConfig("chef-chopsky:supabaseAccessToken", supabase.token));
    const vars = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`VAR_${i}`, `value-${i}`]));
    railway.resetCalls();
    const v = await variables.create({ ...railway.target, variables: vars, apiUrl: railway.graphqlUrl });
    const a = await auth.create({
      projectRef: supabase.projectRef,
      siteUrl: "https://chef-chopsky.vercel.app",
      uriAllowList: "https://chef-chopsky.vercel.app",
      apiUrl: supabase.url,
    });
    lines.push(
      `create (10 variables + auth settings): Railway ${callSummary(railway)}; Supabase ${callSummary(supabase)}`,
    );
    railway.resetCalls();
    supabase.resetCalls();
    await variables.read(v.id, v.outs as ServiceVariablesOutputs);
    await auth.read(a.id, a.outs as AuthSettingsOutputs);
    const total = railway.calls.length + supabase.calls.length;
    lines.push(
      `refresh (read of variables + auth settings): ${total} calls: Railway ${callSummary(railway)}; Supabase ${callSummary(supabase)}`,
    );
  } finally {
    await Promise.all([railway.stop(), supabase.stop()]);
  }
  return { name: "railway: API calls per deploy / rollback / refresh", lines };
}
