/** The queue's Redis server cannot be used at all: it refused the credentials, or it is too old for the queue. */
export class QueueServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueServerError';
  }
}
