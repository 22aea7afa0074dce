import { parse } from 'yaml';

/** YAML text to a plain document (tests edit documents before checking them). */
export function parseYaml(text: string): unknown {
  return parse(text);
}
