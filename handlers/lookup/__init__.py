"""Finding systems and domains in what people write, tolerating typos and inflected forms."""
