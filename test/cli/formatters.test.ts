import * as assert from 'node:assert/strict';
import { formatGithub, formatText } from '../../src/cli/formatters';
import type { Diagnostic } from '../../src/core';

const diagnostic = (message: string): Diagnostic => ({
  code: 'silent-handoff', severity: 'warning', message,
  range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } },
});

describe('CLI formatters', () => {
  it('github: escapes %, line breaks, and the property separators in file names', () => {
    const out = formatGithub([{ path: 'maps/a,b:c.journey.yaml', diagnostics: [diagnostic('100% silent\nsecond line')] }]);
    assert.equal(out.split('\n')[0], '::warning file=maps/a%2Cb%3Ac.journey.yaml,line=5,col=3,endLine=5,endColumn=10,title=silent-handoff::100%25 silent%0Asecond line');
  });

  it('text: colours only when asked, and keeps each finding on one line', () => {
    const plain = formatText([{ path: 'a.journey.yaml', diagnostics: [diagnostic('first\nsecond')] }], false);
    assert.equal(plain.split('\n')[0], 'a.journey.yaml:5:3  warning  first second  silent-handoff');
    assert.ok(!plain.includes('\u001b['));
    assert.ok(formatText([{ path: 'a.journey.yaml', diagnostics: [diagnostic('x')] }], true).includes('\u001b[33m'));
  });
});
