/** `npm run soak -- --minutes=N [--seed=S] [--temporal=dev|cluster] [--no-docs]`. */
export interface SoakOptions {
  minutes: number;
  seed: number;
  temporal: 'dev' | 'cluster' | undefined;
  /** false: the figures are printed and kept in .data/, docs/reliability.md is left alone. */
  docs: boolean;
}

export function parseSoakOptions(args: string[]): SoakOptions {
  const options: SoakOptions = {
    minutes: 6,
    seed: Math.floor(Math.random() * 1e9) + 1,
    temporal: undefined,
    docs: true,
  };
  for (const arg of args) {
    const [name, value = ''] = arg.split('=', 2) as [string, string?];
    if (name === '--minutes' && Number(value) > 0 && Number(value) <= 24 * 60) options.minutes = Number(value);
    else if (name === '--seed' && Number.isInteger(Number(value)) && Number(value) > 0) options.seed = Number(value);
    else if (name === '--temporal' && (value === 'dev' || value === 'cluster')) options.temporal = value;
    else if (name === '--no-docs') options.docs = false;
    else
      throw new Error(
        `soak: cannot use "${arg}": give --minutes=N (1 to 1440), --seed=S (a positive whole number), --temporal=dev or --temporal=cluster, --no-docs`,
      );
  }
  return options;
}
