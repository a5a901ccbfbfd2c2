import { parser } from '@prometheus-io/lezer-promql';

/** One vector selector of a PromQL expression: its metric name and its label matchers' text. */
export interface Selector {
  metric: string;
  /** `app="gateway"` → { app: 'gateway' }; only equality matchers. */
  labels: Record<string, string>;
}

/** Grafana's interval variables are not PromQL: give them a duration before parsing. */
export function withoutGrafanaVariables(expr: string): string {
  return expr.replace(/\$__(rate_interval|interval|range)\b/g, '5m');
}

/**
 * Parses a PromQL expression with Prometheus' own grammar (@prometheus-io/lezer-promql, the one
 * its web UI uses). Returns its vector selectors, or throws on a syntax error.
 */
export function selectorsOf(expr: string): Selector[] {
  const tree = parser.parse(expr);
  const selectors: Selector[] = [];
  const errors: number[] = [];
  const text = (from: number, to: number) => expr.slice(from, to);
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
      if (node.name !== 'VectorSelector') return;
      const metric = node.node.getChild('Identifier');
      const labels: Record<string, string> = {};
      for (const matcher of node.node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
        const name = matcher.getChild('LabelName');
        const op = matcher.getChild('MatchOp');
        const value = matcher.getChild('StringLiteral');
        if (name && value && op && text(op.from, op.to) === '=')
          labels[text(name.from, name.to)] = JSON.parse(text(value.from, value.to));
      }
      if (metric) selectors.push({ metric: text(metric.from, metric.to), labels });
    },
  });
  if (errors.length > 0) throw new Error(`PromQL syntax error at ${errors.join(', ')} in: ${expr}`);
  return selectors;
}
