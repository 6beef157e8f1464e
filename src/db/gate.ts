// The one gate between a database file and its readers: a start, a reload (SIGHUP), `npm run import` and
// `npm run import -- --check` all run it, so whatever imports, serves.
import type { FastifyInstance } from 'fastify';
import { buildApp, SelfCheckError, selfCheckRequests } from '../app.ts';
import type { Config } from '../config.ts';
import type { Figure, Snapshot } from '../domain/types.ts';
import type { Db } from './client.ts';
import { loadSnapshot, loadSnapshotInSlices } from './load-snapshot.ts';
import { prepareDatabase } from './prepare.ts';

/** A database that cannot be served: the message (one line) names the request, the period and the figure. */
export class GateError extends Error {
  readonly url: string;
  readonly period: string | null;
  readonly figure: string | null;
  constructor(file: string, failure: SelfCheckError, figure: Figure | null, tried: number) {
    const period = failure.period ?? 'the default (latest) period';
    const culprit = figure
      ? `figure "${figure.id}" (${figure.measure} ${figure.value}, resolution ${figure.resolution}) breaks it`
      : `no single figure of the period was found to break it (${tried} tried)`;
    super(
      oneLine(
        `${file} cannot be served: GET ${failure.url} (period ${period}) answers ${failure.status}; ${culprit}. ${failure.detail}`,
      ),
    );
    this.name = 'GateError';
    this.url = failure.url;
    this.period = failure.period;
    this.figure = figure?.id ?? null;
  }
}

/** Several lines (a Zod error's) as one, for a log line or a terminal. */
export const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, '; ').trim();

/** Figures tried one at a time to find the one a failing reply stands on; a hostile file cannot make it slow. */
const MAX_SUSPECTS = 300;

/**
 * The figure without which the failing request is served: tried one at a time, among the figures of its period (or
 * of every period when the request is about none), in the app's own store, which is then put back.
 */
async function findCulprit(
  app: FastifyInstance,
  failure: SelfCheckError,
): Promise<{ figure: Figure | null; tried: number }> {
  const snapshot = app.store.snapshot;
  const period =
    failure.period ?? (failure.url.startsWith('/v1/figures') ? null : snapshot.periods.at(-1)?.id);
  const suspects = snapshot.figures.filter((f) => period === null || f.periodId === period);
  if (suspects.length > MAX_SUSPECTS) return { figure: null, tried: 0 };
  const request = selfCheckRequests(snapshot).find((r) => r.url === failure.url);
  if (!request) return { figure: null, tried: 0 };
  try {
    for (const figure of suspects) {
      app.store.replace({ ...snapshot, figures: snapshot.figures.filter((f) => f !== figure) });
      try {
        await app.selfCheck([request]);
        return { figure, tried: suspects.length };
      } catch {
        // Still failing without it: not this one (alone).
      }
    }
    return { figure: null, tried: suspects.length };
  } finally {
    app.store.replace(snapshot);
  }
}

/** Runs the self-check of `app`; a failure becomes a GateError naming its request, period and figure. */
export async function checkApp(app: FastifyInstance, file: string): Promise<void> {
  try {
    await app.selfCheck();
  } catch (err) {
    if (!(err instanceof SelfCheckError)) throw err;
    const { figure, tried } = await findCulprit(app, err);
    throw new GateError(file, err, figure, tried);
  }
}

export interface Checked {
  db: Db;
  /** The app the check ran on; its store holds the data and the replies it rendered. Close it when done. */
  app: FastifyInstance;
}

/**
 * Opens `file` as the server does (schema, integrity), loads it (in slices, between which the event loop serves,
 * when `inSlices`), builds an app on it and renders every reply of the self-check. Throws DatabaseStartupError or
 * GateError, leaving nothing open.
 */
export async function openChecked(file: string, config: Config, { inSlices = false } = {}): Promise<Checked> {
  const db = prepareDatabase(file);
  let app: FastifyInstance | undefined;
  try {
    const snapshot: Snapshot = inSlices ? await loadSnapshotInSlices(db) : loadSnapshot(db);
    app = await buildApp({ config, db, snapshot });
    await checkApp(app, file);
    return { db, app };
  } catch (err) {
    await app?.close();
    db.$client.close();
    throw err;
  }
}

/** The gate alone, for a candidate nobody is served from yet (an import's): quiet, never shedding its own requests. */
export async function checkServable(file: string, config: Config): Promise<void> {
  const { db, app } = await openChecked(file, { ...config, LOG_LEVEL: 'silent', MAX_EVENT_LOOP_DELAY_MS: 0 });
  await app.close();
  db.$client.close();
}
