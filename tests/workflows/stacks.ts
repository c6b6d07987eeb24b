/**
 * The workflows' stack lists against the declared environments (lib/environments.ts): a workflow cannot ask the
 * TypeScript declaration at run time, so its lists are literal, and this check keeps them equal to it. For each
 * declared stack: its branch is among the branches whose pushes deploy, the deploy's `github.ref_name` expressions
 * map that branch to the stack, the dispatches' branch checks expect it, and every `stack` matrix and `stack` input
 * lists exactly the declared stacks.
 */
import { parse } from "yaml";
import { type Job, type Obj, isObj } from "./rules";

/** What the check needs of a declared stack. */
export interface DeclaredStack {
  name: string;
  branch: string;
}

/**
 * Evaluates the `github.ref_name` expressions the workflows use for a branch: a chain of
 * `github.ref_name == 'x' && 'y' || …`, ending in a literal or in `github.ref_name` itself. Undefined for anything
 * else (the check then names the expression as one it cannot read).
 */
export function evaluateRefExpression(expression: string, refName: string): string | undefined {
  for (const part of expression.split("||").map((p) => p.trim())) {
    const guarded = /^github\.ref_name\s*==\s*'([^']*)'\s*&&\s*'([^']*)'$/.exec(part);
    if (guarded) {
      if (guarded[1] === refName) return guarded[2];
      continue;
    }
    if (part === "github.ref_name") return refName;
    const literal = /^'([^']*)'$/.exec(part);
    return literal ? literal[1] : undefined;
  }
  return undefined;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/** Every place where a workflow's stack list differs from the declared stacks, as `file: where: what`. */
export function stackListFindings(
  workflows: Readonly<Record<string, string>>,
  stacks: readonly DeclaredStack[],
): string[] {
  const names = stacks.map((s) => s.name);
  const out: string[] = [];
  for (const [file, text] of Object.entries(workflows)) {
    const wf = parse(text) as Obj;
    const on = isObj(wf.on) ? wf.on : {};
    const push = isObj(on.push) ? on.push : undefined;
    const dispatch = isObj(on.workflow_dispatch) ? on.workflow_dispatch : {};
    const stackInput = isObj(dispatch.inputs) && isObj(dispatch.inputs.stack) ? dispatch.inputs.stack : undefined;
    if (stackInput && !same((stackInput.options as string[] | undefined) ?? [], names))
      out.push(`${file}: inputs.stack.options: expected ${names.join(", ")}`);
    const deploys = Object.values((wf.jobs ?? {}) as Record<string, Job>).some((j) =>
      (j.steps ?? []).some((s) => /(^|[;&|(])\s*pulumi\s+up\b/m.test(s.run ?? "")),
    );
    if (deploys && push) {
      const branches = (push.branches as string[] | undefined) ?? [];
      if (
        !same(
          branches,
          stacks.map((s) => s.branch),
        )
      )
        out.push(`${file}: on.push.branches: expected ${stacks.map((s) => s.branch).join(", ")}`);
      for (const m of text.matchAll(/\$\{\{\s*([^}]*github\.ref_name[^}]*?)\s*\}\}/g)) {
        for (const s of stacks) {
          const value = evaluateRefExpression(m[1], s.branch);
          if (value !== s.name)
            out.push(`${file}: ${m[1]}: a push to ${s.branch} gives ${value ?? "?"}, not ${s.name}`);
        }
      }
    }
    // The shell idiom that checks the branch a dispatch runs from: [ "$STACK" = production ] && echo main || echo staging
    for (const m of text.matchAll(/\[ "\$STACK" = ([\w-]+) \] && echo ([\w./-]+) \|\| echo ("\$STACK"|[\w./-]+)/g)) {
      for (const s of stacks) {
        const otherwise = m[3] === '"$STACK"' ? s.name : m[3];
        const expected = s.name === m[1] ? m[2] : otherwise;
        if (expected !== s.branch)
          out.push(`${file}: ${m[0]}: gives branch ${expected} for ${s.name}, not ${s.branch}`);
      }
    }
    for (const [id, job] of Object.entries((wf.jobs ?? {}) as Record<string, Job>)) {
      const matrix = job.strategy?.matrix?.stack;
      if (matrix !== undefined && !same((matrix as string[]) ?? [], names))
        out.push(`${file}: jobs.${id}.strategy.matrix.stack: expected ${names.join(", ")}`);
    }
  }
  return [...new Set(out)];
}
