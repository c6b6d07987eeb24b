/**
 * How many UptimeRobot API calls the dynamic providers make, against the local fake: UptimeRobot's Free plan allows
 * 10 requests a minute, so calls per operation is the number that decides whether an up or a refresh is throttled.
 * Run alone with `npm run bench -- uptimerobot`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { UptimeRobotFake } from "../../tests/fakes/uptimerobot";
import { alertContactProvider } from "../../providers/uptimerobot/alert-contact";
import type { AlertContactState, MonitorState } from "../../providers/uptimerobot/logic";
import { monitorProvider } from "../../providers/uptimerobot/monitor";
import { setProviderRuntimeForTests } from "../../providers/kit";
import { API_KEY_CONFIG } from "../../providers/uptimerobot/runtime";
import { type BenchResult, stackConfig } from "./util";

type Provider<T> = Required<pulumi.dynamic.ResourceProvider<T, T>>;
const monitors = monitorProvider as Provider<MonitorState>;
const contacts = alertContactProvider as Provider<AlertContactState>;
const REFRESHED = 10;

/** Runs the scenarios and returns one line per operation: API calls, writes, and calls per resource. */
export async function benchUptimeRobot(): Promise<BenchResult> {
  const fake = new UptimeRobotFake();
  await fake.start();
  const lines: string[] = [];
  const measure = async (label: string, resources: number, run: () => Promise<unknown>) => {
    fake.resetCalls();
    await run();
    const calls = fake.count();
    const perResource = (calls / resources).toFixed(2);
    lines.push(`${label}: ${calls} calls (${perResource} per resource), ${fake.count({ write: true })} writes`);
  };
  try {
    await monitors.configure(stackConfig(API_KEY_CONFIG, fake.apiKey));
    const contactInputs: AlertContactState = {
      apiUrl: fake.apiUrl,
      friendlyName: "Chef Chopsky production alerts",
      type: 5,
      value: "https://hooks.example.test/bench",
    };
    const monitor = (role: string, contactId: string): MonitorState => ({
      apiUrl: fake.apiUrl,
      friendlyName: `Chef Chopsky production ${role}`,
      url: `https://chef-chopsky-production.example.test/${role}`,
      type: 1,
      interval: 300,
      alertContactIds: [contactId],
    });

    let contactId = "";
    const declared: MonitorState[] = [];
    const ids: string[] = [];
    await measure("create (alert contact + 2 monitors)", 3, async () => {
      contactId = (await contacts.create(contactInputs)).id;
      for (const role of ["frontend", "agent"]) {
        declared.push(monitor(role, contactId));
        ids.push((await monitors.create(declared[declared.length - 1])).id);
      }
    });

    await measure("re-run of create for the 2 existing monitors (adopts, no duplicate)", 2, async () => {
      for (const inputs of declared) await monitors.create(inputs);
    });

    await measure("create of an alert contact whose reply is lost (looks again, adopts)", 1, async () => {
      fake.inject({ kind: "lost" }, 1, "newAlertContact");
      await contacts.create({ ...contactInputs, value: "https://hooks.example.test/bench-2" });
    });

    for (let i = declared.length; i < REFRESHED; i++) {
      declared.push(monitor(`extra-${i}`, contactId));
      ids.push((await monitors.create(declared[i])).id);
    }
    await measure(`refresh (read) of ${REFRESHED} unchanged monitors`, REFRESHED, async () => {
      for (let i = 0; i < REFRESHED; i++) await monitors.read(ids[i], declared[i]);
    });

    await measure(`up with no change (check + diff of ${REFRESHED + 1} resources)`, REFRESHED + 1, async () => {
      await contacts.check(contactInputs, contactInputs);
      await contacts.diff(contactId, contactInputs, contactInputs);
      for (let i = 0; i < REFRESHED; i++) {
        const { inputs } = await monitors.check(declared[i], declared[i]);
        const diff = await monitors.diff(ids[i], declared[i], inputs!);
        if (diff.changes) throw new Error(`bench: unexpected change in ${declared[i].friendlyName}`);
      }
    });
  } finally {
    setProviderRuntimeForTests();
    await fake.stop();
  }
  return { name: "UptimeRobot API calls", lines };
}
