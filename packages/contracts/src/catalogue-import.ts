// Placeholder: the catalogue-import contracts of issue 4.
export {};
