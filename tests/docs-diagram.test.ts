// The environment diagrams of docs/RUNBOOK.md: drawn from each stack's synth, names of secrets only, the feature
// previews' sharing with staging visible, and stale (a failing docs test) as soon as the program changes.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { loadDocsSource, renderRunbook, RUNBOOK_PATH } from "../dev/docs";
import { environmentDiagram, type EnvironmentDiagram, previewsShare } from "../dev/docs/diagram";
import { renderDiagram } from "../dev/docs/mermaid";
import type { DocsSource } from "../dev/docs/render";
import { SECRET_CATALOG } from "../lib/catalog";
import { synth } from "./harness";

describe("environment diagrams", () => {
  let source: DocsSource;
  let production: EnvironmentDiagram;
  let staging: EnvironmentDiagram;
  before(async function () {
    this.timeout(120_000);
    source = await loadDocsSource();
    [production, staging] = source.diagrams ?? [];
  });

  const edges = (d: EnvironmentDiagram, kind: string, to?: string) =>
    d.edges.filter((e) => e.kind === kind && (to === undefined || e.to === to));
  const secretsInto = (d: EnvironmentDiagram, to: string) =>
    edges(d, "secret", to)
      .map((e) => e.from.slice(7))
      .sort();

  it("draws one diagram per stack with its services", () => {
    assert.deepEqual(
      source.diagrams?.map((d) => d.stack),
      ["production", "staging"],
    );
    for (const d of [production, staging])
      for (const kind of ["frontend", "agent", "database", "monitor", "alert", "github", "deploy"])
        assert.ok(
          d.nodes.some((n) => n.kind === kind),
          `${d.stack}: ${kind}`,
        );
    assert.ok(!production.nodes.some((n) => n.kind === "previews"), "production has no feature previews");
  });

  it("shows which secrets flow to which service, each environment only its own", () => {
    // What the running agent carries; the deploy credentials are not among them.
    assert.deepEqual(secretsInto(staging, "agent"), [
      "SENTRY_DSN",
      "STAGING_OPENAI_API_KEY",
      "STAGING_SUPABASE_SECRET_KEY",
    ]);
    assert.deepEqual(secretsInto(production, "agent"), [
      "LANGCHAIN_API_KEY",
      "PRODUCTION_OPENAI_API_KEY",
      "PRODUCTION_SUPABASE_SECRET_KEY",
      "SENTRY_DSN",
    ]);
    // The Railway and Vercel tokens go to the deploy tools (deploy/), which act on the apps.
    assert.deepEqual(secretsInto(production, "deploy"), ["RAILWAY_TOKEN", "VERCEL_TOKEN"]);
    assert.deepEqual(secretsInto(staging, "deploy"), ["RAILWAY_STAGING_TOKEN", "vercel:apiToken"]);
    for (const d of [production, staging]) {
      for (const app of ["frontend", "agent", "previews"])
        for (const token of ["RAILWAY_TOKEN", "RAILWAY_STAGING_TOKEN", "VERCEL_TOKEN", "vercel:apiToken"])
          assert.ok(!secretsInto(d, app).includes(token), `${d.stack}: ${token} drawn into ${app}`);
      assert.deepEqual(
        edges(d, "uses")
          .filter((e) => e.from === "deploy" && e.label === "deploys")
          .map((e) => e.to)
          .sort(),
        ["agent", "frontend"],
      );
    }
    assert.deepEqual(secretsInto(production, "alert"), ["ALERT_WEBHOOK_URL"]);
    const of = (env: string) => new Set(SECRET_CATALOG.filter((s) => s.environment === env).map((s) => s.name));
    for (const d of [production, staging]) {
      const other = d.stack === "production" ? "staging" : "production";
      const foreign = d.nodes.filter((n) => n.kind === "secret" && of(other).has(n.label[0]));
      assert.deepEqual(foreign, [], `${d.stack} shows a secret of ${other}`);
    }
  });

  it("shows what the feature previews share with staging: its agent, its database, its secrets", () => {
    assert.deepEqual(
      edges(staging, "uses")
        .filter((e) => e.from === "previews")
        .map((e) => [e.to, e.label]),
      [
        ["agent", "NEXT_PUBLIC_AGENT_URL"],
        ["database", "NEXT_PUBLIC_SUPABASE_URL"],
      ],
    );
    assert.deepEqual(secretsInto(staging, "previews"), [
      "SENTRY_DSN",
      "STAGING_SUPABASE_PUBLISHABLE_KEY",
      "STAGING_SUPABASE_SECRET_KEY",
    ]);
    assert.ok(edges(staging, "redirects", "previews").length === 1, "Supabase allows the previews' auth redirects");
    assert.match(renderDiagram(staging), /^Feature previews share with `staging`: Agent: Railway service; Supabase/m);
    assert.equal(previewsShare(production), undefined);
  });

  it("renders valid-looking Mermaid: every edge between declared nodes, safe ids, no secret value", () => {
    for (const d of [production, staging]) {
      const text = renderDiagram(d);
      assert.match(text, /^```mermaid\nflowchart LR\n/);
      const ids = new Set([...text.matchAll(/^ {2,4}([A-Za-z0-9_]+)[[({>]/gm)].map((m) => m[1]));
      for (const [, from, to] of text.matchAll(/^ {2}([A-Za-z0-9_]+) -\.?->(?:\|[^|]*\|)? ([A-Za-z0-9_]+)$/gm)) {
        assert.ok(ids.has(from) && ids.has(to), `${d.stack}: ${from} -> ${to}`);
      }
      assert.doesNotMatch(text, /synth-placeholder|\[secret\]/);
    }
  });

  it("goes stale when the program changes, so the docs test fails until `npm run docs`", async function () {
    this.timeout(120_000);
    const moved = environmentDiagram(
      await synth("staging", { "chef-chopsky:agentUrl": "https://chef-chopsky-staging-2.up.railway.app" }),
    );
    assert.match(renderDiagram(moved), /chef-chopsky-staging-2\.up\.railway\.app/);
    const text = fs.readFileSync(RUNBOOK_PATH, "utf8");
    assert.equal(renderRunbook(text, source), text);
    assert.notEqual(renderRunbook(text, { ...source, diagrams: [production, moved] }), text);
  });
});
