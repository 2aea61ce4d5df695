"""Several stations on one campaign (issue 8; DESIGN.md section 6).

Each station keeps its own database. The hub (the supervisor's station) owns the reference data and hands
out a campaign pack (`pack`) and lots of packages (`lots`); stations send their new events as files
(`exchange`), which the hub merges by event id; packages worked at two stations, or whose scans break a
rule, are flagged (`conflicts`) and kept out of batches and manifests until a supervisor resolves them.
`watch` runs the exchange on its own over a folder that Syncthing replicates; `identity` makes a copied or
restored database take a new station identity, so sequence numbers never repeat under one id.

For other parts of Packline: `models.sync.conflicts.is_flagged` / `flagged_package_ids` (batches and
manifests must refuse flagged packages) and `models.journal.sql.watermarks.watermarks` (what a manifest includes).
"""
