import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describeBlobStoreContract } from './blob-store.contract';
import { createS3BlobDriver, S3_BLOB_PREFIX, S3_TEMP_PREFIX } from './s3.driver';

const Bucket = 'dargah-test';

/**
 * Runs s3rver (a fake S3 server) in a child process on a free port, so the memory test measures
 * the driver alone and the S3 protocol really crosses a process boundary.
 */
async function startS3rver(directory: string): Promise<{ port: number; child: ChildProcess }> {
  const s3rver = createRequire(import.meta.url).resolve('s3rver');
  const code = `
    const S3rver = require(${JSON.stringify(s3rver)});
    new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: ${JSON.stringify(directory)} })
      .run().then((a) => console.log(JSON.stringify({ port: a.port })), (e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then(([status]) => {
    throw new Error(`s3rver exited with ${String(status)} before listening`);
  });
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout }), 'line'), exited])) as [string];
  return { port: (JSON.parse(line) as { port: number }).port, child };
}

describeBlobStoreContract('s3', async () => {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'dargah-s3rver-'));
  const { port, child } = await startS3rver(directory);
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await client.send(new CreateBucketCommand({ Bucket }));

  async function keys(Prefix: string): Promise<string[]> {
    const res = await client.send(new ListObjectsV2Command({ Bucket, Prefix }));
    return (res.Contents ?? []).map((o) => o.Key!.slice(Prefix.length));
  }

  return {
    driver: createS3BlobDriver({ bucket: Bucket, client }),
    // lib-storage holds up to three 5 MB parts (the one filling, the previous one its chunker still
    // references, the one the HTTP layer has not let go yet), plus stream buffers.
    heldBytes: 17 * 1024 * 1024,
    listTemp: () => keys(S3_TEMP_PREFIX),
    listStored: () => keys(S3_BLOB_PREFIX),
    async close() {
      client.destroy();
      const exit = once(child, 'exit');
      child.kill();
      await exit;
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
});
