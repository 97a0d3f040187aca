// Placeholder: the catalogue-reports contracts of issue 4.
export {};
