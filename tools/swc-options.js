// How SWC compiles the TypeScript sources when they run without a build:
// under jest (jest.preset.js) and in the processes tests spawn
// (libs/test-support/src/register-ts.js). Decorator metadata: NestJS needs it.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
