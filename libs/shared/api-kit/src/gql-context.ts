import type { Request, Response } from 'express';
import type { Role } from '@splitwork/kernel';
import { LoaderRegistry } from './loader-registry';

/** Who is calling, as proven by their access token. */
export interface Viewer {
  readonly id: string;
  readonly roles: readonly Role[];
}

export interface GqlContext {
  req?: Request;
  res?: Response;
  requestId: string;
  clientAddress: string;
  viewer?: Viewer;
  /** Raw token of a subscription connection (graphql-ws connectionParams). */
  connectionToken?: string;
  loaders: LoaderRegistry;
}
