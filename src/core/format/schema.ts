/**
 * The JSON Schema of the format, generated from SHAPES so it can never drift from the validator.
 * Published as schemas/journeymap.schema.json for any YAML tool; the linter checks far more.
 */
import { FORMAT_VERSION, ID_PATTERN, SHAPES, type FieldSpec, type ShapeName } from './shapes';
import { COLUMN_PRESETS } from './ticketColumns';
import { CADENCES } from './values';

type JsonSchema = Record<string, unknown>;

const DURATION = '^\\d+(\\.\\d+)?\\s*(s|m|h|d|w)$';
const CLOCK_DURATION = '^\\d+(\\.\\d+)?\\s*(s|m|h|d|w|bh|bd)$';
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const QUANTITY: JsonSchema = {
  description: 'A percentage (18%), a fraction (0.18), a duration (45s, 35m, 4h, 2d, 1w), a rating (4.2/5) or a number.',
  oneOf: [
    { type: 'number' },
    { type: 'string', pattern: '^-?\\d+(\\.\\d+)?\\s*%$' },
    { type: 'string', pattern: DURATION },
    { type: 'string', pattern: '^-?\\d+(\\.\\d+)?\\s*/\\s*\\d+(\\.\\d+)?$' },
  ],
};

function fieldSchema(field: FieldSpec): JsonSchema {
  const t = field.type;
  const base: JsonSchema = { description: field.description };
  switch (t.type) {
    case 'text':
      return field.listFinding ? { ...base, anyOf: [{ type: ['string', 'number', 'boolean'] }, { type: 'array', items: { type: 'string' } }] } : { ...base, type: ['string', 'number', 'boolean'] };
    case 'id':
      return { ...base, type: 'string', pattern: ID_PATTERN };
    case 'version':
      return { ...base, const: FORMAT_VERSION };
    case 'ref':
      return { ...base, type: 'string' };
    case 'refs': case 'texts':
      return { ...base, anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
    case 'enum':
      return { ...base, enum: [...t.values] };
    case 'date':
      return { ...base, type: 'string', pattern: DATE };
    case 'interval':
      return { ...base, type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}/\\d{4}-\\d{2}-\\d{2}$' };
    case 'cadence':
      return { ...base, anyOf: [{ enum: [...CADENCES] }, { type: 'string', pattern: '^\\d+d$' }] };
    case 'feels':
      return { ...base, type: 'integer', minimum: -3, maximum: 3 };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'duration':
      return { ...base, type: 'string', pattern: DURATION };
    case 'quantity':
      return { ...base, ...QUANTITY, description: field.description };
    case 'object':
      return { ...base, $ref: `#/definitions/${t.shape}` };
    case 'text-or-object':
      return { ...base, anyOf: [{ type: ['string', 'number', 'boolean'] }, { $ref: `#/definitions/${t.shape}` }] };
    case 'list':
      return { ...base, type: 'array', items: { $ref: `#/definitions/${t.shape}` } };
    case 'metrics':
      return { ...base, type: 'object', additionalProperties: { anyOf: [QUANTITY, { $ref: '#/definitions/metric' }] } };
    case 'dictionary':
      return { ...base, type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };
    case 'columns':
      return { ...base, anyOf: [{ enum: Object.keys(COLUMN_PRESETS) }, { type: 'object', properties: { preset: { enum: Object.keys(COLUMN_PRESETS) } }, additionalProperties: { type: ['string', 'number', 'boolean'] } }] };
    case 'sla':
      return { ...base, anyOf: [{ type: 'string', pattern: CLOCK_DURATION }, { type: 'object', additionalProperties: { type: 'string', pattern: CLOCK_DURATION } }] };
  }
}

function shapeSchema(shape: ShapeName): JsonSchema {
  const spec = SHAPES[shape];
  const required = Object.entries(spec.fields).filter(([, f]) => f.required).map(([name]) => name);
  return {
    type: 'object',
    description: spec.description,
    properties: Object.fromEntries(Object.entries(spec.fields).map(([name, f]) => [name, fieldSchema(f)])),
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

export function journeyMapSchema(): JsonSchema {
  const defs = Object.fromEntries((Object.keys(SHAPES) as ShapeName[]).filter((s) => s !== 'map').map((s) => [s, shapeSchema(s)]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'journeymap.schema.json',
    title: 'Journey map (journeymap format version 1)',
    ...shapeSchema('map'),
    definitions: defs,
  };
}
