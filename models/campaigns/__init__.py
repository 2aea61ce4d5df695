"""Campaigns and their reference data: catalog, content templates, recipients and their planned packages."""
