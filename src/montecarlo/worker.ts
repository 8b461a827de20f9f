/** The worker-thread entry: piscina calls the default export with one chunk of a batch. */
import { runChunk, type ChunkResult, type ChunkTask } from './chunk.js';

export default function work(task: ChunkTask): ChunkResult {
  return runChunk(task);
}
