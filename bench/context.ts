/** What every measurement gets from bench/run.ts, and what it hands back. */
import type { BaselineWorker, BenchApp, BenchServers, Mailbox } from './system';

export type ProfileName = 'quick' | 'full';

export interface Profile {
  name: ProfileName;
  onboarding: { n: number; reps: number; warmup: number; concurrency: number };
  decision: {
    answersPerRep: number;
    reps: number;
    concurrency: number;
    warmup: number;
    /** The two explanatory series (an Update with one activity, with one local activity) besides the goals' three. */
    explanatory: boolean;
  };
  staffReads: {
    sizes: { partners: number; requests: number; indicatorValues: number }[];
    samplesPerRep: number;
    reps: number;
    /** Time one endpoint may take per repetition before it stops at `minSamples` (a slow endpoint must not hold up the run). */ budgetMs: number;
    minSamples: number;
  };
  /**
   * `mapLayout`: whether the fill's worker places the map in the background (`--no-map-layout` turns it
   * off, WORKER_MAP_LAYOUT=0, to measure the journeys' memory on a worker that leaves the map to another).
   */
  openJourneys: { n: number; concurrency: number; mapLayout: boolean };
  /** The public pages and files at the larger staff-reads size, against the dashboard (bench/public-side.ts). */
  publicSide: { samplesPerRep: number; reps: number; budgetMs: number; minSamples: number };
  /** Opening a round (ballots sent per second) against onboarding (bench/round-opening.ts). */
  roundOpening: { n: number; reps: number; concurrency: number };
  /** The portfolio page with 500 initiatives and 10,000 ballots, against the dashboard (bench/portfolio-page.ts). */
  portfolioPage: {
    initiatives: number;
    rounds: number;
    samplesPerRep: number;
    reps: number;
    budgetMs: number;
    minSamples: number;
  };
  /** The same in both profiles: `--only=codec` must stay within about ten minutes on a 2-core machine. */
  codec: { n: number; reps: number; warmup: number; concurrency: number };
  longLife: { journeys: number; periods: number };
  /** Limiter decisions per series and repetition, and partners answering through the limited route per repetition. */
  rateLimit: { decisions: number; answers: number; reps: number; concurrency: number };
}

const codec = { n: 60, reps: 4, warmup: 10, concurrency: 20 };

export const profiles: Record<ProfileName, Profile> = {
  quick: {
    name: 'quick',
    onboarding: { n: 30, reps: 3, warmup: 10, concurrency: 20 },
    // No warm-up of its own: onboarding, which runs first, warms the same API, worker and baseline worker.
    // Without the explanatory series: the like-for-like baselines (issue 28) take their time in the 5 minutes.
    decision: { answersPerRep: 30, reps: 3, concurrency: 20, warmup: 0, explanatory: false },
    staffReads: {
      sizes: [
        { partners: 1_000, requests: 4_000, indicatorValues: 20_000 },
        { partners: 10_000, requests: 40_000, indicatorValues: 200_000 },
      ],
      samplesPerRep: 30,
      reps: 3,
      budgetMs: 4_000,
      minSamples: 6,
    },
    openJourneys: { n: 100, concurrency: 20, mapLayout: true },
    publicSide: { samplesPerRep: 30, reps: 3, budgetMs: 4_000, minSamples: 6 },
    roundOpening: { n: 200, reps: 2, concurrency: 20 },
    portfolioPage: { initiatives: 500, rounds: 10, samplesPerRep: 30, reps: 3, budgetMs: 4_000, minSamples: 6 },
    codec,
    longLife: { journeys: 1, periods: 40 },
    rateLimit: { decisions: 500, answers: 30, reps: 3, concurrency: 20 },
  },
  full: {
    name: 'full',
    onboarding: { n: 1_000, reps: 3, warmup: 50, concurrency: 20 },
    decision: { answersPerRep: 200, reps: 3, concurrency: 20, warmup: 40, explanatory: true },
    staffReads: {
      sizes: [
        { partners: 1_000, requests: 4_000, indicatorValues: 20_000 },
        { partners: 10_000, requests: 40_000, indicatorValues: 200_000 },
      ],
      samplesPerRep: 200,
      reps: 3,
      budgetMs: 60_000,
      minSamples: 40,
    },
    openJourneys: { n: 10_000, concurrency: 20, mapLayout: true },
    publicSide: { samplesPerRep: 200, reps: 3, budgetMs: 60_000, minSamples: 40 },
    roundOpening: { n: 1_000, reps: 3, concurrency: 20 },
    portfolioPage: { initiatives: 500, rounds: 10, samplesPerRep: 200, reps: 3, budgetMs: 60_000, minSamples: 40 },
    codec,
    longLife: { journeys: 3, periods: 40 },
    rateLimit: { decisions: 5_000, answers: 200, reps: 3, concurrency: 20 },
  },
};

export interface BenchContext {
  profile: Profile;
  servers: BenchServers;
  mailbox: Mailbox;
  /** The system (API here, worker process) shared by onboarding and decision latency; started on first use. */
  systemApp(): Promise<BenchApp>;
  /** The baseline worker process shared by onboarding, decision latency and long life; started on first use. */
  baselineWorker(): Promise<BaselineWorker>;
}

/** One line of the summary table. */
export interface Figure {
  measurement: string;
  metric: string;
  system: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean | undefined;
}

export interface MeasurementResult {
  name: string;
  figures: Figure[];
  /** Everything measured, for the JSON file. */
  details: Record<string, unknown>;
  /** Lines of evidence (EXPLAIN summaries, CPU per item, …) printed under the table. */
  notes: string[];
}
