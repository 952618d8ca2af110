export default async function globalTeardown(): Promise<void> {
  await globalThis.__SPLITWORK_EMBEDDED__?.stop();
}
