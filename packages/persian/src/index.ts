export * from './result';
export * from './digits';
export * from './banks';
export * from './validators';
export * from './normalize';
export * from './jalali';
export * from './calendar';
export * from './damm';
