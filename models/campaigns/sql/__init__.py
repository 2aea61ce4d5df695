"""SQL of campaigns, catalog, templates, recipients and recipient search."""
