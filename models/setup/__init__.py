"""What a campaign still lacks before packing starts: the set-up checklist (issue 13)."""
