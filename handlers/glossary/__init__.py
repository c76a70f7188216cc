"""The glossary: what the words people use about the governance mean, from the model's `glossary:`."""
