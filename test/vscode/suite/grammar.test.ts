/**
 * The TextMate grammar, tokenized by the same vscode-textmate and Oniguruma that the running
 * VS Code ships (found under vscode.env.appRoot), so scopes are checked as the editor sees them.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

interface Token { text: string; scopes: string[] }

async function loadTokenizer(): Promise<(text: string) => Token[][]> {
  // code-server and most builds keep them in node_modules; some desktop builds pack them in an asar
  // archive, which Electron's fs reads transparently.
  const modules = [path.join(vscode.env.appRoot, 'node_modules'), path.join(vscode.env.appRoot, 'node_modules.asar')]
    .find((dir) => fs.existsSync(path.join(dir, 'vscode-textmate')));
  assert.ok(modules, `vscode-textmate not found under ${vscode.env.appRoot}`);
   
  const tm = require(path.join(modules, 'vscode-textmate'));
   
  const onig = require(path.join(modules, 'vscode-oniguruma'));
  const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const grammarPath = path.join(extension.extensionPath, extension.packageJSON.contributes.grammars[0].path);
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async () => tm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
  });
  const grammar = await registry.loadGrammar('source.journeymap');
  return (text: string) => {
    let state = tm.INITIAL;
    return text.split('\n').map((line) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
}

describe('TextMate grammar', () => {
  let tokenize: (text: string) => Token[][];
  const scopeOf = (lines: Token[][], line: number, text: string): string => {
    const token = lines[line].find((t) => t.text === text);
    assert.ok(token, `no token "${text}" on line ${line}: ${JSON.stringify(lines[line].map((t) => t.text))}`);
    return token.scopes[token.scopes.length - 1];
  };

  before(async () => {
    tokenize = await loadTokenizer();
  });

  it('scopes format keys, ids, references, feels, metric values with units, dates and directives', () => {
    const lines = tokenize([
      'journeymap: 1',
      '  - id: locked-out',
      '    lane: admin',
      '    next: [reset-request, inbox]',
      '    feels: -2',
      '    fcr: { value: 64%, target: 4h }',
      '    csat: 4.2/5',
      '  last: 2026-09-30',
      '  period: 2026-07-01/2026-09-30',
      '  # journeymap-disable-next-line silent-handoff',
      '    runbook: ../runbooks/account-lockout.md#symptoms',
      '  kind: frontstage',
      '    feels: 2',
    ].join('\n'));
    assert.match(scopeOf(lines, 0, 'journeymap'), /^support\.type\.property-name/);
    assert.strictEqual(scopeOf(lines, 1, 'locked-out'), 'entity.name.type.id.journeymap');
    assert.strictEqual(scopeOf(lines, 2, 'admin'), 'variable.other.reference.journeymap');
    assert.strictEqual(scopeOf(lines, 3, 'inbox'), 'variable.other.reference.journeymap');
    assert.strictEqual(scopeOf(lines, 4, '-2'), 'constant.numeric.feels.negative.journeymap');
    assert.strictEqual(scopeOf(lines, 12, '2'), 'constant.numeric.feels.positive.journeymap');
    assert.strictEqual(scopeOf(lines, 5, '64'), 'constant.numeric.metric.journeymap');
    assert.strictEqual(scopeOf(lines, 5, '%'), 'keyword.other.unit.journeymap');
    assert.strictEqual(scopeOf(lines, 5, 'h'), 'keyword.other.unit.journeymap');
    assert.strictEqual(scopeOf(lines, 6, '/5'), 'keyword.other.unit.journeymap');
    assert.strictEqual(scopeOf(lines, 7, '2026-09-30'), 'constant.numeric.date.journeymap');
    assert.strictEqual(scopeOf(lines, 8, '2026-07-01/2026-09-30'), 'constant.numeric.date.journeymap');
    assert.strictEqual(scopeOf(lines, 9, 'journeymap-disable-next-line'), 'keyword.control.directive.journeymap');
    assert.strictEqual(scopeOf(lines, 10, 'symptoms'), 'entity.name.section.anchor.journeymap');
    assert.strictEqual(scopeOf(lines, 11, 'frontstage'), 'support.constant.enum.journeymap');
  });

  it('tokenizes every example map without falling out of its patterns', () => {
    const examples = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'examples');
    for (const name of fs.readdirSync(examples).filter((n) => /\.journey\.ya?ml$/.test(n))) {
      const lines = tokenize(fs.readFileSync(path.join(examples, name), 'utf8'));
      // Every `id:` value is an id, every comment line is a comment: the grammar never gets stuck in a begin/end rule.
      lines.forEach((tokens, i) => {
        const idKey = tokens.findIndex((t) => t.text === 'id' && t.scopes.some((s) => s.includes('property-name.id')));
        if (idKey >= 0) {
          const value = tokens.slice(idKey + 1).find((t) => t.text.trim() && t.text.trim() !== ':');
          assert.ok(value?.scopes.includes('entity.name.type.id.journeymap'), `${name}:${i + 1} id value scoped ${JSON.stringify(value?.scopes)}`);
        }
      });
    }
  });
});
