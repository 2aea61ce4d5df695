"""SQL of the journal: the events table, applying and rebuilding the registered projections."""
