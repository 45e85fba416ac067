/** Values a template text may name: `{issue}`, `{title}`, `{date}`, `{author}`, `{weekly}`. */
export type TemplateValues = Partial<Record<'issue' | 'title' | 'date' | 'author' | 'weekly', string | number>>;

/**
 * Fills `{name}` placeholders of a template text. An unknown or missing name is left as written,
 * so a typo shows up in the output instead of silently printing nothing.
 *
 * @example fillTemplate('Python 潮流周刊#{issue}：{title}', { issue: 14, title: 'Lpython' }) // → 'Python 潮流周刊#14：Lpython'
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = values[name as keyof TemplateValues];
    return value === undefined ? placeholder : String(value);
  });
}

/**
 * Reads the values back out of a text the template produced: the inverse of `fillTemplate`, used
 * to get the issue number and own title from a front matter title. Spaces are optional and `：`
 * and `:` are interchangeable, since old issues were not all typed the same. Null when the text
 * does not have the template's shape.
 */
export function matchTemplate(template: string, text: string): TemplateValues | null {
  const names: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const placeholder = /^\{(\w+)\}$/.exec(part);
      if (placeholder) {
        names.push(placeholder[1]!);
        return placeholder[1] === 'issue' ? '(\\d+)' : '(.*?)';
      }
      return part
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, '\\s*')
        .replace(/[：:]/g, '[：:]\\s*');
    })
    .join('');
  const match = new RegExp(`^\\s*${pattern}\\s*$`, 's').exec(text);
  if (!match) return null;
  const values: Record<string, string> = {};
  names.forEach((name, index) => {
    values[name] = match[index + 1]!.trim();
  });
  return values as TemplateValues;
}
