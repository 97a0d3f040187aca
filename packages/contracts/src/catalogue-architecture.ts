// Placeholder: the catalogue-architecture contracts of issue 4.
export {};
