import type { Operation } from './operation.ts';

// Pools
import CreateUserPool from './CreateUserPool.ts';
import DescribeUserPool from './DescribeUserPool.ts';

/** Every implemented operation, by wire name. */
export const operations: ReadonlyMap<string, Operation> = new Map(
  ([
    // Pools
    CreateUserPool,
    DescribeUserPool,
  ] as Operation[]).map((op) => [op.name, op]),
);
