/**
 * Errors of the embedded MongoDB-compatible server, shaped as MongoDB 7.0 reports them so the official driver
 * parses them (code, codeName, errmsg, errorLabels and any extra fields such as keyPattern/keyValue).
 *
 * Both the storage engine and the command layer throw these; the command layer turns them into `{ ok: 0, ... }`
 * replies or write errors.
 */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  TypeMismatch: 14,
  Overflow: 15,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  MaxTimeMSExpired: 50,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  EmptyFieldName: 56,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  CommandNotSupported: 115,
  DocumentValidationFailure: 121,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  TransactionTooLarge: 257,
  OperationNotSupportedInTransaction: 263,
  Location16755: 16755,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
  InvalidPipelineOperator: 168,
  Location40324: 40324,
  Location15974: 15974,
  Location16020: 16020,
  Location17276: 17276,
  Location31253: 31253,
  // Added by the command layer.
  Unauthorized: 13,
  ConflictingOperationInProgress: 117,
  IncompleteTransactionHistory: 217,
  InvalidUUID: 207,
  QueryPlanKilled: 175,
  TransactionTooOld: 225,
  MergeStageNoMatchingDocument: 13113,
  Location40414: 40414,
  Location40415: 40415,
  Location51024: 51024,
  Location31254: 31254,
  Location40323: 40323,
  ExceededMemoryLimit: 146,
  TooManyLogicalSessions: 261,
  Location13548: 13548,
  Location17385: 17385,
  Location31319: 31319,
  Location31320: 31320,
  Location31321: 31321,
  Location34443: 34443,
  Location34444: 34444,
  Location34445: 34445,
  Location34446: 34446,
  Location34447: 34447,
  Location34448: 34448,
  Location34449: 34449,
  // Awaitable hello's argument checks (MongoDB's hello command).
  Location31368: 31368,
  Location31372: 31372,
  Location31373: 31373,
  Location31382: 31382,
  InvalidIndexSpecificationOption: 197,
  // Views, validators, projections (MongoDB 7.0 fidelity).
  GraphContainsCycle: 93,
  ViewDepthLimitExceeded: 165,
  CommandNotSupportedOnView: 166,
  OptionNotSupportedOnView: 167,
  InvalidViewDefinition: 182,
  Location28724: 28724,
  Location31275: 31275,
  // Codes a failCommand fail point commonly injects (network/election errors drivers retry).
  HostUnreachable: 6,
  HostNotFound: 7,
  Interrupted: 11601,
  NetworkTimeout: 89,
  ShutdownInProgress: 91,
  PrimarySteppedDown: 189,
  ExceededTimeLimit: 262,
  SocketException: 9001,
  NotWritablePrimary: 10107,
  InterruptedAtShutdown: 11600,
  InterruptedDueToReplStateChange: 11602,
  NotPrimaryNoSecondaryOk: 13435,
  NotPrimaryOrSecondary: 13436,
  StaleShardVersion: 63,
  WriteConcernFailed: 64,
  UnknownReplWriteConcern: 79,
  UnsatisfiableWriteConcern: 100,
  ReadConcernMajorityNotAvailableYet: 134,
  StaleEpoch: 150,
  Reauthentication: 391,
  CommandFailed: 125,
  UnsupportedOpQueryCommand: 352,
  InvalidBSON: 22,
} as const;

/** A named code, or `Location<n>` for one of MongoDB's many unnamed assertion codes. */
export type ErrorCodeName = keyof typeof ErrorCode | `Location${number}`;

const codeNames = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** MongoDB's name for an error code ("Location<code>" for the unnamed ones). */
export function codeNameOf(code: number): string {
  return codeNames.get(code) ?? `Location${code}`;
}

export class MongoCommandError extends Error {
  override readonly name = "MongoCommandError";
  readonly code: number;
  readonly codeName: string;
  /** Extra reply fields (e.g. keyPattern/keyValue for 11000, errInfo for validation). */
  readonly extra: Record<string, unknown>;
  readonly errorLabels: string[];

  constructor(
    codeName: ErrorCodeName,
    message: string,
    options: { extra?: Record<string, unknown>; errorLabels?: string[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = (ErrorCode as Record<string, number>)[codeName] ?? Number(codeName.slice("Location".length));
    this.codeName = codeNames.get(this.code) ?? codeName;
    this.extra = options.extra ?? {};
    this.errorLabels = options.errorLabels ?? [];
  }

  /** The reply document fragment MongoDB sends for this error. */
  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
    };
    if (this.errorLabels.length > 0) reply.errorLabels = this.errorLabels;
    return reply;
  }

  /** The entry MongoDB puts in `writeErrors` for a failed document of a batch. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

export function isMongoCommandError(error: unknown): error is MongoCommandError {
  return error instanceof MongoCommandError;
}

// ---- transaction errors: shared by the dispatcher's transaction rules and commit/abort -------------------

export const TRANSIENT_TRANSACTION_ERROR = "TransientTransactionError";

/** NoSuchTransaction always carries TransientTransactionError: the driver retries the whole transaction. */
export function noSuchTransaction(message: string): MongoCommandError {
  return new MongoCommandError("NoSuchTransaction", message, { errorLabels: [TRANSIENT_TRANSACTION_ERROR] });
}

export function transactionTooOld(txnNumber: number, current: number): MongoCommandError {
  return new MongoCommandError(
    "TransactionTooOld",
    `Cannot start transaction ${txnNumber} on session because a newer transaction ${current} has already started`,
  );
}

export function notInTransaction(name: string): MongoCommandError {
  return new MongoCommandError("OperationNotSupportedInTransaction", `Cannot run '${name}' in a multi-document transaction.`);
}

export function writeConcernInTransaction(): MongoCommandError {
  return new MongoCommandError("InvalidOptions", "writeConcern is not allowed within a multi-statement transaction");
}

/** A write conflict inside a transaction is transient: the whole transaction may be retried. */
export function labelWriteConflictTransient(error: unknown): void {
  if (isMongoCommandError(error) && error.code === ErrorCode.WriteConflict && !error.errorLabels.includes(TRANSIENT_TRANSACTION_ERROR)) {
    error.errorLabels.push(TRANSIENT_TRANSACTION_ERROR);
  }
}

/** maxTimeMS ran out (while waiting, or while scanning). */
export function maxTimeExpired(): MongoCommandError {
  return new MongoCommandError("MaxTimeMSExpired", "operation exceeded time limit");
}
