"""What every feature shares: records, errors, codes, the event vocabulary, translation, text, files, settings."""
