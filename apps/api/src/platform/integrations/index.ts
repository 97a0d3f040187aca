/**
 * National systems Dargah cannot reach from here (civil registry, exchange hub, payment gateway,
 * SMS) sit behind interfaces; each adapter registers whether it is the local simulator or the
 * real connector, and /readyz reports which simulators are active.
 */
export interface IntegrationInfo {
  name: string;
  mode: 'simulator' | 'live';
  description: string;
}

export class IntegrationRegistry {
  private readonly items = new Map<string, IntegrationInfo>();
  register(info: IntegrationInfo): void {
    this.items.set(info.name, info);
  }
  list(): IntegrationInfo[] {
    return [...this.items.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
  simulators(): string[] {
    return this.list()
      .filter((i) => i.mode === 'simulator')
      .map((i) => i.name);
  }
}
