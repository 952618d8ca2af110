// jest's globalSetup runs outside the module mapper: resolve the @splitwork/*
// aliases to the sources here.
import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../../tsconfig.base.json';

register({ baseUrl: join(__dirname, '..', '..', '..'), paths: compilerOptions.paths });
