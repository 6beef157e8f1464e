// docs/cookbook.md cannot drift: every command in it runs (bash, curl) against the real server, and the answer the
// page shows is what the command prints. An answer is abridged with "…": the pieces between must appear in the
// output, in order.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serverOnItsOwnDatabase } from '../helpers/process.ts';

const COOKBOOK = fs.readFileSync(new URL('../../docs/cookbook.md', import.meta.url), 'utf8');

interface Recipe {
  title: string;
  command: string;
  answer: string;
}

/** Each `## ` section's ```sh block and the ```text block that follows it. */
function recipesOf(markdown: string): Recipe[] {
  const recipes: Recipe[] = [];
  for (const section of markdown.split(/^## /m).slice(1)) {
    const title = section.split('\n', 1)[0]?.trim() ?? '';
    const blocks = [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({
      lang: m[1],
      body: m[2] ?? '',
    }));
    const sh = blocks.findIndex((b) => b.lang === 'sh');
    const answer = blocks[sh + 1];
    if (sh === -1 || answer?.lang !== 'text')
      throw new Error(`"${title}": a \`\`\`sh block then a \`\`\`text answer`);
    recipes.push({ title, command: blocks[sh]?.body ?? '', answer: answer.body });
  }
  return recipes;
}

/** The pieces of an abridged answer, in order. */
const piecesOf = (answer: string) =>
  answer
    .split('…')
    .map((p) => p.trim())
    .filter(Boolean);

/** Where each recipe runs (some write files). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nano-cookbook-'));
const suite = serverOnItsOwnDatabase();
let server: RunningServer;
beforeAll(async () => {
  server = await suite.start();
});
afterAll(async () => {
  await suite.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('docs/cookbook.md', () => {
  const recipes = recipesOf(COOKBOOK);

  it('has ten recipes, each a command and its answer', () => {
    expect(recipes).toHaveLength(10);
    for (const r of recipes) {
      expect(r.command, r.title).toMatch(/\bcurl\b/);
      expect(r.command, `${r.title}: commands use $API, not a fixed address`).not.toMatch(
        /127\.0\.0\.1|localhost/,
      );
      expect(piecesOf(r.answer).length, r.title).toBeGreaterThan(0);
    }
  });

  it.each(recipesOf(COOKBOOK).map((r) => [r.title, r] as const))('%s', (_title, recipe) => {
    const cwd = fs.mkdtempSync(path.join(dir, 'recipe-'));
    const run = spawnSync('bash', ['-e', '-c', recipe.command], {
      cwd,
      env: { ...process.env, API: server.url },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status, `exit status; stderr: ${run.stderr}`).toBe(0);
    const output = run.stdout;
    let from = 0;
    for (const piece of piecesOf(recipe.answer)) {
      const at = output.indexOf(piece, from);
      expect(
        at,
        `not found (in order) in the output:\n${piece}\n--- output ---\n${output.slice(0, 3000)}`,
      ).toBeGreaterThanOrEqual(0);
      from = at + piece.length;
    }
  });

  it('an answer that differs from the output fails (the comparison is not a no-op)', () => {
    const output = 'abc def ghi';
    const found = (answer: string) => {
      let from = 0;
      for (const piece of piecesOf(answer)) {
        const at = output.indexOf(piece, from);
        if (at < 0) return false;
        from = at + piece.length;
      }
      return true;
    };
    expect(found('abc…ghi')).toBe(true);
    expect(found('ghi…abc')).toBe(false);
    expect(found('abc…xyz')).toBe(false);
  });
});
