import { median } from './measure.ts';
import { isTargetMet, type CaseResult, type Metric, type TargetCheck, type Unit } from './types.ts';

/** `12,345 ms`, `1.23 ×`, `4.5 %`: integers with separators for big figures, two decimals for ratios. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '–';
  const digits = unit === '×' ? 2 : Math.abs(value) >= 100 ? 0 : 1;
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** One case as text: its setup lines, the figures (median and every run) and the targets with PASS/MISS. */
export function formatCase(name: string, result: CaseResult): string {
  const lines = [`== ${name}`, ...result.setup.map((line) => `   ${line}`), ''];
  const metricRows = result.metrics.map((metric: Metric) => [
    metric.name,
    formatValue(median(metric.samples), metric.unit),
    metric.unit,
    metric.samples.map((sample) => formatValue(sample, metric.unit)).join('  '),
  ]);
  lines.push(...renderTable(['measure', 'median', 'unit', 'runs'], metricRows, [false, true, false, false]));
  if (result.targets.length > 0) {
    lines.push('');
    const targetRows = result.targets.map((target: TargetCheck) => [
      target.name,
      `${formatValue(target.measured, target.unit)} ${target.unit}`,
      `${target.comparison === '<=' ? '≤' : '≥'} ${formatValue(target.limit, target.unit)} ${target.unit}`,
      isTargetMet(target) ? 'PASS' : 'MISS',
      target.detail,
    ]);
    lines.push(...renderTable(['target', 'measured', 'limit', 'result', 'how'], targetRows, [false, true, true, false, false]));
  }
  for (const note of result.notes ?? []) lines.push(`   note: ${note}`);
  return lines.join('\n');
}

/** A plain-text table; columns sized by their longest cell (by code points, so CJK and × count as one). */
function renderTable(header: string[], rows: string[][], alignRight: boolean[]): string[] {
  const width = (text: string) => [...text].length;
  const widths = header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column] ?? ''))));
  const renderRow = (row: string[]) =>
    `   ${row
      .map((cell, column) => (alignRight[column] ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number)))
      .join('  ')
      .trimEnd()}`;
  return [renderRow(header), `   ${widths.map((size) => '-'.repeat(size)).join('  ')}`, ...rows.map(renderRow)];
}
