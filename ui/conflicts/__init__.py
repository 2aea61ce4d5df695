"""The Conflicts screen (issue 8): flagged packages on the hub and a supervisor's resolution."""
