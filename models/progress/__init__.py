"""Progress of a campaign and the dashboard built on it."""
