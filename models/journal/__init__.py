"""The event journal: append events, and keep the projections every feature registers in step with it."""
