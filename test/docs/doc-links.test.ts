import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import t from 'tap';
import { vectorsFile } from '../drivers/ble/shared-paths.js';
import { projectTextFiles, repoRoot } from './helpers/repo-files.js';

/**
 * The project's documentation is its own: every `docs/<page>.md` that code or markdown names is a
 * page in docs/, every section it cites (`§1.11`, `"Reading"`) is a heading of that page, every
 * relative markdown link and anchor resolves, the repository paths the pages name exist, and the
 * vector ids the protocol notes quote are in the device vectors the tests read.
 */

interface Heading {
  readonly text: string;
  readonly number: string | undefined;
  readonly slug: string;
}

const files = projectTextFiles();
const textOf = new Map(files.map((f) => [f, readFileSync(join(repoRoot, f), 'utf8')]));
const docPages = files.filter((f) => /^docs\/[^/]+\.md$/.test(f));
const THIS_FILE = 'test/docs/doc-links.test.ts';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function slugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
}

function headingsOf(markdown: string): Heading[] {
  const slug = slugger();
  const headings: Heading[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const match = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (match?.[1] === undefined) continue;
    const text = match[1];
    headings.push({ text, number: /^(\d+(?:\.\d+)*)\.?(?:\s|$)/.exec(text)?.[1], slug: slug(text) });
  }
  return headings;
}

const headingsByFile = new Map<string, Heading[]>();
function headings(file: string): Heading[] {
  let found = headingsByFile.get(file);
  if (found === undefined) {
    found = headingsOf(readFileSync(join(repoRoot, file), 'utf8'));
    headingsByFile.set(file, found);
  }
  return found;
}

function hasSection(file: string, section: string): boolean {
  return headings(file).some((h) => h.number === section);
}

function hasNamedHeading(file: string, name: string): boolean {
  const wanted = name.toLowerCase();
  return headings(file).some((h) => {
    const text = h.text.toLowerCase();
    return text === wanted || (text.startsWith(wanted) && !/[\p{L}\p{N}]/u.test(text.charAt(wanted.length)));
  });
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The `§n` list right after a reference: `§3.3, §4`, `§1.1 and §1.2`. */
function sectionsAfter(tail: string): { sections: string[]; length: number } {
  const list = /^(?:\s*(?:,|;|and|or)?\s*§\d+(?:\.\d+)*)+/.exec(tail);
  if (list === null) return { sections: [], length: 0 };
  return { sections: [...list[0].matchAll(/§(\d+(?:\.\d+)*)/g)].map((m) => m[1] ?? ''), length: list[0].length };
}

/** Character ranges of a text whose `§` belong to a reference to another page. */
type Spans = [number, number][];

function checkBareReferences(file: string, text: string, problems: string[], spans: Spans): void {
  for (const match of text.matchAll(/(?<![\w/.-])docs\/([\w.-]+\.md)/g)) {
    const page = `docs/${match[1] ?? ''}`;
    const where = `${file}:${lineOf(text, match.index)}`;
    if (!existsSync(join(repoRoot, page))) {
      problems.push(`${where}: ${page} is not a page in docs/`);
      continue;
    }
    const end = match.index + match[0].length;
    const tail = text.slice(end, end + 200);
    const { sections, length } = sectionsAfter(tail);
    spans.push([end, end + length]);
    for (const section of sections) {
      if (!hasSection(page, section)) problems.push(`${where}: ${page} has no section §${section}`);
    }
    const named = /^,\s*"([^"]+)"/.exec(tail);
    if (named?.[1] !== undefined && !hasNamedHeading(page, named[1])) problems.push(`${where}: ${page} has no heading "${named[1]}"`);
  }
}

function checkMarkdownLinks(file: string, text: string, problems: string[], spans: Spans): void {
  for (const match of text.matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)) {
    const [, label = '', target = ''] = match;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const where = `${file}:${lineOf(text, match.index)}`;
    const [pathPart = '', anchor] = target.split('#');
    const resolved = pathPart === '' ? file : normalize(join(dirname(file), pathPart)).split('\\').join('/');
    if (resolved.startsWith('..') || !existsSync(join(repoRoot, resolved))) {
      problems.push(`${where}: link ${target} leads to nothing in the repository`);
      continue;
    }
    if (!resolved.endsWith('.md')) continue;
    if (anchor !== undefined && anchor !== '' && !headings(resolved).some((h) => h.slug === anchor)) {
      problems.push(`${where}: ${resolved} has no heading with the anchor #${anchor}`);
    }
    const labelStart = match.index + 1;
    spans.push([labelStart, labelStart + label.length]);
    for (const section of [...label.matchAll(/§(\d+(?:\.\d+)*)/g)].map((m) => m[1] ?? '')) {
      if (!hasSection(resolved, section)) problems.push(`${where}: ${resolved} has no section §${section}`);
    }
  }
}

/** On a page of docs/, a `§n` that follows no reference to another page is one of its own sections. */
function checkOwnSections(file: string, text: string, problems: string[], spans: Spans): void {
  for (const match of text.matchAll(/§(\d+(?:\.\d+)*)/g)) {
    if (spans.some(([from, to]) => match.index >= from && match.index < to)) continue;
    const section = match[1] ?? '';
    if (!hasSection(file, section)) problems.push(`${file}:${lineOf(text, match.index)}: §${section} is not a section of this page`);
  }
}

t.test('every docs/ page, section and heading the code and the markdown cite exists', async (t) => {
  const problems: string[] = [];
  for (const [file, text] of textOf) {
    const spans: Spans = [];
    checkBareReferences(file, text, problems, spans);
    if (file.endsWith('.md')) checkMarkdownLinks(file, text, problems, spans);
    if (docPages.includes(file)) checkOwnSections(file, text, problems, spans);
  }
  t.same(problems, []);
});

t.test('the docs pages hold the sections the code cites most', async (t) => {
  t.ok(docPages.includes('docs/architecture.md') && docPages.includes('docs/protocols.md'));
  for (const section of ['0.3', '1.1', '1.11', '2', '3.1', '3.4', '4.1', '4.2', '6']) t.ok(hasSection('docs/protocols.md', section), `§${section}`);
});

t.test('nothing points at design notes outside the repository', async (t) => {
  const outside = [['DESIGN', 'md'].join('.'), ['shared', 'docs', ''].join('/'), ['..', 'vectors', 'devices.json'].join('/')];
  const problems: string[] = [];
  for (const [file, text] of textOf) {
    if (file === THIS_FILE) continue;
    for (const name of outside) if (text.includes(name)) problems.push(`${file}: mentions ${name}`);
  }
  t.same(problems, []);
});

t.test('the repository paths the docs pages name exist (lines marked <!-- check --> wait for verification)', async (t) => {
  const topLevel = new Set(files.map((f) => f.split('/')[0] ?? '').filter((segment) => !segment.includes('.') && segment !== 'Makefile'));
  const problems: string[] = [];
  for (const page of docPages) {
    (textOf.get(page) ?? '').split('\n').forEach((line, i) => {
      if (line.includes('<!-- check -->')) return;
      for (const match of line.matchAll(/`([^`\s]+)`/g)) {
        const path = match[1] ?? '';
        if (!/^[\w.-]+\/[\w./-]*$/.test(path) || !topLevel.has(path.split('/')[0] ?? '')) continue;
        if (!existsSync(join(repoRoot, path))) problems.push(`${page}:${i + 1}: ${path} does not exist`);
      }
    });
  }
  t.same(problems, []);
});

t.test('the vector ids the protocol notes quote are in the device vectors the tests read', async (t) => {
  const vectors = JSON.parse(readFileSync(vectorsFile, 'utf8')) as { vectors: { id: string }[] };
  const ids = new Set(vectors.vectors.map((v) => v.id));
  const text = textOf.get('docs/protocols.md') ?? '';
  const quoted = [...text.matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{2})`/g)].map((m) => m[1] ?? '');
  t.ok(quoted.length > 0, 'the notes quote vectors');
  t.same(quoted.filter((id) => !ids.has(id)), [], `every quoted id is in ${relative(repoRoot, vectorsFile)}`);
});
