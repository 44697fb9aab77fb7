import * as assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/base';

describe('LineIndex', () => {
  it('maps offsets to positions and back, with LF, CRLF and CR line breaks', () => {
    const lines = new LineIndex('a\nbc\r\nd\re');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(3), { line: 1, character: 1 });
    assert.deepEqual(lines.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(7), { line: 2, character: 1 });
    assert.deepEqual(lines.positionAt(8), { line: 3, character: 0 });
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 4);
    assert.equal(lines.lineText(1), 'bc');
  });

  it('an offset between \\r and \\n stays on its line, at the end of the content', () => {
    const lines = new LineIndex('a:\r\n    b: c\r\n\r\n- d');
    const lf = 'a:\r\n    b: c\r\n'.length + 1; // the \n of the empty line
    assert.deepEqual(lines.positionAt(lf), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 });
  });
});
