/** `templates/*.journey.yaml` are bundled as text by esbuild (scripts/build.mjs `loader`). */
declare module '*.journey.yaml' {
  const text: string;
  export default text;
}
