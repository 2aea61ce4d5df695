"""SQL of progress counts and dashboard figures."""
