import { graphiqlFiles, GraphiqlUnavailable } from '../graphiql';

const notInstalled = (missing: string[]) => (request: string) => {
  if (missing.some((name) => request === `${name}/package.json`)) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return require.resolve(request);
};

describe('graphiqlFiles', () => {
  it('serves the page scripts from the installed packages', () => {
    const files = graphiqlFiles();
    expect(Object.keys(files).sort()).toEqual([
      'graphiql.css',
      'graphiql.js',
      'react-dom.js',
      'react.js',
    ]);
    expect(files['graphiql.js']).toMatch(/graphiql[\\/]graphiql\.min\.js$/);
  });

  it('refuses to start GraphiQL when its packages are left out, naming them and the fix', () => {
    const attempt = () => graphiqlFiles(notInstalled(['graphiql', 'react-dom']));
    expect(attempt).toThrow(GraphiqlUnavailable);
    expect(attempt).toThrow(/graphiql, react-dom are not installed/);
    expect(attempt).toThrow(/--omit=dev/);
    expect(attempt).toThrow(/NODE_ENV=production/);
  });

  it('names a single missing package', () => {
    expect(() => graphiqlFiles(notInstalled(['react']))).toThrow(/but react is not installed/);
  });
});
