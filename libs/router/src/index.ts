export * from './catalog/catalog.error';
export * from './catalog/parse-catalog.util';
export * from './catalog/provider-fallback.util';
export * from './catalog/model-rates.util';
export * from './routing/required-capabilities.util';
export * from './routing/resolve-route.util';
export * from './describe/describe-catalog.util';
export * from './routing/rank-by-health.util';
