"""The application without Qt: the open workspace, the first start, and the command line."""
