// Shared jest settings: SWC transform with decorator metadata (NestJS needs it)
// and the tsconfig path aliases.
const { paths } = require('./tsconfig.base.json').compilerOptions;
const swcOptions = require('./tools/swc-options.js');

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
