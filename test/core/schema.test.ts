import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SHAPES, journeyMapSchema } from '../../src/core/format';

describe('schemas/journeymap.schema.json', () => {
  it('is exactly what the format table generates (run npm run schema after changing the format)', () => {
    const committed = JSON.parse(readFileSync('schemas/journeymap.schema.json', 'utf8'));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(journeyMapSchema())));
  });

  it('lists every field of every shape, with required fields marked', () => {
    const schema = journeyMapSchema() as { properties: Record<string, unknown>; required: string[]; definitions: Record<string, { properties: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(schema.properties), Object.keys(SHAPES.map.fields));
    assert.deepEqual(schema.required, ['journeymap', 'title', 'persona', 'scenario', 'lanes', 'stages']);
    assert.deepEqual(Object.keys(schema.definitions.touchpoint.properties), Object.keys(SHAPES.touchpoint.fields));
  });
});
