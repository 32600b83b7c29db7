/**
 * Runs `work` on every item with at most `concurrency` calls in flight, and returns the
 * results in the items' order. A call that throws rejects the whole pool, so `work` should
 * catch what it can record.
 */
export async function runPool<Item, Result>(options: {
  items: readonly Item[];
  concurrency: number;
  work: (item: Item, index: number) => Promise<Result>;
}): Promise<Result[]> {
  const { items, work } = options;
  const results = new Array<Result>(items.length);
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as Item, index);
    }
  };

  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
