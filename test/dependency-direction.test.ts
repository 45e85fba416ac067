import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Pins the direction of the dependencies between the rooms of src/ (README, Architecture): stages
 * depend downward only. It reads the import and export declarations (and `import()` calls) of
 * every non-test file with TypeScript's own parser, so a multi-line or type-only import is read
 * the way the compiler reads it.
 */
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

interface ImportEdge {
  /** The importing file, relative to src/ (`normalize/normalize-item.ts`). */
  from: string;
  /** The imported file, relative to src/; a package keeps its name. */
  to: string;
  typeOnly: boolean;
  /** A file of src/ (not a package or a file outside src/). */
  internal: boolean;
}

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSourceFiles(full);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function readImports(file: string): ImportEdge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const from = path.relative(SRC, file);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const to = specifier.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), specifier)) : specifier;
    edges.push({ from, to, typeOnly, internal: specifier.startsWith('.') && !to.startsWith('..') });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allNamedTypes =
        !clause?.name &&
        bindings !== undefined &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier.text, Boolean(clause?.isTypeOnly) || allNamedTypes);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const edges = listSourceFiles(SRC).flatMap(readImports);
const roomOf = (file: string) => file.split(path.sep)[0];
const describeEdge = (edge: ImportEdge) => `${edge.from} → ${edge.to}${edge.typeOnly ? ' (type)' : ''}`;

describe('dependency direction in src/', () => {
  it('reads the imports of the source tree', () => {
    // a guard against a scan that silently finds nothing (a moved src/, a parser change)
    expect(edges.filter((edge) => edge.from.startsWith(`normalize${path.sep}`)).length).toBeGreaterThan(10);
    expect(edges.some((edge) => edge.from === path.join('cli', 'open-app.ts') && edge.to === path.join('db', 'database.ts'))).toBe(true);
  });

  it('keeps the pure stages (normalize, digest, rank) off storage and the config loaders', () => {
    const pure = new Set(['normalize', 'digest', 'rank']);
    const offending = edges.filter((edge) => {
      if (!pure.has(roomOf(edge.from)) || !edge.internal) return false;
      const room = roomOf(edge.to);
      if (room === 'store' || room === 'db') return true;
      // the configuration's types are what a stage is given; loading it (files, env) is the edge's job
      return room === 'config' && !(edge.to === path.join('config', 'schema.ts') && edge.typeOnly);
    });
    expect(offending.map(describeEdge)).toEqual([]);
  });

  it('keeps src/shared the ground floor: it imports nothing else from src/', () => {
    const offending = edges.filter((edge) => roomOf(edge.from) === 'shared' && edge.internal && roomOf(edge.to) !== 'shared');
    expect(offending.map(describeEdge)).toEqual([]);
  });

  it('lets the rooms of a refresh import only the ones below them', () => {
    // fetch → parse → normalize → digest: each may use the ones before it, never the ones after
    const order = ['shared', 'config', 'db', 'fetch', 'parse', 'normalize', 'digest'];
    const offending = edges.filter((edge) => {
      if (!edge.internal) return false;
      const from = order.indexOf(roomOf(edge.from));
      const to = order.indexOf(roomOf(edge.to));
      return from !== -1 && to !== -1 && to > from;
    });
    expect(offending.map(describeEdge)).toEqual([]);
  });

  it('keeps the rooms the review UI uses (read, draft, curate, quality) from importing the UI itself', () => {
    const below = new Set(['read', 'draft', 'curate', 'quality']);
    const offending = edges.filter((edge) => below.has(roomOf(edge.from)) && edge.internal && roomOf(edge.to) === 'review');
    expect(offending.map(describeEdge)).toEqual([]);
  });

  it('has no two files importing each other', () => {
    const pairs = new Set(edges.map((edge) => `${edge.from}\0${edge.to}`));
    const cycles = edges.filter((edge) => edge.from < edge.to && pairs.has(`${edge.to}\0${edge.from}`));
    expect(cycles.map(describeEdge)).toEqual([]);
  });
});
