// The web extension host is a web worker: no `process`. The assert polyfill's dependencies
// (util, through the object.assign/is-nan shims) only read process.env, so an empty one suffices.
export const process = globalThis.process ?? { env: {}, browser: true, version: '', versions: {}, platform: 'browser' };
