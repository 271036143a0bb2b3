import type { DemoContext } from '../demo/demo.seed';

/** Demo data of this capability, loaded after the organisation. */
export async function seedDemo(_ctx: DemoContext): Promise<void> {}
