/**
 * The worker-thread entry: piscina calls the default export with one chunk of a batch. The result
 * goes back as one buffer that is moved, not copied (see transfer.ts).
 */
import { Piscina } from 'piscina';
import { runChunkEncoded, runPathsChunk, runRecordsChunk, type ChunkScratch, type ChunkTask } from './chunk.js';
import { toBuffer } from './transfer.js';

const scratch: ChunkScratch = {};

export default function work(task: ChunkTask): unknown {
  return Piscina.move(toBuffer(runChunkEncoded(task, scratch)));
}

/** The same chunk as records alone (piscina calls it by name: `run(task, { name: 'records' })`). */
export function records(task: ChunkTask): unknown {
  return Piscina.move(toBuffer(runRecordsChunk(task)));
}

/** The chunk's paths alone, for a resumed batch that writes paths.arrow (`name: 'paths'`). */
export function paths(task: ChunkTask): unknown {
  return Piscina.move(toBuffer(runPathsChunk(task)));
}
