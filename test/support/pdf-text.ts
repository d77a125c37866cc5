// Filled in once the report renderer's PDF text extractor is chosen.
