import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from '../module-boundaries';

const WORKSPACE = path.resolve(__dirname, '../../..');
const RULE = '@nx/enforce-module-boundaries';

/**
 * Only the boundaries rule, with the options eslint.config.mjs uses: the
 * type-aware rules would need a TypeScript program for sources that do not
 * exist on disk. The last test checks that the real config uses these options.
 */
function boundariesOnly(): Linter.Config[] {
  const rule = (forTests: boolean): Linter.RuleEntry => ['error', moduleBoundaries({ forTests })];
  return tseslint.config(
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { '@nx': nx },
      rules: { [RULE]: rule(false) },
    },
    {
      files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts', '**/__tests__/**/*.ts'],
      rules: { [RULE]: rule(true) },
    },
  ) as Linter.Config[];
}

const eslint = new ESLint({
  cwd: WORKSPACE,
  overrideConfigFile: true,
  overrideConfig: boundariesOnly(),
});

/** The boundary errors of a one-line source placed at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(WORKSPACE, filePath) });
  const parseErrors = result.messages.filter((m) => m.fatal);
  expect(parseErrors).toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('module boundaries', () => {
  beforeAll(async () => {
    // The rule reads Nx's cached graph; build it from the sources as a clean clone would.
    process.env.NX_DAEMON = 'false';
    await createProjectGraphAsync({ exitOnError: false });
  }, 60_000);

  it('rejects payments importing the marketplace (the marketplace already depends on payments)', async () => {
    const errors = await boundaryErrors(
      'libs/payments/feature/src/boundary-fixture.ts',
      "import { MarketplaceModule } from '@splitwork/marketplace';\nexport const m = MarketplaceModule;\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('Circular dependency between "payments" and "marketplace" detected'),
    ]);
  });

  it('rejects an import against the context map even when it would make no cycle', async () => {
    const errors = await boundaryErrors(
      'libs/payments/core/src/boundary-fixture.ts',
      "export * from '@splitwork/marketplace-core';\n",
    );
    expect(errors).toEqual([
      expect.stringContaining(
        'A project tagged with "scope:payments" can only depend on libs tagged with',
      ),
    ]);
    expect(errors[0]).not.toContain('"scope:marketplace"');
  });

  it('rejects planning importing payments', async () => {
    const errors = await boundaryErrors(
      'libs/planning/core/src/boundary-fixture.ts',
      "export * from '@splitwork/payments-core';\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('A project tagged with "scope:planning" can only depend on'),
    ]);
  });

  it('rejects shared platform code importing a bounded context', async () => {
    const errors = await boundaryErrors(
      'libs/config/src/boundary-fixture.ts',
      "export * from '@splitwork/payments-core';\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('A project tagged with "scope:shared" can only depend on'),
    ]);
  });

  it('rejects the planning LLM adapter importing a feature lib', async () => {
    const errors = await boundaryErrors(
      'libs/planning/llm/src/boundary-fixture.ts',
      "export * from '@splitwork/identity';\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('A project tagged with "type:adapter" can only depend on'),
    ]);
  });

  it('rejects Nest in pure domain code', async () => {
    const errors = await boundaryErrors(
      'libs/planning/core/src/boundary-fixture.ts',
      "export { Injectable } from '@nestjs/common';\n",
    );
    expect(errors).toEqual([expect.stringContaining('@nestjs/common')]);
  });

  it('lets tests, and only tests, import the test-support lib', async () => {
    const code = "export * from '@splitwork/test-support';\n";
    await expect(
      boundaryErrors('libs/payments/feature/src/__tests__/boundary-fixture.spec.ts', code),
    ).resolves.toEqual([]);
    await expect(
      boundaryErrors('libs/payments/feature/src/boundary-fixture.ts', code),
    ).resolves.toEqual([expect.stringContaining('can only depend on')]);
  });

  it('allows the marketplace to pay through payments and read planning', async () => {
    const errors = await boundaryErrors(
      'libs/marketplace/feature/src/boundary-fixture.ts',
      "export { PayoutService } from '@splitwork/payments';\nexport { ProjectFundingGateway } from '@splitwork/planning';\n",
    );
    expect(errors).toEqual([]);
  });

  it('rejects notifications importing a context other than identity', async () => {
    const errors = await boundaryErrors(
      'libs/notifications/src/boundary-fixture.ts',
      "export { TaskRepository } from '@splitwork/marketplace';\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('A project tagged with "scope:notifications" can only depend on'),
    ]);
  });

  it('rejects a context importing notifications (runtime flows call it)', async () => {
    const errors = await boundaryErrors(
      'libs/marketplace/feature/src/boundary-fixture.ts',
      "export { NotificationService } from '@splitwork/notifications';\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('A project tagged with "scope:marketplace" can only depend on'),
    ]);
  });

  it('allows notifications to read identity and runtime to compose notifications', async () => {
    await expect(
      boundaryErrors(
        'libs/notifications/src/boundary-fixture.ts',
        "export { UserRepository } from '@splitwork/identity';\n",
      ),
    ).resolves.toEqual([]);
    await expect(
      boundaryErrors(
        'libs/runtime/src/flows/boundary-fixture.ts',
        "export { NotificationService } from '@splitwork/notifications';\nexport { TaskRepository } from '@splitwork/marketplace';\n",
      ),
    ).resolves.toEqual([]);
  });

  it('is configured with these options by eslint.config.mjs, for sources and for tests', () => {
    // A child process: ESLint loads its ES module config through a dynamic import jest cannot serve.
    const eslintBin = path.join(
      path.dirname(require.resolve('eslint/package.json')),
      'bin/eslint.js',
    );
    const optionsFor = (file: string): unknown => {
      const printed = execFileSync(process.execPath, [eslintBin, '--print-config', file], {
        cwd: WORKSPACE,
        env: { ...process.env, NX_DAEMON: 'false' },
        encoding: 'utf8',
      });
      const config = JSON.parse(printed) as { rules: Record<string, unknown[]> };
      return config.rules[RULE];
    };
    expect(optionsFor('libs/payments/feature/src/index.ts')).toEqual([
      2,
      moduleBoundaries({ forTests: false }),
    ]);
    expect(optionsFor('libs/payments/feature/src/__tests__/funding.spec.ts')).toEqual([
      2,
      moduleBoundaries({ forTests: true }),
    ]);
  }, 60_000);
});
