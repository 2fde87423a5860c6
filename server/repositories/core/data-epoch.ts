/**
 * Data epochs: one tiny document per organization (and one for global collections) in the primary whose value
 * changes after every write the repository layer makes to that organization's data. Whatever was computed from
 * an organization's data (the server's rendered-page cache, server/http/rendered-pages.ts) can be reused
 * exactly while the epochs it read *before* computing are unchanged — on any number of app instances, since
 * the epoch lives in the database, not in a process.
 *
 * Correctness rests on the order: a writer changes the data first and the epoch after (after the commit, for a
 * transaction); a reader reads the epoch first and the data after. A reader that saw the new epoch therefore
 * sees the new data. The value is random (not a counter), so a database that is dropped and refilled cannot
 * bring an old epoch back.
 */
import { ObjectId, type Db } from "mongodb";

export const DATA_EPOCHS_COLLECTION = "dataEpochs";
/** The epoch of collections that belong to no organization (users: names shown in audit trails). */
export const GLOBAL_EPOCH_ID = "global";
/** What an organization that was never written to reads as its epoch. */
export const UNWRITTEN_EPOCH = "0";

type EpochDocument = { _id: string; epoch: string };

const epochs = (db: Db) => db.collection<EpochDocument>(DATA_EPOCHS_COLLECTION);

/** Gives the organization's data (or, with undefined, the global collections) a new epoch. */
export async function bumpDataEpoch(db: Db, organizationId: string | undefined): Promise<void> {
  await epochs(db).updateOne(
    { _id: organizationId ?? GLOBAL_EPOCH_ID },
    { $set: { epoch: new ObjectId().toHexString() } },
    { upsert: true },
  );
}

export interface DataEpochs {
  organization: string;
  global: string;
}

/** The current epochs of one organization's data and of the global collections (one indexed read). */
export async function readDataEpochs(db: Db, organizationId: string): Promise<DataEpochs> {
  return (await readMany(db, [organizationId])).get(organizationId)!;
}

async function readMany(db: Db, organizationIds: readonly string[]): Promise<Map<string, DataEpochs>> {
  const found = await epochs(db)
    .find({ _id: { $in: [...organizationIds, GLOBAL_EPOCH_ID] } })
    .toArray();
  const epochOf = (id: string) => found.find((document) => document._id === id)?.epoch ?? UNWRITTEN_EPOCH;
  const global = epochOf(GLOBAL_EPOCH_ID);
  return new Map(organizationIds.map((id) => [id, { organization: epochOf(id), global }]));
}

const MAX_BATCH = 200;

export type DataEpochReader = (organizationId: string) => Promise<DataEpochs>;

/**
 * Reads epochs for many concurrent requests with few queries: a request waits for the next read that *starts
 * after it asked* (never for one already in flight, which could miss a write that finished just before), and
 * each read serves every organization waiting at its start. So a request still sees every write completed
 * before it arrived — what makes reuse correct — at one query per batch instead of one per request.
 */
export function createDataEpochReader(db: Db): DataEpochReader {
  type Waiter = { resolve: (epochs: DataEpochs) => void; reject: (error: unknown) => void };
  const waiting = new Map<string, Waiter[]>();
  let reading = false;

  const startRead = () => {
    reading = true;
    const batch = new Map([...waiting].slice(0, MAX_BATCH));
    for (const id of batch.keys()) waiting.delete(id);
    readMany(db, [...batch.keys()])
      .then(
        (found) => batch.forEach((waiters, id) => waiters.forEach((waiter) => waiter.resolve(found.get(id)!))),
        (error: unknown) => batch.forEach((waiters) => waiters.forEach((waiter) => waiter.reject(error))),
      )
      .finally(() => {
        reading = false;
        if (waiting.size > 0) startRead();
      });
  };

  return (organizationId) =>
    new Promise<DataEpochs>((resolve, reject) => {
      const waiters = waiting.get(organizationId);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(organizationId, [{ resolve, reject }]);
      if (!reading) startRead();
    });
}
