import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository, whether this runs as source or built into dist/. */
const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/dist\/$/, '');
/** Checked in: `npm run api` writes it, and apiReport.test.ts fails while it differs. */
export const API_REPORT = new URL('docs/api.md', `file://${root}`);

/** One export of one entry, as the report lists it. */
export interface ApiExport {
  readonly entry: string;
  readonly name: string;
  readonly kind: 'value' | 'type';
  readonly signature: string;
  readonly documented: boolean;
}

/** The package's entries, from package.json's exports map, with their source files. */
export function packageEntries(): readonly { readonly entry: string; readonly source: string }[] {
  const manifest = JSON.parse(readFileSync(new URL('package.json', `file://${root}`), 'utf8')) as {
    exports: Record<string, string | { import: string | { default: string } }>;
  };
  return Object.entries(manifest.exports).flatMap(([key, target]) => {
    if (typeof target === 'string') return [];
    const file = typeof target.import === 'string' ? target.import : target.import.default;
    const source = file.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts');
    return [{ entry: key === '.' ? 'gather-sim' : `gather-sim/${key.slice(2)}`, source: `${root}${source}` }];
  });
}

const FLAGS: ts.TypeFormatFlags =
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType |
  ts.TypeFormatFlags.WriteArrowStyleSignature;

/** A type's text as the checker writes it, without the absolute paths of `import("...")` qualifiers. */
function signatureOf(checker: ts.TypeChecker, symbol: ts.Symbol, declaration: ts.Declaration): string {
  return rawSignatureOf(checker, symbol, declaration).replace(/import\("[^"]*"\)\./g, '');
}

function typeParametersOf(declaration: ts.Declaration): string {
  const parameters = ts.getEffectiveTypeParameterDeclarations(declaration as ts.DeclarationWithTypeParameters);
  return parameters.length === 0 ? '' : `<${parameters.map((parameter) => parameter.getText()).join(', ')}>`;
}

function rawSignatureOf(checker: ts.TypeChecker, symbol: ts.Symbol, declaration: ts.Declaration): string {
  if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class) && !(symbol.flags & ts.SymbolFlags.Function)) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const members = checker.getPropertiesOfType(type).map((member) => {
      const optional = member.flags & ts.SymbolFlags.Optional ? '?' : '';
      const memberDeclaration = member.valueDeclaration ?? member.declarations?.[0];
      if (memberDeclaration === undefined) throw new Error(`${symbol.name}.${member.name} has no declaration`);
      const readonly = ts.getCombinedModifierFlags(memberDeclaration) & ts.ModifierFlags.Readonly ? 'readonly ' : '';
      return `${readonly}${member.name}${optional}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(member, declaration), declaration, FLAGS)}`;
    });
    const keyword = symbol.flags & ts.SymbolFlags.Class ? 'class' : 'interface';
    return `${keyword}${typeParametersOf(declaration)} { ${members.join('; ')} }`;
  }
  if (symbol.flags & ts.SymbolFlags.TypeAlias) {
    return `type${typeParametersOf(declaration)} = ${checker.typeToString(checker.getDeclaredTypeOfSymbol(symbol), declaration, FLAGS | ts.TypeFormatFlags.InTypeAlias)}`;
  }
  return checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), declaration, FLAGS);
}

/** Every export of every entry, read from the source with the TypeScript checker. */
export function apiExports(): readonly ApiExport[] {
  const entries = packageEntries();
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (config === undefined) throw new Error('cannot read tsconfig.json');
  const program = ts.createProgram(
    entries.map(({ source }) => source),
    { ...config.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  return entries.flatMap(({ entry, source }) => {
    const file = program.getSourceFile(source);
    if (file === undefined) throw new Error(`${entry}: no source file ${source}`);
    const module = checker.getSymbolAtLocation(file);
    if (module === undefined) throw new Error(`${entry}: ${source} is not a module`);
    return checker.getExportsOfModule(module).map((exported): ApiExport => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (declaration === undefined) throw new Error(`${entry}: ${exported.name} has no declaration`);
      const value = (symbol.flags & ts.SymbolFlags.Value) !== 0;
      const documented = symbol.getDocumentationComment(checker).length > 0 || ts.getJSDocTags(declaration).length > 0;
      return {
        entry,
        name: exported.name,
        kind: value ? 'value' : 'type',
        signature: signatureOf(checker, symbol, declaration),
        documented,
      };
    });
  });
}

/** `1 value`, `2 values`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The report's Markdown: per entry, its values and its types, each with its signature. */
export function formatApiReport(exports: readonly ApiExport[]): string {
  const lines = [
    '# The public API',
    '',
    'Generated by `npm run api` from the entries of `package.json`; `properties/api/apiReport.test.ts`',
    'fails while this file and the source differ, so the public surface changes only on purpose.',
    '',
  ];
  for (const entry of [...new Set(exports.map((one) => one.entry))]) {
    const ofEntry = exports
      .filter((one) => one.entry === entry)
      .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'value' ? -1 : 1));
    const values = ofEntry.filter((one) => one.kind === 'value').length;
    lines.push(
      `## \`${entry}\``,
      '',
      `${count(values, 'value')}, ${count(ofEntry.length - values, 'type')}.`,
      '',
      '```ts',
    );
    for (const one of ofEntry) lines.push(`${one.kind === 'type' ? 'type ' : ''}${one.name}: ${one.signature}`);
    lines.push('```', '');
  }
  return lines.join('\n');
}
