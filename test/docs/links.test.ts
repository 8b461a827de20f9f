/**
 * Every relative link in README.md and docs/*.md points to a file that exists, and a link with an
 * anchor (`page.md#section`, `#section`) to a heading of that page, with anchors made as GitHub
 * makes them from headings. Pages the scenario files cite (`docs/domain.md`) must exist too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const DOCS = join(ROOT, 'docs');
const PAGES = [
  join(ROOT, 'README.md'),
  ...readdirSync(DOCS)
    .filter((n) => n.endsWith('.md'))
    .map((n) => join(DOCS, n)),
];

/** The text outside fenced code blocks and inline code spans, where links and headings count. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a page's headings, with -1, -2 … on repeats as GitHub numbers them. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const text = readFileSync(file, 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

interface Link {
  page: string;
  target: string;
}

function links(page: string): Link[] {
  const text = prose(readFileSync(page, 'utf8'));
  return [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => ({ page, target: m[1] })).filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l.target));
}

/** Why a link does not resolve, or undefined when it does. */
function problem(link: Link): string | undefined {
  const hash = link.target.indexOf('#');
  const path = hash < 0 ? link.target : link.target.slice(0, hash);
  const anchor = hash < 0 ? undefined : decodeURIComponent(link.target.slice(hash + 1));
  const file = path === '' ? link.page : resolve(dirname(link.page), decodeURIComponent(path));
  if (!existsSync(file)) return `${relative(ROOT, file)} does not exist`;
  if (anchor === undefined) return undefined;
  if (statSync(file).isDirectory() || !file.endsWith('.md')) return `#${anchor}: anchors are checked only in markdown pages`;
  return anchors(file).has(anchor) ? undefined : `${relative(ROOT, file)} has no heading with the anchor #${anchor}`;
}

describe('links between the docs', () => {
  it('are found in the README and in every page', () => {
    expect(links(join(ROOT, 'README.md')).length).toBeGreaterThan(0);
    expect(PAGES.length).toBeGreaterThan(1);
  });

  for (const page of PAGES) {
    it(`resolve in ${relative(ROOT, page)}, anchors included`, () => {
      const broken = links(page)
        .map((l) => ({ target: l.target, why: problem(l) }))
        .filter((b) => b.why !== undefined)
        .map((b) => `(${b.target}): ${b.why}`);
      expect(broken).toEqual([]);
    });
  }

  it('make anchors as GitHub does', () => {
    expect(slug('10. Calibration')).toBe('10-calibration');
    expect(slug('Overriding fields: --set')).toBe('overriding-fields---set');
    expect(slug('Lessors (`lessor.ts`, `market.ts`)')).toBe('lessors-lessorts-marketts');
    expect(slug('summary.json')).toBe('summaryjson');
  });

  it('include every docs page the scenario files cite, and the scenario files cite no page outside the repository', () => {
    const cited = new Set<string>();
    const outside: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ya?ml$/.test(name)) {
          const text = readFileSync(path, 'utf8');
          for (const m of text.matchAll(/\bdocs\/[\w-]+\.md\b/g)) cited.add(m[0]);
          if (/\b(DOMAIN|MODEL|OBSERVED|ARCHITECTURE)\.md\b/.test(text)) outside.push(relative(ROOT, path));
        }
      }
    };
    walk(join(ROOT, 'scenarios'));
    expect(cited.size).toBeGreaterThan(0);
    expect([...cited].filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
    expect(outside).toEqual([]);
  });
});
