// The two small HTTP helpers Express itself uses, typed for what this API calls.

declare module 'negotiator' {
  import type { IncomingHttpHeaders } from 'node:http';

  class Negotiator {
    constructor(request: { headers: IncomingHttpHeaders });
    /** The most preferred of `available` for the Accept header, or undefined. */
    mediaType(available?: string[]): string | undefined;
  }
  export = Negotiator;
}

declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';

  function proxyaddr(
    req: IncomingMessage,
    trust: (address: string, index: number) => boolean,
  ): string;
  export = proxyaddr;
}
