// Placeholder: the licences contracts of issue 4.
export {};
