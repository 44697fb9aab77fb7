import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from '../../src/core';

describe('docs/rules.md', () => {
  const doc = readFileSync('docs/rules.md', 'utf8');
  const sections = new Map<string, string>();
  for (const part of doc.split(/^### /m).slice(1)) sections.set(part.split('\n')[0].trim(), part);

  it('has one section per rule, in catalogue order, and no section for a rule that does not exist', () => {
    assert.deepEqual([...sections.keys()], RULES.map((r) => r.name));
  });

  it('gives every rule an example', () => {
    for (const rule of RULES) assert.match(sections.get(rule.name)!, /```yaml\n/, rule.name);
  });

  it('states each rule\'s default severity as the code has it', () => {
    for (const rule of RULES) {
      assert.match(sections.get(rule.name)!, new RegExp(`^${rule.name}\\n\\[${rule.severity}\\]`), rule.name);
    }
  });
});

describe('docs anchors the editor links to', () => {
  it('internal-error, the code of a finding when the checker itself failed, has its own section', () => {
    const doc = readFileSync('docs/rules.md', 'utf8');
    assert.match(doc, /^## internal-error$/m);
    assert.match(doc, /Journey Map: Show Log/);
  });
});
