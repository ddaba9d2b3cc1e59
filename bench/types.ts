export interface BenchRow { goal: string; what: string; median: number; min: number; max: number; floor?: number; ratio?: number; target?: string; pass?: boolean }
