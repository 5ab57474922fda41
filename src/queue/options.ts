/** A worker's lease on a job, by default: a document taking longer is given to another worker. */
export const DEFAULT_LEASE_S = 15 * 60;
