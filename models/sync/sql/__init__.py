"""SQL of the exchange between stations: bookkeeping, merges, lots, conflicts, campaign packs."""
