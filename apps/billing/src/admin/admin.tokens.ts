/** Admin's own Redis connection, for publishing key invalidations. */
export const ADMIN_REDIS = Symbol('ADMIN_REDIS');
