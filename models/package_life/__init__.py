"""A package's life beyond one list and one box: a supervisor's decisions on what a corrected list could not do
alone (`decisions`), and replacement packages for voided ones (`replacements`)."""
