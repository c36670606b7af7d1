import type { CommandModule } from 'yargs';
import type { z } from 'zod';

function describeFields(toJSONSchema: typeof z.toJSONSchema, schema: z.ZodType): string[] {
  const json = toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { description?: string; enum?: unknown[]; default?: unknown }>;
  };
  return Object.entries(json.properties ?? {})
    .filter(([name]) => name !== 'kind')
    .map(([name, property]) => {
      // Choices and default in brackets after the name, as the estimator lines show their traits:
      // appended to the description they ran into its last words.
      const facts = [
        property.enum?.join(' | '),
        property.default !== undefined ? `default ${String(property.default)}` : undefined,
      ].filter(Boolean);
      const bracket = facts.length > 0 ? ` [${facts.join('; ')}]` : '';
      return `      ${name}${bracket}: ${property.description ?? ''}`;
    });
}

export const listCommand: CommandModule = {
  command: 'list',
  describe: 'List estimators and objectives, their options, and which pairs apply',
  handler: async () => {
    const [{ z }, { ESTIMATORS }, { OBJECTIVES }] = await Promise.all([
      import('zod'),
      import('../../estimators/registry.js'),
      import('../../objectives/registry.js'),
    ]);
    const lines = ['Estimators (grid.estimator):'];
    for (const e of ESTIMATORS) {
      const traits = [e.unbiased ? 'unbiased' : 'biased', e.takesTemperature ? 'takes temperature' : undefined]
        .filter(Boolean)
        .join(', ');
      lines.push(`  ${e.name}  [${traits}; objectives: ${e.families.join(', ')}; samples >= ${e.minSamples}]`);
      lines.push(`      ${e.description}`);
      if (e.options) lines.push('    options:', ...describeFields(z.toJSONSchema, e.options));
    }
    lines.push('', 'Objectives (objective.kind):');
    for (const o of OBJECTIVES) {
      const applicable = ESTIMATORS.filter((e) => e.families.includes(o.family)).map((e) => e.name);
      lines.push(`  ${o.kind}  [${o.family}]`, `      ${o.description}`, '    fields:', ...describeFields(z.toJSONSchema, o.schema));
      lines.push(`    estimators: ${applicable.join(', ')}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};
