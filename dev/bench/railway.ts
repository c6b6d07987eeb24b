// API calls per agent deploy, rollback and refresh, counted by the local fakes of Railway and Supabase (no network):
// the deploy tool runs in-process against the Railway fake (which also serves /health), the dynamic providers'
// create and read run against both fakes. The counts are what a rate-limited API sees from one `pulumi up` or
// `pulumi refresh` of the agent and the database.
import { ServiceVariablesProvider, type ServiceVariablesOutputs } from "../../providers/railway/variables-provider";
import { AuthSettingsProvider, type AuthSettingsOutputs } from "../../providers/supabase/auth-settings-provider";
import { RailwayFake } from "../../tests/fakes/railway";
import type { FakeServer } from "../../tests/fakes/server";
import { SupabaseFake } from "../../tests/fakes/supabase";
import { main } from "../../deploy/agent-deploy";

const COMMITS = ["a".repeat(40), "b".repeat(40)];

/** "N calls (op x, op y)" of a fake's log. */
function summary(fake: FakeServer): { total: number; text: string } {
  const byOp = new Map<string, number>();
  for (const c of fake.calls) byOp.set(c.operation, (byOp.get(c.operation) ?? 0) + 1);
  const parts = [...byOp].map(([op, n]) => `${op} ${n}`).join(", ");
  return { total: fake.calls.length, text: `${fake.calls.length} calls (${parts})` };
}

async function tool(fake: RailwayFake, argv: string[], commit: string): Promise<number> {
  const env = {
    RAILWAY_TOKEN: fake.projectToken,
    RAILWAY_PROJECT_ID: fake.projectId,
    RAILWAY_ENVIRONMENT_ID: fake.environmentId,
    RAILWAY_SERVICE_ID: fake.serviceId,
    RAILWAY_API_URL: fake.graphqlUrl,
    AGENT_URL: fake.agentUrl,
    AGENT_COMMIT: commit,
    AGENT_DEPLOY_POLL_MS: "1",
  };
  const code = await main(argv, { stdout: () => {}, stderr: () => {}, env });
  if (code !== 0) throw new Error(`bench: agent-deploy ${argv.join(" ")} exited ${code}`);
  return code;
}

/**
 * Runs the benchmark.
 * @returns its name and one line per measured action.
 */
export async function benchRailway(): Promise<{ name: string; lines: string[] }> {
  const railway = new RailwayFake();
  const supabase = new SupabaseFake();
  await Promise.all([railway.start(), supabase.start()]);
  const lines: string[] = [];
  try {
    // One deploy: QUEUED → BUILDING → DEPLOYING → SUCCESS is four polls with the fake's one-step-per-poll pace.
    await tool(railway, ["deploy"], COMMITS[0]);
    lines.push(`deploy (4 status steps): ${summary(railway).text}`);
    await tool(railway, ["deploy"], COMMITS[1]);
    railway.resetCalls();
    await tool(railway, ["rollback"], COMMITS[1]);
    lines.push(`rollback (3 status steps): ${summary(railway).text}`);

    const saved = {
      RAILWAY_TOKEN: process.env.RAILWAY_TOKEN,
      SUPABASE_ACCESS_TOKEN: process.env.SUPABASE_ACCESS_TOKEN,
    };
    process.env.RAILWAY_TOKEN = railway.projectToken;
    process.env.SUPABASE_ACCESS_TOKEN = supabase.token;
    try {
      const variables = new ServiceVariablesProvider();
      const auth = new AuthSettingsProvider();
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
        `create (10 variables + auth settings): Railway ${summary(railway).text}; Supabase ${summary(supabase).text}`,
      );
      railway.resetCalls();
      supabase.resetCalls();
      await variables.read(v.id, v.outs as ServiceVariablesOutputs);
      await auth.read(a.id, a.outs as AuthSettingsOutputs);
      const r = summary(railway);
      const s = summary(supabase);
      lines.push(
        `refresh (read of variables + auth settings): ${r.total + s.total} calls: Railway ${r.text}; Supabase ${s.text}`,
      );
    } finally {
      for (const [k, val] of Object.entries(saved)) {
        if (val === undefined) delete process.env[k];
        else process.env[k] = val;
      }
    }
  } finally {
    await Promise.all([railway.stop(), supabase.stop()]);
  }
  return { name: "railway: API calls per deploy / rollback / refresh", lines };
}

if (require.main === module) {
  benchRailway().then(
    (result) => console.log(`${result.name}\n${result.lines.map((l) => `  ${l}`).join("\n")}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
