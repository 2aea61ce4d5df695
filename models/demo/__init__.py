"""The demo campaign: invented people, a believable catalog and stock."""
