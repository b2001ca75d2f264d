"""Which code made a result (`identity`) and the on-disk result cache
(`cache`): one result key for the cache and for resumed batches."""
